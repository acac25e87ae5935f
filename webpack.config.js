/* eslint-disable no-undef */
/* global require, module, process, __dirname */

const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { paginaAiuto } = require("./scripts/aiuto");
const { MetadatiFunzioniPlugin } = require("./scripts/metadati-funzioni");

/** Where the dev server serves the add-in; manifest.xml is written with these URLs. */
const URL_DEV = "https://localhost:3000/";
/** Every localhost URL in manifest.xml (global: the manifest has many). */
const URL_DEV_RE = /https:\/\/localhost:3000\//g;
/** Production location of dist/, overridable with BAROMETRO_URL (trailing slash added if missing). */
const URL_PROD_PREDEFINITO = "https://barometro.comune.example.it/";

function urlProduzione(env = process.env) {
  const url = (env.BAROMETRO_URL || URL_PROD_PREDEFINITO).trim();
  if (!/^https:\/\//.test(url)) throw new Error(`BAROMETRO_URL deve iniziare con https:// (ricevuto «${url}»).`);
  return url.endsWith("/") ? url : `${url}/`;
}

/** manifest.xml for production: every localhost URL replaced; fails if any localhost is left. */
function manifestProduzione(contenuto, url = urlProduzione()) {
  const risultato = contenuto.toString().replace(URL_DEV_RE, url);
  if (/localhost/i.test(risultato)) throw new Error("manifest.xml di produzione contiene ancora «localhost».");
  return risultato;
}

/** Dev certificates only when serving: `npm run build` must work without them. */
async function opzioniHttps() {
  const devCerts = require("office-addin-dev-certs");
  let httpsOptions;
  try {
    httpsOptions = await devCerts.getHttpsServerOptions();
  } catch (errore) {
    // office-addin-dev-certs installs its CA with sudo (on Linux into the system's store): without
    // sudo, or with the password refused, it fails with an English message and a stack.
    throw new Error(
      `Il server di sviluppo (${URL_DEV}) usa i certificati di sviluppo di Office, che office-addin-dev-certs ` +
        `installa con sudo e non è riuscito a installare (${String(errore.message).trim()}). ` +
        "Installarli con «npx office-addin-dev-certs install» da un utente che può usare sudo, poi rilanciare. " +
        "Il banco di prova senza Excel non ne ha bisogno: «npm run workbench»."
    );
  }
  return { ca: httpsOptions.ca, key: httpsOptions.key, cert: httpsOptions.cert };
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const serve = Boolean(env.WEBPACK_SERVE);
  const url = dev ? URL_DEV : urlProduzione();

  return {
    devtool: "source-map",
    // Entry order is script order in taskpane.html: the functions register before React loads.
    entry: {
      // The "?registrazione-manuale" query keeps custom-functions-metadata-plugin from appending its
      // own unguarded CustomFunctions.associate calls (its loader matches the bare file path):
      // functions.ts registers the functions itself, only when CustomFunctions exists.
      functions: "./src/functions/functions.ts?registrazione-manuale",
      taskpane: "./src/taskpane/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: { configFile: path.resolve(__dirname, "tsconfig.webpack.json") },
          },
        },
        {
          test: /\.(png|jpg|jpeg|gif|ico)$/,
          type: "asset/resource",
          generator: { filename: "assets/[name][ext][query]" },
        },
      ],
    },
    performance: {
      // Fluent UI makes the task pane bundle larger than webpack's 244 KiB web default; it is
      // loaded once per session from the add-in's own server.
      maxAssetSize: 1024 * 1024,
      maxEntrypointSize: 1024 * 1024,
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./src/functions/functions.ts",
      }),
      // functions.json as Excel must read it (scripts/metadati-funzioni.js): error values passed to the
      // PERF functions, no data-type flag beyond the manifest's CustomFunctionsRuntime 1.3, and in
      // production the help links on the hosted page. Fails the build if that cannot be applied.
      new MetadatiFunzioniPlugin(dev ? null : url),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: one page hosts the task pane, the PERF functions and the ribbon commands.
        chunks: ["functions", "taskpane"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/icon-*.png", to: "assets/[name][ext]" },
          // The help page the functions and the manifest link to, from the README (scripts/aiuto.js).
          { from: "README.md", to: "aiuto.html", transform: (contenuto) => paginaAiuto(contenuto.toString()) },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(contenuto) {
              return dev ? contenuto : manifestProduzione(contenuto, url);
            },
          },
        ],
      }),
    ],
    devServer: {
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: serve ? await opzioniHttps() : {} },
      port: Number(process.env.npm_package_config_dev_server_port) || 3000,
    },
  };
};

// For test/manifest: the production rewrite of manifest.xml.
module.exports.manifestProduzione = manifestProduzione;
module.exports.urlProduzione = urlProduzione;
