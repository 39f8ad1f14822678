/**
 * The stale-build guard of the jest global setup, on a scratch copy of the layout: sources under
 * provider/, compiled files under dist/.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { staleMessage, staleSources } from "../support/global-setup";

let root: string;
let source: string;
let dist: string;

function write(file: string, mtimeSeconds: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, "// x\n");
  fs.utimesSync(file, mtimeSeconds, mtimeSeconds);
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "global-setup-"));
  source = path.join(root, "provider");
  dist = path.join(root, "dist");
  write(path.join(source, "index.ts"), 1000);
  write(path.join(source, "api", "http.ts"), 1000);
  write(path.join(source, "api", "README.md"), 5000);
  write(path.join(dist, "index.js"), 2000);
  write(path.join(dist, "api", "http.js"), 2000);
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe("staleSources", () => {
  it("is empty when every source is older than its compiled file (other files ignored)", () => {
    expect(staleSources(source, dist)).toEqual([]);
  });

  it("names a source edited after the build", () => {
    write(path.join(source, "api", "http.ts"), 3000);
    expect(staleSources(source, dist)).toEqual([path.join(source, "api", "http.ts")]);
  });

  it("names a source that was never compiled", () => {
    write(path.join(source, "api", "json.ts"), 500);
    expect(staleSources(source, dist)).toEqual([path.join(source, "api", "json.ts")]);
  });
});

describe("the message", () => {
  it("says what to run and lists a few of the stale files", () => {
    const files = Array.from({ length: 7 }, (_, i) => path.join(source, `f${i}.ts`));
    const message = staleMessage(files);
    expect(message.split("\n")[0]).toBe(
      "dist/ is older than provider/: run npm run build (npm test does it for you).",
    );
    expect(message).toContain("… and 2 more");
  });
});
