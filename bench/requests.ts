/**
 * Requests as the emulator logged them, by route, next to the lower bound of each phase; and the
 * time bounds that follow from latency and from the rate limit.
 */
import type { RequestLogEntry } from "../provider/emulator";
import type { PhaseName, RequestFigures, RouteFigure } from "./types";

/** The routes the phases use. */
export const ROUTES = {
  token: "POST /oauth/token",
  home: "GET /api/v2/authorization/divisions/home",
  create: "POST /api/v2/oauth/clients",
  get: "GET /api/v2/oauth/clients/{id}",
  put: "PUT /api/v2/oauth/clients/{id}",
  delete: "DELETE /api/v2/oauth/clients/{id}",
  secret: "POST /api/v2/oauth/clients/{id}/secret",
} as const;

const ID_SEGMENT = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)$/i;

/** `METHOD path` with every id-like path segment (UUID, number) replaced by `{id}`. */
export function routeOf(method: string, path: string): string {
  const template = path
    .split("/")
    .map((segment) => (ID_SEGMENT.test(segment) ? "{id}" : segment))
    .join("/");
  return `${method.toUpperCase()} ${template}`;
}

/** The API and token requests of a log (admin requests are never logged). */
export function countRoutes(entries: readonly Pick<RequestLogEntry, "method" | "path">[]) {
  const counts = new Map<string, number>();
  for (const e of entries) {
    const route = routeOf(e.method, e.path);
    counts.set(route, (counts.get(route) ?? 0) + 1);
  }
  return counts;
}

/** What a phase's host process has already done before it starts. */
export interface HostHistory {
  /** A token was already obtained by this host process. */
  hasToken: boolean;
  /** The home division was already looked up by this host process. */
  hasHomeDivision: boolean;
}

/** A fresh host process (what every Pulumi CLI command starts). */
export const FRESH_HOST: HostHistory = { hasToken: false, hasHomeDivision: false };

/** Requests per client each phase needs, by route. */
const PER_CLIENT: Record<PhaseName, Partial<Record<string, number>>> = {
  "preview-new": {},
  create: { [ROUTES.create]: 1 },
  "preview-same": {},
  refresh: { [ROUTES.get]: 1 },
  update: { [ROUTES.put]: 1 },
  rotate: { [ROUTES.secret]: 1 },
  destroy: { [ROUTES.put]: 1, [ROUTES.delete]: 1, [ROUTES.get]: 1 },
};

/**
 * The lower bound of a phase for `clients` clients, by route: the per-client requests, plus one
 * home-division lookup per host process when creating (roles omit their division), plus one token
 * request per host process when the phase calls the API at all.
 */
export function lowerBound(
  phase: PhaseName,
  clients: number,
  host: HostHistory = FRESH_HOST,
): Map<string, number> {
  const bound = new Map<string, number>();
  for (const [route, n] of Object.entries(PER_CLIENT[phase])) bound.set(route, (n ?? 0) * clients);
  if (phase === "create" && !host.hasHomeDivision) bound.set(ROUTES.home, 1);
  if (bound.size > 0 && !host.hasToken) bound.set(ROUTES.token, 1);
  return bound;
}

/** Requests of one client that depend on each other (they cannot overlap). */
export function chainLength(phase: PhaseName): number {
  return Object.values(PER_CLIENT[phase]).reduce((sum: number, n) => sum + (n ?? 0), 0);
}

/** Sums per-route maps. */
export function addRoutes(...maps: ReadonlyMap<string, number>[]): Map<string, number> {
  const sum = new Map<string, number>();
  for (const map of maps) for (const [k, v] of map) sum.set(k, (sum.get(k) ?? 0) + v);
  return sum;
}

/** Logged requests next to a bound. */
export function requestFigures(
  entries: readonly Pick<RequestLogEntry, "method" | "path" | "status">[],
  bound: ReadonlyMap<string, number>,
): RequestFigures {
  const counts = countRoutes(entries);
  const routes: RouteFigure[] = [...new Set([...counts.keys(), ...bound.keys()])]
    .sort()
    .map((route) => ({ route, count: counts.get(route) ?? 0, bound: bound.get(route) ?? 0 }));
  const total = entries.length;
  const boundTotal = [...bound.values()].reduce((a, b) => a + b, 0);
  return {
    total,
    bound: boundTotal,
    ratio: boundTotal === 0 ? (total === 0 ? 1 : null) : total / boundTotal,
    routes,
    status429: entries.filter((e) => e.status === 429).length,
  };
}

/**
 * The latency bound of a phase: `latency × (serial + chain × ⌈clients ÷ P⌉)`, P = the effective
 * parallelism. `serial` counts the requests every other request waits for (the token; the home
 * division before the first POST); `chain` the dependent requests per client (3 for a delete).
 * With P dividing the client count this is exactly requests × latency ÷ P for the bulk.
 */
export function latencyBoundMs(
  phase: PhaseName,
  clients: number,
  parallel: number,
  latencyMs: number,
  host: HostHistory = FRESH_HOST,
): number {
  const chain = chainLength(phase);
  if (chain === 0) return 0;
  const serial = (host.hasToken ? 0 : 1) + (phase === "create" && !host.hasHomeDivision ? 1 : 0);
  return latencyMs * (serial + chain * Math.ceil(clients / effectiveParallel(parallel, clients)));
}

/** `min(parallel, clients)`, where 0 (unbounded) means `clients`. */
export function effectiveParallel(parallel: number, clients: number): number {
  return parallel === 0 ? clients : Math.min(parallel, clients);
}

/**
 * The rate-limit bound for `apiRequests` API requests on one token, `limit` per fixed window of
 * `windowSeconds` that opens with the token's first request: they need W = ⌈apiRequests ÷ limit⌉
 * windows, so the last one cannot be sent before (W − 1) windows have passed since the first. Add
 * the token request before the first API request and one round trip for the last request; and
 * never less than the latency bound of the work itself.
 */
export function rateBoundMs(
  apiRequests: number,
  limit: number,
  windowSeconds: number,
  latencyMs: number,
  latencyBound: number,
): number {
  const windows = Math.max(1, Math.ceil(apiRequests / limit));
  return Math.max(latencyBound, (windows - 1) * windowSeconds * 1000 + 2 * latencyMs);
}
