/**
 * `npm run dev-server` (webpack.config.js under webpack serve) needs Office's development
 * certificates, which office-addin-dev-certs installs with sudo: when it cannot, an Italian message
 * saying what to do, not the tool's English error.
 */
jest.mock("office-addin-dev-certs", () => ({
  getHttpsServerOptions: () =>
    Promise.reject(new Error("Unable to install the CA certificate. /bin/sh: 1: sudo: not found\n")),
}));

const config = require("../../webpack.config.js") as (
  env: Record<string, unknown>,
  options: { mode: string }
) => Promise<unknown>;

describe("npm run dev-server without the development certificates", () => {
  it("says in Italian what failed and what to type", async () => {
    await expect(config({ WEBPACK_SERVE: true }, { mode: "development" })).rejects.toThrow(
      "Il server di sviluppo (https://localhost:3000/) usa i certificati di sviluppo di Office, che office-addin-dev-certs " +
        "installa con sudo e non è riuscito a installare (Unable to install the CA certificate. /bin/sh: 1: sudo: not found). " +
        "Installarli con «npx office-addin-dev-certs install» da un utente che può usare sudo, poi rilanciare."
    );
  });
});
