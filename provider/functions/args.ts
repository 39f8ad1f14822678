/**
 * Argument checks shared by the lookup functions. They run before the settings are read and
 * before any request, and throw {@link LookupArgumentError} naming the argument and the fix.
 * Arguments carry no secrets, so a bad value may be shown (shortened).
 */
import { isPlainObject } from "../api/json";
import { closest, describe } from "../oauthClient/suggest";
import { LookupArgumentError } from "./errors";

/**
 * The arguments object of a lookup (`undefined`/`null` read as `{}`). An unknown key is refused
 * with a suggestion, so a typo (`metric` for `metrics`) is not silently ignored.
 */
export function argsObject(
  lookup: string,
  args: unknown,
  allowed: readonly string[],
  path = "args",
): Record<string, unknown> {
  if (args === undefined || args === null) return {};
  const prefix = path === "args" ? "" : `${path}.`;
  if (!isPlainObject(args)) {
    throw new LookupArgumentError(
      lookup,
      path,
      `must be an object such as { ${allowed.join(", ")} }; got ${describe(args)}.`,
    );
  }
  for (const key of Object.keys(args)) {
    if (!allowed.includes(key)) {
      const known = allowed.length > 0 ? `known: ${allowed.join(", ")}` : "it takes none";
      const suggestion = closest(key, allowed);
      const hint = suggestion === undefined ? "" : ` Did you mean ${JSON.stringify(suggestion)}?`;
      throw new LookupArgumentError(
        lookup,
        `${prefix}${key}`,
        `is not ${prefix ? "an option" : "an argument"} of this function (${known}).${hint}`,
      );
    }
  }
  return args;
}

/** A required id: a non-blank string without surrounding whitespace. */
export function requiredId(lookup: string, name: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new LookupArgumentError(
      lookup,
      name,
      `is required: pass the id as a non-blank string; got ${describe(value)}.`,
    );
  }
  if (value !== value.trim()) {
    throw new LookupArgumentError(
      lookup,
      name,
      `has leading or trailing whitespace (a pasted newline?); remove it.`,
    );
  }
  return value;
}

// Language ranges as RFC 9110 `Accept-Language` spells them: `de-de`, `fr;q=0.8, en-us`, `*`.
const LANGUAGE_RANGE =
  /^(\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)(\s*;\s*q=(0(\.\d{0,3})?|1(\.0{0,3})?))?$/;

/** An optional `Accept-Language` value: one or more language ranges such as `de-de` or `fr, en;q=0.5`. */
export function optionalLanguage(lookup: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const ok =
    typeof value === "string" &&
    value.trim() !== "" &&
    value.split(",").every((part) => LANGUAGE_RANGE.test(part.trim()));
  if (!ok) {
    throw new LookupArgumentError(
      lookup,
      "acceptLanguage",
      `must be a language tag such as "en-us" or "de-de" (or ranges like "fr, en;q=0.5"); ` +
        `got ${describe(value)}.`,
    );
  }
  return value;
}

/** An optional boolean flag. */
export function optionalBoolean(lookup: string, name: string, value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") {
    throw new LookupArgumentError(lookup, name, `must be true or false; got ${describe(value)}.`);
  }
  return value;
}

/** The `Accept-Language` header object of the API client, or `undefined` when no language is set. */
export function languageHeaders(
  language: string | undefined,
): { "Accept-Language": string } | undefined {
  return language === undefined ? undefined : { "Accept-Language": language };
}
