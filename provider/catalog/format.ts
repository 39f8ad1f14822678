/**
 * The client catalog: one reviewed YAML file listing an org's OAuth clients, applied to every stack
 * (dev → test → prod). This module holds its plain-data types, the rules of its keys, and the
 * error type that carries every problem found in a file. No Pulumi import here.
 *
 * The file format is documented in README.md in this folder.
 */
import {
  INPUT_KEYS,
  type DeletionGuard,
  type InputField,
  type RoleDivisionInput,
} from "../oauthClient/types";

/** The default file name of a catalog, relative to the project directory. */
export const DEFAULT_CATALOG_FILE = "oauth-clients.yaml";

/**
 * What an entry key must look like: lower-case letters and digits in dash-separated words, with at
 * least one letter. The key is the Pulumi resource name, so it is part of the URN and must stay
 * stable. (An all-digit key is refused because JavaScript orders such keys before all others,
 * which would silently reorder the file's entries.)
 */
export const CATALOG_KEY_PATTERN = /^(?=[a-z0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The longest entry key accepted. */
export const CATALOG_KEY_MAX_LENGTH = 100;

/** The name of an entry field: any input of the OAuthClient resource. */
export type CatalogField = InputField;

/** The fields the writer puts first: what a reviewer looks for. */
const LEADING_FIELDS: readonly CatalogField[] = ["name", "adoptClientId"];

/**
 * The fields of an entry in the order the writer emits them: the name and the adopted id first
 * (what a reviewer looks for), then the resource's inputs in their canonical order (the Genesys
 * fields as the API orders them, then the provider's).
 */
export const CATALOG_FIELDS: readonly CatalogField[] = [
  ...LEADING_FIELDS,
  ...INPUT_KEYS.filter((key) => !LEADING_FIELDS.includes(key)),
];

/**
 * The arguments of one client as the catalog declares them (variables substituted, `null` values
 * dropped), in plain data: every field of `OAuthClientArgs`, with `name` always present (it
 * defaults to the entry key). Assignable to `OAuthClientArgs`.
 */
export interface CatalogClientArgs {
  /** Display name in Genesys Cloud; the entry key when the file omits it. */
  name: string;
  /** Manage this existing client (its id) instead of creating one. */
  adoptClientId?: string;
  /** Free text. */
  description?: string;
  /** `CODE`, `TOKEN`, `SAML2-BEARER`, `PASSWORD` or `CLIENT-CREDENTIALS`. */
  authorizedGrantType: string;
  /** Token lifetime in seconds (300 to 172800). */
  accessTokenValiditySeconds?: number;
  /** Allowed redirect URIs (code and implicit grants). */
  registeredRedirectUri?: string[];
  /** OAuth scopes (every grant except client credentials). */
  scope?: string[];
  /** Roles and divisions (client credentials). */
  roleDivisions?: RoleDivisionInput[];
  /** Deprecated role ids (home division). */
  roleIds?: string[];
  /** `active` or `inactive`. */
  state?: string;
  /** Changing it regenerates the secret. */
  secretRotationTrigger?: string;
  /** Regenerate the secret when it is older than this many days. */
  rotateAfterDays?: number;
  /** Refuse to delete the client while it is used. */
  deletionGuard?: DeletionGuard;
}

/** One client of a catalog. */
export interface CatalogEntry {
  /** The entry key: the Pulumi resource name (stable, unique, `[a-z0-9-]`). */
  key: string;
  /** The client's arguments. */
  args: CatalogClientArgs;
  /** The 1-based line of the entry key in the file, when it could be found. */
  line?: number;
  /**
   * The fields whose value came, wholly or in part, from a secret variable (the stack config's
   * `vars` set with `--secret`). `declareOAuthClients` declares them as Pulumi secrets, so the
   * engine stores them, and their outputs, encrypted. Absent when there are none.
   */
  secretFields?: CatalogField[];
}

/** A loaded, validated catalog. */
export interface ClientCatalog {
  /** The file name used in messages (as the caller gave it). */
  fileName: string;
  /** The clients, in file order. */
  entries: CatalogEntry[];
  /** Advice that does not stop a deployment (legacy spellings, duplicate display names, …). */
  warnings: string[];
}

/**
 * Variables for `${name}` references: names are identifiers (`[A-Za-z_][A-Za-z0-9_]*`), values
 * any JSON value. A value that is exactly `${name}` takes the variable's type (numbers, lists);
 * inside a longer string the variable must be a string, number or boolean.
 */
export type CatalogVars = Readonly<Record<string, unknown>>;

/** One problem found in a catalog: where it is and what to do about it. */
export interface CatalogProblem {
  /** The file name used in messages. */
  fileName: string;
  /** The path of the offending value, e.g. `clients.web-portal.scope[1]`; `""` for the file. */
  path: string;
  /** What is wrong and how to fix it (without the path). */
  message: string;
  /** 1-based line, when known (syntax errors, entry keys). */
  line?: number;
  /** 1-based column, when known (syntax errors). */
  column?: number;
}

/** `file:line:column: path: message`, the way compilers print diagnostics. */
export function formatProblem(problem: CatalogProblem): string {
  let where = problem.fileName;
  if (problem.line !== undefined) where += `:${problem.line}`;
  if (problem.line !== undefined && problem.column !== undefined) where += `:${problem.column}`;
  return problem.path === ""
    ? `${where}: ${problem.message}`
    : `${where}: ${problem.path}: ${problem.message}`;
}

/**
 * A catalog that cannot be used. Its message lists every problem found (not just the first), one
 * per line, each naming the file, the entry and the field; `problems` holds them as data.
 */
export class ClientCatalogError extends Error {
  /** Every problem found, in file order. */
  readonly problems: readonly CatalogProblem[];

  /**
   * @param fileName the file name used in messages
   * @param problems at least one problem
   */
  constructor(fileName: string, problems: readonly CatalogProblem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(
      `${fileName} has ${count}; nothing was deployed:\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join("\n"),
    );
    this.name = "ClientCatalogError";
    this.problems = [...problems];
  }
}
