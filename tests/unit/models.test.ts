import * as fs from "fs";
import * as path from "path";
import { GRANT_TYPES, CLIENT_STATES, USAGE_METRICS } from "../../provider/api/models";

const swagger = JSON.parse(
  fs.readFileSync(path.join(__dirname, "../fixtures/genesys-oauth-swagger.json"), "utf8"),
);

describe("models follow the API's Swagger definitions", () => {
  it("lists exactly the documented grant types", () => {
    expect([...GRANT_TYPES]).toEqual(
      swagger.definitions.OAuthClientRequest.properties.authorizedGrantType.enum,
    );
  });
  it("lists exactly the documented client states", () => {
    expect([...CLIENT_STATES]).toEqual(swagger.definitions.OAuthClient.properties.state.enum);
  });
  it("lists exactly the documented usage metrics", () => {
    expect([...USAGE_METRICS]).toEqual(
      swagger.definitions.ApiUsageClientQuery.properties.metrics.items.enum,
    );
  });
});

describe("models are documented field by field", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiler API, for parsing
  const ts = require("typescript") as typeof import("typescript");
  const file = path.join(__dirname, "../../provider/api/models.ts");
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, "utf8"),
    ts.ScriptTarget.ES2022,
    true,
  );

  /** `Interface.field` of every member of every exported interface that has no doc comment. */
  function undocumented(): string[] {
    const missing: string[] = [];
    for (const statement of source.statements) {
      if (!ts.isInterfaceDeclaration(statement)) continue;
      const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (!exported) continue;
      for (const member of statement.members) {
        const docs = (member as unknown as { jsDoc?: unknown[] }).jsDoc ?? [];
        if (docs.length === 0)
          missing.push(`${statement.name.text}.${member.name?.getText(source)}`);
      }
    }
    return missing;
  }

  it("has a doc comment on every field of every exported interface", () => {
    expect(undocumented()).toEqual([]);
  });

  it("uses the Swagger description where the API gives one", () => {
    const text = source.getFullText();
    for (const description of [
      "Role to be associated with the given division which forms a grant.",
      "Date this client was created (ISO-8601).",
      "Number of requests resulting in a 5xx HTTP status code.",
      "URI where the query results can be retrieved.",
    ]) {
      expect(text).toContain(description);
    }
  });
});
