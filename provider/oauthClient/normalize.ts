/**
 * The one normalization of OAuthClient values: unknown detection, grant-type spellings, UUIDs,
 * set ordering and role keys, and JSON cleaning. Pure functions, shared by check, diff and the
 * mapping to and from the API.
 */
import { isPlainObject } from "../api/json";
import { GRANT_TYPES, type GrantType } from "../api/models";
import { UNKNOWN, type RoleDivisionInput, type UnknownValue } from "./types";

/** True for the engine's unknown sentinel. */
export function isUnknown(value: unknown): value is UnknownValue {
  return value === UNKNOWN;
}

/** True when the value is, or contains at any depth, the unknown sentinel. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isPlainObject(value)) return Object.values(value).some(containsUnknown);
  return false;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID in the 8-4-4-4-12 hex form (any version, any case), as Genesys ids are. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** Spellings older SDKs and the Terraform provider used, mapped to the API's current ones. */
export const LEGACY_GRANT_TYPES: Readonly<Record<string, GrantType>> = {
  SAML2BEARER: "SAML2-BEARER",
  CLIENT_CREDENTIALS: "CLIENT-CREDENTIALS",
};

/**
 * The API spelling of a grant type: the value itself when valid, the hyphenated form of a legacy
 * spelling, or `undefined` for anything else (matching is case-sensitive, like the API's).
 */
export function normalizeGrantType(value: unknown): GrantType | undefined {
  if (typeof value !== "string") return undefined;
  if ((GRANT_TYPES as readonly string[]).includes(value)) return value as GrantType;
  return Object.prototype.hasOwnProperty.call(LEGACY_GRANT_TYPES, value)
    ? LEGACY_GRANT_TYPES[value]
    : undefined;
}

/** Deterministic, locale-independent order (UTF-16 code units), so sorting never varies by host. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A sorted copy of a list of strings. */
export function sortStrings<T extends string>(values: readonly T[]): T[] {
  return [...values].sort(compareStrings);
}

/** True when two lists hold the same strings, ignoring order and repeats. */
export function sameStringSet(a: readonly unknown[], b: readonly unknown[]): boolean {
  const left = new Set(a.map((v) => JSON.stringify(v)));
  const right = new Set(b.map((v) => JSON.stringify(v)));
  return left.size === right.size && [...left].every((v) => right.has(v));
}

/**
 * The identity of a role grant once its division is resolved: an omitted division becomes
 * `homeDivisionId` when known. Two grants are the same when their keys are equal.
 */
export function roleKey(entry: RoleDivisionInput, homeDivisionId?: string): string {
  const division = entry.divisionId ?? homeDivisionId ?? "";
  return JSON.stringify([entry.roleId, division]);
}

/**
 * Orders role entries by roleId, then divisionId (an omitted division first). Entries that are not
 * objects (the unknown sentinel) go last, in their original order.
 */
export function sortRoleDivisions<T>(entries: readonly T[]): T[] {
  const key = (e: T): [string, string] | undefined => {
    if (!isPlainObject(e)) return undefined;
    const role = typeof e.roleId === "string" ? e.roleId : JSON.stringify(e.roleId ?? null);
    const div = typeof e.divisionId === "string" ? "1" + e.divisionId : "0";
    return [role, div];
  };
  const indexed = entries.map((entry, index) => ({ entry, index, key: key(entry) }));
  indexed.sort((x, y) => {
    if (!x.key || !y.key) return x.key ? -1 : y.key ? 1 : x.index - y.index;
    return compareStrings(x.key[0], y.key[0]) || compareStrings(x.key[1], y.key[1]);
  });
  return indexed.map((i) => i.entry);
}

/** Structural equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((v, i) => jsonEqual(v, b[i]))
    );
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a).filter((k) => a[k] !== undefined);
    const otherKeys = Object.keys(b).filter((k) => b[k] !== undefined);
    return keys.length === otherKeys.length && keys.every((k) => jsonEqual(a[k], b[k]));
  }
  return false;
}

/**
 * A JSON-clean copy: `undefined` members dropped, `Date`s as ISO strings (invalid ones dropped),
 * non-finite numbers dropped. The engine fails a response holding `undefined` and turns a `Date`
 * into `{}`, so every value handed back to it goes through here.
 */
export function toJson<T>(value: T): T {
  return clean(value) as T;
}

function clean(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) return value.map(clean).filter((v) => v !== undefined);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = clean(v);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  return typeof value === "function" || typeof value === "symbol" ? undefined : value;
}

/** An ISO-8601 string for a date-like value (string as given, valid `Date` converted). */
export function isoString(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return undefined;
}
