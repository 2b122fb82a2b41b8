import { describe, expect, it } from 'vitest';
import { buildJournalEntryRequest } from './build-journal-entry-request.ts';
import type { JournalEntryBody } from './journal-entry-body.ts';
import { childText, findElement, findElements, parseXml } from './xml-tree.ts';

const entry: JournalEntryBody = {
  header: { accountingDocumentType: 'DR', documentReferenceId: 'INV-1', documentHeaderText: 'Tom & Jerry <Ltd>', documentDate: '2026-01-31', postingDate: '2026-01-31', currency: 'EUR' },
  items: [{ glAccount: '41000000', amount: '-100.00', taxCode: 'A1', text: 'R&D "gold" \u0007bell', profitCenter: 'YB101' }],
  debtorItem: { debtor: '10100001', amount: '119.00' },
  taxItems: [{ taxCode: 'A1', amount: '-19.00', baseAmount: '-100.00' }],
};

describe('buildJournalEntryRequest', () => {
  const xml = buildJournalEntryRequest(entry, '1010', { id: '2ed6657d-e927-568b-95e1-2665a8aea6a2', creationDateTime: '2026-01-31T10:00:00.000Z' });
  const journalEntry = findElement(parseXml(xml), 'JournalEntry');

  it('escapes markup characters and drops characters XML cannot hold', () => {
    expect(xml).toContain('<DocumentHeaderText>Tom &amp; Jerry &lt;Ltd&gt;</DocumentHeaderText>');
    expect(xml).toContain('<DocumentItemText>R&amp;D &quot;gold&quot; bell</DocumentItemText>');
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });

  it('writes the header SAP needs, in schema order, with the message id as 32 hex digits', () => {
    const names = journalEntry?.children.map((child) => child.name);
    expect(names).toEqual(['OriginalReferenceDocumentType', 'BusinessTransactionType', 'AccountingDocumentType', 'DocumentReferenceID', 'DocumentHeaderText', 'CompanyCode', 'DocumentDate', 'PostingDate', 'Item', 'DebtorItem', 'ProductTaxItem']);
    expect(childText(journalEntry, 'CompanyCode')).toBe('1010');
    expect(findElements(parseXml(xml), 'ID').map((id) => id.text)).toEqual(['2ed6657de927568b95e12665a8aea6a2', '2ed6657de927568b95e12665a8aea6a2']);
  });

  it('writes signed amounts with their currency, the tax code and the account assignment', () => {
    const item = findElement(journalEntry, 'Item');
    expect(childText(item, 'GLAccount')).toBe('41000000');
    expect(findElement(item, 'AmountInTransactionCurrency')).toMatchObject({ text: '-100.00', attributes: { currencyCode: 'EUR' } });
    expect(childText(findElement(item, 'Tax'), 'TaxCode')).toBe('A1');
    expect(childText(findElement(item, 'AccountAssignment'), 'ProfitCenter')).toBe('YB101');
    expect(findElement(item, 'CostCenter')).toBeUndefined();
    expect(childText(findElement(journalEntry, 'DebtorItem'), 'Debtor')).toBe('10100001');
    expect(childText(findElement(journalEntry, 'ProductTaxItem'), 'TaxBaseAmountInTransCrcy')).toBe('-100.00');
  });
});
