/**
 * examples/quickstart under `pulumi.runtime.setMocks`: one client of each main grant type, with
 * the roles, scopes and redirect URIs taken from the stack config, and secret exports.
 */
import { isSecret, plain } from "../../provider/testing";
import {
  captureExample,
  exampleStack,
  mockSecret,
  oauthClients,
  readStackFile,
  SECRET_PLACEHOLDER,
} from "./helpers";

const EXAMPLE = "quickstart";

describe("examples/quickstart", () => {
  test("declares a client-credentials, a code and an implicit client from the stack config", async () => {
    const stack = exampleStack(EXAMPLE, "dev", {
      automationRoleId: "role-automation",
      reportingRoleId: "role-reporting",
      appUrl: "https://portal.example.org/",
    });
    const capture = await captureExample(EXAMPLE, stack);
    const clients = oauthClients(capture);
    expect(Object.keys(clients).sort()).toEqual(["automation", "wallboard", "web-app"]);

    expect(plain(clients.automation.inputs)).toMatchObject({
      name: "Quickstart automation",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      accessTokenValiditySeconds: 3600,
      // The first role in the home division (no divisionId), the second in every division.
      roleDivisions: [{ roleId: "role-automation" }, { roleId: "role-reporting", divisionId: "*" }],
    });
    expect(clients.automation.inputs).not.toHaveProperty("scope");

    expect(plain(clients["web-app"].inputs)).toMatchObject({
      name: "Quickstart web app",
      authorizedGrantType: "CODE",
      // The trailing slash of appUrl does not double up.
      registeredRedirectUri: ["https://portal.example.org/oauth/callback"],
      scope: ["user-basic-info", "users:readonly", "conversations:readonly"],
    });
    expect(plain(clients.wallboard.inputs)).toMatchObject({
      name: "Quickstart wallboard",
      authorizedGrantType: "TOKEN",
      registeredRedirectUri: ["https://portal.example.org/wallboard/"],
      scope: ["analytics:readonly", "routing:readonly"],
    });
    for (const client of Object.values(clients)) {
      expect(client.additionalSecretOutputs).toContain("clientSecret");
      expect(client.providerText).toEqual(expect.any(String));
    }
  });

  test("without reportingRoleId the automation client has only its home-division role", async () => {
    const stack = exampleStack(EXAMPLE, "dev", { automationRoleId: "role-automation" });
    const clients = oauthClients(await captureExample(EXAMPLE, stack));
    expect(plain(clients.automation.inputs).roleDivisions).toEqual([{ roleId: "role-automation" }]);
    expect(plain(clients["web-app"].inputs).registeredRedirectUri).toEqual([
      "https://app.example.com/oauth/callback",
    ]);
  });

  test("exports the client ids in plain text and the secrets as secrets", async () => {
    const stack = exampleStack(EXAMPLE, "dev", { automationRoleId: "role-automation" });
    const { stackOutputs } = await captureExample(EXAMPLE, stack);
    expect(Object.keys(stackOutputs).sort()).toEqual([
      "automationClientId",
      "automationClientSecret",
      "wallboardClientId",
      "webAppClientId",
      "webAppClientSecret",
    ]);
    expect(stackOutputs.automationClientId).toBe("automation-id");
    expect(stackOutputs.webAppClientId).toBe("web-app-id");
    expect(stackOutputs.wallboardClientId).toBe("wallboard-id");
    for (const [key, name] of [
      ["automationClientSecret", "automation"],
      ["webAppClientSecret", "web-app"],
    ]) {
      const value = stackOutputs[key];
      expect(isSecret(value)).toBe(true);
      expect(isSecret(value) && value.value).toBe(mockSecret(name));
    }
  });

  test("runs with the example stack file Pulumi.dev.yaml", async () => {
    const config = readStackFile(EXAMPLE, "dev");
    expect(config["genesyscloud:oauthclientSecret"]).toEqual({ secret: SECRET_PLACEHOLDER });
    const clients = oauthClients(
      await captureExample(EXAMPLE, exampleStack(EXAMPLE, "dev", config)),
    );
    expect(plain(clients.automation.inputs).roleDivisions).toEqual([
      { roleId: config["genesys-oauth-quickstart:automationRoleId"] },
      { roleId: config["genesys-oauth-quickstart:reportingRoleId"], divisionId: "*" },
    ]);
  });

  test("stops with a clear error when automationRoleId is not set", async () => {
    await expect(captureExample(EXAMPLE, exampleStack(EXAMPLE, "dev", {}))).rejects.toThrow(
      /Missing required configuration variable 'genesys-oauth-quickstart:automationRoleId'/,
    );
  });
});
