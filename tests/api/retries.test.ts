/**
 * The retry policy over real HTTP: what is repeated (and how often the emulator saw it), what is
 * not, how long 429s wait, and what an ambiguous POST failure reports.
 */
import * as net from "net";
import {
  GenesysApiError,
  GenesysNetworkError,
  OAuthApi,
  isOutcomeUnknown,
  type RequestEvent,
} from "../../provider/api";
import { rejectionOf } from "../support/emulator-api";
import { codeClientBody, countRequests, harness, type Harness } from "./helpers";

const CLIENTS = "/api/v2/oauth/clients";

describe("retry policy against the emulator", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ maxRetries: 3, timeoutMs: 1000 });
    await h.api.getOauthScopes(); // log in once, so token requests stay out of the counts
  });
  beforeEach(async () => {
    await h.emu.admin.clearFaults();
    await h.emu.admin.clearRequests();
  });
  afterAll(async () => {
    await h.close();
  });

  async function clientCount(name: string): Promise<number> {
    return (await h.emu.admin.clients()).filter((c) => c.name === name).length;
  }

  describe("a POST that creates a client", () => {
    it.each(["reset", "commit-then-reset"] as const)(
      "is sent once and reports an unknown outcome after a %s",
      async (kind) => {
        const name = `create-${kind}`;
        await h.emu.admin.addFault({ method: "POST", path: CLIENTS, kind });
        const err = await rejectionOf(h.api.postOauthClients(codeClientBody(name)));
        expect(err).toBeInstanceOf(GenesysNetworkError);
        expect(isOutcomeUnknown(err)).toBe(true);
        expect(err.message).toMatch(/outcome is unknown/);
        expect(await countRequests(h.emu, "POST", CLIENTS)).toBe(1);
        // Why it must not be repeated: after commit-then-reset the client exists.
        expect(await clientCount(name)).toBe(kind === "commit-then-reset" ? 1 : 0);
      },
    );

    it("is sent once and reports an unknown outcome after a timeout", async () => {
      await h.emu.admin.addFault({ method: "POST", path: CLIENTS, kind: "delay", delayMs: 2500 });
      const err = await rejectionOf(h.api.postOauthClients(codeClientBody("create-timeout")));
      expect(err).toMatchObject({
        name: "GenesysNetworkError",
        kind: "timeout",
        outcomeUnknown: true,
      });
      expect(await countRequests(h.emu, "POST", CLIENTS)).toBe(1);
    });

    it.each([500, 502, 504])(
      "is sent once and reports an unknown outcome after a %i",
      async (status) => {
        await h.emu.admin.addFault({ method: "POST", path: CLIENTS, status });
        const err = await rejectionOf(h.api.postOauthClients(codeClientBody(`create-${status}`)));
        expect(err).toBeInstanceOf(GenesysApiError);
        expect(isOutcomeUnknown(err)).toBe(true);
        expect(err.message).toMatch(/outcome is unknown/);
        expect(await countRequests(h.emu, "POST", CLIENTS)).toBe(1);
      },
    );

    it.each([
      ["429", { status: 429, retryAfter: 0 }],
      ["503", { status: 503 }],
    ])(
      "is repeated after a %s (not processed) and creates exactly one client",
      async (label, fault) => {
        const name = `create-after-${label}`;
        await h.emu.admin.addFault({ method: "POST", path: CLIENTS, ...fault });
        const created = await h.api.postOauthClients(codeClientBody(name));
        expect(created.name).toBe(name);
        expect(await countRequests(h.emu, "POST", CLIENTS)).toBe(2);
        expect(await clientCount(name)).toBe(1);
      },
    );

    it("is not repeated after a 400", async () => {
      const err = await rejectionOf(
        h.api.postOauthClients({ name: "", authorizedGrantType: "CODE" }),
      );
      expect(err).toMatchObject({ name: "GenesysApiError", status: 400, outcomeUnknown: false });
      expect(isOutcomeUnknown(err)).toBe(false);
      expect(await countRequests(h.emu, "POST", CLIENTS)).toBe(1);
    });
  });

  it("repeats secret regeneration (safe to repeat) after a reset", async () => {
    const { id } = await h.api.postOauthClients(codeClientBody("rotate-after-reset"));
    const path = `${CLIENTS}/${id}/secret`;
    await h.emu.admin.addFault({ method: "POST", path, kind: "reset" });
    const rotated = await h.api.postOauthClientSecret(id as string);
    expect(rotated.secret).toEqual(expect.any(String));
    expect(await countRequests(h.emu, "POST", path)).toBe(2);
  });

  it("does not repeat a secret regeneration after a timeout: the first may still land later", async () => {
    const { id } = await h.api.postOauthClients(codeClientBody("rotate-after-timeout"));
    const path = `${CLIENTS}/${id}/secret`;
    await h.emu.admin.addFault({ method: "POST", path, kind: "delay", delayMs: 1500 });
    const err = await rejectionOf(h.api.postOauthClientSecret(id as string));
    expect(err).toMatchObject({ name: "GenesysNetworkError", kind: "timeout" });
    expect(isOutcomeUnknown(err)).toBe(true);
    expect(await countRequests(h.emu, "POST", path)).toBe(1);
  });

  it("reports an unknown outcome when a repeated secret regeneration fails after an applied attempt", async () => {
    const { id } = await h.api.postOauthClients(codeClientBody("rotate-lost-then-refused"));
    const path = `${CLIENTS}/${id}/secret`;
    await h.emu.admin.addFault({ method: "POST", path, kind: "commit-then-reset" });
    await h.emu.admin.addFault({ method: "POST", path, status: 409 });
    const err = await rejectionOf(h.api.postOauthClientSecret(id as string));
    expect(err).toMatchObject({ name: "GenesysApiError", status: 409 });
    expect(isOutcomeUnknown(err)).toBe(true);
    expect((err as Error).message).toMatch(/An earlier attempt may have been applied/);
  });

  describe("idempotent requests are repeated", () => {
    let id: string;
    beforeAll(async () => {
      id = (await h.api.postOauthClients(codeClientBody("idempotent"))).id as string;
    });

    it("GET after 503 twice", async () => {
      await h.emu.admin.addFault({
        method: "GET",
        path: `${CLIENTS}/${id}`,
        status: 503,
        times: 2,
      });
      expect((await h.api.getOauthClient(id)).id).toBe(id);
      expect(await countRequests(h.emu, "GET", `${CLIENTS}/${id}`)).toBe(3);
    });

    it("GET after a timeout", async () => {
      await h.emu.admin.addFault({
        method: "GET",
        path: `${CLIENTS}/${id}`,
        kind: "delay",
        delayMs: 2500,
      });
      expect((await h.api.getOauthClient(id)).id).toBe(id);
      expect(await countRequests(h.emu, "GET", `${CLIENTS}/${id}`)).toBe(2);
    });

    it("PUT after a reset", async () => {
      await h.emu.admin.addFault({ method: "PUT", path: `${CLIENTS}/${id}`, kind: "reset" });
      const updated = await h.api.putOauthClient(id, {
        ...codeClientBody("idempotent"),
        state: "inactive",
      });
      expect(updated.state).toBe("inactive");
      expect(await countRequests(h.emu, "PUT", `${CLIENTS}/${id}`)).toBe(2);
    });

    it("DELETE after a timeout and a 502", async () => {
      await h.emu.admin.addFault({ method: "DELETE", path: `${CLIENTS}/${id}`, status: 502 });
      await h.emu.admin.addFault({
        method: "DELETE",
        path: `${CLIENTS}/${id}`,
        kind: "delay",
        delayMs: 2500,
      });
      await h.api.deleteOauthClient(id);
      expect(await countRequests(h.emu, "DELETE", `${CLIENTS}/${id}`)).toBe(3);
    });

    it("but only maxRetries times", async () => {
      await h.emu.admin.addFault({
        method: "GET",
        path: "/api/v2/oauth/scopes",
        status: 503,
        times: 10,
      });
      const err = await rejectionOf(h.api.getOauthScopes());
      expect(err).toMatchObject({ name: "GenesysApiError", status: 503, attempts: 4 });
      expect(err.message).toMatch(/gave up after 4 attempts/);
      expect(await countRequests(h.emu, "GET", "/api/v2/oauth/scopes")).toBe(4);
    });
  });

  it("does not repeat a 501", async () => {
    await h.emu.admin.addFault({
      method: "GET",
      path: "/api/v2/oauth/scopes",
      status: 501,
      times: 3,
    });
    await expect(h.api.getOauthScopes()).rejects.toMatchObject({ status: 501, attempts: 1 });
    expect(await countRequests(h.emu, "GET", "/api/v2/oauth/scopes")).toBe(1);
  });
});

describe("Retry-After", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({ retryAfterCapSeconds: 5 });
    await h.api.getOauthScopes();
    await h.emu.admin.clearRequests();
  });
  afterEach(async () => {
    await h.close();
  });

  /** Arrival times (ms) of the logged requests to `path`. */
  async function arrivals(path: string): Promise<number[]> {
    return (await h.emu.admin.requests())
      .filter((r) => r.path === path)
      .map((r) => Date.parse(r.time));
  }

  it("waits the 429's Retry-After, to the second, before repeating", async () => {
    await h.emu.admin.addFault({ path: "/api/v2/oauth/scopes", status: 429, retryAfter: 2 });
    await h.api.getOauthScopes();
    const [first, second] = await arrivals("/api/v2/oauth/scopes");
    expect(second - first).toBeGreaterThanOrEqual(2000);
    expect(second - first).toBeLessThan(4000);
  });

  it("pauses every caller of the connection, not just the one that got the 429", async () => {
    await h.emu.admin.addFault({ path: "/api/v2/oauth/scopes", status: 429, retryAfter: 2 });
    let rateLimited!: () => void;
    const sawLimit = new Promise<void>((resolve) => (rateLimited = resolve));
    const api = h.newApi({
      onRequest: (e: RequestEvent) => {
        if (e.status === 429) rateLimited();
      },
    });
    const first = api.getOauthScopes();
    await sawLimit;
    const issuedAt = Date.now();
    await api.getOauthAuthorizations(); // another caller, another path, issued during the pause
    await first;
    const [limited] = await arrivals("/api/v2/oauth/scopes");
    const [other] = await arrivals("/api/v2/oauth/authorizations");
    expect(issuedAt - limited).toBeLessThan(2000);
    expect(other - limited).toBeGreaterThanOrEqual(2000);
  });

  it("fails at once when Retry-After exceeds retryAfterCapSeconds", async () => {
    await h.emu.admin.addFault({ path: "/api/v2/oauth/scopes", status: 429, retryAfter: 60 });
    const started = Date.now();
    const err = await rejectionOf(h.api.getOauthScopes());
    expect(Date.now() - started).toBeLessThan(2000);
    expect(err).toMatchObject({ name: "GenesysApiError", status: 429, retryAfterSeconds: 60 });
    expect(err.message).toMatch(/Retry-After 60 s is above the 5 s cap/);
    expect(await arrivals("/api/v2/oauth/scopes")).toHaveLength(1);
  });

  it("is honoured at the token endpoint too", async () => {
    const fresh = h.newApi();
    await h.emu.admin.addFault({ path: "/oauth/token", status: 429, retryAfter: 1 });
    await fresh.getOauthScopes();
    const [first, second] = await arrivals("/oauth/token");
    expect(second - first).toBeGreaterThanOrEqual(1000);
    expect(fresh.connection.stats()).toMatchObject({ tokenRequests: 2, rateLimited: 1 });
  });
});

/**
 * A port of 127.0.0.1 that refuses connections for as long as it is held: the local end of a
 * connected client socket. It is bound, so no other test can listen on it (EADDRINUSE) or be given
 * it, and nothing listens on it, so every connection attempt is refused (a freed port could be
 * taken by another worker between the close and the dial).
 */
async function refusingPort(): Promise<{ port: number; release(): Promise<void> }> {
  const accepted: net.Socket[] = [];
  const server = net.createServer((socket) => accepted.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const holder = net.connect((server.address() as net.AddressInfo).port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    holder.once("connect", resolve);
    holder.once("error", reject);
  });
  return {
    port: holder.localPort as number,
    release: async () => {
      holder.destroy();
      for (const socket of accepted) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe("a request that never reached a server", () => {
  let refusing: Awaited<ReturnType<typeof refusingPort>>;
  beforeAll(async () => {
    refusing = await refusingPort();
  });
  afterAll(async () => {
    await refusing?.release();
  });

  it("is repeated, even a POST, and fails as refused with a known outcome", async () => {
    const port = refusing.port;
    const events: RequestEvent[] = [];
    const url = `http://127.0.0.1:${port}`;
    const api = new OAuthApi(
      {
        apiUrl: url,
        loginUrl: url,
        credentials: { kind: "accessToken", accessToken: "a-token-for-nothing" },
      },
      { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2, onRequest: (e) => events.push(e) },
    );
    const err = await rejectionOf(api.postOauthClients(codeClientBody()));
    expect(err).toMatchObject({
      name: "GenesysNetworkError",
      kind: "refused",
      causeCode: "ECONNREFUSED",
      outcomeUnknown: false,
      attempts: 3,
    });
    expect(events.map((e) => e.errorCode)).toEqual([
      "ECONNREFUSED",
      "ECONNREFUSED",
      "ECONNREFUSED",
    ]);
    api.connection.close();
  });
});
