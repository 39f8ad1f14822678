/**
 * Where lookups get their connection: the stack's `genesyscloud:*` config (secret keys read
 * without warnings), environment fallback, `opts.settings` overrides replacing a whole group of
 * stack config keys, complete settings, and one cached connection (one token) per distinct
 * settings and HTTP options.
 */
import * as pulumi from "@pulumi/pulumi";
import { GenesysAuthError, GenesysSettingsError } from "../../provider/api";
import {
  closeLookupConnections,
  getOauthScope,
  getOauthScopes,
  lookupApi,
} from "../../provider/functions";
import { FAST_HTTP, rejectionOf } from "../support/emulator-api";
import { functionsHarness, isolateGenesysEnv, type FunctionsHarness } from "./helpers";

isolateGenesysEnv();

let h: FunctionsHarness;
beforeAll(async () => {
  h = await functionsHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  closeLookupConnections();
  await h.emu.admin.clearRequests();
});
afterEach(() => {
  pulumi.runtime.setAllConfig({}, []);
  jest.restoreAllMocks();
});

const SCOPE = { scopeId: "users:readonly" };
const tokenRequests = async (): Promise<number> =>
  (await h.emu.admin.requests()).filter((r) => r.path === "/oauth/token").length;

describe("stack config", () => {
  it("is read through genesyscloud:* keys, the secret one without any warning", async () => {
    pulumi.runtime.setAllConfig(
      {
        "genesyscloud:apiUrl": h.emu.apiUrl,
        "genesyscloud:oauthclientId": h.emu.clientId,
        "genesyscloud:oauthclientSecret": h.emu.clientSecret,
      },
      ["genesyscloud:oauthclientSecret"],
    );
    const warn = jest.spyOn(pulumi.log, "warn");
    const consoleWarn = jest.spyOn(console, "warn");
    const consoleError = jest.spyOn(console, "error");
    await expect(getOauthScope(SCOPE)).resolves.toMatchObject({ id: "users:readonly" });
    expect(warn).not.toHaveBeenCalled();
    expect(consoleWarn).not.toHaveBeenCalled();
    expect(consoleError).not.toHaveBeenCalled();
  });

  it("gives way to overrides for the whole credential group", async () => {
    const bogusToken = "bogus-token-from-stack-config";
    pulumi.runtime.setAllConfig(
      { "genesyscloud:apiUrl": h.emu.apiUrl, "genesyscloud:accessToken": bogusToken },
      ["genesyscloud:accessToken"],
    );
    const err = await rejectionOf(getOauthScope(SCOPE, { http: FAST_HTTP }));
    expect(err).toBeInstanceOf(GenesysAuthError);
    expect(err.message).not.toContain(bogusToken);
    const overrides = { oauthclientId: h.emu.clientId, oauthclientSecret: h.emu.clientSecret };
    await expect(getOauthScope(SCOPE, { settings: overrides })).resolves.toMatchObject({
      id: "users:readonly",
    });
  });

  it("gives way to overrides for the whole endpoint group", async () => {
    pulumi.runtime.setAllConfig(
      {
        "genesyscloud:awsRegion": "eu-west-1",
        "genesyscloud:oauthclientId": h.emu.clientId,
        "genesyscloud:oauthclientSecret": h.emu.clientSecret,
      },
      ["genesyscloud:oauthclientSecret"],
    );
    const api = lookupApi({ settings: { apiUrl: h.emu.apiUrl } });
    expect(api.connection.apiUrl).toBe(h.emu.apiUrl);
    expect(api.connection.loginUrl).toBe(h.emu.loginUrl);
    await expect(
      getOauthScope(SCOPE, { settings: { apiUrl: h.emu.apiUrl } }),
    ).resolves.toBeTruthy();
  });
});

describe("environment", () => {
  it("is the fallback (opts.settings.env stands in for process.env)", async () => {
    const env = {
      GENESYSCLOUD_API_URL: h.emu.apiUrl,
      GENESYSCLOUD_OAUTHCLIENT_ID: h.emu.clientId,
      GENESYSCLOUD_OAUTHCLIENT_SECRET: h.emu.clientSecret,
    };
    await expect(getOauthScope(SCOPE, { settings: { env } })).resolves.toMatchObject({
      id: "users:readonly",
    });
  });

  it("without any settings anywhere, the error names every key to set and nothing is sent", async () => {
    const err = await rejectionOf(getOauthScopes({}, { settings: { env: {} } }));
    expect(err).toBeInstanceOf(GenesysSettingsError);
    expect(err.message).toContain("genesyscloud:oauthclientId");
    expect(err.message).toContain("GENESYSCLOUD_OAUTHCLIENT_SECRET");
    expect(await h.emu.admin.requests()).toEqual([]);
  });
});

describe("complete settings", () => {
  it("are validated before use", async () => {
    const bad = { ...h.settings, apiUrl: "http://example.com" };
    const err = await rejectionOf(getOauthScopes({}, { settings: bad }));
    expect(err).toBeInstanceOf(GenesysSettingsError);
    expect(await h.emu.admin.requests()).toEqual([]);
  });
});

describe("connection cache", () => {
  it("shares one connection and token among lookups with equal settings", async () => {
    await getOauthScopes({}, { settings: { ...h.settings } });
    await getOauthScope(SCOPE, { settings: { ...h.settings } });
    await getOauthScopes({ acceptLanguage: "de-de" }, { settings: { ...h.settings } });
    expect(await tokenRequests()).toBe(1);
    expect(lookupApi({ settings: { ...h.settings } })).toBe(lookupApi({ settings: h.settings }));
  });

  it("keeps separate connections for other HTTP options, and starts afresh after closing", async () => {
    await getOauthScopes({}, { settings: h.settings });
    await getOauthScopes({}, { settings: h.settings, http: { timeoutMs: 4321 } });
    await getOauthScopes({}, { settings: h.settings, http: { timeoutMs: 4321 } });
    expect(await tokenRequests()).toBe(2);
    const hook = (): void => undefined;
    expect(lookupApi({ settings: h.settings, http: { onRequest: hook } })).toBe(
      lookupApi({ settings: h.settings, http: { onRequest: hook } }),
    );
    expect(lookupApi({ settings: h.settings, http: { onRequest: hook } })).not.toBe(
      lookupApi({ settings: h.settings, http: { onRequest: () => undefined } }),
    );
    closeLookupConnections();
    await getOauthScopes({}, { settings: h.settings });
    expect(await tokenRequests()).toBe(3);
  });
});
