// The reader's additions for the store: unknown elements kept on request, and errors that name the element.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffExtracts, ExtractFormatError, loadOpusExtract, readOpusExtract } from '../../sources/opus/extract/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'extract-extra-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<kmd>
  <orgUnit id="1" client="851"><longName>A</longName><invoiceRecipient>true</invoiceRecipient></orgUnit>
  <employee id="2" client="851">
    <firstName>Anna</firstName>
    <productionNumber> 42 </productionNumber>
  </employee>
</kmd>
`;

async function failure(file: string): Promise<ExtractFormatError> {
  try {
    for await (const _ of readOpusExtract(file)) void _;
  } catch (error) {
    expect(error).toBeInstanceOf(ExtractFormatError);
    return error as ExtractFormatError;
  }
  throw new Error('expected an ExtractFormatError');
}

describe('unknown elements', () => {
  it('are kept in extra when asked, and skipped otherwise', async () => {
    const file = join(dir, 'extra.xml');
    await writeFile(file, XML);
    const kept = await loadOpusExtract(file, { keepUnknownElements: true });
    expect(kept.orgUnits.get('1')!.extra).toEqual({ invoiceRecipient: 'true' });
    expect(kept.employees.get('2')!.extra).toEqual({ productionNumber: '42' });
    expect(kept.employees.get('2')!.firstName).toBe('Anna');
    const skipped = await loadOpusExtract(file);
    expect(skipped.employees.get('2')).not.toHaveProperty('extra');
    // Equal content is no change; a different value is.
    expect(diffExtracts(kept, await loadOpusExtract(file, { keepUnknownElements: true })).changedEmployees).toEqual([]);
  });
});

describe('errors name the element', () => {
  it('for a truncated file, a mismatched tag and an unknown action', async () => {
    const truncated = join(dir, 'truncated.xml');
    await writeFile(truncated, XML.slice(0, XML.indexOf('</firstName>')));
    const t = await failure(truncated);
    expect(t.element).toBe('firstName');
    expect(t.line).toBe(5);
    expect(t.message).toContain('(in <firstName>)');

    const mismatched = join(dir, 'mismatched.xml');
    await writeFile(mismatched, '<kmd>\n<employee id="1" client="851">\n<firstName>A</lastName>\n</employee>\n</kmd>\n');
    // saxes closes <firstName> before it reports the stray </lastName>: the record element is named.
    expect(await failure(mismatched)).toMatchObject({ line: 3, element: 'employee' });

    const action = join(dir, 'action.xml');
    await writeFile(action, '<kmd>\n<employee id="1" client="851" action="hire"/>\n</kmd>\n');
    expect(await failure(action)).toMatchObject({ line: 2, element: 'employee' });
  });
});
