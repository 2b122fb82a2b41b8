import type { Selectable } from 'kysely';
import { assertInScope, type EntityScope } from '../../access/principal.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { flagUsageOutsideContracts } from '../billing/aggregate-usage.ts';
import type { ContractLinesTable } from '../../db/schema.ts';
import { inTransaction, type Db, type Trx } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { checkContractLines } from './check-contract-lines.ts';
import { contractLines, getContract } from './contract-repository.ts';
import type { AmendContractInput, Contract, ContractLineInput } from './contract-schemas.ts';

type LineRow = Selectable<ContractLinesTable>;
type NewLine = Omit<ContractLineInput, 'startDate'>;

/**
 * Amends a live contract from an effective date (in the customer's time zone). Line
 * versions are never rewritten: the version in force on that date ends there and its
 * successor starts there, so earlier periods keep their prices and the bill run prorates
 * the period the change falls in by day (credit for the old version's unused days, charge
 * for the new one's). The future schedule follows from the new versions at once.
 */
export async function amendContract(
  db: Db,
  ctx: ActorContext,
  contractId: string,
  input: AmendContractInput,
  scope: EntityScope,
): Promise<Contract> {
  return inTransaction(db, async (trx) => {
    const contract = await trx.selectFrom('contracts').selectAll().where('id', '=', contractId).forUpdate().executeTakeFirst();
    if (!contract) throw AppError.notFound('contract', contractId);
    assertInScope(scope, [contract.entityId], 'contracts');
    if (contract.status !== 'active') {
      throw new AppError('illegal_transition', `contract ${contract.number} is ${contract.status}; only active contracts can be amended`);
    }
    const date = input.effectiveDate;
    if (date < contract.startDate) throw AppError.invalid('/effectiveDate', `is before the contract start ${contract.startDate}`);
    const lastAllowed = input.kind === 'cancel' ? date <= contract.endDate : date < contract.endDate;
    if (!lastAllowed) throw AppError.invalid('/effectiveDate', `is after the contract term, which ends ${contract.endDate} (exclusive)`);

    const before = await getContract(trx, contractId);
    const versions = await contractLines(trx, contractId);
    const amendmentId = newId(ID_PREFIX.contractAmendment);
    const term = { startDate: contract.startDate, endDate: contract.endDate };
    const ops = new LineOps(trx, versions, amendmentId, contract.customerId, contractId, contract.endDate);

    switch (input.kind) {
      case 'change_quantity': {
        const current = await ops.endAt(input.lineKey, date, '/lineKey');
        await ops.insertVersion(current, { quantity: input.quantity }, date);
        break;
      }
      case 'change_price': {
        const current = ops.inForce(input.lineKey, date, '/lineKey');
        await throwIfAny(await checkContractLines(trx, [{ line: { ...toInput(current), charge: input.charge }, path: '' }], term));
        await ops.endAt(input.lineKey, date, '/lineKey');
        await ops.insertVersion(current, { charge: input.charge }, date);
        break;
      }
      case 'add_line':
        await ops.add([input.line], date, '/line', term);
        break;
      case 'remove_line':
        await ops.endAt(input.lineKey, date, '/lineKey');
        await ops.dropLaterVersions(input.lineKey, date);
        break;
      case 'change_plan':
        for (const [i, key] of input.removeLineKeys.entries()) {
          await ops.endAt(key, date, `/removeLineKeys/${i}`);
          await ops.dropLaterVersions(key, date);
        }
        await ops.add(input.addLines, date, '/addLines', term);
        break;
      case 'cancel':
        await ops.cancelFrom(date);
        await trx
          .updateTable('contracts')
          .set({ status: 'cancelled', cancelledOn: date, cancellationReason: input.reason, endDate: date, autoRenew: false })
          .where('id', '=', contractId)
          .execute();
        break;
    }

    await trx
      .insertInto('contractAmendments')
      .values({
        id: amendmentId,
        contractId,
        customerId: contract.customerId,
        effectiveDate: date,
        kind: input.kind,
        changes: JSON.stringify(input),
        reason: input.reason ?? null,
        actor: ctx.actor,
      })
      .execute();
    await trx.updateTable('contracts').set({ version: contract.version + 1, updatedAt: new Date() }).where('id', '=', contractId).execute();
    const after = await getContract(trx, contractId);
    // Usage the amendment leaves without a price (a line ended or removed) is flagged for review.
    if (input.kind === 'remove_line' || input.kind === 'cancel' || input.kind === 'change_plan') await flagUsageOutsideContracts(trx, [contract.customerId]);
    await recordAudit(trx, ctx, {
      action: `contract.amended.${input.kind}`,
      objectType: 'contract',
      objectId: contractId,
      entityId: contract.entityId,
      before,
      after,
      reason: input.reason ?? null,
    });
    return after;
  });
}

function toInput(row: LineRow): NewLine {
  return {
    key: row.lineKey,
    productId: row.productId,
    kind: row.kind,
    ...(row.metricCode ? { metricCode: row.metricCode } : {}),
    charge: row.charge as NewLine['charge'],
    quantity: row.quantity,
  };
}

async function throwIfAny(issues: { path: string; message: string }[]): Promise<void> {
  if (issues.length > 0) throw new AppError('validation_failed', `invalid amendment: ${issues[0]!.path} ${issues[0]!.message}`, { issues });
}

/** Line-version operations of one amendment (all inside the amendment's transaction). */
class LineOps {
  constructor(
    private readonly trx: Trx,
    private readonly versions: LineRow[],
    private readonly amendmentId: string,
    private readonly customerId: string,
    private readonly contractId: string,
    private readonly contractEnd: string,
  ) {}

  /** The version of `key` in force on `date`, or a 422 naming `path`. */
  inForce(key: string, date: string, path: string): LineRow {
    const version = this.versions.find((v) => v.lineKey === key && v.startDate <= date && date < v.endDate);
    if (!version) {
      const known = this.versions.some((v) => v.lineKey === key);
      throw AppError.invalid(path, known ? `line ${key} is not in force on ${date}` : `the contract has no line ${key}`);
    }
    return version;
  }

  /** Ends the version in force on `date` there; returns it as it was. */
  async endAt(key: string, date: string, path: string): Promise<LineRow> {
    const version = this.inForce(key, date, path);
    await this.trx.updateTable('contractLines').set({ endDate: date }).where('id', '=', version.id).execute();
    return version;
  }

  /** Versions of `key` scheduled to start after `date` (earlier amendments) are dropped to zero length. */
  async dropLaterVersions(key: string, date: string): Promise<void> {
    for (const v of this.versions.filter((x) => x.lineKey === key && x.startDate > date)) {
      await this.trx.updateTable('contractLines').set({ endDate: v.startDate }).where('id', '=', v.id).execute();
    }
  }

  /** The successor of `previous` from `date` until the previous version's end. */
  async insertVersion(previous: LineRow, changes: { quantity?: string; charge?: NewLine['charge'] }, date: string): Promise<void> {
    await this.trx
      .insertInto('contractLines')
      .values({
        id: newId(ID_PREFIX.contractLine),
        contractId: previous.contractId,
        customerId: previous.customerId,
        lineKey: previous.lineKey,
        productId: previous.productId,
        kind: previous.kind,
        metricCode: previous.metricCode,
        charge: JSON.stringify(changes.charge ?? previous.charge),
        quantity: changes.quantity ?? previous.quantity,
        startDate: date,
        endDate: previous.endDate,
        amendmentId: this.amendmentId,
      })
      .execute();
  }

  /** New lines from `date` to the end of the term; keys must not be in force already. */
  async add(lines: readonly NewLine[], date: string, path: string, term: { startDate: string; endDate: string }): Promise<void> {
    const existingKeys = new Set(this.versions.filter((v) => v.endDate > date).map((v) => v.lineKey));
    const allKeys = new Set(this.versions.map((v) => v.lineKey));
    let next = allKeys.size + 1;
    const resolved = lines.map((line) => {
      let key = line.key;
      while (key === undefined || (line.key === undefined && allKeys.has(key))) key = `L${next++}`;
      allKeys.add(key);
      return { ...line, key, startDate: date };
    });
    const at = (i: number): string => (path === '/line' ? path : `${path}/${i}`);
    const issues = await checkContractLines(this.trx, resolved.map((line, i) => ({ line, path: at(i) })), term);
    resolved.forEach((line, i) => {
      if (existingKeys.has(line.key)) issues.push({ path: `${at(i)}/key`, message: `line ${line.key} is already in force; remove it first or choose another key`, code: 'duplicate' });
    });
    await throwIfAny(issues);
    await this.trx
      .insertInto('contractLines')
      .values(
        resolved.map((line) => ({
          id: newId(ID_PREFIX.contractLine),
          contractId: this.contractId,
          customerId: this.customerId,
          lineKey: line.key,
          productId: line.productId,
          kind: line.kind,
          metricCode: line.metricCode ?? null,
          charge: JSON.stringify(line.charge),
          quantity: line.quantity,
          startDate: date,
          endDate: this.contractEnd,
          amendmentId: this.amendmentId,
        })),
      )
      .execute();
  }

  /** Every version ends by `date` (versions starting later become zero-length). */
  async cancelFrom(date: string): Promise<void> {
    for (const v of this.versions.filter((x) => x.endDate > date)) {
      await this.trx.updateTable('contractLines').set({ endDate: v.startDate > date ? v.startDate : date }).where('id', '=', v.id).execute();
    }
  }
}
