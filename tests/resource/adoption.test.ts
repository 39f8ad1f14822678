/**
 * Adoption (`adoptClientId`), the stand-in for `pulumi import`, which dynamic providers cannot
 * support: taking over a client created outside the stack.
 */
import type { OAuthClientArgs } from "../../provider";
import { EMULATOR_DIVISION_IDS, EMULATOR_ROLE_IDS } from "../../provider/emulator";
import { isSecret } from "../../provider/testing";
import {
  calls,
  idOf,
  login,
  outputsOf,
  resourceOf,
  secretOf,
  withHarness,
  stepOf,
  writes,
  type Harness,
} from "./harness";

const CLIENTS = "/api/v2/oauth/clients";
const DEVELOPER = EMULATOR_ROLE_IDS.developer;
const HOME = EMULATOR_DIVISION_IDS.home;

describe("OAuthClient adoption", () => {
  let h: Harness;
  /** A client created in the admin UI, and its secret (which the stack cannot learn). */
  let legacy: { id: string; secret: string };
  let declared: OAuthClientArgs;
  withHarness({}, (started) => (h = started));
  beforeEach(async () => {
    const seeded = await h.emulator.admin.seedClient({
      name: "legacy-sync",
      description: "made by hand",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleDivisions: [{ roleId: DEVELOPER, divisionId: HOME }],
    });
    legacy = { id: seeded.id as string, secret: seeded.secret };
    declared = {
      name: "legacy-sync",
      description: "made by hand",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleDivisions: [{ roleId: DEVELOPER }],
      adoptClientId: legacy.id,
    };
    await h.clearLog();
  });

  it("adopts a client that matches the program without any write", async () => {
    const up = await h.up({ legacy: declared });
    expect(up.errors).toEqual([]);
    expect(stepOf(up, "legacy").op).toBe("create");
    expect(idOf(h.engine, "legacy")).toBe(legacy.id);
    const served = await h.apiRequests();
    expect(served.length).toBeGreaterThan(0);
    expect(writes(served)).toEqual([]);

    // Genesys never returns an existing secret: the stack has none, and says how to get one.
    const outs = outputsOf(h.engine, "legacy");
    expect(outs.clientSecret).toBeUndefined();
    expect(outs).toMatchObject({ clientId: legacy.id, adoptClientId: legacy.id, state: "active" });
    expect(up.diagnostics.map((l) => l.text).join("\n")).toMatch(
      /adopted.*has no clientSecret.*set secretRotationTrigger/s,
    );
    expect((await login(h.emulator, legacy.id, legacy.secret)).status).toBe(200);

    await h.clearLog();
    const again = await h.up({ legacy: declared });
    expect(again.steps.map((s) => s.op)).toEqual(["same"]);
    expect(await h.requests()).toEqual([]);
  });

  it("adopts a client that differs from the program with one PUT", async () => {
    const up = await h.up({ legacy: { ...declared, description: "managed by Pulumi" } });
    expect(up.errors).toEqual([]);
    expect(writes(await h.apiRequests())).toEqual([`PUT ${CLIENTS}/${legacy.id}`]);
    const live = (await h.emulator.admin.clients()).find((c) => c.id === legacy.id);
    expect(live?.description).toBe("managed by Pulumi");
    expect(outputsOf(h.engine, "legacy").description).toBe("managed by Pulumi");
  });

  it("adopts with a rotation trigger: one POST …/secret, and the stack knows the working secret", async () => {
    const up = await h.up({ legacy: { ...declared, secretRotationTrigger: "adopted" } });
    expect(up.errors).toEqual([]);
    expect(writes(await h.apiRequests())).toEqual([`POST ${CLIENTS}/${legacy.id}/secret`]);
    expect(isSecret(resourceOf(h.engine, "legacy").outputs.clientSecret)).toBe(true);
    const secret = secretOf(h.engine, "legacy");
    expect((await login(h.emulator, legacy.id, secret)).status).toBe(200);
    expect((await login(h.emulator, legacy.id, legacy.secret)).status).toBe(400);
  });

  it("fails clearly and creates nothing when the client to adopt does not exist", async () => {
    const missing = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    const up = await h.up({ legacy: { ...declared, adoptClientId: missing } });
    expect(up.ok).toBe(false);
    expect(stepOf(up, "legacy").error).toMatch(
      new RegExp(`adoptClientId: no OAuth client with id ${missing} exists in this org`),
    );
    expect(writes(await h.apiRequests())).toEqual([]);
    expect(h.engine.state).toEqual([]);
    expect((await h.emulator.admin.clients()).map((c) => c.name).sort()).toEqual(
      [expect.any(String), "legacy-sync"].sort(),
    );
  });

  it("refuses to point an adopting resource at another client, before any request", async () => {
    expect((await h.up({ legacy: declared })).errors).toEqual([]);
    const other = await h.emulator.admin.seedClient({ name: "other" });
    await h.clearLog();

    const preview = await h.preview({ legacy: { ...declared, adoptClientId: other.id } });
    expect(preview.ok).toBe(false);
    expect(stepOf(preview, "legacy").error).toMatch(
      new RegExp(
        `adoptClientId "${other.id}" differs from the client this resource manages ` +
          `\\("${legacy.id}"\\): an adoption can't be retargeted`,
      ),
    );
    expect(await h.requests()).toEqual([]);
    expect(idOf(h.engine, "legacy")).toBe(legacy.id);
  });

  describe("of the client the stack itself deploys with", () => {
    /** The emulator's bootstrap client (the stack's credentials), declared as it is. */
    async function own(): Promise<OAuthClientArgs> {
      const live = (await h.emulator.admin.clients()).find((c) => c.id === h.emulator.clientId);
      if (!live) throw new Error("no bootstrap client");
      return {
        name: live.name,
        description: live.description,
        authorizedGrantType: "CLIENT-CREDENTIALS",
        accessTokenValiditySeconds: live.accessTokenValiditySeconds,
        roleDivisions: live.roleDivisions,
        adoptClientId: h.emulator.clientId,
      };
    }

    it("adopts it with a warning, then refuses to rotate its secret or delete it, writing nothing", async () => {
      const args = await own();
      const up = await h.up({ self: args });
      expect(up.errors).toEqual([]);
      expect(up.diagnostics.map((l) => l.text).join("\n")).toMatch(
        new RegExp(
          `OAuth client ".+" \\(${h.emulator.clientId}\\) is the client this stack deploys with.*` +
            "refuse to delete it or regenerate its secret",
        ),
      );
      await h.clearLog();

      const rotate = await h.up({ self: { ...args, secretRotationTrigger: "now" } });
      expect(rotate.ok).toBe(false);
      expect(stepOf(rotate, "self").error).toMatch(
        /Refusing to regenerate the secret of OAuth client .*: it is the client this stack deploys with .*Nothing was changed\. Manage this client from a stack that deploys with the credentials of another client/,
      );
      expect(writes(await h.apiRequests())).toEqual([]);

      const destroy = await h.destroy();
      expect(destroy.ok).toBe(false);
      expect(stepOf(destroy, "self").error).toMatch(
        /Refusing to delete OAuth client .*: it is the client this stack deploys with .*pulumi state delete/,
      );
      expect(writes(await h.apiRequests())).toEqual([]);
      // The stack can still log in and work: its credentials are intact.
      expect((await login(h.emulator, h.emulator.clientId, h.emulator.clientSecret)).status).toBe(
        200,
      );
      expect(h.engine.resource("self")).toBeDefined();
    });

    it("refuses an adoption that would regenerate its secret, before any write", async () => {
      const up = await h.up({ self: { ...(await own()), secretRotationTrigger: "adopted" } });
      expect(up.ok).toBe(false);
      expect(stepOf(up, "self").error).toMatch(/Refusing to regenerate the secret of OAuth client/);
      expect(writes(await h.apiRequests())).toEqual([]);
      expect(h.engine.state).toEqual([]);
    });
  });

  it("deletes an adopted client on destroy", async () => {
    expect((await h.up({ legacy: declared })).errors).toEqual([]);
    await h.clearLog();

    const destroy = await h.destroy();
    expect(destroy.errors).toEqual([]);
    expect(calls(await h.apiRequests())).toEqual([
      `PUT ${CLIENTS}/${legacy.id}`,
      `DELETE ${CLIENTS}/${legacy.id}`,
      `GET ${CLIENTS}/${legacy.id}`,
    ]);
    expect((await h.emulator.admin.clients()).some((c) => c.id === legacy.id)).toBe(false);
  });
});
