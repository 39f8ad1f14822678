/**
 * Property-based fuzzing of `check` and `diff`, in-process (the pure functions, many runs) and
 * through the real host's Check and Diff RPCs (fewer runs; the inputs cross the gRPC wire as the
 * engine sends them). Properties: they never throw (through the host: no RPC error other than
 * check failures, and for Diff only the deliberate refusal to retarget an adoption); an input that
 * normalizes to the same thing as the state never shows a diff (defaults omitted or spelled out,
 * legacy grant spellings, the home division named or omitted); the order of set-valued fields
 * never matters. The unit suite (`tests/unit/oauthClient/properties.test.ts`) covers the pure
 * functions with non-JSON values too; this file fuzzes what can cross the wire.
 */
import fc from "fast-check";
import type { Engine, JsonMap, ProviderClient } from "../../provider/testing";
import { diffClient } from "../../provider/oauthClient/diff";
import { checkInputs } from "../../provider/oauthClient/validate";
import { CLIENT_ID, CREATED, checked, outputsOf } from "../unit/oauthClient/fixtures";
import { clientsProgram, startEngine, startHarness, type Harness } from "../resource/harness";
import { rewrite, validClient, variant, wireInputs } from "./support/arbitraries";
import { Scenario } from "./support/figures";
import { finish, rememberHosts } from "./support/hygiene";

const scenario = new Scenario("fuzz", "Fuzzing", "check and diff under fast-check", __filename);

/** Runs per property: in-process, and through the host. */
const RUNS = { pure: 1000, host: 60 };
const AT = { now: new Date(CREATED) };
const URN = "urn:pulumi:dev::oauth-tests::pulumi-nodejs:dynamic/genesys:OAuthClient::fuzzed";

/** The outputs a create with `raw` records (what Diff receives as olds). */
function outputsFor(raw: Record<string, unknown>): JsonMap {
  return JSON.parse(JSON.stringify(outputsOf(checked(raw)))) as JsonMap;
}

describe("fuzzing check and diff", () => {
  let h: Harness;
  let client: ProviderClient;
  let fixedClock: Engine | undefined;
  let providerText: string;
  const rpcErrors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    // A host with a fixed clock, so a scheduled rotation is never due in the middle of a property.
    const { engine } = await startEngine(h.emulator, { env: { GENESYSCLOUD_OAUTH_NOW: CREATED } });
    fixedClock = engine;
    client = engine.client;
    const capture = await h.capture(
      clientsProgram({ fuzzed: { authorizedGrantType: "CODE", scope: ["users"] } }),
    );
    providerText = capture.registrations[0].providerText as string;
    await h.clearLog();
    scenario.note(
      `In-process: ${RUNS.pure} runs per property. Through the host: ${RUNS.host} runs per ` +
        "property, each one a Check or Diff RPC (a Diff property sends a Check first). Inputs are " +
        "JSON (objects of known and unknown keys holding any JSON value, or generated valid " +
        "clients rewritten in an equivalent way).",
    );
    rememberHosts();
  });
  afterAll(async () => {
    await finish(scenario, async () => {
      await fixedClock?.close();
      await h?.close();
    });
  });

  const withProvider = (value: Record<string, unknown>): JsonMap =>
    ({ ...value, __provider: providerText }) as JsonMap;

  async function hostCheck(olds: Record<string, unknown>, news: Record<string, unknown>) {
    scenario.add("Check RPCs sent");
    try {
      return await client.check(URN, withProvider(olds), withProvider(news));
    } catch (err) {
      rpcErrors.push(err instanceof Error ? err.message : String(err));
      throw err;
    }
  }

  async function hostDiff(olds: JsonMap, news: JsonMap) {
    scenario.add("Diff RPCs sent");
    return client.diff({
      id: CLIENT_ID,
      urn: URN,
      olds: withProvider(olds),
      news: withProvider(news),
      oldInputs: withProvider(olds),
    });
  }

  scenario.it("check never throws, in-process or through the host", async () => {
    fc.assert(
      fc.property(wireInputs, wireInputs, (olds, news) => {
        const result = checkInputs(olds, news);
        expect(result.ok || result.failures.length > 0).toBe(true);
      }),
      { numRuns: RUNS.pure },
    );
    await fc.assert(
      fc.asyncProperty(wireInputs, wireInputs, async (olds, news) => {
        const result = await hostCheck(olds, news);
        for (const f of result.failures) expect(f.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS.host },
    );
    scenario.add("runs: check never throws", RUNS.pure + RUNS.host);
  });

  scenario.it("diff never throws, in-process or through the host", async () => {
    fc.assert(
      fc.property(wireInputs, wireInputs, (olds, news) => {
        const result = diffClient(olds, news, AT);
        expect(typeof result.changes).toBe("boolean");
      }),
      { numRuns: RUNS.pure },
    );
    let refusals = 0;
    await fc.assert(
      fc.asyncProperty(wireInputs, wireInputs, async (olds, news) => {
        try {
          await hostDiff(olds as JsonMap, news as JsonMap);
        } catch (err) {
          // The one deliberate refusal: an adoption cannot be pointed at another client.
          expect(err instanceof Error ? err.message : String(err)).toMatch(
            /adoptClientId .* differs from the client this resource manages/,
          );
          refusals++;
        }
      }),
      { numRuns: RUNS.host },
    );
    scenario.add("runs: diff never throws", RUNS.pure + RUNS.host);
    scenario.add("Diff RPCs refused on purpose (adoption retargeted)", refusals);
  });

  scenario.it("an input written differently but meaning the same shows no diff", async () => {
    fc.assert(
      fc.property(validClient, variant, fc.integer(), (raw, how, seed) => {
        const news = checkInputs({}, rewrite(raw, how, seed));
        expect(news.failures).toEqual([]);
        expect(diffClient(outputsFor(raw), news.inputs, AT).changes).toBe(false);
      }),
      { numRuns: RUNS.pure },
    );
    await fc.assert(
      fc.asyncProperty(validClient, variant, fc.integer(), async (raw, how, seed) => {
        const news = await hostCheck({}, rewrite(raw, how, seed));
        expect(news.failures).toEqual([]);
        const diff = await hostDiff(outputsFor(raw), news.inputs);
        expect(diff.changes).toBe("none");
      }),
      { numRuns: RUNS.host },
    );
    scenario.add("runs: equal normalized inputs show no diff", RUNS.pure + RUNS.host);
  });

  scenario.it("the order of set-valued fields never matters", async () => {
    fc.assert(
      fc.property(validClient, fc.integer(), (raw, seed) => {
        const a = checkInputs({}, raw);
        const b = checkInputs({}, rewrite(raw, "shuffle", seed));
        expect(b.inputs).toEqual(a.inputs);
      }),
      { numRuns: RUNS.pure },
    );
    await fc.assert(
      fc.asyncProperty(validClient, fc.integer(), async (raw, seed) => {
        const a = await hostCheck({}, raw);
        const b = await hostCheck({}, rewrite(raw, "shuffle", seed));
        expect(b.inputs).toEqual(a.inputs);
      }),
      { numRuns: RUNS.host },
    );
    scenario.add("runs: set order never matters", RUNS.pure + RUNS.host);
  });

  scenario.it("sent nothing to the org and met no RPC error", async () => {
    expect(rpcErrors).toEqual([]);
    expect(await h.emulator.admin.requests()).toEqual([]);
    scenario.set("RPC errors (other than the deliberate adoption refusal)", rpcErrors.length);
    scenario.set("counterexamples found", 0);
  });
});
