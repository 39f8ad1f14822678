/**
 * OAuthApi and AuthorizationApi against the emulator over real HTTP: every method's happy path,
 * the requests the client sends checked against the Swagger fixture, `nextUri` paging, and the
 * wire details (headers, encoding, 202, empty bodies) against a scripted stub.
 */
import { EMULATOR_AUTHORIZATION_CLIENT_IDS } from "../../provider/emulator";
import { AuthorizationApi, GenesysApiError, OAuthApi } from "../../provider/api";
import { operationFor, validateRequestBody } from "../support/swagger";
import { rejectionOf } from "../support/emulator-api";
import {
  codeClientBody,
  harness,
  logLines,
  startStub,
  stubSettings,
  type Harness,
} from "./helpers";

describe("OAuthApi against the emulator", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(async () => {
    await h.close();
  });

  it("runs a client through its whole life with the 13 methods", async () => {
    const { api } = h;
    const created = await api.postOauthClients(codeClientBody("lifecycle"));
    expect(created.id).toBeDefined();
    expect(created.secret).toEqual(expect.any(String));
    const id = created.id as string;

    const fetched = await api.getOauthClient(id);
    expect(fetched).toMatchObject({ id, name: "lifecycle", authorizedGrantType: "CODE" });
    expect(fetched.secret).toBeUndefined();

    const listing = await api.getOauthClients();
    expect(listing.entities?.map((c) => c.id)).toContain(id);

    const updated = await api.putOauthClient(id, {
      ...codeClientBody("lifecycle-renamed"),
      description: "changed",
    });
    expect(updated).toMatchObject({ id, name: "lifecycle-renamed", description: "changed" });

    const rotated = await api.postOauthClientSecret(id);
    expect(rotated.secret).toEqual(expect.any(String));
    expect(rotated.secret).not.toBe(created.secret);

    const summary = await api.getOauthClientUsageSummary(id, { days: "7" });
    expect(summary.executionId).toEqual(expect.any(String));
    const result = await api.getOauthClientUsageQueryResult(summary.executionId as string, id);
    expect(["Running", "Complete", "Failed"]).toContain(result.queryStatus);

    const query = await api.postOauthClientUsageQuery(id, {
      interval: "2026-01-01T00:00:00/2026-02-01T00:00:00",
      granularity: "Day",
      metrics: ["Requests", "Status429"],
    });
    expect(query.executionId).toEqual(expect.any(String));

    await api.putOauthClient(id, { ...codeClientBody("lifecycle-renamed"), state: "inactive" });
    await expect(api.deleteOauthClient(id)).resolves.toBeUndefined();
    const after = await api.getOauthClient(id).then(
      (c) => c.state,
      (e: GenesysApiError) => e.status,
    );
    expect([404, "deleted"]).toContain(after);
  });

  it("lists and reads scopes and authorizations, in the requested language", async () => {
    const scopes = await h.api.getOauthScopes({ "Accept-Language": "de-de" });
    expect(scopes.entities?.length).toBeGreaterThan(0);
    const scope = await h.api.getOauthScope("users:readonly", { "Accept-Language": "en-us" });
    expect(scope.id).toBe("users:readonly");
    expect(await h.api.getOauthScope("users:readonly", null)).toMatchObject({
      id: "users:readonly",
    });

    const auths = await h.api.getOauthAuthorizations();
    expect(auths.entities?.length).toBe(EMULATOR_AUTHORIZATION_CLIENT_IDS.length);
    const one = await h.api.getOauthAuthorization(EMULATOR_AUTHORIZATION_CLIENT_IDS[0], {});
    expect(one.client?.id).toBe(EMULATOR_AUTHORIZATION_CLIENT_IDS[0]);
  });

  it("reads the home division through AuthorizationApi on the same connection", async () => {
    const before = h.api.connection.stats().tokenRequests;
    const division = await new AuthorizationApi(h.api.connection).getAuthorizationDivisionsHome();
    expect(division.id).toBe(h.emu.homeDivisionId);
    expect(h.api.connection.stats().tokenRequests).toBe(before);
  });

  it("sends only declared operations, parameters and Swagger-valid bodies", async () => {
    const log = (await h.emu.admin.requests()).filter((r) => r.path.startsWith("/api/v2/oauth"));
    expect(log.length).toBeGreaterThan(10);
    for (const entry of log) {
      const op = operationFor(entry.method, entry.path);
      expect(op).toBeDefined();
      for (const name of Object.keys(entry.query)) expect(op?.queryParameters).toContain(name);
      if (entry.body !== undefined) {
        expect(
          validateRequestBody(entry.method, entry.path, entry.body, { mode: "request" }),
        ).toEqual([]);
      }
    }
  });

  it("getOauthClientIfExists answers a 404 with undefined, in one request, and reads others", async () => {
    const created = await h.api.postOauthClients(codeClientBody("if-exists"));
    const id = created.id as string;
    const found = await h.api.getOauthClientIfExists(id);
    expect(found).toMatchObject({ id, name: "if-exists" });
    expect(found?.secret).toBeUndefined();

    const missing = "0f0e0d0c-0b0a-4900-8800-070605040302";
    await h.emu.admin.clearRequests();
    const before = h.api.connection.stats();
    await expect(h.api.getOauthClientIfExists(missing)).resolves.toBeUndefined();
    expect(await logLines(h.emu)).toEqual([`GET /api/v2/oauth/clients/${missing} 404`]);
    expect(h.api.connection.stats().retries).toBe(before.retries);
    // The seed's method still rejects the same 404.
    await expect(h.api.getOauthClient(missing)).rejects.toMatchObject({ status: 404 });
  });

  it("follows nextUri until every page is read", async () => {
    const paged = await harness({}, { listPageSize: 2 });
    try {
      for (let i = 0; i < 4; i++) await paged.emu.admin.seedClient({ name: `seeded-${i}` });
      const all = await paged.api.getOauthClients();
      expect(all.entities).toHaveLength(5); // bootstrap client + 4 seeded
      expect(new Set(all.entities?.map((c) => c.id)).size).toBe(5);
      expect(all.nextUri).toBeUndefined();
      const lists = (await paged.emu.admin.requests()).filter(
        (r) => r.method === "GET" && r.path === "/api/v2/oauth/clients",
      );
      expect(lists.map((r) => r.query.pageNumber)).toEqual([undefined, "2", "3"]);
    } finally {
      await paged.close();
    }
  });
});

describe("OAuthApi on the wire (scripted stub)", () => {
  it("sends JSON, bearer, user agent and Accept-Language headers, and encodes path parameters", async () => {
    const stub = await startStub(() => ({ status: 200, body: { id: "x" } }));
    const api = new OAuthApi(stubSettings(stub));
    try {
      await api.getOauthScope("a/b c?d", { "Accept-Language": "fr-fr" });
      await api.putOauthClient("id 1", codeClientBody());
      const [token, get, put] = stub.requests;
      expect(token.path).toBe("/oauth/token");
      expect(token.headers.authorization).toBe(
        `Basic ${Buffer.from("stub-client:stub-secret-value-1234").toString("base64")}`,
      );
      expect(token.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      expect(token.body).toBe("grant_type=client_credentials");
      expect(get.path).toBe("/api/v2/oauth/scopes/a%2Fb%20c%3Fd");
      expect(get.headers).toMatchObject({
        accept: "application/json",
        authorization: `Bearer ${stub.token}`,
        "accept-language": "fr-fr",
      });
      expect(get.headers["content-type"]).toBeUndefined();
      expect(get.headers["user-agent"]).toMatch(/^pulumi-genesyscloud-oauth\/\d+\.\d+\.\d+/);
      expect(put.path).toBe("/api/v2/oauth/clients/id%201");
      expect(put.headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(put.body)).toEqual(codeClientBody());
    } finally {
      api.connection.close();
      await stub.close();
    }
  });

  it("resolves 202 usage answers and empty DELETE answers", async () => {
    const stub = await startStub((r) =>
      r.method === "DELETE"
        ? { status: 204 }
        : { status: 202, body: { executionId: "e1", resultsUri: "/r/e1" } },
    );
    const api = new OAuthApi(stubSettings(stub));
    try {
      await expect(api.getOauthClientUsageSummary("c1")).resolves.toEqual({
        executionId: "e1",
        resultsUri: "/r/e1",
      });
      await expect(api.postOauthClientUsageQuery("c1", { interval: "x/y" })).resolves.toMatchObject(
        {
          executionId: "e1",
        },
      );
      await expect(api.deleteOauthClient("c1")).resolves.toBeUndefined();
    } finally {
      api.connection.close();
      await stub.close();
    }
  });

  it("stops on a nextUri loop and never sends the token to another origin", async () => {
    const stub = await startStub((r) => {
      if (r.path === "/api/v2/oauth/clients") {
        return {
          status: 200,
          body: {
            entities: [{ id: "1" }],
            nextUri: "https://elsewhere.example/api/v2/oauth/clients?page=2",
          },
        };
      }
      return {
        status: 200,
        body: { entities: [{ id: "2" }], nextUri: "/api/v2/oauth/clients?page=2" },
      };
    });
    const api = new OAuthApi(stubSettings(stub));
    try {
      const err = await rejectionOf(api.getOauthClients());
      expect(err).toBeInstanceOf(GenesysApiError);
      expect((err as GenesysApiError).code).toBe("paging.loop");
      // The absolute nextUri was followed on the configured API URL, then the repeat stopped it.
      expect(stub.requests.map((r) => r.path)).toEqual([
        "/oauth/token",
        "/api/v2/oauth/clients",
        "/api/v2/oauth/clients?page=2",
      ]);
    } finally {
      api.connection.close();
      await stub.close();
    }
  });

  it("getOauthClientIfExists still rejects what is not a 404, and retries what the policy retries", async () => {
    const stub = await startStub((r, n) => {
      if (r.path.endsWith("/forbidden")) return { status: 403, body: { code: "forbidden" } };
      return n === 2 ? { status: 503, body: {} } : { status: 404, body: { code: "not.found" } };
    });
    const api = new OAuthApi(stubSettings(stub), { baseDelayMs: 1, maxDelayMs: 2 });
    try {
      await expect(api.getOauthClientIfExists("gone")).resolves.toBeUndefined();
      await expect(api.getOauthClientIfExists("flaky")).resolves.toBeUndefined();
      await expect(api.getOauthClientIfExists("forbidden")).rejects.toMatchObject({
        name: "GenesysApiError",
        status: 403,
      });
      await expect(api.getOauthClientIfExists("")).rejects.toThrow(/clientId/);
      expect(stub.requests.map((r) => r.path)).toEqual([
        "/oauth/token",
        "/api/v2/oauth/clients/gone",
        "/api/v2/oauth/clients/flaky",
        "/api/v2/oauth/clients/flaky",
        "/api/v2/oauth/clients/forbidden",
      ]);
    } finally {
      api.connection.close();
      await stub.close();
    }
  });

  it("refuses acceptStatuses that the retry policy or re-authentication own", async () => {
    const stub = await startStub(() => ({ status: 200, body: {} }));
    const api = new OAuthApi(stubSettings(stub));
    try {
      for (const status of [401, 408, 429, 500, 503, 200, 404.5]) {
        await expect(
          api.connection.request({ method: "GET", path: "/x", acceptStatuses: [status] }),
        ).rejects.toThrow(/acceptStatuses/);
      }
      expect(stub.requests).toEqual([]);
      const res = await api.connection.request({
        method: "GET",
        path: "/x",
        acceptStatuses: [409],
      });
      expect(res.status).toBe(200);
    } finally {
      api.connection.close();
      await stub.close();
    }
  });

  it("rejects a 2xx answer whose body is not a JSON object", async () => {
    const stub = await startStub(() => ({ status: 200, body: "<html>proxy</html>" }));
    const api = new OAuthApi(stubSettings(stub));
    try {
      const err = await rejectionOf(api.getOauthClient("c1"));
      expect(err).toMatchObject({
        name: "GenesysApiError",
        status: 200,
        code: "unexpected.response",
      });
    } finally {
      api.connection.close();
      await stub.close();
    }
  });
});
