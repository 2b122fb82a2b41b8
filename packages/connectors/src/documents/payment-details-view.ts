import { formatIbanForDisplay, type EntityBankAccount } from '@invoiceops/core';
import { BANK_DETAIL_LABELS, PAYMENT_REFERENCE_LABEL } from './invoice-labels.ts';

/**
 * The account an invoice asks to be paid into: the one for the invoice currency, else
 * one for any currency (no currency set), else the first; undefined without accounts.
 */
export function choosePaymentAccount(accounts: readonly EntityBankAccount[], currency: string): EntityBankAccount | undefined {
  return accounts.find((a) => a.currency === currency) ?? accounts.find((a) => !a.currency) ?? accounts[0];
}

/** How each field is written for people: IBANs in groups of four, sort codes 12-34-56, BSBs 123-456. */
const DISPLAY: Partial<Record<keyof typeof BANK_DETAIL_LABELS, (value: string) => string>> = {
  iban: formatIbanForDisplay,
  sortCode: (v) => v.replace(/^(\d{2})(\d{2})(\d{2})$/, '$1-$2-$3'),
  bsb: (v) => v.replace(/^(\d{3})(\d{3})$/, '$1-$2'),
};

/**
 * The payment details as printed lines ("IBAN: DE89 3704 …"): every field the account
 * has, in a fixed order, then the payment reference (the invoice number) to quote.
 */
export function paymentDetailLines(account: EntityBankAccount, reference: string): string[] {
  const fields = Object.keys(BANK_DETAIL_LABELS) as (keyof typeof BANK_DETAIL_LABELS)[];
  const lines = fields.flatMap((field) => {
    const value = account[field]?.trim();
    if (!value) return [];
    const display = DISPLAY[field];
    return [`${BANK_DETAIL_LABELS[field]}: ${display ? display(value) : value}`];
  });
  return [...lines, `${PAYMENT_REFERENCE_LABEL}: ${reference}`];
}
