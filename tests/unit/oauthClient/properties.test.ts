import fc from "fast-check";
import { diffClient } from "../../../provider/oauthClient/diff";
import { inputsFromLive, outputsFromLive } from "../../../provider/oauthClient/mapping";
import type { NormalizedInputs } from "../../../provider/oauthClient/types";
import { checkInputs, INPUT_KEYS } from "../../../provider/oauthClient/validate";
import { CLIENT_ID, CREATED, HOME, U, checked, liveOf, nonJsonPaths, outputsOf } from "./fixtures";

const AT = { now: new Date(CREATED) };
const NO_CHANGE = { changes: false, changedKeys: [], apiUpdate: false, rotate: false };

/** Anything the engine (or a confused program) could send, unknowns and nulls included. */
const junk = fc.oneof(
  fc.jsonValue(),
  fc.constant(U),
  fc.constant(null),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 1.5),
  fc.anything({ withNullPrototype: true }),
);
const keys = fc.constantFrom(
  ...INPUT_KEYS,
  "__provider",
  "clientId",
  "redirectUris",
  "__proto__",
  "constructor",
);
const roleish = fc.oneof(
  junk,
  fc.array(fc.oneof(junk, fc.record({ roleId: junk, divisionId: junk }, { requiredKeys: [] }))),
);
const junkInputs = fc.oneof(
  junk,
  fc.dictionary(keys, junk),
  fc.record(
    {
      name: junk,
      authorizedGrantType: fc.oneof(
        fc.constantFrom("CODE", "CLIENT-CREDENTIALS", "SAML2BEARER"),
        junk,
      ),
      scope: fc.oneof(junk, fc.array(fc.oneof(fc.string(), junk))),
      roleDivisions: roleish,
      roleIds: roleish,
      registeredRedirectUri: fc.oneof(junk, fc.array(fc.oneof(fc.webUrl(), fc.string(), junk))),
      deletionGuard: fc.oneof(junk, fc.record({ unusedForDays: junk })),
      adoptClientId: fc.oneof(fc.uuid(), junk),
      rotateAfterDays: junk,
      secretRotationTrigger: junk,
    },
    { requiredKeys: [] },
  ),
);

const uuid = fc.uuid();
const scopeName = fc.stringMatching(/^[a-z0-9-]{1,8}(:[a-z0-9-]{1,8})?$/);
const uri = fc
  .tuple(
    fc.constantFrom("https://", "myapp://", "http://localhost:"),
    fc.domain(),
    fc.stringMatching(/^(\/[a-z0-9]{0,6}){0,3}$/),
  )
  .map(([scheme, host, path]) =>
    scheme.endsWith(":") ? `${scheme}8080${path}` : `${scheme}${host}${path}`,
  );
const name = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9 _.-]{0,30}[A-Za-z0-9])?$/),
  fc.constantFrom("Zoë's café ☕", "客户端", "👩‍💻 tools"),
);
const common = {
  name,
  description: fc
    .string({ maxLength: 40 })
    .filter((s) => !/[\p{Cc}\p{Cs}]/u.test(s.replace(/[\n\t]/g, ""))),
  accessTokenValiditySeconds: fc.integer({ min: 300, max: 172800 }),
  registeredRedirectUri: fc.uniqueArray(uri, { maxLength: 4 }),
  state: fc.constantFrom("active", "inactive"),
  secretRotationTrigger: fc.string({ maxLength: 10 }),
  adoptClientId: fc.constantFrom(CLIENT_ID, CLIENT_ID.toUpperCase()),
  rotateAfterDays: fc.integer({ min: 1, max: 3650 }),
  deletionGuard: fc.record({ unusedForDays: fc.integer({ min: 1, max: 365 }) }),
};
const nonCC = fc.record(
  {
    ...common,
    authorizedGrantType: fc.constantFrom(
      "CODE",
      "TOKEN",
      "SAML2-BEARER",
      "SAML2BEARER",
      "PASSWORD",
    ),
    scope: fc.uniqueArray(scopeName, { minLength: 1, maxLength: 5 }),
  },
  { requiredKeys: ["name", "authorizedGrantType", "scope"] },
);
const roleDivision = fc.record(
  { roleId: uuid, divisionId: fc.oneof(uuid, fc.constant("*"), fc.constant(HOME)) },
  { requiredKeys: ["roleId"] },
);
const cc = fc.record(
  {
    ...common,
    authorizedGrantType: fc.constantFrom("CLIENT-CREDENTIALS", "CLIENT_CREDENTIALS"),
    roleDivisions: fc.uniqueArray(roleDivision, {
      minLength: 1,
      maxLength: 5,
      selector: (e) => `${e.roleId}|${e.divisionId ?? HOME}`,
    }),
    roleIds: fc.uniqueArray(uuid, { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: ["name", "authorizedGrantType", "roleDivisions"] },
);
const validRaw = fc.oneof(nonCC, cc) as fc.Arbitrary<Record<string, unknown>>;

/** A deterministic shuffle of every set field of raw inputs. */
function shuffleSets(raw: Record<string, unknown>, seed: number): Record<string, unknown> {
  let state = seed >>> 0 || 1;
  const next = (): number => (state = (state * 1103515245 + 12345) >>> 0);
  const shuffle = (list: unknown[]): unknown[] => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = next() % (i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  const copy = { ...raw };
  for (const key of ["registeredRedirectUri", "scope", "roleDivisions", "roleIds"]) {
    if (Array.isArray(copy[key])) copy[key] = shuffle(copy[key] as unknown[]);
  }
  return copy;
}

describe("properties of checkInputs", () => {
  it("never throws and always returns a well-formed result", () => {
    fc.assert(
      fc.property(junk, junkInputs, (olds, news) => {
        const result = checkInputs(olds, news);
        if (result.ok) {
          expect(result.failures).toEqual([]);
          const { __provider: _p, ...rest } = result.inputs;
          expect(nonJsonPaths(rest).filter((p) => !p.includes("NaN"))).toEqual([]);
        } else {
          expect(result.failures.length).toBeGreaterThan(0);
          for (const f of result.failures) {
            expect(typeof f.property).toBe("string");
            expect(f.reason.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it("accepts every generated valid input", () => {
    fc.assert(
      fc.property(validRaw, (raw) => {
        expect(checkInputs({}, raw).failures).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("is idempotent: checking checked inputs gives the same inputs", () => {
    fc.assert(
      fc.property(fc.oneof(validRaw, junkInputs), (raw) => {
        const once = checkInputs({}, raw);
        if (!once.ok) return;
        const twice = checkInputs({}, once.inputs);
        expect(twice.ok).toBe(true);
        expect(twice.inputs).toEqual(once.inputs);
      }),
      { numRuns: 300 },
    );
  });

  it("does not depend on the order of set items", () => {
    fc.assert(
      fc.property(validRaw, fc.integer(), (raw, seed) => {
        expect(checkInputs({}, shuffleSets(raw, seed))).toEqual(checkInputs({}, raw));
      }),
      { numRuns: 300 },
    );
  });

  it("accepts any one field of valid inputs replaced by the unknown sentinel", () => {
    fc.assert(
      fc.property(validRaw, fc.constantFrom(...INPUT_KEYS), (raw, key) => {
        if (raw[key] === undefined) return;
        expect(checkInputs({}, { ...raw, [key]: U }).failures).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("properties of diffClient", () => {
  it("never throws and always returns a well-formed result", () => {
    fc.assert(
      fc.property(junkInputs, junkInputs, fc.date({ noInvalidDate: false }), (olds, news, now) => {
        const result = diffClient(olds, news, { now });
        expect(typeof result.changes).toBe("boolean");
        expect(result.changedKeys.every((k) => (INPUT_KEYS as string[]).includes(k))).toBe(true);
        expect(result.rotate).toBe(typeof result.rotationReason === "string");
        if (result.changedKeys.length > 0 || result.rotate) expect(result.changes).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("reports no change between inputs and the outputs they produced, in any set order", () => {
    fc.assert(
      fc.property(validRaw, fc.integer(), (raw, seed) => {
        const outputs = outputsOf(checked(raw));
        expect(diffClient(outputs, checked(raw), AT)).toEqual(NO_CHANGE);
        expect(diffClient(outputs, checked(shuffleSets(raw, seed)), AT)).toEqual(NO_CHANGE);
      }),
      { numRuns: 300 },
    );
  });

  it("reports an unknown value in any declared field as a change of that field", () => {
    fc.assert(
      fc.property(validRaw, fc.constantFrom(...INPUT_KEYS), (raw, key) => {
        const inputs = checked(raw) as unknown as Record<string, unknown>;
        if (inputs[key] === undefined) return;
        const result = diffClient(outputsOf(checked(raw)), { ...inputs, [key]: U }, AT);
        expect(result.changes).toBe(true);
        expect(result.changedKeys).toContain(key);
      }),
      { numRuns: 300 },
    );
  });
});

describe("properties of the refresh mapping", () => {
  it("rebuilds exactly the prior inputs and outputs from an unchanged client", () => {
    fc.assert(
      fc.property(validRaw, (raw) => {
        const inputs: NormalizedInputs = { ...checked(raw), __provider: "code" };
        const live = liveOf(inputs);
        expect(inputsFromLive(inputs, live, HOME)).toEqual(inputs);
        const outputs = outputsOf(inputs);
        const refreshed = outputsFromLive(outputs, live);
        expect(refreshed).toEqual(outputs);
        expect(nonJsonPaths(refreshed)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("rebuilds exactly the declared inputs from the outputs alone, as read gets them", () => {
    fc.assert(
      fc.property(validRaw, (raw) => {
        const inputs: NormalizedInputs = { ...checked(raw), __provider: "code" };
        const outputs = { ...outputsOf(inputs), __provider: "code" };
        expect(inputsFromLive(outputs, liveOf(inputs), HOME)).toEqual(inputs);
        expect(diffClient(outputs, inputs, AT)).toEqual(NO_CHANGE);
      }),
      { numRuns: 300 },
    );
  });
});
