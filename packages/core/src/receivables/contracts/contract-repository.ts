import type { Selectable } from 'kysely';
import type { ContractLinesTable, ContractsTable } from '../../db/schema.ts';
import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { trimDecimal } from '../../shared/decimal-text.ts';
import type { Contract, ContractLine } from './contract-schemas.ts';

/** A line version as the API shows it. */
export function toContractLine(row: Selectable<ContractLinesTable>): ContractLine {
  return {
    id: row.id,
    key: row.lineKey,
    productId: row.productId,
    kind: row.kind,
    metricCode: row.metricCode,
    charge: row.charge,
    quantity: trimDecimal(row.quantity),
    startDate: row.startDate,
    endDate: row.endDate,
    amendmentId: row.amendmentId,
  };
}

/** A contract with all its line versions, as the API shows it. */
export function toContract(row: Selectable<ContractsTable>, lines: Selectable<ContractLinesTable>[]): Contract {
  return {
    id: row.id,
    entityId: row.entityId,
    customerId: row.customerId,
    number: row.number,
    currency: row.currency,
    status: row.status,
    startDate: row.startDate,
    endDate: row.endDate,
    termMonths: row.termMonths,
    autoRenew: row.autoRenew,
    renewalUpliftPercent: trimDecimal(row.renewalUpliftPercent),
    billingFrequency: row.billingFrequency,
    billingTiming: row.billingTiming,
    alignment: row.alignment,
    billDay: row.billDay,
    poNumber: row.poNumber,
    billedThrough: row.billedThrough,
    cancelledOn: row.cancelledOn,
    cancellationReason: row.cancellationReason,
    renewedFromId: row.renewedFromId,
    lines: lines.map(toContractLine),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Line versions of a contract, by line then start date. */
export async function contractLines(db: Db, contractId: string): Promise<Selectable<ContractLinesTable>[]> {
  return db.selectFrom('contractLines').selectAll().where('contractId', '=', contractId).orderBy('lineKey').orderBy('startDate').orderBy('createdAt').execute();
}

export async function findContract(db: Db, id: string): Promise<Contract | undefined> {
  const row = await db.selectFrom('contracts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toContract(row, await contractLines(db, id)) : undefined;
}

export async function getContract(db: Db, id: string): Promise<Contract> {
  const contract = await findContract(db, id);
  if (!contract) throw AppError.notFound('contract', id);
  return contract;
}
