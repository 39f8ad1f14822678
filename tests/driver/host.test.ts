/** The host launcher and the Configure call: the host runs as the engine runs it, and goes away. */
import { spawn } from "child_process";
import * as crypto from "crypto";
import { once } from "events";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ProviderClient, launchHost, liveHosts } from "../../provider/testing";
import {
  PROJECT_DIR,
  isGone,
  makeStack,
  program,
  startEngine,
  stopEngine,
  thingProvider,
} from "./fixtures";

const sdkVersion = (
  JSON.parse(fs.readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")) as {
    version: string;
  }
).version;

describe("launchHost", () => {
  test("runs the SDK's wrapper in the project dir, answers GetPluginInfo, and leaves no process after close", async () => {
    const host = await launchHost({ projectDir: PROJECT_DIR, stack: { project: "drv" } });
    const pids = await host.processGroupPids();
    // The sh wrapper and the node it forked share the group.
    expect(pids).toContain(host.pgid);
    expect(pids.length).toBe(2);
    const client = new ProviderClient(host.address);
    try {
      expect(await client.getPluginInfo()).toEqual({ version: sdkVersion });
    } finally {
      client.close();
      await host.close();
    }
    expect(pids.filter((pid) => !isGone(pid))).toEqual([]);
    expect(liveHosts()).not.toContain(host);
  });

  test("a host that exits before printing its port fails with its stderr", async () => {
    const start = launchHost({
      projectDir: PROJECT_DIR,
      launcher: "node",
      env: { NODE_OPTIONS: "--require ./no-such-preload.js" },
    });
    await expect(start).rejects.toThrow(/exited before printing its port[\s\S]*no-such-preload/);
    expect(liveHosts()).toEqual([]);
  });

  test("a host that prints no port in time fails after the start timeout", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "driver-host-"));
    const slow = path.join(dir, "slow.js");
    // Blocks the host's startup for longer than the timeout below.
    fs.writeFileSync(slow, "Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5000);\n");
    try {
      const start = launchHost({
        projectDir: PROJECT_DIR,
        launcher: "node",
        env: { NODE_OPTIONS: `--require ${slow}` },
        startTimeoutMs: 300,
      });
      await expect(start).rejects.toThrow(/printed no port within 300 ms/);
      expect(liveHosts()).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a host exits by itself once the driver process is gone (the preloaded watchdog)", async () => {
    // Stand-in for a driver killed with SIGKILL: the host watches this process instead of us.
    const driver = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], {
      stdio: "ignore",
    });
    const host = await launchHost({
      projectDir: PROJECT_DIR,
      env: { PULUMI_TESTING_DRIVER_PID: String(driver.pid) },
    });
    const pids = await host.processGroupPids();
    try {
      expect(pids.length).toBe(2);
      driver.kill("SIGKILL");
      await once(driver, "exit");
      // The watchdog polls every 500 ms; allow a generous margin on a loaded machine.
      const deadline = Date.now() + 15000;
      while (!pids.every(isGone) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(pids.filter((pid) => !isGone(pid))).toEqual([]);
    } finally {
      await host.close();
    }
  });

  test("cannot start without @pulumi/pulumi in the project dir", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "driver-empty-"));
    try {
      await expect(launchHost({ projectDir: dir })).rejects.toThrow(
        /cannot resolve @pulumi\/pulumi/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Configure", () => {
  test("the provider's configure() gets the whole namespaced stack config, secrets unwrapped", async () => {
    const s = makeStack({
      "genesyscloud:oauthclientId": "client-1",
      "genesyscloud:oauthclientSecret": { secret: "s3cr3t-config-value" },
      region: "eu-west-1",
    });
    const { engine, pids } = await startEngine(s.stack);
    try {
      const up = await engine.up(
        await program(thingProvider("cfg"), [{ name: "c" }], { stack: s.stack }),
      );
      expect(up.ok).toBe(true);
      const [configure] = s.calls("configure");
      expect(configure.detail).toEqual({
        clientId: "client-1",
        // `region` without a namespace resolves to `<project>:region`, as config.get() does.
        region: "eu-west-1",
        secretSha256: crypto.createHash("sha256").update("s3cr3t-config-value").digest("hex"),
      });
    } finally {
      expect(await stopEngine(engine, pids)).toEqual([]);
      s.cleanup();
    }
  });
});
