/**
 * Where the lookup functions get their `OAuthApi`: from `opts.api`, or from connection settings
 * (`opts.settings`, else the stack's `genesyscloud:*` config and the environment, read by the one
 * shared reader in `../config.ts`). One API client per distinct settings and HTTP options is kept
 * for the life of the process, so many lookups share one token and one connection pool.
 *
 * Stack config is read with `pulumi.runtime.getConfig`, the raw reader behind `pulumi.Config`: it
 * hands back the plaintext of secret keys (`oauthclientSecret`, `accessToken`) without wrapping
 * them in an Output and without the SDK's "value is a secret; use getSecret" warning. The values
 * only ever reach the connection, which keeps them out of messages and serialization.
 */
import * as pulumi from "@pulumi/pulumi";
import type { HttpOptions } from "../api/http";
import { OAuthApi } from "../api/oauthApi";
import { readTuning } from "../oauthClient/session";
import {
  CONFIG_NAMESPACE,
  SETTING_KEYS,
  readConnectionSettings,
  settingsFingerprint,
  validateConnectionSettings,
  type ConnectionSettings,
  type SettingEnv,
} from "../config";
import { argsObject } from "./args";
import { LookupArgumentError } from "./errors";
import type { PollOptions } from "./pollOptions";

/**
 * Connection settings given as stack config keys (without the `genesyscloud:` prefix). They take
 * precedence over the stack config: credentials given here replace all credential keys of the
 * stack config (`oauthclientId`, `oauthclientSecret`, `accessToken`), and an endpoint given here
 * replaces all endpoint keys (`awsRegion`, `apiUrl`, `loginUrl`). Unset keys still fall back to
 * the environment variables, exactly as for the resource.
 */
export interface SettingOverrides {
  /** OAuth client id of a CLIENT-CREDENTIALS client (`genesyscloud:oauthclientId`). */
  oauthclientId?: string;
  /** Its secret (`genesyscloud:oauthclientSecret`). */
  oauthclientSecret?: string;
  /** A pre-issued access token instead of client credentials (`genesyscloud:accessToken`). */
  accessToken?: string;
  /** The org's region, e.g. `eu-west-1` (`genesyscloud:awsRegion`). */
  awsRegion?: string;
  /** API base URL override, e.g. an emulator's (`genesyscloud:apiUrl`). */
  apiUrl?: string;
  /** Login base URL override (`genesyscloud:loginUrl`). */
  loginUrl?: string;
  /** Environment variables to fall back to instead of `process.env` (`{}`: none). */
  env?: SettingEnv;
}

/** Options every lookup function accepts, for use inside or outside a Pulumi program. */
export interface LookupOptions {
  /**
   * Complete `ConnectionSettings`, or {@link SettingOverrides} layered over the stack config.
   * Default: the stack's `genesyscloud:*` config, then the `GENESYSCLOUD_*` environment variables.
   */
  settings?: ConnectionSettings | SettingOverrides;
  /**
   * HTTP options (timeouts, retries, request hook) of the connection. Fields left out take the
   * resource's tuning from the stack config (`genesyscloud:requestTimeoutMs`, `maxRetries`,
   * `retryBaseDelayMs`, or their `GENESYSCLOUD_*` environment variables), then the defaults.
   */
  http?: HttpOptions;
  /** An API client to use as it is (its connection already has settings and options). */
  api?: OAuthApi;
  /**
   * How to wait for usage queries. Fields left out take the stack config's usage polling settings
   * (`genesyscloud:usagePollIntervalMs`, `usagePollTimeoutMs`), then the `PollOptions` defaults.
   * Only the usage lookups poll; the others accept and ignore it, so one options object can serve
   * every lookup.
   */
  poll?: PollOptions;
}

const CREDENTIAL_KEYS = ["oauthclientId", "oauthclientSecret", "accessToken"] as const;
const ENDPOINT_KEYS = ["awsRegion", "apiUrl", "loginUrl"] as const;
const OVERRIDE_KEYS = [...CREDENTIAL_KEYS, ...ENDPOINT_KEYS, "env"] as const;

function bareKey(fullKey: string): string {
  return fullKey.slice(CONFIG_NAMESPACE.length + 1);
}

function readOverrides(lookup: string, raw: Record<string, unknown>): ConnectionSettings {
  const overrides = argsObject(lookup, raw, OVERRIDE_KEYS, "opts.settings");
  for (const key of [...CREDENTIAL_KEYS, ...ENDPOINT_KEYS]) {
    const v = overrides[key];
    if (v !== undefined && (typeof v !== "string" || v.trim() === "" || v !== v.trim())) {
      // The value may be a secret: say what is wrong with it, never what it is.
      throw new LookupArgumentError(
        lookup,
        `opts.settings.${key}`,
        "must be a non-blank string without surrounding whitespace (or left out).",
      );
    }
  }
  const env = overrides.env;
  if (env !== undefined && (typeof env !== "object" || env === null)) {
    throw new LookupArgumentError(lookup, "opts.settings.env", "must be an object of strings.");
  }
  const has = (keys: readonly string[]): boolean => keys.some((k) => overrides[k] !== undefined);
  const ownCredentials = has(CREDENTIAL_KEYS);
  const ownEndpoints = has(ENDPOINT_KEYS);
  const credentialConfigKeys = new Set<string>(
    [SETTING_KEYS.clientId, SETTING_KEYS.clientSecret, SETTING_KEYS.accessToken].map(
      (k) => k.config,
    ),
  );
  const get = (key: string): string | undefined => {
    const own = credentialConfigKeys.has(key) ? ownCredentials : ownEndpoints;
    if (own) return overrides[bareKey(key)] as string | undefined;
    return pulumi.runtime.getConfig(key);
  };
  return readConnectionSettings(get, (env as SettingEnv | undefined) ?? process.env);
}

/**
 * The settings a lookup uses: `settings` when complete (validated), else the stack config and
 * environment with `settings` as overrides. Throws `GenesysSettingsError` naming the keys to set.
 */
export function resolveLookupSettings(
  settings?: ConnectionSettings | SettingOverrides,
  lookup = "lookup",
): ConnectionSettings {
  if (settings === undefined || settings === null) {
    return readConnectionSettings((key) => pulumi.runtime.getConfig(key));
  }
  if (typeof settings !== "object") {
    throw new LookupArgumentError(
      lookup,
      "opts.settings",
      "must be ConnectionSettings ({ apiUrl, loginUrl, credentials }) or stack config " +
        "overrides ({ oauthclientId, oauthclientSecret, awsRegion, … }).",
    );
  }
  if ("credentials" in settings) return validateConnectionSettings(settings);
  return readOverrides(lookup, settings as Record<string, unknown>);
}

const apis = new Map<string, OAuthApi>();
const hookIds = new WeakMap<object, number>();
let nextHookId = 1;

function optionsKey(http: HttpOptions | undefined): string {
  if (http === undefined) return "";
  const entries = Object.entries(http)
    .filter(([k, v]) => k !== "onRequest" && v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  let hook = 0;
  if (typeof http.onRequest === "function") {
    hook = hookIds.get(http.onRequest) ?? nextHookId++;
    hookIds.set(http.onRequest, hook);
  }
  return `${JSON.stringify(entries)}#${hook}`;
}

/**
 * The API client of a lookup: `opts.api`, else the one cached for these settings (by
 * `settingsFingerprint`) and HTTP options, created on first use. Makes no request.
 */
export function lookupApi(opts: LookupOptions = {}, lookup = "lookup"): OAuthApi {
  if (opts.api !== undefined) {
    if (!(opts.api instanceof OAuthApi)) {
      throw new LookupArgumentError(lookup, "opts.api", "must be an OAuthApi instance.");
    }
    if (opts.settings !== undefined || opts.http !== undefined) {
      throw new LookupArgumentError(
        lookup,
        "opts.api",
        "already has its connection: pass either opts.api or opts.settings/opts.http, not both.",
      );
    }
    return opts.api;
  }
  const settings = resolveLookupSettings(opts.settings, lookup);
  const http = configuredHttpOptions(opts.http);
  const key = `${settingsFingerprint(settings)}|${optionsKey(http)}`;
  let api = apis.get(key);
  if (api === undefined) {
    api = new OAuthApi(settings, http);
    apis.set(key, api);
  }
  return api;
}

/** `value` without its `undefined` members, so spreading it never unsets a default. */
function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(value ?? {}).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

/** The stack's tuning (`readTuning`: stack config, then environment, then defaults). */
function configuredTuning() {
  return readTuning((key) => pulumi.runtime.getConfig(key), process.env);
}

/**
 * The HTTP options of a lookup connection: the resource's tuning from the stack config (request
 * timeout, retries, first backoff), so a lookup and the resource it feeds behave alike, with the
 * fields of `http` that are set taking precedence.
 */
export function configuredHttpOptions(http?: HttpOptions): HttpOptions {
  const tuning = configuredTuning();
  return {
    timeoutMs: tuning.requestTimeoutMs,
    maxRetries: tuning.maxRetries,
    baseDelayMs: tuning.retryBaseDelayMs,
    ...definedOnly(http),
  };
}

/**
 * Closes the connections of every cached lookup API client and forgets them (tests, long-lived
 * scripts that switch orgs). Lookups after this open new connections.
 */
export function closeLookupConnections(): void {
  for (const api of apis.values()) api.connection.close();
  apis.clear();
}

/** Checks the options object of a lookup (unknown keys are refused). */
export function checkLookupOptions(lookup: string, opts: unknown): void {
  argsObject(lookup, opts, ["settings", "http", "api", "poll"], "opts");
}

/**
 * The usage polling the stack config asks for (`genesyscloud:usagePollIntervalMs`,
 * `genesyscloud:usagePollTimeoutMs`, or their `GENESYSCLOUD_*` environment variables): the same
 * knobs as the resource's deletion guard, so one setting serves both. Defaults otherwise.
 */
export function configuredPollOptions(): PollOptions {
  const tuning = configuredTuning();
  return { initialIntervalMs: tuning.usagePollIntervalMs, timeoutMs: tuning.usagePollTimeoutMs };
}

/**
 * The poll options of a usage lookup: {@link configuredPollOptions} with the fields of `poll` that
 * are set taking precedence (passing only `onPoll` keeps the configured interval and timeout).
 */
export function mergedPollOptions(poll?: PollOptions): PollOptions {
  return { ...configuredPollOptions(), ...definedOnly(poll) };
}
