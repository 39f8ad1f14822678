/**
 * The token endpoint and bearer authentication: who may log in, with which secret, for how long,
 * and the 400/401 answers otherwise.
 */
import {
  startEmulator,
  EMULATOR_ROLE_IDS,
  EMULATOR_DIVISION_IDS,
  type RunningEmulator,
} from "../../provider/emulator";
import {
  apiCaller,
  ccClient,
  codeClient,
  codeOf,
  expectPlatformHeaders,
  httpRequest,
  login,
  tokenRequest,
  withAdminEmulator,
  type ApiCaller,
} from "./helpers";

const HOME = EMULATOR_DIVISION_IDS.home;
const { developer } = EMULATOR_ROLE_IDS;
const AUTH_FAILED = {
  error: "invalid_client",
  description: "authentication failed",
  error_description: "authentication failed",
};

let emu: RunningEmulator;
let api: ApiCaller;
withAdminEmulator((running, admin) => {
  emu = running;
  api = admin;
});

async function createCc(
  extra: Record<string, unknown> = {},
): Promise<{ id: string; secret: string }> {
  const res = await api("POST", "/api/v2/oauth/clients", {
    body: ccClient(developer, HOME, extra),
  });
  expect(res.status).toBe(200);
  return res.body as { id: string; secret: string };
}

describe("POST /oauth/token", () => {
  it("issues a bearer token to the bootstrap client", async () => {
    const res = await tokenRequest(emu, emu.clientId, emu.clientSecret);
    expect(res.status).toBe(200);
    expectPlatformHeaders(res);
    const body = res.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["access_token", "expires_in", "token_type"]);
    expect(body.token_type).toBe("bearer");
    expect(body.expires_in).toBe(86400);
    expect(typeof body.access_token).toBe("string");
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("accepts client_secret_post credentials in the form body", async () => {
    const res = await httpRequest(`${emu.loginUrl}/oauth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: emu.clientId,
        client_secret: emu.clientSecret,
      }).toString(),
    });
    expect(res.status).toBe(200);
  });

  it("answers invalid_client for a wrong secret, an unknown id and missing credentials", async () => {
    expect((await tokenRequest(emu, emu.clientId, "wrong")).body).toEqual(AUTH_FAILED);
    const unknown = await tokenRequest(
      emu,
      "00000000-0000-4000-8000-000000000000",
      emu.clientSecret,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual(AUTH_FAILED);
    const none = await httpRequest(`${emu.loginUrl}/oauth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    expect(none.status).toBe(400);
    expect(none.body).toEqual(AUTH_FAILED);
  });

  it("refuses other grant types and a non-form body", async () => {
    const basic = `Basic ${Buffer.from(`${emu.clientId}:${emu.clientSecret}`).toString("base64")}`;
    const password = await httpRequest(`${emu.loginUrl}/oauth/token`, {
      method: "POST",
      headers: { Authorization: basic, "Content-Type": "application/x-www-form-urlencoded" },
      body: "grant_type=password&username=a&password=b",
    });
    expect(password.status).toBe(400);
    expect((password.body as { error: string }).error).toBe("unsupported_grant_type");
    const json = await httpRequest(`${emu.loginUrl}/oauth/token`, {
      method: "POST",
      headers: { Authorization: basic },
      body: { grant_type: "client_credentials" },
    });
    expect(json.status).toBe(400);
    expect((json.body as { error: string }).error).toBe("invalid_request");
  });

  it("answers other methods on the token path with 404 not.found", async () => {
    const res = await httpRequest(`${emu.loginUrl}/oauth/token`);
    expect(res.status).toBe(404);
    expect(codeOf(res)).toBe("not.found");
    expectPlatformHeaders(res);
  });

  it("lets a client-credentials client created through the API log in with its own secret", async () => {
    const c = await createCc({ accessTokenValiditySeconds: 600 });
    const res = await tokenRequest(emu, c.id, c.secret);
    expect(res.status).toBe(200);
    expect((res.body as { expires_in: number }).expires_in).toBe(600);
    const own = apiCaller(emu, (res.body as { access_token: string }).access_token);
    expect((await own("GET", `/api/v2/oauth/clients/${c.id}`)).status).toBe(200);
  });

  it("refuses a code-grant client with unauthorized_client", async () => {
    const c = (await api("POST", "/api/v2/oauth/clients", { body: codeClient() })).body as {
      id: string;
      secret: string;
    };
    const res = await tokenRequest(emu, c.id, c.secret);
    expect(res.status).toBe(400);
    expect((res.body as { error: string }).error).toBe("unauthorized_client");
  });

  it("stops accepting the old secret once the secret is regenerated, but keeps issued tokens", async () => {
    const c = await createCc();
    const token = await login(emu, c.id, c.secret);
    const rotated = (await api("POST", `/api/v2/oauth/clients/${c.id}/secret`)).body as {
      secret: string;
    };
    expect((await tokenRequest(emu, c.id, c.secret)).body).toEqual(AUTH_FAILED);
    expect((await tokenRequest(emu, c.id, rotated.secret)).status).toBe(200);
    expect((await apiCaller(emu, token)("GET", "/api/v2/oauth/scopes")).status).toBe(200);
  });

  it("refuses inactive, disabled and deleted clients, and their tokens stop working", async () => {
    const c = await createCc();
    const token = await login(emu, c.id, c.secret);
    const own = apiCaller(emu, token);
    await api("PUT", `/api/v2/oauth/clients/${c.id}`, {
      body: ccClient(developer, HOME, { state: "inactive" }),
    });
    expect((await tokenRequest(emu, c.id, c.secret)).body).toEqual(AUTH_FAILED);
    const inactive = await own("GET", "/api/v2/oauth/scopes");
    expect(inactive.status).toBe(401);
    expect(codeOf(inactive)).toBe("bad.credentials");

    await emu.admin.patchClient(c.id, { state: "disabled" });
    expect((await tokenRequest(emu, c.id, c.secret)).body).toEqual(AUTH_FAILED);
    expect((await own("GET", "/api/v2/oauth/scopes")).status).toBe(401);

    await emu.admin.patchClient(c.id, { state: "active" });
    expect((await own("GET", "/api/v2/oauth/scopes")).status).toBe(200);
    await api("PUT", `/api/v2/oauth/clients/${c.id}`, {
      body: ccClient(developer, HOME, { state: "inactive" }),
    });
    await api("DELETE", `/api/v2/oauth/clients/${c.id}`);
    expect((await tokenRequest(emu, c.id, c.secret)).body).toEqual(AUTH_FAILED);
    expect((await own("GET", "/api/v2/oauth/scopes")).status).toBe(401);
  });

  it("expires tokens after accessTokenValiditySeconds on the emulator clock", async () => {
    const c = await createCc({ accessTokenValiditySeconds: 300 });
    const issuedAt = Date.now();
    await emu.admin.updateSettings({ now: new Date(issuedAt).toISOString() });
    const own = apiCaller(emu, await login(emu, c.id, c.secret));
    await emu.admin.updateSettings({ now: new Date(issuedAt + 299_000).toISOString() });
    expect((await own("GET", "/api/v2/oauth/scopes")).status).toBe(200);
    await emu.admin.updateSettings({ now: new Date(issuedAt + 300_000).toISOString() });
    const expired = await own("GET", "/api/v2/oauth/scopes");
    expect(expired.status).toBe(401);
    expect(codeOf(expired)).toBe("bad.credentials");
  });
});

describe("bearer authentication", () => {
  it("answers 401 authentication.required without a token and bad.credentials with an unknown one", async () => {
    const none = await apiCaller(emu, undefined)("GET", "/api/v2/oauth/clients");
    expect(none.status).toBe(401);
    expect(codeOf(none)).toBe("authentication.required");
    const bogus = await apiCaller(emu, "not-a-token")("GET", "/api/v2/oauth/clients");
    expect(bogus.status).toBe(401);
    expect(codeOf(bogus)).toBe("bad.credentials");
    expect((bogus.body as { message: string }).message).toBe("Invalid login credentials.");
  });

  it("revokes the calling token on DELETE /api/v2/tokens/me", async () => {
    const token = await login(emu, emu.clientId, emu.clientSecret);
    const own = apiCaller(emu, token);
    expect((await own("DELETE", "/api/v2/tokens/me")).status).toBe(204);
    expect((await own("GET", "/api/v2/oauth/scopes")).status).toBe(401);
  });

  it("honours tokenExpiresInSeconds over the client's validity", async () => {
    const short = await startEmulator({ tokenExpiresInSeconds: 5 });
    try {
      const res = await tokenRequest(short, short.clientId, short.clientSecret);
      expect((res.body as { expires_in: number }).expires_in).toBe(5);
    } finally {
      await short.close();
    }
  });
});
