/**
 * Pacing for the per-token rate limit: parallel callers are held when the window's budget (from
 * the `inin-ratelimit-*` headers) is spent, instead of collecting 429s.
 */
import { harness } from "./helpers";

const SCOPES = "/api/v2/oauth/scopes";

async function statusesOf(h: Awaited<ReturnType<typeof harness>>): Promise<number[]> {
  return (await h.emu.admin.requests()).filter((r) => r.path === SCOPES).map((r) => r.status);
}

describe("pacing", () => {
  it("runs 40 parallel GETs against 10 per 2-second window with (almost) no 429", async () => {
    const h = await harness({}, { rateLimitPerMinute: 10, rateLimitWindowSeconds: 2 });
    try {
      const started = Date.now();
      const results = await Promise.all(Array.from({ length: 40 }, () => h.api.getOauthScopes()));
      const elapsed = Date.now() - started;
      expect(results.every((r) => (r.entities?.length ?? 0) > 0)).toBe(true);
      const statuses = await statusesOf(h);
      const limited = statuses.filter((s) => s === 429).length;
      expect(statuses.filter((s) => s === 200)).toHaveLength(40);
      expect(limited).toBeLessThanOrEqual(2);
      // 40 requests at 10 per window need 4 windows: at least 3 full windows of waiting.
      expect(elapsed).toBeGreaterThanOrEqual(3 * 2000);
      expect(elapsed).toBeLessThan(30_000);
      expect(h.api.connection.stats().heldMs).toBeGreaterThan(0);
    } finally {
      await h.close();
    }
  });

  it("without pacing, the same burst still succeeds through Retry-After, but collects 429s", async () => {
    const h = await harness({ pace: false }, { rateLimitPerMinute: 5, rateLimitWindowSeconds: 1 });
    try {
      await Promise.all(Array.from({ length: 15 }, () => h.api.getOauthScopes()));
      const statuses = await statusesOf(h);
      expect(statuses.filter((s) => s === 200)).toHaveLength(15);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(10);
    } finally {
      await h.close();
    }
  });
});
