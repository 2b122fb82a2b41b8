import { describe, expect, it } from 'vitest';
import { decideEntitlements, type EntitlementStep } from './usage-entitlements.ts';

const add = (amount: string, key = 'jan', included = '10000'): EntitlementStep => ({ key, included, mode: 'add', amount });
const level = (amount: string, included = '100'): EntitlementStep => ({ key: 'jan', included, mode: 'level', amount });

describe('decideEntitlements: which events of a batch go beyond the entitlement (true = held)', () => {
  it.each<[string, Record<string, string>, EntitlementStep[], boolean[]]>([
    ['within the allowance', {}, [add('6000'), add('4000')], [false, false]],
    ['the event that crosses the line is held whole', {}, [add('6000'), add('4001')], [false, true]],
    ['a held event does not count, so a smaller one after it still fits', {}, [add('6000'), add('5000'), add('4000')], [false, true, false]],
    ['stored usage of the period counts first', { jan: '9999.5' }, [add('0.5'), add('0.000000000001')], [false, true]],
    ['already beyond: everything more is held', { jan: '12000' }, [add('1')], [true]],
    ['periods are counted apart', { jan: '10000' }, [add('1'), add('10000', 'feb')], [true, false]],
    ['a correction lowering usage is never held, and frees room', { jan: '10000' }, [add('-300'), add('300')], [false, false]],
    ['zero adds nothing', { jan: '10000' }, [add('0')], [false]],
    ['max / latest: a value above the entitlement is held', {}, [level('100'), level('100.5')], [false, true]],
  ])('%s', (_name, stored, steps, expected) => {
    expect(decideEntitlements(new Map(Object.entries(stored)), steps)).toEqual(expected);
  });
});
