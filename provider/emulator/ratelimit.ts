/**
 * Fixed-window rate limiting per access token, like the platform's
 * `client.credentials.token.rate.per.minute` (300 requests per token per minute). Windows run on
 * the real monotonic clock, not the emulator clock, so a frozen test clock never locks a caller
 * out forever; tests compress time with a short window instead.
 */

/** The outcome of counting one request. */
export interface RateDecision {
  /** False when this request is over the limit. */
  allowed: boolean;
  /** Requests counted in the current window, this one included. */
  count: number;
  /** The limit per window. */
  limit: number;
  /** Whole seconds until the window resets (at least 1). */
  resetSeconds: number;
}

interface Window {
  start: number;
  count: number;
}

/** Whole monotonic milliseconds (integers keep `start + length - now` free of rounding). */
function monotonicMs(): number {
  return Math.floor(performance.now());
}

/** Counts requests per key in fixed windows. */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  /** Counts one request for `key` against `limit` requests per `windowSeconds`. */
  hit(key: string, limit: number, windowSeconds: number): RateDecision {
    const now = monotonicMs();
    const length = windowSeconds * 1000;
    let w = this.windows.get(key);
    if (!w || now - w.start >= length) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
      if (this.windows.size > 10000) this.sweep(now, length);
    }
    w.count++;
    return {
      allowed: w.count <= limit,
      count: w.count,
      limit,
      resetSeconds: Math.max(1, Math.ceil((w.start + length - now) / 1000)),
    };
  }

  /** The current window of `key` without counting (for responses that are not counted). */
  peek(key: string, limit: number, windowSeconds: number): RateDecision {
    const now = monotonicMs();
    const length = windowSeconds * 1000;
    const w = this.windows.get(key);
    const live = w && now - w.start < length ? w : undefined;
    return {
      allowed: true,
      count: live?.count ?? 0,
      limit,
      resetSeconds: live
        ? Math.max(1, Math.ceil((live.start + length - now) / 1000))
        : windowSeconds,
    };
  }

  /** Forgets every window (reset, or a changed window length). */
  clear(): void {
    this.windows.clear();
  }

  private sweep(now: number, length: number): void {
    for (const [key, w] of this.windows) if (now - w.start >= length) this.windows.delete(key);
  }
}
