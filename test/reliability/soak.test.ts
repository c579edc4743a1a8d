// The soak (`npm run soak`) run briefly, so the tool itself keeps working: every phase of faults is
// met, and every verdict it prints holds.
import { describe, expect, it } from 'vitest';
import { formatReport, runSoak } from './soak.js';

describe('npm run soak, briefly', () => {
  it('passes every verdict under the fault phases, and the faults are visible in what it reports', { timeout: 120_000 }, async () => {
    const report = await runSoak({ durationSeconds: 8, rate: 50, employees: 150, maxGrowthMb: 64, seed: 3 });
    expect(report.verdicts.filter((v) => !v.pass), formatReport(report)).toEqual([]);
    // A source failure the retries could not hide reaches the client coded. How many do is chance (the
    // simulators pick the failing calls at random, and a retry may land on a healthy one), so the run is
    // long enough to see several, and either code counts.
    expect((report.byCode.SOURCE_UNAVAILABLE ?? 0) + (report.byCode.SOURCE_TIMEOUT ?? 0), formatReport(report)).toBeGreaterThan(0);
    expect(report.staleAnswers).toBeGreaterThan(0);
    expect(report.writes.total).toBeGreaterThan(10);
    expect(report.writes.converged).toBe(report.writes.total);
    expect(formatReport(report)).toMatch(/^PASS {2}no 5xx/m);
  });
});
