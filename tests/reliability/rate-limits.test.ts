/**
 * Rate limits: 50 OAuth clients created, refreshed and destroyed in parallel (the engine's
 * `--parallel` unbounded) through ONE host, with the emulator at 60 requests per window per
 * token and `Retry-After` on every 429. Time is compressed: the window is 3 s instead of 60 s.
 *
 * The provider paces itself from the `inin-ratelimit-*` headers, so on its own it mostly stays
 * under the limit (the destroy phase, 150 requests over several windows, records its 429s). To
 * exercise its handling of 429s the test adds two things a real org produces: 429s injected with
 * a `Retry-After` during the creates and the deletes (a gateway throttling), and, before the
 * refresh, a neighbour
 * that shares the access token and spends the whole window, so the emulator itself answers the
 * provider's burst with 429 and the time left in its window.
 *
 * What is asserted, from a recording proxy between the host and the emulator: every operation
 * succeeds; the repeat of a request that got a 429 never comes before that 429's Retry-After
 * ("its" Retry-After, exactly); and, because the provider pauses the whole connection, no other
 * request on that token arrives during the pause either, except requests already in flight when
 * the 429 was answered; exactly one token request for the host process; state = org, no duplicate.
 */
import type { OAuthClientArgs } from "../../provider";
import { EMULATOR_ROLE_IDS, type RunningEmulator } from "../../provider/emulator";
import {
  captureProgram,
  type Engine,
  type OperationResult,
  type StackSettings,
} from "../../provider/testing";
import { clientsProgram, startEngine, type Clients } from "../resource/harness";
import { Scenario } from "./support/figures";
import { finish, rememberHosts } from "./support/hygiene";
import { checkOrg, NO_PROBLEMS, problems, settle } from "./support/org";
import { checkPauses, IN_FLIGHT_GRACE_MS } from "./support/pauses";
import { startRecordingProxy, type Exchange, type RecordingProxy } from "./support/proxy";
import { startThreadedEmulator, type ThreadedEmulator } from "./support/threaded-emulator";
import { RATE_COMPRESSION, RATE_LIMIT, RATE_WINDOW_SECONDS } from "./support/timing";
import { CLIENTS, TOKEN } from "./support/requests";

const scenario = new Scenario(
  "rate-limits",
  "Rate limits",
  "50 resources through one host",
  __filename,
);

const RESOURCES = 50;
const LIMIT = RATE_LIMIT;
const WINDOW_SECONDS = RATE_WINDOW_SECONDS;
/** Requests the token's neighbour spends at the start of the refresh window: all of it. */
const NEIGHBOUR = LIMIT;
/** The window of the refresh phase, s: long enough for the provider's burst to land in it. */
const REFRESH_WINDOW_SECONDS = 2 * WINDOW_SECONDS;
/**
 * `Retry-After` of the 429s injected during the destroy: longer than the in-flight grace, so the
 * pause of the whole connection is checked for 1.5 s after the grace, while the other clients'
 * deletes keep coming.
 */
const DESTROY_RETRY_AFTER = 3;
const clients: Clients = Object.fromEntries(
  Array.from({ length: RESOURCES }, (_, i): [string, OAuthClientArgs] => [
    `rl-${String(i).padStart(2, "0")}`,
    {
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleDivisions: [{ roleId: EMULATOR_ROLE_IDS.developer }],
    },
  ]),
);

describe("rate limits", () => {
  /** The emulator runs in a worker thread, so it cannot delay the proxy's clock. */
  let emulator: ThreadedEmulator;
  let engine: Engine;
  let stack: StackSettings;
  let proxy: RecordingProxy;
  const phases: { name: string; result: OperationResult; ms: number; exchanges: Exchange[] }[] = [];

  beforeAll(async () => {
    emulator = await startThreadedEmulator({
      rateLimitPerMinute: LIMIT,
      rateLimitWindowSeconds: WINDOW_SECONDS,
    });
    proxy = await startRecordingProxy(emulator.apiUrl);
    // startEngine reads only the emulator's URL and bootstrap credentials.
    ({ engine, stack } = await startEngine(emulator as unknown as RunningEmulator, {
      extraConfig: { "genesyscloud:apiUrl": proxy.url },
    }));
    rememberHosts();
  });
  afterAll(async () => {
    await finish(scenario, async () => {
      await engine?.close();
      await proxy?.close();
      await emulator?.close();
    });
  });

  async function phase(
    name: string,
    run: () => Promise<OperationResult>,
  ): Promise<OperationResult> {
    proxy.clear();
    const started = Date.now();
    const result = await run();
    const ms = Date.now() - started;
    await settle(emulator);
    phases.push({ name, result, ms, exchanges: proxy.exchanges() });
    expect(result.errors).toEqual([]);
    return result;
  }

  /** The neighbour: another tool using the provider's access token (learnt by the proxy). */
  async function neighbourSpends(count: number): Promise<number> {
    const [token] = proxy.tokens();
    const statuses = await Promise.all(
      Array.from({ length: count }, async () => {
        const res = await fetch(`${emulator.apiUrl}/api/v2/oauth/scopes`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    return statuses.filter((s) => s === 200).length;
  }

  scenario.it(
    `${RESOURCES} creates, refreshes and deletes in parallel stay within the limit and honour every Retry-After`,
    async () => {
      // Create, with three creates throttled by a gateway for 2 s.
      await emulator.admin.addFault({
        method: "POST",
        path: CLIENTS,
        status: 429,
        retryAfter: 2,
        times: 3,
      });
      const program = await captureProgram(clientsProgram(clients), { stack });
      const created = await phase("create", () => engine.up(program));
      expect(created.summary).toEqual({ create: RESOURCES });
      const afterCreate = await checkOrg(emulator, [engine]);
      expect(problems(afterCreate)).toEqual(NO_PROBLEMS);
      expect(afterCreate).toMatchObject({ managed: RESOURCES, live: RESOURCES, duplicates: 0 });
      expect(afterCreate.secretsVerified).toBe(RESOURCES);

      // Refresh, right after a neighbour on the same token spent a whole window. A settings change
      // starts fresh windows at the emulator; this one is twice as long, so the provider's burst
      // surely lands in the neighbour's window even on a loaded machine (the provider may first
      // wait for the end of the window it is pacing itself in).
      await emulator.admin.updateSettings({ rateLimitWindowSeconds: REFRESH_WINDOW_SECONDS });
      const spent = await neighbourSpends(NEIGHBOUR);
      const refreshed = await phase("refresh", () => engine.refresh());
      expect(refreshed.summary).toEqual({ "refresh-same": RESOURCES });

      // Destroy: three requests per client, several windows' worth, paced by the provider; two
      // deletes throttled by a gateway while the other clients' requests keep coming, so the
      // whole connection has to pause.
      await emulator.admin.updateSettings({ rateLimitWindowSeconds: WINDOW_SECONDS });
      await emulator.admin.addFault({
        method: "DELETE",
        path: `${CLIENTS}/`,
        status: 429,
        retryAfter: DESTROY_RETRY_AFTER,
        times: 2,
      });
      const destroyed = await phase("destroy", () => engine.destroy());
      expect(destroyed.summary).toEqual({ delete: RESOURCES });
      const destroyPhase = phases[phases.length - 1];
      expect(destroyPhase.exchanges.length).toBeGreaterThan(2 * LIMIT);
      const end = await checkOrg(emulator, [engine]);
      expect(problems(end)).toEqual(NO_PROBLEMS);
      expect(end).toMatchObject({ managed: 0, live: 0 });
      expect(await emulator.admin.faults()).toEqual([]);

      // The proxy's view: one token, every 429 honoured.
      const all = phases.flatMap((p) => p.exchanges);
      const tokenRequests = all.filter((e) => e.path === TOKEN);
      expect(tokenRequests).toHaveLength(1);
      const api = all.filter((e) => e.path.startsWith("/api/"));
      const tokens = new Set(api.map((e) => e.tokenHash));
      expect(tokens.size).toBe(1);
      const pauses = checkPauses(api);
      expect(pauses.unanswered).toEqual([]);
      expect(pauses.early.map((e) => `${e.method} ${e.path}`)).toEqual([]);
      expect(pauses.intruders.map((e) => `${e.method} ${e.path}`)).toEqual([]);
      const log = await emulator.admin.requests();
      const injected = log.filter((e) => e.fault === "status" && e.status === 429).length;
      expect(injected).toBe(5);
      const natural = phases[1].exchanges.filter((e) => e.status === 429).length;
      // The neighbour really made the emulator itself answer 429s.
      expect(natural).toBeGreaterThan(0);
      expect(spent).toBe(NEIGHBOUR);

      scenario.set("resources", RESOURCES);
      scenario.set(
        "operations (resource steps: create + refresh + delete)",
        phases.reduce((n, p) => n + p.result.steps.length, 0),
      );
      scenario.set("operations that failed", phases.filter((p) => !p.result.ok).length);
      scenario.set("API requests sent by the provider", api.length);
      scenario.set("token requests by the host process", tokenRequests.length);
      scenario.set("distinct access tokens used", tokens.size);
      scenario.set(
        `429s injected (3 creates with Retry-After 2 s, 2 deletes with ${DESTROY_RETRY_AFTER} s)`,
        injected,
      );
      scenario.set(
        `429s from the emulator's own window (refresh after the neighbour, ${REFRESH_WINDOW_SECONDS}-s window)`,
        natural,
      );
      scenario.set(
        "429s from the emulator's own window during the destroy (pacing)",
        destroyPhase.exchanges.filter((e) => e.status === 429).length - 2,
      );
      scenario.set("neighbour requests served before the refresh", spent);
      scenario.set("repeats before their Retry-After", pauses.early.length);
      scenario.set(
        "other requests during a pause (after the in-flight grace)",
        pauses.intruders.length,
      );
      scenario.set("requests already in flight when a 429 was answered", pauses.inFlight);
      scenario.set(
        "latest arrival of such an in-flight request (ms after the 429)",
        pauses.inFlightLagMs,
      );
      scenario.set("smallest margin after a Retry-After (ms)", pauses.minSlackMs);
      scenario.set(
        "longest wait from a 429 to its repeat (ms, vs its Retry-After)",
        `${pauses.longest.waitMs} (Retry-After ${pauses.longest.retryAfter} s)`,
      );
      scenario.set("duplicates", afterCreate.duplicates);
      scenario.set("orphans after destroy", end.orphans.length);
      scenario.set("secrets verified at the token endpoint", afterCreate.secretsVerified);
      for (const p of phases) {
        const windows = Math.ceil(p.ms / (WINDOW_SECONDS * 1000));
        scenario.row(
          "Phases",
          [
            "phase",
            "steps",
            "API requests",
            "429s",
            "duration",
            `at the real window (×${RATE_COMPRESSION})`,
          ],
          [
            p.name,
            p.result.steps.length,
            p.exchanges.filter((e) => e.path.startsWith("/api/")).length,
            p.exchanges.filter((e) => e.status === 429).length,
            `${(p.ms / 1000).toFixed(1)} s (${windows} window${windows === 1 ? "" : "s"})`,
            `~${((p.ms * RATE_COMPRESSION) / 60_000).toFixed(1)} min`,
          ],
        );
      }
      scenario.note(
        `Time compression: the emulator allows ${LIMIT} requests per token per ${WINDOW_SECONDS}-s ` +
          `window (emulator option rateLimitWindowSeconds) instead of per 60 s, i.e. ${RATE_COMPRESSION} ` +
          "times faster. " +
          "Nothing in the provider depends on the window length (it reads the limit and the reset " +
          "time from the inin-ratelimit-* headers and waits Retry-After), so the property is the " +
          `same at ${LIMIT} per minute; every wait just becomes ${RATE_COMPRESSION} times longer.`,
      );
      scenario.note(
        "Retry-After is checked against the recording proxy's clock: a 429 answered at t with " +
          "Retry-After R must not be repeated before t + R s (5 ms for clock rounding). Because the " +
          "provider pauses the whole connection, no other request on the token may arrive between " +
          `t + ${IN_FLIGHT_GRACE_MS} ms and t + R s either; requests arriving in the first ` +
          `${IN_FLIGHT_GRACE_MS} ms count as already sent when the 429 came back (the latest ` +
          "such arrival is reported above; the emulator runs in a worker thread so that its work " +
          "cannot delay the proxy's clock).",
      );
      scenario.note(
        "The neighbour is another process using the same access token (as with a shared " +
          "genesyscloud:accessToken): it spends a whole window just before the refresh, so the " +
          "provider's first requests meet a spent window it did not know about. For that phase " +
          `the window is ${REFRESH_WINDOW_SECONDS} s, so the provider's burst surely lands in it.`,
      );
    },
    120_000,
  );
});
