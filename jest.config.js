/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "\\.ts$": "<rootDir>/test-support/ts-transform.js" },
  moduleFileExtensions: ["ts", "js", "json"],
  setupFiles: ["<rootDir>/test-support/fixed-date.js"],
  testTimeout: 120000,
  // Jest's default on 2 cores is one worker; the suites are mostly child processes (the app, Terraform), so two
  // workers use both cores.
  maxWorkers: 2,
};
