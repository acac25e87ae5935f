/**
 * The manifest asks for the least permission that works.
 *
 * Task pane add-ins have five levels (Restricted < ReadDocument < ReadAllDocument < WriteDocument <
 * ReadWriteDocument; learn.microsoft.com, "Requesting permissions for API use in add-ins"):
 *  - Restricted: document settings only — Barometro must read and write cells.
 *  - ReadDocument / ReadAllDocument: reading only — Ricalcola writes Scostamento, % Ragg, the
 *    line's percentage and the Barometro fills.
 *  - WriteDocument: writing only (it cannot read) — Barometro reads every used range, its number
 *    formats, formulas, merged areas and the selection before it computes anything.
 *  - ReadWriteDocument: reading and writing, which the Excel JavaScript API (Excel.run: used ranges,
 *    values, formats, fills, selection) needs. It is the only level that allows both: the least
 *    that works for an add-in that reads the sheet and writes back into it.
 */
import { readFileSync } from "fs";
import { resolve } from "path";
import { DOMParser } from "@xmldom/xmldom";

const XML = readFileSync(resolve(__dirname, "../../manifest.xml"), "utf8");

describe("manifest.xml permissions", () => {
  it("asks for ReadWriteDocument, once, and nothing more", () => {
    const doc = new DOMParser().parseFromString(XML, "text/xml");
    const permessi = Array.from(doc.getElementsByTagName("*")).filter((e) => e.localName === "Permissions");
    expect(permessi).toHaveLength(1);
    expect(permessi[0].textContent?.trim()).toBe("ReadWriteDocument");
    // Nothing that widens what the pane may load or frame.
    expect(Array.from(doc.getElementsByTagName("*")).filter((e) => e.localName === "AppDomain")).toEqual([]);
  });
});
