/**
 * Checks of the usage query arguments (`interval`, `granularity`, `metrics`, `groupBy`, `days`),
 * run before any request. No Pulumi import: the dynamic provider's deletion guard uses them too.
 */
import {
  USAGE_GRANULARITIES,
  USAGE_GROUP_BY,
  USAGE_METRICS,
  type ApiUsageClientQuery,
  type UsageGranularity,
  type UsageGroupBy,
  type UsageMetric,
} from "../api/models";
import { closest, describe, quote } from "../oauthClient/suggest";
import { LookupArgumentError } from "./errors";

/** The usage query of `queryOauthClientUsage`, before validation. */
export interface UsageQueryArgs {
  /**
   * The ISO-8601 interval `start/end`, two date-times with an optional zone (UTC when none),
   * start before end, e.g. `2030-06-01T00:00:00Z/2030-06-08T00:00:00Z`. See {@link usageInterval}.
   */
  interval: string;
  /** Date granularity of the rows: `Day`, `Week` or `Month` (the service's default when omitted). */
  granularity?: UsageGranularity;
  /** The counts to return; omitted or empty: all of them. */
  metrics?: UsageMetric[];
  /** Dimensions to split the rows by; omitted or empty: one row per date bucket. */
  groupBy?: UsageGroupBy[];
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Epoch milliseconds of an ISO-8601 date-time (no zone = UTC), or `undefined` if it is not one. */
export function parseDateTime(text: string): number | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0${m[7]}`) * 1000);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const d = new Date(utc);
  // Date.UTC rolls 2030-02-30 over to March; a round trip catches impossible dates.
  if (
    d.getUTCFullYear() !== year ||
    d.getUTCMonth() !== month - 1 ||
    d.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return undefined;
  }
  const zone = m[8];
  if (zone === undefined || zone === "Z") return utc;
  const zm = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!zm || Number(zm[2]) > 23 || Number(zm[3]) > 59) return undefined;
  const offset = (Number(zm[2]) * 60 + Number(zm[3])) * 60_000;
  return zm[1] === "+" ? utc - offset : utc + offset;
}

const INTERVAL_EXAMPLE = '"2030-06-01T00:00:00Z/2030-06-08T00:00:00Z"';

/** Checks an ISO-8601 interval `start/end`; returns it unchanged. */
export function checkInterval(lookup: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new LookupArgumentError(
      lookup,
      "interval",
      `is required: an ISO-8601 interval "start/end" such as ${INTERVAL_EXAMPLE} ` +
        `(usageInterval(start, end) builds one); got ${describe(value)}.`,
    );
  }
  const parts = value.split("/");
  if (parts.length !== 2) {
    throw new LookupArgumentError(
      lookup,
      "interval",
      `must be two date-times separated by one "/", such as ${INTERVAL_EXAMPLE}; ` +
        `got ${describe(value)}.`,
    );
  }
  const [start, end] = parts.map(parseDateTime);
  for (const [which, ms, text] of [
    ["start", start, parts[0]],
    ["end", end, parts[1]],
  ] as const) {
    if (ms === undefined) {
      throw new LookupArgumentError(
        lookup,
        "interval",
        `has an invalid ${which} ${quote(text)}: write a date-time YYYY-MM-DDThh:mm[:ss] ` +
          `with an optional zone (Z or ±hh:mm; UTC when omitted), e.g. ${INTERVAL_EXAMPLE}; ` +
          `durations such as P7D are not accepted.`,
      );
    }
  }
  if ((start as number) >= (end as number)) {
    throw new LookupArgumentError(
      lookup,
      "interval",
      `must start before it ends; got ${describe(value)}. Swap the two date-times.`,
    );
  }
  return value;
}

/**
 * The interval from `start` to `end` as `queryOauthClientUsage` expects it (UTC, ms precision).
 *
 * @example
 * const lastWeek = usageInterval(new Date(Date.now() - 7 * 86_400_000), new Date());
 */
export function usageInterval(start: Date, end: Date): string {
  for (const [name, d] of [
    ["start", start],
    ["end", end],
  ] as const) {
    if (!(d instanceof Date) || Number.isNaN(d.getTime())) {
      throw new LookupArgumentError("usageInterval", name, "must be a valid Date.");
    }
  }
  return checkInterval("usageInterval", `${start.toISOString()}/${end.toISOString()}`);
}

function enumValue<T extends string>(
  lookup: string,
  name: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value === "string" && (allowed as readonly string[]).includes(value))
    return value as T;
  const suggestion = typeof value === "string" ? closest(value, allowed) : undefined;
  const hint = suggestion === undefined ? "" : ` Did you mean ${JSON.stringify(suggestion)}?`;
  throw new LookupArgumentError(
    lookup,
    name,
    `must be one of ${allowed.join(", ")} (spelled exactly so); got ${describe(value)}.${hint}`,
  );
}

function enumList<T extends string>(
  lookup: string,
  name: string,
  value: unknown,
  allowed: readonly T[],
): T[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    throw new LookupArgumentError(
      lookup,
      name,
      `must be a list of ${allowed.join(", ")}; got ${describe(value)}.`,
    );
  }
  const out = value.map((v, i) => enumValue(lookup, `${name}[${i}]`, v, allowed));
  const duplicate = out.find((v, i) => out.indexOf(v) !== i);
  if (duplicate !== undefined) {
    throw new LookupArgumentError(
      lookup,
      name,
      `lists ${JSON.stringify(duplicate)} more than once; list each value once.`,
    );
  }
  return out.length > 0 ? out : undefined;
}

/**
 * Checks the usage query arguments and returns the request body: only the fields that are set
 * (empty `metrics`/`groupBy` lists are left out, which the API reads as "all"/"none").
 */
export function checkUsageQuery(
  lookup: string,
  args: Record<string, unknown>,
): ApiUsageClientQuery {
  const body: ApiUsageClientQuery = { interval: checkInterval(lookup, args.interval) };
  if (args.granularity !== undefined && args.granularity !== null) {
    body.granularity = enumValue(lookup, "granularity", args.granularity, USAGE_GRANULARITIES);
  }
  const metrics = enumList(lookup, "metrics", args.metrics, USAGE_METRICS);
  if (metrics) body.metrics = metrics;
  const groupBy = enumList(lookup, "groupBy", args.groupBy, USAGE_GROUP_BY);
  if (groupBy) body.groupBy = groupBy;
  return body;
}

/** The default of `days`: the API's own default. */
export const DEFAULT_USAGE_DAYS = 7;

/** Checks `days` (a positive whole number; `undefined` → {@link DEFAULT_USAGE_DAYS}). */
export function checkDays(lookup: string, value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_USAGE_DAYS;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new LookupArgumentError(
      lookup,
      "days",
      `must be a positive whole number of days such as 7 or 30; got ${describe(value)}.`,
    );
  }
  return value;
}
