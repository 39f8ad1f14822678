/**
 * Transient faults, part 2: connection resets and responses slower than the provider's timeout on
 * every endpoint the provider calls, during create, refresh, update, rotation and delete (see
 * support/transient.ts).
 */
import { Scenario } from "./support/figures";
import { defineTransientTable } from "./support/transient";

const scenario = new Scenario(
  "transient-faults-network",
  "Transient faults",
  "Connection resets and slow responses",
  __filename,
);

describe("transient faults: resets and timeouts", () => {
  defineTransientTable(scenario, ["connection reset", "slow response"]);
});
