/**
 * The one reader of connection settings, used by the resource provider (in `configure()`, inside
 * the dynamic-provider host), by lookup functions (from `new pulumi.Config("genesyscloud")` in a
 * program) and by CLIs (environment). It takes a key lookup function, not a Pulumi object, so it
 * has no Pulumi dependency.
 *
 * Keys are the official Genesys Cloud provider's (`genesyscloud:oauthclientId`,
 * `genesyscloud:oauthclientSecret`, `genesyscloud:awsRegion`, `genesyscloud:accessToken`) plus
 * `genesyscloud:apiUrl` and `genesyscloud:loginUrl`; each falls back to its environment variable
 * (`GENESYSCLOUD_OAUTHCLIENT_ID`, …), and stack config wins over the environment.
 *
 * Credentials: an access token wins over client credentials from the same source; credentials
 * from stack config win over credentials from the environment as a whole (a stray
 * `GENESYSCLOUD_ACCESS_TOKEN` in a shell never overrides a stack's client), while a client id in
 * stack config may take its secret from the environment (CI injecting the secret).
 *
 * URLs: without overrides they derive from the region (`us-east-1` when none is set). An `apiUrl`
 * on a loopback host without a `loginUrl` uses the same URL for login (the emulator serves both),
 * so emulator credentials never reach a real login service; a remote `apiUrl` alone needs a
 * `loginUrl` or an explicit region. Loopback and remote URLs cannot be mixed, and plain http is
 * only accepted for loopback hosts: credentials never travel unencrypted off this machine.
 */
import { GenesysSettingsError } from "./api/errors";
import { resolveEndpoints } from "./api/regions";
import {
  SETTING_KEYS,
  type ConnectionSettings,
  type Credentials,
  type SettingKey,
} from "./api/settings";

export { GenesysSettingsError } from "./api/errors";
export {
  SETTING_KEYS,
  describeSetting,
  settingsFingerprint,
  validateConnectionSettings,
  describeConnectionSettings,
  type AccessTokenCredentials,
  type ClientCredentials,
  type ConnectionSettings,
  type Credentials,
  type SettingKey,
} from "./api/settings";

/** The stack config namespace of the settings. */
export const CONFIG_NAMESPACE = "genesyscloud";

/** Looks up a stack config value by its full namespaced key (`genesyscloud:awsRegion`). */
export type SettingLookup = (key: string) => string | undefined;

/** Environment variables (`process.env` by default). */
export type SettingEnv = Readonly<Record<string, string | undefined>>;

/**
 * Adapts a lookup by bare key, such as `new pulumi.Config("genesyscloud").get`, to the namespaced
 * keys {@link readConnectionSettings} asks for. Keys of other namespaces resolve to `undefined`.
 */
export function namespacedLookup(
  getBare: (key: string) => string | undefined,
  namespace: string = CONFIG_NAMESPACE,
): SettingLookup {
  return (key) =>
    key.startsWith(`${namespace}:`) ? getBare(key.slice(namespace.length + 1)) : undefined;
}

/** A value and the name of where it came from (for messages). */
interface Found {
  value: string;
  name: string;
}

function checked(value: unknown, name: string): Found {
  if (typeof value !== "string") {
    throw new GenesysSettingsError(`${name} must be a string.`, [name]);
  }
  if (value.trim() === "") {
    throw new GenesysSettingsError(`${name} is set but empty; give it a value or unset it.`, [
      name,
    ]);
  }
  if (value !== value.trim()) {
    throw new GenesysSettingsError(
      `${name} has leading or trailing whitespace (a pasted newline?); remove it.`,
      [name],
    );
  }
  return { value, name };
}

function fromConfig(key: SettingKey, get: SettingLookup): Found | undefined {
  const v = get(key.config);
  return v === undefined || v === null ? undefined : checked(v, key.config);
}

function fromEnv(key: SettingKey, env: SettingEnv): Found | undefined {
  const v = env[key.env];
  return v === undefined ? undefined : checked(v, `environment variable ${key.env}`);
}

function either(key: SettingKey, get: SettingLookup, env: SettingEnv): Found | undefined {
  return fromConfig(key, get) ?? fromEnv(key, env);
}

function clientCredentials(id: Found | undefined, secret: Found | undefined): Credentials {
  if (!id || !secret) {
    const [have, missing] = id
      ? [id.name, SETTING_KEYS.clientSecret]
      : [(secret as Found).name, SETTING_KEYS.clientId];
    throw new GenesysSettingsError(
      `${have} is set but ${missing.config} (env ${missing.env}) is not; set both, ` +
        `or use ${SETTING_KEYS.accessToken.config} instead.`,
      [missing.config, missing.env],
    );
  }
  return { kind: "clientCredentials", clientId: id.value, clientSecret: secret.value };
}

function readCredentials(get: SettingLookup, env: SettingEnv): Credentials {
  const { clientId: idKey, clientSecret: secretKey, accessToken: tokenKey } = SETTING_KEYS;
  const cfgToken = fromConfig(tokenKey, get);
  if (cfgToken) return { kind: "accessToken", accessToken: cfgToken.value };
  const cfgId = fromConfig(idKey, get);
  const cfgSecret = fromConfig(secretKey, get);
  if (cfgId || cfgSecret) {
    return clientCredentials(cfgId ?? fromEnv(idKey, env), cfgSecret ?? fromEnv(secretKey, env));
  }
  const envToken = fromEnv(tokenKey, env);
  if (envToken) return { kind: "accessToken", accessToken: envToken.value };
  const envId = fromEnv(idKey, env);
  const envSecret = fromEnv(secretKey, env);
  if (envId || envSecret) return clientCredentials(envId, envSecret);
  throw new GenesysSettingsError(
    `No Genesys Cloud credentials are configured. Set the OAuth client of a CLIENT-CREDENTIALS ` +
      `grant: \`pulumi config set ${idKey.config} <client id>\` and ` +
      `\`pulumi config set --secret ${secretKey.config} <client secret>\` (or the environment ` +
      `variables ${idKey.env} and ${secretKey.env}); or a pre-issued token in ` +
      `${tokenKey.config} (env ${tokenKey.env}). Set ${SETTING_KEYS.region.config} ` +
      `(env ${SETTING_KEYS.region.env}) too unless the org is in us-east-1.`,
    [idKey, secretKey, tokenKey].flatMap((k) => [k.config, k.env]),
  );
}

/**
 * Reads the connection settings. `get` receives full namespaced keys (`genesyscloud:awsRegion`);
 * see {@link namespacedLookup} for a Pulumi `Config`. Throws one {@link GenesysSettingsError}
 * naming every key to set when no credentials are configured, and one naming the offending key
 * for a malformed value (empty, surrounded by whitespace, unknown region, bad URL).
 */
export function readConnectionSettings(
  get: SettingLookup,
  env: SettingEnv = process.env,
): ConnectionSettings {
  const region = either(SETTING_KEYS.region, get, env);
  const apiUrl = either(SETTING_KEYS.apiUrl, get, env);
  const loginUrl = either(SETTING_KEYS.loginUrl, get, env);
  const label = (found: Found | undefined, key: SettingKey): string =>
    found?.name ?? `${key.config} (env ${key.env})`;
  const endpoints = resolveEndpoints(
    {
      ...(region ? { region: region.value } : {}),
      ...(apiUrl ? { apiUrl: apiUrl.value } : {}),
      ...(loginUrl ? { loginUrl: loginUrl.value } : {}),
    },
    {
      region: label(region, SETTING_KEYS.region),
      apiUrl: label(apiUrl, SETTING_KEYS.apiUrl),
      loginUrl: label(loginUrl, SETTING_KEYS.loginUrl),
    },
  );
  const credentials = readCredentials(get, env);
  const settings: ConnectionSettings = {
    apiUrl: endpoints.apiUrl,
    loginUrl: endpoints.loginUrl,
    credentials,
  };
  if (endpoints.region !== undefined) settings.region = endpoints.region;
  return settings;
}

/** Reads the settings from environment variables only (CLIs, scripts). */
export function readConnectionSettingsFromEnv(env: SettingEnv = process.env): ConnectionSettings {
  return readConnectionSettings(() => undefined, env);
}
