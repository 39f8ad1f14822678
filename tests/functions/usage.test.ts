/**
 * Usage lookups against the emulator over HTTP: a CLIENT-CREDENTIALS client created through the
 * API logs in with its own secret and makes calls; its usage query and summary then poll through
 * `Running` to `Complete` and report exactly those calls. Also the `Failed` outcome, the timeout,
 * the backing-off poll interval (seen in the emulator's request log), and a 200 start response.
 */
import { GenesysApiError, OAuthApi } from "../../provider/api";
import {
  UsageQueryError,
  getOauthClientUsageSummary,
  queryOauthClientUsage,
  type UsagePollEvent,
} from "../../provider/functions";
import { startStub, stubSettings } from "../api/helpers";
import { FAST_HTTP, emulatorSettings, rejectionOf } from "../support/emulator-api";
import { ROBOT_TRAFFIC_ROWS, ROBOT_TRAFFIC_TOTALS } from "../support/robot-usage";
import { aroundToday, createRobot, functionsHarness, type FunctionsHarness } from "./helpers";

const CLIENTS = "/api/v2/oauth/clients";
const MISSING = "00000000-0000-4000-8000-000000000000";

let h: FunctionsHarness;
let robot: { id: string; secret: string };
beforeAll(async () => {
  h = await functionsHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.emu.admin.reset();
  robot = await createRobot(h.newApi());
  await h.emu.admin.clearRequests();
});

/** As the robot (its own token): the traffic of `ROBOT_TRAFFIC_ROWS`. */
async function robotTraffic(): Promise<void> {
  const own = h.newApi(emulatorSettings(h.emu, robot.id, robot.secret));
  for (let i = 0; i < 3; i++) await own.getOauthScopes();
  for (let i = 0; i < 2; i++) await own.getOauthClient(robot.id);
  await expect(own.getOauthClient(MISSING)).rejects.toMatchObject({ status: 404 });
  const log = await h.emu.admin.requests();
  expect(log.filter((r) => r.path === "/oauth/token")).toHaveLength(1);
  const apiCalls = log.filter((r) => r.tokenClientId === robot.id && r.path.startsWith("/api/"));
  expect(apiCalls).toHaveLength(6);
}

/** The result polls in the emulator's log, with their arrival times. */
async function resultPolls(): Promise<{ path: string; at: number }[]> {
  return (await h.emu.admin.requests())
    .filter((r) => r.path.startsWith(`${CLIENTS}/${robot.id}/usage/query/results/`))
    .map((r) => ({ path: r.path, at: Date.parse(r.time) }));
}

describe("queryOauthClientUsage", () => {
  it("polls Running → Complete and returns rows matching the client's own requests", async () => {
    await robotTraffic();
    await h.emu.admin.updateSettings({ usagePollsBeforeComplete: 3 });
    const statuses: (string | undefined)[] = [];
    const result = await queryOauthClientUsage(
      {
        clientId: robot.id,
        interval: aroundToday().interval,
        granularity: "Day",
        groupBy: ["TemplateUri", "HttpMethod"],
      },
      { ...h.opts, poll: { ...h.opts.poll, onPoll: (e) => statuses.push(e.queryStatus) } },
    );
    expect(statuses).toEqual(["Running", "Running", "Running", "Complete"]);
    expect(result.polls).toBe(4);
    expect(result.clientId).toBe(robot.id);
    const polls = await resultPolls();
    expect(polls.map((p) => p.path)).toEqual(
      Array(4).fill(`${CLIENTS}/${robot.id}/usage/query/results/${result.executionId}`),
    );
    expect(result.rows.map(({ date: _date, ...rest }) => rest)).toEqual(ROBOT_TRAFFIC_ROWS);
    expect(result.totals).toEqual(ROBOT_TRAFFIC_TOTALS);
  });

  it("sends the query body as given and totals only the selected metrics", async () => {
    await robotTraffic();
    const { interval } = aroundToday();
    const result = await queryOauthClientUsage(
      { clientId: robot.id, interval, metrics: ["Requests", "Status400"], groupBy: [] },
      h.opts,
    );
    const post = (await h.emu.admin.requests()).find((r) => r.path.endsWith("/usage/query"));
    expect(post?.body).toEqual({ interval, metrics: ["Requests", "Status400"] });
    expect(result.totals).toEqual({ requests: 6, status400: 1 });
  });

  it("rejects with UsageQueryError(failed) naming the execution and the client", async () => {
    await h.emu.admin.updateSettings({ usageQueryOutcome: "Failed", usagePollsBeforeComplete: 2 });
    const err = await rejectionOf(
      queryOauthClientUsage({ clientId: robot.id, interval: aroundToday().interval }, h.opts),
    );
    expect(err).toBeInstanceOf(UsageQueryError);
    const e = err as UsageQueryError;
    const polls = await resultPolls();
    expect(polls).toHaveLength(3);
    expect(polls[0].path.endsWith(`/${e.executionId}`)).toBe(true);
    expect(e).toMatchObject({
      reason: "failed",
      clientId: robot.id,
      polls: 3,
      lastStatus: "Failed",
    });
    expect(e.message).toContain(e.executionId);
    expect(e.message).toContain(robot.id);
  });

  it("rejects with UsageQueryError(timeout) once the poll budget is spent, and stops polling", async () => {
    await h.emu.admin.updateSettings({ usagePollsBeforeComplete: 100_000 });
    const started = Date.now();
    const err = await rejectionOf(
      queryOauthClientUsage(
        { clientId: robot.id, interval: aroundToday().interval },
        { ...h.opts, poll: { initialIntervalMs: 2, maxIntervalMs: 10, timeoutMs: 80 } },
      ),
    );
    const took = Date.now() - started;
    const e = err as UsageQueryError;
    expect(e).toBeInstanceOf(UsageQueryError);
    expect(e).toMatchObject({ reason: "timeout", clientId: robot.id, lastStatus: "Running" });
    expect(e.elapsedMs).toBeGreaterThanOrEqual(80);
    expect(took).toBeGreaterThanOrEqual(80);
    expect(took).toBeLessThan(10_000);
    expect(e.message).toContain(`getOauthClientUsageQueryResult("${e.executionId}"`);
    const polls = (await resultPolls()).length;
    expect(polls).toBe(e.polls);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((await resultPolls()).length).toBe(polls);
  });

  it("backs off between polls: the log shows each gap at least as long as the growing interval", async () => {
    await h.emu.admin.updateSettings({ usagePollsBeforeComplete: 4 });
    const result = await queryOauthClientUsage(
      { clientId: robot.id, interval: aroundToday().interval },
      {
        ...h.opts,
        poll: { initialIntervalMs: 20, factor: 2, maxIntervalMs: 80, timeoutMs: 30_000 },
      },
    );
    expect(result.polls).toBe(5);
    const log = await h.emu.admin.requests();
    const posted = Date.parse(log.find((r) => r.path.endsWith("/usage/query"))?.time ?? "");
    const at = (await resultPolls()).map((p) => p.at);
    const gaps = [at[0] - posted, ...at.slice(1).map((t, i) => t - at[i])];
    // Waits 20, 40, 80, 80, 80 ms; 2 ms of slack for millisecond timestamps and timer rounding.
    [20, 40, 80, 80, 80].forEach((wait, i) => expect(gaps[i]).toBeGreaterThanOrEqual(wait - 2));
  });

  it("tells onPoll the poll number and elapsed time", async () => {
    await h.emu.admin.updateSettings({ usagePollsBeforeComplete: 1 });
    const events: UsagePollEvent[] = [];
    const result = await queryOauthClientUsage(
      { clientId: robot.id, interval: aroundToday().interval },
      { ...h.opts, poll: { ...h.opts.poll, onPoll: (e) => events.push(e) } },
    );
    expect(events.map((e) => [e.poll, e.queryStatus, e.executionId, e.clientId])).toEqual([
      [1, "Running", result.executionId, robot.id],
      [2, "Complete", result.executionId, robot.id],
    ]);
    expect(events[1].elapsedMs).toBeGreaterThanOrEqual(events[0].elapsedMs);
  });
});

describe("getOauthClientUsageSummary", () => {
  it("sends days as a string, polls to completion and sums totalRequests", async () => {
    await robotTraffic();
    await h.emu.admin.updateSettings({ usagePollsBeforeComplete: 2 });
    const result = await getOauthClientUsageSummary({ clientId: robot.id, days: 3 }, h.opts);
    expect(result).toMatchObject({ clientId: robot.id, days: 3, totalRequests: 6, polls: 3 });
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({ requests: 6, status200: 5, status400: 1 });
    const summary = (await h.emu.admin.requests()).find((r) => r.path.endsWith("/usage/summary"));
    expect(summary?.query).toEqual({ days: "3" });
  });

  it("defaults to 7 days and reports 0 requests for an unused client", async () => {
    const result = await getOauthClientUsageSummary({ clientId: robot.id }, h.opts);
    expect(result).toMatchObject({ days: 7, totalRequests: 0, rows: [] });
    const summary = (await h.emu.admin.requests()).find((r) => r.path.endsWith("/usage/summary"));
    expect(summary?.query).toEqual({ days: "7" });
  });

  it("surfaces the API's 404 for an unknown client", async () => {
    const err = await rejectionOf(getOauthClientUsageSummary({ clientId: MISSING }, h.opts));
    expect((err as GenesysApiError).status).toBe(404);
  });
});

describe("a start response of 200 instead of 202", () => {
  it("is polled like a 202, for the query and the summary", async () => {
    const rows = [{ date: "2030-06-15T00:00:00.000Z", requests: 4, status200: 4 }];
    let resultPollsSeen = 0;
    const stub = await startStub((req) => {
      if (req.path.includes("/usage/query/results/")) {
        resultPollsSeen++;
        return {
          status: 200,
          body:
            resultPollsSeen % 2 === 1
              ? { queryStatus: "Running" }
              : { queryStatus: "Complete", results: rows },
        };
      }
      return { status: 200, body: { executionId: "exec-200", resultsUri: "/x" } };
    });
    try {
      const opts = { settings: stubSettings(stub), http: FAST_HTTP, poll: h.opts.poll };
      const query = await queryOauthClientUsage(
        { clientId: "c1", interval: "2030-06-01T00:00:00Z/2030-06-16T00:00:00Z" },
        opts,
      );
      expect(query).toMatchObject({
        executionId: "exec-200",
        rows,
        polls: 2,
        totals: { requests: 4 },
      });
      const summary = await getOauthClientUsageSummary({ clientId: "c1" }, opts);
      expect(summary).toMatchObject({ executionId: "exec-200", totalRequests: 4, polls: 2 });
    } finally {
      await stub.close();
    }
  });

  it("without an executionId is an error, not an endless wait", async () => {
    const stub = await startStub(() => ({ status: 200, body: {} }));
    try {
      const err = await rejectionOf(
        getOauthClientUsageSummary(
          { clientId: "c1" },
          { settings: stubSettings(stub), http: FAST_HTTP, poll: h.opts.poll },
        ),
      );
      expect(err).toBeInstanceOf(GenesysApiError);
      expect(err.message).toMatch(/no executionId/);
    } finally {
      await stub.close();
    }
  });
});

it("uses the OAuthApi passed as opts.api", async () => {
  const api: OAuthApi = h.newApi();
  const eventsBefore = h.events.length;
  const result = await getOauthClientUsageSummary(
    { clientId: robot.id, days: 1 },
    { api, poll: h.opts.poll },
  );
  expect(result.days).toBe(1);
  expect(h.events).toHaveLength(eventsBefore);
  expect(api.connection.stats().requests).toBeGreaterThanOrEqual(2);
});
