/**
 * Read-only endpoints over the seeded catalog: scopes, authorizations, the home division, and
 * token revocation.
 */
import type { OAuthAuthorizationListing, OAuthScope, OAuthScopeListing } from "../api/models";
import { authorizations } from "./authorizations";
import { EMULATOR_DIVISIONS } from "./catalog";
import type { ApiRequest, ApiResult, EmulatorCore } from "./core";
import { ApiError } from "./errors";
import { EMULATOR_SCOPES, negotiateLanguage, type EmulatorScope } from "./scopes";

function language(req: ApiRequest): ReturnType<typeof negotiateLanguage> {
  const header = req.headers["accept-language"];
  return negotiateLanguage(Array.isArray(header) ? header.join(",") : header);
}

function scopeView(scope: EmulatorScope, req: ApiRequest): OAuthScope {
  return {
    id: scope.id,
    description: scope.descriptions[language(req)],
    selfUri: `/api/v2/oauth/scopes/${encodeURIComponent(scope.id)}`,
  };
}

/** GET /api/v2/oauth/scopes */
export function listScopes(_core: EmulatorCore, req: ApiRequest): ApiResult {
  const body: OAuthScopeListing = {
    total: EMULATOR_SCOPES.length,
    entities: EMULATOR_SCOPES.map((s) => scopeView(s, req)),
    selfUri: "/api/v2/oauth/scopes",
  };
  return { status: 200, body, headers: { "Content-Language": language(req) } };
}

/** GET /api/v2/oauth/scopes/{scopeId} */
export function getScope(_core: EmulatorCore, req: ApiRequest): ApiResult {
  const scope = EMULATOR_SCOPES.find((s) => s.id === req.params.scopeId);
  if (!scope) throw new ApiError(404, "not.found");
  return {
    status: 200,
    body: scopeView(scope, req),
    headers: { "Content-Language": language(req) },
  };
}

/** GET /api/v2/oauth/authorizations */
export function listAuthorizations(_core: EmulatorCore, req: ApiRequest): ApiResult {
  const entities = authorizations(language(req));
  const body: OAuthAuthorizationListing = {
    total: entities.length,
    entities,
    selfUri: "/api/v2/oauth/authorizations",
  };
  return { status: 200, body, headers: { "Content-Language": language(req) } };
}

/** GET /api/v2/oauth/authorizations/{clientId} */
export function getAuthorization(_core: EmulatorCore, req: ApiRequest): ApiResult {
  const found = authorizations(language(req)).find((a) => a.client?.id === req.params.clientId);
  if (!found) throw new ApiError(404, "not.found");
  return { status: 200, body: found, headers: { "Content-Language": language(req) } };
}

/** GET /api/v2/authorization/divisions/home */
export function homeDivision(): ApiResult {
  const home = EMULATOR_DIVISIONS.find((d) => d.homeDivision);
  if (!home) throw new ApiError(404, "not.found");
  return {
    status: 200,
    body: {
      id: home.id,
      name: home.name,
      homeDivision: true,
      selfUri: `/api/v2/authorization/divisions/${home.id}`,
    },
  };
}

/** DELETE /api/v2/tokens/me — revokes the token the request was made with. */
export function revokeOwnToken(core: EmulatorCore, req: ApiRequest): ApiResult {
  const header = req.headers.authorization ?? "";
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  if (token) core.revokeToken(token);
  return { status: 204 };
}
