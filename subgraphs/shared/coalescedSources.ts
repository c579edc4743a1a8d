// The source interfaces with their reads by key merged across concurrent requests (sources/coalescing.ts):
// which methods read by key, and what besides the keys makes two reads alike. Everything else
// passes straight through.
import { ReadCoalescer } from '../../sources/coalescing.js';
import { mapReadsById, type OrgSource } from '../../sources/fkorg/OrgSource.js';
import type { OpusSource } from '../../sources/opus/OpusSource.js';

export function coalescedOpus(inner: OpusSource): OpusSource {
  const merged = new ReadCoalescer(inner.maxBatchSize);
  return {
    get maxBatchSize() {
      return inner.maxBatchSize;
    },
    coverage: inner.coverage,
    readEmployments: (numbers, areas, virkning, registeredAt) => {
      const kind = JSON.stringify(['readEmployments', [...new Set(areas)].sort(), virkning ?? null, registeredAt ?? null]);
      return merged.read(kind, numbers, (keys) => inner.readEmployments(keys, areas, virkning, registeredAt));
    },
    findEmploymentsByCpr: (cprs, registeredAt) =>
      merged.read(JSON.stringify(['findEmploymentsByCpr', registeredAt ?? null]), cprs, (keys) => inner.findEmploymentsByCpr(keys, registeredAt)),
    listEmployments: (filter, after, limit) => inner.listEmployments(filter, after, limit),
    readOneOffPayments: (employmentNumber, period) => inner.readOneOffPayments(employmentNumber, period),
    readOrgUnits: () => inner.readOrgUnits(),
    updateCommunication: (employmentNumber, communication, updateId) => inner.updateCommunication(employmentNumber, communication, updateId),
    updateOneOffPayments: (update) => inner.updateOneOffPayments(update),
    updateFixedPayItems: (update) => inner.updateFixedPayItems(update),
    updatePersonalData: (update) => inner.updatePersonalData(update),
  };
}

export function coalescedOrg(inner: OrgSource): OrgSource {
  const merged = new ReadCoalescer(inner.maxBatchSize);
  return {
    get maxBatchSize() {
      return inner.maxBatchSize;
    },
    ...mapReadsById(inner, (name, read) => (ids) => merged.read(name, ids, read)),
    findUnits: (criteria, offset, limit) => inner.findUnits(criteria, offset, limit),
    findFunctions: (criteria, offset, limit) => inner.findFunctions(criteria, offset, limit),
    findInterestGroups: (criteria, offset, limit) => inner.findInterestGroups(criteria, offset, limit),
    findPersons: (criteria, offset, limit) => inner.findPersons(criteria, offset, limit),
    findUsers: (criteria, offset, limit) => inner.findUsers(criteria, offset, limit),
    hierarchy: (options) => inner.hierarchy(options),
  };
}
