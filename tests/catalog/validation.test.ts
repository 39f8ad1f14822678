/**
 * Catalog validation: every problem names the file, the entry and the field (with the line where
 * it can be found), all problems of a file are reported together, YAML syntax errors carry their
 * line and column, and advice comes back as warnings.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  ClientCatalogError,
  loadClientCatalog,
  parseClientCatalog,
  type CatalogProblem,
} from "../../provider/catalog";

const ROLE = "0b1f6e2a-6c1d-4b8e-9f3a-2d4c5e6f7a80";
const ID_A = "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b";

/** A catalog with one entry `key` whose field lines are `body` (indented for you). */
function one(key: string, body: string): string {
  const fields = body
    .trim()
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
  return `clients:\n  ${key}:\n${fields}\n`;
}

function problems(text: string): CatalogProblem[] {
  try {
    parseClientCatalog(text);
  } catch (err) {
    if (err instanceof ClientCatalogError) return [...err.problems];
    throw err;
  }
  throw new Error("expected the catalog to be refused");
}

/** The problems as the error message prints them (without the leading indentation). */
function lines(text: string): string[] {
  try {
    parseClientCatalog(text);
  } catch (err) {
    if (err instanceof ClientCatalogError) return err.message.split("\n").map((l) => l.trim());
    throw err;
  }
  throw new Error("expected the catalog to be refused");
}

const CODE = "authorizedGrantType: CODE\nscope: [users:readonly]";
const CC = `authorizedGrantType: CLIENT-CREDENTIALS\nroleDivisions:\n  - roleId: ${ROLE}`;

/** [what, catalog text, expected problem line (after "oauth-clients.yaml")]. */
const BAD: [string, string, RegExp][] = [
  [
    "misspelled field",
    one("web", `${CODE}\nscopes: [users]`),
    /^oauth-clients\.yaml:5: clients\.web\.scopes: unknown property "scopes": did you mean "scope"\?/,
  ],
  [
    "unknown grant type",
    one("web", "authorizedGrantType: CODEX\nscope: [users]"),
    /^oauth-clients\.yaml:3: clients\.web\.authorizedGrantType: "CODEX" is not a grant type: did you mean "CODE"\?/,
  ],
  [
    "missing grant type",
    one("web", "scope: [users]"),
    /^oauth-clients\.yaml:2: clients\.web\.authorizedGrantType: is required: valid values: CODE, TOKEN/,
  ],
  [
    "a scope that is not text",
    one("web", "authorizedGrantType: CODE\nscope: [users, 5]"),
    /^oauth-clients\.yaml:4: clients\.web\.scope\[1\]: must be a string, not the number 5: quote it: "5"/,
  ],
  [
    "a duplicate scope",
    one("web", "authorizedGrantType: CODE\nscope: [users, users]"),
    /^oauth-clients\.yaml:4: clients\.web\.scope\[1\]: duplicates scope\[0\] \("users"\)/,
  ],
  [
    "client credentials without roles",
    one("bot", "authorizedGrantType: CLIENT-CREDENTIALS"),
    /^oauth-clients\.yaml:2: clients\.bot\.roleDivisions: CLIENT-CREDENTIALS clients need at least one role/,
  ],
  [
    "scopes on client credentials",
    one("bot", `${CC}\nscope: [users]`),
    /^oauth-clients\.yaml:6: clients\.bot\.scope: scopes don't apply to CLIENT-CREDENTIALS clients/,
  ],
  [
    "roles on a CODE client",
    one("web", `${CODE}\nroleDivisions: [{ roleId: ${ROLE} }]`),
    /^oauth-clients\.yaml:5: clients\.web\.roleDivisions: roles on a non-client-credentials grant/,
  ],
  [
    "token lifetime out of range",
    one("web", `${CODE}\naccessTokenValiditySeconds: 60`),
    /^oauth-clients\.yaml:5: clients\.web\.accessTokenValiditySeconds: must be between 300 and 172800 seconds/,
  ],
  [
    "a quoted number",
    one("web", `${CODE}\naccessTokenValiditySeconds: "3600"`),
    /clients\.web\.accessTokenValiditySeconds: must be a whole number .* without quotes: 3600/,
  ],
  [
    "the support-only state",
    one("web", `${CODE}\nstate: disabled`),
    /^oauth-clients\.yaml:5: clients\.web\.state: "disabled" can only be set by Genesys support/,
  ],
  [
    "a relative redirect URI",
    one("web", `${CODE}\nregisteredRedirectUri: [portal.example.com/cb]`),
    /clients\.web\.registeredRedirectUri\[0\]: "portal\.example\.com\/cb" is not an absolute URI .*"https:\/\/portal\.example\.com\/cb"/,
  ],
  [
    "adoptClientId that is not an id",
    one("web", `${CODE}\nadoptClientId: Customer portal`),
    /^oauth-clients\.yaml:5: clients\.web\.adoptClientId: must be the client id \(a UUID/,
  ],
  [
    "deletion guard window out of range",
    one("bot", `${CC}\ndeletionGuard: { unusedForDays: 0 }`),
    /clients\.bot\.deletionGuard\.unusedForDays: must be between 1 and 365 days/,
  ],
  [
    "deletion guard unknown key",
    one("bot", `${CC}\ndeletionGuard: { days: 30 }`),
    /clients\.bot\.deletionGuard\.days: unknown property "days" in deletionGuard: did you mean "unusedForDays"\?/,
  ],
  [
    "a fractional rotation period",
    one("bot", `${CC}\nrotateAfterDays: 1.5`),
    /clients\.bot\.rotateAfterDays: must be a whole number of days, not 1\.5: use 2/,
  ],
  [
    "an unquoted numeric trigger",
    one("bot", `${CC}\nsecretRotationTrigger: 2026`),
    /clients\.bot\.secretRotationTrigger: must be a string, not the number 2026: quote it: "2026"/,
  ],
  [
    "an output set as an input",
    one("web", `${CODE}\nclientId: ${ID_A}`),
    /clients\.web\.clientId: is an output and cannot be set: .*adoptClientId/,
  ],
  [
    "the engine's own property",
    one("web", `${CODE}\n__provider: x`),
    /clients\.web\.__provider: unknown property "__provider"/,
  ],
  [
    "a blank name",
    one("web", `${CODE}\nname: "  "`),
    /clients\.web\.name: must not be empty or blank/,
  ],
  [
    "a role grant without roleId",
    one("bot", "authorizedGrantType: CLIENT-CREDENTIALS\nroleDivisions: [{ divisionId: '*' }]"),
    /clients\.bot\.roleDivisions\[0\]\.roleId: is required: the id of the role to grant/,
  ],
  [
    "an entry that is not a mapping",
    "clients:\n  web: CODE\n",
    /^oauth-clients\.yaml:2: clients\.web: an entry must be a mapping of fields, not the string "CODE"/,
  ],
  [
    "an entry without fields",
    "clients:\n  web:\n",
    /^oauth-clients\.yaml:2: clients\.web: an entry must be a mapping of fields, not null: give it its fields/,
  ],
  [
    "a key with capitals and underscores",
    one("Web_Portal", CODE),
    /^oauth-clients\.yaml:2: clients\.Web_Portal: the key "Web_Portal" is not valid: .* e\.g\. "web-portal" \(the key is the Pulumi resource name/,
  ],
  [
    "an all-digit key",
    one("2024", CODE),
    /clients\.2024: the key "2024" is not valid: .*with at least one letter, e\.g\. "client-2024"/,
  ],
  [
    "two entries adopting one client",
    `clients:\n  a:\n    ${CODE.replace("\n", "\n    ")}\n    adoptClientId: ${ID_A}\n  b:\n    ${CODE.replace("\n", "\n    ")}\n    adoptClientId: ${ID_A.toUpperCase()}\n`,
    /clients\.b\.adoptClientId: adopts client 3e4f5a6b-.*, which clients\.a adopts already/,
  ],
  [
    "an unknown top-level key",
    `version: 2\n${one("web", CODE)}`,
    /^oauth-clients\.yaml: version: unknown top-level key "version"/,
  ],
  [
    "a misspelled clients key",
    one("web", CODE).replace("clients:", "client:"),
    /^oauth-clients\.yaml: client: unknown top-level key "client": did you mean "clients"\?/,
  ],
  ["clients as a list", "clients:\n  - web\n", /clients: must be a mapping of entry key to fields/],
  [
    "an empty file",
    "# nothing yet\n",
    /^oauth-clients\.yaml: the file is empty: it needs a clients: mapping/,
  ],
  [
    "a list at the top",
    "- clients\n",
    /^oauth-clients\.yaml: the file must be a mapping with a clients: key/,
  ],
];

describe("every problem names the file, the entry and the field", () => {
  test.each(BAD)("%s", (_what, text, expected) => {
    const printed = lines(text).slice(1);
    expect(printed).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  test("the table covers at least 15 distinct bad catalogs", () => {
    expect(new Set(BAD.map(([, text]) => text)).size).toBeGreaterThanOrEqual(15);
  });
});

describe("reporting", () => {
  test("all problems of the file are reported together, in file order", () => {
    const text = `extra: 1
clients:
  web:
    authorizedGrantType: CODEX
    scopes: [users]
  bot:
    authorizedGrantType: CLIENT-CREDENTIALS
    accessTokenValiditySeconds: 10
  ok:
    ${CODE.replace("\n", "\n    ")}
  Bad:
    ${CODE.replace("\n", "\n    ")}
`;
    let message = "";
    try {
      parseClientCatalog(text, { fileName: "catalog.yaml" });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message.split("\n")).toEqual([
      "catalog.yaml has 6 problems; nothing was deployed:",
      expect.stringMatching(/^ {2}catalog\.yaml: extra: unknown top-level key "extra"/),
      expect.stringMatching(/^ {2}catalog\.yaml:5: clients\.web\.scopes: unknown property/),
      expect.stringMatching(/^ {2}catalog\.yaml:4: clients\.web\.authorizedGrantType: "CODEX"/),
      expect.stringMatching(/^ {2}catalog\.yaml:8: clients\.bot\.accessTokenValiditySeconds: /),
      expect.stringMatching(
        /^ {2}catalog\.yaml:6: clients\.bot\.roleDivisions: CLIENT-CREDENTIALS/,
      ),
      expect.stringMatching(/^ {2}catalog\.yaml:12: clients\.Bad: the key "Bad" is not valid/),
    ]);
  });

  test("problems carry their path, line and message as data", () => {
    expect(problems(one("web", "authorizedGrantType: CODE\nscope: [1]"))).toEqual([
      {
        fileName: "oauth-clients.yaml",
        path: "clients.web.scope[0]",
        line: 4,
        message: 'must be a string, not the number 1: quote it: "1"',
      },
    ]);
  });
});

describe("YAML syntax errors", () => {
  test.each([
    [
      "a duplicate entry key",
      `clients:\n  web:\n    ${CODE.replace("\n", "\n    ")}\n  web:\n    authorizedGrantType: TOKEN\n`,
      /^oauth-clients\.yaml:5:3: YAML syntax error: duplicated mapping key \(every key may appear once per mapping; client keys must be unique\)$/,
    ],
    [
      "a duplicate field",
      one("web", `${CODE}\nscope: [users]`),
      /^oauth-clients\.yaml:5:5: YAML syntax error: duplicated mapping key/,
    ],
    [
      "an unclosed flow list",
      one("web", "authorizedGrantType: CODE\nscope: [users, oauth\nstate: active"),
      /^oauth-clients\.yaml:5:\d+: YAML syntax error: /,
    ],
    [
      "an unquoted reference in a flow mapping (with a hint)",
      one("bot", "authorizedGrantType: CLIENT-CREDENTIALS\nroleDivisions: [{ roleId: ${role} }]"),
      /^oauth-clients\.yaml:4:\d+: YAML syntax error: .*\(inside \[ \] or \{ \}, quote a \$\{name\} reference: "\$\{name\}"\)$/,
    ],
    [
      "a tab used for indentation",
      "clients:\n  web:\n\tauthorizedGrantType: CODE\n",
      /^oauth-clients\.yaml:3:\d+: YAML syntax error: /,
    ],
  ])("%s reports its line and column", (_what, text, expected) => {
    const [problem, ...rest] = lines(text).slice(1);
    expect(problem).toMatch(expected);
    // The snippet of the offending lines follows, with line numbers.
    expect(rest.join("\n")).toMatch(/\d+ \|/);
  });
});

describe("what loads", () => {
  test("YAML anchors in x- keys and merge keys share fields between entries", () => {
    const text = `x-code-defaults: &code
  authorizedGrantType: CODE
  accessTokenValiditySeconds: 3600
clients:
  a:
    <<: *code
    scope: [users]
  b:
    <<: *code
    scope: [oauth]
    accessTokenValiditySeconds: 600
`;
    const { entries } = parseClientCatalog(text);
    expect(entries.map((e) => [e.key, e.args.accessTokenValiditySeconds, e.line])).toEqual([
      ["a", 3600, 5],
      ["b", 600, 8],
    ]);
    expect(entries[0].args).toEqual({
      name: "a",
      authorizedGrantType: "CODE",
      accessTokenValiditySeconds: 3600,
      scope: ["users"],
    });
  });

  test("dates stay text and null fields are dropped", () => {
    const text = one("bot", `${CC}\nsecretRotationTrigger: 2026-01-01\ndescription:`);
    const [bot] = parseClientCatalog(text).entries;
    expect(bot.args.secretRotationTrigger).toBe("2026-01-01");
    expect(bot.args).not.toHaveProperty("description");
  });

  test("advice comes back as warnings naming the entry: shared names, legacy spellings", () => {
    const text = `clients:
  a:
    name: Portal
    authorizedGrantType: CODE
    scope: [users]
    registeredRedirectUri: [http://portal.example.com/cb]
  b:
    name: Portal
    authorizedGrantType: CLIENT_CREDENTIALS
    roleIds: [${ROLE}]
`;
    const catalog = parseClientCatalog(text);
    expect(catalog.entries.map((e) => e.key)).toEqual(["a", "b"]);
    expect(catalog.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^oauth-clients\.yaml: clients\.a\.registeredRedirectUri\[0\]: .*plain http/,
        ),
        expect.stringMatching(
          /^oauth-clients\.yaml: clients\.b\.authorizedGrantType: "CLIENT_CREDENTIALS" is a legacy spelling/,
        ),
        expect.stringMatching(/^oauth-clients\.yaml: clients\.b\.roleIds is deprecated by Genesys/),
        expect.stringMatching(
          /^oauth-clients\.yaml: clients\.a, clients\.b share the display name "Portal"/,
        ),
      ]),
    );
  });

  test("a missing file is a catalog error that says how to create one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "catalog-"));
    try {
      const file = path.join(dir, "oauth-clients.yaml");
      expect(() => loadClientCatalog(file, { fileName: "oauth-clients.yaml" })).toThrow(
        /oauth-clients\.yaml: the file does not exist .*genesys-oauth export/,
      );
      fs.writeFileSync(file, one("web", CODE));
      expect(loadClientCatalog(file).fileName).toBe(file);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
