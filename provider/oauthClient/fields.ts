/**
 * Validation and normalization of the scalar OAuthClient inputs. Each validator takes the raw JSON
 * value and its property path, reports failures (with the fix) and warnings, and returns the
 * normalized value (`undefined` = omitted). `null` on an optional field means omitted. Unknown
 * values are returned untouched and never validated.
 */
import { isPlainObject } from "../api/json";
import { GRANT_TYPES, type GrantType } from "../api/models";
import { isUnknown, isUuid, LEGACY_GRANT_TYPES, normalizeGrantType } from "./normalize";
import { closest, codePoint, describe, didYouMean, quote } from "./suggest";
import { DESIRED_STATES, LIMITS, type CheckFailure } from "./types";

/** Where validators put what they find. */
export interface Report {
  /** Problems that stop the deployment. */
  failures: CheckFailure[];
  /** Advice. */
  warnings: string[];
}

/** A validator of one field: raw JSON value and path in, normalized value out. */
export type Validator = (raw: unknown, path: string, report: Report) => unknown;

/** Records a failure. */
export function fail(report: Report, property: string, reason: string): void {
  report.failures.push({ property, reason });
}

/** `name` or `deletionGuard.unusedForDays`, for the start of a message. */
function wrongType(path: string, raw: unknown, expected: string, fix: string): string {
  return `${path} must be ${expected}, not ${describe(raw)}: ${fix}`;
}

/** Reports a non-string; returns true when `raw` is a string. */
export function requireString(raw: unknown, path: string, report: Report, fix: string): boolean {
  if (typeof raw === "string") return true;
  let hint = fix;
  if (typeof raw === "number" || typeof raw === "boolean") hint = `quote it: "${String(raw)}"`;
  if (Array.isArray(raw) && raw.length === 1 && typeof raw[0] === "string") {
    hint = `write the single value without brackets: ${quote(raw[0])}`;
  }
  fail(report, path, wrongType(path, raw, "a string", hint));
  return false;
}

const NAME_FORBIDDEN = /[\p{Cc}\p{Cs}\u2028\u2029]/u;
const DESCRIPTION_FORBIDDEN = /(?![\n\t])[\p{Cc}\p{Cs}]/u;

/** The first forbidden character of `value` as "U+0007 at position 4", or undefined. */
function forbiddenChar(value: string, pattern: RegExp): string | undefined {
  const chars = [...value];
  const index = chars.findIndex((c) => pattern.test(c));
  return index < 0 ? undefined : `${codePoint(chars[index])} at position ${index + 1}`;
}

/** `name`: required, one line of printable text, no surrounding whitespace, ≤ 200 characters. */
export const validateName: Validator = (raw, path, report) => {
  if (isUnknown(raw)) return raw;
  if (raw === undefined || raw === null) {
    fail(report, path, `${path} is required: give the client a display name, e.g. "billing-sync"`);
    return undefined;
  }
  if (!requireString(raw, path, report, 'write the display name as text, e.g. "billing-sync"')) {
    return raw;
  }
  const value = raw as string;
  if (value.trim() === "") {
    fail(report, path, `${path} must not be empty or blank: give the client a display name`);
  } else if (value !== value.trim()) {
    fail(report, path, `${path} has leading or trailing whitespace: use ${quote(value.trim())}`);
  }
  const bad = forbiddenChar(value, NAME_FORBIDDEN);
  if (bad !== undefined) {
    fail(
      report,
      path,
      `${path} contains a control or invalid character (${bad}): remove it; names are one ` +
        "line of printable text (letters of any script and emoji are fine)",
    );
  }
  const length = [...value].length;
  if (length > LIMITS.nameMaxLength) {
    fail(
      report,
      path,
      `${path} is ${length} characters long; the limit is ${LIMITS.nameMaxLength}: shorten it`,
    );
  }
  return value;
};

/** `description`: optional (default `""`), printable text with newlines and tabs, ≤ 4000. */
export const validateDescription: Validator = (raw, path, report) => {
  if (isUnknown(raw)) return raw;
  if (raw === undefined || raw === null) return "";
  if (!requireString(raw, path, report, 'write the description as text, e.g. "Syncs invoices"')) {
    return raw;
  }
  const value = raw as string;
  const bad = forbiddenChar(value, DESCRIPTION_FORBIDDEN);
  if (bad !== undefined) {
    const fix = bad.startsWith("U+000D")
      ? "use \\n line endings instead of \\r\\n"
      : "remove it (only \\n and \\t are allowed)";
    fail(report, path, `${path} contains a control or invalid character (${bad}): ${fix}`);
  }
  const length = [...value].length;
  if (length > LIMITS.descriptionMaxLength) {
    fail(
      report,
      path,
      `${path} is ${length} characters long; the limit is ${LIMITS.descriptionMaxLength}: ` +
        "shorten it (keep long documentation elsewhere and link to it)",
    );
  }
  return value;
};

/** Common OAuth names for the Genesys grant types, for suggestions. */
const GRANT_ALIASES: Readonly<Record<string, GrantType>> = {
  implicit: "TOKEN",
  authorization_code: "CODE",
  authorizationcode: "CODE",
  client_credential: "CLIENT-CREDENTIALS",
  clientcredentials: "CLIENT-CREDENTIALS",
  saml2: "SAML2-BEARER",
  saml: "SAML2-BEARER",
  password_grant: "PASSWORD",
};

/** `authorizedGrantType`: required; legacy spellings normalized (with a warning). */
export const validateGrantType: Validator = (raw, path, report) => {
  if (isUnknown(raw)) return raw;
  const valid = `valid values: ${GRANT_TYPES.join(", ")}`;
  if (raw === undefined || raw === null || raw === "") {
    fail(report, path, `${path} is required: ${valid}`);
    return undefined;
  }
  if (!requireString(raw, path, report, `use one of ${GRANT_TYPES.join(", ")}`)) return raw;
  const value = raw as string;
  const normalized = normalizeGrantType(value);
  if (normalized === undefined) {
    const suggestion = closest(value, GRANT_TYPES, GRANT_ALIASES);
    fail(report, path, `${quote(value)} is not a grant type:${didYouMean(suggestion)} ${valid}`);
    return raw;
  }
  if (normalized !== value && Object.prototype.hasOwnProperty.call(LEGACY_GRANT_TYPES, value)) {
    report.warnings.push(
      `${path}: ${quote(value)} is a legacy spelling; using "${normalized}" (write it that way ` +
        "to silence this warning)",
    );
  }
  return normalized;
};

/**
 * An integer field within bounds. `undefined`/`null` give `fallback`. `unit` names what the
 * number counts, e.g. "seconds".
 */
export function validateInteger(
  raw: unknown,
  path: string,
  report: Report,
  bounds: { min: number; max: number; fallback?: number; unit: string; example: number },
): unknown {
  if (isUnknown(raw)) return raw;
  if (raw === undefined || raw === null) return bounds.fallback;
  const range = `between ${bounds.min} and ${bounds.max} ${bounds.unit}`;
  if (typeof raw !== "number") {
    const numeric = typeof raw === "string" && raw.trim() !== "" && Number.isFinite(Number(raw));
    const fix = numeric
      ? `pass the number itself, without quotes: ${Number(raw)}`
      : `e.g. ${bounds.example}`;
    fail(report, path, wrongType(path, raw, `a whole number of ${bounds.unit}`, fix));
    return raw;
  }
  if (!Number.isFinite(raw)) {
    fail(report, path, `${path} must be a finite number ${range}, not ${describe(raw)}`);
  } else if (!Number.isInteger(raw)) {
    fail(
      report,
      path,
      `${path} must be a whole number of ${bounds.unit}, not ${raw}: use ${Math.round(raw)}`,
    );
  } else if (raw < bounds.min || raw > bounds.max) {
    fail(report, path, `${path} must be ${range}, not ${raw}: e.g. ${bounds.example}`);
  }
  return raw;
}

/** `accessTokenValiditySeconds`: 300 to 172800, default 86400 (the server's own default). */
export const validateAccessTokenValidity: Validator = (raw, path, report) =>
  validateInteger(raw, path, report, {
    min: LIMITS.accessTokenValidityMin,
    max: LIMITS.accessTokenValidityMax,
    fallback: LIMITS.accessTokenValidityDefault,
    unit: "seconds (5 minutes to 48 hours)",
    example: 3600,
  });

/** `rotateAfterDays`: optional, 1 to 3650. */
export const validateRotateAfterDays: Validator = (raw, path, report) =>
  validateInteger(raw, path, report, {
    min: 1,
    max: LIMITS.rotateAfterDaysMax,
    unit: "days",
    example: 90,
  });

/** `state`: `active` (default) or `inactive`. */
export const validateState: Validator = (raw, path, report) => {
  if (isUnknown(raw)) return raw;
  if (raw === undefined || raw === null) return "active";
  if (!requireString(raw, path, report, 'use "active" or "inactive"')) return raw;
  const value = raw as string;
  if ((DESIRED_STATES as readonly string[]).includes(value)) return value;
  if (value === "disabled") {
    fail(
      report,
      path,
      `${path} "disabled" can only be set by Genesys support: use "inactive" to stop the ` +
        'client from creating tokens, or "active"',
    );
  } else {
    const suggestion = closest(value, DESIRED_STATES);
    fail(
      report,
      path,
      `${quote(value)} is not a state:${didYouMean(suggestion)} use "active" or "inactive"`,
    );
  }
  return raw;
};

/** `secretRotationTrigger`: any string; empty means none. */
export const validateTrigger: Validator = (raw, path, report) => {
  if (isUnknown(raw)) return raw;
  if (raw === undefined || raw === null || raw === "") return undefined;
  if (!requireString(raw, path, report, 'use any text, e.g. a date: "2026-08-01"')) return raw;
  return raw;
};

/** `adoptClientId`: the UUID of an existing client, lower-cased. */
export const validateAdoptClientId: Validator = (raw, path, report) => {
  if (isUnknown(raw)) return raw;
  if (raw === undefined || raw === null) return undefined;
  if (!requireString(raw, path, report, "use the client id (a UUID) of an existing OAuth client")) {
    return raw;
  }
  const value = (raw as string).trim();
  if (!isUuid(value)) {
    fail(
      report,
      path,
      `${path} must be the client id (a UUID such as "1b4e28ba-2fa1-11d2-883f-0016d3cca427") ` +
        `of an existing OAuth client, not ${describe(raw)}: copy it from Admin > OAuth`,
    );
    return raw;
  }
  if (value !== raw) fail(report, path, `${path} has surrounding whitespace: use ${quote(value)}`);
  return value.toLowerCase();
};

/** `deletionGuard`: `{ unusedForDays: 1..365 }`, nothing else. */
export const validateDeletionGuard: Validator = (raw, path, report) => {
  if (isUnknown(raw)) return raw;
  if (raw === undefined || raw === null) return undefined;
  if (!isPlainObject(raw)) {
    fail(report, path, wrongType(path, raw, "an object", "write { unusedForDays: 30 }"));
    return raw;
  }
  for (const key of Object.keys(raw)) {
    if (key !== "unusedForDays") {
      const suggestion = closest(key, ["unusedForDays"], { days: "unusedForDays" });
      fail(
        report,
        `${path}.${key}`,
        `unknown property ${quote(key)} in ${path}:${didYouMean(suggestion)} the only ` +
          "property is unusedForDays",
      );
    }
  }
  const days = raw.unusedForDays;
  const field = `${path}.unusedForDays`;
  if (days === undefined || days === null) {
    fail(report, field, `${field} is required: the number of days without API use, e.g. 30`);
    return raw;
  }
  const value = validateInteger(days, field, report, {
    min: 1,
    max: LIMITS.unusedForDaysMax,
    unit: "days",
    example: 30,
  });
  return { unusedForDays: value };
};
