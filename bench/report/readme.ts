// Puts a run's tables into README.md between the performance markers, so the README shows exactly
// what bench/results/latest.json holds.
import { readFile, writeFile } from 'node:fs/promises';
import { renderMarkdown } from './render.js';
import type { BenchResults } from './results.js';

const README = new URL('../../README.md', import.meta.url);
export const START = '<!-- bench:start (written by npm run bench -- --update-readme) -->';
export const END = '<!-- bench:end -->';

export function replaceBetweenMarkers(text: string, content: string): string {
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md has no "${START}" ... "${END}" section`);
  return `${text.slice(0, a + START.length)}\n${content}\n${text.slice(b)}`;
}

export async function updateReadme(results: BenchResults): Promise<void> {
  const text = await readFile(README, 'utf8');
  await writeFile(README, replaceBetweenMarkers(text, renderMarkdown(results)));
}
