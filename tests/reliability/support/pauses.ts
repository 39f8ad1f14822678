/**
 * Checking, from a recording proxy's view of one token's requests, that every 429 was honoured:
 * the repeat of the request that got it never came before its `Retry-After` had passed, and (the
 * provider pauses its whole connection) no other request arrived during the pause, apart from
 * requests already on their way when the 429 was answered.
 */
import type { Exchange } from "./proxy";

/**
 * A request already sent when a 429 was answered can be seen by the proxy later: the proxy's
 * thread also runs the engine driver, and the kernel hands over a burst's requests one event-loop
 * turn at a time (within 200 ms on an idle machine, about 500 ms on a loaded one, as the report's
 * "latest arrival" shows). So the connection-wide pause is checked from this long after each 429
 * on; the exact per-request check has no such allowance.
 */
export const IN_FLIGHT_GRACE_MS = 1500;
/** Clock rounding between the proxy's and the host's `Date.now()`. */
export const CLOCK_TOLERANCE_MS = 5;

/** What the proxy saw of one 429 and the requests after it. */
export interface PauseCheck {
  /** Repeats of 429'd requests that came before their Retry-After had passed. */
  early: Exchange[];
  /** Other requests on the token that arrived during a pause (after the in-flight grace). */
  intruders: Exchange[];
  /** Requests that arrived within the grace after a 429 (already in flight). */
  inFlight: number;
  /** The latest such arrival after its 429, in ms. */
  inFlightLagMs: number;
  /** Smallest `repeat arrival − (429 answered + Retry-After)`, in ms. */
  minSlackMs: number;
  /** Longest wait from a 429 to its repeat, in ms, with that 429's Retry-After. */
  longest: { waitMs: number; retryAfter: number };
  /** 429s seen. */
  count: number;
  /** 429'd requests never repeated (the operation would have failed). */
  unanswered: Exchange[];
}

function sameRequest(a: Exchange, b: Exchange): boolean {
  return a.method === b.method && a.path === b.path && a.body === b.body;
}

/** Checks every 429 among `exchanges` (one token's API requests, in arrival order). */
export function checkPauses(exchanges: readonly Exchange[]): PauseCheck {
  const result: PauseCheck = {
    early: [],
    intruders: [],
    inFlight: 0,
    inFlightLagMs: 0,
    minSlackMs: Number.POSITIVE_INFINITY,
    longest: { waitMs: 0, retryAfter: 0 },
    count: 0,
    unanswered: [],
  };
  const limited = exchanges.filter((e) => e.status === 429);
  const inFlight = new Set<number>();
  for (const x of limited) {
    result.count++;
    const answered = x.answeredAt as number;
    const until = answered + (x.retryAfter ?? 0) * 1000 - CLOCK_TOLERANCE_MS;
    const repeat = exchanges.find((e) => e.seq > x.seq && sameRequest(e, x));
    if (!repeat) {
      result.unanswered.push(x);
    } else {
      if (repeat.arrivedAt < until) result.early.push(repeat);
      result.minSlackMs = Math.min(
        result.minSlackMs,
        repeat.arrivedAt - until - CLOCK_TOLERANCE_MS,
      );
      if (repeat.arrivedAt - answered > result.longest.waitMs) {
        result.longest = { waitMs: repeat.arrivedAt - answered, retryAfter: x.retryAfter ?? 0 };
      }
    }
    for (const e of exchanges) {
      if (e.arrivedAt <= answered || e.arrivedAt >= until) continue;
      if (e.arrivedAt < answered + IN_FLIGHT_GRACE_MS) {
        inFlight.add(e.seq);
        result.inFlightLagMs = Math.max(result.inFlightLagMs, e.arrivedAt - answered);
      } else {
        result.intruders.push(e);
      }
    }
  }
  result.inFlight = inFlight.size;
  return result;
}
