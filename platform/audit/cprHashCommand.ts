// `npm run audit:cpr-hash -- <cpr>...`: the audit log's keyed hash of CPR numbers (PERSON_ID_KEY from
// the environment, as the subgraphs have it), for finding a person's lookups, or a CPR-shaped token
// subject, in the log by hand.
import { CprHasher } from './cprHash.js';
import { personIdKey } from '../personId.js';

const cprs = process.argv.slice(2).filter((a) => a !== '--');
if (cprs.length === 0) {
  console.error('Usage: npm run audit:cpr-hash -- DDMMYYSSSS [...]   (PERSON_ID_KEY as the subgraphs have it)');
  process.exit(2);
}
const hasher = new CprHasher(personIdKey());
for (const cpr of cprs) console.log(hasher.hash(cpr));
