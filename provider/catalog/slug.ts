/**
 * Entry keys derived from display names: `"Web Portal (prod)"` → `web-portal-prod`. Used by the
 * export to name the entries of an org's clients, and by the loader to suggest a valid key.
 */
import { CATALOG_KEY_MAX_LENGTH } from "./format";

/** The longest key {@link slugify} produces (room for a `-NN` suffix below the hard limit). */
export const SLUG_MAX_LENGTH = 60;

/**
 * A valid entry key for `text`: accents removed, lower case, every run of other characters one
 * dash, no leading/trailing dash, at most {@link SLUG_MAX_LENGTH} characters, `client-` in front
 * when no letter is left (`"2024"` → `client-2024`). `""` when nothing usable is left (e.g. a name
 * in a non-Latin script); callers supply a fallback.
 */
export function slugify(text: string): string {
  const ascii = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  let slug = ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (slug !== "" && !/[a-z]/.test(slug)) slug = `client-${slug}`;
  return slug.slice(0, SLUG_MAX_LENGTH).replace(/-+$/, "");
}

/**
 * Unique keys for a list of names, in the same order: each name's slug (or `fallback` when it has
 * none), with `-2`, `-3`, … appended to the second and later uses of a key, in list order. Sort the
 * list deterministically first and the keys are deterministic too.
 */
export function uniqueKeys(names: readonly string[], fallback = "client"): string[] {
  const bases = names.map((name) => slugify(name) || fallback);
  const taken = new Set<string>(bases.filter((b, i) => bases.indexOf(b) === i));
  const used = new Set<string>();
  return bases.map((base) => {
    if (!used.has(base)) {
      used.add(base);
      return base;
    }
    for (let n = 2; ; n++) {
      const candidate = `${base.slice(0, CATALOG_KEY_MAX_LENGTH - String(n).length - 1)}-${n}`;
      if (!used.has(candidate) && !taken.has(candidate)) {
        used.add(candidate);
        return candidate;
      }
    }
  });
}
