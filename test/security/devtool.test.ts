/**
 * Both pages forbid eval in their CSP (no 'unsafe-eval'), so no webpack configuration may use an
 * eval-based devtool, in any mode and under the dev server: the page would stay blank with an
 * EvalError (test/e2e/workbench-dev.test.ts shows it on the running `npm run workbench`).
 */
import { resolve } from "path";

const ROOT = resolve(__dirname, "../..");
type Config = (
  env: Record<string, unknown>,
  options: { mode: string }
) => { devtool?: unknown } | Promise<{ devtool?: unknown }>;

describe("webpack devtool and the pages' CSP", () => {
  for (const file of ["webpack.config.js", "webpack.workbench.config.js"]) {
    for (const mode of ["development", "production"]) {
      it(`${file}, --mode ${mode}: no eval source maps`, async () => {
        const config = require(resolve(ROOT, file)) as Config;
        const { devtool } = await config({}, { mode });
        expect(String(devtool)).not.toMatch(/eval/);
      });
    }
  }
});
