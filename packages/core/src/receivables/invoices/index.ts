export * from './invoice-schemas.ts';
export * from './invoice-repository.ts';
export * from './invoice-state.ts';
export * from './finalize-invoice.ts';
export * from './void-invoice.ts';
export * from './list-invoices.ts';
export * from './create-credit-memo.ts';
export * from './finalize-invoices.ts';
