/**
 * No secret, token or Authorization value in anything the client produces: thrown errors (message,
 * stack, JSON, util.inspect), onRequest events, or the connection object itself. Scanned for the
 * actual secret strings, across every failure mode, including a server that echoes the request's
 * credentials back in its error bodies.
 */
import * as util from "util";
import { codeClientBody, harness, startStub, stubSettings, type Harness } from "./helpers";
import { OAuthApi, type RequestEvent } from "../../provider/api";

const b64 = (id: string, secret: string): string =>
  Buffer.from(`${id}:${secret}`).toString("base64");

/** Every text form of a value a user or a log could see. */
function renderings(value: unknown): string[] {
  const out = [util.inspect(value, { depth: 20, showHidden: true }), String(value)];
  try {
    out.push(JSON.stringify(value));
  } catch {
    // not serializable: the other forms remain
  }
  if (value instanceof Error) out.push(String(value.stack), value.message);
  return out;
}

function expectClean(values: unknown[], secrets: string[]): void {
  for (const value of values) {
    for (const text of renderings(value)) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    if (value instanceof Error) {
      // No axios error (it carries the request headers) escapes, not even as a cause.
      for (const key of ["config", "request", "response", "cause", "headers"]) {
        expect(value).not.toHaveProperty(key);
      }
    }
  }
}

async function failures(api: OAuthApi, h: Harness): Promise<unknown[]> {
  const errors: unknown[] = [];
  const attempt = async (call: () => Promise<unknown>): Promise<void> => {
    await call().then(
      () => errors.push(new Error("expected a failure")),
      (e: unknown) => errors.push(e),
    );
  };
  const add = (fault: Parameters<typeof h.emu.admin.addFault>[0]): Promise<unknown> =>
    h.emu.admin.addFault(fault);
  await add({ method: "POST", path: "/api/v2/oauth/clients", status: 500 });
  await attempt(() => api.postOauthClients(codeClientBody()));
  await add({ method: "POST", path: "/api/v2/oauth/clients", kind: "reset" });
  await attempt(() => api.postOauthClients(codeClientBody()));
  await add({ method: "POST", path: "/api/v2/oauth/clients", kind: "delay", delayMs: 2500 });
  await attempt(() => api.postOauthClients(codeClientBody()));
  await add({ path: "/api/v2/oauth/scopes", status: 401, times: 2 });
  await attempt(() => api.getOauthScopes());
  await add({ path: "/api/v2/oauth/scopes", status: 429, retryAfter: 999 });
  await attempt(() => api.getOauthScopes());
  await attempt(() => api.getOauthClient("00000000-0000-4000-8000-000000000000"));
  await attempt(() => api.postOauthClients({ ...codeClientBody(), authorizedGrantType: "NOPE" }));
  return errors;
}

describe("redaction", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ timeoutMs: 1000, maxRetries: 0 });
  });
  afterAll(async () => {
    await h.close();
  });

  it("with client credentials, across every failure mode and every event", async () => {
    const events: RequestEvent[] = [];
    const api = h.newApi({ timeoutMs: 1000, maxRetries: 0, onRequest: (e) => events.push(e) });
    const errors = await failures(api, h);
    expect(errors.length).toBe(7);
    expect(errors.every((e) => e instanceof Error && /^Genesys/.test(e.name))).toBe(true);
    const secrets = [h.emu.clientSecret, b64(h.emu.clientId, h.emu.clientSecret)];
    expectClean([...errors, events, api, api.connection], secrets);
  });

  it("with a wrong client secret", async () => {
    const wrong = "wrong-secret-that-must-never-be-shown";
    const events: RequestEvent[] = [];
    const api = h.newApi(
      { onRequest: (e) => events.push(e) },
      {
        apiUrl: h.emu.apiUrl,
        loginUrl: h.emu.loginUrl,
        credentials: { kind: "clientCredentials", clientId: h.emu.clientId, clientSecret: wrong },
      },
    );
    const err = await api.getOauthScopes().catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "GenesysAuthError" });
    expectClean([err, events, api, api.connection], [wrong, b64(h.emu.clientId, wrong)]);
  });

  it("with a pre-issued access token", async () => {
    const res = await fetch(`${h.emu.loginUrl}/oauth/token`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${b64(h.emu.clientId, h.emu.clientSecret)}`,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "grant_type=client_credentials",
    });
    const token = ((await res.json()) as { access_token: string }).access_token;
    const events: RequestEvent[] = [];
    const api = h.newApi(
      { timeoutMs: 1000, maxRetries: 0, onRequest: (e) => events.push(e) },
      {
        apiUrl: h.emu.apiUrl,
        loginUrl: h.emu.loginUrl,
        credentials: { kind: "accessToken", accessToken: token },
      },
    );
    const errors = await failures(api, h);
    expect(errors.length).toBe(7);
    expectClean([...errors, events, api, api.connection], [token]);
  });

  it("when the server echoes the credentials back in its error bodies", async () => {
    const secret = "stub-secret-echoed-back-0123456789";
    const stub = await startStub((r) => {
      const echoed = String(r.headers.authorization);
      return {
        status: 400,
        headers: { "ININ-Correlation-Id": "corr-1" },
        body: {
          code: "bad.request",
          message: `you sent ${echoed}`,
          messageWithParams: "you sent {auth}",
          messageParams: { auth: echoed },
          details: [{ fieldName: echoed }],
          errors: [{ message: echoed }],
          contextId: "corr-1",
        },
      };
    });
    const events: RequestEvent[] = [];
    const api = new OAuthApi(stubSettings(stub, secret), { onRequest: (e) => events.push(e) });
    try {
      const err = await api.getOauthScopes().catch((e: unknown) => e);
      expect(err).toMatchObject({ name: "GenesysApiError", status: 400, correlationId: "corr-1" });
      expect((err as Error).message).toContain("you sent Bearer [REDACTED]");
      expectClean([err, events, api], [stub.token, secret, b64("stub-client", secret)]);
    } finally {
      api.connection.close();
      await stub.close();
    }
  });

  it("when the token endpoint echoes the Basic credentials back", async () => {
    const secret = "stub-secret-for-token-echo-0123456789";
    const basic = b64("stub-client", secret);
    const http = await import("http");
    const server = http.createServer((req, res) => {
      res.statusCode = 401;
      res.setHeader("Content-Type", "application/json");
      res.end(
        JSON.stringify({
          error: "invalid_client",
          description: `bad ${req.headers.authorization}`,
          error_description: `bad ${req.headers.authorization} (${secret})`,
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const api = new OAuthApi({
      apiUrl: url,
      loginUrl: url,
      credentials: { kind: "clientCredentials", clientId: "stub-client", clientSecret: secret },
    });
    try {
      const err = await api.getOauthScopes().catch((e: unknown) => e);
      expect(err).toMatchObject({ name: "GenesysAuthError", status: 401, code: "invalid_client" });
      expectClean([err], [secret, basic]);
    } finally {
      api.connection.close();
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
    }
  });
});
