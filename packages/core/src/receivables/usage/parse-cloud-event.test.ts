import { describe, expect, it } from 'vitest';
import { parseCloudEvent, readQuantity } from './parse-cloud-event.ts';

const now = new Date('2026-10-15T12:00:00Z');
const valid = {
  specversion: '1.0',
  id: 'evt-1',
  source: '/billing/gateway',
  type: 'api.calls',
  subject: 'crm-0001',
  time: '2026-10-14T09:30:00Z',
  data: { quantity: 3 },
};

describe('parseCloudEvent', () => {
  it('accepts a structured CloudEvent', () => {
    const result = parseCloudEvent(valid, now);
    expect(result).toMatchObject({ ok: true, event: { eventId: 'evt-1', source: '/billing/gateway', type: 'api.calls', subject: 'crm-0001' } });
  });

  it('keeps the correction reference', () => {
    expect(parseCloudEvent({ ...valid, id: 'evt-2', corrects: 'evt-1' }, now)).toMatchObject({ ok: true, event: { correctsEventId: 'evt-1' } });
  });

  it.each([
    ['not an object', 'x', /JSON object/],
    ['wrong specversion', { ...valid, specversion: '0.3' }, /specversion/],
    ['missing id', { ...valid, id: undefined }, /^id/],
    ['empty source', { ...valid, source: ' ' }, /source/],
    ['type with capitals', { ...valid, type: 'API Calls' }, /type/],
    ['missing subject', { ...valid, subject: undefined }, /subject/],
    ['time without zone', { ...valid, time: '2026-10-14T09:30:00' }, /RFC 3339/],
    ['time an hour ahead', { ...valid, time: '2026-10-15T13:00:00Z' }, /future/],
    ['time in 1999', { ...valid, time: '1999-12-31T23:59:59Z' }, /2000/],
    ['data as an array', { ...valid, data: [1] }, /data must be/],
    ['xml data', { ...valid, datacontenttype: 'application/xml' }, /datacontenttype/],
    ['bad extension name', { ...valid, 'Bad-Name': 1 }, /attribute/],
  ])('rejects %s with a reason', (_name, event, reason) => {
    const result = parseCloudEvent(event, now);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('names the event id in a rejection when it has one', () => {
    expect(parseCloudEvent({ ...valid, time: 'yesterday' }, now)).toMatchObject({ ok: false, eventId: 'evt-1', source: '/billing/gateway' });
  });
});

describe('readQuantity', () => {
  it.each([
    [3, '3'],
    ['12.5', '12.5'],
    [0.1, '0.1'],
    [0, '0'],
    ['999999999999999.000000000001', '999999999999999.000000000001'],
    [1e-7, '0.0000001'],
  ])('reads %s as %s exactly', (value, expected) => {
    expect(readQuantity(value, 'quantity')).toEqual({ ok: true, quantity: expected });
  });

  it.each([
    ['a word', 'lots', /decimal number/],
    ['a negative', -1, /negative/],
    ['an absurd amount', 1e16, /absurdly large/],
    ['infinity', Number.POSITIVE_INFINITY, /finite/],
    ['too many decimals', '0.0000000000001', /decimal number|12 decimals/],
    ['an object', { n: 1 }, /must be a number/],
  ])('rejects %s', (_name, value, reason) => {
    const result = readQuantity(value, 'quantity');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
