#!/usr/bin/env node
/**
 * `genesys-oauth-emulator`: runs the emulator in the foreground and prints the settings that point
 * the provider (or any Genesys client) at it. Stops cleanly on SIGINT/SIGTERM.
 */
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "./index";
import { EMULATOR_DIVISIONS, EMULATOR_ROLES } from "./catalog";

/** The CLI's default port (fixed so printed settings stay valid across restarts). */
export const DEFAULT_CLI_PORT = 8787;

/** Usage text. */
export const USAGE = `Usage: genesys-oauth-emulator [options]

Runs a local emulator of the Genesys Cloud OAuth API and prints the settings to use it.

Options:
  --port N          TCP port on 127.0.0.1 (default ${DEFAULT_CLI_PORT}; 0 = any free port)
  --host ADDR       loopback address to listen on: 127.0.0.1 (default), ::1 or localhost
  --data FILE       keep the state (clients, tokens, usage, bootstrap credentials) in FILE
                    so it survives restarts
  --rate-limit N    requests per access token per minute (default 300)
  --latency MS      milliseconds added to every API and token response (default 0)
  -h, --help        show this help
`;

/** Parsed command line: options for the emulator, or a request for help. */
export type CliCommand = { help: true } | { help: false; options: EmulatorOptions };

/** A command-line mistake (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

function integer(flag: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined || !/^\d+$/.test(raw)) {
    throw new UsageError(
      `${flag} needs a whole number, got ${raw === undefined ? "nothing" : `"${raw}"`}`,
    );
  }
  const n = Number(raw);
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}`);
  return n;
}

/** Parses the arguments after `node cli.js`. Throws {@link UsageError}. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const options: EmulatorOptions = { port: DEFAULT_CLI_PORT };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (flag !== arg ? arg.slice(eq + 1) : argv[++i]);
    switch (flag) {
      case "-h":
      case "--help":
        return { help: true };
      case "--port":
        options.port = integer("--port", value(), 0, 65535);
        break;
      case "--host": {
        const host = value();
        if (!host) throw new UsageError("--host needs an address");
        options.host = host;
        break;
      }
      case "--data": {
        const file = value();
        if (!file) throw new UsageError("--data needs a file name");
        options.dataFile = file;
        break;
      }
      case "--rate-limit":
        options.rateLimitPerMinute = integer("--rate-limit", value(), 1, 1_000_000);
        break;
      case "--latency":
        options.latencyMs = integer("--latency", value(), 0, 600_000);
        break;
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  return { help: false, options };
}

/** The lines printed once the emulator is up. */
export function banner(
  apiUrl: string,
  clientId: string,
  clientSecret: string,
  dataFile?: string,
): string {
  // Printing the secret is deliberate: it is the bootstrap credential of this local emulator
  // only, which the user needs to configure the provider; it grants nothing anywhere else.
  return [
    `Genesys Cloud OAuth API emulator listening on ${apiUrl}`,
    dataFile
      ? `State is kept in ${dataFile}.`
      : "State is in memory only (use --data FILE to keep it).",
    "",
    "# Point the provider at it from a shell:",
    `export GENESYSCLOUD_API_URL=${apiUrl}`,
    `export GENESYSCLOUD_LOGIN_URL=${apiUrl}`,
    `export GENESYSCLOUD_OAUTHCLIENT_ID=${clientId}`,
    `export GENESYSCLOUD_OAUTHCLIENT_SECRET=${clientSecret}`,
    "",
    "# ... or in a Pulumi stack:",
    `pulumi config set genesyscloud:apiUrl ${apiUrl}`,
    `pulumi config set genesyscloud:loginUrl ${apiUrl}`,
    `pulumi config set genesyscloud:oauthclientId ${clientId}`,
    `pulumi config set --secret genesyscloud:oauthclientSecret ${clientSecret}`,
    "",
    "# Seeded roles (ids to use in roleDivisions) and divisions:",
    ...EMULATOR_ROLES.map((r) => `role      ${r.id}  ${r.name}`),
    ...EMULATOR_DIVISIONS.map((d) => `division  ${d.id}  ${d.name}`),
    "",
    `Admin API: ${apiUrl}/__emulator (tests only). Press Ctrl+C to stop.`,
    "",
  ].join("\n");
}

async function main(): Promise<void> {
  let command: CliCommand;
  try {
    command = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`genesys-oauth-emulator: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (command.help) {
    process.stdout.write(USAGE);
    return;
  }
  // Handlers go in before anything is printed: a supervisor may signal as soon as it sees the banner.
  let stopRequested: NodeJS.Signals | undefined;
  let stop: (signal: NodeJS.Signals) => void = (signal) => {
    stopRequested = signal;
  };
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals++;
    // A second Ctrl+C means "now": do not wait for the graceful close.
    if (signals > 1) process.exit(130);
    stop(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator(command.options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`genesys-oauth-emulator: cannot start: ${message}\n`);
    process.exitCode = 1;
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    return;
  }
  stop = (signal) => {
    process.stdout.write(`Received ${signal}, stopping.\n`);
    void emulator.close().then(() => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      process.exitCode = 0;
    });
    // Should something still hold the event loop, do not hang the user's terminal.
    setTimeout(() => process.exit(0), 3000).unref();
  };
  if (stopRequested) {
    stop(stopRequested);
    return;
  }
  process.stdout.write(
    banner(emulator.apiUrl, emulator.clientId, emulator.clientSecret, command.options.dataFile),
  );
}

if (require.main === module) {
  void main();
}
