/** The pure core of the export: which clients it keeps, and entries that reproduce them exactly. */
import type { OAuthClient } from "../../provider/api/models";
import { parseClientCatalog } from "../../provider/catalog";
import { buildClientExport, clientToArgs } from "../../provider/cli/build";

const ROLE_A = "0b1f6e2a-6c1d-4b8e-9f3a-2d4c5e6f7a80";
const ROLE_B = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
const DIV = "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60";
const OPTIONS = {
  exportedAt: new Date("2026-01-02T03:04:05Z"),
  apiUrl: "https://api.mypurecloud.de",
  region: "eu-central-1",
};

function client(id: number, fields: Partial<OAuthClient>): OAuthClient {
  return {
    id: `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`,
    name: `client ${id}`,
    authorizedGrantType: "CODE",
    scope: ["users"],
    state: "active",
    ...fields,
  };
}

describe("clientToArgs", () => {
  test("sorts and de-duplicates the sets, keeps explicit divisions, drops empty fields", () => {
    expect(
      clientToArgs(
        client(1, {
          authorizedGrantType: "CLIENT-CREDENTIALS",
          scope: [],
          registeredRedirectUri: [],
          description: "",
          roleIds: [ROLE_B, ROLE_A],
          roleDivisions: [
            { roleId: ROLE_B, divisionId: "*" },
            { roleId: ROLE_A, divisionId: DIV },
            { roleId: ROLE_B, divisionId: "*" },
          ],
          accessTokenValiditySeconds: 900,
        }),
      ),
    ).toEqual({
      name: "client 1",
      adoptClientId: "00000000-0000-4000-8000-000000000001",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      accessTokenValiditySeconds: 900,
      roleDivisions: [
        { roleId: ROLE_A, divisionId: DIV },
        { roleId: ROLE_B, divisionId: "*" },
      ],
      state: "active",
    });
  });

  test("an API reporting only roleIds gives roles in the home division", () => {
    const args = clientToArgs(
      client(2, {
        authorizedGrantType: "CLIENT-CREDENTIALS",
        scope: undefined,
        roleIds: [ROLE_B, ROLE_A],
      }),
    );
    expect(args.roleDivisions).toEqual([{ roleId: ROLE_A }, { roleId: ROLE_B }]);
  });
});

describe("buildClientExport", () => {
  test("keeps the manageable clients, names keys from names, and the text loads back", () => {
    const result = buildClientExport(
      [
        client(3, { name: "Portal" }),
        client(4, { name: "portal", state: "inactive" }),
        client(5, { name: "Legacy", state: "disabled" }),
        client(6, { name: "Gone", state: "deleted" }),
        client(7, {
          name: "Self",
          authorizedGrantType: "CLIENT-CREDENTIALS",
          scope: [],
          roleDivisions: [{ roleId: ROLE_A, divisionId: DIV }],
        }),
        client(8, { name: " padded " }),
        client(9, { name: "Future grant", authorizedGrantType: "DEVICE-CODE" }),
        { name: "No id", authorizedGrantType: "CODE" },
      ],
      { ...OPTIONS, selfClientId: "00000000-0000-4000-8000-000000000007" },
    );
    expect(result.exported.map((e) => [e.key, e.args.name])).toEqual([
      ["portal", "Portal"],
      ["portal-2", "portal"],
    ]);
    expect(result.skipped.map((s) => [s.name, s.reason])).toEqual([
      [" padded ", "unmanageable"],
      ["Future grant", "unmanageable"],
      ["Gone", "deleted"],
      ["Legacy", "disabled"],
      ["No id", "no-id"],
      ["Self", "self"],
    ]);
    expect(result.skipped[1].detail).toMatch(
      /authorizedGrantType: "DEVICE-CODE" is not a grant type/,
    );
    expect(parseClientCatalog(result.text).entries.map((e) => e.key)).toEqual([
      "portal",
      "portal-2",
    ]);
    expect(result.text).toMatch(
      /^# oauth-clients\.yaml — the OAuth clients of the Genesys Cloud org at https:\/\/api\.mypurecloud\.de \(eu-central-1\)$/m,
    );
    expect(result.text).toContain("at 2026-01-02T03:04:05.000Z.");
  });

  test("includes the credentials' own client when asked", () => {
    const self = client(7, { name: "Self" });
    const result = buildClientExport([self], {
      ...OPTIONS,
      selfClientId: self.id?.toUpperCase(),
      includeSelf: true,
    });
    expect(result.exported.map((e) => e.id)).toEqual([self.id]);
  });

  test("an empty org gives clients: {}", () => {
    const result = buildClientExport([], OPTIONS);
    expect(result.text).toMatch(/\nclients: \{\}\n$/);
    expect(result.text).toContain("Exported 0 clients; skipped 0.");
  });
});
