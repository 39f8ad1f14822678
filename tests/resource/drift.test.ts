/**
 * Drift: changes made to a client outside Pulumi (the Genesys admin UI, played by the emulator's
 * admin API) as `pulumi preview --refresh`, `pulumi up --refresh` and `pulumi refresh` see them.
 */
import type { OAuthClientArgs } from "../../provider";
import { EMULATOR_ROLE_IDS, type SeedClientInput } from "../../provider/emulator";
import { calls, idOf, outputsOf, startHarness, stepOf, writes, type Harness } from "./harness";

const CLIENTS = "/api/v2/oauth/clients";
const worker: OAuthClientArgs = {
  authorizedGrantType: "CLIENT-CREDENTIALS",
  description: "nightly sync",
  accessTokenValiditySeconds: 7200,
  roleDivisions: [{ roleId: EMULATOR_ROLE_IDS.developer }],
};
const portal: OAuthClientArgs = {
  authorizedGrantType: "CODE",
  description: "customer portal",
  scope: ["users:readonly", "analytics"],
  registeredRedirectUri: ["https://portal.example.com/cb"],
};

/** Arrays sorted (sets compare in any order), other values as they are. */
function sorted(value: unknown): unknown {
  return Array.isArray(value) ? [...(value as string[])].sort() : value;
}

describe("OAuthClient drift", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    await h.reset();
  });

  const edits: [string, string, SeedClientInput, unknown][] = [
    ["description", "worker", { description: "edited in the admin UI" }, "nightly sync"],
    ["scope", "portal", { scope: ["users:readonly", "analytics", "routing"] }, undefined],
    ["state", "worker", { state: "inactive" }, "active"],
    ["accessTokenValiditySeconds", "worker", { accessTokenValiditySeconds: 600 }, 7200],
  ];
  it.each(edits)(
    "shows an out-of-band %s edit in preview --refresh and reverts it with one PUT",
    async (key, name, patch, declared) => {
      expect((await h.up({ worker, portal })).errors).toEqual([]);
      const id = idOf(h.engine, name);
      const stateBefore = h.engine.state;
      await h.emulator.admin.patchClient(id, patch);
      await h.clearLog();

      const preview = await h.preview({ worker, portal }, { refresh: true });
      expect(preview.errors).toEqual([]);
      const [refreshStep, programStep] = preview.steps.filter((s) => s.name === name);
      expect([refreshStep.op, refreshStep.diffKeys]).toEqual(["refresh-update", [key]]);
      expect(sorted(refreshStep.outputs?.[key])).toEqual(
        sorted(patch[key as keyof SeedClientInput]),
      );
      expect([programStep.op, programStep.diffKeys]).toEqual(["update", [key]]);
      const other = preview.steps.filter((s) => s.name !== name).map((s) => s.op);
      expect(other).toEqual(["refresh-same", "same"]);
      // A preview reads (GET) and changes nothing, neither in the org nor in the state.
      expect(writes(await h.apiRequests())).toEqual([]);
      expect(h.engine.state).toEqual(stateBefore);

      await h.clearLog();
      const up = await h.up({ worker, portal }, { refresh: true });
      expect(up.errors).toEqual([]);
      expect(writes(await h.apiRequests())).toEqual([`PUT ${CLIENTS}/${id}`]);
      const live = (await h.emulator.admin.clients()).find((c) => c.id === id);
      const expected = declared ?? (name === "portal" ? portal : worker)[key as "scope"];
      expect(sorted(live?.[key as keyof typeof live])).toEqual(sorted(expected));
      expect(outputsOf(h.engine, name)[key]).toEqual(sorted(expected));

      // Converged: the next preview --refresh shows nothing.
      const after = await h.preview({ worker, portal }, { refresh: true });
      expect(after.steps.map((s) => s.op)).toEqual([
        "refresh-same",
        "refresh-same",
        "same",
        "same",
      ]);
    },
  );

  it("forgets a client deleted out of band on refresh and creates a new one on the next up", async () => {
    expect((await h.up({ worker })).errors).toEqual([]);
    const oldId = idOf(h.engine, "worker");
    await h.emulator.admin.deleteClient(oldId);

    const refresh = await h.engine.refresh();
    expect(refresh.errors).toEqual([]);
    expect(stepOf(refresh, "worker").op).toBe("refresh-delete");
    expect(h.engine.state).toEqual([]);

    await h.clearLog();
    const up = await h.up({ worker });
    expect(up.errors).toEqual([]);
    expect(stepOf(up, "worker").op).toBe("create");
    expect(writes(await h.apiRequests())).toEqual([`POST ${CLIENTS}`]);
    expect(idOf(h.engine, "worker")).not.toBe(oldId);
  });

  it("shows a client disabled by support and explains why it can be neither changed nor deleted", async () => {
    expect((await h.up({ worker })).errors).toEqual([]);
    const id = idOf(h.engine, "worker");
    await h.emulator.admin.patchClient(id, { state: "disabled" });

    const refresh = await h.engine.refresh();
    expect(refresh.errors).toEqual([]);
    expect([stepOf(refresh, "worker").op, stepOf(refresh, "worker").diffKeys]).toEqual([
      "refresh-update",
      ["state"],
    ]);
    expect(outputsOf(h.engine, "worker").state).toBe("disabled");

    await h.clearLog();
    const up = await h.up({ worker: { ...worker, description: "changed" } });
    expect(up.ok).toBe(false);
    expect(stepOf(up, "worker").error).toMatch(
      new RegExp(`OAuth client "worker" \\(${id}\\) is disabled by Genesys Cloud support`),
    );
    expect(stepOf(up, "worker").error).toMatch(/Ask Genesys Cloud support to re-enable it/);

    await h.clearLog();
    const destroy = await h.destroy();
    expect(destroy.ok).toBe(false);
    expect(stepOf(destroy, "worker").error).toMatch(/is disabled by Genesys Cloud support/);
    expect(stepOf(destroy, "worker").error).toMatch(/pulumi state delete/);
    expect(calls(await h.apiRequests())).not.toContain(`DELETE ${CLIENTS}/${id}`);
    expect((await h.emulator.admin.clients()).find((c) => c.id === id)?.state).toBe("disabled");
    expect(h.engine.resource("worker")).toBeDefined();
  });
});
