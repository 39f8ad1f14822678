/**
 * Bad arguments are refused before any request (and before the settings are read): each error is
 * a `LookupArgumentError` naming the function, the argument and the fix. The emulator's request
 * log stays empty throughout.
 */
import {
  LookupArgumentError,
  getOauthAuthorization,
  getOauthAuthorizations,
  getOauthClient,
  getOauthClientUsageSummary,
  getOauthClients,
  getOauthScope,
  getOauthScopes,
  queryOauthClientUsage,
  usageInterval,
  type LookupOptions,
} from "../../provider/functions";
import { rejectionOf } from "../support/emulator-api";
import { functionsHarness, type FunctionsHarness } from "./helpers";

let h: FunctionsHarness;
beforeAll(async () => {
  h = await functionsHarness();
});
afterAll(() => h.close());

/** Calls with deliberately wrong arguments, as JavaScript callers could. */
type Loose = (args: unknown, opts?: LookupOptions) => Promise<unknown>;
const fns: Record<string, Loose> = {
  getOauthScopes: getOauthScopes as Loose,
  getOauthScope: getOauthScope as Loose,
  getOauthAuthorizations: getOauthAuthorizations as Loose,
  getOauthAuthorization: getOauthAuthorization as Loose,
  getOauthClients: getOauthClients as Loose,
  getOauthClient: getOauthClient as Loose,
  getOauthClientUsageSummary: getOauthClientUsageSummary as Loose,
  queryOauthClientUsage: queryOauthClientUsage as Loose,
};

const OK_INTERVAL = "2030-06-01T00:00:00Z/2030-06-08T00:00:00Z";
const q = (extra: Record<string, unknown>): Record<string, unknown> => ({
  clientId: "c1",
  interval: OK_INTERVAL,
  ...extra,
});

/** [function, args, argument named, message pattern] */
const cases: [string, unknown, string, RegExp][] = [
  ["getOauthScopes", "de-de", "args", /must be an object such as \{ acceptLanguage \}/],
  ["getOauthScopes", { acceptLanguage: 5 }, "acceptLanguage", /language tag such as "en-us"/],
  ["getOauthScopes", { acceptLanguage: "de\r\nX-Evil: 1" }, "acceptLanguage", /language tag/],
  ["getOauthScopes", { acceptLanguag: "de" }, "acceptLanguag", /Did you mean "acceptLanguage"\?/],
  ["getOauthScope", {}, "scopeId", /is required/],
  ["getOauthScope", { scopeId: " users" }, "scopeId", /whitespace/],
  ["getOauthAuthorizations", { acceptLanguage: "" }, "acceptLanguage", /language tag/],
  ["getOauthAuthorization", { clientId: "" }, "clientId", /is required/],
  ["getOauthClients", { includeDeleted: "yes" }, "includeDeleted", /true or false/],
  ["getOauthClient", {}, "clientId", /or name is required: pass \{ clientId \} or \{ name \}/],
  ["getOauthClient", { clientId: "a", name: "b" }, "clientId", /and name were both given/],
  ["getOauthClient", { name: "  " }, "name", /non-blank/],
  [
    "getOauthClient",
    { clientId: "a", ignoreCase: true },
    "ignoreCase",
    /only applies to a lookup by name/,
  ],
  ["getOauthClient", { name: "a", ignoreCase: "yes" }, "ignoreCase", /true or false/],
  ["getOauthClientUsageSummary", { days: 7 }, "clientId", /is required/],
  ["getOauthClientUsageSummary", { clientId: "c1", days: 0 }, "days", /positive whole number/],
  ["getOauthClientUsageSummary", { clientId: "c1", days: 1.5 }, "days", /positive whole number/],
  ["getOauthClientUsageSummary", { clientId: "c1", days: "7" }, "days", /positive whole number/],
  ["queryOauthClientUsage", { clientId: "c1" }, "interval", /is required: an ISO-8601 interval/],
  [
    "queryOauthClientUsage",
    q({ interval: "2030-06-01T00:00:00Z" }),
    "interval",
    /separated by one "\/"/,
  ],
  [
    "queryOauthClientUsage",
    q({ interval: "P7D/2030-06-08T00:00:00Z" }),
    "interval",
    /invalid start "P7D"/,
  ],
  ["queryOauthClientUsage", q({ interval: "2030-06-01/2030-06-08" }), "interval", /invalid start/],
  [
    "queryOauthClientUsage",
    q({ interval: "2030-02-30T00:00:00Z/2030-03-08T00:00:00Z" }),
    "interval",
    /invalid start/,
  ],
  [
    "queryOauthClientUsage",
    q({ interval: "2030-06-01T00:00:00Z/2030-06-01T25:00:00Z" }),
    "interval",
    /invalid end/,
  ],
  [
    "queryOauthClientUsage",
    q({ interval: "2030-06-08T00:00:00Z/2030-06-01T00:00:00Z" }),
    "interval",
    /must start before it ends/,
  ],
  [
    "queryOauthClientUsage",
    q({ interval: "2030-06-01T02:00:00+02:00/2030-06-01T00:00:00Z" }),
    "interval",
    /must start before it ends/,
  ],
  [
    "queryOauthClientUsage",
    q({ granularity: "day" }),
    "granularity",
    /Day, Week, Month.*Did you mean "Day"\?/,
  ],
  ["queryOauthClientUsage", q({ metrics: "Requests" }), "metrics", /must be a list/],
  [
    "queryOauthClientUsage",
    q({ metrics: ["Requests", "Status201"] }),
    "metrics[1]",
    /Status200, Status300/,
  ],
  [
    "queryOauthClientUsage",
    q({ metrics: ["Requests", "Requests"] }),
    "metrics",
    /"Requests" more than once/,
  ],
  ["queryOauthClientUsage", q({ groupBy: ["ClientId"] }), "groupBy[0]", /OAuthClientId/],
  [
    "queryOauthClientUsage",
    q({ groupBy: ["HttpMethod", "HttpMethod"] }),
    "groupBy",
    /more than once/,
  ],
  ["queryOauthClientUsage", q({ metric: ["Requests"] }), "metric", /Did you mean "metrics"\?/],
];

describe("argument checks", () => {
  it.each(cases)("%s(%j) names %s", async (fn, args, argument, message) => {
    const err = await rejectionOf(fns[fn](args, h.opts));
    expect(err).toBeInstanceOf(LookupArgumentError);
    expect((err as LookupArgumentError).argument).toBe(argument);
    expect((err as LookupArgumentError).lookup).toBe(fn);
    expect(err.message.startsWith(`${fn}: ${argument} `)).toBe(true);
    expect(err.message).toMatch(message);
  });

  it("checks options too: unknown keys, opts.api with settings, poll values", async () => {
    const bad: [Promise<unknown>, string][] = [
      [getOauthScopes({}, { setting: h.settings } as unknown as LookupOptions), "opts.setting"],
      [getOauthScopes({}, { api: h.newApi(), settings: h.settings }), "opts.api"],
      [getOauthScopes({}, { api: {} as never }), "opts.api"],
      [
        getOauthScopes({}, { settings: { oauthclientSecret: " pasted\n" } }),
        "opts.settings.oauthclientSecret",
      ],
      [getOauthScopes({}, { settings: { region: "eu-west-1" } as never }), "opts.settings.region"],
      [
        getOauthClientUsageSummary({ clientId: "c1" }, { ...h.opts, poll: { factor: 0 } }),
        "poll.factor",
      ],
    ];
    for (const [p, argument] of bad) {
      const err = await rejectionOf(p);
      expect(err).toBeInstanceOf(LookupArgumentError);
      expect((err as LookupArgumentError).argument).toBe(argument);
    }
    const typo = await rejectionOf(
      getOauthScopes({}, { setting: h.settings } as unknown as LookupOptions),
    );
    expect(typo.message).toMatch(/Did you mean "settings"\?/);
  });

  it("never shows an override's value (it may be a secret)", async () => {
    const secret = "very-secret-value-with-a-newline";
    const err = await rejectionOf(
      getOauthScopes({}, { settings: { oauthclientSecret: `${secret}\n` } }),
    );
    expect(err.message).not.toContain(secret);
  });

  it("builds intervals from dates and refuses invalid ones", () => {
    expect(usageInterval(new Date("2030-06-01T00:00:00Z"), new Date("2030-06-02T00:00:00Z"))).toBe(
      "2030-06-01T00:00:00.000Z/2030-06-02T00:00:00.000Z",
    );
    expect(() => usageInterval(new Date("nope"), new Date())).toThrow(/start must be a valid Date/);
    expect(() => usageInterval(new Date(2), new Date(1))).toThrow(/must start before it ends/);
  });

  it("sent nothing at all for any refused call", async () => {
    expect(await h.emu.admin.requests()).toEqual([]);
    expect(h.events).toEqual([]);
  });
});
