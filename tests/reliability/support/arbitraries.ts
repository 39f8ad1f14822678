/**
 * Arbitraries for fuzzing `check` and `diff` with values the gRPC wire can carry (JSON only):
 * junk objects of known and unknown keys, generated valid clients, and rewrites of a client that
 * must mean the same (set order, defaults omitted or spelled out, legacy grant spellings, the home
 * division named or omitted).
 */
import fc from "fast-check";
import { HOME } from "../../unit/oauthClient/fixtures";

/** Any JSON value, and a few strings that mean something to the provider. */
const wireJunk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom("04da6b54-80e4-46f7-96ec-b56ff0331ba9", "", " ", "CODE", HOME, "*"),
);
const FIELDS = [
  "name",
  "description",
  "authorizedGrantType",
  "accessTokenValiditySeconds",
  "registeredRedirectUri",
  "scope",
  "roleDivisions",
  "roleIds",
  "state",
  "secretRotationTrigger",
  "adoptClientId",
  "rotateAfterDays",
  "deletionGuard",
  "clientId",
  "scopes",
  "roles",
];
/** Objects of known and unknown keys holding anything JSON can. */
export const wireInputs: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELDS), wireJunk, { maxKeys: 8 }),
  fc.dictionary(fc.string({ maxLength: 12 }), wireJunk, { maxKeys: 5 }),
);

const uuid = fc.uuid({ version: 4 });
const scopeName = fc.constantFrom(
  "users",
  "users:readonly",
  "analytics",
  "analytics:readonly",
  "routing",
  "oauth",
  "notifications",
  "presence",
);
const redirect = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/), fc.stringMatching(/^(\/[a-z0-9]{1,6}){0,2}$/))
  .map(([host, path]) => `https://${host}.example.com${path}`);
const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _.-]{0,20}[A-Za-z0-9]$/);
const optional = {
  description: fc.stringMatching(/^[ -~]{0,30}$/),
  accessTokenValiditySeconds: fc.integer({ min: 300, max: 172800 }),
  registeredRedirectUri: fc.uniqueArray(redirect, { maxLength: 3 }),
  state: fc.constantFrom("active", "inactive"),
  secretRotationTrigger: fc.stringMatching(/^[a-z0-9-]{1,8}$/),
  rotateAfterDays: fc.integer({ min: 1, max: 3650 }),
  deletionGuard: fc.record({ unusedForDays: fc.integer({ min: 1, max: 365 }) }),
};
const codeClient = fc.record(
  {
    name,
    authorizedGrantType: fc.constantFrom("CODE", "TOKEN", "PASSWORD", "SAML2-BEARER"),
    scope: fc.uniqueArray(scopeName, { minLength: 1, maxLength: 4 }),
    ...optional,
  },
  { requiredKeys: ["name", "authorizedGrantType", "scope"] },
);
const ccClient = fc.record(
  {
    name,
    authorizedGrantType: fc.constant("CLIENT-CREDENTIALS"),
    roleDivisions: fc.uniqueArray(
      fc.record(
        { roleId: uuid, divisionId: fc.oneof(uuid, fc.constant("*")) },
        { requiredKeys: ["roleId"] },
      ),
      { minLength: 1, maxLength: 4, selector: (r) => `${r.roleId}/${r.divisionId ?? HOME}` },
    ),
    ...optional,
  },
  { requiredKeys: ["name", "authorizedGrantType", "roleDivisions"] },
);
/** A valid client: a code-style grant with scopes, or client credentials with roles. */
export const validClient = fc.oneof(codeClient, ccClient) as fc.Arbitrary<Record<string, unknown>>;

/** The ways of writing the same client differently; each normalizes to the same inputs. */
export type Variant =
  "shuffle" | "omit defaults" | "spell defaults" | "legacy spelling" | "home division";
/** One of the rewrites. */
export const variant = fc.constantFrom<Variant>(
  "shuffle",
  "omit defaults",
  "spell defaults",
  "legacy spelling",
  "home division",
);

function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** `raw` written another way that must mean the same. */
export function rewrite(
  raw: Record<string, unknown>,
  how: Variant,
  seed: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  switch (how) {
    case "shuffle":
      for (const key of ["scope", "registeredRedirectUri", "roleDivisions"]) {
        if (Array.isArray(out[key])) out[key] = shuffled(out[key] as unknown[], seed);
      }
      return out;
    case "omit defaults":
      if (out.description === "") delete out.description;
      if (out.state === "active") delete out.state;
      if (out.accessTokenValiditySeconds === 86400) delete out.accessTokenValiditySeconds;
      if (Array.isArray(out.registeredRedirectUri) && out.registeredRedirectUri.length === 0) {
        delete out.registeredRedirectUri;
      }
      return out;
    case "spell defaults":
      return {
        description: "",
        state: "active",
        accessTokenValiditySeconds: 86400,
        registeredRedirectUri: [],
        ...out,
      };
    case "legacy spelling":
      if (out.authorizedGrantType === "CLIENT-CREDENTIALS")
        out.authorizedGrantType = "CLIENT_CREDENTIALS";
      if (out.authorizedGrantType === "SAML2-BEARER") out.authorizedGrantType = "SAML2BEARER";
      return out;
    case "home division":
      if (Array.isArray(out.roleDivisions)) {
        out.roleDivisions = (out.roleDivisions as { roleId: string; divisionId?: string }[]).map(
          (r) => ({ ...r, divisionId: r.divisionId ?? HOME }),
        );
      }
      return out;
  }
}
