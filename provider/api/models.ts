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
  /** The entity's id. */
  id?: string;
  /** The entity's name. */
  name?: string;
  /** The URI of the entity. */
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
  /** A free-text description of the client. */
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
  /** The name of the OAuth client. */
  name: string;
  /** Seconds until tokens created with this client expire: 300 to 172800; 86400 when omitted. */
  accessTokenValiditySeconds?: number;
  /** A free-text description of the client. */
  description?: string;
  /** Allowed callbacks for this client, e.g. `https://myapp.example.com/auth/callback`. */
  registeredRedirectUri?: string[];
  /** Only returned by create and by secret regeneration (never by GET, PUT or the listing). */
  secret?: string;
  /** Deprecated: use `roleDivisions`. The ids of the roles the client holds. */
  roleIds?: string[];
  /** Date this client was created (ISO-8601). */
  dateCreated?: string;
  /** Date this client was last modified (ISO-8601). */
  dateModified?: string;
  /** User that created this client. */
  createdBy?: DomainEntityRef;
  /** User that last modified this client. */
  modifiedBy?: DomainEntityRef;
  /** The OAuth grant type supported by this client. */
  authorizedGrantType: OpenEnum<GrantType>;
  /** Scopes requested by this client (not used by the client-credentials grant). */
  scope?: string[];
  /** Roles and their divisions (client-credentials grant only). */
  roleDivisions?: RoleDivision[];
  /**
   * `active` (can create tokens), `inactive` (no new tokens; will be deleted), `disabled`, or
   * `deleted` while being removed.
   */
  state?: OpenEnum<ClientState | "deleted">;
  /** The time at which this client will be deleted (ISO-8601). */
  dateToDelete?: string;
  /** The URI for this object. */
  selfUri?: string;
}

/** The response of `GET /api/v2/oauth/clients`. */
export interface OAuthClientEntityListing {
  /** The clients on this page. */
  entities?: OAuthClient[];
  /** The number of entities per page. */
  pageSize?: number;
  /** The number of this page (1-based). */
  pageNumber?: number;
  /** The number of clients in all pages. */
  total?: number;
  /** The URI of the first page. */
  firstUri?: string;
  /** The URI of the next page, absent on the last one. */
  nextUri?: string;
  /** The URI of the previous page, absent on the first one. */
  previousUri?: string;
  /** The URI of the last page. */
  lastUri?: string;
  /** The URI of this page. */
  selfUri?: string;
  /** The number of pages. */
  pageCount?: number;
}

/** An OAuth scope (its `id` is the scope name, e.g. `users:readonly`). */
export interface OAuthScope {
  /** The scope name, e.g. `users:readonly` (the globally unique identifier). */
  id?: string;
  /** What the scope allows, in the requested language. */
  description?: string;
  /** The URI for this object. */
  selfUri?: string;
}

/** The response of `GET /api/v2/oauth/scopes`. */
export interface OAuthScopeListing {
  /** The number of scopes. */
  total?: number;
  /** The scopes. */
  entities?: OAuthScope[];
  /** The URI of this listing. */
  selfUri?: string;
}

/** The authorization states of a client authorized by a resource owner. */
export type AuthorizationState = "Unauthorized" | "Requested" | "Authorized" | "Revoked";

/** A client that a resource owner has authorized, requested or revoked. */
export interface OAuthAuthorization {
  /** The authorized client. */
  client?: OAuthClient;
  /** The scopes the resource owner granted the client. */
  scope?: string[];
  /** The roles the resource owner granted the client. */
  roles?: string[];
  /** The user who authorized the client. */
  resourceOwner?: DomainEntityRef;
  /** When the authorization was created (ISO-8601). */
  dateCreated?: string;
  /** When the authorization was last modified (ISO-8601). */
  dateModified?: string;
  /** Who created the authorization. */
  createdBy?: DomainEntityRef;
  /** Who last modified the authorization. */
  modifiedBy?: DomainEntityRef;
  /** True while the authorization waits for the resource owner. */
  pending?: boolean;
  /** `Unauthorized`, `Requested`, `Authorized` or `Revoked`. */
  state?: OpenEnum<AuthorizationState>;
  /** The URI for this object. */
  selfUri?: string;
}

/** The response of `GET /api/v2/oauth/authorizations`. */
export interface OAuthAuthorizationListing {
  /** The number of authorizations. */
  total?: number;
  /** The authorizations. */
  entities?: OAuthAuthorization[];
  /** The URI of this listing. */
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
  /** Date granularity of the results. */
  granularity?: OpenEnum<UsageGranularity>;
  /** Omitted: all metrics. */
  metrics?: OpenEnum<UsageMetric>[];
  /** Dimensions to group the results by (like SQL GROUP BY); omitted: no grouping. */
  groupBy?: OpenEnum<UsageGroupBy>[];
}

/** The response of the usage summary and usage query endpoints: where to poll for results. */
export interface UsageExecutionResult {
  /** The id of the query execution. */
  executionId?: string;
  /** URI where the query results can be retrieved. */
  resultsUri?: string;
}

/** Status of a usage query execution. */
export type UsageQueryStatus = "Complete" | "Failed" | "Running";

/** Paging cursors of a usage query result. */
export interface Cursors {
  /** The cursor of the previous page of results. */
  before?: string;
  /** The cursor of the next page of results. */
  after?: string;
}

/** One row of usage results. */
export interface ApiUsageRow {
  /** Client id associated with this query result. */
  clientId?: string;
  /** Client name associated with this query result. */
  clientName?: string;
  /** Organization id associated with this query result. */
  organizationId?: string;
  /** User id associated with this query result. */
  userId?: string;
  /** Template URI associated with this query result. */
  templateUri?: string;
  /** HTTP method associated with this query result. */
  httpMethod?: string;
  /** Number of requests resulting in a 2xx HTTP status code. */
  status200?: number;
  /** Number of requests resulting in a 3xx HTTP status code. */
  status300?: number;
  /** Number of requests resulting in a 4xx HTTP status code. */
  status400?: number;
  /** Number of requests resulting in a 5xx HTTP status code. */
  status500?: number;
  /** A subset of `status400`. */
  status429?: number;
  /** Total number of requests. */
  requests?: number;
  /** Date of the requests, based on the granularity (ISO-8601). */
  date?: string;
}

/** The response of `GET …/usage/query/results/{executionId}`. */
export interface ApiUsageQueryResult {
  /** Query results. */
  results?: ApiUsageRow[];
  /** Query status: `Running` until the results are there, then `Complete` or `Failed`. */
  queryStatus?: OpenEnum<UsageQueryStatus>;
  /** Cursor tokens to navigate paginated results. */
  cursors?: Cursors;
}

/** One field-level detail of an API error. */
export interface Detail {
  /** The error code of this detail. */
  errorCode?: string;
  /** The request field the detail is about. */
  fieldName?: string;
  /** The id of the entity the detail is about. */
  entityId?: string;
  /** The name of the entity the detail is about. */
  entityName?: string;
}

/** The limit an API error refers to (rate limits, for example). */
export interface Limit {
  /** The limit's key, e.g. `client.credentials.token.rate.per.minute`. */
  key?: string;
  /** The limit's namespace, e.g. `platform.api`. */
  namespace?: string;
  /** The limit's value. */
  value?: number;
}

/** The body of every API error response. */
export interface ErrorBody {
  /** What went wrong, in words. */
  message?: string;
  /** A stable error code, e.g. `bad.client.state`. */
  code?: string;
  /** The HTTP status of the response. */
  status?: number;
  /** The id of the entity the error is about. */
  entityId?: string;
  /** The name of the entity the error is about. */
  entityName?: string;
  /** The message with `{placeholders}` for `messageParams`. */
  messageWithParams?: string;
  /** Values of the placeholders of `messageWithParams`. */
  messageParams?: Record<string, string>;
  /** The correlation id of the request (also the `ININ-Correlation-Id` header). */
  contextId?: string;
  /** Field-level details. */
  details?: Detail[];
  /** Nested errors. */
  errors?: ErrorBody[];
  /** The limit the request hit (rate limits, for example). */
  limit?: Limit;
}

/** The response of `POST {login}/oauth/token` for the client-credentials grant. */
export interface TokenResponse {
  /** The bearer token to send as `Authorization: Bearer …`. */
  access_token: string;
  /** The token type: `bearer`. */
  token_type: string;
  /** Seconds until the token expires (the client's `accessTokenValiditySeconds`). */
  expires_in: number;
}

/** The body of a token endpoint error. */
export interface TokenErrorBody {
  /** The OAuth error code, e.g. `invalid_client`. */
  error?: string;
  /** What went wrong (Genesys' own field). */
  description?: string;
  /** What went wrong (the RFC 6749 field). */
  error_description?: string;
}

/** A division (only the fields we use from `GET /api/v2/authorization/divisions/home`). */
export interface Division {
  /** The division's id. */
  id?: string;
  /** The division's name. */
  name?: string;
  /** True for the org's home division. */
  homeDivision?: boolean;
  /** The URI for this object. */
  selfUri?: string;
}
