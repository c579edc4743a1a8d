// The source interfaces as the subgraphs see them: each method of OpusSource and OrgSource routed
// through its source's guard (breaker, and for reads retries and the request's deadline) and, for
// reads, the stale-if-error cache. The mechanism is one (SourceGuard, StaleCache); this file only
// says which methods read, which write, and how a read's answer splits into cache entries.
import { mapReadsById, type OrgSource } from '../../sources/fkorg/OrgSource.js';
import type { OpusSource } from '../../sources/opus/OpusSource.js';
import type { Protection } from '../../platform/resilience/protection.js';


export function resilientOpus(inner: OpusSource, { guard, cache }: Protection): OpusSource {
  const read = <T>(operation: string, call: () => Promise<T>) => guard.read(operation, call);
  return {
    get maxBatchSize() {
      return inner.maxBatchSize;
    },
    coverage: inner.coverage,
    // A registration time is part of what was asked, so of the cached copy's key (left out when none).
    readEmployments: (numbers, areas, virkning, registeredAt) =>
      cache.each('opus.readEmployments', { areas: [...new Set(areas)].sort(), virkning: virkning ?? null, ...(registeredAt ? { registeredAt } : {}) }, numbers.filter((n) => n !== ''), () =>
        read('readEmployments', () => inner.readEmployments(numbers, areas, virkning, registeredAt)),
      ),
    listEmployments: (filter, after, limit) =>
      cache.one('opus.listEmployments', { filter, after, limit }, () => read('listEmployments', () => inner.listEmployments(filter, after, limit))),
    findEmploymentsByCpr: (cprs, registeredAt) =>
      cache.each('opus.findEmploymentsByCpr', registeredAt ? { registeredAt } : null, cprs, () => read('findEmploymentsByCpr', () => inner.findEmploymentsByCpr(cprs, registeredAt))),
    readOneOffPayments: (employmentNumber, period) =>
      cache.one('opus.readOneOffPayments', { employmentNumber, period }, () => read('readOneOffPayments', () => inner.readOneOffPayments(employmentNumber, period))),
    readOrgUnits: () => cache.one('opus.readOrgUnits', null, () => read('readOrgUnits', () => inner.readOrgUnits())),
    // Writes: never retried, never served from a copy.
    updateCommunication: (employmentNumber, communication, updateId) =>
      guard.write('updateCommunication', () => inner.updateCommunication(employmentNumber, communication, updateId)),
    updateOneOffPayments: (update) => guard.write('updateOneOffPayments', () => inner.updateOneOffPayments(update)),
    updateFixedPayItems: (update) => guard.write('updateFixedPayItems', () => inner.updateFixedPayItems(update)),
    updatePersonalData: (update) => guard.write('updatePersonalData', () => inner.updatePersonalData(update)),
  };
}

/** FK ORG is only ever read by the graph: every method is a read; all but the hierarchy go through the guard. */
export function resilientOrg(inner: OrgSource, { guard, cache }: Protection): OrgSource {
  const one = <T>(operation: string, args: unknown, call: () => Promise<T>) => cache.one(`fkorg.${operation}`, args, () => guard.read(operation, call));
  return {
    get maxBatchSize() {
      return inner.maxBatchSize;
    },
    ...mapReadsById(inner, (name, read) => (ids) => cache.each(`fkorg.${name}`, null, ids, () => guard.read(name, () => read(ids)))),
    findUnits: (criteria, offset, limit) => one('findUnits', { criteria, offset, limit }, () => inner.findUnits(criteria, offset, limit)),
    findFunctions: (criteria, offset, limit) => one('findFunctions', { criteria, offset, limit }, () => inner.findFunctions(criteria, offset, limit)),
    findInterestGroups: (criteria, offset, limit) => one('findInterestGroups', { criteria, offset, limit }, () => inner.findInterestGroups(criteria, offset, limit)),
    findPersons: (criteria, offset, limit) => one('findPersons', { criteria, offset, limit }, () => inner.findPersons(criteria, offset, limit)),
    findUsers: (criteria, offset, limit) => one('findUsers', { criteria, offset, limit }, () => inner.findUsers(criteria, offset, limit)),
    // Read only in the background, outside any request (organisation/hierarchy.ts): it has its own bound,
    // retries and persisted copy there, and a walk of many minutes must hold no breaker permit.
    hierarchy: (options) => inner.hierarchy(options),
  };
}
