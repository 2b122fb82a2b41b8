import { assertInScope, type EntityScope } from '../../access/principal.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError, type FieldIssue } from '../../errors/app-error.ts';
import { translateDbError } from '../../master-data/db-errors.ts';
import { checkCurrencyActive } from '../../master-data/reference-checks.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { addMonths } from '../schedule/local-dates.ts';
import { checkContractLines } from './check-contract-lines.ts';
import { getContract } from './contract-repository.ts';
import type { Contract, CreateContractInput } from './contract-schemas.ts';

/**
 * Creates an active contract with its lines for one customer. The customer's entity bills
 * it; the term is `termMonths` from `startDate` (end exclusive). Refused when it overlaps
 * another live contract of the customer, when the customer needs a PO number and none is
 * given, or when a line does not fit the catalog (see `checkContractLines`).
 */
export async function createContract(db: Db, ctx: ActorContext, input: CreateContractInput, scope: EntityScope): Promise<Contract> {
  try {
    return await inTransaction(db, async (trx) => {
      const customer = await trx
        .selectFrom('customers')
        .select(['id', 'entityId', 'billingCurrency', 'poRequired', 'active'])
        .where('id', '=', input.customerId)
        .executeTakeFirst();
      if (!customer) throw AppError.invalid('/customerId', `customer ${input.customerId} does not exist`);
      assertInScope(scope, [customer.entityId], 'contracts');
      const currency = input.currency ?? customer.billingCurrency;
      const endDate = addMonths(input.startDate, input.termMonths);
      const issues: FieldIssue[] = [];
      if (!customer.active) issues.push({ path: '/customerId', message: `customer ${input.customerId} is inactive`, code: 'inactive' });
      issues.push(...(await checkCurrencyActive(trx, currency, '/currency')));
      if (input.billedThrough && (input.billedThrough < input.startDate || input.billedThrough > endDate)) {
        issues.push({ path: '/billedThrough', message: `must be within the term (${input.startDate} to ${endDate})`, code: 'out_of_range' });
      }
      if (customer.poRequired && !input.poNumber) issues.push({ path: '/poNumber', message: 'is required: this customer needs a purchase order number on invoices', code: 'required' });
      if (input.alignment === 'bill_day' && input.billDay === undefined) issues.push({ path: '/billDay', message: 'is required when alignment is bill_day', code: 'required' });
      if (input.alignment !== 'bill_day' && input.billDay !== undefined) issues.push({ path: '/billDay', message: 'is only used with alignment bill_day', code: 'not_allowed' });
      const overlapping = await trx
        .selectFrom('contracts')
        .select(['number', 'startDate', 'endDate'])
        .where('customerId', '=', customer.id)
        .where('status', 'in', ['active', 'renewed'])
        .where('startDate', '<', endDate)
        .where('endDate', '>', input.startDate)
        .executeTakeFirst();
      if (overlapping) {
        issues.push({ path: '/startDate', message: `the term overlaps contract ${overlapping.number} (${overlapping.startDate} to ${overlapping.endDate}); amend that contract instead`, code: 'overlap' });
      }
      const lines = input.lines.map((line, i) => ({ ...line, key: line.key ?? `L${i + 1}` }));
      issues.push(...(await checkContractLines(trx, lines.map((line, i) => ({ line, path: `/lines/${i}` })), { startDate: input.startDate, endDate })));
      if (issues.length > 0) throw new AppError('validation_failed', `invalid contract: ${issues[0]!.path} ${issues[0]!.message}`, { issues });

      const id = newId(ID_PREFIX.contract);
      await trx
        .insertInto('contracts')
        .values({
          id,
          entityId: customer.entityId,
          customerId: customer.id,
          number: input.number,
          currency,
          status: 'active',
          startDate: input.startDate,
          endDate,
          termMonths: input.termMonths,
          autoRenew: input.autoRenew,
          renewalUpliftPercent: input.renewalUpliftPercent,
          billingFrequency: input.billingFrequency,
          billingTiming: input.billingTiming,
          alignment: input.alignment,
          billDay: input.billDay ?? null,
          poNumber: input.poNumber ?? null,
          billedThrough: input.billedThrough ?? null,
        })
        .execute();
      await trx
        .insertInto('contractLines')
        .values(
          lines.map((line) => ({
            id: newId(ID_PREFIX.contractLine),
            contractId: id,
            customerId: customer.id,
            lineKey: line.key,
            productId: line.productId,
            kind: line.kind,
            metricCode: line.metricCode ?? null,
            charge: JSON.stringify(line.charge),
            quantity: line.quantity,
            startDate: line.startDate ?? input.startDate,
            endDate,
          })),
        )
        .execute();
      const contract = await getContract(trx, id);
      await recordAudit(trx, ctx, { action: 'contract.created', objectType: 'contract', objectId: id, entityId: customer.entityId, after: contract });
      return contract;
    });
  } catch (error) {
    throw translateDbError(error, { contracts_entity_id_number_key: 'number' }, 'contract');
  }
}
