/**
 * A recording HTTP proxy for the reliability suite. The provider inside the host is pointed at it
 * (`genesyscloud:apiUrl`), it forwards everything to the emulator unchanged and records what the
 * emulator's own request log cannot show: when each response (or reset) reached the client, its
 * `Retry-After`, and the bearer token each request carried. That gives the exact timing of
 * "no request before its Retry-After" and the real access tokens for the secret scan.
 *
 * A socket the emulator destroys (fault `reset` or `commit-then-reset`) is destroyed towards the
 * client too, so the provider sees the same failure as without the proxy. Tokens stay in memory:
 * nothing here is written to disk.
 */
import * as crypto from "crypto";
import * as http from "http";
import type { AddressInfo, Socket } from "net";

/** One request as it passed through the proxy. */
export interface Exchange {
  /** 1, 2, 3, … in arrival order. */
  seq: number;
  /** Upper-case method. */
  method: string;
  /** Path without the query string. */
  path: string;
  /** The request body as text ("" when none). */
  body: string;
  /** SHA-256 (hex, 16 chars) of the bearer token, when one was presented. */
  tokenHash?: string;
  /** When the whole request had arrived (epoch ms). */
  arrivedAt: number;
  /** When the response was written to the client, or the client's socket destroyed (epoch ms). */
  answeredAt?: number;
  /** Status of the response; absent while in flight or after a reset. */
  status?: number;
  /** The response's `Retry-After`, in seconds. */
  retryAfter?: number;
  /** True when the emulator dropped the connection instead of answering. */
  reset?: boolean;
}

/** A running proxy. */
export interface RecordingProxy {
  /** `http://127.0.0.1:<port>`: use as `genesyscloud:apiUrl`. */
  url: string;
  /** Points the proxy at another upstream (e.g. an emulator started after the proxy). */
  setTarget(target: string): void;
  /** Every exchange so far, in arrival order (copies). */
  exchanges(): Exchange[];
  /** Every access token issued through the proxy and every bearer token presented (plaintext). */
  tokens(): string[];
  /** Forgets the recorded exchanges (tokens are kept: they stay valid). */
  clear(): void;
  /** Stops listening and destroys every socket, both ways. */
  close(): Promise<void>;
}

/** A short, stable, non-reversible name of a token, for grouping requests by token. */
export function tokenHash(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex").slice(0, 16);
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

/**
 * Starts a proxy on a free loopback port that forwards to `target` (e.g. the emulator's apiUrl),
 * or to the target set later with `setTarget` (before the first request).
 */
export async function startRecordingProxy(target?: string): Promise<RecordingProxy> {
  let upstream = new URL(target ?? "http://127.0.0.1:9");
  const agent = new http.Agent({ keepAlive: true });
  const sockets = new Set<Socket>();
  const tokens = new Set<string>();
  let exchanges: Exchange[] = [];
  let seq = 0;

  const server = http.createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
      if (bearer) tokens.add(bearer);
      const exchange: Exchange = {
        seq: ++seq,
        method: (req.method ?? "GET").toUpperCase(),
        path: (req.url ?? "/").split("?")[0],
        body: body.toString("utf8"),
        arrivedAt: Date.now(),
        ...(bearer ? { tokenHash: tokenHash(bearer) } : {}),
      };
      exchanges.push(exchange);
      const headers = { ...req.headers, host: upstream.host };
      const forward = http.request(
        {
          protocol: upstream.protocol,
          hostname: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers,
          agent,
        },
        (answer) => {
          void readAll(answer).then(
            (payload) => {
              const status = answer.statusCode ?? 502;
              const retryAfter = Number(answer.headers["retry-after"]);
              if (exchange.path === "/oauth/token" && status === 200) {
                try {
                  const issued = (
                    JSON.parse(payload.toString("utf8")) as { access_token?: unknown }
                  ).access_token;
                  if (typeof issued === "string") tokens.add(issued);
                } catch {
                  // Not JSON: nothing to remember.
                }
              }
              const out = { ...answer.headers };
              delete out["transfer-encoding"];
              out["content-length"] = String(payload.length);
              res.writeHead(status, out);
              res.end(payload);
              exchange.status = status;
              if (Number.isFinite(retryAfter)) exchange.retryAfter = retryAfter;
              exchange.answeredAt = Date.now();
            },
            () => dropped(),
          );
        },
      );
      const dropped = (): void => {
        if (exchange.answeredAt !== undefined) return;
        exchange.reset = true;
        exchange.answeredAt = Date.now();
        req.socket.destroy();
      };
      forward.on("error", dropped);
      forward.end(body);
    })().catch(() => req.socket.destroy());
  });
  // Keep sockets open longer than the client's keep-alive agent, as the emulator does.
  server.keepAliveTimeout = 30_000;
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    setTarget: (next) => {
      upstream = new URL(next);
    },
    exchanges: () => exchanges.map((e) => ({ ...e })),
    tokens: () => [...tokens],
    clear: () => {
      exchanges = [];
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await closed;
    },
  };
}
