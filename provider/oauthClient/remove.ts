/**
 * `delete` of the OAuthClient provider: the usage guard, then PUT `inactive` (the API only deletes
 * inactive clients) → DELETE → wait until the client is gone. A client that is already gone is a
 * success, guarded or not. Refused, with what to do instead: the client the deployment itself
 * logs in with, and a client Genesys support disabled (the API cannot delete it).
 */
import { GenesysApiError } from "../api/errors";
import type { OAuthClient } from "../api/models";
import { runUsageSummary } from "../functions/usagePolling";
import { disabledMessage, isDisabledError, isNotFound } from "./errors";
import { toClientRequest } from "./mapping";
import { getClientIfExists, isOwnClient, needsHomeDivision, ownClientError } from "./operations";
import type { Session } from "./session";
import { normalizeLenient } from "./validate";
import type { NormalizedInputs } from "./types";

/** Deletes the client `id` described by the state outputs `props`. */
export async function deleteClient(
  session: Session,
  id: string,
  props: Record<string, unknown>,
): Promise<void> {
  const inputs = normalizeLenient(props) as unknown as NormalizedInputs;
  const name = typeof props.name === "string" ? props.name : id;
  if (isOwnClient(session, id)) throw ownClientError(name, id, "delete");
  if ((await guardUsage(session, id, name, props)) === "gone") return;
  const home = typeof props.homeDivisionId === "string" ? props.homeDivisionId : undefined;
  if (props.state !== "inactive") {
    if (!(await makeInactive(session, id, name, inputs, home))) return;
  }
  try {
    await session.api.deleteOauthClient(id);
  } catch (err) {
    if (isNotFound(err)) return;
    if (!(err instanceof GenesysApiError && err.code === "cannot.delete.client")) throw err;
    // Someone made it active again since the state was written: make it inactive and retry once.
    if (!(await makeInactive(session, id, name, inputs, home))) return;
    try {
      await session.api.deleteOauthClient(id);
    } catch (again) {
      if (isNotFound(again)) return;
      throw again;
    }
  }
  await waitUntilGone(session, id, name);
}

/** PUTs the client with `state: inactive`; false when it turned out to be gone already. */
async function makeInactive(
  session: Session,
  id: string,
  name: string,
  inputs: NormalizedInputs,
  home: string | undefined,
): Promise<boolean> {
  let body: ReturnType<typeof toClientRequest> | undefined;
  try {
    const resolved =
      home ?? (needsHomeDivision(inputs) ? await session.homeDivisionId() : undefined);
    body = toClientRequest(inputs, resolved, { state: "inactive" });
  } catch {
    body = undefined;
  }
  try {
    if (body === undefined) {
      // The state cannot describe the client (written by an unknown version): use the live one.
      const live = await getClientIfExists(session, id);
      if (live === undefined) return false;
      await session.api.putOauthClient(id, { ...liveRequest(live), state: "inactive" });
    } else {
      await session.api.putOauthClient(id, body);
    }
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    if (isDisabledError(err)) throw new Error(disabledMessage(name, id, "deactivate and delete"));
    throw err;
  }
}

/** The request body that rewrites a live client as it is. */
function liveRequest(live: OAuthClient) {
  const {
    id: _id,
    secret: _s,
    dateCreated: _c,
    dateModified: _m,
    createdBy: _cb,
    modifiedBy: _mb,
    selfUri: _u,
    ...rest
  } = live;
  return rest;
}

/**
 * True when a client we just DELETEd is scheduled for removal rather than removed. Genesys says a
 * client older than 30 days "deactivates for seven days before permanent removal" (it can be
 * restored in that window), but not how the API reports such a client: as 404, as the `deleted`
 * state Terraform's provider checks for, or (not verified against a real org) as `inactive` with
 * `dateToDelete` set. Only after our own successful DELETE does the last one mean "gone": refresh
 * still reports an inactive client scheduled for deletion by someone else as present.
 */
function scheduledForRemoval(live: OAuthClient): boolean {
  return live.state === "inactive" && typeof live.dateToDelete === "string";
}

/**
 * Polls GET with backoff until the client is gone (404 or `state: deleted`) or scheduled for
 * removal (see {@link scheduledForRemoval}), at most `deleteWaitMs`.
 */
async function waitUntilGone(session: Session, id: string, name: string): Promise<void> {
  const deadline = Date.now() + session.options.deleteWaitMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
    const live = await getClientIfExists(session, id);
    if (live === undefined || scheduledForRemoval(live)) return;
    if (Date.now() + delay > deadline) {
      throw new Error(
        `OAuth client "${name}" (${id}) was deleted but still exists after ` +
          `${Math.round(session.options.deleteWaitMs / 1000)} s; run \`pulumi destroy\` (or \`up\`) ` +
          "again to check (a second delete of a client that is gone succeeds).",
      );
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/**
 * The deletion guard: asks for the client's usage over `deletionGuard.unusedForDays` days and
 * refuses to delete when it made any request, or when the usage could not be established (never
 * delete on unknown). `"gone"` when the usage query found no such client and a GET confirms it is
 * gone: there is nothing left to protect or delete, and the delete succeeds.
 */
async function guardUsage(
  session: Session,
  id: string,
  name: string,
  props: Record<string, unknown>,
): Promise<"gone" | "unused" | "unguarded"> {
  const guard = props.deletionGuard as { unusedForDays?: unknown } | undefined;
  const days = guard?.unusedForDays;
  if (typeof days !== "number") return "unguarded";
  const override =
    "To delete it anyway, remove `deletionGuard` from the resource, run `pulumi up`, then delete it.";
  let total: number;
  try {
    const summary = await runUsageSummary(session.api, id, days, {
      initialIntervalMs: session.options.usagePollIntervalMs,
      timeoutMs: session.options.usagePollTimeoutMs,
    });
    total = summary.totalRequests;
  } catch (err) {
    // A failed confirmation is no confirmation: the guard then refuses, as for any unknown.
    const gone = isNotFound(err) && !(await getClientIfExists(session, id).catch(() => true));
    if (gone) return "gone";
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(
      `Refusing to delete OAuth client "${name}" (${id}): its deletion guard could not establish ` +
        `its API usage over the last ${days} days (${why}). Nothing was changed. ${override}`,
    );
  }
  if (total > 0) {
    throw new Error(
      `Refusing to delete OAuth client "${name}" (${id}): it made ${total} API request` +
        `${total === 1 ? "" : "s"} in the last ${days} day${days === 1 ? "" : "s"} ` +
        `(deletionGuard.unusedForDays = ${days}), so something still uses it. The client was left ` +
        `untouched. ${override}`,
    );
  }
  return "unused";
}
