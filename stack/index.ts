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
import * as pulumi from "@pulumi/pulumi";
import {
  CatalogStackConfigError,
  ClientCatalogError,
  declareOAuthClients,
  loadClientCatalog,
  readCatalogStackConfig,
  type ClientCatalog,
  type CatalogStackConfig,
} from "pulumi-genesyscloud-oauth";

/** The project directory (where Pulumi.yaml is); the catalog path is relative to it. */
const PROJECT_DIR = path.resolve(__dirname, "..");

/** What `clients` shows per client. */
interface ClientSummary {
  name: pulumi.Output<string>;
  authorizedGrantType: pulumi.Output<string>;
  state: pulumi.Output<string>;
}

/** The stack outputs. */
interface StackOutputs {
  clientIds: Record<string, pulumi.Output<string>>;
  clientSecrets: pulumi.Output<Record<string, string | undefined>>;
  clients: Record<string, ClientSummary>;
}

/** Reads the settings and the catalog; a mistake in either stops the run with the full list. */
function load(): { settings: CatalogStackConfig; catalog: ClientCatalog } {
  try {
    const settings = readCatalogStackConfig(pulumi.runtime.allConfig(), pulumi.getProject());
    const catalog = loadClientCatalog(path.resolve(PROJECT_DIR, settings.catalogFile), {
      fileName: settings.catalogFile,
      vars: settings.vars,
      varsSource: settings.varsSource,
    });
    return { settings, catalog };
  } catch (err) {
    // A RunError is shown without a stack trace: the message already says what to fix.
    if (err instanceof ClientCatalogError || err instanceof CatalogStackConfigError) {
      throw new pulumi.RunError(err.message);
    }
    throw err;
  }
}

export = function program(): StackOutputs {
  const { settings, catalog } = load();
  for (const warning of catalog.warnings) void pulumi.log.warn(warning);
  const clients = Object.entries(
    declareOAuthClients(catalog, settings.protect ? { protect: true } : undefined),
  );
  return {
    clientIds: Object.fromEntries(clients.map(([key, c]) => [key, c.clientId])),
    clientSecrets: pulumi.secret(
      Object.fromEntries(clients.map(([key, c]) => [key, c.clientSecret])),
    ),
    clients: Object.fromEntries(
      clients.map(([key, c]) => [
        key,
        { name: c.name, authorizedGrantType: c.authorizedGrantType, state: c.state },
      ]),
    ),
  };
};
