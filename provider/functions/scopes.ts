/** Lookups of the OAuth scopes: which scope names a client may request, with their descriptions. */
import type * as pulumi from "@pulumi/pulumi";
import type { OAuthScope } from "../api/models";
import { argsObject, languageHeaders, optionalLanguage, requiredId } from "./args";
import { checkLookupOptions, lookupApi, type LookupOptions } from "./connection";
import { lookupOutput, type LookupOutputOptions } from "./output";

/** Arguments of {@link getOauthScopes}. */
export interface GetOauthScopesArgs {
  /** Language of the descriptions (`Accept-Language`), e.g. `de-de`. Default: the service's (`en-us`). */
  acceptLanguage?: string;
}

/** Arguments of {@link getOauthScopesOutput}. */
export interface GetOauthScopesOutputArgs {
  /** Language of the descriptions (`Accept-Language`), e.g. `de-de`. */
  acceptLanguage?: pulumi.Input<string>;
}

/** The result of {@link getOauthScopes}. */
export interface GetOauthScopesResult {
  /** Every scope, in the service's order: `id` is the scope name, `description` is localized. */
  scopes: OAuthScope[];
  /** The scope names (`scopes[].id`), for checking a client's `scope` list. */
  ids: string[];
  /** How many scopes the service reported (the length of `scopes` if it reported none). */
  total: number;
}

/**
 * Lists the OAuth scopes (`GET /api/v2/oauth/scopes`): the names a CODE, TOKEN or SAML2-BEARER
 * client can put in its `scope`, with localized descriptions.
 *
 * @example
 * const { ids } = await getOauthScopes();
 * if (!ids.includes("users:readonly")) throw new Error("scope not offered in this org");
 */
export async function getOauthScopes(
  args?: GetOauthScopesArgs,
  opts?: LookupOptions,
): Promise<GetOauthScopesResult> {
  const m = "getOauthScopes";
  const a = argsObject(m, args, ["acceptLanguage"]);
  const language = optionalLanguage(m, a.acceptLanguage);
  checkLookupOptions(m, opts);
  const listing = await lookupApi(opts, m).getOauthScopes(languageHeaders(language));
  const scopes = (listing.entities ?? []).map((s) => ({ ...s }));
  return {
    scopes,
    ids: scopes.map((s) => s.id).filter((id): id is string => typeof id === "string"),
    total: typeof listing.total === "number" ? listing.total : scopes.length,
  };
}

/**
 * {@link getOauthScopes} with Input arguments, as an Output.
 *
 * @example
 * export const scopeNames = getOauthScopesOutput({ acceptLanguage: "de-de" }).ids;
 */
export function getOauthScopesOutput(
  args?: GetOauthScopesOutputArgs,
  opts?: LookupOutputOptions,
): pulumi.Output<GetOauthScopesResult> {
  return lookupOutput(args, opts, (a, o: LookupOptions) => getOauthScopes(a, o));
}

/** Arguments of {@link getOauthScope}. */
export interface GetOauthScopeArgs {
  /** The scope name, e.g. `users:readonly`. */
  scopeId: string;
  /** Language of the description (`Accept-Language`), e.g. `fr-fr`. */
  acceptLanguage?: string;
}

/** Arguments of {@link getOauthScopeOutput}. */
export interface GetOauthScopeOutputArgs {
  /** The scope name, e.g. `users:readonly`. */
  scopeId: pulumi.Input<string>;
  /** Language of the description (`Accept-Language`), e.g. `fr-fr`. */
  acceptLanguage?: pulumi.Input<string>;
}

/**
 * One OAuth scope (`GET /api/v2/oauth/scopes/{scopeId}`). Rejects with a `GenesysApiError`
 * (status 404) when the scope does not exist.
 *
 * @example
 * const scope = await getOauthScope({ scopeId: "users:readonly", acceptLanguage: "de-de" });
 * console.log(scope.description);
 */
export async function getOauthScope(
  args: GetOauthScopeArgs,
  opts?: LookupOptions,
): Promise<OAuthScope> {
  const m = "getOauthScope";
  const a = argsObject(m, args, ["scopeId", "acceptLanguage"]);
  const scopeId = requiredId(m, "scopeId", a.scopeId);
  const language = optionalLanguage(m, a.acceptLanguage);
  checkLookupOptions(m, opts);
  return { ...(await lookupApi(opts, m).getOauthScope(scopeId, languageHeaders(language))) };
}

/**
 * {@link getOauthScope} with Input arguments, as an Output.
 *
 * @example
 * export const usersScope = getOauthScopeOutput({ scopeId: "users:readonly" }).description;
 */
export function getOauthScopeOutput(
  args: GetOauthScopeOutputArgs,
  opts?: LookupOutputOptions,
): pulumi.Output<OAuthScope> {
  return lookupOutput(args, opts, (a, o: LookupOptions) => getOauthScope(a, o));
}
