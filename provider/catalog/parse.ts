/**
 * The catalog loader: YAML text in, a validated {@link ClientCatalog} out, or one
 * {@link ClientCatalogError} listing every problem in the file. Each entry's fields go through the
 * provider's own validator (`checkInputs`), so a catalog that loads is one the provider accepts.
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { isPlainObject } from "../api/json";
import { isUuid } from "../oauthClient/normalize";
import { closest, describe, didYouMean, quote } from "../oauthClient/suggest";
import { UNKNOWN } from "../oauthClient/types";
import { checkInputs } from "../oauthClient/validate";
import {
  CATALOG_FIELDS,
  CATALOG_KEY_MAX_LENGTH,
  CATALOG_KEY_PATTERN,
  ClientCatalogError,
  DEFAULT_CATALOG_FILE,
  type CatalogClientArgs,
  type CatalogEntry,
  type CatalogField,
  type CatalogProblem,
  type CatalogVars,
  type ClientCatalog,
} from "./format";
import { LineFinder } from "./lines";
import { slugify } from "./slug";
import { checkVariables, substituteVariables } from "./vars";

/** Options of {@link parseClientCatalog}. */
export interface ParseCatalogOptions {
  /** Values for `${name}` references. Default: none. */
  vars?: CatalogVars;
  /** Where `vars` come from, for messages, e.g. `the stack config genesys-oauth-clients:vars`. */
  varsSource?: string;
  /** The file name used in messages. Default `oauth-clients.yaml`. */
  fileName?: string;
  /**
   * The variables are secret (`pulumi config set --secret`): every entry field that uses one is
   * listed in its `secretFields`, so it is declared as a Pulumi secret. Default false.
   */
  secretVars?: boolean;
}

/** Options of {@link loadClientCatalog}. */
export interface LoadCatalogOptions extends Omit<ParseCatalogOptions, "fileName"> {
  /** The file name used in messages. Default: the path as given. */
  fileName?: string;
}

/**
 * YAML 1.2 core types plus merge keys (`<<: *anchor`). Deliberately without YAML 1.1 timestamps:
 * `secretRotationTrigger: 2026-01-01` must stay the text the reviewer sees, not become a Date.
 */
const CATALOG_SCHEMA = yaml.CORE_SCHEMA.extend({
  // js-yaml's merge-key type; its typings omit the `types` table that the runtime exports.
  implicit: [(yaml as unknown as { types: { merge: yaml.Type } }).types.merge],
});

/** The top-level keys; `x-…` keys are also allowed (to hold YAML anchors) and ignored. */
const TOP_LEVEL_KEYS = ["clients"];

class Problems {
  readonly list: CatalogProblem[] = [];
  constructor(readonly fileName: string) {}
  add(pathText: string, message: string, line?: number, column?: number): void {
    const problem: CatalogProblem = { fileName: this.fileName, path: pathText, message };
    if (line !== undefined) problem.line = line;
    if (column !== undefined) problem.column = column;
    this.list.push(problem);
  }
}

/** The path of an entry key: `clients.web-portal`, or `clients["Web Portal"]` when not plain. */
function entryPath(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? `clients.${key}` : `clients[${JSON.stringify(key)}]`;
}

/** Strips a validator's own leading path from its reason (we print the full path before it). */
function withoutPath(reason: string, property: string): string {
  if (property === "") return reason;
  if (reason.startsWith(`${property} `)) return reason.slice(property.length + 1);
  if (reason.startsWith(`${property}: `)) return reason.slice(property.length + 2);
  return reason;
}

function parseYaml(text: string, problems: Problems): unknown {
  try {
    return yaml.load(text, { schema: CATALOG_SCHEMA, filename: problems.fileName });
  } catch (err) {
    if (err instanceof yaml.YAMLException) {
      const line = err.mark ? (text.split(/\r?\n/)[err.mark.line] ?? "") : "";
      let hint = "";
      if (/duplicated mapping key/.test(err.reason)) {
        hint = " (every key may appear once per mapping; client keys must be unique)";
      } else if (line.includes("${") && /[[{]/.test(line)) {
        // `{` and `}` end flow collections, so an unquoted reference breaks `[…]` and `{…}`.
        hint = ' (inside [ ] or { }, quote a ${name} reference: "${name}")';
      }
      const snippet = err.mark?.snippet ? `\n${err.mark.snippet}` : "";
      problems.add(
        "",
        `YAML syntax error: ${err.reason}${hint}${snippet}`,
        err.mark ? err.mark.line + 1 : undefined,
        err.mark ? err.mark.column + 1 : undefined,
      );
      return undefined;
    }
    throw err;
  }
}

function checkKey(key: string, where: string, problems: Problems, line?: number): void {
  if (CATALOG_KEY_PATTERN.test(key) && key.length <= CATALOG_KEY_MAX_LENGTH) return;
  const slug = slugify(key);
  const example = slug === "" ? "" : `, e.g. ${quote(slug)}`;
  const reason =
    key.length > CATALOG_KEY_MAX_LENGTH
      ? `the key is ${key.length} characters long; the limit is ${CATALOG_KEY_MAX_LENGTH}`
      : `the key ${quote(key)} is not valid: use lower-case letters, digits and single dashes, with at least one letter${example}`;
  problems.add(
    where,
    `${reason} (the key is the Pulumi resource name; put the display name in name:)`,
    line,
  );
}

/** Validates one entry; returns its arguments (and secret fields) when it has no problem. */
function parseEntry(
  key: string,
  raw: unknown,
  context: { options: ParseCatalogOptions; lines: LineFinder; line?: number },
  problems: Problems,
  warnings: string[],
): { args: CatalogClientArgs; secret?: CatalogField[] } | undefined {
  const { options, lines, line } = context;
  const where = entryPath(key);
  /** Adds a problem at `sub` (a path below the entry), on the line of its top-level field. */
  const add = (sub: string, message: string): void => {
    const field = sub.split(/[.[]/)[0];
    const fieldLine = field === "" ? line : (lines.field(line, field) ?? line);
    problems.add(sub === "" ? where : `${where}.${sub}`, message, fieldLine);
  };
  if (!isPlainObject(raw)) {
    const fix =
      raw === null || raw === undefined
        ? "give it its fields, at least authorizedGrantType"
        : "write its fields as a mapping (name:, authorizedGrantType:, …)";
    add("", `an entry must be a mapping of fields, not ${describe(raw)}: ${fix}`);
    return undefined;
  }
  const before = problems.list.length;
  const substituted = substituteVariables(raw, {
    vars: options.vars ?? {},
    ...(options.varsSource ? { source: options.varsSource } : {}),
  });
  // `__provider` and the like are the engine's, never a program's.
  const values = Object.fromEntries(
    Object.entries(substituted.value as Record<string, unknown>).filter(([field]) => {
      if (field.startsWith("__")) add(field, `unknown property ${quote(field)}`);
      return !field.startsWith("__");
    }),
  );
  for (const problem of substituted.problems) {
    add(problem.path, problem.message);
    // An unknown value skips its own validation and the grant rules it takes part in.
    const field = problem.path.split(/[.[]/)[0];
    if (!field.startsWith("__")) values[field] = UNKNOWN;
  }
  if (values.name === undefined || values.name === null) values.name = key;
  const result = checkInputs(undefined, values);
  for (const failure of result.failures) {
    add(failure.property, withoutPath(failure.reason, failure.property));
  }
  for (const warning of result.warnings) warnings.push(`${problems.fileName}: ${where}.${warning}`);
  if (problems.list.length > before) return undefined;
  const args: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) {
    if (value !== null && value !== undefined) args[field] = value;
  }
  if (options.secretVars === true) {
    const fields = new Set(substituted.usedAt.map((p) => p.split(/[.[]/)[0]));
    const secret = CATALOG_FIELDS.filter((field) => fields.has(field) && field in args);
    if (secret.length > 0) return { args: args as unknown as CatalogClientArgs, secret };
  }
  return { args: args as unknown as CatalogClientArgs };
}

/** Cross-entry rules: one resource per adopted client (error), distinct display names (warning). */
function checkAcrossEntries(entries: CatalogEntry[], problems: Problems, warnings: string[]): void {
  const adopted = new Map<string, string>();
  const names = new Map<string, string[]>();
  for (const { key, args } of entries) {
    const adopt = args.adoptClientId;
    if (typeof adopt === "string" && isUuid(adopt.trim())) {
      const id = adopt.trim().toLowerCase();
      const first = adopted.get(id);
      if (first !== undefined) {
        problems.add(
          `${entryPath(key)}.adoptClientId`,
          `adopts client ${id}, which ${entryPath(first)} adopts already: two resources would ` +
            "fight over one client; keep one entry",
        );
      } else adopted.set(id, key);
    }
    names.set(args.name, [...(names.get(args.name) ?? []), key]);
  }
  for (const [name, keys] of names) {
    if (keys.length > 1) {
      warnings.push(
        `${problems.fileName}: ${keys.map(entryPath).join(", ")} share the display name ` +
          `${quote(name)}: Genesys allows it, but people and name lookups cannot tell them apart`,
      );
    }
  }
}

/**
 * Parses and validates a catalog. Every problem is collected (YAML syntax errors stop at the
 * first, since nothing after it can be read) and thrown together as one
 * {@link ClientCatalogError}, before anything is declared.
 *
 * @param text the YAML text
 * @param options variables and the file name for messages
 */
export function parseClientCatalog(text: string, options: ParseCatalogOptions = {}): ClientCatalog {
  const fileName = options.fileName ?? DEFAULT_CATALOG_FILE;
  const problems = new Problems(fileName);
  const fail = (): never => {
    throw new ClientCatalogError(fileName, problems.list);
  };
  const warnings: string[] = [];
  for (const message of checkVariables(options.vars ?? {})) {
    problems.add("", options.varsSource ? `${options.varsSource}: ${message}` : message);
  }
  const before = problems.list.length;
  const doc = parseYaml(text, problems);
  if (problems.list.length > before) fail();
  if (doc === undefined || doc === null) {
    problems.add("", "the file is empty: it needs a clients: mapping with one entry per client");
    fail();
  }
  if (!isPlainObject(doc)) {
    problems.add("", `the file must be a mapping with a clients: key, not ${describe(doc)}`);
    fail();
  }
  const top = doc as Record<string, unknown>;
  for (const key of Object.keys(top)) {
    if (TOP_LEVEL_KEYS.includes(key) || key.startsWith("x-")) continue;
    problems.add(
      key,
      `unknown top-level key ${quote(key)}:${didYouMean(closest(key, TOP_LEVEL_KEYS))} the file ` +
        "has clients: (and x-… keys for YAML anchors)",
    );
  }
  const clients = top.clients;
  if (clients === undefined || clients === null) {
    problems.add(
      "clients",
      "is missing or empty: list the clients below it (write clients: {} to declare none, which " +
        "deletes every client this stack manages)",
    );
    fail();
  }
  if (!isPlainObject(clients)) {
    problems.add("clients", `must be a mapping of entry key to fields, not ${describe(clients)}`);
    fail();
  }
  const clientMap = clients as Record<string, unknown>;
  const lines = new LineFinder(text);
  if (Object.keys(clientMap).length === 0) {
    warnings.push(`${fileName}: clients is empty: every client this stack manages will be deleted`);
  }
  const entries: CatalogEntry[] = [];
  for (const [key, raw] of Object.entries(clientMap)) {
    const line = lines.entry(key);
    checkKey(key, entryPath(key), problems, line);
    const parsed = parseEntry(key, raw, { options, lines, line }, problems, warnings);
    if (parsed === undefined) continue;
    const entry: CatalogEntry = { key, args: parsed.args };
    if (line !== undefined) entry.line = line;
    if (parsed.secret !== undefined) entry.secretFields = parsed.secret;
    entries.push(entry);
  }
  checkAcrossEntries(entries, problems, warnings);
  if (problems.list.length > 0) fail();
  return { fileName, entries, warnings };
}

/**
 * Reads and validates a catalog file (see {@link parseClientCatalog}). A missing or unreadable
 * file is a {@link ClientCatalogError} too.
 *
 * @param file the path of the YAML file
 * @param options variables and the file name for messages
 */
export function loadClientCatalog(file: string, options: LoadCatalogOptions = {}): ClientCatalog {
  const fileName = options.fileName ?? file;
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message =
      code === "ENOENT"
        ? `the file does not exist (${path.resolve(file)}): create it, or write one from an ` +
          "existing org with `npx genesys-oauth export`"
        : `cannot read the file: ${(err as Error).message}`;
    throw new ClientCatalogError(fileName, [{ fileName, path: "", message }]);
  }
  return parseClientCatalog(text, { ...options, fileName });
}
