/**
 * `npm run test:live`: the OAuthClient lifecycle against a REAL Genesys Cloud org, through the real
 * dynamic-provider host. Runs only when credentials are set in the environment:
 *   GENESYSCLOUD_OAUTHCLIENT_ID, GENESYSCLOUD_OAUTHCLIENT_SECRET, GENESYSCLOUD_REGION
 * and, for a role to grant, GENESYSCLOUD_LIVE_ROLE_ID (a role the credentials' client holds).
 * It creates one client named `pulumi-genesyscloud-oauth live test <timestamp>` and deletes it.
 */
import * as path from "path";
import { OAuthClient } from "../../provider";
import { readConnectionSettingsFromEnv } from "../../provider/config";
import { captureProgram, Engine, type StackSettings } from "../../provider/testing";

const ROOT = path.resolve(__dirname, "../..");
const env = process.env;
const configured =
  !!env.GENESYSCLOUD_OAUTHCLIENT_ID &&
  !!env.GENESYSCLOUD_OAUTHCLIENT_SECRET &&
  !!env.GENESYSCLOUD_LIVE_ROLE_ID;

if (!configured) {
  // Say why nothing ran, once, in the test output.
  console.warn(
    "live tests skipped: set GENESYSCLOUD_OAUTHCLIENT_ID, GENESYSCLOUD_OAUTHCLIENT_SECRET, " +
      "GENESYSCLOUD_LIVE_ROLE_ID (and GENESYSCLOUD_REGION unless the org is in us-east-1) to run " +
      "them against a real org",
  );
}

const live = configured ? describe : describe.skip;

live("OAuthClient against a real Genesys Cloud org", () => {
  const name = `pulumi-genesyscloud-oauth live test ${new Date().toISOString()}`;
  const stack: StackSettings = { project: "oauth-live", stack: "live" };
  let engine: Engine;

  beforeAll(async () => {
    readConnectionSettingsFromEnv(); // fails fast with a clear message on malformed settings
    engine = await Engine.start({ projectDir: ROOT, stack });
  });
  afterAll(async () => {
    if (engine && engine.state.length > 0) await engine.destroy();
    await engine?.close();
  });

  const program = (description: string, trigger: string) => () => {
    new OAuthClient("live", {
      name,
      description,
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleDivisions: [{ roleId: env.GENESYSCLOUD_LIVE_ROLE_ID as string }],
      accessTokenValiditySeconds: 600,
      secretRotationTrigger: trigger,
    });
  };

  it("creates, refreshes, updates, rotates and destroys a client", async () => {
    const up = await engine.up(await captureProgram(program("created", "1"), { stack }));
    expect(up.errors).toEqual([]);
    expect(up.summary.create).toBe(1);

    const same = await engine.preview(await captureProgram(program("created", "1"), { stack }), {
      refresh: true,
    });
    expect(same.errors).toEqual([]);
    expect(same.steps.filter((s) => s.op === "update")).toEqual([]);

    const update = await engine.up(await captureProgram(program("updated", "2"), { stack }));
    expect(update.errors).toEqual([]);
    expect(update.steps.find((s) => s.name === "live")?.diffKeys.sort()).toEqual([
      "description",
      "secretRotationTrigger",
    ]);

    const destroy = await engine.destroy();
    expect(destroy.errors).toEqual([]);
    expect(engine.state).toEqual([]);
  });
});
