/**
 * The token cache and the pacing state machine, without a network: a fake clock and scripted
 * token fetches / rate-limit headers.
 */
import {
  TOKEN_REFRESH_MARGIN_MS,
  TokenManager,
  tokenRefreshAt,
  type IssuedToken,
} from "../../provider/api/auth";
import { RateLimiter, parseRateLimitHeaders } from "../../provider/api/rateLimiter";

describe("tokenRefreshAt", () => {
  it("renews 60 s early for long tokens and 10 % early for short ones", () => {
    expect(TOKEN_REFRESH_MARGIN_MS).toBe(60_000);
    expect(tokenRefreshAt(0, 86_400)).toBe(86_400_000 - 60_000);
    expect(tokenRefreshAt(1000, 300)).toBe(1000 + 300_000 - 30_000);
    expect(tokenRefreshAt(0, 1)).toBe(900);
  });
});

describe("TokenManager", () => {
  let now = 0;
  let fetches = 0;
  let release: (t: IssuedToken) => void = () => undefined;
  const fetcher = (): Promise<IssuedToken> => {
    fetches++;
    return new Promise((resolve) => (release = resolve));
  };
  const manager = (): TokenManager =>
    new TokenManager(
      { kind: "clientCredentials", clientId: "id", clientSecret: "s" },
      fetcher,
      () => now,
    );
  beforeEach(() => {
    now = 0;
    fetches = 0;
  });

  it("makes one request for any number of concurrent callers", async () => {
    const m = manager();
    const leases = Promise.all([m.current(), m.current(), m.current()]);
    release({ accessToken: "t1", expiresInSeconds: 3600 });
    expect((await leases).map((l) => l.token)).toEqual(["t1", "t1", "t1"]);
    expect(fetches).toBe(1);
  });

  it("reuses the token until shortly before it expires", async () => {
    const m = manager();
    const first = m.current();
    release({ accessToken: "t1", expiresInSeconds: 3600 });
    await first;
    now = 3_539_999;
    expect((await m.current()).token).toBe("t1");
    now = 3_540_000;
    const second = m.current();
    release({ accessToken: "t2", expiresInSeconds: 3600 });
    expect(await second).toEqual({ token: "t2", generation: 2 });
    expect(fetches).toBe(2);
  });

  it("drops a rejected token once, even when many callers report the same 401", async () => {
    const m = manager();
    const p = m.current();
    release({ accessToken: "t1", expiresInSeconds: 3600 });
    const rejected = await p;
    m.invalidate(rejected.generation);
    const renewed = m.current();
    m.invalidate(rejected.generation); // a late 401 of the old token: ignored
    release({ accessToken: "t2", expiresInSeconds: 3600 });
    expect((await renewed).token).toBe("t2");
    m.invalidate(rejected.generation);
    expect((await m.current()).token).toBe("t2");
    expect(fetches).toBe(2);
  });

  it("lets the next caller retry after a failed token request", async () => {
    let fail = true;
    const m = new TokenManager(
      { kind: "clientCredentials", clientId: "id", clientSecret: "s" },
      () =>
        fail
          ? Promise.reject(new Error("down"))
          : Promise.resolve({ accessToken: "ok", expiresInSeconds: 60 }),
    );
    await expect(m.current()).rejects.toThrow("down");
    fail = false;
    await expect(m.current()).resolves.toMatchObject({ token: "ok" });
  });

  it("hands out a pre-issued token as it is and cannot renew it", async () => {
    const m = new TokenManager({ kind: "accessToken", accessToken: "given" }, fetcher);
    expect(await m.current()).toEqual({ token: "given", generation: 0 });
    expect(m.renewable).toBe(false);
    expect(fetches).toBe(0);
  });
});

describe("parseRateLimitHeaders", () => {
  it("reads the three inin-ratelimit headers", () => {
    expect(
      parseRateLimitHeaders({
        "inin-ratelimit-count": "1",
        "inin-ratelimit-allowed": "180",
        "inin-ratelimit-reset": "61",
      }),
    ).toEqual({ count: 1, allowed: 180, resetSeconds: 61 });
  });
  it.each([
    [{}],
    [{ "inin-ratelimit-count": "1", "inin-ratelimit-allowed": "180" }],
    [{ "inin-ratelimit-count": "x", "inin-ratelimit-allowed": "180", "inin-ratelimit-reset": "1" }],
    [{ "inin-ratelimit-count": "1", "inin-ratelimit-allowed": "0", "inin-ratelimit-reset": "1" }],
  ])("ignores incomplete or odd headers %j", (h) =>
    expect(parseRateLimitHeaders(h)).toBeUndefined(),
  );
});

describe("RateLimiter", () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  const headers = (count: number, allowed: number, reset: number): Record<string, string> => ({
    "inin-ratelimit-count": String(count),
    "inin-ratelimit-allowed": String(allowed),
    "inin-ratelimit-reset": String(reset),
  });

  /** Starts `n` acquisitions; returns the tickets obtained so far (a live array). */
  function acquireMany(
    limiter: RateLimiter,
    n: number,
  ): { tickets: Awaited<ReturnType<RateLimiter["acquire"]>>[] } {
    const state = { tickets: [] as Awaited<ReturnType<RateLimiter["acquire"]>>[] };
    for (let i = 0; i < n; i++) void limiter.acquire().then((t) => state.tickets.push(t));
    return state;
  }

  it("sends one probe until the first answer, then spends the window's budget and waits for the reset", async () => {
    const limiter = new RateLimiter(true);
    const s = acquireMany(limiter, 12);
    await jest.advanceTimersByTimeAsync(0);
    expect(s.tickets).toHaveLength(1);
    limiter.release(s.tickets[0], headers(1, 5, 2));
    await jest.advanceTimersByTimeAsync(0);
    expect(s.tickets).toHaveLength(5); // the budget of 5 is spent
    for (const t of s.tickets.slice(1)) limiter.release(t, headers(5, 5, 2));
    await jest.advanceTimersByTimeAsync(1990);
    expect(s.tickets).toHaveLength(5);
    await jest.advanceTimersByTimeAsync(20);
    expect(s.tickets).toHaveLength(10); // the next window
    expect(limiter.state()).toMatchObject({ allowed: 5, used: 5, inFlight: 5 });
    await jest.advanceTimersByTimeAsync(5000); // no answers: the window end is unknown, so it waits
    expect(s.tickets).toHaveLength(10);
  });

  it("pauses every caller until a 429's Retry-After has passed", async () => {
    const limiter = new RateLimiter(false);
    const [first] = (await Promise.all([limiter.acquire()])) as [
      Awaited<ReturnType<RateLimiter["acquire"]>>,
    ];
    limiter.release(first, { "retry-after": "3" });
    limiter.pauseUntil(Date.now() + 3000);
    const s = acquireMany(limiter, 3);
    await jest.advanceTimersByTimeAsync(2999);
    expect(s.tickets).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(2);
    expect(s.tickets).toHaveLength(3);
    expect(s.tickets.every((t) => t.waitedMs >= 3000)).toBe(true);
  });

  it("does not hold anything when the server sends no rate-limit headers", async () => {
    const limiter = new RateLimiter(true);
    const first = await limiter.acquire();
    limiter.release(first, {});
    const s = acquireMany(limiter, 50);
    await jest.advanceTimersByTimeAsync(0);
    expect(s.tickets).toHaveLength(50);
  });
});
