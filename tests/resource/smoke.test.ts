import { OAuthClient } from "../../provider";
import { EMULATOR_ROLES } from "../../provider/emulator";
import { calls, startHarness, stepOf, type Harness } from "./harness";

describe("OAuthClient smoke", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("creates, refreshes and destroys a client through the real host", async () => {
    const role = EMULATOR_ROLES[0];
    const program = () => {
      const bot = new OAuthClient("ci-bot", {
        authorizedGrantType: "CLIENT-CREDENTIALS",
        roleDivisions: [{ roleId: role.id }],
        secretRotationTrigger: "2026-Q4",
      });
      return { clientId: bot.clientId };
    };
    const preview = await h.engine.preview(await h.capture(program, { preview: true }));
    expect(preview.errors).toEqual([]);
    expect(stepOf(preview, "ci-bot").op).toBe("create");
    expect(await h.apiRequests()).toEqual([]);

    const up = await h.engine.up(await h.capture(program));
    expect(up.errors).toEqual([]);
    console.log(JSON.stringify(up.steps[0].outputs, null, 1), up.diagnostics);
    console.log(calls(await h.apiRequests()));

    const again = await h.engine.preview(await h.capture(program));
    expect(stepOf(again, "ci-bot").op).toBe("same");

    const refresh = await h.engine.refresh();
    expect(refresh.errors).toEqual([]);
    console.log(refresh.steps.map((s) => s.op));

    const destroy = await h.engine.destroy();
    expect(destroy.errors).toEqual([]);
    console.log(calls(await h.apiRequests()));
  });
});
