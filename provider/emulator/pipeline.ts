/**
 * The request pipeline of an API call, in the order a gateway applies it: request size, bearer
 * authentication, rate limit, route, permissions, media type, JSON, then the operation's handler.
 */
import type { IncomingHttpHeaders } from "http";
import { rolesGrant } from "./catalog";
import type { ApiResult, EmulatorCore } from "./core";
import { ApiError, errorBody } from "./errors";
import type { RateDecision } from "./ratelimit";
import { findRoute } from "./routes";
import { roleIdsOf } from "./store";

/** The largest request body accepted (`request.bytes.max`). */
export const MAX_BODY_BYTES = 512000;

/** A request as received. */
export interface IncomingApiRequest {
  /** Upper-case method. */
  method: string;
  /** Path without query. */
  path: string;
  /** Query parameters. */
  query: URLSearchParams;
  /** Request headers. */
  headers: IncomingHttpHeaders;
  /** The bearer token, when one was presented. */
  bearer?: string;
  /** Request body text (empty when too large). */
  bodyText: string;
  /** True when the body exceeded {@link MAX_BODY_BYTES}. */
  tooLarge: boolean;
  /** Rate-limit key for requests without a usable token. */
  anonymousKey: string;
  /** The response's correlation id. */
  correlationId: string;
}

/** Parses a bearer token out of an `Authorization` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m?.[1];
}

/** True for `application/json` (any parameters, any `+json` suffix). */
export function isJson(headers: IncomingHttpHeaders): boolean {
  const type = (headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  return type === "application/json" || /^application\/[\w.-]+\+json$/.test(type);
}

/** The rate-limit key of a token: its hash, never the token itself. */
export function tokenRateKey(tokenHash: string): string {
  return `token:${tokenHash}`;
}

function fail(error: ApiError, correlationId: string): ApiResult {
  return { status: error.status, body: errorBody(error, correlationId), headers: error.headers };
}

/** Runs an API request through the pipeline. */
export function handleApi(
  core: EmulatorCore,
  req: IncomingApiRequest,
  tokenHash: string | undefined,
): { result: ApiResult; rate: RateDecision } {
  const { rateLimitPerMinute: limit, rateLimitWindowSeconds: windowSeconds } = core.settings;
  const peekAnonymous = (): RateDecision => core.rate.peek(req.anonymousKey, limit, windowSeconds);

  if (req.tooLarge) {
    const error = new ApiError(413, "request.entity.too.large", undefined, {
      params: [String(MAX_BODY_BYTES)],
    });
    return { result: fail(error, req.correlationId), rate: peekAnonymous() };
  }
  if (!req.bearer || !tokenHash) {
    return {
      result: fail(new ApiError(401, "authentication.required"), req.correlationId),
      rate: peekAnonymous(),
    };
  }
  const auth = core.authenticate(req.bearer);
  if ("problem" in auth) {
    return {
      result: fail(new ApiError(401, "bad.credentials"), req.correlationId),
      rate: peekAnonymous(),
    };
  }
  const rate = core.rate.hit(tokenRateKey(tokenHash), limit, windowSeconds);
  if (!rate.allowed) {
    const seconds = String(rate.resetSeconds);
    const error = new ApiError(429, "too.many.requests.retry.after", undefined, {
      params: [seconds],
      headers: { "Retry-After": seconds },
    });
    return { result: fail(error, req.correlationId), rate };
  }

  try {
    const found = findRoute(req.method, req.path);
    if (!("route" in found)) throw new ApiError(404, "not.found");
    const { route, params } = found;
    if (route.permissions.length > 0) {
      const roles = roleIdsOf(auth.client);
      if (!route.permissions.some((p) => rolesGrant(roles, p))) {
        const list = route.permissions.join(", ");
        throw route.permissions.length === 1
          ? new ApiError(403, "missing.permissions", undefined, { params: [list] })
          : new ApiError(403, "missing.any.permissions", undefined, { params: [list] });
      }
    }
    let body: unknown;
    if (route.body) {
      if (!isJson(req.headers)) throw new ApiError(415, "unsupported.media.type");
      if (req.bodyText.trim() === "") {
        throw new ApiError(400, "bad.request", "A request body is required.");
      }
      try {
        body = JSON.parse(req.bodyText);
      } catch {
        throw new ApiError(400, "bad.request", "The request body is not valid JSON.");
      }
    }
    const result = route.handler(core, {
      method: req.method,
      path: req.path,
      query: req.query,
      params,
      body,
      headers: req.headers,
      caller: auth.client,
    });
    return { result, rate };
  } catch (error) {
    if (error instanceof ApiError) return { result: fail(error, req.correlationId), rate };
    // Surfacing the cause makes an emulator bug visible in the failing test instead of a bare 500.
    const cause = error instanceof Error ? error.message : String(error);
    const internal = new ApiError(
      500,
      "internal.server.error",
      `The server encountered an unexpected condition which prevented it from fulfilling the request. (emulator: ${cause})`,
    );
    return { result: fail(internal, req.correlationId), rate };
  }
}
