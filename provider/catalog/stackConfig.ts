/**
 * The stack config of a catalog stack (the root stack of this repository, or a user's copy): which
 * catalog file to load, the per-stack variables, and whether to protect the clients. Pure: it
 * takes the config as a plain map (`pulumi.runtime.allConfig()`), so it is tested without Pulumi.
 *
 * Keys, in the project's namespace (`<project>:key`):
 * - `vars`: an object of variables for `${name}` references, e.g. set with
 *   `pulumi config set --path vars.portalHost portal.example.com` (values keep their YAML type);
 * - `catalog`: the catalog file, relative to the project directory (default `oauth-clients.yaml`);
 * - `protect`: `true` to set Pulumi's `protect` option on every client (prod: no client can be
 *   deleted by a deployment until it is unprotected with `pulumi state unprotect`).
 * Any other key of the namespace is refused (a typo such as `var` would otherwise be ignored).
 */
import { closest, didYouMean, quote } from "../oauthClient/suggest";
import { DEFAULT_CATALOG_FILE } from "./format";

/** The keys a catalog stack reads in its project's namespace. */
export const CATALOG_STACK_KEYS = ["vars", "catalog", "protect"] as const;

/** What a catalog stack reads from its stack config. */
export interface CatalogStackConfig {
  /** The catalog file, relative to the project directory. */
  catalogFile: string;
  /** The variables for `${name}` references (an empty object when none are set). */
  vars: Record<string, unknown>;
  /** Where the variables come from, for messages: `the stack config <project>:vars`. */
  varsSource: string;
  /** Protect every client from deletion. */
  protect: boolean;
}

/** A stack config value a catalog stack cannot use. */
export class CatalogStackConfigError extends Error {
  /** The offending keys. */
  readonly keys: readonly string[];

  /**
   * @param message what is wrong and how to fix it
   * @param keys the offending keys
   */
  constructor(message: string, keys: readonly string[]) {
    super(message);
    this.name = "CatalogStackConfigError";
    this.keys = [...keys];
  }
}

/**
 * Reads the catalog stack's settings from the whole stack config.
 *
 * @param config every stack config value by namespaced key, as `pulumi.runtime.allConfig()`
 *   returns it (objects as JSON text)
 * @param project the project name (`pulumi.getProject()`), the namespace of the keys
 * @throws CatalogStackConfigError naming every offending key
 */
export function readCatalogStackConfig(
  config: Readonly<Record<string, string>>,
  project: string,
): CatalogStackConfig {
  const prefix = `${project}:`;
  const problems: string[] = [];
  const bad: string[] = [];
  const valid = CATALOG_STACK_KEYS as readonly string[];
  for (const key of Object.keys(config).sort()) {
    if (!key.startsWith(prefix)) continue;
    const bare = key.slice(prefix.length);
    if (valid.includes(bare)) continue;
    bad.push(key);
    const hint = closest(bare, valid, { var: "vars", variables: "vars", file: "catalog" });
    problems.push(
      `${key} is not a setting of this stack:${didYouMean(hint && `${prefix}${hint}`)} the ` +
        `settings are ${valid.map((k) => prefix + k).join(", ")}; a catalog variable goes in ` +
        `vars: pulumi config set --path vars.${bare} <value>`,
    );
  }
  const varsKey = `${prefix}vars`;
  let vars: Record<string, unknown> = {};
  const rawVars = config[varsKey];
  if (rawVars !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawVars);
    } catch {
      parsed = rawVars;
    }
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
      vars = parsed as Record<string, unknown>;
    } else {
      bad.push(varsKey);
      problems.push(
        `${varsKey} must be an object of variables, not ${quote(rawVars)}: set each variable ` +
          `with pulumi config set --path vars.<name> <value>`,
      );
    }
  }
  const protectKey = `${prefix}protect`;
  const rawProtect = config[protectKey];
  if (rawProtect !== undefined && rawProtect !== "true" && rawProtect !== "false") {
    bad.push(protectKey);
    problems.push(`${protectKey} must be true or false, not ${quote(rawProtect)}`);
  }
  const catalogKey = `${prefix}catalog`;
  const catalogFile = config[catalogKey] ?? DEFAULT_CATALOG_FILE;
  if (catalogFile.trim() === "") {
    bad.push(catalogKey);
    problems.push(`${catalogKey} is empty: give the catalog file, e.g. ${DEFAULT_CATALOG_FILE}`);
  }
  if (problems.length > 0) {
    throw new CatalogStackConfigError(
      `The stack config has ${problems.length === 1 ? "a problem" : `${problems.length} problems`}:\n` +
        problems.map((p) => `  ${p}`).join("\n"),
      bad,
    );
  }
  return {
    catalogFile,
    vars,
    varsSource: `the stack config ${varsKey}`,
    protect: rawProtect === "true",
  };
}
