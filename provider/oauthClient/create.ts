/**
 * `create` of the OAuthClient provider: POST a new client (or adopt an existing one), make it
 * inactive when asked, and never leave a client behind that the state does not know about.
 */
import { isOutcomeUnknown } from "../api/errors";
import type { OAuthClient } from "../api/models";
import { describeError, disabledMessage, PartialFailureError } from "./errors";
import { diffClient } from "./diff";
import { outputsFromLive, toClientRequest, toOutputs } from "./mapping";
import {
  getClientIfExists,
  isOwnClient,
  needsHomeDivision,
  ownClientError,
  ownClientWarning,
  rotateSecret,
} from "./operations";
import type { Session } from "./session";
import type { NormalizedInputs, OAuthClientOutputs } from "./types";

/** Clock skew tolerated when matching a client to a create whose response was lost. */
const RECONCILE_SKEW_MS = 5 * 60_000;
/** How often a create whose outcome stays unknown is looked up and retried. */
const MAX_CREATE_ATTEMPTS = 3;
/** The shortest pause between two looks for a create that timed out and may still land. */
const LOOK_AGAIN_MIN_MS = 250;

/** The result of a create: the client id and the outputs. */
export interface Created {
  id: string;
  outs: OAuthClientOutputs;
}

/**
 * Creates the client: resolves the home division when a role omits its division, POSTs with
 * `state: active` (the only state the API creates), then PUTs `inactive` when that was asked. A
 * failure after the POST throws {@link PartialFailureError} so the engine records the client.
 */
export async function createClient(
  session: Session,
  inputs: NormalizedInputs,
  provider: unknown,
): Promise<Created> {
  if (inputs.adoptClientId !== undefined) return adoptClient(session, inputs, provider);
  const home = needsHomeDivision(inputs) ? await session.homeDivisionId() : undefined;
  const body = toClientRequest(inputs, home, { state: "active" });
  const created = await postOnce(session, inputs, body);
  if (created.recovered) {
    created.client = await recoverSecret(session, inputs, created.client, home, provider);
  }
  const secret = created.client.secret;
  let outs = toOutputs(inputs, created.client, {
    clientSecret: secret,
    homeDivisionId: home,
    providerVersion: session.version,
    ...(created.recovered ? { secretRotatedAt: created.client.dateModified ?? session.now() } : {}),
  });
  const id = outs.clientId;
  if (inputs.state === "inactive") {
    try {
      const live = await session.api.putOauthClient(id, toClientRequest(inputs, home));
      outs = toOutputs(inputs, live, {
        clientSecret: outs.clientSecret,
        secretRotatedAt: outs.secretRotatedAt,
        homeDivisionId: home,
        providerVersion: session.version,
      });
    } catch (err) {
      const recorded = { ...outs, state: "active" };
      throw new PartialFailureError(
        `OAuth client "${inputs.name}" was created (${id}) but making it inactive failed: ` +
          `${describeError(err)}. It is recorded in the stack as active; the next \`pulumi up\` ` +
          `makes it inactive.`,
        id,
        recorded,
        provider,
      );
    }
  }
  return { id, outs };
}

interface Posted {
  client: OAuthClient;
  /** True when the POST's response (and with it the secret) was lost and the client was found. */
  recovered: boolean;
}

/**
 * Regenerates the secret of a client found after its create's response was lost (the secret was
 * in that response). If that fails, the client still exists: a {@link PartialFailureError} records
 * it without a secret (and without the rotation trigger, so a declared trigger regenerates the
 * secret on the next `up`) instead of leaving it orphaned.
 */
async function recoverSecret(
  session: Session,
  inputs: NormalizedInputs,
  found: OAuthClient,
  home: string | undefined,
  provider: unknown,
): Promise<OAuthClient> {
  const id = found.id as string;
  try {
    const client = await rotateSecret(session, id);
    console.log(
      `OAuth client "${inputs.name}": the create request's response was lost; found the ` +
        `client it created (${id}) and regenerated its secret.`,
    );
    return client;
  } catch (err) {
    const outs = toOutputs(inputs, found, {
      homeDivisionId: home,
      providerVersion: session.version,
    });
    const { secretRotationTrigger: _trigger, clientSecret: _secret, ...recorded } = outs;
    throw new PartialFailureError(
      `OAuth client "${inputs.name}" was created (${id}), but the create's response was lost ` +
        `and regenerating its secret failed: ${describeError(err)}. It is recorded in the stack ` +
        "without a secret; the next `pulumi up` regenerates it when secretRotationTrigger is set " +
        "(set or change it otherwise).",
      id,
      { ...recorded, state: "active" },
      provider,
    );
  }
}

/**
 * POSTs the client. When the outcome is unknown (the connection broke after the request was sent,
 * or a 5xx that may have been applied), it does not blindly POST again: it looks for the client
 * that request created (same name and fields, created since the attempt) and takes it over,
 * regenerating its secret because the original response, and with it the secret, was lost. A
 * request that timed out may still be running, so it is given one more request timeout to land
 * (looking a few times) before concluding it created nothing. Only when no such client exists
 * does it POST again. Two or more candidates fail with their ids rather than guess.
 */
async function postOnce(
  session: Session,
  inputs: NormalizedInputs,
  body: ReturnType<typeof toClientRequest>,
): Promise<Posted> {
  for (let attempt = 1; ; attempt++) {
    const startedAt = Date.now();
    try {
      return { client: await session.api.postOauthClients(body), recovered: false };
    } catch (err) {
      if (!isOutcomeUnknown(err)) throw err;
      const since = startedAt - RECONCILE_SKEW_MS;
      const look = () => lookForLostCreate(session, inputs, since, err);
      let found = await look();
      const patience = mayStillLand(err) ? session.options.requestTimeoutMs : 0;
      const step = Math.max(LOOK_AGAIN_MIN_MS, Math.ceil(patience / 4));
      for (let waited = 0; found.length === 0 && waited < patience; waited += step) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(step, patience - waited)));
        found = await look();
      }
      if (found.length === 1) return { client: found[0], recovered: true };
      if (found.length > 1) {
        const ids = found.map((c) => `${c.id} (created ${c.dateCreated ?? "?"})`).join(", ");
        throw new Error(
          `Creating OAuth client "${inputs.name}" failed with an unknown outcome (${describeError(err)}), ` +
            `and ${found.length} matching clients were created since: ${ids}. Not guessing which ` +
            "one is ours: delete the extra ones in Genesys Cloud, or set adoptClientId to the one to " +
            "keep, then run `pulumi up` again.",
        );
      }
      if (attempt >= MAX_CREATE_ATTEMPTS) throw err;
    }
  }
}

/**
 * True when a failed request may still be applied later: it timed out at the client, or a
 * gateway timed out waiting for the backend (504).
 */
function mayStillLand(err: unknown): boolean {
  const e = err as { name?: unknown; kind?: unknown; status?: unknown };
  return (
    (e.name === "GenesysNetworkError" && e.kind === "timeout") ||
    (e.name === "GenesysApiError" && e.status === 504)
  );
}

/**
 * {@link findCreated}, with a failure of the search itself turned into an error that says what is
 * at stake: the lost create may have made a client the stack does not know about.
 */
async function lookForLostCreate(
  session: Session,
  inputs: NormalizedInputs,
  sinceMs: number,
  createError: unknown,
): Promise<OAuthClient[]> {
  try {
    return await findCreated(session, inputs, sinceMs);
  } catch (err) {
    throw new Error(
      `Creating OAuth client "${inputs.name}" may have created it (the response was lost: ` +
        `${describeError(createError)}) and looking for it failed: ${describeError(err)}; check ` +
        `Genesys Cloud for a client named "${inputs.name}" before running pulumi up again (delete ` +
        "it, or set adoptClientId to its id), so the next up does not create a second one.",
    );
  }
}

/**
 * Clients matching the create request, made since `sinceMs` and not deleted. The listing only
 * narrows the candidates (same name, created since the attempt): it may leave out fields such as
 * `roleDivisions`, so each candidate is read with its own GET and compared in full.
 */
async function findCreated(
  session: Session,
  inputs: NormalizedInputs,
  sinceMs: number,
): Promise<OAuthClient[]> {
  const listing = await session.api.getOauthClients();
  const candidates = (listing.entities ?? []).filter((client) => {
    if (client.name !== inputs.name || typeof client.id !== "string") return false;
    const created = Date.parse(client.dateCreated ?? "");
    return Number.isFinite(created) && created >= sinceMs;
  });
  if (candidates.length === 0) return [];
  const home = needsHomeDivision(inputs) ? await session.homeDivisionId() : undefined;
  const wanted = { ...inputs, state: "active" };
  const found: OAuthClient[] = [];
  for (const candidate of candidates) {
    const client = await getClientIfExists(session, candidate.id as string);
    if (client === undefined) continue;
    const live = outputsFromLive({ homeDivisionId: home }, { ...client, id: candidate.id });
    const plan = diffClient(live, wanted, { now: session.now(), scheduledRotation: false });
    if (!plan.apiUpdate) found.push({ ...client, id: client.id ?? candidate.id });
  }
  return found;
}

/**
 * Takes over an existing client (`adoptClientId`): GETs it, PUTs the declared fields only when
 * they differ (so adopting a client as it is changes nothing in the org), and regenerates the
 * secret when a rotation trigger is set (otherwise the secret stays unknown to the stack, which
 * has no `clientSecret` output for it, and a diagnostic says so and how to get one).
 */
async function adoptClient(
  session: Session,
  inputs: NormalizedInputs,
  provider: unknown,
): Promise<Created> {
  const id = inputs.adoptClientId as string;
  let live = await getClientIfExists(session, id);
  if (live === undefined) {
    throw new Error(
      `adoptClientId: no OAuth client with id ${id} exists in this org (or it is being ` +
        "deleted); check the id (Admin > Integrations > OAuth, or getOauthClient({ name }))",
    );
  }
  if (live.state === "disabled") {
    throw new Error(disabledMessage(live.name, id, "adopt and change"));
  }
  if (isOwnClient(session, id)) {
    // Refused before any write, so a failed adoption changes nothing.
    if (inputs.secretRotationTrigger !== undefined) throw ownClientError(inputs.name, id, "rotate");
    console.warn(ownClientWarning(inputs.name, id));
  }
  const home = needsHomeDivision(inputs) ? await session.homeDivisionId() : undefined;
  const current = outputsFromLive({ homeDivisionId: home }, live);
  const plan = diffClient(current, inputs, { now: session.now(), scheduledRotation: false });
  if (plan.apiUpdate) live = await session.api.putOauthClient(id, toClientRequest(inputs, home));
  let outs = toOutputs(inputs, live, { homeDivisionId: home, providerVersion: session.version });
  if (inputs.secretRotationTrigger === undefined) {
    // Users expect an adopted client to have a clientSecret output like a created one; say why not.
    console.log(
      `OAuth client "${inputs.name}" (${id}) adopted. Genesys Cloud never returns an existing ` +
        "secret, so the stack has no clientSecret for it; set secretRotationTrigger to regenerate " +
        "the secret (applications using the old one must then be updated).",
    );
  } else {
    try {
      const rotated = await rotateSecret(session, id);
      outs = toOutputs(inputs, rotated, {
        clientSecret: rotated.secret,
        secretRotatedAt: session.now(),
        homeDivisionId: home,
        providerVersion: session.version,
      });
    } catch (err) {
      const { secretRotationTrigger: _trigger, ...recorded } = outs;
      throw new PartialFailureError(
        `OAuth client "${inputs.name}" (${id}) was adopted, but regenerating its secret failed: ` +
          `${describeError(err)}. The next \`pulumi up\` regenerates it.`,
        id,
        recorded,
        provider,
      );
    }
  }
  return { id, outs };
}
