// The Opus "Individuelt dataudtræk" (daily XML extract): reading, writing and comparing files.
export { diffExtracts, type ExtractDiff, type RecordChange } from './diff.js';
export { ExtractFormatError } from './errors.js';
export { extractFileName, listExtracts, parseExtractFileName, type ExtractFile } from './fileName.js';
export { loadOpusExtract, readOpusExtract, type LoadedExtract, type ReadExtractOptions } from './reader.js';
export { extractRecordFromEmployment, hasLeft, orgUnitsOn, toExtractEmployee, toExtractOrgUnit } from './mapping.js';
export type { ExtractEmployee, ExtractOrgUnit, ExtractRecord } from './types.js';
export { writeOpusExtract } from './writer.js';
