import type { InvoiceView, PartyView } from './invoice-view.ts';
import { COLORS, PAGE, SIZES, type PdfCanvas } from './pdf-canvas.ts';

const LEFT_WIDTH = 240;
const RIGHT_X = PAGE.left + 260;
const RIGHT_WIDTH = PAGE.right - RIGHT_X;
const LABEL_WIDTH = 92;
// Names and addresses are clipped rather than allowed to push the line table off page one.
const PARTY_FIELD_MAX = 40;

/** Draws a party block at (x, y); returns its bottom. */
function drawParty(canvas: PdfCanvas, party: PartyView, x: number, y: number, width: number): number {
  let cursor = y;
  cursor += canvas.text(party.heading.toUpperCase(), x, cursor, { width, size: SIZES.small, color: COLORS.muted, bold: true });
  cursor += 2;
  cursor += canvas.text(party.name, x, cursor, { width, bold: true, size: SIZES.heading, maxHeight: PARTY_FIELD_MAX });
  for (const line of party.lines) cursor += canvas.text(line, x, cursor, { width, maxHeight: PARTY_FIELD_MAX });
  if (party.details.length > 0) cursor += 3;
  for (const detail of party.details) cursor += canvas.text(detail, x, cursor, { width, maxHeight: PARTY_FIELD_MAX });
  return cursor;
}

/** Draws the label/value rows (number, dates, period, currency …); returns the bottom. */
function drawMeta(canvas: PdfCanvas, meta: InvoiceView['meta'], y: number): number {
  let cursor = y;
  meta.forEach(([label, value], index) => {
    const labelHeight = canvas.text(label, RIGHT_X, cursor, { width: LABEL_WIDTH, color: COLORS.muted });
    const valueHeight = canvas.text(value, RIGHT_X + LABEL_WIDTH, cursor, {
      width: RIGHT_WIDTH - LABEL_WIDTH,
      bold: index === 0,
      maxHeight: 60,
    });
    cursor += Math.max(labelHeight, valueHeight) + 2;
  });
  return cursor;
}

/**
 * Page one: title and seller on top, then the buyer beside the invoice facts, then the
 * draft or void banner. Leaves the cursor below it all.
 */
export function drawFirstPageHeader(canvas: PdfCanvas, view: InvoiceView): void {
  const top = PAGE.top;
  const titleBottom = top + canvas.text(view.title, PAGE.left, top, { width: LEFT_WIDTH, bold: true, size: SIZES.title });
  const sellerBottom = drawParty(canvas, view.seller, RIGHT_X, top, RIGHT_WIDTH);

  let y = Math.max(titleBottom, sellerBottom) + 12;
  canvas.rule(y);
  y += 12;
  const buyerBottom = drawParty(canvas, view.buyer, PAGE.left, y, LEFT_WIDTH);
  const metaBottom = drawMeta(canvas, view.meta, y);
  y = Math.max(buyerBottom, metaBottom) + 14;

  if (view.banner !== null) {
    const width = PAGE.right - PAGE.left;
    const style = { width: width - 16, bold: true, color: COLORS.alert, maxHeight: 40 } as const;
    const height = canvas.measure(view.banner, style) + 12;
    canvas.band(PAGE.left, y, width, height, COLORS.alertBand);
    canvas.text(view.banner, PAGE.left + 8, y + 7, style);
    y += height + 14;
  }
  canvas.y = y;
}
