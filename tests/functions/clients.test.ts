/**
 * Client lookups against the emulator: the full listing across pages, `deleted` clients left out,
 * lookup by id, and lookup by name (none with similar names listed, exactly one, several with the
 * candidates listed, a deleted namesake ignored, case-insensitive on request). A scripted stub
 * that does return secrets proves they are stripped.
 */
import { GenesysApiError } from "../../provider/api";
import {
  OAuthClientMatchError,
  getOauthAuthorizations,
  getOauthClient,
  getOauthClients,
} from "../../provider/functions";
import { startStub, stubSettings } from "../api/helpers";
import { FAST_HTTP, rejectionOf } from "../support/emulator-api";
import { functionsHarness, type FunctionsHarness } from "./helpers";

let h: FunctionsHarness;
beforeAll(async () => {
  h = await functionsHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.emu.admin.reset();
});

/** Seeds clients by name (all CLIENT-CREDENTIALS); resolves to their ids in order. */
async function seed(
  ...clients: { name: string; state?: "active" | "inactive" | "deleted"; dateCreated?: string }[]
): Promise<string[]> {
  const ids: string[] = [];
  for (const c of clients) ids.push((await h.emu.admin.seedClient(c)).id as string);
  return ids;
}

describe("getOauthClients", () => {
  it("returns every client of every page, without deleted ones unless asked", async () => {
    const [a, b, , d] = await seed(
      { name: "alpha" },
      { name: "beta", state: "inactive" },
      { name: "gamma", state: "deleted" },
      { name: "delta" },
    );
    await h.emu.admin.updateSettings({ listPageSize: 2 });
    await h.emu.admin.clearRequests();
    const result = await getOauthClients({}, h.opts);
    const names = result.clients.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(["alpha", "beta", "delta"]));
    expect(names).not.toContain("gamma");
    expect(result.total).toBe(result.clients.length);
    expect(result.clients.map((c) => c.id)).toEqual(expect.arrayContaining([a, b, d]));
    const pages = (await h.emu.admin.requests()).filter((r) => r.path === "/api/v2/oauth/clients");
    expect(pages.length).toBe(3); // bootstrap admin + 4 seeded = 5 clients, 2 per page
    const all = await getOauthClients({ includeDeleted: true }, h.opts);
    expect(all.clients.map((c) => c.name)).toContain("gamma");
    expect(all.total).toBe(result.total + 1);
  });
});

describe("getOauthClient by id", () => {
  it("returns the client without a secret", async () => {
    const [id] = await seed({ name: "by-id" });
    const client = await getOauthClient({ clientId: id }, h.opts);
    expect(client).toMatchObject({ id, name: "by-id", state: "active" });
    expect(client).not.toHaveProperty("secret");
  });

  it("rejects with the API's 404 for an unknown id", async () => {
    const err = await rejectionOf(
      getOauthClient({ clientId: "00000000-0000-4000-8000-000000000000" }, h.opts),
    );
    expect(err).toBeInstanceOf(GenesysApiError);
    expect((err as GenesysApiError).status).toBe(404);
  });
});

describe("getOauthClient by name", () => {
  it("returns the one client with exactly that name, ignoring a deleted namesake", async () => {
    const [, live] = await seed(
      { name: "ci-robot", state: "deleted" },
      { name: "ci-robot", state: "inactive" },
      { name: "CI-Robot" },
    );
    const client = await getOauthClient({ name: "ci-robot" }, h.opts);
    expect(client).toMatchObject({ id: live, name: "ci-robot", state: "inactive" });
    expect(client).not.toHaveProperty("secret");
  });

  it("lists every candidate (id, state, creation date) when several clients have the name", async () => {
    const [older, newer] = await seed(
      { name: "twin", dateCreated: "2024-01-02T03:04:05.000Z" },
      { name: "twin", state: "inactive", dateCreated: "2025-06-07T08:09:10.000Z" },
      { name: "twin", state: "deleted" },
    );
    const err = await rejectionOf(getOauthClient({ name: "twin" }, h.opts));
    expect(err).toBeInstanceOf(OAuthClientMatchError);
    const e = err as OAuthClientMatchError;
    expect(e.reason).toBe("ambiguous");
    expect(e.candidates).toEqual([
      { id: older, name: "twin", state: "active", dateCreated: "2024-01-02T03:04:05.000Z" },
      { id: newer, name: "twin", state: "inactive", dateCreated: "2025-06-07T08:09:10.000Z" },
    ]);
    expect(e.message).toContain('2 OAuth clients are named "twin"');
    expect(e.message).toContain(`${older} "twin" (active, created 2024-01-02T03:04:05.000Z)`);
    expect(e.message).toContain(`${newer} "twin" (inactive, created 2025-06-07T08:09:10.000Z)`);
    expect(e.message).toMatch(/by clientId instead/);
  });

  it("says no client has the name and lists similar names, not unrelated ones", async () => {
    const [close, spaced] = await seed(
      { name: "ci-robots" },
      { name: "CI Robot" },
      { name: "billing" },
    );
    const err = await rejectionOf(getOauthClient({ name: "ci-robot" }, h.opts));
    const e = err as OAuthClientMatchError;
    expect(e.reason).toBe("notFound");
    expect(e.candidates.map((c) => c.id).sort()).toEqual([close, spaced].sort());
    expect(e.message).toMatch(/no OAuth client is named "ci-robot"/);
    expect(e.message).toMatch(/Similar names:/);
    expect(e.message).not.toContain("billing");
    expect(e.message).toMatch(/ignoreCase: true/);
  });

  it("says so when nothing is even similar", async () => {
    await seed({ name: "billing" });
    const e = (await rejectionOf(
      getOauthClient({ name: "zzz-unrelated" }, h.opts),
    )) as OAuthClientMatchError;
    expect(e.reason).toBe("notFound");
    expect(e.candidates).toEqual([]);
    expect(e.message).toMatch(/No client has a similar name/);
  });

  it("matches regardless of case only when ignoreCase is set", async () => {
    const [id] = await seed({ name: "Reporting-App" });
    await expect(getOauthClient({ name: "reporting-app" }, h.opts)).rejects.toThrow(
      OAuthClientMatchError,
    );
    await expect(
      getOauthClient({ name: "reporting-app", ignoreCase: true }, h.opts),
    ).resolves.toMatchObject({ id, name: "Reporting-App" });
  });

  it("is ambiguous ignoring case when names differ only in case", async () => {
    await seed({ name: "Dup" }, { name: "dup" });
    await expect(getOauthClient({ name: "dup" }, h.opts)).resolves.toMatchObject({ name: "dup" });
    const e = (await rejectionOf(
      getOauthClient({ name: "DUP", ignoreCase: true }, h.opts),
    )) as OAuthClientMatchError;
    expect(e.reason).toBe("ambiguous");
    expect(e.candidates.map((c) => c.name).sort()).toEqual(["Dup", "dup"]);
  });
});

describe("secrets", () => {
  it("are stripped from listings, single clients and authorizations even if the API sent them", async () => {
    const leaked = "leaked-secret-from-a-misbehaving-api";
    const client = { id: "c1", name: "leaky", authorizedGrantType: "CODE", secret: leaked };
    const stub = await startStub((req) => {
      if (req.path === "/api/v2/oauth/clients")
        return { status: 200, body: { entities: [client] } };
      if (req.path === "/api/v2/oauth/clients/c1") return { status: 200, body: client };
      return { status: 200, body: { entities: [{ client, state: "Authorized" }], total: 1 } };
    });
    try {
      const opts = { settings: stubSettings(stub), http: FAST_HTTP };
      const results = [
        await getOauthClients({}, opts),
        await getOauthClient({ clientId: "c1" }, opts),
        await getOauthClient({ name: "leaky" }, opts),
        await getOauthAuthorizations({}, opts),
      ];
      expect(JSON.stringify(results)).not.toContain(leaked);
      expect(results[1]).toEqual({ id: "c1", name: "leaky", authorizedGrantType: "CODE" });
    } finally {
      await stub.close();
    }
  });
});
