import type { Invoice } from '@invoiceops/core';
import PDFDocument from 'pdfkit';
import { drawClosingSections } from './draw-closing.ts';
import { drawFirstPageHeader } from './draw-header.ts';
import { drawLineTable } from './draw-line-table.ts';
import { buildInvoiceView, type InvoiceView, type InvoiceViewOptions } from './invoice-view.ts';
import { drawContinuationHeader, drawFooters, drawWatermark } from './page-frame.ts';
import { PAGE, PdfCanvas } from './pdf-canvas.ts';

/** Options of {@link renderInvoicePdf}. */
export type InvoicePdfOptions = InvoiceViewOptions;

function draw(doc: PDFKit.PDFDocument, view: InvoiceView): void {
  const canvas = new PdfCanvas(doc, (c) => drawContinuationHeader(c, view));
  if (view.watermark !== null) drawWatermark(canvas, view.watermark);
  drawFirstPageHeader(canvas, view);
  drawLineTable(canvas, view);
  drawClosingSections(canvas, view);
  drawFooters(canvas, view);
}

/**
 * Renders an invoice or credit memo as an A4 PDF: seller and buyer with tax ids, the
 * invoice facts, the lines with page breaks, the tax summary per category and rate,
 * totals, tax notes and payment terms. Drafts carry a DRAFT watermark and banner.
 *
 * Deterministic: the same invoice and options give the same bytes (the PDF creation date
 * is the invoice's finalization or creation time), so the result can be cached per
 * invoice id and version. Text outside the standard fonts' WinAnsi set is transliterated
 * or printed as "?" (see docs/invoice-pdf.md).
 *
 * Rejects with `AppError` (`validation_failed`) for an invalid locale or an amount that
 * is not an exact decimal of the invoice currency.
 */
export async function renderInvoicePdf(invoice: Invoice, options: InvoicePdfOptions = {}): Promise<Buffer> {
  const view = buildInvoiceView(invoice, options);
  const doc = new PDFDocument({
    size: 'A4',
    // pdfkit's own margins only matter to its automatic page breaks, which the layout
    // never relies on; the bottom one sits below the footer so footers never trigger one.
    margins: { top: PAGE.top, bottom: 20, left: PAGE.left, right: PAGE.width - PAGE.right },
    bufferPages: true,
    lang: view.lang,
    displayTitle: true,
    info: view.info,
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    draw(doc, view);
  } finally {
    // Ending also on failure releases the stream; the drawing error is what the caller sees.
    doc.end();
  }
  return finished;
}
