import { describe, expect, it } from 'vitest';
import { checkPaymentAmount, decimalsOf, toMinorUnits } from './payment-amount.ts';

describe('payment amounts typed in the invoice detail', () => {
  it.each([
    ['1250.00', 2],
    ['5000', 0],
    ['12.345', 3],
  ])('reads the decimals of %s as %i', (formatted, decimals) => expect(decimalsOf(formatted)).toBe(decimals));

  it.each([
    ['12.5', 2, 1250n],
    ['0.01', 2, 1n],
    ['35193.19', 2, 3519319n],
    ['5000', 0, 5000n],
    ['90071992547409.93', 2, 9007199254740993n], // beyond a float's exact integers
    ['1.234', 2, undefined],
    ['1,000.00', 2, undefined],
    ['-5', 2, undefined],
    ['1e3', 2, undefined],
  ] as const)('%s with %i places is %s minor units', (text, decimals, minor) => expect(toMinorUnits(text, decimals)).toBe(minor));

  it.each([
    ['100.00', { ok: true, minor: 10000n, overpaid: false }],
    [' 40.5 ', { ok: true, minor: 4050n, overpaid: false }],
    ['100.01', { ok: true, minor: 10001n, overpaid: true }],
    ['', { ok: false, problem: 'Enter the amount received.' }],
    ['0.00', { ok: false, problem: 'The amount must be greater than zero.' }],
    ['12.345', { ok: false, problem: 'EUR has at most 2 decimal places.' }],
    ['1 000', { ok: false, problem: expect.stringContaining('without spaces or thousands separators (e.g. "100.00")') }],
  ])('checks "%s" against EUR 100.00 due', (typed, expected) => expect(checkPaymentAmount(typed, 'EUR', '100.00')).toEqual(expected));

  it('asks for whole numbers in a currency without a minor unit', () => {
    expect(checkPaymentAmount('5000.5', 'JPY', '5000')).toEqual({ ok: false, problem: 'JPY has no minor unit: enter a whole number.' });
  });
});
