import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { compose, SCHEMA_DIR } from '../../gateway/compose.js';
import { SUBGRAPHS } from '../../subgraphs/index.js';

describe('checked-in schema', () => {
  it('equals what the code generates (run `npm run compose` after changing a type)', async () => {
    const generated = await compose();
    for (const name of SUBGRAPHS) {
      expect(await readFile(new URL(`${name}.graphql`, SCHEMA_DIR), 'utf8'), `schema/${name}.graphql`).toBe(generated.subgraphs[name]);
    }
    expect(await readFile(new URL('supergraph.graphql', SCHEMA_DIR), 'utf8'), 'schema/supergraph.graphql').toBe(generated.supergraph);
    expect(await readFile(new URL('api.graphql', SCHEMA_DIR), 'utf8'), 'schema/api.graphql').toBe(generated.api);
  });

  it('composes into one Federation 2 supergraph with all four subgraphs', async () => {
    const { supergraph } = await compose();
    expect(supergraph).toContain('@link(url: "https://specs.apollo.dev/join/v0.');
    for (const name of SUBGRAPHS) expect(supergraph).toContain(`name: "${name}"`);
  });
});
