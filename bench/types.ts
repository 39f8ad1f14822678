/** The shape of the benchmark's results (`.bench/results.json`). */

/** The measured phases, in the order they run. */
export const PHASES = [
  "preview-new",
  "create",
  "preview-same",
  "refresh",
  "update",
  "rotate",
  "destroy",
] as const;

/** One phase of a fleet's life. */
export type PhaseName = (typeof PHASES)[number];

/** Requests of one route (`METHOD /path/{id}`) next to the lower bound for it. */
export interface RouteFigure {
  /** `METHOD path-template`, ids replaced by `{id}`, e.g. `PUT /api/v2/oauth/clients/{id}`. */
  route: string;
  /** Requests the emulator logged (429s and retries included). */
  count: number;
  /** The lower bound for this route (0 for a route that should not be called). */
  bound: number;
}

/** Requests of a phase next to its lower bound. */
export interface RequestFigures {
  /** Every request logged (token and API, 429s and retries included). */
  total: number;
  /** The lower bound. */
  bound: number;
  /** `total / bound`; 1 when both are 0, `null` (infinite) when only the bound is 0. */
  ratio: number | null;
  /** Per route, sorted by route. */
  routes: RouteFigure[];
  /** Responses with status 429. */
  status429: number;
}

/** CPU time (user + system) used during a phase, ms; `null` where /proc is not available. */
export interface CpuFigures {
  /** The host's node process (the provider, the Pulumi host, gRPC). */
  hostMs: number | null;
  /** This process: the engine driver (or the SDK, for a baseline). */
  engineMs: number;
  /** The emulator's process (the API's own work). */
  emulatorMs: number | null;
  /**
   * The CPU bound: all of the above ÷ the machine's cores. No schedule can finish the phase
   * faster on this machine, whatever the latency.
   */
  cpuBoundMs: number;
}

/** The official SDK's run of a phase. */
export interface SdkFigures {
  /** Wall time (ms). */
  timeMs: number;
  /** Requests the emulator logged. */
  requests: number;
  /** Failed calls. */
  errors: string[];
  /** CPU time during the phase (`hostMs` is null: there is no host). */
  cpu: CpuFigures;
}

/** Figures of one phase at one parallelism. */
export interface PhaseFigures {
  /** The phase. */
  phase: PhaseName;
  /** The Pulumi command it plays, e.g. `pulumi up`. */
  command: string;
  /** True when every step succeeded. */
  ok: boolean;
  /** Step errors (`<urn>: <message>`). */
  errors: string[];
  /** Succeeded steps per op, e.g. `{ "create": 100 }`. */
  steps: Record<string, number>;
  /** The provider's requests. */
  requests: RequestFigures;
  /** Wall time of the operation as the engine driver saw it (ms). */
  timeMs: number;
  /** The latency bound (ms); see README. */
  latencyBoundMs: number;
  /** CPU time used during the phase (ms): the host's node process, the engine driver, the emulator. */
  cpu: CpuFigures;
  /** The official SDK doing the same raw calls, when the phase makes any. */
  sdk: SdkFigures | null;
  /** `timeMs / sdk.timeMs`. */
  vsSdk: number | null;
  /** `timeMs / latencyBoundMs`. */
  vsBound: number | null;
  /** Peak RSS (VmHWM) of the host's node process at the end of the phase, bytes. */
  hostPeakRssBytes: number | null;
}

/** All phases at one parallelism. */
export interface ParallelRun {
  /** The `--parallel` value (0 = unbounded). */
  parallel: number;
  /** `min(parallel, clients)`, unbounded meaning `clients`. */
  effectiveParallel: number;
  /** The phases in order. */
  phases: PhaseFigures[];
}

/** The rate-limited create + destroy. */
export interface RateLimitedRun {
  /** Clients created and destroyed. */
  clients: number;
  /** Requests allowed per token per window. */
  limit: number;
  /** Window length, s. */
  windowSeconds: number;
  /** Emulator latency, ms. */
  latencyMs: number;
  /** Operations (steps) that failed. */
  failedOperations: number;
  /** Step errors. */
  errors: string[];
  /** Requests of create + destroy next to the lower bound. */
  requests: RequestFigures;
  /** API requests on the provider's token (what the limit counts). */
  apiRequests: number;
  /** Windows the lower bound of API requests needs: ⌈bound / limit⌉. */
  windows: number;
  /** Time of the create (ms). */
  createMs: number;
  /** Time of the destroy (ms). */
  destroyMs: number;
  /** create + destroy (ms). */
  timeMs: number;
  /** The rate-limit bound (ms); see README. */
  boundMs: number;
  /** `timeMs / boundMs`. */
  vsBound: number;
  /** Peak RSS (VmHWM) of the host's node process at the end, bytes. */
  hostPeakRssBytes: number | null;
}

/** Minimum, median and maximum of some samples. */
export interface Spread {
  /** Smallest sample. */
  min: number;
  /** Median sample. */
  median: number;
  /** Largest sample. */
  max: number;
}

/** What the provider costs besides API calls. */
export interface Footprint {
  /** Bytes of the serialized `__provider` of an OAuthClient captured from `dist/`. */
  providerBytes: number;
  /** Host launches measured. */
  coldStartSamples: number;
  /** Launch → port printed (ms). */
  portMs: Spread;
  /** Launch → GetPluginInfo answered (ms). */
  pluginInfoMs: Spread;
  /** Launch → Configure and the first Check answered (loads the package) (ms). */
  firstCheckMs: Spread;
  /** Median peak RSS of a bare host (GetPluginInfo answered, nothing loaded), bytes. */
  hostBaselineRssBytes: number | null;
  /** Median peak RSS after the first Check (the package loaded), bytes. */
  hostFirstCheckRssBytes: number | null;
  /** Highest peak RSS (VmHWM) of a host's node process over all phases and runs, bytes. */
  hostPeakRssBytes: number | null;
}

/** One target and whether it was met. */
export interface TargetCheck {
  /** Where: e.g. `p=10 create`. */
  scope: string;
  /** What: e.g. `requests ÷ lower bound = 1.00`. */
  target: string;
  /** The measured value, formatted. */
  value: string;
  /** Whether the target was met. */
  met: boolean;
  /** True for time targets (they depend on the machine; the others are exact). */
  timing: boolean;
}

/** Everything one run measured. */
export interface BenchResult {
  /** Format version of this file. */
  version: 1;
  /** ISO-8601 start. */
  startedAt: string;
  /** Wall time of the whole benchmark, s. */
  durationSeconds: number;
  /** Where it ran. */
  machine: {
    cpus: number;
    cpuModel: string;
    node: string;
    platform: string;
    /** 1-minute load average at the start and at the end (other work on the machine). */
    loadAverage: [number, number];
  };
  /** The settings used. */
  settings: {
    clients: number;
    parallel: number[];
    latencyMs: number;
    launcher: string;
    hostPer: string;
    rateLimit: number;
    rateWindowSeconds: number;
    rateClients: number;
  };
  /** One entry per parallelism. */
  runs: ParallelRun[];
  /** The rate-limited run, unless skipped. */
  rateLimited: RateLimitedRun | null;
  /** Size, start-up and memory. */
  footprint: Footprint;
  /** Every target, met or not. */
  targets: TargetCheck[];
}
