/**
 * Small steps shared by the provider's operations.
 */
import type { OAuthClient } from "../api/models";
import type { Session } from "./session";
import { CLIENT_CREDENTIALS, type NormalizedInputs } from "./types";

/**
 * True when the client's roles involve the org's home division: a role declared without a
 * division, or deprecated `roleIds` (the API grants them in the home division). The request needs
 * it to resolve the former; comparing the declared roles with the live ones needs it for both, so
 * it is looked up and recorded as `homeDivisionId`.
 */
export function needsHomeDivision(inputs: NormalizedInputs): boolean {
  if (inputs.authorizedGrantType !== CLIENT_CREDENTIALS) return false;
  if (Array.isArray(inputs.roleIds) && inputs.roleIds.length > 0) return true;
  return (inputs.roleDivisions ?? []).some((r) => r.divisionId === undefined);
}

/**
 * The client `id` as a GET finds it, or `undefined` when it is gone: a 404, or the `deleted` state
 * a client being removed reports (Terraform's provider treats both as gone). Any other failure is
 * thrown. The one place that decides "gone"; `read`, `delete` and adoption all use it.
 */
export async function getClientIfExists(
  session: Session,
  id: string,
): Promise<OAuthClient | undefined> {
  const live = await session.api.getOauthClientIfExists(id);
  return live?.state === "deleted" ? undefined : live;
}

/**
 * True when `id` is the client whose credentials the provider itself logs in with. Deleting it or
 * regenerating its secret would invalidate the credentials of the running deployment: the rest of
 * the `pulumi up` (and every later one) would fail to authenticate.
 */
export function isOwnClient(session: Session, id: string): boolean {
  const own = session.ownClientId();
  return own !== undefined && own.toLowerCase() === id.toLowerCase();
}

const OWN_CREDENTIALS = "genesyscloud:oauthclientId / GENESYSCLOUD_OAUTHCLIENT_ID";

/** The refusal to delete, or regenerate the secret of, the client the deployment logs in with. */
export function ownClientError(name: string, id: string, action: "delete" | "rotate"): Error {
  const what =
    action === "delete"
      ? `Refusing to delete OAuth client "${name}" (${id}): it is the client this stack deploys ` +
        `with (${OWN_CREDENTIALS}), so deleting it would lock the deployment out halfway.`
      : `Refusing to regenerate the secret of OAuth client "${name}" (${id}): it is the client ` +
        `this stack deploys with (${OWN_CREDENTIALS}), so a new secret would invalidate the ` +
        "credentials of this very deployment.";
  const instead =
    action === "delete"
      ? "To delete it, run this stack with the credentials of another client; to keep it and " +
        "stop managing it, run `pulumi state delete <urn>` and remove it from the program."
      : "Manage this client from a stack that deploys with the credentials of another client, or " +
        "remove secretRotationTrigger and rotateAfterDays from it.";
  return new Error(`${what} Nothing was changed. ${instead}`);
}

/** The advice printed when a resource adopts the client the deployment logs in with. */
export function ownClientWarning(name: string, id: string): string {
  return (
    `OAuth client "${name}" (${id}) is the client this stack deploys with (${OWN_CREDENTIALS}). ` +
    "This stack will refuse to delete it or regenerate its secret (either would lock the " +
    "deployment out), and role changes to it change the stack's own permissions: prefer " +
    "managing it from a stack that uses the credentials of another client."
  );
}

/** Regenerates the client's secret; the response must carry the new one. */
export async function rotateSecret(session: Session, id: string): Promise<OAuthClient> {
  const client = await session.api.postOauthClientSecret(id);
  if (typeof client.secret !== "string" || client.secret === "") {
    throw new Error(`POST /api/v2/oauth/clients/${id}/secret returned no secret`);
  }
  return client;
}
