/**
 * Shared fixtures for the OAuthClient core tests: ids, valid inputs for every grant type, and a
 * fake "server" that turns a request body into the client the API would return (roles merged and
 * mirrored into `roleIds` as the emulator does).
 */
import type { OAuthClient, OAuthClientRequest } from "../../../provider/api/models";
import { toClientRequest, toOutputs } from "../../../provider/oauthClient/mapping";
import type { NormalizedInputs, OAuthClientOutputs } from "../../../provider/oauthClient/types";
import { checkInputs } from "../../../provider/oauthClient/validate";

/** Home division id. */
export const HOME = "0c9e2a7d-4b6f-4a31-9d85-e7f1c3b5a901";
/** Another division. */
export const SALES = "8e1b5d3f-6a2c-4f97-b4e0-2d9c7a1e5b02";
/** A role id. */
export const ROLE_A = "5a7e2c94-3b1f-4d68-9e0a-7c4b2d1f8e02";
/** A role id that sorts after ROLE_A. */
export const ROLE_B = "9c3b7e15-6d2a-4f81-a4c9-3e5d1b7a2c03";
/** A role id that sorts before ROLE_A. */
export const ROLE_C = "1e8d5a3c-7f2b-4a96-b1d4-6c9e3a5f7b04";
/** The managed client's id. */
export const CLIENT_ID = "3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c";
/** A client creation date. */
export const CREATED = "2026-05-03T10:00:00.000Z";
/** The unknown sentinel, spelled out (independent of the code under test). */
export const U = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Raw valid inputs, one per grant type. */
export const RAW: Record<string, Record<string, unknown>> = {
  CODE: {
    name: "web-portal",
    authorizedGrantType: "CODE",
    scope: ["users:readonly", "analytics"],
    registeredRedirectUri: [
      "https://portal.example.com/callback",
      "https://portal.example.com/alt",
    ],
  },
  TOKEN: {
    name: "spa",
    authorizedGrantType: "TOKEN",
    scope: ["user-basic-info"],
    registeredRedirectUri: ["https://spa.example.com/"],
  },
  "SAML2-BEARER": { name: "sso-bridge", authorizedGrantType: "SAML2-BEARER", scope: ["users"] },
  PASSWORD: { name: "legacy-kiosk", authorizedGrantType: "PASSWORD", scope: ["conversations"] },
  "CLIENT-CREDENTIALS": {
    name: "billing-sync",
    description: "Syncs invoices",
    authorizedGrantType: "CLIENT-CREDENTIALS",
    accessTokenValiditySeconds: 3600,
    roleDivisions: [
      { roleId: ROLE_B, divisionId: "*" },
      { roleId: ROLE_A },
      { roleId: ROLE_A, divisionId: SALES },
    ],
  },
};

/** The raw valid client-credentials inputs. */
export const CC = RAW["CLIENT-CREDENTIALS"];

/** A stand-in for the serialized provider (`__provider`) of prior inputs and outputs. */
export const PROVIDER = "exports.handler = function () {};";

/** Checked inputs; fails the test when the inputs are invalid. */
export function checked(raw: unknown): NormalizedInputs {
  const result = checkInputs({}, raw);
  if (!result.ok) throw new Error(`fixture inputs invalid: ${JSON.stringify(result.failures)}`);
  return result.inputs as NormalizedInputs;
}

/** What the API would answer to a write of `request`: the client, with server-set fields. */
export function serve(request: OAuthClientRequest, patch: Partial<OAuthClient> = {}): OAuthClient {
  const roleDivisions = [...(request.roleDivisions ?? [])];
  for (const roleId of request.roleIds ?? []) {
    if (!roleDivisions.some((rd) => rd.roleId === roleId))
      roleDivisions.push({ roleId, divisionId: HOME });
  }
  return {
    id: CLIENT_ID,
    name: request.name,
    description: request.description,
    accessTokenValiditySeconds: request.accessTokenValiditySeconds ?? 86400,
    registeredRedirectUri: [...(request.registeredRedirectUri ?? [])].reverse(),
    roleIds: [...new Set(roleDivisions.map((rd) => rd.roleId))],
    authorizedGrantType: request.authorizedGrantType,
    scope: [...(request.scope ?? [])].reverse(),
    roleDivisions: roleDivisions.reverse(),
    state: request.state ?? "active",
    dateCreated: CREATED,
    dateModified: "2026-05-04T10:00:00.000Z",
    createdBy: { id: "u1", name: "Ada", selfUri: "/api/v2/users/u1" },
    modifiedBy: { id: "u2", selfUri: "/api/v2/users/u2" },
    selfUri: `/api/v2/oauth/clients/${CLIENT_ID}`,
    ...patch,
  };
}

/** The client as the API holds it after applying `inputs`. */
export function liveOf(inputs: NormalizedInputs, patch: Partial<OAuthClient> = {}): OAuthClient {
  return serve(toClientRequest(inputs, HOME), patch);
}

/** Outputs after a create with `inputs` (secret from the POST response). */
export function outputsOf(
  inputs: NormalizedInputs,
  extras: Partial<Parameters<typeof toOutputs>[2]> = {},
): OAuthClientOutputs {
  return toOutputs(inputs, liveOf(inputs, { secret: "s3cr3t-value" }), {
    homeDivisionId: HOME,
    providerVersion: "1.0.0",
    ...extras,
  });
}

/** Deep scan: paths holding `undefined`, a `Date`, a function or a non-finite number. */
export function nonJsonPaths(value: unknown, at = "$"): string[] {
  if (value === undefined) return [at];
  if (value instanceof Date || typeof value === "function") return [at];
  if (typeof value === "number" && !Number.isFinite(value)) return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonJsonPaths(v, `${at}[${i}]`));
  if (typeof value === "object" && value !== null) {
    if (Object.getPrototypeOf(value) !== Object.prototype) return [at];
    return Object.entries(value).flatMap(([k, v]) => nonJsonPaths(v, `${at}.${k}`));
  }
  return [];
}
