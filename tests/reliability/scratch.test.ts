import { EMULATOR_ROLE_IDS } from "../../provider/emulator";
import { startHarness, type Clients } from "../resource/harness";

jest.setTimeout(120000);
test("scratch rate", async () => {
  const h = await startHarness({ emulator: { rateLimitPerMinute: 60, rateLimitWindowSeconds: 3 } });
  try {
    const clients: Clients = {};
    for (let i = 0; i < 50; i++) clients[`c${i}`] = { authorizedGrantType: "CLIENT-CREDENTIALS", roleDivisions: [{ roleId: EMULATOR_ROLE_IDS.developer }] };
    let t = Date.now();
    const up = await h.up(clients);
    console.log("up", up.ok, Date.now() - t, up.errors.slice(0, 2));
    t = Date.now();
    const r = await h.engine.refresh();
    console.log("refresh", r.ok, Date.now() - t);
    t = Date.now();
    const d = await h.destroy();
    console.log("destroy", d.ok, Date.now() - t);
    const log = await h.emulator.admin.requests();
    const by: Record<string, number> = {};
    for (const e of log) by[`${e.method} ${e.path.replace(/[0-9a-f-]{36}/g, "{id}")} ${e.status}`] = (by[`${e.method} ${e.path.replace(/[0-9a-f-]{36}/g, "{id}")} ${e.status}`] ?? 0) + 1;
    console.log(by);
  } finally {
    await h.close();
  }
});
