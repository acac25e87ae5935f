// ESLint 9 flat config, used by `npm run lint` (office-addin-lint check → eslint -c eslint.config.mjs "src/**/*.{ts,tsx,js,jsx}").
// Base: eslint-plugin-office-addins "react" config (eslint recommended, prettier, react, and the Office rules
// load-object-before-read, call-sync-before-read, call-sync-after-load, no-context-sync-in-loop, …).
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";
/* global URL */
import { readFileSync } from "node:fs";

const CODICE = "**/*.{js,mjs,cjs,jsx,ts,cts,mts,tsx}";
const TYPESCRIPT = "**/*.{ts,cts,mts,tsx}";

/**
 * Prettier options for this repo (double quotes, semicolons and 120 columns, as src/engine is written), in
 * .prettierrc.json so that `npx prettier --write` and the editor use the same ones as the lint.
 */
const PRETTIER = JSON.parse(readFileSync(new URL("./.prettierrc.json", import.meta.url), "utf8"));

export default [
  // The plugin's main block only lists js/ts files: extend it to .tsx/.jsx so the task pane gets
  // the Office rules too.
  ...officeAddins.configs.react.map((blocco) =>
    Array.isArray(blocco.files) && blocco.files.includes("**/*.{js,mjs,cjs,ts,cts,mts}")
      ? { ...blocco, files: [CODICE] }
      : blocco
  ),
  {
    files: [CODICE],
    // The plugin's config names @typescript-eslint/parser through a CommonJS default import that is
    // undefined at runtime, so ESLint would fall back to espree: set the parser here (as
    // office-addin-lint's own default config does).
    languageOptions: { parser: tsParser, ecmaVersion: "latest", sourceType: "module" },
    rules: {
      "prettier/prettier": ["error", PRETTIER],
      // React 17+ JSX transform: JSX needs no `import React`.
      "react/react-in-jsx-scope": "off",
      "react/jsx-uses-react": "off",
    },
  },
  {
    files: [TYPESCRIPT],
    rules: {
      // TypeScript resolves identifiers itself (Office, CustomFunctions, DOM and Node globals);
      // typescript-eslint recommends turning no-undef off for TS.
      "no-undef": "off",
      // Types already describe props.
      "react/prop-types": "off",
    },
  },
  {
    // The CLI runs under Node and edits workbooks with ExcelJS, not Office.js: the Office.js API rules
    // misread ExcelJS calls (e.g. `ws.getCell(a).style` as a proxy object read before context.sync()).
    files: ["src/cli/**"],
    rules: {
      "office-addins/call-sync-after-load": "off",
      "office-addins/call-sync-before-read": "off",
      "office-addins/load-object-before-read": "off",
      "office-addins/no-context-sync-in-loop": "off",
      "office-addins/no-empty-load": "off",
      "office-addins/no-navigational-load": "off",
      "office-addins/test-for-null-using-isNullObject": "off",
    },
  },
];
