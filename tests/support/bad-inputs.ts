/**
 * Malformed OAuthClient inputs, each with the property path its check failure must name and a
 * pattern its reason must match (the reason always says the fix). Plain data with no imports, so
 * the unit tests and the reliability suite (which sends them through the real dynamic-provider
 * host) share one table. Each entry is a valid base client with exactly one defect; the bases
 * themselves are exported so tests can assert they are valid.
 */

/** One malformed input. */
export interface BadInput {
  /** What is wrong, as a test title. */
  title: string;
  /** The complete inputs (without `__provider`). */
  inputs: Record<string, unknown>;
  /** The property path the failure must name, e.g. `roleDivisions[1].roleId`. */
  expectProperty: string;
  /** A pattern the failure's reason must match. */
  expectReason: RegExp;
  /** False for values JSON cannot carry (NaN, Infinity); the protobuf wire can. */
  jsonSafe?: false;
}

/** A role id (the emulator's seeded `admin` role). */
export const BAD_INPUT_ROLE_ID = "5a7e2c94-3b1f-4d68-9e0a-7c4b2d1f8e02";

/** A valid authorization-code client. */
export const VALID_CODE_BASE: Readonly<Record<string, unknown>> = {
  name: "web-portal",
  authorizedGrantType: "CODE",
  scope: ["users:readonly"],
  registeredRedirectUri: ["https://portal.example.com/callback"],
};

/** A valid client-credentials client. */
export const VALID_CC_BASE: Readonly<Record<string, unknown>> = {
  name: "billing-sync",
  authorizedGrantType: "CLIENT-CREDENTIALS",
  roleDivisions: [{ roleId: BAD_INPUT_ROLE_ID }],
};

const code = (patch: Record<string, unknown>): Record<string, unknown> => ({
  ...VALID_CODE_BASE,
  ...patch,
});
const cc = (patch: Record<string, unknown>): Record<string, unknown> => ({
  ...VALID_CC_BASE,
  ...patch,
});
const without = (base: Readonly<Record<string, unknown>>, key: string): Record<string, unknown> =>
  Object.fromEntries(Object.entries(base).filter(([k]) => k !== key));
const R = BAD_INPUT_ROLE_ID;

/** The table: 70+ malformed inputs. */
export const BAD_INPUTS: readonly BadInput[] = [
  // name
  {
    title: "name is a number",
    inputs: code({ name: 42 }),
    expectProperty: "name",
    expectReason: /must be a string.*quote it: "42"/,
  },
  {
    title: "name is empty",
    inputs: code({ name: "" }),
    expectProperty: "name",
    expectReason: /must not be empty/,
  },
  {
    title: "name is blank",
    inputs: code({ name: "   " }),
    expectProperty: "name",
    expectReason: /must not be empty or blank/,
  },
  {
    title: "name has surrounding whitespace",
    inputs: code({ name: " portal " }),
    expectProperty: "name",
    expectReason: /leading or trailing whitespace: use "portal"/,
  },
  {
    title: "name has a bell character",
    inputs: code({ name: "por\u0007tal" }),
    expectProperty: "name",
    expectReason: /control .*U\+0007 at position 4.*remove it/,
  },
  {
    title: "name has a newline",
    inputs: code({ name: "web\nportal" }),
    expectProperty: "name",
    expectReason: /U\+000A.*one line/,
  },
  {
    title: "name has a lone surrogate",
    inputs: code({ name: "web\uD800portal" }),
    expectProperty: "name",
    expectReason: /U\+D800/,
  },
  {
    title: "name has a line separator",
    inputs: code({ name: "web\u2028portal" }),
    expectProperty: "name",
    expectReason: /U\+2028/,
  },
  {
    title: "name is too long",
    inputs: code({ name: "n".repeat(201) }),
    expectProperty: "name",
    expectReason: /201 characters.*limit is 200: shorten it/,
  },
  {
    title: "name is null",
    inputs: code({ name: null }),
    expectProperty: "name",
    expectReason: /required: give the client a display name/,
  },
  {
    title: "name is a list",
    inputs: code({ name: ["portal"] }),
    expectProperty: "name",
    expectReason: /without brackets: "portal"/,
  },
  // description
  {
    title: "description is a number",
    inputs: code({ description: 123 }),
    expectProperty: "description",
    expectReason: /must be a string/,
  },
  {
    title: "description has a NUL",
    inputs: code({ description: "a\u0000b" }),
    expectProperty: "description",
    expectReason: /U\+0000.*only \\n and \\t/,
  },
  {
    title: "description has CRLF line endings",
    inputs: code({ description: "a\r\nb" }),
    expectProperty: "description",
    expectReason: /use \\n line endings/,
  },
  {
    title: "description is huge",
    inputs: code({ description: "d".repeat(4001) }),
    expectProperty: "description",
    expectReason: /4001 characters.*limit is 4000/,
  },
  {
    title: "description is an object",
    inputs: code({ description: { text: "x" } }),
    expectProperty: "description",
    expectReason: /not an object/,
  },
  // authorizedGrantType
  {
    title: "grant type missing",
    inputs: without(VALID_CODE_BASE, "authorizedGrantType"),
    expectProperty: "authorizedGrantType",
    expectReason: /required: valid values: CODE, TOKEN, SAML2-BEARER, PASSWORD, CLIENT-CREDENTIALS/,
  },
  {
    title: "grant type null",
    inputs: code({ authorizedGrantType: null }),
    expectProperty: "authorizedGrantType",
    expectReason: /required/,
  },
  {
    title: "grant type in lower case",
    inputs: cc({ authorizedGrantType: "client-credentials" }),
    expectProperty: "authorizedGrantType",
    expectReason: /did you mean "CLIENT-CREDENTIALS"\?/,
  },
  {
    title: "grant type by its OAuth name",
    inputs: code({ authorizedGrantType: "implicit" }),
    expectProperty: "authorizedGrantType",
    expectReason: /did you mean "TOKEN"\?/,
  },
  {
    title: "grant type misspelled",
    inputs: code({ authorizedGrantType: "COD" }),
    expectProperty: "authorizedGrantType",
    expectReason: /did you mean "CODE"\?/,
  },
  {
    title: "grant type unrelated",
    inputs: code({ authorizedGrantType: "BANANA" }),
    expectProperty: "authorizedGrantType",
    expectReason: /not a grant type: valid values: CODE/,
  },
  {
    title: "grant type is a number",
    inputs: code({ authorizedGrantType: 5 }),
    expectProperty: "authorizedGrantType",
    expectReason: /must be a string/,
  },
  // accessTokenValiditySeconds
  {
    title: "token validity too short",
    inputs: code({ accessTokenValiditySeconds: 299 }),
    expectProperty: "accessTokenValiditySeconds",
    expectReason: /between 300 and 172800.*e\.g\. 3600/,
  },
  {
    title: "token validity too long",
    inputs: code({ accessTokenValiditySeconds: 172801 }),
    expectProperty: "accessTokenValiditySeconds",
    expectReason: /between 300 and 172800/,
  },
  {
    title: "token validity fractional",
    inputs: code({ accessTokenValiditySeconds: 3600.5 }),
    expectProperty: "accessTokenValiditySeconds",
    expectReason: /whole number.*use 3601/,
  },
  {
    title: "token validity as a string",
    inputs: code({ accessTokenValiditySeconds: "3600" }),
    expectProperty: "accessTokenValiditySeconds",
    expectReason: /without quotes: 3600/,
  },
  {
    title: "token validity NaN",
    inputs: code({ accessTokenValiditySeconds: NaN }),
    expectProperty: "accessTokenValiditySeconds",
    expectReason: /finite number.*not NaN/,
    jsonSafe: false,
  },
  {
    title: "token validity Infinity",
    inputs: code({ accessTokenValiditySeconds: Infinity }),
    expectProperty: "accessTokenValiditySeconds",
    expectReason: /finite number.*not Infinity/,
    jsonSafe: false,
  },
  {
    title: "token validity negative",
    inputs: code({ accessTokenValiditySeconds: -1 }),
    expectProperty: "accessTokenValiditySeconds",
    expectReason: /between 300 and 172800/,
  },
  // registeredRedirectUri
  {
    title: "redirect URIs as a single string",
    inputs: code({ registeredRedirectUri: "https://portal.example.com/cb" }),
    expectProperty: "registeredRedirectUri",
    expectReason: /must be a list.*wrap it in a list: \["https:\/\/portal\.example\.com\/cb"\]/,
  },
  {
    title: "redirect URI without a scheme",
    inputs: code({ registeredRedirectUri: ["portal.example.com/cb"] }),
    expectProperty: "registeredRedirectUri[0]",
    expectReason: /no scheme.*"https:\/\/portal\.example\.com\/cb"/,
  },
  {
    title: "redirect URI host:port without a scheme",
    inputs: code({ registeredRedirectUri: ["localhost:3000/cb"] }),
    expectProperty: "registeredRedirectUri[0]",
    expectReason: /"http:\/\/localhost:3000\/cb"/,
  },
  {
    title: "redirect URI relative",
    inputs: code({ registeredRedirectUri: ["/callback"] }),
    expectProperty: "registeredRedirectUri[0]",
    expectReason: /relative reference: write the full URI/,
  },
  {
    title: "redirect URI with a space",
    inputs: code({ registeredRedirectUri: ["https://portal.example.com/my cb"] }),
    expectProperty: "registeredRedirectUri[0]",
    expectReason: /whitespace.*%20/,
  },
  {
    title: "redirect URI with a fragment",
    inputs: code({ registeredRedirectUri: ["https://portal.example.com/cb#x"] }),
    expectProperty: "registeredRedirectUri[0]",
    expectReason: /fragment.*remove it/,
  },
  {
    title: "redirect URI with javascript: scheme",
    inputs: code({ registeredRedirectUri: ["javascript:alert(1)"] }),
    expectProperty: "registeredRedirectUri[0]",
    expectReason: /cannot be a redirect target: use https/,
  },
  {
    title: "redirect URI without a host",
    inputs: code({ registeredRedirectUri: ["https:///cb"] }),
    expectProperty: "registeredRedirectUri[0]",
    expectReason: /missing its host/,
  },
  {
    title: "redirect URI unparseable",
    inputs: code({ registeredRedirectUri: ["https://exa[mple.com/cb"] }),
    expectProperty: "registeredRedirectUri[0]",
    expectReason: /not a valid URI/,
  },
  {
    title: "redirect URI duplicated",
    inputs: code({
      registeredRedirectUri: [
        "https://a.example.com/cb",
        "https://b.example.com/cb",
        "https://a.example.com/cb",
      ],
    }),
    expectProperty: "registeredRedirectUri[2]",
    expectReason: /duplicates registeredRedirectUri\[0\] \("https:\/\/a\.example\.com\/cb"\).*once/,
  },
  {
    title: "redirect URI is a number",
    inputs: code({ registeredRedirectUri: [42] }),
    expectProperty: "registeredRedirectUri[0]",
    expectReason: /must be a string/,
  },
  {
    title: "redirect URI null item",
    inputs: code({ registeredRedirectUri: [null] }),
    expectProperty: "registeredRedirectUri[0]",
    expectReason: /remove the empty entry/,
  },
  {
    title: "redirect URI empty string",
    inputs: code({ registeredRedirectUri: [""] }),
    expectProperty: "registeredRedirectUri[0]",
    expectReason: /empty: remove the entry/,
  },
  // scope
  {
    title: "scope as a string",
    inputs: code({ scope: "users:readonly analytics" }),
    expectProperty: "scope",
    expectReason: /wrap it in a list: \["users:readonly","analytics"\]/,
  },
  {
    title: "scope duplicated",
    inputs: code({ scope: ["users", "analytics", "users"] }),
    expectProperty: "scope[2]",
    expectReason: /duplicates scope\[0\]/,
  },
  {
    title: "scope in upper case",
    inputs: code({ scope: ["Users:ReadOnly"] }),
    expectProperty: "scope[0]",
    expectReason: /use "users:readonly"/,
  },
  {
    title: "two scopes in one entry",
    inputs: code({ scope: ["users,analytics"] }),
    expectProperty: "scope[0]",
    expectReason: /one scope per entry: \["users","analytics"\]/,
  },
  {
    title: "scope with bad characters",
    inputs: code({ scope: ["users/readonly"] }),
    expectProperty: "scope[0]",
    expectReason: /not a valid scope name.*"users:readonly"/,
  },
  {
    title: "scope null item",
    inputs: code({ scope: [null] }),
    expectProperty: "scope[0]",
    expectReason: /remove the empty entry/,
  },
  {
    title: "scope empty on CODE",
    inputs: code({ scope: [] }),
    expectProperty: "scope",
    expectReason: /required for CODE clients.*e\.g\./,
  },
  {
    title: "scope missing on TOKEN",
    inputs: without(code({ authorizedGrantType: "TOKEN" }), "scope"),
    expectProperty: "scope",
    expectReason: /required for TOKEN clients/,
  },
  {
    title: "scope on CLIENT-CREDENTIALS",
    inputs: cc({ scope: ["users"] }),
    expectProperty: "scope",
    expectReason: /don't apply to CLIENT-CREDENTIALS.*roleDivisions/,
  },
  // roles
  {
    title: "roleDivisions on a CODE client",
    inputs: code({ roleDivisions: [{ roleId: R }] }),
    expectProperty: "roleDivisions",
    expectReason: /roles on a non-client-credentials grant.*remove roleDivisions/,
  },
  {
    title: "roleIds on a PASSWORD client",
    inputs: code({ authorizedGrantType: "PASSWORD", roleIds: [R] }),
    expectProperty: "roleIds",
    expectReason: /roles on a non-client-credentials grant/,
  },
  {
    title: "CLIENT-CREDENTIALS without roles",
    inputs: without(VALID_CC_BASE, "roleDivisions"),
    expectProperty: "roleDivisions",
    expectReason: /need at least one role: add roleDivisions/,
  },
  {
    title: "CLIENT-CREDENTIALS with empty roles",
    inputs: cc({ roleDivisions: [], roleIds: [] }),
    expectProperty: "roleDivisions",
    expectReason: /need at least one role/,
  },
  {
    title: "roleDivisions duplicated",
    inputs: cc({
      roleDivisions: [
        { roleId: R, divisionId: "*" },
        { roleId: R },
        { roleId: R, divisionId: "*" },
      ],
    }),
    expectProperty: "roleDivisions[2]",
    expectReason: /duplicates roleDivisions\[0\].*once/,
  },
  {
    title: "roleDivisions entry with an unknown key",
    inputs: cc({ roleDivisions: [{ roleId: R, division: "*" }] }),
    expectProperty: "roleDivisions[0].division",
    expectReason: /did you mean "divisionId"\?/,
  },
  {
    title: "roleDivisions entry without roleId",
    inputs: cc({ roleDivisions: [{ divisionId: "*" }] }),
    expectProperty: "roleDivisions[0].roleId",
    expectReason: /required: the id of the role/,
  },
  {
    title: "roleDivisions roleId is a number",
    inputs: cc({ roleDivisions: [{ roleId: R }, { roleId: 7 }] }),
    expectProperty: "roleDivisions[1].roleId",
    expectReason: /must be a string/,
  },
  {
    title: "roleDivisions entry is a string",
    inputs: cc({ roleDivisions: [R] }),
    expectProperty: "roleDivisions[0]",
    expectReason: /must be an object.*roleId: "5a7e2c94/,
  },
  {
    title: "roleDivisions is an object",
    inputs: cc({ roleDivisions: { roleId: R } }),
    expectProperty: "roleDivisions",
    expectReason: /must be a list of role grants/,
  },
  {
    title: "roleDivisions divisionId empty",
    inputs: cc({ roleDivisions: [{ roleId: R, divisionId: "" }] }),
    expectProperty: "roleDivisions[0].divisionId",
    expectReason: /omit divisionId for the home division/,
  },
  {
    title: "roleDivisions null entry",
    inputs: cc({ roleDivisions: [null] }),
    expectProperty: "roleDivisions[0]",
    expectReason: /remove the empty entry/,
  },
  {
    title: "roleIds is an object",
    inputs: cc({ roleIds: { a: 1 } }),
    expectProperty: "roleIds",
    expectReason: /must be a list of role ids/,
  },
  {
    title: "roleIds duplicated",
    inputs: cc({ roleIds: [R, R] }),
    expectProperty: "roleIds[1]",
    expectReason: /duplicates roleIds\[0\]/,
  },
  // state
  {
    title: "state disabled",
    inputs: code({ state: "disabled" }),
    expectProperty: "state",
    expectReason: /only be set by Genesys support: use "inactive"/,
  },
  {
    title: "state capitalized",
    inputs: code({ state: "Active" }),
    expectProperty: "state",
    expectReason: /did you mean "active"\?/,
  },
  {
    title: "state boolean",
    inputs: code({ state: true }),
    expectProperty: "state",
    expectReason: /must be a string.*quote it/,
  },
  // provider-only inputs
  {
    title: "rotation trigger is a number",
    inputs: code({ secretRotationTrigger: 5 }),
    expectProperty: "secretRotationTrigger",
    expectReason: /quote it: "5"/,
  },
  {
    title: "adoptClientId not a UUID",
    inputs: code({ adoptClientId: "my-client" }),
    expectProperty: "adoptClientId",
    expectReason: /client id \(a UUID.*copy it/,
  },
  {
    title: "adoptClientId a number",
    inputs: code({ adoptClientId: 123 }),
    expectProperty: "adoptClientId",
    expectReason: /must be a string/,
  },
  {
    title: "rotateAfterDays zero",
    inputs: code({ rotateAfterDays: 0 }),
    expectProperty: "rotateAfterDays",
    expectReason: /between 1 and 3650 days.*e\.g\. 90/,
  },
  {
    title: "rotateAfterDays fractional",
    inputs: code({ rotateAfterDays: 1.5 }),
    expectProperty: "rotateAfterDays",
    expectReason: /whole number of days/,
  },
  {
    title: "rotateAfterDays too large",
    inputs: code({ rotateAfterDays: 4000 }),
    expectProperty: "rotateAfterDays",
    expectReason: /between 1 and 3650/,
  },
  {
    title: "deletionGuard a number",
    inputs: code({ deletionGuard: 30 }),
    expectProperty: "deletionGuard",
    expectReason: /write \{ unusedForDays: 30 \}/,
  },
  {
    title: "deletionGuard empty",
    inputs: code({ deletionGuard: {} }),
    expectProperty: "deletionGuard.unusedForDays",
    expectReason: /required.*e\.g\. 30/,
  },
  {
    title: "deletionGuard window too long",
    inputs: code({ deletionGuard: { unusedForDays: 400 } }),
    expectProperty: "deletionGuard.unusedForDays",
    expectReason: /between 1 and 365/,
  },
  {
    title: "deletionGuard unknown key",
    inputs: code({ deletionGuard: { unusedForDays: 30, days: 5 } }),
    expectProperty: "deletionGuard.days",
    expectReason: /unknown property "days".*did you mean "unusedForDays"/,
  },
  {
    title: "deletionGuard days null",
    inputs: code({ deletionGuard: { unusedForDays: null } }),
    expectProperty: "deletionGuard.unusedForDays",
    expectReason: /required/,
  },
  // unknown properties
  {
    title: "redirectUris instead of registeredRedirectUri",
    inputs: code({ redirectUris: ["https://x.example.com"] }),
    expectProperty: "redirectUris",
    expectReason: /unknown property "redirectUris": did you mean "registeredRedirectUri"\?/,
  },
  {
    title: "scopes instead of scope",
    inputs: code({ scopes: ["users"] }),
    expectProperty: "scopes",
    expectReason: /did you mean "scope"\?/,
  },
  {
    title: "roles instead of roleDivisions",
    inputs: cc({ roles: [{ roleId: R }] }),
    expectProperty: "roles",
    expectReason: /did you mean "roleDivisions"\?/,
  },
  {
    title: "grantType instead of authorizedGrantType",
    inputs: code({ grantType: "CODE" }),
    expectProperty: "grantType",
    expectReason: /did you mean "authorizedGrantType"\?/,
  },
  {
    title: "a misspelled property",
    inputs: code({ descripton: "x" }),
    expectProperty: "descripton",
    expectReason: /did you mean "description"\?/,
  },
  {
    title: "an unrelated property",
    inputs: code({ colour: "blue" }),
    expectProperty: "colour",
    expectReason: /unknown property "colour": valid properties: name, description/,
  },
  {
    title: "setting the client secret",
    inputs: code({ clientSecret: "hunter2" }),
    expectProperty: "clientSecret",
    expectReason: /output and cannot be set.*secretRotationTrigger/,
  },
  {
    title: "setting the client id",
    inputs: code({ clientId: "x" }),
    expectProperty: "clientId",
    expectReason: /adoptClientId/,
  },
];
