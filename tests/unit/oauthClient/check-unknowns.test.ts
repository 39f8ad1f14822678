import { BAD_INPUT_ROLE_ID, VALID_CC_BASE, VALID_CODE_BASE } from "../../support/bad-inputs";
import { checkInputs } from "../../../provider/oauthClient/validate";
import { HOME, ROLE_A, ROLE_B, U } from "./fixtures";

describe("checkInputs warnings", () => {
  it.each(["http://app.example.com/callback", "http://10.0.0.5:8080/cb"])(
    "warns about plain http to a non-loopback host: %s",
    (uri) => {
      const result = checkInputs({}, { ...VALID_CODE_BASE, registeredRedirectUri: [uri] });
      expect(result.ok).toBe(true);
      expect(result.warnings).toEqual([
        expect.stringMatching(/registeredRedirectUri\[0\].*plain http.*use https/),
      ]);
    },
  );

  it.each([
    "http://localhost:3000/callback",
    "http://127.0.0.1/cb",
    "http://[::1]:8080/cb",
    "http://app.localhost/cb",
    "https://app.example.com/cb?x=1",
    "myapp://callback",
    "com.example.app:/oauth2redirect",
  ])("accepts %s without a warning", (uri) => {
    expect(checkInputs({}, { ...VALID_CODE_BASE, registeredRedirectUri: [uri] })).toMatchObject({
      ok: true,
      warnings: [],
    });
  });

  it("warns that roleIds is deprecated and names the replacement", () => {
    const result = checkInputs(
      {},
      { name: "x", authorizedGrantType: "CLIENT-CREDENTIALS", roleIds: [BAD_INPUT_ROLE_ID] },
    );
    expect(result.ok).toBe(true);
    expect(result.inputs.roleIds).toEqual([BAD_INPUT_ROLE_ID]);
    expect(result.warnings).toEqual([
      expect.stringMatching(/roleIds is deprecated.*roleDivisions/),
    ]);
  });

  it("warns when a role id looks like a role name", () => {
    const result = checkInputs(
      {},
      { ...VALID_CC_BASE, roleDivisions: [{ roleId: "admin", divisionId: HOME }] },
    );
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      expect.stringMatching(/roleDivisions\[0\]\.roleId.*"admin".*role's id/),
    ]);
  });
});

describe("checkInputs with unknown values (preview)", () => {
  it.each([
    "name",
    "description",
    "authorizedGrantType",
    "accessTokenValiditySeconds",
    "registeredRedirectUri",
    "scope",
    "state",
    "secretRotationTrigger",
    "adoptClientId",
    "rotateAfterDays",
    "deletionGuard",
  ])("passes an unknown %s through untouched", (key) => {
    const result = checkInputs({}, { ...VALID_CODE_BASE, [key]: U });
    expect(result.failures).toEqual([]);
    expect(result.inputs).toHaveProperty(key, U);
  });

  it("passes unknown list items and nested fields through and sorts the known ones", () => {
    const result = checkInputs(
      {},
      {
        name: "x",
        authorizedGrantType: "CLIENT-CREDENTIALS",
        roleDivisions: [U, { roleId: ROLE_B, divisionId: U }, { roleId: ROLE_A }],
        deletionGuard: { unusedForDays: U },
        registeredRedirectUri: ["https://b.example.com/", U],
      },
    );
    expect(result.failures).toEqual([]);
    expect(result.inputs).toMatchObject({
      roleDivisions: [{ roleId: ROLE_A }, { roleId: ROLE_B, divisionId: U }, U],
      deletionGuard: { unusedForDays: U },
      // An unknown string item sorts like any other string: the order stays deterministic.
      registeredRedirectUri: [U, "https://b.example.com/"],
    });
  });

  it("still validates a known sibling of an unknown item", () => {
    const result = checkInputs({}, { ...VALID_CC_BASE, roleDivisions: [U, { roleId: 5 }] });
    expect(result.failures).toEqual([
      { property: "roleDivisions[1].roleId", reason: expect.stringMatching(/must be a string/) },
    ]);
  });

  it("skips the grant rules when the grant type is unknown", () => {
    const result = checkInputs(
      {},
      { name: "x", authorizedGrantType: U, scope: ["users"], roleIds: [ROLE_A] },
    );
    expect(result.failures).toEqual([]);
  });

  it.each([
    ["scope on a CODE client", { name: "x", authorizedGrantType: "CODE", scope: U }],
    [
      "roleDivisions on a CLIENT-CREDENTIALS client",
      { name: "x", authorizedGrantType: "CLIENT-CREDENTIALS", roleDivisions: U },
    ],
    [
      "roleIds on a CLIENT-CREDENTIALS client",
      { name: "x", authorizedGrantType: "CLIENT-CREDENTIALS", roleIds: U },
    ],
  ])("does not call an unknown %s missing", (_, inputs) => {
    expect(checkInputs({}, inputs).failures).toEqual([]);
  });

  it("still applies a grant rule to a known field next to an unknown one", () => {
    const result = checkInputs(
      {},
      { name: U, authorizedGrantType: "CLIENT-CREDENTIALS", scope: ["users"], roleIds: U },
    );
    expect(result.failures.map((f) => f.property)).toEqual(["scope"]);
  });
});
