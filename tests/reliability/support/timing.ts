/**
 * The compressed times the reliability suite runs with, shared by the tests and the report (so
 * the report states what the tests used). Production defaults in brackets.
 */

/** The provider's per-request timeout in the fault tests, ms (`genesyscloud:requestTimeoutMs`, 30000). */
export const TIMEOUT_MS = 500;
/** How long a slow response takes: past the timeout, and landing within one more timeout. */
export const SLOW_MS = TIMEOUT_MS + 400;
/** The first backoff ceiling, ms (`genesyscloud:retryBaseDelayMs`, 500). */
export const RETRY_BASE_DELAY_MS = 20;
/** Requests per token per window at the emulator (the real org's documented 300 is per 60 s). */
export const RATE_LIMIT = 60;
/** The emulator's rate-limit window in the rate-limit test, s (60 in a real org). */
export const RATE_WINDOW_SECONDS = 3;
/** How much faster than real time the rate-limit window runs. */
export const RATE_COMPRESSION = 60 / RATE_WINDOW_SECONDS;
