/**
 * Secrets: one stack's whole life, with creates, rotations, refused and lost requests, partial
 * failures, an adoption, drift, a revoked token, a stack with a wrong credential, and failed
 * steps, then a scan of everything a user, a log collector or a state file could see. No client
 * secret issued during the run, no provider credential (the emulator's bootstrap secret and its
 * Basic form) and no access token (each one the host obtained, seen by a recording proxy) may
 * appear in: the state snapshots (outputs not marked secret, `__provider`), the host's stdout and
 * stderr, the error messages of failed steps, the diagnostics, the emulator's request log bodies.
 * Pattern scans (`Bearer …`, `Basic …`, long base64url runs) back the exact-match scan up.
 */
import type { OAuthClientArgs } from "../../provider";
import { EMULATOR_ROLE_IDS } from "../../provider/emulator";
import { isSecret, plain, type Engine, type OperationResult } from "../../provider/testing";
import {
  clientsProgram,
  idOf,
  startEngine,
  startHarness,
  visibleText,
  type Clients,
  type Harness,
} from "../resource/harness";
import { Scenario } from "./support/figures";
import { finish, rememberHosts } from "./support/hygiene";
import { checkOrg, NO_PROBLEMS, problems } from "./support/org";
import { startRecordingProxy, type RecordingProxy } from "./support/proxy";
import { CLIENTS } from "./support/requests";

const scenario = new Scenario("secrets", "Secrets", "A lifecycle scanned for secrets", __filename);

const WRONG_SECRET = "a-wrong-secret-that-must-stay-hidden-7c1e";
const cc = (name: string, extra: Partial<OAuthClientArgs> = {}): OAuthClientArgs => ({
  name,
  authorizedGrantType: "CLIENT-CREDENTIALS",
  roleDivisions: [{ roleId: EMULATOR_ROLE_IDS.developer }],
  secretRotationTrigger: "1",
  ...extra,
});

/** Patterns that look like a credential wherever they appear. */
const PATTERNS: [string, RegExp][] = [
  ["Bearer token", /Bearer\s+[A-Za-z0-9._~+/-]{8,}/],
  ["Basic credential", /Basic\s+[A-Za-z0-9+/=]{8,}/],
  ["base64url run of 40+ characters", /[A-Za-z0-9_-]{40,}/],
];

describe("secrets", () => {
  let h: Harness;
  let proxy: RecordingProxy;
  let wrong: Engine;
  const results: OperationResult[] = [];
  const snapshots: string[] = [];
  const providerTexts = new Set<string>();
  /** Every secret the run learns, by where it came from. */
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    proxy = await startRecordingProxy();
    h = await startHarness({
      extraConfig: { "genesyscloud:apiUrl": proxy.url, "genesyscloud:retryBaseDelayMs": "20" },
    });
    proxy.setTarget(h.emulator.apiUrl);
    wrong = (
      await startEngine(h.emulator, {
        extraConfig: { "genesyscloud:oauthclientSecret": { secret: WRONG_SECRET } },
      })
    ).engine;
    secrets.set(h.emulator.clientSecret, "the provider's client secret (bootstrap)");
    secrets.set(
      Buffer.from(`${h.emulator.clientId}:${h.emulator.clientSecret}`).toString("base64"),
      "the provider's Basic credential",
    );
    secrets.set(WRONG_SECRET, "a wrong provider secret");
    rememberHosts();
  });
  afterAll(async () => {
    await finish(scenario, async () => {
      await wrong?.close();
      await h?.close();
      await proxy?.close();
    });
  });

  /** Remembers every secret and `__provider` text the stack holds now, and a state snapshot. */
  function remember(engine: Engine): void {
    for (const res of engine.state) {
      const secret = res.outputs.clientSecret;
      if (isSecret(secret) && typeof secret.value === "string") {
        secrets.set(secret.value, "a client secret in the state");
      }
      for (const text of [res.outputs.__provider, res.inputs.__provider]) {
        if (typeof text === "string") providerTexts.add(text);
      }
    }
    snapshots.push(JSON.stringify(engine.stateSnapshot()));
  }

  async function up(clients: Clients, options: { refresh?: boolean } = {}) {
    const capture = await h.capture(clientsProgram(clients));
    for (const r of capture.registrations) if (r.providerText) providerTexts.add(r.providerText);
    const result = await h.engine.up(capture, options);
    results.push(result);
    remember(h.engine);
    return result;
  }

  scenario.it(
    "keeps every secret out of everything observable after a rough lifecycle",
    async () => {
      let clients: Clients = { a: cc("secrets-a"), b: cc("secrets-b") };
      clients.portal = { name: "secrets-portal", authorizedGrantType: "CODE", scope: ["users"] };
      expect((await up(clients)).ok).toBe(true);
      const aId = idOf(h.engine, "a");
      const secretPath = `${CLIENTS}/${aId}/secret`;

      // Rotations: one that works, one refused (the old secret is kept), one whose response is lost.
      clients = { ...clients, a: cc("secrets-a", { secretRotationTrigger: "2" }) };
      expect((await up(clients)).ok).toBe(true);
      await h.emulator.admin.addFault({ method: "POST", path: secretPath, status: 409 });
      clients = { ...clients, a: cc("secrets-a", { secretRotationTrigger: "3" }) };
      expect((await up(clients)).ok).toBe(false);
      await h.emulator.admin.addFault({
        method: "POST",
        path: secretPath,
        kind: "commit-then-reset",
      });
      expect((await up(clients)).ok).toBe(true);

      // A create whose follow-up PUT fails (the secret travels in the partial failure's
      // properties), and a create whose response is lost (recovered with a fresh secret).
      await h.emulator.admin.addFault({ method: "PUT", path: CLIENTS, status: 409 });
      clients = { ...clients, c: cc("secrets-c", { state: "inactive" }) };
      expect((await up(clients)).ok).toBe(false);
      await h.emulator.admin.addFault({ method: "POST", path: CLIENTS, kind: "commit-then-reset" });
      clients = { ...clients, d: cc("secrets-d") };
      expect((await up(clients)).ok).toBe(true);

      // An adopted client whose secret was issued out of band, rotated on adoption; a secret
      // regenerated elsewhere, then restored by a trigger change.
      const seeded = await h.emulator.admin.seedClient({
        name: "secrets-seeded",
        authorizedGrantType: "CLIENT-CREDENTIALS",
        roleDivisions: [
          { roleId: EMULATOR_ROLE_IDS.developer, divisionId: h.emulator.homeDivisionId },
        ],
      });
      secrets.set(seeded.secret, "a secret issued out of band");
      clients = { ...clients, adopted: cc("secrets-seeded", { adoptClientId: seeded.id }) };
      expect((await up(clients)).ok).toBe(true);
      const regenerated = await h.emulator.admin.regenerateSecret(idOf(h.engine, "b"));
      secrets.set(regenerated.secret, "a secret regenerated out of band");
      clients = { ...clients, b: cc("secrets-b", { secretRotationTrigger: "2" }) };
      expect((await up(clients, { refresh: true })).ok).toBe(true);

      // Errors the user sees: a disabled client, a 503 storm, a revoked token (re-authentication).
      await h.emulator.admin.patchClient(idOf(h.engine, "d"), { state: "disabled" });
      clients = { ...clients, d: cc("secrets-d", { description: "x" }) };
      expect((await up(clients, { refresh: true })).ok).toBe(false);
      await h.emulator.admin.patchClient(idOf(h.engine, "d"), { state: "active" });
      await h.emulator.admin.addFault({ method: "PUT", path: CLIENTS, status: 503, times: 10 });
      expect((await up(clients)).ok).toBe(false);
      for (const token of proxy.tokens()) {
        await fetch(`${h.emulator.apiUrl}/api/v2/tokens/me`, {
          method: "DELETE",
          headers: { Authorization: `Bearer ${token}` },
        });
      }
      expect((await up(clients)).ok).toBe(true);

      // A stack with a wrong credential.
      const denied = await wrong.up(
        await h.capture(clientsProgram({ denied: cc("secrets-denied") })),
      );
      expect(denied.ok).toBe(false);
      expect(visibleText(denied)).toMatch(/invalid_client|rejected the OAuth client credentials/);
      results.push(denied);

      // The end: a destroy with a transient fault, then nothing left.
      await h.emulator.admin.addFault({ method: "DELETE", path: CLIENTS, status: 503 });
      results.push(await h.destroy());
      snapshots.push(JSON.stringify(h.engine.stateSnapshot()));
      const end = await checkOrg(h.emulator, [h.engine]);
      expect(problems(end)).toEqual(NO_PROBLEMS);
      expect(end.live).toBe(0);

      // What was learnt: the scan can only find what it knows.
      const tokens = proxy.tokens();
      expect(tokens.length).toBeGreaterThanOrEqual(2); // the first one, and the one after revoking
      for (const t of tokens) secrets.set(t, "an access token of the provider");
      const clientSecrets = [...secrets.values()].filter((w) =>
        w.includes("client secret in"),
      ).length;
      expect(clientSecrets).toBeGreaterThanOrEqual(6);
      expect(results.filter((r) => !r.ok).length).toBeGreaterThanOrEqual(4);

      // Everything observable.
      snapshots.push(JSON.stringify(wrong.stateSnapshot()));
      const requestLog = JSON.stringify(await h.emulator.admin.requests());
      const places: [string, string][] = [
        ["state snapshots (pulumi stack export)", snapshots.join("\n")],
        ["__provider texts", [...providerTexts].join("\n")],
        ["host stdout/stderr", (h.engine.host?.lines ?? []).map((l) => l.text).join("\n")],
        [
          "host stdout/stderr (wrong credential)",
          (wrong.host?.lines ?? []).map((l) => l.text).join("\n"),
        ],
        ["errors of failed steps and diagnostics", results.map(visibleText).join("\n")],
        ["emulator request log (bodies included)", requestLog],
      ];
      for (const [place, text] of places.filter(([p]) => !p.includes("wrong credential"))) {
        expect({ place, empty: text.length === 0 }).toEqual({ place, empty: false });
      }
      let hits = 0;
      for (const [place, text] of places) {
        const leaked = [...secrets].filter(([s]) => text.includes(s)).map(([, what]) => what);
        hits += leaked.length;
        expect({ place, leaked }).toEqual({ place, leaked: [] });
        for (const [pattern, re] of PATTERNS) {
          // `__provider` is code: long identifiers are not credentials; the exact scan covers it.
          if (place === "__provider texts" && pattern.startsWith("base64url")) continue;
          const match = re.exec(text)?.[0];
          expect({ place, pattern, match }).toEqual({ place, pattern, match: undefined });
        }
        scenario.row(
          "Places scanned",
          ["place", "characters", "secrets found", "pattern hits"],
          [place, text.length, leaked.length, 0],
        );
      }
      // Every client secret in the state is stored as a secret; no other output holds one.
      for (const snapshot of snapshots) expect(snapshot).not.toMatch(/"clientSecret":"[^"]/);
      for (const res of h.engine.state.concat(wrong.state)) {
        const { clientSecret: _s, ...rest } = plain(res.outputs);
        expect(JSON.stringify(rest)).not.toMatch(/[A-Za-z0-9_-]{43}/);
      }

      scenario.set("operations (up / destroy), failed ones included", results.length);
      scenario.set("failed operations (their errors scanned)", results.filter((r) => !r.ok).length);
      scenario.set("client secrets issued and scanned for", clientSecrets);
      scenario.set("provider credentials scanned for (secret, Basic form, a wrong secret)", 3);
      scenario.set("access tokens scanned for (captured by the proxy)", tokens.length);
      scenario.set("secrets scanned for, in all", secrets.size);
      scenario.set("state snapshots scanned", snapshots.length);
      scenario.set("secret leaks", hits);
      scenario.note(
        "Exact scan: every secret the run learnt (from the state while it held them, the emulator's " +
          "admin API, the provider's stack config and the proxy's view of the token endpoint) is " +
          "searched for in every place. Pattern scan: `Bearer …`, `Basic …` and base64url runs of " +
          "40+ characters (a secret is 43, a token 64) must not appear anywhere either (the last " +
          "one not in `__provider`, which is source code).",
      );
    },
  );
});
