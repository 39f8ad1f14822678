/**
 * The root stack's program: applies the client catalog (`oauth-clients.yaml`) to this stack's
 * Genesys Cloud org. Every stack runs the same program and the same catalog; the stack config
 * (`Pulumi.<stack>.yaml`) says which org (`genesyscloud:*`) and supplies the per-org values of the
 * catalog's `${name}` references (`genesys-oauth-clients:vars`). See provider/catalog/README.md.
 *
 * Stack config of this project (namespace `genesys-oauth-clients`):
 * - `vars`: the catalog variables (an object);
 * - `catalog`: the catalog file relative to the project directory (default `oauth-clients.yaml`);
 * - `protect`: `"true"` protects every client from deletion by a deployment.
 *
 * Stack outputs: `clientIds` (entry key → client id), `clientSecrets` (entry key → secret, as one
 * Pulumi secret; `pulumi stack output --show-secrets clientSecrets`) and `clients` (entry key →
 * name, grant type, state).
 */
import * as path from "path";
import { catalogStackProgram, type CatalogStackOutputs } from "pulumi-genesyscloud-oauth";

export = function program(): CatalogStackOutputs {
  return catalogStackProgram({ projectDir: path.resolve(__dirname, "..") });
};
