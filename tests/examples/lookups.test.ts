/**
 * examples/lookups under `pulumi.runtime.setMocks`, its lookups answered by the emulator over
 * HTTP (the connection comes from the stack config, as in a real stack): scope names checked and
 * picked from the catalog, a seeded client found by name with its usage, the authorizations.
 */
import * as pulumi from "@pulumi/pulumi";
import { closeLookupConnections } from "pulumi-genesyscloud-oauth";
import { EMULATOR_SCOPES, startEmulator, type RunningEmulator } from "../../provider/emulator";
import { plain, type CaptureResult, type ConfigValue } from "../../provider/testing";
import { captureExample, exampleStack, oauthClients, readStackFile } from "./helpers";

const EXAMPLE = "lookups";
const READ_ONLY_SCOPES = EMULATOR_SCOPES.map((s) => s.id)
  .filter((id) => id.endsWith(":readonly"))
  .sort();

describe("examples/lookups against the emulator", () => {
  let emulator: RunningEmulator;
  let connection: Record<string, ConfigValue>;
  let legacyId: string;
  let capture: CaptureResult;

  beforeAll(async () => {
    // Usage results on the first poll: the lookup still waits its first interval (5 s) once.
    emulator = await startEmulator({ usagePollsBeforeComplete: 0 });
    connection = {
      "genesyscloud:apiUrl": emulator.apiUrl,
      "genesyscloud:oauthclientId": emulator.clientId,
      "genesyscloud:oauthclientSecret": { secret: emulator.clientSecret },
    };
    const legacy = await emulator.admin.seedClient({
      name: "Legacy wallboard",
      authorizedGrantType: "TOKEN",
      scope: ["analytics:readonly"],
      registeredRedirectUri: ["https://wallboard.example.com/"],
      dateCreated: "2023-04-01T08:00:00.000Z",
    });
    legacyId = legacy.id ?? "";
    const today = new Date().toISOString().slice(0, 10);
    await emulator.admin.seedUsage(legacyId, [{ date: today, status200: 40, status400: 2 }]);
    await emulator.admin.clearRequests();

    // The example's own stack file, pointed at the emulator.
    const stack = exampleStack(EXAMPLE, "dev", {
      ...readStackFile(EXAMPLE, "dev"),
      ...connection,
    });
    capture = await captureExample(EXAMPLE, stack);
  });
  afterAll(async () => {
    // The lookups keep one connection (and its keep-alive sockets) per settings for the process.
    closeLookupConnections();
    await emulator?.close();
  });

  test("declares the dashboard with the checked scopes and the auditor with every read-only scope", () => {
    const clients = oauthClients(capture);
    expect(Object.keys(clients).sort()).toEqual(["auditor", "dashboard"]);
    expect(plain(clients.dashboard.inputs)).toMatchObject({
      name: "Operations dashboard",
      authorizedGrantType: "CODE",
      registeredRedirectUri: ["https://dashboard.dev.example.com/oauth/callback"],
      scope: ["analytics:readonly", "routing:readonly", "users:readonly"],
    });
    expect(plain(clients.auditor.inputs)).toMatchObject({
      name: "Audit viewer",
      authorizedGrantType: "CODE",
      scope: READ_ONLY_SCOPES,
    });
    expect(READ_ONLY_SCOPES.length).toBeGreaterThan(5);
    for (const client of Object.values(clients)) {
      expect(client.additionalSecretOutputs).toContain("clientSecret");
    }
  });

  test("finds the existing client by name and reports its usage", () => {
    const outputs = capture.stackOutputs;
    expect(outputs.legacyClient).toEqual({
      id: legacyId,
      state: "active",
      authorizedGrantType: "TOKEN",
      dateCreated: "2023-04-01T08:00:00.000Z",
    });
    expect(outputs.legacyClientRequests).toBe(42);
    expect(outputs.legacyClientUnused).toBe(false);
  });

  test("lists the authorized apps and the pending authorizations", () => {
    expect(capture.stackOutputs.authorizedApps).toEqual(["Acme CRM Connector"]);
    expect(capture.stackOutputs.pendingAuthorizations).toEqual(["Wallboard Pro"]);
    expect(capture.stackOutputs.auditorScopes).toEqual(READ_ONLY_SCOPES);
  });

  test("only reads from the org: every API request is a GET", async () => {
    const requests = await emulator.admin.requests();
    const paths = requests.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        "GET /api/v2/oauth/scopes",
        "GET /api/v2/oauth/authorizations",
        "GET /api/v2/oauth/clients",
        `GET /api/v2/oauth/clients/${legacyId}/usage/summary`,
      ]),
    );
    expect(paths.filter((p) => !p.startsWith("GET ") && p !== "POST /oauth/token")).toEqual([]);
  });

  test("stops with the org's scope list when a scope name is not one of them", async () => {
    const stack = exampleStack(EXAMPLE, "dev", {
      ...connection,
      dashboardScopes: JSON.stringify(["analytics:readonly", "users:read-only"]),
    });
    const capture = captureExample(EXAMPLE, stack);
    await expect(capture).rejects.toBeInstanceOf(pulumi.RunError);
    await expect(capture).rejects.toThrow(
      /^dashboardScopes: "users:read-only" is not a scope of this org\. Its scopes: alerting, /,
    );
  });

  test("without legacyClientName it reports no client and queries no usage", async () => {
    await emulator.admin.clearRequests();
    const stack = exampleStack(EXAMPLE, "dev", connection);
    const { stackOutputs } = await captureExample(EXAMPLE, stack);
    expect(Object.keys(stackOutputs).sort()).toEqual([
      "auditorClientId",
      "auditorScopes",
      "authorizedApps",
      "dashboardClientId",
      "pendingAuthorizations",
    ]);
    const paths = (await emulator.admin.requests()).map((r) => r.path);
    expect(paths.filter((p) => p.includes("/usage/"))).toEqual([]);
  });
});
