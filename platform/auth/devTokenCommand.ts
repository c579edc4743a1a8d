// `npm run token` (gateway/token.ts): a development token for the issuer the running stack uses. Without
// --issuer, DEV_ISSUER_URL or DEV_ISSUER_PORT it reads var/dev-issuer/running.json (runningIssuer.ts),
// else tries npm start's default issuer. Whatever the issuer, it must answer its discovery document as
// itself and publish this checkout's key, or no gateway would accept the token: then the command
// refuses (exit 1) naming the issuer it expected, instead of printing a token that only fails later.
import { parseArgs } from 'node:util';
import { DEV_ISSUER_PORT, devIssuerUrl } from './config.js';
import { DEV_KEY_FILE, devKey, mintToken, type DevKey } from './devIssuer.js';
import { CLIENT_KINDS, type ClientKind } from './principal.js';
import { readRunningIssuer, RUNNING_ISSUER_FILE, type RunningIssuer } from './runningIssuer.js';
import { ALL_SCOPES, isScope, SCOPES } from './scopes.js';
import type { Env } from '../env.js';

export interface CommandResult {
  exitCode: number;
  /** The token (exit 0), for scripts: `TOKEN=$(npm run -s token -- --scopes all)`. */
  stdout: string;
  /** Usage, refusals and which issuer the token is for. */
  stderr: string;
}

export interface DevTokenFiles {
  keyFile: URL | string;
  runningFile: URL | string;
}

const usage = `Usage: npm run token -- --scopes <scope,scope|all> [--kind ${CLIENT_KINDS.join('|')}] [--sub <subject>] [--client <client id>] [--ttl <30m|8h|3600>] [--issuer <url>]

Mints for the development issuer of the running \`npm start\` (var/dev-issuer/running.json); --issuer,
DEV_ISSUER_URL or DEV_ISSUER_PORT name another one.

Scopes:
${Object.entries(SCOPES).map(([s, d]) => `  ${s.padEnd(28)}${d}`).join('\n')}`;

function seconds(ttl: string): number {
  const m = /^(\d+)([smhd]?)$/.exec(ttl);
  if (!m) throw new Error(`--ttl must look like 3600, 30m, 8h or 1d, got "${ttl}"`);
  return Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
}

async function getJson(url: URL): Promise<Record<string, unknown> | undefined> {
  const res = await fetch(url, { signal: AbortSignal.timeout(3_000) }).catch(() => undefined);
  if (!res?.ok) return undefined;
  return (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
}

/** Why `issuer` would not make tokens a gateway accepts; undefined when it would. */
async function issuerProblem(issuer: string, key: DevKey): Promise<string | undefined> {
  if (!URL.canParse(issuer)) return `"${issuer}" is not a URL`;
  const discovery = new URL('.well-known/openid-configuration', issuer.endsWith('/') ? issuer : `${issuer}/`);
  const doc = await getJson(discovery);
  if (!doc) return `nothing answers at ${discovery}`;
  if (doc.issuer !== issuer) return `the issuer at ${discovery} calls itself ${String(doc.issuer)}`;
  const jwks = typeof doc.jwks_uri === 'string' && URL.canParse(doc.jwks_uri) ? await getJson(new URL(doc.jwks_uri)) : undefined;
  const keys = Array.isArray(jwks?.keys) ? (jwks.keys as Array<Record<string, unknown>>) : [];
  if (!keys.some((k) => k.kid === key.kid && k.x === key.publicJwk.x)) {
    return `the issuer at ${issuer} does not publish the development key in var/dev-issuer/ (is it another checkout's stack?)`;
  }
  return undefined;
}

interface Choice {
  issuer: string;
  /** Where the URL came from, for the refusal. */
  from: string;
  explicit?: string;
}

function chooseIssuer(option: string | undefined, env: Env, running: RunningIssuer | undefined): Choice {
  if (option) return { issuer: option, from: '--issuer', explicit: '--issuer' };
  if (env.DEV_ISSUER_URL) return { issuer: env.DEV_ISSUER_URL, from: 'DEV_ISSUER_URL', explicit: 'DEV_ISSUER_URL' };
  if (env.DEV_ISSUER_PORT) return { issuer: devIssuerUrl(env), from: 'DEV_ISSUER_PORT', explicit: 'DEV_ISSUER_PORT' };
  if (running) return { issuer: running.issuer, from: `the running stack, pid ${running.pid}` };
  return { issuer: devIssuerUrl({}), from: `npm start's default, DEV_ISSUER_PORT ${DEV_ISSUER_PORT}` };
}

function refusal(problem: string, choice: Choice, running: RunningIssuer | undefined): string {
  const lines = [`No token minted: ${problem}.`, `Expected issuer: ${choice.issuer} (${choice.from}).`];
  if (choice.explicit && running && running.issuer !== choice.issuer) {
    lines.push(`The running stack (pid ${running.pid}, gateway ${running.gateway}) uses ${running.issuer}: leave out ${choice.explicit} to mint for it.`);
  } else if (choice.explicit && !running) {
    lines.push(`Start what runs that issuer (\`npm start\`, or the image's \`sample\` process), or leave out ${choice.explicit}.`);
  } else if (!running) {
    lines.push('Start the stack with `npm start` in another shell (it runs the development issuer) and try again.');
  }
  return lines.join('\n');
}

export async function devTokenCommand(args: string[], env: Env = process.env, files: DevTokenFiles = { keyFile: DEV_KEY_FILE, runningFile: RUNNING_ISSUER_FILE }): Promise<CommandResult> {
  const fail = (exitCode: number, stderr: string): CommandResult => ({ exitCode, stdout: '', stderr });
  if (env.NODE_ENV === 'production') return fail(2, 'Development tokens are refused when NODE_ENV=production');
  try {
    const { values } = parseArgs({
      args,
      options: {
        scopes: { type: 'string' },
        kind: { type: 'string', default: 'analyst' },
        sub: { type: 'string', default: 'dev-user' },
        client: { type: 'string', default: 'kommunegraf-dev' },
        ttl: { type: 'string', default: '8h' },
        issuer: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help || !values.scopes) return fail(values.help ? 0 : 2, usage);
    const scopes = values.scopes === 'all' ? ALL_SCOPES : values.scopes.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = scopes.filter((s) => !isScope(s));
    if (unknown.length) return fail(2, `Unknown scope(s): ${unknown.join(', ')}\n\n${usage}`);
    if (!CLIENT_KINDS.includes(values.kind as ClientKind)) return fail(2, `--kind must be one of ${CLIENT_KINDS.join(', ')}`);
    const ttlSeconds = seconds(values.ttl);

    const key = await devKey(files.keyFile);
    const running = await readRunningIssuer(files.runningFile);
    const choice = chooseIssuer(values.issuer, env, running);
    const problem = await issuerProblem(choice.issuer, key);
    if (problem) return fail(1, refusal(problem, choice, running));
    const token = await mintToken(key, { issuer: choice.issuer, scopes, clientKind: values.kind as ClientKind, subject: values.sub, clientId: values.client, ttlSeconds });
    const gateway = running?.issuer === choice.issuer ? `, for the gateway at ${running.gateway}` : '';
    return { exitCode: 0, stdout: token, stderr: `Token from the development issuer ${choice.issuer}${gateway}, valid ${values.ttl}` };
  } catch (error) {
    return fail(2, error instanceof Error ? error.message : String(error));
  }
}
