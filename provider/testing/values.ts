/**
 * Property values as the engine keeps them: plain JSON plus a secret marker.
 *
 * The engine's state and the registrations carry secrets as `Secret` wrappers. Before a value
 * goes to the dynamic-provider host it is turned back into wire JSON with `toWire`, which strips
 * the markers (the host answers `acceptSecrets=false`, so the provider sees plaintext).
 */
import { inspect } from "util";

/** The string the engine sends in place of a value that is not known yet (`rpc.unknownValue`). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The key that marks a special value on the wire (`rpc.specialSigKey`). */
export const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The signature of a secret on the wire (`rpc.specialSecretSig`). */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

/** A JSON value, as carried by a `google.protobuf.Struct`. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonMap;
/** A JSON object. */
export interface JsonMap {
  [key: string]: JsonValue;
}

/** A property value: JSON, where any part may be wrapped in a `Secret`. */
export type PropertyValue =
  null | boolean | number | string | PropertyValue[] | PropertyMap | Secret;
/** A property bag (resource inputs or outputs). */
export interface PropertyMap {
  [key: string]: PropertyValue;
}

// A registry-independent brand, so a Secret made by another copy of this module is still one.
const SECRET_BRAND = Symbol.for("pulumi-genesyscloud-oauth.testing.Secret");

/**
 * A secret property value. It renders as `[secret]` in `JSON.stringify`, `util.inspect`, string
 * conversion and jest's failure output, so a failing assertion does not print the plaintext.
 */
export class Secret {
  /** The wrapped plaintext value. */
  readonly value: PropertyValue;
  /** Brand checked by `isSecret`. */
  readonly [SECRET_BRAND] = true;

  constructor(value: PropertyValue) {
    this.value = value instanceof Secret ? value.value : value;
  }

  /** Masks the value when serialized. */
  toJSON(): string {
    return "[secret]";
  }

  /** Masks the value when converted to a string. */
  toString(): string {
    return "[secret]";
  }

  /** Masks the value in `console.log` and `util.inspect`. */
  [inspect.custom](): string {
    return "[secret]";
  }
}

/**
 * Wraps a value as a secret (a secret stays a single secret), for registrations built by hand.
 * In a Pulumi program use `pulumi.secret()` as usual; the capture turns it into a `Secret`.
 */
export function makeSecret(value: PropertyValue): Secret {
  return new Secret(value);
}

/** True if the value is a `Secret` wrapper. */
export function isSecret(value: unknown): value is Secret {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { [SECRET_BRAND]?: unknown })[SECRET_BRAND] === true
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isSecret(value);
}

/**
 * Converts wire JSON (as the SDK serializes inputs, with `{[sigKey]: secretSig, value}` secrets)
 * into property values. Resource references become their ID (or URN), as the engine passes them to
 * a provider that does not accept resources; output values become their value or `UNKNOWN`.
 */
export function fromWire(value: unknown, path = ""): PropertyValue {
  if (value === null || typeof value === "boolean" || typeof value === "string") {
    return value;
  }
  if (typeof value === "number") {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((v, i) => fromWire(v, `${path}[${i}]`));
  }
  if (isSecret(value)) {
    return value;
  }
  if (isPlainObject(value)) {
    const sig = value[SPECIAL_SIG_KEY];
    if (sig === SECRET_SIG) {
      return new Secret(fromWire(value.value, path));
    }
    if (sig === RESOURCE_SIG) {
      const id = value.id;
      if (typeof id === "string") {
        return id === "" ? UNKNOWN : id;
      }
      return typeof value.urn === "string" ? value.urn : UNKNOWN;
    }
    if (sig === OUTPUT_VALUE_SIG) {
      const inner = value.value === undefined ? UNKNOWN : fromWire(value.value, path);
      return value.secret === true ? new Secret(inner) : inner;
    }
    const out: PropertyMap = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) {
        out[k] = fromWire(v, path ? `${path}.${k}` : k);
      }
    }
    return out;
  }
  throw new TypeError(`value at "${path || "<root>"}" is not JSON (${typeof value})`);
}

/** Converts a wire JSON object into a property map (see `fromWire`). */
export function mapFromWire(value: unknown): PropertyMap {
  const converted = fromWire(value ?? {});
  if (!isPlainObject(converted)) {
    throw new TypeError("expected an object of properties");
  }
  return converted as PropertyMap;
}

/**
 * Converts property values to wire JSON. With `keepSecrets` secrets stay wrapped in the wire
 * secret signature (what the engine sends to a provider that accepts secrets, e.g. Configure);
 * without it they become plaintext (what the engine sends to the dynamic-provider host).
 */
export function toWire(value: PropertyValue, keepSecrets = false): JsonValue {
  if (isSecret(value)) {
    const inner = toWire(value.value, keepSecrets);
    return keepSecrets ? { [SPECIAL_SIG_KEY]: SECRET_SIG, value: inner } : inner;
  }
  if (Array.isArray(value)) {
    return value.map((v) => toWire(v, keepSecrets));
  }
  if (value !== null && typeof value === "object") {
    const out: JsonMap = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = toWire(v, keepSecrets);
    }
    return out;
  }
  return value;
}

/** Strips all secret markers from a property map (the engine's `KeepSecrets: false`). */
export function plain(map: PropertyMap): JsonMap {
  return toWire(map) as JsonMap;
}

/** True if the value is or contains a secret. */
export function containsSecrets(value: PropertyValue): boolean {
  if (isSecret(value)) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.some(containsSecrets);
  }
  if (value !== null && typeof value === "object") {
    return Object.values(value).some(containsSecrets);
  }
  return false;
}

/** True if the value is or contains the unknown sentinel. */
export function containsUnknowns(value: PropertyValue): boolean {
  if (value === UNKNOWN) {
    return true;
  }
  if (isSecret(value)) {
    return containsUnknowns(value.value);
  }
  if (Array.isArray(value)) {
    return value.some(containsUnknowns);
  }
  if (value !== null && typeof value === "object") {
    return Object.values(value).some(containsUnknowns);
  }
  return false;
}

/** The paths (`a`, `a.b`, `a[0]`) of the secret values inside a value, outermost only. */
export function secretPaths(value: PropertyValue, prefix = ""): string[] {
  if (isSecret(value)) {
    return [prefix];
  }
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => secretPaths(v, `${prefix}[${i}]`));
  }
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => secretPaths(v, prefix ? `${prefix}.${k}` : k));
  }
  return [];
}

/**
 * Structural equality as the engine's `DeepEquals`: a secret equals only a secret with an equal
 * value, so making a value secret is a change.
 */
export function deepEqual(a: PropertyValue | undefined, b: PropertyValue | undefined): boolean {
  if (a === b) {
    return true;
  }
  if (a === undefined || b === undefined || a === null || b === null) {
    return false;
  }
  if (isSecret(a) || isSecret(b)) {
    return isSecret(a) && isSecret(b) && deepEqual(a.value, b.value);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((v, i) => deepEqual(v, b[i]))
    );
  }
  if (typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** The top-level keys whose values differ between two property maps, sorted. */
export function changedKeys(olds: PropertyMap, news: PropertyMap): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...keys].filter((k) => !deepEqual(olds[k], news[k])).sort();
}

/**
 * The engine's `annotateSecrets(outs, ins)`: an output becomes secret when the input with the same
 * key contains a secret; when both are objects the rule recurses instead of tainting the object.
 */
export function annotateSecrets(outs: PropertyMap, ins: PropertyMap): PropertyMap {
  const result: PropertyMap = { ...outs };
  for (const [key, inValue] of Object.entries(ins)) {
    if (!(key in result)) {
      continue;
    }
    const outValue = result[key];
    if (isPlainObject(outValue) && isPlainObject(inValue)) {
      result[key] = annotateSecrets(outValue as PropertyMap, inValue as PropertyMap);
    } else if (!isSecret(outValue) && containsSecrets(inValue)) {
      result[key] = new Secret(outValue);
    }
  }
  return result;
}

/** The step executor's `additionalSecretOutputs` rule: listed top-level outputs become secret. */
export function markSecretOutputs(outs: PropertyMap, keys: readonly string[]): PropertyMap {
  const result: PropertyMap = { ...outs };
  for (const key of keys) {
    if (key !== "id" && key in result && !isSecret(result[key])) {
      result[key] = new Secret(result[key]);
    }
  }
  return result;
}

/** Collects the plaintext strings inside the secrets of a value (for masking printed text). */
export function secretStrings(
  value: PropertyValue,
  inSecret = false,
  into: string[] = [],
): string[] {
  if (isSecret(value)) {
    return secretStrings(value.value, true, into);
  }
  if (typeof value === "string") {
    if (inSecret && value !== "") {
      into.push(value);
    }
  } else if (typeof value === "number" || typeof value === "boolean") {
    if (inSecret) {
      into.push(String(value));
    }
  } else if (Array.isArray(value)) {
    value.forEach((v) => secretStrings(v, inSecret, into));
  } else if (value !== null && typeof value === "object") {
    Object.values(value).forEach((v) => secretStrings(v, inSecret, into));
  }
  return into;
}
