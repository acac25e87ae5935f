/* global require, module */
/** globalTeardown of every jest run: see test/temporanei.js. */
module.exports = require("./temporanei").togli;
