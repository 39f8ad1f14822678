/**
 * The benchmark as a function: starts the emulator (in a child process) and measures the
 * footprint, every phase at every parallelism against the lower bound and the official SDK, and
 * the rate-limited run. `run.ts` is the command line around it; the smoke test calls it directly.
 */
import * as os from "os";
import type { StackSettings } from "../provider/testing";
import { startEmulatorProcess, type EmulatorProcess } from "./emulatorProcess";
import { captureOne, coldStarts, providerBytes, spread } from "./footprint";
import type { BenchOptions } from "./options";
import { loadPackage } from "./pkg";
import { captureFleet } from "./program";
import { runProviderPhases, type ProviderPhase } from "./providerRun";
import { runRateLimited } from "./rateRun";
import { evaluateTargets } from "./report";
import { effectiveParallel } from "./requests";
import { loginSdk, runSdkFiguress } from "./sdkRun";
import type { BenchResult, PhaseFigures, SdkFigures } from "./types";

/**
 * The latency runs measure latency and overhead, not the rate limit: the emulator allows this
 * many requests per token per window there (the rate-limited run sets the real limit).
 */
export const UNLIMITED = 1_000_000;

/** Stack settings pointing the provider at the emulator (the secret as a stack secret). */
export function emulatorStack(emulator: EmulatorProcess): StackSettings {
  return {
    project: "oauth-bench",
    stack: "bench",
    config: {
      "genesyscloud:apiUrl": emulator.apiUrl,
      "genesyscloud:oauthclientId": emulator.clientId,
      "genesyscloud:oauthclientSecret": { secret: emulator.clientSecret },
    },
  };
}

function medianOf(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? spread(known).median : null;
}

function withSdk(f: ProviderPhase, sdk: SdkFigures | undefined): PhaseFigures {
  return {
    ...f,
    sdk: sdk ?? null,
    vsSdk: sdk && sdk.timeMs > 0 ? f.timeMs / sdk.timeMs : null,
  };
}

/** Runs the whole benchmark; `log` receives progress lines. */
export async function runBenchmark(
  options: BenchOptions,
  log: (line: string) => void = () => undefined,
): Promise<BenchResult> {
  const pkg = loadPackage();
  const startedAt = new Date();
  const startLoad = os.loadavg()[0];
  const started = performance.now();
  const emulator = await startEmulatorProcess(pkg, {
    latencyMs: options.latencyMs,
    rateLimitPerMinute: UNLIMITED,
    maxClients: Math.max(1000, 4 * (options.clients + options.rateClients)),
  });
  try {
    const stack = emulatorStack(emulator);
    log(`emulator pid ${emulator.pid} at ${emulator.apiUrl}, latency ${options.latencyMs} ms`);
    const one = await captureOne(pkg, stack);
    const bytes = providerBytes(one);
    const starts = await coldStarts(pkg, stack, one, options.launcher, options.coldStarts);
    log(`footprint: __provider ${bytes} bytes, ${starts.length} cold starts measured`);
    const captures = await captureFleet(pkg, stack, options.clients);
    if (options.sdk) await loginSdk(emulator);
    const ctx = {
      pkg,
      emulator,
      stack,
      captures,
      clients: options.clients,
      latencyMs: options.latencyMs,
      launcher: options.launcher,
      hostPer: options.hostPer,
      log,
    };
    const runs = [];
    for (const parallel of options.parallel) {
      const { phases } = await runProviderPhases(ctx, parallel);
      const sdk = options.sdk
        ? await runSdkFiguress(
            emulator,
            options.clients,
            parallel,
            pkg.emulator.EMULATOR_ROLE_IDS.developer,
          )
        : new Map<string, SdkFigures>();
      for (const [phase, s] of sdk) {
        log(`  p=${parallel || "∞"} ${phase.padEnd(12)} SDK ${s.timeMs.toFixed(0).padStart(7)} ms`);
      }
      runs.push({
        parallel,
        effectiveParallel: effectiveParallel(parallel, options.clients),
        phases: phases.map((f) => withSdk(f, sdk.get(f.phase))),
      });
    }
    const rateLimited = options.rateRun
      ? await runRateLimited(
          { pkg, emulator, stack, latencyMs: options.latencyMs, launcher: options.launcher, log },
          options.rateClients,
          options.rateLimit,
          options.rateWindowSeconds,
        )
      : null;
    const rss = [
      ...runs.flatMap((r) => r.phases.map((f) => f.hostPeakRssBytes)),
      rateLimited?.hostPeakRssBytes ?? null,
    ].filter((v): v is number => v !== null);
    const partial: Omit<BenchResult, "targets"> = {
      version: 1,
      startedAt: startedAt.toISOString(),
      durationSeconds: (performance.now() - started) / 1000,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
        loadAverage: [startLoad, os.loadavg()[0]],
      },
      settings: {
        clients: options.clients,
        parallel: options.parallel,
        latencyMs: options.latencyMs,
        launcher: options.launcher,
        hostPer: options.hostPer,
        rateLimit: options.rateLimit,
        rateWindowSeconds: options.rateWindowSeconds,
        rateClients: options.rateClients,
      },
      runs,
      rateLimited,
      footprint: {
        providerBytes: bytes,
        coldStartSamples: starts.length,
        portMs: spread(starts.map((s) => s.portMs)),
        pluginInfoMs: spread(starts.map((s) => s.pluginInfoMs)),
        firstCheckMs: spread(starts.map((s) => s.firstCheckMs)),
        hostBaselineRssBytes: medianOf(starts.map((s) => s.baselineRssBytes)),
        hostFirstCheckRssBytes: medianOf(starts.map((s) => s.firstCheckRssBytes)),
        hostPeakRssBytes: rss.length > 0 ? Math.max(...rss) : null,
      },
    };
    return { ...partial, targets: evaluateTargets(partial) };
  } finally {
    await pkg.testing.closeAllHosts();
    await emulator.close();
  }
}
