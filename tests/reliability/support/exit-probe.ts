/**
 * A test file that `hygiene.test.ts` runs in a separate jest process (it is not named `*.test.ts`,
 * so `npm test` does not pick it up itself): a short lifecycle through everything the suite uses
 * (emulator, recording proxy, real host, faults that leave sockets half-open), closed the way the
 * suite closes it. The parent asserts that this jest process then exits on its own, without
 * `--forceExit` and without an open-handle report.
 */
import { EMULATOR_ROLE_IDS } from "../../../provider/emulator";
import { startHarness } from "../../resource/harness";
import { startRecordingProxy } from "./proxy";

test("a lifecycle with faults, then everything closed", async () => {
  const proxy = await startRecordingProxy();
  const h = await startHarness({
    extraConfig: {
      "genesyscloud:apiUrl": proxy.url,
      "genesyscloud:requestTimeoutMs": "500",
      "genesyscloud:retryBaseDelayMs": "20",
    },
  });
  proxy.setTarget(h.emulator.apiUrl);
  try {
    const client = {
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleDivisions: [{ roleId: EMULATOR_ROLE_IDS.developer }],
    };
    await h.emulator.admin.addFault({
      method: "POST",
      path: "/api/v2/oauth/clients",
      kind: "reset",
    });
    await h.emulator.admin.addFault({ method: "GET", kind: "delay", delayMs: 900 });
    expect((await h.up({ probe: client })).errors).toEqual([]);
    expect((await h.engine.refresh()).errors).toEqual([]);
    expect((await h.destroy()).errors).toEqual([]);
  } finally {
    await h.close();
    await proxy.close();
  }
});
