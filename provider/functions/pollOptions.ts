/**
 * How the usage lookups wait for a query: the poll options, their production defaults and their
 * checks. No Pulumi import (the dynamic provider's deletion guard uses them too).
 */
import { argsObject } from "./args";
import { LookupArgumentError } from "./errors";

/** What {@link PollOptions.onPoll} is told after each poll. */
export interface UsagePollEvent {
  /** The OAuth client whose usage is queried. */
  clientId: string;
  /** The execution being polled. */
  executionId: string;
  /** 1 for the first poll, 2 for the second, … */
  poll: number;
  /** The `queryStatus` this poll answered (`Running`, `Complete`, `Failed`, …). */
  queryStatus?: string;
  /** Milliseconds since the query was started. */
  elapsedMs: number;
}

/**
 * How to wait for a usage query. The first poll comes `initialIntervalMs` after the query
 * started; each further wait is `factor` times the previous, capped at `maxIntervalMs`; polling
 * stops with a `timeout` `UsageQueryError` once `timeoutMs` have passed (the last wait is
 * shortened so the budget is never overrun by a sleep; a request already sent still finishes). The defaults suit the real service, which
 * asks for polls a minute or two apart and whose data is up to 24 hours old; tests against the
 * emulator use a few milliseconds.
 */
export interface PollOptions {
  /** Milliseconds before the first poll. Default 5000. */
  initialIntervalMs?: number;
  /** The longest wait between two polls, in ms. Default 60000 (or `initialIntervalMs` if longer). */
  maxIntervalMs?: number;
  /** Growth of the wait from one poll to the next (1 = constant). Default 2. */
  factor?: number;
  /** Milliseconds from starting the query to giving up. Default 600000 (10 minutes). */
  timeoutMs?: number;
  /**
   * Waits the given milliseconds (default: a timer). The time it is asked to wait counts against
   * `timeoutMs` even when it returns sooner, so a fake sleep in a test still ends the polling.
   */
  sleep?: (ms: number) => Promise<void>;
  /** Called after every poll (progress logging). */
  onPoll?: (event: UsagePollEvent) => void;
}

/** The defaults of {@link PollOptions}. */
export const DEFAULT_POLL_OPTIONS: Readonly<Required<Omit<PollOptions, "sleep" | "onPoll">>> =
  Object.freeze({
    initialIntervalMs: 5_000,
    maxIntervalMs: 60_000,
    factor: 2,
    timeoutMs: 600_000,
  });

/** Poll options with every default filled in. */
export type ResolvedPoll = Required<Omit<PollOptions, "onPoll">> & Pick<PollOptions, "onPoll">;

const realSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/** Checks poll options and fills in the defaults. */
export function resolvePollOptions(lookup: string, poll: unknown): ResolvedPoll {
  const o = argsObject(
    lookup,
    poll,
    ["initialIntervalMs", "maxIntervalMs", "factor", "timeoutMs", "sleep", "onPoll"],
    "poll",
  );
  const num = (key: keyof typeof DEFAULT_POLL_OPTIONS, min: number, what: string): number => {
    const v = o[key] ?? DEFAULT_POLL_OPTIONS[key];
    if (
      typeof v !== "number" ||
      !Number.isFinite(v) ||
      v < min ||
      (key === "timeoutMs" && v <= 0)
    ) {
      throw new LookupArgumentError(lookup, `poll.${key}`, `must be ${what}.`);
    }
    return v;
  };
  const initialIntervalMs = num("initialIntervalMs", 0, "a number of milliseconds ≥ 0");
  let maxIntervalMs = num("maxIntervalMs", 0, "a number of milliseconds ≥ 0");
  const factor = num("factor", 1, "a number ≥ 1 (1 keeps the interval constant)");
  const timeoutMs = num("timeoutMs", 0, "a number of milliseconds > 0");
  // Only an explicit cap below the first wait is a mistake; the default cap yields to it.
  if (o.maxIntervalMs === undefined) maxIntervalMs = Math.max(maxIntervalMs, initialIntervalMs);
  if (maxIntervalMs < initialIntervalMs) {
    throw new LookupArgumentError(
      lookup,
      "poll.maxIntervalMs",
      `(${maxIntervalMs}) must not be below poll.initialIntervalMs (${initialIntervalMs}).`,
    );
  }
  for (const key of ["sleep", "onPoll"] as const) {
    if (o[key] !== undefined && typeof o[key] !== "function") {
      throw new LookupArgumentError(lookup, `poll.${key}`, "must be a function.");
    }
  }
  const resolved: ResolvedPoll = {
    initialIntervalMs,
    maxIntervalMs,
    factor,
    timeoutMs,
    sleep: (o.sleep as PollOptions["sleep"]) ?? realSleep,
  };
  if (o.onPoll !== undefined) resolved.onPoll = o.onPoll as PollOptions["onPoll"];
  return resolved;
}
