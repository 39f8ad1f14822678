/**
 * The example at the top of provider/testing/README.md, exactly as written there: its code is
 * taken from between the README's markers, the statements after its imports become the body of an
 * async function (the jest test the README describes), and that module is type-checked against
 * the package's published declarations, then run. It starts the bundled emulator itself; the test
 * only watches which requests reached it.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import * as oauth from "pulumi-genesyscloud-oauth";
import * as emulatorModule from "pulumi-genesyscloud-oauth/emulator";
import * as testing from "pulumi-genesyscloud-oauth/testing";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const README = path.join(REPO_ROOT, "provider", "testing", "README.md");
const START = "<!-- readme-example:start -->";
const END = "<!-- readme-example:end -->";

/** The code of the README's example (the one fenced `ts` block between the markers). */
function readmeCode(): string {
  const text = fs.readFileSync(README, "utf8");
  expect(text.split(START)).toHaveLength(2);
  const section = text.slice(text.indexOf(START) + START.length, text.indexOf(END));
  const block = /^\s*```ts\n([\s\S]*?)^```\s*$/m.exec(section);
  if (!block) throw new Error(`no \`\`\`ts block between ${START} and ${END} in ${README}`);
  return block[1];
}

/**
 * The example as a module: its imports, then its other statements, unchanged, as the body of an
 * exported async function (top-level `await` and `expect` are what a jest test body has).
 */
function exampleModule(): string {
  const code = readmeCode();
  const file = ts.createSourceFile("readme.ts", code, ts.ScriptTarget.ES2022, true);
  const firstStatement = file.statements.find((s) => !ts.isImportDeclaration(s));
  if (!firstStatement) throw new Error("the README example has no statement after its imports");
  const split = firstStatement.getFullStart();
  const imports = code.slice(0, split);
  expect(imports.trim()).not.toBe("");
  const body = code.slice(split);
  return `${imports}\nexport async function readmeExample(): Promise<void> {${body}}\n`;
}

/** Type-checks a module as a user's file that imports the installed package (dist/ declarations). */
function typeErrors(source: string): string[] {
  const fileName = path.join(REPO_ROOT, "tests", "driver", "readme-example.virtual.ts");
  const options: ts.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node", "jest"],
    typeRoots: [path.join(REPO_ROOT, "node_modules", "@types")],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (f) => (f === fileName ? source : readFile(f));
  host.fileExists = (f) => f === fileName || fileExists(f);
  host.getSourceFile = (f, language, ...rest) =>
    f === fileName
      ? ts.createSourceFile(f, source, language, true)
      : getSourceFile(f, language, ...rest);
  const program = ts.createProgram([fileName], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("the README example of pulumi-genesyscloud-oauth/testing", () => {
  test("type-checks against the package's declarations, as a user's test file would", () => {
    expect(fs.existsSync(path.join(REPO_ROOT, "dist", "testing", "index.d.ts"))).toBe(true);
    expect(typeErrors(exampleModule())).toEqual([]);
  });

  test("runs as written: preview plans a create, up creates in the emulator, destroy deletes", async () => {
    const requests: emulatorModule.RequestLogEntry[] = [];
    // The emulator the example starts, with its request log kept when the example closes it.
    const startEmulator: typeof emulatorModule.startEmulator = async (options) => {
      const emulator = await emulatorModule.startEmulator(options);
      const close = emulator.close.bind(emulator);
      emulator.close = async () => {
        requests.push(...(await emulator.admin.requests()));
        await close();
      };
      return emulator;
    };
    const modules: Record<string, unknown> = {
      "pulumi-genesyscloud-oauth": oauth,
      "pulumi-genesyscloud-oauth/emulator": { ...emulatorModule, startEmulator },
      "pulumi-genesyscloud-oauth/testing": testing,
    };
    const requireForExample = (id: string): unknown => {
      if (!(id in modules)) throw new Error(`the README example imports ${id}`);
      return modules[id];
    };
    const printed: string[] = [];
    const exampleConsole = { log: (...args: unknown[]) => printed.push(args.join(" ")) };

    const { outputText } = ts.transpileModule(exampleModule(), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    });
    const exported: { readmeExample?: () => Promise<void> } = {};
    // Compiled in this test's realm (not through `vm`), so the example's `expect` is this test's.
    const load = new Function("require", "exports", "expect", "console", outputText) as (
      ...args: unknown[]
    ) => void;
    load(requireForExample, exported, expect, exampleConsole);
    if (!exported.readmeExample) throw new Error("the example module exported no function");
    await exported.readmeExample();

    expect(printed.join("\n")).toMatch(/\+\s+\S*OAuthClient\s+ci\s+create/);
    const calls = requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, "{id}")}`);
    expect(calls).toContain("POST /api/v2/oauth/clients");
    expect(calls).toContain("DELETE /api/v2/oauth/clients/{id}");
    expect(requests.filter((r) => r.status >= 500)).toEqual([]);
    // The example's `finally` stopped the host it started.
    expect(testing.liveHosts()).toEqual([]);
  });
});
