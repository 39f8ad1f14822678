/**
 * The retry policy, as pure functions: which failed attempts are repeated, after how long, and
 * which failures leave a write's outcome unknown. `http.ts` feeds these decisions to axios-retry;
 * nothing else in the package retries.
 */
import type { NetworkFailureKind } from "./errors";

/** The knobs of the policy (see `HttpOptions` for their meaning and defaults). */
export interface RetryPolicyOptions {
  /** Retries after 5xx or network failures. */
  maxRetries: number;
  /** Retries after 429 responses. */
  maxRateLimitRetries: number;
  /** First backoff ceiling in ms; doubles with each retry. */
  baseDelayMs: number;
  /** Highest backoff ceiling in ms. */
  maxDelayMs: number;
  /** A `Retry-After` longer than this fails at once instead of waiting. */
  retryAfterCapSeconds: number;
}

/** One failed attempt, described as plain data. */
export interface FailedAttempt {
  /** Upper-case HTTP method. */
  method: string;
  /** True when repeating the request cannot do harm (GET/PUT/DELETE, or a POST marked safe). */
  idempotent: boolean;
  /**
   * True when a repeat must not overtake a first attempt that may still be applied (see
   * `ApiRequest.orderSensitive`); such a request is not repeated after a timeout or a 504.
   */
  orderSensitive?: boolean;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** The transport failure, when no response arrived. */
  network?: NetworkFailureKind;
  /** The response's `Retry-After` in seconds. */
  retryAfterSeconds?: number;
  /** Backoff retries already made for this request. */
  backoffRetries: number;
  /** 429 retries already made for this request. */
  rateLimitRetries: number;
  /** True when a new token can be fetched after a 401 (client credentials, not done yet). */
  canReauthenticate: boolean;
}

/** Why an attempt is repeated. */
export type RetryReason = "rate-limited" | "unavailable" | "server-error" | "network" | "reauth";

/** The verdict on a failed attempt. */
export type RetryDecision =
  | {
      /** Repeat the request. */
      retry: true;
      /** Why. */
      reason: RetryReason;
      /** Milliseconds to wait before the next attempt. */
      delayMs: number;
    }
  | {
      /** Give up. */
      retry: false;
      /** True when the request may have been applied (an unsafe write that may have arrived). */
      outcomeUnknown: boolean;
      /** Why the client gave up, for the error message. */
      note?: string;
    };

/** Statuses after which a non-idempotent request may nevertheless have been applied. */
const MAYBE_APPLIED_STATUSES = new Set([408, 500, 502, 504]);

/** Full-jitter exponential backoff: a random delay in [0, min(max, base·2^(retry−1))]. */
export function backoffDelayMs(
  retryNumber: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.floor(random() * (ceiling + 1));
}

/**
 * Parses a `Retry-After` header: whole seconds (Genesys always sends an integer; a fraction is
 * rounded up) or an HTTP date. `undefined` when absent or unreadable.
 */
export function parseRetryAfterSeconds(
  value: unknown,
  nowMs: number = Date.now(),
): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text === "number") return text >= 0 ? Math.ceil(text) : undefined;
  if (typeof text !== "string" || text.trim() === "") return undefined;
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed));
  if (!/[a-z]/i.test(trimmed)) return undefined; // an HTTP date names its weekday and month
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - nowMs) / 1000));
}

/** Classifies a Node/axios error code. */
export function classifyNetworkCode(code: string | undefined): NetworkFailureKind {
  switch (code) {
    case "ETIMEDOUT":
    case "ECONNABORTED":
    case "ESOCKETTIMEDOUT":
      return "timeout";
    case "ECONNRESET":
    case "EPIPE":
    case "ERR_SOCKET_CLOSED":
      return "reset";
    case "ECONNREFUSED":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "EADDRNOTAVAIL":
      return "refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "dns";
    default:
      return "other";
  }
}

/** True when a failure of this kind proves the request never reached the server. */
export function neverSent(kind: NetworkFailureKind): boolean {
  return kind === "refused" || kind === "dns";
}

/**
 * Decides whether a failed attempt is repeated:
 * - 401: one new token, then replay once (client credentials only).
 * - 429: every method (the request was not processed), after exactly `Retry-After` seconds;
 *   a `Retry-After` above the cap fails at once.
 * - 503 and connection refused: every method (not processed), with backoff (503 honours its
 *   `Retry-After` when it has one). A DNS failure is a settings problem: no retry.
 * - 408/500/502/504, timeouts, resets: idempotent requests only, with backoff. A non-idempotent
 *   request fails with `outcomeUnknown` instead: it may have been applied. So does an
 *   order-sensitive request after a timeout or a 504: its first attempt may still be running and
 *   would land after the repeat.
 * - 501 and every other status: no retry.
 */
export function decideRetry(
  f: FailedAttempt,
  options: RetryPolicyOptions,
  random: () => number = Math.random,
): RetryDecision {
  const giveUp = (note?: string): RetryDecision => ({
    retry: false,
    outcomeUnknown: !f.idempotent && maybeApplied(f),
    ...(note ? { note } : {}),
  });
  const backoff = (reason: RetryReason, retryAfterSeconds?: number): RetryDecision => {
    if (f.backoffRetries >= options.maxRetries) {
      return giveUp(`(gave up after ${f.backoffRetries + 1} attempts)`);
    }
    if (retryAfterSeconds !== undefined && retryAfterSeconds <= options.retryAfterCapSeconds) {
      return { retry: true, reason, delayMs: retryAfterSeconds * 1000 };
    }
    const retry = f.backoffRetries + 1;
    const delayMs = backoffDelayMs(retry, options.baseDelayMs, options.maxDelayMs, random);
    return { retry: true, reason, delayMs };
  };

  const stillRunning =
    f.orderSensitive === true &&
    (f.status === 504 || (f.status === undefined && f.network === "timeout"));
  if (stillRunning) {
    return {
      retry: false,
      outcomeUnknown: true,
      note: "(not repeated: the first attempt may still be applied after a repeat)",
    };
  }
  if (f.status === undefined) {
    const kind = f.network ?? "other";
    if (kind === "dns") return giveUp();
    if (kind === "refused" || f.idempotent) return backoff("network");
    return giveUp();
  }
  if (f.status === 401) {
    return f.canReauthenticate ? { retry: true, reason: "reauth", delayMs: 0 } : giveUp();
  }
  if (f.status === 429) {
    const ra = f.retryAfterSeconds;
    if (ra !== undefined && ra > options.retryAfterCapSeconds) {
      return giveUp(
        `(Retry-After ${ra} s is above the ${options.retryAfterCapSeconds} s cap, retryAfterCapSeconds)`,
      );
    }
    if (f.rateLimitRetries >= options.maxRateLimitRetries) {
      return giveUp(`(still rate limited after ${f.rateLimitRetries + 1} attempts)`);
    }
    const delayMs =
      ra !== undefined
        ? ra * 1000
        : backoffDelayMs(f.rateLimitRetries + 1, options.baseDelayMs, options.maxDelayMs, random);
    return { retry: true, reason: "rate-limited", delayMs };
  }
  if (f.status === 503) return backoff("unavailable", f.retryAfterSeconds);
  if (MAYBE_APPLIED_STATUSES.has(f.status)) {
    return f.idempotent ? backoff("server-error") : giveUp();
  }
  return giveUp();
}

/**
 * True when a failed attempt may have been applied by the server (a reset or timeout after
 * sending, or 408/500/502/504).
 */
export function maybeApplied(f: Pick<FailedAttempt, "status" | "network">): boolean {
  if (f.status !== undefined) return MAYBE_APPLIED_STATUSES.has(f.status);
  return !neverSent(f.network ?? "other");
}
