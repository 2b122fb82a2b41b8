/**
 * The default JSONata templates of the SAP connector: an `ErpPostingDocument` in, the
 * journal entry body of {@link ./journal-entry-body.ts} out (the connector writes the XML).
 *
 * - one revenue item per document line (its revenue account, tax code, cost or profit
 *   center when mapped as the `costCenter` / `profitCenter` segments);
 * - the debtor item for the customer with the total, one tax item per tax code;
 * - SAP's signs: debit positive, credit negative, so an invoice credits revenue and tax and
 *   debits the customer, and a credit memo the other way round. Amounts stay decimal
 *   strings (the sign is added to the text; a zero amount is never negative);
 * - the reference is the last 16 characters of our number (SAP holds 16), the header text
 *   the first 25 of the external id.
 */
function journalEntryTemplate(accountingDocumentType: 'DR' | 'DG', revenueSide: 'credit' | 'debit'): string {
  const revenue = revenueSide === 'credit' ? '$credit' : '$debit';
  const receivable = revenueSide === 'credit' ? '$debit' : '$credit';
  return `(
  $unsigned := function($a) { $substring($a, 0, 1) = '-' ? $substring($a, 1) : $a };
  $debit := function($a) { $unsigned($a) };
  $credit := function($a) { $number($a) = 0 ? $unsigned($a) : '-' & $unsigned($a) };
  {
    "header": {
      "companyCode": company,
      "accountingDocumentType": "${accountingDocumentType}",
      "documentReferenceId": $substring(documentNumber, -16),
      "documentHeaderText": $substring(externalId, 0, 25),
      "documentDate": postingDate,
      "postingDate": postingDate,
      "currency": currency
    },
    "items": [lines.{
      "glAccount": account,
      "amount": ${revenue}(amount),
      "taxCode": taxCode ? taxCode,
      "text": $substring(description, 0, 50),
      "costCenter": segments.costCenter,
      "profitCenter": segments.profitCenter
    }],
    "debtorItem": { "debtor": party, "amount": ${receivable}(total), "text": $substring(memo, 0, 50) },
    "taxItems": [taxes.{ "taxCode": taxCode, "amount": ${revenue}(amount), "baseAmount": ${revenue}(base) }]
  }
)`;
}

/** The SAP connector's default templates: DR customer invoice, DG customer credit memo. */
export const SAP_DEFAULT_TEMPLATES = {
  invoice: journalEntryTemplate('DR', 'credit'),
  credit_memo: journalEntryTemplate('DG', 'debit'),
} as const;
