/**
 * Turns a loaded catalog into Pulumi resources: one `OAuthClient` per entry, named by its key.
 */
import * as pulumi from "@pulumi/pulumi";
import { OAuthClient, type OAuthClientArgs } from "../oauthClient/resource";
import type { CatalogEntry, ClientCatalog } from "./format";

/** Resource options for every client, or a function choosing them per entry. */
export type CatalogResourceOptions =
  | pulumi.CustomResourceOptions
  | ((entry: CatalogEntry) => pulumi.CustomResourceOptions | undefined);

/**
 * The arguments of an entry, with each of its `secretFields` wrapped in `pulumi.secret`: a value
 * taken from a secret variable must reach the state encrypted, and the engine encrypts an input
 * (and the output of the same name) only when the program marks it secret.
 */
function entryArgs(entry: CatalogEntry): OAuthClientArgs {
  const args: Record<string, unknown> = { ...entry.args };
  for (const field of entry.secretFields ?? []) {
    if (args[field] !== undefined) args[field] = pulumi.secret(args[field]);
  }
  return args as unknown as OAuthClientArgs;
}

/**
 * Declares one {@link OAuthClient} per catalog entry, with the entry key as the resource name and
 * the entry's fields as its arguments (fields from secret variables as Pulumi secrets), in file
 * order.
 *
 * @param catalog a catalog from `loadClientCatalog` / `parseClientCatalog` (already validated)
 * @param opts resource options for every client (e.g. `{ protect: true }`), or a function of the
 *   entry returning them
 * @returns the clients by entry key
 */
export function declareOAuthClients(
  catalog: ClientCatalog,
  opts?: CatalogResourceOptions,
): Record<string, OAuthClient> {
  const clients: Record<string, OAuthClient> = {};
  for (const entry of catalog.entries) {
    const options = typeof opts === "function" ? opts(entry) : opts;
    clients[entry.key] = new OAuthClient(entry.key, entryArgs(entry), options);
  }
  return clients;
}
