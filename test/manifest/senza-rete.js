/* global require, process */
// Preloaded (node --require) by test/manifest/valida-manifest.test.ts: the host of Microsoft's
// manifest validation service does not resolve, as on a machine without internet, whatever the
// machine's network. Each attempt is appended to the file named by BAROMETRO_TEST_TENTATIVI.
const dns = require("dns");
const { appendFileSync } = require("fs");

const originale = dns.lookup;
dns.lookup = function (host, ...resto) {
  if (/(^|\.)office\.net$/i.test(String(host))) {
    if (process.env.BAROMETRO_TEST_TENTATIVI) appendFileSync(process.env.BAROMETRO_TEST_TENTATIVI, `${host}\n`);
    const callback = resto[resto.length - 1];
    const errore = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), {
      code: "ENOTFOUND",
      errno: -3008,
      syscall: "getaddrinfo",
      hostname: host,
    });
    process.nextTick(callback, errore);
    return {};
  }
  return originale.call(this, host, ...resto);
};
