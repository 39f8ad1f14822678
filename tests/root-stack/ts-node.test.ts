/**
 * The Pulumi CLI's path into the root program, without the CLI: in a fresh Node process, register
 * TypeScript exactly as `@pulumi/pulumi/cmd/run/run.js` does for a `runtime: nodejs` project
 * (`tsutils.typeScriptRequireStrings()`, `loadTypeScriptCompilerOptions("tsconfig.json")`, ts-node
 * `register` with run.js's options, so the vendored ts-node 7 type-checks with the project's
 * TypeScript and tsconfig.json), then load Pulumi.yaml's `main` the way run.js does and run it in a
 * Pulumi stack under mocks. Nothing is mapped: `pulumi-genesyscloud-oauth` resolves through
 * node_modules to the built package (run `npm run build` first), as in a user's project.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runChild, stopChildren } from "../support/children";
import { PROJECT_DIR, readProject, readStackConfig, stackVars } from "./helpers";

const DIST = path.join(PROJECT_DIR, "dist", "catalog", "index.js");

/** The child: run.js's TypeScript registration and program loading, then the mocks. */
const CHILD = `
const path = require("path");
const [projectDir, main, project, stack, configJson] = process.argv.slice(1);
process.chdir(projectDir);
const tsutils = require("@pulumi/pulumi/tsutils");
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
const compilerOptions = tsutils.loadTypeScriptCompilerOptions("tsconfig.json");
const ts = require(typescriptRequire);
const [major, minor] = ts.version.split(".").map(Number);
const useNodeNext = major > 4 || (major === 4 && minor >= 7);
const service = require(tsnodeRequire).register({
  compiler: typescriptRequire,
  transpileOnly: process.env.PULUMI_NODEJS_TRANSPILE_ONLY
    ? process.env.PULUMI_NODEJS_TRANSPILE_ONLY === "true"
    : compilerOptions.noCheck,
  project: "tsconfig.json",
  skipProject: false,
  compilerOptions: {
    target: "ES2020",
    module: useNodeNext ? "nodenext" : "commonjs",
    moduleResolution: useNodeNext ? "nodenext" : "node",
    sourceMap: "true",
    ...compilerOptions,
  },
});
// ts-node only offers type information when it type-checks (its default unless transpileOnly).
let typeChecked = true;
try {
  service.getTypeInfo("export {};", path.join(projectDir, main), 0);
} catch {
  typeChecked = false;
}
const pulumi = require("@pulumi/pulumi");
const registered = [];
pulumi.runtime.setMocks(
  {
    newResource(args) {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs });
      return { id: args.name + "-id", state: { ...args.inputs, clientId: args.name + "-id" } };
    },
    call: (args) => args.inputs,
  },
  project,
  stack,
  false,
);
pulumi.runtime.setAllConfig(JSON.parse(configJson), []);
const program = path.join(process.cwd(), main);
require("@pulumi/pulumi/runtime/stack")
  .runInPulumiStack(async () => {
    const programExport = require(program);
    return programExport instanceof Function ? programExport() : programExport;
  })
  .then(async (outputs) => {
    const runtime = pulumi.runtime;
    if (runtime.waitForRPCs) await runtime.waitForRPCs();
    const compiled = Object.keys(require.cache).filter((f) => f.endsWith(".ts"));
    process.stdout.write(JSON.stringify({ registered, outputs: Object.keys(outputs || {}), compiled, typeChecked }));
  })
  .catch((err) => {
    process.stderr.write(String(err && err.stack ? err.stack : err));
    process.exitCode = 1;
  });
`;

interface ChildResult {
  registered: { type: string; name: string; inputs: Record<string, unknown> }[];
  outputs: string[];
  compiled: string[];
  typeChecked: boolean;
}

// Type-checking the program in a fresh process takes seconds; the child is stopped (SIGTERM, 5 s
// grace, SIGKILL) before the test's jest timeout (60 s) so it never outlives the test.
const CHILD_TIMEOUT_MS = 45_000;

async function runProgram(config: Record<string, string>, cacheDir: string): Promise<ChildResult> {
  const project = readProject();
  const args = [project.main ?? ".", project.name, "dev", JSON.stringify(config)];
  const { code, stdout, stderr } = await runChild(
    process.execPath,
    ["-e", CHILD, PROJECT_DIR, ...args],
    {
      cwd: PROJECT_DIR,
      env: { ...process.env, TS_NODE_CACHE_DIRECTORY: cacheDir, PULUMI_NODEJS_TRANSPILE_ONLY: "" },
      timeoutMs: CHILD_TIMEOUT_MS,
    },
  );
  if (code !== 0) throw new Error(`the child exited with ${code}:\n${stderr}`);
  return JSON.parse(stdout) as ChildResult;
}

let cacheDir: string;

beforeAll(() => {
  if (!fs.existsSync(DIST)) throw new Error(`${DIST} is missing: run npm run build first`);
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "ts-node-cache-"));
});

afterAll(async () => {
  await stopChildren(); // a child still running when the test timed out
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

test("run.js's ts-node registration type-checks and runs stack/index.ts with the dev config", async () => {
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(readStackConfig("dev"))) {
    config[key] = typeof value === "string" ? value : value.secret;
  }
  const result = await runProgram(config, cacheDir);
  // Compiled by ts-node from the TypeScript source, with type checking (no TSError).
  expect(result.compiled).toEqual([path.join(PROJECT_DIR, "stack", "index.ts")]);
  expect(result.typeChecked).toBe(true);
  expect(result.outputs.sort()).toEqual(["clientIds", "clientSecrets", "clients"]);
  const clients = result.registered.filter((r) => r.type !== "pulumi:pulumi:Stack");
  const names = clients.map((r) => r.name).sort();
  expect(names).toEqual(["agent-desktop-sso", "ci-bot", "legacy-wallboard", "web-portal"]);
  const bot = clients.find((r) => r.name === "ci-bot");
  expect(bot?.type).toBe("pulumi-nodejs:dynamic/genesys:OAuthClient");
  expect(bot?.inputs).toMatchObject({
    accessTokenValiditySeconds: stackVars("dev").automationTokenLifetimeSeconds,
  });
  // The serialized provider is the stub that loads the installed package inside the host.
  expect(String(bot?.inputs.__provider)).toContain('require("pulumi-genesyscloud-oauth/host")');
});
