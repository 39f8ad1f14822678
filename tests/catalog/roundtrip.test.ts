/**
 * The catalog format round trip: what the writer renders, the loader reads back as the same
 * entries (literal values, `${` escaped), with header and entry comments ignored.
 */
import * as fc from "fast-check";
import {
  parseClientCatalog,
  renderClientCatalog,
  type CatalogClientArgs,
  type RenderEntry,
} from "../../provider/catalog";

const ROLE_A = "0b1f6e2a-6c1d-4b8e-9f3a-2d4c5e6f7a80";
const ROLE_B = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
const DIVISION = "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60";

const SAMPLE: RenderEntry[] = [
  {
    key: "ci-bot",
    comment: ["The pipeline's identity.", "Owner: team-platform"],
    args: {
      name: "CI bot",
      description: "Deploys config.\nSecond line with a tab\tand a colon: here",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      accessTokenValiditySeconds: 3600,
      roleDivisions: [{ roleId: ROLE_A }, { roleId: ROLE_B, divisionId: "*" }],
      secretRotationTrigger: "2026-01-01",
      rotateAfterDays: 90,
      deletionGuard: { unusedForDays: 30 },
      state: "active",
    },
  },
  {
    key: "web-portal",
    args: {
      name: "yes",
      adoptClientId: "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b",
      description: "costs ${price} # not a comment",
      authorizedGrantType: "CODE",
      scope: ["users:readonly", "user-basic-info"],
      registeredRedirectUri: ["https://portal.example.com/cb?x=${y}"],
      state: "inactive",
    },
  },
  {
    key: "legacy",
    args: {
      name: "123",
      authorizedGrantType: "TOKEN",
      scope: ["analytics:readonly"],
      roleIds: undefined,
    },
  },
  {
    key: "roles-by-id",
    args: { name: "Roles by id", authorizedGrantType: "CLIENT-CREDENTIALS", roleIds: [ROLE_A] },
  },
];

/** What the loader returns for entries: the args without undefined fields. */
function expected(entries: readonly RenderEntry[]): { key: string; args: CatalogClientArgs }[] {
  return entries.map((e) => ({
    key: e.key,
    args: JSON.parse(JSON.stringify(e.args)) as CatalogClientArgs,
  }));
}

function reparsed(text: string): { key: string; args: CatalogClientArgs }[] {
  return parseClientCatalog(text).entries.map(({ key, args }) => ({ key, args }));
}

describe("render → parse", () => {
  test("gives the same entries back, YAML-special strings and ${ included", () => {
    const text = renderClientCatalog(SAMPLE, { header: ["Generated for a test.", "", "Line 3"] });
    expect(reparsed(text)).toEqual(expected(SAMPLE));
  });

  test("writes the header and entry comments as YAML comments, fields in a fixed order", () => {
    const text = renderClientCatalog(SAMPLE.slice(0, 1), { header: "Top line" });
    expect(text.split("\n").slice(0, 6)).toEqual([
      "# Top line",
      "",
      "clients:",
      "  # The pipeline's identity.",
      "  # Owner: team-platform",
      "  ci-bot:",
    ]);
    const fields = text
      .split("\n")
      .filter((l) => /^ {4}[a-zA-Z]+:/.test(l))
      .map((l) => l.trim().split(":")[0]);
    expect(fields).toEqual([
      "name",
      "description",
      "authorizedGrantType",
      "accessTokenValiditySeconds",
      "roleDivisions",
      "state",
      "secretRotationTrigger",
      "rotateAfterDays",
      "deletionGuard",
    ]);
    // A date-like trigger is quoted so that no YAML reader turns it into a date.
    expect(text).toContain('secretRotationTrigger: "2026-01-01"');
  });

  test("escapes ${ so the loader keeps it literal even when variables are defined", () => {
    const text = renderClientCatalog(SAMPLE.slice(1, 2));
    expect(text).toContain("$${price}");
    const loaded = parseClientCatalog(text, { vars: { price: "10", y: "z" } });
    expect(loaded.entries[0].args.description).toBe("costs ${price} # not a comment");
    expect(loaded.entries[0].args.registeredRedirectUri).toEqual([
      "https://portal.example.com/cb?x=${y}",
    ]);
  });

  test("an empty list of entries renders clients: {} and loads with a warning", () => {
    const text = renderClientCatalog([], { header: "nothing" });
    expect(text).toBe("# nothing\n\nclients: {}\n");
    const loaded = parseClientCatalog(text);
    expect(loaded.entries).toEqual([]);
    expect(loaded.warnings.join("\n")).toMatch(/clients is empty: every client .* deleted/);
  });

  test("refuses keys the loader would refuse, and duplicate keys", () => {
    const args: CatalogClientArgs = { name: "x", authorizedGrantType: "CODE", scope: ["users"] };
    expect(() => renderClientCatalog([{ key: "Bad Key", args }])).toThrow(/bad key/);
    expect(() =>
      renderClientCatalog([
        { key: "a", args },
        { key: "a", args },
      ]),
    ).toThrow(/duplicate key a/);
  });

  test("holds for generated entries (property)", () => {
    const text = fc.string({ unit: "grapheme", maxLength: 40 }).filter((s) => !/[\p{Cc}]/u.test(s));
    const name = fc
      .string({ unit: "grapheme", minLength: 1, maxLength: 30 })
      .filter((s) => s.trim() === s && s !== "" && !/[\p{Cc}\p{Cs}\u2028\u2029]/u.test(s));
    const scopes = fc.uniqueArray(
      fc.constantFrom("users", "users:readonly", "analytics", "presence", "oauth:readonly"),
      { minLength: 1, maxLength: 3 },
    );
    const entry = fc.record({
      key: fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}$/).filter((k) => /[a-z]/.test(k)),
      name,
      description: fc.option(text, { nil: undefined }),
      grant: fc.constantFrom("CODE", "TOKEN", "PASSWORD", "SAML2-BEARER", "CLIENT-CREDENTIALS"),
      scopes,
      ttl: fc.option(fc.integer({ min: 300, max: 172800 }), { nil: undefined }),
      trigger: fc.option(
        text.filter((s) => s !== ""),
        { nil: undefined },
      ),
      state: fc.option(fc.constantFrom("active", "inactive"), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (e) => e.key, maxLength: 5 }), (list) => {
        const entries: RenderEntry[] = list.map((e) => {
          const cc = e.grant === "CLIENT-CREDENTIALS";
          return {
            key: e.key,
            args: {
              name: e.name,
              description: e.description,
              authorizedGrantType: e.grant,
              accessTokenValiditySeconds: e.ttl,
              secretRotationTrigger: e.trigger,
              state: e.state,
              ...(cc
                ? { roleDivisions: [{ roleId: ROLE_A, divisionId: DIVISION }] }
                : { scope: e.scopes }),
            },
          };
        });
        expect(reparsed(renderClientCatalog(entries))).toEqual(expected(entries));
      }),
      { numRuns: 150 },
    );
  });
});
