/**
 * Every documented error status surfaces as a GenesysApiError carrying the status, the Genesys
 * code, the correlation id of the response and the request's method and path. Statuses the
 * emulator produces on its own are provoked for real; the others are injected as faults.
 */
import { GenesysApiError, OAuthApi } from "../../provider/api";
import { rejectionOf } from "../support/emulator-api";
import { codeClientBody, harness, type Harness } from "./helpers";

describe("error statuses surface as GenesysApiError", () => {
  let h: Harness;
  let api: OAuthApi;
  beforeAll(async () => {
    // No retries: each status is seen exactly once.
    h = await harness({ maxRetries: 0, maxRateLimitRetries: 0 });
    api = h.api;
  });
  afterEach(async () => {
    await h.emu.admin.clearFaults();
  });
  afterAll(async () => {
    await h.close();
  });

  /** The error of `call`, checked against the request log's last entry. */
  async function apiError(call: () => Promise<unknown>): Promise<GenesysApiError> {
    const err = await rejectionOf(call());
    expect(err).toBeInstanceOf(GenesysApiError);
    const e = err as GenesysApiError;
    const log = await h.emu.admin.requests();
    const last = log[log.length - 1];
    expect(e.correlationId).toBe(last.correlationId);
    expect(e.method).toBe(last.method);
    expect(e.path).toBe(last.path);
    expect(e.status).toBe(last.status);
    expect(e.message).toContain(`${e.method} ${e.path} failed: ${e.status} ${e.code}`);
    expect(e.message).toContain(`(correlation id ${e.correlationId})`);
    return e;
  }

  it("400 from a request the API refuses", async () => {
    const e = await apiError(() =>
      api.postOauthClients({ ...codeClientBody(), authorizedGrantType: "NOT-A-GRANT" }),
    );
    expect(e).toMatchObject({ status: 400, code: "bad.grant.type" });
    expect(e.apiMessage).toEqual(expect.any(String));
    expect(e.outcomeUnknown).toBe(false);
  });

  it("403 when the calling client lacks the permission", async () => {
    const seeded = await h.emu.admin.seedClient({ name: "no-perms", roleDivisions: [] });
    const weak = h.newApi(
      { maxRetries: 0 },
      {
        apiUrl: h.emu.apiUrl,
        loginUrl: h.emu.loginUrl,
        credentials: {
          kind: "clientCredentials",
          clientId: seeded.id as string,
          clientSecret: seeded.secret,
        },
      },
    );
    const e = await apiError(() => weak.getOauthClients());
    expect(e.status).toBe(403);
    expect(e.code).toMatch(/^missing\.(any\.)?permissions$/);
  });

  it("404 for an unknown client", async () => {
    const e = await apiError(() => api.getOauthClient("00000000-0000-4000-8000-000000000000"));
    expect(e).toMatchObject({ status: 404, code: "client.not.found" });
  });

  it("413 for a body over the request size limit", async () => {
    const body = { ...codeClientBody(), description: "x".repeat(600_000) };
    const e = await apiError(() => api.postOauthClients(body));
    expect(e).toMatchObject({ status: 413, code: "request.entity.too.large" });
  });

  it.each([
    [401, "bad.credentials"],
    [409, "request.conflict"],
    [415, "unsupported.media.type"],
    [500, "internal.server.error"],
    [501, "internal.server.error"],
    [502, "internal.server.error"],
    [503, "service.unavailable"],
    [504, "request.timeout"],
  ])("%i (injected) for a GET", async (status, code) => {
    // 401 is replayed once with a new token, so it has to be injected twice.
    await h.emu.admin.addFault({ method: "GET", path: "/api/v2/oauth/scopes", status, times: 2 });
    const e = await apiError(() => api.getOauthScopes());
    expect(e).toMatchObject({ status, code, outcomeUnknown: false });
  });

  it("429 with its Retry-After when no retry is allowed", async () => {
    // A connection of its own: the 429 pauses every caller of its connection for 7 s.
    const paused = h.newApi({ maxRateLimitRetries: 0 });
    await h.emu.admin.addFault({ path: "/api/v2/oauth/scopes", status: 429, retryAfter: 7 });
    const e = await apiError(() => paused.getOauthScopes());
    expect(e).toMatchObject({
      status: 429,
      code: "too.many.requests.retry.after",
      retryAfterSeconds: 7,
    });
    expect(e.apiMessage).toBe("Rate limit exceeded the maximum. Retry the request in [7] seconds");
  });

  it("serializes to JSON with its fields and a sanitized body", async () => {
    const e = await apiError(() => api.getOauthClient("00000000-0000-4000-8000-000000000000"));
    const json = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
    expect(json).toMatchObject({
      name: "GenesysApiError",
      status: 404,
      code: "client.not.found",
      method: "GET",
      correlationId: e.correlationId,
      body: { code: "client.not.found", contextId: e.correlationId },
    });
  });
});
