/**
 * `${name}` substitution in catalogs: typed whole values, text inside strings, escapes, null to
 * omit, and the messages for unknown or unusable variables.
 */
import {
  ClientCatalogError,
  parseClientCatalog,
  substituteVariables,
  type ClientCatalog,
} from "../../provider/catalog";

const ROLE = "0b1f6e2a-6c1d-4b8e-9f3a-2d4c5e6f7a80";
const CLIENT = "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b";

const TEXT = `clients:
  ci-bot:
    authorizedGrantType: CLIENT-CREDENTIALS
    roleDivisions:
      - roleId: \${roleId}
        divisionId: "*"
    accessTokenValiditySeconds: \${ttl}
    rotateAfterDays: \${rotateDays}
    adoptClientId: \${ciClientId}
    description: "Bot of \${team} (\${ttl} s tokens; literal $\${notAVar})"
  portal:
    authorizedGrantType: CODE
    scope: \${portalScopes}
    registeredRedirectUri: ["https://\${host}/cb", "https://\${host}:\${port}/cb"]
`;

function load(vars: Record<string, unknown>): ClientCatalog {
  return parseClientCatalog(TEXT, { vars, varsSource: "the stack config p:vars" });
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ClientCatalogError) return err.message.split("\n").slice(1);
    throw err;
  }
  throw new Error("expected a ClientCatalogError");
}

const VARS = {
  roleId: ROLE,
  ttl: 3600,
  rotateDays: 90,
  ciClientId: CLIENT,
  team: "platform",
  portalScopes: ["users:readonly", "user-basic-info"],
  host: "portal.dev.example.com",
  port: 8443,
};

describe("variable substitution", () => {
  test("a value that is exactly ${name} keeps the variable's type: numbers and lists", () => {
    const [ci, portal] = load(VARS).entries;
    expect(ci.args.accessTokenValiditySeconds).toBe(3600);
    expect(ci.args.rotateAfterDays).toBe(90);
    expect(ci.args.roleDivisions).toEqual([{ roleId: ROLE, divisionId: "*" }]);
    expect(ci.args.adoptClientId).toBe(CLIENT);
    expect(portal.args.scope).toEqual(["users:readonly", "user-basic-info"]);
  });

  test("references inside a longer string are replaced by the text; $${ stays a literal ${", () => {
    const [ci, portal] = load(VARS).entries;
    expect(ci.args.description).toBe("Bot of platform (3600 s tokens; literal ${notAVar})");
    expect(portal.args.registeredRedirectUri).toEqual([
      "https://portal.dev.example.com/cb",
      "https://portal.dev.example.com:8443/cb",
    ]);
  });

  test("a null variable omits the field (e.g. adopt in prod only)", () => {
    const [ci] = load({ ...VARS, ciClientId: null }).entries;
    expect(ci.args).not.toHaveProperty("adoptClientId");
  });

  test("an unknown variable names the entry, the field, the variable and the defined ones", () => {
    const { host: _host, ...withoutHost } = VARS;
    const problems = problemsOf(() => load({ ...withoutHost, hosts: "x" }));
    expect(problems).toEqual([
      expect.stringMatching(
        /^ {2}oauth-clients\.yaml:14: clients\.portal\.registeredRedirectUri\[0\]: unknown variable "host": did you mean "hosts"\? it is not defined in the stack config p:vars \(defined: ciClientId, hosts, port, portalScopes, roleId, rotateDays, team, ttl\)$/,
      ),
      expect.stringMatching(/clients\.portal\.registeredRedirectUri\[1\]: unknown variable "host"/),
    ]);
  });

  test("every unknown variable is reported, with none defined at all", () => {
    const problems = problemsOf(() => load({}));
    expect(problems).toHaveLength(8);
    expect(problems[0]).toMatch(
      /clients\.ci-bot\.roleDivisions\[0\]\.roleId: unknown variable "roleId": it is not defined in the stack config p:vars \(none is defined\)/,
    );
  });

  test("a typed variable is validated like a literal: a string lifetime names the field", () => {
    const problems = problemsOf(() => load({ ...VARS, ttl: "3600" }));
    expect(problems).toEqual([
      expect.stringMatching(
        /clients\.ci-bot\.accessTokenValiditySeconds: must be a whole number of seconds .* pass the number itself, without quotes: 3600/,
      ),
    ]);
  });

  test("a list or object variable inside a longer string is refused", () => {
    const problems = problemsOf(() => load({ ...VARS, team: ["a", "b"] }));
    expect(problems).toEqual([
      expect.stringMatching(
        /clients\.ci-bot\.description: variable "team" is a list \(2 items\), which cannot be part of a longer string/,
      ),
    ]);
  });

  test("malformed references and bad variable names are reported", () => {
    const text = `clients:
  a:
    authorizedGrantType: CODE
    scope: [users]
    description: "\${not closed"
    name: "\${bad-name}"
`;
    const problems = problemsOf(() =>
      parseClientCatalog(text, { vars: { "bad-name": 1, ok: () => 1 } }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/variable name "bad-name" is not valid/),
      expect.stringMatching(/variable "ok" must be a JSON value, not a function/),
      expect.stringMatching(/clients\.a\.description: .*without a closing "}"/),
      expect.stringMatching(/clients\.a\.name: "\$\{bad-name\}" is not a variable reference/),
    ]);
  });

  test("keys are never substituted", () => {
    const text = "clients:\n  ${x}:\n    authorizedGrantType: CODE\n    scope: [users]\n";
    expect(problemsOf(() => parseClientCatalog(text, { vars: { x: "a" } }))).toEqual([
      expect.stringMatching(/clients\["\$\{x\}"\]: the key "\$\{x\}" is not valid/),
    ]);
  });

  test("substituteVariables reports paths below the value and the variables used", () => {
    const result = substituteVariables(
      { a: ["${x}", "${y}"], b: { c: "$${x}" } },
      { vars: { x: 1 } },
    );
    expect(result.value).toEqual({ a: [1, "${y}"], b: { c: "${x}" } });
    expect(result.problems.map((p) => p.path)).toEqual(["a[1]"]);
    expect([...result.used]).toEqual(["x"]);
  });
});
