/**
 * A local emulator of the Genesys Cloud OAuth API (`pulumi-genesyscloud-oauth/emulator`): the
 * token endpoint, the 13 OAuthAPI operations, the home division, plus an admin API for tests.
 * See README.md in this folder.
 */
import type { AddressInfo } from "net";
import { EmulatorAdmin } from "./admin-client";
import { EMULATOR_DIVISIONS, EMULATOR_ROLES } from "./catalog";
import { EmulatorCore } from "./core";
import { createEmulatorServer } from "./server";
import type { EmulatorSettings } from "./types";

export { EmulatorAdmin, EmulatorAdminError } from "./admin-client";
export type { SeedClientInput, SeedUsageRow } from "./admin-client";
export {
  EMULATOR_DIVISIONS,
  EMULATOR_DIVISION_IDS,
  EMULATOR_ORGANIZATION_ID,
  EMULATOR_ROLES,
  EMULATOR_ROLE_IDS,
  ALL_DIVISIONS,
} from "./catalog";
export type { EmulatorDivision, EmulatorRole } from "./catalog";
export { EMULATOR_AUTHORIZATION_CLIENT_IDS, EMULATOR_RESOURCE_OWNER } from "./authorizations";
export { EMULATOR_LANGUAGES, EMULATOR_SCOPES } from "./scopes";
export type { EmulatorLanguage, EmulatorScope } from "./scopes";
export { MAX_BODY_BYTES } from "./pipeline";
export type {
  EmulatorSettings,
  FaultSpec,
  PendingFault,
  RequestLogEntry,
  StoredClientState,
} from "./types";

/** Options of {@link startEmulator}. Every field is optional. */
export interface EmulatorOptions {
  /** TCP port to listen on. Default 0: a free port chosen by the OS. */
  port?: number;
  /** Loopback address to listen on: `127.0.0.1` (default), `::1` or `localhost`; others are refused. */
  host?: string;
  /** Requests allowed per access token per rate-limit window. Default 300 (the documented limit). */
  rateLimitPerMinute?: number;
  /** Length of the rate-limit window in seconds. Default 60; shorten it to compress time in tests. */
  rateLimitWindowSeconds?: number;
  /** Milliseconds added before every API and token response. Default 0. */
  latencyMs?: number;
  /** Most clients (not counting `deleted` ones) the org may hold; beyond: 400 `auth.too.many.clients`. Default 1000. */
  maxClients?: number;
  /** JSON file the whole state is written to after each change and loaded from at start. Default: none (memory only). */
  dataFile?: string;
  /** Lifetime of every issued token in seconds. Default: the client's `accessTokenValiditySeconds` (86400 unless set). */
  tokenExpiresInSeconds?: number;
  /** How many result polls answer `Running` before the outcome. Default 1. */
  usagePollsBeforeComplete?: number;
  /** Outcome of usage queries. Default `Complete`; `Failed` for testing failure handling. */
  usageQueryOutcome?: "Complete" | "Failed";
  /** Page size of `GET /api/v2/oauth/clients`. Default: everything on one page. */
  listPageSize?: number;
  /** Clock for dates, token expiry and client ages. Default: the real clock. Rate limits always use real time. */
  now?: () => Date;
  /** Id of the bootstrap admin client. Default: the data file's, else a random UUID. */
  adminClientId?: string;
  /** Secret of the bootstrap admin client. Default: the data file's, else random. */
  adminClientSecret?: string;
}

/** A running emulator. */
export interface RunningEmulator {
  /** Base URL of the API, `http://127.0.0.1:<port>` (the real one is `https://api.{domain}`). */
  apiUrl: string;
  /** Base URL of the login service (same server; the real one is `https://login.{domain}`). */
  loginUrl: string;
  /** Base URL of the admin API, `<apiUrl>/__emulator`. */
  adminUrl: string;
  /** The port listened on. */
  port: number;
  /** Client id of the bootstrap admin client (client credentials, every role, all divisions). */
  clientId: string;
  /** Its secret (a local credential of this emulator only). */
  clientSecret: string;
  /** Id of the home division. */
  homeDivisionId: string;
  /** The seeded roles. */
  roles: { id: string; name: string }[];
  /** The seeded divisions. */
  divisions: { id: string; name: string }[];
  /** A typed client of the admin API. */
  admin: EmulatorAdmin;
  /** Stops the server and drops every connection; pending state is written first. */
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = ["127.0.0.1", "::1", "localhost"];

/** The settings an emulator starts with (and returns to on reset). */
export function initialSettings(options: EmulatorOptions = {}): EmulatorSettings {
  return {
    rateLimitPerMinute: options.rateLimitPerMinute ?? 300,
    rateLimitWindowSeconds: options.rateLimitWindowSeconds ?? 60,
    latencyMs: options.latencyMs ?? 0,
    maxClients: options.maxClients ?? 1000,
    usagePollsBeforeComplete: options.usagePollsBeforeComplete ?? 1,
    usageQueryOutcome: options.usageQueryOutcome ?? "Complete",
    listPageSize: options.listPageSize ?? null,
    now: null,
  };
}

/** Starts an emulator on a loopback address. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  if (!LOOPBACK_HOSTS.includes(host)) {
    throw new Error(
      `The emulator only listens on loopback addresses (${LOOPBACK_HOSTS.join(", ")}), not ${host}.`,
    );
  }
  const core = new EmulatorCore({
    settings: initialSettings(options),
    adminClientId: options.adminClientId,
    adminClientSecret: options.adminClientSecret,
    dataFile: options.dataFile,
    now: options.now,
    tokenExpiresInSeconds: options.tokenExpiresInSeconds,
  });
  const { server, close } = createEmulatorServer(core);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === "::1" ? "[::1]" : host;
  const apiUrl = `http://${urlHost}:${port}`;
  const adminUrl = `${apiUrl}/__emulator`;
  const home = EMULATOR_DIVISIONS.find((d) => d.homeDivision);
  return {
    apiUrl,
    loginUrl: apiUrl,
    adminUrl,
    port,
    clientId: core.bootstrap.clientId,
    clientSecret: core.bootstrap.clientSecret,
    homeDivisionId: home ? home.id : "",
    roles: EMULATOR_ROLES.map((r) => ({ id: r.id, name: r.name })),
    divisions: EMULATOR_DIVISIONS.map((d) => ({ id: d.id, name: d.name })),
    admin: new EmulatorAdmin(adminUrl),
    close,
  };
}
