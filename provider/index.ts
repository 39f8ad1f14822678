/**
 * pulumi-genesyscloud-oauth: manage Genesys Cloud OAuth clients as code.
 *
 * The public surface. This file only re-exports.
 */
export * from "./api/models";

// Genesys Cloud API client (provider/api) and connection settings (provider/config).
export {
  OAuthApi,
  AuthorizationApi,
  MAX_LISTING_PAGES,
  type AcceptLanguageHeaders,
  type UsageSummaryQuery,
} from "./api/index";
export {
  Connection,
  DEFAULT_HTTP_OPTIONS,
  type ApiRequest,
  type ApiResponse,
  type ConnectionOrSettings,
  type ConnectionStats,
  type HttpMethod,
  type HttpOptions,
  type RequestEvent,
} from "./api/index";
export {
  GenesysError,
  GenesysApiError,
  GenesysAuthError,
  GenesysNetworkError,
  GenesysSettingsError,
  isOutcomeUnknown,
  redact,
  REDACTED,
  type NetworkFailureKind,
} from "./api/index";
export {
  GENESYS_REGIONS,
  DEFAULT_REGION,
  findRegion,
  resolveRegion,
  regionEndpoints,
  resolveEndpoints,
  isLoopbackHost,
  isLoopbackUrl,
  normalizeBaseUrl,
  type GenesysRegion,
  type GenesysEndpoints,
  type ResolvedEndpoints,
} from "./api/index";
export { PACKAGE_NAME, packageVersion } from "./api/index";
export {
  CONFIG_NAMESPACE,
  SETTING_KEYS,
  describeConnectionSettings,
  describeSetting,
  namespacedLookup,
  readConnectionSettings,
  readConnectionSettingsFromEnv,
  settingsFingerprint,
  validateConnectionSettings,
  type AccessTokenCredentials,
  type ClientCredentials,
  type ConnectionSettings,
  type Credentials,
  type SettingEnv,
  type SettingKey,
  type SettingLookup,
} from "./config";

// The OAuthClient dynamic resource (provider/oauthClient).
export {
  OAuthClient,
  type OAuthClientArgs,
  type RoleDivisionArgs,
  type DeletionGuardArgs,
} from "./oauthClient/resource";
export { OAuthClientProvider } from "./oauthClient/provider";
export { DEFAULT_TUNING, type ProviderTuning } from "./oauthClient/session";

// Lookup functions over the rest of the OAuthAPI (provider/functions; explicit list there).
export * from "./functions/index";

// The client catalog (provider/catalog): format, loader, writer, declaration helper.
export {
  CATALOG_FIELDS,
  CATALOG_KEY_MAX_LENGTH,
  CATALOG_KEY_PATTERN,
  CATALOG_STACK_KEYS,
  CatalogStackConfigError,
  ClientCatalogError,
  DEFAULT_CATALOG_FILE,
  SLUG_MAX_LENGTH,
  VARIABLE_NAME_PATTERN,
  declareOAuthClients,
  catalogStackProgram,
  type CatalogClientSummary,
  type CatalogStackOutputs,
  type CatalogStackProgramOptions,
  escapeVariables,
  formatProblem,
  loadClientCatalog,
  parseClientCatalog,
  readCatalogStackConfig,
  renderClientCatalog,
  slugify,
  substituteVariables,
  uniqueKeys,
  type CatalogClientArgs,
  type CatalogEntry,
  type CatalogField,
  type CatalogProblem,
  type CatalogResourceOptions,
  type CatalogStackConfig,
  type CatalogVars,
  type ClientCatalog,
  type LoadCatalogOptions,
  type ParseCatalogOptions,
  type RenderEntry,
  type RenderOptions,
  type Substituted,
  type SubstitutionProblem,
  type VariableContext,
} from "./catalog/index";

// The export of an org's clients as a catalog (provider/cli; the bin is `genesys-oauth export`).
export {
  buildClientExport,
  clientToArgs,
  type BuildExportOptions,
  type ClientExport,
  type ExportedClient,
  type SkipReason,
  type SkippedClient,
} from "./cli/build";

// The option of isLoopbackHost (redirect URIs count *.localhost; connection settings do not).
export type { LoopbackHostOptions } from "./api/regions";
