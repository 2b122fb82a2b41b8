import type { Selectable } from 'kysely';
import { assertInScope, type EntityScope } from '../../access/principal.ts';
import type { ContractLinesTable, ContractsTable } from '../../db/schema.ts';
import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { formatMoney } from '../../money/parse-format.ts';
import type { RoundingMode } from '../../money/rounding.ts';
import { loadBillingInputs } from '../billing/load-billing-inputs.ts';
import { billingPeriods } from '../schedule/billing-periods.ts';
import { addDays, addMonths, localDateOf, type LocalDate } from '../schedule/local-dates.ts';
import type { ContractSchedule, ContractScheduleQuery, ScheduleEntry, ScheduleLine } from './contract-schedule-schemas.ts';
import { projectContractBilling, type ProjectedLine } from './project-contract-billing.ts';

type Version = Selectable<ContractLinesTable>;
type ContractRow = Selectable<ContractsTable>;
type Entry = ScheduleEntry & { amountMinor: bigint | null };

const monthsBetween = (from: string, to: string) => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
const chargeOf = (v: Version) => v.charge as { model?: string; name?: string; params?: Record<string, unknown> };
const laterPeriod = (a: string, b: string) => (a > b ? a : b);

/**
 * A contract's billing schedule from today (in the customer's time zone): for every line,
 * the next `periods` billing periods the coming bill runs will bill, with the service
 * dates, the bill run (month) that bills them and the amount. Recurring, one-time and
 * milestone amounts come from the bill run's own planner run month by month
 * ({@link projectContractBilling}), so amendments show as the proration credits and
 * charges the run will bill; usage lines list their periods in arrears without an amount.
 */
export async function getContractSchedule(
  db: Db,
  contractId: string,
  query: ContractScheduleQuery,
  scope: EntityScope,
  options: { now?: Date } = {},
): Promise<ContractSchedule> {
  const now = options.now ?? new Date();
  const contract = await db.selectFrom('contracts').selectAll().where('id', '=', contractId).executeTakeFirst();
  if (!contract) throw AppError.notFound('contract', contractId);
  assertInScope(scope, [contract.entityId], 'contracts');
  const { timeZone } = await db.selectFrom('customers').select('timeZone').where('id', '=', contract.customerId).executeTakeFirstOrThrow();
  const asOf = localDateOf(now, timeZone);
  const fromPeriod = asOf.slice(0, 7);
  const lastPeriod = laterPeriod(fromPeriod, addMonths(contract.endDate, 1).slice(0, 7));
  const [inputs] = await loadBillingInputs(db, [contract.customerId], fromPeriod, `${lastPeriod}-01`);
  const versions = inputs!.versions.filter((v) => v.contractId === contractId);
  const keys = [...new Set(versions.map((v) => v.lineKey))];
  const products = versions.length
    ? await db.selectFrom('products').select(['id', 'name']).where('id', 'in', [...new Set(versions.map((v) => v.productId))]).execute()
    : [];
  const productName = new Map(products.map((p) => [p.id, p.name]));
  const metricNames = new Map((await db.selectFrom('billableMetrics').select(['code', 'name']).execute()).map((m) => [m.code, m.name]));

  const priced = new Set(keys.filter((k) => versions.some((v) => v.lineKey === k && v.kind === 'recurring' && chargeOf(v).model !== 'minimum_commitment' && v.endDate > asOf)));
  const keyOf = new Map(versions.map((v) => [v.id, v.lineKey]));
  const runsOf = (lines: readonly ProjectedLine[], key: string) => new Set(lines.filter((l) => keyOf.get(l.contractLineId) === key).map((l) => l.billRunPeriod)).size;
  const projected = projectContractBilling(inputs!, contractId, fromPeriod, {
    roundingMode: inputs!.entity.roundingMode as RoundingMode,
    now,
    maxMonths: Math.min(132, monthsBetween(fromPeriod, lastPeriod) + 1),
    enough: (lines) => [...priced].every((key) => runsOf(lines, key) >= query.periods),
  });

  const lines: ScheduleLine[] = [];
  const allEntries: Entry[] = [];
  for (const key of keys) {
    const own = versions.filter((v) => v.lineKey === key);
    const latest = own.at(-1)!;
    const entries: Entry[] =
      latest.kind === 'usage'
        ? usageEntries(contract, own, timeZone, inputs!.customer.usageBilledUntil, fromPeriod, metricNames.get(latest.metricCode ?? '') ?? latest.metricCode ?? key, query.periods)
        : firstRuns(projected.filter((l) => keyOf.get(l.contractLineId) === key), query.periods).map((l) => toEntry(l, contract));
    allEntries.push(...entries);
    const basis = basisOf(latest, contract);
    lines.push({
      key,
      kind: latest.kind,
      productId: latest.productId,
      productName: productName.get(latest.productId) ?? latest.productId,
      metricCode: latest.metricCode,
      basis,
      note: noteFor(basis, own, entries.length, asOf),
      entries: entries.map(({ amountMinor: _minor, ...entry }) => entry),
    });
  }
  return {
    contractId,
    currency: contract.currency,
    timeZone,
    asOf,
    billingFrequency: contract.billingFrequency,
    billingTiming: contract.billingTiming,
    termEnd: contract.endDate,
    autoRenew: contract.autoRenew,
    lines,
    billRuns: totalsPerRun(allEntries, contract.currency),
  };
}

/** The entries of the first `count` bill runs that bill the line. */
function firstRuns(lines: ProjectedLine[], count: number): ProjectedLine[] {
  const runs = [...new Set(lines.map((l) => l.billRunPeriod))].slice(0, count);
  return lines.filter((l) => runs.includes(l.billRunPeriod));
}

function toEntry(line: ProjectedLine, contract: ContractRow): Entry {
  const start = line.serviceStart ?? `${line.billRunPeriod}-01`;
  const end = line.serviceEnd ?? start;
  const inArrears = line.kind === 'recurring' && contract.billingTiming === 'in_arrears';
  return {
    kind: line.kind as Entry['kind'],
    description: line.description,
    serviceStart: start,
    serviceEnd: end,
    billRunPeriod: line.billRunPeriod,
    billingDate: inArrears ? end : start,
    quantity: line.quantity,
    amount: formatMoney({ amount: line.amountMinor, currency: contract.currency }),
    amountMinor: line.amountMinor,
  };
}

/**
 * A usage line's coming periods: billed in arrears once each has closed, from the usage
 * of the period, so they carry no amount. Periods whose usage a run already billed (up to
 * the customer's usage watermark) or the previous system billed (`billedThrough`) are left out.
 */
function usageEntries(contract: ContractRow, own: Version[], timeZone: string, billedUntil: Date | null, fromPeriod: string, metricName: string, count: number): Entry[] {
  const live = own.filter((v) => v.endDate > v.startDate);
  if (live.length === 0) return [];
  const first = live.reduce((d, v) => (v.startDate < d ? v.startDate : d), live[0]!.startDate);
  const last = live.reduce((d, v) => (v.endDate > d ? v.endDate : d), live[0]!.endDate);
  const periods = billingPeriods(
    {
      start: contract.startDate,
      end: contract.endDate,
      frequency: contract.billingFrequency,
      alignment: contract.alignment,
      ...(contract.alignment === 'bill_day' && contract.billDay ? { billDay: contract.billDay } : {}),
      timeZone,
    },
    contract.endDate,
  );
  const through = contract.billedThrough;
  return periods
    .filter((p) => p.start < last && p.end > first)
    .filter((p) => !billedUntil || p.endsAt > billedUntil)
    .filter((p) => !through || (contract.billingTiming === 'in_advance' ? p.end >= through : p.end > through))
    .slice(0, count)
    .map((p) => {
      const start: LocalDate = p.start > first ? p.start : first;
      const end: LocalDate = p.end < last ? p.end : last;
      return {
        kind: 'usage',
        description: `${metricName}, per usage in the period`,
        serviceStart: start,
        serviceEnd: end,
        billRunPeriod: laterPeriod(fromPeriod, addDays(end, -1).slice(0, 7)),
        billingDate: end,
        quantity: null,
        amount: null,
        amountMinor: null,
      };
    });
}

function basisOf(latest: Version, contract: ContractRow): ScheduleLine['basis'] {
  if (latest.kind === 'usage') return 'per_usage';
  if (latest.kind === 'one_time') return 'one_time';
  if (latest.kind === 'milestone') return 'milestone';
  if (chargeOf(latest).model === 'minimum_commitment') return 'commitment';
  return contract.billingTiming === 'in_arrears' ? 'in_arrears' : 'in_advance';
}

function noteFor(basis: ScheduleLine['basis'], own: Version[], entries: number, asOf: LocalDate): string | null {
  const end = own.reduce((d, v) => (v.endDate > d ? v.endDate : d), own[0]!.endDate);
  if (basis === 'per_usage') return entries > 0 ? 'In arrears, per usage: rated from the usage of each period once it has closed' : `No usage periods left to bill (the line ends ${end})`;
  if (basis === 'commitment') {
    const amount = chargeOf(own.at(-1)!).params?.amount;
    return `Minimum commitment${typeof amount === 'string' ? ` of ${amount}` : ''} per period, trued up in arrears against the period's usage charges`;
  }
  if (entries > 0) return null;
  if (basis === 'milestone') return 'Billed by the first bill run after a milestone is completed';
  if (basis === 'one_time') return 'Billed once, by the bill run of the month the line starts; already billed';
  return end <= asOf ? `Ended ${end}; nothing left to bill` : 'Nothing left to bill in this term';
}

function totalsPerRun(entries: readonly Entry[], currency: string): ContractSchedule['billRuns'] {
  const sums = new Map<string, bigint>();
  for (const e of entries) if (e.amountMinor !== null) sums.set(e.billRunPeriod, (sums.get(e.billRunPeriod) ?? 0n) + e.amountMinor);
  return [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([period, minor]) => ({ period, amount: formatMoney({ amount: minor, currency }) }));
}
