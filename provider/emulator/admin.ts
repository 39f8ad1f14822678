/**
 * The admin API under `/__emulator` (no auth, loopback peers only): request log, faults,
 * out-of-band client edits, seeded usage, settings and reset. Not part of the Genesys API.
 */
import { ADMIN_UI_USER, applyAdminFields } from "./admin-fields";
import { removeClient } from "./clients";
import type { ApiResult, EmulatorCore } from "./core";
import { ApiError, errorBody } from "./errors";
import { parseFaultSpec } from "./faults";
import { newClientId, newSecret, sha256, toApiClient } from "./store";
import type { EmulatorSettings, StoredClient } from "./types";
import { parseIsoDate, seedUsage } from "./usage";

/** The path prefix of the admin API. */
export const ADMIN_PREFIX = "/__emulator";

function json(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "bad.request", "The request body is not valid JSON.");
  }
}

function clientOr404(core: EmulatorCore, id: string): StoredClient {
  const client = core.client(id);
  if (!client) throw new ApiError(404, "client.not.found", "Client was not found.");
  return client;
}

/** Validates and applies a partial settings object. */
export function applySettings(current: EmulatorSettings, input: unknown): EmulatorSettings {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new ApiError(400, "bad.request", "Settings must be a JSON object.");
  }
  const o = input as Record<string, unknown>;
  const next = { ...current };
  const int = (key: keyof EmulatorSettings, min: number): number | undefined => {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isInteger(v) || v < min) {
      throw new ApiError(400, "invalid.value", `${key} must be an integer of at least ${min}.`);
    }
    return v;
  };
  for (const key of Object.keys(o)) {
    if (!(key in current)) throw new ApiError(400, "invalid.property", `Unknown setting [${key}].`);
  }
  next.rateLimitPerMinute = int("rateLimitPerMinute", 1) ?? next.rateLimitPerMinute;
  next.rateLimitWindowSeconds = int("rateLimitWindowSeconds", 1) ?? next.rateLimitWindowSeconds;
  next.latencyMs = int("latencyMs", 0) ?? next.latencyMs;
  next.maxClients = int("maxClients", 0) ?? next.maxClients;
  next.usagePollsBeforeComplete =
    int("usagePollsBeforeComplete", 0) ?? next.usagePollsBeforeComplete;
  if (o.usageQueryOutcome !== undefined) {
    if (o.usageQueryOutcome !== "Complete" && o.usageQueryOutcome !== "Failed") {
      throw new ApiError(400, "invalid.value", "usageQueryOutcome must be Complete or Failed.");
    }
    next.usageQueryOutcome = o.usageQueryOutcome;
  }
  if (o.listPageSize === null) next.listPageSize = null;
  else next.listPageSize = int("listPageSize", 1) ?? next.listPageSize;
  if (o.now === null) next.now = null;
  else if (o.now !== undefined) {
    const ms = typeof o.now === "string" ? parseIsoDate(o.now) : undefined;
    if (ms === undefined)
      throw new ApiError(400, "invalid.date", "now must be an ISO-8601 date-time or null.");
    next.now = new Date(ms).toISOString();
  }
  return next;
}

function seedClient(core: EmulatorCore, input: unknown): ApiResult {
  const o = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const id = o.id === undefined ? newClientId() : o.id;
  if (typeof id !== "string" || id === "")
    throw new ApiError(400, "invalid.value", "id must be a string.");
  if (core.store.state.clients[id])
    throw new ApiError(409, "request.conflict", `Client ${id} already exists.`);
  const secret = typeof o.secret === "string" && o.secret !== "" ? o.secret : newSecret();
  const now = core.now().toISOString();
  const client: StoredClient = {
    id,
    name: "Seeded client",
    accessTokenValiditySeconds: 86400,
    registeredRedirectUri: [],
    authorizedGrantType: "CLIENT-CREDENTIALS",
    scope: [],
    roleDivisions: [],
    state: "active",
    dateCreated: now,
    dateModified: now,
    createdBy: { ...ADMIN_UI_USER },
    modifiedBy: { ...ADMIN_UI_USER },
    secretHash: sha256(secret),
  };
  applyAdminFields(client, { ...o, id: undefined });
  core.store.state.clients[id] = client;
  core.store.save();
  return { status: 201, body: toApiClient(client, secret) };
}

function patchClient(core: EmulatorCore, id: string, input: unknown): ApiResult {
  const client = clientOr404(core, id);
  const copy: StoredClient = JSON.parse(JSON.stringify(client));
  const o = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  if (o.id !== undefined) throw new ApiError(400, "invalid.property", "id cannot be changed.");
  copy.dateModified = core.now().toISOString();
  copy.modifiedBy = { ...ADMIN_UI_USER };
  applyAdminFields(copy, input);
  core.store.state.clients[id] = copy;
  core.store.save();
  return { status: 200, body: toApiClient(copy) };
}

function route(
  core: EmulatorCore,
  method: string,
  path: string,
  query: URLSearchParams,
  bodyText: string,
): ApiResult {
  const body = (): unknown => json(bodyText);
  const clientMatch = /^\/clients\/([^/]+)(\/secret|\/usage)?$/.exec(path);
  const key = `${method} ${clientMatch ? `/clients/{id}${clientMatch[2] ?? ""}` : path}`;
  switch (key) {
    case "GET /health":
      return { status: 200, body: { status: "ok" } };
    case "GET /requests": {
      const since = Number(query.get("since") ?? "0");
      return { status: 200, body: core.log.filter((e) => e.seq > since) };
    }
    case "DELETE /requests":
      core.log = [];
      return { status: 204 };
    case "GET /faults":
      return { status: 200, body: core.faults.list() };
    case "POST /faults": {
      const input = body();
      const specs = Array.isArray(input) ? input : [input];
      const added = specs.map((s) => core.faults.add(parseFaultSpec(s)));
      return { status: 201, body: Array.isArray(input) ? added : added[0] };
    }
    case "DELETE /faults":
      core.faults.clear();
      return { status: 204 };
    case "GET /clients":
      return { status: 200, body: core.clients().map((c) => toApiClient(c)) };
    case "POST /clients":
      return seedClient(core, body());
    case "PATCH /clients/{id}":
      return patchClient(core, decodeURIComponent(clientMatch?.[1] ?? ""), body());
    case "DELETE /clients/{id}": {
      const client = clientOr404(core, decodeURIComponent(clientMatch?.[1] ?? ""));
      removeClient(core, client.id);
      return { status: 204 };
    }
    case "POST /clients/{id}/secret": {
      const client = clientOr404(core, decodeURIComponent(clientMatch?.[1] ?? ""));
      const secret = newSecret();
      client.secretHash = sha256(secret);
      core.store.save();
      return { status: 200, body: toApiClient(client, secret) };
    }
    case "POST /clients/{id}/usage": {
      const client = clientOr404(core, decodeURIComponent(clientMatch?.[1] ?? ""));
      return { status: 200, body: { added: seedUsage(core, client.id, body()) } };
    }
    case "GET /settings":
      return { status: 200, body: core.settings };
    case "PUT /settings": {
      const next = applySettings(core.settings, body());
      // New limits start fresh windows, so a test that sets a limit gets exactly that budget.
      const { rateLimitPerMinute: limit, rateLimitWindowSeconds: window } = core.settings;
      if (next.rateLimitWindowSeconds !== window || next.rateLimitPerMinute !== limit)
        core.rate.clear();
      core.settings = next;
      return { status: 200, body: core.settings };
    }
    case "POST /reset":
      core.reset();
      return { status: 204 };
    default:
      throw new ApiError(404, "not.found", `No admin endpoint ${method} ${ADMIN_PREFIX}${path}.`);
  }
}

/** Answers an admin request (`path` is relative to {@link ADMIN_PREFIX}). */
export function handleAdmin(
  core: EmulatorCore,
  method: string,
  path: string,
  query: URLSearchParams,
  bodyText: string,
  correlationId: string,
): ApiResult {
  try {
    return route(core, method, path, query, bodyText);
  } catch (error) {
    const e =
      error instanceof ApiError
        ? error
        : new ApiError(
            500,
            "internal.server.error",
            error instanceof Error ? error.message : String(error),
          );
    return { status: e.status, body: errorBody(e, correlationId) };
  }
}
