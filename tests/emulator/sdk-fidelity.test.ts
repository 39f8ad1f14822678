/**
 * Fidelity proof with a client nobody here wrote: the official Genesys JavaScript SDK
 * (`purecloud-platform-client-v2`), unmodified, pointed at the emulator with `setGateway`, logs in
 * with client credentials and drives the OAuth API end to end. Its `ApiClient.instance` is a
 * process-wide singleton, which is fine inside this one test file.
 */
import * as sdk from "purecloud-platform-client-v2";
import {
  startEmulator,
  EMULATOR_ROLE_IDS,
  EMULATOR_DIVISION_IDS,
  type RunningEmulator,
} from "../../provider/emulator";
import { validateDefinition, validateResponse } from "../support/swagger";

/** The parts of the SDK this test uses (its bundled typings declare the API classes globally). */
interface Client {
  id: string;
  name: string;
  secret?: string;
  state: string;
  authorizedGrantType: string;
  roleDivisions?: { roleId: string; divisionId: string }[];
}
interface OAuthApiLike {
  postOauthClients(body: object): Promise<Client>;
  getOauthClient(clientId: string): Promise<Client>;
  putOauthClient(clientId: string, body: object): Promise<Client>;
  postOauthClientSecret(clientId: string): Promise<Client>;
  getOauthClients(): Promise<{ entities: Client[]; total: number }>;
  getOauthScopes(opts?: {
    acceptLanguage?: string;
  }): Promise<{ entities: { id: string; description: string }[] }>;
  getOauthScope(
    scopeId: string,
    opts?: { acceptLanguage?: string },
  ): Promise<{ id: string; description: string }>;
  postOauthClientUsageQuery(
    clientId: string,
    body: object,
  ): Promise<{ executionId: string; resultsUri: string }>;
  getOauthClientUsageSummary(
    clientId: string,
    opts?: { days?: string },
  ): Promise<{ executionId: string }>;
  getOauthClientUsageQueryResult(
    executionId: string,
    clientId: string,
  ): Promise<{ queryStatus: string; results?: object[] }>;
  getOauthAuthorizations(opts?: { acceptLanguage?: string }): Promise<{ total: number }>;
  deleteOauthClient(clientId: string): Promise<void>;
}
type OAuthApiCtor = new () => OAuthApiLike;

const apiClient = sdk.ApiClient.instance;
const OAuthApi = (sdk as unknown as { OAuthApi: OAuthApiCtor }).OAuthApi;
const { developer } = EMULATOR_ROLE_IDS;
const HOME = EMULATOR_DIVISION_IDS.home;

let emu: RunningEmulator;
let oauth: OAuthApiLike;

beforeAll(async () => {
  emu = await startEmulator();
  // The SDK logs request headers (the bearer token) at debug/trace: keep it silent.
  apiClient.config.logger.log_level = "none";
  apiClient.config.logger.log_to_console = false;
  apiClient.config.logger.setLogger();
  apiClient.config.live_reload_config = false;
  apiClient.setGateway({
    host: "127.0.0.1",
    protocol: "http",
    port: emu.port,
    path_params_login: "",
    path_params_api: "",
  });
  await apiClient.loginClientCredentialsGrant(emu.clientId, emu.clientSecret);
  oauth = new OAuthApi();
});
afterAll(async () => {
  apiClient.setGateway(undefined as never);
  await emu.close();
});

it("logs in through the gateway settings at POST /oauth/token", async () => {
  const log = await emu.admin.requests();
  expect(log[0]).toMatchObject({
    method: "POST",
    path: "/oauth/token",
    status: 200,
    tokenClientId: emu.clientId,
  });
});

it("runs the client lifecycle with unmodified SDK calls", async () => {
  const created = await oauth.postOauthClients({
    name: "sdk-made",
    description: "created by the official SDK",
    authorizedGrantType: "CLIENT-CREDENTIALS",
    roleDivisions: [{ roleId: developer, divisionId: HOME }],
    accessTokenValiditySeconds: 600,
  });
  expect(validateResponse("POST", "/api/v2/oauth/clients", 200, created)).toEqual([]);
  expect(created.secret).toBeTruthy();

  const got = await oauth.getOauthClient(created.id);
  expect(got).toMatchObject({ id: created.id, name: "sdk-made", state: "active" });
  expect(got).not.toHaveProperty("secret");

  const updated = await oauth.putOauthClient(created.id, {
    name: "sdk-renamed",
    authorizedGrantType: "CLIENT-CREDENTIALS",
    roleDivisions: [{ roleId: developer, divisionId: HOME }],
    state: "inactive",
  });
  expect(updated).toMatchObject({ name: "sdk-renamed", state: "inactive" });
  expect(validateResponse("PUT", `/api/v2/oauth/clients/${created.id}`, 200, updated)).toEqual([]);

  const rotated = await oauth.postOauthClientSecret(created.id);
  expect(rotated.secret).toBeTruthy();
  expect(rotated.secret).not.toBe(created.secret);

  const listing = await oauth.getOauthClients();
  expect(listing.entities.map((c) => c.id)).toEqual(
    expect.arrayContaining([emu.clientId, created.id]),
  );
  expect(validateResponse("GET", "/api/v2/oauth/clients", 200, listing)).toEqual([]);

  await oauth.deleteOauthClient(created.id);
  await expect(oauth.getOauthClient(created.id)).rejects.toMatchObject({
    status: 404,
    code: "client.not.found",
  });
});

it("reads scopes with Accept-Language and authorizations", async () => {
  const scopes = await oauth.getOauthScopes({ acceptLanguage: "de-de" });
  expect(validateResponse("GET", "/api/v2/oauth/scopes", 200, scopes)).toEqual([]);
  expect(scopes.entities.find((s) => s.id === "oauth")?.description).toBe(
    "OAuth-Clients verwalten",
  );
  const one = await oauth.getOauthScope("users:readonly");
  expect(one.id).toBe("users:readonly");
  expect((await oauth.getOauthAuthorizations()).total).toBeGreaterThan(0);
});

it("queries usage and polls the results", async () => {
  await oauth.getOauthClients();
  const now = new Date();
  const start = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 19);
  const end = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 19);
  const execution = await oauth.postOauthClientUsageQuery(emu.clientId, {
    interval: `${start}/${end}`,
    granularity: "Day",
    groupBy: ["TemplateUri", "HttpMethod"],
  });
  expect(validateDefinition("UsageExecutionResult", execution)).toEqual([]);
  const first = await oauth.getOauthClientUsageQueryResult(execution.executionId, emu.clientId);
  expect(first.queryStatus).toBe("Running");
  const done = await oauth.getOauthClientUsageQueryResult(execution.executionId, emu.clientId);
  expect(done.queryStatus).toBe("Complete");
  expect(validateDefinition("ApiUsageQueryResult", done)).toEqual([]);
  expect(done.results).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ templateUri: "/api/v2/oauth/clients", httpMethod: "GET" }),
    ]),
  );
  const summary = await oauth.getOauthClientUsageSummary(emu.clientId, { days: "3" });
  expect(summary.executionId).toBeTruthy();
});

it("rejects a 400 with the ErrorBody, as the SDK documents", async () => {
  const error: unknown = await oauth
    .postOauthClients({ name: "no-roles", authorizedGrantType: "CLIENT-CREDENTIALS" })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toMatchObject({
    status: 400,
    code: "missing.client.roles",
    message: "Client roles and divisions are missing.",
  });
  expect(validateDefinition("ErrorBody", error)).toEqual([]);
  const log = await emu.admin.requests();
  const last = log[log.length - 1];
  expect((error as { contextId: string }).contextId).toBe(last.correlationId);
});

it("exposes status, headers and body with extended responses", async () => {
  apiClient.setReturnExtendedResponses(true);
  try {
    const error = (await oauth.getOauthClient("00000000-0000-4000-8000-000000000000").then(
      () => undefined,
      (e: unknown) => e,
    )) as {
      status: number;
      headers: Record<string, string>;
      body: { code: string; contextId: string };
    };
    expect(error.status).toBe(404);
    expect(error.body.code).toBe("client.not.found");
    expect(error.headers["inin-correlation-id"]).toBe(error.body.contextId);
    expect(error.headers["inin-ratelimit-allowed"]).toBe("300");
  } finally {
    apiClient.setReturnExtendedResponses(false);
  }
});
