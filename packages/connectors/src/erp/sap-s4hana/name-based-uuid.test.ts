import { describe, expect, it } from 'vitest';
import { nameBasedUuid } from './name-based-uuid.ts';

describe('nameBasedUuid', () => {
  it('matches the RFC 9562 version-5 test vector', () => {
    expect(nameBasedUuid('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('is the same for the same external id and differs between documents', () => {
    const first = nameBasedUuid('invoiceops-invoice-inv_01');
    expect(nameBasedUuid('invoiceops-invoice-inv_01')).toBe(first);
    expect(nameBasedUuid('invoiceops-invoice-inv_02')).not.toBe(first);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
