export * from './create-notifier.ts';
