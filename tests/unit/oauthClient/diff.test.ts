import { diffClient } from "../../../provider/oauthClient/diff";
import { CC, HOME, RAW, ROLE_A, ROLE_B, ROLE_C, SALES, U, checked, outputsOf } from "./fixtures";

const NOW = new Date("2026-09-01T00:00:00.000Z");
const at = { now: NOW };
const ccOutputs = outputsOf(checked(CC));
const codeOutputs = outputsOf(checked(RAW.CODE));
const NO_CHANGE = { changes: false, changedKeys: [], apiUpdate: false, rotate: false };

describe("diffClient: unchanged clients", () => {
  it.each(Object.keys(RAW))("reports no change for an unchanged %s client", (grant) => {
    const inputs = checked(RAW[grant]);
    expect(diffClient(outputsOf(inputs), inputs, at)).toEqual(NO_CHANGE);
  });

  it("ignores the order of every set field", () => {
    const reordered = {
      ...RAW.CODE,
      scope: [...(RAW.CODE.scope as string[])].reverse(),
      registeredRedirectUri: [...(RAW.CODE.registeredRedirectUri as string[])].reverse(),
    };
    expect(diffClient(codeOutputs, checked(reordered), at)).toEqual(NO_CHANGE);
    const roles = { ...CC, roleDivisions: [...(CC.roleDivisions as unknown[])].reverse() };
    expect(diffClient(ccOutputs, checked(roles), at)).toEqual(NO_CHANGE);
  });

  it("treats an omitted divisionId as the home division, and an explicit home one alike", () => {
    expect(ccOutputs.roleDivisions).toContainEqual({ roleId: ROLE_A });
    const explicit = {
      ...CC,
      roleDivisions: [
        { roleId: ROLE_A, divisionId: HOME },
        { roleId: ROLE_A, divisionId: SALES },
        { roleId: ROLE_B, divisionId: "*" },
      ],
    };
    expect(diffClient(ccOutputs, checked(explicit), at)).toEqual(NO_CHANGE);
    expect(diffClient(outputsOf(checked(explicit)), checked(CC), at)).toEqual(NO_CHANGE);
  });

  it("treats omitted optional values as the server defaults", () => {
    const sparse: Record<string, unknown> = { ...codeOutputs };
    delete sparse.description;
    delete sparse.accessTokenValiditySeconds;
    delete sparse.state;
    delete sparse.registeredRedirectUri;
    const inputs = checked({
      name: "web-portal",
      authorizedGrantType: "CODE",
      scope: ["analytics", "users:readonly"],
    });
    expect(diffClient(sparse, inputs, at)).toEqual(NO_CHANGE);
  });

  it("treats a legacy grant spelling in older outputs as the same grant", () => {
    const inputs = checked({ name: "sso", authorizedGrantType: "SAML2-BEARER", scope: ["users"] });
    const legacy = { ...outputsOf(inputs), authorizedGrantType: "SAML2BEARER" };
    expect(diffClient(legacy, inputs, at)).toEqual(NO_CHANGE);
  });

  it("never reports a providerVersion or __provider difference (package upgrades show no change)", () => {
    const inputs = { ...checked(CC), __provider: "new code" };
    const olds = { ...ccOutputs, providerVersion: "0.0.1", __provider: "old code" };
    expect(diffClient(olds, inputs, at)).toEqual(NO_CHANGE);
  });
});

describe("diffClient: each field change", () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, string[], boolean]>([
    ["name", RAW.CODE, { name: "portal-2" }, ["name"], true],
    ["description", RAW.CODE, { description: "now described" }, ["description"], true],
    ["grant type", RAW.CODE, { authorizedGrantType: "TOKEN" }, ["authorizedGrantType"], true],
    [
      "token validity",
      RAW.CODE,
      { accessTokenValiditySeconds: 600 },
      ["accessTokenValiditySeconds"],
      true,
    ],
    [
      "redirect URIs",
      RAW.CODE,
      { registeredRedirectUri: ["https://portal.example.com/callback"] },
      ["registeredRedirectUri"],
      true,
    ],
    ["scope", RAW.CODE, { scope: ["analytics"] }, ["scope"], true],
    ["state", RAW.CODE, { state: "inactive" }, ["state"], true],
    [
      "an added role",
      CC,
      { roleDivisions: [...(CC.roleDivisions as unknown[]), { roleId: ROLE_C }] },
      ["roleDivisions"],
      true,
    ],
    [
      "a role's division",
      CC,
      {
        roleDivisions: [
          { roleId: ROLE_B, divisionId: SALES },
          { roleId: ROLE_A },
          { roleId: ROLE_A, divisionId: SALES },
        ],
      },
      ["roleDivisions"],
      true,
    ],
    ["rotateAfterDays (not due)", CC, { rotateAfterDays: 365 }, ["rotateAfterDays"], false],
    ["deletionGuard", CC, { deletionGuard: { unusedForDays: 30 } }, ["deletionGuard"], false],
    [
      "CLIENT-CREDENTIALS to CODE",
      CC,
      { authorizedGrantType: "CODE", roleDivisions: undefined, scope: ["users"] },
      ["authorizedGrantType", "scope"],
      true,
    ],
  ])("reports a change of %s", (_, base, patch, keys, apiUpdate) => {
    const olds = outputsOf(checked(base));
    const result = diffClient(olds, checked({ ...base, ...patch }), at);
    expect(result).toEqual({ changes: true, changedKeys: keys, apiUpdate, rotate: false });
  });

  it("reports a change to CLIENT-CREDENTIALS without comparing the scopes that no longer apply", () => {
    const inputs = checked({
      ...RAW.CODE,
      authorizedGrantType: "CLIENT-CREDENTIALS",
      scope: undefined,
      roleDivisions: [{ roleId: ROLE_A }],
    });
    expect(diffClient(codeOutputs, inputs, at)).toMatchObject({
      changedKeys: ["authorizedGrantType", "roleDivisions"],
      apiUpdate: true,
    });
  });

  it("reports a state the server reports as disabled as a change to revert", () => {
    expect(diffClient({ ...codeOutputs, state: "disabled" }, checked(RAW.CODE), at)).toMatchObject({
      changedKeys: ["state"],
      apiUpdate: true,
    });
  });

  it("resolves omitted divisions again when older outputs lack homeDivisionId (an update records it)", () => {
    // Releases that did not record homeDivisionId wrote the roles as the API reported them.
    const olds: Record<string, unknown> = {
      ...ccOutputs,
      roleDivisions: [
        { roleId: ROLE_A, divisionId: HOME },
        { roleId: ROLE_A, divisionId: SALES },
        { roleId: ROLE_B, divisionId: "*" },
      ],
    };
    delete olds.homeDivisionId;
    expect(diffClient(olds, checked(CC), at)).toMatchObject({
      changedKeys: ["roleDivisions"],
      apiUpdate: true,
    });
  });
});

describe("diffClient: unknown values (preview)", () => {
  it.each<[string, boolean]>([
    ["name", true],
    ["description", true],
    ["authorizedGrantType", true],
    ["accessTokenValiditySeconds", true],
    ["registeredRedirectUri", true],
    ["scope", true],
    ["state", true],
    ["secretRotationTrigger", false],
    ["rotateAfterDays", false],
    ["deletionGuard", false],
    ["adoptClientId", false],
  ])("reports an unknown %s as a change (PUT: %s)", (key, apiUpdate) => {
    const news = { ...checked(RAW.CODE), [key]: U };
    expect(diffClient(codeOutputs, news, at)).toEqual({
      changes: true,
      changedKeys: [key],
      apiUpdate,
      rotate: false,
    });
  });

  it.each([
    ["a whole role list", { roleDivisions: U }, ["roleDivisions"]],
    ["one role", { roleDivisions: [{ roleId: ROLE_A }, U] }, ["roleDivisions"]],
    [
      "a nested division",
      { roleDivisions: [{ roleId: ROLE_A, divisionId: U }] },
      ["roleDivisions"],
    ],
    ["roleIds", { roleIds: U }, ["roleIds"]],
  ])("reports unknown %s as a role change", (_, patch, keys) => {
    expect(diffClient(ccOutputs, { ...checked(CC), ...patch }, at)).toMatchObject({
      changes: true,
      changedKeys: keys,
      apiUpdate: true,
    });
  });

  it("reports an unknown redirect URI item as a change", () => {
    const news = {
      ...checked(RAW.CODE),
      registeredRedirectUri: [...checked(RAW.CODE).registeredRedirectUri, U],
    };
    expect(diffClient(codeOutputs, news, at).changedKeys).toEqual(["registeredRedirectUri"]);
  });
});

describe("diffClient never throws on malformed values", () => {
  it.each([
    [null, null, false],
    ["x", 5, false],
    [[], [], false],
    [
      { roleDivisions: "x", homeDivisionId: 5 },
      { roleDivisions: [null, 3, { roleId: 1 }], roleIds: {} },
      true,
    ],
    [
      { clientId: 7, dateCreated: {} },
      { adoptClientId: 9, rotateAfterDays: "x", deletionGuard: [] },
      true,
    ],
  ])("olds %j, news %j (changes: %s)", (olds, news, changes) => {
    expect(() => diffClient(olds, news, at)).not.toThrow();
    expect(diffClient(olds, news, { now: new Date(NaN) }).changes).toBe(changes);
  });
});
