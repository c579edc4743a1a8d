import { readFile } from 'node:fs/promises';
import { generate } from '@graphql-codegen/cli';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { manifestText } from '../../gateway/persisted/buildManifest.js';
import { MANIFEST_FILE } from '../../gateway/persisted/manifest.js';

const root = new URL('../../', import.meta.url);

describe('registered operations', () => {
  it('are valid against the composed API schema', async () => {
    const schema = buildSchema(await readFile(new URL('schema/api.graphql', root), 'utf8'));
    const manifest = JSON.parse(await readFile(MANIFEST_FILE, 'utf8'));
    for (const op of manifest.operations) expect(validate(schema, parse(op.body)), op.name).toEqual([]);
  });

  it('match the checked-in manifest (run `npm run codegen` after changing schema/operations)', async () => {
    const cwd = process.cwd();
    process.chdir(new URL('.', root).pathname);
    try {
      const outputs = await generate(
        {
          schema: 'schema/api.graphql',
          documents: 'schema/operations/*.graphql',
          silent: true,
          generates: {
            'schema/generated/': {
              preset: 'client',
              config: { scalars: { Date: 'string' }, enumsAsTypes: true, useTypeImports: true },
              presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
            },
          },
        },
        false,
      );
      const documents = outputs.find((o: { filename: string }) => o.filename.endsWith('persisted-documents.json'));
      expect(documents, 'codegen wrote persisted documents').toBeDefined();
      expect(await readFile(MANIFEST_FILE, 'utf8')).toBe(manifestText(JSON.parse(documents.content)));
    } finally {
      process.chdir(cwd);
    }
  });
});
