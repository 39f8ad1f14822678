/**
 * Smoke run of the benchmark (`npm run bench`) at a tiny size, so it cannot rot: 3 clients,
 * parallelism 1 and unbounded, 1 ms latency, a rate limit of 7 requests per 1-second window, and
 * one host per parallelism level (a host start costs about a second of CPU; the token request and
 * the home-division lookup then happen once per level, and the bound says so).
 * It asserts what is exact (request counts at the lower bound, no failures, the JSON's shape),
 * never times.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../bench/run";
import { PHASES, type BenchResult } from "../../bench/types";

const CLIENTS = 3;
/** Requests per 1-second window: the 13 API requests of the rate-limited run need 2 windows. */
const RATE_LIMIT = 7;

describe("benchmark smoke run", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-smoke-"));
  const out = path.join(dir, "results.json");
  const printed: string[] = [];
  let result: BenchResult;
  let written: BenchResult;

  beforeAll(async () => {
    const returned = await main(
      [
        "--clients",
        String(CLIENTS),
        "--parallel",
        "1,0",
        "--latency",
        "1",
        "--rate-limit",
        String(RATE_LIMIT),
        "--rate-window-seconds",
        "1",
        "--cold-starts",
        "1",
        "--launcher",
        "node",
        "--hosts",
        "run",
        "--out",
        out,
      ],
      (line) => printed.push(line),
    );
    if (!returned) throw new Error("the benchmark returned no result");
    result = returned;
    written = JSON.parse(fs.readFileSync(out, "utf8")) as BenchResult;
  }, 60_000);

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("runs every phase at both parallelism levels without a failed step", () => {
    expect(result.runs.map((r) => [r.parallel, r.effectiveParallel])).toEqual([
      [1, 1],
      [0, CLIENTS],
    ]);
    for (const run of result.runs) {
      expect(run.phases.map((f) => f.phase)).toEqual([...PHASES]);
      for (const f of run.phases) {
        expect({ phase: f.phase, ok: f.ok, errors: f.errors }).toEqual({
          phase: f.phase,
          ok: true,
          errors: [],
        });
      }
    }
  });

  it("makes exactly the lower bound of requests in every phase, route by route", () => {
    for (const run of result.runs) {
      for (const f of run.phases) {
        const scope = `p=${run.parallel} ${f.phase}`;
        expect({ scope, ratio: f.requests.ratio }).toEqual({ scope, ratio: 1 });
        expect({ scope, total: f.requests.total }).toEqual({ scope, total: f.requests.bound });
        for (const r of f.requests.routes) {
          expect({ scope, route: r.route, count: r.count }).toEqual({
            scope,
            route: r.route,
            count: r.bound,
          });
        }
      }
    }
    const create = result.runs[0].phases.find((f) => f.phase === "create");
    expect(create?.requests.routes).toEqual([
      { route: "GET /api/v2/authorization/divisions/home", count: 1, bound: 1 },
      { route: "POST /api/v2/oauth/clients", count: CLIENTS, bound: CLIENTS },
      { route: "POST /oauth/token", count: 1, bound: 1 },
    ]);
    const previews = result.runs.flatMap((r) =>
      r.phases.filter((f) => f.phase.startsWith("preview")),
    );
    expect(previews.map((f) => f.requests.total)).toEqual([0, 0, 0, 0]);
  });

  it("creates and destroys under a tight rate limit with no failure and no extra request", () => {
    const rate = result.rateLimited;
    expect(rate).not.toBeNull();
    expect(rate?.failedOperations).toBe(0);
    expect(rate?.errors).toEqual([]);
    // A token, then 1 home-division lookup + 3 POSTs + 3 × (PUT, DELETE, GET) on that token.
    expect(rate?.requests.bound).toBe(1 + 1 + CLIENTS + 3 * CLIENTS);
    expect(rate?.requests.ratio).toBe(1);
    expect(rate?.requests.status429).toBe(0);
    expect(rate?.windows).toBe(Math.ceil((1 + 4 * CLIENTS) / RATE_LIMIT));
    expect(rate?.windows).toBe(2);
    // The bound waits for the windows, so the run cannot beat it: a real lower bound.
    expect(rate?.timeMs).toBeGreaterThanOrEqual(((rate?.windows ?? 1) - 1) * 1000);
  });

  it("has an SDK baseline for the phases that call the API, and none for previews", () => {
    for (const run of result.runs) {
      for (const f of run.phases) {
        if (f.phase.startsWith("preview")) {
          expect(f.sdk).toBeNull();
        } else {
          expect(f.sdk?.errors).toEqual([]);
          // The SDK (logged in once) made the same raw calls, without the provider's token request.
          const token = f.requests.routes.find((r) => r.route === "POST /oauth/token");
          expect(f.sdk?.requests).toBe(f.requests.bound - (token?.bound ?? 0));
        }
      }
    }
  });

  it("measures the footprint from the compiled package", () => {
    expect(result.footprint.providerBytes).toBeGreaterThan(500);
    expect(result.footprint.coldStartSamples).toBe(1);
    const { portMs, pluginInfoMs, firstCheckMs } = result.footprint;
    expect(portMs.median).toBeGreaterThan(0);
    expect(pluginInfoMs.median).toBeGreaterThanOrEqual(portMs.median);
    expect(firstCheckMs.median).toBeGreaterThanOrEqual(pluginInfoMs.median);
    if (process.platform === "linux") {
      expect(result.footprint.hostPeakRssBytes).toBeGreaterThan(10 * 2 ** 20);
    }
  });

  it("writes the printed figures as JSON of the documented shape", () => {
    expect(written).toEqual(result);
    expect(Object.keys(written).sort()).toEqual(
      [
        "durationSeconds",
        "footprint",
        "machine",
        "rateLimited",
        "runs",
        "settings",
        "startedAt",
        "targets",
        "version",
      ].sort(),
    );
    expect(written.version).toBe(1);
    expect(written.settings).toMatchObject({ clients: CLIENTS, parallel: [1, 0], latencyMs: 1 });
    const phase = written.runs[0].phases[1];
    expect(Object.keys(phase).sort()).toEqual(
      [
        "command",
        "cpu",
        "errors",
        "hostPeakRssBytes",
        "latencyBoundMs",
        "ok",
        "phase",
        "requests",
        "sdk",
        "steps",
        "timeMs",
        "vsBound",
        "vsSdk",
      ].sort(),
    );
    expect(phase).toMatchObject({ phase: "create", command: "pulumi up", steps: { create: 3 } });
    expect(written.targets.filter((t) => !t.timing && !t.met)).toEqual([]);
    const report = printed.join("\n");
    expect(report).toContain("Requests by route");
    expect(report).toContain("Targets:");
  });
});
