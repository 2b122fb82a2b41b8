import type { JournalEntryBody } from './journal-entry-body.ts';
import { parentElement, textElement } from './xml-text.ts';

/** The namespace of SAP's journal entry SOAP services (SAP_COM_0002). */
export const SAP_SFIN_NAMESPACE = 'http://sap.com/xi/SAPSCORE/SFIN';

/** What identifies the SOAP message: a deterministic id per document, and when it was made. */
export interface JournalEntryMessage {
  /** A UUID; sent as 32 hex digits, since SAP's message id holds at most 35 characters. */
  readonly id: string;
  readonly creationDateTime: string;
}

/**
 * The SOAP envelope of `JournalEntryCreateRequestConfirmation_In` for one journal entry,
 * the elements in the order of SAP's schema; every value escaped.
 */
export function buildJournalEntryRequest(entry: JournalEntryBody, companyCode: string, message: JournalEntryMessage): string {
  const { header } = entry;
  const money = (name: string, value: string) => textElement(name, value, { currencyCode: header.currency });
  const messageHeader = parentElement('MessageHeader', [
    textElement('ID', message.id.replace(/-/g, '')),
    textElement('CreationDateTime', message.creationDateTime),
  ]);
  const items = entry.items.map((item, index) =>
    parentElement('Item', [
      textElement('ReferenceDocumentItem', String(index + 1)),
      textElement('GLAccount', item.glAccount),
      money('AmountInTransactionCurrency', item.amount),
      textElement('DocumentItemText', item.text),
      item.taxCode ? parentElement('Tax', [textElement('TaxCode', item.taxCode)]) : '',
      parentElement('AccountAssignment', [textElement('CostCenter', item.costCenter), textElement('ProfitCenter', item.profitCenter)]),
    ]),
  );
  const debtor = parentElement('DebtorItem', [
    textElement('ReferenceDocumentItem', String(entry.items.length + 1)),
    textElement('Debtor', entry.debtorItem.debtor),
    money('AmountInTransactionCurrency', entry.debtorItem.amount),
    textElement('DocumentItemText', entry.debtorItem.text),
  ]);
  const taxes = entry.taxItems.map((tax) =>
    parentElement('ProductTaxItem', [
      textElement('TaxCode', tax.taxCode),
      money('AmountInTransactionCurrency', tax.amount),
      money('TaxBaseAmountInTransCrcy', tax.baseAmount),
    ]),
  );
  const journalEntry = parentElement('JournalEntry', [
    textElement('OriginalReferenceDocumentType', 'BKPFF'),
    textElement('BusinessTransactionType', 'RFBU'),
    textElement('AccountingDocumentType', header.accountingDocumentType),
    textElement('DocumentReferenceID', header.documentReferenceId),
    textElement('DocumentHeaderText', header.documentHeaderText),
    textElement('CompanyCode', companyCode),
    textElement('DocumentDate', header.documentDate),
    textElement('PostingDate', header.postingDate),
    ...items,
    debtor,
    ...taxes,
  ]);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sfin="${SAP_SFIN_NAMESPACE}">` +
    '<soapenv:Header/><soapenv:Body><sfin:JournalEntryBulkCreateRequest>' +
    messageHeader +
    parentElement('JournalEntryCreateRequest', [messageHeader, journalEntry]) +
    '</sfin:JournalEntryBulkCreateRequest></soapenv:Body></soapenv:Envelope>'
  );
}
