// `npm run token -- --scopes employee:read,org:read [--kind analyst] [--sub alice] [--ttl 8h]`: prints a
// bearer token from the local development issuer that `npm start` runs (dev mode only).
import { parseArgs } from 'node:util';
import { devIssuerUrl } from '../platform/auth/config.js';
import { DEV_KEY_FILE, devKey, mintToken } from '../platform/auth/devIssuer.js';
import { CLIENT_KINDS, type ClientKind } from '../platform/auth/principal.js';
import { ALL_SCOPES, isScope, SCOPES } from '../platform/auth/scopes.js';

const usage = `Usage: npm run token -- --scopes <scope,scope|all> [--kind ${CLIENT_KINDS.join('|')}] [--sub <subject>] [--client <client id>] [--ttl <30m|8h|3600>]

Scopes:
${Object.entries(SCOPES).map(([s, d]) => `  ${s.padEnd(28)}${d}`).join('\n')}`;

function seconds(ttl: string): number {
  const m = /^(\d+)([smhd]?)$/.exec(ttl);
  if (!m) throw new Error(`--ttl must look like 3600, 30m, 8h or 1d, got "${ttl}"`);
  return Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
}

try {
  if (process.env.NODE_ENV === 'production') throw new Error('Development tokens are refused when NODE_ENV=production');
  const { values } = parseArgs({
    options: {
      scopes: { type: 'string' },
      kind: { type: 'string', default: 'analyst' },
      sub: { type: 'string', default: 'dev-user' },
      client: { type: 'string', default: 'kommunegraf-dev' },
      ttl: { type: 'string', default: '8h' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.scopes) {
    console.error(usage);
    process.exit(values.help ? 0 : 2);
  }
  const scopes = values.scopes === 'all' ? ALL_SCOPES : values.scopes.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = scopes.filter((s) => !isScope(s));
  if (unknown.length) throw new Error(`Unknown scope(s): ${unknown.join(', ')}\n\n${usage}`);
  if (!CLIENT_KINDS.includes(values.kind as ClientKind)) throw new Error(`--kind must be one of ${CLIENT_KINDS.join(', ')}`);
  const token = await mintToken(await devKey(DEV_KEY_FILE), {
    issuer: devIssuerUrl(),
    scopes,
    clientKind: values.kind as ClientKind,
    subject: values.sub,
    clientId: values.client,
    ttlSeconds: seconds(values.ttl),
  });
  console.log(token);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
