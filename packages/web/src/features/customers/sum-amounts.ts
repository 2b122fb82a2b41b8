/**
 * Adds exact decimal strings ("1234.50", "-0.01") with BigInt at the largest scale among
 * them, so totals of amounts the API sends are exact (never through floats).
 */
export function sumAmounts(amounts: readonly string[]): string {
  const scale = Math.max(0, ...amounts.map((a) => a.split('.')[1]?.length ?? 0));
  const total = amounts.reduce((sum, a) => {
    const negative = a.startsWith('-');
    const [whole = '0', fraction = ''] = (negative ? a.slice(1) : a).split('.');
    const units = BigInt(whole + fraction.padEnd(scale, '0'));
    return sum + (negative ? -units : units);
  }, 0n);
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}
