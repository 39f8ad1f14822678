/**
 * The admin API: request log, every fault kind, out-of-band client edits, seeded clients,
 * settings and reset.
 */
import {
  EMULATOR_ROLE_IDS,
  EMULATOR_DIVISION_IDS,
  EmulatorAdminError,
  type RunningEmulator,
} from "../../provider/emulator";
import { isLoopback } from "../../provider/emulator/server";
import {
  apiCaller,
  ccClient,
  codeClient,
  codeOf,
  httpRequest,
  login,
  tokenRequest,
  withAdminEmulator,
  type ApiCaller,
} from "./helpers";

const CLIENTS = "/api/v2/oauth/clients";
const { developer } = EMULATOR_ROLE_IDS;
const HOME = EMULATOR_DIVISION_IDS.home;

let emu: RunningEmulator;
let api: ApiCaller;
withAdminEmulator((running, admin) => {
  emu = running;
  api = admin;
});

describe("request log", () => {
  it("records token and API requests in order, without credentials, and not admin requests", async () => {
    await emu.admin.clearRequests();
    const token = await login(emu, emu.clientId, emu.clientSecret);
    const own = apiCaller(emu, token);
    const created = await own("POST", CLIENTS, {
      body: { ...ccClient(developer, HOME), secret: "do-not-log-me" },
    });
    // `secret` echoed back from an OAuthClient is ignored by the server, but must never be logged.
    expect(created.status).toBe(200);
    await own("GET", `${CLIENTS}?pageNumber=1`);
    await emu.admin.settings();
    const log = await emu.admin.requests();
    expect(log.map((e) => [e.method, e.path, e.status])).toEqual([
      ["POST", "/oauth/token", 200],
      ["POST", CLIENTS, created.status],
      ["GET", CLIENTS, 200],
    ]);
    expect(log.map((e) => e.seq)).toEqual([log[0].seq, log[0].seq + 1, log[0].seq + 2]);
    expect(log[0].tokenClientId).toBe(emu.clientId);
    expect(log[0].body).toBeUndefined();
    expect(log[0].query).toEqual({});
    expect(log[1].tokenClientId).toBe(emu.clientId);
    expect(log[1].body).toMatchObject({ name: "ci-robot", secret: "[REDACTED]" });
    expect(log[1].correlationId).toBe(created.headers["inin-correlation-id"]);
    expect(log[2].query).toEqual({ pageNumber: "1" });
    const text = JSON.stringify(log);
    expect(text).not.toContain(emu.clientSecret);
    expect(text).not.toContain(token);
    expect(text).not.toContain("do-not-log-me");
    expect(text).not.toMatch(/authorization/i);
    expect(await emu.admin.requests(log[1].seq)).toHaveLength(1);
    await emu.admin.clearRequests();
    expect(await emu.admin.requests()).toEqual([]);
  });
});

describe("faults", () => {
  it("answers the next matching requests with a status and ErrorBody, then behaves normally", async () => {
    await emu.admin.addFault({
      method: "GET",
      path: CLIENTS,
      status: 503,
      retryAfter: 2,
      times: 2,
    });
    expect(await emu.admin.faults()).toEqual([
      expect.objectContaining({ kind: "status", status: 503, times: 2 }),
    ]);
    const untouched = await api("GET", "/api/v2/oauth/scopes");
    expect(untouched.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await api("GET", `${CLIENTS}/${emu.clientId}`);
      expect(res.status).toBe(503);
      expect(codeOf(res)).toBe("service.unavailable");
      expect(res.headers["retry-after"]).toBe("2");
    }
    expect((await api("GET", `${CLIENTS}/${emu.clientId}`)).status).toBe(200);
    expect(await emu.admin.faults()).toEqual([]);
    const log = await emu.admin.requests();
    expect(log.filter((e) => e.fault === "status").map((e) => e.status)).toEqual([503, 503]);
  });

  it("answers 429 with Retry-After and the documented message, or too.many.requests without it", async () => {
    await emu.admin.addFault({ status: 429, retryAfter: 7 });
    const withRetry = await api("GET", "/api/v2/oauth/scopes");
    expect(withRetry.status).toBe(429);
    expect(withRetry.headers["retry-after"]).toBe("7");
    expect((withRetry.body as { message: string }).message).toBe(
      "Rate limit exceeded the maximum. Retry the request in [7] seconds",
    );
    await emu.admin.addFault({ status: 429 });
    const without = await api("GET", "/api/v2/oauth/scopes");
    expect(codeOf(without)).toBe("too.many.requests");
    expect(without.headers["retry-after"]).toBeUndefined();
  });

  it("uses a given code and message, and can fault the token endpoint", async () => {
    await emu.admin.addFault({
      path: "/oauth/token",
      status: 500,
      code: "internal.server.error",
      message: "boom",
    });
    const res = await tokenRequest(emu, emu.clientId, emu.clientSecret);
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ code: "internal.server.error", message: "boom", status: 500 });
    expect((await tokenRequest(emu, emu.clientId, emu.clientSecret)).status).toBe(200);
  });

  it("reset: drops the connection without processing the request", async () => {
    await emu.admin.addFault({ method: "POST", path: CLIENTS, kind: "reset" });
    const token = await login(emu, emu.clientId, emu.clientSecret);
    await expect(
      httpRequest(`${emu.apiUrl}${CLIENTS}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}` },
        body: codeClient({ name: "never" }),
      }),
    ).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await emu.admin.clients()).map((c) => c.name)).not.toContain("never");
    const entry = (await emu.admin.requests()).find((e) => e.fault === "reset");
    expect(entry).toMatchObject({ method: "POST", path: CLIENTS, status: 0 });
  });

  it("commit-then-reset: processes the request, then drops the connection before answering", async () => {
    await emu.admin.addFault({ method: "POST", path: CLIENTS, kind: "commit-then-reset" });
    const token = await login(emu, emu.clientId, emu.clientSecret);
    await expect(
      httpRequest(`${emu.apiUrl}${CLIENTS}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}` },
        body: codeClient({ name: "committed" }),
      }),
    ).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await emu.admin.clients()).map((c) => c.name)).toContain("committed");
    const entry = (await emu.admin.requests()).find((e) => e.fault === "commit-then-reset");
    expect(entry).toMatchObject({ status: 200 });
  });

  it("delay: waits delayMs, then processes normally", async () => {
    await emu.admin.addFault({ path: "/api/v2/oauth/scopes", kind: "delay", delayMs: 300 });
    const t0 = Date.now();
    const res = await api("GET", "/api/v2/oauth/scopes");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(res.status).toBe(200);
    expect((await emu.admin.requests()).find((e) => e.fault === "delay")?.status).toBe(200);
  });

  it("matches by method and path prefix, lists and clears pending faults", async () => {
    await emu.admin.addFault({ method: "DELETE", status: 500 });
    await emu.admin.addFault({ path: "/api/v2/oauth/scopes/", status: 504 });
    expect((await api("GET", "/api/v2/oauth/scopes")).status).toBe(200);
    expect((await api("GET", "/api/v2/oauth/scopes/oauth")).status).toBe(504);
    expect(await emu.admin.faults()).toHaveLength(1);
    await emu.admin.clearFaults();
    expect(await emu.admin.faults()).toEqual([]);
  });

  it("refuses a malformed fault", async () => {
    await expect(emu.admin.addFault({ kind: "explode" as never })).rejects.toMatchObject({
      status: 400,
    });
    await expect(emu.admin.addFault({ times: 0 })).rejects.toBeInstanceOf(EmulatorAdminError);
  });
});

describe("out-of-band clients", () => {
  it("patches a client (drift), including state disabled and an older dateCreated", async () => {
    const c = (await api("POST", CLIENTS, { body: ccClient(developer, HOME) })).body as {
      id: string;
    };
    const patched = await emu.admin.patchClient(c.id, {
      name: "renamed in the UI",
      description: null,
      state: "disabled",
      dateCreated: "2020-01-01T00:00:00Z",
    });
    expect(patched).toMatchObject({
      name: "renamed in the UI",
      state: "disabled",
      dateCreated: "2020-01-01T00:00:00.000Z",
    });
    expect(patched).not.toHaveProperty("description");
    expect(patched.modifiedBy?.name).toBe("Admin UI (emulator)");
    const got = await api("GET", `${CLIENTS}/${c.id}`);
    expect(got.body).toMatchObject({ name: "renamed in the UI", state: "disabled" });
  });

  it("seeds clients in any state with a known secret, lists deleted ones, and removes clients", async () => {
    const seeded = await emu.admin.seedClient({
      name: "old robot",
      roleIds: [developer],
      secret: "known-secret",
      dateCreated: "2021-05-05T00:00:00Z",
    });
    expect(seeded.secret).toBe("known-secret");
    expect((await tokenRequest(emu, seeded.id as string, "known-secret")).status).toBe(200);
    const gone = await emu.admin.seedClient({
      name: "being deleted",
      state: "deleted",
      dateToDelete: "2999-01-01T00:00:00Z",
      roleIds: [developer],
    });
    const all = await emu.admin.clients();
    expect(all.find((c) => c.id === gone.id)?.state).toBe("deleted");
    for (const c of all) expect(c).not.toHaveProperty("secret");
    await emu.admin.deleteClient(seeded.id as string);
    expect((await api("GET", `${CLIENTS}/${seeded.id}`)).status).toBe(404);
    await expect(emu.admin.deleteClient(seeded.id as string)).rejects.toMatchObject({
      status: 404,
    });
  });

  it("regenerates a secret out of band", async () => {
    const c = (await api("POST", CLIENTS, { body: ccClient(developer, HOME) })).body as {
      id: string;
      secret: string;
    };
    const rotated = await emu.admin.regenerateSecret(c.id);
    expect(rotated.secret).not.toBe(c.secret);
    expect((await tokenRequest(emu, c.id, c.secret)).status).toBe(400);
    expect((await tokenRequest(emu, c.id, rotated.secret)).status).toBe(200);
  });

  it("refuses unknown fields and wrong types", async () => {
    await expect(emu.admin.seedClient({ colour: "red" } as never)).rejects.toMatchObject({
      status: 400,
    });
    await expect(
      emu.admin.patchClient(emu.clientId, { state: "gone" as never }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(emu.admin.patchClient("missing", { name: "x" })).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe("settings and reset", () => {
  it("reads and changes settings, refusing invalid values", async () => {
    const before = await emu.admin.settings();
    expect(before).toEqual({
      rateLimitPerMinute: 300,
      rateLimitWindowSeconds: 60,
      latencyMs: 0,
      maxClients: 1000,
      usagePollsBeforeComplete: 1,
      usageQueryOutcome: "Complete",
      listPageSize: null,
      now: null,
    });
    const after = await emu.admin.updateSettings({
      latencyMs: 5,
      listPageSize: 10,
      now: "2030-01-01T00:00:00Z",
    });
    expect(after).toMatchObject({
      latencyMs: 5,
      listPageSize: 10,
      now: "2030-01-01T00:00:00.000Z",
    });
    await expect(emu.admin.updateSettings({ rateLimitPerMinute: 0 })).rejects.toMatchObject({
      status: 400,
    });
    await expect(emu.admin.updateSettings({ now: "tomorrow" })).rejects.toMatchObject({
      status: 400,
    });
    await expect(emu.admin.updateSettings({ bogus: 1 } as never)).rejects.toMatchObject({
      status: 400,
    });
  });

  it("reset returns to the seeded state but keeps the bootstrap credentials and their tokens", async () => {
    const token = await login(emu, emu.clientId, emu.clientSecret);
    await api("POST", CLIENTS, { body: ccClient(developer, HOME) });
    await emu.admin.addFault({ status: 500, path: "/nothing" });
    await emu.admin.updateSettings({ latencyMs: 10 });
    await emu.admin.reset();
    expect((await emu.admin.clients()).map((c) => c.id)).toEqual([emu.clientId]);
    expect(await emu.admin.faults()).toEqual([]);
    expect((await emu.admin.settings()).latencyMs).toBe(0);
    expect(await emu.admin.requests()).toEqual([]);
    expect((await apiCaller(emu, token)("GET", CLIENTS)).status).toBe(200);
  });

  it("answers unknown admin paths with 404 and serves health", async () => {
    expect(await emu.admin.health()).toEqual({ status: "ok" });
    const res = await httpRequest(`${emu.adminUrl}/nope`);
    expect(res.status).toBe(404);
  });

  it("only treats loopback peers as local", () => {
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("::ffff:127.0.0.1")).toBe(true);
    expect(isLoopback("::1")).toBe(true);
    expect(isLoopback("10.0.0.5")).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
  });
});
