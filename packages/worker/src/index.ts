export * from './job-definition.ts';
export * from './run-worker.ts';
export { postDocumentJob } from './handlers/post-document.ts';
