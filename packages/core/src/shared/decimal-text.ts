/**
 * A numeric column's text without the scale padding PostgreSQL adds
 * (`10.000000000000` → `10`, `2.500` → `2.5`). Exact: only trailing zeros go.
 */
export function trimDecimal(text: string): string {
  if (!text.includes('.')) return text;
  const trimmed = text.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}
