import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * A GL entry names its invoice and the invoice's customer with one foreign key, on the
 * pair, instead of one key each: the entry's customer is now the invoice's customer (two
 * keys allowed any customer), and an insert checks one key instead of two. GL entries are
 * the most numerous rows a bill run writes (a receivable, a revenue entry per line and a
 * tax entry per invoice), so this is a check fewer on each of them. The invoice's customer
 * is itself a foreign key to customers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    ALTER TABLE invoices ADD CONSTRAINT invoices_id_customer_key UNIQUE (id, customer_id);
    ALTER TABLE invoice_gl_entries
      DROP CONSTRAINT invoice_gl_entries_invoice_id_fkey,
      DROP CONSTRAINT invoice_gl_entries_customer_id_fkey,
      ADD CONSTRAINT invoice_gl_entries_invoice_customer_fkey FOREIGN KEY (invoice_id, customer_id) REFERENCES invoices (id, customer_id);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    ALTER TABLE invoice_gl_entries
      DROP CONSTRAINT invoice_gl_entries_invoice_customer_fkey,
      ADD CONSTRAINT invoice_gl_entries_invoice_id_fkey FOREIGN KEY (invoice_id) REFERENCES invoices (id),
      ADD CONSTRAINT invoice_gl_entries_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);
    ALTER TABLE invoices DROP CONSTRAINT invoices_id_customer_key;
  `);
}
