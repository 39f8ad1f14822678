/**
 * Every example type-checks as a user's copy would: with its own tsconfig.json, importing
 * `pulumi-genesyscloud-oauth` through node_modules (the package's published declarations in
 * dist/, as `npm install` provides them), not through the repository's path mapping to the
 * sources. Needs a current build (`npm test` builds first).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { runChild, stopChildren } from "../support/children";
import { EXAMPLES_DIR, REPO_ROOT } from "./helpers";

/** The folders under examples/ holding a tsconfig.json (one level of nesting). */
function exampleConfigs(): string[] {
  const found: string[] = [];
  const visit = (dir: string, depth: number): void => {
    if (fs.existsSync(path.join(dir, "tsconfig.json"))) found.push(dir);
    if (depth === 0) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "node_modules") {
        visit(path.join(dir, entry.name), depth - 1);
      }
    }
  };
  visit(EXAMPLES_DIR, 2);
  return found.sort();
}

/**
 * Runs the repository's tsc in a child process; resolves its exit code and output. The child is
 * stopped (SIGTERM, 5 s grace, SIGKILL) after 45 s, before the test's jest timeout (60 s).
 */
async function tsc(args: string[]): Promise<{ code: number; output: string }> {
  const bin = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
  const run = await runChild(process.execPath, [bin, ...args], {
    cwd: REPO_ROOT,
    timeoutMs: 45_000,
  });
  return { code: run.code ?? 1, output: `${run.stdout}${run.stderr}` };
}

describe("the examples as standalone TypeScript projects", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "examples-tsc-"));
  });
  afterAll(async () => {
    await stopChildren(); // a tsc still running when the test timed out
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("each compiles with its own tsconfig.json against the package's declarations", async () => {
    expect(fs.existsSync(path.join(REPO_ROOT, "dist", "index.d.ts"))).toBe(true);
    const dirs = exampleConfigs();
    expect(dirs.length).toBe(6);

    // The examples' compiler options are the same, so one compiler run checks them all.
    const configs = dirs.map((d) => {
      const { config } = ts.readConfigFile(path.join(d, "tsconfig.json"), ts.sys.readFile);
      return config as { compilerOptions: Record<string, unknown>; files: string[] };
    });
    for (const c of configs) expect(c.compilerOptions).toEqual(configs[0].compilerOptions);
    const combined = {
      compilerOptions: {
        ...configs[0].compilerOptions,
        noEmit: true,
        // `types` is looked up from the config's folder, which is a temporary one here.
        typeRoots: [path.join(REPO_ROOT, "node_modules", "@types")],
      },
      files: dirs.flatMap((d, i) => configs[i].files.map((f) => path.join(d, f))),
    };
    const file = path.join(dir, "tsconfig.json");
    fs.writeFileSync(file, JSON.stringify(combined, null, 2));

    const { code, output } = await tsc(["-p", file, "--listFiles"]);
    const lines = output.split("\n").filter((l) => l.trim() !== "");
    const problems = lines.filter((l) => / error TS\d+:/.test(l));
    expect(problems).toEqual([]);
    expect(code).toBe(0);
    // The package as installed (the node_modules link to dist/), never its sources.
    const files = lines.map((l) => path.relative(REPO_ROOT, l));
    expect(files).toContain(path.join("node_modules", "pulumi-genesyscloud-oauth", "index.d.ts"));
    expect(files.filter((f) => f.startsWith(`provider${path.sep}`))).toEqual([]);
    for (const d of dirs)
      expect(files).toContain(path.relative(REPO_ROOT, path.join(d, "index.ts")));
  });
});
