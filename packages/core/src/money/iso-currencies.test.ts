import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import { ISO_CURRENCIES, findCurrency, getCurrency, isCurrencyCode } from './iso-currencies.ts';

// Every ISO 4217 minor unit that is not 2; everything else in the table must be 2.
const NON_TWO_MINOR_UNITS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0,
  UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

describe('ISO_CURRENCIES', () => {
  it('has the size of the active ISO 4217 list without N.A. codes', () => {
    expect(ISO_CURRENCIES.length).toBeGreaterThanOrEqual(155);
    expect(ISO_CURRENCIES.length).toBeLessThanOrEqual(180);
  });

  it('is sorted by code, unique, and uses three upper-case letters', () => {
    const codes = ISO_CURRENCIES.map((c) => c.code);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z]{3}$/);
  });

  it('has a non-empty English name for every entry', () => {
    for (const c of ISO_CURRENCIES) expect(c.name.trim().length).toBeGreaterThan(2);
  });

  it.each(ISO_CURRENCIES.map((c) => [c.code, c.minorUnits] as const))('%s has %i minor units per ISO 4217', (code, minorUnits) => {
    expect(minorUnits).toBe(NON_TWO_MINOR_UNITS[code] ?? 2);
  });

  it.each(Object.keys(NON_TWO_MINOR_UNITS))('contains %s (a currency with non-2 minor units)', (code) => {
    expect(findCurrency(code)?.minorUnits).toBe(NON_TWO_MINOR_UNITS[code]);
  });

  it.each(['EUR', 'USD', 'GBP', 'CHF', 'SLE', 'VED', 'XCG', 'ZWG', 'XAD', 'BOV', 'USN'])('contains active code %s', (code) => {
    expect(isCurrencyCode(code)).toBe(true);
  });

  it.each([
    ['HRK', 'withdrawn 2023 (euro)'],
    ['SLL', 'redenominated to SLE'],
    ['ZWL', 'replaced by ZWG'],
    ['ANG', 'replaced by XCG'],
    ['CUC', 'withdrawn'],
    ['BGN', 'withdrawn 2026 (euro)'],
    ['XAU', 'minor unit N.A.'],
    ['XDR', 'minor unit N.A.'],
    ['XTS', 'test code, minor unit N.A.'],
    ['XXX', 'no currency'],
  ])('does not contain %s (%s)', (code) => {
    expect(findCurrency(code)).toBeUndefined();
    expect(isCurrencyCode(code)).toBe(false);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(ISO_CURRENCIES)).toBe(true);
    expect(Object.isFrozen(ISO_CURRENCIES[0])).toBe(true);
  });
});

describe('findCurrency / isCurrencyCode', () => {
  it.each([
    ['EUR', 2],
    ['JPY', 0],
    ['KWD', 3],
    ['CLF', 4],
  ])('finds %s with %i minor units', (code, minorUnits) => {
    expect(findCurrency(code)).toMatchObject({ code, minorUnits });
  });

  it.each(['eur', 'Eur', ' EUR', 'EUR ', 'EURO', '', 'XYZ', '__proto__', 'toString', 'constructor'])(
    'does not match %j (exact, upper-case codes only)',
    (code) => {
      expect(findCurrency(code)).toBeUndefined();
      expect(isCurrencyCode(code)).toBe(false);
    },
  );

  it('returns false for non-string input from untyped callers', () => {
    expect(isCurrencyCode(978 as unknown as string)).toBe(false);
    expect(isCurrencyCode(undefined as unknown as string)).toBe(false);
  });
});

describe('getCurrency', () => {
  it('returns the entry for a known code', () => {
    expect(getCurrency('KWD')).toEqual({ code: 'KWD', name: 'Kuwaiti Dinar', minorUnits: 3 });
  });

  it.each(['XYZ', 'usd', 'HRK', ''])('throws validation_failed for unknown code %j', (code) => {
    let caught: unknown;
    try {
      getCurrency(code);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    const appError = caught as AppError;
    expect(appError.code).toBe('validation_failed');
    expect(appError.message).toContain(`unknown currency code ${code} (ISO 4217)`);
    expect(appError.issues).toEqual([
      { path: '/currency', message: `unknown currency code ${code} (ISO 4217)`, code: 'unknown_currency' },
    ]);
  });

  it('uses the given JSON pointer in the issue', () => {
    expect(() => getCurrency('XYZ', '/lines/0/currency')).toThrowError(
      expect.objectContaining({ issues: [expect.objectContaining({ path: '/lines/0/currency' })] }),
    );
  });
});
