/**
 * The `genesys-oauth-emulator` CLI, run as a child process from the compiled `dist/` (npm test
 * builds it first; run `npm run build` before running this file with jest directly).
 */
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseCliArgs, UsageError, DEFAULT_CLI_PORT } from "../../provider/emulator/cli";
import { tokenRequest } from "./helpers";

const CLI = path.join(__dirname, "..", "..", "dist", "emulator", "cli.js");
const children = new Set<ChildProcess>();
let dir: string;

beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-cli-"));
});
afterEach(() => {
  for (const child of children) child.kill("SIGKILL");
  children.clear();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  output: string;
  exports: Record<string, string>;
}

function run(args: string[]): ChildProcess {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

/** Starts the CLI and waits for its banner. */
function start(args: string[]): Promise<Started> {
  const child = run(args);
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`CLI did not start:\n${output}`)), 20000);
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Press Ctrl+C to stop.")) {
        clearTimeout(timer);
        const exports: Record<string, string> = {};
        for (const m of output.matchAll(/^export (\w+)=(\S+)$/gm)) exports[m[1]] = m[2];
        resolve({ child, output, exports });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited with ${code}:\n${output}`));
    });
  });
}

function exitOf(
  child: ChildProcess,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr })));
}

describe("genesys-oauth-emulator", () => {
  it("prints the provider settings, serves them, stops on SIGTERM and keeps credentials across restarts", async () => {
    const data = path.join(dir, "state.json");
    const first = await start(["--port", "0", "--data", data]);
    const { exports } = first;
    expect(exports.GENESYSCLOUD_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(exports.GENESYSCLOUD_LOGIN_URL).toBe(exports.GENESYSCLOUD_API_URL);
    expect(first.output).toContain(
      `pulumi config set genesyscloud:apiUrl ${exports.GENESYSCLOUD_API_URL}`,
    );
    expect(first.output).toContain("pulumi config set --secret genesyscloud:oauthclientSecret");
    const login = await tokenRequest(
      { loginUrl: exports.GENESYSCLOUD_LOGIN_URL },
      exports.GENESYSCLOUD_OAUTHCLIENT_ID,
      exports.GENESYSCLOUD_OAUTHCLIENT_SECRET,
    );
    expect(login.status).toBe(200);
    const stopped = exitOf(first.child);
    first.child.kill("SIGTERM");
    expect((await stopped).code).toBe(0);

    const second = await start(["--port", "0", "--data", data]);
    expect(second.exports.GENESYSCLOUD_OAUTHCLIENT_ID).toBe(exports.GENESYSCLOUD_OAUTHCLIENT_ID);
    expect(second.exports.GENESYSCLOUD_OAUTHCLIENT_SECRET).toBe(
      exports.GENESYSCLOUD_OAUTHCLIENT_SECRET,
    );
    const stoppedAgain = exitOf(second.child);
    second.child.kill("SIGINT");
    expect((await stoppedAgain).code).toBe(0);
  });

  it("prints help and exits 0", async () => {
    const result = await exitOf(run(["--help"]));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: genesys-oauth-emulator");
  });

  it.each([["--bogus"], ["--port", "abc"], ["--port", "70000"], ["--rate-limit"]])(
    "exits 2 with a usage error for %s",
    async (...args: string[]) => {
      const result = await exitOf(run(args));
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^genesys-oauth-emulator: /);
      expect(result.stderr).toContain("Usage:");
    },
  );
});

describe("parseCliArgs", () => {
  it("maps flags to emulator options", () => {
    expect(parseCliArgs([])).toEqual({ help: false, options: { port: DEFAULT_CLI_PORT } });
    expect(
      parseCliArgs(["--port=9000", "--data", "s.json", "--rate-limit", "5", "--latency=20"]),
    ).toEqual({
      help: false,
      options: { port: 9000, dataFile: "s.json", rateLimitPerMinute: 5, latencyMs: 20 },
    });
    expect(parseCliArgs(["-h"])).toEqual({ help: true });
    expect(() => parseCliArgs(["--latency", "-5"])).toThrow(UsageError);
  });
});
