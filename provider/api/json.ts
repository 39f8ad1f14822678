/**
 * The one test for "a JSON object" used across the package: property bags from the engine, API
 * responses, and the arguments of API methods and lookups. No Pulumi import, so the provider core
 * and the dynamic-provider host can use it.
 */

/**
 * True for a plain object: `{…}`, `Object.create(null)` or an object from another realm (jest's
 * sandbox, a `vm` context), but not an array, `null`, a `Date`, a `Map` or a class instance. Its
 * prototype is a root prototype (whose own prototype is `null`) or `null`, which holds for
 * `Object.prototype` of any realm, so values built outside the current realm still pass.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** `value` when it is a plain object (see {@link isPlainObject}), else a new empty object. */
export function asRecord(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}
