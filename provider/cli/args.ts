/**
 * Command-line parsing of `genesys-oauth`: the command, its flags, and the help texts. Pure: a
 * bad command line throws {@link UsageError} (exit code 2) before any setting is read.
 */
import { closest, didYouMean } from "../oauthClient/suggest";
import { DEFAULT_CATALOG_FILE } from "../catalog/format";

/** A bad command line; the CLI prints it with a pointer to `--help` and exits with 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** What the command line asks for. */
export type Command =
  | { command: "help"; topic?: "export" }
  | { command: "version" }
  | { command: "export"; flags: ExportFlags };

/** The flags of `genesys-oauth export`. */
export interface ExportFlags {
  /** The file to write (`--out`); `oauth-clients.yaml` by default. */
  out: string;
  /** Write the catalog to stdout instead of a file (`--stdout`). */
  stdout: boolean;
  /** Overwrite an existing file (`--force`). */
  force: boolean;
  /** Export the credentials' own client too (`--include-self`; default: left out). */
  includeSelf: boolean;
  /** Region override (`--region`), instead of `GENESYSCLOUD_REGION`. */
  region?: string;
  /** API URL override (`--api-url`), instead of `GENESYSCLOUD_API_URL`. */
  apiUrl?: string;
  /** Login URL override (`--login-url`), instead of `GENESYSCLOUD_LOGIN_URL`. */
  loginUrl?: string;
}

/** The general help. */
export const MAIN_HELP = `Usage: genesys-oauth <command> [options]

Commands:
  export     Write the org's OAuth clients to a client catalog (oauth-clients.yaml) that adopts them

Options:
  -h, --help     Show help (genesys-oauth export --help for the command's options)
  --version      Show the version

Run "genesys-oauth export --help" for the connection settings and exit codes.
`;

/** The help of `genesys-oauth export`. */
export const EXPORT_HELP = `Usage: genesys-oauth export [--out FILE | --stdout] [--force] [--include-self]
                            [--region REGION] [--api-url URL] [--login-url URL]

Reads every OAuth client of a Genesys Cloud org and writes a client catalog with one entry per
client. Each entry adopts its client (adoptClientId) with every field exactly as the org has it,
so a stack applying the file (see the root stack, stack/index.ts) takes the clients over with
"pulumi up" without changing anything in the org. Entry keys are derived from the client names.
No secret is written: the API never returns one.

Skipped, with the reason in the summary and at the top of the file: clients disabled by Genesys
support (the API refuses to change them), clients being deleted, clients the provider cannot
declare as they are, and the client whose credentials run the export (see --include-self).

Options:
  --out FILE        Write to FILE (default ${DEFAULT_CATALOG_FILE})
  --stdout          Write the catalog to standard output instead of a file
  --force           Overwrite FILE if it exists (without it, an existing file is never touched)
  --include-self    Also export the client whose credentials run the export. Left out by default:
                    a stack that manages its own credentials' client can lock itself out (removing
                    the entry deletes it; rotating its secret invalidates the stack's credentials).
  --exclude-self    Leave that client out (the default; accepted for explicit scripts)
  --region REGION   Org region, e.g. eu-central-1 (overrides GENESYSCLOUD_REGION)
  --api-url URL     API base URL, e.g. for a gateway or the emulator (overrides GENESYSCLOUD_API_URL)
  --login-url URL   Login base URL (overrides GENESYSCLOUD_LOGIN_URL)
  -h, --help        Show this help

Connection settings, read from the environment as the provider reads them:
  GENESYSCLOUD_OAUTHCLIENT_ID       id of a CLIENT-CREDENTIALS client allowed to list OAuth clients
  GENESYSCLOUD_OAUTHCLIENT_SECRET   its secret
  GENESYSCLOUD_ACCESS_TOKEN         or a pre-issued access token instead of the two above
  GENESYSCLOUD_REGION               e.g. us-east-1 (the default), eu-central-1, ap-southeast-2
  GENESYSCLOUD_API_URL, GENESYSCLOUD_LOGIN_URL   base URL overrides (gateways, the emulator)

The client secret and the access token are never accepted as command-line flags: a flag is saved
in your shell history and visible to every user of the machine in the process list. Put them in
the environment instead, e.g. read -rs GENESYSCLOUD_OAUTHCLIENT_SECRET and export it.

Exit codes: 0 exported; 1 settings, API or file error (nothing written); 2 usage error.
`;

const VALUE_FLAGS = ["--out", "--region", "--api-url", "--login-url"] as const;
const BOOLEAN_FLAGS = ["--stdout", "--force", "--include-self", "--exclude-self", "--help", "-h"];

/** Flags that would put a credential on the command line, and where the value belongs instead. */
const CREDENTIAL_FLAGS: Readonly<Record<string, string>> = {
  "--secret": "GENESYSCLOUD_OAUTHCLIENT_SECRET",
  "--client-secret": "GENESYSCLOUD_OAUTHCLIENT_SECRET",
  "--oauthclient-secret": "GENESYSCLOUD_OAUTHCLIENT_SECRET",
  "--oauth-client-secret": "GENESYSCLOUD_OAUTHCLIENT_SECRET",
  "--token": "GENESYSCLOUD_ACCESS_TOKEN",
  "--access-token": "GENESYSCLOUD_ACCESS_TOKEN",
  "--client-id": "GENESYSCLOUD_OAUTHCLIENT_ID",
  "--oauthclient-id": "GENESYSCLOUD_OAUTHCLIENT_ID",
  "--oauth-client-id": "GENESYSCLOUD_OAUTHCLIENT_ID",
};

function parseExport(args: readonly string[]): Command {
  const flags: ExportFlags = {
    out: DEFAULT_CATALOG_FILE,
    stdout: false,
    force: false,
    includeSelf: false,
  };
  const seen = new Set<string>();
  let selfFlag: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("-")) {
      throw new UsageError(`unexpected argument ${JSON.stringify(arg)}: export takes only options`);
    }
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (Object.prototype.hasOwnProperty.call(CREDENTIAL_FLAGS, name)) {
      throw new UsageError(
        `${name} is not accepted: credentials on the command line end up in shell history and ` +
          `the process list. Set the environment variable ${CREDENTIAL_FLAGS[name]} instead.`,
      );
    }
    if (name === "--help" || name === "-h") return { command: "help", topic: "export" };
    if (seen.has(name)) throw new UsageError(`${name} is given twice`);
    seen.add(name);
    if ((VALUE_FLAGS as readonly string[]).includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || value === "" || (eq < 0 && value.startsWith("--"))) {
        throw new UsageError(`${name} needs a value`);
      }
      if (name === "--out") flags.out = value;
      else if (name === "--region") flags.region = value;
      else if (name === "--api-url") flags.apiUrl = value;
      else flags.loginUrl = value;
      continue;
    }
    if (eq > 0 && BOOLEAN_FLAGS.includes(name)) throw new UsageError(`${name} takes no value`);
    if (name === "--stdout") flags.stdout = true;
    else if (name === "--force") flags.force = true;
    else if (name === "--include-self" || name === "--exclude-self") {
      if (selfFlag !== undefined)
        throw new UsageError(`${selfFlag} and ${name} contradict each other`);
      selfFlag = name;
      flags.includeSelf = name === "--include-self";
    } else {
      const suggestion = closest(
        name.replace(/^-+/, ""),
        [...VALUE_FLAGS, ...BOOLEAN_FLAGS].map((f) => f.replace(/^-+/, "")),
      );
      throw new UsageError(
        `unknown option ${name}:${didYouMean(suggestion && `--${suggestion}`)} see genesys-oauth export --help`,
      );
    }
  }
  if (flags.stdout && seen.has("--out"))
    throw new UsageError("--out and --stdout exclude each other");
  if (flags.stdout && flags.force) throw new UsageError("--force only applies to --out");
  return { command: "export", flags };
}

/**
 * Parses the command line (without `node` and the script).
 *
 * @throws UsageError for anything it does not understand
 */
export function parseCommandLine(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError("missing command: try genesys-oauth export");
  if (first === "--help" || first === "-h" || first === "help") {
    return rest[0] === "export" ? { command: "help", topic: "export" } : { command: "help" };
  }
  if (first === "--version" || first === "-v") return { command: "version" };
  if (first === "export") return parseExport(rest);
  const suggestion = closest(first, ["export"]);
  throw new UsageError(
    `unknown command ${JSON.stringify(first)}:${didYouMean(suggestion)} the command is export`,
  );
}
