/**
 * Turns a loaded catalog into Pulumi resources: one `OAuthClient` per entry, named by its key.
 */
import type * as pulumi from "@pulumi/pulumi";
import { OAuthClient } from "../oauthClient/resource";
import type { CatalogEntry, ClientCatalog } from "./format";

/** Resource options for every client, or a function choosing them per entry. */
export type CatalogResourceOptions =
  | pulumi.CustomResourceOptions
  | ((entry: CatalogEntry) => pulumi.CustomResourceOptions | undefined);

/**
 * Declares one {@link OAuthClient} per catalog entry, with the entry key as the resource name and
 * the entry's fields as its arguments, in file order.
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
    clients[entry.key] = new OAuthClient(entry.key, { ...entry.args }, options);
  }
  return clients;
}
