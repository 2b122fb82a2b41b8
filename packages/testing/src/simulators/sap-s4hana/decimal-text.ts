/** Exact sums of decimal strings for the simulators' balance checks (no floats). */

const SCALE = 6;

/** "-119.5" → -119500000n (millionths); undefined when it is not a decimal. */
export function toMillionths(value: string): bigint | undefined {
  const match = /^(-?)(\d+)(?:\.(\d{1,6}))?$/.exec(value.trim());
  if (!match) return undefined;
  const [, sign, whole = '0', fraction = ''] = match;
  const magnitude = BigInt(whole) * 10n ** BigInt(SCALE) + BigInt(fraction.padEnd(SCALE, '0'));
  return sign === '-' ? -magnitude : magnitude;
}

/** Millionths back to text with two decimals (cut, never rounded: these are balance messages). */
export function formatMillionths(value: bigint): string {
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const whole = magnitude / 10n ** BigInt(SCALE);
  const cents = (magnitude % 10n ** BigInt(SCALE)) / 10n ** BigInt(SCALE - 2);
  return `${negative ? '-' : ''}${whole}.${cents.toString().padStart(2, '0')}`;
}
