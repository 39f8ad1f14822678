/**
 * Helpers for failure messages that say the fix: "did you mean" suggestions and short, safe
 * descriptions of offending values.
 */

/** Edit distance (insertions, deletions, substitutions) between two strings. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

/** Lower case without separators, so `grant_type`, `Grant-Type` and `granttype` compare equal. */
function fold(value: string): string {
  return value.toLowerCase().replace(/[\s_\-.]/g, "");
}

/**
 * The candidate closest to `value`, or `undefined` when none is close: equal after folding case
 * and separators, a well-known alias, or within a small edit distance (about a third of the
 * length, at most 3), so unrelated words get no suggestion.
 */
export function closest(
  value: string,
  candidates: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): string | undefined {
  const folded = fold(value);
  const exact = candidates.find((c) => fold(c) === folded);
  if (exact !== undefined) return exact;
  const alias = Object.entries(aliases).find(([k]) => fold(k) === folded);
  if (alias !== undefined) return alias[1];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(folded, fold(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.min(3, Math.max(1, Math.floor(folded.length / 3)));
  return bestDistance <= allowed ? best : undefined;
}

/** `did you mean "X"?` or an empty string. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? "" : ` did you mean "${suggestion}"?`;
}

const SHOWN_LENGTH = 60;

/**
 * A short description of a JSON value for a message: its type and, for small scalars, the value
 * (strings are quoted and cut at 60 characters so a huge value never floods the output).
 */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return `a list (${value.length} items)`;
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
    return `the number ${value}`;
  }
  if (typeof value === "string") return `the string ${quote(value)}`;
  if (typeof value === "boolean") return `the boolean ${value}`;
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

/** A value in double quotes, control characters escaped, cut at 60 characters. */
export function quote(value: string): string {
  const chars = [...value];
  const cut = chars.length > SHOWN_LENGTH ? chars.slice(0, SHOWN_LENGTH).join("") + "…" : value;
  return JSON.stringify(cut);
}

/** `U+000D` for a character. */
export function codePoint(char: string): string {
  return "U+" + (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
}
