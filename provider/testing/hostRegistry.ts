/**
 * The registry of running hosts and the last-resort cleanup: kill every host's process group on
 * process exit and on SIGINT/SIGTERM/SIGHUP, and preload a watchdog into each host that makes it
 * exit when the driver process is gone (covers a driver killed with SIGKILL).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { killGroupSync } from "./processes";

/** What the registry needs to know about a host. */
export interface TrackedHost {
  /** The host's process group. */
  readonly pgid: number;
}

const live = new Set<TrackedHost>();

/** The hosts that have been started and not closed. */
export function trackedHosts(): TrackedHost[] {
  return [...live];
}

/** Records a started host. */
export function track(host: TrackedHost): void {
  live.add(host);
}

/** Forgets a closed host; the handlers go once no host is running or starting. */
export function untrack(host: TrackedHost): void {
  live.delete(host);
  releaseHandlers();
}

/** Marks a host start as in progress (the handlers are installed from now on). */
export function beginLaunch(): void {
  launching++;
  installHandlers();
}

/** Marks a host start as finished, successful or not. */
export function endLaunch(): void {
  launching--;
  releaseHandlers();
}

const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/**
 * The process whose exit and signals to watch. Under jest, `process` is a per-test-file copy with
 * its own listeners, which the real process's exit and signals never reach; the real one is
 * reachable from the outer realm (where `Buffer` comes from). Elsewhere both are the same object.
 */
function realProcess(): NodeJS.Process {
  try {
    const outer = (Buffer.constructor as FunctionConstructor)("return process")() as unknown;
    const candidate = outer as Partial<NodeJS.Process> | undefined;
    if (typeof candidate?.on === "function" && candidate.pid === process.pid) {
      return outer as NodeJS.Process;
    }
  } catch {
    // A realm that forbids code generation: fall back to the visible process object.
  }
  return process;
}
let installed = false;
let launching = 0;
let watchdogPath: string | undefined;

function killAllSync(): void {
  for (const host of live) {
    killGroupSync(host.pgid);
  }
  live.clear();
}

function removeWatchdog(): void {
  if (watchdogPath) {
    fs.rmSync(path.dirname(watchdogPath), { recursive: true, force: true });
    watchdogPath = undefined;
  }
}

function onExit(): void {
  killAllSync();
  removeWatchdog();
}

function onSignal(sig: NodeJS.Signals): void {
  killAllSync();
  removeWatchdog();
  // If nobody else handles the signal, restore the default action and re-raise it so the
  // process still terminates the way it would have without us.
  const proc = realProcess();
  if (proc.listenerCount(sig) === 1) {
    uninstallHandlers();
    proc.kill(proc.pid, sig);
  }
}

// Handlers stay installed while a host is running or starting, so nothing accumulates on
// `process` across test files that load this module.
function releaseHandlers(): void {
  if (live.size === 0 && launching === 0) {
    uninstallHandlers();
    removeWatchdog();
  }
}

function installHandlers(): void {
  if (installed) {
    return;
  }
  installed = true;
  const proc = realProcess();
  proc.on("exit", onExit);
  SIGNALS.forEach((sig) => proc.on(sig, onSignal));
}

function uninstallHandlers(): void {
  if (!installed) {
    return;
  }
  installed = false;
  const proc = realProcess();
  proc.off("exit", onExit);
  SIGNALS.forEach((sig) => proc.off(sig, onSignal));
}

// Preloaded into the host's node (NODE_OPTIONS=--require): exits when the driver process is gone,
// which covers a driver killed with SIGKILL. The interval is unref'd, so it never keeps the host up.
const WATCHDOG_SOURCE = `"use strict";
const driverPid = Number(process.env.PULUMI_TESTING_DRIVER_PID);
if (driverPid > 0) {
  setInterval(() => {
    try { process.kill(driverPid, 0); } catch (err) { if (err && err.code === "ESRCH") process.exit(1); }
  }, 500).unref();
}
`;

/** The watchdog script to preload into a host (written once to a temp dir). */
export function watchdogFile(): string {
  if (watchdogPath && fs.existsSync(watchdogPath)) {
    return watchdogPath;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-testing-"));
  watchdogPath = path.join(dir, "watchdog.js");
  fs.writeFileSync(watchdogPath, WATCHDOG_SOURCE);
  return watchdogPath;
}
