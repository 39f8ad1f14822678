/**
 * The Genesys Cloud Platform API models used by the OAuth API, field for field as the API's own
 * Swagger definitions spell them (see the `definitions` of the OAuth tag). Every field the server
 * may omit is optional. Enumerations are string unions that still accept values a newer server may
 * add (`(string & {})`), so reading never fails on an unknown value while editors still offer the
 * documented ones.
 */

/** A string enumeration that keeps the documented values for editors but accepts new ones. */
export type OpenEnum<T extends string> = T | (string & {});

/** The OAuth grant types the API accepts for `authorizedGrantType`. */
export const GRANT_TYPES = [
  "CODE",
  "TOKEN",
  "SAML2-BEARER",
  "PASSWORD",
  "CLIENT-CREDENTIALS",
] as const;
/** An OAuth grant type. */
export type GrantType = (typeof GRANT_TYPES)[number];

/** The documented states of an OAuth client. `disabled` is set by Genesys support only. */
export const CLIENT_STATES = ["active", "disabled", "inactive"] as const;
/** An OAuth client state. The server may also report `deleted` for a client being removed. */
export type ClientState = (typeof CLIENT_STATES)[number];

/** A reference to another entity (the user that created or modified a client, for example). */
export interface DomainEntityRef {
  id?: string;
  name?: string;
  selfUri?: string;
}

/** A role granted to a client-credentials client within one division (`*` = all divisions). */
export interface RoleDivision {
  /** Role to be associated with the given division which forms a grant. */
  roleId: string;
  /** Division associated with the given role which forms a grant. */
  divisionId: string;
}

/** The body of `POST /api/v2/oauth/clients` and `PUT /api/v2/oauth/clients/{clientId}`. */
export interface OAuthClientRequest {
  /** The name of the OAuth client. */
  name: string;
  /** Seconds until tokens created with this client expire: 300 to 172800; 86400 when omitted. */
  accessTokenValiditySeconds?: number;
  description?: string;
  /** Allowed callbacks for this client, e.g. `https://myapp.example.com/auth/callback`. */
  registeredRedirectUri?: string[];
  /** Deprecated: use `roleDivisions`. */
  roleIds?: string[];
  /** The OAuth grant type supported by this client. */
  authorizedGrantType: OpenEnum<GrantType>;
  /** Scopes requested by this client (not used by the client-credentials grant). */
  scope?: string[];
  /** Roles and their divisions (client-credentials grant only). */
  roleDivisions?: RoleDivision[];
  /** `active` (can create tokens), `inactive` (no new tokens; can be deleted) or `disabled`. */
  state?: OpenEnum<ClientState>;
  /** When this client will be deleted (ISO-8601). */
  dateToDelete?: string;
}

/** An OAuth client as the API returns it. `secret` is only present in POST responses. */
export interface OAuthClient {
  /** The globally unique identifier of the client: the OAuth client id. */
  id?: string;
  name: string;
  accessTokenValiditySeconds?: number;
  description?: string;
  registeredRedirectUri?: string[];
  /** Only returned by create and by secret regeneration (never by GET, PUT or the listing). */
  secret?: string;
  roleIds?: string[];
  dateCreated?: string;
  dateModified?: string;
  createdBy?: DomainEntityRef;
  modifiedBy?: DomainEntityRef;
  authorizedGrantType: OpenEnum<GrantType>;
  scope?: string[];
  roleDivisions?: RoleDivision[];
  state?: OpenEnum<ClientState | "deleted">;
  dateToDelete?: string;
  selfUri?: string;
}

/** The response of `GET /api/v2/oauth/clients`. */
export interface OAuthClientEntityListing {
  entities?: OAuthClient[];
  pageSize?: number;
  pageNumber?: number;
  total?: number;
  firstUri?: string;
  nextUri?: string;
  previousUri?: string;
  lastUri?: string;
  selfUri?: string;
  pageCount?: number;
}

/** An OAuth scope (its `id` is the scope name, e.g. `users:readonly`). */
export interface OAuthScope {
  id?: string;
  description?: string;
  selfUri?: string;
}

/** The response of `GET /api/v2/oauth/scopes`. */
export interface OAuthScopeListing {
  total?: number;
  entities?: OAuthScope[];
  selfUri?: string;
}

/** The authorization states of a client authorized by a resource owner. */
export type AuthorizationState = "Unauthorized" | "Requested" | "Authorized" | "Revoked";

/** A client that a resource owner has authorized, requested or revoked. */
export interface OAuthAuthorization {
  client?: OAuthClient;
  scope?: string[];
  roles?: string[];
  resourceOwner?: DomainEntityRef;
  dateCreated?: string;
  dateModified?: string;
  createdBy?: DomainEntityRef;
  modifiedBy?: DomainEntityRef;
  pending?: boolean;
  state?: OpenEnum<AuthorizationState>;
  selfUri?: string;
}

/** The response of `GET /api/v2/oauth/authorizations`. */
export interface OAuthAuthorizationListing {
  total?: number;
  entities?: OAuthAuthorization[];
  selfUri?: string;
}

/** Granularities of a usage query. */
export const USAGE_GRANULARITIES = ["Day", "Week", "Month"] as const;
/** A usage query granularity. */
export type UsageGranularity = (typeof USAGE_GRANULARITIES)[number];
/** Metrics of a usage query. */
export const USAGE_METRICS = [
  "Status200",
  "Status300",
  "Status400",
  "Status500",
  "Status429",
  "Requests",
] as const;
/** A usage query metric. */
export type UsageMetric = (typeof USAGE_METRICS)[number];
/** Dimensions a usage query can group by. */
export const USAGE_GROUP_BY = [
  "OAuthClientId",
  "OrganizationId",
  "TemplateUri",
  "HttpMethod",
] as const;
/** A usage query grouping dimension. */
export type UsageGroupBy = (typeof USAGE_GROUP_BY)[number];

/** The body of `POST /api/v2/oauth/clients/{clientId}/usage/query`. */
export interface ApiUsageClientQuery {
  /** ISO-8601 interval `YYYY-MM-DDThh:mm:ss/YYYY-MM-DDThh:mm:ss`. */
  interval: string;
  granularity?: OpenEnum<UsageGranularity>;
  /** Omitted: all metrics. */
  metrics?: OpenEnum<UsageMetric>[];
  groupBy?: OpenEnum<UsageGroupBy>[];
}

/** The response of the usage summary and usage query endpoints: where to poll for results. */
export interface UsageExecutionResult {
  executionId?: string;
  resultsUri?: string;
}

/** Status of a usage query execution. */
export type UsageQueryStatus = "Complete" | "Failed" | "Running";

/** Paging cursors of a usage query result. */
export interface Cursors {
  before?: string;
  after?: string;
}

/** One row of usage results. */
export interface ApiUsageRow {
  clientId?: string;
  clientName?: string;
  organizationId?: string;
  userId?: string;
  templateUri?: string;
  httpMethod?: string;
  status200?: number;
  status300?: number;
  status400?: number;
  status500?: number;
  /** A subset of `status400`. */
  status429?: number;
  requests?: number;
  date?: string;
}

/** The response of `GET …/usage/query/results/{executionId}`. */
export interface ApiUsageQueryResult {
  results?: ApiUsageRow[];
  queryStatus?: OpenEnum<UsageQueryStatus>;
  cursors?: Cursors;
}

/** One field-level detail of an API error. */
export interface Detail {
  errorCode?: string;
  fieldName?: string;
  entityId?: string;
  entityName?: string;
}

/** The limit an API error refers to (rate limits, for example). */
export interface Limit {
  key?: string;
  namespace?: string;
  value?: number;
}

/** The body of every API error response. */
export interface ErrorBody {
  message?: string;
  code?: string;
  status?: number;
  entityId?: string;
  entityName?: string;
  messageWithParams?: string;
  messageParams?: Record<string, string>;
  contextId?: string;
  details?: Detail[];
  errors?: ErrorBody[];
  limit?: Limit;
}

/** The response of `POST {login}/oauth/token` for the client-credentials grant. */
export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
}

/** The body of a token endpoint error. */
export interface TokenErrorBody {
  error?: string;
  description?: string;
  error_description?: string;
}

/** A division (only the fields we use from `GET /api/v2/authorization/divisions/home`). */
export interface Division {
  id?: string;
  name?: string;
  homeDivision?: boolean;
  selfUri?: string;
}
