/** The live suite: the same lifecycle against a real Genesys Cloud org (`npm run test:live`). */
const base = require("./jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ["<rootDir>/tests/live/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/"],
};
