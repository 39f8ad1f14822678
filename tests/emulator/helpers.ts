/**
 * Test helpers for the emulator suites: raw HTTP (the admin client's `httpRequest`), token login,
 * an API caller that checks EVERY response it sees against the Swagger fixture (declared
 * status, body schema, error code among the operation's `x-inin-error-codes`) and the headers
 * every platform response carries, and the per-file emulator setup most suites share.
 */
import { validateDefinition, validateResponse, operationFor } from "../support/swagger";
import {
  startEmulator,
  type EmulatorSettings,
  type RunningEmulator,
} from "../../provider/emulator";
import {
  httpRequest,
  type HttpRequestOptions as RequestOptions,
  type HttpResult,
} from "../../provider/emulator/admin-client";

// Raw HTTP is the admin client's own helper (one request per fresh connection).
export { httpRequest, type HttpResult, type RequestOptions };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Asserts the headers every API and token response carries. */
export function expectPlatformHeaders(res: HttpResult): void {
  expect(res.headers["inin-correlation-id"]).toMatch(UUID);
  expect(res.headers["inin-ratelimit-count"]).toMatch(/^\d+$/);
  expect(res.headers["inin-ratelimit-allowed"]).toMatch(/^\d+$/);
  expect(res.headers["inin-ratelimit-reset"]).toMatch(/^\d+$/);
}

/**
 * Asserts a response conforms to the Swagger: for the 13 OAuthAPI operations via
 * `validateResponse`; for other API paths, errors must still be ErrorBody.
 */
export function expectConforms(method: string, path: string, res: HttpResult): void {
  if (operationFor(method, path)) {
    expect(validateResponse(method, path, res.status, res.body)).toEqual([]);
  } else if (res.status >= 400) {
    expect(validateDefinition("ErrorBody", res.body)).toEqual([]);
  }
  if (res.status >= 400) {
    const body = res.body as { status?: number; contextId?: string };
    expect(body.status).toBe(res.status);
    expect(body.contextId).toBe(res.headers["inin-correlation-id"]);
  }
}

/** Logs in with client credentials; returns the raw token response. */
export function tokenRequest(
  emu: { loginUrl: string },
  id: string,
  secret: string,
): Promise<HttpResult> {
  return httpRequest(`${emu.loginUrl}/oauth/token`, {
    method: "POST",
    headers: {
      Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
}

/** Logs in and returns the access token (fails the test when login fails). */
export async function login(
  emu: { loginUrl: string },
  id: string,
  secret: string,
): Promise<string> {
  const res = await tokenRequest(emu, id, secret);
  expect(res.status).toBe(200);
  return (res.body as { access_token: string }).access_token;
}

/** Calls the API with a token; every response is checked with {@link expectConforms}. */
export type ApiCaller = (
  method: string,
  path: string,
  options?: RequestOptions,
) => Promise<HttpResult>;

/** An {@link ApiCaller} for a token. */
export function apiCaller(emu: { apiUrl: string }, token: string | undefined): ApiCaller {
  return async (method, path, options = {}) => {
    const res = await httpRequest(`${emu.apiUrl}${path}`, {
      ...options,
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(options.headers ?? {}),
      },
    });
    expectPlatformHeaders(res);
    expectConforms(method, path, res);
    return res;
  };
}

/** Logs in as the bootstrap admin and returns a checked API caller. */
export async function adminApi(emu: RunningEmulator): Promise<ApiCaller> {
  return apiCaller(emu, await login(emu, emu.clientId, emu.clientSecret));
}

/**
 * Registers the hooks most emulator suites share: one emulator for the file (closed after it) and,
 * before each test, a reset, the `settings` given (if any), and a fresh admin login. `bind` gets
 * the emulator and the new admin caller before each test, so a suite keeps its own variables.
 */
export function withAdminEmulator(
  bind: (emu: RunningEmulator, api: ApiCaller) => void,
  settings?: Partial<EmulatorSettings>,
): void {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.close());
  beforeEach(async () => {
    await emu.admin.reset();
    // Before the login: a moved clock would expire a token issued earlier.
    if (settings) await emu.admin.updateSettings(settings);
    bind(emu, await adminApi(emu));
  });
}

/** An OAuth client as the emulator answers it (fields it always sets are required here). */
export interface ClientResponse {
  id: string;
  name: string;
  secret?: string;
  state: string;
  roleIds: string[];
  roleDivisions: { roleId: string; divisionId: string }[];
  dateCreated: string;
  dateModified: string;
  dateToDelete?: string;
  createdBy: { id: string; name: string; selfUri: string };
  modifiedBy: { id: string; name: string; selfUri: string };
  selfUri: string;
  accessTokenValiditySeconds: number;
  description?: string;
  scope: string[];
}

/** Creates a client through `api`; fails the test unless the answer is 200. */
export async function createClient(
  api: ApiCaller,
  body: Record<string, unknown>,
): Promise<ClientResponse> {
  const res = await api("POST", "/api/v2/oauth/clients", { body });
  expect(res.status).toBe(200);
  return res.body as ClientResponse;
}

/** The ErrorBody code of a response. */
export function codeOf(res: HttpResult): string | undefined {
  return (res.body as { code?: string } | undefined)?.code;
}

/** A valid client-credentials create body. */
export function ccClient(
  roleId: string,
  divisionId: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    name: "ci-robot",
    description: "made by a test",
    authorizedGrantType: "CLIENT-CREDENTIALS",
    roleDivisions: [{ roleId, divisionId }],
    ...extra,
  };
}

/** A valid code-grant create body. */
export function codeClient(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "web-app",
    authorizedGrantType: "CODE",
    scope: ["users:readonly"],
    registeredRedirectUri: ["https://app.example.com/callback"],
    ...extra,
  };
}
