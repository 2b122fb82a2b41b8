import type { SimResponse } from '../simulator-server.ts';

/** A message of SAP's log in an answer. */
export interface SimLogItem {
  readonly typeId: string;
  readonly severity: 1 | 2 | 3;
  readonly note: string;
}

const XML = { 'content-type': 'text/xml; charset=utf-8' };

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function logXml(items: readonly SimLogItem[]): string {
  const max = Math.max(1, ...items.map((item) => item.severity));
  const rows = items.map((item) => `<Item><TypeID>${escape(item.typeId)}</TypeID><SeverityCode>${item.severity}</SeverityCode><Note>${escape(item.note)}</Note></Item>`).join('');
  return `<Log><MaximumLogItemSeverityCode>${max}</MaximumLogItemSeverityCode>${rows}</Log>`;
}

/**
 * SAP's synchronous confirmation, always HTTP 200: the document's key when posted, or
 * `0000000000` with severity 3 in the log when refused.
 */
export function journalEntryConfirmation(key: { accountingDocument: string; companyCode: string; fiscalYear: string }, log: readonly SimLogItem[], messageId: string): SimResponse {
  const header = `<MessageHeader><ID>${escape(messageId)}</ID><ReferenceID>${escape(messageId)}</ReferenceID><CreationDateTime>${new Date().toISOString()}</CreationDateTime></MessageHeader>`;
  const body =
    '<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Header/><soap-env:Body>' +
    '<n0:JournalEntryBulkCreateConfirmation xmlns:n0="http://sap.com/xi/SAPSCORE/SFIN" xmlns:prx="urn:sap.com:proxy:SIM:/1SAI/TAS0000000000000000001:806">' +
    header +
    `<JournalEntryCreateConfirmation>${header}<JournalEntryCreateConfirmation><AccountingDocument>${key.accountingDocument}</AccountingDocument>` +
    `<CompanyCode>${escape(key.companyCode)}</CompanyCode><FiscalYear>${key.fiscalYear}</FiscalYear></JournalEntryCreateConfirmation>${logXml(log)}</JournalEntryCreateConfirmation>` +
    `${logXml([{ typeId: '001(SIM)', severity: 1, note: 'Bulk request processed' }])}` +
    '</n0:JournalEntryBulkCreateConfirmation></soap-env:Body></soap-env:Envelope>';
  return { status: 200, headers: XML, body };
}

/** A SOAP 1.1 fault: `Client` for a request SAP cannot read, `Server` for its own trouble (HTTP 500 either way). */
export function soapFault(code: 'Client' | 'Server', text: string): SimResponse {
  const body =
    '<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Header/><soap-env:Body><soap-env:Fault>' +
    `<faultcode>soap-env:${code}</faultcode><faultstring xml:lang="en">${escape(text)}</faultstring>` +
    '<detail/></soap-env:Fault></soap-env:Body></soap-env:Envelope>';
  return { status: 500, headers: XML, body };
}

/** The Web Dispatcher's HTML page (5xx and 429 answers do not come from the SOAP runtime). */
export function dispatcherPage(status: number, title: string, headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
    body: `<html><head><title>${title}</title></head><body><h2>${title}</h2><p>SAP Web Dispatcher (simulated): the request could not be processed.</p></body></html>`,
  };
}

/** An OData V2 error body. */
export function odataError(status: number, code: string, message: string, headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers,
    body: {
      error: {
        code,
        message: { lang: 'en', value: message },
        innererror: { transactionid: 'SIMULATED0000000000000000000000', errordetails: [{ code, message, propertyref: '', severity: 'error', target: '' }] },
      },
    },
  };
}
