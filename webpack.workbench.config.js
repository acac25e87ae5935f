/* eslint-disable no-undef */
/* global require, module, __dirname */

// The workbench: the real task pane and engine over an in-memory workbook loaded from an .xlsx,
// with the sheet drawn beside it. `npm run workbench` serves it on http://localhost:3100/.
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { paginaAiuto } = require("./scripts/aiuto");
const HtmlWebpackPlugin = require("html-webpack-plugin");

module.exports = (env = {}, options = {}) => ({
  // No eval-based devtool: the page's CSP (script-src from default-src 'self', no 'unsafe-eval')
  // refuses it and `npm run workbench` would show a blank page (test/e2e/workbench-dev.test.ts).
  devtool: options.mode === "development" ? "source-map" : false,
  entry: { workbench: "./src/workbench/index.tsx" },
  output: {
    path: path.resolve(__dirname, env.outDir || "dist-workbench"),
    filename: "[name].js",
    clean: true,
  },
  resolve: { extensions: [".ts", ".tsx", ".js"] },
  module: {
    rules: [
      {
        test: /\.tsx?$/,
        exclude: /node_modules/,
        use: { loader: "ts-loader", options: { configFile: path.resolve(__dirname, "tsconfig.webpack.json") } },
      },
    ],
  },
  performance: { hints: false },
  plugins: [
    new HtmlWebpackPlugin({ filename: "index.html", template: "./src/workbench/workbench.html" }),
    new CopyWebpackPlugin({
      patterns: [
        { from: "assets/*.xlsx", to: "assets/[name][ext]" },
        // The help page the pane's «Funzioni PERF» links open, as the add-in serves it.
        { from: "README.md", to: "aiuto.html", transform: (contenuto) => paginaAiuto(contenuto.toString()) },
      ],
    }),
  ],
  devServer: { port: 3100, host: "127.0.0.1", static: false },
});
