/**
 * Pacing for the platform's per-token rate limit. Genesys answers every API request with
 * `inin-ratelimit-count` (requests counted in the current window), `inin-ratelimit-allowed` (the
 * limit) and `inin-ratelimit-reset` (whole seconds until the window resets). Instead of firing
 * requests until 429s come back, new requests are held once the window's budget is spent and
 * released when it resets; a 429's `Retry-After` pauses every caller of the connection.
 *
 * Created at run time by a connection (never at module load): it holds timers and promises.
 */

/** The rate-limit headers of one response. */
export interface RateLimitHeaders {
  /** Requests counted in the current window, the answered one included. */
  count: number;
  /** Requests allowed per window. */
  allowed: number;
  /** Whole seconds until the window resets. */
  resetSeconds: number;
}

/** Reads the `inin-ratelimit-*` headers; `undefined` unless all three are present and sane. */
export function parseRateLimitHeaders(
  headers: Readonly<Record<string, unknown>>,
): RateLimitHeaders | undefined {
  const num = (name: string): number | undefined => {
    const raw = headers[name];
    const text = Array.isArray(raw) ? raw[0] : raw;
    if (typeof text !== "string" && typeof text !== "number") return undefined;
    const n = Number(text);
    return Number.isFinite(n) && n >= 0 ? n : undefined;
  };
  const count = num("inin-ratelimit-count");
  const allowed = num("inin-ratelimit-allowed");
  const resetSeconds = num("inin-ratelimit-reset");
  if (count === undefined || allowed === undefined || resetSeconds === undefined) return undefined;
  if (allowed < 1) return undefined;
  return { count, allowed, resetSeconds };
}

/** Handed out by {@link RateLimiter.acquire}; given back to {@link RateLimiter.release}. */
export interface RateLimitTicket {
  /** When the request was let through (epoch ms). */
  startedAt: number;
  /** The limiter's window sequence number at that time. */
  window: number;
  /** How long the request was held, in ms. */
  waitedMs: number;
}

/** A snapshot of the limiter's state, for tests and benchmarks. */
export interface RateLimiterState {
  /** The server's limit per window, once known. */
  allowed?: number;
  /** Requests counted in the current window (ours in flight included). */
  used: number;
  /** Requests sent and not yet answered. */
  inFlight: number;
  /** Estimated end of the current window (epoch ms), once known. */
  windowEndsAt?: number;
  /** Every caller waits until this time (epoch ms) after a 429. */
  pausedUntil: number;
  /** Total time requests were held, in ms. */
  heldMs: number;
}

/** How long a request waits for news from in-flight requests before looking again. */
const RECHECK_MS = 1000;

/** The pacing state of one connection. */
export class RateLimiter {
  private allowed?: number;
  private used = 0;
  private inFlight = 0;
  private windowEndsAt?: number;
  private window = 0;
  private learned = false;
  private pausedUntil = 0;
  private heldMs = 0;
  private waiters: Array<() => void> = [];

  /**
   * @param pace hold requests when the window's budget is spent (a 429 pause applies regardless)
   * @param now the clock
   */
  constructor(
    private readonly pace: boolean,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Waits until a request may be sent, then counts it. Until the first response shows whether
   * the server sends rate-limit headers, only one request is in flight, so a burst of parallel
   * callers cannot overrun a limit nobody knows yet.
   */
  async acquire(): Promise<RateLimitTicket> {
    const start = this.now();
    for (;;) {
      const t = this.now();
      if (t < this.pausedUntil) {
        await sleep(this.pausedUntil - t);
        continue;
      }
      if (this.pace) {
        if (this.windowEndsAt !== undefined && t >= this.windowEndsAt) this.rollover();
        if (!this.learned && this.inFlight > 0) {
          await this.nextChange();
          continue;
        }
        if (this.allowed !== undefined && this.used >= this.allowed) {
          if (this.windowEndsAt !== undefined) {
            await sleep(this.windowEndsAt - t);
            continue;
          }
          if (this.inFlight > 0) {
            await this.nextChange();
            continue;
          }
        }
      }
      this.used++;
      this.inFlight++;
      this.heldMs += t - start;
      return { startedAt: t, window: this.window, waitedMs: t - start };
    }
  }

  /**
   * Gives a ticket back when its request ends. `headers` are the response's (absent after a
   * network failure). Responses to requests sent in an earlier window only update the limit.
   */
  release(ticket: RateLimitTicket, headers?: Readonly<Record<string, unknown>>): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (headers) {
      this.learned = true;
      const h = parseRateLimitHeaders(headers);
      if (h) {
        this.allowed = h.allowed;
        if (ticket.window === this.window) {
          this.used = Math.max(this.used, h.count);
          // Each reading is an upper bound of the window's end (whole seconds, rounded up, read
          // after the server answered), so the smallest one is the closest.
          const end = this.now() + h.resetSeconds * 1000;
          this.windowEndsAt =
            this.windowEndsAt === undefined ? end : Math.min(this.windowEndsAt, end);
        }
      }
    }
    this.notify();
  }

  /** After a 429: nobody sends anything before `untilMs`, and the budget counts as spent. */
  pauseUntil(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
    if (this.allowed !== undefined) this.used = Math.max(this.used, this.allowed);
    this.windowEndsAt = this.pausedUntil;
    this.notify();
  }

  /** The current state (a copy). */
  state(): RateLimiterState {
    const s: RateLimiterState = {
      used: this.used,
      inFlight: this.inFlight,
      pausedUntil: this.pausedUntil,
      heldMs: this.heldMs,
    };
    if (this.allowed !== undefined) s.allowed = this.allowed;
    if (this.windowEndsAt !== undefined) s.windowEndsAt = this.windowEndsAt;
    return s;
  }

  /** A new window begins. Requests still in flight may be counted in it, so they stay counted. */
  private rollover(): void {
    this.window++;
    this.used = this.inFlight;
    this.windowEndsAt = undefined;
    this.notify();
  }

  private nextChange(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, RECHECK_MS);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.waiters.push(done);
    });
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** A plain sleep; callers re-check their condition afterwards, so an early wake-up is harmless. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(1, ms)));
}
