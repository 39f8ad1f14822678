/**
 * Secret rotation: by `secretRotationTrigger` (one regenerate request, the new secret in the state
 * as a secret, the old one dead at the token endpoint) and on a schedule (`rotateAfterDays`).
 *
 * Time is injected: the emulator's clock and the host's (`GENESYSCLOUD_OAUTH_NOW`, read by the
 * provider in the host) agree. "A month later" is a second host started with a later clock,
 * continuing the same stack state, as a CI run a month later would.
 */
import type { OAuthClientArgs } from "../../provider";
import { EMULATOR_ROLE_IDS } from "../../provider/emulator";
import { isSecret, type Engine, type OperationResult } from "../../provider/testing";
import {
  clientsProgram,
  idOf,
  login,
  ops,
  outputsOf,
  resourceOf,
  secretOf,
  withHarness,
  stepOf,
  writes,
  type Clients,
  type Harness,
} from "./harness";

const CLIENTS = "/api/v2/oauth/clients";
const T0 = "2026-03-01T09:00:00.000Z";
const LATER = "2026-04-01T09:00:00.000Z"; // 31 days on
const base: OAuthClientArgs = {
  authorizedGrantType: "CLIENT-CREDENTIALS",
  roleDivisions: [{ roleId: EMULATOR_ROLE_IDS.developer }],
};
const worker: OAuthClientArgs = { ...base, secretRotationTrigger: "2026-Q1" };

describe("OAuthClient secret rotation", () => {
  let h: Harness;
  let later: Engine;
  // Each test starts from a reset harness: the emulator's clock is back at T0.
  withHarness(
    {
      emulator: { now: () => new Date(T0) },
      env: { GENESYSCLOUD_OAUTH_NOW: T0 },
      others: [{ env: { GENESYSCLOUD_OAUTH_NOW: LATER } }],
    },
    (started) => {
      h = started;
      [later] = h.others;
    },
  );

  describe("by trigger", () => {
    it("regenerates the secret with one POST …/secret when the trigger changes", async () => {
      expect((await h.up({ worker })).errors).toEqual([]);
      const id = idOf(h.engine, "worker");
      const oldSecret = secretOf(h.engine, "worker");
      expect((await login(h.emulator, id, oldSecret)).status).toBe(200);
      await h.clearLog();

      const rotated = { worker: { ...worker, secretRotationTrigger: "2026-Q2" } };
      const preview = await h.preview(rotated);
      expect([stepOf(preview, "worker").op, stepOf(preview, "worker").diffKeys]).toEqual([
        "update",
        ["secretRotationTrigger"],
      ]);
      expect(preview.diagnostics.map((l) => l.text)).toContain(
        `OAuth client "worker" (${id}): secret rotation due: secretRotationTrigger changed — ` +
          "the next pulumi up regenerates it",
      );
      const up = await h.up(rotated);
      expect(up.errors).toEqual([]);
      expect(writes(await h.apiRequests())).toEqual([`POST ${CLIENTS}/${id}/secret`]);

      const newSecret = secretOf(h.engine, "worker");
      expect(newSecret).not.toBe(oldSecret);
      expect(isSecret(stepOf(up, "worker").outputs?.clientSecret)).toBe(true);
      expect(await login(h.emulator, id, oldSecret)).toEqual({
        status: 400,
        body: expect.objectContaining({ error: "invalid_client" }),
      });
      expect((await login(h.emulator, id, newSecret)).status).toBe(200);
      expect(outputsOf(h.engine, "worker").secretRotatedAt).toEqual(
        expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      );
      const snapshot = JSON.stringify(h.engine.stateSnapshot());
      expect(snapshot).not.toContain(oldSecret);
      expect(snapshot).not.toContain(newSecret);
    });

    it("changes a field and rotates in one update: one PUT, one POST …/secret", async () => {
      expect((await h.up({ worker })).errors).toEqual([]);
      const id = idOf(h.engine, "worker");
      const oldSecret = secretOf(h.engine, "worker");
      await h.clearLog();

      const up = await h.up({
        worker: { ...worker, description: "rotated", secretRotationTrigger: "2026-Q2" },
      });
      expect(up.errors).toEqual([]);
      expect(stepOf(up, "worker").diffKeys).toEqual(["description", "secretRotationTrigger"]);
      expect(writes(await h.apiRequests())).toEqual([
        `PUT ${CLIENTS}/${id}`,
        `POST ${CLIENTS}/${id}/secret`,
      ]);
      expect(secretOf(h.engine, "worker")).not.toBe(oldSecret);
      expect((await login(h.emulator, id, secretOf(h.engine, "worker"))).status).toBe(200);
    });

    it("keeps the secret, with no request, when the trigger is removed", async () => {
      expect((await h.up({ worker })).errors).toEqual([]);
      const secret = secretOf(h.engine, "worker");
      await h.clearLog();

      const { secretRotationTrigger: _trigger, ...untriggered } = worker;
      const up = await h.up({ worker: untriggered });
      expect(up.errors).toEqual([]);
      expect([stepOf(up, "worker").op, stepOf(up, "worker").diffKeys]).toEqual([
        "update",
        ["secretRotationTrigger"],
      ]);
      expect(await h.requests()).toEqual([]);
      expect(secretOf(h.engine, "worker")).toBe(secret);
      expect(outputsOf(h.engine, "worker").secretRotationTrigger).toBeUndefined();
      expect(isSecret(resourceOf(h.engine, "worker").outputs.clientSecret)).toBe(true);
    });
  });

  describe("on a schedule", () => {
    /** Moves the stack to the later host and the emulator's clock to LATER. */
    async function monthLater(): Promise<void> {
      later.setState(h.engine.state);
      await h.emulator.admin.updateSettings({ now: LATER });
      await h.clearLog();
    }
    const previewLater = async (clients: Clients): Promise<OperationResult> =>
      later.preview(await h.capture(clientsProgram(clients), { preview: true }));
    const upLater = async (clients: Clients): Promise<OperationResult> =>
      later.up(await h.capture(clientsProgram(clients)));
    const lines = (result: OperationResult): string =>
      result.diagnostics.map((l) => l.text).join("\n");

    it("leaves a secret younger than rotateAfterDays alone: same, no request", async () => {
      const clients = {
        fresh: { ...base, rotateAfterDays: 30 },
        long: { ...base, rotateAfterDays: 60 },
      };
      expect((await h.up(clients)).errors).toEqual([]);
      await h.clearLog();

      const now = await h.preview(clients);
      expect(now.steps.map((s) => s.op)).toEqual(["same", "same"]);
      expect(lines(now)).not.toMatch(/rotation due/);

      await monthLater();
      const month = await previewLater(clients);
      expect(stepOf(month, "long").op).toBe("same");
      expect(lines(month)).not.toContain(idOf(h.engine, "long"));
      expect(await h.requests()).toEqual([]);
    });

    it("shows a due rotation in preview with its reason, and rotates exactly once per client", async () => {
      const clients: Clients = {
        rotated: { ...base, rotateAfterDays: 30, secretRotationTrigger: "a" },
        fresh: { ...base, rotateAfterDays: 30 },
        both: { ...base, rotateAfterDays: 30, secretRotationTrigger: "a" },
        long: { ...base, rotateAfterDays: 60 },
      };
      expect((await h.up(clients)).errors).toEqual([]);
      // `rotated` gets its secret regenerated at T0, so its age counts from that rotation.
      clients.rotated = { ...clients.rotated, secretRotationTrigger: "b" };
      expect((await h.up(clients)).errors).toEqual([]);
      const before = Object.fromEntries(
        Object.keys(clients).map((n) => [n, secretOf(h.engine, n)]),
      );
      await monthLater();

      // `both` is due and its trigger changes too: still a single rotation.
      clients.both = { ...clients.both, secretRotationTrigger: "c" };
      const preview = await previewLater(clients);
      expect(ops(preview)).toEqual([
        ["both", "update", ["secretRotationTrigger"]],
        ["fresh", "update", []],
        ["long", "same", []],
        ["rotated", "update", []],
      ]);
      expect(lines(preview)).toContain(
        `OAuth client "rotated" (${idOf(h.engine, "rotated")}): secret rotation due: ` +
          "last rotated 2026-03-01, every 30 days — the next pulumi up regenerates it",
      );
      expect(lines(preview)).toContain(
        `OAuth client "fresh" (${idOf(h.engine, "fresh")}): secret rotation due: ` +
          "created 2026-03-01, never rotated, every 30 days — the next pulumi up regenerates it",
      );
      expect(lines(preview)).toMatch(
        /"both" .*: secret rotation due: secretRotationTrigger changed; created 2026-03-01, never rotated, every 30 days — the next pulumi up/,
      );
      expect(await h.requests()).toEqual([]);

      const up = await upLater(clients);
      expect(up.errors).toEqual([]);
      expect(writes(await h.apiRequests()).sort()).toEqual(
        ["rotated", "fresh", "both"]
          .map((n) => `POST ${CLIENTS}/${idOf(h.engine, n)}/secret`)
          .sort(),
      );
      expect(lines(up)).toMatch(/"rotated" .*: secret rotation due: last rotated 2026-03-01/);
      for (const name of ["rotated", "fresh", "both"]) {
        const secret = secretOf(later, name);
        expect(secret).not.toBe(before[name]);
        expect((await login(h.emulator, idOf(later, name), secret)).status).toBe(200);
      }
      expect(secretOf(later, "long")).toBe(before.long);

      await h.clearLog();
      const settled = await previewLater(clients);
      expect(settled.steps.map((s) => s.op)).toEqual(["same", "same", "same", "same"]);
      expect(await h.requests()).toEqual([]);
      expect(stepOf(settled, "rotated").error).toBeUndefined();
    });

    it("says a due rotation the same way in the refresh display, which regenerates nothing", async () => {
      expect((await h.up({ fresh: { ...base, rotateAfterDays: 30 } })).errors).toEqual([]);
      const id = idOf(h.engine, "fresh");
      const secret = secretOf(h.engine, "fresh");
      await monthLater();

      // The engine calls diff inverted for the refresh display: the message must hold there too.
      const refresh = await later.refresh();
      expect(refresh.errors).toEqual([]);
      expect(lines(refresh)).toContain(
        `OAuth client "fresh" (${id}): secret rotation due: created 2026-03-01, never rotated, ` +
          "every 30 days — the next pulumi up regenerates it",
      );
      expect(lines(refresh)).not.toMatch(/will be regenerated/);
      expect(writes(await h.apiRequests())).toEqual([]);
      expect(secretOf(later, "fresh")).toBe(secret);
    });
  });

  describe("the test clock hook", () => {
    it("is announced once per host, as a warning that names the variable and its value", async () => {
      // Several operations on the same host (each configures a provider): one warning in all.
      expect((await h.up({ worker })).errors).toEqual([]);
      expect((await h.preview({ worker })).errors).toEqual([]);
      expect((await h.engine.refresh()).errors).toEqual([]);
      const warnings = (h.engine.host?.lines ?? [])
        .map((l) => l.text)
        .filter((text) => text.includes("GENESYSCLOUD_OAUTH_NOW"));
      expect(warnings).toEqual([
        "warning: GENESYSCLOUD_OAUTH_NOW is set: the OAuth client provider uses the fixed clock " +
          `${T0} from it for secret rotation schedules. It is a testing hook; unset it for real ` +
          "deployments.",
      ]);
    });
  });
});
