import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import { MoneyDecimal } from './exact-decimal.ts';
import { ROUNDING_MODES, divideAndRound, isRoundingMode, roundToMinorUnits, type RoundingMode } from './rounding.ts';

type ModeRow = Record<RoundingMode, bigint>;

// JPY has no minor unit, so the major value is rounded to a whole number of yen.
const JPY_MATRIX: [string, ModeRow][] = [
  ['2.5', { half_up: 3n, half_even: 2n, half_down: 2n, up: 3n, down: 2n, ceiling: 3n, floor: 2n }],
  ['-2.5', { half_up: -3n, half_even: -2n, half_down: -2n, up: -3n, down: -2n, ceiling: -2n, floor: -3n }],
  ['3.5', { half_up: 4n, half_even: 4n, half_down: 3n, up: 4n, down: 3n, ceiling: 4n, floor: 3n }],
  ['-3.5', { half_up: -4n, half_even: -4n, half_down: -3n, up: -4n, down: -3n, ceiling: -3n, floor: -4n }],
  ['0.5', { half_up: 1n, half_even: 0n, half_down: 0n, up: 1n, down: 0n, ceiling: 1n, floor: 0n }],
  ['-0.5', { half_up: -1n, half_even: 0n, half_down: 0n, up: -1n, down: 0n, ceiling: 0n, floor: -1n }],
  ['2.4', { half_up: 2n, half_even: 2n, half_down: 2n, up: 3n, down: 2n, ceiling: 3n, floor: 2n }],
  ['-2.4', { half_up: -2n, half_even: -2n, half_down: -2n, up: -3n, down: -2n, ceiling: -2n, floor: -3n }],
  ['2.6', { half_up: 3n, half_even: 3n, half_down: 3n, up: 3n, down: 2n, ceiling: 3n, floor: 2n }],
  ['-2.6', { half_up: -3n, half_even: -3n, half_down: -3n, up: -3n, down: -2n, ceiling: -2n, floor: -3n }],
  ['2.50001', { half_up: 3n, half_even: 3n, half_down: 3n, up: 3n, down: 2n, ceiling: 3n, floor: 2n }],
  ['7', { half_up: 7n, half_even: 7n, half_down: 7n, up: 7n, down: 7n, ceiling: 7n, floor: 7n }],
  ['-7.000', { half_up: -7n, half_even: -7n, half_down: -7n, up: -7n, down: -7n, ceiling: -7n, floor: -7n }],
];

describe('ROUNDING_MODES', () => {
  it('lists the seven modes', () => {
    expect([...ROUNDING_MODES].sort()).toEqual(['ceiling', 'down', 'floor', 'half_down', 'half_even', 'half_up', 'up']);
  });

  it.each([
    ['half_up', true],
    ['floor', true],
    ['HALF_UP', false],
    ['bankers', false],
    ['', false],
    [1, false],
  ])('isRoundingMode(%j) is %s', (value, expected) => {
    expect(isRoundingMode(value)).toBe(expected);
  });
});

describe('roundToMinorUnits: every mode on JPY (0 digits)', () => {
  const rows = JPY_MATRIX.flatMap(([value, row]) => ROUNDING_MODES.map((mode) => [value, mode, row[mode]] as const));

  it.each(rows)('%s JPY with %s → %i', (value, mode, expected) => {
    expect(roundToMinorUnits(value, 'JPY', mode)).toBe(expected);
  });

  it.each(['half_up', 'half_even', 'half_down', 'up', 'down'] as const)('%s is symmetric around zero', (mode) => {
    for (const [value] of JPY_MATRIX) {
      const negated = value.startsWith('-') ? value.slice(1) : `-${value}`;
      expect(roundToMinorUnits(negated, 'JPY', mode)).toBe(-roundToMinorUnits(value, 'JPY', mode));
    }
  });
});

describe('roundToMinorUnits: ties and scales per currency', () => {
  it.each([
    // value, currency, half_up, half_even
    ['0.125', 'EUR', 13n, 12n],
    ['-0.125', 'EUR', -13n, -12n],
    ['0.135', 'EUR', 14n, 14n],
    ['-0.135', 'EUR', -14n, -14n],
    ['0.005', 'EUR', 1n, 0n],
    ['-0.005', 'EUR', -1n, 0n],
    ['1.2345', 'KWD', 1235n, 1234n],
    ['1.2355', 'KWD', 1236n, 1236n],
    ['-1.2345', 'KWD', -1235n, -1234n],
    ['0.12345', 'CLF', 1235n, 1234n],
    ['0.12355', 'CLF', 1236n, 1236n],
    ['-0.00005', 'CLF', -1n, 0n],
    ['0.5', 'UYI', 1n, 0n],
    ['1.5', 'UYI', 2n, 2n],
  ])('%s %s → half_up %i, half_even %i', (value, currency, halfUp, halfEven) => {
    expect(roundToMinorUnits(value, currency, 'half_up')).toBe(halfUp);
    expect(roundToMinorUnits(value, currency, 'half_even')).toBe(halfEven);
  });

  it.each([
    ['12.3', 'EUR', 1230n],
    ['-0.01', 'EUR', -1n],
    ['5', 'JPY', 5n],
    ['0', 'KWD', 0n],
    ['-0', 'EUR', 0n],
    ['1.2', 'CLF', 12000n],
    ['0.001', 'KWD', 1n],
  ])('scales exact value %s %s to %i without rounding', (value, currency, expected) => {
    for (const mode of ROUNDING_MODES) expect(roundToMinorUnits(value, currency, mode)).toBe(expected);
  });
});

describe('roundToMinorUnits: exactness', () => {
  it('rounds 2.675 EUR half_up to 268 and 1.005 to 101 where float arithmetic gives 267 and 100', () => {
    // The float traps this module avoids: 2.675 and 1.005 are stored slightly below the tie.
    expect((2.675).toFixed(2)).toBe('2.67');
    expect(Math.round(1.005 * 100)).toBe(100);
    expect(roundToMinorUnits('1.005', 'EUR', 'half_up')).toBe(101n);
    expect(roundToMinorUnits('2.675', 'EUR', 'half_up')).toBe(268n);
    expect(roundToMinorUnits(new Decimal('2.675'), 'EUR', 'half_up')).toBe(268n);
  });

  it.each([
    ['90071992547409.925', 'EUR', 'half_even', 9007199254740992n],
    ['90071992547409.925', 'EUR', 'half_up', 9007199254740993n],
    ['9007199254740993', 'JPY', 'half_up', 9007199254740993n],
    ['100000000000000000000.005', 'EUR', 'half_up', 10n ** 22n + 1n],
    ['-100000000000000000000.005', 'EUR', 'half_even', -(10n ** 22n)],
    ['1000000000000000000', 'EUR', 'down', 10n ** 20n],
  ] as const)('handles %s %s (%s) beyond 2^53 → %i', (value, currency, mode, expected) => {
    expect(roundToMinorUnits(value, currency, mode)).toBe(expected);
  });

  it('keeps digits beyond 60 significant digits (no hidden precision rounding)', () => {
    // 0.005 + 10^-83: just above the tie, so half_down must go up. A precision-60 multiply would
    // drop the trailing 1 and round down instead.
    const justAboveTie = `0.005${'0'.repeat(80)}1`;
    expect(roundToMinorUnits(justAboveTie, 'EUR', 'half_down')).toBe(1n);
    expect(roundToMinorUnits(`-${justAboveTie}`, 'EUR', 'half_even')).toBe(-1n);
  });

  it('accepts Decimals from any clone and with exponent notation', () => {
    const lowPrecision = Decimal.clone({ precision: 5 });
    expect(roundToMinorUnits(new lowPrecision('123456.789'), 'EUR', 'half_up')).toBe(12345679n);
    expect(roundToMinorUnits(new Decimal('1e-3'), 'EUR', 'up')).toBe(1n);
    expect(roundToMinorUnits(new Decimal('1.5e3'), 'JPY', 'down')).toBe(1500n);
    expect(roundToMinorUnits(new MoneyDecimal(1).dividedBy(3), 'EUR', 'half_up')).toBe(33n);
  });

  it('does not change the global Decimal configuration', () => {
    expect(Decimal.precision).toBe(20);
    expect(MoneyDecimal.precision).toBe(60);
    expect(MoneyDecimal.rounding).toBe(Decimal.ROUND_HALF_EVEN);
  });
});

describe('roundToMinorUnits: invalid input', () => {
  it.each([
    ['1,5', 'EUR', 'half_up', 'plain decimal string'],
    ['', 'EUR', 'half_up', 'plain decimal string'],
    ['1e3', 'EUR', 'half_up', 'plain decimal string'],
    [' 1', 'EUR', 'half_up', 'plain decimal string'],
    ['1', 'XYZ', 'half_up', 'unknown currency code XYZ (ISO 4217)'],
    ['1', 'EUR', 'bankers', 'unknown rounding mode "bankers"'],
  ])('rejects %j %s %s', (value, currency, mode, message) => {
    expect(() => roundToMinorUnits(value, currency, mode as RoundingMode)).toThrowError(message);
    expect(() => roundToMinorUnits(value, currency, mode as RoundingMode)).toThrowError(AppError);
  });

  it.each([
    [2.5, 'not number'],
    [new Decimal(NaN), 'must be finite'],
    [new Decimal(Infinity), 'must be finite'],
  ])('rejects %s', (value, message) => {
    expect(() => roundToMinorUnits(value as Decimal, 'EUR', 'half_up')).toThrowError(message);
  });
});

describe('divideAndRound', () => {
  it.each([
    [7n, 2n, 'half_even', 4n],
    [5n, 2n, 'half_even', 2n],
    [-5n, 2n, 'half_even', -2n],
    [1n, 3n, 'up', 1n],
    [-1n, 3n, 'floor', -1n],
    [-1n, 3n, 'ceiling', 0n],
    [2n, 3n, 'half_down', 1n],
  ] as const)('%i / %i with %s → %i', (numerator, denominator, mode, expected) => {
    expect(divideAndRound(numerator, denominator, mode)).toBe(expected);
  });

  it.each([0n, -1n])('rejects denominator %i', (denominator) => {
    expect(() => divideAndRound(1n, denominator, 'half_up')).toThrowError(RangeError);
  });
});
