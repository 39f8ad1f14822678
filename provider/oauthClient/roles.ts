/**
 * Role grants compared as sets. A grant is a (roleId, divisionId) pair once an omitted division is
 * resolved to the home division. The deprecated `roleIds` grant their roles in the home division
 * unless `roleDivisions` already grants that role (the API's merge rule), so a program may use
 * either field, or both, without phantom diffs.
 */
import type { OAuthClient, RoleDivision } from "../api/models";
import {
  isPlainObject,
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

/** Roles rebuilt from a live client in the representation of the prior inputs. */
export function liveInputRoles(
  prior: Record<string, unknown>,
  normalized: Record<string, unknown>,
  live: OAuthClient,
  home: string | undefined,
): { roleDivisions?: unknown; roleIds?: unknown } {
  const reported = Array.isArray(live.roleDivisions)
    ? liveRoleDivisions(live.roleDivisions)
    : undefined;
  const liveIds = allRoleIds(reported ?? [], live.roleIds);
  const hasIds = normalized.roleIds !== undefined;
  if (normalized.roleDivisions !== undefined) {
    const expected = grantSet(normalized.roleDivisions, hasIds ? normalized.roleIds : [], home);
    const actual = grantSet(reported ?? [], hasIds ? live.roleIds : [], home);
    if (reported === undefined || sameSet(expected, actual)) {
      return { roleDivisions: prior.roleDivisions, roleIds: prior.roleIds };
    }
    const divisions = collapseToPrior(reported, roleEntries(normalized.roleDivisions), home);
    const ids = hasIds ? stringSet(normalized.roleIds).filter((id) => liveIds.includes(id)) : [];
    return {
      roleDivisions: divisions.length > 0 ? divisions : undefined,
      roleIds: ids.length > 0 ? ids : undefined,
    };
  }
  if (hasIds) {
    if (sameStringSet(stringSet(normalized.roleIds), liveIds)) return { roleIds: prior.roleIds };
    return { roleIds: liveIds.length > 0 ? liveIds : undefined };
  }
  const cc = normalizeGrantType(live.authorizedGrantType) === CLIENT_CREDENTIALS;
  return cc && reported !== undefined && reported.length > 0 ? { roleDivisions: reported } : {};
}

/** Roles of a live client as outputs report them (as `toOutputs` does). */
export function liveOutputRoles(
  prior: Record<string, unknown>,
  live: OAuthClient,
): { roleDivisions?: unknown; roleIds?: unknown } {
  const reported = Array.isArray(live.roleDivisions)
    ? liveRoleDivisions(live.roleDivisions)
    : undefined;
  const declared = prior.roleDivisions !== undefined;
  const roleDivisions =
    reported === undefined
      ? prior.roleDivisions
      : reported.length > 0 || declared
        ? reported
        : undefined;
  const roleIds =
    prior.roleIds === undefined
      ? undefined
      : Array.isArray(live.roleIds)
        ? stringSet(live.roleIds)
        : prior.roleIds;
  return { roleDivisions, roleIds };
}
