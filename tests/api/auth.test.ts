/**
 * Tokens against the emulator: one token request for many concurrent callers, renewal before
 * expiry, exactly one re-authentication after a 401, clear errors for bad credentials, and a
 * pre-issued access token used as it is.
 */
import { GenesysApiError, GenesysAuthError, OAuthApi } from "../../provider/api";
import { rejectionOf } from "../support/emulator-api";
import { countRequests, harness, type Harness } from "./helpers";

const SCOPES = "/api/v2/oauth/scopes";

/** Everything jest can fake except `Date`. */
const REAL_TIMERS: FakeableAPI[] = [
  "hrtime",
  "nextTick",
  "performance",
  "queueMicrotask",
  "requestAnimationFrame",
  "cancelAnimationFrame",
  "requestIdleCallback",
  "cancelIdleCallback",
  "setImmediate",
  "clearImmediate",
  "setInterval",
  "clearInterval",
  "setTimeout",
  "clearTimeout",
];

async function tokenRequests(h: Harness): Promise<number> {
  return countRequests(h.emu, "POST", "/oauth/token");
}

describe("client-credentials tokens", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(async () => {
    await h.close();
  });

  it("shares one token request among 25 concurrent callers, and reuses the token", async () => {
    await Promise.all(Array.from({ length: 25 }, () => h.api.getOauthScopes()));
    await h.api.getOauthAuthorizations();
    expect(await tokenRequests(h)).toBe(1);
    expect(h.api.connection.stats()).toMatchObject({ tokenRequests: 1, requests: 26 });
  });

  it("re-authenticates once after a 401 and then succeeds", async () => {
    await h.api.getOauthScopes();
    // The server's clock jumps past the token's expiry; the client still trusts its cached token.
    const later = new Date(Date.now() + 3 * 86_400_000).toISOString();
    await h.emu.admin.updateSettings({ now: later });
    await Promise.all(Array.from({ length: 10 }, () => h.api.getOauthScopes()));
    expect(await tokenRequests(h)).toBe(2);
    expect(h.api.connection.stats().reauthentications).toBeGreaterThanOrEqual(1);
    const statuses = (await h.emu.admin.requests())
      .filter((r) => r.path === SCOPES)
      .map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(11);
  });

  it("fails after a second 401, with exactly one re-authentication", async () => {
    await h.emu.admin.addFault({ method: "GET", path: SCOPES, status: 401, times: 5 });
    const err = await rejectionOf(h.api.getOauthScopes());
    expect(err).toBeInstanceOf(GenesysApiError);
    expect(err).toMatchObject({ status: 401, code: "bad.credentials", attempts: 2 });
    expect(err.message).toMatch(/a freshly issued token was rejected too/);
    expect(await tokenRequests(h)).toBe(2);
    expect(await countRequests(h.emu, "GET", SCOPES)).toBe(2);
  });

  it("renews the token once 90 % of its lifetime has passed, and not a millisecond before", async () => {
    // Only Date is faked: timers and sockets stay real, and the clock moves only when the test
    // sets it, so slow requests on a loaded machine cannot age the token. It is faked before the
    // connection exists, which takes `Date.now` as its clock when it is created.
    jest.useFakeTimers({ doNotFake: REAL_TIMERS, now: Date.now() });
    const short = await harness({}, { tokenExpiresInSeconds: 2 });
    try {
      const obtainedAt = Date.now();
      await short.api.getOauthScopes();
      await short.api.getOauthScopes();
      expect(await tokenRequests(short)).toBe(1);
      // Renewal is due 10 % (200 ms) before the 2 s lifetime ends, counted from the token request.
      jest.setSystemTime(obtainedAt + 1799);
      await short.api.getOauthScopes();
      expect(await tokenRequests(short)).toBe(1);
      jest.setSystemTime(obtainedAt + 1800);
      await short.api.getOauthScopes();
      expect(await tokenRequests(short)).toBe(2);
      const statuses = (await short.emu.admin.requests()).map((r) => r.status);
      expect(statuses).not.toContain(401);
    } finally {
      await short.close();
      jest.useRealTimers();
    }
  });

  it("names the settings to fix when the client credentials are refused", async () => {
    const secret = "definitely-the-wrong-secret-0123456789";
    const bad = h.newApi(
      {},
      {
        apiUrl: h.emu.apiUrl,
        loginUrl: h.emu.loginUrl,
        credentials: { kind: "clientCredentials", clientId: h.emu.clientId, clientSecret: secret },
      },
    );
    const err = await rejectionOf(bad.getOauthScopes());
    expect(err).toBeInstanceOf(GenesysAuthError);
    const e = err as GenesysAuthError;
    expect(e).toMatchObject({ status: 400, code: "invalid_client" });
    expect(e.message).toContain(
      "genesyscloud:oauthclientId / genesyscloud:oauthclientSecret " +
        "(env GENESYSCLOUD_OAUTHCLIENT_ID / GENESYSCLOUD_OAUTHCLIENT_SECRET)",
    );
    expect(e.message).toContain("genesyscloud:awsRegion");
    expect(e.settings).toEqual(expect.arrayContaining(["genesyscloud:oauthclientSecret"]));
    expect(JSON.stringify(e) + e.message + e.stack).not.toContain(secret);
    expect(await tokenRequests(h)).toBe(1); // not retried
    expect(await countRequests(h.emu, "GET", SCOPES)).toBe(0); // the API call never went out
  });
});

describe("a pre-issued access token", () => {
  let h: Harness;
  let token: string;
  let api: OAuthApi;
  beforeAll(async () => {
    h = await harness();
    const login = await fetch(`${h.emu.loginUrl}/oauth/token`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from(`${h.emu.clientId}:${h.emu.clientSecret}`).toString("base64")}`,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "grant_type=client_credentials",
    });
    token = ((await login.json()) as { access_token: string }).access_token;
    api = h.newApi(
      {},
      {
        apiUrl: h.emu.apiUrl,
        loginUrl: h.emu.loginUrl,
        credentials: { kind: "accessToken", accessToken: token },
      },
    );
    await h.emu.admin.clearRequests();
  });
  afterAll(async () => {
    await h.close();
  });

  it("is used as it is, without any token request", async () => {
    await api.getOauthScopes();
    expect(await tokenRequests(h)).toBe(0);
    expect(api.connection.stats().tokenRequests).toBe(0);
  });

  it("fails on a 401 with a message naming the access token setting, without retrying", async () => {
    await h.emu.admin.clearRequests();
    await h.emu.admin.addFault({ method: "GET", path: SCOPES, status: 401 });
    const err = await rejectionOf(api.getOauthScopes());
    expect(err).toBeInstanceOf(GenesysAuthError);
    expect(err).toMatchObject({
      status: 401,
      settings: ["genesyscloud:accessToken", "GENESYSCLOUD_ACCESS_TOKEN"],
    });
    expect(err.message).toMatch(
      /access token in genesyscloud:accessToken \(env GENESYSCLOUD_ACCESS_TOKEN\) was rejected/,
    );
    expect(err.message).not.toContain(token);
    expect(await countRequests(h.emu, "GET", SCOPES)).toBe(1);
    expect(await tokenRequests(h)).toBe(0);
  });
});
