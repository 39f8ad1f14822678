/**
 * Command-line options of `npm run bench` (flags first, then `BENCH_*` environment variables, then
 * the defaults below).
 */
import * as path from "path";

/** How the benchmark runs. */
export interface BenchOptions {
  /** OAuth clients in the fleet. `--clients N`, `BENCH_CLIENTS`. Default 100. */
  clients: number;
  /** Parallelism levels; 0 = unbounded (the CLI default); empty: none. `--parallel 1,10,0`, `BENCH_PARALLEL`. */
  parallel: number[];
  /** Latency the emulator adds to every response, ms. `--latency MS`, `BENCH_LATENCY_MS`. Default 20. */
  latencyMs: number;
  /** Run the rate-limited create + destroy. `--no-rate` turns it off. Default on. */
  rateRun: boolean;
  /** Requests per token per window in the rate-limited run. `--rate-limit N`. Default 300. */
  rateLimit: number;
  /** Window length of the rate-limited run, s. `--rate-window-seconds S`, `BENCH_RATE_WINDOW_SECONDS`. Default 60. */
  rateWindowSeconds: number;
  /** Clients in the rate-limited run. `--rate-clients N`. Default: `clients`. */
  rateClients: number;
  /** Run the official SDK baseline. `--no-sdk` turns it off. Default on. */
  sdk: boolean;
  /** Host launches measured for the cold start. `--cold-starts N`. Default 5. */
  coldStarts: number;
  /** How the host is started: `wrapper` (what the engine runs) or `node`. `--launcher`. */
  launcher: "wrapper" | "node";
  /** `phase`: a fresh host per phase, like each CLI command (default); `run`: one per level. `--hosts`. */
  hostPer: "phase" | "run";
  /** Where the JSON results go. `--out FILE`. Default `.bench/results.json` under the repository. */
  out: string;
}

/** The defaults, for a repository at `root`. */
export function defaultOptions(root: string): BenchOptions {
  return {
    clients: 100,
    parallel: [1, 10, 0],
    latencyMs: 20,
    rateRun: true,
    rateLimit: 300,
    rateWindowSeconds: 60,
    rateClients: 100,
    sdk: true,
    coldStarts: 5,
    launcher: "wrapper",
    hostPer: "phase",
    out: path.join(root, ".bench", "results.json"),
  };
}

/** The usage text. */
export const USAGE = `Usage: npm run bench -- [options]

  --clients N               OAuth clients in the fleet (default 100; env BENCH_CLIENTS)
  --parallel LIST           parallelism levels, 0 = unbounded (default 1,10,0; env BENCH_PARALLEL);
                            "none" skips the latency runs
  --latency MS              emulator latency per response (default 20; env BENCH_LATENCY_MS)
  --rate-limit N            requests per token per window in the rate-limited run (default 300)
  --rate-window-seconds S   rate-limit window (default 60, a real minute; env BENCH_RATE_WINDOW_SECONDS)
  --rate-clients N          clients in the rate-limited run (default: --clients)
  --no-rate                 skip the rate-limited run
  --no-sdk                  skip the official SDK baseline
  --cold-starts N           host launches measured for the cold start (default 5)
  --launcher wrapper|node   how to start the host (default wrapper, what the engine runs)
  --hosts phase|run         a fresh host per phase, like each CLI command (default), or one
                            host for all phases of a parallelism level (quicker)
  --out FILE                JSON results (default .bench/results.json)
`;

/** A command-line mistake. */
export class BenchUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BenchUsageError";
  }
}

function whole(flag: string, raw: string | undefined, min: number): number {
  if (raw === undefined || !/^\d+$/.test(raw.trim()) || Number(raw) < min) {
    throw new BenchUsageError(`${flag} needs a whole number ≥ ${min}, got ${raw ?? "nothing"}`);
  }
  return Number(raw);
}

function parallelList(flag: string, raw: string | undefined): number[] {
  if (raw === "none") return [];
  const list = (raw ?? "").split(",").map((part) => whole(flag, part, 0));
  if (list.length === 0) throw new BenchUsageError(`${flag} needs at least one level`);
  return list;
}

/** Parses the arguments after `node run.js`; environment variables fill what flags leave out. */
export function parseOptions(
  argv: readonly string[],
  root: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): BenchOptions {
  const o = defaultOptions(root);
  let rateClients: number | undefined;
  if (env.BENCH_CLIENTS !== undefined) o.clients = whole("BENCH_CLIENTS", env.BENCH_CLIENTS, 1);
  if (env.BENCH_PARALLEL !== undefined)
    o.parallel = parallelList("BENCH_PARALLEL", env.BENCH_PARALLEL);
  if (env.BENCH_LATENCY_MS !== undefined) {
    o.latencyMs = whole("BENCH_LATENCY_MS", env.BENCH_LATENCY_MS, 0);
  }
  if (env.BENCH_RATE_WINDOW_SECONDS !== undefined) {
    o.rateWindowSeconds = whole("BENCH_RATE_WINDOW_SECONDS", env.BENCH_RATE_WINDOW_SECONDS, 1);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (flag !== arg ? arg.slice(eq + 1) : argv[++i]);
    switch (flag) {
      case "--clients":
        o.clients = whole(flag, value(), 1);
        break;
      case "--parallel":
        o.parallel = parallelList(flag, value());
        break;
      case "--latency":
        o.latencyMs = whole(flag, value(), 0);
        break;
      case "--rate-limit":
        o.rateLimit = whole(flag, value(), 1);
        break;
      case "--rate-window-seconds":
        o.rateWindowSeconds = whole(flag, value(), 1);
        break;
      case "--rate-clients":
        rateClients = whole(flag, value(), 1);
        break;
      case "--no-rate":
        o.rateRun = false;
        break;
      case "--no-sdk":
        o.sdk = false;
        break;
      case "--cold-starts":
        o.coldStarts = whole(flag, value(), 1);
        break;
      case "--launcher": {
        const launcher = value();
        if (launcher !== "wrapper" && launcher !== "node") {
          throw new BenchUsageError(`--launcher is wrapper or node, got ${launcher ?? "nothing"}`);
        }
        o.launcher = launcher;
        break;
      }
      case "--hosts": {
        const hosts = value();
        if (hosts !== "phase" && hosts !== "run") {
          throw new BenchUsageError(`--hosts is phase or run, got ${hosts ?? "nothing"}`);
        }
        o.hostPer = hosts;
        break;
      }
      case "--out": {
        const out = value();
        if (!out) throw new BenchUsageError("--out needs a file name");
        o.out = path.resolve(out);
        break;
      }
      default:
        throw new BenchUsageError(`unknown option ${arg}`);
    }
  }
  o.rateClients = rateClients ?? o.clients;
  return o;
}
