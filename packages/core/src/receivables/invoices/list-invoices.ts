import { sql } from 'kysely';
import type { z } from 'zod';
import type { EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Page } from '../../master-data/pagination.ts';
import { groupBy } from '../../shared/group-by.ts';
import { toInvoice } from './invoice-repository.ts';
import type { Invoice, listInvoicesQuery } from './invoice-schemas.ts';

/** Where a page ends: the last row's creation time (microseconds, UTC) and id. */
interface ListPosition {
  at: string;
  id: string;
}

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function encodePosition(position: ListPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodePosition(cursor: string): ListPosition {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<ListPosition>;
    if (typeof parsed.at === 'string' && AT.test(parsed.at) && typeof parsed.id === 'string' && parsed.id.length <= 100) return { at: parsed.at, id: parsed.id };
  } catch {
    // fall through to the error below
  }
  throw AppError.invalid('/cursor', 'is not a cursor returned by this API');
}

/** `created_at` in UTC with every microsecond, so a cursor compares exactly as stored. */
const createdAtText = sql<string>`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** `%` and `_` match themselves in a search. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Invoices and credit memos, newest first (creation time, then id), with lines, limited
 * to entities in scope. `q` finds a number by its start (`US01-INV-2026`) or a customer by
 * part of the name, case-insensitively. Pages follow the keyset `(created_at, id)`, so a
 * page deep in 100,000 documents costs what the first does (migration 0021's indexes).
 */
export async function listInvoices(db: Db, query: z.output<typeof listInvoicesQuery>, scope: EntityScope): Promise<Page<Invoice>> {
  if (!scope.all && scope.entityIds.length === 0) return { data: [], nextCursor: null };
  let qb = db
    .selectFrom('invoices')
    .selectAll()
    .select(createdAtText.as('listAt'))
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (!scope.all) qb = qb.where('entityId', 'in', scope.entityIds);
  if (query.cursor) {
    const after = decodePosition(query.cursor);
    qb = qb.where(sql<boolean>`(created_at, id) < (${after.at}::timestamptz, ${after.id})`);
  }
  if (query.customerId) qb = qb.where('customerId', '=', query.customerId);
  if (query.entityId) qb = qb.where('entityId', '=', query.entityId);
  if (query.billRunId) qb = qb.where('billRunId', '=', query.billRunId);
  if (query.billingPeriod) qb = qb.where('billingPeriod', '=', query.billingPeriod);
  if (query.kind) qb = qb.where('kind', '=', query.kind);
  if (query.status) qb = qb.where('status', '=', query.status);
  if (query.lifecycle) qb = qb.where('lifecycle', '=', query.lifecycle);
  if (query.q) {
    const text = likeLiteral(query.q);
    qb = qb.where((eb) =>
      eb.or([
        eb('number', 'like', `${text.toUpperCase()}%`),
        eb('customerId', 'in', eb.selectFrom('customers').select('id').where('name', 'ilike', `%${text}%`)),
      ]),
    );
  }
  const rows = await qb.execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const lines = page.length ? await db.selectFrom('invoiceLines').selectAll().where('invoiceId', 'in', page.map((r) => r.id)).orderBy('lineNo').execute() : [];
  const linesOf = groupBy(lines, (l) => l.invoiceId);
  return {
    data: page.map(({ listAt: _, ...row }) => toInvoice(row, linesOf.get(row.id))),
    nextCursor: rows.length > query.limit && last ? encodePosition({ at: last.listAt, id: last.id }) : null,
  };
}
