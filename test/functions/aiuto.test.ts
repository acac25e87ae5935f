/** scripts/aiuto.js: the help page built from the README (what the PERF help links open). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { paginaAiuto, ancora, SEZIONI } = require("../../scripts/aiuto.js") as {
  paginaAiuto: (readme: string) => string;
  ancora: (testo: string) => string;
  SEZIONI: string[];
};

/** A README with every section the page takes, each with a line of text, plus one it leaves out. */
const readme = (extra = "") =>
  [
    "# Barometro\n\nIntro.\n",
    "## Prerequisiti\n\nNode.js.\n",
    ...SEZIONI.map((s) => `## ${s}\n\nTesto di «${s}».\n`),
    extra,
  ].join("\n");

describe("paginaAiuto", () => {
  it("takes the Excel users' sections in order, with GitHub's anchors, and leaves the others out", () => {
    const html = paginaAiuto(readme("### PERF.RAGG\n\n`PERF.RAGG(atteso; consuntivo)`\n"));
    const titoli = [...html.matchAll(/<h2 id="([^"]+)">([^<]+)<\/h2>/g)].map((m) => [m[1], m[2]]);
    expect(titoli).toEqual(SEZIONI.map((s) => [ancora(s), s]));
    expect(html).toContain('<h3 id="perfragg">PERF.RAGG</h3>');
    expect(html).not.toContain("Prerequisiti");
    expect(ancora("Come Barometro legge il foglio")).toBe("come-barometro-legge-il-foglio");
    expect(ancora("PERF.BAROMETRO")).toBe("perfbarometro");
  });

  it("no markup from the README reaches the page; links to the repository's files become their text", () => {
    const html = paginaAiuto(
      readme(
        '<img src=x onerror="alert(1)">\n\nVedi [docs/CONDIVISIONE.md](docs/CONDIVISIONE.md) e [qui](#funzioni).\n'
      )
    );
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("Vedi docs/CONDIVISIONE.md e");
    expect(html).toContain('<a href="#funzioni">qui</a>');
    expect(html).not.toMatch(/<script/i);
  });

  it("fails the build when a section is missing from the README", () => {
    expect(() => paginaAiuto("# Barometro\n\n## In Excel\n\nx\n")).toThrow("manca la sezione «## Regole di calcolo»");
  });
});
