/**
 * `check` for the OAuthClient resource: validates the inputs a program declared and returns them
 * normalized (legacy spellings mapped, defaults filled, sets sorted), or the failures with fixes.
 */
import { GRANT_TYPES } from "../api/models";
import {
  validateAccessTokenValidity,
  validateAdoptClientId,
  validateDeletionGuard,
  validateDescription,
  validateGrantType,
  validateName,
  validateRotateAfterDays,
  validateState,
  validateTrigger,
  fail,
  type Report,
  type Validator,
} from "./fields";
import { isPlainObject } from "../api/json";
import { containsUnknown, isUnknown } from "./normalize";
import {
  validateRedirectUris,
  validateRoleDivisions,
  validateRoleIds,
  validateScope,
} from "./sets";
import { closest, describe, didYouMean, quote } from "./suggest";
import {
  CLIENT_CREDENTIALS,
  INPUT_FIELDS,
  INPUT_KEYS,
  ROLE_FIELDS,
  type CheckedInputs,
  type CheckResult,
  type InputField,
  type NormalizedInputs,
  type OutputField,
} from "./types";

export { INPUT_KEYS } from "./types";

/** The validator of every input (the order that counts is `INPUT_KEYS`'s). */
const FIELDS: Readonly<Record<InputField, Validator>> = {
  name: validateName,
  description: validateDescription,
  authorizedGrantType: validateGrantType,
  accessTokenValiditySeconds: validateAccessTokenValidity,
  registeredRedirectUri: validateRedirectUris,
  scope: validateScope,
  roleDivisions: validateRoleDivisions,
  roleIds: validateRoleIds,
  state: validateState,
  secretRotationTrigger: validateTrigger,
  adoptClientId: validateAdoptClientId,
  rotateAfterDays: validateRotateAfterDays,
  deletionGuard: validateDeletionGuard,
};

/**
 * Outputs a program cannot set (every output that is not an input, and the API's read-only
 * fields), with what to do instead.
 */
const OUTPUT_KEYS: Readonly<Record<OutputField | "id" | "secret" | "selfUri", string>> = {
  id: "it is assigned by Genesys; to manage an existing client, set adoptClientId",
  clientId: "it is assigned by Genesys; to manage an existing client, set adoptClientId",
  clientSecret: "Genesys generates it; to get a new one, change secretRotationTrigger",
  secret: "Genesys generates it; to get a new one, change secretRotationTrigger",
  secretRotatedAt: "the provider records it when it rotates the secret",
  dateCreated: "Genesys sets it",
  dateModified: "Genesys sets it",
  createdBy: "Genesys sets it",
  modifiedBy: "Genesys sets it",
  dateToDelete: "Genesys sets it when the client is scheduled for deletion",
  selfUri: "Genesys sets it",
  providerVersion: "the provider records it",
  homeDivisionId:
    "the provider looks it up; omit divisionId in roleDivisions for the home division",
};

/** Near-misses that edit distance would not find. */
const PROPERTY_ALIASES: Readonly<Record<string, string>> = {
  redirectUris: "registeredRedirectUri",
  redirectUri: "registeredRedirectUri",
  redirectUrls: "registeredRedirectUri",
  callbackUrls: "registeredRedirectUri",
  scopes: "scope",
  roles: "roleDivisions",
  grantType: "authorizedGrantType",
  grant: "authorizedGrantType",
  tokenValiditySeconds: "accessTokenValiditySeconds",
  accessTokenValidity: "accessTokenValiditySeconds",
  ttl: "accessTokenValiditySeconds",
  rotationTrigger: "secretRotationTrigger",
  adopt: "adoptClientId",
  adoptId: "adoptClientId",
  importId: "adoptClientId",
};

function unknownProperty(key: string): string {
  const suggestion = closest(key, INPUT_KEYS, PROPERTY_ALIASES);
  const list = suggestion === undefined ? ` valid properties: ${INPUT_KEYS.join(", ")}` : "";
  return `unknown property ${quote(key)}:${didYouMean(suggestion)}${list}`;
}

/** True for a list with at least one item, or a value not known yet. */
function presentOrUnknown(value: unknown): boolean {
  return isUnknown(value) || (Array.isArray(value) && value.length > 0);
}

/** The grant-type rules the API enforces (scopes vs roles), checked only on a known grant. */
function checkGrantRules(
  values: Record<string, unknown>,
  failed: Set<string>,
  report: Report,
): void {
  const grant = values.authorizedGrantType;
  if (failed.has("authorizedGrantType") || typeof grant !== "string" || isUnknown(grant)) return;
  if (!(GRANT_TYPES as readonly string[]).includes(grant)) return;
  const ok = (key: string): boolean => !failed.has(key);
  if (grant === CLIENT_CREDENTIALS) {
    if (ok("scope") && Array.isArray(values.scope) && values.scope.length > 0) {
      fail(
        report,
        "scope",
        "scopes don't apply to CLIENT-CREDENTIALS clients, whose permissions come from roles: " +
          'remove scope and grant roles with roleDivisions, e.g. [{ roleId: "<role id>" }]',
      );
    }
    const roles = presentOrUnknown(values.roleDivisions) || presentOrUnknown(values.roleIds);
    if (ok("roleDivisions") && ok("roleIds") && !roles) {
      fail(
        report,
        "roleDivisions",
        "CLIENT-CREDENTIALS clients need at least one role: add roleDivisions, e.g. " +
          '[{ roleId: "<role id>" }] (home division) or [{ roleId: "<role id>", divisionId: "*" }]',
      );
    }
    return;
  }
  if (grant === "TOKEN") warnRotationOfImplicit(values, report);
  for (const key of ROLE_FIELDS) {
    if (ok(key) && Array.isArray(values[key]) && (values[key] as unknown[]).length > 0) {
      fail(
        report,
        key,
        `roles on a non-client-credentials grant: ${key} only apply to CLIENT-CREDENTIALS clients; ` +
          `remove ${key} (a ${grant} client acts with its user's permissions, limited by scope)`,
      );
    }
  }
  if (ok("scope") && !presentOrUnknown(values.scope)) {
    fail(
      report,
      "scope",
      `scope is required for ${grant} clients: list the scopes the client may request, ` +
        'e.g. ["users:readonly"]',
    );
  }
}

/**
 * An implicit (TOKEN) client gets its tokens from the browser with the client id alone: Genesys
 * still issues it a secret, but nothing can use it, so rotating it is wasted effort (and usually a
 * copy-paste from a client-credentials client). Advice, not a failure: the rotation is harmless.
 */
function warnRotationOfImplicit(values: Record<string, unknown>, report: Report): void {
  const rotation = (["secretRotationTrigger", "rotateAfterDays"] as const).filter(
    (key) => values[key] !== undefined,
  );
  if (rotation.length === 0) return;
  report.warnings.push(
    `${rotation.join(" and ")} on a TOKEN (implicit) client: implicit clients have no usable ` +
      "secret (tokens are issued with the client id alone), so rotating it changes nothing for " +
      `its users; remove ${rotation.length === 1 ? "it" : "them"}`,
  );
}

/** Drops omitted values and empty grant-specific lists (an empty list means "not declared"). */
function shape(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of INPUT_KEYS) {
    const value = values[key];
    if (value === undefined) continue;
    const emptyList = Array.isArray(value) && value.length === 0;
    if (emptyList && (key === "scope" || INPUT_FIELDS[key] === "role")) continue;
    out[key] = value;
  }
  return out;
}

/**
 * Validates and normalizes the new inputs of an OAuthClient (the provider's `check`).
 *
 * Contract: never throws, whatever the input. Unknown values (preview) pass through untouched and
 * skip their own validation and the grant rules they take part in; known siblings are still
 * checked. On success the inputs are normalized: `description ""`, `state "active"`,
 * `accessTokenValiditySeconds 86400` and `registeredRedirectUri []` when omitted (the server's
 * defaults, so omitting a value never shows as a change); `scope`, `roleDivisions` and `roleIds`
 * omitted when empty; set fields sorted; grant types hyphenated; `adoptClientId` lower-cased;
 * `__provider` passed through. `null` on an optional property means omitted. Normalization is
 * idempotent: checking checked inputs returns them unchanged.
 *
 * @param _olds The old inputs (unused: the result depends on the new inputs alone).
 * @param news The new inputs as plain JSON.
 */
export function checkInputs(_olds: unknown, news: unknown): CheckResult {
  const report: Report = { failures: [], warnings: [] };
  if (!isPlainObject(news)) {
    fail(report, "", `the inputs must be an object of properties, not ${describe(news)}`);
    return { ok: false, inputs: {}, failures: report.failures, warnings: report.warnings };
  }
  for (const key of Object.keys(news)) {
    if (key === "__provider" || Object.prototype.hasOwnProperty.call(FIELDS, key)) continue;
    if (Object.prototype.hasOwnProperty.call(OUTPUT_KEYS, key)) {
      if (news[key] !== undefined && news[key] !== null) {
        const why = OUTPUT_KEYS[key as keyof typeof OUTPUT_KEYS];
        fail(report, key, `${key} is an output and cannot be set: ${why}`);
      }
      continue;
    }
    fail(report, key, unknownProperty(key));
  }
  const values: Record<string, unknown> = {};
  const failed = new Set<string>();
  for (const key of INPUT_KEYS) {
    const before = report.failures.length;
    values[key] = FIELDS[key](news[key], key, report);
    if (report.failures.length > before) failed.add(key);
  }
  checkGrantRules(values, failed, report);
  if (report.failures.length > 0) {
    return { ok: false, inputs: news, failures: report.failures, warnings: report.warnings };
  }
  const inputs = shape(values);
  if (Object.prototype.hasOwnProperty.call(news, "__provider")) inputs.__provider = news.__provider;
  return { ok: true, inputs: inputs as CheckedInputs, failures: [], warnings: report.warnings };
}

/**
 * Normalizes inputs or outputs as far as they are valid, for comparing (diff) and rebuilding
 * (refresh): each valid property is normalized as `checkInputs` would; an invalid one is kept as
 * it is, so it compares unequal to anything valid. Grant rules are not enforced, unknown
 * properties are dropped, and `__provider` is kept. Never throws.
 */
export function normalizeLenient(raw: unknown): Record<string, unknown> {
  const source = isPlainObject(raw) ? raw : {};
  const values: Record<string, unknown> = {};
  for (const key of INPUT_KEYS) {
    const report: Report = { failures: [], warnings: [] };
    const value = FIELDS[key](source[key], key, report);
    values[key] = report.failures.length > 0 ? source[key] : value;
  }
  const out = shape(values);
  if (Object.prototype.hasOwnProperty.call(source, "__provider"))
    out.__provider = source.__provider;
  return out;
}

/**
 * The inputs of `create` or `update` as {@link NormalizedInputs}: re-checks them (checking is
 * idempotent, so checked inputs come back unchanged, and inputs written by an older version are
 * normalized) and throws an `Error` listing the failures when they are invalid or still hold an
 * unknown value (the engine never sends unknowns to create or update).
 *
 * @param raw The inputs the engine passed, plain JSON.
 */
export function requireNormalizedInputs(raw: unknown): NormalizedInputs {
  const result = checkInputs(undefined, raw);
  if (!result.ok) {
    const list = result.failures.map((f) => (f.property ? `${f.property}: ${f.reason}` : f.reason));
    throw new Error(`invalid OAuthClient inputs: ${list.join("; ")}`);
  }
  const { __provider: _provider, ...rest } = result.inputs;
  if (containsUnknown(rest)) throw new Error("OAuthClient inputs still hold unknown values");
  return result.inputs as NormalizedInputs;
}
