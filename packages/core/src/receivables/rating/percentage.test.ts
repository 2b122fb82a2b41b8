import { describe, expect, it } from 'vitest';
import type { RoundingMode } from '../../money/index.ts';
import { rateCharge } from './charge-model-factory.ts';
import type { PercentageParams } from './percentage.ts';

const rate = (params: PercentageParams, transactions: string[] | undefined, currency = 'EUR', roundingMode: RoundingMode = 'half_up') =>
  rateCharge(
    { model: 'percentage', name: 'Card fees', params },
    { quantity: '0', ...(transactions ? { transactions } : {}) },
    { currency, roundingMode },
  );

const amountOf = (...args: Parameters<typeof rate>) => rate(...args).reduce((sum, line) => sum + line.amount, 0n);

const CARD: PercentageParams = { rate: '2.9', fixedFee: '0.30' };

describe('percentage of transaction amount', () => {
  it.each<[string, PercentageParams, string[], bigint]>([
    ['rate + fixed fee', CARD, ['100.00'], 320n],
    ['two transactions', CARD, ['100', '10'], 379n], // 3.20 + 0.59
    ['min clamp', { ...CARD, minPerTransaction: '0.50' }, ['1.00'], 50n], // 0.329 → 0.50
    ['min clamp per transaction, not on the total', { ...CARD, minPerTransaction: '0.50' }, ['1', '1'], 100n],
    ['max clamp', { ...CARD, maxPerTransaction: '5.00' }, ['1000'], 500n], // 29.30 → 5.00
    ['between min and max', { ...CARD, minPerTransaction: '0.50', maxPerTransaction: '5.00' }, ['100'], 320n],
    ['free transactions', { ...CARD, freeTransactions: 2 }, ['100', '100', '100'], 320n],
    ['free amount, straddling transaction pays on its excess', { ...CARD, freeAmount: '150' }, ['100', '100', '100'], 495n], // 0 + (1.45+0.30) + 3.20
    ['free count runs out first', { ...CARD, freeTransactions: 1, freeAmount: '1000' }, ['100', '100'], 320n],
    ['free amount runs out first', { ...CARD, freeTransactions: 5, freeAmount: '150' }, ['100', '100', '100'], 495n],
    ['zero free amount frees nothing', { ...CARD, freeAmount: '0' }, ['100'], 320n],
    ['everything free: a zero line', { ...CARD, freeTransactions: 10, minPerTransaction: '1' }, ['100', '5'], 0n],
    ['fees summed exactly, rounded once', { rate: '1' }, ['0.40', '0.40', '0.40'], 1n], // 3 × 0.004 = 0.012
    ['zero-amount transaction pays the fixed fee', CARD, ['0'], 30n],
  ])('%s', (_case, params, transactions, expected) => {
    expect(amountOf(params, transactions)).toBe(expected);
  });

  it.each<[string, string[], string, RoundingMode, bigint]>([
    ['1', ['0.50'], 'EUR', 'half_up', 1n], // 0.005 EUR
    ['1', ['0.50'], 'EUR', 'half_even', 0n],
    ['3.6', ['1125'], 'JPY', 'half_up', 41n], // 40.5 JPY
    ['3.6', ['1125'], 'JPY', 'half_even', 40n],
    ['2.5', ['10.000'], 'KWD', 'half_up', 250n],
  ])('rate %s%% on %s %s (%s) → %i', (percent, transactions, currency, mode, expected) => {
    expect(amountOf({ rate: percent }, transactions, currency, mode)).toBe(expected);
  });

  it('adds the KWD fixed fee in fils', () => {
    expect(amountOf({ rate: '2.5', fixedFee: '0.100' }, ['10.000'], 'KWD')).toBe(350n);
  });

  it('builds one usage line counting the transactions', () => {
    expect(rate(CARD, ['100', '10'])).toEqual([
      { description: 'Card fees (2.9% of 110 + 0.30 per transaction)', quantity: '2', unitPrice: null, amount: 379n, kind: 'usage' },
    ]);
  });

  it('gives no line without transactions', () => {
    expect(rate(CARD, [])).toEqual([]);
  });

  it('requires the transaction list', () => {
    expect(() => rate(CARD, undefined)).toThrowError('/input/transactions: transaction amounts are required');
  });

  it.each<[PercentageParams, string, string]>([
    [{ rate: '100.01' }, '/params/rate', 'at most 100'],
    [{ rate: '-1' }, '/params/rate', 'must not be negative'],
    [{ rate: '2', fixedFee: '-0.30' }, '/params/fixedFee', 'must not be negative'],
    [{ rate: '2', minPerTransaction: '5', maxPerTransaction: '1' }, '/params/maxPerTransaction', 'must not be below minPerTransaction 5'],
    [{ rate: '2', freeTransactions: 1.5 }, '/params/freeTransactions', 'whole number'],
    [{ rate: '2', freeTransactions: -1 }, '/params/freeTransactions', 'must not be negative'],
  ])('rejects %j at %s', (params, path, message) => {
    expect(() => rate(params, ['1'])).toThrowError(expect.objectContaining({ issues: [{ path, message: expect.stringContaining(message) }] }));
  });

  it('rejects a negative transaction amount', () => {
    expect(() => rate(CARD, ['10', '-5'])).toThrowError('/input/transactions/1: must not be negative');
  });
});
