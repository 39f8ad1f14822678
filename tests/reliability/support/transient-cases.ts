/**
 * The rows and columns of the transient-fault table: the fault kinds, and each endpoint the
 * provider calls during each operation, with how to aim a fault at it.
 */
import type { FaultSpec } from "../../../provider/emulator";
import { CLIENTS, HOME_DIVISION, TOKEN } from "./requests";
import { SLOW_MS } from "./timing";

/** A fault kind's name. */
export type FaultKind =
  "503 burst" | "503 + Retry-After 1 s" | "connection reset" | "slow response";

/** What the emulator is told to do for a fault kind. */
export interface KindSpec {
  /** The emulator's fault kind. */
  kind: FaultSpec["kind"];
  /** How many requests in a row get it. */
  times: number;
  /** The status of a `status` fault. */
  status?: number;
  /** The `Retry-After` of a `status` fault, in seconds. */
  retryAfter?: number;
  /** How long a `delay` fault holds the request. */
  delayMs?: number;
}

/** The fault kinds of the table. */
export const FAULT_KINDS: Readonly<Record<FaultKind, KindSpec>> = {
  "503 burst": { kind: "status", status: 503, times: 2 },
  "503 + Retry-After 1 s": { kind: "status", status: 503, retryAfter: 1, times: 1 },
  "connection reset": { kind: "reset", times: 1 },
  "slow response": { kind: "delay", delayMs: SLOW_MS, times: 1 },
};

/** An operation of the lifecycle. */
export type Operation = "create" | "read" | "update" | "rotate" | "delete";

/** One row of the table: an endpoint during an operation. */
export interface Target {
  /** The operation during which the fault hits. */
  op: Operation;
  /** The endpoint, as the report names it. */
  endpoint: string;
  /** Method and path prefix of the fault (the client id is known once created). */
  match: (id: string) => { method: string; path: string };
  /** The program declares an inactive client (the create's follow-up PUT). */
  inactive?: boolean;
  /** The home division is looked up once per connection: this case needs a fresh host. */
  freshHost?: boolean;
  /** The token is cached: revoke it so the operation must fetch a new one. */
  expireToken?: boolean;
}

/** Every endpoint the provider calls, in every operation that calls it. */
export const TARGETS: Target[] = [
  { op: "create", endpoint: "POST clients", match: () => ({ method: "POST", path: CLIENTS }) },
  {
    op: "create",
    endpoint: "GET home division",
    match: () => ({ method: "GET", path: HOME_DIVISION }),
    freshHost: true,
  },
  {
    op: "create",
    endpoint: "PUT client (make inactive)",
    match: () => ({ method: "PUT", path: CLIENTS }),
    inactive: true,
  },
  {
    op: "create",
    endpoint: "token endpoint",
    match: () => ({ method: "POST", path: TOKEN }),
    expireToken: true,
  },
  {
    op: "read",
    endpoint: "GET client",
    match: (id) => ({ method: "GET", path: `${CLIENTS}/${id}` }),
  },
  {
    op: "read",
    endpoint: "token endpoint",
    match: () => ({ method: "POST", path: TOKEN }),
    expireToken: true,
  },
  {
    op: "update",
    endpoint: "PUT client",
    match: (id) => ({ method: "PUT", path: `${CLIENTS}/${id}` }),
  },
  {
    op: "update",
    endpoint: "token endpoint",
    match: () => ({ method: "POST", path: TOKEN }),
    expireToken: true,
  },
  {
    op: "rotate",
    endpoint: "POST secret",
    match: (id) => ({ method: "POST", path: `${CLIENTS}/${id}/secret` }),
  },
  {
    op: "rotate",
    endpoint: "token endpoint",
    match: () => ({ method: "POST", path: TOKEN }),
    expireToken: true,
  },
  {
    op: "delete",
    endpoint: "PUT client (make inactive)",
    match: (id) => ({ method: "PUT", path: `${CLIENTS}/${id}` }),
  },
  {
    op: "delete",
    endpoint: "DELETE client",
    match: (id) => ({ method: "DELETE", path: `${CLIENTS}/${id}` }),
  },
  {
    op: "delete",
    endpoint: "GET client (wait until gone)",
    match: (id) => ({ method: "GET", path: `${CLIENTS}/${id}` }),
  },
  {
    op: "delete",
    endpoint: "token endpoint",
    match: () => ({ method: "POST", path: TOKEN }),
    expireToken: true,
  },
];
