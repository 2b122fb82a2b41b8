/**
 * The part of Xero's `where` filter the simulator understands: `Field=="value"` clauses
 * joined by `AND` or `&&` (e.g. `CreditNoteNumber=="CN-1" AND Type=="ACCRECCREDIT"`).
 * Returns the clauses, or undefined for anything else (Xero would answer 400).
 */
export function parseXeroWhere(where: string): Array<[field: string, value: string]> | undefined {
  const clauses: Array<[string, string]> = [];
  for (const part of where.split(/\s+AND\s+|\s*&&\s*/i)) {
    const match = /^\s*([A-Za-z.]+)\s*==\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(part);
    if (!match) return undefined;
    clauses.push([match[1]!, match[2]!.replace(/\\(.)/g, '$1')]);
  }
  return clauses;
}

/** Whether a document satisfies every clause (dotted fields read nested objects: `Contact.ContactID`). */
export function matchesXeroWhere(document: Record<string, unknown>, clauses: ReadonlyArray<[string, string]>): boolean {
  return clauses.every(([field, value]) => {
    const actual = field.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), document);
    return actual !== undefined && String(actual) === value;
  });
}
