/**
 * Every example type-checks as a user's copy would: with its own tsconfig.json, importing
 * `pulumi-genesyscloud-oauth` through node_modules (the package's published declarations in
 * dist/, as `npm install` provides them), not through the repository's path mapping to the
 * sources. Needs a current build (`npm test` builds first).
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
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

test("each example compiles with its own tsconfig.json against the package's declarations", () => {
  expect(fs.existsSync(path.join(REPO_ROOT, "dist", "index.d.ts"))).toBe(true);
  const dirs = exampleConfigs();
  expect(dirs.length).toBe(6);

  // The examples' compiler options are identical, so one program checks them all at once.
  const parsed = dirs.map((dir) => {
    const { config } = ts.readConfigFile(path.join(dir, "tsconfig.json"), ts.sys.readFile);
    return ts.parseJsonConfigFileContent(config, ts.sys, dir);
  });
  const options = (p: ts.ParsedCommandLine): string => {
    // Where output would go differs per folder; nothing is emitted here.
    const { configFilePath: _file, outDir: _outDir, ...rest } = p.options;
    return JSON.stringify(rest);
  };
  for (const p of parsed) expect(options(p)).toBe(options(parsed[0]));

  const program = ts.createProgram({
    rootNames: parsed.flatMap((p) => p.fileNames),
    options: { ...parsed[0].options, noEmit: true },
  });
  const resolved = program
    .getSourceFiles()
    .map((f) => path.relative(REPO_ROOT, f.fileName))
    .filter((f) => f.includes("pulumi-genesyscloud-oauth") || f.startsWith("provider/"));
  // The package as installed (the node_modules link to dist/), never its sources.
  expect(resolved).toContain(path.join("node_modules", "pulumi-genesyscloud-oauth", "index.d.ts"));
  expect(resolved.filter((f) => f.startsWith("provider/"))).toEqual([]);

  const problems = ts.getPreEmitDiagnostics(program).map((d) =>
    ts.formatDiagnostic(d, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => REPO_ROOT,
      getNewLine: () => "\n",
    }),
  );
  expect(problems).toEqual([]);
});
