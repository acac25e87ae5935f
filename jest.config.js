/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: { module: "commonjs", moduleResolution: "node", jsx: "react-jsx" } }],
  },
  moduleNameMapper: {
    "^office-addin-manifest$": "office-addin-manifest/lib/officeApp.js",
  },
};
