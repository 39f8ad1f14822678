/**
 * Changes to a client: declared in the program (each field an update in place, one PUT with
 * exactly the changed keys shown, never a replacement: the API changes every field in place, even
 * the grant type), and made outside Pulumi (drift: edits in the Genesys admin UI, played by the
 * emulator's admin API, as `pulumi preview --refresh`, `up --refresh` and `refresh` see them).
 */
import type { OAuthClientArgs } from "../../provider";
import {
  EMULATOR_DIVISION_IDS,
  EMULATOR_ROLE_IDS,
  type SeedClientInput,
} from "../../provider/emulator";
import { markUnknown } from "../../provider/testing";
import {
  calls,
  clientsProgram,
  idOf,
  ops,
  outputsOf,
  resourceOf,
  secretOf,
  withHarness,
  stepOf,
  writes,
  type Harness,
} from "./harness";

const { admin: ADMIN, developer: DEVELOPER } = EMULATOR_ROLE_IDS;
const { home: HOME, sales: SALES } = EMULATOR_DIVISION_IDS;
const CLIENTS = "/api/v2/oauth/clients";

/** Arrays sorted (sets compare in any order), other values as they are. */
function sorted(value: unknown): unknown {
  return Array.isArray(value) ? [...(value as string[])].sort() : value;
}

describe("OAuthClient changes", () => {
  let h: Harness;
  withHarness({}, (started) => (h = started));

  describe("declared in the program", () => {
    const worker: OAuthClientArgs = {
      authorizedGrantType: "CLIENT-CREDENTIALS",
      description: "nightly sync",
      roleDivisions: [{ roleId: ADMIN }],
    };
    const portal: OAuthClientArgs = {
      authorizedGrantType: "CODE",
      scope: ["users:readonly", "analytics", "routing"],
      registeredRedirectUri: ["https://b.example.com/cb", "https://a.example.com/cb"],
    };

    const changes: [string, Record<string, OAuthClientArgs>, Record<string, OAuthClientArgs>][] = [
      ["name", { worker }, { worker: { ...worker, name: "worker-renamed" } }],
      ["description", { worker }, { worker: { ...worker, description: "hourly sync" } }],
      [
        "accessTokenValiditySeconds",
        { worker },
        { worker: { ...worker, accessTokenValiditySeconds: 3600 } },
      ],
      [
        "registeredRedirectUri",
        { portal },
        {
          portal: {
            ...portal,
            registeredRedirectUri: ["https://a.example.com/cb", "https://c.example.com/cb"],
          },
        },
      ],
      ["scope", { portal }, { portal: { ...portal, scope: ["users:readonly", "analytics"] } }],
      [
        "roleDivisions",
        { worker },
        {
          worker: {
            ...worker,
            roleDivisions: [{ roleId: ADMIN }, { roleId: ADMIN, divisionId: SALES }],
          },
        },
      ],
    ];
    it.each(changes)("updates %s in place with exactly one PUT", async (key, before, after) => {
      expect((await h.up(before)).errors).toEqual([]);
      const [name] = Object.keys(before);
      const id = idOf(h.engine, name);
      await h.clearLog();

      const preview = await h.preview(after);
      expect([stepOf(preview, name).op, stepOf(preview, name).diffKeys]).toEqual(["update", [key]]);
      const up = await h.up(after);
      expect(up.errors).toEqual([]);
      expect([stepOf(up, name).op, stepOf(up, name).diffKeys]).toEqual(["update", [key]]);
      expect(writes(await h.apiRequests())).toEqual([`PUT ${CLIENTS}/${id}`]);
      expect(idOf(h.engine, name)).toBe(id);

      const [live] = (await h.emulator.admin.clients()).filter((c) => c.id === id);
      const declared = after[name] as unknown as Record<string, unknown>;
      if (key === "roleDivisions") {
        expect(live.roleDivisions).toEqual(
          expect.arrayContaining([
            { roleId: ADMIN, divisionId: HOME },
            { roleId: ADMIN, divisionId: SALES },
          ]),
        );
        expect(live.roleDivisions).toHaveLength(2);
      } else if (Array.isArray(declared[key])) {
        expect([...(live[key as keyof typeof live] as string[])].sort()).toEqual(
          [...(declared[key] as string[])].sort(),
        );
      } else {
        expect(live[key as keyof typeof live]).toEqual(declared[key]);
      }
    });

    it("switches state active → inactive → active with one PUT each", async () => {
      expect((await h.up({ worker })).errors).toEqual([]);
      const id = idOf(h.engine, "worker");
      for (const state of ["inactive", "active"]) {
        await h.clearLog();
        const up = await h.up({ worker: { ...worker, state } });
        expect(up.errors).toEqual([]);
        expect([stepOf(up, "worker").op, stepOf(up, "worker").diffKeys]).toEqual([
          "update",
          ["state"],
        ]);
        expect(writes(await h.apiRequests())).toEqual([`PUT ${CLIENTS}/${id}`]);
        expect((await h.emulator.admin.clients()).find((c) => c.id === id)?.state).toBe(state);
        expect(outputsOf(h.engine, "worker").state).toBe(state);
      }
    });

    it("keeps deprecated roleIds declared next to roleDivisions stable: no change after up or refresh", async () => {
      const legacy = {
        worker: {
          ...worker,
          roleDivisions: [{ roleId: ADMIN, divisionId: SALES }],
          roleIds: [DEVELOPER],
        },
      };
      expect((await h.up(legacy)).errors).toEqual([]);
      const id = idOf(h.engine, "worker");
      const live = (await h.emulator.admin.clients()).find((c) => c.id === id);
      expect(live?.roleDivisions).toEqual(
        expect.arrayContaining([
          { roleId: ADMIN, divisionId: SALES },
          { roleId: DEVELOPER, divisionId: HOME },
        ]),
      );
      await h.clearLog();

      expect(ops(await h.preview(legacy))).toEqual([["worker", "same", []]]);
      expect(ops(await h.engine.refresh())).toEqual([["worker", "refresh-same", []]]);
      expect(ops(await h.up(legacy))).toEqual([["worker", "same", []]]);
      expect(writes(await h.apiRequests())).toEqual([]);
    });

    describe("roleIds declared next to roleDivisions", () => {
      // The API grants roleIds in the home division and mirrors every role into roleIds; the
      // outputs (and so the inputs refresh rebuilds from them) must still say what was declared.
      const both = {
        worker: { ...worker, roleIds: [DEVELOPER], roleDivisions: [{ roleId: ADMIN }] },
      };

      it("echoes both fields as declared, so a refresh leaves the stored inputs as the program's", async () => {
        expect((await h.up(both)).errors).toEqual([]);
        const outs = outputsOf(h.engine, "worker");
        expect([outs.roleIds, outs.roleDivisions]).toEqual([[DEVELOPER], [{ roleId: ADMIN }]]);
        const declaredInputs = resourceOf(h.engine, "worker").inputs;

        const refresh = await h.engine.refresh();
        expect(ops(refresh)).toEqual([["worker", "refresh-same", []]]);
        expect(resourceOf(h.engine, "worker").inputs).toEqual(declaredInputs);
        expect(ops(await h.preview(both))).toEqual([["worker", "same", []]]);

        // The CLI shows an update's changed keys from the stored inputs: only what changed.
        const described = { worker: { ...both.worker, description: "hourly sync" } };
        expect(ops(await h.preview(described))).toEqual([["worker", "update", ["description"]]]);
      });

      it.each([
        ["roleIds", "the role granted by roleIds", [{ roleId: ADMIN, divisionId: HOME }]],
        [
          "roleDivisions",
          "the role granted by roleDivisions",
          [{ roleId: DEVELOPER, divisionId: HOME }],
        ],
      ])(
        "shows a revoked role as drift in %s (%s) and the next up grants it again",
        async (key, _what, remaining) => {
          expect((await h.up(both)).errors).toEqual([]);
          const id = idOf(h.engine, "worker");
          await h.emulator.admin.patchClient(id, { roleDivisions: remaining });
          await h.clearLog();

          const preview = await h.preview(both, { refresh: true });
          expect(ops(preview)).toEqual([
            ["worker", "refresh-update", [key]],
            ["worker", "update", [key]],
          ]);
          expect(writes(await h.apiRequests())).toEqual([]);

          const up = await h.up(both, { refresh: true });
          expect(up.errors).toEqual([]);
          expect(writes(await h.apiRequests())).toEqual([`PUT ${CLIENTS}/${id}`]);
          const live = (await h.emulator.admin.clients()).find((c) => c.id === id);
          expect(live?.roleDivisions).toEqual(
            expect.arrayContaining([
              { roleId: ADMIN, divisionId: HOME },
              { roleId: DEVELOPER, divisionId: HOME },
            ]),
          );
          expect(live?.roleDivisions).toHaveLength(2);
          const outs = outputsOf(h.engine, "worker");
          expect([outs.roleIds, outs.roleDivisions]).toEqual([[DEVELOPER], [{ roleId: ADMIN }]]);
          const after = await h.preview(both, { refresh: true });
          expect(after.steps.map((s) => s.op)).toEqual(["refresh-same", "same"]);
        },
      );
    });

    it("plans an update for inputs not known yet in preview, without any request", async () => {
      expect((await h.up({ worker, portal })).errors).toEqual([]);
      await h.clearLog();

      // In a preview, an input computed from another resource's output is the unknown sentinel.
      const capture = await h.capture(clientsProgram({ worker, portal }), { preview: true });
      const registrations = markUnknown(capture.registrations, {
        worker: ["description", "roleDivisions"],
      });
      const preview = await h.engine.preview({ ...capture, registrations });
      expect(preview.errors).toEqual([]);
      expect(ops(preview)).toEqual([
        ["portal", "same", []],
        ["worker", "update", ["description", "roleDivisions"]],
      ]);
      expect(await h.requests()).toEqual([]);
    });

    it("changes the grant type from CLIENT-CREDENTIALS to CODE in place, not by replacement", async () => {
      expect((await h.up({ worker })).errors).toEqual([]);
      const id = idOf(h.engine, "worker");
      const secret = secretOf(h.engine, "worker");
      await h.clearLog();

      const up = await h.up({
        worker: {
          description: worker.description,
          authorizedGrantType: "CODE",
          scope: ["users:readonly"],
        },
      });
      expect(up.errors).toEqual([]);
      const step = stepOf(up, "worker");
      expect([step.op, step.diffKeys, step.replaceKeys]).toEqual([
        "update",
        ["authorizedGrantType", "roleDivisions", "scope"],
        undefined,
      ]);
      expect(writes(await h.apiRequests())).toEqual([`PUT ${CLIENTS}/${id}`]);
      expect(idOf(h.engine, "worker")).toBe(id);
      const live = (await h.emulator.admin.clients()).find((c) => c.id === id);
      expect([live?.authorizedGrantType, live?.scope]).toEqual(["CODE", ["users:readonly"]]);
      const outs = outputsOf(h.engine, "worker");
      expect(outs.roleDivisions).toBeUndefined();
      expect(outs.scope).toEqual(["users:readonly"]);
      expect(secretOf(h.engine, "worker")).toBe(secret);
    });
  });

  describe("made outside Pulumi (drift)", () => {
    const CLIENTS = "/api/v2/oauth/clients";
    const worker: OAuthClientArgs = {
      authorizedGrantType: "CLIENT-CREDENTIALS",
      description: "nightly sync",
      accessTokenValiditySeconds: 7200,
      roleDivisions: [{ roleId: EMULATOR_ROLE_IDS.developer }],
    };
    const portal: OAuthClientArgs = {
      authorizedGrantType: "CODE",
      description: "customer portal",
      scope: ["users:readonly", "analytics"],
      registeredRedirectUri: ["https://portal.example.com/cb"],
    };

    const edits: [string, string, SeedClientInput, unknown][] = [
      ["description", "worker", { description: "edited in the admin UI" }, "nightly sync"],
      ["scope", "portal", { scope: ["users:readonly", "analytics", "routing"] }, undefined],
      ["state", "worker", { state: "inactive" }, "active"],
      ["accessTokenValiditySeconds", "worker", { accessTokenValiditySeconds: 600 }, 7200],
    ];
    it.each(edits)(
      "shows an out-of-band %s edit in preview --refresh and reverts it with one PUT",
      async (key, name, patch, declared) => {
        expect((await h.up({ worker, portal })).errors).toEqual([]);
        const id = idOf(h.engine, name);
        const stateBefore = h.engine.state;
        await h.emulator.admin.patchClient(id, patch);
        await h.clearLog();

        const preview = await h.preview({ worker, portal }, { refresh: true });
        expect(preview.errors).toEqual([]);
        const [refreshStep, programStep] = preview.steps.filter((s) => s.name === name);
        expect([refreshStep.op, refreshStep.diffKeys]).toEqual(["refresh-update", [key]]);
        expect(sorted(refreshStep.outputs?.[key])).toEqual(
          sorted(patch[key as keyof SeedClientInput]),
        );
        expect([programStep.op, programStep.diffKeys]).toEqual(["update", [key]]);
        const other = preview.steps.filter((s) => s.name !== name).map((s) => s.op);
        expect(other).toEqual(["refresh-same", "same"]);
        // A preview reads (GET) and changes nothing, neither in the org nor in the state.
        expect(writes(await h.apiRequests())).toEqual([]);
        expect(h.engine.state).toEqual(stateBefore);

        await h.clearLog();
        const up = await h.up({ worker, portal }, { refresh: true });
        expect(up.errors).toEqual([]);
        expect(writes(await h.apiRequests())).toEqual([`PUT ${CLIENTS}/${id}`]);
        const live = (await h.emulator.admin.clients()).find((c) => c.id === id);
        const expected = declared ?? (name === "portal" ? portal : worker)[key as "scope"];
        expect(sorted(live?.[key as keyof typeof live])).toEqual(sorted(expected));
        expect(outputsOf(h.engine, name)[key]).toEqual(sorted(expected));

        // Converged: the next preview --refresh shows nothing.
        const after = await h.preview({ worker, portal }, { refresh: true });
        expect(after.steps.map((s) => s.op)).toEqual([
          "refresh-same",
          "refresh-same",
          "same",
          "same",
        ]);
      },
    );

    it("forgets a client deleted out of band on refresh and creates a new one on the next up", async () => {
      expect((await h.up({ worker })).errors).toEqual([]);
      const oldId = idOf(h.engine, "worker");
      await h.emulator.admin.deleteClient(oldId);

      const refresh = await h.engine.refresh();
      expect(refresh.errors).toEqual([]);
      expect(stepOf(refresh, "worker").op).toBe("refresh-delete");
      expect(h.engine.state).toEqual([]);

      await h.clearLog();
      const up = await h.up({ worker });
      expect(up.errors).toEqual([]);
      expect(stepOf(up, "worker").op).toBe("create");
      expect(writes(await h.apiRequests())).toEqual([`POST ${CLIENTS}`]);
      expect(idOf(h.engine, "worker")).not.toBe(oldId);
    });

    it("shows a client disabled by support and explains why it can be neither changed nor deleted", async () => {
      expect((await h.up({ worker })).errors).toEqual([]);
      const id = idOf(h.engine, "worker");
      await h.emulator.admin.patchClient(id, { state: "disabled" });

      const refresh = await h.engine.refresh();
      expect(refresh.errors).toEqual([]);
      expect([stepOf(refresh, "worker").op, stepOf(refresh, "worker").diffKeys]).toEqual([
        "refresh-update",
        ["state"],
      ]);
      expect(outputsOf(h.engine, "worker").state).toBe("disabled");

      await h.clearLog();
      const up = await h.up({ worker: { ...worker, description: "changed" } });
      expect(up.ok).toBe(false);
      expect(stepOf(up, "worker").error).toMatch(
        new RegExp(`OAuth client "worker" \\(${id}\\) is disabled by Genesys Cloud support`),
      );
      expect(stepOf(up, "worker").error).toMatch(/Ask Genesys Cloud support to re-enable it/);

      await h.clearLog();
      const destroy = await h.destroy();
      expect(destroy.ok).toBe(false);
      expect(stepOf(destroy, "worker").error).toMatch(/is disabled by Genesys Cloud support/);
      expect(stepOf(destroy, "worker").error).toMatch(/pulumi state delete/);
      expect(calls(await h.apiRequests())).not.toContain(`DELETE ${CLIENTS}/${id}`);
      expect((await h.emulator.admin.clients()).find((c) => c.id === id)?.state).toBe("disabled");
      expect(h.engine.resource("worker")).toBeDefined();
    });
  });
});
