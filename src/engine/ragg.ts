import { Polarita } from "./tipi";

/**
 * % Ragg of one indicator on 0–100, unrounded.
 * ↑ (higher is better): consuntivo ≥ atteso → 100, else max(0, consuntivo / atteso × 100);
 *   atteso 0 → 100 when consuntivo ≥ 0.
 * ↓ (lower is better): consuntivo ≤ atteso → 100, else atteso / consuntivo × 100.
 */
export function calcolaRagg(atteso: number, consuntivo: number, polarita: Polarita = "crescente"): number {
  if (polarita === "decrescente") {
    if (consuntivo <= atteso || consuntivo === 0) return 100;
    return Math.max(0, Math.min(100, (atteso / consuntivo) * 100));
  }
  if (consuntivo >= atteso) return 100;
  if (atteso === 0) return consuntivo >= 0 ? 100 : 0;
  return Math.max(0, Math.min(100, (consuntivo / atteso) * 100));
}

export function calcolaScostamento(atteso: number, consuntivo: number): number {
  return consuntivo - atteso;
}
