/**
 * The API routes: path template, Swagger operation id, the permissions the operation requires
 * (any of them, as `x-inin-requires-permissions` says), whether it takes a JSON body, and the
 * handler.
 */
import {
  createClient,
  deleteClient,
  getClient,
  listClients,
  regenerateSecret,
  updateClient,
} from "./clients";
import type { ApiRequest, ApiResult, EmulatorCore } from "./core";
import {
  getAuthorization,
  getScope,
  homeDivision,
  listAuthorizations,
  listScopes,
  revokeOwnToken,
} from "./lookups";
import { usageQuery, usageResults, usageSummary } from "./usage";

/** One API route. */
export interface Route {
  /** Upper-case HTTP method. */
  method: string;
  /** Path template with `{param}` segments, as in the Swagger (and in usage rows). */
  template: string;
  /** The Swagger `operationId`, when the operation is one of the 13 OAuthAPI methods. */
  operationId?: string;
  /** Permissions of which the caller needs at least one; empty = none needed. */
  permissions: readonly string[];
  /** True when the operation takes a JSON request body. */
  body: boolean;
  /** Answers the request. */
  handler: (core: EmulatorCore, req: ApiRequest) => ApiResult;
}

const CLIENT = "/api/v2/oauth/clients/{clientId}";
const USAGE_VIEW = ["oauth:client:view", "usage:client:view"];

/** Every API route the emulator serves. */
export const ROUTES: readonly Route[] = [
  {
    method: "POST",
    template: "/api/v2/oauth/clients",
    operationId: "postOauthClients",
    permissions: ["oauth:client:add"],
    body: true,
    handler: createClient,
  },
  {
    method: "GET",
    template: "/api/v2/oauth/clients",
    operationId: "getOauthClients",
    permissions: ["oauth:client:view"],
    body: false,
    handler: listClients,
  },
  {
    method: "GET",
    template: CLIENT,
    operationId: "getOauthClient",
    permissions: ["oauth:client:view"],
    body: false,
    handler: getClient,
  },
  {
    method: "PUT",
    template: CLIENT,
    operationId: "putOauthClient",
    permissions: ["oauth:client:edit"],
    body: true,
    handler: updateClient,
  },
  {
    method: "DELETE",
    template: CLIENT,
    operationId: "deleteOauthClient",
    permissions: ["oauth:client:delete"],
    body: false,
    handler: deleteClient,
  },
  {
    method: "POST",
    template: `${CLIENT}/secret`,
    operationId: "postOauthClientSecret",
    permissions: ["oauth:client:edit"],
    body: false,
    handler: regenerateSecret,
  },
  {
    method: "GET",
    template: `${CLIENT}/usage/summary`,
    operationId: "getOauthClientUsageSummary",
    permissions: USAGE_VIEW,
    body: false,
    handler: usageSummary,
  },
  {
    method: "POST",
    template: `${CLIENT}/usage/query`,
    operationId: "postOauthClientUsageQuery",
    permissions: USAGE_VIEW,
    body: true,
    handler: usageQuery,
  },
  {
    method: "GET",
    template: `${CLIENT}/usage/query/results/{executionId}`,
    operationId: "getOauthClientUsageQueryResult",
    permissions: USAGE_VIEW,
    body: false,
    handler: usageResults,
  },
  {
    method: "GET",
    template: "/api/v2/oauth/scopes",
    operationId: "getOauthScopes",
    permissions: [],
    body: false,
    handler: listScopes,
  },
  {
    method: "GET",
    template: "/api/v2/oauth/scopes/{scopeId}",
    operationId: "getOauthScope",
    permissions: [],
    body: false,
    handler: getScope,
  },
  {
    method: "GET",
    template: "/api/v2/oauth/authorizations",
    operationId: "getOauthAuthorizations",
    permissions: ["oauth:client:authorize"],
    body: false,
    handler: listAuthorizations,
  },
  {
    method: "GET",
    template: "/api/v2/oauth/authorizations/{clientId}",
    operationId: "getOauthAuthorization",
    permissions: ["oauth:client:authorize"],
    body: false,
    handler: getAuthorization,
  },
  {
    method: "GET",
    template: "/api/v2/authorization/divisions/home",
    permissions: [],
    body: false,
    handler: homeDivision,
  },
  {
    method: "DELETE",
    template: "/api/v2/tokens/me",
    permissions: [],
    body: false,
    handler: revokeOwnToken,
  },
];

/** Matches a path against a template; the decoded parameters, or `undefined`. */
export function matchTemplate(template: string, path: string): Record<string, string> | undefined {
  const t = template.split("/");
  const p = path.split("/");
  if (t.length !== p.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const param = /^\{(\w+)\}$/.exec(t[i]);
    if (param) {
      if (p[i] === "") return undefined;
      try {
        params[param[1]] = decodeURIComponent(p[i]);
      } catch {
        return undefined;
      }
    } else if (t[i] !== p[i]) {
      return undefined;
    }
  }
  return params;
}

/** The route for a request, or the templates the path matches under other methods. */
export function findRoute(
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | { pathMatched: boolean } {
  let pathMatched = false;
  for (const route of ROUTES) {
    const params = matchTemplate(route.template, path);
    if (!params) continue;
    if (route.method === method) return { route, params };
    pathMatched = true;
  }
  return { pathMatched };
}

/** The template a path falls under (for usage rows), or the path itself. */
export function templateOf(path: string): string {
  for (const route of ROUTES) if (matchTemplate(route.template, path)) return route.template;
  return path;
}
