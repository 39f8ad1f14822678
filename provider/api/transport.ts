/**
 * The run-time half of a connection: one axios instance with keep-alive agents, the retry policy
 * wired into axios-retry, token handling and pacing. Everything here is built on the first
 * request, inside the process that sends it, because none of it survives Pulumi's closure
 * serialization (an axios instance with axios-retry interceptors and keep-alive agents both fail
 * it). `axios` and `axios-retry` are therefore `require`d inside {@link createTransport}.
 */
import type { AxiosError, AxiosInstance, AxiosRequestConfig, AxiosResponse } from "axios";
import {
  accessTokenRejectedError,
  buildTokenRequest,
  parseTokenResponse,
  tokenEndpointError,
  TokenManager,
  type IssuedToken,
} from "./auth";
import { GenesysApiError, GenesysNetworkError, redact, sanitizeErrorBody } from "./errors";
import { RateLimiter } from "./rateLimiter";
import { isLoopbackUrl } from "./regions";
import {
  classifyNetworkCode,
  decideRetry,
  maybeApplied,
  neverSent,
  parseRetryAfterSeconds,
  type RetryPolicyOptions,
} from "./retryPolicy";
import {
  headerValue,
  RequestState,
  STATE_KEY,
  stateOf,
  type ConnectionStats,
  type RequestEvent,
} from "./requestState";
import { secretsOf, type ConnectionSettings } from "./settings";
import { userAgent } from "./version";

/** Resolved options the transport needs. */
export interface TransportOptions extends RetryPolicyOptions {
  /** Per-attempt timeout in ms. */
  timeoutMs: number;
  /** Reuse connections. */
  keepAlive: boolean;
  /** Hold requests when the rate-limit budget is spent. */
  pace: boolean;
  /** The debug hook. */
  onRequest?: (event: RequestEvent) => void;
}

/** The live objects of one connection. */
export interface Transport {
  /** Sends one API request through the policy; rejects with a Genesys error. */
  send(config: AxiosRequestConfig, state: RequestState): Promise<AxiosResponse>;
  /** A copy of the counters. */
  stats(): ConnectionStats;
  /** Closes pooled sockets. */
  close(): void;
}

/** Builds the transport of one connection. Call only when the first request is made. */
export function createTransport(
  settings: ConnectionSettings,
  options: TransportOptions,
): Transport {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded at run time, see file comment */
  const axios = (require("axios") as typeof import("axios")).default;
  const axiosRetry = (require("axios-retry") as typeof import("axios-retry")).default;
  const http = require("http") as typeof import("http");
  const https = require("https") as typeof import("https");
  /* eslint-enable @typescript-eslint/no-require-imports */

  const stats: ConnectionStats = {
    requests: 0,
    tokenRequests: 0,
    retries: 0,
    rateLimited: 0,
    reauthentications: 0,
    heldMs: 0,
  };
  const agents = {
    http: new http.Agent({ keepAlive: options.keepAlive }),
    https: new https.Agent({ keepAlive: options.keepAlive }),
  };
  const instance: AxiosInstance = axios.create({
    timeout: options.timeoutMs,
    maxRedirects: 0,
    httpAgent: agents.http,
    httpsAgent: agents.https,
    // Never route loopback traffic (the emulator) through a proxy from the environment.
    ...(isLoopbackUrl(settings.apiUrl) ? { proxy: false as const } : {}),
    transitional: { clarifyTimeoutError: true },
    headers: { "User-Agent": userAgent() },
    validateStatus: (status) => status >= 200 && status < 300,
  });
  const limiter = new RateLimiter(options.pace);
  const tokens = new TokenManager(settings.credentials, fetchToken);
  const secrets = (): string[] => {
    const list = secretsOf(settings);
    if (tokens.currentToken) list.push(tokens.currentToken);
    return list;
  };

  instance.interceptors.request.use(async (config) => {
    const st = stateOf(config);
    if (!st) return config;
    if (st.kind === "api") {
      const lease = await tokens.current();
      st.tokenGeneration = lease.generation;
      config.headers.set("Authorization", `Bearer ${lease.token}`);
      st.ticket = await limiter.acquire();
      stats.requests++;
    } else {
      stats.tokenRequests++;
    }
    st.attempt++;
    st.sent = true;
    st.sentAt = Date.now();
    return config;
  });
  // Registered before axios-retry, so it sees every attempt exactly once.
  instance.interceptors.response.use(
    (response) => {
      finishAttempt(response.config, response.status, response.headers);
      return response;
    },
    (error: unknown) => {
      const e = error as Partial<AxiosError>;
      finishAttempt(e.config, e.response?.status, e.response?.headers, e.code);
      return Promise.reject(error);
    },
  );
  axiosRetry(instance, {
    retries: Number.MAX_SAFE_INTEGER, // the policy counts retries itself, per kind of failure
    shouldResetTimeout: true, // timeoutMs applies to each attempt
    retryCondition: (error) => shouldRetry(error),
    retryDelay: (_count, error) => {
      const d = stateOf(error.config)?.decision;
      return d?.retry ? d.delayMs : 0;
    },
  });

  function finishAttempt(config: unknown, status?: number, headers?: unknown, code?: string): void {
    const st = stateOf(config);
    if (!st || !st.sent) return;
    st.sent = false;
    const now = Date.now();
    const h = (headers ?? undefined) as Record<string, unknown> | undefined;
    if (status === 429) stats.rateLimited++;
    if (st.kind === "api" && st.ticket) {
      limiter.release(st.ticket, status === undefined ? undefined : (h ?? {}));
      stats.heldMs += st.ticket.waitedMs;
      st.ticket = undefined;
      const ra = status === 429 ? parseRetryAfterSeconds(headerValue(h, "retry-after")) : undefined;
      if (ra !== undefined && ra <= options.retryAfterCapSeconds)
        limiter.pauseUntil(now + ra * 1000);
    }
    if (options.onRequest) {
      const event: RequestEvent = {
        kind: st.kind,
        method: st.method,
        path: st.path,
        attempt: st.attempt,
        waitedMs: Math.max(0, st.sentAt - st.lastEndedAt),
        durationMs: now - st.sentAt,
      };
      if (status !== undefined) event.status = status;
      else if (code) event.errorCode = code;
      try {
        options.onRequest(event);
      } catch {
        // A failing debug hook must not change the outcome of a request.
      }
    }
    st.lastEndedAt = now;
  }

  function shouldRetry(error: AxiosError): boolean {
    const st = stateOf(error.config);
    if (!st) return false;
    const status = error.response?.status;
    const failure =
      status !== undefined ? { status } : { network: classifyNetworkCode(error.code) };
    const decision = decideRetry(
      {
        method: st.method,
        idempotent: st.idempotent,
        orderSensitive: st.orderSensitive,
        ...failure,
        ...optionalRetryAfter(error.response?.headers),
        backoffRetries: st.backoffRetries,
        rateLimitRetries: st.rateLimitRetries,
        canReauthenticate: st.kind === "api" && tokens.renewable && !st.reauthenticated,
      },
      options,
    );
    st.decision = decision;
    if (!decision.retry) return false;
    if (maybeApplied(failure)) st.earlierMayHaveApplied = true;
    stats.retries++;
    if (decision.reason === "reauth") {
      st.reauthenticated = true;
      tokens.invalidate(st.tokenGeneration);
      stats.reauthentications++;
    } else if (decision.reason === "rate-limited") {
      st.rateLimitRetries++;
    } else {
      st.backoffRetries++;
    }
    return true;
  }

  async function fetchToken(): Promise<IssuedToken> {
    if (settings.credentials.kind !== "clientCredentials") throw new Error("no client credentials");
    const req = buildTokenRequest(settings.credentials, settings.loginUrl);
    const url = new URL(req.url);
    const st = new RequestState("token", "POST", url.pathname, url.origin, true);
    const response = await send(
      { method: "POST", url: req.url, headers: req.headers, data: req.body },
      st,
    );
    return parseTokenResponse(response.data, settings.loginUrl);
  }

  async function send(config: AxiosRequestConfig, st: RequestState): Promise<AxiosResponse> {
    (config as Record<string, unknown>)[STATE_KEY] = st;
    try {
      return await instance.request(config);
    } catch (err) {
      throw toGenesysError(err, st);
    }
  }

  function toGenesysError(err: unknown, st: RequestState): Error {
    if (err instanceof Error && /^Genesys\w+Error$/.test(err.name)) return err;
    const e = err as Partial<AxiosError>;
    const last = stateOf(e.config) ?? st;
    const decision = last.decision && !last.decision.retry ? last.decision : undefined;
    // An order-sensitive request (a secret regeneration) whose earlier attempt may have been
    // applied has an unknown outcome, however its last attempt failed: the secret changed or not.
    const earlier = st.orderSensitive && last.earlierMayHaveApplied;
    const outcomeUnknown = (decision?.outcomeUnknown ?? false) || earlier;
    const response = e.response;
    if (response) {
      const status = response.status;
      const body = sanitizeErrorBody(response.data, secrets());
      const correlationId = headerValue(response.headers, "inin-correlation-id") ?? body?.contextId;
      if (
        st.kind === "token" &&
        status >= 400 &&
        status < 500 &&
        status !== 408 &&
        status !== 429
      ) {
        return tokenEndpointError(
          status,
          response.data,
          correlationId,
          settings.loginUrl,
          secrets(),
        );
      }
      if (st.kind === "api" && status === 401 && !tokens.renewable) {
        return accessTokenRejectedError(st.method, st.path, body, correlationId);
      }
      const notes: string[] = [];
      if (decision?.note) notes.push(decision.note);
      if (status === 401 && last.reauthenticated)
        notes.push("(a freshly issued token was rejected too)");
      if (outcomeUnknown) {
        notes.push(
          earlier && !decision?.outcomeUnknown
            ? "An earlier attempt may have been applied: the outcome is unknown; check before repeating it."
            : "The request may have been applied: its outcome is unknown; check before repeating it.",
        );
      }
      const retryAfterSeconds = parseRetryAfterSeconds(
        headerValue(response.headers, "retry-after"),
      );
      return new GenesysApiError({
        status,
        method: st.method,
        path: st.path,
        ...(body !== undefined ? { body } : {}),
        ...(correlationId !== undefined ? { correlationId } : {}),
        ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
        ...(notes.length > 0 ? { note: notes.join(" ") } : {}),
        outcomeUnknown,
        attempts: Math.max(1, last.attempt),
      });
    }
    if (e.isAxiosError) {
      const kind = classifyNetworkCode(e.code);
      return new GenesysNetworkError({
        method: st.method,
        path: st.path,
        origin: st.origin,
        kind,
        ...(e.code ? { causeCode: e.code } : {}),
        outcomeUnknown:
          earlier || (decision?.outcomeUnknown ?? (!st.idempotent && !neverSent(kind))),
        attempts: Math.max(1, last.attempt),
        timeoutMs: options.timeoutMs,
      });
    }
    const text = err instanceof Error ? err.message : String(err);
    return new Error(`${st.method} ${st.path} failed: ${redact(text, secrets())}`);
  }

  return {
    send,
    stats: () => ({ ...stats }),
    close: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

function optionalRetryAfter(headers: unknown): { retryAfterSeconds?: number } {
  const ra = parseRetryAfterSeconds(headerValue(headers, "retry-after"));
  return ra !== undefined ? { retryAfterSeconds: ra } : {};
}
