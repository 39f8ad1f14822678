/**
 * Reading the emulator's request log after a fault: which requests were faulted, which were
 * repeated, whether each repeat was safe, and how long a repeat waited after a `Retry-After`.
 */
import type { RequestLogEntry } from "../../../provider/emulator";

/** The path of the client collection. */
export const CLIENTS = "/api/v2/oauth/clients";
/** The path of the token endpoint. */
export const TOKEN = "/oauth/token";
/** The path of the home division. */
export const HOME_DIVISION = "/api/v2/authorization/divisions/home";

/** Why repeating a request was harmless. */
export type RepeatSafety =
  | "idempotent"
  | "503: not processed"
  | "after looking for the client"
  | "newer secret (verified)"
  | "UNSAFE";

/** One repeat of a faulted request. */
export interface Repeat {
  /** The faulted request. */
  faulted: RequestLogEntry;
  /** The repeat. */
  repeat: RequestLogEntry;
  /** Why it was safe, or `UNSAFE`. */
  safety: RepeatSafety;
  /** Time between the faulted request and the repeat (ms). */
  gapMs: number;
}

/** `METHOD /path` with UUIDs replaced by `{id}`. */
export function route(entry: { method: string; path: string }): string {
  return `${entry.method} ${entry.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "{id}")}`;
}

function sameRequest(a: RequestLogEntry, b: RequestLogEntry): boolean {
  return (
    a.method === b.method && a.path === b.path && JSON.stringify(a.body) === JSON.stringify(b.body)
  );
}

/**
 * Pairs each faulted request with its next repeat (same method, path and body) and says why the
 * repeat was safe: reads, PUT, DELETE and token requests are idempotent; a create after a 503 was
 * not processed; any other repeated create must come after a listing that looked for the client
 * the first one may have made; a repeated secret regeneration is safe only when the secret the
 * stack ends with works (`secretWorks`).
 */
export function repeatsOf(log: readonly RequestLogEntry[], secretWorks: boolean): Repeat[] {
  const repeats: Repeat[] = [];
  log.forEach((faulted, i) => {
    if (!faulted.fault) return;
    const j = log.findIndex((e, k) => k > i && sameRequest(e, faulted));
    if (j < 0) return;
    const repeat = log[j];
    let safety: RepeatSafety;
    if (faulted.method !== "POST" || faulted.path === TOKEN) {
      safety = "idempotent";
    } else if (faulted.path === CLIENTS) {
      const looked = log
        .slice(i + 1, j)
        .some((e) => e.method === "GET" && e.path === CLIENTS && e.status === 200);
      if (faulted.fault === "status" && faulted.status === 503) safety = "503: not processed";
      else safety = looked ? "after looking for the client" : "UNSAFE";
    } else if (faulted.path.endsWith("/secret")) {
      safety = secretWorks ? "newer secret (verified)" : "UNSAFE";
    } else {
      safety = "UNSAFE";
    }
    repeats.push({
      faulted,
      repeat,
      safety,
      gapMs: Date.parse(repeat.time) - Date.parse(faulted.time),
    });
  });
  return repeats;
}

/** The requests that change something in the org (token requests excluded). */
export function apiWrites(log: readonly RequestLogEntry[]): RequestLogEntry[] {
  return log.filter((e) => e.method !== "GET" && e.path.startsWith("/api/"));
}
