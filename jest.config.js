/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
  // UI tests in jsdom take seconds on a loaded 2-core machine: a limit, not a performance check.
  testTimeout: 30_000,
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: { module: "commonjs", moduleResolution: "node", jsx: "react-jsx" } }],
  },
  moduleNameMapper: {
    "^office-addin-manifest$": "office-addin-manifest/lib/officeApp.js",
  },
};
