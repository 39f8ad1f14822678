/**
 * The transient-fault table: each kind of fault on each endpoint, in each operation that calls
 * it, through the real host. A case creates what its operation needs, injects the fault, runs
 * the operation, and asserts the end state (state = org, no duplicate, no orphan, a working
 * secret), that the fault was consumed, and that every repeated request was safe. The two
 * transient test files run this table for two fault kinds each, so jest runs them in parallel.
 */
import type { OAuthClientArgs } from "../../../provider";
import { EMULATOR_ROLE_IDS } from "../../../provider/emulator";
import type { Engine, OperationResult } from "../../../provider/testing";
import {
  clientsProgram,
  idOf,
  secretOf,
  startEngine,
  startHarness,
  visibleText,
  type Harness,
  type HarnessOptions,
} from "../../resource/harness";
import type { Scenario } from "./figures";
import { finish, rememberHosts } from "./hygiene";
import { checkOrg, NO_PROBLEMS, problems, settle } from "./org";
import { startRecordingProxy, type RecordingProxy } from "./proxy";
import { RETRY_BASE_DELAY_MS, SLOW_MS, TIMEOUT_MS } from "./timing";
import { repeatsOf, route } from "./requests";
import {
  FAULT_KINDS,
  TARGETS,
  type FaultKind,
  type Operation,
  type Target,
} from "./transient-cases";

export type { FaultKind } from "./transient-cases";

/** The client every case manages: client credentials, its role in the home division. */
const CLIENT: OAuthClientArgs = {
  name: "transient-fault-client",
  authorizedGrantType: "CLIENT-CREDENTIALS",
  roleDivisions: [{ roleId: EMULATOR_ROLE_IDS.developer }],
  secretRotationTrigger: "1",
};

/** Stack settings of these tests: a short timeout, so a slow response is a timeout. */
function transientOptions(proxy: RecordingProxy): HarnessOptions {
  return {
    extraConfig: {
      "genesyscloud:apiUrl": proxy.url,
      "genesyscloud:requestTimeoutMs": String(TIMEOUT_MS),
      "genesyscloud:retryBaseDelayMs": String(RETRY_BASE_DELAY_MS),
    },
  };
}

/**
 * Revokes every access token the providers hold (`DELETE /api/v2/tokens/me` with each one), so
 * their next API request gets a 401 and they fetch a new token.
 */
async function revokeTokens(h: Harness, proxy: RecordingProxy): Promise<void> {
  for (const token of proxy.tokens()) {
    await fetch(`${h.emulator.apiUrl}/api/v2/tokens/me`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${token}` },
    });
  }
}

/**
 * Defines the table's tests for `kinds` (one `describe` per kind, one test per endpoint and
 * operation), recording figures in `scenario`.
 */
export function defineTransientTable(scenario: Scenario, kinds: readonly FaultKind[]): void {
  let h: Harness;
  /** Between the hosts and the emulator: it knows the tokens, so a case can revoke them. */
  let proxy: RecordingProxy;
  /** A fresh host per kind for the home-division case (the lookup is cached per connection). */
  const fresh = new Map<FaultKind, Engine>();

  beforeAll(async () => {
    scenario.note(
      `Stack config: genesyscloud:requestTimeoutMs ${TIMEOUT_MS}, genesyscloud:retryBaseDelayMs ${RETRY_BASE_DELAY_MS}. ` +
        `A slow response is answered after ${SLOW_MS} ms (past the timeout; the emulator still ` +
        "applies the request after the client gave up). A 503 burst is two 503s in a row.",
    );
    scenario.note(
      "Each case starts from an empty org, creates what its operation needs, injects one fault " +
        "on one endpoint, runs the operation, waits until the emulator has answered every request " +
        "(a slow one may still land), then compares the state with the org and logs in with the " +
        "recorded secret. Token-endpoint cases first revoke the provider's cached token (the " +
        "hosts reach the emulator through a recording proxy that sees it), so the operation gets " +
        "a 401 and has to fetch a new token.",
    );
    proxy = await startRecordingProxy();
    h = await startHarness(transientOptions(proxy));
    proxy.setTarget(h.emulator.apiUrl);
    const engines = await Promise.all(
      kinds.map(
        async (k) => [k, (await startEngine(h.emulator, transientOptions(proxy))).engine] as const,
      ),
    );
    for (const [k, engine] of engines) fresh.set(k, engine);
    rememberHosts();
  });
  afterAll(async () => {
    await finish(scenario, async () => {
      await Promise.all([...fresh.values()].map((e) => e.close()));
      await h?.close();
      await proxy?.close();
    });
  });

  for (const kind of kinds) {
    describe(kind, () => {
      for (const target of TARGETS) {
        scenario.it(`${target.op} survives it on ${target.endpoint}`, async () => {
          const engine = target.freshHost ? (fresh.get(kind) as Engine) : h.engine;
          await runCase(h, engine, scenario, kind, target, () => revokeTokens(h, proxy));
        });
      }
    });
  }
}

async function runCase(
  h: Harness,
  engine: Engine,
  scenario: Scenario,
  kind: FaultKind,
  target: Target,
  revoke: () => Promise<void>,
): Promise<void> {
  await h.reset();
  engine.setState([]);
  const declared: OAuthClientArgs = {
    ...CLIENT,
    ...(target.inactive ? { state: "inactive" } : {}),
  };
  const run = async (args: OAuthClientArgs): Promise<OperationResult> =>
    engine.up(await h.capture(clientsProgram({ client: args })));
  let operations = 0;

  if (target.op !== "create") {
    expect((await run(declared)).errors).toEqual([]);
    operations++;
  }
  const id = target.op === "create" ? "" : idOf(engine, "client");
  const oldSecret = target.op === "create" ? undefined : secretOf(engine, "client");
  // The provider caches its token: once revoked, the next API request gets a 401 and the provider
  // fetches a new token, which is the faulted request.
  if (target.expireToken) await revoke();
  await h.clearLog();
  await h.emulator.admin.addFault({ ...target.match(id), ...FAULT_KINDS[kind] });

  const changed: Record<Operation, OAuthClientArgs> = {
    create: declared,
    read: declared,
    update: { ...declared, description: "changed while faults were injected" },
    rotate: { ...declared, secretRotationTrigger: "2" },
    delete: declared,
  };
  const operate = (): Promise<OperationResult> =>
    target.op === "read"
      ? engine.refresh()
      : target.op === "delete"
        ? engine.destroy()
        : run(changed[target.op]);
  let result = await operate();
  operations++;
  let runs = 1;
  if (!result.ok) {
    // Only a write whose outcome is unknown may need a second run, and its failure must say so.
    expect(visibleText(result)).toMatch(/outcome is unknown|may have been regenerated/);
    // The second run starts once the slow first attempt has landed, as a rerun of `pulumi up` by
    // a person or a pipeline would.
    await settle(h.emulator);
    result = await operate();
    operations++;
    runs++;
  }
  expect(result.errors).toEqual([]);

  const end = await checkOrg(h.emulator, [engine]);
  expect(problems(end)).toEqual(NO_PROBLEMS);
  expect(end.managed).toBe(target.op === "delete" ? 0 : 1);
  if (target.op === "rotate") expect(secretOf(engine, "client")).not.toBe(oldSecret);
  // The fault was used up: the case really hit the endpoint it names.
  expect(await h.emulator.admin.faults()).toEqual([]);

  const log = await h.emulator.admin.requests();
  const faulted = log.filter((e) => e.fault !== undefined);
  expect(faulted.length).toBe(FAULT_KINDS[kind].times);
  const repeats = repeatsOf(log, end.deadSecrets.length === 0);
  expect(repeats.filter((r) => r.safety === "UNSAFE").map((r) => route(r.repeat))).toEqual([]);
  const retryAfter = FAULT_KINDS[kind].retryAfter;
  if (retryAfter !== undefined) {
    // The repeat of a 503 with Retry-After never comes early (times are the emulator's arrival
    // times; 5 ms for clock rounding).
    expect(repeats.length).toBeGreaterThan(0);
    for (const r of repeats) expect(r.gapMs).toBeGreaterThanOrEqual(retryAfter * 1000 - 5);
    for (const r of repeats) scenario.max("longest wait after a 503 Retry-After 1 s (ms)", r.gapMs);
    for (const r of repeats)
      scenario.min("shortest wait after a 503 Retry-After 1 s (ms)", r.gapMs);
  }

  const visible = [visibleText(result), ...(engine.host?.lines ?? []).map((l) => l.text)].join(
    "\n",
  );
  const leaks = engine.knownSecrets().filter((s) => visible.includes(s)).length;
  expect(leaks).toBe(0);

  scenario.add("cases", 1);
  scenario.add("operations (up / refresh / destroy)", operations);
  scenario.add("faults injected", faulted.length);
  scenario.add("requests repeated after a fault", repeats.length);
  scenario.add("operations that needed a second run", runs - 1);
  scenario.add("duplicates", end.duplicates);
  scenario.add("orphans", end.orphans.length);
  scenario.add("recorded secrets that no longer work", end.deadSecrets.length);
  scenario.add("secret leaks", leaks);
  scenario.add("secrets verified at the token endpoint", end.secretsVerified);
  scenario.row(
    "Cases",
    ["fault", "operation", "endpoint", "faults", "repeats (why safe)", "runs", "end state"],
    [
      kind,
      target.op,
      target.endpoint,
      faulted.length,
      repeats.length === 0
        ? "none"
        : `${repeats.length} (${[...new Set(repeats.map((r) => r.safety))].join(", ")})`,
      runs,
      end.managed === 0
        ? "deleted, nothing left"
        : end.secretsVerified > 0
          ? "state = org, secret works"
          : "state = org (inactive: secret not checkable)",
    ],
  );

  if (engine.state.length > 0) {
    await h.emulator.admin.clearFaults();
    expect((await engine.destroy()).errors).toEqual([]);
  }
}
