/**
 * The example projects as files a user copies: each one's Pulumi.yaml, package.json, tsconfig.json,
 * stack files, workflows and README parse and agree with each other and with the package.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { SETTING_KEYS, resolveRegion } from "../../provider";
import { EMULATOR_ROLE_IDS } from "../../provider/emulator";
import { EXAMPLES_DIR, REPO_ROOT, exampleDir, readProject, readYaml } from "./helpers";

/** Every example project, by its folder under examples/. */
const PROJECTS = [
  "quickstart",
  "secret-rotation",
  "secret-rotation/consumer",
  "drift-detection",
  "gitops-promotion",
  "lookups",
];

interface PackageJson {
  name: string;
  private?: boolean;
  main?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, "utf8"));
const readPackage = (project: string): PackageJson =>
  readJson(path.join(exampleDir(project), "package.json")) as PackageJson;
const entryOf = (project: string): string =>
  path.join(exampleDir(project), readProject(project).main ?? "index.ts");
const stackFiles = (project: string): string[] =>
  fs.readdirSync(exampleDir(project)).filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f));

/** The packages a TypeScript file imports (`import … from "x"`, `import "x"`). */
function importsOf(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  const names = [...source.matchAll(/^import\s+(?:[^"';]+\s+from\s+)?"([^"]+)";/gm)].map(
    (m) => m[1],
  );
  return [...new Set(names)].sort();
}

test("examples/ holds exactly the five examples (and the consumer stack of secret-rotation)", () => {
  const top = fs
    .readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  expect(top).toEqual(PROJECTS.filter((p) => !p.includes("/")).sort());
  const withProjectFile = PROJECTS.filter((p) =>
    fs.existsSync(path.join(exampleDir(p), "Pulumi.yaml")),
  );
  expect(withProjectFile).toEqual(PROJECTS);
});

describe.each(PROJECTS)("examples/%s", (project) => {
  const stem = project.replace(/\//g, "-");

  test("Pulumi.yaml: a nodejs project named after the folder, with a description and its entry", () => {
    const file = readProject(project);
    expect(file.name).toBe(`genesys-oauth-${stem}`);
    const runtime = typeof file.runtime === "string" ? { name: file.runtime } : file.runtime;
    expect(runtime.name).toBe("nodejs");
    expect(file.description?.length).toBeGreaterThan(20);
    expect(fs.existsSync(entryOf(project))).toBe(true);
  });

  test("package.json: private, same name stem, the pinned dependencies and nothing else", () => {
    const pkg = readPackage(project);
    expect(pkg.name).toBe(`genesys-oauth-example-${stem}`);
    expect(pkg.private).toBe(true);
    // The CLI would run package.json's main instead of Pulumi.yaml's entry: they must agree.
    expect(pkg.main).toBeUndefined();
    expect(pkg.devDependencies).toEqual({ "@types/node": "^20", typescript: "~5.9.3" });
    const imported = importsOf(entryOf(project));
    const expected: Record<string, string> = { "@pulumi/pulumi": "^3.276.0" };
    if (imported.includes("pulumi-genesyscloud-oauth")) {
      expected["pulumi-genesyscloud-oauth"] = "^0.1.0";
    }
    expect(pkg.dependencies).toEqual(expected);
    // Every import is a declared dependency (a copied example installs only those).
    for (const name of imported) expect(Object.keys(expected)).toContain(name);
  });

  test("the package range admits this repository's version of the package", () => {
    const { version } = readJson(path.join(REPO_ROOT, "package.json")) as { version: string };
    const range = readPackage(project).dependencies?.["pulumi-genesyscloud-oauth"];
    if (range !== undefined) expect(version).toMatch(/^0\.1\.\d+/);
    expect(range ?? "^0.1.0").toBe("^0.1.0");
  });

  test("tsconfig.json: valid on its own, strict, CommonJS, compiling the entry", () => {
    const dir = exampleDir(project);
    const text = fs.readFileSync(path.join(dir, "tsconfig.json"), "utf8");
    const { config, error } = ts.parseConfigFileTextToJson("tsconfig.json", text);
    expect(error).toBeUndefined();
    // No `extends`: the copy out of this repository has nothing to extend.
    expect(config).not.toHaveProperty("extends");
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dir);
    expect(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual(
      [],
    );
    expect(parsed.options.strict).toBe(true);
    expect(parsed.options.module).toBe(ts.ModuleKind.CommonJS);
    expect(parsed.fileNames.map((f) => path.resolve(f))).toEqual([entryOf(project)]);
  });

  test("stack files: genesyscloud settings the package knows, the project's own keys, secrets as placeholders", () => {
    const known: string[] = Object.values(SETTING_KEYS).map((k) => k.config);
    const secretKeys: string[] = [
      SETTING_KEYS.clientSecret.config,
      SETTING_KEYS.accessToken.config,
    ];
    const projectName = readProject(project).name;
    for (const file of stackFiles(project)) {
      const text = fs.readFileSync(path.join(exampleDir(project), file), "utf8");
      const doc = readYaml(path.join(exampleDir(project), file)) as {
        config: Record<string, unknown>;
      };
      for (const [key, value] of Object.entries(doc.config)) {
        const where = `${file}: ${key}`;
        if (key.startsWith("genesyscloud:")) {
          expect({ where, known: known.includes(key) }).toEqual({ where, known: true });
        } else {
          expect({ where, namespace: key.split(":")[0] }).toEqual({
            where,
            namespace: projectName,
          });
        }
        const isSecure = typeof value === "object" && value !== null && "secure" in value;
        expect({ where, secure: isSecure }).toEqual({ where, secure: secretKeys.includes(key) });
        if (key === SETTING_KEYS.region.config) {
          expect(() => resolveRegion(String(value))).not.toThrow();
        }
      }
      if (text.includes("secure:")) {
        // The placeholder cannot be decrypted: the file must say how to set the real value.
        expect(text).toMatch(
          /pulumi config set (--stack \S+ )?--secret genesyscloud:oauthclientSecret/,
        );
      }
    }
  });

  test("README: how to install a copy, run against the emulator, and clean up; links resolve", () => {
    const readmeFile = path.join(exampleDir(project), "README.md");
    const readme = fs.readFileSync(readmeFile, "utf8");
    expect(readme).toMatch(/^# \S/);
    expect(readme).toContain("npm install");
    expect(readme).toContain("genesys-oauth-emulator");
    expect(readme).toMatch(/## Clean up/);
    expect(readme).toContain("pulumi destroy");
    // Role ids a README has users set for the emulator are the emulator's seeded roles.
    const emulatorRoles: string[] = Object.values(EMULATOR_ROLE_IDS);
    for (const [, key, id] of readme.matchAll(/pulumi config set (\w*RoleId) ([0-9a-f-]{36})/g)) {
      expect({ key, id, seeded: emulatorRoles.includes(id) }).toEqual({ key, id, seeded: true });
    }
    for (const [, target] of readme.matchAll(/\]\((?!https?:|#)([^)#\s]+)(?:#[^)]*)?\)/g)) {
      const resolved = path.resolve(path.dirname(readmeFile), target);
      expect({ target, exists: fs.existsSync(resolved) }).toEqual({ target, exists: true });
    }
  });

  test("workflows: every file under .github/workflows parses as a GitHub Actions workflow", () => {
    const dir = path.join(exampleDir(project), ".github", "workflows");
    const files = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    for (const file of files) {
      expect(file).toMatch(/\.ya?ml$/);
      const doc = readYaml(path.join(dir, file)) as Record<string, unknown>;
      expect(Object.keys(doc)).toEqual(expect.arrayContaining(["name", "on", "jobs"]));
    }
    const expected: Record<string, string[]> = {
      "drift-detection": ["drift.yml"],
      "gitops-promotion": ["oauth-clients.yml"],
    };
    expect(files).toEqual(expected[project] ?? []);
  });
});

test("examples/README.md lists every example", () => {
  const index = fs.readFileSync(path.join(EXAMPLES_DIR, "README.md"), "utf8");
  for (const project of PROJECTS.filter((p) => !p.includes("/"))) {
    expect(index).toContain(`](${project})`);
  }
});
