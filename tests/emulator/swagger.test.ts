/**
 * The Swagger validator itself (it must catch what it claims to), and the emulator's route table
 * checked against the Swagger: every operation served, with the same permissions.
 */
import {
  allOperations,
  errorCodesFor,
  operationFor,
  validateDefinition,
  validateRequestBody,
  validateResponse,
  swagger,
} from "../support/swagger";
import { ROUTES } from "../../provider/emulator/routes";
import { ERROR_MESSAGES } from "../../provider/emulator/errors";

const CLIENT = {
  id: "c0ffee00-0000-4000-8000-000000000000",
  name: "x",
  authorizedGrantType: "CODE",
  scope: ["oauth"],
  dateCreated: "2024-01-01T00:00:00.000Z",
  selfUri: "/api/v2/oauth/clients/c0ffee00-0000-4000-8000-000000000000",
};

describe("validateDefinition", () => {
  it("accepts a valid OAuthClient", () => {
    expect(validateDefinition("OAuthClient", CLIENT)).toEqual([]);
  });

  it.each([
    [
      "a missing required property",
      { ...CLIENT, name: undefined },
      "$.name: required property missing",
    ],
    [
      "a wrong type",
      { ...CLIENT, accessTokenValiditySeconds: "300" },
      "$.accessTokenValiditySeconds: expected integer, got string",
    ],
    [
      "a non-integer",
      { ...CLIENT, accessTokenValiditySeconds: 1.5 },
      "$.accessTokenValiditySeconds: expected integer",
    ],
    [
      "an enum outside the list",
      { ...CLIENT, authorizedGrantType: "CLIENT_CREDENTIALS" },
      "$.authorizedGrantType:",
    ],
    ["an unknown property", { ...CLIENT, roles: [] }, "$.roles: unknown property of OAuthClient"],
    [
      "a bad date-time",
      { ...CLIENT, dateCreated: "yesterday" },
      "$.dateCreated: not an ISO-8601 date-time",
    ],
    ["a bad uri", { ...CLIENT, selfUri: "not a uri" }, "$.selfUri: not a URI"],
    [
      "duplicate unique items",
      { ...CLIENT, roleIds: ["a", "a"] },
      "$.roleIds: items must be unique",
    ],
    [
      "a nested problem behind a $ref",
      { ...CLIENT, roleDivisions: [{ roleId: "r" }] },
      "$.roleDivisions[0].divisionId: required property missing",
    ],
    [
      "a nested wrong type",
      { ...CLIENT, createdBy: { id: 5 } },
      "$.createdBy.id: expected string, got number",
    ],
  ])("reports %s", (_name, value, expected) => {
    const problems = validateDefinition("OAuthClient", value);
    expect(problems.some((p) => p.startsWith(expected))).toBe(true);
  });

  it("accepts the documented deleted state unless strict", () => {
    expect(validateDefinition("OAuthClient", { ...CLIENT, state: "deleted" })).toEqual([]);
    expect(
      validateDefinition("OAuthClient", { ...CLIENT, state: "deleted" }, { strict: true }),
    ).toHaveLength(1);
    expect(validateDefinition("OAuthClient", { ...CLIENT, state: "gone" })).toHaveLength(1);
  });

  it("validates additionalProperties maps and intervals", () => {
    expect(validateDefinition("ErrorBody", { code: "x", messageParams: { a: "b" } })).toEqual([]);
    expect(validateDefinition("ErrorBody", { code: "x", messageParams: { a: 1 } })).toEqual([
      "$.messageParams.a: expected string, got number",
    ]);
    expect(
      validateDefinition("ApiUsageClientQuery", {
        interval: "2024-01-01T00:00:00/2024-01-02T00:00:00",
      }),
    ).toEqual([]);
    expect(validateDefinition("ApiUsageClientQuery", { interval: "last week" })).toHaveLength(1);
  });
});

describe("operations", () => {
  it("finds operations by concrete path and exposes their declarations", () => {
    const op = operationFor("POST", "/api/v2/oauth/clients/abc/secret");
    expect(op?.operationId).toBe("postOauthClientSecret");
    expect(op?.permissions).toEqual(["oauth:client:edit"]);
    if (!op) throw new Error("postOauthClientSecret not found");
    expect(errorCodesFor(op, 400)).toContain("bad.client.role");
    expect(
      operationFor("GET", "/api/v2/oauth/clients/abc/usage/summary?days=3")?.queryParameters,
    ).toEqual(["days"]);
    expect(operationFor("PATCH", "/api/v2/oauth/clients")).toBeUndefined();
    expect(allOperations()).toHaveLength(13);
  });

  it("reports undeclared statuses, undeclared error codes and schema problems", () => {
    expect(validateResponse("GET", "/api/v2/oauth/clients/x", 201, CLIENT)).toEqual([
      "getOauthClient: status 201 is not a declared response",
    ]);
    expect(
      validateResponse("DELETE", "/api/v2/oauth/clients/x", 400, {
        code: "bad.client.role",
        status: 400,
      })[0],
    ).toMatch(/code bad.client.role is not among/);
    expect(
      validateResponse("GET", "/api/v2/oauth/clients/x", 200, { ...CLIENT, secret: 5 }),
    ).toHaveLength(1);
    expect(validateResponse("DELETE", "/api/v2/oauth/clients/x", 204, undefined)).toEqual([]);
    expect(validateResponse("DELETE", "/api/v2/oauth/clients/x", 204, { a: 1 })).toHaveLength(1);
    expect(
      validateResponse("PUT", "/api/v2/oauth/clients/x", 400, { code: "auth.invalid.scope" }),
    ).toEqual([]);
    expect(
      validateResponse(
        "PUT",
        "/api/v2/oauth/clients/x",
        400,
        { code: "auth.invalid.scope" },
        { strict: true },
      ),
    ).toHaveLength(1);
  });

  it("reports read-only properties and unknown fields in request bodies", () => {
    expect(
      validateRequestBody("POST", "/api/v2/oauth/clients", {
        name: "x",
        authorizedGrantType: "CODE",
      }),
    ).toEqual([]);
    expect(
      validateRequestBody("POST", "/api/v2/oauth/clients", {
        name: "x",
        authorizedGrantType: "CODE",
        id: "y",
      }),
    ).toEqual(["postOauthClients: $.id: unknown property of OAuthClientRequest"]);
    expect(validateRequestBody("GET", "/api/v2/oauth/scopes", undefined)).toEqual([]);
  });
});

describe("the emulator's route table", () => {
  it("serves every Swagger operation with the permissions it declares", () => {
    for (const op of allOperations()) {
      const route = ROUTES.find((r) => r.method === op.method && r.template === op.pathTemplate);
      expect({
        op: op.operationId,
        route: route?.operationId,
        permissions: route?.permissions,
      }).toEqual({
        op: op.operationId,
        route: op.operationId,
        permissions: op.permissions,
      });
      expect(route?.body).toBe(op.bodySchema !== undefined);
    }
  });

  it("emits only codes the Swagger knows, with the Swagger's own generic messages", () => {
    const messages = new Map<string, Set<string>>();
    for (const methods of Object.values(swagger.paths)) {
      for (const op of Object.values(methods)) {
        for (const r of Object.values(op.responses)) {
          for (const [code, message] of Object.entries(r["x-inin-error-codes"] ?? {})) {
            messages.set(code, (messages.get(code) ?? new Set()).add(message));
          }
        }
      }
    }
    for (const [code, message] of Object.entries(ERROR_MESSAGES)) {
      expect([code, messages.get(code)?.has(message)]).toEqual([code, true]);
    }
  });
});
