import type { DemoRandom } from './prng.ts';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The instant demo ids count from. Demo rows sort before anything created later through
 * the API (whose ids carry the real time), so cursor pages list the seeded data first.
 */
export const DEMO_ID_EPOCH = Date.UTC(2024, 0, 1);

/**
 * A deterministic id in the format of `newId` (`cus_` + 26 Crockford base-32 characters,
 * a ULID): the time part is {@link DEMO_ID_EPOCH} plus `index` milliseconds, so ids of one
 * table sort in generation order; the 16 random characters come from the seeded `random`.
 */
export function demoId(prefix: string, random: DemoRandom, index: number): string {
  let time = '';
  let t = DEMO_ID_EPOCH + index;
  for (let i = 0; i < 10; i += 1) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let tail = '';
  for (let i = 0; i < 16; i += 1) tail += CROCKFORD[random.int(0, 31)];
  return `${prefix}_${time}${tail}`;
}
