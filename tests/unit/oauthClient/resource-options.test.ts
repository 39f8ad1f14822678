/**
 * Resource options the OAuthClient class refuses itself, under `pulumi.runtime.setMocks`: the
 * engine would otherwise fail later with a message that does not say what to do.
 */
import { OAuthClient } from "../../../provider/oauthClient/resource";
import { captureProgram } from "../../../provider/testing";

const ID = "3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c";
const args = { authorizedGrantType: "CODE", scope: ["users"] };

describe("the import resource option", () => {
  it("is refused with a pointer to adoptClientId and the export command", async () => {
    let thrown: unknown;
    const capture = captureProgram(() => {
      try {
        new OAuthClient("legacy", args, { import: ID });
      } catch (err) {
        thrown = err;
        throw err;
      }
    });
    await expect(capture).rejects.toThrow(/the import resource option/);
    expect(thrown).toBeInstanceOf(Error);
    const message = (thrown as Error).message;
    expect(message).toContain(
      `OAuthClient "legacy": the import resource option "${ID}" is not supported`,
    );
    expect(message).toMatch(/set `adoptClientId` to the client's id instead/);
    expect(message).toMatch(/npx genesys-oauth export/);
    expect(message).not.toMatch(/code must be a string/);
  });

  it("leaves a resource without it alone", async () => {
    const capture = await captureProgram(() => {
      new OAuthClient("web", args, { import: undefined });
    });
    expect(capture.registrations.map((r) => r.name)).toEqual(["web"]);
  });
});
