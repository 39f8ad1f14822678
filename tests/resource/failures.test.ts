/**
 * Failures halfway through an operation: the stack must never lose track of a client that exists
 * in Genesys Cloud, never create a duplicate, and always hold a secret that works (or none).
 */
import type { OAuthClientArgs } from "../../provider";
import { EMULATOR_ROLE_IDS } from "../../provider/emulator";
import { isSecret } from "../../provider/testing";
import {
  calls,
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
  name: "failure-worker",
  authorizedGrantType: "CLIENT-CREDENTIALS",
  roleDivisions: [{ roleId: EMULATOR_ROLE_IDS.developer }],
  secretRotationTrigger: "1",
};

describe("OAuthClient failures and recovery", () => {
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
