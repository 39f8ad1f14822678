/**
 * Internal data types of the emulator: what it stores, logs and injects. The wire models come
 * from `../api/models` (the Swagger definitions); these are the emulator's own records.
 */
import type { ApiUsageRow, DomainEntityRef, RoleDivision } from "../api/models";

/** A client state as stored: the documented three plus `deleted` (being removed, see README). */
export type StoredClientState = "active" | "inactive" | "disabled" | "deleted";

/** An OAuth client as the emulator stores it. The secret itself is never stored, only its hash. */
export interface StoredClient {
  /** The OAuth client id (UUID v4). */
  id: string;
  /** Display name. */
  name: string;
  /** Free text; omitted from responses when never set. */
  description?: string;
  /** Lifetime of tokens issued to this client, in seconds. */
  accessTokenValiditySeconds: number;
  /** Allowed redirect URIs (code/implicit grants). */
  registeredRedirectUri: string[];
  /** The grant type, as the API spells it. */
  authorizedGrantType: string;
  /** Scopes (non-client-credentials grants). */
  scope: string[];
  /** Role/division grants (client-credentials grant); `roleIds` in responses mirror these. */
  roleDivisions: RoleDivision[];
  /** Lifecycle state. */
  state: StoredClientState;
  /** ISO-8601; set when a client older than 30 days is deleted (kept as `deleted` until then). */
  dateToDelete?: string;
  /** ISO-8601 creation time. */
  dateCreated: string;
  /** ISO-8601 last modification time. */
  dateModified: string;
  /** Who created it (the calling client). */
  createdBy: DomainEntityRef;
  /** Who last modified it. */
  modifiedBy: DomainEntityRef;
  /** SHA-256 (hex) of the current secret: enough to check logins, useless to a reader of the file. */
  secretHash: string;
}

/** An issued access token, keyed by the SHA-256 of the token in {@link EmulatorState.tokens}. */
export interface StoredToken {
  /** The client the token was issued to. */
  clientId: string;
  /** Epoch milliseconds (emulator clock) when it was issued. */
  issuedAt: number;
  /** Epoch milliseconds (emulator clock) after which it is refused. */
  expiresAt: number;
}

/** One aggregated usage cell: requests of one client on one UTC day for one route and method. */
export interface UsageCell {
  /** Start of the UTC day, ISO-8601. */
  date: string;
  /** Route template, e.g. `/api/v2/oauth/clients/{clientId}`; absent for seeded totals. */
  templateUri?: string;
  /** Upper-case HTTP method; absent for seeded totals. */
  httpMethod?: string;
  /** 2xx responses. */
  status200: number;
  /** 3xx responses. */
  status300: number;
  /** 4xx responses (including 429). */
  status400: number;
  /** 5xx responses. */
  status500: number;
  /** 429 responses (a subset of status400). */
  status429: number;
  /** All responses. */
  requests: number;
}

/** A usage query (or summary) execution waiting to be polled. */
export interface UsageExecution {
  /** Execution id (UUID). */
  id: string;
  /** The client whose usage is queried. */
  clientId: string;
  /** How many polls have been answered so far. */
  polls: number;
  /** Polls that answer `Running` before the outcome. */
  pollsBeforeComplete: number;
  /** The outcome reported once the polls are used up. */
  outcome: "Complete" | "Failed";
  /** The rows, computed when the query was submitted (requests served until then). */
  results: ApiUsageRow[];
}

/** Everything the emulator persists to `dataFile`. */
export interface EmulatorState {
  /** Format version of the data file. */
  version: 1;
  /** The bootstrap admin client's credentials (printed by the CLI, so kept in clear). */
  bootstrap: { clientId: string; clientSecret: string };
  /** All clients by id, including `deleted` ones. */
  clients: Record<string, StoredClient>;
  /** Issued tokens by SHA-256 of the token. */
  tokens: Record<string, StoredToken>;
  /** Usage cells by client id. */
  usage: Record<string, UsageCell[]>;
  /** Pending usage executions by id. */
  executions: Record<string, UsageExecution>;
}

/** Settings that tests may change at run time through `PUT /__emulator/settings`. */
export interface EmulatorSettings {
  /** Requests allowed per access token per window. */
  rateLimitPerMinute: number;
  /** Length of the rate-limit window in seconds. */
  rateLimitWindowSeconds: number;
  /** Milliseconds added before every API and token response. */
  latencyMs: number;
  /** Maximum number of (not deleted) clients. */
  maxClients: number;
  /** Result polls that answer `Running` before the outcome. */
  usagePollsBeforeComplete: number;
  /** Outcome of usage queries created from now on. */
  usageQueryOutcome: "Complete" | "Failed";
  /** Page size of the client listing; `null` = everything on one page. */
  listPageSize: number | null;
  /** A fixed emulator time (ISO-8601), or `null` for the configured clock. */
  now: string | null;
}

/** A fault to inject into matching requests (see README, admin API). */
export interface FaultSpec {
  /** HTTP method to match (any when absent). */
  method?: string;
  /** Path prefix to match, without the query string (any when absent). */
  path?: string;
  /** How many matching requests get the fault. */
  times: number;
  /** What happens to a matching request. */
  kind: "status" | "reset" | "commit-then-reset" | "delay";
  /** Status of a `status` fault. */
  status?: number;
  /** `Retry-After` seconds for a 429 or 503 `status` fault. */
  retryAfter?: number;
  /** Milliseconds of a `delay` fault. */
  delayMs?: number;
  /** ErrorBody code of a `status` fault. */
  code?: string;
  /** ErrorBody message of a `status` fault. */
  message?: string;
}

/** A pending fault as listed by `GET /__emulator/faults`. */
export interface PendingFault extends FaultSpec {
  /** Fault id. */
  id: string;
}

/** One served request, as listed by `GET /__emulator/requests`. */
export interface RequestLogEntry {
  /** 1, 2, 3, … in the order requests arrived. */
  seq: number;
  /** ISO-8601 arrival time (emulator clock). */
  time: string;
  /** Upper-case HTTP method. */
  method: string;
  /** Path without the query string. */
  path: string;
  /** Decoded query parameters (empty for the token endpoint). */
  query: Record<string, string>;
  /** Status sent; for `commit-then-reset` the status that was computed but never sent; 0 for `reset`. */
  status: number;
  /** The client whose bearer token was presented (when it was a known token). */
  tokenClientId?: string;
  /** Parsed JSON request body of API requests (a `secret` property is replaced by `[REDACTED]`). */
  body?: unknown;
  /** The `ININ-Correlation-Id` of the response. */
  correlationId: string;
  /** The kind of fault injected into this request. */
  fault?: FaultSpec["kind"];
}
