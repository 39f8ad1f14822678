/**
 * `npm run demo` in CI: the compiled demo (dist/, built by `npm test`'s pretest) runs the root
 * stack's program through the real host against the emulator and must finish cleanly.
 */
import * as fs from "fs";
import * as path from "path";
import { runChild, stopChildren } from "../support/children";

const ROOT = path.resolve(__dirname, "../..");
const DEMO = path.join(ROOT, "dist/demo/index.js");

const TEST_TIMEOUT_MS = 120_000;
// The demo must be stopped (SIGTERM, 5 s grace, SIGKILL) before jest gives up on the test.
const DEMO_TIMEOUT_MS = 100_000;

// The demo owns a provider host and an in-process emulator. SIGTERM lets its driver kill the
// host's process group on the way out; a host whose demo was SIGKILLed exits through its watchdog.
afterEach(stopChildren);

describe("npm run demo", () => {
  it(
    "takes the root program through preview, up, drift, revert, rotation and destroy",
    async () => {
      expect(fs.existsSync(DEMO)).toBe(true);
      const { code, stdout, stderr } = await runChild(process.execPath, [DEMO], {
        cwd: ROOT,
        timeoutMs: DEMO_TIMEOUT_MS,
      });
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout).toContain("+ 4 to create");
      expect(stdout).toContain("+ 4 created");
      expect(stdout).toMatch(/web-portal\s+update\s+\[diff: ~description\]/);
      expect(stdout).toMatch(/ci-bot\s+updated\s+\[diff: ~secretRotationTrigger\]/);
      expect(stdout).toContain("old secret refused by the token endpoint; new secret accepted");
      expect(stdout).toContain("- 4 deleted");
      expect(stdout).toContain('clientSecrets: "[secret]"');
      expect(stdout).toContain("Demo finished: every step behaved as expected");
      // Emulator secrets are 43 base64url characters: none may be printed.
      expect(stdout).not.toMatch(/[A-Za-z0-9_-]{40,}/);
    },
    TEST_TIMEOUT_MS,
  );
});
