/** Property paths (`a`, `a.b`, `a[0].c`) as used by `ignoreChanges` and `replaceOnChanges`. */
import { PropertyMap, PropertyValue, isSecret } from "./values";

/** Splits a property path into its keys and indexes. */
export function parsePath(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]|\["([^"]*)"\]/g;
  for (const match of path.matchAll(pattern)) {
    if (match[2] !== undefined) {
      segments.push(Number(match[2]));
    } else {
      segments.push(match[1] ?? match[3] ?? "");
    }
  }
  return segments;
}

function child(value: PropertyValue | undefined, key: string | number): PropertyValue | undefined {
  const plainValue = isSecret(value) ? value.value : value;
  if (plainValue === null || typeof plainValue !== "object") {
    return undefined;
  }
  return Array.isArray(plainValue)
    ? typeof key === "number"
      ? plainValue[key]
      : undefined
    : (plainValue as PropertyMap)[String(key)];
}

function getAt(
  root: PropertyValue | undefined,
  segments: (string | number)[],
): PropertyValue | undefined {
  let value = root;
  for (const key of segments) {
    value = child(value, key);
    if (value === undefined) {
      return undefined;
    }
  }
  return value;
}

/** A copy of `value` with the value at `segments` replaced (removed when `replacement` is undefined). */
function setAt(
  value: PropertyValue | undefined,
  segments: (string | number)[],
  replacement: PropertyValue | undefined,
): PropertyValue | undefined {
  if (segments.length === 0) {
    return replacement;
  }
  const [key, ...rest] = segments;
  if (Array.isArray(value)) {
    const index = Number(key);
    if (!Number.isInteger(index) || index >= value.length) {
      return value;
    }
    const updated = setAt(value[index], rest, replacement);
    return updated === undefined ? value : value.map((v, i) => (i === index ? updated : v));
  }
  if (value === null || typeof value !== "object" || isSecret(value)) {
    return value;
  }
  const name = String(key);
  if (rest.length > 0 && !(name in value)) {
    return value;
  }
  const updated = setAt(value[name], rest, replacement);
  const entries = Object.entries(value);
  if (!(name in value)) {
    return updated === undefined ? value : Object.fromEntries([...entries, [name, updated]]);
  }
  // Keep the key order: replace in place, or drop the key.
  return Object.fromEntries(
    entries.flatMap(([k, v]) =>
      k !== name ? [[k, v]] : updated === undefined ? [] : [[k, updated]],
    ),
  );
}

/**
 * The engine's `processIgnoreChanges`: each ignored path of the new inputs is reset to its value in
 * the old inputs (removed if the old inputs have none), so it can never cause a change.
 */
export function applyIgnoreChanges(
  inputs: PropertyMap,
  oldInputs: PropertyMap,
  ignoreChanges: readonly string[],
): PropertyMap {
  let result = inputs;
  for (const path of ignoreChanges) {
    const segments = parsePath(path);
    if (segments.length > 0) {
      result = setAt(result, segments, getAt(oldInputs, segments)) as PropertyMap;
    }
  }
  return result;
}

/** True if `path` equals `key` or lies inside it (`a` contains `a.b` and `a[0]`). */
export function pathContains(path: string, key: string): boolean {
  const outer = parsePath(path);
  const inner = parsePath(key);
  return outer.length <= inner.length && outer.every((seg, i) => seg === inner[i] || seg === "*");
}
