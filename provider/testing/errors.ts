/**
 * Readable errors for failed provider RPCs, including the partial-failure detail
 * (`pulumirpc.ErrorResourceInitFailed`) the host packs into `grpc-status-details-bin`.
 */
import type { ServiceError } from "@grpc/grpc-js";
import type { SdkModules } from "./sdk";
import type { JsonMap } from "./values";

const INIT_FAILED_TYPE = "pulumirpc.ErrorResourceInitFailed";

/** A provider RPC that failed. The message is the provider's own error message. */
export class ProviderRpcError extends Error {
  /** The RPC method, e.g. `Create`. */
  readonly method: string;
  /** The gRPC status code (2 = UNKNOWN for an exception thrown by the provider). */
  readonly code: number;
  /** The status message sent by the host: the provider's `err.message`. */
  readonly details: string;

  constructor(method: string, code: number, details: string, message?: string) {
    super(message ?? `${method} failed: ${details}`);
    this.name = "ProviderRpcError";
    this.method = method;
    this.code = code;
    this.details = details;
  }
}

/**
 * A Create or Update that failed after the resource was made (the provider threw an error with an
 * `id`): the engine keeps the resource in its state with `initErrors`.
 *
 * `properties` are the outputs the provider attached (`err.properties`). They may hold values the
 * engine would mark secret, so the field is not enumerable: printing the error does not show them.
 */
export class ResourceInitError extends ProviderRpcError {
  /** The ID of the resource that was created. */
  readonly id: string;
  /** The reasons (`err.reasons`). */
  readonly reasons: string[];
  /** The outputs attached to the error (`err.properties`), as plain wire JSON. */
  declare readonly properties: JsonMap;
  /** Inputs attached to the error, if any (newer engines; the Node host never sets them). */
  declare readonly inputs: JsonMap | undefined;

  constructor(
    method: string,
    details: string,
    id: string,
    properties: JsonMap,
    reasons: string[],
    inputs?: JsonMap,
  ) {
    const keys = Object.keys(properties).sort().join(", ") || "none";
    const why = reasons.length > 0 ? `; reasons: ${reasons.join("; ")}` : "";
    super(
      method,
      2,
      details,
      `${method} failed: ${details} (partial failure: resource "${id}" exists; ` +
        `properties: ${keys}${why})`,
    );
    this.name = "ResourceInitError";
    this.id = id;
    this.reasons = reasons;
    Object.defineProperty(this, "properties", { value: properties, enumerable: false });
    Object.defineProperty(this, "inputs", { value: inputs, enumerable: false });
  }
}

function isServiceError(err: unknown): err is ServiceError {
  return (
    err instanceof Error &&
    typeof (err as Partial<ServiceError>).code === "number" &&
    typeof (err as Partial<ServiceError>).details === "string"
  );
}

/** Converts a gRPC error of `method` into a `ProviderRpcError` or `ResourceInitError`. */
export function decodeRpcError(sdk: SdkModules, method: string, err: unknown): ProviderRpcError {
  if (!isServiceError(err)) {
    const message = err instanceof Error ? err.message : String(err);
    return new ProviderRpcError(method, -1, message);
  }
  const raw = err.metadata?.get("grpc-status-details-bin") ?? [];
  for (const value of raw) {
    const bytes = typeof value === "string" ? Buffer.from(value, "base64") : value;
    const status = sdk.status.Status.deserializeBinary(new Uint8Array(bytes));
    for (const detail of status.getDetailsList()) {
      if (detail.getTypeName() !== INIT_FAILED_TYPE) {
        continue;
      }
      const failed = sdk.provider.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
      return new ResourceInitError(
        method,
        err.details,
        failed.getId(),
        (failed.getProperties()?.toJavaScript() ?? {}) as JsonMap,
        failed.getReasonsList(),
        failed.getInputs()?.toJavaScript() as JsonMap | undefined,
      );
    }
  }
  return new ProviderRpcError(method, err.code, err.details);
}
