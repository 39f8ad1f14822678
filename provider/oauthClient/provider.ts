/**
 * `OAuthClientProvider`: the dynamic resource provider of `OAuthClient`, as it runs inside the
 * Pulumi dynamic-provider host. `OAuthClient` does not serialize this class into the state; it
 * serializes a small stub that loads it from the installed package (see `stub.ts`), so refresh
 * and destroy always run the installed version.
 */
import type * as pulumi from "@pulumi/pulumi";
import { asRecord } from "../api/json";
import { createClient } from "./create";
import { diffClient } from "./diff";
import { isNotFound } from "./errors";
import { inputsFromLive, outputsFromLive } from "./mapping";
import { isUnknown } from "./normalize";
import { getClientIfExists, needsHomeDivision } from "./operations";
import { deleteClient } from "./remove";
import { Session } from "./session";
import { updateClient } from "./update";
import type { NormalizedInputs } from "./types";
import { checkInputs, normalizeLenient, requireNormalizedInputs } from "./validate";

/**
 * How messages name a client: `OAuth client "name" (id)`, leaving out what is not known. In a
 * preview the name may be the engine's unknown sentinel (it comes from another resource's
 * output), which must never be printed as if it were a name.
 */
function clientLabel(name: unknown, id?: string): string {
  const known = typeof name === "string" && !isUnknown(name) ? `"${name}"` : undefined;
  if (known !== undefined) return `OAuth client ${known}${id ? ` (${id})` : ""}`;
  return id ? `OAuth client ${id}` : "an OAuth client";
}

/** The Pulumi dynamic resource provider of Genesys Cloud OAuth clients. */
export class OAuthClientProvider implements pulumi.dynamic.ResourceProvider {
  private readonly session = new Session();

  /**
   * Reads the connection settings from the stack config (`genesyscloud:*`) with environment
   * fallbacks. Never throws: a missing or bad setting is reported by the first operation.
   */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.session.configure((key) => req.config.get(key));
  }

  /**
   * Validates and normalizes the inputs without calling the API. Failures name the field and the
   * fix; unknown values (preview) pass through. Warnings are printed as diagnostics. Fails when the
   * connection settings are missing or malformed, so a preview reports it before anything runs.
   */
  async check(olds: unknown, news: unknown): Promise<pulumi.dynamic.CheckResult> {
    this.session.assertConfigured();
    const result = checkInputs(olds, news);
    const label = clientLabel(asRecord(news).name);
    for (const warning of result.warnings) console.warn(`${label}: ${warning}`);
    return result.ok
      ? { inputs: result.inputs as Record<string, unknown> }
      : { inputs: asRecord(news), failures: result.failures };
  }

  /**
   * Compares the new inputs with the previous outputs. Nothing ever forces a replacement: the API
   * changes every field in place. A package upgrade alone is never a change. A due scheduled
   * rotation is a change. Whenever a rotation is due, the reason is printed (the CLI shows it
   * under the preview), because applications using the client must then get the new secret. The
   * engine also calls this inverted for the refresh display, so the message states what is due and
   * what regenerates it, which is true in both directions.
   */
  async diff(id: string, olds: unknown, news: unknown): Promise<pulumi.dynamic.DiffResult> {
    const outcome = diffClient(olds, news, { now: this.session.now() });
    if (outcome.error) throw new Error(outcome.error);
    if (outcome.rotationReason) {
      console.log(
        `${clientLabel(asRecord(news).name, id)}: secret rotation due: ` +
          `${outcome.rotationReason} — the next pulumi up regenerates it`,
      );
    }
    return { changes: outcome.changes, replaces: [], deleteBeforeReplace: false };
  }

  /**
   * Creates the client (or adopts `adoptClientId`). If the client exists in Genesys Cloud but a
   * later step fails, the error carries its id and outputs so the engine records it.
   */
  async create(inputs: unknown): Promise<pulumi.dynamic.CreateResult> {
    const normalized = requireNormalizedInputs(inputs);
    const { id, outs } = await createClient(this.session, normalized, asRecord(inputs).__provider);
    return { id, outs };
  }

  /**
   * Refresh: GETs the client. Gone (404 or `state: deleted`) → empty id, so the engine drops it.
   * Otherwise the outputs come from the live client with the write-only values carried forward,
   * and the inputs are rebuilt from it, so `preview --refresh` shows the real drift. State that
   * lacks `homeDivisionId` but needs it (older releases) gets it looked up and recorded.
   */
  async read(id: string, props: unknown): Promise<pulumi.dynamic.ReadResult> {
    const prior = asRecord(props);
    const live = await getClientIfExists(this.session, id);
    if (live === undefined) return { id: "", props: {} };
    const home =
      typeof prior.homeDivisionId === "string" ? prior.homeDivisionId : await this.homeFor(prior);
    const outs = outputsFromLive(prior, live, { homeDivisionId: home });
    const inputs = inputsFromLive(prior, live, home);
    const { __provider: _provider, ...cleanInputs } = inputs as unknown as Record<string, unknown>;
    return { id, props: outs as unknown as Record<string, unknown>, inputs: cleanInputs };
  }

  /**
   * The home division for state that declares a role without a division but has no
   * `homeDivisionId` (written by a release that did not record it): without it such a role could
   * not be matched to the live grant, and refresh would report drift that is not there.
   */
  private async homeFor(prior: Record<string, unknown>): Promise<string | undefined> {
    const declared = normalizeLenient(prior) as unknown as NormalizedInputs;
    return needsHomeDivision(declared) ? this.session.homeDivisionId() : undefined;
  }

  /**
   * PUTs the whole client when an API field changed, regenerates the secret when the trigger
   * changed or a scheduled rotation is due, and otherwise rewrites only the outputs.
   */
  async update(id: string, olds: unknown, news: unknown): Promise<pulumi.dynamic.UpdateResult> {
    const normalized = requireNormalizedInputs(news);
    const outs = await updateClient(
      this.session,
      id,
      asRecord(olds),
      normalized,
      asRecord(news).__provider,
    );
    return { outs };
  }

  /**
   * Deletes the client: the deletion guard, PUT `inactive`, DELETE, then waits until it is gone.
   * A client that no longer exists is a success.
   */
  async delete(id: string, props: unknown): Promise<void> {
    try {
      await deleteClient(this.session, id, asRecord(props));
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
  }
}
