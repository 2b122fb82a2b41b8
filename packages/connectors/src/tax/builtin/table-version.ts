/**
 * Version of the built-in tax tables, written into every decision (`tableVersion`) and
 * used as the engine version. Bump it whenever a rate, a validity date, a taxability row or a
 * rule changes, so a stored decision always names the tables that produced it.
 * Format: `<year>.<release in that year>`.
 */
export const TAX_TABLE_VERSION = '2026.2';
