/**
 * Secret rotation through `secretRotationTrigger`: one regenerate request, the new secret in the
 * state (as a secret), the old one dead at the token endpoint.
 */
import type { OAuthClientArgs } from "../../provider";
import { EMULATOR_ROLE_IDS } from "../../provider/emulator";
import { isSecret } from "../../provider/testing";
import {
  idOf,
  login,
  outputsOf,
  resourceOf,
  secretOf,
  startHarness,
  stepOf,
  writes,
  type Harness,
} from "./harness";

const CLIENTS = "/api/v2/oauth/clients";
const worker: OAuthClientArgs = {
  authorizedGrantType: "CLIENT-CREDENTIALS",
  roleDivisions: [{ roleId: EMULATOR_ROLE_IDS.developer }],
  secretRotationTrigger: "2026-Q1",
};

describe("OAuthClient secret rotation", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    await h.reset();
  });

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
