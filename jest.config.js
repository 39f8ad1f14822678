/** Unit, emulator, engine-protocol and example tests. `npm test` runs them all. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/live/"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  moduleNameMapper: {
    "^pulumi-genesyscloud-oauth$": "<rootDir>/provider/index.ts",
    "^pulumi-genesyscloud-oauth/emulator$": "<rootDir>/provider/emulator/index.ts",
    "^pulumi-genesyscloud-oauth/testing$": "<rootDir>/provider/testing/index.ts",
  },
  testTimeout: 60000,
  maxWorkers: 2,
};
