/**
 * The root program (stack/index.ts) under `pulumi.runtime.setMocks` with the config of the dev and
 * the prod stack: the same catalog registers the same clients with each org's values.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import {
  captureProgram,
  isSecret,
  resetMocks,
  type CapturedRegistration,
} from "../../provider/testing";
import { GenesysSettingsError, readConnectionSettings } from "../../provider/config";
import program from "../../stack/index";
import { PROJECT_DIR, readProject, readStackConfig, rootStack, stackVars } from "./helpers";

const TYPE = "pulumi-nodejs:dynamic/genesys:OAuthClient";
const KEYS = ["agent-desktop-sso", "ci-bot", "legacy-wallboard", "web-portal"];

function byName(registrations: CapturedRegistration[]): Record<string, CapturedRegistration> {
  return Object.fromEntries(registrations.map((r) => [r.name, r]));
}

describe("Pulumi.yaml", () => {
  test("is a TypeScript nodejs project whose main is the root program", () => {
    const project = readProject();
    expect(project.name).toBe("genesys-oauth-clients");
    expect(project.runtime).toMatchObject({ name: "nodejs", options: { typescript: true } });
    // Without main, the language host would run package.json exports["."] (the library).
    expect(project.main).toBe("stack/index.ts");
    expect(fs.existsSync(path.join(PROJECT_DIR, project.main as string))).toBe(true);
  });
});

describe.each(["dev", "prod"])("Pulumi.%s.yaml", (stack) => {
  const text = (): string =>
    fs.readFileSync(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`), "utf8");
  /** The stack's config as the provider's settings reader looks it up. */
  const lookup = (key: string): string | undefined => {
    const value = readStackConfig(stack)[key];
    return typeof value === "object" ? value.secret : value;
  };

  test("holds no secure value, and says how to set this stack's client secret", () => {
    // Ciphertext is only valid under the stack's own key: a copied value fails to decrypt.
    expect(text()).not.toMatch(/^\s*secure:/m);
    expect(Object.keys(readStackConfig(stack))).not.toContain("genesyscloud:oauthclientSecret");
    expect(text()).toContain(`#   pulumi stack select ${stack}\n`);
    expect(text()).toContain("#   pulumi config set --secret genesyscloud:oauthclientSecret ");
  });

  test("without the secret, the settings reader names the missing setting; CI may supply it", () => {
    const missing =
      "genesyscloud:oauthclientId is set but genesyscloud:oauthclientSecret " +
      "(env GENESYSCLOUD_OAUTHCLIENT_SECRET) is not";
    expect(() => readConnectionSettings(lookup, {})).toThrow(GenesysSettingsError);
    expect(() => readConnectionSettings(lookup, {})).toThrow(missing);
    const fromCi = readConnectionSettings(lookup, { GENESYSCLOUD_OAUTHCLIENT_SECRET: "from-ci" });
    expect(fromCi.credentials).toEqual({
      kind: "clientCredentials",
      clientId: lookup("genesyscloud:oauthclientId"),
      clientSecret: "from-ci",
    });
  });
});

describe.each([
  ["dev", "portal.dev.example.com", 7200, 365, false],
  ["prod", "portal.example.com", 1800, 90, true],
])("the %s stack", (stack, portalHost, ciLifetime, maxAge, protect) => {
  const vars = stackVars(stack);

  test("registers one OAuthClient per catalog entry with the stack's values", async () => {
    const capture = await captureProgram(program, { stack: rootStack(stack) });
    expect(capture.registrations.map((r) => r.type)).toEqual(KEYS.map(() => TYPE));
    const clients = byName(capture.registrations);
    expect(Object.keys(clients).sort()).toEqual(KEYS);

    expect(clients["ci-bot"].inputs).toMatchObject({
      name: "CI deploy bot",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleDivisions: [
        { roleId: vars.developerRoleId },
        { roleId: vars.telephonyAdminRoleId, divisionId: "*" },
      ],
      accessTokenValiditySeconds: ciLifetime,
      rotateAfterDays: maxAge,
      secretRotationTrigger: "2026-Q4",
      deletionGuard: { unusedForDays: 30 },
    });
    expect(clients["web-portal"].inputs).toMatchObject({
      authorizedGrantType: "CODE",
      registeredRedirectUri: [
        `https://${portalHost}/oauth/callback`,
        `https://${portalHost}/oauth/silent-refresh`,
      ],
      accessTokenValiditySeconds: vars.portalTokenLifetimeSeconds,
    });
    expect(clients["legacy-wallboard"].inputs).toMatchObject({
      authorizedGrantType: "TOKEN",
      state: "inactive",
    });
    expect(clients["agent-desktop-sso"].inputs.authorizedGrantType).toBe("SAML2-BEARER");
    for (const r of capture.registrations) {
      expect(Boolean(r.protect)).toBe(protect);
      expect(r.additionalSecretOutputs).toEqual(["clientSecret"]);
    }
  });

  test("exports clientIds in plain text, clientSecrets as one secret, and a summary", async () => {
    const capture = await captureProgram(program, {
      stack: rootStack(stack),
      // What the provider would output: the id and (once created) the secret.
      newResource: (args) => ({
        id: `${args.name}-id`,
        state: { ...args.inputs, clientId: `${args.name}-id`, clientSecret: `${args.name}-s3cr3t` },
      }),
    });
    const outputs = capture.stackOutputs;
    expect(Object.keys(outputs).sort()).toEqual(["clientIds", "clientSecrets", "clients"]);
    expect(outputs.clientIds).toEqual(Object.fromEntries(KEYS.map((k) => [k, `${k}-id`])));
    const secrets = outputs.clientSecrets;
    expect(isSecret(secrets)).toBe(true);
    expect(isSecret(secrets) && secrets.value).toEqual(
      Object.fromEntries(KEYS.map((k) => [k, `${k}-s3cr3t`])),
    );
    expect((outputs.clients as Record<string, unknown>)["legacy-wallboard"]).toEqual({
      name: "Legacy wallboard",
      authorizedGrantType: "TOKEN",
      state: "inactive",
    });
  });
});

/**
 * Runs the program body directly (it validates before declaring anything, so it throws
 * synchronously). Not through captureProgram: the SDK reports an exception thrown inside
 * runInPulumiStack only as an unhandled rejection, which would take the test process down.
 */
async function runWithConfig(config: Record<string, string>): Promise<unknown> {
  await pulumi.runtime.setMocks(
    { newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: () => ({}) },
    readProject().name,
    "dev",
    false,
  );
  pulumi.runtime.setAllConfig(config, []);
  try {
    return program();
  } finally {
    resetMocks();
  }
}

function plainConfig(overrides: Record<string, string>): Record<string, string> {
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...readStackConfig("dev"), ...overrides })) {
    config[key] = typeof value === "string" ? value : value.secret;
  }
  return config;
}

describe("stack config mistakes stop the run before anything is declared", () => {
  test("a variable missing from the stack's vars names the entry, field and variable", async () => {
    const { portalHost: _portalHost, ...vars } = stackVars("dev");
    const config = plainConfig({ "genesys-oauth-clients:vars": JSON.stringify(vars) });
    const run = runWithConfig(config);
    await expect(run).rejects.toBeInstanceOf(pulumi.RunError);
    await expect(run).rejects.toThrow(
      /oauth-clients\.yaml:\d+: clients\.web-portal\.registeredRedirectUri\[0\]: unknown variable "portalHost": it is not defined in the stack config genesys-oauth-clients:vars/,
    );
  });

  test("a misspelled setting of the project is refused", async () => {
    const config = plainConfig({ "genesys-oauth-clients:protected": "true" });
    await expect(runWithConfig(config)).rejects.toThrow(
      /genesys-oauth-clients:protected is not a setting of this stack: did you mean "genesys-oauth-clients:protect"\?/,
    );
  });
});
