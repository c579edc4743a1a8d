// A promise that fails with nobody waiting on it is logged, and the server process keeps serving
// (platform/unhandledRejections.ts). Run in a child process: Node's default would end it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

const script = (install: boolean) => `
  import { createLogger } from './platform/logging.js';
  import { logUnhandledRejections } from './platform/unhandledRejections.js';
  ${install ? "logUnhandledRejections(createLogger({ name: 'probe' }));" : ''}
  void Promise.reject(new Error('nobody waits on this'));
  setTimeout(() => console.log('still serving'), 50);
`;

describe('unhandled rejections', () => {
  it('are logged at error level and the process keeps running', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script(true)], { cwd: process.cwd(), env: { ...process.env, LOG_LEVEL: 'info' } });
    const lines = stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('still serving');
    const logged = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    expect(logged).toEqual([expect.objectContaining({ level: 'error', msg: expect.stringContaining('nobody waiting'), err: expect.objectContaining({ message: 'nobody waits on this' }) })]);
  });

  it('end the process without it (Node’s default, which the servers replace)', async () => {
    await expect(run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script(false)], { cwd: process.cwd() })).rejects.toMatchObject({ code: 1 });
  });
});
