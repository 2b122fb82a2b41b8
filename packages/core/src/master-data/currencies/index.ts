/** ISO 4217 currencies: preloaded, keyed by code, only `active` changes. */
export * from './currency-schemas.ts';
export * from './get-currency-row.ts';
export * from './list-currencies.ts';
export * from './set-currency-active.ts';
