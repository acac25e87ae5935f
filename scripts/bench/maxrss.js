// Preloaded (node -r) into the processes the benchmark times: at exit, writes the process's peak
// resident set size in KB (getrusage ru_maxrss, via process.resourceUsage()) to BENCH_MAXRSS_FILE.
/* global require, process */
"use strict";
const { writeFileSync } = require("fs");

process.on("exit", () => {
  const file = process.env.BENCH_MAXRSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
