/**
 * Small steps shared by the provider's operations.
 */
import type { OAuthClient } from "../api/models";
import { collapseToPrior, liveRoleDivisions } from "./roles";
import type { Session } from "./session";
import {
  CLIENT_CREDENTIALS,
  type NormalizedInputs,
  type OAuthClientOutputs,
  type RoleDivisionInput,
} from "./types";

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
 * Writes the output roles in the form the program declared them: a role the program declared
 * without a division, and that the API reports in the home division, is written without one.
 * Outputs echo the inputs this way, so refresh can rebuild inputs that match the program exactly
 * (the host gives `read` only the outputs), and `homeDivisionId` says where such roles live.
 */
export function collapseRoles(
  outputs: OAuthClientOutputs,
  declared: { roleDivisions?: unknown },
): OAuthClientOutputs {
  if (!Array.isArray(outputs.roleDivisions) || !Array.isArray(declared.roleDivisions)) {
    return outputs;
  }
  const live = liveRoleDivisions(outputs.roleDivisions);
  const prior = declared.roleDivisions.filter(
    (r): r is RoleDivisionInput =>
      typeof r === "object" && r !== null && typeof (r as RoleDivisionInput).roleId === "string",
  );
  return {
    ...outputs,
    roleDivisions: collapseToPrior(live, prior, outputs.homeDivisionId),
  } as OAuthClientOutputs;
}

/** Regenerates the client's secret; the response must carry the new one. */
export async function rotateSecret(session: Session, id: string): Promise<OAuthClient> {
  const client = await session.api.postOauthClientSecret(id);
  if (typeof client.secret !== "string" || client.secret === "") {
    throw new Error(`POST /api/v2/oauth/clients/${id}/secret returned no secret`);
  }
  return client;
}
