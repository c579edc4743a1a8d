// The sample municipality's Klassifikation: the classes its FK ORG data points at (registreringsmønstre).
// Leder, Stilling, Afdeling and Team carry the Anvisninger's UUIDs (sources/fkorg/wire.ts); every other
// class is the municipality's own, as in production, with a UUID derived from its kind and key so that
// the same sample always has the same classes without drawing from the generator's random stream.
import { ANVISNING_CLASSES } from '../fkorg/wire.js';
import type { OrgClass } from '../model.js';
import { nameBasedUuid } from '../uuid.js';

/** Collects the classes the sample uses, one per kind and key (and title, for unit types). */
export class SampleClasses {
  private readonly byKey = new Map<string, OrgClass>();

  private get(kind: string, key: string, name: string): OrgClass {
    const k = `${kind}\n${key}\n${name}`;
    let c = this.byKey.get(k);
    if (!c) {
      const anvisning = ANVISNING_CLASSES.find((a) => a.key === key && a.name === name);
      c = { id: anvisning?.id ?? nameBasedUuid(`kommunegraf-klasse\n${kind}\n${key}\n${name}`), key, name };
      this.byKey.set(k, c);
    }
    return c;
  }

  /** Enhedstype: `key` as the tree uses it (kommune, afdeling, institution, ...), `name` its title (Skole, ...). */
  unitType(key: string, name: string): OrgClass {
    return this.get('enhedstype', key, name);
  }

  /** Funktionstype: Leder, Stilling, or a role such as Tillidsrepræsentant. */
  functionType(name: string): OrgClass {
    return this.get('funktionstype', name, name);
  }

  /** A KLE task class: BrugervendtNoegle the KLE number. */
  kle(number: string): OrgClass {
    return this.get('kle', number, `KLE ${number}`);
  }

  all(): OrgClass[] {
    return [...this.byKey.values()];
  }
}
