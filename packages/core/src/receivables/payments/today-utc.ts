/** Today as YYYY-MM-DD in UTC: the default business date of a movement recorded now. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
