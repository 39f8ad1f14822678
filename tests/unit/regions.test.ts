/** Regions and base URLs: the 18 public regions, every accepted spelling, and the URL rules. */
import {
  DEFAULT_REGION,
  GENESYS_REGIONS,
  GenesysSettingsError,
  findRegion,
  isLoopbackHost,
  normalizeBaseUrl,
  regionEndpoints,
  resolveEndpoints,
  resolveRegion,
} from "../../provider/api";
import { checkInputs } from "../../provider/oauthClient/validate";

describe("the region table", () => {
  it("holds the 18 public regions, each with a unique name and domain", () => {
    expect(GENESYS_REGIONS).toHaveLength(18);
    expect(new Set(GENESYS_REGIONS.map((r) => r.region)).size).toBe(18);
    expect(new Set(GENESYS_REGIONS.map((r) => r.domain)).size).toBe(18);
    expect(GENESYS_REGIONS[0]).toEqual({ region: "us-east-1", domain: "mypurecloud.com" });
    expect(GENESYS_REGIONS.map((r) => r.region)).toContain("eusc-de-east-1");
  });

  it("cannot be changed at run time", () => {
    expect(() => (GENESYS_REGIONS as unknown as object[]).push({ region: "x" })).toThrow();
    expect(() => {
      (GENESYS_REGIONS[0] as { domain: string }).domain = "evil.example";
    }).toThrow();
  });

  it("defaults to us-east-1, as the SDKs do", () => {
    expect(DEFAULT_REGION).toBe("us-east-1");
  });
});

describe("findRegion", () => {
  it.each(GENESYS_REGIONS.map((r) => [r.region, r.domain]))(
    "finds %s by every spelling of its name and domain",
    (region, domain) => {
      const spellings = [
        region,
        region.toUpperCase(),
        region.replace(/-/g, "_"), // the SDK's keys
        ` ${region} `,
        domain,
        `api.${domain}`,
        `login.${domain}`,
        `https://api.${domain}/`,
        `https://login.${domain}`,
        domain.toUpperCase(),
      ];
      for (const s of spellings) expect(findRegion(s)?.region).toBe(region);
    },
  );

  it.each([
    "",
    "us-east-3",
    "useast1",
    "example.com",
    "api.example.com",
    "https://",
    "inindca.com",
  ])("does not know %j", (input) => expect(findRegion(input)).toBeUndefined());
});

describe("resolveRegion", () => {
  it("names the setting and lists every valid region for an unknown one", () => {
    let err: unknown;
    try {
      resolveRegion("mars-north-1", "genesyscloud:awsRegion");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GenesysSettingsError);
    const message = (err as Error).message;
    expect(message).toMatch(
      /^genesyscloud:awsRegion is "mars-north-1", which is not a Genesys Cloud region/,
    );
    for (const r of GENESYS_REGIONS) expect(message).toContain(r.region);
  });
});

describe("regionEndpoints", () => {
  it.each(GENESYS_REGIONS.map((r) => [r.region, r.domain]))(
    "derives the URLs of %s",
    (region, domain) => {
      expect(regionEndpoints(region)).toEqual({
        apiUrl: `https://api.${domain}`,
        loginUrl: `https://login.${domain}`,
      });
    },
  );
});

describe("isLoopbackHost", () => {
  it.each(["localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "127.255.255.255", "::1", "[::1]"])(
    "%s is loopback",
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );
  it.each([
    "128.0.0.1",
    "127.0.0.256",
    "127.0.0",
    "10.0.0.1",
    "localhost.example.com",
    "example.com",
    "::2",
    "0.0.0.0",
  ])("%s is not loopback", (host) => expect(isLoopbackHost(host)).toBe(false));

  it("counts *.localhost only when asked (browsers resolve it to loopback; Node may not)", () => {
    for (const host of ["app.localhost", "a.b.localhost", "APP.LOCALHOST"]) {
      expect([host, isLoopbackHost(host)]).toEqual([host, false]);
      expect([host, isLoopbackHost(host, { localhostSubdomains: true })]).toEqual([host, true]);
    }
    for (const host of ["localhost.example.com", ".localhost", "xlocalhost", "example.com"]) {
      expect([host, isLoopbackHost(host, { localhostSubdomains: true })]).toEqual([host, false]);
    }
  });
});

describe("the redirect URI warning and the connection settings agree on loopback hosts", () => {
  /** True when check warns about plain http for this redirect URI. */
  function warnsAboutHttp(uri: string): boolean {
    const result = checkInputs(
      {},
      { name: "web", authorizedGrantType: "CODE", scope: ["users"], registeredRedirectUri: [uri] },
    );
    expect(result.failures).toEqual([]);
    return result.warnings.some((w) => w.includes("plain http"));
  }
  /** True when the settings accept plain http to this base URL. */
  function settingsAcceptHttp(url: string): boolean {
    try {
      normalizeBaseUrl(url, "apiUrl");
      return true;
    } catch {
      return false;
    }
  }

  it.each([
    ["127.0.0.1:8080", true],
    ["127.1.2.3", true],
    ["localhost:3000", true],
    ["[::1]:9000", true],
    ["10.0.0.1", false],
    ["localhost.example.com", false],
    ["portal.example.com", false],
    ["0.0.0.0", false],
  ])("http://%s is loopback for both: %s", (host, loopback) => {
    expect(warnsAboutHttp(`http://${host}/cb`)).toBe(!loopback);
    expect(settingsAcceptHttp(`http://${host}`)).toBe(loopback);
  });

  it("lets redirect URIs (only) use *.localhost without a warning", () => {
    expect(warnsAboutHttp("http://app.localhost:3000/cb")).toBe(false);
    expect(settingsAcceptHttp("http://app.localhost:3000")).toBe(false);
  });
});

describe("normalizeBaseUrl", () => {
  it.each([
    ["https://api.mypurecloud.com", "https://api.mypurecloud.com"],
    ["https://api.mypurecloud.com/", "https://api.mypurecloud.com"],
    ["https://gateway.example.com:8443/genesys/", "https://gateway.example.com:8443/genesys"],
    ["http://127.0.0.1:8787", "http://127.0.0.1:8787"],
    ["http://localhost:1/", "http://localhost:1"],
    ["http://[::1]:9000", "http://[::1]:9000"],
  ])("accepts %s", (input, expected) => expect(normalizeBaseUrl(input, "apiUrl")).toBe(expected));

  it.each([
    [
      "http://api.mypurecloud.com",
      /apiUrl uses plain http:\/\/ for api\.mypurecloud\.com.*Use https:\/\/api\.mypurecloud\.com instead/,
    ],
    ["http://10.1.2.3:8080", /loopback hosts \(127\.0\.0\.0\/8, ::1, localhost\)/],
    ["ftp://api.mypurecloud.com", /must be an https:\/\/ URL/],
    ["https://user:pw@api.mypurecloud.com", /must not contain a user name or password/],
    ["https://api.mypurecloud.com/?token=x", /must not contain a query string or fragment/],
    ["https://api.mypurecloud.com/#frag", /must not contain a query string or fragment/],
    ["https://api.mypurecloud.com/api/v2", /without \/api\/v2/],
    ["api.mypurecloud.com", /is not a valid URL/],
  ])("refuses %s", (input, message) => {
    expect(() => normalizeBaseUrl(input, "apiUrl")).toThrow(GenesysSettingsError);
    expect(() => normalizeBaseUrl(input, "apiUrl")).toThrow(message);
  });

  it("never repeats credentials from a refused URL", () => {
    expect(() => normalizeBaseUrl("https://user:hunter2secret@api.mypurecloud.com", "x")).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("hunter2secret") }),
    );
  });
});

describe("resolveEndpoints", () => {
  const emu = "http://127.0.0.1:8787";
  it.each([
    [
      {},
      {
        apiUrl: "https://api.mypurecloud.com",
        loginUrl: "https://login.mypurecloud.com",
        region: "us-east-1",
      },
    ],
    [
      { region: "EU_WEST_1" },
      {
        apiUrl: "https://api.mypurecloud.ie",
        loginUrl: "https://login.mypurecloud.ie",
        region: "eu-west-1",
      },
    ],
    [{ apiUrl: emu }, { apiUrl: emu, loginUrl: emu }],
    [{ loginUrl: emu }, { apiUrl: emu, loginUrl: emu }],
    [
      { apiUrl: emu, region: "eu-west-1" },
      { apiUrl: emu, loginUrl: emu, region: "eu-west-1" },
    ],
    [
      { apiUrl: "https://gw.example.com", region: "mypurecloud.de" },
      {
        apiUrl: "https://gw.example.com",
        loginUrl: "https://login.mypurecloud.de",
        region: "eu-central-1",
      },
    ],
    [
      { loginUrl: "https://sso.example.com", region: "us-west-2" },
      {
        apiUrl: "https://api.usw2.pure.cloud",
        loginUrl: "https://sso.example.com",
        region: "us-west-2",
      },
    ],
    [
      { apiUrl: "https://a.example.com", loginUrl: "https://l.example.com" },
      { apiUrl: "https://a.example.com", loginUrl: "https://l.example.com" },
    ],
  ])("resolves %j", (input, expected) => expect(resolveEndpoints(input)).toEqual(expected));

  it("refuses a remote apiUrl alone rather than sending its credentials to us-east-1's login", () => {
    expect(() => resolveEndpoints({ apiUrl: "https://gw.example.com" })).toThrow(
      /apiUrl is set but loginUrl is not: set loginUrl too, or set region/,
    );
  });

  it("refuses mixing a loopback URL with a remote one", () => {
    expect(() =>
      resolveEndpoints({ apiUrl: emu, loginUrl: "https://login.mypurecloud.com" }),
    ).toThrow(/must both point to a loopback host or both to a remote one/);
  });

  it("names the settings as the caller calls them", () => {
    expect(() =>
      resolveEndpoints(
        { apiUrl: "http://example.com" },
        { region: "R", apiUrl: "environment variable GENESYSCLOUD_API_URL", loginUrl: "L" },
      ),
    ).toThrow(/^environment variable GENESYSCLOUD_API_URL uses plain http:\/\//);
  });
});
