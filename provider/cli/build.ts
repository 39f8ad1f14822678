/**
 * The core of `genesys-oauth export`, free of I/O: the org's clients in, catalog entries (each
 * adopting its client with every field as the org reports it) and the skipped clients out, plus
 * the file text. Adopting an exported entry changes nothing in the org: the entry holds exactly
 * what `diff` compares (explicit divisions, the exact description, lifetime, redirects, scopes,
 * state), and nothing that would make the provider write (no rotation trigger, no schedule).
 */
import type { OAuthClient } from "../api/models";
import { DEFAULT_CATALOG_FILE, type CatalogClientArgs } from "../catalog/format";
import { parseClientCatalog } from "../catalog/parse";
import { renderClientCatalog, type RenderEntry } from "../catalog/render";
import { uniqueKeys } from "../catalog/slug";
import { compareStrings, sortRoleDivisions, sortStrings } from "../oauthClient/normalize";
import { checkInputs } from "../oauthClient/validate";

/** Why a client was left out of the export. */
export type SkipReason = "disabled" | "deleted" | "self" | "unmanageable" | "no-id";

/** A client the export left out, and why. */
export interface SkippedClient {
  /** The client id (`""` when the API reported none). */
  id: string;
  /** The display name. */
  name: string;
  /** The reason, as a code. */
  reason: SkipReason;
  /** The reason, as a sentence saying what it means. */
  detail: string;
}

/** One exported client. */
export interface ExportedClient {
  /** The entry key derived from the name. */
  key: string;
  /** The client id (also `args.adoptClientId`). */
  id: string;
  /** The entry's arguments. */
  args: CatalogClientArgs;
}

/** Options of {@link buildClientExport}. */
export interface BuildExportOptions {
  /** Export time, written in the header. */
  exportedAt: Date;
  /** The org's API base URL, written in the header. */
  apiUrl: string;
  /** The org's region, when known, written in the header. */
  region?: string;
  /** The file name the header names. Default `oauth-clients.yaml`. */
  fileName?: string;
  /** The id of the client whose credentials run the export (left out unless `includeSelf`). */
  selfClientId?: string;
  /** Export the credentials' own client too. Default false. */
  includeSelf?: boolean;
  /** The package version, written in the header. */
  toolVersion?: string;
}

/** The result of {@link buildClientExport}. */
export interface ClientExport {
  /** The exported clients, in file order. */
  exported: ExportedClient[];
  /** The clients left out, in the org's order of names. */
  skipped: SkippedClient[];
  /** The catalog file's text. */
  text: string;
}

/** The entry arguments that reproduce `client` exactly. */
export function clientToArgs(client: OAuthClient): CatalogClientArgs {
  const args: CatalogClientArgs = {
    name: client.name,
    adoptClientId: String(client.id).toLowerCase(),
    authorizedGrantType: client.authorizedGrantType,
  };
  if (typeof client.description === "string" && client.description !== "") {
    args.description = client.description;
  }
  if (typeof client.accessTokenValiditySeconds === "number") {
    args.accessTokenValiditySeconds = client.accessTokenValiditySeconds;
  }
  const redirects = sortStrings([...new Set(client.registeredRedirectUri ?? [])]);
  if (redirects.length > 0) args.registeredRedirectUri = redirects;
  const scope = sortStrings([...new Set(client.scope ?? [])]);
  if (scope.length > 0) args.scope = scope;
  const roles = (client.roleDivisions ?? []).map((r) => ({
    roleId: r.roleId,
    divisionId: r.divisionId,
  }));
  if (roles.length > 0) {
    const seen = new Set<string>();
    args.roleDivisions = sortRoleDivisions(roles).filter((r) => {
      const key = JSON.stringify([r.roleId, r.divisionId]);
      return seen.has(key) ? false : (seen.add(key), true);
    });
  } else if ((client.roleIds ?? []).length > 0) {
    // An API that reports only the deprecated mirror: those roles are in the home division.
    args.roleDivisions = sortStrings([...new Set(client.roleIds ?? [])]).map((roleId) => ({
      roleId,
    }));
  }
  if (typeof client.state === "string") args.state = client.state;
  return args;
}

function skipFor(
  client: OAuthClient,
  options: BuildExportOptions,
): Omit<SkippedClient, "id" | "name"> | undefined {
  const id = typeof client.id === "string" ? client.id.toLowerCase() : "";
  if (id === "") {
    return { reason: "no-id", detail: "the API reported it without an id" };
  }
  if (client.state === "disabled") {
    return {
      reason: "disabled",
      detail:
        "disabled by Genesys support: the API refuses every change to it, so it cannot be " +
        "managed (ask Genesys support to re-enable it first)",
    };
  }
  if (client.state === "deleted") {
    const when = client.dateToDelete ? ` (removed for good on ${client.dateToDelete})` : "";
    return { reason: "deleted", detail: `being deleted${when}` };
  }
  if (!options.includeSelf && options.selfClientId?.toLowerCase() === id) {
    return {
      reason: "self",
      detail:
        "the client of the credentials running this export: a stack managing its own " +
        "credentials can lock itself out (a removed entry deletes it, a rotation invalidates " +
        "them); pass --include-self to export it anyway",
    };
  }
  const check = checkInputs(undefined, clientToArgs(client));
  if (!check.ok) {
    const why = check.failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
    return {
      reason: "unmanageable",
      detail: `the provider cannot declare it as the org has it (${why}); declare it by hand`,
    };
  }
  return undefined;
}

function header(
  options: BuildExportOptions,
  exported: number,
  skipped: readonly SkippedClient[],
): string[] {
  const where = options.region ? `${options.apiUrl} (${options.region})` : options.apiUrl;
  const version = options.toolVersion ? ` (pulumi-genesyscloud-oauth ${options.toolVersion})` : "";
  const lines = [
    `${options.fileName ?? DEFAULT_CATALOG_FILE} — the OAuth clients of the Genesys Cloud org at ${where}`,
    `Exported by \`genesys-oauth export\`${version} at ${options.exportedAt.toISOString()}.`,
    "",
    "Every entry adopts an existing client (adoptClientId) with its fields exactly as the org",
    "reported them, so the first `pulumi up` takes the clients over without changing them.",
    "adoptClientId and role ids are ids of this org: once adopted, the adoptClientId lines can be",
    "removed. That makes no API call, but `pulumi preview` then shows each such client once as",
    "`~ update [diff: -adoptClientId]` (a drift job run with --expect-no-changes fails once),",
    "until the next `pulumi up` records it. Replace per-org values by ${variables} before applying",
    "this file to other orgs. No secret is exported (the API never returns one): set",
    "secretRotationTrigger on an entry to have Pulumi regenerate the secret and keep it.",
    "Format: provider/catalog/README.md of pulumi-genesyscloud-oauth.",
    "",
    `Exported ${exported} client${exported === 1 ? "" : "s"}; skipped ${skipped.length}` +
      (skipped.length > 0 ? ":" : "."),
  ];
  for (const s of skipped)
    lines.push(`  - ${JSON.stringify(s.name)} (${s.id || "no id"}): ${s.detail}`);
  return lines;
}

function entryComment(client: OAuthClient): string | undefined {
  const parts: string[] = [];
  if (client.dateCreated) parts.push(`created ${client.dateCreated}`);
  if (client.dateModified) parts.push(`last modified ${client.dateModified}`);
  return parts.length > 0 ? parts.join(", ") : undefined;
}

/**
 * Builds the export of an org's clients: skips those that cannot be managed (disabled by support,
 * being deleted, the credentials' own client unless `includeSelf`, anything the provider would
 * refuse), derives unique keys from the names (numbered in the order of names, then ids, so the
 * result is deterministic), and renders the file with the entries ordered by key. The text is
 * checked by loading it back.
 *
 * @param clients the org's clients, as `getOauthClients()` lists them
 * @param options header facts and the self-exclusion
 */
export function buildClientExport(
  clients: readonly OAuthClient[],
  options: BuildExportOptions,
): ClientExport {
  const sorted = [...clients].sort(
    (a, b) =>
      compareStrings(String(a.name ?? ""), String(b.name ?? "")) ||
      compareStrings(String(a.id ?? ""), String(b.id ?? "")),
  );
  const kept: OAuthClient[] = [];
  const skipped: SkippedClient[] = [];
  for (const client of sorted) {
    const skip = skipFor(client, options);
    if (skip === undefined) kept.push(client);
    else skipped.push({ id: String(client.id ?? ""), name: String(client.name ?? ""), ...skip });
  }
  // Keys are numbered in name order (deterministic); the file lists the entries by key.
  const keys = uniqueKeys(kept.map((c) => c.name));
  const rows = kept
    .map((client, i) => ({ client, key: keys[i] }))
    .sort((a, b) => compareStrings(a.key, b.key));
  const exported: ExportedClient[] = rows.map(({ client, key }) => ({
    key,
    id: String(client.id).toLowerCase(),
    args: clientToArgs(client),
  }));
  const entries: RenderEntry[] = rows.map(({ client, key }, i) => {
    const comment = entryComment(client);
    const args = exported[i].args;
    return comment === undefined ? { key, args } : { key, args, comment };
  });
  const text = renderClientCatalog(entries, { header: header(options, exported.length, skipped) });
  // The file must load as it is; a failure here is a bug in the export, not in the org.
  parseClientCatalog(text, { fileName: options.fileName ?? DEFAULT_CATALOG_FILE });
  return { exported, skipped, text };
}
