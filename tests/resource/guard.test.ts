/**
 * The deletion guard (`deletionGuard: { unusedForDays }`): destroy asks Genesys Cloud for the
 * client's API usage first and refuses to delete a client that is still used, or whose usage
 * cannot be established. Usage polls are shortened through the stack config.
 */
import type { OAuthClientArgs } from "../../provider";
import { EMULATOR_ROLE_IDS } from "../../provider/emulator";
import { calls, idOf, login, secretOf, withHarness, stepOf, writes, type Harness } from "./harness";

const CLIENTS = "/api/v2/oauth/clients";
const DAY_MS = 86_400_000;
const guarded: OAuthClientArgs = {
  name: "guarded-sync",
  authorizedGrantType: "CLIENT-CREDENTIALS",
  roleDivisions: [{ roleId: EMULATOR_ROLE_IDS.developer }],
  deletionGuard: { unusedForDays: 30 },
};

describe("OAuthClient deletion guard", () => {
  let h: Harness;
  withHarness(
    {
      extraConfig: {
        "genesyscloud:usagePollIntervalMs": "10",
        "genesyscloud:usagePollTimeoutMs": "1000",
      },
    },
    (started) => (h = started),
  );
  beforeEach(async () => {
    expect((await h.up({ guarded })).errors).toEqual([]);
  });

  /** Uses the client as an application would: log in with its secret, call the API `times`. */
  async function useClient(times: number): Promise<void> {
    const id = idOf(h.engine, "guarded");
    const token = await login(h.emulator, id, secretOf(h.engine, "guarded"));
    expect(token.status).toBe(200);
    for (let i = 0; i < times; i++) {
      const res = await fetch(`${h.emulator.apiUrl}${CLIENTS}`, {
        headers: { Authorization: `Bearer ${String(token.body.access_token)}` },
      });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
  }

  /** The guard looked at the usage and touched nothing. */
  async function expectUntouched(): Promise<void> {
    const id = idOf(h.engine, "guarded");
    const served = await h.apiRequests();
    expect(calls(served)).toContain(`GET ${CLIENTS}/${id}/usage/summary`);
    expect(writes(served)).toEqual([]);
    expect((await h.emulator.admin.clients()).find((c) => c.id === id)?.state).toBe("active");
    expect(h.engine.resource("guarded")).toBeDefined();
  }

  it("refuses to destroy a client that made API requests within the window", async () => {
    await useClient(3);
    await h.clearLog();

    const destroy = await h.destroy();
    expect(destroy.ok).toBe(false);
    const error = stepOf(destroy, "guarded").error ?? "";
    expect(error).toMatch(/Refusing to delete OAuth client "guarded-sync"/);
    expect(error).toMatch(/it made 3 API requests in the last 30 days/);
    expect(error).toMatch(/remove `deletionGuard` from the resource, run `pulumi up`, then delete/);
    await expectUntouched();
  });

  it("destroys a client whose only use is older than the window", async () => {
    const id = idOf(h.engine, "guarded");
    await h.emulator.admin.seedUsage(id, [
      { date: new Date(Date.now() - 40 * DAY_MS).toISOString(), status200: 500 },
    ]);
    await h.clearLog();

    const destroy = await h.destroy();
    expect(destroy.errors).toEqual([]);
    const served = calls(await h.apiRequests());
    expect(served[0]).toBe(`GET ${CLIENTS}/${id}/usage/summary`);
    expect(served.slice(-3)).toEqual([
      `PUT ${CLIENTS}/${id}`,
      `DELETE ${CLIENTS}/${id}`,
      `GET ${CLIENTS}/${id}`,
    ]);
    expect((await h.emulator.admin.clients()).some((c) => c.id === id)).toBe(false);
  });

  it("refuses to destroy when the usage query fails", async () => {
    await h.emulator.admin.updateSettings({ usageQueryOutcome: "Failed" });
    await h.clearLog();

    const destroy = await h.destroy();
    expect(destroy.ok).toBe(false);
    expect(stepOf(destroy, "guarded").error).toMatch(
      /could not establish its API usage over the last 30 days .*Nothing was changed/,
    );
    await expectUntouched();
  });

  it("refuses to destroy when the usage query does not finish in time", async () => {
    await h.emulator.admin.updateSettings({ usagePollsBeforeComplete: 1_000_000 });
    await h.clearLog();

    const destroy = await h.destroy();
    expect(destroy.ok).toBe(false);
    expect(stepOf(destroy, "guarded").error).toMatch(
      /could not establish its API usage .*Nothing was changed/,
    );
    await expectUntouched();
  });

  it("destroys a guarded client that is already gone, without touching anything", async () => {
    const id = idOf(h.engine, "guarded");
    await h.emulator.admin.deleteClient(id);
    await h.clearLog();

    const destroy = await h.destroy();
    expect(destroy.errors).toEqual([]);
    expect(h.engine.state).toEqual([]);
    expect((await h.apiRequests()).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `GET ${CLIENTS}/${id}/usage/summary 404`,
      `GET ${CLIENTS}/${id} 404`,
    ]);
  });

  it("lets a used client go after the guard is removed with an up that sends nothing", async () => {
    await useClient(2);
    const { deletionGuard: _guard, ...unguarded } = guarded;
    await h.clearLog();

    const up = await h.up({ guarded: unguarded });
    expect(up.errors).toEqual([]);
    expect([stepOf(up, "guarded").op, stepOf(up, "guarded").diffKeys]).toEqual([
      "update",
      ["deletionGuard"],
    ]);
    expect(await h.requests()).toEqual([]);

    const id = idOf(h.engine, "guarded");
    const destroy = await h.destroy();
    expect(destroy.errors).toEqual([]);
    expect(calls(await h.apiRequests())).toEqual([
      `PUT ${CLIENTS}/${id}`,
      `DELETE ${CLIENTS}/${id}`,
      `GET ${CLIENTS}/${id}`,
    ]);
  });
});
