/**
 * The rate-limited run: the emulator enforces `limit` requests per token per window; a fleet is
 * created and destroyed at unbounded parallelism (the CLI's default) by ONE host process, so every
 * request of both operations counts against one token's budget, as in a single `pulumi up` that
 * creates one fleet and deletes another. The provider must pace itself from the
 * `inin-ratelimit-*` headers (and `Retry-After`) instead of failing or collecting 429s.
 */
import type { StackSettings } from "../provider/testing";
import type { EmulatorProcess } from "./emulatorProcess";
import { hostNodePid, launchEngine, peakRssBytes } from "./hosts";
import type { PackageUnderTest } from "./pkg";
import { fleetProgram, FLEET_V1 } from "./program";
import {
  addRoutes,
  latencyBoundMs,
  lowerBound,
  rateBoundMs,
  requestFigures,
  ROUTES,
} from "./requests";
import type { RateLimitedRun } from "./types";

/** What the rate-limited run needs. */
export interface RateRunContext {
  /** The package under test. */
  pkg: PackageUnderTest;
  /** The emulator (its rate limit is changed for the run and restored after). */
  emulator: EmulatorProcess;
  /** Stack and config pointing at the emulator. */
  stack: StackSettings;
  /** Emulator latency (ms). */
  latencyMs: number;
  /** How the host starts. */
  launcher: "wrapper" | "node";
  /** Progress output. */
  log: (line: string) => void;
}

/** Creates and destroys `clients` clients under a limit of `limit` per `windowSeconds`. */
export async function runRateLimited(
  ctx: RateRunContext,
  clients: number,
  limit: number,
  windowSeconds: number,
): Promise<RateLimitedRun> {
  const { pkg, emulator } = ctx;
  const before = await emulator.admin.settings();
  const capture = await pkg.testing.captureProgram(fleetProgram(pkg, clients, FLEET_V1, "rate"), {
    stack: ctx.stack,
  });
  const { engine, host } = await launchEngine(pkg, {
    stack: ctx.stack,
    parallel: 0,
    launcher: ctx.launcher,
  });
  try {
    // Changing the limit starts fresh windows, so the run begins with a full budget.
    await emulator.admin.updateSettings({
      rateLimitPerMinute: limit,
      rateLimitWindowSeconds: windowSeconds,
    });
    await emulator.admin.clearRequests();
    const started = performance.now();
    const up = await engine.up(capture);
    const created = performance.now();
    ctx.log(`  rate-limited create   ${(created - started).toFixed(0).padStart(7)} ms`);
    const destroy = await engine.destroy();
    const finished = performance.now();
    ctx.log(`  rate-limited destroy  ${(finished - created).toFixed(0).padStart(7)} ms`);
    for (const result of [up, destroy]) {
      if (!result.ok) ctx.log(pkg.testing.formatSteps(result, { mask: engine.knownSecrets() }));
    }
    const entries = await emulator.admin.requests();
    const hostPeak = peakRssBytes(await hostNodePid(host));
    const sameHost = { hasToken: true, hasHomeDivision: true };
    const bound = addRoutes(
      lowerBound("create", clients),
      lowerBound("destroy", clients, sameHost),
    );
    const boundApi = [...bound].reduce((n, [route, c]) => (route === ROUTES.token ? n : n + c), 0);
    const latencyBound =
      latencyBoundMs("create", clients, 0, ctx.latencyMs) +
      latencyBoundMs("destroy", clients, 0, ctx.latencyMs, sameHost);
    const boundMs = rateBoundMs(boundApi, limit, windowSeconds, ctx.latencyMs, latencyBound);
    const timeMs = finished - started;
    const errors = [...up.errors, ...destroy.errors];
    return {
      clients,
      limit,
      windowSeconds,
      latencyMs: ctx.latencyMs,
      failedOperations: [...up.steps, ...destroy.steps].filter((s) => s.error !== undefined).length,
      errors,
      requests: requestFigures(entries, bound),
      apiRequests: entries.filter((e) => e.path.startsWith("/api/")).length,
      windows: Math.ceil(boundApi / limit),
      createMs: created - started,
      destroyMs: finished - created,
      timeMs,
      boundMs,
      vsBound: timeMs / boundMs,
      hostPeakRssBytes: hostPeak,
    };
  } finally {
    await engine.close();
    await emulator.admin.updateSettings({
      rateLimitPerMinute: before.rateLimitPerMinute,
      rateLimitWindowSeconds: before.rateLimitWindowSeconds,
    });
  }
}
