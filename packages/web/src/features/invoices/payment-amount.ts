/**
 * Reading a payment amount typed by a person, exactly: decimal strings in major units are
 * turned into integer minor units (bigint) by string work alone, never through a float.
 */

/** Decimal places of a currency, read from an amount the server formatted in it ("1250.00" → 2, "5000" → 0). */
export function decimalsOf(formatted: string): number {
  const dot = formatted.indexOf('.');
  return dot < 0 ? 0 : formatted.length - dot - 1;
}

/** A decimal string with at most `decimals` places in minor units: "12.5" (2) → 1250n; undefined when it is not one. */
export function toMinorUnits(text: string, decimals: number): bigint | undefined {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) return undefined;
  return BigInt(match[1]! + fraction.padEnd(decimals, '0'));
}

/** What was typed, checked: minor units, or why it cannot be paid, in words. */
export type CheckedAmount = { ok: true; minor: bigint; overpaid: boolean } | { ok: false; problem: string };

/**
 * Checks an amount typed in the payment form against the invoice: a plain positive
 * decimal with no more places than the currency has. More than the amount due is allowed
 * (the server puts the rest on the customer's credit balance) and flagged as `overpaid`.
 */
export function checkPaymentAmount(typed: string, currency: string, amountDue: string): CheckedAmount {
  const text = typed.trim();
  const decimals = decimalsOf(amountDue);
  if (text === '') return { ok: false, problem: 'Enter the amount received.' };
  if (!/^\d+(\.\d+)?$/.test(text)) {
    return { ok: false, problem: `Write the amount as digits with a "." for decimals, without spaces or thousands separators (e.g. "${amountDue}").` };
  }
  const minor = toMinorUnits(text, decimals);
  if (minor === undefined) {
    return { ok: false, problem: decimals === 0 ? `${currency} has no minor unit: enter a whole number.` : `${currency} has at most ${decimals} decimal place${decimals === 1 ? '' : 's'}.` };
  }
  if (minor === 0n) return { ok: false, problem: 'The amount must be greater than zero.' };
  return { ok: true, minor, overpaid: minor > (toMinorUnits(amountDue, decimals) ?? 0n) };
}
