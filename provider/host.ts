/**
 * The entry point the serialized `OAuthClient` stub loads inside the Pulumi dynamic-provider host
 * (`require("pulumi-genesyscloud-oauth/host")`). Its contract is stable across versions: state
 * written by any release calls `provider()` (or, written by the first builds,
 * `createOAuthClientProvider()`) of the installed one.
 */
import { OAuthClientProvider } from "./oauthClient/provider";

let shared: OAuthClientProvider | undefined;

/**
 * The provider of this process, created on first use and shared by every stub text in the state
 * (the host configures it once per distinct text, always with the same stack config; connections
 * are shared per settings anyway, so every client of the stack uses one token).
 */
export function provider(): OAuthClientProvider {
  shared ??= new OAuthClientProvider();
  return shared;
}

/** A new provider instance, for the stub of the first builds (one per distinct stub text). */
export function createOAuthClientProvider(): OAuthClientProvider {
  return new OAuthClientProvider();
}
