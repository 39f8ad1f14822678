/**
 * The OAuthClient lifecycle through the real dynamic-provider host, as `pulumi preview`, `up` and
 * `destroy` drive it: what is planned, which API requests reach Genesys Cloud (the emulator's
 * request log), what the state holds. And what `check` stops before anything reaches Genesys
 * Cloud: malformed inputs and a stack without credentials, each failing the step with a message
 * that says what to fix.
 */
import type { OAuthClientArgs } from "../../provider";
import { EMULATOR_DIVISION_IDS, EMULATOR_ROLE_IDS } from "../../provider/emulator";
import { isSecret, type Engine, type JsonValue } from "../../provider/testing";
import { BAD_INPUTS } from "../support/bad-inputs";
import {
  calls,
  clientsProgram,
  idOf,
  login,
  ops,
  outputsOf,
  resourceOf,
  secretOf,
  withHarness,
  stepOf,
  withoutProvider,
  writes,
  type Harness,
} from "./harness";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the version the outputs record
const VERSION = (require("../../package.json") as { version: string }).version;
const { admin: ADMIN, developer: DEVELOPER, supervisor: SUPERVISOR } = EMULATOR_ROLE_IDS;
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

/** Every `null`, `{}` or non-ISO `date*` value in an output tree, as paths. */
function unclean(value: JsonValue, path = ""): string[] {
  if (value === null) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => unclean(v, `${path}[${i}]`));
  if (typeof value !== "object") {
    const isDate = /(^|\.)date[A-Z]\w*$/.test(path);
    return isDate && !(typeof value === "string" && /^\d{4}-\d\d-\d\dT/.test(value)) ? [path] : [];
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return [path];
  return entries.flatMap(([k, v]) => unclean(v, path ? `${path}.${k}` : k));
}

/** A handful of the shared bad inputs, one per kind of mistake. */
const PICKED = [
  "name is empty",
  "token validity too long",
  "redirect URI relative",
  "scope on CLIENT-CREDENTIALS",
  "roleDivisions entry without roleId",
  "state disabled",
  "scopes instead of scope",
  "deletionGuard window too long",
];

describe("OAuthClient lifecycle", () => {
  let h: Harness;
  /** A stack whose config has no credentials (and whose host has none in its environment). */
  let uncredentialed: Engine;
  withHarness({ others: [{ withoutCredentials: true }] }, (started) => {
    h = started;
    [uncredentialed] = h.others;
  });

  it("previews a new stack as creates without sending a single request", async () => {
    const preview = await h.preview({ worker, portal });
    expect(preview.errors).toEqual([]);
    expect(ops(preview)).toEqual([
      ["portal", "create", []],
      ["worker", "create", []],
    ]);
    expect(preview.summary).toEqual({ create: 2 });
    // Not even a token request: configure and check never call the API.
    expect(await h.requests()).toEqual([]);
    expect(h.engine.state).toEqual([]);
  });

  it("creates a client whose outputs echo the normalized inputs and keep the secret secret", async () => {
    const up = await h.up({
      worker: {
        authorizedGrantType: "CLIENT_CREDENTIALS",
        roleDivisions: [{ roleId: ADMIN, divisionId: "*" }, { roleId: DEVELOPER }],
        registeredRedirectUri: ["https://z.example.com/cb", "https://a.example.com/cb"],
      },
    });
    expect(up.errors).toEqual([]);
    expect(stepOf(up, "worker").op).toBe("create");
    expect(writes(await h.apiRequests())).toEqual([`POST ${CLIENTS}`]);

    const state = resourceOf(h.engine, "worker");
    expect(isSecret(state.outputs.clientSecret)).toBe(true);
    expect(isSecret(stepOf(up, "worker").outputs?.clientSecret)).toBe(true);
    const secret = secretOf(h.engine, "worker");
    expect(JSON.stringify(h.engine.stateSnapshot())).not.toContain(secret);

    const outs = withoutProvider(state.outputs);
    expect(unclean(outs)).toEqual([]);
    expect(outs).toEqual({
      name: "worker",
      description: "",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      accessTokenValiditySeconds: 86400,
      registeredRedirectUri: ["https://a.example.com/cb", "https://z.example.com/cb"],
      roleDivisions: [{ roleId: DEVELOPER }, { roleId: ADMIN, divisionId: "*" }].sort((a, b) =>
        a.roleId.localeCompare(b.roleId),
      ),
      state: "active",
      clientId: state.id,
      clientSecret: secret,
      dateCreated: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      dateModified: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      createdBy: { id: h.emulator.clientId, name: expect.any(String) },
      modifiedBy: { id: h.emulator.clientId, name: expect.any(String) },
      homeDivisionId: HOME,
      providerVersion: VERSION,
    });
    expect(typeof state.outputs.__provider).toBe("string");

    // The client exists as declared (the role without a division is in the home division),
    // and the secret in the state is the one that works.
    const [live] = (await h.emulator.admin.clients()).filter((c) => c.id === state.id);
    expect(live.roleDivisions).toEqual(
      expect.arrayContaining([
        { roleId: ADMIN, divisionId: "*" },
        { roleId: DEVELOPER, divisionId: HOME },
      ]),
    );
    expect((await login(h.emulator, state.id, secret)).status).toBe(200);
  });

  it("makes no request at all and reports same when nothing changed", async () => {
    expect((await h.up({ worker, portal })).errors).toEqual([]);
    const before = outputsOf(h.engine, "worker");
    await h.clearLog();

    const again = await h.up({ worker, portal });
    expect(again.errors).toEqual([]);
    expect(again.steps.map((s) => s.op)).toEqual(["same", "same"]);
    expect(await h.requests()).toEqual([]);
    expect(outputsOf(h.engine, "worker")).toEqual(before);
  });

  it("treats a new order of scope, registeredRedirectUri or roleDivisions as no change", async () => {
    const roles = [
      { roleId: ADMIN },
      { roleId: ADMIN, divisionId: SALES },
      { roleId: SUPERVISOR, divisionId: "*" },
    ];
    expect((await h.up({ worker: { ...worker, roleDivisions: roles }, portal })).errors).toEqual(
      [],
    );
    await h.clearLog();

    const reordered = {
      worker: { ...worker, roleDivisions: [...roles].reverse() },
      portal: {
        ...portal,
        scope: ["routing", "users:readonly", "analytics"],
        registeredRedirectUri: ["https://a.example.com/cb", "https://b.example.com/cb"],
      },
    };
    const preview = await h.preview(reordered);
    expect(preview.steps.map((s) => [s.op, s.diffKeys])).toEqual([
      ["same", []],
      ["same", []],
    ]);
    const up = await h.up(reordered);
    expect(up.steps.map((s) => s.op)).toEqual(["same", "same"]);
    expect(await h.requests()).toEqual([]);
  });

  it("creates a client declared inactive with a POST (active) then a PUT (inactive)", async () => {
    const up = await h.up({ worker: { ...worker, state: "inactive" } });
    expect(up.errors).toEqual([]);
    const id = idOf(h.engine, "worker");
    const log = (await h.emulator.admin.requests()).filter((r) => r.method !== "GET");
    expect(calls(log)).toEqual([`POST ${CLIENTS}`, `PUT ${CLIENTS}/${id}`]);
    expect([
      (log[0].body as { state?: string }).state,
      (log[1].body as { state?: string }).state,
    ]).toEqual(["active", "inactive"]);
    expect((await h.emulator.admin.clients()).find((c) => c.id === id)?.state).toBe("inactive");
    expect(outputsOf(h.engine, "worker").state).toBe("inactive");
    expect(isSecret(resourceOf(h.engine, "worker").outputs.clientSecret)).toBe(true);
  });

  it("destroys a client with PUT inactive, DELETE, then a GET that finds it gone", async () => {
    expect((await h.up({ worker })).errors).toEqual([]);
    const id = idOf(h.engine, "worker");
    await h.clearLog();

    const destroy = await h.destroy();
    expect(destroy.errors).toEqual([]);
    expect(stepOf(destroy, "worker").op).toBe("delete");
    const log = (await h.emulator.admin.requests()).filter((r) => r.path.startsWith("/api/"));
    expect(log.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `PUT ${CLIENTS}/${id} 200`,
      `DELETE ${CLIENTS}/${id} 204`,
      `GET ${CLIENTS}/${id} 404`,
    ]);
    expect((log[0].body as { state?: string }).state).toBe("inactive");
    expect(await h.emulator.admin.clients()).not.toContainEqual(expect.objectContaining({ id }));
    expect(h.engine.state).toEqual([]);
  });

  it("destroys a client declared inactive without a PUT", async () => {
    expect((await h.up({ worker: { ...worker, state: "inactive" } })).errors).toEqual([]);
    const id = idOf(h.engine, "worker");
    await h.clearLog();

    expect((await h.destroy()).errors).toEqual([]);
    expect(calls(await h.apiRequests())).toEqual([
      `DELETE ${CLIENTS}/${id}`,
      `GET ${CLIENTS}/${id}`,
    ]);
  });

  it("destroys a client older than 30 days, which Genesys deactivates for seven days first", async () => {
    expect((await h.up({ worker })).errors).toEqual([]);
    const id = idOf(h.engine, "worker");
    const aged = new Date(Date.now() - 45 * 86_400_000).toISOString();
    await h.emulator.admin.patchClient(id, { dateCreated: aged });
    await h.clearLog();

    const destroy = await h.destroy();
    expect(destroy.errors).toEqual([]);
    expect(h.engine.state).toEqual([]);
    const log = await h.apiRequests();
    expect(log.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `PUT ${CLIENTS}/${id} 200`,
      `DELETE ${CLIENTS}/${id} 204`,
      `GET ${CLIENTS}/${id} 200`,
    ]);
    // Scheduled for removal, not removed: the client lingers, restorable, until its date.
    const lingering = (await h.emulator.admin.clients()).find((c) => c.id === id);
    expect(lingering?.dateToDelete).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
  });

  it("keeps a client someone else scheduled for deletion (inactive, dateToDelete) on refresh", async () => {
    expect((await h.up({ worker })).errors).toEqual([]);
    const id = idOf(h.engine, "worker");
    const dateToDelete = new Date(Date.now() + 7 * 86_400_000).toISOString();
    await h.emulator.admin.patchClient(id, { state: "inactive", dateToDelete });

    const refresh = await h.engine.refresh();
    expect(refresh.errors).toEqual([]);
    expect(stepOf(refresh, "worker").op).toBe("refresh-update");
    expect(outputsOf(h.engine, "worker")).toMatchObject({ state: "inactive", dateToDelete });
  });

  it("destroys a client that is already gone from Genesys Cloud", async () => {
    expect((await h.up({ worker })).errors).toEqual([]);
    const id = idOf(h.engine, "worker");
    await h.emulator.admin.deleteClient(id);
    await h.clearLog();

    const destroy = await h.destroy();
    expect(destroy.errors).toEqual([]);
    expect(stepOf(destroy, "worker").op).toBe("delete");
    expect(h.engine.state).toEqual([]);
    const log = await h.apiRequests();
    expect(log.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `PUT ${CLIENTS}/${id} 404`,
    ]);
  });

  it("deletes a client removed from the program after the other steps", async () => {
    expect((await h.up({ worker, portal })).errors).toEqual([]);
    const id = idOf(h.engine, "portal");
    await h.clearLog();

    const up = await h.up({ worker });
    expect(up.errors).toEqual([]);
    expect(up.steps.map((s) => [s.name, s.op])).toEqual([
      ["worker", "same"],
      ["portal", "delete"], // deletes run after every other step
    ]);
    expect(writes(await h.apiRequests())).toEqual([
      `PUT ${CLIENTS}/${id}`,
      `DELETE ${CLIENTS}/${id}`,
    ]);
  });

  describe("checks: stopped before any request", () => {
    const cases = BAD_INPUTS.filter((b) => PICKED.includes(b.title));
    it("picks every listed bad input from the shared table", () => {
      expect(cases.map((c) => c.title).sort()).toEqual([...PICKED].sort());
    });

    it.each(cases.map((c) => [c.title, c] as const))(
      "rejects %s in preview and up without any request",
      async (_title, bad) => {
        const clients = { bad: bad.inputs as unknown as OAuthClientArgs };
        for (const result of [await h.preview(clients), await h.up(clients)]) {
          expect(result.ok).toBe(false);
          const step = stepOf(result, "bad");
          expect(step.op).toBe("create");
          expect(step.checkFailures).toContainEqual({
            property: bad.expectProperty,
            reason: expect.stringMatching(bad.expectReason),
          });
          expect(step.error).toContain("has check failures");
        }
        expect(await h.requests()).toEqual([]);
        expect(h.engine.state).toEqual([]);
      },
    );

    it("fails the preview of a stack without credentials with one error naming the settings to set, before any request", async () => {
      const program = clientsProgram({
        worker: { authorizedGrantType: "CODE", scope: ["users:readonly"] },
      });
      const preview = await uncredentialed.preview(await h.capture(program, { preview: true }));
      expect(preview.ok).toBe(false);
      expect(preview.errors).toHaveLength(1);
      const error = stepOf(preview, "worker").error ?? "";
      expect(error).toMatch(/No Genesys Cloud credentials are configured/);
      for (const key of [
        "genesyscloud:oauthclientId",
        "genesyscloud:oauthclientSecret",
        "GENESYSCLOUD_OAUTHCLIENT_ID",
        "GENESYSCLOUD_OAUTHCLIENT_SECRET",
      ]) {
        expect(error).toContain(key);
      }

      const up = await uncredentialed.up(await h.capture(program));
      expect(up.ok).toBe(false);
      expect(up.rpcs.map((r) => r.method)).toEqual(["Check"]);
      expect(uncredentialed.state).toEqual([]);
      expect(await h.requests()).toEqual([]);
    });
  });
});
