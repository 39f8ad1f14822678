/**
 * Errors the emulator answers with, shaped like the platform's `ErrorBody`. Handlers throw
 * {@link ApiError}; the server turns it into a response carrying the request's correlation id.
 */
import type { Detail, ErrorBody } from "../api/models";

/** The generic message of each code, as the Swagger's `x-inin-error-codes` spell them. */
export const ERROR_MESSAGES: Readonly<Record<string, string>> = {
  "bad.request": "The request could not be understood by the server due to malformed syntax.",
  "invalid.property": "Value [%s] is not a valid property for object [%s]",
  "invalid.value": "Value [%s] is not valid for field type [%s]. Allowable values are: %s",
  "invalid.date":
    "Dates must be specified as ISO-8601 strings. For example: yyyy-MM-ddTHH:mm:ss.SSSZ",
  "invalid.query.param.value":
    "Value [%s] is not valid for parameter [%s]. Allowable values are: %s",
  "authentication.required": "No authentication bearer token specified in authorization header.",
  "bad.credentials": "Invalid login credentials.",
  "missing.permissions":
    "Unable to perform the requested action. You are missing the following permission(s): %s",
  "missing.any.permissions":
    "Unable to perform the requested action. You must have at least one of the following permissions assigned: %s",
  "not.authorized": "You are not authorized to perform the requested action.",
  "not.found": "The requested resource was not found.",
  "client.not.found": "Client was not found.",
  "client.timeout":
    "The client did not produce a request within the server timeout limit. This can be caused by a slow network connection and/or large payloads.",
  "request.conflict": "The request conflicts with the current state of the target resource.",
  "request.entity.too.large": "The request is over the size limit. Maximum bytes: %s",
  "unsupported.media.type":
    "Unsupported Media Type - Unsupported or incorrect media type, such as an incorrect Content-Type value in the header.",
  "too.many.requests.retry.after":
    "Rate limit exceeded the maximum. Retry the request in [%s] seconds",
  "too.many.requests": "Rate limit exceeded the maximum [%s] requests within [%s] seconds",
  "internal.server.error":
    "The server encountered an unexpected condition which prevented it from fulfilling the request.",
  "service.unavailable":
    "Service Unavailable - The server is currently unavailable (because it is overloaded or down for maintenance).",
  "request.timeout": "The request timed out.",
  "bad.client.role": "Client role is invalid.",
  "bad.grant.type": "Invalid grant type.",
  "grant.type.required": "Grant type is required.",
  "missing.client.scope": "Client scope is missing.",
  "missing.client.roles": "Client roles and divisions are missing.",
  "auth.invalid.scope": "Client has invalid scope",
  "auth.too.many.clients": "Too many clients exist in this organization.",
  "cannot.delete.client": "Clients must be marked as inactive to be eligible for deletion.",
};

/** The code a bare status gets when nothing more specific is known (status faults). */
export const DEFAULT_CODE_FOR_STATUS: Readonly<Record<number, string>> = {
  400: "bad.request",
  401: "bad.credentials",
  403: "not.authorized",
  404: "not.found",
  408: "client.timeout",
  409: "request.conflict",
  413: "request.entity.too.large",
  415: "unsupported.media.type",
  429: "too.many.requests.retry.after",
  500: "internal.server.error",
  503: "service.unavailable",
  504: "request.timeout",
};

/** Fills `%s` placeholders in order. */
export function formatMessage(template: string, params: readonly string[]): string {
  let i = 0;
  return template.replace(/%s/g, () => (i < params.length ? params[i++] : "%s"));
}

/** An error a handler throws to answer with an `ErrorBody`. */
export class ApiError extends Error {
  /** HTTP status. */
  readonly status: number;
  /** `ErrorBody.code`. */
  readonly code: string;
  /** Values of the message's placeholders, in order (become `messageParams`). */
  readonly params: readonly string[];
  /** Field-level details. */
  readonly details: Detail[];
  /** Extra response headers (e.g. `Retry-After`). */
  readonly headers: Record<string, string>;

  /**
   * @param status HTTP status.
   * @param code Genesys error code.
   * @param message Message; defaults to the code's generic message with `params` filled in.
   */
  constructor(
    status: number,
    code: string,
    message?: string,
    options: { params?: string[]; details?: Detail[]; headers?: Record<string, string> } = {},
  ) {
    const params = options.params ?? [];
    super(message ?? formatMessage(ERROR_MESSAGES[code] ?? code, params));
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.params = params;
    this.details = options.details ?? [];
    this.headers = options.headers ?? {};
  }
}

/** Shorthand for a 400 naming one offending field. */
export function fieldError(code: string, fieldName: string, message: string): ApiError {
  return new ApiError(400, code, message, { details: [{ errorCode: code, fieldName }] });
}

/**
 * The request body as an object, or a 400 `bad.request` saying it must be one of `definition`
 * (a Swagger definition whose name starts with a vowel, e.g. `OAuthClientRequest`).
 */
export function bodyObject(body: unknown, definition: string): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(400, "bad.request", `The request body must be an ${definition} object.`);
  }
  return body as Record<string, unknown>;
}

/** Builds the `ErrorBody` of an {@link ApiError} for a request with this correlation id. */
export function errorBody(error: ApiError, correlationId: string): ErrorBody {
  const messageParams: Record<string, string> = {};
  let i = 0;
  const template = ERROR_MESSAGES[error.code];
  const messageWithParams =
    template && error.params.length > 0
      ? template.replace(/%s/g, () => {
          const key = `param${i}`;
          messageParams[key] = error.params[i] ?? "";
          i++;
          return `{${key}}`;
        })
      : error.message;
  return {
    message: error.message,
    code: error.code,
    status: error.status,
    messageWithParams,
    messageParams,
    contextId: correlationId,
    details: error.details,
    errors: [],
  };
}
