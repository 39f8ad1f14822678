/**
 * The package under test, loaded at run time from its compiled output (`dist/`), the way a user's
 * program and the dynamic-provider host load it. Never from the TypeScript sources: the serialized
 * provider is then measured exactly as it ships (no ts-jest output, no coverage counters), and the
 * benchmark runs the same code under `npm run bench` and in its jest smoke test.
 *
 * Types come from the sources (type-only imports, erased from the output), so `npm run lint`
 * checks this directory before anything is built.
 */
import * as fs from "fs";
import * as path from "path";
import type * as EmulatorModule from "../provider/emulator";
import type * as ResourceModule from "../provider/oauthClient/resource";
import type * as TestingModule from "../provider/testing";

/** The npm name of the package under test. */
export const PACKAGE_NAME = "pulumi-genesyscloud-oauth";

/** The repository root: the nearest directory above `from` whose package.json is this package. */
export function findRepositoryRoot(from: string = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest)) {
      const parsed = JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: unknown };
      if (parsed.name === PACKAGE_NAME) return dir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`no ${PACKAGE_NAME} package.json above ${from}`);
    }
  }
}

/** The modules of the package the benchmark uses. */
export interface PackageUnderTest {
  /** The repository root (the project directory the host runs in). */
  root: string;
  /** `OAuthClient` from the package's main entry. */
  OAuthClient: typeof ResourceModule.OAuthClient;
  /** `pulumi-genesyscloud-oauth/emulator`. */
  emulator: typeof EmulatorModule;
  /** `pulumi-genesyscloud-oauth/testing` (the engine-protocol driver). */
  testing: typeof TestingModule;
  /** Absolute path of the compiled emulator entry (loaded by the emulator child process). */
  emulatorEntry: string;
}

let loaded: PackageUnderTest | undefined;

/** Loads the compiled package once; fails with a hint when `npm run build` has not run. */
export function loadPackage(): PackageUnderTest {
  if (loaded) return loaded;
  const root = findRepositoryRoot();
  const dist = path.join(root, "dist");
  const entry = (name: string): string => {
    const file = path.join(dist, name);
    if (!fs.existsSync(`${file}.js`)) {
      throw new Error(`${path.relative(root, file)}.js is missing: run \`npm run build\` first`);
    }
    return file;
  };
  const emulatorEntry = entry(path.join("emulator", "index"));
  /* eslint-disable @typescript-eslint/no-require-imports -- run-time paths into dist/, see above */
  const main = require(entry("index")) as { OAuthClient: typeof ResourceModule.OAuthClient };
  const emulator = require(emulatorEntry) as typeof EmulatorModule;
  const testing = require(entry(path.join("testing", "index"))) as typeof TestingModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  loaded = {
    root,
    OAuthClient: main.OAuthClient,
    emulator,
    testing,
    emulatorEntry: `${emulatorEntry}.js`,
  };
  return loaded;
}
