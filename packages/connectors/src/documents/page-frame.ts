import type { InvoiceView } from './invoice-view.ts';
import { COLORS, CONTINUATION_TOP, FONTS, PAGE, SIZES, type PdfCanvas } from './pdf-canvas.ts';

const HALF_WIDTH = (PAGE.right - PAGE.left) / 2;

/**
 * The big diagonal word ("DRAFT", "VOID") drawn first on a page, so it sits under the
 * content: a draft printed, scanned or forwarded can never pass for a payable invoice.
 */
export function drawWatermark(canvas: PdfCanvas, word: string): void {
  const { doc } = canvas;
  const size = 120;
  doc.save();
  doc.font(FONTS.bold).fontSize(size).fillColor(COLORS.watermark).fillOpacity(0.12);
  const width = doc.widthOfString(word);
  const cx = PAGE.width / 2;
  const cy = PAGE.height / 2;
  doc.rotate(-40, { origin: [cx, cy] });
  doc.text(word, cx - width / 2, cy - size * 0.35, { lineBreak: false });
  doc.restore();
}

/**
 * What every page after the first starts with: which document this page belongs to,
 * in case the pages are separated. Returns where content starts.
 */
export function drawContinuationHeader(canvas: PdfCanvas, view: InvoiceView): number {
  if (view.watermark !== null) drawWatermark(canvas, view.watermark);
  canvas.text(`${view.reference} (continued)`, PAGE.left, PAGE.top, { width: HALF_WIDTH, bold: true, size: SIZES.heading });
  canvas.text(view.seller.name, PAGE.left + HALF_WIDTH, PAGE.top + 1, { width: HALF_WIDTH, align: 'right', color: COLORS.muted, maxHeight: 12 });
  canvas.rule(PAGE.top + 17);
  return CONTINUATION_TOP;
}

/**
 * Footers go on last, once the page count is known ("Page 2 of 3"): the document is built
 * with buffered pages and each page is revisited here.
 */
export function drawFooters(canvas: PdfCanvas, view: InvoiceView): void {
  const { doc } = canvas;
  const { start, count } = doc.bufferedPageRange();
  for (let index = 0; index < count; index++) {
    doc.switchToPage(start + index);
    canvas.rule(PAGE.footerY - 6);
    const style = { size: SIZES.small, color: COLORS.muted, maxHeight: 20 } as const;
    canvas.text(view.footer, PAGE.left, PAGE.footerY, { ...style, width: HALF_WIDTH + 60 });
    canvas.text(`${view.reference} · Page ${index + 1} of ${count}`, PAGE.left + HALF_WIDTH + 60, PAGE.footerY, {
      ...style,
      width: HALF_WIDTH - 60,
      align: 'right',
    });
  }
}
