export * from './distribution-ports.ts';
export * from './send-invoice.ts';
export * from './overdue-reminders.ts';
