import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { RuleDocumentType } from '../rules/validation-rule.ts';

/** What the exception queues need to know about the document an exception is about. */
export interface ExceptionDocument {
  entityId: string;
  /** The document is void: it will never post. */
  voided: boolean;
  /** A credit memo that is not void (and no longer a draft) credits it. */
  credited: boolean;
}

type DocumentLocator = (db: Db, documentId: string) => Promise<ExceptionDocument | undefined>;

/** Invoices and credit memos share one table, told apart by `kind`. */
function receivablesDocument(kind: 'invoice' | 'credit_memo'): DocumentLocator {
  return async (db, documentId) => {
    const row = await db
      .selectFrom('invoices')
      .select(['entityId', 'status'])
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom('invoices as memo')
              .select('memo.id')
              .where('memo.creditedInvoiceId', '=', eb.ref('invoices.id'))
              .where('memo.kind', '=', 'credit_memo')
              .where('memo.status', 'not in', ['draft', 'void']),
          )
          .as('credited'),
      )
      .where('id', '=', documentId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return row && { entityId: row.entityId, voided: row.status === 'void', credited: Boolean(row.credited) };
  };
}

/**
 * Where each document type lives. Supplier bills arrive with payables: their locator is
 * added here, and nothing else in the exception queues changes.
 */
const LOCATORS: Partial<Record<RuleDocumentType, DocumentLocator>> = {
  invoice: receivablesDocument('invoice'),
  credit_memo: receivablesDocument('credit_memo'),
};

/** The document an exception is about; NotFound when missing, 422 for a type not stored yet. */
export async function getExceptionDocument(db: Db, documentType: RuleDocumentType, documentId: string): Promise<ExceptionDocument> {
  const locate = LOCATORS[documentType];
  if (!locate) throw AppError.invalid('/documentType', `${documentType} documents are not stored by invoiceops yet`, 'document_type_unsupported');
  const document = await locate(db, documentId);
  if (!document) throw AppError.notFound(documentType.replace('_', ' '), documentId);
  return document;
}
