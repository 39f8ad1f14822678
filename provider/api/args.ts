/**
 * Argument checks of the API classes: they run before any request, so a missing id or a
 * mistyped `headers`/`query`/`body` never reaches the network. Messages name the method and the
 * parameter, and describe a bad value by its type only (values may be secrets).
 */
import { isPlainObject } from "./json";

/** Describes a value by its kind, never by its content. */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return value.trim() === "" ? "a blank string" : "a string";
  return typeof value === "object"
    ? "an object"
    : `${typeof value === "undefined" ? "" : "a "}${typeof value}`;
}

/** A required path parameter: a non-blank string, returned URI-encoded. */
export function pathParam(method: string, name: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new TypeError(
      `${method}: ${name} is required (a non-blank string); got ${kindOf(value)}.`,
    );
  }
  return encodeURIComponent(value);
}

/**
 * Optional `headers`/`query` object: `undefined`, `null` or a plain object whose keys are among
 * `allowed` and whose values are strings. Returns the entries that are set.
 */
export function optionalStrings(
  method: string,
  param: "headers" | "query",
  value: unknown,
  allowed: readonly string[],
): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) {
    throw new TypeError(`${method}: ${param} must be an object or null; got ${kindOf(value)}.`);
  }
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!allowed.includes(key)) {
      throw new TypeError(
        `${method}: ${param}.${key} is not a parameter of this operation (allowed: ${allowed.join(", ")}).`,
      );
    }
    if (v === undefined || v === null) continue;
    if (typeof v !== "string") {
      throw new TypeError(`${method}: ${param}.${key} must be a string; got ${kindOf(v)}.`);
    }
    out[key] = v;
  }
  return out;
}

/** A required JSON body: a plain object. */
export function requiredBody<T>(method: string, value: T): T {
  if (!isPlainObject(value)) {
    throw new TypeError(`${method}: body is required (an object); got ${kindOf(value)}.`);
  }
  return value;
}
