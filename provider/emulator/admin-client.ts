/**
 * A small typed client of the emulator's admin API (`/__emulator`), built on Node's `http` so
 * tests and tools need no HTTP code of their own. Every method rejects with
 * {@link EmulatorAdminError} on a non-2xx answer.
 */
import * as http from "http";
import type {
  ApiUsageRow,
  DomainEntityRef,
  ErrorBody,
  OAuthClient,
  RoleDivision,
} from "../api/models";
import type {
  EmulatorSettings,
  FaultSpec,
  PendingFault,
  RequestLogEntry,
  StoredClientState,
} from "./types";

/** A failed admin call. */
export class EmulatorAdminError extends Error {
  /** HTTP status. */
  readonly status: number;
  /** The ErrorBody code, when there was one. */
  readonly code?: string;

  constructor(method: string, path: string, status: number, body: ErrorBody | undefined) {
    super(
      `Emulator admin ${method} ${path} failed with ${status}: ${body?.message ?? "no message"}`,
    );
    this.name = "EmulatorAdminError";
    this.status = status;
    this.code = body?.code;
  }
}

/** Fields accepted when seeding or patching a client out of band (all optional). */
export interface SeedClientInput {
  /** Client id (seed only; default random UUID). */
  id?: string;
  /** Display name. */
  name?: string;
  /** Description; `null` removes it (patch). */
  description?: string | null;
  /** Token lifetime in seconds (any positive integer). */
  accessTokenValiditySeconds?: number;
  /** Redirect URIs. */
  registeredRedirectUri?: string[];
  /** Grant type (any string, even one the API refuses). Default `CLIENT-CREDENTIALS`. */
  authorizedGrantType?: string;
  /** Scopes (not checked against the catalog). */
  scope?: string[];
  /** Role/division grants (not checked against the catalog). */
  roleDivisions?: RoleDivision[];
  /** Roles in the home division (used when `roleDivisions` is absent). */
  roleIds?: string[];
  /** Any state, including `disabled` and `deleted`. */
  state?: StoredClientState;
  /** ISO-8601; `null` removes it. */
  dateToDelete?: string | null;
  /** ISO-8601; set it in the past to age a client. */
  dateCreated?: string;
  /** ISO-8601. */
  dateModified?: string;
  /** Creator reference. */
  createdBy?: DomainEntityRef;
  /** Last modifier reference. */
  modifiedBy?: DomainEntityRef;
  /** A known secret to log in with (default: random, returned by seed). */
  secret?: string;
}

/**
 * A seeded usage row: the counts of an `ApiUsageRow` for one route (`requests` defaults to the sum
 * of the status counts), on the UTC day of `date` (ISO-8601).
 */
export type SeedUsageRow = Pick<
  ApiUsageRow,
  | "templateUri"
  | "httpMethod"
  | "status200"
  | "status300"
  | "status400"
  | "status500"
  | "status429"
  | "requests"
> & { date: string };

/** Client of the admin API of one emulator. */
export class EmulatorAdmin {
  /** Base URL, e.g. `http://127.0.0.1:8787/__emulator`. */
  readonly adminUrl: string;

  constructor(adminUrl: string) {
    this.adminUrl = adminUrl.replace(/\/+$/, "");
  }

  /** Every token and API request served so far (optionally only those after `since`). */
  requests(since?: number): Promise<RequestLogEntry[]> {
    return this.call("GET", since === undefined ? "/requests" : `/requests?since=${since}`);
  }
  /** Clears the request log. */
  async clearRequests(): Promise<void> {
    await this.call("DELETE", "/requests");
  }
  /** Queues a fault for the next `times` matching requests. */
  addFault(fault: Partial<FaultSpec>): Promise<PendingFault> {
    return this.call("POST", "/faults", fault);
  }
  /** The pending faults. */
  faults(): Promise<PendingFault[]> {
    return this.call("GET", "/faults");
  }
  /** Removes every pending fault. */
  async clearFaults(): Promise<void> {
    await this.call("DELETE", "/faults");
  }
  /** Every client, including `deleted` ones, without secrets. */
  clients(): Promise<OAuthClient[]> {
    return this.call("GET", "/clients");
  }
  /** Seeds a client directly (any state, any dates); the answer includes its secret. */
  seedClient(input: SeedClientInput): Promise<OAuthClient & { secret: string }> {
    return this.call("POST", "/clients", input);
  }
  /** Changes a client out of band (drift made in the admin UI). */
  patchClient(id: string, patch: SeedClientInput): Promise<OAuthClient> {
    return this.call("PATCH", `/clients/${encodeURIComponent(id)}`, patch);
  }
  /** Removes a client out of band. */
  async deleteClient(id: string): Promise<void> {
    await this.call("DELETE", `/clients/${encodeURIComponent(id)}`);
  }
  /** Regenerates a client's secret out of band; the answer includes the new secret. */
  regenerateSecret(id: string): Promise<OAuthClient & { secret: string }> {
    return this.call("POST", `/clients/${encodeURIComponent(id)}/secret`);
  }
  /** Adds historical usage rows to a client. */
  seedUsage(id: string, rows: SeedUsageRow[]): Promise<{ added: number }> {
    return this.call("POST", `/clients/${encodeURIComponent(id)}/usage`, rows);
  }
  /** Current settings. */
  settings(): Promise<EmulatorSettings> {
    return this.call("GET", "/settings");
  }
  /** Changes some settings; answers the resulting settings. */
  updateSettings(settings: Partial<EmulatorSettings>): Promise<EmulatorSettings> {
    return this.call("PUT", "/settings", settings);
  }
  /** Back to the seeded state (bootstrap credentials kept). */
  async reset(): Promise<void> {
    await this.call("POST", "/reset");
  }
  /** Resolves when the emulator answers. */
  health(): Promise<{ status: string }> {
    return this.call("GET", "/health");
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await httpRequest(`${this.adminUrl}${path}`, {
      method,
      headers: { Accept: "application/json" },
      body,
    });
    if (res.status >= 200 && res.status < 300) return res.body as T;
    const error = typeof res.body === "object" ? (res.body as ErrorBody | undefined) : undefined;
    throw new EmulatorAdminError(method, path, res.status, error);
  }
}

/** A response as {@link httpRequest} received it. */
export interface HttpResult {
  /** HTTP status. */
  status: number;
  /** Response headers (lower-cased names). */
  headers: http.IncomingHttpHeaders;
  /** Raw body. */
  text: string;
  /** Parsed JSON body (the raw text when not JSON, undefined when empty). */
  body: unknown;
}

/** Options of {@link httpRequest}. */
export interface HttpRequestOptions {
  /** HTTP method (GET). */
  method?: string;
  /** Request headers. */
  headers?: Record<string, string>;
  /** A string or Buffer is sent as is; anything else as JSON (with a JSON content type). */
  body?: unknown;
}

/**
 * One HTTP request on a fresh connection (no agent, so nothing stays open), with the JSON body
 * encoded and the answer's body decoded. Rejects only when no response arrives. The admin client
 * is built on it, and the emulator's tests use it for raw requests.
 */
export function httpRequest(url: string, options: HttpRequestOptions = {}): Promise<HttpResult> {
  const headers: Record<string, string | number> = { ...(options.headers ?? {}) };
  let payload: Buffer | undefined;
  if (typeof options.body === "string" || Buffer.isBuffer(options.body)) {
    payload = Buffer.from(options.body);
  } else if (options.body !== undefined) {
    payload = Buffer.from(JSON.stringify(options.body));
    if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
      headers["Content-Type"] = "application/json";
    }
  }
  if (payload) headers["Content-Length"] = payload.length;
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: options.method ?? "GET", headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = text;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}
