/**
 * Client API usage: the summary and query endpoints start an execution, the results endpoint
 * answers `Running` for a few polls and then the rows. Rows come from the requests the emulator
 * served to the client's tokens (counted per UTC day, route template and method) plus any usage
 * seeded through the admin API.
 */
import { randomUUID } from "crypto";
import type { ApiUsageQueryResult, ApiUsageRow, UsageExecutionResult } from "../api/models";
import { EMULATOR_ORGANIZATION_ID } from "./catalog";
import { emptyCell, type ApiRequest, type ApiResult, type EmulatorCore } from "./core";
import { ApiError, bodyObject, fieldError } from "./errors";
import { removeKey } from "./store";
import type { UsageCell, UsageExecution } from "./types";

const DAY_MS = 86_400_000;
/** The largest `days` the summary accepts. */
export const MAX_SUMMARY_DAYS = 365;
/** How many executions are remembered (oldest forgotten first). */
const EXECUTION_LIMIT = 1000;

const GRANULARITIES = ["Day", "Week", "Month"];
const METRICS: Record<string, keyof Omit<UsageCell, "date" | "templateUri" | "httpMethod">> = {
  Status200: "status200",
  Status300: "status300",
  Status400: "status400",
  Status500: "status500",
  Status429: "status429",
  Requests: "requests",
};
const GROUP_BY = ["OAuthClientId", "OrganizationId", "TemplateUri", "HttpMethod"];

/** The usage query a summary or query body describes. */
interface UsageQuery {
  start: number;
  end: number;
  granularity: string;
  metrics: string[];
  groupBy: string[];
}

/** Parses an ISO-8601 date-time (or date); `undefined` when it is not one. */
export function parseIsoDate(value: string): number | undefined {
  const m = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    value,
  );
  if (!m) return undefined;
  const withZone = m[1] && !m[4] ? `${value}Z` : m[1] ? value : `${value}T00:00:00Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : ms;
}

function bucketStart(dayMs: number, granularity: string): number {
  const d = new Date(dayMs);
  if (granularity === "Week") return dayMs - ((d.getUTCDay() + 6) % 7) * DAY_MS;
  if (granularity === "Month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  return dayMs;
}

/** Aggregates a client's usage cells into rows for a query. */
export function computeRows(core: EmulatorCore, clientId: string, q: UsageQuery): ApiUsageRow[] {
  const cells = (core.store.state.usage[clientId] ?? []).filter((c) => {
    const day = Date.parse(c.date);
    return day < q.end && day + DAY_MS > q.start;
  });
  const byTemplate = q.groupBy.includes("TemplateUri");
  const byMethod = q.groupBy.includes("HttpMethod");
  const groups = new Map<string, UsageCell>();
  for (const c of cells) {
    const date = new Date(bucketStart(Date.parse(c.date), q.granularity)).toISOString();
    const templateUri = byTemplate ? c.templateUri : undefined;
    const httpMethod = byMethod ? c.httpMethod : undefined;
    const key = JSON.stringify([date, templateUri ?? null, httpMethod ?? null]);
    let g = groups.get(key);
    if (!g) {
      g = emptyCell(date, templateUri, httpMethod);
      groups.set(key, g);
    }
    for (const field of Object.values(METRICS)) g[field] += c[field];
  }
  const metrics = q.metrics.length > 0 ? q.metrics : Object.keys(METRICS);
  const clientName = core.store.state.clients[clientId]?.name;
  return [...groups.values()]
    .sort(
      (a, b) =>
        a.date.localeCompare(b.date) ||
        (a.templateUri ?? "").localeCompare(b.templateUri ?? "") ||
        (a.httpMethod ?? "").localeCompare(b.httpMethod ?? ""),
    )
    .map((g) => {
      const row: ApiUsageRow = {};
      if (q.groupBy.includes("OAuthClientId")) {
        row.clientId = clientId;
        if (clientName !== undefined) row.clientName = clientName;
      }
      if (q.groupBy.includes("OrganizationId")) row.organizationId = EMULATOR_ORGANIZATION_ID;
      if (g.templateUri !== undefined) row.templateUri = g.templateUri;
      if (g.httpMethod !== undefined) row.httpMethod = g.httpMethod;
      for (const m of metrics) row[METRICS[m]] = g[METRICS[m]];
      row.date = g.date;
      return row;
    });
}

function requireClient(core: EmulatorCore, clientId: string): void {
  if (!core.client(clientId)) throw new ApiError(404, "not.found");
}

function startExecution(core: EmulatorCore, clientId: string, q: UsageQuery): ApiResult {
  const executions = core.store.state.executions;
  const ids = Object.keys(executions);
  for (const id of ids.slice(0, Math.max(0, ids.length - EXECUTION_LIMIT + 1)))
    removeKey(executions, id);
  const execution: UsageExecution = {
    id: randomUUID(),
    clientId,
    polls: 0,
    pollsBeforeComplete: core.settings.usagePollsBeforeComplete,
    outcome: core.settings.usageQueryOutcome,
    results: computeRows(core, clientId, q),
  };
  executions[execution.id] = execution;
  core.store.save();
  const body: UsageExecutionResult = {
    executionId: execution.id,
    resultsUri: `/api/v2/oauth/clients/${clientId}/usage/query/results/${execution.id}`,
  };
  return { status: 202, body };
}

/** GET /api/v2/oauth/clients/{clientId}/usage/summary?days=N — the last N UTC days, per day. */
export function usageSummary(core: EmulatorCore, req: ApiRequest): ApiResult {
  const raw = req.query.get("days") ?? "7";
  const days = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!(days >= 1 && days <= MAX_SUMMARY_DAYS)) {
    throw new ApiError(400, "invalid.query.param.value", undefined, {
      params: [raw, "days", `a whole number from 1 to ${MAX_SUMMARY_DAYS}`],
    });
  }
  requireClient(core, req.params.clientId);
  const now = core.now().getTime();
  const today = now - (now % DAY_MS);
  return startExecution(core, req.params.clientId, {
    start: today - (days - 1) * DAY_MS,
    end: today + DAY_MS,
    granularity: "Day",
    metrics: [],
    groupBy: [],
  });
}

function enumValue(field: string, value: unknown, allowed: string[]): string {
  if (typeof value !== "string" || !allowed.includes(value)) {
    throw new ApiError(400, "invalid.value", undefined, {
      params: [
        typeof value === "string" ? value : JSON.stringify(value),
        field,
        allowed.join(", "),
      ],
      details: [{ errorCode: "invalid.value", fieldName: field }],
    });
  }
  return value;
}

function enumList(field: string, value: unknown, allowed: string[]): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return [enumValue(field, value, ["an array"])];
  return value.map((v) => enumValue(field, v, allowed));
}

/** Validates an `ApiUsageClientQuery` body. */
export function parseUsageQuery(body: unknown): UsageQuery {
  const o = bodyObject(body, "ApiUsageClientQuery");
  for (const key of Object.keys(o)) {
    if (!["interval", "granularity", "metrics", "groupBy"].includes(key)) {
      throw new ApiError(400, "invalid.property", undefined, {
        params: [key, "ApiUsageClientQuery"],
      });
    }
  }
  if (o.interval === undefined || o.interval === null) {
    throw fieldError("constraint.validation", "interval", "interval may not be null");
  }
  if (typeof o.interval !== "string") enumValue("interval", o.interval, ["an ISO-8601 interval"]);
  const parts = (o.interval as string).split("/");
  const start = parts.length === 2 ? parseIsoDate(parts[0]) : undefined;
  const end = parts.length === 2 ? parseIsoDate(parts[1]) : undefined;
  if (start === undefined || end === undefined) {
    throw new ApiError(400, "invalid.date", undefined, {
      details: [{ errorCode: "invalid.date", fieldName: "interval" }],
    });
  }
  if (end <= start) {
    throw fieldError("constraint.validation", "interval", "interval must end after it starts");
  }
  const granularity =
    o.granularity === undefined || o.granularity === null
      ? "Day"
      : enumValue("granularity", o.granularity, GRANULARITIES);
  return {
    start,
    end,
    granularity,
    metrics: enumList("metrics", o.metrics, Object.keys(METRICS)),
    groupBy: enumList("groupBy", o.groupBy, GROUP_BY),
  };
}

/** POST /api/v2/oauth/clients/{clientId}/usage/query */
export function usageQuery(core: EmulatorCore, req: ApiRequest): ApiResult {
  const q = parseUsageQuery(req.body);
  requireClient(core, req.params.clientId);
  return startExecution(core, req.params.clientId, q);
}

/** GET /api/v2/oauth/clients/{clientId}/usage/query/results/{executionId} */
export function usageResults(core: EmulatorCore, req: ApiRequest): ApiResult {
  const execution = core.store.state.executions[req.params.executionId];
  if (!execution || execution.clientId !== req.params.clientId)
    throw new ApiError(404, "not.found");
  execution.polls++;
  core.store.saveSoon();
  let body: ApiUsageQueryResult;
  if (execution.polls <= execution.pollsBeforeComplete) body = { queryStatus: "Running" };
  else if (execution.outcome === "Failed") body = { queryStatus: "Failed" };
  else body = { queryStatus: "Complete", results: execution.results };
  return { status: 200, body };
}

/** Validates and adds seeded usage rows (admin API); returns how many rows were added. */
export function seedUsage(core: EmulatorCore, clientId: string, rows: unknown): number {
  if (!Array.isArray(rows))
    throw new ApiError(400, "bad.request", "Usage must be an array of rows.");
  const cells: UsageCell[] = rows.map((r, i) => {
    if (typeof r !== "object" || r === null || Array.isArray(r)) {
      throw new ApiError(400, "bad.request", `Row ${i} must be an object.`);
    }
    const o = r as Record<string, unknown>;
    const date = typeof o.date === "string" ? parseIsoDate(o.date) : undefined;
    if (date === undefined)
      throw new ApiError(400, "invalid.date", `Row ${i}: date must be ISO-8601.`);
    for (const key of ["templateUri", "httpMethod"]) {
      if (o[key] !== undefined && typeof o[key] !== "string") {
        throw new ApiError(400, "invalid.value", `Row ${i}: ${key} must be a string.`);
      }
    }
    const cell = emptyCell(
      new Date(date - (date % DAY_MS)).toISOString(),
      o.templateUri as string | undefined,
      (o.httpMethod as string | undefined)?.toUpperCase(),
    );
    for (const field of Object.values(METRICS)) {
      const v = o[field];
      if (v === undefined) continue;
      if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
        throw new ApiError(
          400,
          "invalid.value",
          `Row ${i}: ${field} must be a non-negative integer.`,
        );
      }
      cell[field] = v;
    }
    if (o.requests === undefined) {
      cell.requests = cell.status200 + cell.status300 + cell.status400 + cell.status500;
    }
    return cell;
  });
  const existing = (core.store.state.usage[clientId] ??= []);
  for (const cell of cells) {
    const same = existing.find(
      (c) =>
        c.date === cell.date &&
        c.templateUri === cell.templateUri &&
        c.httpMethod === cell.httpMethod,
    );
    if (!same) existing.push(cell);
    else for (const field of Object.values(METRICS)) same[field] += cell[field];
  }
  core.store.save();
  return cells.length;
}
