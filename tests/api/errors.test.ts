/** Error formatting, redaction and the outcome-unknown helper, without a network. */
import {
  GenesysApiError,
  GenesysAuthError,
  GenesysNetworkError,
  GenesysSettingsError,
  REDACTED,
  errorBodyText,
  isOutcomeUnknown,
  redact,
  sanitizeErrorBody,
} from "../../provider/api";

describe("GenesysApiError", () => {
  it("reads like METHOD path failed: status code — message (correlation id …)", () => {
    const e = new GenesysApiError({
      status: 400,
      method: "PUT",
      path: "/api/v2/oauth/clients/abc",
      body: { code: "bad.client.state", message: "Client is disabled.", status: 400 },
      correlationId: "1f2e3d4c",
    });
    expect(e.message).toBe(
      "PUT /api/v2/oauth/clients/abc failed: 400 bad.client.state — Client is disabled. (correlation id 1f2e3d4c)",
    );
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("GenesysApiError");
    expect(String(e.stack)).toMatch(/^GenesysApiError: PUT/);
    expect(e).toMatchObject({
      status: 400,
      code: "bad.client.state",
      apiMessage: "Client is disabled.",
    });
  });

  it("falls back to the body's contextId for the correlation id", () => {
    const e = new GenesysApiError({
      status: 404,
      method: "GET",
      path: "/x",
      body: { contextId: "ctx-1" },
    });
    expect(e.correlationId).toBe("ctx-1");
    expect(e.message).toBe("GET /x failed: 404 (correlation id ctx-1)");
  });

  it("fills messageWithParams from messageParams, else uses message", () => {
    expect(
      errorBodyText({
        messageWithParams: "Client {id} is {state}",
        messageParams: { id: "c1", state: "disabled" },
      }),
    ).toBe("Client c1 is disabled");
    expect(
      errorBodyText({ messageWithParams: "Client {id}", messageParams: {}, message: "Client c2" }),
    ).toBe("Client c2");
    expect(errorBodyText({ messageWithParams: "Retry in [7] seconds" })).toBe(
      "Retry in [7] seconds",
    );
    expect(errorBodyText({ message: "plain" })).toBe("plain");
    expect(errorBodyText(undefined)).toBeUndefined();
  });
});

describe("GenesysNetworkError", () => {
  it("says what happened, where, and whether the outcome is unknown", () => {
    const e = new GenesysNetworkError({
      method: "POST",
      path: "/api/v2/oauth/clients",
      origin: "http://127.0.0.1:4000",
      kind: "reset",
      causeCode: "ECONNRESET",
      outcomeUnknown: true,
      attempts: 1,
    });
    expect(e.message).toBe(
      "POST /api/v2/oauth/clients failed: connection reset (http://127.0.0.1:4000, ECONNRESET) after 1 attempt; " +
        "the request may have reached the server, so its outcome is unknown: check the resource before repeating it",
    );
    const t = new GenesysNetworkError({
      method: "GET",
      path: "/p",
      origin: "https://api.mypurecloud.com",
      kind: "timeout",
      outcomeUnknown: false,
      attempts: 3,
      timeoutMs: 500,
    });
    expect(t.message).toBe(
      "GET /p failed: timed out after 500 ms (https://api.mypurecloud.com) after 3 attempts",
    );
  });
});

describe("isOutcomeUnknown", () => {
  const network = (outcomeUnknown: boolean): GenesysNetworkError =>
    new GenesysNetworkError({
      method: "POST",
      path: "/p",
      origin: "o",
      kind: "reset",
      outcomeUnknown,
      attempts: 1,
    });
  it.each([
    ["a network error after sending", network(true), true],
    ["a network error before sending", network(false), false],
    [
      "a POST that got 500",
      new GenesysApiError({ status: 500, method: "POST", path: "/p", outcomeUnknown: true }),
      true,
    ],
    ["a GET that got 500", new GenesysApiError({ status: 500, method: "GET", path: "/p" }), false],
    ["an auth error", new GenesysAuthError({ message: "m", settings: [] }), false],
    ["a settings error", new GenesysSettingsError("m"), false],
    [
      "a foreign error with the flag",
      Object.assign(new Error("x"), { outcomeUnknown: true }),
      false,
    ],
    ["undefined", undefined, false],
    ["a string", "GenesysNetworkError", false],
  ])("%s → %s", (_label, err, expected) => expect(isOutcomeUnknown(err)).toBe(expected));
});

describe("redact", () => {
  it("removes every given secret and any Bearer credential", () => {
    const text =
      "secret=abc123XYZ, again abc123XYZ, Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig";
    expect(redact(text, ["abc123XYZ"])).toBe(
      `secret=${REDACTED}, again ${REDACTED}, Authorization: Bearer ${REDACTED}`,
    );
  });
  it("leaves ordinary words alone", () => {
    expect(redact("No authentication bearer token specified", ["", undefined, "ab"])).toBe(
      "No authentication bearer token specified",
    );
  });
});

describe("sanitizeErrorBody", () => {
  it("keeps the documented fields, redacted and shortened, and drops the rest", () => {
    const body = sanitizeErrorBody(
      {
        code: "bad.request",
        message: `token tok-1234567890 rejected ${"x".repeat(2000)}`,
        status: 400,
        contextId: "c",
        messageParams: { a: "tok-1234567890", n: 5 },
        details: [{ fieldName: "name", extra: "dropped" }, "junk"],
        errors: [{ code: "inner", headers: { authorization: "Bearer x" } }],
        limit: { key: "k", value: 3, other: true },
        config: { headers: { Authorization: "Bearer tok-1234567890" } },
      },
      ["tok-1234567890"],
    );
    expect(body?.code).toBe("bad.request");
    expect(body?.message?.startsWith(`token ${REDACTED} rejected`)).toBe(true);
    expect(body?.message?.length).toBeLessThanOrEqual(1001);
    expect(body?.messageParams).toEqual({ a: REDACTED });
    expect(body?.details).toEqual([{ fieldName: "name" }]);
    expect(body?.errors).toEqual([{ code: "inner" }]);
    expect(body?.limit).toEqual({ key: "k", value: 3 });
    expect(JSON.stringify(body)).not.toContain("tok-1234567890");
    expect(body).not.toHaveProperty("config");
  });
  it("returns undefined for a body that is not an object", () => {
    expect(sanitizeErrorBody("<html>")).toBeUndefined();
    expect(sanitizeErrorBody(null)).toBeUndefined();
    expect(sanitizeErrorBody([1])).toBeUndefined();
  });
});
