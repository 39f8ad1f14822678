/**
 * Gateway-level behaviour: request size, media type, malformed JSON, unknown paths and methods,
 * correlation ids, rate limiting with its headers and Retry-After, latency, loopback-only hosts.
 */
import { startEmulator, MAX_BODY_BYTES, type RunningEmulator } from "../../provider/emulator";
import {
  apiCaller,
  codeClient,
  codeOf,
  httpRequest,
  login,
  tokenRequest,
  withAdminEmulator,
  type ApiCaller,
} from "./helpers";

let emu: RunningEmulator;
let api: ApiCaller;
withAdminEmulator((running, admin) => {
  emu = running;
  api = admin;
});

describe("request bodies", () => {
  it("answers 413 request.entity.too.large above 512000 bytes", async () => {
    const big = JSON.stringify({ ...codeClient(), description: "x".repeat(MAX_BODY_BYTES) });
    const res = await api("POST", "/api/v2/oauth/clients", {
      body: big,
      headers: { "Content-Type": "application/json" },
    });
    expect(res.status).toBe(413);
    expect(codeOf(res)).toBe("request.entity.too.large");
    expect((res.body as { message: string }).message).toBe(
      "The request is over the size limit. Maximum bytes: 512000",
    );
  });

  it("accepts a body of exactly 512000 bytes", async () => {
    const base = JSON.stringify({ ...codeClient(), description: "" });
    const exact = JSON.stringify({
      ...codeClient(),
      description: "x".repeat(MAX_BODY_BYTES - base.length),
    });
    expect(Buffer.byteLength(exact)).toBe(MAX_BODY_BYTES);
    const res = await api("POST", "/api/v2/oauth/clients", {
      body: exact,
      headers: { "Content-Type": "application/json" },
    });
    expect(res.status).toBe(200);
  });

  it("answers 415 unsupported.media.type for a non-JSON content type", async () => {
    for (const [method, path] of [
      ["POST", "/api/v2/oauth/clients"],
      ["PUT", `/api/v2/oauth/clients/${emu.clientId}`],
      ["POST", `/api/v2/oauth/clients/${emu.clientId}/usage/query`],
    ]) {
      const res = await api(method, path, {
        body: JSON.stringify(codeClient()),
        headers: { "Content-Type": "text/plain" },
      });
      expect(res.status).toBe(415);
      expect(codeOf(res)).toBe("unsupported.media.type");
    }
  });

  it("answers 400 bad.request for malformed JSON and for a missing body", async () => {
    const malformed = await api("POST", "/api/v2/oauth/clients", {
      body: '{"name": ',
      headers: { "Content-Type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    expect(codeOf(malformed)).toBe("bad.request");
    const empty = await api("POST", "/api/v2/oauth/clients", {
      headers: { "Content-Type": "application/json" },
    });
    expect(empty.status).toBe(400);
    expect(codeOf(empty)).toBe("bad.request");
  });

  it("accepts application/json with a charset", async () => {
    const res = await api("POST", "/api/v2/oauth/clients", {
      body: JSON.stringify(codeClient()),
      headers: { "Content-Type": "application/json; charset=UTF-8" },
    });
    expect(res.status).toBe(200);
  });
});

describe("routing", () => {
  it("answers 404 not.found for an unknown path and for a known path with another method", async () => {
    const unknown = await api("GET", "/api/v2/nothing/here");
    expect(unknown.status).toBe(404);
    expect(codeOf(unknown)).toBe("not.found");
    const wrongMethod = await api("PATCH", "/api/v2/oauth/clients");
    expect(wrongMethod.status).toBe(404);
    expect(codeOf(wrongMethod)).toBe("not.found");
  });

  it("serves the home division", async () => {
    const res = await api("GET", "/api/v2/authorization/divisions/home");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: emu.homeDivisionId,
      name: "Home",
      homeDivision: true,
      selfUri: `/api/v2/authorization/divisions/${emu.homeDivisionId}`,
    });
  });

  it("gives every response its own correlation id, echoed as the error contextId", async () => {
    const a = await api("GET", "/api/v2/oauth/clients/missing");
    const b = await api("GET", "/api/v2/oauth/clients/missing");
    expect(a.headers["inin-correlation-id"]).not.toBe(b.headers["inin-correlation-id"]);
    expect((a.body as { contextId: string }).contextId).toBe(a.headers["inin-correlation-id"]);
  });
});

describe("rate limiting", () => {
  it("counts requests per token and answers 429 with Retry-After once over the limit", async () => {
    await emu.admin.updateSettings({ rateLimitPerMinute: 3, rateLimitWindowSeconds: 30 });
    const own = apiCaller(emu, await login(emu, emu.clientId, emu.clientSecret));
    const counts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const ok = await own("GET", "/api/v2/oauth/scopes");
      expect(ok.status).toBe(200);
      expect(ok.headers["inin-ratelimit-allowed"]).toBe("3");
      counts.push(String(ok.headers["inin-ratelimit-count"]));
      const reset = Number(ok.headers["inin-ratelimit-reset"]);
      expect(reset).toBeGreaterThanOrEqual(1);
      expect(reset).toBeLessThanOrEqual(30);
    }
    expect(counts).toEqual(["1", "2", "3"]);
    const limited = await own("GET", "/api/v2/oauth/scopes");
    expect(limited.status).toBe(429);
    expect(codeOf(limited)).toBe("too.many.requests.retry.after");
    const retryAfter = Number(limited.headers["retry-after"]);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect((limited.body as { message: string }).message).toBe(
      `Rate limit exceeded the maximum. Retry the request in [${retryAfter}] seconds`,
    );
    // Another token has its own budget.
    const other = apiCaller(emu, await login(emu, emu.clientId, emu.clientSecret));
    expect((await other("GET", "/api/v2/oauth/scopes")).status).toBe(200);
  });

  it("opens a new window once the window has passed", async () => {
    await emu.admin.updateSettings({ rateLimitPerMinute: 1, rateLimitWindowSeconds: 1 });
    const own = apiCaller(emu, await login(emu, emu.clientId, emu.clientSecret));
    expect((await own("GET", "/api/v2/oauth/scopes")).status).toBe(200);
    const limited = await own("GET", "/api/v2/oauth/scopes");
    expect(limited.status).toBe(429);
    expect(limited.headers["retry-after"]).toBe("1");
    await new Promise((r) => setTimeout(r, 1100));
    expect((await own("GET", "/api/v2/oauth/scopes")).status).toBe(200);
  });

  it("rate-limits the token endpoint per client id", async () => {
    await emu.admin.updateSettings({ rateLimitPerMinute: 2 });
    expect((await tokenRequest(emu, emu.clientId, emu.clientSecret)).status).toBe(200);
    expect((await tokenRequest(emu, emu.clientId, emu.clientSecret)).status).toBe(200);
    const limited = await tokenRequest(emu, emu.clientId, emu.clientSecret);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(codeOf(limited)).toBe("too.many.requests.retry.after");
  });
});

describe("startup options", () => {
  it("adds latencyMs to API and token responses", async () => {
    const slow = await startEmulator({ latencyMs: 150 });
    try {
      const t0 = Date.now();
      const token = await login(slow, slow.clientId, slow.clientSecret);
      const t1 = Date.now();
      await httpRequest(`${slow.apiUrl}/api/v2/oauth/scopes`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const t2 = Date.now();
      expect(t1 - t0).toBeGreaterThanOrEqual(140);
      expect(t2 - t1).toBeGreaterThanOrEqual(140);
    } finally {
      await slow.close();
    }
  });

  it("refuses a non-loopback host", async () => {
    await expect(startEmulator({ host: "0.0.0.0" })).rejects.toThrow(/loopback/);
  });

  it("uses the given bootstrap credentials and port, and close() frees the port", async () => {
    const first = await startEmulator({
      adminClientId: "11111111-2222-4333-8444-555555555555",
      adminClientSecret: "s3cret-for-tests",
    });
    const port = first.port;
    expect(first.apiUrl).toBe(`http://127.0.0.1:${port}`);
    expect(first.loginUrl).toBe(first.apiUrl);
    expect(
      (await tokenRequest(first, "11111111-2222-4333-8444-555555555555", "s3cret-for-tests"))
        .status,
    ).toBe(200);
    // A keep-alive connection must not keep close() waiting.
    await first.close();
    const again = await startEmulator({ port });
    expect(again.port).toBe(port);
    await again.close();
  });
});
