// The scale scenario's leak check reads a process's live heap through its inspector after a full
// collection (bench/deploy/inspector.ts): what is kept counts, garbage does not.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnNode, type Child } from '../../bench/deploy/child.js';
import { INSPECT_ARG, inspectorUrl, liveHeapBytes } from '../../bench/deploy/inspector.js';

const MiB = 2 ** 20;
// Keeps 40 arrays of 1 MiB of doubles (on the V8 heap) until told to drop them; makes as much garbage
// on each message.
const PROGRAM = `
const mib = () => new Array(131072).fill(0).map((_, j) => j + 0.5);
let kept = Array.from({ length: 40 }, mib);
process.on('message', (m) => {
  if (m === 'drop') kept = null;
  for (let i = 0; i < 40; i++) globalThis.junk = mib();
  globalThis.junk = null;
  process.send('done');
});
// A process that logs a lot (the gateway: a line per request) still names its inspector.
process.stdout.write('x'.repeat(100000) + '\\n', () => process.send('ready'));
`;

describe('the live heap of a process', () => {
  let child: Child;
  afterAll(() => child?.stop());

  const tell = (message: string) =>
    new Promise<void>((resolve) => {
      child.process.once('message', () => resolve());
      child.process.send(message);
    });

  it('counts what the process keeps and not its garbage', async () => {
    child = spawnNode([INSPECT_ARG, '-e', PROGRAM], { name: 'heap probe', env: { PATH: process.env.PATH }, ipc: true });
    await new Promise((resolve) => child.process.once('message', resolve));
    await expect.poll(() => inspectorUrl(child)).toBeDefined();
    const url = inspectorUrl(child)!;

    await tell('garbage');
    const keeping = await liveHeapBytes(url);
    expect(keeping).toBeGreaterThan(40 * MiB);
    // The 40 MiB of garbage (in V8's large-object space, freed only by a full collection) is not counted.
    expect(keeping).toBeLessThan(70 * MiB);

    await tell('drop');
    const dropped = await liveHeapBytes(url);
    expect(keeping - dropped).toBeGreaterThan(35 * MiB);
  });
});
