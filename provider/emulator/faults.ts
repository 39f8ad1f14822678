/**
 * Injected faults: the next N requests matching a method and path prefix get a status, a reset
 * socket, a committed-then-reset request or a delay. Used to test retries and timeouts.
 */
import { randomUUID } from "crypto";
import { ApiError } from "./errors";
import type { FaultSpec, PendingFault } from "./types";

const KINDS: readonly FaultSpec["kind"][] = ["status", "reset", "commit-then-reset", "delay"];

/** Validates the body of `POST /__emulator/faults`; throws a 400 {@link ApiError}. */
export function parseFaultSpec(input: unknown): FaultSpec {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new ApiError(400, "bad.request", "A fault must be a JSON object.");
  }
  const o = input as Record<string, unknown>;
  const known = [
    "method",
    "path",
    "times",
    "status",
    "retryAfter",
    "kind",
    "delayMs",
    "code",
    "message",
  ];
  for (const key of Object.keys(o)) {
    if (!known.includes(key)) {
      throw new ApiError(400, "invalid.property", `Unknown fault property [${key}].`);
    }
  }
  const str = (key: string): string | undefined => {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") throw new ApiError(400, "invalid.value", `${key} must be a string.`);
    return v;
  };
  const int = (key: string, min: number, max: number): number | undefined => {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      throw new ApiError(400, "invalid.value", `${key} must be an integer from ${min} to ${max}.`);
    }
    return v;
  };
  const kindRaw = str("kind") ?? "status";
  const kind = KINDS.find((k) => k === kindRaw);
  if (!kind) throw new ApiError(400, "invalid.value", `kind must be one of ${KINDS.join(", ")}.`);
  const spec: FaultSpec = { kind, times: int("times", 1, 1_000_000) ?? 1 };
  const method = str("method");
  if (method) spec.method = method.toUpperCase();
  const p = str("path");
  if (p) spec.path = p;
  const status = int("status", 100, 599);
  if (kind === "status") spec.status = status ?? 500;
  else if (status !== undefined) spec.status = status;
  const retryAfter = int("retryAfter", 0, 86400);
  if (retryAfter !== undefined) spec.retryAfter = retryAfter;
  const delayMs = int("delayMs", 0, 600_000);
  if (kind === "delay") spec.delayMs = delayMs ?? 1000;
  else if (delayMs !== undefined) spec.delayMs = delayMs;
  const code = str("code");
  if (code) spec.code = code;
  const message = str("message");
  if (message) spec.message = message;
  return spec;
}

/** The queue of pending faults. */
export class FaultQueue {
  private faults: PendingFault[] = [];

  /** Adds a fault; returns it with its id. */
  add(spec: FaultSpec): PendingFault {
    const fault = { id: randomUUID(), ...spec };
    this.faults.push(fault);
    return fault;
  }

  /** The pending faults, oldest first. */
  list(): PendingFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Removes every pending fault. */
  clear(): void {
    this.faults = [];
  }

  /** Consumes one use of the first fault matching this request, if any. */
  take(method: string, path: string): PendingFault | undefined {
    const fault = this.faults.find(
      (f) => (!f.method || f.method === method) && (!f.path || path.startsWith(f.path)),
    );
    if (!fault) return undefined;
    fault.times--;
    if (fault.times <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }
}
