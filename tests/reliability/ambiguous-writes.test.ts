/**
 * Ambiguous writes: the emulator applies the write, then resets the connection before answering
 * (`commit-then-reset`), so the provider cannot know whether it happened. The provider must never
 * create a duplicate, never lose track of a client, and never end with a state holding a secret
 * that no longer works (each recorded secret is tried at the token endpoint).
 */
import type { OAuthClientArgs } from "../../provider";
import { EMULATOR_ROLE_IDS, type FaultSpec } from "../../provider/emulator";
import type { OperationResult } from "../../provider/testing";
import {
  idOf,
  login,
  outputsOf,
  resourceOf,
  secretOf,
  stepOf,
  visibleText,
  type Harness,
} from "../resource/harness";
import { Scenario } from "./support/figures";
import { withScenarioHarness } from "./support/harness-suite";
import { checkOrg, NO_PROBLEMS, problems, type OrgCheck } from "./support/org";
import { CLIENTS, repeatsOf } from "./support/requests";

const scenario = new Scenario(
  "ambiguous-writes",
  "Ambiguous writes",
  "Writes applied whose response was lost",
  __filename,
);

const CLIENT: OAuthClientArgs = {
  name: "ambiguous-write-client",
  authorizedGrantType: "CLIENT-CREDENTIALS",
  roleDivisions: [{ roleId: EMULATOR_ROLE_IDS.developer }],
  secretRotationTrigger: "1",
};
const LOST: Partial<FaultSpec> = { kind: "commit-then-reset", times: 1 };

describe("ambiguous writes", () => {
  let h: Harness;
  withScenarioHarness(scenario, (started) => {
    h = started;
  });

  /** Runs `up` with the one client `args`, counting it. */
  async function up(args: OAuthClientArgs): Promise<OperationResult> {
    scenario.add("operations (up / destroy)");
    return h.up({ client: args });
  }

  /** Asserts the end state and records the case. */
  async function settled(title: string, runs: number): Promise<OrgCheck> {
    const end = await checkOrg(h.emulator, [h.engine]);
    expect(problems(end)).toEqual(NO_PROBLEMS);
    const log = await h.emulator.admin.requests();
    const faults = log.filter((e) => e.fault !== undefined).length;
    const repeats = repeatsOf(log, end.deadSecrets.length === 0);
    expect(repeats.filter((r) => r.safety === "UNSAFE")).toEqual([]);
    scenario.add("cases");
    scenario.add("faults injected", faults);
    scenario.add("duplicates", end.duplicates);
    scenario.add("orphans", end.orphans.length);
    scenario.add("recorded secrets that no longer work", end.deadSecrets.length);
    scenario.add("secrets verified at the token endpoint", end.secretsVerified);
    scenario.row(
      "Cases",
      ["case", "faults", "repeats (why safe)", "runs of up", "clients in org", "secret works"],
      [
        title,
        faults,
        repeats.length === 0
          ? "none"
          : `${repeats.length} (${[...new Set(repeats.map((r) => r.safety))].join(", ")})`,
        runs,
        end.live,
        end.secretsVerified > 0 ? "yes" : "n/a",
      ],
    );
    return end;
  }

  scenario.it("a create whose response was lost is found, not made twice", async () => {
    await h.emulator.admin.addFault({ method: "POST", path: CLIENTS, ...LOST });
    const result = await up(CLIENT);
    expect(result.errors).toEqual([]);
    expect(visibleText(result)).toMatch(/response was lost; found the client it created/);
    const end = await settled("POST create: response lost", 1);
    expect(end).toMatchObject({ live: 1, duplicates: 0, secretsVerified: 1 });
  });

  scenario.it(
    "a rotation whose response was lost is repeated, and the stack ends with the newest secret",
    async () => {
      expect((await up(CLIENT)).errors).toEqual([]);
      const id = idOf(h.engine, "client");
      const before = secretOf(h.engine, "client");
      await h.clearLog();
      await h.emulator.admin.addFault({ method: "POST", path: `${CLIENTS}/${id}/secret`, ...LOST });
      expect((await up({ ...CLIENT, secretRotationTrigger: "2" })).errors).toEqual([]);
      const end = await settled("POST secret: response lost", 1);
      expect(end.secretsVerified).toBe(1);
      // Two regenerations happened; the one the stack holds is the last, the first is dead.
      expect((await login(h.emulator, id, before)).status).toBe(400);
      expect(secretOf(h.engine, "client")).not.toBe(before);
    },
  );

  scenario.it("an update whose response was lost is repeated and the state matches", async () => {
    expect((await up(CLIENT)).errors).toEqual([]);
    const id = idOf(h.engine, "client");
    await h.clearLog();
    await h.emulator.admin.addFault({ method: "PUT", path: `${CLIENTS}/${id}`, ...LOST });
    expect((await up({ ...CLIENT, description: "changed" })).errors).toEqual([]);
    await settled("PUT update: response lost", 1);
    expect(outputsOf(h.engine, "client").description).toBe("changed");
  });

  scenario.it(
    "a create's follow-up PUT whose response was lost is repeated, and the client ends inactive",
    async () => {
      await h.emulator.admin.addFault({ method: "PUT", path: CLIENTS, ...LOST });
      expect((await up({ ...CLIENT, state: "inactive" })).errors).toEqual([]);
      await settled("PUT make inactive (create): response lost", 1);
      expect(outputsOf(h.engine, "client").state).toBe("inactive");
    },
  );

  scenario.it("a delete whose response was lost completes, nothing left behind", async () => {
    expect((await up(CLIENT)).errors).toEqual([]);
    const id = idOf(h.engine, "client");
    await h.clearLog();
    await h.emulator.admin.addFault({ method: "DELETE", path: `${CLIENTS}/${id}`, ...LOST });
    scenario.add("operations (up / destroy)");
    expect((await h.destroy()).errors).toEqual([]);
    const end = await settled("DELETE: response lost", 1);
    expect(end.live).toBe(0);
  });

  scenario.it(
    "a create whose response was lost and whose secret regeneration then failed is kept in the state",
    async () => {
      await h.emulator.admin.addFault({ method: "POST", path: CLIENTS, ...LOST });
      // The recovery regenerates the secret of the client it found; that request fails for good.
      await h.emulator.admin.addFault({ method: "POST", path: `${CLIENTS}/`, status: 409 });
      const failed = await up(CLIENT);
      expect(failed.ok).toBe(false);
      expect(stepOf(failed, "client").initErrors?.length).toBe(1);
      const partial = resourceOf(h.engine, "client");
      expect(typeof partial.outputs.__provider).toBe("string");
      expect(partial.outputs.clientSecret).toBeUndefined();
      let end = await checkOrg(h.emulator, [h.engine]);
      expect(problems(end)).toEqual(NO_PROBLEMS);

      const retry = await up(CLIENT);
      expect(retry.errors).toEqual([]);
      end = await settled("POST create: response lost, then secret regeneration refused", 2);
      expect(end).toMatchObject({ live: 1, secretsVerified: 1 });
    },
  );

  scenario.it(
    "a rotation whose response was lost and whose repeat failed leaves no dead secret in the state",
    async () => {
      expect((await up(CLIENT)).errors).toEqual([]);
      const id = idOf(h.engine, "client");
      const before = secretOf(h.engine, "client");
      await h.clearLog();
      const path = `${CLIENTS}/${id}/secret`;
      await h.emulator.admin.addFault({ method: "POST", path, ...LOST });
      await h.emulator.admin.addFault({ method: "POST", path, status: 409 });
      const failed = await up({ ...CLIENT, secretRotationTrigger: "2" });
      expect(failed.ok).toBe(false);
      expect(visibleText(failed)).toMatch(/may have been regenerated/);
      // The first attempt was applied: the old secret is dead, so the state must not keep it.
      expect((await login(h.emulator, id, before)).status).toBe(400);
      expect(resourceOf(h.engine, "client").outputs.clientSecret).toBeUndefined();

      expect((await up({ ...CLIENT, secretRotationTrigger: "2" })).errors).toEqual([]);
      const end = await settled("POST secret: response lost, then the repeat refused", 2);
      expect(end.secretsVerified).toBe(1);
    },
  );
});
