/**
 * HTTP plumbing: reads requests, assigns correlation ids, logs them, applies injected faults and
 * latency, dispatches to the token endpoint, the API pipeline or the admin API, and writes the
 * response with the correlation and rate-limit headers every platform response carries.
 */
import { randomUUID } from "crypto";
import * as http from "http";
import type { Socket } from "net";
import { handleAdmin, ADMIN_PREFIX } from "./admin";
import type { ApiResult, EmulatorCore } from "./core";
import { ApiError, DEFAULT_CODE_FOR_STATUS, errorBody } from "./errors";
import { bearerToken, handleApi, MAX_BODY_BYTES, tokenRateKey } from "./pipeline";
import type { RateDecision } from "./ratelimit";
import { templateOf } from "./routes";
import { sha256 } from "./store";
import { claimedClientId, TOKEN_PATH, tokenEndpoint } from "./token";
import type { PendingFault } from "./types";

/** Bodies larger than this are not even drained: the socket is dropped. */
const HARD_BODY_LIMIT = 16 * MAX_BODY_BYTES;

/** A request body as read. */
interface BodyRead {
  text: string;
  tooLarge: boolean;
}

function readBody(req: http.IncomingMessage): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > HARD_BODY_LIMIT) req.socket.destroy();
    });
    req.on("end", () => {
      const tooLarge = size > MAX_BODY_BYTES;
      resolve({ text: tooLarge ? "" : Buffer.concat(chunks).toString("utf8"), tooLarge });
    });
    req.on("error", reject);
    req.on("close", () => resolve({ text: "", tooLarge: size > MAX_BODY_BYTES }));
  });
}

/** True for a loopback peer. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || /^(::ffff:)?127\./.test(address);
}

/** Copies a JSON value with any `secret` property replaced, for the request log. */
function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, /secret/i.test(k) ? "[REDACTED]" : redact(v)]),
  );
}

function parseJsonOrUndefined(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function write(
  res: http.ServerResponse,
  result: ApiResult,
  correlationId: string,
  rate?: RateDecision,
): void {
  if (res.headersSent || res.destroyed) return;
  res.statusCode = result.status;
  res.setHeader("ININ-Correlation-Id", correlationId);
  if (rate) {
    res.setHeader("inin-ratelimit-count", String(rate.count));
    res.setHeader("inin-ratelimit-allowed", String(rate.limit));
    res.setHeader("inin-ratelimit-reset", String(rate.resetSeconds));
  }
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  if (result.body === undefined) {
    res.end();
    return;
  }
  const payload = JSON.stringify(result.body);
  res.setHeader("Content-Type", "application/json; charset=UTF-8");
  res.setHeader("Content-Length", Buffer.byteLength(payload));
  res.end(payload);
}

function faultResult(fault: PendingFault, correlationId: string): ApiResult {
  const status = fault.status ?? 500;
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined && (status === 429 || status === 503)) {
    headers["Retry-After"] = String(fault.retryAfter);
  }
  let code = fault.code ?? DEFAULT_CODE_FOR_STATUS[status] ?? "internal.server.error";
  const params: string[] = [];
  if (!fault.code && status === 429) {
    if (fault.retryAfter !== undefined) params.push(String(fault.retryAfter));
    else {
      code = "too.many.requests";
      params.push("300", "60");
    }
  }
  const error = new ApiError(status, code, fault.message, { params, headers });
  return { status, body: errorBody(error, correlationId), headers };
}

async function handle(
  core: EmulatorCore,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://emulator");
  const path = url.pathname;
  const method = (req.method ?? "GET").toUpperCase();
  const correlationId = randomUUID();
  const body = await readBody(req);

  if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) {
    if (!isLoopback(req.socket.remoteAddress)) {
      write(
        res,
        { status: 403, body: errorBody(new ApiError(403, "not.authorized"), correlationId) },
        correlationId,
      );
      return;
    }
    write(
      res,
      handleAdmin(
        core,
        method,
        path.slice(ADMIN_PREFIX.length),
        url.searchParams,
        body.text,
        correlationId,
      ),
      correlationId,
    );
    return;
  }

  const isToken = path === TOKEN_PATH;
  const bearer = isToken ? undefined : bearerToken(req.headers.authorization);
  const tokenHash = bearer ? sha256(bearer) : undefined;
  const owner = bearer ? core.tokenOwner(bearer) : undefined;
  const parsedBody = isToken ? undefined : parseJsonOrUndefined(body.text);
  const entry = core.logRequest({
    time: core.now().toISOString(),
    method,
    path,
    query: isToken ? {} : Object.fromEntries(url.searchParams),
    status: 0,
    ...(owner ? { tokenClientId: owner } : {}),
    ...(parsedBody !== undefined ? { body: redact(parsedBody) } : {}),
    correlationId,
  });
  const anonymousKey = `anon:${req.socket.remoteAddress ?? ""}`;
  const { rateLimitPerMinute: limit, rateLimitWindowSeconds: windowSeconds } = core.settings;

  const fault = core.faults.take(method, path);
  if (fault) entry.fault = fault.kind;
  if (fault?.kind === "reset") {
    req.socket.destroy();
    return;
  }
  if (fault?.kind === "delay") await core.sleep(fault.delayMs ?? 0);
  await core.sleep(core.settings.latencyMs);

  let result: ApiResult;
  let rate: RateDecision;
  if (fault?.kind === "status") {
    result = faultResult(fault, correlationId);
    rate = core.rate.peek(tokenHash ? tokenRateKey(tokenHash) : anonymousKey, limit, windowSeconds);
  } else if (isToken) {
    const claimed = claimedClientId(req.headers, body.text);
    rate = core.rate.hit(claimed ? `login:${claimed}` : anonymousKey, limit, windowSeconds);
    if (!rate.allowed) {
      const seconds = String(rate.resetSeconds);
      const error = new ApiError(429, "too.many.requests.retry.after", undefined, {
        params: [seconds],
        headers: { "Retry-After": seconds },
      });
      result = { status: 429, body: errorBody(error, correlationId), headers: error.headers };
    } else if (method !== "POST") {
      const error = new ApiError(404, "not.found");
      result = { status: 404, body: errorBody(error, correlationId) };
    } else if (body.tooLarge) {
      const error = new ApiError(413, "request.entity.too.large", undefined, {
        params: [String(MAX_BODY_BYTES)],
      });
      result = { status: 413, body: errorBody(error, correlationId) };
    } else {
      const answer = tokenEndpoint(core, req.headers, body.text);
      result = answer.result;
      if (answer.clientId) entry.tokenClientId = answer.clientId;
    }
  } else {
    const answer = handleApi(
      core,
      {
        method,
        path,
        query: url.searchParams,
        headers: req.headers,
        bearer,
        bodyText: body.text,
        tooLarge: body.tooLarge,
        anonymousKey,
        correlationId,
      },
      tokenHash,
    );
    result = answer.result;
    rate = answer.rate;
  }

  entry.status = result.status;
  if (owner && !isToken) core.recordUsage(owner, templateOf(path), method, result.status);
  if (fault?.kind === "commit-then-reset") {
    req.socket.destroy();
    return;
  }
  write(res, result, correlationId, rate);
}

/** An HTTP server for the emulator, with a way to drop every connection on close. */
export interface EmulatorServer {
  /** The Node server. */
  server: http.Server;
  /** Stops listening and destroys every open socket (keep-alive ones too). */
  close(): Promise<void>;
}

/** Creates the HTTP server of an emulator core. */
export function createEmulatorServer(core: EmulatorCore): EmulatorServer {
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    handle(core, req, res).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      const cause = error instanceof Error ? error.message : String(error);
      const correlationId = randomUUID();
      const e = new ApiError(500, "internal.server.error", `Emulator failure: ${cause}`);
      write(res, { status: 500, body: errorBody(e, correlationId) }, correlationId);
    });
  });
  // Outlive the idle timeout of Node's default keep-alive agent (5 s) so the server never closes
  // a socket a client is about to reuse, a classic source of flaky ECONNRESETs.
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 35_000;
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        core.close();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      }),
  };
}
