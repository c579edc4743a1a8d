// A small seeded PRNG so that one (employees, seed, today) always gives the same municipality,
// on every machine and Node version: Math.random cannot be seeded and its algorithm is unspecified.

/** sfc32 (Small Fast Counter): 128-bit state, passes PractRand, and is fast in plain JS integers. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // Spread a 32-bit seed over the state with splitmix32, then discard the weak first outputs.
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by relative weight; `weights[i]` belongs to `items[i]`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i];
      if (r < 0) return items[i];
    }
    return items[items.length - 1];
  }

  /** Up to `n` distinct items, in random order (partial Fisher-Yates on a copy). */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = items.slice();
    const k = Math.min(n, copy.length);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, k);
  }

  /** Approximately normal, by the sum of uniforms: good enough for salaries and durations. */
  normal(mean: number, sd: number): number {
    return mean + sd * (this.next() + this.next() + this.next() + this.next() - 2) * Math.sqrt(3);
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.uint32() % 10);
    return s;
  }

  /** A lower-case RFC 4122 version 4 UUID drawn from this generator. */
  uuid(): string {
    const h = (n: number): string => n.toString(16).padStart(8, '0');
    const x = h(this.uint32());
    const y = h(this.uint32());
    const z = h(this.uint32());
    const w = h(this.uint32());
    const variant = ((parseInt(z[0], 16) & 0x3) | 0x8).toString(16);
    return `${x}-${y.slice(0, 4)}-4${y.slice(5, 8)}-${variant}${z.slice(1, 4)}-${z.slice(4)}${w}`;
  }

  /** An independent stream, so adding draws in one part of the generator does not shift the others. */
  fork(label: string): Random {
    let h = 2166136261;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619);
    return new Random((this.uint32() ^ h) >>> 0);
  }
}
