import { describe, expect, it } from 'vitest';
import { csvRowToCloudEvent, ndjsonLineToCloudEvent, splitCsvLine } from './usage-file-records.ts';

describe('splitCsvLine', () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['"a,b",c', ['a,b', 'c']],
    ['"say ""hi""",x', ['say "hi"', 'x']],
    ['a,,c', ['a', '', 'c']],
    ['', ['']],
  ])('%s', (line, fields) => {
    expect(splitCsvLine(line)).toEqual(fields);
  });
});

describe('csvRowToCloudEvent', () => {
  it('puts envelope columns on the event and the rest in data', () => {
    const header = ['id', 'source', 'type', 'subject', 'time', 'quantity', 'region'];
    expect(csvRowToCloudEvent(header, ['e1', '/s', 'api.calls', 'crm-1', '2026-10-01T00:00:00Z', '12.5', 'eu'])).toEqual({
      specversion: '1.0',
      id: 'e1',
      source: '/s',
      type: 'api.calls',
      subject: 'crm-1',
      time: '2026-10-01T00:00:00Z',
      data: { quantity: '12.5', region: 'eu' },
    });
  });

  it('leaves out empty fields so validation names what is missing', () => {
    expect(csvRowToCloudEvent(['id', 'subject'], ['e1', ''])).toEqual({ specversion: '1.0', id: 'e1', data: {} });
  });
});

describe('ndjsonLineToCloudEvent', () => {
  it('parses JSON and turns garbage into a value the validator rejects', () => {
    expect(ndjsonLineToCloudEvent('{"id":"x"}')).toEqual({ id: 'x' });
    expect(ndjsonLineToCloudEvent('{oops')).toMatch(/not JSON/);
  });
});
