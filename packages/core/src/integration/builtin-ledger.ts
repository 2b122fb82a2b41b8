import { sql } from 'kysely';
import type { Trx } from '../db/transaction.ts';
import { ID_PREFIX, newId } from '../shared/ids.ts';
import { PostingRefused, type CanonicalPosting, type PostingConnector, type PostingResult } from './posting-connector.ts';
import { jsonParam } from '../db/json-param.ts';

/** The connector name of the built-in ledger. */
export const BUILTIN_LEDGER = 'builtin_ledger';

/** Debits minus credits; zero for a balanced entry. */
export function postingImbalance(posting: Pick<CanonicalPosting, 'lines'>): bigint {
  return posting.lines.reduce((sum, l) => sum + l.debitMinor - l.creditMinor, 0n);
}

/**
 * The default connector: a double-entry journal in our own database (docs/posting.md).
 * Exactly once: the journal's `(connector, external_id)` is unique, so a repeat finds the
 * entry it made before (`already_posted`) instead of writing a second one. An unbalanced
 * entry, one without lines, and one with a line on an account the chart of accounts lists
 * as inactive (closed for posting) are refused, as a ledger would. The validation rules
 * check the revenue accounts when a document is submitted; an account closed between that
 * and the posting is caught here.
 */
export const builtinLedger: PostingConnector = {
  name: BUILTIN_LEDGER,
  async post(trx: Trx, posting: CanonicalPosting): Promise<PostingResult> {
    const label = posting.documentNumber ?? posting.documentId;
    if (posting.lines.length === 0) throw new PostingRefused(`${label} has no GL lines to post`, 'no_lines', 'master_data');
    const imbalance = postingImbalance(posting);
    if (imbalance !== 0n) {
      throw new PostingRefused(`the GL lines of ${label} do not balance (debits exceed credits by ${imbalance} minor units)`, 'unbalanced');
    }
    const codes = [...new Set(posting.lines.map((l) => l.accountCode))];
    const closed = await trx.selectFrom('glAccounts').select(['code', 'name']).where('code', 'in', codes).where('active', '=', false).orderBy('code').execute();
    if (closed.length > 0) {
      const accounts = closed.map((a) => `${a.code} ${a.name}`).join(', ');
      throw new PostingRefused(`the ledger refused ${label}: account ${accounts} is closed for posting (inactive in the chart of accounts)`, 'account_closed');
    }
    const id = newId(ID_PREFIX.ledgerJournal);
    const inserted = await sql<{ id: string }>`
      INSERT INTO ledger_journals (id, connector, external_id, entity_id, document_type, document_id, document_number, posting_date, currency, memo, created_at)
      VALUES (${id}, ${BUILTIN_LEDGER}, ${posting.externalId}, ${posting.entityId}, ${posting.documentType}, ${posting.documentId}, ${posting.documentNumber},
        ${posting.postingDate}::date, ${posting.currency}, ${posting.memo}, now())
      ON CONFLICT (connector, external_id) DO NOTHING
      RETURNING id`.execute(trx);
    if (inserted.rows.length === 0) {
      const existing = await trx.selectFrom('ledgerJournals').select('id').where('connector', '=', BUILTIN_LEDGER).where('externalId', '=', posting.externalId).executeTakeFirstOrThrow();
      return { outcome: 'already_posted', erpDocumentId: existing.id };
    }
    const lines = posting.lines.map((l, i) => ({
      id: newId(ID_PREFIX.ledgerLine),
      journal_id: id,
      line_no: i + 1,
      account_code: l.accountCode,
      debit_minor: l.debitMinor.toString(),
      credit_minor: l.creditMinor.toString(),
      dimensions: l.dimensions,
      memo: l.memo,
    }));
    await sql`INSERT INTO ledger_lines (id, journal_id, line_no, account_code, debit_minor, credit_minor, dimensions, memo)
      SELECT id, journal_id, line_no, account_code, debit_minor, credit_minor, dimensions, memo
      FROM json_populate_recordset(NULL::ledger_lines, ${jsonParam(JSON.stringify(lines))})`.execute(trx);
    return { outcome: 'posted', erpDocumentId: id };
  },
};
