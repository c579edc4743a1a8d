// The simulated Opus's lønart table for Engangsydelser: DKK per unit of Antal. Opus stores a one-off
// payment's Beloeb as Antal × the lønart's sats (its lønart table is not public; the sample's rates in
// sources/sample/catalogue.ts stand in for it), so update-onetime-payments computes Beloeb the same way
// the sample's stored payments were made, and a payment read back never has Beloeb equal to Antal by
// accident. Rates seen in the snapshot's own payments win, so a snapshot from elsewhere keeps its rates.
import type { OpusSnapshot } from '../../model.js';
import { ONE_OFF_RATES } from '../../sample/catalogue.js';

export function oneOffRatesOf(snapshot: OpusSnapshot): Record<string, number> {
  const rates: Record<string, number> = { ...ONE_OFF_RATES };
  const seen = new Set<string>();
  for (const e of snapshot.employments) {
    for (const p of e.oneOffPayments) {
      if (seen.has(p.wageType) || p.quantity === 0 || ONE_OFF_RATES[p.wageType] !== undefined) continue;
      seen.add(p.wageType);
      rates[p.wageType] = Math.round((p.amount / p.quantity) * 100) / 100;
    }
  }
  return rates;
}
