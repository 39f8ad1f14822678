/**
 * pulumi-genesyscloud-oauth/testing: an engine-protocol driver for Pulumi dynamic providers.
 *
 * It captures what the real SDK registers (under `setMocks`), launches the real dynamic-provider
 * host shipped in `@pulumi/pulumi`, and plays the engine's part over gRPC: preview, up, refresh,
 * destroy and `.get()`, with the engine's secret handling. No Pulumi CLI needed. This file only
 * re-exports; see README.md in this folder.
 */
export * from "./capture";
export * from "./client";
export * from "./engine";
export { ProviderRpcError, ResourceInitError } from "./errors";
export * from "./format";
export type { HostLine, HostOptions } from "./host";
export { ProviderHost, closeAllHosts, launchHost, liveHosts } from "./host";
export { applyIgnoreChanges, parsePath } from "./paths";
export { processGroupMembers } from "./processes";
export * from "./serialize";
export * from "./snapshot";
export * from "./stack";
export * from "./types";
export * from "./values";
