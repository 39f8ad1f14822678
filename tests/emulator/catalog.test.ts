/**
 * Scopes and authorizations: the seeded catalog, `Accept-Language`, and 404s.
 */
import {
  startEmulator,
  EMULATOR_AUTHORIZATION_CLIENT_IDS,
  EMULATOR_DIVISIONS,
  EMULATOR_ROLES,
  EMULATOR_SCOPES,
  type RunningEmulator,
} from "../../provider/emulator";
import { negotiateLanguage } from "../../provider/emulator/scopes";
import { adminApi, codeOf, type ApiCaller } from "./helpers";

interface Scope {
  id: string;
  description: string;
  selfUri: string;
}

let emu: RunningEmulator;
let api: ApiCaller;

beforeAll(async () => {
  emu = await startEmulator();
  api = await adminApi(emu);
});
afterAll(() => emu.close());

const REQUIRED_SCOPES = [
  "oauth",
  "oauth:readonly",
  "users",
  "users:readonly",
  "user-basic-info",
  "authorization",
  "authorization:readonly",
  "analytics",
  "analytics:readonly",
  "routing",
  "routing:readonly",
  "conversations",
  "integrations",
  "integrations:readonly",
  "architect",
  "notifications",
  "organization",
  "organization:readonly",
  "usage",
  "usage:readonly",
];

describe("scopes", () => {
  it("lists the seeded scopes in English by default", async () => {
    const res = await api("GET", "/api/v2/oauth/scopes");
    const body = res.body as { total: number; entities: Scope[] };
    const ids = body.entities.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(REQUIRED_SCOPES));
    expect(body.total).toBe(EMULATOR_SCOPES.length);
    expect(body.entities.find((s) => s.id === "oauth")?.description).toBe("Manage OAuth clients");
  });

  it.each([
    ["de-DE", "OAuth-Clients verwalten"],
    ["de", "OAuth-Clients verwalten"],
    ["fr-CA,fr;q=0.9", "Gérer les clients OAuth"],
    ["ja-JP", "Manage OAuth clients"],
    ["xx;q=1, de;q=0.5", "OAuth-Clients verwalten"],
  ])("answers Accept-Language %s with the matching description", async (language, expected) => {
    const res = await api("GET", "/api/v2/oauth/scopes/oauth", {
      headers: { "Accept-Language": language },
    });
    expect(res.status).toBe(200);
    expect((res.body as Scope).description).toBe(expected);
  });

  it("gets one scope by id, including ids with a colon sent encoded", async () => {
    const res = await api("GET", `/api/v2/oauth/scopes/${encodeURIComponent("users:readonly")}`);
    expect(res.body).toEqual({
      id: "users:readonly",
      description: "View users",
      selfUri: "/api/v2/oauth/scopes/users%3Areadonly",
    });
  });

  it("answers 404 not.found for an unknown scope", async () => {
    const res = await api("GET", "/api/v2/oauth/scopes/nope");
    expect(res.status).toBe(404);
    expect(codeOf(res)).toBe("not.found");
  });

  it("has a description in every language for every scope", () => {
    for (const s of EMULATOR_SCOPES) {
      for (const text of Object.values(s.descriptions)) expect(text.length).toBeGreaterThan(3);
    }
    expect(negotiateLanguage(undefined)).toBe("en-us");
    expect(negotiateLanguage("*")).toBe("en-us");
  });
});

describe("authorizations", () => {
  it("lists authorized, requested and revoked clients", async () => {
    const res = await api("GET", "/api/v2/oauth/authorizations");
    const body = res.body as {
      total: number;
      entities: { state: string; pending: boolean; client: { id: string } }[];
    };
    expect(body.total).toBe(EMULATOR_AUTHORIZATION_CLIENT_IDS.length);
    expect(body.entities.map((a) => a.state).sort()).toEqual([
      "Authorized",
      "Requested",
      "Revoked",
    ]);
    expect(body.entities.find((a) => a.state === "Requested")?.pending).toBe(true);
  });

  it("localizes the embedded client description", async () => {
    const id = EMULATOR_AUTHORIZATION_CLIENT_IDS[0];
    const en = await api("GET", `/api/v2/oauth/authorizations/${id}`);
    const de = await api("GET", `/api/v2/oauth/authorizations/${id}`, {
      headers: { "Accept-Language": "de-de" },
    });
    const enText = (en.body as { client: { description: string } }).client.description;
    const deText = (de.body as { client: { description: string } }).client.description;
    expect(enText).toMatch(/Synchronizes/);
    expect(deText).toMatch(/Synchronisiert/);
  });

  it("answers 404 not.found for a client without an authorization", async () => {
    const res = await api("GET", `/api/v2/oauth/authorizations/${emu.clientId}`);
    expect(res.status).toBe(404);
    expect(codeOf(res)).toBe("not.found");
  });
});

describe("exported catalog", () => {
  it("has fixed role and division ids matching the running emulator", () => {
    expect(emu.roles).toEqual(EMULATOR_ROLES.map((r) => ({ id: r.id, name: r.name })));
    expect(emu.divisions).toEqual(EMULATOR_DIVISIONS.map((d) => ({ id: d.id, name: d.name })));
    expect(EMULATOR_ROLES.map((r) => r.name)).toEqual(
      expect.arrayContaining(["Master Admin", "admin", "employee", "Developer", "Telephony Admin"]),
    );
    expect(EMULATOR_DIVISIONS.map((d) => d.name)).toEqual(["Home", "Sales", "Support"]);
    expect(emu.homeDivisionId).toBe(EMULATOR_DIVISIONS[0].id);
  });
});
