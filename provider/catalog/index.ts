/**
 * The declarative client catalog: format, loader and validator, writer, Pulumi declaration helper
 * and catalog-stack settings. Re-exports only; see README.md in this folder for the file format.
 */
export {
  CATALOG_FIELDS,
  CATALOG_KEY_MAX_LENGTH,
  CATALOG_KEY_PATTERN,
  ClientCatalogError,
  DEFAULT_CATALOG_FILE,
  formatProblem,
  type CatalogClientArgs,
  type CatalogEntry,
  type CatalogField,
  type CatalogProblem,
  type CatalogVars,
  type ClientCatalog,
} from "./format";
export {
  loadClientCatalog,
  parseClientCatalog,
  type LoadCatalogOptions,
  type ParseCatalogOptions,
} from "./parse";
export { renderClientCatalog, type RenderEntry, type RenderOptions } from "./render";
export { declareOAuthClients, type CatalogResourceOptions } from "./declare";
export {
  catalogStackProgram,
  type CatalogClientSummary,
  type CatalogStackOutputs,
  type CatalogStackProgramOptions,
} from "./program";
export { SLUG_MAX_LENGTH, slugify, uniqueKeys } from "./slug";
export {
  VARIABLE_NAME_PATTERN,
  escapeVariables,
  substituteVariables,
  type Substituted,
  type SubstitutionProblem,
  type VariableContext,
} from "./vars";
export {
  CATALOG_STACK_KEYS,
  CatalogStackConfigError,
  readCatalogStackConfig,
  type CatalogStackConfig,
} from "./stackConfig";
