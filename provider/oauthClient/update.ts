/**
 * `update` of the OAuthClient provider: PUT the full client when an API field changed, regenerate
 * the secret when a rotation is due or asked for, and otherwise only rewrite the outputs (no API
 * call: a change of `deletionGuard`, or a package upgrade, never touches the org).
 */
import type { OAuthClient } from "../api/models";
import { isOutcomeUnknown } from "../api/errors";
import { diffClient } from "./diff";
import {
  describeError,
  disabledMessage,
  isDisabledError,
  isNotFound,
  PartialFailureError,
} from "./errors";
import { outputsOnlyUpdate, toClientRequest, toOutputs } from "./mapping";
import { isOwnClient, needsHomeDivision, ownClientError, rotateSecret } from "./operations";
import type { Session } from "./session";
import type { NormalizedInputs, OAuthClientOutputs } from "./types";

/**
 * Applies the new inputs to the client `id`. Contract: on success the outputs describe the client
 * as it is now; when the PUT succeeded but the rotation failed, a {@link PartialFailureError}
 * records the client as changed with its old secret (or none, when the rotation's outcome is
 * unknown), and the next `up` rotates again. Nothing is retried blindly here: `api/` owns retries.
 */
export async function updateClient(
  session: Session,
  id: string,
  olds: Record<string, unknown>,
  inputs: NormalizedInputs,
  provider: unknown,
): Promise<OAuthClientOutputs> {
  const plan = diffClient(olds, inputs, { now: session.now() });
  if (plan.error) throw new Error(plan.error);
  // Refused before any write: a PUT followed by a refused rotation would be half an update.
  if (plan.rotate && isOwnClient(session, id)) throw ownClientError(inputs.name, id, "rotate");
  // The reason of a rotation was already printed by diff, which the engine runs first.
  const priorHome = typeof olds.homeDivisionId === "string" ? olds.homeDivisionId : undefined;
  const home =
    priorHome ?? (needsHomeDivision(inputs) ? await session.homeDivisionId() : undefined);
  const priorSecret = typeof olds.clientSecret === "string" ? olds.clientSecret : undefined;
  const priorRotatedAt =
    typeof olds.secretRotatedAt === "string" ? olds.secretRotatedAt : undefined;

  if (!plan.apiUpdate && !plan.rotate) {
    const outs = outputsOnlyUpdate(olds, inputs, { providerVersion: session.version });
    return home !== undefined ? { ...outs, homeDivisionId: home } : outs;
  }

  let live: OAuthClient | undefined;
  if (plan.apiUpdate) {
    try {
      live = await session.api.putOauthClient(id, toClientRequest(inputs, home));
    } catch (err) {
      if (isDisabledError(err)) throw new Error(disabledMessage(inputs.name, id, "update"));
      if (isNotFound(err)) {
        throw new Error(
          `OAuth client "${inputs.name}" (${id}) no longer exists in Genesys Cloud. Run ` +
            "`pulumi refresh` (or `pulumi up --refresh`) so the stack forgets it and creates it anew.",
        );
      }
      throw err;
    }
  }
  const changed = (client: OAuthClient, secret?: string, rotatedAt?: string | Date) =>
    toOutputs(inputs, client, {
      clientSecret: secret,
      secretRotatedAt: rotatedAt,
      homeDivisionId: home,
      providerVersion: session.version,
    });

  if (!plan.rotate) return changed(live as OAuthClient, priorSecret, priorRotatedAt);

  try {
    const rotated = await rotateSecret(session, id);
    return changed(rotated, rotated.secret, session.now());
  } catch (err) {
    if (isDisabledError(err))
      throw new Error(disabledMessage(inputs.name, id, "rotate the secret of"));
    const unknown = isOutcomeUnknown(err);
    const base = live ? changed(live, priorSecret, priorRotatedAt) : { ...olds };
    const {
      clientSecret: _secret,
      secretRotationTrigger: _trigger,
      ...withoutSecret
    } = base as Record<string, unknown>;
    const recorded = unknown
      ? withoutSecret
      : { ...withoutSecret, ...(priorSecret !== undefined ? { clientSecret: priorSecret } : {}) };
    if (typeof olds.secretRotationTrigger === "string") {
      recorded.secretRotationTrigger = olds.secretRotationTrigger;
    }
    throw new PartialFailureError(
      `Regenerating the secret of OAuth client "${inputs.name}" (${id}) failed: ${describeError(err)}. ` +
        (unknown
          ? "The secret may have been regenerated without the response arriving, so the stack no " +
            "longer holds a secret for it; the next `pulumi up` regenerates it again."
          : "The stack keeps the current secret; the next `pulumi up` tries the rotation again."),
      id,
      recorded,
      provider,
    );
  }
}
