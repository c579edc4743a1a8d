// The Person each function holder (Bruger) pointed to when last read, per hierarchy snapshot: a guess
// that lets a manager's person be read in the same round trip as the Leder functions and their users
// (functions.ts), where it would otherwise wait for the user's answer. The snapshot itself leaves
// users out (fremsoegobjekthierarki's Brugere are passed over unparsed), so the guesses are learned
// from the users the requests read. Only ever a guess: what is shown comes from the fresh user's own
// TilknyttedePersoner, and a person the guess names that the user no longer has is read and not
// shown. UUIDs only; bounded, the oldest forgotten first; gone with the snapshot.
import type { OrgUser } from '../../sources/model.js';
import type { HierarchyIndex } from './hierarchyIndex.js';

/** More than the holders of any municipality's functions; about 150 bytes each. */
const MOST_REMEMBERED = 50_000;

const perSnapshot = new WeakMap<HierarchyIndex, Map<string, string>>();

function remembered(index: HierarchyIndex): Map<string, string> {
  let known = perSnapshot.get(index);
  if (!known) perSnapshot.set(index, (known = new Map()));
  return known;
}

/** The persons the users had when last read, for those whose was seen. */
export function lastKnownPersons(index: HierarchyIndex, userIds: Iterable<string>): string[] {
  const known = remembered(index);
  const out = new Set<string>();
  for (const id of userIds) {
    const personId = known.get(id.toLowerCase());
    if (personId) out.add(personId);
  }
  return [...out];
}

/** Remembers the persons of users just read. */
export function rememberPersons(index: HierarchyIndex, users: Iterable<OrgUser | null>): void {
  const known = remembered(index);
  for (const u of users) {
    if (!u?.personId) continue;
    const key = u.id.toLowerCase();
    known.delete(key);
    known.set(key, u.personId);
    if (known.size > MOST_REMEMBERED) known.delete(known.keys().next().value!);
  }
}
