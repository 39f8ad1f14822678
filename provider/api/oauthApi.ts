/**
 * The Genesys Cloud `OAuthAPI`: the 13 methods of the seed, with its names and parameter order
 * (path parameters in Swagger order, then `headers`, then `query`, then `body`). Each resolves to
 * the typed response body and rejects with a `GenesysApiError` (or a network/auth error) when
 * the API does not answer 2xx. Arguments are checked before any request.
 */
import { optionalStrings, pathParam, requiredBody } from "./args";
import { GenesysApiError } from "./errors";
import {
  toConnection,
  type ApiResponse,
  type Connection,
  type ConnectionOrSettings,
  type HttpOptions,
} from "./http";
import type {
  ApiUsageClientQuery,
  ApiUsageQueryResult,
  OAuthAuthorization,
  OAuthAuthorizationListing,
  OAuthClient,
  OAuthClientEntityListing,
  OAuthClientRequest,
  OAuthScope,
  OAuthScopeListing,
  UsageExecutionResult,
} from "./models";

/** The header parameters of the scope and authorization lookups. */
export interface AcceptLanguageHeaders {
  /** The language of descriptions, e.g. `en-us` (the server's default). */
  "Accept-Language"?: string;
}

/** The query parameters of `getOauthClientUsageSummary`. */
export interface UsageSummaryQuery {
  /** Previous number of days to query, as a string (`"7"` when omitted). */
  days?: string;
}

/** The most pages `getOauthClients` follows through `nextUri`. */
export const MAX_LISTING_PAGES = 1000;

const CLIENTS = "/api/v2/oauth/clients";

/** Resolves the body of a response that must be a JSON object. */
export function objectBody<T>(response: ApiResponse<unknown>, method: string, path: string): T {
  const data = response.data;
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new GenesysApiError({
      status: response.status,
      method,
      path,
      code: "unexpected.response",
      note: "(the response body is not a JSON object)",
      ...(response.correlationId !== undefined ? { correlationId: response.correlationId } : {}),
    });
  }
  return data as T;
}

/** Genesys Cloud `OAuthAPI`: OAuth clients, scopes, authorizations and client usage. */
export class OAuthApi {
  /** The connection the calls go through (share it with other API classes). */
  readonly connection: Connection;

  /**
   * @param connectionOrSettings an existing connection, or settings to open a new one
   * @param options HTTP options for a new connection (not allowed with an existing one)
   */
  constructor(connectionOrSettings: ConnectionOrSettings, options?: HttpOptions) {
    this.connection = toConnection(connectionOrSettings, options);
  }

  /** Delete OAuth Client (`DELETE /api/v2/oauth/clients/{clientId}`). The client must be inactive. */
  async deleteOauthClient(clientId: string): Promise<void> {
    const id = pathParam("deleteOauthClient", "clientId", clientId);
    await this.connection.request({ method: "DELETE", path: `${CLIENTS}/${id}` });
  }

  /** Get a client that is authorized by the resource owner (`GET /api/v2/oauth/authorizations/{clientId}`). */
  async getOauthAuthorization(
    clientId: string,
    headers?: AcceptLanguageHeaders | null,
  ): Promise<OAuthAuthorization> {
    const m = "getOauthAuthorization";
    const id = pathParam(m, "clientId", clientId);
    const h = optionalStrings(m, "headers", headers, ["Accept-Language"]);
    return this.getObject(`/api/v2/oauth/authorizations/${id}`, { headers: h });
  }

  /** List clients that have been authorized, requested, or revoked by the resource owner (`GET /api/v2/oauth/authorizations`). */
  async getOauthAuthorizations(
    headers?: AcceptLanguageHeaders | null,
  ): Promise<OAuthAuthorizationListing> {
    const h = optionalStrings("getOauthAuthorizations", "headers", headers, ["Accept-Language"]);
    return this.getObject("/api/v2/oauth/authorizations", { headers: h });
  }

  /** Get OAuth Client (`GET /api/v2/oauth/clients/{clientId}`). The secret is never returned. */
  async getOauthClient(clientId: string): Promise<OAuthClient> {
    const id = pathParam("getOauthClient", "clientId", clientId);
    return this.getObject(`${CLIENTS}/${id}`);
  }

  /**
   * {@link getOauthClient}, with a 404 as an answer: `undefined` when no client has this id. Not
   * one of the seed's methods; it spares a caller that expects "gone" (a refresh, the confirming
   * GET after a delete) an error object for the 404. Every other failure rejects as usual.
   */
  async getOauthClientIfExists(clientId: string): Promise<OAuthClient | undefined> {
    const id = pathParam("getOauthClientIfExists", "clientId", clientId);
    const path = `${CLIENTS}/${id}`;
    const res = await this.connection.request({ method: "GET", path, acceptStatuses: [404] });
    return res.status === 404 ? undefined : objectBody<OAuthClient>(res, "GET", path);
  }

  /**
   * The list of OAuth clients (`GET /api/v2/oauth/clients`). The endpoint takes no paging
   * parameters; if the server pages anyway, every `nextUri` is followed (never to another
   * origin, at most {@link MAX_LISTING_PAGES} pages, never the same page twice) and the entities
   * are concatenated. The result has the first page's fields with all entities and no `nextUri`.
   */
  async getOauthClients(): Promise<OAuthClientEntityListing> {
    const first = await this.getObject<OAuthClientEntityListing>(CLIENTS);
    const entities = [...(first.entities ?? [])];
    const seen = new Set<string>([CLIENTS]);
    let page = first;
    for (let pages = 1; page.nextUri && (page.entities?.length ?? 0) > 0; pages++) {
      const next = this.relativeUri(page.nextUri);
      if (seen.has(next) || pages >= MAX_LISTING_PAGES) {
        throw new GenesysApiError({
          status: 200,
          method: "GET",
          path: CLIENTS,
          code: "paging.loop",
          note: `(nextUri repeats a page or exceeds ${MAX_LISTING_PAGES} pages; stopped reading)`,
        });
      }
      seen.add(next);
      page = await this.getObject<OAuthClientEntityListing>(next);
      entities.push(...(page.entities ?? []));
    }
    const result: OAuthClientEntityListing = { ...first, entities };
    delete result.nextUri;
    return result;
  }

  /** Get the results of a usage query (`GET /api/v2/oauth/clients/{clientId}/usage/query/results/{executionId}`). */
  async getOauthClientUsageQueryResult(
    executionId: string,
    clientId: string,
  ): Promise<ApiUsageQueryResult> {
    const m = "getOauthClientUsageQueryResult";
    const exec = pathParam(m, "executionId", executionId);
    const id = pathParam(m, "clientId", clientId);
    return this.getObject(`${CLIENTS}/${id}/usage/query/results/${exec}`);
  }

  /**
   * Get a summary of OAuth client API usage (`GET /api/v2/oauth/clients/{clientId}/usage/summary`).
   * Resolves to where to poll (`executionId`), on 200 and on 202 alike.
   */
  async getOauthClientUsageSummary(
    clientId: string,
    query?: UsageSummaryQuery | null,
  ): Promise<UsageExecutionResult> {
    const m = "getOauthClientUsageSummary";
    const id = pathParam(m, "clientId", clientId);
    const q = optionalStrings(m, "query", query, ["days"]);
    return this.getObject(`${CLIENTS}/${id}/usage/summary`, { query: q });
  }

  /** An OAuth scope (`GET /api/v2/oauth/scopes/{scopeId}`). */
  async getOauthScope(
    scopeId: string,
    headers?: AcceptLanguageHeaders | null,
  ): Promise<OAuthScope> {
    const m = "getOauthScope";
    const id = pathParam(m, "scopeId", scopeId);
    const h = optionalStrings(m, "headers", headers, ["Accept-Language"]);
    return this.getObject(`/api/v2/oauth/scopes/${id}`, { headers: h });
  }

  /** The list of OAuth scopes (`GET /api/v2/oauth/scopes`). */
  async getOauthScopes(headers?: AcceptLanguageHeaders | null): Promise<OAuthScopeListing> {
    const h = optionalStrings("getOauthScopes", "headers", headers, ["Accept-Language"]);
    return this.getObject("/api/v2/oauth/scopes", { headers: h });
  }

  /**
   * Create OAuth client (`POST /api/v2/oauth/clients`). The response is the only place the new
   * secret appears. Never retried after an ambiguous failure: check `isOutcomeUnknown(err)`.
   */
  async postOauthClients(body: OAuthClientRequest): Promise<OAuthClient> {
    const b = requiredBody("postOauthClients", body);
    const res = await this.connection.request({ method: "POST", path: CLIENTS, body: b });
    return objectBody(res, "POST", CLIENTS);
  }

  /**
   * Regenerate Client Secret (`POST /api/v2/oauth/clients/{clientId}/secret`). A repeat after the
   * first attempt finished (a reset connection, a 503) only yields a newer secret, so it is
   * retried like an idempotent request. After a timeout or a 504 it is not: the first attempt may
   * still be applied after the repeat and invalidate the secret the repeat returned, so the call
   * fails with an unknown outcome instead (`orderSensitive`).
   */
  async postOauthClientSecret(clientId: string): Promise<OAuthClient> {
    const id = pathParam("postOauthClientSecret", "clientId", clientId);
    const path = `${CLIENTS}/${id}/secret`;
    const res = await this.connection.request({
      method: "POST",
      path,
      idempotent: true,
      orderSensitive: true,
    });
    return objectBody(res, "POST", path);
  }

  /**
   * Query for OAuth client API usage (`POST /api/v2/oauth/clients/{clientId}/usage/query`).
   * Read-only, so retried like an idempotent request. Resolves on 200 and 202 alike.
   */
  async postOauthClientUsageQuery(
    clientId: string,
    body: ApiUsageClientQuery,
  ): Promise<UsageExecutionResult> {
    const m = "postOauthClientUsageQuery";
    const id = pathParam(m, "clientId", clientId);
    const b = requiredBody(m, body);
    const path = `${CLIENTS}/${id}/usage/query`;
    const res = await this.connection.request({ method: "POST", path, body: b, idempotent: true });
    return objectBody(res, "POST", path);
  }

  /** Update OAuth Client (`PUT /api/v2/oauth/clients/{clientId}`): the full request body. */
  async putOauthClient(clientId: string, body: OAuthClientRequest): Promise<OAuthClient> {
    const m = "putOauthClient";
    const id = pathParam(m, "clientId", clientId);
    const b = requiredBody(m, body);
    const path = `${CLIENTS}/${id}`;
    const res = await this.connection.request({ method: "PUT", path, body: b });
    return objectBody(res, "PUT", path);
  }

  private async getObject<T>(
    path: string,
    extra: { headers?: Record<string, string>; query?: Record<string, string> } = {},
  ): Promise<T> {
    const res = await this.connection.request({ method: "GET", path, ...extra });
    const q = path.indexOf("?");
    return objectBody<T>(res, "GET", q < 0 ? path : path.slice(0, q));
  }

  /**
   * A `nextUri` as a path under our API base. An absolute URI keeps only its path and query:
   * the token is only ever sent to the configured API URL.
   */
  private relativeUri(uri: string): string {
    const parsed = new URL(uri, "http://relative.invalid");
    if (!parsed.pathname.startsWith("/api/v2/")) {
      throw new GenesysApiError({
        status: 200,
        method: "GET",
        path: CLIENTS,
        code: "paging.invalid.next",
        note: "(nextUri is not an /api/v2/ path)",
      });
    }
    return `${parsed.pathname}${parsed.search}`;
  }
}
