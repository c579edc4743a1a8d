// Whose employment a medarbejdernummer is, as last read from Opus, so that a person's other
// employments can be looked up (find-employees-by-cpr) while the employment itself is still being
// read, instead of after it. What `Employee.orgUnitPeriods` (required by the organisation subgraph's
// `manager`) reads waits on both; the employee card then needs one Opus round trip less.
//
// Only ever a guess that starts a read: what a query gets comes from the employment just read. A guess
// that no longer holds (the employment read names another CPR) only means the lookup made for it is
// not used, and the right one is made as before (the request's loader is keyed by CPR). Bounded like
// the person ids (platform/personId.ts), in the process's memory only, never logged.
import type { SubgraphContext } from '../shared/context.js';
import { setBounded } from '../../platform/collections.js';

/** More than the employments of the largest municipality; about 100 bytes each. */
const MOST_REMEMBERED = 200_000;

const owners = new Map<string, string>();

/** Remembers whose employment it is, from an employment just read with its Persondata. */
export function rememberOwner(employmentNumber: string, cpr: string | undefined): void {
  if (!cpr || owners.get(employmentNumber) === cpr) return;
  setBounded(owners, employmentNumber, cpr, MOST_REMEMBERED);
}

/**
 * Starts the lookup of the person's employments by the employment's last known owner, in the
 * request's loader, where `Employee.orgUnitPeriods` will ask for it. Nothing when the owner is not
 * known yet. A failure surfaces where the lookup is used, never here.
 */
export function startOwnerLookup(ctx: SubgraphContext, employmentNumber: string, registeredAt: string | undefined): void {
  const cpr = owners.get(employmentNumber);
  if (cpr) ctx.loaders.employmentsByCpr.load({ cpr, registeredAt }).catch(() => {});
}
