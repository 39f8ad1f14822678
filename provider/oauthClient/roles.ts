/**
 * Role grants compared as sets. A grant is a (roleId, divisionId) pair once an omitted division is
 * resolved to the home division. The deprecated `roleIds` grant their roles in the home division
 * unless `roleDivisions` already grants that role (the API's merge rule), so a program may use
 * either field, or both, without phantom diffs.
 */
import type { OAuthClient, RoleDivision } from "../api/models";
import { isPlainObject } from "../api/json";
import {
  normalizeGrantType,
  roleKey,
  sameStringSet,
  sortRoleDivisions,
  sortStrings,
} from "./normalize";
import { CLIENT_CREDENTIALS, type RoleDivisionInput } from "./types";

/** The role grants in a list, skipping anything that is not a `{ roleId: string }` object. */
export function roleEntries(list: unknown): RoleDivisionInput[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((e) =>
    isPlainObject(e) && typeof e.roleId === "string"
      ? [
          typeof e.divisionId === "string"
            ? { roleId: e.roleId, divisionId: e.divisionId }
            : { roleId: e.roleId },
        ]
      : [],
  );
}

/** The strings in a list, de-duplicated and sorted. */
export function stringSet(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return sortStrings([...new Set(list.filter((v): v is string => typeof v === "string"))]);
}

/**
 * The set of grant keys of `roleDivisions` plus `roleIds` (home division, for roles not already
 * granted by `roleDivisions`). Items that are not valid grants (kept by lenient normalization)
 * enter as their JSON text, so they never compare equal to a valid grant.
 */
export function grantSet(
  roleDivisions: unknown,
  roleIds: unknown,
  homeDivisionId?: string,
): Set<string> {
  const keys = new Set<string>();
  const granted = new Set<string>();
  for (const item of Array.isArray(roleDivisions) ? roleDivisions : []) {
    const [entry] = roleEntries([item]);
    if (entry === undefined) keys.add(`invalid:${String(JSON.stringify(item))}`);
    else {
      keys.add(roleKey(entry, homeDivisionId));
      granted.add(entry.roleId);
    }
  }
  for (const roleId of stringSet(roleIds)) {
    if (!granted.has(roleId)) keys.add(roleKey({ roleId }, homeDivisionId));
  }
  if (roleDivisions !== undefined && !Array.isArray(roleDivisions)) {
    keys.add(`invalid:${String(JSON.stringify(roleDivisions))}`);
  }
  return keys;
}

/** True when two key sets are equal. */
export function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((k) => b.has(k));
}

/** Every role id granted: `roleIds` plus the roles of `roleDivisions`, sorted. */
export function allRoleIds(roleDivisions: unknown, roleIds: unknown): string[] {
  return stringSet([...roleEntries(roleDivisions).map((e) => e.roleId), ...stringSet(roleIds)]);
}

/**
 * Request/output form: each omitted division replaced by `homeDivisionId`, duplicates merged,
 * sorted. Entries whose division cannot be resolved are returned in `unresolved`.
 */
export function resolveRoleDivisions(
  entries: readonly RoleDivisionInput[],
  homeDivisionId: string | undefined,
): { resolved: RoleDivision[]; unresolved: RoleDivisionInput[] } {
  const seen = new Set<string>();
  const resolved: RoleDivision[] = [];
  const unresolved: RoleDivisionInput[] = [];
  for (const entry of entries) {
    const divisionId = entry.divisionId ?? homeDivisionId;
    if (divisionId === undefined) {
      unresolved.push(entry);
      continue;
    }
    const key = roleKey({ roleId: entry.roleId, divisionId });
    if (!seen.has(key)) {
      seen.add(key);
      resolved.push({ roleId: entry.roleId, divisionId });
    }
  }
  return { resolved: sortRoleDivisions(resolved), unresolved };
}

/** The live roles with explicit divisions, as the API reports them, de-duplicated and sorted. */
export function liveRoleDivisions(list: unknown): RoleDivision[] {
  const explicit = roleEntries(list).filter((e): e is RoleDivision => e.divisionId !== undefined);
  return resolveRoleDivisions(explicit, undefined).resolved;
}

/**
 * Live roles in the representation a program used: a live grant in the home division is written
 * without `divisionId` where the prior inputs wrote that role without one.
 */
export function collapseToPrior(
  live: readonly RoleDivision[],
  prior: readonly RoleDivisionInput[],
  homeDivisionId: string | undefined,
): RoleDivisionInput[] {
  const omitted = new Set(prior.filter((e) => e.divisionId === undefined).map((e) => e.roleId));
  const out = live.map((e) =>
    e.divisionId === homeDivisionId && omitted.has(e.roleId) ? { roleId: e.roleId } : e,
  );
  return sortRoleDivisions(out);
}

/**
 * The roles of a live client written the way the program declared them. Outputs hold roles in
 * this form, and so do the inputs refresh rebuilds (the host hands `read` only the outputs, so the
 * outputs must echo the declaration for the rebuilt inputs to equal the program's):
 * - live grants equal to the declared ones (an omitted division meaning the home division, and a
 *   `roleIds` entry granting its role in the home division unless `roleDivisions` grants that role,
 *   as the API merges them): the declared values, as they are. A grant that comes only from
 *   `roleIds` is not added to `roleDivisions`, and an omitted division stays omitted;
 * - anything else (drift): each field holds its share of the live grants. `roleIds` keeps the
 *   declared ids the client still holds; `roleDivisions` gets every other live grant, a home
 *   division grant written without its division where the program wrote that role without one.
 *   So the field that drifted is the field that differs, and the next `up` reverts it;
 * - nothing declared: a client-credentials client's live grants go to `roleDivisions` (a client
 *   switched to client credentials outside Pulumi); any other client has no roles.
 * A client without a `roleDivisions` list says nothing about its roles: the declared values stay.
 *
 * @param declared The declared values (prior inputs or outputs), returned as they are when equal.
 * @param normalized The same values normalized (`normalizeLenient`), for comparing.
 * @param live The client as the API returned it.
 * @param home The home division, to resolve roles declared without one.
 */
export function rolesAsDeclared(
  declared: Record<string, unknown>,
  normalized: Record<string, unknown>,
  live: OAuthClient,
  home: string | undefined,
): { roleDivisions?: unknown; roleIds?: unknown } {
  const asDeclared = { roleDivisions: declared.roleDivisions, roleIds: declared.roleIds };
  if (!Array.isArray(live.roleDivisions)) return asDeclared;
  const reported = liveRoleDivisions(live.roleDivisions);
  const liveIds = allRoleIds(reported, live.roleIds);
  const hasDivisions = normalized.roleDivisions !== undefined;
  const hasIds = normalized.roleIds !== undefined;
  if (!hasDivisions && !hasIds) {
    const cc = normalizeGrantType(live.authorizedGrantType) === CLIENT_CREDENTIALS;
    return cc && reported.length > 0 ? { roleDivisions: reported } : {};
  }
  if (!hasDivisions) {
    // Only the deprecated role ids are declared: they name roles, whatever division holds them.
    if (sameStringSet(stringSet(normalized.roleIds), liveIds)) return asDeclared;
    return { roleIds: liveIds.length > 0 ? liveIds : undefined };
  }
  const expected = grantSet(normalized.roleDivisions, hasIds ? normalized.roleIds : [], home);
  const actual = grantSet(reported, hasIds ? live.roleIds : [], home);
  if (sameSet(expected, actual)) return asDeclared;

  const declaredRoles = roleEntries(normalized.roleDivisions);
  const ids = hasIds ? stringSet(normalized.roleIds).filter((id) => liveIds.includes(id)) : [];
  const byIds = new Set(ids.filter((id) => !declaredRoles.some((e) => e.roleId === id)));
  const rest = reported.filter((e) => !(e.divisionId === home && byIds.has(e.roleId)));
  // `roleIds` grant nothing for a role `roleDivisions` holds (the API's merge rule): when the rest
  // holds such a role, the ids no longer explain its home grant, which then stays in the list.
  const own = sameSet(grantSet(rest, ids, home), grantSet(reported, [], home)) ? rest : reported;
  const divisions = collapseToPrior(own, declaredRoles, home);
  return {
    roleDivisions: divisions.length > 0 ? divisions : undefined,
    roleIds: ids.length > 0 ? ids : undefined,
  };
}
