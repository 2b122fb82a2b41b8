import { childElement, childElements, childText, findElement, findElements, parseXml, type XmlElement } from './xml-tree.ts';

/** One message of SAP's processing log. */
export interface SapLogItem {
  /** Message number and class, e.g. `001(FINS_ACDOC_POST)`. */
  readonly typeId: string;
  /** 1 information, 2 warning, 3 error, 4 abort. */
  readonly severity: number;
  readonly note: string;
}

/** What SAP's journal entry service answered, read tolerantly. */
export type JournalEntryAnswer =
  | { readonly kind: 'fault'; readonly faultCode: string; readonly faultString: string }
  | {
      readonly kind: 'confirmation';
      /** `0000000000` or blank when nothing was posted. */
      readonly accountingDocument: string;
      readonly companyCode: string;
      readonly fiscalYear: string;
      /** The highest severity anywhere in the logs (0 when there is no log). */
      readonly maxSeverity: number;
      readonly log: readonly SapLogItem[];
    }
  /** Neither a confirmation nor a SOAP fault (an HTML page, an empty body …). */
  | { readonly kind: 'unreadable' };

const severityOf = (text: string | undefined): number => {
  const value = Number.parseInt(text ?? '', 10);
  return Number.isNaN(value) ? 0 : value;
};

/**
 * Reads the answer of `JournalEntryCreateRequestConfirmation_In`: a SOAP 1.1 or 1.2 fault,
 * or the bulk confirmation with the document's key and the logs (per entry and for the
 * whole message). HTTP 200 does not mean posted: the caller looks at the document number
 * and the severity.
 */
export function readJournalEntryAnswer(xml: string): JournalEntryAnswer {
  const root = parseXml(xml);
  const fault = findElement(root, 'Fault');
  if (fault) {
    const faultCode = childText(fault, 'faultcode') ?? childText(childElement(fault, 'Code'), 'Value') ?? '';
    const faultString = childText(fault, 'faultstring') ?? childText(childElement(fault, 'Reason'), 'Text') ?? '';
    return { kind: 'fault', faultCode, faultString };
  }
  const confirmation = findElement(root, 'JournalEntryBulkCreateConfirmation');
  if (!confirmation) return { kind: 'unreadable' };
  const log = findElements(confirmation, 'Log').flatMap((entry) =>
    childElements(entry, 'Item').map((item) => ({ typeId: childText(item, 'TypeID') ?? '', severity: severityOf(childText(item, 'SeverityCode')), note: childText(item, 'Note') ?? '' })),
  );
  const maxSeverity = Math.max(0, ...findElements(confirmation, 'MaximumLogItemSeverityCode').map((element) => severityOf(element.text.trim())), ...log.map((item) => item.severity));
  const key = accountingDocumentParent(confirmation);
  if (!key && log.length === 0) return { kind: 'unreadable' };
  return {
    kind: 'confirmation',
    accountingDocument: childText(key, 'AccountingDocument') ?? '',
    companyCode: childText(key, 'CompanyCode') ?? '',
    fiscalYear: childText(key, 'FiscalYear') ?? '',
    maxSeverity,
    log,
  };
}

// The element holding AccountingDocument, CompanyCode and FiscalYear side by side
// (JournalEntryCreateConfirmation/JournalEntryCreateConfirmation in SAP's answer).
function accountingDocumentParent(root: XmlElement): XmlElement | undefined {
  if (root.children.some((child) => child.name === 'AccountingDocument')) return root;
  for (const child of root.children) {
    const found = accountingDocumentParent(child);
    if (found) return found;
  }
  return undefined;
}

/** True when SAP posted nothing: no document number, an all-zero one, or an error in the log. */
export function isRefusal(answer: Extract<JournalEntryAnswer, { kind: 'confirmation' }>): boolean {
  return /^0*$/.test(answer.accountingDocument) || answer.maxSeverity >= 3;
}
