import {
  containsUnknown,
  isUuid,
  jsonEqual,
  normalizeGrantType,
  sortRoleDivisions,
  toJson,
} from "../../../provider/oauthClient/normalize";
import { isLoopbackHost } from "../../../provider/api/regions";
import {
  closest,
  describe as describeValue,
  editDistance,
  quote,
} from "../../../provider/oauthClient/suggest";
import { UNKNOWN } from "../../../provider/oauthClient/types";
import { U } from "./fixtures";
import * as rpc from "@pulumi/pulumi/runtime/rpc";

describe("the unknown sentinel", () => {
  it("is the value the Pulumi runtime uses for unknowns", () => {
    expect(UNKNOWN).toBe(rpc.unknownValue);
    expect(UNKNOWN).toBe(U);
  });

  it.each([
    [U, true],
    [[1, [2, U]], true],
    [{ a: { b: [U] } }, true],
    [{ a: "04da6b54" }, false],
    [null, false],
  ])("finds it anywhere in %j: %s", (value, found) => {
    expect(containsUnknown(value)).toBe(found);
  });
});

describe("normalizeGrantType", () => {
  it.each([
    ["CODE", "CODE"],
    ["TOKEN", "TOKEN"],
    ["SAML2-BEARER", "SAML2-BEARER"],
    ["PASSWORD", "PASSWORD"],
    ["CLIENT-CREDENTIALS", "CLIENT-CREDENTIALS"],
    ["SAML2BEARER", "SAML2-BEARER"],
    ["CLIENT_CREDENTIALS", "CLIENT-CREDENTIALS"],
    ["client-credentials", undefined],
    ["PKCE", undefined],
    [5, undefined],
    ["toString", undefined],
  ])("%p → %p", (value, expected) => {
    expect(normalizeGrantType(value)).toBe(expected);
  });
});

describe("isUuid", () => {
  it.each([
    ["3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c", true],
    ["3F2A1B0C-9D8E-4F7A-8B6C-5D4E3F2A1B0C", true],
    ["3f2a1b0c9d8e4f7a8b6c5d4e3f2a1b0c", false],
    [" 3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c", false],
    ["*", false],
    [42, false],
  ])("%p → %s", (value, expected) => {
    expect(isUuid(value)).toBe(expected);
  });
});

describe("sortRoleDivisions", () => {
  it("orders by roleId, then divisionId with an omitted division first, unknowns last", () => {
    expect(
      sortRoleDivisions<unknown>([
        U,
        { roleId: "b" },
        { roleId: "a", divisionId: "z" },
        { roleId: "a" },
        { roleId: "a", divisionId: "*" },
      ]),
    ).toEqual([
      { roleId: "a" },
      { roleId: "a", divisionId: "*" },
      { roleId: "a", divisionId: "z" },
      { roleId: "b" },
      U,
    ]);
  });
});

describe("JSON helpers", () => {
  it("cleans values for the engine: no undefined, Dates as ISO, no non-finite numbers", () => {
    expect(
      toJson({
        a: undefined,
        b: new Date("2026-01-01T00:00:00Z"),
        c: [1, undefined, NaN],
        d: { e: Infinity, f: "x" },
        g: new Date(NaN),
      }),
    ).toEqual({ b: "2026-01-01T00:00:00.000Z", c: [1], d: { f: "x" } });
  });

  it("compares structurally, ignoring key order and undefined members", () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1, d: undefined })).toBe(
      true,
    );
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual(NaN, NaN)).toBe(true);
  });
});

describe("suggestions", () => {
  it.each([
    ["client-credentials", ["CODE", "CLIENT-CREDENTIALS"], "CLIENT-CREDENTIALS"],
    ["redirectUri", ["registeredRedirectUri", "scope"], undefined],
    ["descripton", ["description", "name"], "description"],
    ["xyz", ["description", "name"], undefined],
  ])("closest(%p) → %p", (value, candidates, expected) => {
    expect(closest(value, candidates)).toBe(expected);
  });

  it("measures edit distance", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("describes values briefly and cuts long strings", () => {
    expect(describeValue(NaN)).toBe("NaN");
    expect(describeValue([1, 2])).toBe("a list (2 items)");
    expect(quote("x".repeat(100))).toBe(JSON.stringify("x".repeat(60) + "…"));
  });
});

describe("isLoopbackHost", () => {
  it.each([
    ["localhost", true],
    ["LOCALHOST", true],
    ["app.localhost", true],
    ["127.0.0.1", true],
    ["127.255.0.9", true],
    ["[::1]", true],
    ["localhost.example.com", false],
    ["10.0.0.1", false],
  ])("%s → %s (redirect URIs count *.localhost)", (host, expected) => {
    expect(isLoopbackHost(host, { localhostSubdomains: true })).toBe(expected);
  });
});
