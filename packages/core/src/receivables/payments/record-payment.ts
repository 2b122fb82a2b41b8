import { assertInScope, type EntityScope } from '../../access/principal.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { translateDbError } from '../../master-data/db-errors.ts';
import { checkCurrencyActive } from '../../master-data/reference-checks.ts';
import { parseMoney } from '../../money/parse-format.ts';
import type { ActorContext } from '../../shared/context.ts';
import { getPayment } from './payment-repository.ts';
import type { PaymentWithApplications, RecordPaymentInput } from './payment-schemas.ts';
import { postPayment } from './post-payment.ts';

/**
 * Records money received from a customer (bank transfer, card, direct debit) and applies
 * it: to the invoices named in `invoiceIds` in that order, or else to the customer's
 * oldest open invoices in the currency by due date. Partial payments leave the invoice
 * partially paid; no invoice gets more than its amount due; what is left over becomes the
 * customer's credit balance, used by {@link applyCreditBalance} on later invoices.
 */
export async function recordPayment(db: Db, ctx: ActorContext, input: RecordPaymentInput, scope: EntityScope): Promise<PaymentWithApplications> {
  const amount = parseMoney(input.amount, input.currency, { path: '/amount', allowNegative: false });
  if (amount.amount === 0n) throw AppError.invalid('/amount', 'must be greater than zero', 'amount_zero');
  const ids = input.invoiceIds ?? [];
  const twice = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (twice >= 0) throw AppError.invalid(`/invoiceIds/${twice}`, `invoice ${ids[twice]} is listed twice`, 'duplicate');
  try {
    return await inTransaction(db, async (trx) => {
      const customer = await trx.selectFrom('customers').select(['id', 'entityId']).where('id', '=', input.customerId).executeTakeFirst();
      if (!customer) throw AppError.invalid('/customerId', `customer ${input.customerId} does not exist`, 'reference');
      assertInScope(scope, [customer.entityId], 'payments');
      const currencyIssues = await checkCurrencyActive(trx, input.currency, '/currency');
      if (currencyIssues.length > 0) throw new AppError('validation_failed', `/currency: ${currencyIssues[0]!.message}`, { issues: currencyIssues });
      const { paymentId, created } = await postPayment(trx, ctx, {
        customer,
        currency: input.currency,
        amountMinor: amount.amount,
        receivedOn: input.receivedOn,
        method: input.method,
        source: 'api',
        externalId: input.externalId ?? null,
        reference: input.reference ?? null,
        invoiceIds: input.invoiceIds,
        status: 'succeeded',
      });
      if (!created) {
        throw new AppError('conflict', `a payment with externalId ${input.externalId} was already recorded (${paymentId})`, {
          issues: [{ path: '/externalId', message: 'is already taken', code: 'unique' }],
          extensions: { paymentId },
        });
      }
      return getPayment(trx, paymentId);
    });
  } catch (error) {
    throw translateDbError(error, { payments_source_external_id_key: 'externalId' }, 'payment');
  }
}
