// Apollo Server's per-request query hash answers without looking crypto up through the module loader
// (platform/apolloHash.ts), and is still SHA-256 of the query text.
import { createHash as nodeHash } from 'node:crypto';
import Module, { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apolloHashModules } from '../../platform/apolloHash.js';

const require = createRequire(import.meta.url);
const loader = Module as unknown as { _load: (...args: unknown[]) => unknown };

afterEach(() => vi.restoreAllMocks());

describe('Apollo Server query hashing', () => {
  it('finds the copies Apollo Server and @apollo/gateway load, and hashes with SHA-256 without a module lookup', () => {
    const paths = apolloHashModules();
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.some((p) => p.includes('@apollo/server/node_modules/') || p.endsWith('utils.createhash/dist/index.js'))).toBe(true);
    for (const path of paths) {
      const { createHash } = require(path) as { createHash: (kind: string) => ReturnType<typeof nodeHash> };
      const load = vi.spyOn(loader, '_load');
      const hex = createHash('sha256').update('query { employment { name } }').digest('hex');
      expect(load).not.toHaveBeenCalled();
      expect(hex).toBe(nodeHash('sha256').update('query { employment { name } }').digest('hex'));
      load.mockRestore();
    }
  });
});
