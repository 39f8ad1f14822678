/**
 * Lookups of a client's API usage: is it still used before retiring it, and by which routes.
 * They check the arguments, pick the API client, and hand over to `usagePolling.ts`.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { UsageGranularity, UsageGroupBy, UsageMetric } from "../api/models";
import { argsObject, requiredId } from "./args";
import { checkLookupOptions, lookupApi, mergedPollOptions, type LookupOptions } from "./connection";
import { lookupOutput, type LookupOutputOptions } from "./output";
import { checkDays, checkUsageQuery } from "./usageArgs";
import { resolvePollOptions } from "./pollOptions";
import {
  runUsageQuery,
  runUsageSummary,
  type UsageQueryResult,
  type UsageSummaryResult,
} from "./usagePolling";

/** Arguments of {@link getOauthClientUsageSummary}. */
export interface GetOauthClientUsageSummaryArgs {
  /** The OAuth client id. */
  clientId: string;
  /** How many days back to summarize (a positive whole number). Default 7. */
  days?: number;
}

/** Arguments of {@link getOauthClientUsageSummaryOutput}. */
export interface GetOauthClientUsageSummaryOutputArgs {
  /** The OAuth client id. */
  clientId: pulumi.Input<string>;
  /** How many days back to summarize (a positive whole number). Default 7. */
  days?: pulumi.Input<number>;
}

/**
 * A client's API usage over the last `days` days, one row per day
 * (`GET …/clients/{clientId}/usage/summary`, then polling the results): the rows, per-metric
 * `totals` and `totalRequests`. Usage data can be up to a day old. Rejects with
 * `LookupArgumentError` before any request for bad arguments, and with `UsageQueryError`
 * (`reason` `failed` or `timeout`, with the execution id) when the query gives no results.
 *
 * @example
 * const { totalRequests } = await getOauthClientUsageSummary({ clientId, days: 30 });
 * if (totalRequests === 0) console.log("unused for 30 days: safe to retire");
 */
export async function getOauthClientUsageSummary(
  args: GetOauthClientUsageSummaryArgs,
  opts?: LookupOptions,
): Promise<UsageSummaryResult> {
  const m = "getOauthClientUsageSummary";
  const a = argsObject(m, args, ["clientId", "days"]);
  const clientId = requiredId(m, "clientId", a.clientId);
  const days = checkDays(m, a.days);
  checkLookupOptions(m, opts);
  resolvePollOptions(m, opts?.poll);
  const poll = mergedPollOptions(opts?.poll);
  return runUsageSummary(lookupApi(opts, m), clientId, days, poll);
}

/**
 * {@link getOauthClientUsageSummary} with Input arguments, as an Output.
 *
 * @example
 * export const robotRequests30d = getOauthClientUsageSummaryOutput({
 *   clientId: robot.clientId,
 *   days: 30,
 * }).totalRequests;
 */
export function getOauthClientUsageSummaryOutput(
  args: GetOauthClientUsageSummaryOutputArgs,
  opts?: LookupOutputOptions,
): pulumi.Output<UsageSummaryResult> {
  return lookupOutput(args, opts, (a, o: LookupOptions) => getOauthClientUsageSummary(a, o));
}

/** Arguments of {@link queryOauthClientUsage}. */
export interface QueryOauthClientUsageArgs {
  /** The OAuth client id. */
  clientId: string;
  /**
   * ISO-8601 interval `start/end` of two date-times (UTC when no zone is given), start before
   * end, e.g. `2030-06-01T00:00:00Z/2030-06-08T00:00:00Z`; `usageInterval(start, end)` builds one.
   */
  interval: string;
  /** Date granularity of the rows: `Day`, `Week` or `Month`. */
  granularity?: UsageGranularity;
  /** The counts to return (each at most once); omitted or empty: all. */
  metrics?: UsageMetric[];
  /** Dimensions to split the rows by (each at most once); omitted or empty: none. */
  groupBy?: UsageGroupBy[];
}

/** Arguments of {@link queryOauthClientUsageOutput}. */
export interface QueryOauthClientUsageOutputArgs {
  /** The OAuth client id. */
  clientId: pulumi.Input<string>;
  /** ISO-8601 interval `start/end`, e.g. `2030-06-01T00:00:00Z/2030-06-08T00:00:00Z`. */
  interval: pulumi.Input<string>;
  /** Date granularity of the rows: `Day`, `Week` or `Month`. */
  granularity?: pulumi.Input<UsageGranularity>;
  /** The counts to return (each at most once); omitted or empty: all. */
  metrics?: pulumi.Input<pulumi.Input<UsageMetric>[]>;
  /** Dimensions to split the rows by (each at most once); omitted or empty: none. */
  groupBy?: pulumi.Input<pulumi.Input<UsageGroupBy>[]>;
}

/**
 * Queries a client's API usage (`POST …/clients/{clientId}/usage/query`, then polling the
 * results): the rows for the interval, at the granularity, split by `groupBy`, with per-metric
 * `totals`. Errors as for {@link getOauthClientUsageSummary}.
 *
 * @example
 * const usage = await queryOauthClientUsage({
 *   clientId,
 *   interval: usageInterval(new Date(Date.now() - 7 * 86_400_000), new Date()),
 *   granularity: "Day",
 *   groupBy: ["TemplateUri", "HttpMethod"],
 * });
 * for (const row of usage.rows) console.log(row.date, row.httpMethod, row.templateUri, row.requests);
 */
export async function queryOauthClientUsage(
  args: QueryOauthClientUsageArgs,
  opts?: LookupOptions,
): Promise<UsageQueryResult> {
  const m = "queryOauthClientUsage";
  const a = argsObject(m, args, ["clientId", "interval", "granularity", "metrics", "groupBy"]);
  const clientId = requiredId(m, "clientId", a.clientId);
  const body = checkUsageQuery(m, a);
  checkLookupOptions(m, opts);
  resolvePollOptions(m, opts?.poll);
  const poll = mergedPollOptions(opts?.poll);
  return runUsageQuery(lookupApi(opts, m), clientId, body, poll);
}

/**
 * {@link queryOauthClientUsage} with Input arguments, as an Output.
 *
 * @example
 * export const robotRoutes = queryOauthClientUsageOutput({
 *   clientId: robot.clientId,
 *   interval: "2030-06-01T00:00:00Z/2030-07-01T00:00:00Z",
 *   groupBy: ["TemplateUri"],
 * }).rows;
 */
export function queryOauthClientUsageOutput(
  args: QueryOauthClientUsageOutputArgs,
  opts?: LookupOutputOptions,
): pulumi.Output<UsageQueryResult> {
  return lookupOutput(args, opts, (a, o: LookupOptions) => queryOauthClientUsage(a, o));
}
