/** The settings reader: keys, precedence, validation, and the plain-data result. */
import {
  GenesysSettingsError,
  namespacedLookup,
  readConnectionSettings,
  readConnectionSettingsFromEnv,
  settingsFingerprint,
  validateConnectionSettings,
  type ConnectionSettings,
} from "../../provider/config";

type Values = Record<string, string | undefined>;
const read = (stack: Values, env: Values = {}): ConnectionSettings =>
  readConnectionSettings((key) => stack[key], env);
const errorOf = (stack: Values, env: Values = {}): GenesysSettingsError => {
  try {
    read(stack, env);
  } catch (e) {
    expect(e).toBeInstanceOf(GenesysSettingsError);
    return e as GenesysSettingsError;
  }
  throw new Error("expected a GenesysSettingsError");
};

const ID = "11111111-2222-4333-8444-555555555555";
const SECRET = "a-client-secret-value";
const stackClient = { "genesyscloud:oauthclientId": ID, "genesyscloud:oauthclientSecret": SECRET };
const envClient = {
  GENESYSCLOUD_OAUTHCLIENT_ID: "env-id",
  GENESYSCLOUD_OAUTHCLIENT_SECRET: "env-secret",
};

describe("readConnectionSettings", () => {
  it("reads client credentials and the region from stack config", () => {
    expect(read({ ...stackClient, "genesyscloud:awsRegion": "eu-central-1" })).toEqual({
      apiUrl: "https://api.mypurecloud.de",
      loginUrl: "https://login.mypurecloud.de",
      region: "eu-central-1",
      credentials: { kind: "clientCredentials", clientId: ID, clientSecret: SECRET },
    });
  });

  it("falls back to the environment, and defaults the region to us-east-1", () => {
    expect(read({}, envClient)).toEqual({
      apiUrl: "https://api.mypurecloud.com",
      loginUrl: "https://login.mypurecloud.com",
      region: "us-east-1",
      credentials: { kind: "clientCredentials", clientId: "env-id", clientSecret: "env-secret" },
    });
    expect(
      readConnectionSettingsFromEnv({ ...envClient, GENESYSCLOUD_REGION: "ap_southeast_2" }).region,
    ).toBe("ap-southeast-2");
  });

  it("lets stack config win over the environment, key by key", () => {
    const s = read(
      { ...stackClient, "genesyscloud:awsRegion": "eu-west-1" },
      { ...envClient, GENESYSCLOUD_REGION: "us-west-2" },
    );
    expect(s.region).toBe("eu-west-1");
    expect(s.credentials).toEqual({
      kind: "clientCredentials",
      clientId: ID,
      clientSecret: SECRET,
    });
  });

  it("takes a secret from the environment for a client id in stack config", () => {
    const s = read(
      { "genesyscloud:oauthclientId": ID },
      { GENESYSCLOUD_OAUTHCLIENT_SECRET: "ci-secret" },
    );
    expect(s.credentials).toEqual({
      kind: "clientCredentials",
      clientId: ID,
      clientSecret: "ci-secret",
    });
  });

  it("prefers an access token over client credentials from the same source", () => {
    expect(read({ ...stackClient, "genesyscloud:accessToken": "tok" }).credentials).toEqual({
      kind: "accessToken",
      accessToken: "tok",
    });
    expect(read({}, { ...envClient, GENESYSCLOUD_ACCESS_TOKEN: "env-tok" }).credentials).toEqual({
      kind: "accessToken",
      accessToken: "env-tok",
    });
  });

  it("never lets a token from the environment override the stack's client", () => {
    expect(read(stackClient, { GENESYSCLOUD_ACCESS_TOKEN: "stray" }).credentials.kind).toBe(
      "clientCredentials",
    );
  });

  it("reports missing credentials in one error naming every key and variable", () => {
    const err = errorOf({ "genesyscloud:awsRegion": "us-east-1" });
    for (const name of [
      "genesyscloud:oauthclientId",
      "genesyscloud:oauthclientSecret",
      "genesyscloud:accessToken",
      "GENESYSCLOUD_OAUTHCLIENT_ID",
      "GENESYSCLOUD_OAUTHCLIENT_SECRET",
      "GENESYSCLOUD_ACCESS_TOKEN",
    ]) {
      expect(err.message).toContain(name);
      expect(err.settings).toContain(name);
    }
  });

  it("names the missing half of a client id/secret pair", () => {
    expect(errorOf({ "genesyscloud:oauthclientId": ID }).message).toMatch(
      /^genesyscloud:oauthclientId is set but genesyscloud:oauthclientSecret \(env GENESYSCLOUD_OAUTHCLIENT_SECRET\) is not/,
    );
    expect(errorOf({}, { GENESYSCLOUD_OAUTHCLIENT_SECRET: "s" }).message).toMatch(
      /^environment variable GENESYSCLOUD_OAUTHCLIENT_SECRET is set but genesyscloud:oauthclientId/,
    );
  });

  it.each([
    [
      { ...stackClient, "genesyscloud:awsRegion": "" },
      {},
      /^genesyscloud:awsRegion is set but empty/,
    ],
    [
      { ...stackClient, "genesyscloud:oauthclientSecret": "   " },
      {},
      /^genesyscloud:oauthclientSecret is set but empty/,
    ],
    [
      { ...stackClient, "genesyscloud:oauthclientSecret": `${SECRET}\n` },
      {},
      /^genesyscloud:oauthclientSecret has leading or trailing whitespace/,
    ],
    [
      {},
      { ...envClient, GENESYSCLOUD_OAUTHCLIENT_ID: "" },
      /^environment variable GENESYSCLOUD_OAUTHCLIENT_ID is set but empty/,
    ],
    [
      { ...stackClient, "genesyscloud:awsRegion": "moon-1" },
      {},
      /^genesyscloud:awsRegion is "moon-1", which is not a Genesys Cloud region\. Valid regions: us-east-1, /,
    ],
    [
      stackClient,
      { GENESYSCLOUD_REGION: "moon-1" },
      /^environment variable GENESYSCLOUD_REGION is "moon-1"/,
    ],
    [
      { ...stackClient, "genesyscloud:apiUrl": "http://api.example.com" },
      {},
      /^genesyscloud:apiUrl uses plain http:\/\/ for api\.example\.com/,
    ],
    [
      stackClient,
      { GENESYSCLOUD_LOGIN_URL: "http://login.example.com" },
      /^environment variable GENESYSCLOUD_LOGIN_URL uses plain http:\/\//,
    ],
    [
      { ...stackClient, "genesyscloud:apiUrl": "https://gw.example.com" },
      {},
      /^genesyscloud:apiUrl is set but genesyscloud:loginUrl \(env GENESYSCLOUD_LOGIN_URL\) is not/,
    ],
    [
      {
        ...stackClient,
        "genesyscloud:apiUrl": "http://127.0.0.1:1",
        "genesyscloud:loginUrl": "https://login.mypurecloud.com",
      },
      {},
      /both point to a loopback host or both to a remote one/,
    ],
  ])("refuses %j / %j", (stack, env, message) => {
    expect(errorOf(stack, env).message).toMatch(message);
  });

  it("never echoes a refused secret", () => {
    const secret = "  padded-secret-value  ";
    expect(
      errorOf({ ...stackClient, "genesyscloud:oauthclientSecret": secret }).message,
    ).not.toContain(secret.trim());
  });

  it("uses a loopback apiUrl for login too, so emulator credentials never reach a real login", () => {
    const s = read(
      { ...stackClient, "genesyscloud:apiUrl": "http://127.0.0.1:8787/" },
      { GENESYSCLOUD_REGION: "eu-west-1" },
    );
    expect(s).toMatchObject({ apiUrl: "http://127.0.0.1:8787", loginUrl: "http://127.0.0.1:8787" });
  });

  it("returns plain data that survives JSON", () => {
    const s = read({ ...stackClient, "genesyscloud:awsRegion": "sa-east-1" });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(Object.getPrototypeOf(s)).toBe(Object.prototype);
  });

  it("works with a bare-key lookup such as pulumi.Config#get", () => {
    const bare: Values = {
      oauthclientId: ID,
      oauthclientSecret: SECRET,
      awsRegion: "me-central-1",
    };
    const get = namespacedLookup((k) => bare[k]);
    expect(get("genesyscloud:awsRegion")).toBe("me-central-1");
    expect(get("other:awsRegion")).toBeUndefined();
    expect(readConnectionSettings(get, {}).apiUrl).toBe("https://api.mec1.pure.cloud");
  });
});

describe("settingsFingerprint", () => {
  const base = read(stackClient);
  it("is stable for equal settings and differs for any change", () => {
    expect(settingsFingerprint(base)).toBe(settingsFingerprint(JSON.parse(JSON.stringify(base))));
    expect(settingsFingerprint(base)).toMatch(/^[0-9a-f]{32}$/);
    const variants: ConnectionSettings[] = [
      read({ ...stackClient, "genesyscloud:awsRegion": "eu-west-1" }),
      read({ ...stackClient, "genesyscloud:oauthclientSecret": "another-secret" }),
      read({ ...stackClient, "genesyscloud:oauthclientId": "another-id" }),
      read({ "genesyscloud:accessToken": SECRET }),
    ];
    const prints = new Set([base, ...variants].map(settingsFingerprint));
    expect(prints.size).toBe(5);
  });
  it("does not contain the secret", () => {
    expect(settingsFingerprint(base)).not.toContain(SECRET);
  });
});

describe("validateConnectionSettings", () => {
  const good: ConnectionSettings = {
    apiUrl: "https://api.mypurecloud.com/",
    loginUrl: "https://login.mypurecloud.com",
    credentials: { kind: "accessToken", accessToken: "t" },
  };
  it("normalizes hand-built settings", () => {
    expect(validateConnectionSettings(good).apiUrl).toBe("https://api.mypurecloud.com");
  });
  it.each([
    [{ ...good, apiUrl: "http://api.mypurecloud.com" }, /plain http/],
    [{ ...good, loginUrl: "http://127.0.0.1:9" }, /both be loopback URLs or both remote/],
    [
      { ...good, credentials: { kind: "clientCredentials", clientId: "x", clientSecret: "" } },
      /credentials\.clientSecret must be a non-empty string/,
    ],
    [{ ...good, credentials: { kind: "password" } }, /credentials must be/],
    [null, /must be an object/],
  ])("refuses %j", (settings, message) => {
    expect(() => validateConnectionSettings(settings)).toThrow(message);
  });
});
