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
  // Refuses to start when dist/ (which the engine-protocol suites run) is older than provider/.
  globalSetup: "<rootDir>/tests/support/global-setup.ts",
  testTimeout: 60000,
  maxWorkers: 2,
  // A worker that still holds a handle after its last suite is force-exited with a warning. The
  // default grace (500 ms) is shorter than a worker's own clean shutdown on a saturated 2-core
  // machine; a real leak still shows up, five seconds later.
  workerGracefulExitTimeout: 5000,
};
