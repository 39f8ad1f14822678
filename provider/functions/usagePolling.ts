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
import { UsageQueryError } from "./errors";
import { resolvePollOptions, type PollOptions, type ResolvedPoll } from "./pollOptions";
import { checkDays, checkUsageQuery, type UsageQueryArgs } from "./usageArgs";

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
 *
 * @example
 * // Pick up the results of a query that timed out earlier.
 * const usage = await pollUsageExecution(api, err.clientId, err.executionId);
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
