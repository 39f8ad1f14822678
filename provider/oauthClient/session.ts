/**
 * What the OAuthClient provider needs at run time inside the dynamic-provider host: the connection
 * settings read in `configure()`, one API connection per distinct settings per process (so every
 * resource of a stack shares one token and one rate-limit budget), the org's home division (looked
 * up once per connection, and only when a role omits its division), the provider's tuning knobs,
 * and the clock.
 *
 * Nothing here is ever serialized: the host loads this module with `require` (see `stub.ts`).
 */
import { AuthorizationApi } from "../api/authorizationApi";
import { GenesysSettingsError } from "../api/errors";
import { Connection, type HttpOptions } from "../api/http";
import { OAuthApi } from "../api/oauthApi";
import { settingsFingerprint, type ConnectionSettings } from "../api/settings";
import { packageVersion } from "../api/version";
import { readConnectionSettings, type SettingEnv, type SettingLookup } from "../config";

/** Provider tuning: how long to wait for things. Every value has a production default. */
export interface ProviderTuning {
  /** Per-request timeout (ms). Config `genesyscloud:requestTimeoutMs`, env `GENESYSCLOUD_REQUEST_TIMEOUT_MS`. */
  requestTimeoutMs: number;
  /** Retries of transient failures per request. `genesyscloud:maxRetries` / `GENESYSCLOUD_MAX_RETRIES`. */
  maxRetries: number;
  /** First backoff ceiling (ms). `genesyscloud:retryBaseDelayMs` / `GENESYSCLOUD_RETRY_BASE_DELAY_MS`. */
  retryBaseDelayMs: number;
  /** How long delete waits for the client to disappear (ms). `genesyscloud:deleteWaitMs` / `GENESYSCLOUD_DELETE_WAIT_MS`. */
  deleteWaitMs: number;
  /** First poll interval of usage queries (ms). `genesyscloud:usagePollIntervalMs` / `GENESYSCLOUD_USAGE_POLL_INTERVAL_MS`. */
  usagePollIntervalMs: number;
  /** Longest wait for a usage query (ms). `genesyscloud:usagePollTimeoutMs` / `GENESYSCLOUD_USAGE_POLL_TIMEOUT_MS`. */
  usagePollTimeoutMs: number;
}

/** The defaults of {@link ProviderTuning}. */
export const DEFAULT_TUNING: Readonly<ProviderTuning> = Object.freeze({
  requestTimeoutMs: 30_000,
  maxRetries: 5,
  retryBaseDelayMs: 500,
  deleteWaitMs: 30_000,
  usagePollIntervalMs: 5_000,
  usagePollTimeoutMs: 600_000,
});

const TUNING_KEYS: Record<keyof ProviderTuning, [config: string, env: string]> = {
  requestTimeoutMs: ["genesyscloud:requestTimeoutMs", "GENESYSCLOUD_REQUEST_TIMEOUT_MS"],
  maxRetries: ["genesyscloud:maxRetries", "GENESYSCLOUD_MAX_RETRIES"],
  retryBaseDelayMs: ["genesyscloud:retryBaseDelayMs", "GENESYSCLOUD_RETRY_BASE_DELAY_MS"],
  deleteWaitMs: ["genesyscloud:deleteWaitMs", "GENESYSCLOUD_DELETE_WAIT_MS"],
  usagePollIntervalMs: ["genesyscloud:usagePollIntervalMs", "GENESYSCLOUD_USAGE_POLL_INTERVAL_MS"],
  usagePollTimeoutMs: ["genesyscloud:usagePollTimeoutMs", "GENESYSCLOUD_USAGE_POLL_TIMEOUT_MS"],
};

/**
 * Test hook: a fixed "now" (ISO-8601) for rotation schedules and usage windows. Not a user
 * setting; it exists so scheduled rotation can be tested deterministically through the real host.
 */
export const CLOCK_ENV = "GENESYSCLOUD_OAUTH_NOW";

/** Whether this process already said that {@link CLOCK_ENV} is set (one warning per host). */
let clockWarned = false;

/**
 * Says, once per process, that the test clock hook is set: a fixed "now" in a real deployment
 * would silently stop (or force) scheduled rotations, so its use must be visible. The host shows
 * the provider's stderr lines as diagnostics.
 */
function warnClockOnce(value: string, valid: boolean): void {
  if (clockWarned) return;
  clockWarned = true;
  console.warn(
    valid
      ? `warning: ${CLOCK_ENV} is set: the OAuth client provider uses the fixed clock ` +
          `${new Date(Date.parse(value)).toISOString()} from it for secret rotation schedules. ` +
          "It is a testing hook; unset it for real deployments."
      : `warning: ${CLOCK_ENV} is set but is not a date (${JSON.stringify(value)}); the OAuth ` +
          "client provider ignores it and uses the real clock. It is a testing hook; unset it.",
  );
}

/** Reads the tuning knobs (stack config first, then env); a malformed value names its key. */
export function readTuning(get: SettingLookup, env: SettingEnv): ProviderTuning {
  const tuning: ProviderTuning = { ...DEFAULT_TUNING };
  for (const field of Object.keys(TUNING_KEYS) as (keyof ProviderTuning)[]) {
    const [key, envName] = TUNING_KEYS[field];
    const fromConfig = get(key);
    const raw = fromConfig ?? env[envName];
    if (raw === undefined) continue;
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value)) {
      const name = fromConfig !== undefined ? key : envName;
      throw new GenesysSettingsError(
        `${name} must be a whole number of ${field === "maxRetries" ? "retries" : "milliseconds"}, not ${JSON.stringify(raw)}.`,
        [name],
      );
    }
    tuning[field] = value;
  }
  return tuning;
}

interface Shared {
  api: OAuthApi;
  authorization: AuthorizationApi;
  homeDivision?: Promise<string>;
}

/** Connections shared by every provider instance in this host process, by settings fingerprint. */
const shared = new Map<string, Shared>();

/** The provider's run-time context, built from the stack config in `configure()`. */
export class Session {
  /** The package version writing outputs (`providerVersion`). */
  readonly version = packageVersion();
  private settings?: ConnectionSettings;
  private settingsError?: Error;
  private tuning: ProviderTuning = { ...DEFAULT_TUNING };
  private fixedNow?: number;

  /**
   * Reads the settings. Never throws: a bad or missing setting is remembered and reported by the
   * first operation that needs the API (the host caches the provider before `configure` resolves,
   * so a throwing `configure` would leave an unconfigured provider behind).
   */
  configure(get: SettingLookup, env: SettingEnv = process.env): void {
    try {
      this.tuning = readTuning(get, env);
      this.settings = readConnectionSettings(get, env);
      delete this.settingsError;
    } catch (err) {
      this.settingsError = err instanceof Error ? err : new Error(String(err));
    }
    const now = env[CLOCK_ENV];
    if (now === undefined || now === "") return;
    const fixed = Date.parse(now);
    if (Number.isFinite(fixed)) this.fixedNow = fixed;
    warnClockOnce(now, Number.isFinite(fixed));
  }

  /** Throws the settings error, if any (used by check so a preview fails early and clearly). */
  assertConfigured(): void {
    if (this.settingsError) throw this.settingsError;
    if (!this.settings) {
      throw new GenesysSettingsError(
        "The OAuthClient provider was not configured: the Pulumi engine calls configure() before " +
          "any other operation; a test driver must send Configure first.",
      );
    }
  }

  /**
   * The client id the provider logs in with (lower-case), or `undefined` with an access token or
   * before `configure`. The provider refuses to delete that client or regenerate its secret.
   */
  ownClientId(): string | undefined {
    const credentials = this.settings?.credentials;
    return credentials?.kind === "clientCredentials"
      ? credentials.clientId.toLowerCase()
      : undefined;
  }

  /** The current time (fixed by {@link CLOCK_ENV} in tests). */
  now(): Date {
    return new Date(this.fixedNow ?? Date.now());
  }

  /** The provider's tuning knobs. */
  get options(): Readonly<ProviderTuning> {
    return this.tuning;
  }

  /** The OAuth API of the configured org (shared per settings in this process). */
  get api(): OAuthApi {
    return this.shared().api;
  }

  /**
   * The org's home division id, looked up once per connection (`GET
   * /api/v2/authorization/divisions/home`). A failed lookup is forgotten so the next call retries.
   */
  homeDivisionId(): Promise<string> {
    const entry = this.shared();
    entry.homeDivision ??= entry.authorization.getAuthorizationDivisionsHome().then(
      (division) => {
        if (typeof division.id !== "string" || division.id === "") {
          throw new Error("GET /api/v2/authorization/divisions/home returned no division id");
        }
        return division.id;
      },
      (err: unknown) => {
        delete entry.homeDivision;
        throw err;
      },
    );
    return entry.homeDivision;
  }

  private shared(): Shared {
    this.assertConfigured();
    const settings = this.settings as ConnectionSettings;
    const http: HttpOptions = {
      timeoutMs: this.tuning.requestTimeoutMs,
      maxRetries: this.tuning.maxRetries,
      baseDelayMs: this.tuning.retryBaseDelayMs,
    };
    const key = `${settingsFingerprint(settings)}:${JSON.stringify(http)}`;
    let entry = shared.get(key);
    if (!entry) {
      const connection = new Connection(settings, http);
      entry = { api: new OAuthApi(connection), authorization: new AuthorizationApi(connection) };
      shared.set(key, entry);
    }
    return entry;
  }
}
