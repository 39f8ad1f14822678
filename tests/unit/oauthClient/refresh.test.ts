import type { OAuthClient } from "../../../provider/api/models";
import {
  inputsFromLive,
  outputsFromLive,
  toClientRequest,
} from "../../../provider/oauthClient/mapping";
import type { NormalizedInputs } from "../../../provider/oauthClient/types";
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
  serve,
} from "./fixtures";

const extrasOf = (inputs: NormalizedInputs): Record<string, unknown> => ({
  ...inputs,
  secretRotationTrigger: "v1",
  rotateAfterDays: 90,
  deletionGuard: { unusedForDays: 14 },
  __provider: PROVIDER,
});

describe("inputsFromLive", () => {
  it.each(Object.keys(RAW))(
    "returns the prior inputs exactly for an unchanged %s client",
    (grant) => {
      const prior = extrasOf(checked(RAW[grant]));
      expect(inputsFromLive(prior, liveOf(checked(RAW[grant])), HOME)).toEqual(prior);
    },
  );

  it("keeps the prior representation where it means the same as the live value", () => {
    const prior = {
      name: "sso",
      authorizedGrantType: "SAML2BEARER",
      scope: ["users", "analytics"],
      registeredRedirectUri: ["https://b.example.com/", "https://a.example.com/"],
      __provider: PROVIDER,
    };
    expect(inputsFromLive(prior, serve(toClientRequest(checked(prior), HOME)), HOME)).toEqual(
      prior,
    );
  });

  it.each<[string, Partial<OAuthClient>, Record<string, unknown>]>([
    ["name", { name: "renamed" }, { name: "renamed" }],
    ["description", { description: "edited" }, { description: "edited" }],
    ["token validity", { accessTokenValiditySeconds: 600 }, { accessTokenValiditySeconds: 600 }],
    [
      "redirect URIs",
      { registeredRedirectUri: ["https://x.example.com/"] },
      { registeredRedirectUri: ["https://x.example.com/"] },
    ],
    ["state", { state: "inactive" }, { state: "inactive" }],
    ["a disabled client", { state: "disabled" }, { state: "disabled" }],
  ])("shows drift in %s", (_, patch, expected) => {
    const prior = extrasOf(checked(CC));
    expect(inputsFromLive(prior, liveOf(checked(CC), patch), HOME)).toEqual({
      ...prior,
      ...expected,
    });
  });

  it("shows a scope removed in the admin UI", () => {
    const prior = extrasOf(checked(RAW.CODE));
    expect(
      inputsFromLive(prior, liveOf(checked(RAW.CODE), { scope: ["users:readonly"] }), HOME),
    ).toEqual({
      ...prior,
      scope: ["users:readonly"],
    });
  });

  it("shows role drift and keeps the omitted-division form of the unchanged roles", () => {
    const prior = extrasOf(checked(CC));
    const live = liveOf(checked(CC), {
      roleDivisions: [
        { roleId: ROLE_A, divisionId: HOME },
        { roleId: ROLE_C, divisionId: SALES },
      ],
    });
    expect(inputsFromLive(prior, live, HOME)).toEqual({
      ...prior,
      roleDivisions: [{ roleId: ROLE_C, divisionId: SALES }, { roleId: ROLE_A }],
    });
  });

  it("shows a client switched to client credentials in the admin UI", () => {
    const prior = checked(RAW.CODE);
    const live = liveOf(prior, {
      authorizedGrantType: "CLIENT-CREDENTIALS",
      scope: [],
      roleDivisions: [{ roleId: ROLE_A, divisionId: HOME }],
    });
    const rebuilt = inputsFromLive(prior, live, HOME);
    expect(rebuilt.authorizedGrantType).toBe("CLIENT-CREDENTIALS");
    expect(rebuilt).not.toHaveProperty("scope");
    expect(rebuilt.roleDivisions).toEqual([{ roleId: ROLE_A, divisionId: HOME }]);
  });

  it("rebuilds deprecated roleIds from the live roles", () => {
    const prior = checked({
      name: "legacy",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleIds: [ROLE_B, ROLE_A],
    });
    expect(inputsFromLive(prior, liveOf(prior), HOME)).toEqual(prior);
    const live = liveOf(prior, {
      roleDivisions: [{ roleId: ROLE_A, divisionId: HOME }],
      roleIds: [ROLE_A],
    });
    expect(inputsFromLive(prior, live, HOME).roleIds).toEqual([ROLE_A]);
  });
});

describe("refresh of roles declared in both fields (read gets only the outputs)", () => {
  const both = checked({
    ...CC,
    roleDivisions: [{ roleId: ROLE_B }, { roleId: ROLE_A, divisionId: SALES }],
    roleIds: [ROLE_C],
  });
  const outputs = { ...outputsOf(both), __provider: PROVIDER };

  it("rebuilds the declared inputs, not the API's mirror of every role", () => {
    expect(liveOf(both).roleIds?.sort()).toEqual([ROLE_A, ROLE_B, ROLE_C].sort());
    expect(inputsFromLive(outputs, liveOf(both), HOME)).toEqual({ ...both, __provider: PROVIDER });
    const { __provider: _p, ...refreshed } = outputs;
    expect(outputsFromLive(outputs, liveOf(both))).toEqual(refreshed);
  });

  it.each<[string, Partial<OAuthClient>, Record<string, unknown>]>([
    [
      "a role of roleIds revoked: roleIds",
      {
        roleDivisions: [
          { roleId: ROLE_A, divisionId: SALES },
          { roleId: ROLE_B, divisionId: HOME },
        ],
      },
      { roleIds: undefined },
    ],
    [
      "a role of roleDivisions revoked: roleDivisions",
      {
        roleDivisions: [
          { roleId: ROLE_A, divisionId: SALES },
          { roleId: ROLE_C, divisionId: HOME },
        ],
      },
      { roleDivisions: [{ roleId: ROLE_A, divisionId: SALES }] },
    ],
    [
      "a role added: roleDivisions",
      {
        roleDivisions: [
          { roleId: ROLE_A, divisionId: SALES },
          { roleId: ROLE_B, divisionId: HOME },
          { roleId: ROLE_C, divisionId: HOME },
          { roleId: ROLE_A, divisionId: HOME },
        ],
      },
      {
        roleDivisions: [
          { roleId: ROLE_A, divisionId: HOME },
          { roleId: ROLE_A, divisionId: SALES },
          { roleId: ROLE_B },
        ],
      },
    ],
  ])("shows drift in the field that drifted: %s", (_, patch, changed) => {
    const live = liveOf(both, { ...patch, roleIds: undefined });
    const expected = { ...both, __provider: PROVIDER, ...changed };
    expect(inputsFromLive(outputs, live, HOME)).toEqual(JSON.parse(JSON.stringify(expected)));
    const refreshed = outputsFromLive(outputs, live);
    expect([refreshed.roleDivisions, refreshed.roleIds]).toEqual([
      expected.roleDivisions,
      expected.roleIds,
    ]);
  });
});

describe("outputsFromLive", () => {
  const inputs = checked({
    ...CC,
    secretRotationTrigger: "v1",
    adoptClientId: CLIENT_ID,
    rotateAfterDays: 90,
    deletionGuard: { unusedForDays: 14 },
  });
  const prior = {
    ...outputsOf(inputs, { secretRotatedAt: "2026-06-01T00:00:00.000Z" }),
    __provider: PROVIDER,
  };

  it("returns the prior outputs for an unchanged client (GET returns no secret)", () => {
    const { __provider: _ignored, ...outputs } = prior;
    expect(outputsFromLive(prior, liveOf(inputs))).toEqual(outputs);
  });

  it("carries write-only values forward and takes the rest from the live client", () => {
    const live = liveOf(inputs, {
      name: "renamed",
      dateModified: "2026-08-01T00:00:00.000Z",
      state: "inactive",
    });
    const refreshed = outputsFromLive(prior, live);
    expect(refreshed).toMatchObject({
      name: "renamed",
      state: "inactive",
      dateModified: "2026-08-01T00:00:00.000Z",
      clientSecret: "s3cr3t-value",
      secretRotationTrigger: "v1",
      secretRotatedAt: "2026-06-01T00:00:00.000Z",
      providerVersion: "1.0.0",
      homeDivisionId: HOME,
      adoptClientId: CLIENT_ID,
      rotateAfterDays: 90,
      deletionGuard: { unusedForDays: 14 },
    });
    expect(nonJsonPaths(refreshed)).toEqual([]);
  });

  it("fills homeDivisionId and the creation date only when they are missing", () => {
    const { homeDivisionId: _h, ...older } = prior;
    const live = { ...liveOf(inputs), dateCreated: undefined };
    expect(outputsFromLive(older, live, { homeDivisionId: SALES })).toMatchObject({
      homeDivisionId: SALES,
      dateCreated: CREATED,
    });
    expect(outputsFromLive(prior, live, { homeDivisionId: SALES }).homeDivisionId).toBe(HOME);
  });

  it("reports a client being deleted", () => {
    expect(
      outputsFromLive(
        prior,
        liveOf(inputs, { state: "deleted", dateToDelete: "2026-09-08T00:00:00Z" }),
      ),
    ).toMatchObject({
      state: "deleted",
      dateToDelete: "2026-09-08T00:00:00Z",
    });
  });
});
