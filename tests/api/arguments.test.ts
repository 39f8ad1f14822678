/**
 * Argument checks: a missing or blank id, or a `headers`/`query`/`body` of the wrong type, is
 * refused before any request, with an error naming the method and the parameter. The emulator's
 * request log proves nothing was sent (not even a token request).
 */
import { OAuthApi } from "../../provider/api";
import { harness, type Harness } from "./helpers";

/** Calls with deliberately wrong types, as JavaScript callers could. */
type Loose = Record<string, (...args: unknown[]) => Promise<unknown>>;

describe("OAuthApi argument checks", () => {
  let h: Harness;
  let api: Loose;
  beforeAll(async () => {
    h = await harness();
    api = h.api as unknown as Loose;
  });
  afterAll(async () => {
    await h.close();
  });

  const missingIds: [string, unknown[], string][] = [
    ["deleteOauthClient", [], "clientId"],
    ["getOauthAuthorization", [""], "clientId"],
    ["getOauthClient", ["   "], "clientId"],
    ["getOauthClientUsageQueryResult", [undefined, "c1"], "executionId"],
    ["getOauthClientUsageQueryResult", ["e1", null], "clientId"],
    ["getOauthClientUsageSummary", [42], "clientId"],
    ["getOauthScope", [{ id: "x" }], "scopeId"],
    ["postOauthClientSecret", [""], "clientId"],
    ["postOauthClientUsageQuery", [undefined, { interval: "a/b" }], "clientId"],
    ["putOauthClient", ["", { name: "n", authorizedGrantType: "CODE" }], "clientId"],
  ];
  it.each(missingIds)("%s(%j) names %s", async (method, args, param) => {
    await expect(api[method](...args)).rejects.toThrow(
      new RegExp(`^${method}: ${param} is required \\(a non-blank string\\)`),
    );
  });

  const badShapes: [string, unknown[], RegExp][] = [
    [
      "getOauthScopes",
      ["en-us"],
      /getOauthScopes: headers must be an object or null; got a string/,
    ],
    ["getOauthAuthorizations", [["x"]], /headers must be an object or null; got an array/],
    [
      "getOauthScope",
      ["s", { "Accept-Language": 5 }],
      /headers\.Accept-Language must be a string; got a number/,
    ],
    [
      "getOauthAuthorization",
      ["c", { Authorization: "Bearer x" }],
      /headers\.Authorization is not a parameter/,
    ],
    [
      "getOauthClientUsageSummary",
      ["c", { days: 7 }],
      /query\.days must be a string; got a number/,
    ],
    ["getOauthClientUsageSummary", ["c", { pageSize: "1" }], /query\.pageSize is not a parameter/],
    ["postOauthClients", [], /postOauthClients: body is required \(an object\); got undefined/],
    ["postOauthClients", [null], /body is required \(an object\); got null/],
    ["putOauthClient", ["c", "{}"], /putOauthClient: body is required \(an object\); got a string/],
    ["postOauthClientUsageQuery", ["c", []], /body is required \(an object\); got an array/],
  ];
  it.each(badShapes)("%s refuses %j", async (method, args, message) => {
    await expect(api[method](...args)).rejects.toThrow(message);
  });

  it("sent nothing at all for any of the refused calls", async () => {
    expect(await h.emu.admin.requests()).toEqual([]);
    expect(h.api.connection.stats()).toMatchObject({ requests: 0, tokenRequests: 0 });
  });

  it("describes a refused value by its type, never by its content", async () => {
    const secretLike = "s3cr3t-value-that-must-not-leak";
    const err = await (
      api.getOauthScope("s", { "Accept-Language": [secretLike] }) as Promise<never>
    ).catch((e: Error) => e);
    expect(String(err)).not.toContain(secretLike);
  });

  it("refuses options together with an existing connection", () => {
    expect(() => new OAuthApi(h.api.connection, { maxRetries: 1 })).toThrow(/existing one/);
  });
});
