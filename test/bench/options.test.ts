// The benchmark's command line: what may change a measurement keeps the run from replacing
// bench/results/latest.json, and a bad value is refused with the usage.
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../bench/options.js';

describe('npm run bench options', () => {
  it('runs the throughput scenario at 50 connections by default, and a full run with defaults may replace latest.json', () => {
    const o = parseOptions([]);
    expect(o.throughput.connections).toBe(50);
    expect(o.defaults).toBe(true);
  });

  it('takes --connections for the throughput scenario; such a run is not a default run', () => {
    const o = parseOptions(['--connections', '100']);
    expect(o.throughput.connections).toBe(100);
    expect(o.defaults).toBe(false);
  });

  it('refuses a connection count that is not a positive whole number', () => {
    for (const bad of ['0', '-5', '2.5', 'many']) expect(() => parseOptions([`--connections=${bad}`])).toThrow(/--connections must be a whole number of at least 1/);
  });
});
