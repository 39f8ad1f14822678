/**
 * `npm run demo` in CI: the compiled demo (dist/, built by `npm test`'s pretest) runs the root
 * stack's program through the real host against the emulator and must finish cleanly.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const DEMO = path.join(ROOT, "dist/demo/index.js");

function runDemo(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DEMO], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run demo", () => {
  it("takes the root program through preview, up, drift, revert, rotation and destroy", async () => {
    expect(fs.existsSync(DEMO)).toBe(true);
    const { code, stdout, stderr } = await runDemo();
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
  }, 120_000);
});
