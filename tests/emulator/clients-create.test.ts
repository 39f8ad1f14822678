/**
 * Creating OAuth clients over real HTTP: server-set fields, secret exposure, and each documented
 * validation rule with its error code. The helpers check every response against the Swagger.
 */
import {
  EMULATOR_ROLE_IDS,
  EMULATOR_DIVISION_IDS,
  type RunningEmulator,
} from "../../provider/emulator";
import {
  ccClient,
  codeClient,
  codeOf,
  createClient,
  withAdminEmulator,
  type ApiCaller,
} from "./helpers";

const { developer, employee } = EMULATOR_ROLE_IDS;
const HOME = EMULATOR_DIVISION_IDS.home;
const SALES = EMULATOR_DIVISION_IDS.sales;
const CLIENTS = "/api/v2/oauth/clients";
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let emu: RunningEmulator;
let api: ApiCaller;
withAdminEmulator((running, admin) => {
  emu = running;
  api = admin;
});

describe("POST /api/v2/oauth/clients", () => {
  it("creates a client-credentials client with server-set fields and returns its secret once", async () => {
    const c = await createClient(api, ccClient(developer, HOME));
    expect(c.id).toMatch(UUID_V4);
    expect(c.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(c.state).toBe("active");
    expect(c.accessTokenValiditySeconds).toBe(86400);
    expect(c.selfUri).toBe(`/api/v2/oauth/clients/${c.id}`);
    expect(c.roleIds).toEqual([developer]);
    expect(c.createdBy).toEqual({
      id: emu.clientId,
      name: "Emulator bootstrap admin",
      selfUri: `/api/v2/oauth/clients/${emu.clientId}`,
    });
    expect(c.modifiedBy).toEqual(c.createdBy);
    expect(Date.parse(c.dateCreated)).not.toBeNaN();
    expect(c.dateModified).toBe(c.dateCreated);
  });

  it("never returns the secret from GET, PUT or the listing", async () => {
    const c = await createClient(api, ccClient(developer, HOME));
    const get = await api("GET", `${CLIENTS}/${c.id}`);
    expect(get.body).not.toHaveProperty("secret");
    const put = await api("PUT", `${CLIENTS}/${c.id}`, {
      body: ccClient(developer, HOME, { name: "renamed" }),
    });
    expect(put.status).toBe(200);
    expect(put.body).not.toHaveProperty("secret");
    const list = await api("GET", CLIENTS);
    for (const e of (list.body as { entities: object[] }).entities)
      expect(e).not.toHaveProperty("secret");
    expect(list.text).not.toContain(c.secret);
  });

  it("accepts the deprecated roleIds (home division) and mirrors roleDivisions into roleIds", async () => {
    const c = await createClient(api, {
      name: "legacy",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleIds: [employee],
    });
    expect(c.roleDivisions).toEqual([{ roleId: employee, divisionId: HOME }]);
    expect(c.roleIds).toEqual([employee]);
    const both = await createClient(
      api,
      ccClient(developer, "*", {
        roleIds: [developer, employee],
        roleDivisions: [
          { roleId: developer, divisionId: "*" },
          { roleId: developer, divisionId: SALES },
        ],
      }),
    );
    expect(both.roleDivisions).toEqual([
      { roleId: developer, divisionId: "*" },
      { roleId: developer, divisionId: SALES },
      { roleId: employee, divisionId: HOME },
    ]);
    expect(both.roleIds).toEqual([developer, employee]);
  });

  it("creates a code-grant client with scopes and redirect URIs", async () => {
    const c = await createClient(api, codeClient({ accessTokenValiditySeconds: 300 }));
    expect(c.scope).toEqual(["users:readonly"]);
    expect(c.accessTokenValiditySeconds).toBe(300);
  });

  const cases: [string, unknown, number, string, RegExp?][] = [
    [
      "missing name",
      { authorizedGrantType: "CODE", scope: ["oauth"] },
      400,
      "constraint.validation",
      /name/,
    ],
    [
      "blank name",
      { name: "  ", authorizedGrantType: "CODE", scope: ["oauth"] },
      400,
      "constraint.validation",
      /name/,
    ],
    [
      "name as number",
      { name: 42, authorizedGrantType: "CODE", scope: ["oauth"] },
      400,
      "invalid.value",
      /name/,
    ],
    ["missing grant type", { name: "x", scope: ["oauth"] }, 400, "grant.type.required"],
    [
      "unknown grant type",
      { name: "x", authorizedGrantType: "IMPLICIT", scope: ["oauth"] },
      400,
      "bad.grant.type",
    ],
    [
      "legacy SAML2BEARER",
      { name: "x", authorizedGrantType: "SAML2BEARER", scope: ["oauth"] },
      400,
      "bad.grant.type",
    ],
    [
      "legacy CLIENT_CREDENTIALS",
      { name: "x", authorizedGrantType: "CLIENT_CREDENTIALS", roleIds: [developer] },
      400,
      "bad.grant.type",
    ],
    [
      "client credentials without roles",
      { name: "x", authorizedGrantType: "CLIENT-CREDENTIALS" },
      400,
      "missing.client.roles",
    ],
    [
      "code grant without scope",
      { name: "x", authorizedGrantType: "CODE", scope: [] },
      400,
      "missing.client.scope",
    ],
    [
      "unknown scope",
      { name: "x", authorizedGrantType: "TOKEN", scope: ["oauth", "nope:nope"] },
      400,
      "auth.invalid.scope",
    ],
    [
      "unknown role",
      ccClient("00000000-0000-4000-8000-000000000000", HOME),
      400,
      "bad.client.role",
    ],
    [
      "unknown division",
      ccClient(developer, "00000000-0000-4000-8000-000000000000"),
      400,
      "bad.client.role",
    ],
    [
      "role division without divisionId",
      {
        name: "x",
        authorizedGrantType: "CLIENT-CREDENTIALS",
        roleDivisions: [{ roleId: developer }],
      },
      400,
      "constraint.validation",
      /divisionId/,
    ],
    [
      "token validity too short",
      ccClient(developer, HOME, { accessTokenValiditySeconds: 299 }),
      400,
      "constraint.validation",
      /accessTokenValiditySeconds/,
    ],
    [
      "token validity too long",
      ccClient(developer, HOME, { accessTokenValiditySeconds: 172801 }),
      400,
      "constraint.validation",
    ],
    [
      "token validity not an integer",
      ccClient(developer, HOME, { accessTokenValiditySeconds: "300" }),
      400,
      "invalid.value",
    ],
    [
      "scope not an array",
      { name: "x", authorizedGrantType: "CODE", scope: "oauth" },
      400,
      "invalid.value",
      /scope/,
    ],
    [
      "redirect URI not a URI",
      codeClient({ registeredRedirectUri: ["not a uri"] }),
      400,
      "invalid.value",
    ],
    ["unknown property", codeClient({ roles: [] }), 400, "invalid.property", /roles/],
    [
      "inactive state on create",
      ccClient(developer, HOME, { state: "inactive" }),
      400,
      "bad.client.state",
      /New clients can only have an active state/,
    ],
    [
      "disabled state on create",
      ccClient(developer, HOME, { state: "disabled" }),
      400,
      "bad.client.state",
    ],
    ["unknown state", ccClient(developer, HOME, { state: "deleted" }), 400, "invalid.value"],
    [
      "dateToDelete not a date",
      ccClient(developer, HOME, { dateToDelete: "soon" }),
      400,
      "invalid.date",
    ],
    ["a JSON array body", [], 400, "bad.request"],
  ];
  // Objects, not positional rows: a row shorter than the callback's arity would make jest pass `done`.
  it.each(
    cases.map(([name, body, status, code, message]) => ({ name, body, status, code, message })),
  )("refuses $name", async ({ body, status, code, message }) => {
    const res = await api("POST", CLIENTS, { body });
    expect(res.status).toBe(status);
    expect(codeOf(res)).toBe(code);
    if (message) expect((res.body as { message: string }).message).toMatch(message);
  });

  it("accepts divisionId '*' (all divisions) and the accessTokenValiditySeconds bounds", async () => {
    expect(
      (await createClient(api, ccClient(developer, "*", { accessTokenValiditySeconds: 300 })))
        .roleDivisions[0].divisionId,
    ).toBe("*");
    expect(
      (await createClient(api, ccClient(developer, HOME, { accessTokenValiditySeconds: 172800 })))
        .accessTokenValiditySeconds,
    ).toBe(172800);
  });

  it("refuses more clients than maxClients with auth.too.many.clients", async () => {
    await emu.admin.updateSettings({ maxClients: 2 });
    await createClient(api, ccClient(developer, HOME));
    const res = await api("POST", CLIENTS, { body: ccClient(developer, HOME) });
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe("auth.too.many.clients");
  });
});
