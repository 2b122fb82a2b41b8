import { describe, expect, it } from 'vitest';
import { isRefusal, readJournalEntryAnswer } from './read-journal-entry-answer.ts';

const confirmation = (document: string, severity: number, notes: string[]) => `<?xml version="1.0"?>
<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Header/><soap-env:Body>
<n0:JournalEntryBulkCreateConfirmation xmlns:n0="http://sap.com/xi/SAPSCORE/SFIN"><MessageHeader><ID>a</ID></MessageHeader>
<JournalEntryCreateConfirmation><MessageHeader><ID>a</ID></MessageHeader>
<JournalEntryCreateConfirmation><AccountingDocument>${document}</AccountingDocument><CompanyCode>1010</CompanyCode><FiscalYear>2026</FiscalYear></JournalEntryCreateConfirmation>
<Log><MaximumLogItemSeverityCode>${severity}</MaximumLogItemSeverityCode>${notes.map((note) => `<Item><TypeID>025(F5)</TypeID><SeverityCode>${severity}</SeverityCode><Note>${note}</Note></Item>`).join('')}</Log>
</JournalEntryCreateConfirmation></n0:JournalEntryBulkCreateConfirmation></soap-env:Body></soap-env:Envelope>`;

describe('readJournalEntryAnswer', () => {
  it('reads the key of a posted entry', () => {
    const answer = readJournalEntryAnswer(confirmation('0100000012', 1, ['Document posted successfully']));
    expect(answer).toMatchObject({ kind: 'confirmation', accountingDocument: '0100000012', companyCode: '1010', fiscalYear: '2026', maxSeverity: 1 });
    expect(answer.kind === 'confirmation' && isRefusal(answer)).toBe(false);
  });

  it('sees a refusal in an HTTP 200 answer: zero document number, severity 3, the notes decoded', () => {
    const answer = readJournalEntryAnswer(confirmation('0000000000', 3, ['Account 999999 does not exist in company code 1010', 'Error in document: BKPFF $ &amp; more']));
    expect(answer.kind === 'confirmation' && isRefusal(answer)).toBe(true);
    expect(answer.kind === 'confirmation' && answer.log.map((item) => item.note)).toEqual(['Account 999999 does not exist in company code 1010', 'Error in document: BKPFF $ & more']);
  });

  it('treats a blank document number as not posted even without an error', () => {
    const answer = readJournalEntryAnswer(confirmation('', 1, []));
    expect(answer.kind === 'confirmation' && isRefusal(answer)).toBe(true);
  });

  it('reads SOAP 1.1 and 1.2 faults', () => {
    expect(readJournalEntryAnswer('<s:Envelope xmlns:s="x"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring xml:lang="en">Web service processing error</faultstring></s:Fault></s:Body></s:Envelope>')).toEqual({
      kind: 'fault',
      faultCode: 's:Server',
      faultString: 'Web service processing error',
    });
    expect(readJournalEntryAnswer('<env:Envelope><env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value></env:Code><env:Reason><env:Text>bad</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>')).toEqual({
      kind: 'fault',
      faultCode: 'env:Sender',
      faultString: 'bad',
    });
  });

  it('calls an HTML page, an empty body or garbage unreadable without throwing', () => {
    for (const text of ['<html><body><h1>Service Unavailable</h1></body></html>', '', 'not xml at all < & >', '<a><b></a></c>']) {
      expect(readJournalEntryAnswer(text)).toEqual({ kind: 'unreadable' });
    }
  });
});

describe('readJournalEntryAnswer on hostile answers', () => {
  it('reads deeply nested and unterminated markup without overflowing the stack', () => {
    for (const text of ['<a>'.repeat(100_000), '<a b="'.repeat(50_000), '<a b=c=d=e/'.repeat(50_000), '<!--'.repeat(50_000), `<Envelope><Body>${'<x>'.repeat(50_000)}<Fault><faultstring>deep</faultstring></Fault></Body></Envelope>`]) {
      expect(readJournalEntryAnswer(text).kind).not.toBe('confirmation');
    }
  });
});
