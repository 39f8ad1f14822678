/**
 * Connection settings as plain data: where the API and login services are and which credentials
 * to present. JSON-serializable (no class instances), so they can cross process boundaries; the
 * reader that builds them from stack config and environment lives in `../config.ts`.
 */
import * as crypto from "crypto";
import { GenesysSettingsError } from "./errors";
import { isLoopbackUrl, normalizeBaseUrl } from "./regions";

/** Credentials of the OAuth client-credentials grant. */
export interface ClientCredentials {
  /** Discriminator. */
  kind: "clientCredentials";
  /** The OAuth client id. */
  clientId: string;
  /** The OAuth client secret. */
  clientSecret: string;
}

/** A pre-issued access token, used as it is (it cannot be renewed). */
export interface AccessTokenCredentials {
  /** Discriminator. */
  kind: "accessToken";
  /** The bearer token. */
  accessToken: string;
}

/** How the client authenticates. */
export type Credentials = ClientCredentials | AccessTokenCredentials;

/** Everything needed to talk to one Genesys Cloud org. Plain data. */
export interface ConnectionSettings {
  /** Base URL of the Platform API, e.g. `https://api.mypurecloud.com` (no trailing slash). */
  apiUrl: string;
  /** Base URL of the login service, e.g. `https://login.mypurecloud.com`. */
  loginUrl: string;
  /** Canonical region name, when the URLs were derived from (or checked against) a region. */
  region?: string;
  /** The credentials. */
  credentials: Credentials;
}

/** A setting's stack config key and environment variable. */
export interface SettingKey {
  /** Namespaced stack config key, e.g. `genesyscloud:oauthclientId`. */
  readonly config: string;
  /** Environment variable read when the stack config has no value. */
  readonly env: string;
}

/** The connection settings' keys: the official Genesys Cloud provider's, plus the two URLs. */
export const SETTING_KEYS = {
  /** OAuth client id. */
  clientId: { config: "genesyscloud:oauthclientId", env: "GENESYSCLOUD_OAUTHCLIENT_ID" },
  /** OAuth client secret (a secret config value). */
  clientSecret: {
    config: "genesyscloud:oauthclientSecret",
    env: "GENESYSCLOUD_OAUTHCLIENT_SECRET",
  },
  /** Region, e.g. `us-east-1`. */
  region: { config: "genesyscloud:awsRegion", env: "GENESYSCLOUD_REGION" },
  /** Pre-issued access token (instead of client id and secret). */
  accessToken: { config: "genesyscloud:accessToken", env: "GENESYSCLOUD_ACCESS_TOKEN" },
  /** API base URL override (emulator, gateway). */
  apiUrl: { config: "genesyscloud:apiUrl", env: "GENESYSCLOUD_API_URL" },
  /** Login base URL override (emulator, gateway). */
  loginUrl: { config: "genesyscloud:loginUrl", env: "GENESYSCLOUD_LOGIN_URL" },
} as const satisfies Record<string, SettingKey>;

/** `genesyscloud:x (env X)`: how a setting is named in messages. */
export function describeSetting(key: SettingKey): string {
  return `${key.config} (env ${key.env})`;
}

function requireText(value: unknown, name: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new GenesysSettingsError(`Connection settings: ${name} must be a non-empty string.`, [
      name,
    ]);
  }
  return value;
}

/**
 * Checks settings built by hand (tests, programs) the way `readConnectionSettings` would,
 * and returns a normalized copy: URLs are https (http only for loopback hosts), loopback and
 * remote URLs are not mixed, and credentials are non-empty. Throws {@link GenesysSettingsError}.
 */
export function validateConnectionSettings(settings: unknown): ConnectionSettings {
  if (typeof settings !== "object" || settings === null) {
    throw new GenesysSettingsError("Connection settings must be an object.");
  }
  const s = settings as Record<string, unknown>;
  const apiUrl = normalizeBaseUrl(requireText(s.apiUrl, "apiUrl"), "apiUrl");
  const loginUrl = normalizeBaseUrl(requireText(s.loginUrl, "loginUrl"), "loginUrl");
  if (isLoopbackUrl(apiUrl) !== isLoopbackUrl(loginUrl)) {
    throw new GenesysSettingsError(
      "Connection settings: apiUrl and loginUrl must both be loopback URLs or both remote.",
      ["apiUrl", "loginUrl"],
    );
  }
  const c = s.credentials as Record<string, unknown> | undefined;
  let credentials: Credentials;
  if (c?.kind === "clientCredentials") {
    credentials = {
      kind: "clientCredentials",
      clientId: requireText(c.clientId, "credentials.clientId"),
      clientSecret: requireText(c.clientSecret, "credentials.clientSecret"),
    };
  } else if (c?.kind === "accessToken") {
    credentials = {
      kind: "accessToken",
      accessToken: requireText(c.accessToken, "credentials.accessToken"),
    };
  } else {
    throw new GenesysSettingsError(
      'Connection settings: credentials must be { kind: "clientCredentials", clientId, ' +
        'clientSecret } or { kind: "accessToken", accessToken }.',
      ["credentials"],
    );
  }
  const out: ConnectionSettings = { apiUrl, loginUrl, credentials };
  if (typeof s.region === "string") out.region = s.region;
  return out;
}

/**
 * A stable identifier of settings (hex, 32 characters): equal settings give equal fingerprints,
 * any change (URL, client id, secret, token) gives a different one. The secret only enters
 * through a SHA-256 digest. Use it to keep one connection per distinct settings.
 */
export function settingsFingerprint(settings: ConnectionSettings): string {
  const c = settings.credentials;
  const parts =
    c.kind === "clientCredentials"
      ? [settings.apiUrl, settings.loginUrl, c.kind, c.clientId, c.clientSecret]
      : [settings.apiUrl, settings.loginUrl, c.kind, c.accessToken];
  return crypto.createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 32);
}

/** The strings that must never appear in a message: secret, Basic credential, access token. */
export function secretsOf(settings: ConnectionSettings): string[] {
  const c = settings.credentials;
  if (c.kind === "accessToken") return [c.accessToken];
  return [c.clientSecret, Buffer.from(`${c.clientId}:${c.clientSecret}`).toString("base64")];
}

/** A one-line description that is safe to log (no secret, no token). */
export function describeConnectionSettings(settings: ConnectionSettings): string {
  const c = settings.credentials;
  const who = c.kind === "clientCredentials" ? `OAuth client ${c.clientId}` : "an access token";
  return `${settings.apiUrl} (login ${settings.loginUrl}) with ${who}`;
}
