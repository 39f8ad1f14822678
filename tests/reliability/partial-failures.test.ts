/**
 * Partial failures: a step fails after the client exists in Genesys Cloud (the follow-up PUT of a
 * create, the rotation after an update's PUT, the rotation of an adoption), with a status the
 * provider does not retry (409). The client must stay in the state with `__provider` and its
 * secret, so nothing is orphaned; the next `up` finishes the job, and `destroy` or `refresh`
 * right after the failure work too.
 */
import type { OAuthClientArgs } from "../../provider";
import { EMULATOR_ROLE_IDS } from "../../provider/emulator";
import { isSecret, type OperationResult } from "../../provider/testing";
import { idOf, outputsOf, resourceOf, secretOf, stepOf, type Harness } from "../resource/harness";
import { Scenario } from "./support/figures";
import { withScenarioHarness } from "./support/harness-suite";
import { checkOrg, NO_PROBLEMS, problems } from "./support/org";
import { CLIENTS } from "./support/requests";

const scenario = new Scenario(
  "partial-failures",
  "Partial failures",
  "Failures after the client exists",
  __filename,
);

const CLIENT: OAuthClientArgs = {
  name: "partial-failure-client",
  authorizedGrantType: "CLIENT-CREDENTIALS",
  roleDivisions: [{ roleId: EMULATOR_ROLE_IDS.developer }],
  secretRotationTrigger: "1",
};
const INACTIVE: OAuthClientArgs = { ...CLIENT, state: "inactive" };
/** 409 is never retried: the request fails for good. */
const REFUSED = { status: 409, times: 1 };

describe("partial failures", () => {
  let h: Harness;
  withScenarioHarness(scenario, (started) => {
    h = started;
  });

  async function run(op: () => Promise<OperationResult>): Promise<OperationResult> {
    scenario.add("operations (up / refresh / destroy)");
    return op();
  }

  /** Asserts that the failed step recorded the client (partial failure) and the org agrees. */
  async function expectRecorded(result: OperationResult): Promise<void> {
    expect(result.ok).toBe(false);
    expect(stepOf(result, "client").initErrors).toHaveLength(1);
    const res = resourceOf(h.engine, "client");
    expect(res.initErrors).toHaveLength(1);
    expect(typeof res.outputs.__provider).toBe("string");
    expect(isSecret(res.outputs.clientSecret)).toBe(true);
    const end = await checkOrg(h.emulator, [h.engine]);
    expect(problems(end)).toEqual(NO_PROBLEMS);
    expect(end.secretsVerified).toBe(1);
    scenario.add("partial failures recorded in the state");
    scenario.add("orphans", end.orphans.length);
  }

  /** Asserts the final, consistent end state. */
  async function expectConsistent(managed: number): Promise<void> {
    const end = await checkOrg(h.emulator, [h.engine]);
    expect(problems(end)).toEqual(NO_PROBLEMS);
    expect(end.managed).toBe(managed);
    expect(end.live).toBe(managed);
    scenario.add("duplicates", end.duplicates);
    scenario.add("orphans", end.orphans.length);
    scenario.add("recorded secrets that no longer work", end.deadSecrets.length);
  }

  scenario.it(
    "a create whose follow-up PUT failed is recorded; the next up finishes it",
    async () => {
      await h.emulator.admin.addFault({ method: "PUT", path: CLIENTS, ...REFUSED });
      await expectRecorded(await run(() => h.up({ client: INACTIVE })));
      expect(outputsOf(h.engine, "client").state).toBe("active");

      const next = await run(() => h.up({ client: INACTIVE }));
      expect(next.errors).toEqual([]);
      expect(stepOf(next, "client").op).toBe("update");
      expect(resourceOf(h.engine, "client").initErrors).toBeUndefined();
      expect(outputsOf(h.engine, "client").state).toBe("inactive");
      await expectConsistent(1);
      scenario.add("finished by the next up");
      scenario.row(
        "Cases",
        ["failure", "recorded", "then", "end state"],
        [
          "create: PUT inactive refused (409)",
          "yes, active, secret works",
          "up",
          "inactive, state = org",
        ],
      );
    },
  );

  scenario.it("destroy right after a partial failure deletes the client", async () => {
    await h.emulator.admin.addFault({ method: "PUT", path: CLIENTS, ...REFUSED });
    await expectRecorded(await run(() => h.up({ client: INACTIVE })));

    expect((await run(() => h.destroy())).errors).toEqual([]);
    expect(h.engine.state).toEqual([]);
    await expectConsistent(0);
    scenario.add("destroyed right after a partial failure");
    scenario.row(
      "Cases",
      ["failure", "recorded", "then", "end state"],
      ["create: PUT inactive refused (409)", "yes", "destroy", "deleted, nothing left"],
    );
  });

  scenario.it(
    "refresh right after a partial failure reads the client, and up then finishes it",
    async () => {
      await h.emulator.admin.addFault({ method: "PUT", path: CLIENTS, ...REFUSED });
      await expectRecorded(await run(() => h.up({ client: INACTIVE })));

      const refresh = await run(() => h.engine.refresh());
      expect(refresh.errors).toEqual([]);
      expect(secretOf(h.engine, "client")).toEqual(expect.any(String));
      expect((await run(() => h.up({ client: INACTIVE }))).errors).toEqual([]);
      expect(outputsOf(h.engine, "client").state).toBe("inactive");
      await expectConsistent(1);
      scenario.row(
        "Cases",
        ["failure", "recorded", "then", "end state"],
        ["create: PUT inactive refused (409)", "yes", "refresh, up", "inactive, state = org"],
      );
    },
  );

  scenario.it(
    "an update whose rotation failed records the change with the working secret; the next up rotates",
    async () => {
      expect((await run(() => h.up({ client: CLIENT }))).errors).toEqual([]);
      const id = idOf(h.engine, "client");
      const before = secretOf(h.engine, "client");
      await h.emulator.admin.addFault({
        method: "POST",
        path: `${CLIENTS}/${id}/secret`,
        ...REFUSED,
      });
      const changed = { ...CLIENT, description: "changed", secretRotationTrigger: "2" };
      await expectRecorded(await run(() => h.up({ client: changed })));
      expect(outputsOf(h.engine, "client").description).toBe("changed");
      expect(secretOf(h.engine, "client")).toBe(before);

      expect((await run(() => h.up({ client: changed }))).errors).toEqual([]);
      expect(secretOf(h.engine, "client")).not.toBe(before);
      await expectConsistent(1);
      scenario.add("finished by the next up");
      scenario.row(
        "Cases",
        ["failure", "recorded", "then", "end state"],
        [
          "update: PUT applied, rotation refused (409)",
          "yes, change kept, old secret (works)",
          "up",
          "rotated, state = org",
        ],
      );
    },
  );

  scenario.it(
    "an adoption whose rotation failed is recorded; the next up rotates, and destroy deletes it",
    async () => {
      const seeded = await h.emulator.admin.seedClient({
        name: CLIENT.name as string,
        authorizedGrantType: "CLIENT-CREDENTIALS",
        roleDivisions: [
          { roleId: EMULATOR_ROLE_IDS.developer, divisionId: h.emulator.homeDivisionId },
        ],
      });
      const adopt = { ...CLIENT, adoptClientId: seeded.id };
      await h.emulator.admin.addFault({
        method: "POST",
        path: `${CLIENTS}/${seeded.id}/secret`,
        ...REFUSED,
      });
      const failed = await run(() => h.up({ client: adopt }));
      expect(failed.ok).toBe(false);
      expect(resourceOf(h.engine, "client").id).toBe(seeded.id);
      expect(typeof resourceOf(h.engine, "client").outputs.__provider).toBe("string");
      scenario.add("partial failures recorded in the state");

      expect((await run(() => h.up({ client: adopt }))).errors).toEqual([]);
      await expectConsistent(1);
      expect((await run(() => h.destroy())).errors).toEqual([]);
      await expectConsistent(0);
      scenario.add("finished by the next up");
      scenario.row(
        "Cases",
        ["failure", "recorded", "then", "end state"],
        [
          "adoption: rotation refused (409)",
          "yes, without a secret",
          "up, destroy",
          "deleted, nothing left",
        ],
      );
    },
  );
});
