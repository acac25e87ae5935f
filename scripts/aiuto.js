/* global require, module */
"use strict";
// The help page served with the add-in (dist/aiuto.html): the README's sections for the people who
// use Barometro in Excel, rendered at build time. The PERF functions' help links and the manifest's
// SupportUrl point at it, so the help travels with the add-in wherever it is hosted.
const { Marked } = require("marked");

/** The README's "## …" sections that speak to Excel users, in this order. */
const SEZIONI = ["In Excel", "Regole di calcolo", "Verifica", "Come Barometro legge il foglio", "Funzioni"];

/** GitHub's anchor for a heading ("PERF.RAGG" → "perfragg"): the same links work on the README. */
function ancora(testo) {
  return testo
    .toLowerCase()
    .replace(/<[^>]*>/g, "")
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .trim()
    .replace(/\s/g, "-");
}

const escape = (t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function markedAiuto() {
  return new Marked({
    renderer: {
      heading({ tokens, depth, text }) {
        return `<h${depth} id="${ancora(text)}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
      // Links to the repository's other files mean nothing on the hosted page: their text only.
      link({ href, tokens }) {
        const testo = this.parser.parseInline(tokens);
        return /^(https?:|#)/.test(href) ? `<a href="${escape(href)}">${testo}</a>` : testo;
      },
      // No raw HTML from the markdown reaches the page.
      html({ text }) {
        return escape(text);
      },
    },
  });
}

/** The README's level-2 sections with these titles, in the order given; throws if one is missing. */
function sezioni(readme, titoli = SEZIONI) {
  const parti = readme.split(/^(?=## )/m);
  return titoli.map((titolo) => {
    const parte = parti.find((p) => p.startsWith(`## ${titolo}\n`));
    if (!parte) throw new Error(`README.md: manca la sezione «## ${titolo}» per aiuto.html.`);
    return parte;
  });
}

/** dist/aiuto.html from README.md's text. */
function paginaAiuto(readme) {
  const scelte = sezioni(readme);
  const indice = SEZIONI.map((t) => `<li><a href="#${ancora(t)}">${escape(t)}</a></li>`).join("");
  const corpo = markedAiuto().parse(scelte.join("\n"));
  return `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Barometro — guida</title>
<style>
body { font-family: "Segoe UI", system-ui, sans-serif; line-height: 1.5; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #242424; }
code { background: #f3f3f3; padding: 0 .2em; border-radius: 3px; }
pre { background: #f3f3f3; padding: .75rem; overflow-x: auto; }
table { border-collapse: collapse; } th, td { border: 1px solid #d1d1d1; padding: .25rem .5rem; text-align: left; }
h2 { border-bottom: 1px solid #d1d1d1; margin-top: 2.5rem; }
</style>
</head>
<body>
<h1>Barometro — guida</h1>
<nav aria-label="Sezioni"><ul>${indice}</ul></nav>
${corpo}</body>
</html>
`;
}

module.exports = { paginaAiuto, ancora, SEZIONI };
