/** The retry policy as a table: which failures are repeated, after how long, and which are ambiguous. */
import {
  DEFAULT_HTTP_OPTIONS,
  backoffDelayMs,
  decideRetry,
  parseRetryAfterSeconds,
  type FailedAttempt,
} from "../../provider/api";
import { classifyNetworkCode } from "../../provider/api/retryPolicy";

const options = DEFAULT_HTTP_OPTIONS;
const attempt = (f: Partial<FailedAttempt>): FailedAttempt => ({
  method: "GET",
  idempotent: true,
  backoffRetries: 0,
  rateLimitRetries: 0,
  canReauthenticate: true,
  ...f,
});
const GET = { method: "GET", idempotent: true };
const PUT = { method: "PUT", idempotent: true };
const DELETE = { method: "DELETE", idempotent: true };
const POST = { method: "POST", idempotent: false };
const SAFE_POST = { method: "POST", idempotent: true };
/** A secret regeneration: safe to repeat once the first attempt finished, never overtaking it. */
const ORDERED_POST = { method: "POST", idempotent: true, orderSensitive: true };
const half = (): number => 0.5;

describe("decideRetry", () => {
  it.each([
    // [request, failure, retried?, reason or outcomeUnknown]
    [GET, { status: 503 }, true, "unavailable"],
    [POST, { status: 503 }, true, "unavailable"],
    [GET, { status: 500 }, true, "server-error"],
    [PUT, { status: 502 }, true, "server-error"],
    [DELETE, { status: 504 }, true, "server-error"],
    [GET, { status: 408 }, true, "server-error"],
    [SAFE_POST, { status: 500 }, true, "server-error"],
    [POST, { status: 500 }, false, true],
    [POST, { status: 502 }, false, true],
    [POST, { status: 504 }, false, true],
    [POST, { status: 408 }, false, true],
    [GET, { status: 501 }, false, false],
    [POST, { status: 501 }, false, false],
    [GET, { status: 400 }, false, false],
    [POST, { status: 404 }, false, false],
    [GET, { status: 409 }, false, false],
    [GET, { network: "reset" }, true, "network"],
    [PUT, { network: "timeout" }, true, "network"],
    [SAFE_POST, { network: "reset" }, true, "network"],
    [POST, { network: "reset" }, false, true],
    [POST, { network: "timeout" }, false, true],
    [POST, { network: "other" }, false, true],
    [POST, { network: "refused" }, true, "network"],
    [ORDERED_POST, { network: "reset" }, true, "network"],
    [ORDERED_POST, { status: 503 }, true, "unavailable"],
    [ORDERED_POST, { status: 500 }, true, "server-error"],
    [ORDERED_POST, { network: "timeout" }, false, true],
    [ORDERED_POST, { status: 504 }, false, true],
    [GET, { network: "dns" }, false, false],
    [POST, { status: 429, retryAfterSeconds: 3 }, true, "rate-limited"],
    [GET, { status: 401 }, true, "reauth"],
    [POST, { status: 401 }, true, "reauth"],
    [GET, { status: 401, canReauthenticate: false }, false, false],
  ] as const)("%j after %j: retry=%s (%s)", (req, failure, retry, detail) => {
    const d = decideRetry(attempt({ ...req, ...failure }), options, half);
    expect(d.retry).toBe(retry);
    if (d.retry) expect(d.reason).toBe(detail);
    else expect(d.outcomeUnknown).toBe(detail);
  });

  it("waits exactly Retry-After seconds after a 429, for every method", () => {
    for (const req of [GET, POST, PUT, DELETE]) {
      expect(decideRetry(attempt({ ...req, status: 429, retryAfterSeconds: 7 }), options)).toEqual({
        retry: true,
        reason: "rate-limited",
        delayMs: 7000,
      });
    }
  });

  it("fails at once when Retry-After is above the cap, saying why", () => {
    const d = decideRetry(attempt({ status: 429, retryAfterSeconds: 121 }), options);
    expect(d).toEqual({
      retry: false,
      outcomeUnknown: false,
      note: "(Retry-After 121 s is above the 120 s cap, retryAfterCapSeconds)",
    });
    expect(decideRetry(attempt({ status: 429, retryAfterSeconds: 120 }), options).retry).toBe(true);
  });

  it("honours a 503's Retry-After within the cap, else backs off", () => {
    expect(
      decideRetry(attempt({ ...POST, status: 503, retryAfterSeconds: 4 }), options),
    ).toMatchObject({
      retry: true,
      delayMs: 4000,
    });
    const d = decideRetry(attempt({ status: 503, retryAfterSeconds: 999 }), options, half);
    expect(d).toMatchObject({ retry: true, delayMs: 250 });
  });

  it("counts 429 retries and backoff retries separately", () => {
    expect(
      decideRetry(attempt({ status: 503, backoffRetries: 5, rateLimitRetries: 0 }), options).retry,
    ).toBe(false);
    expect(
      decideRetry(attempt({ status: 429, backoffRetries: 5, rateLimitRetries: 9 }), options).retry,
    ).toBe(true);
    const d = decideRetry(attempt({ status: 429, rateLimitRetries: 10 }), options);
    expect(d).toMatchObject({ retry: false, note: "(still rate limited after 11 attempts)" });
  });

  it("gives up after maxRetries backoff retries with a known outcome for idempotent requests", () => {
    expect(decideRetry(attempt({ network: "reset", backoffRetries: 5 }), options)).toEqual({
      retry: false,
      outcomeUnknown: false,
      note: "(gave up after 6 attempts)",
    });
  });

  it("uses exponential backoff with full jitter", () => {
    const delays = [1, 2, 3, 4, 5].map((n) =>
      decideRetry(attempt({ status: 500, backoffRetries: n - 1 }), options, () => 0.999999),
    );
    expect(delays.map((d) => (d.retry ? d.delayMs : -1))).toEqual([500, 1000, 2000, 4000, 8000]);
  });
});

describe("backoffDelayMs", () => {
  it("stays within [0, min(max, base·2^(n−1))]", () => {
    for (let n = 1; n <= 12; n++) {
      const ceiling = Math.min(30_000, 500 * 2 ** (n - 1));
      expect(backoffDelayMs(n, 500, 30_000, () => 0)).toBe(0);
      expect(backoffDelayMs(n, 500, 30_000, () => 0.9999999)).toBe(ceiling);
      const d = backoffDelayMs(n, 500, 30_000);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(ceiling);
    }
  });
});

describe("parseRetryAfterSeconds", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it.each([
    ["42", 42],
    [" 7 ", 7],
    ["0", 0],
    ["1.2", 2],
    [["5"], 5],
    [3, 3],
    ["Thu, 01 Jan 2026 00:00:30 GMT", 30],
    ["Wed, 31 Dec 2025 23:00:00 GMT", 0],
    ["", undefined],
    ["soon", undefined],
    [undefined, undefined],
    ["-3", undefined],
  ])("%j → %s", (value, expected) => expect(parseRetryAfterSeconds(value, now)).toBe(expected));
});

describe("classifyNetworkCode", () => {
  it.each([
    ["ECONNRESET", "reset"],
    ["EPIPE", "reset"],
    ["ETIMEDOUT", "timeout"],
    ["ECONNABORTED", "timeout"],
    ["ECONNREFUSED", "refused"],
    ["ENOTFOUND", "dns"],
    ["ERR_SOMETHING", "other"],
    [undefined, "other"],
  ])("%s → %s", (code, kind) => expect(classifyNetworkCode(code)).toBe(kind));
});
