// Second half of `npm run codegen`: turns graphql-codegen's persisted-documents.json into the checked-in
// manifest schema/persisted-query-manifest.json (a test fails when it drifts from the operations).
import { readFile, writeFile } from 'node:fs/promises';
import { manifestFromPersistedDocuments, MANIFEST_FILE } from './manifest.js';

export const PERSISTED_DOCUMENTS = new URL('../../schema/generated/persisted-documents.json', import.meta.url);

export function manifestText(documents: Record<string, string>): string {
  return JSON.stringify(manifestFromPersistedDocuments(documents), null, 2) + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const documents = JSON.parse(await readFile(PERSISTED_DOCUMENTS, 'utf8')) as Record<string, string>;
  await writeFile(MANIFEST_FILE, manifestText(documents));
  console.log(`Wrote schema/persisted-query-manifest.json (${Object.keys(documents).length} operations)`);
}
