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

  it('writes an info line logged while a write is still in flight within the flush interval, with nothing logged after it', async () => {
    // A warning of 1 MiB goes out at once, and the pipe takes it only as fast as this side reads:
    // the write stays in flight while the info line comes and while flush intervals pass. The
    // child then stays quiet for 3 s; its info line must not wait for more lines or for its exit.
    const code = `
      const { createLogger } = await import('./platform/logging.js');
      const log = createLogger({ name: 'probe' });
      log.warn({ padding: 'x'.repeat(1 << 20) }, 'big');
      log.info('listening');
      setTimeout(() => process.exit(0), 3000);
    `;
    const { spawn } = await import('node:child_process');
    const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: process.cwd(), env: { ...process.env, LOG_LEVEL: 'info' } });
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    let text = '';
    proc.stdout.pause();
    // Reads nothing for the first 800 ms (several flush intervals), then everything as it comes.
    await new Promise((resolve) => setTimeout(resolve, 800));
    const seen = new Promise<number>((resolve) => {
      const started = performance.now();
      proc.stdout.on('data', (c: Buffer) => {
        text += c.toString();
        if (text.includes('"msg":"listening"')) resolve(performance.now() - started);
      });
      void exited.then(() => resolve(Infinity));
    });
    proc.stdout.resume();
    // Well before the child's exit at 3 s, which would write it anyway.
    expect(await seen).toBeLessThan(1500);
    await exited;
  });

  it('refuses a buffer size that is not a number of bytes', async () => {
    await expect(child(script(1, ''), { LOG_BUFFER_BYTES: 'lots' })).rejects.toMatchObject({ stderr: expect.stringContaining('LOG_BUFFER_BYTES must be a whole number') });
  });
});
