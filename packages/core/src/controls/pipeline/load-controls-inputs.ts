import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { addMonths, localDateOf } from '../../receivables/schedule/local-dates.ts';
import { groupBy } from '../../shared/group-by.ts';
import type { RoutingFacts } from '../approvals/routing-facts.ts';
import type { LifecycleState } from '../lifecycle/document-lifecycle.ts';
import type { RuleContextInput, RuleHistoryInput } from '../rules/build-rule-context.ts';
import { loadActiveCurrencies, ruleContextOf } from './load-rule-context.ts';
import { loadDocumentHistory, type HistoryWindow } from './load-document-history.ts';
import { loadContractLines, loadDocumentHeaders, loadDocumentLines, loadEntities, type ContractLineRow, type DocumentHeaderRow, type DocumentLineRow, type EntityRow } from './load-document-rows.ts';
import { loadErpMappings } from './load-erp-mappings.ts';
import { findFxRates, fxRateKey, missingFxRatesError, type FxRateRequest } from './load-fx-rates.ts';
import { routingFactsOf } from './load-routing-facts.ts';

/** Everything validation rules and approval routing need about one document. */
export interface ControlsInput {
  readonly documentType: 'invoice' | 'credit_memo';
  readonly documentId: string;
  readonly entityId: string;
  readonly lifecycle: LifecycleState;
  /** Feed to `buildRuleContext`. */
  readonly context: RuleContextInput;
  readonly routing: RoutingFacts;
}

/**
 * A document the rules can run on but approval routing cannot: no FX rate converts its
 * total into the entity's functional currency (`missingRate` names the pair and date).
 */
export interface UnroutableInput extends Omit<ControlsInput, 'routing'> {
  readonly routing: null;
  readonly missingRate: FxRateRequest;
}

/** Documents per round of queries: the array parameters and result sets stay small. */
const CHUNK = 500;

/**
 * Loads the controls inputs of invoices and credit memos (rule context and routing facts),
 * in the order of `documentIds`, with a fixed handful of set-based queries per 500
 * documents — headers, lines, contract lines, history, ERP mappings, FX rates — never one
 * per document, because it runs over every invoice of a bill run. Where each field comes
 * from: docs/validation-rules.md ("Where the context comes from").
 *
 * `asOf` is the evaluation instant: `context.asOf` is its calendar day in the entity's time
 * zone (the zone issue dates are in); history counts documents issued up to that day, and a
 * draft converts at that day's FX rate. Same stored data and `asOf` → identical output.
 *
 * Throws `not_found` for an id that is no invoice or credit memo, and `not_found` naming
 * the pairs when an FX rate to an entity's functional currency is missing (submitting
 * holds just those documents instead: {@link loadSubmissionInputs}).
 */
export async function loadControlsInputs(db: Db, documentIds: readonly string[], asOf: Date): Promise<ControlsInput[]> {
  const loaded = await loadSubmissionInputs(db, documentIds, asOf);
  const missing = loaded.flatMap((input) => (input.routing === null ? [input.missingRate] : []));
  if (missing.length > 0) throw missingFxRatesError(missing);
  return loaded as ControlsInput[];
}

/**
 * Like {@link loadControlsInputs}, for submitting: a document whose FX rate is missing
 * does not fail the others; it comes back as an {@link UnroutableInput}, so the controls
 * hold just that document until the rate is entered.
 */
export async function loadSubmissionInputs(db: Db, documentIds: readonly string[], asOf: Date): Promise<(ControlsInput | UnroutableInput)[]> {
  if (!(asOf instanceof Date) || Number.isNaN(asOf.getTime())) throw AppError.invalid('/asOf', 'must be a valid date-time');
  const distinct = [...new Set(documentIds)];
  const loaded = new Map<string, ControlsInput | UnroutableInput>();
  for (let i = 0; i < distinct.length; i += CHUNK) {
    for (const input of await loadChunk(db, distinct.slice(i, i + CHUNK), asOf)) loaded.set(input.documentId, input);
  }
  return documentIds.map((id) => loaded.get(id)!);
}

async function loadChunk(db: Db, ids: string[], asOf: Date): Promise<(ControlsInput | UnroutableInput)[]> {
  const [headerRows, lines] = await Promise.all([loadDocumentHeaders(db, ids), loadDocumentLines(db, ids)]);
  const headers = new Map(headerRows.map((h) => [h.id, h]));
  const missing = ids.find((id) => !headers.has(id));
  if (missing !== undefined) throw AppError.notFound('document', missing);
  const docs = ids.map((id) => headers.get(id)!);
  const [entities, contractLines] = await Promise.all([
    loadEntities(db, distinctOf(docs.map((h) => h.entityId))),
    loadContractLines(db, distinctOf(docs.map((h) => h.contractId))),
  ]);
  return controlsInputsOf(db, { headers: docs, lines, entities, contractLines }, asOf);
}

/** The stored rows of documents the controls run on: read from the database, or built from a bill run's drafts in memory. */
export interface ControlsDocumentRows {
  /** The documents, in the order their inputs are wanted. */
  readonly headers: readonly DocumentHeaderRow[];
  /** Their lines, in line order per document. */
  readonly lines: readonly DocumentLineRow[];
  /** Every entity of the documents. */
  readonly entities: ReadonlyMap<string, EntityRow>;
  /** Every line version of the documents' contracts, by contract, line key, start date and id. */
  readonly contractLines: readonly ContractLineRow[];
}

/**
 * The controls inputs of documents whose rows are in hand (at most 500 at a time): what
 * is not a document's own — its customer's history, the ERP mappings, FX rates — is
 * loaded here with one set-based query each.
 */
export async function controlsInputsOf(db: Db, rows: ControlsDocumentRows, asOf: Date): Promise<(ControlsInput | UnroutableInput)[]> {
  const { headers: docs, lines, entities } = rows;
  const entityOf = (h: DocumentHeaderRow) => entities.get(h.entityId)!;
  const days = new Map(docs.map((h) => [h.id, localDateOf(asOf, entityOf(h).timeZone)]));
  const fxRequests = docs.map((h): FxRateRequest => ({ base: h.currency, quote: entityOf(h).functionalCurrency, date: h.issueDate ?? days.get(h.id)! }));

  const [history, erp, { rates }, activeCurrencies] = await Promise.all([
    loadDocumentHistory(db, docs.map((h) => historyWindow(h, days.get(h.id)!))),
    loadErpMappings(db, {
      customerIds: distinctOf(docs.map((h) => h.customerId)),
      productIds: distinctOf(lines.map((l) => l.productId)),
      glAccountCodes: distinctOf(lines.map((l) => l.revenueAccountCode)),
      taxCodes: distinctOf(lines.map((l) => l.taxCode)),
    }),
    findFxRates(db, fxRequests),
    // A bank account without a currency takes any: only then are all currencies needed.
    [...entities.values()].some((e) => e.bankAccounts.some((a) => !a.currency)) ? loadActiveCurrencies(db) : Promise.resolve([]),
  ]);

  const linesOf = groupBy(lines, (l) => l.invoiceId);
  const contractLinesOf = groupBy(rows.contractLines, (l) => l.contractId);
  return docs.map((h, index): ControlsInput | UnroutableInput => {
    const docLines = linesOf.get(h.id);
    const rate = rates.get(fxRateKey(fxRequests[index]!));
    const base = {
      documentType: h.kind,
      documentId: h.id,
      entityId: h.entityId,
      lifecycle: h.lifecycle,
      context: ruleContextOf({
        asOfDay: days.get(h.id)!,
        header: h,
        entity: entityOf(h),
        lines: docLines,
        contractLines: h.contractId === null ? [] : contractLinesOf.get(h.contractId),
        history: historyOf(history, h.id),
        erp,
        activeCurrencies,
      }),
    };
    if (rate === undefined) return { ...base, routing: null, missingRate: fxRequests[index]! };
    return { ...base, routing: routingFactsOf(h, entityOf(h), docLines, rate) };
  });
}

/** A document's history aggregates; every document gets a row, so a missing one is a bug, not an empty history. */
function historyOf(history: ReadonlyMap<string, RuleHistoryInput>, id: string): RuleHistoryInput {
  const found = history.get(id);
  if (found === undefined) throw new AppError('internal', `the history aggregates of document ${id} were not loaded`);
  return found;
}

const distinctOf = (values: (string | null)[]): string[] => [...new Set(values.filter((v): v is string => v !== null && v !== ''))];

/**
 * The history window of a document: 12 months back from `asOf`'s day, and "earlier" than
 * the document itself when it was issued by then, else than the end of that day.
 */
function historyWindow(h: DocumentHeaderRow, day: string): HistoryWindow {
  const fromDate = addMonths(day, -12);
  const own = { documentId: h.id, customerId: h.customerId, kind: h.kind, currency: h.currency, totalMinor: h.totalMinor, period: h.period };
  if (h.issueDate !== null && h.finalizedAt !== null && h.issueDate <= day) {
    return { ...own, fromDate, day: h.issueDate, at: new Date(h.finalizedAt), id: h.id };
  }
  return { ...own, fromDate, day, at: 'infinity', id: '' };
}
