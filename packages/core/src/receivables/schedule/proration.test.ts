import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error.ts';
import { money, type RoundingMode } from '../../money/index.ts';
import { billingPeriods } from './billing-periods.ts';
import { amendmentProration, prorateAmount, prorationFactor, type ProratablePeriod, type ProrationLineInput } from './proration.ts';

const APRIL: ProratablePeriod = { start: '2026-04-01', end: '2026-05-01' };
const JANUARY: ProratablePeriod = { start: '2026-01-01', end: '2026-02-01' };
const eur = (minor: bigint) => money(minor, 'EUR');
const plan = (description: string, minor: bigint, currency = 'EUR'): ProrationLineInput => ({ description, amount: money(minor, currency) });

describe('prorationFactor: days / full period days, exact', () => {
  it.each<[ProratablePeriod, string, string, bigint, bigint]>([
    [APRIL, '2026-04-16', '2026-05-01', 15n, 30n],
    [APRIL, '2026-04-01', '2026-05-01', 30n, 30n],
    [APRIL, '2026-04-30', '2026-05-01', 1n, 30n],
    [APRIL, '2026-05-01', '2026-05-01', 0n, 30n],
    [{ start: '2028-02-01', end: '2028-03-01' }, '2028-02-15', '2028-03-01', 15n, 29n],
    // A 17-day stub of January is billed against the full 31 days.
    [{ start: '2026-01-15', end: '2026-02-01', fullDays: 31 }, '2026-01-15', '2026-02-01', 17n, 31n],
    [{ start: '2026-01-01', end: '2027-01-01' }, '2026-07-01', '2027-01-01', 184n, 365n],
  ])('%j from %s to %s = %i/%i', (period, from, to, numerator, denominator) => {
    expect(prorationFactor(period, from, to)).toEqual({ numerator, denominator });
  });

  it.each<[ProratablePeriod, string, string, string]>([
    [APRIL, '2026-03-31', '2026-05-01', '/from'],
    [APRIL, '2026-04-10', '2026-04-09', '/to'],
    [APRIL, '2026-04-10', '2026-05-02', '/to'],
    [{ start: '2026-04-01', end: '2026-04-01' }, '2026-04-01', '2026-04-01', '/period/end'],
    [{ start: '2026-04-01', end: '2026-05-01', fullDays: 29 }, '2026-04-01', '2026-04-01', '/period/fullDays'],
    [APRIL, '2026-04-31', '2026-05-01', '/from'],
  ])('rejects %j from %s to %s at %s', (period, from, to, path) => {
    expect(() => prorationFactor(period, from, to)).toThrowError(expect.objectContaining({ issues: [expect.objectContaining({ path })] }));
  });
});

describe('prorateAmount: rounded once', () => {
  it.each<[bigint, string, bigint, bigint, RoundingMode, bigint]>([
    [9999n, 'EUR', 15n, 30n, 'half_up', 5000n], // 49.995
    [9999n, 'EUR', 15n, 30n, 'half_even', 5000n], // 4999.5 cents → even 5000
    [9999n, 'EUR', 15n, 30n, 'down', 4999n],
    [9997n, 'EUR', 15n, 30n, 'half_even', 4998n], // 4998.5 → 4998
    [1000n, 'JPY', 1n, 3n, 'half_up', 333n],
    [1000n, 'JPY', 2n, 3n, 'half_up', 667n],
    [10000n, 'KWD', 1n, 3n, 'half_up', 3333n],
    [10001n, 'KWD', 1n, 2n, 'half_up', 5001n], // 5.0005
    [10001n, 'KWD', 1n, 2n, 'half_even', 5000n],
    [-9999n, 'EUR', 15n, 30n, 'half_up', -5000n],
    [12345n, 'EUR', 0n, 31n, 'half_up', 0n],
  ])('%i %s × %i/%i (%s) = %i', (amount, currency, numerator, denominator, mode, expected) => {
    expect(prorateAmount(money(amount, currency), { numerator, denominator }, mode)).toEqual(money(expected, currency));
  });

  it('rejects a zero denominator', () => {
    expect(() => prorateAmount(eur(100n), { numerator: 1n, denominator: 0n }, 'half_up')).toThrowError(AppError);
  });
});

describe('amendmentProration', () => {
  it('credits the unused old price and charges the new one for the days left', () => {
    const result = amendmentProration({
      period: APRIL,
      effectiveDate: '2026-04-21',
      oldLines: [plan('Starter', 3000n)],
      newLines: [plan('Pro', 9000n)],
      roundingMode: 'half_up',
    });
    expect(result.lines).toEqual([
      {
        kind: 'proration_credit',
        description: 'Unused time on Starter (2026-04-21 to 2026-04-30)',
        amount: eur(-1000n),
        fullAmount: eur(3000n),
        from: '2026-04-21',
        to: '2026-05-01',
        factor: { numerator: 10n, denominator: 30n },
      },
      {
        kind: 'proration_charge',
        description: 'Remaining time on Pro (2026-04-21 to 2026-04-30)',
        amount: eur(3000n),
        fullAmount: eur(9000n),
        from: '2026-04-21',
        to: '2026-05-01',
        factor: { numerator: 10n, denominator: 30n },
      },
    ]);
    expect(result.total).toEqual(eur(2000n));
  });

  it('pins the ±1 trap: bills the sum of separately rounded lines, not the rounded net', () => {
    // April, 15 of 30 days left, 99.99 → 150.00 EUR, half_up.
    const result = amendmentProration({
      period: APRIL,
      effectiveDate: '2026-04-16',
      oldLines: [plan('Team', 9999n)],
      newLines: [plan('Business', 15000n)],
      roundingMode: 'half_up',
    });
    expect(result.lines.map((l) => l.amount.amount)).toEqual([-5000n, 7500n]); // −49.995 → −50.00; 75.00
    expect(result.total).toEqual(eur(2500n));
    // Rounding the net difference once would have given one cent more: 50.01 / 2 = 25.005 → 25.01.
    const roundedNet = prorateAmount(eur(15000n - 9999n), { numerator: 15n, denominator: 30n }, 'half_up');
    expect(roundedNet).toEqual(eur(2501n));
    expect(result.total.amount).not.toBe(roundedNet.amount);
  });

  it('chains two upgrades in one period: the second credit is for the first upgrade\'s price', () => {
    // January (31 days): 31.00 from Jan 1, 62.00 from Jan 11, 93.00 from Jan 21.
    const first = amendmentProration({
      period: JANUARY,
      effectiveDate: '2026-01-11',
      oldLines: [plan('Basic', 3100n)],
      newLines: [plan('Plus', 6200n)],
      roundingMode: 'half_up',
    });
    const second = amendmentProration({
      period: JANUARY,
      effectiveDate: '2026-01-21',
      oldLines: [plan('Plus', 6200n)],
      newLines: [plan('Premium', 9300n)],
      roundingMode: 'half_up',
    });
    expect(first.lines.map((l) => [l.description, l.amount.amount])).toEqual([
      ['Unused time on Basic (2026-01-11 to 2026-01-31)', -2100n],
      ['Remaining time on Plus (2026-01-11 to 2026-01-31)', 4200n],
    ]);
    expect(second.lines.map((l) => [l.description, l.amount.amount])).toEqual([
      ['Unused time on Plus (2026-01-21 to 2026-01-31)', -2200n],
      ['Remaining time on Premium (2026-01-21 to 2026-01-31)', 3300n],
    ]);
    // Billed in advance 31.00, then +21.00 and +11.00: 63.00 = 10 days × 1 + 10 × 2 + 11 × 3.
    expect(3100n + first.total.amount + second.total.amount).toBe(1000n + 2000n + 3300n);
  });

  it('handles a downgrade, an added line and a removed line', () => {
    const result = amendmentProration({
      period: APRIL,
      effectiveDate: '2026-04-16',
      oldLines: [plan('Pro', 9000n), plan('Support add-on', 3000n)],
      newLines: [plan('Starter', 3000n)],
      roundingMode: 'half_up',
    });
    expect(result.lines.map((l) => [l.kind, l.amount.amount])).toEqual([
      ['proration_credit', -4500n],
      ['proration_credit', -1500n],
      ['proration_charge', 1500n],
    ]);
    expect(result.total).toEqual(eur(-4500n));
  });

  it('prorates an amendment inside a first stub against the full month', () => {
    const [stub] = billingPeriods({ start: '2026-01-15', frequency: 'monthly', alignment: 'calendar', timeZone: 'America/Los_Angeles' }, '2026-01-16');
    const result = amendmentProration({
      period: stub!,
      effectiveDate: '2026-01-25',
      oldLines: [],
      newLines: [plan('Seats ×3', 3100n)],
      roundingMode: 'half_up',
    });
    expect(result.lines[0]!.factor).toEqual({ numerator: 7n, denominator: 31n });
    expect(result.total).toEqual(eur(700n));
  });

  it.each<[string, RoundingMode, bigint[]]>([
    // JPY: 10,000 → 15,000 with 10 of 31 days left: 3225.8 and 4838.7
    ['JPY', 'half_up', [-3226n, 4839n]],
    ['JPY', 'down', [-3225n, 4838n]],
  ])('rounds %s lines with %s', (currency, mode, amounts) => {
    const result = amendmentProration({
      period: JANUARY,
      effectiveDate: '2026-01-22',
      oldLines: [plan('Old', 10000n, currency)],
      newLines: [plan('New', 15000n, currency)],
      roundingMode: mode,
    });
    expect(result.lines.map((l) => l.amount.amount)).toEqual(amounts);
  });

  it('rounds KWD credits as the mirror image of a charge', () => {
    // 1.001 KWD × 15/30 = 0.5005 → 0.501 (half_up), credited as −0.501
    const result = amendmentProration({ period: APRIL, effectiveDate: '2026-04-16', oldLines: [plan('Old', 1001n, 'KWD')], newLines: [], roundingMode: 'half_up' });
    expect(result.total).toEqual(money(-501n, 'KWD'));
  });

  it.each<[string, Partial<Parameters<typeof amendmentProration>[0]>, string]>([
    ['an effective date before the period', { effectiveDate: '2026-03-31' }, '/effectiveDate'],
    ['an effective date on the period end', { effectiveDate: '2026-05-01' }, '/effectiveDate'],
    ['no lines at all', { oldLines: [], newLines: [] }, '/newLines'],
    ['mixed currencies', { newLines: [plan('New', 100n, 'USD')] }, '/newLines/0/amount/currency'],
    ['an unknown rounding mode', { roundingMode: 'nearest' as RoundingMode }, '/roundingMode'],
  ])('rejects %s', (_case, override, path) => {
    const call = () =>
      amendmentProration({ period: APRIL, effectiveDate: '2026-04-16', oldLines: [plan('Old', 100n)], newLines: [plan('New', 200n)], roundingMode: 'half_up', ...override });
    expect(call).toThrowError(expect.objectContaining({ issues: [expect.objectContaining({ path })] }));
  });
});
