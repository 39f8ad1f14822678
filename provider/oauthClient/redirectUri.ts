/**
 * Validation of one OAuth redirect URI. The API only says `format: uri`; we also refuse what an
 * authorization server must refuse or what is certainly a mistake (RFC 6749 §3.1.2: absolute, no
 * fragment), and warn about plain `http:` to a host other than the local machine.
 */
import { isLoopbackHost } from "../api/regions";
import { fail, requireString, type Report } from "./fields";
import { quote } from "./suggest";
import { LIMITS } from "./types";

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const FORBIDDEN_SCHEMES = ["javascript", "data", "vbscript", "file", "about", "blob"];

function parse(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * Validates a redirect URI at `path`; returns it unchanged (the API compares URIs as strings, so
 * we never rewrite one).
 */
export function validateRedirectUri(raw: unknown, path: string, report: Report): unknown {
  const example = "https://app.example.com/callback";
  if (!requireString(raw, path, report, `write an absolute URI, e.g. "${example}"`)) return raw;
  const value = raw as string;
  const bad = (reason: string): string => {
    fail(report, path, `${path} ${quote(value)} ${reason}`);
    return value;
  };
  if (value === "") return bad("is empty: remove the entry");
  if ([...value].length > LIMITS.redirectUriMaxLength) {
    return bad(`is longer than ${LIMITS.redirectUriMaxLength} characters: shorten it`);
  }
  if (/[\s\p{Cc}]/u.test(value)) {
    return bad("contains whitespace or a control character: remove it (encode spaces as %20)");
  }
  if (/^[/.]/.test(value)) {
    return bad(`is a relative reference: write the full URI, e.g. "${example}"`);
  }
  const scheme = SCHEME.exec(value)?.[1];
  if (scheme === undefined || /^[a-zA-Z][a-zA-Z0-9+.-]*:\d/.test(value)) {
    const http = /^(localhost|127\.)/i.test(value) ? "http" : "https";
    return bad(`is not an absolute URI (it has no scheme): write "${http}://${value}"`);
  }
  const lower = scheme.toLowerCase();
  if (FORBIDDEN_SCHEMES.includes(lower)) {
    return bad(`uses the ${lower}: scheme, which cannot be a redirect target: use https:`);
  }
  const url = parse(value);
  if (url === undefined) return bad(`is not a valid URI: write it like "${example}"`);
  if (value.includes("#")) {
    return bad(
      "has a fragment (#…), which redirect URIs must not have (RFC 6749 §3.1.2): remove it",
    );
  }
  if (lower === "http" || lower === "https") {
    if (!/^https?:\/\/[^/?#]/i.test(value) || url.hostname === "") {
      return bad(`is missing its host: write it like "${example}"`);
    }
    if (lower === "http" && !isLoopbackHost(url.hostname, { localhostSubdomains: true })) {
      report.warnings.push(
        `${path}: ${quote(value)} uses plain http to a host other than this machine, so the ` +
          "authorization code travels unencrypted: use https",
      );
    }
  }
  return value;
}
