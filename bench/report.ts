/** The targets, and the plain-text tables `npm run bench` prints (and bench/README.md quotes). */
import { EXPECTED_OP } from "./providerRun";
import type { BenchResult, ParallelRun, PhaseFigures, TargetCheck } from "./types";

/** Time ÷ official SDK doing the same raw calls. */
export const SDK_TARGET = 1.15;
/** Time ÷ latency bound. */
export const LATENCY_TARGET = 1.3;
/** Time ÷ rate-limit bound. */
export const RATE_TARGET = 1.1;
/** At most this share of the rate-limited run's requests may be 429s. */
export const MAX_429_SHARE = 0.01;

const label = (p: number): string => (p === 0 ? "∞" : String(p));
const ms = (v: number): string => `${Math.round(v).toLocaleString("en-US")} ms`;
const x = (v: number | null): string => (v === null ? "—" : v.toFixed(2));
const cpu = (v: number | null): string => (v === null ? "—" : String(Math.round(v)));
const mib = (v: number | null): string => (v === null ? "n/a" : `${(v / 2 ** 20).toFixed(1)} MiB`);

function phaseTargets(run: ParallelRun, f: PhaseFigures, clients: number): TargetCheck[] {
  const scope = `p=${label(run.parallel)} ${f.phase}`;
  const checks: TargetCheck[] = [
    {
      scope,
      target: "requests ÷ lower bound = 1.00",
      value: `${f.requests.total} ÷ ${f.requests.bound} = ${x(f.requests.ratio)}`,
      met: f.requests.ratio === 1,
      timing: false,
    },
    {
      scope,
      target: `every step succeeds as ${EXPECTED_OP[f.phase]}`,
      value: f.ok ? JSON.stringify(f.steps) : f.errors.slice(0, 3).join("; "),
      met: f.ok && f.steps[EXPECTED_OP[f.phase]] === clients,
      timing: false,
    },
  ];
  if (f.vsSdk !== null) {
    checks.push({
      scope,
      target: `time ÷ official SDK ≤ ${SDK_TARGET}`,
      value: `${ms(f.timeMs)} ÷ ${ms(f.sdk?.timeMs ?? 0)} = ${x(f.vsSdk)}`,
      met: f.vsSdk <= SDK_TARGET,
      timing: true,
    });
  }
  if (f.vsBound !== null) {
    checks.push({
      scope,
      target: `time ÷ latency bound ≤ ${LATENCY_TARGET}`,
      value: `${ms(f.timeMs)} ÷ ${ms(f.latencyBoundMs)} = ${x(f.vsBound)}`,
      met: f.vsBound <= LATENCY_TARGET,
      timing: true,
    });
  }
  return checks;
}

/** Every target of a result, met or not. */
export function evaluateTargets(result: Omit<BenchResult, "targets">): TargetCheck[] {
  const checks = result.runs.flatMap((run) =>
    run.phases.flatMap((f) => phaseTargets(run, f, result.settings.clients)),
  );
  const rate = result.rateLimited;
  if (rate) {
    const scope = "rate-limited";
    checks.push(
      {
        scope,
        target: "failed operations = 0",
        value: String(rate.failedOperations),
        met: rate.failedOperations === 0,
        timing: false,
      },
      {
        scope,
        target: `time ÷ rate-limit bound ≤ ${RATE_TARGET}`,
        value: `${ms(rate.timeMs)} ÷ ${ms(rate.boundMs)} = ${x(rate.vsBound)}`,
        met: rate.vsBound <= RATE_TARGET,
        timing: true,
      },
      {
        scope,
        target: `429s ≤ ${MAX_429_SHARE * 100}% of requests`,
        value: `${rate.requests.status429} of ${rate.requests.total}`,
        met: rate.requests.status429 <= MAX_429_SHARE * rate.requests.total,
        timing: false,
      },
      {
        scope,
        target: "requests ÷ lower bound = 1.00",
        value: `${rate.requests.total} ÷ ${rate.requests.bound} = ${x(rate.requests.ratio)}`,
        met: rate.requests.ratio === 1,
        timing: false,
      },
    );
  }
  return checks;
}

function table(rows: string[][], rightAligned: boolean[]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join("  ")
      .trimEnd(),
  );
}

function phaseTable(result: BenchResult): string[] {
  const rows = [
    [
      "p",
      "phase",
      "requests",
      "bound",
      "ratio",
      "provider",
      "SDK",
      "×SDK",
      "lat. bound",
      "×bound",
      "CPU host",
      "engine",
      "API",
      "CPU bound",
    ],
  ];
  for (const run of result.runs) {
    for (const f of run.phases) {
      rows.push([
        label(run.parallel),
        f.phase + (f.ok ? "" : " FAILED"),
        String(f.requests.total),
        String(f.requests.bound),
        x(f.requests.ratio),
        ms(f.timeMs),
        f.sdk ? ms(f.sdk.timeMs) : "—",
        x(f.vsSdk),
        ms(f.latencyBoundMs),
        x(f.vsBound),
        cpu(f.cpu.hostMs),
        cpu(f.cpu.engineMs),
        cpu(f.cpu.emulatorMs),
        ms(f.cpu.cpuBoundMs),
      ]);
    }
  }
  return table(
    rows,
    rows[0].map((_, c) => c !== 1),
  );
}

function routeTable(result: BenchResult): string[] {
  const header = ["phase", "route", ...result.runs.map((r) => `p=${label(r.parallel)}`), "bound"];
  const rows = [header];
  const first = result.runs[0];
  for (const [i, f] of (first?.phases ?? []).entries()) {
    for (const route of f.requests.routes) {
      const counts = result.runs.map((run) =>
        String(run.phases[i]?.requests.routes.find((r) => r.route === route.route)?.count ?? 0),
      );
      rows.push([f.phase, route.route, ...counts, String(route.bound)]);
    }
  }
  return table(
    rows,
    header.map((_, c) => c >= 2),
  );
}

/** The whole report as plain text. */
export function formatReport(result: BenchResult): string {
  const s = result.settings;
  const out: string[] = [
    `OAuthClient provider benchmark: ${s.clients} clients, emulator latency ${s.latencyMs} ms, ` +
      `host launcher ${s.launcher}, a fresh host per ${s.hostPer}; ` +
      `${result.machine.cpus} × ${result.machine.cpuModel}, node ${result.machine.node}, ` +
      `load average ${result.machine.loadAverage.map((l) => l.toFixed(1)).join(" → ")}`,
  ];
  if (result.runs.length > 0) {
    out.push(
      "",
      ...phaseTable(result),
      "",
      "Requests by route (emulator log):",
      ...routeTable(result),
    );
  }
  const rate = result.rateLimited;
  if (rate) {
    out.push(
      "",
      `Rate-limited run: ${rate.clients} clients created then destroyed at unbounded parallelism ` +
        `by one host, ${rate.limit} requests/token/${rate.windowSeconds} s, latency ${rate.latencyMs} ms`,
      `  requests ${rate.requests.total} (lower bound ${rate.requests.bound}, ratio ${x(rate.requests.ratio)}), ` +
        `429s ${rate.requests.status429}, failed operations ${rate.failedOperations}`,
      `  time ${ms(rate.timeMs)} (create ${ms(rate.createMs)}, destroy ${ms(rate.destroyMs)}); ` +
        `bound ${ms(rate.boundMs)} (${rate.windows} window${rate.windows === 1 ? "" : "s"}); ` +
        `×bound ${x(rate.vsBound)}`,
    );
  }
  const fp = result.footprint;
  const spreadText = (sp: { min: number; median: number; max: number }) =>
    `${ms(sp.median)} [${Math.round(sp.min)}–${Math.round(sp.max)}]`;
  out.push(
    "",
    "Footprint:",
    `  serialized __provider: ${fp.providerBytes.toLocaleString("en-US")} bytes (captured from dist/)`,
    `  host cold start, median [min–max] of ${fp.coldStartSamples}: port ${spreadText(fp.portMs)} · ` +
      `GetPluginInfo ${spreadText(fp.pluginInfoMs)} · first Check ${spreadText(fp.firstCheckMs)}`,
    `  host peak RSS (VmHWM of the node host): bare host ${mib(fp.hostBaselineRssBytes)} · ` +
      `after the first Check ${mib(fp.hostFirstCheckRssBytes)} · max over phases ` +
      mib(fp.hostPeakRssBytes),
  );
  const missed = result.targets.filter((t) => !t.met);
  out.push(
    "",
    `Targets: ${result.targets.length - missed.length} of ${result.targets.length} met.`,
  );
  for (const t of missed) out.push(`  MISSED ${t.scope}: ${t.target} (${t.value})`);
  return out.join("\n");
}
