export * from './test-database.ts';
export * from './factories.ts';
export * from './principals.ts';
export * from './receivables-factories.ts';
