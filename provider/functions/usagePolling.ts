/**
 * Client usage queries end to end: start the execution (summary or query; 200 and 202 alike),
 * poll `…/usage/query/results/{executionId}` with a backing-off interval until `Complete` or
 * `Failed`, and give up after a bounded total wait. Plain functions of an `OAuthApi` with no
 * Pulumi import, so the resource provider's deletion guard can run them inside the
 * dynamic-provider host; the lookup functions in `usage.ts` wrap them for programs and scripts.
 */
import { GenesysApiError } from "../api/errors";
import type { ApiUsageClientQuery, ApiUsageRow, Cursors } from "../api/models";
import type { OAuthApi } from "../api/oauthApi";
import { argsObject, requiredId } from "./args";
import { LookupArgumentError, UsageQueryError } from "./errors";
import { checkDays, checkUsageQuery, type UsageQueryArgs } from "./usageArgs";

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
 * stops with a `timeout` {@link UsageQueryError} once `timeoutMs` have passed (the last wait is
 * shortened so the budget is never overrun by a sleep). The defaults suit the real service, which
 * asks for polls a minute or two apart and whose data is up to 24 hours old; tests against the
 * emulator use a few milliseconds.
 */
export interface PollOptions {
  /** Milliseconds before the first poll. Default 5000. */
  initialIntervalMs?: number;
  /** The longest wait between two polls, in ms. Default 60000. */
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
export const DEFAULT_POLL_OPTIONS: Readonly<
  Required<Omit<PollOptions, "sleep" | "onPoll">>
> = Object.freeze({
  initialIntervalMs: 5_000,
  maxIntervalMs: 60_000,
  factor: 2,
  timeoutMs: 600_000,
});

/** Per-metric sums over the rows. A metric is present when at least one row reports it. */
export interface UsageTotals {
  /** Sum of `status200` (2xx responses). */
  status200?: number;
  /** Sum of `status300` (3xx responses). */
  status300?: number;
  /** Sum of `status400` (4xx responses, including 429). */
  status400?: number;
  /** Sum of `status500` (5xx responses). */
  status500?: number;
  /** Sum of `status429` (rate-limited responses, part of `status400`). */
  status429?: number;
  /** Sum of `requests` (all responses). */
  requests?: number;
}

/** The outcome of a completed usage query. */
export interface UsageQueryResult {
  /** The OAuth client whose usage was queried. */
  clientId: string;
  /** The execution id of the query. */
  executionId: string;
  /** The rows, as the service returned them. */
  rows: ApiUsageRow[];
  /** Per-metric sums over `rows`. */
  totals: UsageTotals;
  /** How many times the results were polled. */
  polls: number;
  /** Paging cursors, when the service returned any (the results endpoint takes no cursor). */
  cursors?: Cursors;
}

/** The outcome of a completed usage summary. */
export interface UsageSummaryResult extends UsageQueryResult {
  /** How many days back the summary covers. */
  days: number;
  /** All requests in those days (`totals.requests`, 0 when there were none). */
  totalRequests: number;
}

const METRIC_FIELDS = [
  "status200",
  "status300",
  "status400",
  "status500",
  "status429",
  "requests",
] as const;

/** Per-metric sums of usage rows. */
export function usageTotals(rows: readonly ApiUsageRow[]): UsageTotals {
  const totals: UsageTotals = {};
  for (const row of rows) {
    for (const field of METRIC_FIELDS) {
      const v = row[field];
      if (typeof v === "number" && Number.isFinite(v)) totals[field] = (totals[field] ?? 0) + v;
    }
  }
  return totals;
}

type ResolvedPoll = Required<Omit<PollOptions, "onPoll">> & Pick<PollOptions, "onPoll">;

const realSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/** Checks poll options and fills in the defaults. */
export function resolvePollOptions(lookup: string, poll: unknown): ResolvedPoll {
  const o = argsObject(lookup, poll, [
    "initialIntervalMs",
    "maxIntervalMs",
    "factor",
    "timeoutMs",
    "sleep",
    "onPoll",
  ], "poll");
  const num = (key: keyof typeof DEFAULT_POLL_OPTIONS, min: number, what: string): number => {
    const v = o[key] ?? DEFAULT_POLL_OPTIONS[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v < min || (key === "timeoutMs" && v <= 0)) {
      throw new LookupArgumentError(lookup, `poll.${key}`, `must be ${what}.`);
    }
    return v;
  };
  const initialIntervalMs = num("initialIntervalMs", 0, "a number of milliseconds ≥ 0");
  const maxIntervalMs = num("maxIntervalMs", 0, "a number of milliseconds ≥ 0");
  const factor = num("factor", 1, "a number ≥ 1 (1 keeps the interval constant)");
  const timeoutMs = num("timeoutMs", 0, "a number of milliseconds > 0");
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

async function pollFrom(
  api: OAuthApi,
  clientId: string,
  executionId: string,
  poll: ResolvedPoll,
  startedAt: number,
): Promise<UsageQueryResult> {
  let interval = poll.initialIntervalMs;
  let slept = 0;
  let polls = 0;
  let lastStatus: string | undefined;
  // A fake sleep returns at once; counting the requested waits keeps the budget finite anyway.
  const elapsed = (): number => Math.max(Date.now() - startedAt, slept);
  for (;;) {
    const remaining = poll.timeoutMs - elapsed();
    if (remaining <= 0) {
      throw new UsageQueryError({
        reason: "timeout",
        clientId,
        executionId,
        polls,
        elapsedMs: elapsed(),
        ...(lastStatus !== undefined ? { lastStatus } : {}),
      });
    }
    const wait = Math.min(interval, remaining);
    await poll.sleep(wait);
    slept += wait;
    const result = await api.getOauthClientUsageQueryResult(executionId, clientId);
    polls++;
    lastStatus = typeof result.queryStatus === "string" ? result.queryStatus : undefined;
    poll.onPoll?.({
      clientId,
      executionId,
      poll: polls,
      ...(lastStatus !== undefined ? { queryStatus: lastStatus } : {}),
      elapsedMs: elapsed(),
    });
    if (lastStatus === "Complete") {
      const rows = (Array.isArray(result.results) ? result.results : []).map((r) => ({ ...r }));
      const out: UsageQueryResult = {
        clientId,
        executionId,
        rows,
        totals: usageTotals(rows),
        polls,
      };
      if (result.cursors !== undefined) out.cursors = { ...result.cursors };
      return out;
    }
    if (lastStatus === "Failed") {
      throw new UsageQueryError({
        reason: "failed",
        clientId,
        executionId,
        polls,
        elapsedMs: elapsed(),
        lastStatus,
      });
    }
    // `Running`, or a status a newer service added: keep polling.
    interval = Math.min(interval * poll.factor, poll.maxIntervalMs);
  }
}

function executionIdOf(body: { executionId?: unknown }, method: string, path: string): string {
  if (typeof body.executionId === "string" && body.executionId !== "") return body.executionId;
  throw new GenesysApiError({
    status: 200,
    method,
    path,
    code: "unexpected.response",
    note: "(the response has no executionId, so there is nothing to poll)",
  });
}

/**
 * Polls an execution that was already started (by `postOauthClientUsageQuery` or
 * `getOauthClientUsageSummary`) until it completes. Rejects with {@link UsageQueryError} on
 * `Failed` or timeout (the timeout counts from this call).
 */
export async function pollUsageExecution(
  api: OAuthApi,
  clientId: string,
  executionId: string,
  poll?: PollOptions,
): Promise<UsageQueryResult> {
  const m = "pollUsageExecution";
  const id = requiredId(m, "clientId", clientId);
  const exec = requiredId(m, "executionId", executionId);
  return pollFrom(api, id, exec, resolvePollOptions(m, poll), Date.now());
}

/**
 * Runs a usage query for one client: checks the arguments (before any request), starts the
 * query, polls until it completes. Rejects with `LookupArgumentError` for bad arguments,
 * {@link UsageQueryError} on `Failed` or timeout, and the API client's errors otherwise.
 *
 * @example
 * const usage = await runUsageQuery(api, clientId, {
 *   interval: usageInterval(new Date(Date.now() - 30 * 86_400_000), new Date()),
 *   groupBy: ["TemplateUri"],
 * });
 */
export async function runUsageQuery(
  api: OAuthApi,
  clientId: string,
  query: UsageQueryArgs | ApiUsageClientQuery,
  poll?: PollOptions,
): Promise<UsageQueryResult> {
  const m = "runUsageQuery";
  const id = requiredId(m, "clientId", clientId);
  const body = checkUsageQuery(
    m,
    argsObject(m, query, ["interval", "granularity", "metrics", "groupBy"]),
  );
  const options = resolvePollOptions(m, poll);
  const startedAt = Date.now();
  const started = await api.postOauthClientUsageQuery(id, body);
  const path = `/api/v2/oauth/clients/${encodeURIComponent(id)}/usage/query`;
  return pollFrom(api, id, executionIdOf(started, "POST", path), options, startedAt);
}

/**
 * Runs the usage summary of one client over the last `days` days (default 7): starts it, polls
 * until it completes, and adds `totalRequests`. Same errors as {@link runUsageQuery}.
 *
 * @example
 * const { totalRequests } = await runUsageSummary(api, clientId, 30);
 * if (totalRequests > 0) throw new Error("still in use");
 */
export async function runUsageSummary(
  api: OAuthApi,
  clientId: string,
  days?: number,
  poll?: PollOptions,
): Promise<UsageSummaryResult> {
  const m = "runUsageSummary";
  const id = requiredId(m, "clientId", clientId);
  const n = checkDays(m, days);
  const options = resolvePollOptions(m, poll);
  const startedAt = Date.now();
  const started = await api.getOauthClientUsageSummary(id, { days: String(n) });
  const path = `/api/v2/oauth/clients/${encodeURIComponent(id)}/usage/summary`;
  const result = await pollFrom(api, id, executionIdOf(started, "GET", path), options, startedAt);
  return { ...result, days: n, totalRequests: result.totals.requests ?? 0 };
}
