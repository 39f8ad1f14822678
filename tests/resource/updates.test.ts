/**
 * Updates in place: each field change of a client is one PUT with exactly the changed keys shown,
 * never a replacement (the API changes every field in place, even the grant type).
 */
import type { OAuthClientArgs } from "../../provider";
import { EMULATOR_DIVISION_IDS, EMULATOR_ROLE_IDS } from "../../provider/emulator";
import { markUnknown } from "../../provider/testing";
import {
  clientsProgram,
  idOf,
  ops,
  outputsOf,
  secretOf,
  startHarness,
  stepOf,
  writes,
  type Harness,
} from "./harness";

const { admin: ADMIN, developer: DEVELOPER } = EMULATOR_ROLE_IDS;
const { home: HOME, sales: SALES } = EMULATOR_DIVISION_IDS;
const CLIENTS = "/api/v2/oauth/clients";

const worker: OAuthClientArgs = {
  authorizedGrantType: "CLIENT-CREDENTIALS",
  description: "nightly sync",
  roleDivisions: [{ roleId: ADMIN }],
};
const portal: OAuthClientArgs = {
  authorizedGrantType: "CODE",
  scope: ["users:readonly", "analytics", "routing"],
  registeredRedirectUri: ["https://b.example.com/cb", "https://a.example.com/cb"],
};

describe("OAuthClient updates", () => {
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

  const changes: [string, Record<string, OAuthClientArgs>, Record<string, OAuthClientArgs>][] = [
    ["name", { worker }, { worker: { ...worker, name: "worker-renamed" } }],
    ["description", { worker }, { worker: { ...worker, description: "hourly sync" } }],
    [
      "accessTokenValiditySeconds",
      { worker },
      { worker: { ...worker, accessTokenValiditySeconds: 3600 } },
    ],
    [
      "registeredRedirectUri",
      { portal },
      {
        portal: {
          ...portal,
          registeredRedirectUri: ["https://a.example.com/cb", "https://c.example.com/cb"],
        },
      },
    ],
    ["scope", { portal }, { portal: { ...portal, scope: ["users:readonly", "analytics"] } }],
    [
      "roleDivisions",
      { worker },
      {
        worker: {
          ...worker,
          roleDivisions: [{ roleId: ADMIN }, { roleId: ADMIN, divisionId: SALES }],
        },
      },
    ],
  ];
  it.each(changes)("updates %s in place with exactly one PUT", async (key, before, after) => {
    expect((await h.up(before)).errors).toEqual([]);
    const [name] = Object.keys(before);
    const id = idOf(h.engine, name);
    await h.clearLog();

    const preview = await h.preview(after);
    expect([stepOf(preview, name).op, stepOf(preview, name).diffKeys]).toEqual(["update", [key]]);
    const up = await h.up(after);
    expect(up.errors).toEqual([]);
    expect([stepOf(up, name).op, stepOf(up, name).diffKeys]).toEqual(["update", [key]]);
    expect(writes(await h.apiRequests())).toEqual([`PUT ${CLIENTS}/${id}`]);
    expect(idOf(h.engine, name)).toBe(id);

    const [live] = (await h.emulator.admin.clients()).filter((c) => c.id === id);
    const declared = after[name] as unknown as Record<string, unknown>;
    if (key === "roleDivisions") {
      expect(live.roleDivisions).toEqual(
        expect.arrayContaining([
          { roleId: ADMIN, divisionId: HOME },
          { roleId: ADMIN, divisionId: SALES },
        ]),
      );
      expect(live.roleDivisions).toHaveLength(2);
    } else if (Array.isArray(declared[key])) {
      expect([...(live[key as keyof typeof live] as string[])].sort()).toEqual(
        [...(declared[key] as string[])].sort(),
      );
    } else {
      expect(live[key as keyof typeof live]).toEqual(declared[key]);
    }
  });

  it("switches state active → inactive → active with one PUT each", async () => {
    expect((await h.up({ worker })).errors).toEqual([]);
    const id = idOf(h.engine, "worker");
    for (const state of ["inactive", "active"]) {
      await h.clearLog();
      const up = await h.up({ worker: { ...worker, state } });
      expect(up.errors).toEqual([]);
      expect([stepOf(up, "worker").op, stepOf(up, "worker").diffKeys]).toEqual([
        "update",
        ["state"],
      ]);
      expect(writes(await h.apiRequests())).toEqual([`PUT ${CLIENTS}/${id}`]);
      expect((await h.emulator.admin.clients()).find((c) => c.id === id)?.state).toBe(state);
      expect(outputsOf(h.engine, "worker").state).toBe(state);
    }
  });

  it("keeps deprecated roleIds declared next to roleDivisions stable: no change after up or refresh", async () => {
    const legacy = {
      worker: {
        ...worker,
        roleDivisions: [{ roleId: ADMIN, divisionId: SALES }],
        roleIds: [DEVELOPER],
      },
    };
    expect((await h.up(legacy)).errors).toEqual([]);
    const id = idOf(h.engine, "worker");
    const live = (await h.emulator.admin.clients()).find((c) => c.id === id);
    expect(live?.roleDivisions).toEqual(
      expect.arrayContaining([
        { roleId: ADMIN, divisionId: SALES },
        { roleId: DEVELOPER, divisionId: HOME },
      ]),
    );
    await h.clearLog();

    expect(ops(await h.preview(legacy))).toEqual([["worker", "same", []]]);
    expect(ops(await h.engine.refresh())).toEqual([["worker", "refresh-same", []]]);
    expect(ops(await h.up(legacy))).toEqual([["worker", "same", []]]);
    expect(writes(await h.apiRequests())).toEqual([]);
  });

  it("plans an update for inputs not known yet in preview, without any request", async () => {
    expect((await h.up({ worker, portal })).errors).toEqual([]);
    await h.clearLog();

    // In a preview, an input computed from another resource's output is the unknown sentinel.
    const capture = await h.capture(clientsProgram({ worker, portal }), { preview: true });
    const registrations = markUnknown(capture.registrations, {
      worker: ["description", "roleDivisions"],
    });
    const preview = await h.engine.preview({ ...capture, registrations });
    expect(preview.errors).toEqual([]);
    expect(ops(preview)).toEqual([
      ["portal", "same", []],
      ["worker", "update", ["description", "roleDivisions"]],
    ]);
    expect(await h.requests()).toEqual([]);
  });

  it("changes the grant type from CLIENT-CREDENTIALS to CODE in place, not by replacement", async () => {
    expect((await h.up({ worker })).errors).toEqual([]);
    const id = idOf(h.engine, "worker");
    const secret = secretOf(h.engine, "worker");
    await h.clearLog();

    const up = await h.up({
      worker: {
        description: worker.description,
        authorizedGrantType: "CODE",
        scope: ["users:readonly"],
      },
    });
    expect(up.errors).toEqual([]);
    const step = stepOf(up, "worker");
    expect([step.op, step.diffKeys, step.replaceKeys]).toEqual([
      "update",
      ["authorizedGrantType", "roleDivisions", "scope"],
      undefined,
    ]);
    expect(writes(await h.apiRequests())).toEqual([`PUT ${CLIENTS}/${id}`]);
    expect(idOf(h.engine, "worker")).toBe(id);
    const live = (await h.emulator.admin.clients()).find((c) => c.id === id);
    expect([live?.authorizedGrantType, live?.scope]).toEqual(["CODE", ["users:readonly"]]);
    const outs = outputsOf(h.engine, "worker");
    expect(outs.roleDivisions).toBeUndefined();
    expect(outs.scope).toEqual(["users:readonly"]);
    expect(secretOf(h.engine, "worker")).toBe(secret);
  });
});
