/**
 * examples/quickstart through the real dynamic-provider host against the emulator, as its README
 * walks through it: `pulumi preview` plans three creates without calling the API, `pulumi up`
 * creates the clients, a second preview has nothing to do, `pulumi destroy` removes them.
 */
import {
  EMULATOR_DIVISION_IDS,
  EMULATOR_ROLE_IDS,
  startEmulator,
  type RunningEmulator,
} from "../../provider/emulator";
import { Engine, isSecret, type StackSettings } from "../../provider/testing";
import { CONNECTION_ENV, REPO_ROOT, captureExample, exampleStack } from "./helpers";

const EXAMPLE = "quickstart";
const NAMES = ["Quickstart automation", "Quickstart wallboard", "Quickstart web app"];

describe("examples/quickstart against the emulator", () => {
  let emulator: RunningEmulator;
  let engine: Engine;
  let stack: StackSettings;

  beforeAll(async () => {
    emulator = await startEmulator();
    // What the README has a user set for a local stack: the emulator's settings and seeded roles.
    stack = exampleStack(EXAMPLE, "local", {
      "genesyscloud:apiUrl": emulator.apiUrl,
      "genesyscloud:oauthclientId": emulator.clientId,
      "genesyscloud:oauthclientSecret": { secret: emulator.clientSecret },
      automationRoleId: EMULATOR_ROLE_IDS.developer,
      reportingRoleId: EMULATOR_ROLE_IDS.supervisor,
    });
    engine = await Engine.start({
      projectDir: REPO_ROOT,
      stack,
      env: Object.fromEntries(CONNECTION_ENV.map((name) => [name, undefined])),
    });
  });
  afterAll(async () => {
    await engine?.close();
    await emulator?.close();
  });

  /** Names of the clients in the emulated org, without the emulator's bootstrap client. */
  async function orgClients(): Promise<string[]> {
    const clients = await emulator.admin.clients();
    return clients
      .filter((c) => c.id !== emulator.clientId)
      .map((c) => c.name ?? "")
      .sort();
  }

  // The steps build on each other, like the commands a user types one after the other.
  test("pulumi preview plans three creates and sends no request to Genesys Cloud", async () => {
    const preview = await engine.preview(await captureExample(EXAMPLE, stack, { preview: true }));
    expect(preview.errors).toEqual([]);
    expect(preview.summary).toEqual({ create: 3 });
    expect(await emulator.admin.requests()).toEqual([]);
  });

  test("pulumi up creates the three clients, roles in the home division and in all", async () => {
    const up = await engine.up(await captureExample(EXAMPLE, stack));
    expect(up.errors).toEqual([]);
    expect(up.summary).toEqual({ create: 3 });
    expect(await orgClients()).toEqual(NAMES);
    const automation = (await emulator.admin.clients()).find(
      (c) => c.name === "Quickstart automation",
    );
    expect(automation?.authorizedGrantType).toBe("CLIENT-CREDENTIALS");
    expect(automation?.roleDivisions).toEqual(
      expect.arrayContaining([
        { roleId: EMULATOR_ROLE_IDS.developer, divisionId: EMULATOR_DIVISION_IDS.home },
        { roleId: EMULATOR_ROLE_IDS.supervisor, divisionId: "*" },
      ]),
    );
    for (const name of ["automation", "web-app", "wallboard"]) {
      expect(isSecret(engine.resource(name)?.outputs.clientSecret)).toBe(true);
    }
  });

  test("a second pulumi preview shows no changes and writes nothing", async () => {
    await emulator.admin.clearRequests();
    const again = await engine.preview(await captureExample(EXAMPLE, stack, { preview: true }));
    expect(again.errors).toEqual([]);
    expect(again.summary).toEqual({ same: 3 });
    const writes = (await emulator.admin.requests()).filter(
      (r) => r.method !== "GET" && r.path.startsWith("/api/"),
    );
    expect(writes).toEqual([]);
  });

  test("pulumi destroy deletes the three clients", async () => {
    const destroy = await engine.destroy();
    expect(destroy.errors).toEqual([]);
    expect(destroy.summary).toEqual({ delete: 3 });
    expect(engine.state).toEqual([]);
    expect(await orgClients()).toEqual([]);
  });
});
