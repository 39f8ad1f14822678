/**
 * `Connection`: the one HTTP layer of the package. One connection per settings object; it owns
 * the retry/backoff/Retry-After policy, the token cache and the pacing for rate limits.
 *
 * A connection object holds plain data only (settings and options). Its live parts (axios,
 * axios-retry, keep-alive agents, timers) are built on the first request and kept in a
 * process-wide registry outside the object, so a connection can even be captured by Pulumi's
 * closure serializer without breaking it. Still, do not capture one in a resource provider: its
 * settings carry the credentials. Build it at run time (in `configure()`).
 */
import type { AxiosRequestConfig } from "axios";
import { GenesysSettingsError } from "./errors";
import {
  describeConnectionSettings,
  validateConnectionSettings,
  type ConnectionSettings,
} from "./settings";
import { headerValue, RequestState, type ConnectionStats, type RequestEvent } from "./requestState";
import { createTransport, type Transport } from "./transport";

export type { ConnectionStats, RequestEvent } from "./requestState";

/** Options of a connection's HTTP behaviour. Every field is optional; see the defaults. */
export interface HttpOptions {
  /** Milliseconds one attempt may take before it is abandoned (a timeout). Default 30000. */
  timeoutMs?: number;
  /** Retries after 5xx (except 501) and network failures, per request. Default 5. */
  maxRetries?: number;
  /** Retries after 429 responses, per request. Default 10. */
  maxRateLimitRetries?: number;
  /** Ceiling of the first backoff delay in ms; it doubles per retry (full jitter). Default 500. */
  baseDelayMs?: number;
  /** Highest backoff ceiling in ms. Default 30000. */
  maxDelayMs?: number;
  /** A 429 asking to wait longer than this many seconds fails at once. Default 120. */
  retryAfterCapSeconds?: number;
  /** Reuse TCP/TLS connections (keep-alive agents). Default true. */
  keepAlive?: boolean;
  /** Hold requests when the `inin-ratelimit-*` budget is spent instead of collecting 429s. Default true. */
  pace?: boolean;
  /** Called after every attempt (API and token endpoint); never given headers or secrets. */
  onRequest?: (event: RequestEvent) => void;
}

/** The defaults of {@link HttpOptions}. */
export const DEFAULT_HTTP_OPTIONS: Readonly<Required<Omit<HttpOptions, "onRequest">>> =
  Object.freeze({
    timeoutMs: 30_000,
    maxRetries: 5,
    maxRateLimitRetries: 10,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    retryAfterCapSeconds: 120,
    keepAlive: true,
    pace: true,
  });

/** The HTTP methods the OAuth API uses. */
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** One Platform API request. */
export interface ApiRequest {
  /** HTTP method. */
  method: HttpMethod;
  /** Path from `/api/v2/…`, path parameters already URI-encoded; may carry a query (`nextUri`). */
  path: string;
  /** Query parameters to add. */
  query?: Readonly<Record<string, string>>;
  /** Extra request headers (e.g. `Accept-Language`). */
  headers?: Readonly<Record<string, string>>;
  /** JSON body. */
  body?: unknown;
  /**
   * True when repeating the request after an ambiguous failure is harmless. Defaults to true for
   * GET, PUT and DELETE and false for POST.
   */
  idempotent?: boolean;
  /**
   * True for an idempotent request whose every application supersedes the previous one, so a
   * repeat must not overtake the first attempt (a secret regeneration: the secret of whichever
   * lands last is the valid one). Such a request is repeated after a connection reset or a 503,
   * but not after a timeout or a 504, when the first attempt may still be applied later: it then
   * fails with an unknown outcome instead.
   */
  orderSensitive?: boolean;
  /**
   * Error statuses this request resolves with instead of rejecting, for an answer the caller
   * expects (e.g. `[404]` when looking up something that may be gone). Such a response is neither
   * retried nor turned into an error, so no stack trace is captured for it. 401, 408, 429 and 5xx
   * are not allowed here: re-authentication and the retry policy own them.
   */
  acceptStatuses?: readonly number[];
}

/** A successful response. */
export interface ApiResponse<T> {
  /** HTTP status: 2xx, or one of the request's `acceptStatuses`. */
  status: number;
  /** The parsed body (`""` when empty). */
  data: T;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  /** `ININ-Correlation-Id`. */
  correlationId?: string;
}

const REGISTRY_KEY = "__pulumiGenesysCloudOAuthConnections";

/** What a connection keeps outside itself: its credentials, and its transport once built. */
interface LiveState {
  settings: ConnectionSettings;
  transport?: Transport;
}

/** The process-wide registry of live transports, looked up at run time (never captured). */
function registry(): WeakMap<Connection, LiveState> {
  const holder = globalThis as unknown as Record<
    string,
    WeakMap<Connection, LiveState> | undefined
  >;
  let map = holder[REGISTRY_KEY];
  if (map === undefined) {
    map = new WeakMap();
    Object.defineProperty(globalThis, REGISTRY_KEY, { value: map, configurable: true });
  }
  return map;
}

function resolveOptions(options: HttpOptions): Required<Omit<HttpOptions, "onRequest">> {
  const o = { ...DEFAULT_HTTP_OPTIONS, ...stripUndefined(options) };
  for (const key of [
    "timeoutMs",
    "maxRetries",
    "maxRateLimitRetries",
    "baseDelayMs",
    "maxDelayMs",
    "retryAfterCapSeconds",
  ] as const) {
    const v = o[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || (key === "timeoutMs" && v === 0)) {
      throw new GenesysSettingsError(`HttpOptions.${key} must be a non-negative number.`, [key]);
    }
  }
  return o;
}

function stripUndefined(options: HttpOptions): Partial<HttpOptions> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}

/** A connection to one Genesys Cloud org: settings, options, and (at run time) live transport. */
export class Connection {
  /** Base URL of the Platform API. */
  readonly apiUrl: string;
  /** Base URL of the login service. */
  readonly loginUrl: string;
  /** Canonical region name, when known. */
  readonly region?: string;
  private readonly options: HttpOptions;

  /**
   * Validates the settings (see `validateConnectionSettings`); makes no request. The credentials
   * are kept in a process-wide registry, not on the object: logging, inspecting or serializing a
   * connection never reveals them (a copy made by serialization has none, and says so).
   */
  constructor(settings: ConnectionSettings, options: HttpOptions = {}) {
    const valid = validateConnectionSettings(settings);
    resolveOptions(options);
    this.apiUrl = valid.apiUrl;
    this.loginUrl = valid.loginUrl;
    if (valid.region !== undefined) this.region = valid.region;
    this.options = { ...options };
    registry().set(this, { settings: valid });
  }

  /**
   * Sends one request through the retry policy and resolves to the 2xx response. Rejects with
   * `GenesysApiError`, `GenesysNetworkError` or `GenesysAuthError`.
   */
  async request<T = unknown>(req: ApiRequest): Promise<ApiResponse<T>> {
    if (typeof req.path !== "string" || !req.path.startsWith("/")) {
      throw new TypeError(`Connection.request: path must start with "/".`);
    }
    const q = req.path.indexOf("?");
    const pathname = q < 0 ? req.path : req.path.slice(0, q);
    const params = new URLSearchParams(q < 0 ? "" : req.path.slice(q + 1));
    for (const [k, v] of Object.entries(req.query ?? {})) params.set(k, v);
    const search = params.toString();
    const url = `${this.apiUrl}${pathname}${search ? `?${search}` : ""}`;
    const headers: Record<string, string> = { Accept: "application/json", ...req.headers };
    if (req.body !== undefined) headers["Content-Type"] = "application/json";
    const idempotent = req.idempotent ?? req.method !== "POST";
    const origin = new URL(this.apiUrl).origin;
    const state = new RequestState(
      "api",
      req.method,
      pathname,
      origin,
      idempotent,
      req.orderSensitive ?? false,
    );
    const config: AxiosRequestConfig = { method: req.method, url, headers };
    if (req.body !== undefined) config.data = req.body;
    const accepted = acceptedStatuses(req.acceptStatuses);
    if (accepted.length > 0) {
      config.validateStatus = (status) =>
        (status >= 200 && status < 300) || accepted.includes(status);
    }
    const response = await this.transport().send(config, state);
    const plain: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers ?? {})) {
      if (typeof value === "string" || typeof value === "number")
        plain[name.toLowerCase()] = String(value);
    }
    const result: ApiResponse<T> = {
      status: response.status,
      data: response.data as T,
      headers: plain,
    };
    const correlationId = headerValue(response.headers, "inin-correlation-id");
    if (correlationId !== undefined) result.correlationId = correlationId;
    return result;
  }

  /** Counters since the transport was created (zeros before the first request). */
  stats(): ConnectionStats {
    const t = registry().get(this)?.transport;
    return t
      ? t.stats()
      : {
          requests: 0,
          tokenRequests: 0,
          retries: 0,
          rateLimited: 0,
          reauthentications: 0,
          heldMs: 0,
        };
  }

  /** Closes pooled sockets and forgets the token; a later request starts afresh. */
  close(): void {
    const live = registry().get(this);
    if (live?.transport) {
      live.transport.close();
      delete live.transport;
    }
  }

  /** A description without credentials. */
  toJSON(): { connection: string } {
    const live = registry().get(this);
    return {
      connection: live
        ? describeConnectionSettings(live.settings)
        : `${this.apiUrl} (no credentials)`,
    };
  }

  private transport(): Transport {
    const live = registry().get(this);
    if (!live) {
      throw new GenesysSettingsError(
        `This connection to ${this.apiUrl} has no credentials in this process: it was copied ` +
          `(e.g. serialized into a Pulumi provider) instead of created here. Create connections ` +
          `at run time, from settings read in configure().`,
      );
    }
    live.transport ??= createTransport(live.settings, {
      ...resolveOptions(this.options),
      ...onRequestOf(this.options),
    });
    return live.transport;
  }
}

/** Checks `ApiRequest.acceptStatuses`: 4xx statuses the retry policy does not own. */
function acceptedStatuses(statuses: readonly number[] | undefined): readonly number[] {
  if (statuses === undefined) return [];
  for (const status of statuses) {
    const owned = status === 401 || status === 408 || status === 429;
    if (!Number.isInteger(status) || status < 400 || status > 499 || owned) {
      throw new TypeError(
        `Connection.request: acceptStatuses may only hold 4xx statuses other than 401, 408 ` +
          `and 429 (got ${String(status)}); those are retried or re-authenticated.`,
      );
    }
  }
  return statuses;
}

function onRequestOf(options: HttpOptions): Pick<HttpOptions, "onRequest"> {
  return options.onRequest ? { onRequest: options.onRequest } : {};
}

/** A connection, or settings (and options) to build one from. */
export type ConnectionOrSettings = Connection | ConnectionSettings;

/** Returns `x` when it is a connection, else a new connection built from settings `x`. */
export function toConnection(x: ConnectionOrSettings, options?: HttpOptions): Connection {
  if (x instanceof Connection) {
    if (options !== undefined) {
      throw new TypeError(
        "Pass HttpOptions when creating the Connection, not with an existing one.",
      );
    }
    return x;
  }
  return new Connection(x, options);
}
