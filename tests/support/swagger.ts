/**
 * A small, strict validator of JSON values against the Genesys Swagger 2.0 fixture
 * (`tests/fixtures/genesys-oauth-swagger.json`, the real API's own definitions). Shared by the
 * emulator, API-client and provider tests:
 *
 * - `validateDefinition("OAuthClient", value)` → problems, each prefixed with a JSON path;
 * - `operationFor("GET", "/api/v2/oauth/clients/abc")` → the operation (id, declared responses,
 *   `x-inin-error-codes`, permissions, body schema);
 * - `validateResponse(method, path, status, body)` → problems with a response: undeclared
 *   status, body not matching the declared schema, error `code` not among the operation's
 *   `x-inin-error-codes`;
 * - `validateRequestBody(method, path, body)` → problems with a request body (read-only fields
 *   present, unknown fields, wrong types).
 *
 * Strictness: types, `required`, `enum`, `format` (date-time, uri, int32/int64, interval),
 * `uniqueItems`, `$ref`, and unknown properties are errors unless the schema declares
 * `additionalProperties`. Two documented facts the Swagger does not capture are accepted unless
 * `{ strict: true }` is passed: see {@link KNOWN_DEVIATIONS}.
 */
import * as fs from "fs";
import * as path from "path";

/** A Swagger 2.0 schema object (the subset the fixture uses). */
export interface Schema {
  /** JSON type: string, integer, number, boolean, array, object. */
  type?: string;
  /** Refinement of the type: date-time, uri, int32, int64, interval. */
  format?: string;
  /** Allowed values. */
  enum?: unknown[];
  /** Properties that must be present. */
  required?: string[];
  /** Known properties of an object. */
  properties?: Record<string, Schema>;
  /** Schema of the values of a map, or `true` to allow anything. */
  additionalProperties?: Schema | boolean;
  /** Schema of array items. */
  items?: Schema;
  /** Array items must be distinct. */
  uniqueItems?: boolean;
  /** Set by the server only; an error in request bodies. */
  readOnly?: boolean;
  /** `#/definitions/Name`. */
  $ref?: string;
  /** Free text. */
  description?: string;
}

/** A declared response of an operation. */
export interface ResponseInfo {
  /** Description from the Swagger. */
  description: string;
  /** Body schema, when one is declared. */
  schema?: Schema;
  /** The `x-inin-error-codes` keys (empty when none). */
  errorCodes: string[];
}

/** An operation of the Swagger. */
export interface OperationInfo {
  /** e.g. `getOauthClient`. */
  operationId: string;
  /** Upper-case method. */
  method: string;
  /** Path template, e.g. `/api/v2/oauth/clients/{clientId}`. */
  pathTemplate: string;
  /** Declared responses by status code (or `default`). */
  responses: Record<string, ResponseInfo>;
  /** `x-inin-requires-permissions.permissions` (any of them). */
  permissions: string[];
  /** Schema of the body parameter, when the operation takes one. */
  bodySchema?: Schema;
  /** Query parameter names. */
  queryParameters: string[];
}

/** Options of the validators. */
export interface ValidateOptions {
  /** `request`: `readOnly` properties are errors. Default `response`. */
  mode?: "request" | "response";
  /** Refuse the {@link KNOWN_DEVIATIONS} too. Default false. */
  strict?: boolean;
}

/**
 * Documented behaviour of the real API that its Swagger does not declare (see
 * docs genesys-oauth-api.md §4 and the emulator README):
 * - `OAuthClient.state` may be `deleted` while a client older than 30 days is being removed
 *   (Terraform's provider waits for exactly that value).
 * - `putOauthClient` answers an unknown scope with `auth.invalid.scope`, like `postOauthClients`
 *   (the PUT operation's list omits it although the same validation applies to the same body).
 */
export const KNOWN_DEVIATIONS = {
  enumExtensions: { "OAuthClient.state": ["deleted"] } as Record<string, string[]>,
  errorCodes: { putOauthClient: { "400": ["auth.invalid.scope"] } } as Record<
    string,
    Record<string, string[]>
  >,
};

interface SwaggerDoc {
  paths: Record<string, Record<string, RawOperation>>;
  definitions: Record<string, Schema>;
}
interface RawOperation {
  operationId: string;
  parameters?: { in: string; name: string; schema?: Schema }[];
  responses: Record<
    string,
    { description: string; schema?: Schema; "x-inin-error-codes"?: Record<string, string> }
  >;
  "x-inin-requires-permissions"?: { permissions: string[] };
}

/** The fixture, parsed. */
export const swagger: SwaggerDoc = JSON.parse(
  fs.readFileSync(path.join(__dirname, "..", "fixtures", "genesys-oauth-swagger.json"), "utf8"),
);

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/;

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function checkFormat(format: string, value: unknown, at: string): string[] {
  switch (format) {
    case "date-time":
      return typeof value === "string" && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
        ? []
        : [`${at}: not an ISO-8601 date-time: ${JSON.stringify(value)}`];
    case "uri":
      // The API's selfUri/nextUri values are relative references ("/api/v2/...").
      return typeof value === "string" &&
        (/^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/.test(value) || /^\/\S*$/.test(value))
        ? []
        : [`${at}: not a URI: ${JSON.stringify(value)}`];
    case "int32":
      return typeof value === "number" && value >= -(2 ** 31) && value < 2 ** 31
        ? []
        : [`${at}: not an int32: ${String(value)}`];
    case "int64":
      return typeof value === "number" && Number.isSafeInteger(value)
        ? []
        : [`${at}: not an int64: ${String(value)}`];
    case "interval": {
      const parts = typeof value === "string" ? value.split("/") : [];
      return parts.length === 2 && parts.every((p) => LOCAL_DATE_TIME.test(p))
        ? []
        : [`${at}: not an ISO-8601 interval: ${JSON.stringify(value)}`];
    }
    default:
      return [];
  }
}

function resolveRef(ref: string): { name: string; schema: Schema } {
  const name = ref.replace(/^#\/definitions\//, "");
  const schema = swagger.definitions[name];
  if (!schema) throw new Error(`Unknown $ref ${ref}`);
  return { name, schema };
}

/** Validates a value against a schema; `definition` names the enclosing definition. */
export function validateSchema(
  schema: Schema,
  value: unknown,
  at = "$",
  options: ValidateOptions = {},
  definition?: string,
  propertyName?: string,
): string[] {
  if (schema.$ref) {
    const { name, schema: target } = resolveRef(schema.$ref);
    return validateSchema(target, value, at, options, name);
  }
  const problems: string[] = [];
  const type = schema.type ?? (schema.properties ? "object" : undefined);
  switch (type) {
    case "string":
      if (typeof value !== "string") return [`${at}: expected string, got ${describe(value)}`];
      break;
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value))
        return [`${at}: expected integer, got ${describe(value)}`];
      break;
    case "number":
      if (typeof value !== "number") return [`${at}: expected number, got ${describe(value)}`];
      break;
    case "boolean":
      if (typeof value !== "boolean") return [`${at}: expected boolean, got ${describe(value)}`];
      break;
    case "array": {
      if (!Array.isArray(value)) return [`${at}: expected array, got ${describe(value)}`];
      value.forEach((item, i) =>
        problems.push(
          ...validateSchema(schema.items ?? {}, item, `${at}[${i}]`, options, definition),
        ),
      );
      if (schema.uniqueItems) {
        const seen = new Set(value.map((v) => JSON.stringify(v)));
        if (seen.size !== value.length) problems.push(`${at}: items must be unique`);
      }
      return problems;
    }
    case "object": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return [`${at}: expected object, got ${describe(value)}`];
      }
      const o = value as Record<string, unknown>;
      for (const key of schema.required ?? []) {
        if (o[key] === undefined) problems.push(`${at}.${key}: required property missing`);
      }
      const props = schema.properties ?? {};
      for (const [key, v] of Object.entries(o)) {
        const prop = props[key];
        if (prop) {
          if (options.mode === "request" && prop.readOnly)
            problems.push(`${at}.${key}: read-only property sent`);
          problems.push(...validateSchema(prop, v, `${at}.${key}`, options, definition, key));
        } else if (typeof schema.additionalProperties === "object") {
          problems.push(
            ...validateSchema(schema.additionalProperties, v, `${at}.${key}`, options, definition),
          );
        } else if (schema.additionalProperties !== true) {
          problems.push(`${at}.${key}: unknown property${definition ? ` of ${definition}` : ""}`);
        }
      }
      return problems;
    }
    default:
      break;
  }
  if (schema.enum && !schema.enum.includes(value)) {
    const extra =
      !options.strict && definition && propertyName
        ? KNOWN_DEVIATIONS.enumExtensions[`${definition}.${propertyName}`]
        : undefined;
    if (!extra?.includes(value as string)) {
      problems.push(
        `${at}: ${JSON.stringify(value)} is not one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`,
      );
    }
  }
  if (schema.format) problems.push(...checkFormat(schema.format, value, at));
  return problems;
}

/** Validates a value against a named definition (e.g. `OAuthClient`). */
export function validateDefinition(
  name: string,
  value: unknown,
  options: ValidateOptions = {},
): string[] {
  if (!swagger.definitions[name]) throw new Error(`No definition ${name} in the Swagger fixture`);
  return validateSchema({ $ref: `#/definitions/${name}` }, value, "$", options);
}

function templateMatches(template: string, concrete: string): boolean {
  const t = template.split("/");
  const c = concrete.split("/");
  return (
    t.length === c.length &&
    t.every((seg, i) => (/^\{\w+\}$/.test(seg) ? c[i] !== "" : seg === c[i]))
  );
}

/** The operation serving a method and a path (concrete, template, or with a query string). */
export function operationFor(method: string, urlPath: string): OperationInfo | undefined {
  const pathOnly = urlPath.split("?")[0];
  const candidates = Object.keys(swagger.paths)
    .filter((t) => t === pathOnly || templateMatches(t, pathOnly))
    .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
  for (const template of candidates) {
    const raw = swagger.paths[template][method.toLowerCase()];
    if (!raw) continue;
    const responses: Record<string, ResponseInfo> = {};
    for (const [code, r] of Object.entries(raw.responses)) {
      responses[code] = {
        description: r.description,
        ...(r.schema ? { schema: r.schema } : {}),
        errorCodes: Object.keys(r["x-inin-error-codes"] ?? {}),
      };
    }
    const params = raw.parameters ?? [];
    const body = params.find((p) => p.in === "body");
    return {
      operationId: raw.operationId,
      method: method.toUpperCase(),
      pathTemplate: template,
      responses,
      permissions: raw["x-inin-requires-permissions"]?.permissions ?? [],
      ...(body?.schema ? { bodySchema: body.schema } : {}),
      queryParameters: params.filter((p) => p.in === "query").map((p) => p.name),
    };
  }
  return undefined;
}

/** Every operation of the fixture. */
export function allOperations(): OperationInfo[] {
  const out: OperationInfo[] = [];
  for (const [template, methods] of Object.entries(swagger.paths)) {
    for (const method of Object.keys(methods)) {
      const op = operationFor(method, template);
      if (op) out.push(op);
    }
  }
  return out;
}

/** The error codes an operation declares for a status (plus known deviations unless strict). */
export function errorCodesFor(
  op: OperationInfo,
  status: number,
  options: ValidateOptions = {},
): string[] {
  const declared = op.responses[String(status)]?.errorCodes ?? [];
  const extra = options.strict
    ? []
    : (KNOWN_DEVIATIONS.errorCodes[op.operationId]?.[String(status)] ?? []);
  return [...declared, ...extra];
}

/** Problems with a response to `method path`: status, body schema and error code. */
export function validateResponse(
  method: string,
  urlPath: string,
  status: number,
  body: unknown,
  options: ValidateOptions = {},
): string[] {
  const op = operationFor(method, urlPath);
  if (!op) return [`no operation ${method.toUpperCase()} ${urlPath} in the Swagger`];
  const declared =
    op.responses[String(status)] ?? (status < 300 ? op.responses.default : undefined);
  if (!declared) return [`${op.operationId}: status ${status} is not a declared response`];
  const empty = body === undefined || body === null || body === "";
  if (!declared.schema) {
    return empty ? [] : [`${op.operationId} ${status}: declares no body but one was returned`];
  }
  if (empty) return [`${op.operationId} ${status}: declares a body but none was returned`];
  const problems = validateSchema(declared.schema, body, "$", { ...options, mode: "response" }).map(
    (p) => `${op.operationId} ${status}: ${p}`,
  );
  if (declared.schema.$ref === "#/definitions/ErrorBody") {
    const code = (body as { code?: unknown }).code;
    const allowed = errorCodesFor(op, status, options);
    if (typeof code !== "string")
      problems.push(`${op.operationId} ${status}: ErrorBody without a code`);
    else if (!allowed.includes(code)) {
      problems.push(`${op.operationId} ${status}: code ${code} is not among ${allowed.join(", ")}`);
    }
  }
  return problems;
}

/** Problems with a request body sent to `method path` (read-only fields count). */
export function validateRequestBody(
  method: string,
  urlPath: string,
  body: unknown,
  options: ValidateOptions = {},
): string[] {
  const op = operationFor(method, urlPath);
  if (!op) return [`no operation ${method.toUpperCase()} ${urlPath} in the Swagger`];
  if (!op.bodySchema) return body === undefined ? [] : [`${op.operationId}: takes no body`];
  return validateSchema(op.bodySchema, body, "$", { ...options, mode: "request" }).map(
    (p) => `${op.operationId}: ${p}`,
  );
}
