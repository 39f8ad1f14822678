/**
 * Out-of-band edits of clients through the admin API (drift as made in the Genesys admin UI,
 * clients seeded in any state and with any dates). Only JSON types are checked: the point is to
 * create states the public API would refuse.
 */
import type { DomainEntityRef, RoleDivision } from "../api/models";
import { EMULATOR_DIVISION_IDS } from "./catalog";
import { ApiError } from "./errors";
import { sha256 } from "./store";
import type { StoredClient, StoredClientState } from "./types";
import { parseIsoDate } from "./usage";

/** The user shown as `modifiedBy` after an out-of-band edit. */
export const ADMIN_UI_USER: DomainEntityRef = {
  id: "e5a7c9b1-3d4f-4a6b-8c0d-2e4f6a8b0c1d",
  name: "Admin UI (emulator)",
  selfUri: "/api/v2/users/e5a7c9b1-3d4f-4a6b-8c0d-2e4f6a8b0c1d",
};

const STATES: readonly StoredClientState[] = ["active", "inactive", "disabled", "deleted"];
const FIELDS = [
  "id",
  "name",
  "description",
  "accessTokenValiditySeconds",
  "registeredRedirectUri",
  "authorizedGrantType",
  "scope",
  "roleDivisions",
  "roleIds",
  "state",
  "dateToDelete",
  "dateCreated",
  "dateModified",
  "createdBy",
  "modifiedBy",
  "secret",
];

function bad(field: string, expected: string): ApiError {
  return new ApiError(400, "invalid.value", `${field} must be ${expected}.`, {
    details: [{ errorCode: "invalid.value", fieldName: field }],
  });
}

function strings(v: unknown, field: string): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string"))
    throw bad(field, "an array of strings");
  return [...(v as string[])];
}

function isoDate(v: unknown, field: string): string {
  const ms = typeof v === "string" ? parseIsoDate(v) : undefined;
  if (ms === undefined) throw bad(field, "an ISO-8601 date-time");
  return new Date(ms).toISOString();
}

function ref(v: unknown, field: string): DomainEntityRef {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw bad(field, "an object");
  const o = v as Record<string, unknown>;
  const out: DomainEntityRef = {};
  for (const key of ["id", "name", "selfUri"] as const) {
    if (o[key] === undefined) continue;
    if (typeof o[key] !== "string") throw bad(`${field}.${key}`, "a string");
    out[key] = o[key] as string;
  }
  return out;
}

function roleDivisions(v: unknown): RoleDivision[] {
  if (!Array.isArray(v)) throw bad("roleDivisions", "an array");
  return v.map((item, i) => {
    const o = item as Record<string, unknown> | null;
    if (typeof o?.roleId !== "string" || typeof o.divisionId !== "string") {
      throw bad(`roleDivisions[${i}]`, "an object with string roleId and divisionId");
    }
    return { roleId: o.roleId, divisionId: o.divisionId };
  });
}

/** Applies admin fields to a client (in place); `id` and `secret` are handled by the caller. */
export function applyAdminFields(client: StoredClient, input: unknown): void {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new ApiError(400, "bad.request", "The body must be a JSON object of client fields.");
  }
  const o = input as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!FIELDS.includes(key))
      throw new ApiError(400, "invalid.property", `Unknown client field [${key}].`);
  }
  const has = (key: string): boolean => o[key] !== undefined;
  if (has("name")) {
    if (typeof o.name !== "string") throw bad("name", "a string");
    client.name = o.name;
  }
  if (has("description")) {
    if (o.description === null) delete client.description;
    else if (typeof o.description !== "string") throw bad("description", "a string or null");
    else client.description = o.description;
  }
  if (has("accessTokenValiditySeconds")) {
    const v = o.accessTokenValiditySeconds;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1)
      throw bad("accessTokenValiditySeconds", "a positive integer");
    client.accessTokenValiditySeconds = v;
  }
  if (has("registeredRedirectUri"))
    client.registeredRedirectUri = strings(o.registeredRedirectUri, "registeredRedirectUri");
  if (has("authorizedGrantType")) {
    if (typeof o.authorizedGrantType !== "string") throw bad("authorizedGrantType", "a string");
    client.authorizedGrantType = o.authorizedGrantType;
  }
  if (has("scope")) client.scope = strings(o.scope, "scope");
  if (has("roleDivisions")) client.roleDivisions = roleDivisions(o.roleDivisions);
  if (has("roleIds") && !has("roleDivisions")) {
    client.roleDivisions = strings(o.roleIds, "roleIds").map((roleId) => ({
      roleId,
      divisionId: EMULATOR_DIVISION_IDS.home,
    }));
  }
  if (has("state")) {
    const state = STATES.find((s) => s === o.state);
    if (!state) throw bad("state", STATES.join(", "));
    client.state = state;
  }
  if (has("dateToDelete")) {
    if (o.dateToDelete === null) delete client.dateToDelete;
    else client.dateToDelete = isoDate(o.dateToDelete, "dateToDelete");
  }
  if (has("dateCreated")) client.dateCreated = isoDate(o.dateCreated, "dateCreated");
  if (has("dateModified")) client.dateModified = isoDate(o.dateModified, "dateModified");
  if (has("createdBy")) client.createdBy = ref(o.createdBy, "createdBy");
  if (has("modifiedBy")) client.modifiedBy = ref(o.modifiedBy, "modifiedBy");
  if (has("secret")) {
    if (typeof o.secret !== "string" || o.secret === "") throw bad("secret", "a non-empty string");
    client.secretHash = sha256(o.secret);
  }
}
