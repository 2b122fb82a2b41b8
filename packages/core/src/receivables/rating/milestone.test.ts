import { describe, expect, it } from 'vitest';
import type { RoundingMode } from '../../money/index.ts';
import { rateCharge } from './charge-model-factory.ts';
import type { MilestoneParams } from './milestone.ts';

const PROJECT: MilestoneParams = {
  milestones: [
    { key: 'kickoff', description: 'Project kickoff', amount: '5000.00' },
    { key: 'go-live', description: 'Go-live', amount: '15000.005' },
  ],
};

const rate = (completedMilestones: string[] | undefined, roundingMode: RoundingMode = 'half_up', params: MilestoneParams = PROJECT) =>
  rateCharge(
    { model: 'milestone', name: 'Implementation', params },
    { quantity: '1', ...(completedMilestones ? { completedMilestones } : {}) },
    { currency: 'EUR', roundingMode },
  );

describe('milestone charge', () => {
  it.each<[string[] | undefined, RoundingMode, bigint[]]>([
    [undefined, 'half_up', []],
    [[], 'half_up', []],
    [['kickoff'], 'half_up', [500000n]],
    [['go-live'], 'half_up', [1500001n]],
    [['go-live'], 'half_even', [1500000n]],
    [['go-live', 'kickoff'], 'half_up', [1500001n, 500000n]],
  ])('completed %j (%s) → %s', (completed, mode, amounts) => {
    expect(rate(completed, mode).map((l) => l.amount)).toEqual(amounts);
  });

  it('returns the completed milestone line', () => {
    expect(rate(['kickoff'])).toEqual([
      { description: 'Implementation: Project kickoff', quantity: '1', unitPrice: '5000.00', amount: 500000n, kind: 'milestone' },
    ]);
  });

  it.each([
    [['launch'], '/input/completedMilestones/0: unknown milestone key "launch"'],
    [['kickoff', 'kickoff'], '/input/completedMilestones/1: milestone kickoff is listed twice'],
  ])('rejects completed %j', (completed, message) => {
    expect(() => rate(completed)).toThrowError(message);
  });

  it('rejects duplicate keys in the definition', () => {
    const params = { milestones: [PROJECT.milestones[0]!, { ...PROJECT.milestones[0]!, amount: '1' }] };
    expect(() => rate(['kickoff'], 'half_up', params)).toThrowError('/params/milestones/1/key: duplicate milestone key kickoff');
  });
});
