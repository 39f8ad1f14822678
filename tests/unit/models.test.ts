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
