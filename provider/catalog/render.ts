/**
 * The catalog writer: entries in, YAML text out, in the format {@link parseClientCatalog} reads.
 * Values are written literally (every `${` escaped as `$${`), so parsing the text without
 * variables gives the same entries back.
 */
import * as yaml from "js-yaml";
import { CATALOG_FIELDS, CATALOG_KEY_PATTERN, type CatalogClientArgs } from "./format";
import { escapeVariables } from "./vars";

/** One entry to write. */
export interface RenderEntry {
  /** The entry key (must match `[a-z0-9-]`, see `CATALOG_KEY_PATTERN`). */
  key: string;
  /** The client's arguments; `undefined` fields are left out. */
  args: CatalogClientArgs;
  /** Comment lines written above the entry (without `#`). */
  comment?: string | readonly string[];
}

/** Options of {@link renderClientCatalog}. */
export interface RenderOptions {
  /** Comment lines at the top of the file (without `#`). */
  header?: string | readonly string[];
}

function commentLines(text: string | readonly string[] | undefined, indent: string): string[] {
  if (text === undefined) return [];
  const lines = typeof text === "string" ? text.split("\n") : text.flatMap((t) => t.split("\n"));
  return lines.map((l) => (l === "" ? `${indent}#` : `${indent}# ${l}`));
}

function escapeDeep(value: unknown): unknown {
  if (typeof value === "string") return escapeVariables(value);
  if (Array.isArray(value)) return value.map(escapeDeep);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeDeep(v)]));
  }
  return value;
}

/** The fields of `args` in the writer's order, undefined ones dropped, unknown ones last. */
function ordered(args: CatalogClientArgs): Record<string, unknown> {
  const source = args as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const keys = [
    ...CATALOG_FIELDS,
    ...Object.keys(source).filter((k) => !(CATALOG_FIELDS as readonly string[]).includes(k)),
  ];
  for (const key of keys) {
    if (source[key] !== undefined) out[key] = escapeDeep(source[key]);
  }
  return out;
}

/**
 * Writes a catalog file: the header comment, then `clients:` with one block per entry (its comment
 * lines, then its fields in a fixed order). Strings that YAML would read as something else
 * (`"2026-01-01"`, `"yes"`, `"123"`) are quoted, so any YAML reader sees the same values.
 *
 * @param entries the clients, written in this order
 * @param options the header comment
 * @throws Error when a key is not a valid entry key or appears twice
 */
export function renderClientCatalog(
  entries: readonly RenderEntry[],
  options: RenderOptions = {},
): string {
  const seen = new Set<string>();
  for (const { key } of entries) {
    if (!CATALOG_KEY_PATTERN.test(key)) throw new Error(`renderClientCatalog: bad key ${key}`);
    if (seen.has(key)) throw new Error(`renderClientCatalog: duplicate key ${key}`);
    seen.add(key);
  }
  const out = commentLines(options.header, "");
  if (out.length > 0) out.push("");
  if (entries.length === 0) {
    out.push("clients: {}");
    return out.join("\n") + "\n";
  }
  out.push("clients:");
  entries.forEach((entry, index) => {
    if (index > 0) out.push("");
    out.push(...commentLines(entry.comment, "  "));
    const block = yaml.dump(
      { [entry.key]: ordered(entry.args) },
      { lineWidth: -1, noRefs: true, quotingType: '"', indent: 2 },
    );
    out.push(
      ...block
        .replace(/\n$/, "")
        .split("\n")
        .map((l) => `  ${l}`),
    );
  });
  return out.join("\n") + "\n";
}
