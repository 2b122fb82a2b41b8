import { describe, expect, it } from 'vitest';
import { usageLockBucket } from '../usage/usage-billing-lock.ts';
import { billingLanes } from './execute-bill-run.ts';

const customers = Array.from({ length: 300 }, (_, i) => `cus_${String(i).padStart(26, '0')}`);

describe('billingLanes', () => {
  it.each([1, 2, 3])('puts every customer in exactly one of %i lanes, in the given order', (lanes) => {
    const split = billingLanes(customers, lanes);
    expect(split).toHaveLength(lanes);
    expect(split.flat().sort()).toEqual([...customers].sort());
    for (const lane of split) expect(lane).toEqual(customers.filter((c) => lane.includes(c)));
  });

  it('never gives two lanes the same usage-lock bucket (they would wait on each other)', () => {
    const [a, b] = billingLanes(customers, 2).map((lane) => new Set(lane.map(usageLockBucket)));
    expect([...a!].filter((bucket) => b!.has(bucket))).toEqual([]);
  });

  it('leaves out empty lanes', () => {
    expect(billingLanes([], 2)).toEqual([]);
    expect(billingLanes(customers.slice(0, 1), 2)).toHaveLength(1);
  });
});
