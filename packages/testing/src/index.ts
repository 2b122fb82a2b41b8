export * from './test-database.ts';
export * from './factories.ts';
export * from './principals.ts';
export * from './receivables-factories.ts';
export * from './invoice-factories.ts';
export * from './billing-scenario.ts';
export * from './simulators/index.ts';
