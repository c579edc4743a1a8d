// One line per file for the commands' output and logs: what happened, counts, gap. No values from the file.
import type { IngestResult } from './ingest.js';
import type { WatchOutcome } from './watch.js';

export function describeResult(result: IngestResult): string {
  if (result.status === 'duplicate') return `${result.file}: duplicate (same content as ${result.sameAs}), nothing changed`;
  const gap = result.gapDays ? `, gap of ${result.gapDays} day${result.gapDays === 1 ? '' : 's'} before it` : '';
  return (
    `${result.file}: ingested ${result.employees} employees, ${result.orgUnits} org units; ` +
    `${result.employmentVersions} employment and ${result.orgUnitVersions} org unit versions, ${result.events} events${gap}`
  );
}

export function describeOutcome(outcome: WatchOutcome): string {
  if ('result' in outcome) return describeResult(outcome.result);
  if ('refused' in outcome) return `refused: ${outcome.refused.message}`;
  return `failed (will retry): ${outcome.file}: ${outcome.failed.message}`;
}
