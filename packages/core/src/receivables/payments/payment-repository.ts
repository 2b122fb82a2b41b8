import type { Selectable } from 'kysely';
import type { PaymentApplicationsTable, PaymentsTable } from '../../db/schema.ts';
import type { Db, Trx } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { formatMoney } from '../../money/parse-format.ts';
import type { Payment, PaymentApplication, PaymentWithApplications } from './payment-schemas.ts';

export type PaymentRow = Selectable<PaymentsTable>;
type ApplicationRow = Selectable<PaymentApplicationsTable>;

const text = (amount: bigint, currency: string): string => formatMoney({ amount, currency });

/** A payment row as the API shows it: amounts as decimal strings beside the currency. */
export function toPayment(row: PaymentRow): Payment {
  const c = row.currency;
  return {
    id: row.id,
    entityId: row.entityId,
    customerId: row.customerId,
    currency: c,
    amount: text(row.amountMinor, c),
    applied: text(row.appliedMinor, c),
    unapplied: text(row.unappliedMinor, c),
    refunded: text(row.refundedMinor, c),
    disputed: text(row.disputedMinor, c),
    receivedOn: row.receivedOn,
    method: row.method,
    source: row.source,
    externalId: row.externalId,
    chargeId: row.chargeId,
    reference: row.reference,
    status: row.status,
    disputeStatus: row.disputeStatus,
    failureReason: row.failureReason,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toApplication(row: ApplicationRow & { invoiceNumber: string | null }, currency: string): PaymentApplication {
  return {
    id: row.id,
    invoiceId: row.invoiceId,
    invoiceNumber: row.invoiceNumber,
    amount: text(row.amountMinor, currency),
    reason: row.reason,
    effectiveOn: row.effectiveOn,
    appliedAt: row.appliedAt.toISOString(),
  };
}

/** A payment with every application and reversal, oldest first; undefined when unknown. */
export async function findPayment(db: Db, id: string): Promise<PaymentWithApplications | undefined> {
  const row = await db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const applications = await db
    .selectFrom('paymentApplications')
    .innerJoin('invoices', 'invoices.id', 'paymentApplications.invoiceId')
    .selectAll('paymentApplications')
    .select('invoices.number as invoiceNumber')
    .where('paymentApplications.paymentId', '=', id)
    .orderBy('paymentApplications.seq')
    .execute();
  return { ...toPayment(row), applications: applications.map((a) => toApplication(a, row.currency)) };
}

export async function getPayment(db: Db, id: string): Promise<PaymentWithApplications> {
  const payment = await findPayment(db, id);
  if (!payment) throw AppError.notFound('payment', id);
  return payment;
}

/** The payment row, locked for the rest of the transaction. */
export async function lockPayment(trx: Trx, id: string): Promise<PaymentRow> {
  const row = await trx.selectFrom('payments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw AppError.notFound('payment', id);
  return row;
}

/** The money of a payment that is still its own to give back: on invoices or in credit. */
export function heldByCustomer(row: Pick<PaymentRow, 'appliedMinor' | 'unappliedMinor'>): bigint {
  return row.appliedMinor + row.unappliedMinor;
}
