/**
 * Client usage: summary and query executions, Running → Complete polling, rows that match the
 * requests the emulator served to the client's tokens, seeded history, the Failed outcome and
 * the validation errors.
 */
import type { ApiUsageQueryResult as Result } from "../../provider/api/models";
import {
  EMULATOR_ROLE_IDS,
  EMULATOR_DIVISION_IDS,
  type RunningEmulator,
} from "../../provider/emulator";
import { ROBOT_TRAFFIC_ROWS, ROBOT_TRAFFIC_TOTALS } from "../support/robot-usage";
import { apiCaller, ccClient, codeOf, login, withAdminEmulator, type ApiCaller } from "./helpers";

const NOW = "2030-06-15T12:00:00.000Z";
const TODAY = "2030-06-15T00:00:00.000Z";
const CLIENTS = "/api/v2/oauth/clients";

let emu: RunningEmulator;
let api: ApiCaller;
let robot: { id: string; secret: string; name: string };

withAdminEmulator(
  (running, admin) => {
    emu = running;
    api = admin;
  },
  { now: NOW },
);
beforeEach(async () => {
  const res = await api("POST", CLIENTS, {
    body: ccClient(EMULATOR_ROLE_IDS.developer, EMULATOR_DIVISION_IDS.home, {
      name: "usage-robot",
    }),
  });
  robot = res.body as typeof robot;
});

/** Runs a query and polls it to its end; returns every poll's body. */
async function runQuery(path: string, init: { method: string; body?: unknown }): Promise<Result[]> {
  const started = await api(init.method, path, init.body === undefined ? {} : { body: init.body });
  expect(started.status).toBe(202);
  const { executionId, resultsUri } = started.body as { executionId: string; resultsUri: string };
  expect(resultsUri).toBe(`${CLIENTS}/${robot.id}/usage/query/results/${executionId}`);
  const polls: Result[] = [];
  for (let i = 0; i < 10; i++) {
    const res = await api("GET", resultsUri);
    expect(res.status).toBe(200);
    polls.push(res.body as Result);
    if ((res.body as Result).queryStatus !== "Running") break;
  }
  return polls;
}

/** Makes the robot's traffic of `ROBOT_TRAFFIC_ROWS` with its own token. */
async function robotTraffic(): Promise<void> {
  const own = apiCaller(emu, await login(emu, robot.id, robot.secret));
  for (let i = 0; i < 3; i++) expect((await own("GET", "/api/v2/oauth/scopes")).status).toBe(200);
  for (let i = 0; i < 2; i++) expect((await own("GET", `${CLIENTS}/${robot.id}`)).status).toBe(200);
  expect((await own("GET", `${CLIENTS}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
}

const QUERY = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  interval: "2030-06-01T00:00:00/2030-06-16T00:00:00",
  ...extra,
});

describe("usage query", () => {
  it("answers Running first, then Complete with rows matching the requests served per template and method", async () => {
    await robotTraffic();
    const polls = await runQuery(`${CLIENTS}/${robot.id}/usage/query`, {
      method: "POST",
      body: QUERY({ granularity: "Day", groupBy: ["TemplateUri", "HttpMethod"] }),
    });
    expect(polls.map((p) => p.queryStatus)).toEqual(["Running", "Complete"]);
    expect(polls[0]).toEqual({ queryStatus: "Running" });
    expect(polls[1].results).toEqual(ROBOT_TRAFFIC_ROWS.map((row) => ({ date: TODAY, ...row })));
  });

  it("totals per day without groupBy, selects metrics, and adds client and organization when grouped by them", async () => {
    await robotTraffic();
    const [, totals] = await runQuery(`${CLIENTS}/${robot.id}/usage/query`, {
      method: "POST",
      body: QUERY(),
    });
    expect(totals.results).toEqual([{ date: TODAY, ...ROBOT_TRAFFIC_TOTALS }]);
    const [, picked] = await runQuery(`${CLIENTS}/${robot.id}/usage/query`, {
      method: "POST",
      body: QUERY({
        metrics: ["Requests", "Status400"],
        groupBy: ["OAuthClientId", "OrganizationId"],
      }),
    });
    expect(picked.results).toHaveLength(1);
    const row = (picked.results ?? [])[0];
    expect(row).toMatchObject({
      date: TODAY,
      requests: 6,
      status400: 1,
      clientId: robot.id,
      clientName: "usage-robot",
    });
    expect(typeof row.organizationId).toBe("string");
    expect(row.status200).toBeUndefined();
  });

  it("counts 429 answers in status429 and status400", async () => {
    await emu.admin.updateSettings({ rateLimitPerMinute: 1 });
    const own = apiCaller(emu, await login(emu, robot.id, robot.secret));
    expect((await own("GET", "/api/v2/oauth/scopes")).status).toBe(200);
    expect((await own("GET", "/api/v2/oauth/scopes")).status).toBe(429);
    await emu.admin.updateSettings({ rateLimitPerMinute: 300 });
    const [, done] = await runQuery(`${CLIENTS}/${robot.id}/usage/query`, {
      method: "POST",
      body: QUERY(),
    });
    expect(done.results).toEqual([
      {
        date: TODAY,
        status200: 1,
        status300: 0,
        status400: 1,
        status500: 0,
        status429: 1,
        requests: 2,
      },
    ]);
  });

  it("includes seeded history inside the interval only, bucketed by Week or Month", async () => {
    await emu.admin.seedUsage(robot.id, [
      {
        date: "2030-06-10T08:00:00Z",
        templateUri: "/api/v2/oauth/clients",
        httpMethod: "get",
        status200: 10,
        status500: 2,
      },
      { date: "2030-06-12", status200: 5, requests: 5 },
      { date: "2030-04-01T00:00:00Z", status200: 99 },
    ]);
    const [, week] = await runQuery(`${CLIENTS}/${robot.id}/usage/query`, {
      method: "POST",
      body: QUERY({ granularity: "Week", groupBy: ["HttpMethod"] }),
    });
    expect(week.results).toEqual([
      // Rows without a method (seeded totals) sort first.
      {
        date: "2030-06-10T00:00:00.000Z",
        status200: 5,
        status300: 0,
        status400: 0,
        status500: 0,
        status429: 0,
        requests: 5,
      },
      {
        date: "2030-06-10T00:00:00.000Z",
        httpMethod: "GET",
        status200: 10,
        status300: 0,
        status400: 0,
        status500: 2,
        status429: 0,
        requests: 12,
      },
    ]);
    const [, month] = await runQuery(`${CLIENTS}/${robot.id}/usage/query`, {
      method: "POST",
      body: {
        interval: "2030-01-01T00:00:00Z/2030-12-31T00:00:00Z",
        granularity: "Month",
        metrics: ["Requests"],
      },
    });
    expect(month.results).toEqual([
      { date: "2030-04-01T00:00:00.000Z", requests: 99 },
      { date: "2030-06-01T00:00:00.000Z", requests: 17 },
    ]);
  });

  it("answers Running for usagePollsBeforeComplete polls", async () => {
    await emu.admin.updateSettings({ usagePollsBeforeComplete: 3 });
    const polls = await runQuery(`${CLIENTS}/${robot.id}/usage/query`, {
      method: "POST",
      body: QUERY(),
    });
    expect(polls.map((p) => p.queryStatus)).toEqual(["Running", "Running", "Running", "Complete"]);
    expect(polls[3].results).toEqual([]);
  });

  it("reports Failed when usageQueryOutcome is Failed", async () => {
    await emu.admin.updateSettings({ usageQueryOutcome: "Failed", usagePollsBeforeComplete: 0 });
    const polls = await runQuery(`${CLIENTS}/${robot.id}/usage/query`, {
      method: "POST",
      body: QUERY(),
    });
    expect(polls).toEqual([{ queryStatus: "Failed" }]);
  });

  const invalid: { name: string; body: unknown; code: string }[] = [
    { name: "a missing interval", body: { granularity: "Day" }, code: "constraint.validation" },
    {
      name: "an interval without a slash",
      body: { interval: "2030-06-01T00:00:00" },
      code: "invalid.date",
    },
    {
      name: "an interval with a bad date",
      body: { interval: "2030-13-01T00:00:00/2030-06-02T00:00:00" },
      code: "invalid.date",
    },
    {
      name: "an interval ending before it starts",
      body: { interval: "2030-06-02T00:00:00/2030-06-01T00:00:00" },
      code: "constraint.validation",
    },
    { name: "an unknown granularity", body: QUERY({ granularity: "Hour" }), code: "invalid.value" },
    { name: "an unknown metric", body: QUERY({ metrics: ["Status201"] }), code: "invalid.value" },
    { name: "metrics not an array", body: QUERY({ metrics: "Requests" }), code: "invalid.value" },
    { name: "an unknown groupBy", body: QUERY({ groupBy: ["UserId"] }), code: "invalid.value" },
    { name: "an unknown property", body: QUERY({ limit: 5 }), code: "invalid.property" },
  ];
  it.each(invalid)("refuses $name with 400 $code", async ({ body, code }) => {
    const res = await api("POST", `${CLIENTS}/${robot.id}/usage/query`, { body });
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe(code);
  });

  it("answers 404 for an unknown client or execution", async () => {
    const unknownClient = await api(
      "POST",
      `${CLIENTS}/00000000-0000-4000-8000-000000000000/usage/query`,
      { body: QUERY() },
    );
    expect(unknownClient.status).toBe(404);
    expect(codeOf(unknownClient)).toBe("not.found");
    const unknownExecution = await api(
      "GET",
      `${CLIENTS}/${robot.id}/usage/query/results/00000000-0000-4000-8000-000000000000`,
    );
    expect(unknownExecution.status).toBe(404);
    expect(codeOf(unknownExecution)).toBe("not.found");
  });
});

describe("usage summary", () => {
  it("covers the last 7 days by default, per day", async () => {
    await robotTraffic();
    await emu.admin.seedUsage(robot.id, [
      { date: "2030-06-09T10:00:00Z", status200: 4 },
      { date: "2030-06-08T10:00:00Z", status200: 100 },
    ]);
    const polls = await runQuery(`${CLIENTS}/${robot.id}/usage/summary`, { method: "GET" });
    expect(polls.map((p) => p.queryStatus)).toEqual(["Running", "Complete"]);
    expect(polls[1].results).toEqual([
      {
        date: "2030-06-09T00:00:00.000Z",
        status200: 4,
        status300: 0,
        status400: 0,
        status500: 0,
        status429: 0,
        requests: 4,
      },
      { date: TODAY, ...ROBOT_TRAFFIC_TOTALS },
    ]);
  });

  it("takes days as a string", async () => {
    await emu.admin.seedUsage(robot.id, [{ date: "2030-06-08T10:00:00Z", status200: 100 }]);
    const polls = await runQuery(`${CLIENTS}/${robot.id}/usage/summary?days=8`, { method: "GET" });
    expect(polls[1].results).toEqual([
      expect.objectContaining({ date: "2030-06-08T00:00:00.000Z", requests: 100 }),
    ]);
  });

  it.each(["abc", "0", "-1", "1.5", "366"])(
    "refuses days=%s with invalid.query.param.value",
    async (days) => {
      const res = await api(
        "GET",
        `${CLIENTS}/${robot.id}/usage/summary?days=${encodeURIComponent(days)}`,
      );
      expect(res.status).toBe(400);
      expect(codeOf(res)).toBe("invalid.query.param.value");
      expect((res.body as { message: string }).message).toContain("[days]");
    },
  );
});
