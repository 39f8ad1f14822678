/**
 * Catalog variables set with `pulumi config set --secret`: the program reads them decrypted, so
 * every client field that takes a value from one must be declared as a Pulumi secret, or the
 * engine would store that value in plain text in the state. Run under `pulumi.runtime.setMocks`
 * through the catalog stack program, as `pulumi up` of the root stack runs it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { catalogStackProgram } from "../../provider/catalog/program";
import { parseClientCatalog } from "../../provider/catalog/parse";
import { captureProgram, plain, type CapturedRegistration } from "../../provider/testing";

const PROJECT = "genesys-oauth-clients";
const ROLE = "5a7e2c94-3b1f-4d68-9e0a-7c4b2d1f8e02";
const VARS = { portalHost: "portal.internal.example.com", lifetime: 3600, botRole: ROLE };

const CATALOG = `clients:
  web-portal:
    name: Customer portal
    authorizedGrantType: CODE
    scope: [users:readonly]
    registeredRedirectUri:
      - "https://\${portalHost}/callback"
    accessTokenValiditySeconds: \${lifetime}
    description: literal $\${notAVariable}
  ci-bot:
    authorizedGrantType: CLIENT-CREDENTIALS
    roleDivisions:
      - roleId: "\${botRole}"
  plain:
    authorizedGrantType: CODE
    scope: [users]
`;

let projectDir: string;
beforeAll(() => {
  projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "catalog-secret-vars-"));
  fs.writeFileSync(path.join(projectDir, "oauth-clients.yaml"), CATALOG);
});
afterAll(() => {
  fs.rmSync(projectDir, { recursive: true, force: true });
});

async function registrations(secret: boolean): Promise<Record<string, CapturedRegistration>> {
  const vars = JSON.stringify(VARS);
  const capture = await captureProgram(() => catalogStackProgram({ projectDir }), {
    stack: {
      project: PROJECT,
      stack: "dev",
      config: { [`${PROJECT}:vars`]: secret ? { secret: vars } : vars },
    },
  });
  return Object.fromEntries(capture.registrations.map((r) => [r.name, r]));
}

describe("a catalog stack whose vars are secret", () => {
  it("declares every field that used a variable as a secret input, and only those", async () => {
    const clients = await registrations(true);
    expect(clients["web-portal"].secretInputs.sort()).toEqual(
      ["accessTokenValiditySeconds", "registeredRedirectUri"].sort(),
    );
    expect(clients["ci-bot"].secretInputs).toEqual(["roleDivisions"]);
    expect(clients.plain.secretInputs).toEqual([]);
  });

  it("still passes the substituted values to the provider", async () => {
    const portal = plain((await registrations(true))["web-portal"].inputs);
    expect(portal).toMatchObject({
      registeredRedirectUri: ["https://portal.internal.example.com/callback"],
      accessTokenValiditySeconds: 3600,
      description: "literal ${notAVariable}",
    });
  });
});

describe("a catalog stack whose vars are not secret", () => {
  it("declares no secret input", async () => {
    const clients = await registrations(false);
    expect(Object.values(clients).flatMap((r) => r.secretInputs)).toEqual([]);
  });
});

describe("parseClientCatalog with secretVars", () => {
  it("lists the fields that took a variable, in catalog order, whole or in part", () => {
    const catalog = parseClientCatalog(CATALOG, { vars: VARS, secretVars: true });
    expect(catalog.entries.map((e) => [e.key, e.secretFields])).toEqual([
      ["web-portal", ["accessTokenValiditySeconds", "registeredRedirectUri"]],
      ["ci-bot", ["roleDivisions"]],
      ["plain", undefined],
    ]);
  });

  it("lists nothing without secretVars", () => {
    const catalog = parseClientCatalog(CATALOG, { vars: VARS });
    expect(catalog.entries.map((e) => e.secretFields)).toEqual([undefined, undefined, undefined]);
  });
});
