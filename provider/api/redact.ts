/**
 * Redaction of secrets in texts and error bodies: what keeps tokens, client secrets and
 * `Authorization` values out of every message this package produces.
 */
import type { ErrorBody } from "./models";

/** What {@link redact} puts in place of a secret. */
export const REDACTED = "[REDACTED]";

/** Secrets shorter than this are not redacted by value: they would shred ordinary words. */
const MIN_REDACTABLE_LENGTH = 4;

/** Error texts from a server are cut to this length, so a proxy's HTML page cannot flood a log. */
const MAX_TEXT_LENGTH = 1000;

/**
 * Returns `text` with every occurrence of each secret, and any `Bearer <token>` credential,
 * replaced by {@link REDACTED}. Use it on any line that could contain request data before
 * logging it.
 */
export function redact(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret !== undefined && secret.length >= MIN_REDACTABLE_LENGTH) {
      out = out.split(secret).join(REDACTED);
    }
  }
  return out.replace(/\bBearer\s+[A-Za-z0-9\-._~+/]{16,}=*/g, `Bearer ${REDACTED}`);
}

/** Redacts, then shortens a text received from a server. */
function cleanText(value: unknown, secrets: ReadonlyArray<string | undefined>): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = redact(value, secrets);
  return text.length > MAX_TEXT_LENGTH ? `${text.slice(0, MAX_TEXT_LENGTH)}…` : text;
}

/**
 * Copies the documented `ErrorBody` fields out of an error response body, with every text
 * redacted and shortened. Anything else the body holds is dropped. Returns `undefined` when the
 * body is not a JSON object.
 */
export function sanitizeErrorBody(
  data: unknown,
  secrets: ReadonlyArray<string | undefined> = [],
  depth = 0,
): ErrorBody | undefined {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return undefined;
  const src = data as Record<string, unknown>;
  const out: ErrorBody = {};
  for (const key of [
    "message",
    "code",
    "entityId",
    "entityName",
    "messageWithParams",
    "contextId",
  ]) {
    const text = cleanText(src[key], secrets);
    if (text !== undefined) (out as Record<string, unknown>)[key] = text;
  }
  if (typeof src.status === "number") out.status = src.status;
  const params = src.messageParams;
  if (typeof params === "object" && params !== null && !Array.isArray(params)) {
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(params)) {
      const text = cleanText(v, secrets);
      if (text !== undefined) clean[k] = text;
    }
    out.messageParams = clean;
  }
  if (Array.isArray(src.details)) {
    out.details = src.details.slice(0, 50).flatMap((d: unknown) => {
      if (typeof d !== "object" || d === null) return [];
      const detail = d as Record<string, unknown>;
      const clean: Record<string, string> = {};
      for (const key of ["errorCode", "fieldName", "entityId", "entityName"]) {
        const text = cleanText(detail[key], secrets);
        if (text !== undefined) clean[key] = text;
      }
      return [clean];
    });
  }
  if (Array.isArray(src.errors) && depth < 2) {
    out.errors = src.errors
      .slice(0, 50)
      .flatMap((e: unknown) => sanitizeErrorBody(e, secrets, depth + 1) ?? []);
  }
  const limit = src.limit;
  if (typeof limit === "object" && limit !== null && !Array.isArray(limit)) {
    const l = limit as Record<string, unknown>;
    out.limit = {};
    if (typeof l.key === "string") out.limit.key = l.key;
    if (typeof l.namespace === "string") out.limit.namespace = l.namespace;
    if (typeof l.value === "number") out.limit.value = l.value;
  }
  return out;
}
