export * from './job-definition.ts';
export * from './run-worker.ts';
