/**
 * The emulator's live core: state, settings, clock, tokens, request log, faults and rate limits.
 * The HTTP layer (`server.ts`) and the handlers share one instance per running emulator.
 */
import { randomBytes, randomUUID } from "crypto";
import type { IncomingHttpHeaders } from "http";
import { FaultQueue } from "./faults";
import { RateLimiter } from "./ratelimit";
import { Store, bootstrapClient, initialState, newSecret, removeKey, sha256 } from "./store";
import type { EmulatorSettings, RequestLogEntry, StoredClient, UsageCell } from "./types";

/** How many request-log entries are kept (oldest dropped first). */
export const REQUEST_LOG_LIMIT = 20000;

/** A request as the API handlers see it, after authentication and body parsing. */
export interface ApiRequest {
  /** Upper-case method. */
  method: string;
  /** Path without query. */
  path: string;
  /** Query parameters. */
  query: URLSearchParams;
  /** Decoded path parameters of the matched route. */
  params: Record<string, string>;
  /** Parsed JSON body (undefined when the route takes none). */
  body: unknown;
  /** Request headers. */
  headers: IncomingHttpHeaders;
  /** The authenticated calling client. */
  caller: StoredClient;
}

/** What a handler answers. */
export interface ApiResult {
  /** HTTP status. */
  status: number;
  /** JSON body; omitted for an empty response. */
  body?: unknown;
  /** Extra headers. */
  headers?: Record<string, string>;
}

/** Why a bearer token was refused. */
export type TokenProblem = "unknown" | "expired" | "client";

/** Construction parameters of {@link EmulatorCore}. */
export interface CoreOptions {
  /** Settings at start (and after a reset). */
  settings: EmulatorSettings;
  /** Bootstrap client id (default: the data file's, else a random UUID). */
  adminClientId?: string;
  /** Bootstrap client secret (default: the data file's, else random). */
  adminClientSecret?: string;
  /** Where to persist the state. */
  dataFile?: string;
  /** Clock for dates and expiry. */
  now?: () => Date;
  /** Fixed token lifetime overriding the client's `accessTokenValiditySeconds`. */
  tokenExpiresInSeconds?: number;
}

/** Shared state and services of one running emulator. */
export class EmulatorCore {
  /** Persistent state. */
  readonly store: Store;
  /** Current settings. */
  settings: EmulatorSettings;
  /** Pending faults. */
  readonly faults = new FaultQueue();
  /** Per-token rate limiting. */
  readonly rate = new RateLimiter();
  /** Served requests (see {@link REQUEST_LOG_LIMIT}). */
  log: RequestLogEntry[] = [];
  private seq = 0;
  private readonly options: CoreOptions;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(options: CoreOptions) {
    this.options = options;
    this.settings = { ...options.settings };
    const loaded = options.dataFile ? Store.read(options.dataFile) : undefined;
    const clientId = options.adminClientId ?? loaded?.bootstrap.clientId ?? randomUUID();
    const clientSecret = options.adminClientSecret ?? loaded?.bootstrap.clientSecret ?? newSecret();
    this.store = new Store(
      loaded ?? initialState(clientId, clientSecret, this.now()),
      options.dataFile,
    );
    this.adoptBootstrap(clientId, clientSecret);
    this.store.save();
  }

  /** The emulator clock: the fixed `now` setting, else the `now` option, else the real clock. */
  now(): Date {
    if (this.settings.now) return new Date(this.settings.now);
    return this.options.now ? this.options.now() : new Date();
  }

  /** The bootstrap credentials. */
  get bootstrap(): { clientId: string; clientSecret: string } {
    return this.store.state.bootstrap;
  }

  /** Makes sure the bootstrap client exists and answers to these credentials (start, reset). */
  private adoptBootstrap(clientId: string, clientSecret: string): void {
    const s = this.store.state;
    s.bootstrap = { clientId, clientSecret };
    const existing = s.clients[clientId];
    if (existing) existing.secretHash = sha256(clientSecret);
    else s.clients[clientId] = bootstrapClient(clientId, clientSecret, this.now());
  }

  /** Sleeps on a timer that {@link close} cancels, so a closing emulator never hangs a process. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      t.unref();
      this.timers.add(t);
    });
  }

  /** Cancels pending sleeps and writes pending state. */
  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.store.flush();
  }

  /** Appends a request-log entry; returns it so the server can complete it later. */
  logRequest(entry: Omit<RequestLogEntry, "seq">): RequestLogEntry {
    const full: RequestLogEntry = { seq: ++this.seq, ...entry };
    this.log.push(full);
    if (this.log.length > REQUEST_LOG_LIMIT)
      this.log.splice(0, this.log.length - REQUEST_LOG_LIMIT);
    return full;
  }

  /** Issues an access token to a client; returns the token and its lifetime in seconds. */
  issueToken(client: StoredClient): { token: string; expiresIn: number } {
    const nowMs = this.now().getTime();
    const tokens = this.store.state.tokens;
    for (const [hash, t] of Object.entries(tokens))
      if (t.expiresAt <= nowMs) removeKey(tokens, hash);
    const expiresIn = this.options.tokenExpiresInSeconds ?? client.accessTokenValiditySeconds;
    const token = randomBytes(48).toString("base64url");
    tokens[sha256(token)] = {
      clientId: client.id,
      issuedAt: nowMs,
      expiresAt: nowMs + expiresIn * 1000,
    };
    this.store.save();
    return { token, expiresIn };
  }

  /** Forgets a token (DELETE /api/v2/tokens/me). */
  revokeToken(token: string): void {
    removeKey(this.store.state.tokens, sha256(token));
    this.store.save();
  }

  /** The client a bearer token was issued to, whether or not the token is still valid. */
  tokenOwner(token: string): string | undefined {
    return this.store.state.tokens[sha256(token)]?.clientId;
  }

  /** Checks a bearer token: its client when valid, else why not. */
  authenticate(token: string): { client: StoredClient } | { problem: TokenProblem } {
    const t = this.store.state.tokens[sha256(token)];
    if (!t) return { problem: "unknown" };
    if (t.expiresAt <= this.now().getTime()) return { problem: "expired" };
    const client = this.client(t.clientId);
    if (!client || client.state !== "active") return { problem: "client" };
    return { client };
  }

  /** A client by id, after dropping `deleted` clients whose `dateToDelete` has passed. */
  client(id: string): StoredClient | undefined {
    this.purgeDeleted();
    return this.store.state.clients[id];
  }

  /** Every client (including `deleted` ones not yet purged), oldest first. */
  clients(): StoredClient[] {
    this.purgeDeleted();
    return Object.values(this.store.state.clients).sort(
      (a, b) => a.dateCreated.localeCompare(b.dateCreated) || a.id.localeCompare(b.id),
    );
  }

  /** Removes soft-deleted clients whose grace period is over. */
  private purgeDeleted(): void {
    const nowMs = this.now().getTime();
    const clients = this.store.state.clients;
    let changed = false;
    for (const c of Object.values(clients)) {
      if (c.state === "deleted" && c.dateToDelete && Date.parse(c.dateToDelete) <= nowMs) {
        removeKey(clients, c.id);
        changed = true;
      }
    }
    if (changed) this.store.save();
  }

  /** Counts one served API request in the usage of the client whose token made it. */
  recordUsage(clientId: string, templateUri: string, httpMethod: string, status: number): void {
    const day = this.now();
    day.setUTCHours(0, 0, 0, 0);
    const date = day.toISOString();
    const cells = (this.store.state.usage[clientId] ??= []);
    let cell = cells.find(
      (c) => c.date === date && c.templateUri === templateUri && c.httpMethod === httpMethod,
    );
    if (!cell) {
      cell = emptyCell(date, templateUri, httpMethod);
      cells.push(cell);
    }
    cell.requests++;
    if (status >= 200 && status < 300) cell.status200++;
    else if (status >= 300 && status < 400) cell.status300++;
    else if (status >= 400 && status < 500) cell.status400++;
    else if (status >= 500) cell.status500++;
    if (status === 429) cell.status429++;
    this.store.saveSoon();
  }

  /** Back to the seeded state: only the bootstrap client, start settings, no log or faults. */
  reset(): void {
    const { clientId, clientSecret } = this.bootstrap;
    const fresh = initialState(clientId, clientSecret, this.now());
    const oldTokens = this.store.state.tokens;
    for (const [hash, t] of Object.entries(oldTokens)) {
      if (t.clientId === clientId) fresh.tokens[hash] = t;
    }
    this.store.state = fresh;
    this.store.save();
    this.settings = { ...this.options.settings };
    this.faults.clear();
    this.rate.clear();
    this.log = [];
  }
}

/** A usage cell with every counter at zero. */
export function emptyCell(date: string, templateUri?: string, httpMethod?: string): UsageCell {
  return {
    date,
    ...(templateUri !== undefined ? { templateUri } : {}),
    ...(httpMethod !== undefined ? { httpMethod } : {}),
    status200: 0,
    status300: 0,
    status400: 0,
    status500: 0,
    status429: 0,
    requests: 0,
  };
}
