// `npm run soak -- [--duration s] [--rate n] [--employees n] [--max-growth-mb n] [--seed n]`: the
// bounded soak of soak.ts on loopback, printing its report; exits 1 when any verdict fails.
import { parseArgs } from 'node:util';
import { formatReport, runSoak, SOAK_DEFAULTS } from './soak.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string' },
    rate: { type: 'string' },
    employees: { type: 'string' },
    'max-growth-mb': { type: 'string' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log('npm run soak -- [--duration 20] [--rate 40] [--employees 300] [--max-growth-mb 64] [--seed 1]');
  process.exit(0);
}

function positive(name: keyof typeof values, fallback: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${raw}"`);
  return n;
}

const options = {
  durationSeconds: positive('duration', SOAK_DEFAULTS.durationSeconds),
  rate: positive('rate', SOAK_DEFAULTS.rate),
  employees: Math.round(positive('employees', SOAK_DEFAULTS.employees)),
  maxGrowthMb: positive('max-growth-mb', SOAK_DEFAULTS.maxGrowthMb),
  seed: Math.round(positive('seed', SOAK_DEFAULTS.seed)),
};
console.log(`soak: ${options.durationSeconds} s at ${options.rate} requests/s, ${options.employees} employments, seed ${options.seed}; everything on 127.0.0.1`);
const report = await runSoak({ ...options, log: (line) => console.log(line) });
console.log(formatReport(report));
process.exit(report.verdicts.every((v) => v.pass) ? 0 : 1);
