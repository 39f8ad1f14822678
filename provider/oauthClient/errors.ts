/**
 * Errors the OAuthClient provider raises itself, and the shape the dynamic-provider host turns
 * into a partial failure.
 */
import { GenesysApiError, GenesysError } from "../api/errors";
import type { OAuthClientOutputs } from "./types";

/**
 * A failure after the client was created or changed in Genesys Cloud. The host sees `id` and
 * reports `ErrorResourceInitFailed`, so the engine keeps the client in the state with these
 * outputs (never orphaned) and the next `pulumi up` finishes the job with an update.
 * `properties` must carry `__provider`: the engine stores them as the outputs, and refresh and
 * delete load the provider from there.
 */
export class PartialFailureError extends GenesysError {
  /** The id of the client that exists in Genesys Cloud. */
  readonly id: string;
  /** The outputs to record (with `__provider`). */
  readonly properties: Record<string, unknown>;
  /** Why the operation did not finish (the engine shows them). */
  readonly reasons: string[];

  constructor(
    message: string,
    id: string,
    outputs: OAuthClientOutputs | Record<string, unknown>,
    provider: unknown,
  ) {
    super("PartialFailureError", message);
    this.id = id;
    this.properties = { ...outputs, __provider: provider };
    this.reasons = [message];
  }
}

/** True when `err` is a 404 from the API. */
export function isNotFound(err: unknown): boolean {
  return err instanceof GenesysApiError && err.status === 404;
}

/** True when `err` is the API refusing to change a client disabled by Genesys support. */
export function isDisabledError(err: unknown): boolean {
  return (
    err instanceof GenesysApiError &&
    err.status === 400 &&
    err.code === "bad.client.state" &&
    /disabled/i.test(err.apiMessage ?? "")
  );
}

/** The message for a client Genesys support disabled, which the API refuses to change. */
export function disabledMessage(name: string, id: string, action: string): string {
  return (
    `OAuth client "${name}" (${id}) is disabled by Genesys Cloud support, so the API refuses to ` +
    `${action} it. Ask Genesys Cloud support to re-enable it; or, to stop managing it, remove it ` +
    `from the stack state with \`pulumi state delete <urn>\` and from the program.`
  );
}

/** `err` as a one-line message (errors of this package never contain secrets). */
export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
