/** The settings a catalog stack reads from its stack config (`<project>:vars`, `catalog`, `protect`). */
import { CatalogStackConfigError, readCatalogStackConfig } from "../../provider/catalog";

const P = "genesys-oauth-clients";

describe("readCatalogStackConfig", () => {
  test("defaults: the sample catalog file, no variables, unprotected", () => {
    expect(readCatalogStackConfig({ "genesyscloud:awsRegion": "us-east-1" }, P)).toEqual({
      catalogFile: "oauth-clients.yaml",
      vars: {},
      varsSource: `the stack config ${P}:vars`,
      protect: false,
    });
  });

  test("reads the vars object with its types, the catalog file and protect", () => {
    const settings = readCatalogStackConfig(
      {
        [`${P}:vars`]: JSON.stringify({ host: "a.example.com", ttl: 3600, ids: ["x"] }),
        [`${P}:catalog`]: "clients/prod.yaml",
        [`${P}:protect`]: "true",
        "other-project:vars": "not ours",
      },
      P,
    );
    expect(settings).toMatchObject({
      catalogFile: "clients/prod.yaml",
      vars: { host: "a.example.com", ttl: 3600, ids: ["x"] },
      protect: true,
    });
  });

  test("refuses unknown keys of the namespace, a non-object vars and a bad protect, all at once", () => {
    let error: unknown;
    try {
      readCatalogStackConfig(
        {
          [`${P}:var`]: "{}",
          [`${P}:vars`]: "3600",
          [`${P}:protect`]: "yes",
          [`${P}:portalHost`]: "x",
        },
        P,
      );
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CatalogStackConfigError);
    const e = error as CatalogStackConfigError;
    expect(e.keys).toEqual([`${P}:portalHost`, `${P}:var`, `${P}:vars`, `${P}:protect`]);
    expect(e.message.split("\n")).toEqual([
      "The stack config has 4 problems:",
      expect.stringMatching(
        /genesys-oauth-clients:portalHost is not a setting of this stack: .*pulumi config set --path vars\.portalHost <value>/,
      ),
      expect.stringMatching(
        /genesys-oauth-clients:var is not a setting of this stack: did you mean "genesys-oauth-clients:vars"\?/,
      ),
      expect.stringMatching(
        /genesys-oauth-clients:vars must be an object of variables, not "3600"/,
      ),
      expect.stringMatching(/genesys-oauth-clients:protect must be true or false, not "yes"/),
    ]);
  });
});
