/**
 * No secret in plain text anywhere a user or a state file can see it: the serialized provider,
 * the host's output (shown by the CLI as diagnostics), the errors of failed steps, and the state
 * (`pulumi stack export`). The run goes through creation, rotation, adoption, partial failures, a
 * lost response, drift, a refused delete and a bad credential, collecting every secret it learns.
 */
import type { OAuthClientArgs } from "../../provider";
import { EMULATOR_ROLE_IDS } from "../../provider/emulator";
import { isSecret, type Engine, type OperationResult } from "../../provider/testing";
import {
  clientsProgram,
  idOf,
  startHarness,
  visibleText,
  type Clients,
  type Harness,
} from "./harness";

const CLIENTS = "/api/v2/oauth/clients";
const WRONG_SECRET = "not-the-right-secret-4f1e9a";
const base: OAuthClientArgs = {
  authorizedGrantType: "CLIENT-CREDENTIALS",
  roleDivisions: [{ roleId: EMULATOR_ROLE_IDS.developer }],
  secretRotationTrigger: "1",
};

describe("OAuthClient secrets", () => {
  let h: Harness;
  let wrong: Engine;
  beforeAll(async () => {
    h = await startHarness({
      extraConfig: {
        "genesyscloud:usagePollIntervalMs": "10",
        "genesyscloud:usagePollTimeoutMs": "2000",
      },
      others: [{ extraConfig: { "genesyscloud:oauthclientSecret": { secret: WRONG_SECRET } } }],
    });
    [wrong] = h.others;
  });
  afterAll(async () => {
    await h?.close();
  });

  it("never shows a secret in __provider, host output, step errors or the state", async () => {
    const results: OperationResult[] = [];
    const secrets = new Set<string>([h.emulator.clientSecret, WRONG_SECRET]);
    const providerTexts = new Set<string>();
    const snapshots: string[] = [];
    const remember = (engine: Engine): void => {
      for (const res of engine.state) {
        const secret = res.outputs.clientSecret;
        if (isSecret(secret) && typeof secret.value === "string") secrets.add(secret.value);
        for (const text of [res.outputs.__provider, res.inputs.__provider]) {
          if (typeof text === "string") providerTexts.add(text);
        }
      }
    };
    const run = async (clients: Clients, options: { refresh?: boolean } = {}) => {
      const capture = await h.capture(clientsProgram(clients));
      capture.registrations.forEach((r) => r.providerText && providerTexts.add(r.providerText));
      const result = await h.engine.up(capture, options);
      results.push(result);
      remember(h.engine);
      snapshots.push(JSON.stringify(h.engine.stateSnapshot()));
      return result;
    };

    // Create, then rotate.
    let clients: Clients = { first: base, second: { ...base, name: "second-client" } };
    expect((await run(clients)).ok).toBe(true);
    clients = { ...clients, first: { ...base, secretRotationTrigger: "2" } };
    expect((await run(clients)).ok).toBe(true);

    // A rotation that fails (the old secret is recorded again) and one whose response is lost.
    const firstId = idOf(h.engine, "first");
    await h.emulator.admin.addFault({
      method: "POST",
      path: `${CLIENTS}/${firstId}/secret`,
      status: 409,
    });
    clients = { ...clients, first: { ...base, secretRotationTrigger: "3" } };
    expect((await run(clients)).ok).toBe(false);
    await h.emulator.admin.addFault({
      method: "POST",
      path: `${CLIENTS}/${firstId}/secret`,
      kind: "commit-then-reset",
    });
    expect((await run(clients)).ok).toBe(true);

    // A create whose follow-up PUT fails (partial failure with the secret in its properties),
    // and a create whose response is lost.
    await h.emulator.admin.addFault({ method: "PUT", path: CLIENTS, status: 409 });
    clients = { ...clients, third: { ...base, name: "third-client", state: "inactive" } };
    expect((await run(clients)).ok).toBe(false);
    await h.emulator.admin.addFault({ method: "POST", path: CLIENTS, kind: "commit-then-reset" });
    clients = { ...clients, fourth: { ...base, name: "fourth-client" } };
    expect((await run(clients)).ok).toBe(true);

    // Adoption of a client whose secret was issued out of band, with a rotation.
    const seeded = await h.emulator.admin.seedClient({
      name: "seeded",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleDivisions: [
        { roleId: EMULATOR_ROLE_IDS.developer, divisionId: h.emulator.homeDivisionId },
      ],
    });
    secrets.add(seeded.secret);
    clients = { ...clients, adopted: { ...base, name: "seeded", adoptClientId: seeded.id } };
    expect((await run(clients)).ok).toBe(true);

    // Drift, an update refused by the API, a refused delete.
    await h.emulator.admin.patchClient(idOf(h.engine, "second"), { state: "disabled" });
    expect((await run(clients, { refresh: true })).ok).toBe(false);
    await h.emulator.admin.patchClient(idOf(h.engine, "second"), { state: "active" });
    clients = {
      ...clients,
      second: { ...base, name: "second-client", deletionGuard: { unusedForDays: 7 } },
    };
    expect((await run(clients, { refresh: true })).ok).toBe(true);
    await h.emulator.admin.updateSettings({ usageQueryOutcome: "Failed" });
    const { second: _second, ...withoutSecond } = clients;
    expect((await run(withoutSecond)).ok).toBe(false);
    await h.emulator.admin.updateSettings({ usageQueryOutcome: "Complete" });

    // A stack with a wrong credential fails to authenticate.
    const denied = await wrong.up(await h.capture(clientsProgram({ denied: base })));
    expect(denied.ok).toBe(false);
    expect(visibleText(denied)).toMatch(/invalid_client|authentication/i);
    results.push(denied);

    results.push(await h.destroy());

    // Every secret the run knows: bootstrap, wrong credential, each one the stack held, the
    // out-of-band one. The secrets really were in the state, so the scan can find them.
    expect(secrets.size).toBeGreaterThanOrEqual(2 + 6);
    const places: [string, string][] = [
      ["__provider", [...providerTexts].join("\n")],
      ["host output", (h.engine.host?.lines ?? []).map((l) => l.text).join("\n")],
      ["host output (wrong credential)", (wrong.host?.lines ?? []).map((l) => l.text).join("\n")],
      ["step errors and diagnostics", results.map(visibleText).join("\n")],
      ["state snapshots", snapshots.join("\n")],
      ["state snapshot (wrong credential)", JSON.stringify(wrong.stateSnapshot())],
    ];
    expect(results.some((r) => r.errors.length > 0)).toBe(true);
    for (const [place, text] of places.filter(([p]) => !p.includes("wrong credential"))) {
      expect({ place, empty: text === "" }).toEqual({ place, empty: false });
    }
    for (const [place, text] of places) {
      const leaked = [...secrets].filter((s) => text.includes(s));
      expect({ place, leaked }).toEqual({ place, leaked: [] });
    }
  });
});
