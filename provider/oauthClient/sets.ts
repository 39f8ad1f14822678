/**
 * Validation and normalization of the set-valued OAuthClient inputs: `registeredRedirectUri`,
 * `scope`, `roleIds` and `roleDivisions`. Each returns a sorted list (so reordering in a program
 * yields identical checked inputs), refuses duplicates naming both positions, and validates the
 * known items of a list even when other items are unknown.
 */
import { isPlainObject } from "../api/json";
import { isUnknown, isUuid, roleKey, sortRoleDivisions, sortStrings } from "./normalize";
import { fail, requireString, type Report, type Validator } from "./fields";
import { validateRedirectUri } from "./redirectUri";
import { closest, describe, didYouMean, quote } from "./suggest";

interface ListOptions {
  /** Validates one known, non-null item; returns its normalized form. */
  item: (value: unknown, path: string, report: Report) => unknown;
  /** Identity of a normalized item for duplicate detection; undefined skips it. */
  key: (value: unknown) => string | undefined;
  /** How to show a duplicate, e.g. the URI itself. */
  show: (value: unknown) => string;
  /** What the items are, for messages: "redirect URIs". */
  what: string;
  /** An example list, for messages. */
  example: string;
  /** Sorts the normalized items. */
  sort: (values: unknown[]) => unknown[];
}

function validateList(raw: unknown, path: string, report: Report, options: ListOptions): unknown {
  if (isUnknown(raw)) return raw;
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) {
    const fix =
      typeof raw === "string"
        ? `wrap it in a list: ${JSON.stringify(raw.split(/[\s,]+/).filter((s) => s !== ""))}`
        : `write a list of ${options.what}, e.g. ${options.example}`;
    fail(report, path, `${path} must be a list of ${options.what}, not ${describe(raw)}: ${fix}`);
    return raw;
  }
  const seen = new Map<string, number>();
  const items = raw.map((value, index) => {
    const itemPath = `${path}[${index}]`;
    if (isUnknown(value)) return value;
    if (value === null || value === undefined) {
      fail(report, itemPath, `${itemPath} is ${describe(value)}: remove the empty entry`);
      return value;
    }
    const before = report.failures.length;
    const normalized = options.item(value, itemPath, report);
    const key = report.failures.length === before ? options.key(normalized) : undefined;
    if (key !== undefined) {
      const first = seen.get(key);
      if (first !== undefined) {
        fail(
          report,
          itemPath,
          `${itemPath} duplicates ${path}[${first}] (${options.show(normalized)}): ${options.what} ` +
            "form a set, list each one once",
        );
      } else {
        seen.set(key, index);
      }
    }
    return normalized;
  });
  return options.sort(items);
}

function stringList(what: string, example: string, item: ListOptions["item"]): Validator {
  return (raw, path, report) =>
    validateList(raw, path, report, {
      item,
      key: (v) => (typeof v === "string" ? v : undefined),
      show: (v) => (typeof v === "string" ? quote(v) : describe(v)),
      what,
      example,
      // A list with invalid items has failed already; leave it as it is rather than coerce.
      sort: (values) =>
        values.every((v) => typeof v === "string") ? sortStrings(values as string[]) : values,
    });
}

/** `registeredRedirectUri`: absolute URIs; default `[]`. */
export const validateRedirectUris: Validator = (raw, path, report) =>
  stringList("redirect URIs", '["https://app.example.com/callback"]', validateRedirectUri)(
    raw,
    path,
    report,
  ) ?? [];

const SCOPE = /^[a-z0-9-]+(:[a-z0-9-]+)*$/;

function validateScopeName(value: unknown, path: string, report: Report): unknown {
  if (!requireString(value, path, report, 'write the scope name, e.g. "users:readonly"'))
    return value;
  const scope = value as string;
  if (SCOPE.test(scope)) return scope;
  const parts = scope.split(/[\s,]+/).filter((s) => s !== "");
  let fix =
    'scope names are letters, digits and hyphens with ":" between parts, e.g. "users:readonly"';
  if (scope === "") fix = "remove the empty entry";
  else if (parts.length > 1) fix = `put one scope per entry: ${JSON.stringify(parts)}`;
  else if (SCOPE.test(scope.trim().toLowerCase())) fix = `use ${quote(scope.trim().toLowerCase())}`;
  fail(report, path, `${path} ${quote(scope)} is not a valid scope name: ${fix}`);
  return scope;
}

/** `scope`: scope names (membership is checked by the API); a set. */
export const validateScope: Validator = stringList(
  "scopes",
  '["users:readonly", "analytics"]',
  validateScopeName,
);

/** A role or division id: non-empty, no whitespace; a non-UUID only warns (the API decides). */
function validateId(
  value: unknown,
  path: string,
  report: Report,
  kind: "role" | "division",
): unknown {
  const fix =
    kind === "role" ? "use the role's id (a UUID)" : 'use the division id (a UUID) or "*"';
  if (!requireString(value, path, report, fix)) return value;
  const id = value as string;
  if (id.trim() === "") {
    const omit = kind === "division" ? ' (omit divisionId for the home division, "*" for all)' : "";
    fail(report, path, `${path} must not be empty: ${fix}${omit}`);
  } else if (/\s/.test(id)) {
    fail(report, path, `${path} ${quote(id)} contains whitespace: ${fix}`);
  } else if (!isUuid(id) && !(kind === "division" && id === "*")) {
    report.warnings.push(
      `${path}: ${quote(id)} does not look like a ${kind} id (a UUID); ${fix}, not its name`,
    );
  }
  return id;
}

/** `roleIds` (deprecated): role ids; a set. */
export const validateRoleIds: Validator = (raw, path, report) => {
  const result = stringList("role ids", '["<role id>"]', (v, p, r) => validateId(v, p, r, "role"))(
    raw,
    path,
    report,
  );
  if (Array.isArray(result) && result.length > 0) {
    report.warnings.push(
      `${path} is deprecated by Genesys: declare roleDivisions instead, e.g. ` +
        '[{ roleId: "<role id>" }] (the home division) or [{ roleId: "<role id>", divisionId: "*" }]',
    );
  }
  return result;
};

const ROLE_DIVISION_KEYS = ["roleId", "divisionId"];
const ROLE_DIVISION_ALIASES = { role: "roleId", id: "roleId", division: "divisionId" };

function validateRoleDivision(value: unknown, path: string, report: Report): unknown {
  if (!isPlainObject(value)) {
    const fix =
      typeof value === "string"
        ? `write { roleId: ${quote(value)} }`
        : 'write { roleId: "<role id>" }';
    fail(
      report,
      path,
      `${path} must be an object { roleId, divisionId? }, not ${describe(value)}: ${fix}`,
    );
    return value;
  }
  for (const key of Object.keys(value)) {
    if (!ROLE_DIVISION_KEYS.includes(key)) {
      const suggestion = closest(key, ROLE_DIVISION_KEYS, ROLE_DIVISION_ALIASES);
      fail(
        report,
        `${path}.${key}`,
        `unknown property ${quote(key)} in ${path}:${didYouMean(suggestion)} an entry has only ` +
          "roleId and an optional divisionId",
      );
    }
  }
  const out: Record<string, unknown> = {};
  const roleId = value.roleId;
  if (isUnknown(roleId)) out.roleId = roleId;
  else if (roleId === undefined || roleId === null) {
    fail(report, `${path}.roleId`, `${path}.roleId is required: the id of the role to grant`);
  } else out.roleId = validateId(roleId, `${path}.roleId`, report, "role");
  const divisionId = value.divisionId;
  if (isUnknown(divisionId)) out.divisionId = divisionId;
  else if (divisionId !== undefined && divisionId !== null) {
    out.divisionId = validateId(divisionId, `${path}.divisionId`, report, "division");
  }
  return out;
}

/** `roleDivisions`: `{ roleId, divisionId? }` entries; an omitted division stays omitted. */
export const validateRoleDivisions: Validator = (raw, path, report) =>
  validateList(raw, path, report, {
    item: validateRoleDivision,
    key: (v) =>
      isPlainObject(v) &&
      typeof v.roleId === "string" &&
      !isUnknown(v.roleId) &&
      !isUnknown(v.divisionId)
        ? roleKey(v as { roleId: string; divisionId?: string })
        : undefined,
    show: (v) =>
      isPlainObject(v)
        ? `roleId ${quote(String(v.roleId))} in ${v.divisionId === undefined ? "the home division" : quote(String(v.divisionId))}`
        : describe(v),
    what: "role grants",
    example: '[{ roleId: "<role id>" }]',
    sort: sortRoleDivisions,
  });
