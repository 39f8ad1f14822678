/**
 * Helpers of the API-client suites: an emulator with a client wired to it (small retry delays,
 * events recorded), and a tiny scripted HTTP stub for what the emulator cannot do (echoing
 * headers, paging loops, checking request headers).
 */
import * as http from "http";
import type { AddressInfo } from "net";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../provider/emulator";
import type { ConnectionSettings, HttpOptions, OAuthApi, RequestEvent } from "../../provider/api";
import { ApiConnections, FAST_HTTP, emulatorSettings } from "../support/emulator-api";

/** An emulator plus an `OAuthApi` on it, recording every attempt. */
export interface Harness {
  emu: RunningEmulator;
  api: OAuthApi;
  events: RequestEvent[];
  /** A new API on the same emulator with other options (closed by {@link Harness.close}). */
  newApi(options?: HttpOptions, settings?: ConnectionSettings): OAuthApi;
  close(): Promise<void>;
}

/** Starts an emulator and a client with {@link FAST_HTTP} options (plus `options`). */
export async function harness(
  options: HttpOptions = {},
  emulatorOptions: EmulatorOptions = {},
): Promise<Harness> {
  const emu = await startEmulator(emulatorOptions);
  const events: RequestEvent[] = [];
  const connections = new ApiConnections();
  const newApi = (opts: HttpOptions = {}, settings = emulatorSettings(emu)): OAuthApi =>
    connections.open(settings, { ...FAST_HTTP, onRequest: (e) => events.push(e), ...opts });
  const api = newApi(options);
  return {
    emu,
    api,
    events,
    newApi,
    close: async () => {
      connections.closeAll();
      await emu.close();
    },
  };
}

/** The request log without the admin API, as `METHOD path status` lines. */
export async function logLines(emu: RunningEmulator): Promise<string[]> {
  return (await emu.admin.requests()).map((r) => `${r.method} ${r.path} ${r.status}`);
}

/** How many logged requests match a method and path. */
export async function countRequests(
  emu: RunningEmulator,
  method: string,
  path: string,
): Promise<number> {
  return (await emu.admin.requests()).filter((r) => r.method === method && r.path === path).length;
}

/** A CODE-grant client body that the emulator accepts. */
export function codeClientBody(name = "web-app"): {
  name: string;
  authorizedGrantType: string;
  scope: string[];
  registeredRedirectUri: string[];
} {
  return {
    name,
    authorizedGrantType: "CODE",
    scope: ["users:readonly"],
    registeredRedirectUri: ["https://app.example.com/callback"],
  };
}

/** A request the stub received. */
export interface StubRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What a stub handler answers: a response, or `reset` to drop the socket. */
export type StubAnswer =
  { status: number; headers?: Record<string, string>; body?: unknown } | "reset";

/** A scripted HTTP server on 127.0.0.1 that also serves `/oauth/token` with a fixed token. */
export interface Stub {
  url: string;
  token: string;
  requests: StubRequest[];
  close(): Promise<void>;
}

/** Starts a stub; `handle` answers everything but the token endpoint. */
export async function startStub(
  handle: (req: StubRequest, n: number) => StubAnswer,
  token = `stub-token-${Math.random().toString(36).slice(2)}${Date.now()}`,
): Promise<Stub> {
  const requests: StubRequest[] = [];
  let apiCalls = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r: StubRequest = {
        method: req.method ?? "GET",
        path: req.url ?? "/",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(r);
      const answer: StubAnswer =
        r.path === "/oauth/token"
          ? { status: 200, body: { access_token: token, token_type: "bearer", expires_in: 86400 } }
          : handle(r, ++apiCalls);
      if (answer === "reset") {
        req.socket.destroy();
        return;
      }
      res.statusCode = answer.status;
      for (const [k, v] of Object.entries(answer.headers ?? {})) res.setHeader(k, v);
      if (answer.body === undefined) {
        res.end();
      } else {
        res.setHeader("Content-Type", "application/json");
        res.end(typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    token,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Client-credentials settings pointing at a stub. */
export function stubSettings(
  stub: Stub,
  clientSecret = "stub-secret-value-1234",
): ConnectionSettings {
  return {
    apiUrl: stub.url,
    loginUrl: stub.url,
    credentials: { kind: "clientCredentials", clientId: "stub-client", clientSecret },
  };
}
