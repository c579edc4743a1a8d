// The employments of a period as the workforce statistics need them: one compact record each, read
// from Opus in one batched pass (employmentsActiveDuring: a list call per 1,000 and a
// Medarbejderoplysninger call per 100) and kept per process for a few minutes (periodCache.ts). Not
// from the extract store: it lacks ansættelsesform and may lag a day, and the Dataservice answers a
// whole municipality in one batched pass. The CPR number and birth date stay in this process.
import type { IsoDate, Placement } from '../../../sources/model.js';
import type { OpusSource } from '../../../sources/opus/OpusSource.js';
import { cprBirthDate } from '../../../sources/identifiers.js';
import { employmentsActiveDuring } from '../../shared/loaders.js';
import { occupation, workingTimeOn } from '../../shared/measure.js';
import { versionOn } from '../../shared/dates.js';
import type { BoundedPeriod } from '../../shared/period.js';
import type { Sources } from '../../shared/sources.js';
import { cachePerSource } from '../../shared/statistics/periodCache.js';
import { minimumPersons } from '../../shared/statistics/settings.js';
import { OpusOrgTree } from '../../shared/opusOrgTree.js';
import { WorkforcePeriod } from './figures.js';

export interface WorkforceRecord {
  employmentNumber: string;
  /** The person: their CPR number, only ever used as a key here. */
  person: string;
  birthDate: IsoDate;
  start: IsoDate;
  end: IsoDate | null;
  /** Null where the source has none (the extract store). */
  employmentType: string | null;
  agreement: { code: string; name: string };
  position: { id: string; name: string };
  /** Beskæftigelsesgrad on the period's last day (0 when not employed then). */
  occupationOnTo: number;
  /** The unit placed in on the period's first and last day, on the first and the last day of employment (when those are in the period). */
  unitOnFrom: string | null;
  unitOnTo: string | null;
  unitOnStart: string | null;
  unitOnEnd: string | null;
}

export const isEmployedOn = (r: Pick<WorkforceRecord, 'start' | 'end'>, day: IsoDate) => r.start <= day && (r.end === null || day <= r.end);
const within = (day: IsoDate | null, p: BoundedPeriod) => day !== null && p.from <= day && day <= p.to;

function unitOn(placements: readonly Placement[], day: IsoDate): string | null {
  return versionOn(placements, day)?.orgUnitOpusId ?? null;
}

async function readPopulation(sources: Sources, period: BoundedPeriod): Promise<WorkforceRecord[]> {
  const read = await employmentsActiveDuring(sources, period, ['Persondata', 'Kontraktindhold', 'Arbejdstid', 'Organisation']);
  const records: WorkforceRecord[] = [];
  for (const e of read.values()) {
    const c = e.contract;
    if (!c || !e.person) continue;
    const placements = e.placements ?? [];
    const employed = (day: IsoDate) => isEmployedOn(c, day);
    records.push({
      employmentNumber: e.employmentNumber,
      person: e.person.cpr,
      birthDate: cprBirthDate(e.person.cpr),
      start: c.start,
      end: c.end,
      employmentType: c.employmentType ?? null,
      agreement: { code: c.agreement.code, name: c.agreement.name },
      position: { id: c.positionId, name: c.position },
      occupationOnTo: employed(period.to) ? occupation(workingTimeOn(e.workingTime, period.to)) : 0,
      unitOnFrom: employed(period.from) ? unitOn(placements, period.from) : null,
      unitOnTo: employed(period.to) ? unitOn(placements, period.to) : null,
      unitOnStart: within(c.start, period) ? unitOn(placements, c.start) : null,
      unitOnEnd: within(c.end, period) ? unitOn(placements, c.end!) : null,
    });
  }
  return records;
}

const cacheOf = cachePerSource<OpusSource, WorkforcePeriod>();

/** The period's records with Opus's tree on its last day, read once per process while fresh. */
export function workforcePeriod(sources: Sources, period: BoundedPeriod): Promise<WorkforcePeriod> {
  return cacheOf(sources.opus).get(period, async () => {
    const [records, tree] = await Promise.all([readPopulation(sources, period), OpusOrgTree.for(sources.opus).treeOn(period.to)]);
    return new WorkforcePeriod(period, records, tree, minimumPersons());
  });
}
