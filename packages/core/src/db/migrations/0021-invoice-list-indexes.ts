import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * The invoice list: newest first by `(created_at, id)`, each filter with that order after
 * it, so a filtered page is the first 51 entries of one index range, read backwards.
 * Without them the planner walked the primary key and dropped the rows that did not
 * match, or read the whole table and sorted: at 100,000 invoices (bench:invoice-list) a
 * filter whose rows are recent (this month's period or bill run, approved, drafts) or
 * rare (credit memos, posted, an empty stage) read every row, 130–300 ms on PostgreSQL.
 *
 * Every lifecycle change rewrites the row outside HOT (lifecycle is indexed), so each full
 * index here costs an entry per change: status is indexed only for drafts and void
 * (finalized is most rows: the order's own index finds them at once), kind only for
 * credit memos. Customers have `invoices_customer (customer_id, created_at)`; an entity
 * is a large share of the table, which the order's index finds quickly.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE INDEX invoices_list_order ON invoices (created_at, id);
    CREATE INDEX invoices_list_lifecycle ON invoices (lifecycle, created_at, id);
    CREATE INDEX invoices_list_period ON invoices (billing_period, created_at, id);
    CREATE INDEX invoices_list_bill_run ON invoices (bill_run_id, created_at, id);
    CREATE INDEX invoices_list_unfinalized ON invoices (status, created_at, id) WHERE status <> 'finalized';
    CREATE INDEX invoices_list_credit_memos ON invoices (created_at, id) WHERE kind = 'credit_memo';
    CREATE INDEX invoices_list_number ON invoices (number text_pattern_ops) WHERE number IS NOT NULL;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    DROP INDEX invoices_list_number;
    DROP INDEX invoices_list_credit_memos;
    DROP INDEX invoices_list_unfinalized;
    DROP INDEX invoices_list_bill_run;
    DROP INDEX invoices_list_period;
    DROP INDEX invoices_list_lifecycle;
    DROP INDEX invoices_list_order;
  `);
}
