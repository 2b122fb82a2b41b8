import type { InvoiceView, LineRowView } from './invoice-view.ts';
import { COLORS, PAGE, SIZES, type Block, type PdfCanvas } from './pdf-canvas.ts';

type Cell = Exclude<keyof LineRowView, 'period'>;

interface Column {
  cell: Cell;
  header: (view: InvoiceView) => string;
  width: number;
  align: 'left' | 'right';
}

/** Widths add up to the A4 content width (495 pt). */
const COLUMNS: readonly Column[] = [
  { cell: 'no', header: () => '#', width: 22, align: 'left' },
  { cell: 'description', header: () => 'Description', width: 196, align: 'left' },
  { cell: 'quantity', header: () => 'Quantity', width: 55, align: 'right' },
  { cell: 'unitPrice', header: () => 'Unit price', width: 72, align: 'right' },
  { cell: 'tax', header: (view) => view.taxName, width: 60, align: 'right' },
  { cell: 'amount', header: (view) => `Net amount (${view.currency})`, width: 90, align: 'right' },
];

const PAD_X = 4;
const PAD_Y = 3.5;
// One row may take at most about a third of a page; longer descriptions end in "…".
const MAX_DESCRIPTION_HEIGHT = 220;

function columnX(index: number): number {
  return PAGE.left + COLUMNS.slice(0, index).reduce((sum, c) => sum + c.width, 0);
}

/** The table header band, repeated at the top of every page the table continues on. */
function headerBlock(canvas: PdfCanvas, view: InvoiceView): Block {
  const style = (column: Column) => ({ width: column.width - 2 * PAD_X, bold: true, size: SIZES.small, align: column.align });
  const height = Math.max(...COLUMNS.map((c) => canvas.measure(c.header(view), style(c)))) + 2 * PAD_Y;
  return {
    height,
    draw(top) {
      canvas.band(PAGE.left, top, PAGE.right - PAGE.left, height, COLORS.band);
      COLUMNS.forEach((column, i) => canvas.text(column.header(view), columnX(i) + PAD_X, top + PAD_Y, style(column)));
    },
  };
}

function rowBlock(canvas: PdfCanvas, row: LineRowView): Block {
  const cellStyle = (column: Column) => ({
    width: column.width - 2 * PAD_X,
    align: column.align,
    maxHeight: column.cell === 'description' ? MAX_DESCRIPTION_HEIGHT : 40,
  });
  const descriptionColumn = COLUMNS[1]!;
  const periodStyle = { width: descriptionColumn.width - 2 * PAD_X, size: SIZES.small, color: COLORS.muted, maxHeight: 20 };
  const periodHeight = row.period === null ? 0 : canvas.measure(row.period, periodStyle) + 1;
  const heights = COLUMNS.map((c) => canvas.measure(row[c.cell], cellStyle(c)) + (c.cell === 'description' ? periodHeight : 0));
  const height = Math.max(...heights) + 2 * PAD_Y;
  return {
    height,
    draw(top) {
      COLUMNS.forEach((column, i) => {
        const used = canvas.text(row[column.cell], columnX(i) + PAD_X, top + PAD_Y, cellStyle(column));
        if (column.cell === 'description' && row.period !== null) {
          canvas.text(row.period, columnX(i) + PAD_X, top + PAD_Y + used + 1, periodStyle);
        }
      });
      canvas.rule(top + height, PAGE.left, PAGE.right, COLORS.rule, 0.4);
    },
  };
}

/**
 * The invoice lines. A row never splits across pages; when the next row does not fit,
 * the page breaks and the column headers are drawn again at the top of the new page.
 */
export function drawLineTable(canvas: PdfCanvas, view: InvoiceView): void {
  const header = headerBlock(canvas, view);
  const rows = view.lines.map((row) => rowBlock(canvas, row));
  // Keep the header with at least the first row.
  canvas.breakIfNeeded(header.height + (rows[0]?.height ?? 0));
  canvas.place(header);
  for (const row of rows) {
    if (canvas.breakIfNeeded(row.height)) canvas.place(header);
    canvas.place(row);
  }
  if (rows.length === 0) {
    canvas.place({ height: 20, draw: (top) => canvas.text('No lines.', PAGE.left + PAD_X, top + PAD_Y, { width: 200, color: COLORS.muted }) });
  }
  canvas.y += 14;
}
