/**
 * What one request carries through its attempts, and what the `onRequest` hook and the stats
 * report. Plain types and a small class; the transport creates instances at run time.
 */
import type { RateLimitTicket } from "./rateLimiter";
import type { RetryDecision } from "./retryPolicy";

/** One attempt, as reported to the `onRequest` hook. Never carries headers, bodies or secrets. */
export interface RequestEvent {
  /** `api` for Platform API calls, `token` for the token endpoint. */
  kind: "api" | "token";
  /** Upper-case HTTP method. */
  method: string;
  /** Request path without origin or query string. */
  path: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** HTTP status; absent when no response arrived. */
  status?: number;
  /** The network error code when no response arrived (`ECONNRESET`, `ETIMEDOUT`, …). */
  errorCode?: string;
  /** Time since the previous attempt ended (or the call began): backoff, pacing, token wait. */
  waitedMs: number;
  /** Time from sending to the response or failure. */
  durationMs: number;
}

/** Counters of one connection, for tests and benchmarks. */
export interface ConnectionStats {
  /** API attempts sent (retries included). */
  requests: number;
  /** Token endpoint attempts sent. */
  tokenRequests: number;
  /** Attempts repeated by the retry policy (401 replays included). */
  retries: number;
  /** 429 responses received (API and token endpoint). */
  rateLimited: number;
  /** Tokens dropped after a 401 and fetched again. */
  reauthentications: number;
  /** Total time API requests were held by pacing or a 429 pause, in ms. */
  heldMs: number;
}

/** What a request carries through its attempts (a class, so axios keeps the same object). */
export class RequestState {
  /** Attempts sent so far. */
  attempt = 0;
  /** Retries after 5xx/network failures so far. */
  backoffRetries = 0;
  /** Retries after 429 so far. */
  rateLimitRetries = 0;
  /** True once a 401 led to a new token. */
  reauthenticated = false;
  /** Generation of the token the current attempt carries. */
  tokenGeneration = -1;
  /** True between sending an attempt and seeing its outcome. */
  sent = false;
  /** When the current attempt was sent (epoch ms). */
  sentAt = 0;
  /** When the previous attempt ended, or the request began (epoch ms). */
  lastEndedAt: number;
  /** The pacing ticket of the current attempt. */
  ticket?: RateLimitTicket;
  /** The retry policy's verdict on the last failed attempt. */
  decision?: RetryDecision;
  /** True once an attempt failed in a way that may nevertheless have applied it. */
  earlierMayHaveApplied = false;

  /**
   * @param kind API call or token request
   * @param method upper-case HTTP method
   * @param path path without origin or query (for errors and events)
   * @param origin `scheme://host:port` (for network errors)
   * @param idempotent whether repeating after an ambiguous failure is harmless
   * @param orderSensitive whether a repeat that overtakes a still-running first attempt does harm
   *   (see `ApiRequest.orderSensitive`)
   */
  constructor(
    readonly kind: "api" | "token",
    readonly method: string,
    readonly path: string,
    readonly origin: string,
    readonly idempotent: boolean,
    readonly orderSensitive = false,
  ) {
    this.lastEndedAt = Date.now();
  }
}

/** The axios config key under which the request state travels. */
export const STATE_KEY = "genesysRequestState";

/** The request state an axios config carries, if any. */
export function stateOf(config: unknown): RequestState | undefined {
  if (typeof config !== "object" || config === null) return undefined;
  const st = (config as Record<string, unknown>)[STATE_KEY];
  return st instanceof RequestState ? st : undefined;
}

/** A header of a response, as one string. */
export function headerValue(headers: unknown, name: string): string | undefined {
  if (typeof headers !== "object" || headers === null) return undefined;
  const h = headers as Record<string, unknown>;
  const raw = h[name.toLowerCase()] ?? h[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}
