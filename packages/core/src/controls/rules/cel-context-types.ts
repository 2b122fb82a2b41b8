import type {
  RuleContext, RuleContract, RuleContractLine, RuleDocument, RuleEntity, RuleHistory, RuleLine, RuleParty,
  RuleTaxLine, RuleUsage,
} from './rule-context.ts';

/**
 * The CEL declarations of {@link RuleContext}: one message type per interface, so that
 * `document.totl` or `lines[0].amountMinor + 1.5` is refused when a rule is saved, not
 * discovered on the first document. `satisfies` keeps each field list in step with its
 * interface (a missing or extra field does not compile).
 */
type Fields<T> = { readonly [K in keyof T]-?: string };

const TAX_LINE = { taxCode: 'string', vatCategory: 'string', rate: 'string', taxable: 'string', taxableMinor: 'int', tax: 'string', taxMinor: 'int' } satisfies Fields<RuleTaxLine>;

const DOCUMENT = {
  id: 'string', type: 'string', number: 'string', currency: 'string',
  subtotal: 'string', subtotalMinor: 'int', taxTotal: 'string', taxTotalMinor: 'int', total: 'string', totalMinor: 'int',
  issueDate: 'string', poNumber: 'string', entityId: 'string', partyId: 'string',
  taxStatus: 'string', taxError: 'string', taxLines: 'list<TaxLine>',
  creditedDocumentId: 'string', creditable: 'string', creditableMinor: 'int',
} satisfies Fields<RuleDocument>;

const LINE = {
  lineNo: 'int', kind: 'string', description: 'string', productId: 'string', quantity: 'string', unitPrice: 'string',
  amount: 'string', amountMinor: 'int', glAccount: 'string', taxCode: 'string', vatCategory: 'string',
  contractLineId: 'string', usageMetric: 'string', erpItemMapped: 'bool', erpGlAccountMapped: 'bool', erpTaxCodeMapped: 'bool',
} satisfies Fields<RuleLine>;

const PARTY = {
  id: 'string', kind: 'string', name: 'string', country: 'string', taxId: 'string', taxIdType: 'string',
  taxIdValid: 'bool', taxIdRequired: 'bool', poRequired: 'bool', segment: 'string', erpMapped: 'bool',
} satisfies Fields<RuleParty>;

const CONTRACT = { id: 'string', number: 'string', poNumber: 'string', lines: 'list<ContractLine>' } satisfies Fields<RuleContract>;

const CONTRACT_LINE = { id: 'string', productId: 'string', unitPrice: 'string', priceSource: 'string' } satisfies Fields<RuleContractLine>;

const ENTITY = { id: 'string', country: 'string', functionalCurrency: 'string', allowedCurrencies: 'list<string>' } satisfies Fields<RuleEntity>;

const HISTORY = {
  documentCount: 'int', averageTotal: 'string', averageTotalMinor: 'int', minTotal: 'string', minTotalMinor: 'int',
  maxTotal: 'string', maxTotalMinor: 'int', sameAmountCount: 'int',
} satisfies Fields<RuleHistory>;

const USAGE = { metric: 'string', unit: 'string', quantity: 'string', entitlement: 'string', unlimited: 'bool' } satisfies Fields<RuleUsage>;

/** CEL message types by name, with their fields' CEL types. */
export const CEL_MESSAGE_TYPES: Readonly<Record<string, Readonly<Record<string, string>>>> = Object.freeze({
  TaxLine: TAX_LINE,
  Document: DOCUMENT,
  Line: LINE,
  Party: PARTY,
  ContractLine: CONTRACT_LINE,
  Contract: CONTRACT,
  Entity: ENTITY,
  History: HISTORY,
  Usage: USAGE,
});

/** The top-level CEL variables and their types. */
export const CEL_VARIABLES = Object.freeze({
  asOf: 'string', document: 'Document', lines: 'list<Line>', party: 'Party', contract: 'Contract',
  entity: 'Entity', history: 'History', usage: 'list<Usage>',
} satisfies Fields<RuleContext>);

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** One class per message type: cel-js recognises a message value by its constructor. */
export const CEL_MESSAGE_CLASSES: ReadonlyMap<string, new () => object> = new Map(
  Object.keys(CEL_MESSAGE_TYPES).map((name) => [name, { [name]: class {} }[name]!]),
);

/**
 * Converts a {@link RuleContext} into the values cel-js evaluates: message instances all the
 * way down (a plain object inside a list is not recognised when indexed, `lines[0]`).
 * Checks every field on the way, because a number where an int belongs would make every
 * money comparison fail at run time: ints must be bigints within the 64-bit range.
 *
 * It runs once per document of a bill run, so each type's converter is built once (see
 * {@link converterOf}); only when a value does not fit does the slower walk run again,
 * to name the field's path in the error.
 */
export function toCelContext(context: RuleContext): Record<string, unknown> {
  try {
    const out: Record<string, unknown> = {};
    const values = context as unknown as Record<string, unknown>;
    for (const [name, convert] of VARIABLE_CONVERTERS) out[name] = convert(values[name]);
    return out;
  } catch (error) {
    if (error !== MISFIT) throw error;
  }
  const out: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(CEL_VARIABLES)) {
    out[name] = toCelValue(type, (context as unknown as Record<string, unknown>)[name], name);
  }
  return out;
}

/** Thrown by a converter for a value that does not fit its type; the slow walk then says where. */
const MISFIT: unique symbol = Symbol('misfit');
type Converter = (value: unknown) => unknown;
const CONVERTERS = new Map<string, Converter>();

/** The converter of a CEL type: same checks and output as {@link toCelValue}, without paths. */
function converterOf(type: string): Converter {
  const cached = CONVERTERS.get(type);
  if (cached !== undefined) return cached;
  let convert: Converter;
  const item = /^list<(.+)>$/.exec(type)?.[1];
  if (type === 'string') {
    convert = (value) => {
      if (typeof value !== 'string') throw MISFIT;
      return value;
    };
  } else if (type === 'bool') {
    convert = (value) => {
      if (typeof value !== 'boolean') throw MISFIT;
      return value;
    };
  } else if (type === 'int') {
    convert = (value) => {
      if (typeof value !== 'bigint' || value < INT64_MIN || value > INT64_MAX) throw MISFIT;
      return value;
    };
  } else if (item !== undefined) {
    const convertItem = converterOf(item);
    convert = (value) => {
      if (!Array.isArray(value)) throw MISFIT;
      const list = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i += 1) list[i] = convertItem(value[i]);
      return list;
    };
  } else {
    const Message = CEL_MESSAGE_CLASSES.get(type);
    const fields = CEL_MESSAGE_TYPES[type];
    if (Message === undefined || fields === undefined) throw new Error(`rule context: unknown CEL type ${type}`);
    const members = Object.entries(fields).map(([field, fieldType]) => [field, converterOf(fieldType)] as const);
    convert = (value) => {
      if (typeof value !== 'object' || value === null) throw MISFIT;
      const message = new Message() as Record<string, unknown>;
      for (const [field, convertField] of members) message[field] = convertField((value as Record<string, unknown>)[field]);
      return message;
    };
  }
  CONVERTERS.set(type, convert);
  return convert;
}

const VARIABLE_CONVERTERS: readonly (readonly [string, Converter])[] = Object.entries(CEL_VARIABLES).map(([name, type]) => [name, converterOf(type)] as const);

function toCelValue(type: string, value: unknown, path: string): unknown {
  switch (type) {
    case 'string':
      if (typeof value !== 'string') throw contextError(path, 'a string', value);
      return value;
    case 'bool':
      if (typeof value !== 'boolean') throw contextError(path, 'a boolean', value);
      return value;
    case 'int':
      if (typeof value !== 'bigint') throw contextError(path, 'a bigint (CEL int)', value);
      if (value < INT64_MIN || value > INT64_MAX) throw new RangeError(`rule context: ${path} is ${value}, outside the 64-bit range of a CEL int`);
      return value;
    default:
      break;
  }
  const item = /^list<(.+)>$/.exec(type)?.[1];
  if (item !== undefined) {
    if (!Array.isArray(value)) throw contextError(path, 'a list', value);
    return value.map((entry: unknown, index) => toCelValue(item, entry, `${path}[${index}]`));
  }
  const fields = CEL_MESSAGE_TYPES[type];
  const Message = CEL_MESSAGE_CLASSES.get(type);
  if (fields === undefined || Message === undefined) throw new Error(`rule context: unknown CEL type ${type} at ${path}`);
  if (typeof value !== 'object' || value === null) throw contextError(path, `an object (${type})`, value);
  const message = new Message() as Record<string, unknown>;
  for (const [field, fieldType] of Object.entries(fields)) {
    message[field] = toCelValue(fieldType, (value as Record<string, unknown>)[field], `${path}.${field}`);
  }
  return message;
}

function contextError(path: string, expected: string, value: unknown): TypeError {
  const got = value === undefined ? 'nothing' : typeof value;
  return new TypeError(`rule context: ${path} must be ${expected}, got ${got}`);
}
