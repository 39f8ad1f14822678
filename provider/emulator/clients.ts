/**
 * The OAuth client endpoints: create, list, get, update, delete and regenerate the secret, with
 * the documented rules on states, roles held by the caller, soft deletion and secret exposure.
 */
import type { OAuthClientEntityListing, RoleDivision } from "../api/models";
import { ALL_DIVISIONS, EMULATOR_DIVISION_IDS } from "./catalog";
import { CLIENT_CREDENTIALS, parseClientRequest } from "./client-validation";
import type { ApiRequest, ApiResult, EmulatorCore } from "./core";
import { ApiError, fieldError } from "./errors";
import { clientRef, newClientId, newSecret, removeKey, sha256, toApiClient } from "./store";
import type { StoredClient } from "./types";

/** Clients younger than this are removed at once on DELETE; older ones linger as `deleted`. */
export const IMMEDIATE_DELETE_DAYS = 30;
/** How long a `deleted` client lingers before it is gone. */
export const DELETED_GRACE_DAYS = 7;
const DAY_MS = 86_400_000;

/** True when the caller holds this role in this division (or in all divisions). */
function holds(caller: StoredClient, rd: RoleDivision): boolean {
  return caller.roleDivisions.some(
    (c) =>
      c.roleId === rd.roleId && (c.divisionId === ALL_DIVISIONS || c.divisionId === rd.divisionId),
  );
}

/** Throws `bad.client.role` unless the caller holds every one of these grants. */
function requireHeld(caller: StoredClient, grants: RoleDivision[], message: string): void {
  if (!grants.every((rd) => holds(caller, rd))) {
    throw fieldError("bad.client.role", "roleDivisions", message);
  }
}

function findClient(
  core: EmulatorCore,
  id: string,
  notFoundCode: "client.not.found" | "not.found",
): StoredClient {
  const client = core.client(id);
  if (!client)
    throw new ApiError(
      404,
      notFoundCode,
      notFoundCode === "client.not.found" ? "Client was not found." : undefined,
    );
  return client;
}

/** POST /api/v2/oauth/clients */
export function createClient(core: EmulatorCore, req: ApiRequest): ApiResult {
  const input = parseClientRequest(req.body, "create", EMULATOR_DIVISION_IDS.home);
  requireHeld(
    req.caller,
    input.roleDivisions,
    "Client role is invalid. The caller can only grant roles and divisions it holds.",
  );
  const live = core.clients().filter((c) => c.state !== "deleted").length;
  if (live >= core.settings.maxClients) {
    throw new ApiError(400, "auth.too.many.clients");
  }
  const now = core.now().toISOString();
  const secret = newSecret();
  const id = newClientId();
  const client: StoredClient = {
    id,
    name: input.name,
    ...(input.description !== undefined ? { description: input.description } : {}),
    accessTokenValiditySeconds: input.accessTokenValiditySeconds,
    registeredRedirectUri: input.registeredRedirectUri,
    authorizedGrantType: input.authorizedGrantType,
    scope: input.scope,
    roleDivisions: input.roleDivisions,
    state: "active",
    dateCreated: now,
    dateModified: now,
    createdBy: clientRef(req.caller),
    modifiedBy: clientRef(req.caller),
    secretHash: sha256(secret),
  };
  core.store.state.clients[id] = client;
  core.store.save();
  return { status: 200, body: toApiClient(client, secret) };
}

/** GET /api/v2/oauth/clients — one page unless the `listPageSize` setting asks for paging. */
export function listClients(core: EmulatorCore, req: ApiRequest): ApiResult {
  const all = core.clients();
  const total = all.length;
  const pageSize = core.settings.listPageSize ?? Math.max(total, 1);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const requested = Number(req.query.get("pageNumber") ?? "1");
  const pageNumber = Number.isInteger(requested) && requested >= 1 ? requested : 1;
  const base = "/api/v2/oauth/clients";
  const uri = (n: number): string =>
    core.settings.listPageSize === null ? base : `${base}?pageNumber=${n}`;
  const listing: OAuthClientEntityListing = {
    entities: all
      .slice((pageNumber - 1) * pageSize, pageNumber * pageSize)
      .map((c) => toApiClient(c)),
    pageSize,
    pageNumber,
    total,
    pageCount,
    selfUri: uri(pageNumber),
    firstUri: uri(1),
    lastUri: uri(pageCount),
    ...(pageNumber < pageCount ? { nextUri: uri(pageNumber + 1) } : {}),
    ...(pageNumber > 1 ? { previousUri: uri(Math.min(pageNumber - 1, pageCount)) } : {}),
  };
  return { status: 200, body: listing };
}

/** GET /api/v2/oauth/clients/{clientId} */
export function getClient(core: EmulatorCore, req: ApiRequest): ApiResult {
  return {
    status: 200,
    body: toApiClient(findClient(core, req.params.clientId, "client.not.found")),
  };
}

/** PUT /api/v2/oauth/clients/{clientId} — the full object; an omitted `state` keeps the current one. */
export function updateClient(core: EmulatorCore, req: ApiRequest): ApiResult {
  const client = findClient(core, req.params.clientId, "client.not.found");
  if (client.state === "disabled")
    throw fieldError("bad.client.state", "state", "Client is disabled.");
  if (client.state === "deleted")
    throw fieldError("bad.client.state", "state", "Client is being deleted.");
  const input = parseClientRequest(req.body, "update", EMULATOR_DIVISION_IDS.home);
  requireHeld(
    req.caller,
    client.roleDivisions,
    "The caller does not have all the roles assigned to this client.",
  );
  requireHeld(
    req.caller,
    input.roleDivisions,
    "Client role is invalid. The caller can only grant roles and divisions it holds.",
  );
  client.name = input.name;
  if (input.description !== undefined) client.description = input.description;
  else delete client.description;
  client.accessTokenValiditySeconds = input.accessTokenValiditySeconds;
  client.registeredRedirectUri = input.registeredRedirectUri;
  client.authorizedGrantType = input.authorizedGrantType;
  client.scope = input.scope;
  client.roleDivisions = input.roleDivisions;
  if (input.state === "active" || input.state === "inactive") client.state = input.state;
  client.dateModified = core.now().toISOString();
  client.modifiedBy = clientRef(req.caller);
  core.store.save();
  return { status: 200, body: toApiClient(client) };
}

/**
 * DELETE /api/v2/oauth/clients/{clientId} — only inactive clients; young ones vanish, older ones
 * turn `deleted` for seven days. Deleting a `deleted` client again is a no-op.
 */
export function deleteClient(core: EmulatorCore, req: ApiRequest): ApiResult {
  const client = findClient(core, req.params.clientId, "client.not.found");
  if (client.state === "deleted") return { status: 204 };
  if (client.state !== "inactive") throw new ApiError(400, "cannot.delete.client");
  const now = core.now();
  const ageMs = now.getTime() - Date.parse(client.dateCreated);
  if (!(ageMs > IMMEDIATE_DELETE_DAYS * DAY_MS)) {
    removeClient(core, client.id);
  } else {
    client.state = "deleted";
    client.dateToDelete = new Date(now.getTime() + DELETED_GRACE_DAYS * DAY_MS).toISOString();
    client.dateModified = now.toISOString();
    client.modifiedBy = clientRef(req.caller);
    core.store.save();
  }
  return { status: 204 };
}

/** Removes a client, its tokens and its usage for good. */
export function removeClient(core: EmulatorCore, id: string): void {
  const s = core.store.state;
  removeKey(s.clients, id);
  removeKey(s.usage, id);
  for (const [hash, t] of Object.entries(s.tokens))
    if (t.clientId === id) removeKey(s.tokens, hash);
  core.store.save();
}

/** POST /api/v2/oauth/clients/{clientId}/secret — the caller must hold every role of the client. */
export function regenerateSecret(core: EmulatorCore, req: ApiRequest): ApiResult {
  const client = findClient(core, req.params.clientId, "not.found");
  if (client.authorizedGrantType === CLIENT_CREDENTIALS || client.roleDivisions.length > 0) {
    requireHeld(
      req.caller,
      client.roleDivisions,
      "The caller does not have all the roles assigned to this client.",
    );
  }
  const secret = newSecret();
  client.secretHash = sha256(secret);
  client.dateModified = core.now().toISOString();
  client.modifiedBy = clientRef(req.caller);
  core.store.save();
  return { status: 200, body: toApiClient(client, secret) };
}
