/** The Genesys Cloud Platform API client: re-exports only. No Pulumi imports anywhere in `api/`. */
export * from "./models";
export * from "./errors";
export * from "./regions";
export * from "./settings";
export {
  TOKEN_REFRESH_MARGIN_FRACTION,
  TOKEN_REFRESH_MARGIN_MS,
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  tokenRefreshAt,
} from "./auth";
export {
  backoffDelayMs,
  decideRetry,
  parseRetryAfterSeconds,
  type FailedAttempt,
  type RetryDecision,
  type RetryPolicyOptions,
  type RetryReason,
} from "./retryPolicy";
export { parseRateLimitHeaders, type RateLimitHeaders } from "./rateLimiter";
export { PACKAGE_NAME, packageVersion, userAgent } from "./version";
export * from "./http";
export * from "./oauthApi";
export * from "./authorizationApi";
