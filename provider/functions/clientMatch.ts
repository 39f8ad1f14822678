/**
 * Picking one OAuth client out of a listing by its name: pure functions of the listing, so the
 * rules (exact or case-insensitive match, deleted clients ignored, similar names when none
 * matches) are tested without a server.
 */
import type { OAuthClient } from "../api/models";
import { editDistance } from "../oauthClient/suggest";
import { OAuthClientMatchError, type OAuthClientCandidate } from "./errors";

/** The most similar names an {@link OAuthClientMatchError} lists. */
export const MAX_SIMILAR_NAMES = 5;

/** A copy of a client without `secret` (the API never returns it on GET; this makes sure). */
export function withoutSecret<T extends OAuthClient>(client: T): T {
  const copy = { ...client };
  delete copy.secret;
  return copy;
}

/** True for a client that is being removed (`state: "deleted"`); lookups skip those. */
export function isDeleted(client: OAuthClient): boolean {
  return client.state === "deleted";
}

function candidate(c: OAuthClient): OAuthClientCandidate {
  const out: OAuthClientCandidate = { id: c.id ?? "(no id)", name: c.name };
  if (c.state !== undefined) out.state = c.state;
  if (c.dateCreated !== undefined) out.dateCreated = c.dateCreated;
  return out;
}

/** Lower case without spaces, `_`, `-` and `.`: `CI Robot`, `ci-robot` and `ci_robot` fold alike. */
function fold(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.]/g, "");
}

/**
 * The clients whose names resemble `name`: equal after folding case and separators, containing
 * one another, or a few edits apart (about a third of the length, at most 3). Closest first.
 */
export function similarClients(
  clients: readonly OAuthClient[],
  name: string,
  limit = MAX_SIMILAR_NAMES,
): OAuthClient[] {
  const wanted = fold(name);
  const allowed = Math.min(3, Math.max(1, Math.floor(wanted.length / 3)));
  const scored: { client: OAuthClient; score: number }[] = [];
  for (const client of clients) {
    if (typeof client.name !== "string") continue;
    const folded = fold(client.name);
    let score: number | undefined;
    if (folded === wanted) score = 0;
    else if (wanted.length >= 3 && (folded.includes(wanted) || wanted.includes(folded))) {
      score = 1;
    } else {
      const d = editDistance(wanted, folded);
      if (d <= allowed) score = 1 + d;
    }
    if (score !== undefined) scored.push({ client, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.client.name.localeCompare(b.client.name))
    .slice(0, limit)
    .map((s) => s.client);
}

function byCreation(a: OAuthClient, b: OAuthClient): number {
  return (a.dateCreated ?? "").localeCompare(b.dateCreated ?? "");
}

/**
 * The one non-deleted client named `name` (exactly, or ignoring case). Throws
 * {@link OAuthClientMatchError}: `ambiguous` listing every client of that name (oldest first),
 * or `notFound` listing clients with similar names.
 */
export function matchClientByName(
  clients: readonly OAuthClient[],
  name: string,
  ignoreCase = false,
): OAuthClient {
  const live = clients.filter((c) => !isDeleted(c));
  const wanted = ignoreCase ? name.toLowerCase() : name;
  const matches = live.filter(
    (c) => typeof c.name === "string" && (ignoreCase ? c.name.toLowerCase() : c.name) === wanted,
  );
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw new OAuthClientMatchError(
      "ambiguous",
      name,
      ignoreCase,
      [...matches].sort(byCreation).map(candidate),
    );
  }
  throw new OAuthClientMatchError(
    "notFound",
    name,
    ignoreCase,
    similarClients(live, name).map(candidate),
  );
}
