import type { PianoStampaCartella } from "../layout/indice";
import type { Patch } from "../layout/patch";
import type { StatoCartella } from "./index";
import type { Pacchetto } from "./pacchetto";

export class Scrittore {
  constructor(
    readonly pacchetto: Pacchetto,
    readonly stato: StatoCartella
  ) {}
  async applicaPatch(_patch: Patch): Promise<void> {}
  async impagina(_piano: PianoStampaCartella): Promise<void> {}
  async concludi(): Promise<void> {}
}
