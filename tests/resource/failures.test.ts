/**
 * Failures halfway through an operation, and secrets. The stack must never lose track of a client
 * that exists in Genesys Cloud, never create a duplicate, and always hold a secret that works (or
 * none). And no secret may appear in plain text anywhere a user or a state file can see it: the
 * serialized provider, the host's output (shown by the CLI as diagnostics), the errors of failed
 * steps, and the state (`pulumi stack export`).
 */
import type { OAuthClientArgs } from "../../provider";
import { EMULATOR_ROLE_IDS } from "../../provider/emulator";
import { isSecret, type Engine, type OperationResult } from "../../provider/testing";
import {
  calls,
  clientsProgram,
  idOf,
  login,
  outputsOf,
  resourceOf,
  secretOf,
  withHarness,
  stepOf,
  visibleText,
  writes,
  type Clients,
  type Harness,
} from "./harness";

const CLIENTS = "/api/v2/oauth/clients";
const WRONG_SECRET = "not-the-right-secret-4f1e9a";
const worker: OAuthClientArgs = {
  name: "failure-worker",
  authorizedGrantType: "CLIENT-CREDENTIALS",
  roleDivisions: [{ roleId: EMULATOR_ROLE_IDS.developer }],
  secretRotationTrigger: "1",
};
const base: OAuthClientArgs = {
  authorizedGrantType: "CLIENT-CREDENTIALS",
  roleDivisions: [{ roleId: EMULATOR_ROLE_IDS.developer }],
  secretRotationTrigger: "1",
};

describe("OAuthClient failures and secrets", () => {
  let h: Harness;
  /** A stack whose client secret is wrong. */
  let wrong: Engine;
  withHarness(
    {
      extraConfig: {
        "genesyscloud:usagePollIntervalMs": "10",
        "genesyscloud:usagePollTimeoutMs": "2000",
      },
      others: [{ extraConfig: { "genesyscloud:oauthclientSecret": { secret: WRONG_SECRET } } }],
    },
    (started) => {
      h = started;
      [wrong] = h.others;
    },
  );

  describe("recovery", () => {
    /** The clients in the emulator named like the test client. */
    async function named(): Promise<{ id?: string; state?: string }[]> {
      return (await h.emulator.admin.clients()).filter((c) => c.name === worker.name);
    }

    it("keeps a client whose follow-up PUT failed in the state, and the next up finishes the job", async () => {
      // 409 is not retried by the API client, so the PUT fails once for good.
      await h.emulator.admin.addFault({ method: "PUT", path: CLIENTS, status: 409, times: 1 });
      const inactive = { worker: { ...worker, state: "inactive" } };

      const failed = await h.up(inactive);
      expect(failed.ok).toBe(false);
      const step = stepOf(failed, "worker");
      expect(step.op).toBe("create");
      expect(step.error).toMatch(/was created \(.+\) but making it inactive failed: PUT .* 409/);
      expect(step.initErrors).toHaveLength(1);

      const partial = resourceOf(h.engine, "worker");
      expect(partial.initErrors).toHaveLength(1);
      expect(typeof partial.outputs.__provider).toBe("string");
      expect(isSecret(partial.outputs.clientSecret)).toBe(true);
      expect(outputsOf(h.engine, "worker").state).toBe("active");
      const id = partial.id;
      expect(await named()).toEqual([expect.objectContaining({ id, state: "active" })]);
      expect((await login(h.emulator, id, secretOf(h.engine, "worker"))).status).toBe(200);

      await h.clearLog();
      const retry = await h.up(inactive);
      expect(retry.errors).toEqual([]);
      expect(stepOf(retry, "worker").op).toBe("update");
      expect(writes(await h.apiRequests())).toEqual([`PUT ${CLIENTS}/${id}`]);
      expect(resourceOf(h.engine, "worker").initErrors).toBeUndefined();
      expect(await named()).toEqual([expect.objectContaining({ id, state: "inactive" })]);

      await h.clearLog();
      expect((await h.destroy()).errors).toEqual([]);
      expect(calls(await h.apiRequests())).toEqual([
        `DELETE ${CLIENTS}/${id}`,
        `GET ${CLIENTS}/${id}`,
      ]);
      expect(await named()).toEqual([]);
    });

    it("finds the client a create with a lost response made, instead of creating a duplicate", async () => {
      await h.emulator.admin.addFault({
        method: "POST",
        path: CLIENTS,
        kind: "commit-then-reset",
        times: 1,
      });

      const up = await h.up({ worker });
      expect(up.errors).toEqual([]);
      const clients = await named();
      expect(clients).toHaveLength(1);
      const id = idOf(h.engine, "worker");
      expect(clients[0].id).toBe(id);
      expect(writes(await h.apiRequests())).toEqual([
        `POST ${CLIENTS}`,
        `POST ${CLIENTS}/${id}/secret`,
      ]);
      expect(up.diagnostics.map((l) => l.text).join("\n")).toMatch(
        /response was lost; found the client it created .* regenerated its secret/,
      );
      // The secret in the state is the regenerated one, and it works.
      expect(isSecret(resourceOf(h.engine, "worker").outputs.clientSecret)).toBe(true);
      expect((await login(h.emulator, id, secretOf(h.engine, "worker"))).status).toBe(200);
    });

    it("stops with what to check when a lost create cannot be looked for", async () => {
      await h.emulator.admin.addFault({
        method: "POST",
        path: CLIENTS,
        kind: "commit-then-reset",
        times: 1,
      });
      // Every listing (and its retries) fails: the search for the lost client cannot run.
      await h.emulator.admin.addFault({ method: "GET", path: CLIENTS, status: 500, times: 50 });

      const up = await h.up({ worker });
      expect(up.ok).toBe(false);
      expect(stepOf(up, "worker").error).toMatch(
        /Creating OAuth client "failure-worker" may have created it \(the response was lost: POST .*\) and looking for it failed: GET .* 500.*; check Genesys Cloud for a client named "failure-worker" before running pulumi up again/,
      );
      expect(writes(await h.apiRequests())).toEqual([`POST ${CLIENTS}`]);
      expect(h.engine.state).toEqual([]);
      // The create did land: exactly the client the message tells the user to look for.
      expect(await named()).toHaveLength(1);
    });

    it("sends a create again when its 500 turned out not to have created anything", async () => {
      // A status fault answers without processing the request: nothing was created.
      await h.emulator.admin.addFault({ method: "POST", path: CLIENTS, status: 500, times: 1 });

      const up = await h.up({ worker });
      expect(up.errors).toEqual([]);
      expect(writes(await h.apiRequests())).toEqual([`POST ${CLIENTS}`, `POST ${CLIENTS}`]);
      const clients = await named();
      expect(clients).toHaveLength(1);
      expect(clients[0].id).toBe(idOf(h.engine, "worker"));
      expect(
        (await login(h.emulator, idOf(h.engine, "worker"), secretOf(h.engine, "worker"))).status,
      ).toBe(200);
    });

    it("keeps the old, working secret when a rotation fails, and rotates on the next up", async () => {
      expect((await h.up({ worker })).errors).toEqual([]);
      const id = idOf(h.engine, "worker");
      const oldSecret = secretOf(h.engine, "worker");
      await h.emulator.admin.addFault({
        method: "POST",
        path: `${CLIENTS}/${id}/secret`,
        status: 409,
        times: 1,
      });
      const rotated = { worker: { ...worker, secretRotationTrigger: "2" } };

      const failed = await h.up(rotated);
      expect(failed.ok).toBe(false);
      expect(stepOf(failed, "worker").error).toMatch(
        /Regenerating the secret .* failed: .*409.*The stack keeps the current secret/,
      );
      expect(secretOf(h.engine, "worker")).toBe(oldSecret);
      expect((await login(h.emulator, id, oldSecret)).status).toBe(200);
      expect(outputsOf(h.engine, "worker").secretRotationTrigger).toBe("1");

      await h.clearLog();
      const retry = await h.up(rotated);
      expect(retry.errors).toEqual([]);
      expect(writes(await h.apiRequests())).toEqual([`POST ${CLIENTS}/${id}/secret`]);
      const newSecret = secretOf(h.engine, "worker");
      expect(newSecret).not.toBe(oldSecret);
      expect((await login(h.emulator, id, newSecret)).status).toBe(200);
      expect(outputsOf(h.engine, "worker").secretRotationTrigger).toBe("2");
    });

    it("ends a rotation whose response was lost with a secret that works", async () => {
      expect((await h.up({ worker })).errors).toEqual([]);
      const id = idOf(h.engine, "worker");
      await h.emulator.admin.addFault({
        method: "POST",
        path: `${CLIENTS}/${id}/secret`,
        kind: "commit-then-reset",
        times: 1,
      });

      const up = await h.up({ worker: { ...worker, secretRotationTrigger: "2" } });
      expect(up.errors).toEqual([]);
      expect((await login(h.emulator, id, secretOf(h.engine, "worker"))).status).toBe(200);
    });
  });

  describe("secrets", () => {
    // One run through creation, rotation, adoption, partial failures, lost responses, drift, a
    // refused update and delete, and a bad credential, collecting every secret it learns. The
    // provider's access tokens cannot be collected: the emulator stores only their hashes.
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
});
