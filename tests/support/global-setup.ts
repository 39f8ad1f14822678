/**
 * Jest global setup: refuses to run on a stale build. The engine-protocol suites run the compiled
 * package (dist/) inside the dynamic-provider host, while the unit suites run provider/ directly,
 * so after an edit without `npm run build` the two would silently test different code. `npm test`
 * builds first (its `pretest` script), so there this always passes.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const SOURCE = path.join(ROOT, "provider");
const DIST = path.join(ROOT, "dist");

/** Every compiled source under `dir`: `.ts` files, declaration files excepted. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

/**
 * The sources whose compiled file in `dist` is missing or older than the source, relative to the
 * repository root. Exported for its own test.
 */
export function staleSources(sourceDir = SOURCE, distDir = DIST): string[] {
  return sources(sourceDir).filter((file) => {
    const compiled = path.join(distDir, path.relative(sourceDir, file)).replace(/\.ts$/, ".js");
    if (!fs.existsSync(compiled)) return true;
    return fs.statSync(file).mtimeMs > fs.statSync(compiled).mtimeMs;
  });
}

/** The message for stale sources (at most a few named, the rest counted). */
export function staleMessage(stale: readonly string[]): string {
  const shown = stale.slice(0, 5).map((f) => `  ${path.relative(ROOT, f)}`);
  const more = stale.length > shown.length ? [`  … and ${stale.length - shown.length} more`] : [];
  return [
    "dist/ is older than provider/: run npm run build (npm test does it for you).",
    "The engine-protocol tests run the compiled package, so they would test stale code. Stale:",
    ...shown,
    ...more,
  ].join("\n");
}

/** Fails the run before any suite starts when dist/ is missing or older than provider/. */
export default function globalSetup(): void {
  const stale = fs.existsSync(DIST) ? staleSources() : sources(SOURCE);
  if (stale.length > 0) throw new Error(staleMessage(stale));
}
