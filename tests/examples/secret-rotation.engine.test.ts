/**
 * examples/secret-rotation through the real dynamic-provider host against the emulator, checking
 * what its README promises: a new `rotation` value previews as an update of
 * `secretRotationTrigger` and sends nothing, `pulumi up` regenerates the secret and the old one
 * stops working at once, and the deletion guard refuses to delete a client that is still used
 * until `deletionGuardDays` is 0.
 */
import * as fs from "fs";
import * as path from "path";
import { EMULATOR_ROLE_IDS, startEmulator, type RunningEmulator } from "../../provider/emulator";
import { Engine, isSecret, type ConfigValue, type StackSettings } from "../../provider/testing";
import { CONNECTION_ENV, REPO_ROOT, captureExample, exampleStack } from "./helpers";

const EXAMPLE = "secret-rotation";
const NAME = "crm-integration";

/** A client-credentials login at the emulator's token endpoint, as the integration does it. */
async function login(
  emulator: RunningEmulator,
  id: string,
  secret: string,
): Promise<{ status: number; accessToken?: string }> {
  const response = await fetch(`${emulator.loginUrl}/oauth/token`, {
    method: "POST",
    headers: {
      Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  const body = (await response.json()) as { access_token?: unknown };
  const accessToken = typeof body.access_token === "string" ? body.access_token : undefined;
  return { status: response.status, accessToken };
}

describe("examples/secret-rotation against the emulator", () => {
  let emulator: RunningEmulator;
  let engine: Engine;
  let connection: Record<string, ConfigValue>;

  /** The stack with the program's own config set to `program`. */
  const stackWith = (program: Record<string, string>): StackSettings =>
    exampleStack(EXAMPLE, "local", {
      ...connection,
      integrationRoleId: EMULATOR_ROLE_IDS.developer,
      ...program,
    });
  const secret = (): string => {
    const value = engine.resource(NAME)?.outputs.clientSecret;
    if (!isSecret(value) || typeof value.value !== "string") throw new Error("no secret secret");
    return value.value;
  };
  const clientId = (): string => engine.resource(NAME)?.id ?? "";

  beforeAll(async () => {
    emulator = await startEmulator();
    connection = {
      "genesyscloud:apiUrl": emulator.apiUrl,
      "genesyscloud:oauthclientId": emulator.clientId,
      "genesyscloud:oauthclientSecret": { secret: emulator.clientSecret },
      // The deletion guard's usage query: poll the emulator quickly instead of every 5 s.
      "genesyscloud:usagePollIntervalMs": "20",
    };
    engine = await Engine.start({
      projectDir: REPO_ROOT,
      stack: stackWith({}),
      env: Object.fromEntries(CONNECTION_ENV.map((name) => [name, undefined])),
    });
    const up = await engine.up(await captureExample(EXAMPLE, stackWith({ rotation: "CHG-1" })));
    expect(up.errors).toEqual([]);
  });
  afterAll(async () => {
    await engine?.close();
    await emulator?.close();
  });

  test("a new rotation value previews as an update of secretRotationTrigger, sending nothing", async () => {
    await emulator.admin.clearRequests();
    const preview = await engine.preview(
      await captureExample(EXAMPLE, stackWith({ rotation: "CHG-2" }), { preview: true }),
    );
    expect(preview.errors).toEqual([]);
    expect(preview.steps.map((s) => [s.name, s.op, s.diffKeys])).toEqual([
      [NAME, "update", ["secretRotationTrigger"]],
    ]);
    expect(preview.diagnostics.map((l) => l.text)).toContain(
      `OAuth client "CRM integration" (${clientId()}): secret rotation due: ` +
        "secretRotationTrigger changed — the next pulumi up regenerates it",
    );
    expect(await emulator.admin.requests()).toEqual([]);
  });

  test("the README quotes the rotation message in the form the provider prints it", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "examples", EXAMPLE, "README.md"), "utf8");
    const quoted = readme.split("\n").filter((line) => line.includes("secret rotation due"));
    expect(quoted).toEqual([
      expect.stringMatching(
        /^OAuth client "CRM integration" \(.+\): secret rotation due: last rotated \d{4}-\d\d-\d\d, every 90 days — the next pulumi up regenerates it$/,
      ),
    ]);
  });

  test("pulumi up regenerates the secret; the old one stops working at once", async () => {
    const oldSecret = secret();
    expect((await login(emulator, clientId(), oldSecret)).status).toBe(200);
    await emulator.admin.clearRequests();

    const up = await engine.up(await captureExample(EXAMPLE, stackWith({ rotation: "CHG-2" })));
    expect(up.errors).toEqual([]);
    const writes = (await emulator.admin.requests())
      .filter((r) => r.method !== "GET" && r.path.startsWith("/api/"))
      .map((r) => `${r.method} ${r.path}`);
    expect(writes).toEqual([`POST /api/v2/oauth/clients/${clientId()}/secret`]);
    expect(secret()).not.toBe(oldSecret);
    expect((await login(emulator, clientId(), oldSecret)).status).toBe(400);
    expect((await login(emulator, clientId(), secret())).status).toBe(200);
  });

  test("the deletion guard refuses to destroy a client that is still used", async () => {
    // The integration calls the API with its new secret: that is usage.
    const { accessToken } = await login(emulator, clientId(), secret());
    const call = await fetch(`${emulator.apiUrl}/api/v2/oauth/scopes`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    await call.body?.cancel();
    expect(call.status).toBe(200);

    const destroy = await engine.destroy();
    expect(destroy.ok).toBe(false);
    expect(destroy.errors.join("\n")).toMatch(
      /Refusing to delete OAuth client "CRM integration" .*: it made 1 API request in the last 30 days/,
    );
    expect((await emulator.admin.clients()).map((c) => c.id)).toContain(clientId());
  });

  test("with deletionGuardDays 0, pulumi up then pulumi destroy retires the client", async () => {
    const id = clientId();
    const program = { rotation: "CHG-2", deletionGuardDays: "0" };
    const up = await engine.up(await captureExample(EXAMPLE, stackWith(program)));
    expect(up.steps.map((s) => [s.op, s.diffKeys])).toEqual([["update", ["deletionGuard"]]]);
    const destroy = await engine.destroy();
    expect(destroy.errors).toEqual([]);
    expect(engine.state).toEqual([]);
    expect((await emulator.admin.clients()).map((c) => c.id)).not.toContain(id);
  });
});
