// Countries as Opus's Adresse.Land shows them: the Danish name ("Danmark", "Tyskland"). Callers may
// give an ISO 3166-1 alpha-2 code instead; both become the Danish name. The names are CLDR's Danish
// region names (Unicode CLDR, shipped with Node's ICU as Intl.DisplayNames), which is the nearest
// public list: KMD does not publish the texts Opus uses, so a name Opus spells otherwise must be
// added here when seen.

/** User-assigned (AA, QM-QZ, XA-XZ, ZZ) and exceptionally reserved groupings (EU, EZ, UN): not countries. */
function isCountryCode(code: string): boolean {
  return !(code === 'AA' || code === 'ZZ' || code === 'EU' || code === 'EZ' || code === 'UN' || code[0] === 'X' || (code[0] === 'Q' && code[1] >= 'M'));
}

let byKey: Map<string, string> | null = null;

/** Danish name by upper-case alpha-2 code and by lower-case Danish name. */
function table(): Map<string, string> {
  if (byKey) return byKey;
  const names = new Intl.DisplayNames(['da'], { type: 'region', fallback: 'none' });
  const t = new Map<string, string>();
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (!isCountryCode(code)) continue;
      const name = names.of(code);
      if (!name) continue;
      t.set(code, name);
      t.set(name.toLocaleLowerCase('da'), name);
    }
  }
  byKey = t;
  return t;
}

/** The Danish name for an alpha-2 code or a Danish country name (any case); null when it is neither. */
export function danishCountryName(value: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  return table().get(/^[A-Za-z]{2}$/.test(v) ? v.toUpperCase() : v.toLocaleLowerCase('da')) ?? null;
}

/** Whether `name` is a country's Danish name exactly as Opus shows it. */
export function isDanishCountryName(name: string): boolean {
  return danishCountryName(name) === name && !/^[A-Za-z]{2}$/.test(name);
}
