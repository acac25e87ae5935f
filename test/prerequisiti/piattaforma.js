/* global process */
// Preloaded (node --require) by test/prerequisiti/avvia-excel.test.ts: the platform the script
// sees, whatever the machine running the test.
Object.defineProperty(process, "platform", { value: process.env.BAROMETRO_TEST_PIATTAFORMA });
