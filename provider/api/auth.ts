/**
 * Access tokens: the client-credentials grant (`POST {login}/oauth/token`, Basic auth, form body
 * `grant_type=client_credentials`), cached until shortly before it expires, with one token
 * request shared by every concurrent caller; or a pre-issued access token used as it is.
 * The HTTP call itself is made by `http.ts` (same agents, same retry policy).
 */
import { GenesysAuthError, redact } from "./errors";
import type { ErrorBody } from "./models";
import {
  SETTING_KEYS,
  describeSetting,
  type Credentials,
  type ClientCredentials,
} from "./settings";

/** A token is renewed this long before it expires, at most… */
export const TOKEN_REFRESH_MARGIN_MS = 60_000;
/** …and at most this fraction of its lifetime (short-lived tokens keep most of their life). */
export const TOKEN_REFRESH_MARGIN_FRACTION = 0.1;
/** Lifetime assumed when the token endpoint omits `expires_in` (Genesys always sends it). */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 300;

/** When a token obtained at `obtainedAtMs` and valid `expiresInSeconds` should be replaced. */
export function tokenRefreshAt(obtainedAtMs: number, expiresInSeconds: number): number {
  const lifetime = expiresInSeconds * 1000;
  const margin = Math.min(TOKEN_REFRESH_MARGIN_MS, lifetime * TOKEN_REFRESH_MARGIN_FRACTION);
  return obtainedAtMs + lifetime - margin;
}

/** A token handed to a request; `generation` tells which token a 401 refers to. */
export interface TokenLease {
  /** The bearer token. */
  readonly token: string;
  /** 0 for a pre-issued token, then 1, 2, … for each token obtained. */
  readonly generation: number;
}

/** What the token endpoint returned, validated. */
export interface IssuedToken {
  /** The bearer token. */
  accessToken: string;
  /** Seconds the token stays valid. */
  expiresInSeconds: number;
}

/** Hands out tokens; created at run time by a connection. */
export class TokenManager {
  private cached?: { lease: TokenLease; refreshAt: number };
  private inflight?: Promise<TokenLease>;
  private generation = 0;

  /**
   * @param credentials how to authenticate
   * @param fetchToken performs one token request (with its own retries)
   * @param now the clock
   */
  constructor(
    private readonly credentials: Credentials,
    private readonly fetchToken: () => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when a rejected token can be replaced (client credentials, not a pre-issued token). */
  get renewable(): boolean {
    return this.credentials.kind === "clientCredentials";
  }

  /** The current token, requesting one when none is cached or it is about to expire. */
  current(): Promise<TokenLease> {
    if (this.credentials.kind === "accessToken") {
      return Promise.resolve({ token: this.credentials.accessToken, generation: 0 });
    }
    if (this.cached && this.now() < this.cached.refreshAt)
      return Promise.resolve(this.cached.lease);
    if (!this.inflight) {
      const startedAt = this.now();
      this.inflight = this.fetchToken()
        .then((issued) => {
          const lease = { token: issued.accessToken, generation: ++this.generation };
          this.cached = { lease, refreshAt: tokenRefreshAt(startedAt, issued.expiresInSeconds) };
          return lease;
        })
        .finally(() => {
          this.inflight = undefined;
        });
    }
    return this.inflight;
  }

  /** Drops the cached token if it is the one a 401 rejected (others may already have renewed it). */
  invalidate(generation: number): void {
    if (this.cached?.lease.generation === generation) this.cached = undefined;
  }

  /** The cached token, for redaction. */
  get currentToken(): string | undefined {
    return this.cached?.lease.token;
  }
}

/** The HTTP request of the client-credentials grant. */
export interface TokenRequest {
  /** `{loginUrl}/oauth/token`. */
  url: string;
  /** Basic authorization, form content type. */
  headers: Record<string, string>;
  /** The form body. */
  body: string;
}

/** Builds the token request (Basic auth as the official SDKs send it). */
export function buildTokenRequest(credentials: ClientCredentials, loginUrl: string): TokenRequest {
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString(
    "base64",
  );
  return {
    url: `${loginUrl}/oauth/token`,
    headers: {
      Authorization: `Basic ${basic}`,
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json",
    },
    body: "grant_type=client_credentials",
  };
}

const CLIENT_SETTINGS = [SETTING_KEYS.clientId, SETTING_KEYS.clientSecret];
const CLIENT_SETTINGS_TEXT =
  `${SETTING_KEYS.clientId.config} / ${SETTING_KEYS.clientSecret.config} ` +
  `(env ${SETTING_KEYS.clientId.env} / ${SETTING_KEYS.clientSecret.env})`;

/** Validates a token endpoint success body. */
export function parseTokenResponse(data: unknown, loginUrl: string): IssuedToken {
  const d = (typeof data === "object" && data !== null ? data : {}) as Record<string, unknown>;
  if (typeof d.access_token !== "string" || d.access_token === "") {
    throw new GenesysAuthError({
      message: `The token endpoint ${loginUrl}/oauth/token answered without an access_token; check ${describeSetting(SETTING_KEYS.loginUrl)}.`,
      settings: [SETTING_KEYS.loginUrl.config, SETTING_KEYS.loginUrl.env],
    });
  }
  const expires = Number(d.expires_in);
  return {
    accessToken: d.access_token,
    expiresInSeconds:
      Number.isFinite(expires) && expires > 0 ? expires : DEFAULT_TOKEN_LIFETIME_SECONDS,
  };
}

/** Turns a 4xx of the token endpoint into a {@link GenesysAuthError} naming the settings to fix. */
export function tokenEndpointError(
  status: number,
  data: unknown,
  correlationId: string | undefined,
  loginUrl: string,
  secrets: readonly string[],
): GenesysAuthError {
  const d = (typeof data === "object" && data !== null ? data : {}) as Record<string, unknown>;
  const error = typeof d.error === "string" ? redact(d.error, secrets).slice(0, 100) : undefined;
  const rawText = [d.error_description, d.description, d.message].find(
    (v) => typeof v === "string",
  );
  const text = typeof rawText === "string" ? redact(rawText, secrets).slice(0, 300) : undefined;
  const what = [String(status), error, text ? `"${text}"` : undefined].filter(Boolean).join(" ");
  const where = `${loginUrl}/oauth/token`;
  const cid = correlationId ? ` (correlation id ${correlationId})` : "";
  let message: string;
  if (error === "unauthorized_client" || error === "unsupported_grant_type") {
    message =
      `The token endpoint ${where} refused the client-credentials grant (${what})${cid}: the ` +
      `OAuth client in ${CLIENT_SETTINGS_TEXT} must have the CLIENT-CREDENTIALS grant type.`;
  } else {
    message =
      `Genesys Cloud rejected the OAuth client credentials at ${where} (${what})${cid}. Check ` +
      `${CLIENT_SETTINGS_TEXT}, and that ${describeSetting(SETTING_KEYS.region)} is the ` +
      `region of the org that owns the client.`;
  }
  return new GenesysAuthError({
    message,
    settings: CLIENT_SETTINGS.flatMap((k) => [k.config, k.env]),
    status,
    ...(error !== undefined ? { code: error } : {}),
    ...(correlationId !== undefined ? { correlationId } : {}),
  });
}

/** The API refused a pre-issued access token (401): it expired or was revoked. */
export function accessTokenRejectedError(
  method: string,
  path: string,
  body: ErrorBody | undefined,
  correlationId: string | undefined,
): GenesysAuthError {
  const cid = correlationId ? ` (correlation id ${correlationId})` : "";
  const code = body?.code ? ` ${body.code}` : "";
  return new GenesysAuthError({
    message:
      `${method} ${path} failed: 401${code} — the access token in ` +
      `${describeSetting(SETTING_KEYS.accessToken)} was rejected: it expired or was revoked${cid}. ` +
      `Set a fresh token, or use ${CLIENT_SETTINGS_TEXT} so tokens are renewed automatically.`,
    settings: [SETTING_KEYS.accessToken.config, SETTING_KEYS.accessToken.env],
    status: 401,
    ...(body?.code !== undefined ? { code: body.code } : {}),
    ...(correlationId !== undefined ? { correlationId } : {}),
  });
}
