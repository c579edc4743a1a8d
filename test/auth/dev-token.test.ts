// `npm run token` mints for the issuer the running stack uses, found in the file the stack writes, or
// refuses naming the issuer it expected (the gateway's 401 for another issuer's token: tokens.test.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { devTokenCommand, type DevTokenFiles } from '../../platform/auth/devTokenCommand.js';
import { post } from '../support/http.js';
import { testStack } from '../support/stack.js';

const QUERY = '{ orgUnits(first: 1) { nodes { name } } }';
const dir = mkdtempSync(join(tmpdir(), 'kommunegraf-dev-token-'));
const files: DevTokenFiles = { keyFile: join(dir, 'signing-key.jwk.json'), runningFile: join(dir, 'running.json') };

let stack: Stack;
let closed = false;
beforeAll(async () => {
  stack = await testStack({ employees: 20, devKeyFile: files.keyFile, runningIssuerFile: files.runningFile });
});
afterAll(async () => {
  if (!closed) await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A port nothing listens on. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm run token with the stack running', () => {
  it('finds the stack in the file it wrote and mints a token its gateway accepts', async () => {
    expect(JSON.parse(readFileSync(files.runningFile, 'utf8'))).toEqual({ issuer: stack.issuer!.url, gateway: stack.url, pid: process.pid });
    const result = await devTokenCommand(['--scopes', 'org:read'], {}, files);
    expect(result).toMatchObject({ exitCode: 0, stderr: `Token from the development issuer ${stack.issuer!.url}, for the gateway at ${stack.url}, valid 8h` });
    const res = await post(stack.url, QUERY, undefined, { authorization: `Bearer ${result.stdout}` });
    expect(res.status).toBe(200);
    expect(res.body.data?.orgUnits.nodes).toHaveLength(1);
  });

  it('mints for an issuer named explicitly when it is the one running', async () => {
    const port = new URL(stack.issuer!.url).port;
    for (const [args, env] of [[['--issuer', stack.issuer!.url], { DEV_ISSUER_PORT: '1' }], [[], { DEV_ISSUER_URL: stack.issuer!.url }], [[], { DEV_ISSUER_PORT: port }]] as const) {
      const result = await devTokenCommand(['--scopes', 'org:read', ...args], env, files);
      expect(result.exitCode, JSON.stringify(env)).toBe(0);
      expect((await post(stack.url, QUERY, undefined, { authorization: `Bearer ${result.stdout}` })).status).toBe(200);
    }
  });

  it('refuses a DEV_ISSUER_PORT where no issuer answers, naming it and the running stack', async () => {
    const port = await freePort();
    const result = await devTokenCommand(['--scopes', 'org:read'], { DEV_ISSUER_PORT: String(port) }, files);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Expected issuer: http://127.0.0.1:${port} (DEV_ISSUER_PORT)`);
    expect(result.stderr).toContain(`uses ${stack.issuer!.url}: leave out DEV_ISSUER_PORT to mint for it`);
  });

  it('refuses when the issuer does not publish the key it would sign with (another checkout)', async () => {
    const result = await devTokenCommand(['--scopes', 'org:read'], {}, { ...files, keyFile: join(dir, 'other-key.jwk.json') });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/does not publish the development key/);
    expect(result.stderr).toContain(`Expected issuer: ${stack.issuer!.url} (the running stack, pid ${process.pid})`);
  });

  it('refuses in production and explains usage without --scopes', async () => {
    expect(await devTokenCommand(['--scopes', 'all'], { NODE_ENV: 'production' }, files)).toMatchObject({ exitCode: 2, stdout: '' });
    const usage = await devTokenCommand([], {}, files);
    expect(usage.exitCode).toBe(2);
    expect(usage.stderr).toMatch(/^Usage: npm run token/);
  });
});

describe('npm run token without a running stack', () => {
  it('removes the file at close, then refuses naming the issuer npm start would run', async () => {
    await stack.close();
    closed = true;
    expect(existsSync(files.runningFile)).toBe(false);
    const result = await devTokenCommand(['--scopes', 'org:read'], {}, files);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("Expected issuer: http://127.0.0.1:4100 (npm start's default, DEV_ISSUER_PORT 4100)");
    expect(result.stderr).toContain('Start the stack with `npm start`');
  });

  it('refuses an issuer named explicitly that does not run, naming it', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const result = await devTokenCommand(['--scopes', 'org:read'], { DEV_ISSUER_URL: url }, files);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`Expected issuer: ${url} (DEV_ISSUER_URL)`);
    expect(result.stderr).toContain('or leave out DEV_ISSUER_URL');
  });

  it('ignores the file a stack that crashed left behind', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(files.runningFile, JSON.stringify({ issuer: 'http://127.0.0.1:1', gateway: 'http://127.0.0.1:2/graphql', pid: gone }));
    const result = await devTokenCommand(['--scopes', 'org:read'], {}, files);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("Expected issuer: http://127.0.0.1:4100 (npm start's default");
  });
});
