/**
 * The errors of the Genesys Cloud API client. Every failure that leaves `api/` is one of these
 * classes: axios errors never escape (they carry the request headers, so the bearer token), and no
 * message, field or serialization of these errors contains a token, a client secret or an
 * `Authorization` header.
 */
import type { ErrorBody } from "./models";

export { REDACTED, redact, sanitizeErrorBody } from "./redact";

/**
 * The human text of an error body: `messageWithParams` with its `{name}` placeholders filled from
 * `messageParams` when that resolves every placeholder, else `message`.
 */
export function errorBodyText(body: ErrorBody | undefined): string | undefined {
  if (!body) return undefined;
  if (body.messageWithParams) {
    const params = body.messageParams ?? {};
    let complete = true;
    const text = body.messageWithParams.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
      if (Object.prototype.hasOwnProperty.call(params, name)) return params[name];
      complete = false;
      return whole;
    });
    if (complete || !body.message) return text;
  }
  return body.message;
}

/**
 * The base of every error of this package. Besides what `Error` does, it sets `name` and
 * `message` as its own properties and provides `toString`, so the errors keep their text even
 * when the code runs as a closure serialized by Pulumi (which rebuilds classes in a way that
 * leaves `Error`'s own constructor without effect).
 */
export class GenesysError extends Error {
  /**
   * @param name the class name, e.g. `GenesysApiError`
   * @param message the full message
   */
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
    this.message = message;
    // hasOwnProperty, not `this.stack`: reading the stack formats it, which source-map support
    // in the provider host makes slow (it parses the .js.map files).
    if (!Object.prototype.hasOwnProperty.call(this, "stack")) this.stack = `${name}: ${message}`;
  }

  /** `Name: message`, as `Error` formats it. */
  override toString(): string {
    return `${this.name}: ${this.message}`;
  }
}

/** What {@link GenesysApiError} is built from. */
export interface GenesysApiErrorInit {
  /** HTTP status of the (last) response. */
  status: number;
  /** Upper-case HTTP method. */
  method: string;
  /** Request path without origin or query string. */
  path: string;
  /** The sanitized error body, when the response had one. */
  body?: ErrorBody;
  /** `ININ-Correlation-Id` of the response, else the body's `contextId`. */
  correlationId?: string;
  /** The response's `Retry-After`, in seconds. */
  retryAfterSeconds?: number;
  /** True when a write failed in a way that leaves its effect unknown (see {@link isOutcomeUnknown}). */
  outcomeUnknown?: boolean;
  /** How many attempts were made. */
  attempts?: number;
  /** A sentence appended to the message (why the client gave up, what to check). */
  note?: string;
  /** A code to use when the body carries none. */
  code?: string;
}

/**
 * The API answered with a status outside 2xx (after the retries the policy allows). Reads like
 * `PUT /api/v2/oauth/clients/abc failed: 400 bad.client.state — Client is disabled. (correlation
 * id 1f2e…)`.
 */
export class GenesysApiError extends GenesysError {
  /** HTTP status. */
  readonly status: number;
  /** The Genesys error code (`ErrorBody.code`), e.g. `client.not.found`. */
  readonly code?: string;
  /** The Genesys error message (`messageWithParams` filled in, else `message`). */
  readonly apiMessage?: string;
  /** `ININ-Correlation-Id` (or the body's `contextId`): quote it to Genesys support. */
  readonly correlationId?: string;
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Request path, without origin or query string. */
  readonly path: string;
  /** The error body, sanitized (documented fields only, texts redacted). */
  readonly body?: ErrorBody;
  /** `Retry-After` of the response in seconds (429 and 503). */
  readonly retryAfterSeconds?: number;
  /** True for a write that may have been applied although it failed (see {@link isOutcomeUnknown}). */
  readonly outcomeUnknown: boolean;
  /** How many attempts were made. */
  readonly attempts: number;

  constructor(init: GenesysApiErrorInit) {
    const code = init.body?.code ?? init.code;
    const text = errorBodyText(init.body);
    const correlationId = init.correlationId ?? init.body?.contextId;
    let message = `${init.method} ${init.path} failed: ${init.status}`;
    if (code) message += ` ${code}`;
    if (text) message += ` — ${text}`;
    if (correlationId) message += ` (correlation id ${correlationId})`;
    if (init.note) message += ` ${init.note}`;
    super("GenesysApiError", message);
    this.status = init.status;
    if (code !== undefined) this.code = code;
    if (text !== undefined) this.apiMessage = text;
    if (correlationId !== undefined) this.correlationId = correlationId;
    this.method = init.method;
    this.path = init.path;
    if (init.body !== undefined) this.body = init.body;
    if (init.retryAfterSeconds !== undefined) this.retryAfterSeconds = init.retryAfterSeconds;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    this.attempts = init.attempts ?? 1;
  }
}

/** The transport failures {@link GenesysNetworkError} distinguishes. */
export type NetworkFailureKind = "timeout" | "reset" | "refused" | "dns" | "other";

/** What {@link GenesysNetworkError} is built from. */
export interface GenesysNetworkErrorInit {
  /** Upper-case HTTP method. */
  method: string;
  /** Request path, without origin or query string. */
  path: string;
  /** `scheme://host:port` the request went to (never credentials or a query). */
  origin: string;
  /** What went wrong. */
  kind: NetworkFailureKind;
  /** The system or axios error code (`ECONNRESET`, `ETIMEDOUT`, …). */
  causeCode?: string;
  /** True when a write may have reached the server. */
  outcomeUnknown: boolean;
  /** How many attempts were made. */
  attempts: number;
  /** The per-attempt timeout, for timeouts. */
  timeoutMs?: number;
}

const KIND_TEXT: Record<NetworkFailureKind, string> = {
  timeout: "timed out",
  reset: "connection reset",
  refused: "connection refused",
  dns: "host not found",
  other: "network error",
};

/** No HTTP response arrived: timeout, connection reset, connection refused, DNS failure. */
export class GenesysNetworkError extends GenesysError {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Request path, without origin or query string. */
  readonly path: string;
  /** `scheme://host:port` the request went to. */
  readonly origin: string;
  /** What went wrong. */
  readonly kind: NetworkFailureKind;
  /** The system or axios error code (`ECONNRESET`, `ETIMEDOUT`, …). */
  readonly causeCode?: string;
  /** True when a write may have reached the server, so its effect is unknown. */
  readonly outcomeUnknown: boolean;
  /** How many attempts were made. */
  readonly attempts: number;

  constructor(init: GenesysNetworkErrorInit) {
    let what = KIND_TEXT[init.kind];
    if (init.kind === "timeout" && init.timeoutMs !== undefined)
      what += ` after ${init.timeoutMs} ms`;
    let message = `${init.method} ${init.path} failed: ${what} (${init.origin}`;
    if (init.causeCode) message += `, ${init.causeCode}`;
    message += `) after ${init.attempts} attempt${init.attempts === 1 ? "" : "s"}`;
    if (init.outcomeUnknown) {
      message +=
        "; the request may have reached the server, so its outcome is unknown: check the" +
        " resource before repeating it";
    }
    super("GenesysNetworkError", message);
    this.method = init.method;
    this.path = init.path;
    this.origin = init.origin;
    this.kind = init.kind;
    if (init.causeCode !== undefined) this.causeCode = init.causeCode;
    this.outcomeUnknown = init.outcomeUnknown;
    this.attempts = init.attempts;
  }
}

/** What {@link GenesysAuthError} is built from. */
export interface GenesysAuthErrorInit {
  /** The full message (already naming the settings to check; never a secret). */
  message: string;
  /** The settings to check: stack config keys and environment variables. */
  settings: readonly string[];
  /** HTTP status of the token endpoint or API response, when there was one. */
  status?: number;
  /** The OAuth error of the token endpoint (`invalid_client`, …) or the API's error code. */
  code?: string;
  /** Correlation id of the response, when there was one. */
  correlationId?: string;
}

/**
 * Authentication failed: the token endpoint refused the client credentials, or the API refused
 * a pre-issued access token. The message says which settings to fix.
 */
export class GenesysAuthError extends GenesysError {
  /** The settings to check: stack config keys and environment variables. */
  readonly settings: readonly string[];
  /** HTTP status, when a response arrived. */
  readonly status?: number;
  /** The OAuth error (`invalid_client`, …) or the API's error code. */
  readonly code?: string;
  /** Correlation id of the response, when there was one. */
  readonly correlationId?: string;

  constructor(init: GenesysAuthErrorInit) {
    super("GenesysAuthError", init.message);
    this.settings = [...init.settings];
    if (init.status !== undefined) this.status = init.status;
    if (init.code !== undefined) this.code = init.code;
    if (init.correlationId !== undefined) this.correlationId = init.correlationId;
  }
}

/** Connection settings are missing or malformed. The message names each key to set or fix. */
export class GenesysSettingsError extends GenesysError {
  /** The settings concerned: stack config keys and environment variables. */
  readonly settings: readonly string[];

  constructor(message: string, settings: readonly string[] = []) {
    super("GenesysSettingsError", message);
    this.settings = [...settings];
  }
}

/**
 * True when `err` is a failed write that may nevertheless have been applied: a POST whose
 * connection broke or timed out after the request was sent, or that got 500/502/504. The
 * caller must look before repeating it (for a create: list the clients and find it by name).
 * Such requests are never retried automatically.
 */
export function isOutcomeUnknown(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { name?: unknown; outcomeUnknown?: unknown };
  return (
    (e.name === "GenesysApiError" || e.name === "GenesysNetworkError") && e.outcomeUnknown === true
  );
}
