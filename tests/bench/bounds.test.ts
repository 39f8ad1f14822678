/** The benchmark's bounds and request accounting (pure functions of bench/requests.ts). */
import {
  latencyBoundMs,
  lowerBound,
  rateBoundMs,
  requestFigures,
  routeOf,
  ROUTES,
} from "../../bench/requests";
import { parseOptions } from "../../bench/options";

const ID = "0c9e2a7d-4b6f-4a31-9d85-e7f1c3b5a901";

describe("routeOf", () => {
  it("replaces UUID and numeric path segments with {id}", () => {
    expect(routeOf("put", `/api/v2/oauth/clients/${ID}`)).toBe(ROUTES.put);
    expect(routeOf("POST", `/api/v2/oauth/clients/${ID.toUpperCase()}/secret`)).toBe(ROUTES.secret);
    expect(routeOf("GET", "/api/v2/oauth/clients/42/usage/query/results/7")).toBe(
      "GET /api/v2/oauth/clients/{id}/usage/query/results/{id}",
    );
    expect(routeOf("GET", "/api/v2/authorization/divisions/home")).toBe(ROUTES.home);
  });
});

describe("lowerBound", () => {
  it("is empty for previews: no request at all, not even a token", () => {
    expect([...lowerBound("preview-new", 100)]).toEqual([]);
    expect([...lowerBound("preview-same", 100)]).toEqual([]);
  });

  it("adds one token per host process and one home-division lookup to a create", () => {
    expect(Object.fromEntries(lowerBound("create", 100))).toEqual({
      [ROUTES.create]: 100,
      [ROUTES.home]: 1,
      [ROUTES.token]: 1,
    });
    const warm = { hasToken: true, hasHomeDivision: true };
    expect(Object.fromEntries(lowerBound("create", 100, warm))).toEqual({ [ROUTES.create]: 100 });
  });

  it("allows three requests per client to a destroy and one secret POST, no PUT, to a rotation", () => {
    expect(Object.fromEntries(lowerBound("destroy", 5))).toEqual({
      [ROUTES.put]: 5,
      [ROUTES.delete]: 5,
      [ROUTES.get]: 5,
      [ROUTES.token]: 1,
    });
    expect(Object.fromEntries(lowerBound("rotate", 5))).toEqual({
      [ROUTES.secret]: 5,
      [ROUTES.token]: 1,
    });
  });
});

describe("requestFigures", () => {
  const log = (method: string, path: string, status = 200) => ({ method, path, status });

  it("counts logged requests per route next to the bound, 429s included", () => {
    const figures = requestFigures(
      [
        log("POST", "/oauth/token"),
        log("GET", `/api/v2/oauth/clients/${ID}`, 429),
        log("GET", `/api/v2/oauth/clients/${ID}`),
      ],
      lowerBound("refresh", 1),
    );
    expect(figures).toEqual({
      total: 3,
      bound: 2,
      ratio: 1.5,
      status429: 1,
      routes: [
        { route: ROUTES.get, count: 2, bound: 1 },
        { route: ROUTES.token, count: 1, bound: 1 },
      ],
    });
  });

  it("gives ratio 1 for no request against a bound of 0, and null (infinite) for any", () => {
    expect(requestFigures([], lowerBound("preview-new", 3)).ratio).toBe(1);
    expect(requestFigures([log("POST", "/oauth/token")], new Map()).ratio).toBeNull();
  });
});

describe("latencyBoundMs", () => {
  it("is requests × latency ÷ parallelism, with the serial token and home lookup at parallelism 1", () => {
    expect(latencyBoundMs("create", 100, 1, 20)).toBe(20 * 102);
    expect(latencyBoundMs("create", 100, 10, 20)).toBe(20 * (2 + 10));
    expect(latencyBoundMs("create", 100, 0, 20)).toBe(20 * (2 + 1));
    expect(latencyBoundMs("refresh", 100, 0, 20)).toBe(20 * (1 + 1));
  });

  it("keeps a client's dependent delete requests in sequence and rounds partial rounds up", () => {
    expect(latencyBoundMs("destroy", 100, 0, 20)).toBe(20 * (1 + 3));
    expect(latencyBoundMs("destroy", 7, 3, 10)).toBe(10 * (1 + 3 * 3));
    expect(latencyBoundMs("update", 5, 50, 10)).toBe(10 * (1 + 1));
  });

  it("is 0 for a preview", () => {
    expect(latencyBoundMs("preview-same", 100, 1, 20)).toBe(0);
  });
});

describe("rateBoundMs", () => {
  it("waits whole windows for the requests beyond the first window's budget", () => {
    // 401 requests at 300 per 60 s: the last one goes in the second window.
    expect(rateBoundMs(401, 300, 60, 20, 120)).toBe(60_000 + 40);
    expect(rateBoundMs(600, 300, 60, 20, 120)).toBe(60_000 + 40);
    expect(rateBoundMs(601, 300, 60, 20, 120)).toBe(120_000 + 40);
  });

  it("is the latency bound when everything fits in one window", () => {
    expect(rateBoundMs(13, 300, 60, 20, 120)).toBe(120);
  });
});

describe("parseOptions", () => {
  it("reads flags over environment variables over defaults", () => {
    const o = parseOptions(
      ["--clients", "7", "--parallel=1,0", "--rate-window-seconds", "5"],
      __dirname,
      { BENCH_LATENCY_MS: "3", BENCH_CLIENTS: "9" },
    );
    expect(o).toMatchObject({
      clients: 7,
      parallel: [1, 0],
      latencyMs: 3,
      rateWindowSeconds: 5,
      rateClients: 7,
      rateLimit: 300,
      hostPer: "phase",
      launcher: "wrapper",
    });
  });

  it("refuses unknown flags and malformed numbers", () => {
    expect(() => parseOptions(["--clients", "ten"], __dirname, {})).toThrow(/whole number/);
    expect(() => parseOptions(["--fast"], __dirname, {})).toThrow(/unknown option --fast/);
    expect(() => parseOptions(["--hosts", "all"], __dirname, {})).toThrow(/phase or run/);
  });
});
