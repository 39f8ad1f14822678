/**
 * The whole program of a catalog stack (the root stack of this repository, or a user's copy of
 * it): applies the client catalog to the stack's org. `stack/index.ts` is one call to it, and the
 * demo runs the same function, so what the demo shows is what `pulumi up` of the root stack does.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { declareOAuthClients } from "./declare";
import { ClientCatalogError, type ClientCatalog } from "./format";
import { loadClientCatalog } from "./parse";
import {
  CatalogStackConfigError,
  readCatalogStackConfig,
  type CatalogStackConfig,
} from "./stackConfig";

/** What `clients` shows per client. */
export interface CatalogClientSummary {
  /** The client's name in Genesys Cloud. */
  name: pulumi.Output<string>;
  /** Its grant type. */
  authorizedGrantType: pulumi.Output<string>;
  /** `active` or `inactive`. */
  state: pulumi.Output<string>;
}

/** The stack outputs of a catalog stack. */
export interface CatalogStackOutputs {
  /** Entry key → client id. */
  clientIds: Record<string, pulumi.Output<string>>;
  /** Entry key → client secret, as one Pulumi secret (`pulumi stack output --show-secrets`). */
  clientSecrets: pulumi.Output<Record<string, string | undefined>>;
  /** Entry key → name, grant type and state. */
  clients: Record<string, CatalogClientSummary>;
}

/** Options of {@link catalogStackProgram}. */
export interface CatalogStackProgramOptions {
  /** The project directory (where Pulumi.yaml is); the catalog path is relative to it. */
  projectDir: string;
  /** Edits the loaded catalog before it is declared (the demo uses it to change a trigger). */
  transform?: (catalog: ClientCatalog) => ClientCatalog;
}

/**
 * True when the stack config value `key` was set with `--secret`. `allConfig()` hands out the
 * decrypted text, so this is the only sign that a value must stay encrypted. The SDK's
 * `runtime.isConfigSecret` does not appear in its type declarations (it is marked internal) but
 * exists at run time; without it, the secret keys list the language host passes is read.
 */
function isSecretConfig(key: string): boolean {
  const runtime = pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean };
  if (typeof runtime.isConfigSecret === "function") return runtime.isConfigSecret(key);
  try {
    const keys: unknown = JSON.parse(process.env.PULUMI_CONFIG_SECRET_KEYS ?? "[]");
    return Array.isArray(keys) && keys.includes(key);
  } catch {
    return false;
  }
}

/** Reads the settings and the catalog; a mistake in either stops the run with the full list. */
function load(options: CatalogStackProgramOptions): {
  settings: CatalogStackConfig;
  catalog: ClientCatalog;
} {
  try {
    const project = pulumi.getProject();
    const settings = readCatalogStackConfig(pulumi.runtime.allConfig(), project);
    const catalog = loadClientCatalog(path.resolve(options.projectDir, settings.catalogFile), {
      fileName: settings.catalogFile,
      vars: settings.vars,
      varsSource: settings.varsSource,
      secretVars: isSecretConfig(`${project}:vars`),
    });
    return { settings, catalog: options.transform ? options.transform(catalog) : catalog };
  } catch (err) {
    // A RunError is shown without a stack trace: the message already says what to fix.
    if (err instanceof ClientCatalogError || err instanceof CatalogStackConfigError) {
      throw new pulumi.RunError(err.message);
    }
    throw err;
  }
}

/**
 * Runs a catalog stack: reads the stack config of the project's namespace (`vars`, `catalog`,
 * `protect`; see `readCatalogStackConfig`), loads and validates the catalog, declares one
 * `OAuthClient` per entry and returns the stack outputs. Call it as the body of a Pulumi program.
 * When `vars` is a secret (`pulumi config set --secret`), every client field that uses a variable
 * is declared as a Pulumi secret, so the state stores it encrypted.
 */
export function catalogStackProgram(options: CatalogStackProgramOptions): CatalogStackOutputs {
  const { settings, catalog } = load(options);
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
}
