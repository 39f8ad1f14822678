import type { OAuthClient } from "../../../provider/api/models";
import {
  outputsOnlyUpdate,
  toClientRequest,
  toOutputs,
} from "../../../provider/oauthClient/mapping";
import { validateDefinition, validateRequestBody } from "../../support/swagger";
import {
  CC,
  CLIENT_ID,
  CREATED,
  HOME,
  PROVIDER,
  RAW,
  ROLE_A,
  ROLE_B,
  ROLE_C,
  SALES,
  checked,
  liveOf,
  nonJsonPaths,
  outputsOf,
} from "./fixtures";

describe("toClientRequest", () => {
  it.each(Object.keys(RAW))(
    "builds a %s body that matches the API's OAuthClientRequest",
    (grant) => {
      const body = toClientRequest(checked(RAW[grant]), HOME);
      expect(validateRequestBody("POST", "/api/v2/oauth/clients", body, { strict: true })).toEqual(
        [],
      );
      expect(
        validateRequestBody("PUT", `/api/v2/oauth/clients/${CLIENT_ID}`, body, { strict: true }),
      ).toEqual([]);
      expect(
        validateDefinition("OAuthClientRequest", body, { mode: "request", strict: true }),
      ).toEqual([]);
      expect(nonJsonPaths(body)).toEqual([]);
    },
  );

  it("sends the full client-credentials body with divisions resolved and no scope", () => {
    expect(toClientRequest(checked({ ...CC, roleIds: [ROLE_C], state: "inactive" }), HOME)).toEqual(
      {
        name: "billing-sync",
        description: "Syncs invoices",
        accessTokenValiditySeconds: 3600,
        authorizedGrantType: "CLIENT-CREDENTIALS",
        registeredRedirectUri: [],
        state: "inactive",
        roleDivisions: [
          { roleId: ROLE_A, divisionId: HOME },
          { roleId: ROLE_A, divisionId: SALES },
          { roleId: ROLE_B, divisionId: "*" },
        ],
        roleIds: [ROLE_C],
      },
    );
  });

  it("sends scope and no roles for the other grants", () => {
    expect(toClientRequest(checked(RAW.CODE), HOME)).toEqual({
      name: "web-portal",
      description: "",
      accessTokenValiditySeconds: 86400,
      authorizedGrantType: "CODE",
      registeredRedirectUri: [
        "https://portal.example.com/alt",
        "https://portal.example.com/callback",
      ],
      state: "active",
      scope: ["analytics", "users:readonly"],
    });
  });

  it("merges a role declared both without a division and in the home division", () => {
    const inputs = checked({
      ...CC,
      roleDivisions: [{ roleId: ROLE_A }, { roleId: ROLE_A, divisionId: HOME }],
    });
    expect(toClientRequest(inputs, HOME).roleDivisions).toEqual([
      { roleId: ROLE_A, divisionId: HOME },
    ]);
  });

  it("lets the caller override the state (create always POSTs active)", () => {
    const inputs = checked({ ...RAW.CODE, state: "inactive" });
    expect(toClientRequest(inputs, HOME, { state: "active" }).state).toBe("active");
  });

  it("needs the home division only for roles declared without one", () => {
    expect(() => toClientRequest(checked(CC), undefined)).toThrow(
      /no divisionId and no home division/,
    );
    const explicit = checked({ ...CC, roleDivisions: [{ roleId: ROLE_B, divisionId: "*" }] });
    expect(toClientRequest(explicit, undefined).roleDivisions).toEqual([
      { roleId: ROLE_B, divisionId: "*" },
    ]);
    expect(() => toClientRequest(checked(RAW.CODE), undefined)).not.toThrow();
  });
});

describe("toOutputs", () => {
  it("echoes the normalized inputs and adds the computed values", () => {
    const inputs = checked({ ...CC, secretRotationTrigger: "v1", rotateAfterDays: 90 });
    expect(outputsOf(inputs)).toEqual({
      name: "billing-sync",
      description: "Syncs invoices",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      accessTokenValiditySeconds: 3600,
      registeredRedirectUri: [],
      // As declared: the role declared without a division stays without one.
      roleDivisions: [
        { roleId: ROLE_A },
        { roleId: ROLE_A, divisionId: SALES },
        { roleId: ROLE_B, divisionId: "*" },
      ],
      state: "active",
      secretRotationTrigger: "v1",
      rotateAfterDays: 90,
      clientId: CLIENT_ID,
      clientSecret: "s3cr3t-value",
      dateCreated: CREATED,
      dateModified: "2026-05-04T10:00:00.000Z",
      createdBy: { id: "u1", name: "Ada" },
      modifiedBy: { id: "u2" },
      providerVersion: "1.0.0",
      homeDivisionId: HOME,
    });
  });

  it("contains no undefined, Date or non-JSON value, even from a sparse or odd live client", () => {
    const inputs = checked(RAW.CODE);
    const live = {
      id: CLIENT_ID,
      name: "web-portal",
      authorizedGrantType: "CODE",
      dateCreated: new Date("2026-01-02T03:04:05Z"),
      createdBy: undefined,
      modifiedBy: { id: undefined, name: "Bob" },
    } as unknown as OAuthClient;
    const outputs = toOutputs(inputs, live, {
      providerVersion: "1.0.0",
      secretRotatedAt: new Date("2026-02-01T00:00:00Z"),
    });
    expect(nonJsonPaths(outputs)).toEqual([]);
    expect(outputs).toMatchObject({
      dateCreated: "2026-01-02T03:04:05.000Z",
      secretRotatedAt: "2026-02-01T00:00:00.000Z",
      modifiedBy: { name: "Bob" },
    });
    expect(outputs).not.toHaveProperty("clientSecret");
    expect(outputs).not.toHaveProperty("homeDivisionId");
    expect(JSON.parse(JSON.stringify(outputs))).toEqual(outputs);
  });

  it("prefers the secret it is given over the response's (a PUT returns none)", () => {
    const inputs = checked(CC);
    expect(
      toOutputs(inputs, liveOf(inputs), {
        providerVersion: "1",
        homeDivisionId: HOME,
        clientSecret: "kept",
      }).clientSecret,
    ).toBe("kept");
    expect(
      toOutputs(inputs, liveOf(inputs), { providerVersion: "1", homeDivisionId: HOME }),
    ).not.toHaveProperty("clientSecret");
  });

  it("echoes the declared roles, also when the response has none, and the live grants when they differ", () => {
    const inputs = checked(CC);
    const declared = [
      { roleId: ROLE_A },
      { roleId: ROLE_A, divisionId: SALES },
      { roleId: ROLE_B, divisionId: "*" },
    ];
    const extras = { providerVersion: "1", homeDivisionId: HOME };
    expect(toOutputs(inputs, liveOf(inputs), extras).roleDivisions).toEqual(declared);
    const live = liveOf(inputs, { roleDivisions: undefined, roleIds: undefined });
    expect(toOutputs(inputs, live, extras).roleDivisions).toEqual(declared);
    const apiView = liveOf(inputs, { roleDivisions: [{ roleId: ROLE_C, divisionId: SALES }] });
    expect(toOutputs(inputs, apiView, extras).roleDivisions).toEqual([
      { roleId: ROLE_C, divisionId: SALES },
    ]);
  });

  it("echoes roleIds and roleDivisions as declared: no grant from roleIds in roleDivisions, no mirror in roleIds", () => {
    // The API mirrors every role into roleIds and grants roleIds in the home division.
    const inputs = checked({
      ...CC,
      roleDivisions: [{ roleId: ROLE_B }],
      roleIds: [ROLE_A],
    });
    const live = liveOf(inputs);
    expect(live.roleIds?.sort()).toEqual([ROLE_A, ROLE_B].sort());
    expect(live.roleDivisions).toHaveLength(2);
    const outputs = toOutputs(inputs, live, { providerVersion: "1", homeDivisionId: HOME });
    expect([outputs.roleDivisions, outputs.roleIds]).toEqual([[{ roleId: ROLE_B }], [ROLE_A]]);
  });

  it("refuses a client without an id", () => {
    const inputs = checked(RAW.CODE);
    expect(() =>
      toOutputs(inputs, { ...liveOf(inputs), id: undefined }, { providerVersion: "1" }),
    ).toThrow(/no id/);
  });

  it("uses a live client fixture that is valid per the API's OAuthClient definition", () => {
    expect(
      validateDefinition("OAuthClient", liveOf(checked(CC), { secret: "x" }), { strict: true }),
    ).toEqual([]);
  });
});

describe("outputsOnlyUpdate", () => {
  it("replaces the provider-only inputs and the version, and keeps everything else", () => {
    const before = checked({
      ...CC,
      secretRotationTrigger: "v1",
      rotateAfterDays: 90,
      adoptClientId: CLIENT_ID,
    });
    const prior = {
      ...outputsOf(before, { secretRotatedAt: "2026-06-01T00:00:00.000Z" }),
      __provider: PROVIDER,
    };
    const after = checked({ ...CC, deletionGuard: { unusedForDays: 3 } });
    const {
      __provider: _p,
      secretRotationTrigger: _t,
      rotateAfterDays: _r,
      adoptClientId: _a,
      ...kept
    } = prior;
    expect(outputsOnlyUpdate(prior, after, { providerVersion: "2.0.0" })).toEqual({
      ...kept,
      deletionGuard: { unusedForDays: 3 },
      providerVersion: "2.0.0",
    });
  });
});
