import { randomUUID } from 'node:crypto';
import type { SimRequest, SimResponse } from '../simulator-server.ts';
import type { XeroCollection } from './xero-collections.ts';
import { xeroApiException, xeroProblem, xeroValidationException } from './xero-error-body.ts';
import { validateXeroDocument, type XeroKnownIds } from './validate-xero-document.ts';
import { matchesXeroWhere, parseXeroWhere } from './xero-where.ts';

/** One invoice or credit note the simulator holds. */
export interface XeroSimDocument {
  readonly kind: 'invoice' | 'credit_note';
  readonly id: string;
  readonly type: string;
  readonly number: string;
  readonly tenantId: string;
  /** The Idempotency-Key of the request that created it. */
  readonly idempotencyKey: string | null;
  body: Record<string, unknown>;
  /** How many times a POST changed it after creation. */
  updates: number;
}

const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const xeroDate = (ms: number) => `/Date(${ms}+0000)/`;

/** Xero's envelope around every answer: `{"Id","Status":"OK","ProviderName","DateTimeUTC", <Collection>: […]}`. */
export const xeroEnvelope = (name: string, items: unknown[], now: number): SimResponse => ({
  status: 200,
  body: { Id: randomUUID(), Status: 'OK', ProviderName: 'invoiceops simulator', DateTimeUTC: xeroDate(now), [name]: items },
});

/**
 * Invoices and credit notes of every tenant: PUT creates (a second ACCREC with a number in
 * use is refused "Invoice # must be unique."), POST creates or updates (matched by id or
 * number), GET reads by id, `IDs`, `InvoiceNumbers` or a simple `where`. With
 * `summarizeErrors` (the default) one invalid element fails the whole request with a 400
 * ValidationException; with `summarizeErrors=false` the valid ones are saved and the invalid
 * ones come back in a 200 marked `StatusAttributeString: "ERROR"`.
 */
export class XeroDocumentStore {
  documents: XeroSimDocument[] = [];
  private sequence = 0;

  constructor(private readonly known: XeroKnownIds) {}

  write(request: SimRequest, tenantId: string, collection: XeroCollection, mode: 'create' | 'upsert', idempotencyKey: string | null, now: number): SimResponse {
    const json = request.json;
    if (json === undefined) return xeroApiException(14, 'PostDataInvalidException', 'Invalid Json data');
    const elements = isObject(json) && Array.isArray(json[collection.endpoint]) ? (json[collection.endpoint] as unknown[]) : isObject(json) && 'Type' in json ? [json] : [];
    if (elements.length === 0) return xeroApiException(17, 'PostDataInvalidException', `No ${collection.endpoint} were provided`);
    const numbersInRequest = new Set<string>();
    const checked = elements.map((element) => {
      const messages = validateXeroDocument(element, collection, this.known);
      const existing = mode === 'upsert' && isObject(element) ? this.matching(tenantId, collection, element) : undefined;
      const number = isObject(element) ? element[collection.numberField] : undefined;
      if (isObject(element) && typeof number === 'string' && collection.uniqueTypes.includes(String(element.Type))) {
        if ((!existing && this.numberInUse(tenantId, collection, String(element.Type), number)) || numbersInRequest.has(number)) messages.push(collection.duplicateMessage);
        numbersInRequest.add(number);
      }
      return { element, messages, existing };
    });
    const withErrors = (element: unknown, messages: string[]) => ({ ...(isObject(element) ? element : {}), ValidationErrors: messages.map((Message) => ({ Message })) });
    if (checked.some((c) => c.messages.length > 0) && request.query.get('summarizeErrors') !== 'false') {
      return xeroValidationException(checked.map((c) => (c.messages.length > 0 ? withErrors(c.element, c.messages) : c.element)));
    }
    const saved = checked.map((c) =>
      c.messages.length > 0
        ? { ...withErrors(c.element, c.messages), [collection.idField]: ZERO_GUID, HasErrors: true, StatusAttributeString: 'ERROR' }
        : this.show(this.save(tenantId, collection, c.element as Record<string, unknown>, c.existing, idempotencyKey), collection, now),
    );
    return xeroEnvelope(collection.endpoint, saved, now);
  }

  read(request: SimRequest, tenantId: string, collection: XeroCollection, id: string | undefined, now: number): SimResponse {
    let found = this.documents.filter((d) => d.tenantId === tenantId && d.kind === collection.kind);
    if (id !== undefined) {
      found = found.filter((d) => d.id === id || d.number === id);
      if (found.length === 0) return xeroProblem(404, 'Resource Not Found', "The resource you're looking for cannot be found");
    }
    const ids = request.query.get('IDs');
    if (ids) found = found.filter((d) => ids.split(',').includes(d.id));
    const numbers = collection.endpoint === 'Invoices' ? request.query.get('InvoiceNumbers') : null;
    if (numbers) found = found.filter((d) => numbers.split(',').includes(d.number));
    const where = request.query.get('where');
    if (where) {
      const clauses = parseXeroWhere(where);
      if (!clauses) return xeroApiException(16, 'QueryParseException', `The where clause '${where}' cannot be read`);
      found = found.filter((d) => matchesXeroWhere(this.show(d, collection, now), clauses));
    }
    return xeroEnvelope(collection.endpoint, found.map((d) => this.show(d, collection, now)), now);
  }

  reset(): void {
    this.documents = [];
    this.sequence = 0;
  }

  private numberInUse(tenantId: string, collection: XeroCollection, type: string, number: string): boolean {
    return this.documents.some((d) => d.tenantId === tenantId && d.kind === collection.kind && d.type === type && d.number === number);
  }

  private matching(tenantId: string, collection: XeroCollection, element: Record<string, unknown>): XeroSimDocument | undefined {
    return this.documents.find(
      (d) => d.tenantId === tenantId && d.kind === collection.kind && (d.id === element[collection.idField] || (d.type === element.Type && d.number === element[collection.numberField])),
    );
  }

  private save(tenantId: string, collection: XeroCollection, element: Record<string, unknown>, existing: XeroSimDocument | undefined, idempotencyKey: string | null): XeroSimDocument {
    if (existing) {
      existing.body = { ...existing.body, ...element };
      existing.updates += 1;
      return existing;
    }
    this.sequence += 1;
    const given = element[collection.numberField];
    const number = typeof given === 'string' && given !== '' ? given : `${collection.numberPrefix}${String(this.sequence).padStart(4, '0')}`;
    const document: XeroSimDocument = { kind: collection.kind, id: randomUUID(), type: String(element.Type), number, tenantId, idempotencyKey, body: element, updates: 0 };
    this.documents.push(document);
    return document;
  }

  private show(document: XeroSimDocument, collection: XeroCollection, now: number): Record<string, unknown> {
    return { ...document.body, [collection.idField]: document.id, [collection.numberField]: document.number, Status: document.body.Status ?? 'DRAFT', HasErrors: false, UpdatedDateUTC: xeroDate(now) };
  }
}
