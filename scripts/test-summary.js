#!/usr/bin/env node
// Prints the plain "N passed, N failed" line for a whole jest run from its --json results file.
// Suites that failed to run (syntax errors, failing hooks) count as failures too, so a broken
// suite can never hide behind a green total.
"use strict";
const fs = require("fs");

const file = process.argv[2] || "test-results/jest.json";
let results;
try {
  results = JSON.parse(fs.readFileSync(file, "utf8"));
} catch (err) {
  console.error(`cannot read jest results from ${file}: ${err.message}`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}
const passed = results.numPassedTests || 0;
const brokenSuites = (results.testResults || []).filter(
  (s) => s.status === "failed" && (s.assertionResults || []).every((a) => a.status !== "failed"),
).length;
const failed = (results.numFailedTests || 0) + brokenSuites;
const skipped = (results.numPendingTests || 0) + (results.numTodoTests || 0);
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
process.exit(failed > 0 || passed === 0 ? 1 : 0);
