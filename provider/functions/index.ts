/**
 * Lookup functions over the Genesys Cloud `OAuthAPI` (scopes, authorizations, clients, usage),
 * each as a plain `async` function and as an `…Output` variant for Pulumi programs. See README.md.
 */
export {
  getOauthScopes,
  getOauthScopesOutput,
  getOauthScope,
  getOauthScopeOutput,
  type GetOauthScopesArgs,
  type GetOauthScopesOutputArgs,
  type GetOauthScopesResult,
  type GetOauthScopeArgs,
  type GetOauthScopeOutputArgs,
} from "./scopes";
export {
  getOauthAuthorizations,
  getOauthAuthorizationsOutput,
  getOauthAuthorization,
  getOauthAuthorizationOutput,
  type GetOauthAuthorizationsArgs,
  type GetOauthAuthorizationsOutputArgs,
  type GetOauthAuthorizationsResult,
  type GetOauthAuthorizationArgs,
  type GetOauthAuthorizationOutputArgs,
} from "./authorizations";
export {
  getOauthClients,
  getOauthClientsOutput,
  getOauthClient,
  getOauthClientOutput,
  type GetOauthClientsArgs,
  type GetOauthClientsOutputArgs,
  type GetOauthClientsResult,
  type GetOauthClientArgs,
  type GetOauthClientByIdArgs,
  type GetOauthClientByNameArgs,
  type GetOauthClientOutputArgs,
} from "./clients";
export {
  getOauthClientUsageSummary,
  getOauthClientUsageSummaryOutput,
  queryOauthClientUsage,
  queryOauthClientUsageOutput,
  type GetOauthClientUsageSummaryArgs,
  type GetOauthClientUsageSummaryOutputArgs,
  type QueryOauthClientUsageArgs,
  type QueryOauthClientUsageOutputArgs,
} from "./usage";
export { DEFAULT_POLL_OPTIONS, type PollOptions, type UsagePollEvent } from "./pollOptions";
export {
  pollUsageExecution,
  runUsageQuery,
  runUsageSummary,
  usageTotals,
  type UsageQueryResult,
  type UsageSummaryResult,
  type UsageTotals,
} from "./usagePolling";
export { DEFAULT_USAGE_DAYS, usageInterval, type UsageQueryArgs } from "./usageArgs";
export {
  closeLookupConnections,
  lookupApi,
  resolveLookupSettings,
  type LookupOptions,
  type SettingOverrides,
} from "./connection";
export { type LookupOutputOptions, type SettingOverridesInput } from "./output";
export { matchClientByName, similarClients, withoutSecret } from "./clientMatch";
export {
  LookupArgumentError,
  OAuthClientMatchError,
  UsageQueryError,
  type OAuthClientCandidate,
  type OAuthClientMatchFailure,
  type UsageQueryErrorInit,
  type UsageQueryFailure,
} from "./errors";
