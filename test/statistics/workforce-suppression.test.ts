// The release rule through the gateway, on a unit made for it (fixture.ts) at the default minimum of
// 5: a cell of 1-4 persons is withheld, a second cell beside the only small one of a distribution,
// and one of two answers (a unit with and without its sub-unit) that differ by 3 persons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { post } from '../support/http.js';
import { testStack } from '../support/stack.js';
import { statisticsMinPersonsFromEnv } from '../../subgraphs/shared/config.js';
import { statisticsFixture, UNITS, type StatisticsFixture } from './fixture.js';

const FROM = '2026-01-01';
const TO = '2026-10-31';

const QUERY = /* GraphQL */ `
  query ($opusId: ID!, $from: Date!, $to: Date!, $subtree: Boolean) {
    orgUnitByOpusId(opusId: $opusId) {
      workforceStatistics(from: $from, to: $to, includeSubtree: $subtree) {
        minimumPersons
        headcount { value suppressed }
        fullTimeEquivalents { value suppressed }
        byEmploymentType { key headcount { value suppressed } fullTimeEquivalents { value suppressed } }
        absence { persons { value suppressed } rate { value suppressed } byType { type persons { value suppressed } rate { value suppressed } } }
      }
    }
  }
`;

let stack: Stack;
let fx: StatisticsFixture;
let auth: Record<string, string>;
beforeAll(async () => {
  fx = statisticsFixture();
  stack = await testStack({ municipality: fx.municipality });
  auth = await stack.headers({ scopes: ['statistics:read', 'org:read'] });
});
afterAll(() => stack?.close());

async function statistics(opusId: string, subtree: boolean) {
  const res = await post(stack.url, QUERY, { opusId, from: FROM, to: TO, subtree }, auth);
  expect(res.body.errors).toBeUndefined();
  return res.body.data.orgUnitByOpusId.workforceStatistics;
}

describe('suppression of workforce statistics', () => {
  it('withholds a cell of fewer than 5 persons, its årsværk with it', async () => {
    const s = await statistics(UNITS.child.opusId, false);
    expect(s.minimumPersons).toBe(5);
    expect(s.headcount).toEqual({ value: null, suppressed: 'FEWER_THAN_MINIMUM' });
    expect(s.fullTimeEquivalents).toEqual({ value: null, suppressed: 'FEWER_THAN_MINIMUM' });
    expect(s.absence.persons).toEqual({ value: null, suppressed: 'FEWER_THAN_MINIMUM' });
  });

  it('withholds one of two overlapping answers that differ by fewer than 5 persons', async () => {
    const withChild = await statistics(UNITS.parent.opusId, true);
    const alone = await statistics(UNITS.parent.opusId, false);
    const answers = [withChild.headcount, alone.headcount];
    expect(answers.filter((c) => c.suppressed === 'OVERLAP')).toHaveLength(1);
    const released = answers.find((c) => c.suppressed === null);
    expect([15, 12]).toContain(released.value);
    // The released one is the subtree: the sub-unit's 3 join the parent's block.
    expect(withChild.headcount).toEqual({ value: 15, suppressed: null });
    expect(withChild.fullTimeEquivalents).toEqual({ value: 15, suppressed: null });
  });

  it('withholds a second cell beside the only small cell of a distribution', async () => {
    const s = await statistics(UNITS.parent.opusId, true);
    const rows = Object.fromEntries(s.byEmploymentType.map((r: any) => [r.key, r.headcount]));
    expect(rows.HOURLY).toEqual({ value: null, suppressed: 'FEWER_THAN_MINIMUM' });
    expect(rows.PERMANENT).toEqual({ value: null, suppressed: 'COMPLEMENTARY' });
    // Empty rows reveal nothing and stay.
    expect(rows.FIXED_TERM).toEqual({ value: 0, suppressed: null });
    expect(rows.TRAINEE).toEqual({ value: 0, suppressed: null });
  });

  it('withholds the sick day of one person and the absence type that would give it away', async () => {
    const s = await statistics(UNITS.parent.opusId, true);
    expect(s.absence.persons).toEqual({ value: 15, suppressed: null });
    expect(s.absence.rate.suppressed).toBeNull();
    const types = Object.fromEntries(s.absence.byType.map((t: any) => [t.type, t]));
    expect(types.SYGDOM.rate).toEqual({ value: null, suppressed: 'FEWER_THAN_MINIMUM' });
    expect(types.SYGDOM.persons).toEqual({ value: null, suppressed: 'FEWER_THAN_MINIMUM' });
    expect(types.FERIE.rate).toEqual({ value: null, suppressed: 'COMPLEMENTARY' });
    expect(types.BARSEL.rate).toEqual({ value: 0, suppressed: null });
  });

  it('refuses a minimum below 2, naming the variable', () => {
    expect(statisticsMinPersonsFromEnv({})).toBe(5);
    expect(statisticsMinPersonsFromEnv({ STATISTICS_MIN_PERSONS: '10' })).toBe(10);
    for (const bad of ['1', '0', 'five', '2.5']) expect(() => statisticsMinPersonsFromEnv({ STATISTICS_MIN_PERSONS: bad })).toThrow(/STATISTICS_MIN_PERSONS/);
  });
});
