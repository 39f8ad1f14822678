/**
 * Mapping between the resource's inputs and outputs and the API's models: the request body of a
 * POST or PUT, the outputs after a write, and the inputs and outputs rebuilt from a live client on
 * refresh (so `preview --refresh` shows real drift and an unchanged client shows none).
 */
import { asRecord, isPlainObject } from "../api/json";
import type { DomainEntityRef, OAuthClient, OAuthClientRequest } from "../api/models";
import { isoString, jsonEqual, normalizeGrantType, sameStringSet, toJson } from "./normalize";
import { resolveRoleDivisions, rolesAsDeclared, stringSet } from "./roles";
import {
  CLIENT_CREDENTIALS,
  INPUT_FIELDS,
  INPUT_KEYS,
  LIMITS,
  PROVIDER_FIELDS,
  ROLE_FIELDS,
  type DesiredState,
  type EntityRef,
  type InputField,
  type NormalizedInputs,
  type OAuthClientOutputs,
} from "./types";
import { normalizeLenient } from "./validate";

/**
 * The full body of a POST or PUT (PUT replaces the whole client). Roles declared without a
 * division get `homeDivisionId`; `"*"` passes as is. `scope` is sent for every grant but client
 * credentials; `roleDivisions` and the deprecated `roleIds` only for client credentials, when
 * declared. Throws when a role needs the home division and none is given (a provider bug).
 *
 * @param inputs Fully known normalized inputs.
 * @param homeDivisionId The org's home division id (needed for roles declared without one).
 * @param options `state` overrides the desired state: create always POSTs `active`.
 */
export function toClientRequest(
  inputs: NormalizedInputs,
  homeDivisionId: string | undefined,
  options: { state?: DesiredState } = {},
): OAuthClientRequest {
  const request: OAuthClientRequest = {
    name: inputs.name,
    description: inputs.description,
    accessTokenValiditySeconds: inputs.accessTokenValiditySeconds,
    authorizedGrantType: inputs.authorizedGrantType,
    registeredRedirectUri: [...inputs.registeredRedirectUri],
    state: options.state ?? inputs.state,
  };
  if (inputs.authorizedGrantType !== CLIENT_CREDENTIALS) {
    request.scope = [...(inputs.scope ?? [])];
    return request;
  }
  if (inputs.roleDivisions !== undefined) {
    const { resolved, unresolved } = resolveRoleDivisions(inputs.roleDivisions, homeDivisionId);
    if (unresolved.length > 0) {
      throw new Error(
        `toClientRequest: role ${unresolved[0].roleId} has no divisionId and no home division ` +
          "was resolved; look up the home division before building the request",
      );
    }
    request.roleDivisions = resolved;
  }
  if (inputs.roleIds !== undefined) request.roleIds = stringSet(inputs.roleIds);
  return request;
}

function entityRef(value: DomainEntityRef | undefined): EntityRef | undefined {
  if (!isPlainObject(value)) return undefined;
  const ref: EntityRef = {};
  if (typeof value.id === "string") ref.id = value.id;
  if (typeof value.name === "string") ref.name = value.name;
  return ref;
}

/** The API fields of a live client in normalized input form (no roles). */
function liveFields(live: OAuthClient): Record<string, unknown> {
  const grant = normalizeGrantType(live.authorizedGrantType) ?? live.authorizedGrantType;
  const scope = stringSet(live.scope);
  return {
    name: live.name,
    description: live.description ?? "",
    authorizedGrantType: grant,
    accessTokenValiditySeconds:
      live.accessTokenValiditySeconds ?? LIMITS.accessTokenValidityDefault,
    registeredRedirectUri: stringSet(live.registeredRedirectUri),
    scope: grant !== CLIENT_CREDENTIALS && scope.length > 0 ? scope : undefined,
    state: live.state ?? "active",
  };
}

/** The computed outputs read from a live client. */
function liveComputed(live: OAuthClient): Partial<OAuthClientOutputs> {
  return {
    dateCreated: isoString(live.dateCreated),
    dateModified: isoString(live.dateModified),
    createdBy: entityRef(live.createdBy),
    modifiedBy: entityRef(live.modifiedBy),
    dateToDelete: isoString(live.dateToDelete),
  };
}

/**
 * The outputs after a create or update: the inputs echoed in normalized form, the roles as the
 * program declared them (see `rolesAsDeclared`: the declared values when the client holds exactly
 * those grants, its live grants in the declared form otherwise), and the computed values.
 * JSON-clean: no `undefined`, no `Date`.
 *
 * @param inputs The normalized inputs just applied.
 * @param live The client as the API returned it after the last write (must have an `id`).
 * @param extras `clientSecret` (else `live.secret`; after a PUT, which returns none, pass the
 *   prior secret), `secretRotatedAt` (the time of this rotation, else the prior value, or nothing
 *   for a client never rotated by the provider), `homeDivisionId`, `providerVersion`.
 */
export function toOutputs(
  inputs: NormalizedInputs,
  live: OAuthClient,
  extras: {
    clientSecret?: string;
    secretRotatedAt?: string | Date;
    homeDivisionId?: string;
    providerVersion: string;
  },
): OAuthClientOutputs {
  if (typeof live.id !== "string" || live.id === "") {
    throw new Error("toOutputs: the client returned by the API has no id");
  }
  const declared = inputs as unknown as Record<string, unknown>;
  const roles = rolesAsDeclared(declared, declared, live, extras.homeDivisionId);
  return toJson<OAuthClientOutputs>({
    name: inputs.name,
    description: inputs.description,
    authorizedGrantType: inputs.authorizedGrantType,
    accessTokenValiditySeconds: inputs.accessTokenValiditySeconds,
    registeredRedirectUri: [...inputs.registeredRedirectUri],
    scope: inputs.scope,
    roleDivisions: roles.roleDivisions as OAuthClientOutputs["roleDivisions"],
    roleIds: roles.roleIds as OAuthClientOutputs["roleIds"],
    state: inputs.state,
    secretRotationTrigger: inputs.secretRotationTrigger,
    adoptClientId: inputs.adoptClientId,
    rotateAfterDays: inputs.rotateAfterDays,
    deletionGuard: inputs.deletionGuard,
    clientId: live.id,
    clientSecret: extras.clientSecret ?? live.secret,
    ...liveComputed(live),
    secretRotatedAt: isoString(extras.secretRotatedAt),
    providerVersion: extras.providerVersion,
    homeDivisionId: extras.homeDivisionId,
  });
}

/** `prior[key]` when it means the same as `fresh` (keeps the prior representation), else `fresh`. */
function keepIfSame(
  key: InputField,
  prior: Record<string, unknown>,
  normalized: Record<string, unknown>,
  fresh: unknown,
): unknown {
  const same =
    INPUT_FIELDS[key] === "set"
      ? Array.isArray(normalized[key] ?? []) &&
        Array.isArray(fresh ?? []) &&
        sameStringSet((normalized[key] ?? []) as unknown[], (fresh ?? []) as unknown[])
      : jsonEqual(normalized[key], fresh);
  return same ? prior[key] : fresh;
}

/**
 * The inputs a live client corresponds to (the provider's `read`, for refresh): API fields from
 * the live client, write-only inputs (`secretRotationTrigger`, `adoptClientId`, `rotateAfterDays`,
 * `deletionGuard`) and `__provider` carried forward. Where a live value means the same as the prior
 * input (set order, an omitted default, an omitted divisionId equal to the home division) the
 * prior representation is kept, so an unchanged client yields the prior inputs exactly, while
 * drift shows up in the field that drifted and the next `up` reverts it.
 *
 * @param priorInputs The inputs in the state (plain JSON).
 * @param live The client as the API returns it now.
 * @param homeDivisionId The home division, to match roles declared without a division.
 */
export function inputsFromLive(
  priorInputs: unknown,
  live: OAuthClient,
  homeDivisionId?: string,
): NormalizedInputs {
  const prior = asRecord(priorInputs);
  const normalized = normalizeLenient(prior);
  const fields = liveFields(live);
  const out: Record<string, unknown> = rolesAsDeclared(prior, normalized, live, homeDivisionId);
  for (const key of INPUT_KEYS) {
    const kind = INPUT_FIELDS[key];
    if (kind === "provider") out[key] = prior[key];
    else if (kind !== "role") out[key] = keepIfSame(key, prior, normalized, fields[key]);
  }
  out.__provider = prior.__provider;
  return toJson(out) as unknown as NormalizedInputs;
}

/**
 * The outputs after a refresh: API fields and server-set values from the live client, the roles in
 * the form the prior outputs declared them (see `rolesAsDeclared`); write-only values carried
 * forward from the prior outputs (`clientSecret`, which GET never returns,
 * `secretRotationTrigger`, `secretRotatedAt`, `providerVersion`, `homeDivisionId`, and the other
 * provider-only inputs). JSON-clean.
 *
 * @param priorOutputs The outputs in the state (plain JSON).
 * @param live The client as the API returns it now (must have an `id`, or `clientId` in prior).
 * @param options `homeDivisionId` when the prior outputs have none.
 */
export function outputsFromLive(
  priorOutputs: unknown,
  live: OAuthClient,
  options: { homeDivisionId?: string } = {},
): OAuthClientOutputs {
  const prior = asRecord(priorOutputs);
  const home =
    typeof prior.homeDivisionId === "string" ? prior.homeDivisionId : options.homeDivisionId;
  const fields = liveFields(live);
  const carried = (key: string): unknown => prior[key];
  return toJson({
    ...fields,
    ...rolesAsDeclared(prior, normalizeLenient(prior), live, home),
    ...Object.fromEntries(PROVIDER_FIELDS.map((k) => [k, carried(k)])),
    clientId: typeof live.id === "string" && live.id !== "" ? live.id : carried("clientId"),
    clientSecret: live.secret ?? carried("clientSecret"),
    ...liveComputed(live),
    dateCreated: isoString(live.dateCreated) ?? carried("dateCreated"),
    secretRotatedAt: carried("secretRotatedAt"),
    providerVersion: carried("providerVersion"),
    homeDivisionId: home,
  }) as unknown as OAuthClientOutputs;
}

/**
 * The outputs of an update that needs no API call (`diffClient` said neither `apiUpdate` nor
 * `rotate`): the prior outputs with the provider-only inputs (`secretRotationTrigger`,
 * `adoptClientId`, `rotateAfterDays`, `deletionGuard`) replaced by the new ones, removed ones
 * dropped, the roles written as the new inputs declare them (they grant what the client holds, or
 * the update would PUT), and `providerVersion` updated. JSON-clean.
 *
 * @param priorOutputs The outputs in the state (plain JSON).
 * @param inputs The new normalized inputs.
 * @param extras The package version writing the outputs.
 */
export function outputsOnlyUpdate(
  priorOutputs: unknown,
  inputs: NormalizedInputs,
  extras: { providerVersion: string },
): OAuthClientOutputs {
  const { __provider: _provider, ...rest } = asRecord(priorOutputs);
  const fresh = inputs as unknown as Record<string, unknown>;
  return toJson({
    ...rest,
    ...Object.fromEntries([...PROVIDER_FIELDS, ...ROLE_FIELDS].map((k) => [k, fresh[k]])),
    providerVersion: extras.providerVersion,
  }) as unknown as OAuthClientOutputs;
}
