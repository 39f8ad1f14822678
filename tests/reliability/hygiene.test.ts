/**
 * Resource hygiene: nothing the suite starts outlives it. A lifecycle through the emulator, a
 * recording proxy and the real host (with faults that leave requests hanging) must leave the jest
 * worker with no active handle it did not have before; and a separate jest process running such a
 * lifecycle must exit on its own (no `--forceExit`) without reporting an open handle. Every other
 * reliability file checks, when it ends, that its hosts and their process groups are gone
 * (support/hygiene.ts).
 */
import { spawn } from "child_process";
import * as path from "path";
import { EMULATOR_ROLE_IDS } from "../../provider/emulator";
import { liveHosts } from "../../provider/testing";
import { startHarness } from "../resource/harness";
import { Scenario, REPO_DIR } from "./support/figures";
import { expectHostsGone, rememberHosts } from "./support/hygiene";
import { startRecordingProxy } from "./support/proxy";

const scenario = new Scenario("hygiene", "Resource hygiene", "Nothing left behind", __filename);

/** Active handles by type (`TCPSocketWrap`, `Timeout`, …). */
function handles(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo())
    counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

/** Handles in `after` beyond those in `before`, as `type ×n`. */
function extra(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after]
    .filter(([type, n]) => n > (before.get(type) ?? 0))
    .map(([type, n]) => `${type} ×${n - (before.get(type) ?? 0)}`);
}

describe("resource hygiene", () => {
  afterAll(async () => {
    await scenario.save();
  });

  scenario.it("a lifecycle with hanging requests leaves no handle in the jest worker", async () => {
    const before = handles();
    const proxy = await startRecordingProxy();
    const h = await startHarness({
      extraConfig: {
        "genesyscloud:apiUrl": proxy.url,
        "genesyscloud:requestTimeoutMs": "500",
        "genesyscloud:retryBaseDelayMs": "20",
      },
    });
    proxy.setTarget(h.emulator.apiUrl);
    rememberHosts();
    const hosts = liveHosts().length;
    try {
      const client = {
        authorizedGrantType: "CLIENT-CREDENTIALS",
        roleDivisions: [{ roleId: EMULATOR_ROLE_IDS.developer }],
      };
      await h.emulator.admin.addFault({ method: "POST", kind: "reset" });
      // A request the provider gives up on, still sleeping in the emulator when it closes.
      await h.emulator.admin.addFault({ method: "GET", kind: "delay", delayMs: 60_000 });
      expect((await h.up({ hygiene: client })).errors).toEqual([]);
      expect((await h.engine.refresh()).errors).toEqual([]);
      expect((await h.destroy()).errors).toEqual([]);
    } finally {
      await h.close();
      await proxy.close();
    }
    const groups = await expectHostsGone();
    // Sockets and timers are released asynchronously: allow them a moment (bounded).
    let left = extra(before, handles());
    for (let i = 0; i < 40 && left.length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      left = extra(before, handles());
    }
    expect(left).toEqual([]);
    scenario.set("hosts launched and closed in the handle test", hosts);
    scenario.set("their process groups checked empty", groups);
    scenario.set("handles left in the jest worker (beyond its own)", left.length);
  });

  scenario.it(
    "a jest process running a lifecycle exits on its own, reporting no open handle",
    async () => {
      const jest = path.join(REPO_DIR, "node_modules", "jest", "bin", "jest.js");
      const started = Date.now();
      const child = spawn(
        process.execPath,
        [
          jest,
          "--runInBand",
          "--detectOpenHandles",
          "--ci",
          "--testMatch",
          "**/reliability/support/exit-probe.ts",
        ],
        {
          cwd: REPO_DIR,
          env: { ...process.env, FORCE_COLOR: "0" },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let output = "";
      child.stdout.on("data", (d: Buffer) => (output += d.toString()));
      child.stderr.on("data", (d: Buffer) => (output += d.toString()));
      const code = await new Promise<number | "timeout">((resolve) => {
        const timer = setTimeout(() => {
          child.kill("SIGKILL");
          resolve("timeout");
        }, 90_000);
        child.on("exit", (c) => {
          clearTimeout(timer);
          resolve(c ?? -1);
        });
      });
      expect({ code, tail: code === 0 ? "" : output.slice(-2000) }).toEqual({ code: 0, tail: "" });
      expect(output).toMatch(/1 passed/);
      expect(output).not.toMatch(/open handle|did not exit|failed to exit gracefully|forceExit/i);
      scenario.set("separate jest run: exit code", code);
      scenario.set(
        "separate jest run: seconds until it exited on its own",
        Math.round((Date.now() - started) / 1000),
      );
      scenario.set("separate jest run: open handles reported", 0);
    },
    120_000,
  );
});
