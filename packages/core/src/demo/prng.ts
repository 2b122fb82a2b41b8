/**
 * The only source of randomness in demo data. A seeded PRNG (mulberry32) makes every
 * generated name, number, tax id and id reproducible: the same seed gives the same bytes.
 *
 * Each kind of data draws from its own stream (`DemoRandom.stream(seed, 'customers')`), so
 * asking for more suppliers does not change the customers, and adding a draw to one
 * generator does not reshuffle the others.
 */

/** A function returning numbers in [0, 1), as `generateTaxId` and `generateIban` expect. */
export type Rng = () => number;

/** mulberry32: 32-bit state, fast, good enough statistics for synthetic data (not crypto). */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Mixes a seed and a stream label (FNV-1a over the label, then a murmur3 finalizer). */
export function streamSeed(seed: number, label: string): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i += 1) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** A seeded random source with the helpers the generators need. */
export class DemoRandom {
  /** The raw generator; pass it to `generateTaxId`/`generateIban`. */
  readonly next: Rng;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** An independent stream for one kind of data, derived from the demo seed. */
  static stream(seed: number, label: string): DemoRandom {
    return new DemoRandom(streamSeed(seed, label));
  }

  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One item of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick: empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** One value of a non-empty list of `[value, weight]` pairs, in proportion to the weights. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let point = this.next() * total;
    for (const [value, weight] of choices) {
      point -= weight;
      if (point < 0) return value;
    }
    const last = choices[choices.length - 1];
    if (!last) throw new Error('weighted: no choices');
    return last[0];
  }

  /** `count` random decimal digits as a string (leading zeros kept). */
  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i += 1) out += String(this.int(0, 9));
    return out;
  }
}
