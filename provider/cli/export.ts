#!/usr/bin/env node
/**
 * `genesys-oauth export` (package bin `genesys-oauth`): writes an org's OAuth clients to a client
 * catalog that adopts them. Connection settings come from the `GENESYSCLOUD_*` environment through
 * the provider's own settings reader; `--region`, `--api-url` and `--login-url` override it. See
 * `genesys-oauth export --help` (args.ts) for the flags and exit codes.
 */
import * as fs from "fs";
import * as path from "path";
import { GenesysError } from "../api/errors";
import { OAuthApi } from "../api/oauthApi";
import { resolveEndpoints } from "../api/regions";
import { SETTING_KEYS } from "../api/settings";
import { packageVersion } from "../api/version";
import { readConnectionSettingsFromEnv, type SettingEnv } from "../config";
import { ClientCatalogError } from "../catalog/format";
import { EXPORT_HELP, MAIN_HELP, UsageError, parseCommandLine, type ExportFlags } from "./args";
import { buildClientExport, type ClientExport } from "./build";

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  /** Standard output (the catalog with `--stdout`, help texts). */
  stdout: (text: string) => void;
  /** Standard error (the summary, errors). */
  stderr: (text: string) => void;
  /** The environment holding the connection settings. */
  env: SettingEnv;
  /** The directory relative paths start from. */
  cwd: string;
  /** The clock for the export time. */
  now: () => Date;
}

/** Exit codes. */
export const EXIT = { ok: 0, error: 1, usage: 2 } as const;

function defaultIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
  };
}

/**
 * The environment with the flags applied. The flags are checked first under their own names, so a
 * bad `--region` is reported as `--region`, not as the environment variable it overrides.
 */
function settingsEnv(flags: ExportFlags, env: SettingEnv): SettingEnv {
  const merged: Record<string, string | undefined> = { ...env };
  const overrides: [string | undefined, string, string][] = [
    [flags.region, SETTING_KEYS.region.env, "--region"],
    [flags.apiUrl, SETTING_KEYS.apiUrl.env, "--api-url"],
    [flags.loginUrl, SETTING_KEYS.loginUrl.env, "--login-url"],
  ];
  const label = (value: string | undefined, envName: string, flag: string): string =>
    value !== undefined ? flag : `environment variable ${envName}`;
  const pick = (value: string | undefined, envName: string): string | undefined =>
    value ?? env[envName];
  const [region, apiUrl, loginUrl] = overrides.map(([v, e]) => pick(v, e));
  resolveEndpoints(
    {
      ...(region !== undefined ? { region } : {}),
      ...(apiUrl !== undefined ? { apiUrl } : {}),
      ...(loginUrl !== undefined ? { loginUrl } : {}),
    },
    {
      region: label(flags.region, SETTING_KEYS.region.env, "--region"),
      apiUrl: label(flags.apiUrl, SETTING_KEYS.apiUrl.env, "--api-url"),
      loginUrl: label(flags.loginUrl, SETTING_KEYS.loginUrl.env, "--login-url"),
    },
  );
  for (const [value, envName] of overrides) if (value !== undefined) merged[envName] = value;
  return merged;
}

function summary(result: ClientExport, apiUrl: string, target: string): string {
  const lines = [
    `Exported ${result.exported.length} OAuth client${result.exported.length === 1 ? "" : "s"} ` +
      `from ${apiUrl} to ${target}.`,
  ];
  const width = Math.max(0, ...result.exported.map((e) => e.key.length));
  for (const e of result.exported) {
    const state = e.args.state && e.args.state !== "active" ? `, ${e.args.state}` : "";
    lines.push(
      `  ${e.key.padEnd(width)}  ${JSON.stringify(e.args.name)} (${e.args.authorizedGrantType}${state})`,
    );
  }
  if (result.skipped.length > 0) {
    lines.push(`Skipped ${result.skipped.length}:`);
    for (const s of result.skipped) {
      lines.push(`  ${JSON.stringify(s.name)} (${s.id || "no id"}): ${s.detail}`);
    }
  } else {
    lines.push("Skipped none.");
  }
  if (target !== "standard output") {
    lines.push(
      `Next: review ${target}, then "pulumi preview" shows each client as a create (an ` +
        'adoption) and "pulumi up" adopts them without changing the org.',
    );
  }
  return lines.join("\n") + "\n";
}

async function runExport(flags: ExportFlags, io: CliIo): Promise<number> {
  const file = path.resolve(io.cwd, flags.out);
  if (!flags.stdout && !flags.force && fs.existsSync(file)) {
    io.stderr(
      `genesys-oauth export: ${flags.out} exists; pass --force to overwrite it, or --out to ` +
        "write elsewhere. Nothing was read or written.\n",
    );
    return EXIT.error;
  }
  const settings = readConnectionSettingsFromEnv(settingsEnv(flags, io.env));
  const api = new OAuthApi(settings);
  let result: ClientExport;
  try {
    const listing = await api.getOauthClients();
    const credentials = settings.credentials;
    result = buildClientExport(listing.entities ?? [], {
      exportedAt: io.now(),
      apiUrl: settings.apiUrl,
      ...(settings.region !== undefined ? { region: settings.region } : {}),
      fileName: flags.stdout ? path.basename(flags.out) : flags.out,
      ...(credentials.kind === "clientCredentials" ? { selfClientId: credentials.clientId } : {}),
      includeSelf: flags.includeSelf,
      toolVersion: packageVersion(),
    });
  } finally {
    api.connection.close();
  }
  if (flags.stdout) {
    io.stdout(result.text);
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, result.text, { flag: flags.force ? "w" : "wx" });
  }
  io.stderr(summary(result, settings.apiUrl, flags.stdout ? "standard output" : flags.out));
  if (settings.credentials.kind === "accessToken" && !flags.includeSelf) {
    io.stderr(
      "Note: with an access token the export cannot tell which client the token belongs to, so " +
        "that client (if it is one of the above) was exported too.\n",
    );
  }
  return EXIT.ok;
}

/**
 * Runs the CLI and resolves to its exit code; never rejects. Output goes through `io` (the
 * process's streams, environment and clock by default).
 *
 * @param argv the arguments after `node genesys-oauth`
 * @param io where to read settings from and write to
 */
export async function runCli(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const cli: CliIo = { ...defaultIo(), ...io };
  try {
    const command = parseCommandLine(argv);
    if (command.command === "help") {
      cli.stdout(command.topic === "export" ? EXPORT_HELP : MAIN_HELP);
      return EXIT.ok;
    }
    if (command.command === "version") {
      cli.stdout(`${packageVersion()}\n`);
      return EXIT.ok;
    }
    return await runExport(command.flags, cli);
  } catch (err) {
    if (err instanceof UsageError) {
      cli.stderr(`genesys-oauth: ${err.message}\nRun genesys-oauth --help for usage.\n`);
      return EXIT.usage;
    }
    // Settings, auth, API and network errors say what to fix and never carry a secret.
    const known = err instanceof GenesysError || err instanceof ClientCatalogError;
    const io = typeof (err as NodeJS.ErrnoException).syscall === "string";
    const text = known || io ? (err as Error).message : `unexpected error: ${String(err)}`;
    cli.stderr(`genesys-oauth export: ${text}\n`);
    return EXIT.error;
  }
}

if (require.main === module) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
