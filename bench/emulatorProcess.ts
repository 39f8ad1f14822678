/**
 * The emulator in a child process of its own, like a remote API: its work (routing, validation,
 * JSON, the request log) then never runs on the event loop that times the engine driver and runs
 * the SDK baseline, so neither side is charged for the server's CPU.
 */
import { spawn, type ChildProcess } from "child_process";
import type { EmulatorAdmin, EmulatorOptions } from "../provider/emulator";
import type { PackageUnderTest } from "./pkg";

/** A running emulator child process. */
export interface EmulatorProcess {
  /** `http://127.0.0.1:<port>`: API and login base URL. */
  apiUrl: string;
  /** The port. */
  port: number;
  /** The bootstrap client-credentials client id. */
  clientId: string;
  /** Its secret (this emulator's own local credential). */
  clientSecret: string;
  /** The admin API (request log, settings). */
  admin: EmulatorAdmin;
  /** PID of the child. */
  pid: number;
  /** Stops the child and waits for it to exit. */
  close(): Promise<void>;
}

// Runs in the child: starts the emulator, prints its coordinates as one JSON line, and stops when
// the parent closes stdin (also when the parent dies without cleaning up).
const CHILD_SCRIPT = `
const { startEmulator } = require(process.env.BENCH_EMULATOR_ENTRY);
startEmulator(JSON.parse(process.env.BENCH_EMULATOR_OPTIONS)).then((emu) => {
  const stop = () => emu.close().then(() => process.exit(0), () => process.exit(1));
  process.stdin.on("end", stop);
  process.stdin.on("error", stop);
  process.on("SIGTERM", stop);
  process.stdin.resume();
  process.stdout.write(JSON.stringify({
    apiUrl: emu.apiUrl, port: emu.port, clientId: emu.clientId, clientSecret: emu.clientSecret,
    adminUrl: emu.adminUrl,
  }) + "\\n");
}, (err) => {
  process.stderr.write(String(err && err.stack || err) + "\\n");
  process.exit(1);
});
`;

interface Coordinates {
  apiUrl: string;
  port: number;
  clientId: string;
  clientSecret: string;
  adminUrl: string;
}

/** Starts an emulator with `options` in a child process. */
export async function startEmulatorProcess(
  pkg: PackageUnderTest,
  options: EmulatorOptions,
): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, ["-e", CHILD_SCRIPT], {
    env: {
      ...process.env,
      BENCH_EMULATOR_ENTRY: pkg.emulatorEntry,
      BENCH_EMULATOR_OPTIONS: JSON.stringify(options),
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const coordinates = await firstLine(child);
  const admin = new pkg.emulator.EmulatorAdmin(coordinates.adminUrl);
  await admin.health();
  return {
    apiUrl: coordinates.apiUrl,
    port: coordinates.port,
    clientId: coordinates.clientId,
    clientSecret: coordinates.clientSecret,
    admin,
    pid: child.pid ?? -1,
    close: () => stopChild(child),
  };
}

function firstLine(child: ChildProcess): Promise<Coordinates> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    let settled = false;
    const timer = setTimeout(() => fail("printed nothing within 20 s"), 20_000);
    function fail(why: string): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill("SIGKILL");
      reject(new Error(`emulator child process ${why}; stderr: ${err.trim() || "(empty)"}`));
    }
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      const newline = out.indexOf("\n");
      if (newline < 0 || settled) return;
      let parsed: Coordinates;
      try {
        parsed = JSON.parse(out.slice(0, newline)) as Coordinates;
      } catch {
        fail(`printed ${JSON.stringify(out.slice(0, 200))}`);
        return;
      }
      settled = true;
      clearTimeout(timer);
      resolve(parsed);
    });
    child.once("error", (e) => fail(`could not start: ${e.message}`));
    child.once("exit", (code) => fail(`exited (code ${code})`));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.stdin?.end();
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
