import { sql } from 'kysely';
import type { Db } from '../../db/transaction.ts';
import type { FieldIssue } from '../../errors/app-error.ts';
import { DEFAULT_GL_ACCOUNTS } from '../../receivables/billing/gl-distribution.ts';
import type { ErpMappingContent } from './erp-mapping-schema.ts';

/** At most this many unknown keys are listed; the message counts the rest. */
const MAX_LISTED = 50;

/** The tables whose keys are our own records, and where each must exist. */
const REFERENCES = [
  { table: 'entities', what: 'legal entity', query: (keys: string[]) => sql<{ key: string }>`SELECT id AS key FROM legal_entities WHERE id = ANY(${keys}::text[])` },
  { table: 'accounts', what: 'GL account', query: (keys: string[]) => sql<{ key: string }>`SELECT code AS key FROM gl_accounts WHERE code = ANY(${keys}::text[])` },
  { table: 'products', what: 'product', query: (keys: string[]) => sql<{ key: string }>`SELECT id AS key FROM products WHERE id = ANY(${keys}::text[])` },
  { table: 'customers', what: 'customer', query: (keys: string[]) => sql<{ key: string }>`SELECT id AS key FROM customers WHERE id = ANY(${keys}::text[])` },
] as const;

/** A JSON Pointer segment (RFC 6901). */
const segment = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The keys of an ERP mapping that name none of our records — a legal entity, GL account
 * (by code — or one of the receivable, tax and deferred-revenue codes invoices post to),
 * product or customer that does not exist, usually a typo: such an entry would
 * never match, and documents would fall to the defaults or be held for a missing mapping.
 * Publishing is refused with one issue per key at its pointer (`/content/connections/
 * netsuite/accounts/4O00`). Tax codes and dimension codes are not checked: they are the
 * tax engine's and the lines' own words, not rows of a table.
 */
export async function findUnknownMappingKeys(db: Db, content: ErpMappingContent): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  let unlisted = 0;
  for (const reference of REFERENCES) {
    const uses: { connection: string; key: string }[] = [];
    for (const [connection, mapping] of Object.entries(content.connections)) {
      for (const key of Object.keys(mapping[reference.table] ?? {})) uses.push({ connection, key });
    }
    if (uses.length === 0) continue;
    const known = new Set((await reference.query([...new Set(uses.map((u) => u.key))]).execute(db)).rows.map((r) => r.key));
    // Invoices post receivables, tax and deferred revenue to these codes whether or not the chart lists them.
    if (reference.table === 'accounts') for (const code of Object.values(DEFAULT_GL_ACCOUNTS)) known.add(code);
    for (const { connection, key } of uses) {
      if (known.has(key)) continue;
      if (issues.length >= MAX_LISTED) {
        unlisted += 1;
        continue;
      }
      issues.push({
        path: `/content/connections/${segment(connection)}/${reference.table}/${segment(key)}`,
        message: `connection ${connection} maps ${reference.what} ${key}, which does not exist`,
        code: 'unknown_reference',
      });
    }
  }
  if (unlisted > 0) issues.push({ path: '/content/connections', message: `and ${unlisted} more keys name records that do not exist`, code: 'unknown_reference' });
  return issues;
}
