/**
 * Object properties described as data. Each proxy class lists, in one table, the Office.js
 * properties it models: how a load reads each one from the workbook and, for the writable ones,
 * how a value is validated and applied. From that table `descrivi` generates what every property
 * shares, so no class writes getters or setters by hand:
 * - the getter: the value the last successful sync delivered, or PropertyNotLoaded before a load
 *   and a sync (ProxyFinto.proprieta);
 * - the setter: the value is copied and queued, and when the sync runs it is checked in one order
 *   for every property — the value (InvalidArgument with `valida`'s reason), the object (ItemNotFound
 *   for a null object), the write check (AccessDenied: a read-only workbook, a protected sheet, or
 *   the workbook's protected structure), then `applica`;
 * - load("*") and load("name") (the table's names), and paths through navigation properties
 *   ("format/fill/color", the table's `figli`).
 */
import type { FoglioFinto } from "./foglio";
import type { ProxyFinto } from "./proxy";

/** How a writable property takes a value. */
export interface Scrittura<T, P> {
  /** Why Excel refuses this value (the fake throws InvalidArgument with it), null when it accepts. */
  valida?(valore: unknown): string | null;
  /**
   * What may refuse the change (AccessDenied): "foglio" (default) a read-only workbook or the
   * object's sheet protected; "struttura" a read-only workbook or the workbook's structure protected.
   */
  controllo?: "foglio" | "struttura";
  /** Applies the (valid) value to the model; may still throw for what depends on the object. */
  applica(oggetto: T, valore: never, proxy: P): void;
}

/** One property: how a load reads it and, unless read-only, how it is written. */
export interface Proprieta<T, P> {
  /** Its value as a load returns it, read from the object when the sync runs. */
  leggi(oggetto: T, proxy: P): unknown;
  scrivi?: Scrittura<T, P>;
}

export interface Descrizione<T, P> {
  /** The sheet the object lives on: what the write check looks at. */
  foglio?(oggetto: T, proxy: P): FoglioFinto;
  proprieta?: Record<string, Proprieta<T, P>>;
  /** Navigation properties a load path may go through ("format", "fill"…): fields of the proxy. */
  figli?: readonly string[];
}

/** A description as the proxy base uses it, whatever the object and the class. */
export type DescrizioneQualsiasi = Descrizione<unknown, ProxyFinto<unknown>>;

const descrizioni = new Map<unknown, DescrizioneQualsiasi>();
const NESSUNA: DescrizioneQualsiasi = {};

/** The description of a proxy's class (none: no scalar property, no navigation). */
export function descrizioneDi(proxy: ProxyFinto<unknown>): DescrizioneQualsiasi {
  return descrizioni.get(proxy.constructor) ?? NESSUNA;
}

type OggettoDi<P> = P extends ProxyFinto<infer T> ? T : never;

/**
 * Registers a proxy class's properties and defines, on its prototype, a getter for each and a
 * setter for each writable one. The class declares them for the compiler (`declare name: string`).
 */
export function descrivi<P extends ProxyFinto<unknown>>(
  classe: abstract new (...argomenti: never[]) => P,
  descrizione: Descrizione<OggettoDi<P>, P>
): void {
  descrizioni.set(classe, descrizione as unknown as DescrizioneQualsiasi);
  for (const [nome, p] of Object.entries(descrizione.proprieta ?? {}))
    Object.defineProperty(classe.prototype, nome, {
      configurable: true,
      get(this: ProxyFinto<unknown>) {
        return this.proprieta(nome);
      },
      set: p.scrivi
        ? function (this: ProxyFinto<unknown>, valore: unknown) {
            this.impostaProprieta(nome, valore);
          }
        : undefined,
    });
}
