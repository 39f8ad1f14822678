/**
 * The login service's token endpoint, `POST /oauth/token`, for the client-credentials grant:
 * credentials in a Basic header (or `client_id`/`client_secret` in the form body), answers and
 * errors shaped like the real service's.
 */
import type { IncomingHttpHeaders } from "http";
import { timingSafeEqual } from "crypto";
import type { TokenErrorBody, TokenResponse } from "../api/models";
import type { ApiResult, EmulatorCore } from "./core";
import { CLIENT_CREDENTIALS } from "./client-validation";
import { sha256 } from "./store";

/** The path of the token endpoint (on the login host). */
export const TOKEN_PATH = "/oauth/token";

/** Client credentials presented to the token endpoint. */
interface Credentials {
  clientId: string;
  clientSecret: string;
}

function oauthError(error: string, description: string): ApiResult {
  const body: TokenErrorBody = { error, description, error_description: description };
  return { status: 400, body, headers: { "Cache-Control": "no-store" } };
}

function basicCredentials(header: string | undefined): Credentials | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? "");
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

function isForm(headers: IncomingHttpHeaders): boolean {
  const type = (headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  return type === "application/x-www-form-urlencoded";
}

/**
 * The client id a token request claims to be (for rate limiting and the request log), without
 * checking anything.
 */
export function claimedClientId(headers: IncomingHttpHeaders, body: string): string | undefined {
  const basic = basicCredentials(headers.authorization);
  if (basic) return basic.clientId;
  return isForm(headers) ? (new URLSearchParams(body).get("client_id") ?? undefined) : undefined;
}

function secretMatches(secret: string, expectedHash: string): boolean {
  const a = Buffer.from(sha256(secret), "hex");
  const b = Buffer.from(expectedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Answers a token request; `clientId` is set when a token was issued. */
export function tokenEndpoint(
  core: EmulatorCore,
  headers: IncomingHttpHeaders,
  body: string,
): { result: ApiResult; clientId?: string } {
  if (!isForm(headers)) {
    return {
      result: oauthError(
        "invalid_request",
        "Content-Type must be application/x-www-form-urlencoded",
      ),
    };
  }
  const form = new URLSearchParams(body);
  const grantType = form.get("grant_type");
  if (!grantType) return { result: oauthError("invalid_request", "grant_type is required") };
  if (grantType !== "client_credentials") {
    return { result: oauthError("unsupported_grant_type", "unsupported grant type") };
  }
  const formId = form.get("client_id");
  const formSecret = form.get("client_secret");
  const creds =
    basicCredentials(headers.authorization) ??
    (formId !== null && formSecret !== null
      ? { clientId: formId, clientSecret: formSecret }
      : undefined);
  const client = creds ? core.client(creds.clientId) : undefined;
  if (
    !creds ||
    !client ||
    !secretMatches(creds.clientSecret, client.secretHash) ||
    client.state !== "active"
  ) {
    return { result: oauthError("invalid_client", "authentication failed") };
  }
  if (client.authorizedGrantType !== CLIENT_CREDENTIALS) {
    return {
      result: oauthError("unauthorized_client", "client is not authorized for this grant type"),
    };
  }
  const { token, expiresIn } = core.issueToken(client);
  const response: TokenResponse = {
    access_token: token,
    token_type: "bearer",
    expires_in: expiresIn,
  };
  return {
    result: {
      status: 200,
      body: response,
      headers: { "Cache-Control": "no-store", Pragma: "no-cache" },
    },
    clientId: client.id,
  };
}
