/**
 * Host processes for the phases: launched like the engine launches them (with the launch timed
 * step by step), their peak memory, and a destroy that runs deletes in parallel like the engine.
 */
import * as fs from "fs";
import type {
  Engine,
  OperationResult,
  ProviderHost,
  StackSettings,
  StepOp,
} from "../provider/testing";
import type { PackageUnderTest } from "./pkg";

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

/**
 * Peak resident memory (VmHWM) of the host's node process, in bytes; found in the host's process
 * group by its command line (the sh wrapper is in the same group). `null` without /proc.
 */
export async function hostPeakRssBytes(host: ProviderHost): Promise<number | null> {
  let peak: number | null = null;
  for (const pid of await host.processGroupPids()) {
    try {
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (!argv.some((arg) => arg.includes("dynamic-provider"))) continue;
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
      if (kb) peak = Math.max(peak ?? 0, Number(kb[1]) * 1024);
    } catch {
      // The process exited while we looked, or there is no /proc: no figure.
    }
  }
  return peak;
}

/** Runs tasks with at most `max` at once (0 = unbounded). */
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

/**
 * `pulumi destroy` as the engine runs it: deletes of resources that do not depend on each other
 * form one antichain (`step_generator.go` `ScheduleDeletes`) and run concurrently, up to
 * `--parallel`. The driver's `Engine.destroy()` deletes one resource at a time, so this runs each
 * delete through the driver's own delete step (one single-resource engine per resource, sharing
 * the host and its client). With dependencies in the state it falls back to `Engine.destroy()`.
 */
export async function destroyLikeEngine(
  pkg: PackageUnderTest,
  engine: Engine,
  parallel: number,
): Promise<OperationResult> {
  const state = engine.state;
  const urns = new Set(state.map((r) => r.urn));
  if (state.some((r) => r.dependencies.some((d) => urns.has(d)))) return engine.destroy();
  const limit = limiter(parallel);
  const mark = engine.host?.mark() ?? 0;
  const results = await Promise.all(
    state.map((resource) =>
      limit(async () => {
        const single = new pkg.testing.Engine({
          client: engine.client,
          host: engine.host,
          stack: engine.stack,
        });
        single.setState([resource]);
        const result = await single.destroy();
        return { result, remaining: single.state };
      }),
    ),
  );
  engine.setState(results.flatMap((r) => r.remaining));
  const steps = results.flatMap((r) => r.result.steps);
  const summary: Partial<Record<StepOp, number>> = {};
  for (const step of steps.filter((s) => s.error === undefined)) {
    summary[step.op] = (summary[step.op] ?? 0) + 1;
  }
  const errors = results.flatMap((r) => r.result.errors);
  return {
    operation: "destroy",
    preview: false,
    steps,
    summary,
    ok: errors.length === 0,
    errors,
    diagnostics: engine.host?.linesSince(mark) ?? [],
    rpcs: results.flatMap((r) => r.result.rpcs),
  };
}
