/**
 * The provider's side of one parallelism level: the seven phases of a fleet's life through the
 * real dynamic-provider host, each phase in a host process of its own (as every Pulumi CLI
 * command starts its own), timed at the engine-driver level.
 */
import type { Engine, OperationResult, StackSettings } from "../provider/testing";
import type { EmulatorProcess } from "./emulatorProcess";
import {
  cpuFigures,
  cpuMs,
  hostNodePid,
  launchEngine,
  ownCpuMs,
  peakRssBytes,
  type LaunchedEngine,
} from "./hosts";
import type { PackageUnderTest } from "./pkg";
import type { FleetCaptures } from "./program";
import { chainLength, FRESH_HOST, latencyBoundMs, lowerBound, requestFigures } from "./requests";
import { PHASES, type PhaseFigures, type PhaseName } from "./types";

/** What a provider run needs. */
export interface ProviderRunContext {
  /** The package under test. */
  pkg: PackageUnderTest;
  /** The emulator. */
  emulator: EmulatorProcess;
  /** Stack and config pointing at the emulator. */
  stack: StackSettings;
  /** The captured fleet programs. */
  captures: FleetCaptures;
  /** Clients in the fleet. */
  clients: number;
  /** Emulator latency (ms). */
  latencyMs: number;
  /** How hosts start. */
  launcher: "wrapper" | "node";
  /** `phase`: a fresh host per phase, as the CLI runs commands; `run`: one host for all phases. */
  hostPer: "phase" | "run";
  /** Progress output. */
  log: (line: string) => void;
}

/** The command each phase plays. */
export const COMMANDS: Record<PhaseName, string> = {
  "preview-new": "pulumi preview",
  create: "pulumi up",
  "preview-same": "pulumi preview",
  refresh: "pulumi refresh",
  update: "pulumi up",
  rotate: "pulumi up",
  destroy: "pulumi destroy",
};

/** The step each phase should show for every client. */
export const EXPECTED_OP: Record<PhaseName, string> = {
  "preview-new": "create",
  create: "create",
  "preview-same": "same",
  refresh: "refresh-same",
  update: "update",
  rotate: "update",
  destroy: "delete",
};

function operation(
  ctx: ProviderRunContext,
  phase: PhaseName,
  engine: Engine,
): Promise<OperationResult> {
  switch (phase) {
    case "preview-new":
    case "preview-same":
      return engine.preview(ctx.captures.preview);
    case "create":
      return engine.up(ctx.captures.create);
    case "refresh":
      return engine.refresh();
    case "update":
      return engine.up(ctx.captures.update);
    case "rotate":
      return engine.up(ctx.captures.rotate);
    case "destroy":
      return engine.destroy();
  }
}

function delta(before: number | null, after: number | null): number | null {
  return before === null || after === null ? null : after - before;
}

/** A phase's measurement before the SDK figures are added. */
export type ProviderPhase = Omit<PhaseFigures, "sdk" | "vsSdk">;

/**
 * Runs the phases at `parallel` (0 = unbounded). The hosts are launched (concurrently, untimed)
 * before the first phase; each phase starts with the state the previous one left.
 */
export async function runProviderPhases(
  ctx: ProviderRunContext,
  parallel: number,
): Promise<{ phases: ProviderPhase[]; launches: LaunchedEngine[] }> {
  const hostCount = ctx.hostPer === "phase" ? PHASES.length : 1;
  const launches = await Promise.all(
    Array.from({ length: hostCount }, () =>
      launchEngine(ctx.pkg, { stack: ctx.stack, parallel, launcher: ctx.launcher }),
    ),
  );
  const phases: ProviderPhase[] = [];
  try {
    let previous: Engine | undefined;
    let history = FRESH_HOST;
    for (const [i, phase] of PHASES.entries()) {
      const { engine, host } = launches[Math.min(i, hostCount - 1)];
      if (previous && previous !== engine) {
        engine.setState(previous.state);
        history = FRESH_HOST;
      }
      const hostPid = await hostNodePid(host);
      await ctx.emulator.admin.clearRequests();
      const cpu0 = { host: cpuMs(hostPid), engine: ownCpuMs(), emulator: cpuMs(ctx.emulator.pid) };
      const started = performance.now();
      const result = await operation(ctx, phase, engine);
      const timeMs = performance.now() - started;
      const cpu = cpuFigures(
        delta(cpu0.host, cpuMs(hostPid)),
        ownCpuMs() - cpu0.engine,
        delta(cpu0.emulator, cpuMs(ctx.emulator.pid)),
      );
      const entries = await ctx.emulator.admin.requests();
      const hostPeak = peakRssBytes(hostPid);
      if (!result.ok) {
        ctx.log(ctx.pkg.testing.formatSteps(result, { mask: engine.knownSecrets() }));
      }
      const latencyBound = latencyBoundMs(phase, ctx.clients, parallel, ctx.latencyMs, history);
      phases.push({
        phase,
        command: COMMANDS[phase],
        ok: result.ok,
        errors: result.errors,
        steps: result.summary as Record<string, number>,
        requests: requestFigures(entries, lowerBound(phase, ctx.clients, history)),
        timeMs,
        cpu,
        latencyBoundMs: latencyBound,
        vsBound: latencyBound > 0 ? timeMs / latencyBound : null,
        hostPeakRssBytes: hostPeak,
      });
      ctx.log(`  p=${parallel || "∞"} ${phase.padEnd(12)} ${timeMs.toFixed(0).padStart(7)} ms`);
      previous = engine;
      history = {
        hasToken: history.hasToken || chainLength(phase) > 0,
        hasHomeDivision: history.hasHomeDivision || phase === "create",
      };
    }
  } finally {
    await Promise.all(launches.map((l) => l.engine.close()));
  }
  return { phases, launches };
}
