/**
 * The OAuth client lifecycle over real HTTP: get, update, state rules, soft deletion, secret
 * regeneration, callers with their own roles, and paging. The helpers check every response
 * against the Swagger.
 */
import {
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
  createClient,
  login,
  withAdminEmulator,
  type ApiCaller,
  type ClientResponse,
} from "./helpers";

const { masterAdmin, developer, employee } = EMULATOR_ROLE_IDS;
const HOME = EMULATOR_DIVISION_IDS.home;
const SALES = EMULATOR_DIVISION_IDS.sales;
const CLIENTS = "/api/v2/oauth/clients";

let emu: RunningEmulator;
let api: ApiCaller;
withAdminEmulator((running, admin) => {
  emu = running;
  api = admin;
});

/** Moves the emulator clock; tokens may expire, so log in again. */
async function at(iso: string): Promise<void> {
  await emu.admin.updateSettings({ now: iso });
  api = await adminApi(emu);
}

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
    const c = await createClient(api, ccClient(developer, HOME));
    await at("2031-01-01T00:00:00.000Z");
    const res = await api("PUT", `${CLIENTS}/${c.id}`, {
      body: codeClient({ name: "now-a-web-app", description: "changed" }),
    });
    expect(res.status).toBe(200);
    const u = res.body as ClientResponse;
    expect(u.id).toBe(c.id);
    expect(u.name).toBe("now-a-web-app");
    expect(u.scope).toEqual(["users:readonly"]);
    expect(u.roleDivisions).toEqual([]);
    expect(u.dateCreated).toBe(c.dateCreated);
    expect(u.dateModified).toBe("2031-01-01T00:00:00.000Z");
    expect(u.state).toBe("active");
  });

  it("keeps the state when PUT omits it and switches active/inactive when given", async () => {
    const c = await createClient(api, ccClient(developer, HOME));
    const inactive = await api("PUT", `${CLIENTS}/${c.id}`, {
      body: ccClient(developer, HOME, { state: "inactive" }),
    });
    expect((inactive.body as ClientResponse).state).toBe("inactive");
    const kept = await api("PUT", `${CLIENTS}/${c.id}`, { body: ccClient(developer, HOME) });
    expect((kept.body as ClientResponse).state).toBe("inactive");
    const back = await api("PUT", `${CLIENTS}/${c.id}`, {
      body: ccClient(developer, HOME, { state: "active" }),
    });
    expect((back.body as ClientResponse).state).toBe("active");
  });

  it("refuses PUT state disabled, PUT on a disabled client, and validates PUT bodies", async () => {
    const c = await createClient(api, ccClient(developer, HOME));
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
    const c = await createClient(api, ccClient(developer, HOME));
    const res = await api("DELETE", `${CLIENTS}/${c.id}`);
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe("cannot.delete.client");
    expect((res.body as { message: string }).message).toBe(
      "Clients must be marked as inactive to be eligible for deletion.",
    );
  });

  it("deletes an inactive client younger than 30 days at once", async () => {
    const c = await createClient(api, ccClient(developer, HOME));
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
    const c = await createClient(api, ccClient(developer, HOME));
    await api("PUT", `${CLIENTS}/${c.id}`, {
      body: ccClient(developer, HOME, { state: "inactive" }),
    });
    const created = Date.parse(c.dateCreated);
    const deletedAt = new Date(created + 31 * 86_400_000).toISOString();
    await at(deletedAt);
    expect((await api("DELETE", `${CLIENTS}/${c.id}`)).status).toBe(204);
    const get = await api("GET", `${CLIENTS}/${c.id}`);
    expect(get.status).toBe(200);
    const g = get.body as ClientResponse;
    expect(g.state).toBe("deleted");
    expect(g.dateToDelete).toBe(new Date(Date.parse(deletedAt) + 7 * 86_400_000).toISOString());
    const listed = (await api("GET", CLIENTS)).body as { entities: ClientResponse[] };
    expect(listed.entities.find((e) => e.id === c.id)?.state).toBe("deleted");
    expect((await api("DELETE", `${CLIENTS}/${c.id}`)).status).toBe(204);
    await at(new Date(Date.parse(deletedAt) + 7 * 86_400_000 + 1000).toISOString());
    expect((await api("GET", `${CLIENTS}/${c.id}`)).status).toBe(404);
  });
});

describe("POST /api/v2/oauth/clients/{clientId}/secret", () => {
  it("regenerates the secret and returns the full client with it", async () => {
    const c = await createClient(api, ccClient(developer, HOME));
    const res = await api("POST", `${CLIENTS}/${c.id}/secret`);
    expect(res.status).toBe(200);
    const r = res.body as ClientResponse;
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
    const dev = await createClient(api, ccClient(developer, HOME, { name: "developer-robot" }));
    const devApi = apiCaller(emu, await login(emu, dev.id, dev.secret as string));
    const other = await createClient(
      api,
      ccClient(masterAdmin, SALES, { name: "needs-master-admin" }),
    );
    const refused = await devApi("POST", `${CLIENTS}/${other.id}/secret`);
    expect(refused.status).toBe(400);
    expect(codeOf(refused)).toBe("bad.client.role");
    const own = await devApi("POST", `${CLIENTS}/${dev.id}/secret`);
    expect(own.status).toBe(200);
  });
});

describe("callers with their own roles", () => {
  it("a client-credentials client can only grant roles it holds", async () => {
    const dev = await createClient(api, ccClient(developer, HOME, { name: "developer-robot" }));
    const devApi = apiCaller(emu, await login(emu, dev.id, dev.secret as string));
    const ok = await devApi("POST", CLIENTS, { body: ccClient(developer, HOME) });
    expect(ok.status).toBe(200);
    expect((ok.body as ClientResponse).createdBy.id).toBe(dev.id);
    const wider = await devApi("POST", CLIENTS, { body: ccClient(developer, SALES) });
    expect(codeOf(wider)).toBe("bad.client.role");
    const other = await devApi("POST", CLIENTS, { body: ccClient(masterAdmin, HOME) });
    expect(codeOf(other)).toBe("bad.client.role");
  });

  it("answers 403 missing.permissions / missing.any.permissions without the permission", async () => {
    const emp = await createClient(api, ccClient(employee, HOME, { name: "employee-robot" }));
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
    await createClient(api, ccClient(developer, HOME));
    await createClient(api, codeClient());
    const res = await api("GET", CLIENTS);
    const body = res.body as {
      entities: ClientResponse[];
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
    for (let i = 0; i < 4; i++)
      await createClient(api, ccClient(developer, HOME, { name: `robot-${i}` }));
    await emu.admin.updateSettings({ listPageSize: 2 });
    const seen: string[] = [];
    let uri: string | undefined = CLIENTS;
    let pages = 0;
    while (uri) {
      const res = await api("GET", uri);
      const body = res.body as {
        entities: ClientResponse[];
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
