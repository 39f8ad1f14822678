/**
 * The field table of the OAuthClient resource (`types.ts`) is the one list of fields: the checks,
 * the diff, the refresh mapping, the catalog and the resource class all derive theirs from it.
 * These tests hold every consumer to the table.
 */
import * as pulumi from "@pulumi/pulumi";
import { CATALOG_FIELDS } from "../../../provider/catalog/format";
import { OAuthClient } from "../../../provider/oauthClient/resource";
import {
  INPUT_FIELDS,
  INPUT_KEYS,
  OUTPUT_FIELDS,
  PROVIDER_FIELDS,
  ROLE_FIELDS,
  SCALAR_FIELDS,
  SET_FIELDS,
} from "../../../provider/oauthClient/types";
import { checkInputs } from "../../../provider/oauthClient/validate";
import { captureProgram } from "../../../provider/testing";
import { RAW, outputsOf, checked } from "./fixtures";

describe("the field table", () => {
  it("splits the inputs into disjoint kinds that cover them all, in canonical order", () => {
    const kinds = [...SCALAR_FIELDS, ...SET_FIELDS, ...ROLE_FIELDS, ...PROVIDER_FIELDS];
    expect([...kinds].sort()).toEqual([...INPUT_KEYS].sort());
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(INPUT_KEYS).toEqual(Object.keys(INPUT_FIELDS));
    expect(INPUT_KEYS.filter((k) => (OUTPUT_FIELDS as string[]).includes(k))).toEqual([]);
  });

  it("names every output key the provider writes", () => {
    const outputs = outputsOf(
      checked({
        ...RAW["CLIENT-CREDENTIALS"],
        roleIds: [(RAW["CLIENT-CREDENTIALS"].roleDivisions as { roleId: string }[])[0].roleId],
        secretRotationTrigger: "v1",
        rotateAfterDays: 9,
        deletionGuard: { unusedForDays: 3 },
        adoptClientId: "3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c",
      }),
      { secretRotatedAt: "2026-01-01T00:00:00.000Z" },
    );
    const known: string[] = [...INPUT_KEYS, ...OUTPUT_FIELDS];
    expect(Object.keys(outputs).filter((k) => !known.includes(k))).toEqual([]);
  });

  it("is what check validates: every input accepted, every output-only field refused", () => {
    const base = RAW.CODE;
    const unknownInput = INPUT_KEYS.filter((key) =>
      checkInputs({}, { ...base, [key]: undefined }).failures.some((f) =>
        f.reason.includes("unknown property"),
      ),
    );
    expect(unknownInput).toEqual([]);
    for (const key of OUTPUT_FIELDS) {
      const result = checkInputs({}, { ...base, [key]: "x" });
      expect(result.failures).toEqual([
        { property: key, reason: expect.stringMatching(/is an output and cannot be set/) },
      ]);
    }
  });

  it("is what the catalog writes, name and adopted id first", () => {
    expect(CATALOG_FIELDS.slice(0, 2)).toEqual(["name", "adoptClientId"]);
    expect([...CATALOG_FIELDS].sort()).toEqual([...INPUT_KEYS].sort());
  });

  it("gives the resource an Output for every input and output", async () => {
    let client: OAuthClient | undefined;
    await captureProgram(() => {
      client = new OAuthClient("web", { authorizedGrantType: "CODE", scope: ["users"] });
    });
    const properties = client as unknown as Record<string, unknown>;
    const missing = [...INPUT_KEYS, ...OUTPUT_FIELDS].filter(
      (key) => !pulumi.Output.isInstance(properties[key]),
    );
    expect(missing).toEqual([]);
  });
});
