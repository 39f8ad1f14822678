/**
 * The entry point the serialized `OAuthClient` stub loads inside the Pulumi dynamic-provider host
 * (`require("pulumi-genesyscloud-oauth/host")`). Its contract is stable across versions: state
 * written by any release calls `createOAuthClientProvider()` of the installed one.
 */
import { OAuthClientProvider } from "./oauthClient/provider";

/** A new provider instance for one serialized stub (the host caches one per distinct stub text). */
export function createOAuthClientProvider(): OAuthClientProvider {
  return new OAuthClientProvider();
}
