/**
 * The baseline: the official Genesys JavaScript SDK (`purecloud-platform-client-v2`, unmodified,
 * pointed at the emulator with `setGateway`) making exactly the raw calls of each phase's lower
 * bound, at the same parallelism, logged in once with client credentials. No engine, no host, no
 * state: what the API calls alone cost.
 */
import * as platformClient from "purecloud-platform-client-v2";
import type { EmulatorProcess } from "./emulatorProcess";
import { cpuFigures, cpuMs, limiter, ownCpuMs } from "./hosts";
import { memberName, FLEET_V1, FLEET_V2 } from "./program";
import type { PhaseName, SdkFigures } from "./types";

/** The SDK's OAuthClient, as far as the baseline reads it. */
interface SdkClient {
  id: string;
}

/** The SDK calls the baseline makes (its bundled typings declare the API classes globally). */
interface OAuthApiLike {
  postOauthClients(body: object): Promise<SdkClient>;
  getOauthClient(clientId: string): Promise<SdkClient>;
  putOauthClient(clientId: string, body: object): Promise<SdkClient>;
  postOauthClientSecret(clientId: string): Promise<SdkClient>;
  deleteOauthClient(clientId: string): Promise<void>;
}
interface AuthorizationApiLike {
  getAuthorizationDivisionsHome(): Promise<{ id: string }>;
}

const sdk = platformClient as unknown as {
  OAuthApi: new () => OAuthApiLike;
  AuthorizationApi: new () => AuthorizationApiLike;
};

/** Points the SDK's process-wide client at the emulator and logs in once. */
export async function loginSdk(emulator: EmulatorProcess): Promise<void> {
  const apiClient = platformClient.ApiClient.instance;
  // At debug/trace the SDK logs request headers (the bearer token): keep it silent.
  apiClient.config.logger.log_level = "none";
  apiClient.config.logger.log_to_console = false;
  apiClient.config.logger.setLogger();
  apiClient.config.live_reload_config = false;
  apiClient.setGateway({
    host: "127.0.0.1",
    protocol: "http",
    port: emulator.port,
    path_params_login: "",
    path_params_api: "",
  });
  await apiClient.loginClientCredentialsGrant(emulator.clientId, emulator.clientSecret);
}

function describeError(err: unknown): string {
  if (typeof err === "object" && err !== null) {
    const e = err as { status?: unknown; code?: unknown; message?: unknown };
    return `${String(e.status ?? "")} ${String(e.code ?? "")} ${String(e.message ?? "")}`.trim();
  }
  return String(err);
}

function isNotFound(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { status?: unknown }).status === 404;
}

/**
 * Runs the phases that make API calls (create, refresh, update, rotate, destroy) for `clients`
 * clients at `parallel` (0 = unbounded). The previews make no call, so they have no baseline.
 */
export async function runSdkFiguress(
  emulator: EmulatorProcess,
  clients: number,
  parallel: number,
  roleId: string,
): Promise<Map<PhaseName, SdkFigures>> {
  const oauth = new sdk.OAuthApi();
  const authorization = new sdk.AuthorizationApi();
  const ids: string[] = [];
  let home = "";
  const body = (i: number, description: string, state: string) => ({
    name: memberName("sdk", i),
    description,
    accessTokenValiditySeconds: 86400,
    authorizedGrantType: "CLIENT-CREDENTIALS",
    registeredRedirectUri: [],
    state,
    roleDivisions: [{ roleId, divisionId: home }],
  });
  const phases: [PhaseName, (i: number) => Promise<unknown>][] = [
    [
      "create",
      async (i) => {
        ids[i] = (await oauth.postOauthClients(body(i, FLEET_V1.description, "active"))).id;
      },
    ],
    ["refresh", (i) => oauth.getOauthClient(ids[i])],
    ["update", (i) => oauth.putOauthClient(ids[i], body(i, FLEET_V2.description, "active"))],
    ["rotate", (i) => oauth.postOauthClientSecret(ids[i])],
    [
      "destroy",
      async (i) => {
        await oauth.putOauthClient(ids[i], body(i, FLEET_V2.description, "inactive"));
        await oauth.deleteOauthClient(ids[i]);
        try {
          await oauth.getOauthClient(ids[i]);
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      },
    ],
  ];
  const results = new Map<PhaseName, SdkFigures>();
  for (const [phase, call] of phases) {
    await emulator.admin.clearRequests();
    const limit = limiter(parallel);
    const errors: string[] = [];
    const cpu0 = { engine: ownCpuMs(), emulator: cpuMs(emulator.pid) };
    const started = performance.now();
    if (phase === "create") home = (await authorization.getAuthorizationDivisionsHome()).id;
    await Promise.all(
      Array.from({ length: clients }, (_, i) =>
        limit(() => call(i)).catch((err: unknown) => {
          errors.push(`${memberName("sdk", i)}: ${describeError(err)}`);
        }),
      ),
    );
    const timeMs = performance.now() - started;
    const engineMs = ownCpuMs() - cpu0.engine;
    const emulatorCpu = cpuMs(emulator.pid);
    const requests = (await emulator.admin.requests()).length;
    results.set(phase, {
      timeMs,
      requests,
      errors,
      cpu: cpuFigures(
        null,
        engineMs,
        emulatorCpu === null || cpu0.emulator === null ? null : emulatorCpu - cpu0.emulator,
      ),
    });
  }
  return results;
}
