// What an Opus source can answer. The Dataservice carries every area of Medarbejderoplysninger but
// only the current registration; the daily extract carries fewer fields, with every registration kept.
// The graph asks here before it reads, so a field the configured source lacks answers
// SOURCE_NOT_AVAILABLE naming the mode, never an empty or made-up value.
import { SourceNotAvailableError } from '../errors.js';
import { SOURCE_NAME } from './errors.js';
import { OPUS_AREAS, type OpusArea } from './OpusSource.js';

/** OPUS_SOURCE: which Opus interface the subgraphs read. */
export type OpusMode = 'dataservice' | 'extract';

export interface OpusCoverage {
  mode: OpusMode;
  areas: ReadonlySet<OpusArea>;
  /** Fields inside served areas the source lacks, as `<Employment field>.<field>` (`contract.agreement`). */
  missingFields: ReadonlySet<string>;
  /** Whether reads take `registeredAt` (as the source said at an earlier instant). */
  registrationTime: boolean;
}

export const DATASERVICE_COVERAGE: OpusCoverage = {
  mode: 'dataservice',
  areas: new Set(OPUS_AREAS),
  missingFields: new Set(),
  registrationTime: false,
};

const WHERE: Record<OpusMode, string> = {
  dataservice: 'the Opus Dataservice (OPUS_SOURCE=dataservice)',
  extract: 'the Opus extract (OPUS_SOURCE=extract)',
};

/** SOURCE_NOT_AVAILABLE for `what` (an area, a field or an argument), naming the mode. */
export function notAvailable(coverage: OpusCoverage, what: string, operation = 'read'): SourceNotAvailableError {
  return new SourceNotAvailableError(`${what} is not in ${WHERE[coverage.mode]}`, SOURCE_NAME, operation);
}
