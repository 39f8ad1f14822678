/**
 * Scope and authorization lookups against the emulator: the listings and single entities, the
 * `Accept-Language` header reaching the service (German descriptions), 404s surfacing as
 * `GenesysApiError`, and no client secret in authorization results.
 */
import { EMULATOR_AUTHORIZATION_CLIENT_IDS, EMULATOR_SCOPES } from "../../provider/emulator";
import { GenesysApiError } from "../../provider/api";
import {
  getOauthAuthorization,
  getOauthAuthorizations,
  getOauthScope,
  getOauthScopes,
} from "../../provider/functions";
import { rejectionOf } from "../support/emulator-api";
import { functionsHarness, type FunctionsHarness } from "./helpers";

let h: FunctionsHarness;
beforeAll(async () => {
  h = await functionsHarness();
});
afterAll(() => h.close());
beforeEach(() => h.emu.admin.clearRequests());

const USERS_READONLY = EMULATOR_SCOPES.find((s) => s.id === "users:readonly");

describe("getOauthScopes", () => {
  it("returns every scope with English descriptions, their ids and the total", async () => {
    const result = await getOauthScopes({}, h.opts);
    expect(result.total).toBe(EMULATOR_SCOPES.length);
    expect(result.ids).toEqual(EMULATOR_SCOPES.map((s) => s.id));
    expect(result.scopes.find((s) => s.id === "users:readonly")).toEqual({
      id: "users:readonly",
      description: USERS_READONLY?.descriptions["en-us"],
      selfUri: "/api/v2/oauth/scopes/users%3Areadonly",
    });
  });

  it("sends acceptLanguage as Accept-Language and returns the German descriptions", async () => {
    const result = await getOauthScopes({ acceptLanguage: "de-de" }, h.opts);
    expect(result.scopes.map((s) => s.description)).toEqual(
      EMULATOR_SCOPES.map((s) => s.descriptions["de-de"]),
    );
    expect(result.scopes[0].description).not.toBe(EMULATOR_SCOPES[0].descriptions["en-us"]);
  });

  it("accepts language ranges with weights", async () => {
    const result = await getOauthScopes({ acceptLanguage: "it, fr-fr;q=0.8, en;q=0.1" }, h.opts);
    expect(result.scopes[0].description).toBe(EMULATOR_SCOPES[0].descriptions["fr-fr"]);
  });
});

describe("getOauthScope", () => {
  it("returns one scope, localized when asked", async () => {
    await expect(getOauthScope({ scopeId: "users:readonly" }, h.opts)).resolves.toMatchObject({
      id: "users:readonly",
      description: USERS_READONLY?.descriptions["en-us"],
    });
    await expect(
      getOauthScope({ scopeId: "users:readonly", acceptLanguage: "fr-fr" }, h.opts),
    ).resolves.toMatchObject({ description: USERS_READONLY?.descriptions["fr-fr"] });
  });

  it("rejects with the API's 404 for an unknown scope", async () => {
    const err = await rejectionOf(getOauthScope({ scopeId: "no:such:scope" }, h.opts));
    expect(err).toBeInstanceOf(GenesysApiError);
    expect((err as GenesysApiError).status).toBe(404);
  });
});

describe("getOauthAuthorizations", () => {
  it("returns the resource owner's authorizations with their states, without secrets", async () => {
    const result = await getOauthAuthorizations(undefined, h.opts);
    expect(result.total).toBe(EMULATOR_AUTHORIZATION_CLIENT_IDS.length);
    expect(result.authorizations.map((a) => a.client?.id)).toEqual(
      EMULATOR_AUTHORIZATION_CLIENT_IDS,
    );
    expect(result.authorizations.map((a) => a.state)).toEqual([
      "Authorized",
      "Requested",
      "Revoked",
    ]);
    for (const a of result.authorizations) expect(a.client).not.toHaveProperty("secret");
  });

  it("localizes the client descriptions with acceptLanguage", async () => {
    const en = await getOauthAuthorizations({}, h.opts);
    const de = await getOauthAuthorizations({ acceptLanguage: "de-de" }, h.opts);
    expect(de.authorizations[0].client?.description).toBe(
      "Synchronisiert Kontakte und Anrufverlauf mit Acme CRM.",
    );
    expect(en.authorizations[0].client?.description).not.toBe(
      de.authorizations[0].client?.description,
    );
  });
});

describe("getOauthAuthorization", () => {
  it("returns one authorization by client id, localized when asked", async () => {
    const [crm] = EMULATOR_AUTHORIZATION_CLIENT_IDS;
    const auth = await getOauthAuthorization({ clientId: crm, acceptLanguage: "de-de" }, h.opts);
    expect(auth).toMatchObject({
      state: "Authorized",
      scope: ["users:readonly", "conversations"],
      client: { id: crm, description: "Synchronisiert Kontakte und Anrufverlauf mit Acme CRM." },
    });
    const log = await h.emu.admin.requests();
    expect(log.filter((r) => r.path === `/api/v2/oauth/authorizations/${crm}`)).toHaveLength(1);
  });

  it("rejects with the API's 404 for a client the owner never authorized", async () => {
    const err = await rejectionOf(
      getOauthAuthorization({ clientId: "00000000-0000-4000-8000-000000000000" }, h.opts),
    );
    expect((err as GenesysApiError).status).toBe(404);
  });
});
