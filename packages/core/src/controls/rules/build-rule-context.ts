import { formatMoney } from '../../money/parse-format.ts';
import { isTaxIdType, taxIdTypeForCountry, validateTaxId } from '../../reference-data/tax-ids.ts';
import type {
  RuleContext, RuleContract, RuleContractLine, RuleDocument, RuleEntity, RuleLine, RuleParty, RuleTaxLine, RuleUsage,
} from './rule-context.ts';

/** `T` with the `K` text fields optional and nullable, the way rows and snapshots hold them. */
type Nullable<T, K extends keyof T> = Omit<T, K> & { readonly [P in K]?: T[P] | null };

/** A tax line as stored: amounts in minor units only. */
export type RuleTaxLineInput = Omit<RuleTaxLine, 'taxable' | 'tax'>;

/** A document header as stored: amounts in minor units only, absent text as null. */
export type RuleDocumentInput = Nullable<
  Omit<RuleDocument, 'subtotal' | 'taxTotal' | 'total' | 'creditable' | 'creditableMinor' | 'taxLines'>,
  'number' | 'issueDate' | 'poNumber' | 'taxError' | 'creditedDocumentId'
> & {
  readonly taxStatus: 'calculated' | 'failed' | 'not_calculated';
  readonly taxLines?: readonly RuleTaxLineInput[];
  readonly creditableMinor?: bigint | null;
};

/** A document line as stored. */
export type RuleLineInput = Nullable<
  Omit<RuleLine, 'lineNo' | 'amount'>,
  'productId' | 'unitPrice' | 'glAccount' | 'taxCode' | 'vatCategory' | 'contractLineId' | 'usageMetric'
> & { readonly lineNo: number };

/** The party as stored; `taxIdValid` is derived, never given. */
export type RulePartyInput = Nullable<
  Omit<RuleParty, 'taxIdValid' | 'taxIdRequired' | 'poRequired'>,
  'taxId' | 'taxIdType' | 'segment'
> & { readonly taxIdRequired?: boolean; readonly poRequired?: boolean };

/** The contract and the agreed price per line. */
export type RuleContractInput = Nullable<Omit<RuleContract, 'lines'>, 'poNumber'> & {
  readonly lines: readonly Nullable<RuleContractLine, 'unitPrice'>[];
};

/** History aggregates in minor units; counts as numbers. */
export interface RuleHistoryInput {
  readonly documentCount: number;
  /** Rounded half up to minor units by the query that computes it. */
  readonly averageTotalMinor: bigint;
  readonly minTotalMinor: bigint;
  readonly maxTotalMinor: bigint;
  readonly sameAmountCount: number;
}

/** Usage of one metric; `entitlement: null` means unlimited. */
export type RuleUsageInput = Omit<RuleUsage, 'entitlement' | 'unlimited'> & { readonly entitlement: string | null };

/** What {@link buildRuleContext} needs; absent parts mean "none" (no contract, no history, no usage). */
export interface RuleContextInput {
  readonly asOf: string;
  readonly document: RuleDocumentInput;
  readonly lines: readonly RuleLineInput[];
  readonly party: RulePartyInput;
  readonly contract?: RuleContractInput | null;
  readonly entity: RuleEntity;
  readonly history?: RuleHistoryInput | null;
  readonly usage?: readonly RuleUsageInput[];
}

const NO_HISTORY: RuleHistoryInput = { documentCount: 0, averageTotalMinor: 0n, minTotalMinor: 0n, maxTotalMinor: 0n, sameAmountCount: 0 };

/**
 * Tax id validity through the reference-data validators (format and check digits, the EU
 * VAT checksum included). Without a stored type, the party's country decides the type.
 */
function partyTaxId(party: RulePartyInput): Pick<RuleParty, 'taxId' | 'taxIdType' | 'taxIdValid'> {
  const taxId = party.taxId?.trim() ?? '';
  if (taxId === '') return { taxId: '', taxIdType: party.taxIdType ?? '', taxIdValid: false };
  const type = party.taxIdType ?? taxIdTypeForCountry(party.country);
  return { taxId, taxIdType: type, taxIdValid: isTaxIdType(type) && validateTaxId(type, taxId).ok };
}

/**
 * Builds the {@link RuleContext} from stored values: derives the decimal-string twin of
 * every minor-unit amount with the currency's digits (0, 2 or 3), turns nulls into `''`,
 * counts into CEL ints, and precomputes `party.taxIdValid`. Pure. Every field is written
 * out (no object spreads): it runs once per document of a bill run, and copying objects by
 * spreading them costs several times more.
 */
export function buildRuleContext(input: RuleContextInput): RuleContext {
  const { document, party, contract } = input;
  const currency = document.currency;
  const decimal = (amount: bigint): string => formatMoney({ amount, currency });
  const history = input.history ?? NO_HISTORY;
  const creditableMinor = document.creditableMinor ?? 0n;
  const taxId = partyTaxId(party);
  return {
    asOf: input.asOf,
    document: {
      id: document.id,
      type: document.type,
      number: document.number ?? '',
      currency,
      subtotal: decimal(document.subtotalMinor),
      subtotalMinor: document.subtotalMinor,
      taxTotal: decimal(document.taxTotalMinor),
      taxTotalMinor: document.taxTotalMinor,
      total: decimal(document.totalMinor),
      totalMinor: document.totalMinor,
      issueDate: document.issueDate ?? '',
      poNumber: document.poNumber ?? '',
      entityId: document.entityId,
      partyId: document.partyId,
      taxStatus: document.taxStatus,
      taxError: document.taxError ?? '',
      taxLines: (document.taxLines ?? []).map((t) => ({
        taxCode: t.taxCode,
        vatCategory: t.vatCategory,
        rate: t.rate,
        taxable: decimal(t.taxableMinor),
        taxableMinor: t.taxableMinor,
        tax: decimal(t.taxMinor),
        taxMinor: t.taxMinor,
      })),
      creditedDocumentId: document.creditedDocumentId ?? '',
      creditable: decimal(creditableMinor),
      creditableMinor,
    },
    lines: input.lines.map((line) => ({
      lineNo: BigInt(line.lineNo),
      kind: line.kind,
      description: line.description,
      productId: line.productId ?? '',
      quantity: line.quantity,
      unitPrice: line.unitPrice ?? '',
      amount: decimal(line.amountMinor),
      amountMinor: line.amountMinor,
      glAccount: line.glAccount ?? '',
      taxCode: line.taxCode ?? '',
      vatCategory: line.vatCategory ?? '',
      contractLineId: line.contractLineId ?? '',
      usageMetric: line.usageMetric ?? '',
      erpItemMapped: line.erpItemMapped,
      erpGlAccountMapped: line.erpGlAccountMapped,
      erpTaxCodeMapped: line.erpTaxCodeMapped,
    })),
    party: {
      id: party.id,
      kind: party.kind,
      name: party.name,
      country: party.country,
      taxId: taxId.taxId,
      taxIdType: taxId.taxIdType,
      taxIdValid: taxId.taxIdValid,
      taxIdRequired: party.taxIdRequired ?? false,
      poRequired: party.poRequired ?? false,
      segment: party.segment ?? '',
      erpMapped: party.erpMapped,
    },
    contract: contract
      ? {
          id: contract.id,
          number: contract.number,
          poNumber: contract.poNumber ?? '',
          lines: contract.lines.map((l) => ({ id: l.id, productId: l.productId, unitPrice: l.unitPrice ?? '', priceSource: l.priceSource })),
        }
      : { id: '', number: '', poNumber: '', lines: [] },
    entity: input.entity,
    history: {
      documentCount: BigInt(history.documentCount),
      averageTotal: decimal(history.averageTotalMinor),
      averageTotalMinor: history.averageTotalMinor,
      minTotal: decimal(history.minTotalMinor),
      minTotalMinor: history.minTotalMinor,
      maxTotal: decimal(history.maxTotalMinor),
      maxTotalMinor: history.maxTotalMinor,
      sameAmountCount: BigInt(history.sameAmountCount),
    },
    usage: (input.usage ?? []).map((u) => ({
      metric: u.metric,
      unit: u.unit,
      quantity: u.quantity,
      entitlement: u.entitlement ?? '0',
      unlimited: u.entitlement === null,
    })),
  };
}
