import { randomUUID } from 'node:crypto';
import type { SimResponse } from '../simulator-server.ts';
import { bcError, dialog, etag, notFound, odataCollection, odataEntity } from './business-central-answers.ts';
import { validateHeader, validateLine, type MasterData, type SalesEntity } from './business-central-validation.ts';

/** A line as stored. */
export interface StoredLine {
  readonly id: string;
  readonly sequence: number;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A sales document as stored; `records()` returns these (one per created document). */
export interface StoredDocument {
  readonly entity: SalesEntity;
  readonly id: string;
  readonly number: string;
  /** Upper-cased, as the Code field keeps it. */
  readonly externalDocumentNumber: string;
  status: 'Draft' | 'Open';
  version: number;
  lastModifiedDateTime: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly lines: StoredLine[];
}

const NOUN: Record<SalesEntity, string> = { salesInvoices: 'sales invoice', salesCreditMemos: 'sales credit memo' };
const PREFIX: Record<SalesEntity, string> = { salesInvoices: 'S-INV-', salesCreditMemos: 'S-CR-' };

/** The documents of one company and the API v2.0 operations on them. */
export interface DocumentStore {
  list(entity: SalesEntity, query: URLSearchParams): SimResponse;
  create(entity: SalesEntity, body: unknown): SimResponse;
  read(entity: SalesEntity, id: string): SimResponse;
  listLines(entity: SalesEntity, id: string): SimResponse;
  addLine(entity: SalesEntity, id: string, body: unknown): SimResponse;
  post(entity: SalesEntity, id: string): SimResponse;
  all(): readonly StoredDocument[];
  reset(): void;
}

/**
 * Creates the store. Faithful to Business Central where it matters for exactly-once:
 * creating a document with an external document number that already exists succeeds
 * (BC does not check), posting keeps the document's id, and posting twice is refused.
 */
export function createDocumentStore(options: { master: MasterData; firstNumber: number; contextBase: string }): DocumentStore {
  let documents: StoredDocument[] = [];
  const next: Record<SalesEntity, number> = { salesInvoices: options.firstNumber, salesCreditMemos: options.firstNumber };

  const find = (entity: SalesEntity, id: string) => documents.find((d) => d.entity === entity && d.id.toLowerCase() === id.toLowerCase());
  const missing = (entity: SalesEntity, id: string) => notFound(`The ${NOUN[entity]} does not exist. Identification fields and values: Id='${id}'`, 'Internal_RecordNotFound');
  const touch = (document: StoredDocument) => {
    document.version += 1;
    document.lastModifiedDateTime = new Date().toISOString();
  };

  function render(document: StoredDocument): Record<string, unknown> {
    const net = document.lines.reduce((sum, line) => sum + Number(line.fields.quantity ?? 0) * Number(line.fields.unitPrice ?? 0), 0);
    return {
      '@odata.etag': etag(document.id, document.version),
      ...document.fields,
      id: document.id,
      number: document.number,
      externalDocumentNumber: document.externalDocumentNumber,
      status: document.status,
      totalAmountExcludingTax: Math.round(net * 100) / 100,
      lastModifiedDateTime: document.lastModifiedDateTime,
    };
  }

  function renderLine(document: StoredDocument, line: StoredLine): Record<string, unknown> {
    return { '@odata.etag': etag(line.id, 1), ...line.fields, id: line.id, documentId: document.id, sequence: line.sequence };
  }

  return {
    list(entity, query) {
      let selected = documents.filter((d) => d.entity === entity);
      const filter = query.get('$filter');
      if (filter !== null) {
        const match = /^\s*externalDocumentNumber\s+eq\s+'((?:[^']|'')*)'\s*$/.exec(filter);
        if (!match) return bcError(400, 'BadRequest', `The simulator supports only $filter=externalDocumentNumber eq '…', not: ${filter}`);
        const value = (match[1] ?? '').replace(/''/g, "'");
        selected = selected.filter((d) => d.externalDocumentNumber === value);
      }
      const top = Number(query.get('$top') ?? Number.NaN);
      if (Number.isInteger(top) && top >= 0) selected = selected.slice(0, top);
      return odataCollection(`${options.contextBase}/$metadata#companies/${entity}`, selected.map(render));
    },
    create(entity, body) {
      const checked = validateHeader(entity, body, options.master);
      if (checked.answer) return checked.answer;
      const { id: _id, number: _number, status: _status, externalDocumentNumber, ...fields } = checked.fields;
      const document: StoredDocument = {
        entity,
        id: randomUUID(),
        number: `${PREFIX[entity]}${next[entity]++}`,
        externalDocumentNumber: typeof externalDocumentNumber === 'string' ? externalDocumentNumber.trim().toUpperCase() : '',
        status: 'Draft',
        version: 1,
        lastModifiedDateTime: new Date().toISOString(),
        fields,
        lines: [],
      };
      documents.push(document);
      return odataEntity(201, { '@odata.context': `${options.contextBase}/$metadata#companies/${entity}/$entity`, ...render(document) });
    },
    read(entity, id) {
      const document = find(entity, id);
      return document ? odataEntity(200, render(document)) : missing(entity, id);
    },
    listLines(entity, id) {
      const document = find(entity, id);
      if (!document) return missing(entity, id);
      return odataCollection(`${options.contextBase}/$metadata#companies/${entity}/lines`, document.lines.map((line) => renderLine(document, line)));
    },
    addLine(entity, id, body) {
      const document = find(entity, id);
      if (!document) return missing(entity, id);
      if (document.status !== 'Draft') return dialog(`You cannot change ${NOUN[entity]} ${document.number} because it has been posted.`);
      const checked = validateLine(entity, body, options.master);
      if (checked.answer) return checked.answer;
      const { id: _id, documentId: _documentId, sequence: _sequence, ...fields } = checked.fields;
      const line: StoredLine = { id: randomUUID(), sequence: (document.lines.length + 1) * 10000, fields };
      document.lines.push(line);
      touch(document);
      return odataEntity(201, renderLine(document, line));
    },
    post(entity, id) {
      const document = find(entity, id);
      if (!document) return missing(entity, id);
      if (document.status !== 'Draft') return dialog(`The ${NOUN[entity]} ${document.number} is already posted.`);
      if (document.lines.length === 0) return dialog('There is nothing to post.');
      document.status = 'Open';
      touch(document);
      return { status: 204 };
    },
    all: () => documents,
    reset() {
      documents = [];
      next.salesInvoices = options.firstNumber;
      next.salesCreditMemos = options.firstNumber;
    },
  };
}
