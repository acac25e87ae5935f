import { MESSAGGI_APP } from "../../src/app/messaggi";
import { ErroreBarometro } from "../../src/app/ricalcolo";
import { codiceOffice, comeErroreBarometro } from "../../src/excel/errors";
import { ErroreExcelFinto } from "../../src/excel-finto";

describe("Office errors → ErroreBarometro with the Italian messages", () => {
  const office = (code: string, message = "msg") => new ErroreExcelFinto(code, message);

  it("cell edit mode", () => {
    const e = comeErroreBarometro(office("InvalidOperationInCellEditMode"));
    expect(e).toBeInstanceOf(ErroreBarometro);
    expect(e.message).toBe(MESSAGGI_APP.modificaInCorso);
    expect((e as Error & { cause?: unknown }).cause).toBeInstanceOf(ErroreExcelFinto);
  });

  it("access denied: the protected sheet when known, read-only otherwise", () => {
    expect(comeErroreBarometro(office("AccessDenied"), ["Obiettivi 2024"]).message).toBe(
      MESSAGGI_APP.foglioProtetto("Obiettivi 2024")
    );
    expect(comeErroreBarometro(office("AccessDenied")).message).toBe(MESSAGGI_APP.solaLettura);
  });

  it("anything else: inatteso with the detail", () => {
    expect(comeErroreBarometro(office("GeneralException", "Errore interno")).message).toBe(
      MESSAGGI_APP.inatteso("Errore interno (GeneralException)")
    );
    expect(comeErroreBarometro(office("ItemNotFound", "ItemNotFound")).message).toBe(
      MESSAGGI_APP.inatteso("ItemNotFound")
    );
    expect(comeErroreBarometro(new TypeError("x is undefined")).message).toBe(MESSAGGI_APP.inatteso("x is undefined"));
    expect(comeErroreBarometro("boh").message).toBe(MESSAGGI_APP.inatteso("boh"));
  });

  it("an ErroreBarometro passes through; codes only from Office-shaped errors", () => {
    const mio = new ErroreBarometro("già tradotto");
    expect(comeErroreBarometro(mio)).toBe(mio);
    expect(codiceOffice({ code: "AccessDenied", message: "" })).toBe("AccessDenied");
    expect(codiceOffice(new Error("x"))).toBeNull();
    expect(codiceOffice(null)).toBeNull();
  });
});
