/**
 * Transient faults, part 1: 503 bursts with and without `Retry-After` on every endpoint the
 * provider calls, during create, refresh, update, rotation and delete (see support/transient.ts).
 */
import { Scenario } from "./support/figures";
import { defineTransientTable } from "./support/transient";

const scenario = new Scenario(
  "transient-faults-status",
  "Transient faults",
  "503 bursts, with and without Retry-After",
  __filename,
);

describe("transient faults: 503 responses", () => {
  defineTransientTable(scenario, ["503 burst", "503 + Retry-After 1 s"]);
});
