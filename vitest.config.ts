import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One copy of graphql for every importer, or graphql-js refuses types "from another module or realm".
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Subgraphs compile every document at first sight, so every test runs what serves in the steady
    // state (graphql-jit); test/shared/compiled-execution.test.ts covers the runs before compiling.
    env: { SUBGRAPH_COMPILE_AFTER: '0' },
    server: { deps: { inline: [] } },
  },
});
