/**
 * Three projects, so that a change can be checked in seconds and the whole suite still runs with
 * `npm test` (jest without arguments runs every project):
 *   npx jest --selectProjects unit          engine, layout, use cases, PERF, the pane (jsdom), the fake Excel
 *   npx jest --selectProjects integration   .xlsx files through the command line, LibreOffice, webpack builds, scripts
 *   npx jest --selectProjects e2e           the workbench and the pane in headless Chromium
 */
const comune = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: { module: "commonjs", moduleResolution: "node", jsx: "react-jsx" } }],
  },
  moduleNameMapper: {
    "^office-addin-manifest$": "office-addin-manifest/lib/officeApp.js",
  },
};

/** Tests that run the command line on files, LibreOffice, webpack or the project's scripts: folders and files. */
const INTEGRAZIONE = [
  "test/cli/",
  "test/stampa/",
  "test/prerequisiti/",
  "test/robustezza/adattatore.test.ts",
  "test/robustezza/cli.test.ts",
  "test/robustezza/correzioni.test.ts",
  "test/robustezza/traccia.test.ts",
  "test/robustezza/iniezione.test.ts",
  "test/robustezza/invarianti.test.ts",
  "test/robustezza/vestiti-adattatore.test.ts",
  "test/xlsx/lossless.test.ts",
  "test/xlsx/date-iso.test.ts",
  "test/xlsx/testi-escape.test.ts",
  "test/xlsx/schema-ooxml.test.ts",
  "test/xlsx/grafico-file.test.ts",
  "test/functions/metadata.test.ts",
  "test/manifest/valida-manifest.test.ts",
  "test/security/csp.test.ts",
  "test/security/devtool.test.ts",
];
const E2E = ["test/e2e/"];

const TEST = "**/*.test.{ts,tsx}";
const comeGlob = (p) => `<rootDir>/${p.endsWith("/") ? p + TEST : p}`;
const comeRegex = (p) => `<rootDir>/${p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;

/** @type {import('jest').Config} */
module.exports = {
  // One temporary folder for the whole run, removed at its end (test/temporanei.js).
  globalSetup: "<rootDir>/test/temporanei.js",
  globalTeardown: "<rootDir>/test/temporanei-fine.js",
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
  // UI tests in jsdom take seconds on a loaded 2-core machine: a limit, not a performance check.
  testTimeout: 30_000,
  projects: [
    {
      ...comune,
      displayName: "unit",
      testMatch: [`<rootDir>/test/${TEST}`],
      testPathIgnorePatterns: ["/node_modules/", ...[...INTEGRAZIONE, ...E2E].map(comeRegex)],
    },
    { ...comune, displayName: "integration", testMatch: INTEGRAZIONE.map(comeGlob) },
    {
      ...comune,
      displayName: "e2e",
      testMatch: E2E.map(comeGlob),
      // The workbench built once for every e2e file (test/e2e/banco.ts copies it per file).
      globalSetup: "<rootDir>/test/e2e/prepara-banco.js",
    },
  ],
};
