// The folders show the layers: platform/ (mechanics every process uses) under sources/ (clients and
// simulators) under subgraphs/, and the gateway beside the subgraphs, knowing of them only the list in
// subgraphs/index.ts. A relative import that crosses a layer the wrong way fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AUDIT_FILE } from '../../platform/audit/config.js';
import { DEV_KEY_FILE } from '../../platform/auth/devIssuer.js';
import { RUNNING_ISSUER_FILE } from '../../platform/auth/runningIssuer.js';

const ROOT = resolve(import.meta.dirname, '../..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** Every relative import of a file as a path from the project root ("platform/errors.ts"). */
export function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => relative(ROOT, resolve(ROOT, dirname(file), (m[1] ?? m[2])!)).replace(/\.js$/, '.ts'));
}

function crossings(folder: string, allowed: (target: string) => boolean): string[] {
  return tsFiles(folder).flatMap((file) => importsOf(file).filter((t) => !allowed(t)).map((t) => `${file} → ${t}`));
}

const under = (t: string, ...folders: string[]) => folders.some((f) => t.startsWith(`${f}/`));

describe('layers', () => {
  it('platform/ imports nothing of sources/, subgraphs/ or gateway/', () => {
    expect(crossings('platform', (t) => !under(t, 'sources', 'subgraphs', 'gateway'))).toEqual([]);
  });

  it('sources/ imports nothing of subgraphs/ or gateway/', () => {
    expect(crossings('sources', (t) => !under(t, 'subgraphs', 'gateway'))).toEqual([]);
  });

  it('subgraphs/ imports nothing of gateway/', () => {
    expect(crossings('subgraphs', (t) => !under(t, 'gateway'))).toEqual([]);
  });

  it('gateway/ knows of the subgraphs only their list, subgraphs/index.ts', () => {
    expect(crossings('gateway', (t) => !under(t, 'subgraphs') || t === 'subgraphs/index.ts')).toEqual([]);
  });

  it('reads the imports of the files it judges', () => {
    const found = importsOf('gateway/stack.ts');
    expect(found).toContain('subgraphs/index.ts');
    expect(found.some((t) => t.startsWith('platform/'))).toBe(true);
  });
});

describe('files a process keeps by default', () => {
  // Paths relative to a module move with it: each must still land in the project's own var/.
  it('lie in the project\'s var/', () => {
    const files = [DEFAULT_AUDIT_FILE, fileURLToPath(DEV_KEY_FILE), fileURLToPath(RUNNING_ISSUER_FILE)];
    for (const file of files) expect(relative(ROOT, file)).toMatch(/^var\//);
  });
});
