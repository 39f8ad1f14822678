/**
 * Host processes for the phases: launched like the engine launches them (with the launch timed
 * step by step), their peak memory and CPU time, and the limiter of the SDK baseline.
 */
import * as fs from "fs";
import * as os from "os";
import type { Engine, ProviderHost, StackSettings } from "../provider/testing";
import type { PackageUnderTest } from "./pkg";
import type { CpuFigures } from "./types";

/** How to launch a host and its engine. */
export interface LaunchOptions {
  /** Stack and config (Configure, host env). */
  stack: StackSettings;
  /** Parallelism of the engine's steps; 0 = unbounded. */
  parallel: number;
  /** `wrapper` (the engine's way) or `node`. */
  launcher: "wrapper" | "node";
}

/** An engine that owns a freshly launched, configured host, with the launch timings. */
export interface LaunchedEngine {
  /** The engine (its `close()` stops the host). */
  engine: Engine;
  /** The host. */
  host: ProviderHost;
  /** Launch → port printed (ms). */
  portMs: number;
  /** Launch → GetPluginInfo answered (ms). */
  pluginInfoMs: number;
  /** Launch → Configure answered (ms). */
  configureMs: number;
}

// RPCs may wait a whole rate-limit window for their turn; the engine sets no deadline on them.
const CALL_TIMEOUT_MS = 15 * 60_000;

/** Launches and configures a host the way the engine does (GetPluginInfo, then Configure). */
export async function launchEngine(
  pkg: PackageUnderTest,
  options: LaunchOptions,
): Promise<LaunchedEngine> {
  const t0 = performance.now();
  const host = await pkg.testing.launchHost({
    projectDir: pkg.root,
    stack: options.stack,
    launcher: options.launcher,
  });
  const portMs = performance.now() - t0;
  try {
    const client = new pkg.testing.ProviderClient(host.address, {
      projectDir: pkg.root,
      callTimeoutMs: CALL_TIMEOUT_MS,
    });
    await client.getPluginInfo();
    const pluginInfoMs = performance.now() - t0;
    await client.configureStack(options.stack);
    const configureMs = performance.now() - t0;
    const engine = new pkg.testing.Engine({
      client,
      host,
      stack: options.stack,
      parallel: options.parallel === 0 ? Number.POSITIVE_INFINITY : options.parallel,
      ownsHost: true,
    });
    return { engine, host, portMs, pluginInfoMs, configureMs };
  } catch (err) {
    await host.close();
    throw err;
  }
}

/** The PID of the host's node process: found in its process group by its command line. */
export async function hostNodePid(host: ProviderHost): Promise<number | null> {
  for (const pid of await host.processGroupPids()) {
    try {
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      // The sh wrapper shares the group; the node process runs …/cmd/dynamic-provider.
      if (argv.some((arg) => arg.includes("dynamic-provider"))) return pid;
    } catch {
      // Exited while we looked.
    }
  }
  return null;
}

/** Peak resident memory (VmHWM) of a process, in bytes; `null` without /proc. */
export function peakRssBytes(pid: number | null): number | null {
  if (pid === null) return null;
  try {
    const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return kb ? Number(kb[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/** CPU time (user + system) a process has used so far, ms; `null` without /proc. */
export function cpuMs(pid: number | null): number | null {
  if (pid === null) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid …": utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return null;
  }
}

/** CPU figures of a phase, with the CPU bound (their sum over the machine's cores). */
export function cpuFigures(
  hostMs: number | null,
  engineMs: number,
  emulatorMs: number | null,
): CpuFigures {
  const cpuBoundMs = ((hostMs ?? 0) + engineMs + (emulatorMs ?? 0)) / Math.max(1, os.cpus().length);
  return { hostMs, engineMs, emulatorMs, cpuBoundMs };
}

/** CPU time this process has used so far, ms. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/**
 * Runs tasks with at most `max` at once (0 = unbounded, the CLI's default), for the SDK baseline.
 * Not the driver's `limiter` (`provider/testing/deployment.ts`): the package's `testing` entry,
 * all the benchmark loads from `dist/`, does not export it (and 0 there would start no task).
 */
export function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    while (max > 0 && running >= max) await new Promise<void>((wake) => waiting.push(wake));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
