/**
 * What `check` stops before anything reaches Genesys Cloud: malformed inputs and a stack without
 * credentials. Both fail the step with a message that says what to fix, and send no request.
 */
import type { OAuthClientArgs } from "../../provider";
import type { Engine } from "../../provider/testing";
import { BAD_INPUTS } from "../support/bad-inputs";
import { clientsProgram, startHarness, stepOf, type Harness } from "./harness";

/** A handful of the shared bad inputs, one per kind of mistake. */
const PICKED = [
  "name is empty",
  "token validity too long",
  "redirect URI relative",
  "scope on CLIENT-CREDENTIALS",
  "roleDivisions entry without roleId",
  "state disabled",
  "scopes instead of scope",
  "deletionGuard window too long",
];

describe("OAuthClient checks", () => {
  let h: Harness;
  /** A stack whose config has no credentials (and whose host has none in its environment). */
  let uncredentialed: Engine;
  beforeAll(async () => {
    h = await startHarness({ others: [{ withoutCredentials: true }] });
    [uncredentialed] = h.others;
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    await h.reset();
  });

  const cases = BAD_INPUTS.filter((b) => PICKED.includes(b.title));
  it("picks every listed bad input from the shared table", () => {
    expect(cases.map((c) => c.title).sort()).toEqual([...PICKED].sort());
  });

  it.each(cases.map((c) => [c.title, c] as const))(
    "rejects %s in preview and up without any request",
    async (_title, bad) => {
      const clients = { bad: bad.inputs as unknown as OAuthClientArgs };
      for (const result of [await h.preview(clients), await h.up(clients)]) {
        expect(result.ok).toBe(false);
        const step = stepOf(result, "bad");
        expect(step.op).toBe("create");
        expect(step.checkFailures).toContainEqual({
          property: bad.expectProperty,
          reason: expect.stringMatching(bad.expectReason),
        });
        expect(step.error).toContain("has check failures");
      }
      expect(await h.requests()).toEqual([]);
      expect(h.engine.state).toEqual([]);
    },
  );

  it("fails the preview of a stack without credentials with one error naming the settings to set, before any request", async () => {
    const program = clientsProgram({
      worker: { authorizedGrantType: "CODE", scope: ["users:readonly"] },
    });
    const preview = await uncredentialed.preview(await h.capture(program, { preview: true }));
    expect(preview.ok).toBe(false);
    expect(preview.errors).toHaveLength(1);
    const error = stepOf(preview, "worker").error ?? "";
    expect(error).toMatch(/No Genesys Cloud credentials are configured/);
    for (const key of [
      "genesyscloud:oauthclientId",
      "genesyscloud:oauthclientSecret",
      "GENESYSCLOUD_OAUTHCLIENT_ID",
      "GENESYSCLOUD_OAUTHCLIENT_SECRET",
    ]) {
      expect(error).toContain(key);
    }

    const up = await uncredentialed.up(await h.capture(program));
    expect(up.ok).toBe(false);
    expect(up.rpcs.map((r) => r.method)).toEqual(["Check"]);
    expect(uncredentialed.state).toEqual([]);
    expect(await h.requests()).toEqual([]);
  });
});
