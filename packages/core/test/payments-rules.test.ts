import { describe, expect, it } from 'vitest';
import { ISO_CURRENCIES, allocatePayment, fromStripeAmount, isAppError, nextPaymentStatus, stripeDigits, stripeSignature, verifyStripeSignature } from '@invoiceops/core';

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected an AppError');
};

describe('allocatePayment', () => {
  const items = [
    { invoiceId: 'a', dueMinor: 1000n },
    { invoiceId: 'b', dueMinor: 0n },
    { invoiceId: 'c', dueMinor: 500n },
  ];
  it.each([
    [300n, [['a', 300n]], 0n],
    [1000n, [['a', 1000n]], 0n],
    [1200n, [['a', 1000n], ['c', 200n]], 0n],
    [1700n, [['a', 1000n], ['c', 500n]], 200n],
    [0n, [], 0n],
  ])('allocates %s minor units in order', (amount, expected, remainder) => {
    const result = allocatePayment(amount, items);
    expect(result.allocations.map((a) => [a.invoiceId, a.amountMinor])).toEqual(expected);
    expect(result.remainderMinor).toBe(remainder);
  });
});

describe('payment state machine', () => {
  const amounts = (refundedMinor: bigint) => ({ amountMinor: 1000n, refundedMinor });
  it.each([
    ['succeeded', 'refund', amounts(400n), 'partially_refunded'],
    ['partially_refunded', 'refund', amounts(1000n), 'refunded'],
    ['succeeded', 'dispute_opened', amounts(0n), 'disputed'],
    ['disputed', 'dispute_won', amounts(0n), 'succeeded'],
    ['disputed', 'dispute_won', amounts(200n), 'partially_refunded'],
    ['disputed', 'dispute_lost', amounts(0n), 'disputed'],
    ['succeeded', 'fail', amounts(0n), 'failed'],
    ['failed', 'retry_succeeded', amounts(0n), 'succeeded'],
  ] as const)('%s + %s', (from, event, a, to) => {
    expect(nextPaymentStatus(from, event, a)).toBe(to);
  });
  it.each([
    ['refunded', 'refund'],
    ['failed', 'refund'],
    ['disputed', 'refund'],
    ['disputed', 'dispute_opened'],
    ['succeeded', 'dispute_won'],
    ['refunded', 'fail'],
  ] as const)('refuses %s + %s with illegal_transition', (from, event) => {
    expect(errorOf(() => nextPaymentStatus(from, event, amounts(0n))).code).toBe('illegal_transition');
  });
});

describe('Stripe amounts', () => {
  it.each([
    [1000, 'usd', 1000n, 'USD'],
    [5000, 'jpy', 5000n, 'JPY'],
    [12340, 'kwd', 12340n, 'KWD'],
    [500, 'isk', 5n, 'ISK'],
    [1200, 'mga', 120000n, 'MGA'],
  ])('%s %s = %s minor units of %s', (amount, currency, minor, code) => {
    expect(fromStripeAmount(amount, currency)).toEqual({ amount: minor, currency: code });
  });
  it('refuses fractional krónur, floats, unsafe integers and unknown currencies', () => {
    expect(errorOf(() => fromStripeAmount(550, 'isk')).issues[0]?.path).toBe('/data/object/amount');
    expect(errorOf(() => fromStripeAmount(10.5, 'usd')).issues[0]?.path).toBe('/data/object/amount');
    expect(errorOf(() => fromStripeAmount(2 ** 60, 'usd')).issues[0]?.path).toBe('/data/object/amount');
    expect(errorOf(() => fromStripeAmount(100, 'xyz')).issues[0]?.path).toBe('/data/object/currency');
  });
  it("agrees with ISO 4217 on Stripe's zero- and three-decimal currencies, except ISK and MGA", () => {
    const zeroDecimal = ['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF'];
    for (const code of zeroDecimal) expect(stripeDigits(code), code).toBe(0);
    for (const code of ['BHD', 'JOD', 'KWD', 'OMR', 'TND']) expect(stripeDigits(code), code).toBe(3);
    const differing = ISO_CURRENCIES.filter((c) => stripeDigits(c.code) !== c.minorUnits).map((c) => c.code);
    expect(differing).toEqual(['ISK', 'MGA']);
  });
});

describe('Stripe signature', () => {
  const secret = 'whsec_test_secret';
  const body = '{"id":"evt_1","type":"charge.succeeded"}';
  const now = 1_780_000_000;
  const header = (t: number, ...sigs: string[]) => [`t=${t}`, ...sigs.map((s) => `v1=${s}`)].join(',');

  it('accepts the signature of the exact body, also next to other v1 values and a v0', () => {
    const good = stripeSignature(secret, now, body);
    expect(verifyStripeSignature(body, header(now, good), secret, now)).toBe(now);
    expect(verifyStripeSignature(Buffer.from(body), `${header(now - 200, 'ab'.repeat(32), stripeSignature(secret, now - 200, body))},v0=zz`, secret, now)).toBe(now - 200);
  });

  it.each([
    ['a tampered body', () => verifyStripeSignature(body.replace('evt_1', 'evt_2'), header(now, stripeSignature(secret, now, body)), secret, now), /matches/],
    ['a wrong secret', () => verifyStripeSignature(body, header(now, stripeSignature('whsec_other', now, body)), secret, now), /matches/],
    ['a stale timestamp', () => verifyStripeSignature(body, header(now - 301, stripeSignature(secret, now - 301, body)), secret, now), /300 seconds/],
    ['a timestamp from the future', () => verifyStripeSignature(body, header(now + 301, stripeSignature(secret, now + 301, body)), secret, now), /300 seconds/],
    ['no header', () => verifyStripeSignature(body, undefined, secret, now), /missing/],
    ['no timestamp', () => verifyStripeSignature(body, `v1=${stripeSignature(secret, now, body)}`, secret, now), /timestamp/],
    ['no v1', () => verifyStripeSignature(body, `t=${now}`, secret, now), /no v1/],
    ['a signature that is not hex', () => verifyStripeSignature(body, header(now, 'not-hex'), secret, now), /matches/],
  ])('refuses %s with bad_request', (_name, check, message) => {
    const error = errorOf(check);
    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(message);
  });
});
