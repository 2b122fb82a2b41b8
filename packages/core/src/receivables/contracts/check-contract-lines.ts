import type { Trx } from '../../db/transaction.ts';
import type { FieldIssue } from '../../errors/app-error.ts';
import type { ContractLineKind, ContractLineInput } from './contract-schemas.ts';

/** Which charge models make sense for which kind of line. */
export const MODELS_BY_KIND: Record<ContractLineKind, readonly string[]> = {
  recurring: ['flat', 'per_unit', 'graduated', 'volume', 'package', 'minimum_commitment'],
  usage: ['per_unit', 'graduated', 'volume', 'package', 'percentage', 'included_allowance'],
  one_time: ['one_time'],
  milestone: ['milestone'],
};

type LineToCheck = Omit<ContractLineInput, 'startDate' | 'quantity' | 'key'> & { startDate?: string | undefined; key?: string | undefined };

/**
 * Checks contract lines against the catalog and the term: the product exists and is
 * active, the charge model fits the line kind, usage lines name an active metric (and
 * only they do), and lines start inside the term. Returns every problem with its path.
 */
export async function checkContractLines(
  trx: Trx,
  lines: readonly { line: LineToCheck; path: string }[],
  term: { startDate: string; endDate: string },
): Promise<FieldIssue[]> {
  const productIds = [...new Set(lines.map((l) => l.line.productId))];
  const metricCodes = [...new Set(lines.flatMap((l) => (l.line.metricCode ? [l.line.metricCode] : [])))];
  const [products, metrics] = await Promise.all([
    productIds.length ? trx.selectFrom('products').select(['id', 'active']).where('id', 'in', productIds).execute() : [],
    metricCodes.length ? trx.selectFrom('billableMetrics').select(['code', 'active']).where('code', 'in', metricCodes).execute() : [],
  ]);
  const issues: FieldIssue[] = [];
  const keys = new Set<string>();
  for (const { line, path } of lines) {
    const product = products.find((p) => p.id === line.productId);
    if (!product) issues.push({ path: `${path}/productId`, message: `product ${line.productId} does not exist`, code: 'reference' });
    else if (!product.active) issues.push({ path: `${path}/productId`, message: `product ${line.productId} is inactive`, code: 'inactive' });
    if (!MODELS_BY_KIND[line.kind].includes(line.charge.model)) {
      issues.push({ path: `${path}/charge/model`, message: `a ${line.kind} line cannot use the ${line.charge.model} model; use ${MODELS_BY_KIND[line.kind].join(', ')}`, code: 'model' });
    }
    if (line.kind === 'usage') {
      const metric = metrics.find((m) => m.code === line.metricCode);
      if (!line.metricCode) issues.push({ path: `${path}/metricCode`, message: 'is required for usage lines', code: 'required' });
      else if (!metric) issues.push({ path: `${path}/metricCode`, message: `billable metric ${line.metricCode} does not exist`, code: 'reference' });
      else if (!metric.active) issues.push({ path: `${path}/metricCode`, message: `billable metric ${line.metricCode} is inactive`, code: 'inactive' });
    } else if (line.metricCode) {
      issues.push({ path: `${path}/metricCode`, message: `only usage lines are rated from a metric (this is a ${line.kind} line)`, code: 'not_allowed' });
    }
    if (line.startDate && (line.startDate < term.startDate || line.startDate >= term.endDate)) {
      issues.push({ path: `${path}/startDate`, message: `must be within the contract term ${term.startDate} to ${term.endDate} (exclusive)`, code: 'range' });
    }
    if (line.key) {
      if (keys.has(line.key)) issues.push({ path: `${path}/key`, message: `line key ${line.key} is used twice`, code: 'duplicate' });
      keys.add(line.key);
    }
  }
  return issues;
}
