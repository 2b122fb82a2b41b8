import type { InvoiceView, TaxSummaryRowView } from './invoice-view.ts';
import { COLORS, PAGE, SIZES, type Block, type PdfCanvas } from './pdf-canvas.ts';

type SummaryCell = keyof TaxSummaryRowView;

const SUMMARY_COLUMNS: ReadonlyArray<{ cell: SummaryCell; header: (tax: string) => string; width: number; align: 'left' | 'right' }> = [
  { cell: 'category', header: (tax) => `${tax} category`, width: 150, align: 'left' },
  { cell: 'rate', header: () => 'Rate', width: 50, align: 'right' },
  { cell: 'taxable', header: () => 'Taxable amount', width: 95, align: 'right' },
  { cell: 'tax', header: (tax) => `${tax} amount`, width: 85, align: 'right' },
  { cell: 'exemptionReason', header: () => 'Exemption reason', width: 115, align: 'left' },
];

const PAD = 4;
const TOTALS_WIDTH = 270;
const TOTALS_LABEL_WIDTH = 140;

/**
 * The tax summary per category and rate (EN 16931 BG-23): the figures a customer's
 * accounts-payable team books input tax from, so each rate gets its own row.
 */
export function taxSummaryBlock(canvas: PdfCanvas, view: InvoiceView): Block {
  if (view.taxSummary.length === 0) return { height: 0, draw: () => undefined };
  const xs = SUMMARY_COLUMNS.map((_, i) => PAGE.left + SUMMARY_COLUMNS.slice(0, i).reduce((s, c) => s + c.width, 0));
  const style = (i: number, bold = false) => ({
    width: SUMMARY_COLUMNS[i]!.width - 2 * PAD,
    align: SUMMARY_COLUMNS[i]!.align,
    size: bold ? SIZES.small : SIZES.body,
    bold,
    maxHeight: 60,
  });
  const title = `${view.taxName} summary (${view.currency})`;
  const titleHeight = canvas.measure(title, { width: 300, bold: true, size: SIZES.heading }) + 4;
  const headerHeight = Math.max(...SUMMARY_COLUMNS.map((c, i) => canvas.measure(c.header(view.taxName), style(i, true)))) + 2 * PAD;
  const rowHeights = view.taxSummary.map((row) => Math.max(...SUMMARY_COLUMNS.map((c, i) => canvas.measure(row[c.cell], style(i)))) + 2 * PAD);
  const height = titleHeight + headerHeight + rowHeights.reduce((s, h) => s + h, 0);
  return {
    height,
    draw(top) {
      canvas.text(title, PAGE.left, top, { width: 300, bold: true, size: SIZES.heading });
      let y = top + titleHeight;
      canvas.band(PAGE.left, y, PAGE.right - PAGE.left, headerHeight, COLORS.band);
      SUMMARY_COLUMNS.forEach((c, i) => canvas.text(c.header(view.taxName), xs[i]! + PAD, y + PAD, style(i, true)));
      y += headerHeight;
      view.taxSummary.forEach((row, r) => {
        SUMMARY_COLUMNS.forEach((c, i) => canvas.text(row[c.cell], xs[i]! + PAD, y + PAD, style(i)));
        y += rowHeights[r]!;
        canvas.rule(y, PAGE.left, PAGE.right, COLORS.rule, 0.4);
      });
    },
  };
}

/** Subtotal, tax, total, paid/credited and amount due, right-aligned under the tables. */
export function totalsBlock(canvas: PdfCanvas, view: InvoiceView): Block {
  const x = PAGE.right - TOTALS_WIDTH;
  const labelStyle = (strong: boolean) => ({ width: TOTALS_LABEL_WIDTH, bold: strong, size: strong ? SIZES.heading : SIZES.body });
  const valueStyle = (strong: boolean) => ({ ...labelStyle(strong), width: TOTALS_WIDTH - TOTALS_LABEL_WIDTH - PAD, align: 'right' as const });
  const rowHeights = view.totals.map((row) => Math.max(canvas.measure(row.label, labelStyle(row.strong)), canvas.measure(row.value, valueStyle(row.strong))) + 2 * PAD);
  const height = rowHeights.reduce((s, h) => s + h, 0);
  return {
    height,
    draw(top) {
      let y = top;
      view.totals.forEach((row, r) => {
        const rowHeight = rowHeights[r]!;
        if (row.strong) {
          canvas.band(x, y, TOTALS_WIDTH, rowHeight, COLORS.band);
          canvas.rule(y, x, PAGE.right, COLORS.text, 0.8);
        }
        canvas.text(row.label, x + PAD, y + PAD, labelStyle(row.strong));
        canvas.text(row.value, x + TOTALS_LABEL_WIDTH, y + PAD, valueStyle(row.strong));
        y += rowHeight;
      });
    },
  };
}
