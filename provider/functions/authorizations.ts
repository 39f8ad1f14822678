/**
 * Lookups of OAuth authorizations: the apps the resource owner has authorized, been asked to
 * authorize, or revoked (the API needs the `oauth:client:authorize` permission for them).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { OAuthAuthorization } from "../api/models";
import { argsObject, languageHeaders, optionalLanguage, requiredId } from "./args";
import { withoutSecret } from "./clientMatch";
import { checkLookupOptions, lookupApi, type LookupOptions } from "./connection";
import { lookupOutput, type LookupOutputOptions } from "./output";

/** Arguments of {@link getOauthAuthorizations}. */
export interface GetOauthAuthorizationsArgs {
  /** Language of the client descriptions (`Accept-Language`), e.g. `de-de`. */
  acceptLanguage?: string;
}

/** Arguments of {@link getOauthAuthorizationsOutput}. */
export interface GetOauthAuthorizationsOutputArgs {
  /** Language of the client descriptions (`Accept-Language`), e.g. `de-de`. */
  acceptLanguage?: pulumi.Input<string>;
}

/** The result of {@link getOauthAuthorizations}. */
export interface GetOauthAuthorizationsResult {
  /** The authorizations, in the service's order (`state`: Authorized, Requested, Revoked, …). */
  authorizations: OAuthAuthorization[];
  /** How many the service reported (the length of `authorizations` if it reported none). */
  total: number;
}

function clean(a: OAuthAuthorization): OAuthAuthorization {
  const copy = { ...a };
  if (copy.client !== undefined) copy.client = withoutSecret(copy.client);
  return copy;
}

/**
 * Lists the OAuth authorizations of the resource owner (`GET /api/v2/oauth/authorizations`).
 *
 * @example
 * const { authorizations } = await getOauthAuthorizations();
 * const authorizedApps = authorizations
 *   .filter((a) => a.state === "Authorized")
 *   .map((a) => a.client?.name);
 */
export async function getOauthAuthorizations(
  args?: GetOauthAuthorizationsArgs,
  opts?: LookupOptions,
): Promise<GetOauthAuthorizationsResult> {
  const m = "getOauthAuthorizations";
  const a = argsObject(m, args, ["acceptLanguage"]);
  const language = optionalLanguage(m, a.acceptLanguage);
  checkLookupOptions(m, opts);
  const listing = await lookupApi(opts, m).getOauthAuthorizations(languageHeaders(language));
  const authorizations = (listing.entities ?? []).map(clean);
  return {
    authorizations,
    total: typeof listing.total === "number" ? listing.total : authorizations.length,
  };
}

/**
 * {@link getOauthAuthorizations} with Input arguments, as an Output.
 *
 * @example
 * export const authorizedApps = getOauthAuthorizationsOutput().authorizations.apply((as) =>
 *   as.filter((a) => a.state === "Authorized").map((a) => a.client?.name),
 * );
 */
export function getOauthAuthorizationsOutput(
  args?: GetOauthAuthorizationsOutputArgs,
  opts?: LookupOutputOptions,
): pulumi.Output<GetOauthAuthorizationsResult> {
  return lookupOutput(args, opts, (a, o: LookupOptions) => getOauthAuthorizations(a, o));
}

/** Arguments of {@link getOauthAuthorization}. */
export interface GetOauthAuthorizationArgs {
  /** The id of the authorized client. */
  clientId: string;
  /** Language of the client description (`Accept-Language`), e.g. `fr-fr`. */
  acceptLanguage?: string;
}

/** Arguments of {@link getOauthAuthorizationOutput}. */
export interface GetOauthAuthorizationOutputArgs {
  /** The id of the authorized client. */
  clientId: pulumi.Input<string>;
  /** Language of the client description (`Accept-Language`), e.g. `fr-fr`. */
  acceptLanguage?: pulumi.Input<string>;
}

/**
 * The resource owner's authorization of one client (`GET /api/v2/oauth/authorizations/{clientId}`).
 * Rejects with a `GenesysApiError` (status 404) when the owner never authorized that client.
 *
 * @example
 * const auth = await getOauthAuthorization({ clientId: "b1d3f5a7-…" });
 * console.log(auth.state, auth.scope);
 */
export async function getOauthAuthorization(
  args: GetOauthAuthorizationArgs,
  opts?: LookupOptions,
): Promise<OAuthAuthorization> {
  const m = "getOauthAuthorization";
  const a = argsObject(m, args, ["clientId", "acceptLanguage"]);
  const clientId = requiredId(m, "clientId", a.clientId);
  const language = optionalLanguage(m, a.acceptLanguage);
  checkLookupOptions(m, opts);
  const api = lookupApi(opts, m);
  return clean(await api.getOauthAuthorization(clientId, languageHeaders(language)));
}

/**
 * {@link getOauthAuthorization} with Input arguments, as an Output.
 *
 * @example
 * export const crmState = getOauthAuthorizationOutput({ clientId: crmClientId }).state;
 */
export function getOauthAuthorizationOutput(
  args: GetOauthAuthorizationOutputArgs,
  opts?: LookupOutputOptions,
): pulumi.Output<OAuthAuthorization> {
  return lookupOutput(args, opts, (a, o: LookupOptions) => getOauthAuthorization(a, o));
}
