import { sql } from 'kysely';
import { z } from 'zod';
import { assertInScope, type EntityScope } from '../access/principal.ts';
import type { Db } from '../db/transaction.ts';
import { formatMoney } from '../money/parse-format.ts';
import { idOf, isoDate } from '../shared/schemas.ts';
import { BUILTIN_LEDGER } from './builtin-ledger.ts';

export const ledgerQuery = z.strictObject({
  entityId: idOf('ent'),
  from: isoDate.optional().describe('First posting date included (default: the beginning)'),
  to: isoDate.optional().describe('Last posting date included (default: no end)'),
});
export type LedgerQuery = z.output<typeof ledgerQuery>;

export const trialBalanceRowSchema = z.object({
  accountCode: z.string(),
  currency: z.string(),
  debit: z.string(),
  credit: z.string(),
  balance: z.string().describe('Debit minus credit'),
});
export const trialBalanceSchema = z.object({
  entityId: z.string(),
  rows: z.array(trialBalanceRowSchema),
  /** Per currency, debits equal credits: the ledger balances. */
  balanced: z.boolean(),
});
export type TrialBalance = z.output<typeof trialBalanceSchema>;

/** One journal line with its entry, as the exports write it. */
interface JournalLine {
  journalId: string;
  postingDate: string;
  documentNumber: string | null;
  memo: string;
  currency: string;
  lineNo: number;
  accountCode: string;
  debitMinor: bigint;
  creditMinor: bigint;
  lineMemo: string;
}

async function journalLines(db: Db, q: LedgerQuery): Promise<JournalLine[]> {
  const rows = await sql<JournalLine>`
    SELECT j.id AS "journalId", to_char(j.posting_date, 'YYYY-MM-DD') AS "postingDate", j.document_number AS "documentNumber", j.memo, j.currency,
      l.line_no AS "lineNo", l.account_code AS "accountCode", l.debit_minor AS "debitMinor", l.credit_minor AS "creditMinor", l.memo AS "lineMemo"
    FROM ledger_journals j JOIN ledger_lines l ON l.journal_id = j.id
    WHERE j.connector = ${BUILTIN_LEDGER} AND j.entity_id = ${q.entityId}
      AND (${q.from ?? null}::date IS NULL OR j.posting_date >= ${q.from ?? null}::date)
      AND (${q.to ?? null}::date IS NULL OR j.posting_date <= ${q.to ?? null}::date)
    ORDER BY j.posting_date, j.id, l.line_no`.execute(db);
  return rows.rows.map((r) => ({ ...r, debitMinor: BigInt(r.debitMinor), creditMinor: BigInt(r.creditMinor) }));
}

/** The built-in ledger's trial balance of one entity: debits, credits and balance per account and currency. */
export async function getTrialBalance(db: Db, q: LedgerQuery, scope: EntityScope): Promise<TrialBalance> {
  assertInScope(scope, [q.entityId], 'the ledger');
  const rows = await sql<{ accountCode: string; currency: string; debit: string; credit: string }>`
    SELECT l.account_code AS "accountCode", j.currency, sum(l.debit_minor)::text AS debit, sum(l.credit_minor)::text AS credit
    FROM ledger_journals j JOIN ledger_lines l ON l.journal_id = j.id
    WHERE j.connector = ${BUILTIN_LEDGER} AND j.entity_id = ${q.entityId}
      AND (${q.from ?? null}::date IS NULL OR j.posting_date >= ${q.from ?? null}::date)
      AND (${q.to ?? null}::date IS NULL OR j.posting_date <= ${q.to ?? null}::date)
    GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
  const perCurrency = new Map<string, bigint>();
  const out = rows.rows.map((r) => {
    const debit = BigInt(r.debit);
    const credit = BigInt(r.credit);
    perCurrency.set(r.currency, (perCurrency.get(r.currency) ?? 0n) + debit - credit);
    const money = (amount: bigint) => formatMoney({ amount, currency: r.currency });
    return { accountCode: r.accountCode, currency: r.currency, debit: money(debit), credit: money(credit), balance: money(debit - credit) };
  });
  return { entityId: q.entityId, rows: out, balanced: [...perCurrency.values()].every((v) => v === 0n) };
}

const csvCell = (value: string): string => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The journal as CSV: one row per line, amounts as decimals of the currency. */
export async function exportLedgerCsv(db: Db, q: LedgerQuery, scope: EntityScope): Promise<string> {
  assertInScope(scope, [q.entityId], 'the ledger');
  const lines = await journalLines(db, q);
  const header = 'journal_id,posting_date,document_number,memo,line_no,account_code,currency,debit,credit,line_memo';
  const body = lines.map((l) => [
    l.journalId, l.postingDate, l.documentNumber ?? '', l.memo, String(l.lineNo), l.accountCode, l.currency,
    formatMoney({ amount: l.debitMinor, currency: l.currency }), formatMoney({ amount: l.creditMinor, currency: l.currency }), l.lineMemo,
  ].map(csvCell).join(','));
  return [header, ...body].join('\n') + '\n';
}

/**
 * The journal as an hledger journal file (`hledger -f ledger.journal balance` reads it):
 * one transaction per entry, dated on its posting date, code = the document number,
 * postings as `account  amount CUR` with debits positive and credits negative.
 */
export async function exportLedgerHledger(db: Db, q: LedgerQuery, scope: EntityScope): Promise<string> {
  assertInScope(scope, [q.entityId], 'the ledger');
  const lines = await journalLines(db, q);
  const out: string[] = [];
  let current = '';
  for (const l of lines) {
    if (l.journalId !== current) {
      if (current !== '') out.push('');
      current = l.journalId;
      out.push(`${l.postingDate}${l.documentNumber ? ` (${l.documentNumber})` : ''} ${l.memo.replace(/[;\n]/g, ' ')}  ; journal:${l.journalId}`);
    }
    const amount = l.debitMinor !== 0n ? l.debitMinor : -l.creditMinor;
    out.push(`    ${l.accountCode}  ${formatMoney({ amount, currency: l.currency })} ${l.currency}`);
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
