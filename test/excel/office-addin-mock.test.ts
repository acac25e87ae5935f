import { OfficeMockObject } from "office-addin-mock";
import { CHIAVE_MODO } from "../../src/app/impostazioni";
import { creaAccessoOffice } from "../../src/excel/office-access";

/**
 * The adapter with no injected dependencies, against Microsoft's office-addin-mock standing in
 * for the `Excel` and `Office` globals: the default paths (Excel.run, Office.context.document.settings).
 */
const globali = globalThis as unknown as { Excel?: unknown; Office?: unknown };

afterEach(() => {
  delete globali.Excel;
  delete globali.Office;
});

describe("creaAccessoOffice against office-addin-mock (OfficeMockObject)", () => {
  it("seleziona(): Excel.run, worksheets.getItem → activate, getRange → select, one sync", async () => {
    const dati = {
      host: "excel",
      context: {
        workbook: {
          worksheets: {
            foglio: {
              attivato: false,
              range: {
                selezionato: false,
                select: function (this: { selezionato: boolean }) {
                  this.selezionato = true;
                },
              },
              activate: function (this: { attivato: boolean }) {
                this.attivato = true;
              },
              getRange: function (this: { indirizzo?: string; range: unknown }, indirizzo: string) {
                this.indirizzo = indirizzo;
                return this.range;
              },
            },
            getItem: function (this: { chiesto?: string; foglio: unknown }, nome: string) {
              this.chiesto = nome;
              return this.foglio;
            },
          },
        },
      },
      run: async function <T>(this: { context: unknown }, batch: (context: unknown) => Promise<T>): Promise<T> {
        return batch(this.context);
      },
    };

    const excel = new OfficeMockObject(dati) as any;
    globali.Excel = excel;
    const sync = jest.spyOn(excel.context, "sync");

    await creaAccessoOffice().seleziona({ foglio: "Obiettivi 2024", indirizzo: "'Obiettivi 2024'!B7:D9" });

    const worksheets = excel.context.workbook.worksheets;
    expect(worksheets.chiesto).toBe("Obiettivi 2024");
    expect(worksheets.foglio.attivato).toBe(true);
    expect(worksheets.foglio.indirizzo).toBe("B7:D9");
    expect(worksheets.foglio.range.selezionato).toBe(true);
    expect(sync).toHaveBeenCalledTimes(1);
  });

  it("settings: Office.context.document.settings get / set / remove / saveAsync", async () => {
    const memoria = new Map<string, unknown>();
    const salvate: Record<string, unknown> = {};
    const chiamate: string[] = [];
    globali.Office = new OfficeMockObject({
      context: {
        document: {
          settings: {
            get: (k: string) => (memoria.has(k) ? memoria.get(k) : null),
            set: (k: string, v: unknown) => memoria.set(k, v),
            remove: (k: string) => memoria.delete(k),
            saveAsync: (cb: (r: { status: string }) => void) => {
              chiamate.push("saveAsync");
              memoria.forEach((v, k) => (salvate[k] = v));
              cb({ status: "succeeded" });
            },
            refreshAsync: (cb: (r: { status: string }) => void) => {
              chiamate.push("refreshAsync");
              cb({ status: "succeeded" });
            },
          },
        },
      },
    });
    const accesso = creaAccessoOffice();
    expect(accesso.leggiImpostazioni()).toEqual({});
    await accesso.salvaImpostazioni({ [CHIAVE_MODO]: "formule" });
    expect(salvate).toEqual({ [CHIAVE_MODO]: "formule" });
    expect(chiamate).toEqual(["refreshAsync", "saveAsync"]); // the document's bag first (co-authoring)
    expect(accesso.leggiImpostazioni()).toEqual({ [CHIAVE_MODO]: "formule" });
  });
});
