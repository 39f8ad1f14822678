/**
 * The OAuth client endpoints over real HTTP: the documented validation rules and error codes,
 * server-set fields, secret exposure, state rules, soft deletion and paging. Every response is
 * checked against the Swagger fixture by the helpers.
 */
import {
  startEmulator,
  EMULATOR_ROLE_IDS,
  EMULATOR_DIVISION_IDS,
  type RunningEmulator,
} from "../../provider/emulator";
import {
  adminApi,
  apiCaller,
  ccClient,
  codeClient,
  codeOf,
  login,
  type ApiCaller,
} from "./helpers";

const { masterAdmin, developer, employee } = EMULATOR_ROLE_IDS;
const HOME = EMULATOR_DIVISION_IDS.home;
const SALES = EMULATOR_DIVISION_IDS.sales;
const CLIENTS = "/api/v2/oauth/clients";
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Client {
  id: string;
  name: string;
  secret?: string;
  state: string;
  roleIds: string[];
  roleDivisions: { roleId: string; divisionId: string }[];
  dateCreated: string;
  dateModified: string;
  dateToDelete?: string;
  createdBy: { id: string; name: string; selfUri: string };
  modifiedBy: { id: string; name: string; selfUri: string };
  selfUri: string;
  accessTokenValiditySeconds: number;
  description?: string;
  scope: string[];
}

let emu: RunningEmulator;
let api: ApiCaller;

beforeAll(async () => {
  emu = await startEmulator();
  api = await adminApi(emu);
});
afterAll(() => emu.close());
beforeEach(async () => {
  await emu.admin.reset();
  api = await adminApi(emu);
});

/** Moves the emulator clock; tokens may expire, so log in again. */
async function at(iso: string): Promise<void> {
  await emu.admin.updateSettings({ now: iso });
  api = await adminApi(emu);
}

async function create(body: Record<string, unknown>): Promise<Client> {
  const res = await api("POST", CLIENTS, { body });
  expect(res.status).toBe(200);
  return res.body as Client;
}

describe("POST /api/v2/oauth/clients", () => {
  it("creates a client-credentials client with server-set fields and returns its secret once", async () => {
    const c = await create(ccClient(developer, HOME));
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
    const c = await create(ccClient(developer, HOME));
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
    const c = await create({
      name: "legacy",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleIds: [employee],
    });
    expect(c.roleDivisions).toEqual([{ roleId: employee, divisionId: HOME }]);
    expect(c.roleIds).toEqual([employee]);
    const both = await create(
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
    const c = await create(codeClient({ accessTokenValiditySeconds: 300 }));
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
      (await create(ccClient(developer, "*", { accessTokenValiditySeconds: 300 }))).roleDivisions[0]
        .divisionId,
    ).toBe("*");
    expect(
      (await create(ccClient(developer, HOME, { accessTokenValiditySeconds: 172800 })))
        .accessTokenValiditySeconds,
    ).toBe(172800);
  });

  it("refuses more clients than maxClients with auth.too.many.clients", async () => {
    await emu.admin.updateSettings({ maxClients: 2 });
    await create(ccClient(developer, HOME));
    const res = await api("POST", CLIENTS, { body: ccClient(developer, HOME) });
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe("auth.too.many.clients");
  });
});

describe("GET/PUT/DELETE /api/v2/oauth/clients/{clientId}", () => {
  it("answers 404 client.not.found for an unknown id", async () => {
    for (const method of ["GET", "PUT", "DELETE"]) {
      const res = await api(
        method,
        `${CLIENTS}/9d1b6a2e-0000-4000-8000-000000000000`,
        method === "PUT" ? { body: codeClient() } : {},
      );
      expect(res.status).toBe(404);
      expect(codeOf(res)).toBe("client.not.found");
      expect((res.body as { message: string }).message).toBe("Client was not found.");
    }
  });

  it("updates the full object in place, including the grant type, and stamps dateModified/modifiedBy", async () => {
    const c = await create(ccClient(developer, HOME));
    await at("2031-01-01T00:00:00.000Z");
    const res = await api("PUT", `${CLIENTS}/${c.id}`, {
      body: codeClient({ name: "now-a-web-app", description: "changed" }),
    });
    expect(res.status).toBe(200);
    const u = res.body as Client;
    expect(u.id).toBe(c.id);
    expect(u.name).toBe("now-a-web-app");
    expect(u.scope).toEqual(["users:readonly"]);
    expect(u.roleDivisions).toEqual([]);
    expect(u.dateCreated).toBe(c.dateCreated);
    expect(u.dateModified).toBe("2031-01-01T00:00:00.000Z");
    expect(u.state).toBe("active");
  });

  it("keeps the state when PUT omits it and switches active/inactive when given", async () => {
    const c = await create(ccClient(developer, HOME));
    const inactive = await api("PUT", `${CLIENTS}/${c.id}`, {
      body: ccClient(developer, HOME, { state: "inactive" }),
    });
    expect((inactive.body as Client).state).toBe("inactive");
    const kept = await api("PUT", `${CLIENTS}/${c.id}`, { body: ccClient(developer, HOME) });
    expect((kept.body as Client).state).toBe("inactive");
    const back = await api("PUT", `${CLIENTS}/${c.id}`, {
      body: ccClient(developer, HOME, { state: "active" }),
    });
    expect((back.body as Client).state).toBe("active");
  });

  it("refuses PUT state disabled, PUT on a disabled client, and validates PUT bodies", async () => {
    const c = await create(ccClient(developer, HOME));
    const disable = await api("PUT", `${CLIENTS}/${c.id}`, {
      body: ccClient(developer, HOME, { state: "disabled" }),
    });
    expect(disable.status).toBe(400);
    expect(codeOf(disable)).toBe("bad.client.state");
    const badScope = await api("PUT", `${CLIENTS}/${c.id}`, {
      body: codeClient({ scope: ["nope"] }),
    });
    expect(codeOf(badScope)).toBe("auth.invalid.scope");
    const noRoles = await api("PUT", `${CLIENTS}/${c.id}`, {
      body: { name: "x", authorizedGrantType: "CLIENT-CREDENTIALS" },
    });
    expect(codeOf(noRoles)).toBe("missing.client.roles");
    await emu.admin.patchClient(c.id, { state: "disabled" });
    const res = await api("PUT", `${CLIENTS}/${c.id}`, { body: ccClient(developer, HOME) });
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe("bad.client.state");
    expect((res.body as { message: string }).message).toBe("Client is disabled.");
  });

  it("refuses to delete an active client with cannot.delete.client", async () => {
    const c = await create(ccClient(developer, HOME));
    const res = await api("DELETE", `${CLIENTS}/${c.id}`);
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe("cannot.delete.client");
    expect((res.body as { message: string }).message).toBe(
      "Clients must be marked as inactive to be eligible for deletion.",
    );
  });

  it("deletes an inactive client younger than 30 days at once", async () => {
    const c = await create(ccClient(developer, HOME));
    await api("PUT", `${CLIENTS}/${c.id}`, {
      body: ccClient(developer, HOME, { state: "inactive" }),
    });
    const del = await api("DELETE", `${CLIENTS}/${c.id}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe("");
    expect((await api("GET", `${CLIENTS}/${c.id}`)).status).toBe(404);
    expect((await api("DELETE", `${CLIENTS}/${c.id}`)).status).toBe(404);
  });

  it("keeps an older deleted client as state deleted with dateToDelete for seven days", async () => {
    const c = await create(ccClient(developer, HOME));
    await api("PUT", `${CLIENTS}/${c.id}`, {
      body: ccClient(developer, HOME, { state: "inactive" }),
    });
    const created = Date.parse(c.dateCreated);
    const deletedAt = new Date(created + 31 * 86_400_000).toISOString();
    await at(deletedAt);
    expect((await api("DELETE", `${CLIENTS}/${c.id}`)).status).toBe(204);
    const get = await api("GET", `${CLIENTS}/${c.id}`);
    expect(get.status).toBe(200);
    const g = get.body as Client;
    expect(g.state).toBe("deleted");
    expect(g.dateToDelete).toBe(new Date(Date.parse(deletedAt) + 7 * 86_400_000).toISOString());
    const listed = (await api("GET", CLIENTS)).body as { entities: Client[] };
    expect(listed.entities.find((e) => e.id === c.id)?.state).toBe("deleted");
    expect((await api("DELETE", `${CLIENTS}/${c.id}`)).status).toBe(204);
    await at(new Date(Date.parse(deletedAt) + 7 * 86_400_000 + 1000).toISOString());
    expect((await api("GET", `${CLIENTS}/${c.id}`)).status).toBe(404);
  });
});

describe("POST /api/v2/oauth/clients/{clientId}/secret", () => {
  it("regenerates the secret and returns the full client with it", async () => {
    const c = await create(ccClient(developer, HOME));
    const res = await api("POST", `${CLIENTS}/${c.id}/secret`);
    expect(res.status).toBe(200);
    const r = res.body as Client;
    expect(r.id).toBe(c.id);
    expect(r.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(r.secret).not.toBe(c.secret);
    expect(r.name).toBe(c.name);
  });

  it("answers 404 not.found for an unknown client", async () => {
    const res = await api("POST", `${CLIENTS}/00000000-0000-4000-8000-000000000001/secret`);
    expect(res.status).toBe(404);
    expect(codeOf(res)).toBe("not.found");
  });

  it("refuses with bad.client.role when the caller lacks a role of the client", async () => {
    const dev = await create(ccClient(developer, HOME, { name: "developer-robot" }));
    const devApi = apiCaller(emu, await login(emu, dev.id, dev.secret as string));
    const other = await create(ccClient(masterAdmin, SALES, { name: "needs-master-admin" }));
    const refused = await devApi("POST", `${CLIENTS}/${other.id}/secret`);
    expect(refused.status).toBe(400);
    expect(codeOf(refused)).toBe("bad.client.role");
    const own = await devApi("POST", `${CLIENTS}/${dev.id}/secret`);
    expect(own.status).toBe(200);
  });
});

describe("callers with their own roles", () => {
  it("a client-credentials client can only grant roles it holds", async () => {
    const dev = await create(ccClient(developer, HOME, { name: "developer-robot" }));
    const devApi = apiCaller(emu, await login(emu, dev.id, dev.secret as string));
    const ok = await devApi("POST", CLIENTS, { body: ccClient(developer, HOME) });
    expect(ok.status).toBe(200);
    expect((ok.body as Client).createdBy.id).toBe(dev.id);
    const wider = await devApi("POST", CLIENTS, { body: ccClient(developer, SALES) });
    expect(codeOf(wider)).toBe("bad.client.role");
    const other = await devApi("POST", CLIENTS, { body: ccClient(masterAdmin, HOME) });
    expect(codeOf(other)).toBe("bad.client.role");
  });

  it("answers 403 missing.permissions / missing.any.permissions without the permission", async () => {
    const emp = await create(ccClient(employee, HOME, { name: "employee-robot" }));
    const empApi = apiCaller(emu, await login(emu, emp.id, emp.secret as string));
    const list = await empApi("GET", CLIENTS);
    expect(list.status).toBe(403);
    expect(codeOf(list)).toBe("missing.permissions");
    expect((list.body as { message: string }).message).toContain("oauth:client:view");
    const usage = await empApi("GET", `${CLIENTS}/${emp.id}/usage/summary`);
    expect(usage.status).toBe(403);
    expect(codeOf(usage)).toBe("missing.any.permissions");
    const scopes = await empApi("GET", "/api/v2/oauth/scopes");
    expect(scopes.status).toBe(200);
  });
});

describe("GET /api/v2/oauth/clients", () => {
  it("lists every client on one page by default", async () => {
    await create(ccClient(developer, HOME));
    await create(codeClient());
    const res = await api("GET", CLIENTS);
    const body = res.body as {
      entities: Client[];
      total: number;
      pageCount: number;
      pageNumber: number;
      nextUri?: string;
    };
    expect(body.total).toBe(3);
    expect(body.entities).toHaveLength(3);
    expect(body.pageCount).toBe(1);
    expect(body.pageNumber).toBe(1);
    expect(body.nextUri).toBeUndefined();
  });

  it("pages through nextUri links when listPageSize is set", async () => {
    for (let i = 0; i < 4; i++) await create(ccClient(developer, HOME, { name: `robot-${i}` }));
    await emu.admin.updateSettings({ listPageSize: 2 });
    const seen: string[] = [];
    let uri: string | undefined = CLIENTS;
    let pages = 0;
    while (uri) {
      const res = await api("GET", uri);
      const body = res.body as {
        entities: Client[];
        pageCount: number;
        pageSize: number;
        nextUri?: string;
        total: number;
      };
      expect(body.pageSize).toBe(2);
      expect(body.pageCount).toBe(3);
      expect(body.total).toBe(5);
      seen.push(...body.entities.map((e) => e.id));
      uri = body.nextUri;
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
  });
});
