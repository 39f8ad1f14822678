import { BAD_INPUTS, VALID_CC_BASE, VALID_CODE_BASE } from "../../support/bad-inputs";
import { checkInputs, requireNormalizedInputs } from "../../../provider/oauthClient/validate";
import { RAW, ROLE_A, ROLE_B, SALES, U } from "./fixtures";

describe("checkInputs refuses malformed inputs with a failure naming the field and the fix", () => {
  it("has a table of at least 45 malformed inputs over distinct defects", () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(45);
    expect(new Set(BAD_INPUTS.map((b) => b.title)).size).toBe(BAD_INPUTS.length);
  });

  it.each([
    ["code", VALID_CODE_BASE],
    ["client-credentials", VALID_CC_BASE],
  ])("accepts the valid %s base the table builds on", (_, base) => {
    expect(checkInputs({}, base)).toMatchObject({ ok: true, failures: [] });
  });

  it.each(BAD_INPUTS.map((b) => [b.title, b] as const))("refuses: %s", (_, bad) => {
    const result = checkInputs({}, bad.inputs);
    expect(result.ok).toBe(false);
    const named = result.failures.filter((f) => f.property === bad.expectProperty);
    expect(named.map((f) => f.reason)).toEqual(
      expect.arrayContaining([expect.stringMatching(bad.expectReason)]),
    );
    // The inputs come back untouched so the engine shows what the program declared.
    expect(result.inputs).toBe(bad.inputs);
  });

  it("never repeats a secret-like value given to an output property", () => {
    const result = checkInputs({}, { ...VALID_CODE_BASE, clientSecret: "hunter2-secret" });
    expect(JSON.stringify(result.failures)).not.toContain("hunter2-secret");
  });

  it.each([null, "CODE", 42, [VALID_CODE_BASE], undefined])(
    "refuses inputs that are not an object (%p) on the empty property",
    (news) => {
      const result = checkInputs({}, news);
      expect(result).toMatchObject({ ok: false, inputs: {} });
      expect(result.failures[0]).toMatchObject({
        property: "",
        reason: expect.stringMatching(/must be an object/),
      });
    },
  );

  it("reports every problem at once, not just the first", () => {
    const result = checkInputs(
      {},
      { name: "", authorizedGrantType: "CODE", scope: ["A B"], foo: 1 },
    );
    expect(result.failures.map((f) => f.property).sort()).toEqual(["foo", "name", "scope[0]"]);
  });
});

describe("checkInputs normalizes valid inputs", () => {
  it.each([
    [
      "CODE",
      {
        name: "web-portal",
        description: "",
        authorizedGrantType: "CODE",
        accessTokenValiditySeconds: 86400,
        registeredRedirectUri: [
          "https://portal.example.com/alt",
          "https://portal.example.com/callback",
        ],
        scope: ["analytics", "users:readonly"],
        state: "active",
      },
    ],
    [
      "TOKEN",
      {
        name: "spa",
        description: "",
        authorizedGrantType: "TOKEN",
        accessTokenValiditySeconds: 86400,
        registeredRedirectUri: ["https://spa.example.com/"],
        scope: ["user-basic-info"],
        state: "active",
      },
    ],
    [
      "SAML2-BEARER",
      {
        name: "sso-bridge",
        description: "",
        authorizedGrantType: "SAML2-BEARER",
        accessTokenValiditySeconds: 86400,
        registeredRedirectUri: [],
        scope: ["users"],
        state: "active",
      },
    ],
    [
      "PASSWORD",
      {
        name: "legacy-kiosk",
        description: "",
        authorizedGrantType: "PASSWORD",
        accessTokenValiditySeconds: 86400,
        registeredRedirectUri: [],
        scope: ["conversations"],
        state: "active",
      },
    ],
    [
      "CLIENT-CREDENTIALS",
      {
        name: "billing-sync",
        description: "Syncs invoices",
        authorizedGrantType: "CLIENT-CREDENTIALS",
        accessTokenValiditySeconds: 3600,
        registeredRedirectUri: [],
        roleDivisions: [
          { roleId: ROLE_A },
          { roleId: ROLE_A, divisionId: SALES },
          { roleId: ROLE_B, divisionId: "*" },
        ],
        state: "active",
      },
    ],
  ])("fills defaults and sorts sets for a %s client", (grant, expected) => {
    expect(checkInputs({}, RAW[grant])).toEqual({
      ok: true,
      inputs: expected,
      failures: [],
      warnings: [],
    });
  });

  it.each([
    ["SAML2BEARER", "SAML2-BEARER", { scope: ["users"] }],
    ["CLIENT_CREDENTIALS", "CLIENT-CREDENTIALS", { roleDivisions: [{ roleId: ROLE_A }] }],
  ])("normalizes the legacy spelling %s to %s with a warning", (legacy, modern, extra) => {
    const result = checkInputs({}, { name: "x", authorizedGrantType: legacy, ...extra });
    expect(result.ok).toBe(true);
    expect(result.inputs.authorizedGrantType).toBe(modern);
    expect(result.warnings).toEqual([
      expect.stringMatching(new RegExp(`legacy spelling; using "${modern}"`)),
    ]);
  });

  it.each([
    ["secretRotationTrigger", { secretRotationTrigger: "2026-Q3" }, /^secretRotationTrigger on/],
    ["rotateAfterDays", { rotateAfterDays: 90 }, /^rotateAfterDays on/],
    [
      "both",
      { secretRotationTrigger: "x", rotateAfterDays: 90 },
      /and rotateAfterDays on .* remove them$/,
    ],
    ["an unknown trigger", { secretRotationTrigger: U }, /^secretRotationTrigger on/],
  ])("accepts rotation of a TOKEN (implicit) client with a warning: %s", (_, extra, detail) => {
    const result = checkInputs({}, { ...RAW.TOKEN, ...extra });
    expect(result.ok).toBe(true);
    expect(result.failures).toEqual([]);
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /on a TOKEN \(implicit\) client: implicit clients have no usable secret/,
      ),
    ]);
    expect(result.warnings[0]).toMatch(detail);
  });

  it.each(["CODE", "CLIENT-CREDENTIALS"])("gives no such warning to a %s client", (grant) => {
    const result = checkInputs(
      {},
      { ...RAW[grant], secretRotationTrigger: "x", rotateAfterDays: 9 },
    );
    expect(result).toMatchObject({ ok: true, warnings: [] });
  });

  it("treats null on an optional property as omitted and ignores unset outputs", () => {
    const result = checkInputs(
      {},
      {
        ...VALID_CODE_BASE,
        description: null,
        state: null,
        accessTokenValiditySeconds: null,
        secretRotationTrigger: null,
        clientId: null,
        providerVersion: undefined,
      },
    );
    expect(result).toMatchObject({ ok: true });
    expect(result.inputs).toMatchObject({
      description: "",
      state: "active",
      accessTokenValiditySeconds: 86400,
    });
    expect(result.inputs).not.toHaveProperty("secretRotationTrigger");
    expect(result.inputs).not.toHaveProperty("clientId");
  });

  it("drops empty grant-specific lists and an empty rotation trigger", () => {
    const result = checkInputs(
      {},
      { ...VALID_CC_BASE, scope: [], roleIds: [], secretRotationTrigger: "" },
    );
    expect(result.ok).toBe(true);
    expect(Object.keys(result.inputs)).not.toEqual(expect.arrayContaining(["scope"]));
    expect(result.inputs).not.toHaveProperty("roleIds");
    expect(result.inputs).not.toHaveProperty("secretRotationTrigger");
  });

  it("keeps provider-only inputs, lower-cases adoptClientId and passes __provider through", () => {
    const provider = "exports.handler = () => ({});";
    const result = checkInputs(
      {},
      {
        ...VALID_CODE_BASE,
        secretRotationTrigger: "2026-Q3",
        adoptClientId: "3F2A1B0C-9D8E-4F7A-8B6C-5D4E3F2A1B0C",
        rotateAfterDays: 90,
        deletionGuard: { unusedForDays: 30 },
        state: "inactive",
        __provider: provider,
      },
    );
    expect(result.ok).toBe(true);
    expect(result.inputs).toMatchObject({
      secretRotationTrigger: "2026-Q3",
      adoptClientId: "3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c",
      rotateAfterDays: 90,
      deletionGuard: { unusedForDays: 30 },
      state: "inactive",
      __provider: provider,
    });
  });

  it.each(["Zoë's café ☕", "客户端", "👩‍💻 dev tools", "a", "x".repeat(200)])(
    "accepts the name %p",
    (name) => {
      expect(checkInputs({}, { ...VALID_CODE_BASE, name }).ok).toBe(true);
    },
  );

  it("accepts newlines and tabs in a description up to 4000 characters", () => {
    const description = "line one\n\tindented\n" + "d".repeat(3981);
    const result = checkInputs({}, { ...VALID_CODE_BASE, description });
    expect(result.ok).toBe(true);
    expect(result.inputs.description).toBe(description);
  });

  it.each([300, 172800, 86400])("accepts a token validity of %d seconds", (seconds) => {
    expect(checkInputs({}, { ...VALID_CODE_BASE, accessTokenValiditySeconds: seconds }).ok).toBe(
      true,
    );
  });
});

describe("checkInputs is deterministic", () => {
  it("returns identical inputs whatever the order of set items", () => {
    const a = checkInputs({}, RAW["CLIENT-CREDENTIALS"]);
    const reordered = {
      ...RAW["CLIENT-CREDENTIALS"],
      roleDivisions: [...(RAW["CLIENT-CREDENTIALS"].roleDivisions as unknown[])].reverse(),
    };
    expect(checkInputs({}, reordered)).toEqual(a);
  });

  it("returns checked inputs unchanged when checked again", () => {
    for (const raw of Object.values(RAW)) {
      const once = checkInputs({}, raw);
      expect(checkInputs({}, once.inputs)).toEqual({ ...once, warnings: [] });
    }
  });

  it("does not depend on the old inputs", () => {
    expect(checkInputs({ name: "old", authorizedGrantType: "TOKEN" }, RAW.CODE)).toEqual(
      checkInputs({}, RAW.CODE),
    );
  });
});

describe("requireNormalizedInputs (create and update)", () => {
  it("returns checked inputs unchanged", () => {
    const once = checkInputs({}, { ...RAW.CODE, __provider: "code" });
    expect(requireNormalizedInputs(once.inputs)).toEqual(once.inputs);
  });

  it("normalizes inputs an older version wrote", () => {
    expect(
      requireNormalizedInputs({ name: "x", authorizedGrantType: "SAML2BEARER", scope: ["b", "a"] }),
    ).toMatchObject({
      authorizedGrantType: "SAML2-BEARER",
      scope: ["a", "b"],
    });
  });

  it("throws with the failures for invalid inputs, and for unknown values", () => {
    expect(() =>
      requireNormalizedInputs({ name: "", authorizedGrantType: "CODE", scope: ["x"] }),
    ).toThrow(/name: name must not be empty/);
    expect(() => requireNormalizedInputs({ ...RAW.CODE, name: U })).toThrow(/unknown values/);
    expect(() => requireNormalizedInputs({ ...RAW.CODE, __provider: U })).not.toThrow();
  });
});
