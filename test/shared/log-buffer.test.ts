// Log lines on stdout wait in memory and go out a few kilobytes at a time (platform/logging.ts): the
// pipe sees one write per dozen request lines, a warning goes out at once, a quiet moment empties
// the buffer within its interval, and nothing waiting is lost when the process exits. Run in a child
// process, whose stdout is a pipe as in a container; the child counts its own writes to fd 1.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Logs `lines` info lines a moment apart, then reports how many writes reached fd 1 (counted by wrapping fs.write). */
const script = (lines: number, then: string) => `
  import fs from 'node:fs';
  let writes = 0;
  for (const name of ['write', 'writeSync']) {
    const original = fs[name];
    fs[name] = function (fd, ...rest) { if (fd === 1) writes++; return original.call(this, fd, ...rest); };
  }
  const { createLogger } = await import('./platform/logging.js');
  const log = createLogger({ name: 'probe' });
  // One line a millisecond or so, as requests come: each would find the stream idle.
  for (let i = 0; i < ${lines}; i++) {
    log.info({ requestId: 'r' + i, path: '/graphql', status: 200 }, 'graphql request');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  ${then}
`;

async function child(code: string, env: Record<string, string> = {}) {
  const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: process.cwd(), env: { ...process.env, LOG_LEVEL: 'info', ...env } });
  return { lines: stdout.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string; level: string; requestId?: string }), stderr };
}

describe('buffered log lines on stdout', () => {
  it('writes a few kilobytes at a time, and whatever waits when the process exits', async () => {
    const { lines, stderr } = await child(script(100, `process.stderr.write('writes ' + writes);`));
    // About 130 bytes a line: a write per 30 lines or so, and one per flush interval.
    const writes = Number(/writes (\d+)/.exec(stderr)?.[1]);
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThanOrEqual(10);
    // ...and every line is out when it exits, in order.
    expect(lines.map((l) => l.requestId)).toEqual(Array.from({ length: 100 }, (_, i) => `r${i}`));
  });

  it('writes each line at once with LOG_BUFFER_BYTES=0', async () => {
    const { stderr } = await child(script(100, `process.stderr.write('writes ' + writes);`), { LOG_BUFFER_BYTES: '0' });
    expect(Number(/writes (\d+)/.exec(stderr)?.[1])).toBeGreaterThanOrEqual(50);
  });

  it('writes a warning at once, and an info line within the flush interval', async () => {
    const code = `
      const { createLogger } = await import('./platform/logging.js');
      const log = createLogger({ name: 'probe' });
      log.info('quiet');
      setTimeout(() => { process.stderr.write('after 500 ms\\n'); log.warn('trouble'); }, 500);
      setTimeout(() => process.exit(0), 600);
    `;
    // Read the pipe as it arrives: the info line must come before the child's "after 500 ms".
    const { spawn } = await import('node:child_process');
    const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: process.cwd(), env: { ...process.env, LOG_LEVEL: 'info' } });
    const events: string[] = [];
    proc.stdout.on('data', (c: Buffer) => {
      for (const l of c.toString().trim().split('\n')) if (l.startsWith('{')) events.push(JSON.parse(l).msg);
    });
    proc.stderr.on('data', (c: Buffer) => void (c.toString().includes('after 500 ms') && events.push('<500 ms>')));
    await new Promise((resolve) => proc.once('exit', resolve));
    expect(events).toEqual(['quiet', '<500 ms>', 'trouble']);
  });

  it('refuses a buffer size that is not a number of bytes', async () => {
    await expect(child(script(1, ''), { LOG_BUFFER_BYTES: 'lots' })).rejects.toMatchObject({ stderr: expect.stringContaining('LOG_BUFFER_BYTES must be a whole number') });
  });
});
