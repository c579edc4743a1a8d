// The id of a WorkforceStatistics entity: the scope and period it answers for, opaque to clients but
// stable, so the absence subgraph can answer its part from the id alone.
import type { IsoDate } from '../../../sources/model.js';
import { badInput } from '../../../platform/errors.js';
import { boundedPeriod, type BoundedPeriod } from '../period.js';

export interface StatisticsScope extends BoundedPeriod {
  /** Opus org unit number; null for the whole municipality. */
  unit: string | null;
  /** With `unit`: the unit and every unit below it (the municipality always counts every unit). */
  includeSubtree: boolean;
}

const PREFIX = 'ws1';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function statisticsId(scope: StatisticsScope): string {
  const text = [PREFIX, scope.unit ?? '', scope.unit === null || scope.includeSubtree ? '1' : '0', scope.from, scope.to].join('|');
  return Buffer.from(text, 'utf8').toString('base64url');
}

export function parseStatisticsId(id: string): StatisticsScope {
  const parts = Buffer.from(id, 'base64url').toString('utf8').split('|');
  const [prefix, unit, subtree, from, to] = parts;
  if (parts.length !== 5 || prefix !== PREFIX || !DATE.test(from) || !DATE.test(to) || (subtree !== '0' && subtree !== '1')) {
    throw badInput('Not a WorkforceStatistics id', { argument: 'id' });
  }
  const period = boundedPeriod(from as IsoDate, to as IsoDate);
  return { ...period, unit: unit === '' ? null : unit, includeSubtree: unit === '' || subtree === '1' };
}
