/**
 * The usage polling core with a scripted `OAuthApi` and an injected sleep: the exact backoff
 * sequence, the last wait cut to the remaining budget, statuses a newer service may add, the
 * totals, option checks, and that the module (used inside the dynamic-provider host) pulls in no
 * Pulumi code.
 */
import * as fs from "fs";
import * as path from "path";
import type { ApiUsageQueryResult, OAuthApi } from "../../provider/api";
import {
  DEFAULT_POLL_OPTIONS,
  LookupArgumentError,
  UsageQueryError,
  pollUsageExecution,
  runUsageQuery,
  runUsageSummary,
  usageTotals,
} from "../../provider/functions";

/** An OAuthApi whose usage endpoints answer from a script; records the calls. */
function scriptedApi(answers: ApiUsageQueryResult[]): { api: OAuthApi; calls: string[] } {
  const calls: string[] = [];
  let i = 0;
  const fake = {
    postOauthClientUsageQuery: async (clientId: string, body: unknown) => {
      calls.push(`query ${clientId} ${JSON.stringify(body)}`);
      return { executionId: "exec-1" };
    },
    getOauthClientUsageSummary: async (clientId: string, query: unknown) => {
      calls.push(`summary ${clientId} ${JSON.stringify(query)}`);
      return { executionId: "exec-1" };
    },
    getOauthClientUsageQueryResult: async (executionId: string, clientId: string) => {
      calls.push(`results ${executionId} ${clientId}`);
      return answers[Math.min(i++, answers.length - 1)];
    },
  };
  return { api: fake as unknown as OAuthApi, calls };
}

const RUNNING: ApiUsageQueryResult = { queryStatus: "Running" };
const recorder = (): { waits: number[]; sleep: (ms: number) => Promise<void> } => {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
};

describe("polling", () => {
  it("waits initial, then factor times longer each poll, capped at the maximum", async () => {
    const { api } = scriptedApi([
      ...Array(6).fill(RUNNING),
      { queryStatus: "Complete", results: [] },
    ]);
    const { waits, sleep } = recorder();
    const result = await runUsageSummary(api, "c1", 7, {
      initialIntervalMs: 100,
      factor: 2,
      maxIntervalMs: 500,
      timeoutMs: 60_000,
      sleep,
    });
    expect(waits).toEqual([100, 200, 400, 500, 500, 500, 500]);
    expect(result.polls).toBe(7);
  });

  it("cuts the last wait to the budget left and then times out", async () => {
    const { api, calls } = scriptedApi([RUNNING]);
    const { waits, sleep } = recorder();
    const err = (await runUsageQuery(
      api,
      "c1",
      { interval: "2030-01-01T00:00:00Z/2030-01-02T00:00:00Z" },
      { initialIntervalMs: 1000, factor: 2, maxIntervalMs: 4000, timeoutMs: 10_000, sleep },
    ).catch((e: unknown) => e)) as UsageQueryError;
    expect(waits).toEqual([1000, 2000, 4000, 3000]);
    expect(err).toBeInstanceOf(UsageQueryError);
    expect(err).toMatchObject({
      reason: "timeout",
      executionId: "exec-1",
      clientId: "c1",
      polls: 4,
      lastStatus: "Running",
    });
    expect(err.elapsedMs).toBeGreaterThanOrEqual(10_000);
    expect(calls.filter((c) => c.startsWith("results"))).toHaveLength(4);
  });

  it("keeps polling through a status it does not know, and stops at Failed", async () => {
    const { api } = scriptedApi([{ queryStatus: "Queued" }, {}, { queryStatus: "Failed" }]);
    const { sleep } = recorder();
    const err = (await pollUsageExecution(api, "c1", "exec-9", { sleep }).catch(
      (e: unknown) => e,
    )) as UsageQueryError;
    expect(err).toMatchObject({ reason: "failed", executionId: "exec-9", polls: 3 });
  });

  it("uses the production defaults when no options are given", async () => {
    const { api } = scriptedApi([{ queryStatus: "Complete", results: [] }]);
    const { waits, sleep } = recorder();
    await pollUsageExecution(api, "c1", "exec-1", { sleep });
    expect(waits).toEqual([DEFAULT_POLL_OPTIONS.initialIntervalMs]);
    expect(DEFAULT_POLL_OPTIONS).toEqual({
      initialIntervalMs: 5000,
      maxIntervalMs: 60_000,
      factor: 2,
      timeoutMs: 600_000,
    });
  });

  it("lets a first wait above the default cap stand (polls 2 minutes apart, as the service asks)", async () => {
    const { api } = scriptedApi([RUNNING, RUNNING, { queryStatus: "Complete", results: [] }]);
    const { waits, sleep } = recorder();
    await pollUsageExecution(api, "c1", "exec-1", { initialIntervalMs: 120_000, sleep });
    expect(waits).toEqual([120_000, 120_000, 120_000]);
  });

  it("returns copies of the rows with their cursors", async () => {
    const row = { date: "2030-01-01T00:00:00Z", requests: 1 };
    const { api } = scriptedApi([
      { queryStatus: "Complete", results: [row], cursors: { after: "next" } },
    ]);
    const result = await pollUsageExecution(api, "c1", "exec-1", { sleep: recorder().sleep });
    expect(result).toEqual({
      clientId: "c1",
      executionId: "exec-1",
      rows: [row],
      totals: { requests: 1 },
      polls: 1,
      cursors: { after: "next" },
    });
    expect(result.rows[0]).not.toBe(row);
  });
});

describe("usageTotals", () => {
  it("sums each metric the rows report, and only those", () => {
    expect(usageTotals([])).toEqual({});
    expect(
      usageTotals([
        { requests: 3, status200: 2, status400: 1 },
        { requests: 4, status200: 4 },
        { date: "x" },
      ]),
    ).toEqual({ requests: 7, status200: 6, status400: 1 });
  });
});

describe("poll option checks (before any request)", () => {
  const bad: [string, Record<string, unknown>][] = [
    ["poll.initialIntervalMs", { initialIntervalMs: -1 }],
    ["poll.factor", { factor: 0.5 }],
    ["poll.timeoutMs", { timeoutMs: 0 }],
    ["poll.timeoutMs", { timeoutMs: Infinity }],
    ["poll.maxIntervalMs", { initialIntervalMs: 10, maxIntervalMs: 5 }],
    ["poll.sleep", { sleep: 5 }],
    ["poll.timeout", { timeout: 5 }],
  ];
  it.each(bad)("refuses a bad %s", async (argument, poll) => {
    const { api, calls } = scriptedApi([RUNNING]);
    const err = await runUsageSummary(api, "c1", 7, poll).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LookupArgumentError);
    expect((err as LookupArgumentError).argument).toBe(argument);
    expect(calls).toEqual([]);
  });

  it("suggests the right name for a misspelled option", async () => {
    const { api } = scriptedApi([RUNNING]);
    await expect(runUsageSummary(api, "c1", 7, { timeout: 5 } as never)).rejects.toThrow(
      /Did you mean "timeoutMs"\?/,
    );
  });
});

describe("usagePolling.ts", () => {
  it("loads no Pulumi code (it runs inside the dynamic-provider host)", () => {
    const root = path.join(__dirname, "..", "..", "provider");
    const seen = new Set<string>();
    const imports: string[] = [];
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = fs.readFileSync(file, "utf8");
      for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms)) {
        const spec = m[1];
        if (spec.startsWith(".")) {
          const base = path.resolve(path.dirname(file), spec);
          const target = [`${base}.ts`, path.join(base, "index.ts")].find((f) => fs.existsSync(f));
          if (target) visit(target);
        } else {
          imports.push(spec);
        }
      }
    };
    visit(path.join(root, "functions", "usagePolling.ts"));
    expect(seen.size).toBeGreaterThan(3);
    expect(imports.filter((s) => s.startsWith("@pulumi/"))).toEqual([]);
  });
});
