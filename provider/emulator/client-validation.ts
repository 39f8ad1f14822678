/**
 * Validation of `OAuthClientRequest` bodies (POST and PUT), in the order the checks are
 * documented: body shape and JSON types first, then required fields, ranges, states, the
 * grant-specific requirements, and finally references to the catalog (scopes, roles, divisions).
 */
import type { RoleDivision } from "../api/models";
import { ALL_DIVISIONS, findDivision, findRole } from "./catalog";
import { ApiError, bodyObject, fieldError } from "./errors";
import { isKnownScope } from "./scopes";

/** The grant types the server accepts (the legacy `SAML2BEARER`/`CLIENT_CREDENTIALS` are not). */
export const SERVER_GRANT_TYPES = [
  "CODE",
  "TOKEN",
  "SAML2-BEARER",
  "PASSWORD",
  "CLIENT-CREDENTIALS",
];
/** The client-credentials grant type. */
export const CLIENT_CREDENTIALS = "CLIENT-CREDENTIALS";
/** Token lifetime bounds and default, in seconds. */
export const TOKEN_VALIDITY = { min: 300, max: 172800, default: 86400 } as const;

const REQUEST_FIELDS = [
  "name",
  "accessTokenValiditySeconds",
  "description",
  "registeredRedirectUri",
  "roleIds",
  "authorizedGrantType",
  "scope",
  "roleDivisions",
  "state",
  "dateToDelete",
];
/** `OAuthClient` fields a client may echo back from a GET; the server sets them, so they are ignored. */
const IGNORED_RESPONSE_FIELDS = [
  "id",
  "secret",
  "dateCreated",
  "dateModified",
  "createdBy",
  "modifiedBy",
  "selfUri",
];

/** A validated request body, normalized. */
export interface ClientInput {
  /** Trimmed of nothing: names are kept as sent. */
  name: string;
  /** `undefined` when omitted or null. */
  description?: string;
  /** Defaults to 86400. */
  accessTokenValiditySeconds: number;
  /** Defaults to `[]`. */
  registeredRedirectUri: string[];
  /** One of {@link SERVER_GRANT_TYPES}. */
  authorizedGrantType: string;
  /** Defaults to `[]`. */
  scope: string[];
  /** `roleDivisions` plus deprecated `roleIds` (home division), without duplicates. */
  roleDivisions: RoleDivision[];
  /** `active` or `inactive` (validated per operation); `undefined` when omitted. */
  state?: string;
}

function invalidValue(field: string, value: unknown, allowed: string): ApiError {
  const shown = typeof value === "string" ? value : JSON.stringify(value);
  return new ApiError(400, "invalid.value", undefined, {
    params: [shown, field, allowed],
    details: [{ errorCode: "invalid.value", fieldName: field }],
  });
}

function stringArray(o: Record<string, unknown>, field: string): string[] | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalidValue(field, v, "an array of strings");
  for (const item of v) if (typeof item !== "string") throw invalidValue(field, item, "string");
  return v as string[];
}

function isAbsoluteUri(value: string): boolean {
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

function parseRoleDivisions(v: unknown): RoleDivision[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalidValue("roleDivisions", v, "an array of RoleDivision");
  return v.map((item, i) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      throw invalidValue(`roleDivisions[${i}]`, item, "RoleDivision");
    }
    const rd = item as Record<string, unknown>;
    for (const key of Object.keys(rd)) {
      if (key !== "roleId" && key !== "divisionId") {
        throw new ApiError(400, "invalid.property", undefined, { params: [key, "RoleDivision"] });
      }
    }
    for (const key of ["roleId", "divisionId"] as const) {
      const value = rd[key];
      if (value === undefined || value === null || value === "") {
        throw fieldError(
          "constraint.validation",
          `roleDivisions[${i}].${key}`,
          `roleDivisions[${i}].${key} may not be null or empty`,
        );
      }
      if (typeof value !== "string")
        throw invalidValue(`roleDivisions[${i}].${key}`, value, "string");
    }
    return { roleId: rd.roleId as string, divisionId: rd.divisionId as string };
  });
}

/**
 * Validates a POST (`create`) or PUT (`update`) body; throws a 400 {@link ApiError} naming the
 * first problem.
 */
export function parseClientRequest(
  body: unknown,
  op: "create" | "update",
  homeDivisionId: string,
): ClientInput {
  const o = bodyObject(body, "OAuthClientRequest");
  for (const key of Object.keys(o)) {
    if (!REQUEST_FIELDS.includes(key) && !IGNORED_RESPONSE_FIELDS.includes(key)) {
      throw new ApiError(400, "invalid.property", undefined, {
        params: [key, "OAuthClientRequest"],
        details: [{ errorCode: "invalid.property", fieldName: key }],
      });
    }
  }

  // JSON types.
  for (const field of ["name", "description", "authorizedGrantType", "state"]) {
    const v = o[field];
    if (v !== undefined && v !== null && typeof v !== "string")
      throw invalidValue(field, v, "string");
  }
  const validity = o.accessTokenValiditySeconds;
  if (
    validity !== undefined &&
    validity !== null &&
    (typeof validity !== "number" || !Number.isInteger(validity))
  ) {
    throw invalidValue("accessTokenValiditySeconds", validity, "an integer");
  }
  const redirects = stringArray(o, "registeredRedirectUri") ?? [];
  const roleIds = stringArray(o, "roleIds") ?? [];
  const scope = stringArray(o, "scope") ?? [];
  const roleDivisions = parseRoleDivisions(o.roleDivisions) ?? [];
  if (o.dateToDelete !== undefined && o.dateToDelete !== null) {
    if (typeof o.dateToDelete !== "string" || Number.isNaN(Date.parse(o.dateToDelete))) {
      throw new ApiError(400, "invalid.date", undefined, {
        details: [{ errorCode: "invalid.date", fieldName: "dateToDelete" }],
      });
    }
  }

  // Required fields and ranges.
  const name = o.name as string | undefined | null;
  if (name === undefined || name === null || name.trim() === "") {
    throw fieldError("constraint.validation", "name", "name may not be null or blank");
  }
  const grant = o.authorizedGrantType as string | undefined | null;
  if (grant === undefined || grant === null || grant === "") {
    throw fieldError("grant.type.required", "authorizedGrantType", "Grant type is required.");
  }
  if (!SERVER_GRANT_TYPES.includes(grant)) {
    throw fieldError("bad.grant.type", "authorizedGrantType", "Invalid grant type.");
  }
  const seconds = (validity as number | undefined | null) ?? TOKEN_VALIDITY.default;
  if (seconds < TOKEN_VALIDITY.min || seconds > TOKEN_VALIDITY.max) {
    throw fieldError(
      "constraint.validation",
      "accessTokenValiditySeconds",
      `accessTokenValiditySeconds must be between ${TOKEN_VALIDITY.min} and ${TOKEN_VALIDITY.max}`,
    );
  }
  for (const uri of redirects) {
    if (!isAbsoluteUri(uri)) throw invalidValue("registeredRedirectUri", uri, "an absolute URI");
  }

  // States.
  const state = (o.state as string | undefined | null) ?? undefined;
  if (state !== undefined && !["active", "inactive", "disabled"].includes(state)) {
    throw invalidValue("state", state, "active, disabled, inactive");
  }
  if (op === "create" && state !== undefined && state !== "active") {
    throw fieldError("bad.client.state", "state", "New clients can only have an active state");
  }
  if (op === "update" && state === "disabled") {
    throw fieldError("bad.client.state", "state", "Clients cannot be disabled through the API.");
  }

  // Roles: roleDivisions plus the deprecated roleIds (home division), as a set.
  const merged: RoleDivision[] = [];
  const seen = new Set<string>();
  const add = (rd: RoleDivision): void => {
    const key = `${rd.roleId}\u0000${rd.divisionId}`;
    if (!seen.has(key)) {
      seen.add(key);
      merged.push(rd);
    }
  };
  roleDivisions.forEach(add);
  for (const roleId of roleIds) {
    if (!merged.some((rd) => rd.roleId === roleId)) add({ roleId, divisionId: homeDivisionId });
  }

  // Grant-specific requirements.
  if (grant === CLIENT_CREDENTIALS && merged.length === 0) {
    throw fieldError(
      "missing.client.roles",
      "roleDivisions",
      "Client roles and divisions are missing.",
    );
  }
  if (grant !== CLIENT_CREDENTIALS && scope.length === 0) {
    throw fieldError("missing.client.scope", "scope", "Client scope is missing.");
  }

  // References to the catalog.
  const unknownScope = scope.find((s) => !isKnownScope(s));
  if (unknownScope !== undefined) {
    throw new ApiError(400, "auth.invalid.scope", `Client has invalid scope: ${unknownScope}`, {
      details: [{ errorCode: "auth.invalid.scope", fieldName: "scope" }],
    });
  }
  for (const rd of merged) {
    if (!findRole(rd.roleId) || (rd.divisionId !== ALL_DIVISIONS && !findDivision(rd.divisionId))) {
      throw fieldError("bad.client.role", "roleDivisions", "Client role is invalid.");
    }
  }

  const description = (o.description as string | undefined | null) ?? undefined;
  return {
    name,
    ...(description !== undefined ? { description } : {}),
    accessTokenValiditySeconds: seconds,
    registeredRedirectUri: [...redirects],
    authorizedGrantType: grant,
    scope: [...scope],
    roleDivisions: merged,
    ...(state !== undefined ? { state } : {}),
  };
}
