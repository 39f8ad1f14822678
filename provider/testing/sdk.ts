/**
 * Loads the gRPC runtime and the generated protobuf code that ship with `@pulumi/pulumi`.
 *
 * They are resolved from the SDK's own location (not from this package), because `@grpc/grpc-js`
 * and `google-protobuf` are dependencies of the SDK, not of ours, and may sit nested under it.
 */
import { createRequire } from "module";
import * as path from "path";

type ProviderPb = typeof import("@pulumi/pulumi/proto/provider_pb");
type ProviderGrpcPb = typeof import("@pulumi/pulumi/proto/provider_grpc_pb");
type StatusPb = typeof import("@pulumi/pulumi/proto/status_pb");
type Grpc = typeof import("@grpc/grpc-js");
type StructPb = typeof import("google-protobuf/google/protobuf/struct_pb");
type EmptyPb = typeof import("google-protobuf/google/protobuf/empty_pb");

/** The SDK modules the client needs. */
export interface SdkModules {
  /** The directory of the `@pulumi/pulumi` package used. */
  sdkDir: string;
  /** `@grpc/grpc-js`. */
  grpc: Grpc;
  /** `@pulumi/pulumi/proto/provider_pb`. */
  provider: ProviderPb;
  /** `@pulumi/pulumi/proto/provider_grpc_pb`. */
  providerGrpc: ProviderGrpcPb;
  /** `@pulumi/pulumi/proto/status_pb` (`google.rpc.Status`). */
  status: StatusPb;
  /** `google-protobuf/google/protobuf/struct_pb`. */
  struct: StructPb;
  /** `google-protobuf/google/protobuf/empty_pb`. */
  empty: EmptyPb;
}

const cache = new Map<string, SdkModules>();

/** The directory of `@pulumi/pulumi` as resolved from `fromDir` (default: this package's). */
export function resolveSdkDir(fromDir?: string): string {
  const resolveFrom = fromDir ? [fromDir] : [__dirname];
  try {
    const pkg = require.resolve("@pulumi/pulumi/package.json", { paths: resolveFrom });
    return path.dirname(pkg);
  } catch {
    throw new Error(
      `cannot resolve @pulumi/pulumi from ${resolveFrom[0]}: run the host from a project directory ` +
        `with @pulumi/pulumi installed`,
    );
  }
}

/** Loads (once per SDK directory) the gRPC and protobuf modules of the SDK resolved from `fromDir`. */
export function loadSdk(fromDir?: string): SdkModules {
  const sdkDir = resolveSdkDir(fromDir);
  const cached = cache.get(sdkDir);
  if (cached) {
    return cached;
  }
  const sdkRequire = createRequire(path.join(sdkDir, "package.json"));
  const modules: SdkModules = {
    sdkDir,
    grpc: sdkRequire("@grpc/grpc-js") as Grpc,
    provider: sdkRequire("./proto/provider_pb") as ProviderPb,
    providerGrpc: sdkRequire("./proto/provider_grpc_pb") as ProviderGrpcPb,
    status: sdkRequire("./proto/status_pb") as StatusPb,
    struct: sdkRequire("google-protobuf/google/protobuf/struct_pb") as StructPb,
    empty: sdkRequire("google-protobuf/google/protobuf/empty_pb") as EmptyPb,
  };
  cache.set(sdkDir, modules);
  return modules;
}
