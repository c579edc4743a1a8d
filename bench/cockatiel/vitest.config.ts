// Runs the tests with protection.ts wired to the cockatiel candidate (bench/cockatiel/).
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
const require = createRequire(import.meta.url);
export default defineConfig({
  root: '/work/main',
  resolve: {
    alias: [
      { find: 'graphql', replacement: require.resolve('graphql') },
      { find: /^\.\/SourceGuard\.js$/, replacement: '/work/main/bench/cockatiel/SourceGuard.ts' },
      { find: /^(\.\/|.*platform\/resilience\/)CircuitBreaker\.js$/, replacement: '/work/main/bench/cockatiel/CircuitBreaker.ts' },
    ],
  },
  test: { include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000, pool: 'forks', server: { deps: { inline: [] } } },
});
