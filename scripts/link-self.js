#!/usr/bin/env node
// Makes this repository's own package resolvable as `pulumi-genesyscloud-oauth` from the repo root
// (and from examples/*), the way it is in a user's project after `npm install`.
//
// Why: the OAuthClient resource serializes a thin stub into the Pulumi state that does
// `require("pulumi-genesyscloud-oauth/host")` inside the dynamic-provider host. The host resolves
// that against `<project dir>/node_modules`, and Node's package self-reference does not apply to
// code compiled from a string. So the root stack, the examples, the demo and the engine-protocol
// tests need the package in node_modules. npm refuses a package depending on itself, so this
// script (run by `npm ci` / `npm install` through the `prepare` script) writes a small shim
// package whose entry points re-export the compiled files in dist/.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

// After `npm run build`: make the compiled commands executable (npm does this on install).
if (process.argv.includes("--bins-executable")) {
  for (const file of Object.values(pkg.bin || {})) fs.chmodSync(path.join(root, file), 0o755);
  process.exit(0);
}
const target = path.join(root, "node_modules", pkg.name);

fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(target, { recursive: true });

const exportsMap = {};
for (const [subpath, entry] of Object.entries(pkg.exports)) {
  if (subpath === "./package.json") continue;
  const js = typeof entry === "string" ? entry : entry.default;
  const types = typeof entry === "string" ? undefined : entry.types;
  const base = subpath === "." ? "index" : subpath.slice(2).replace(/\//g, "-");
  const rel = (p) => path.posix.join("..", "..", p.replace(/^\.\//, ""));
  fs.writeFileSync(
    path.join(target, `${base}.js`),
    `module.exports = require(${JSON.stringify(rel(js))});\n`,
  );
  if (types) {
    const typesRel = rel(types).replace(/\.d\.ts$/, "");
    fs.writeFileSync(
      path.join(target, `${base}.d.ts`),
      `export * from ${JSON.stringify(typesRel)};\n`,
    );
  }
  exportsMap[subpath] = { types: `./${base}.d.ts`, default: `./${base}.js` };
}
exportsMap["./package.json"] = "./package.json";

const shim = {
  name: pkg.name,
  version: pkg.version,
  private: true,
  description: `Development link to the package at the repository root (written by scripts/link-self.js).`,
  main: "index.js",
  types: "index.d.ts",
  exports: exportsMap,
};
fs.writeFileSync(path.join(target, "package.json"), JSON.stringify(shim, null, 2) + "\n");

// The package's commands (`npx genesys-oauth-emulator`, `npx genesys-oauth export`), as npm
// would link them for an installed package. They point into dist/, so they work after a build.
const binDir = path.join(root, "node_modules", ".bin");
fs.mkdirSync(binDir, { recursive: true });
for (const [name, file] of Object.entries(pkg.bin || {})) {
  const link = path.join(binDir, name);
  fs.rmSync(link, { force: true });
  fs.symlinkSync(path.relative(binDir, path.join(root, file)), link);
}
