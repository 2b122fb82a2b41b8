import { taxSummaryBlock, totalsBlock } from './draw-summary.ts';
import { PAYMENT_DETAILS_HEADING } from './invoice-labels.ts';
import type { InvoiceView } from './invoice-view.ts';
import { PAGE, SIZES, type Block, type PdfCanvas } from './pdf-canvas.ts';

const GAP = 14;
const WIDTH = PAGE.right - PAGE.left;

/**
 * A heading and its paragraphs as blocks: the heading travels with the first paragraph,
 * and each paragraph is clipped to half a page so every block fits on a page.
 */
function textSection(canvas: PdfCanvas, heading: string, paragraphs: readonly string[]): Block[] {
  const headingStyle = { width: WIDTH, bold: true, size: SIZES.heading } as const;
  const style = { width: WIDTH, maxHeight: canvas.freshPageHeight() / 2 } as const;
  const headingHeight = canvas.measure(heading, headingStyle) + 3;
  return paragraphs.map((paragraph, index): Block => {
    const offset = index === 0 ? headingHeight : 0;
    return {
      height: offset + canvas.measure(paragraph, style) + 3,
      draw(top) {
        if (index === 0) canvas.text(heading, PAGE.left, top, headingStyle);
        canvas.text(paragraph, PAGE.left, top + offset, style);
      },
    };
  });
}

/** Blocks drawn one under the other as one unit; `gaps[i]` is the space before block i. */
function stack(blocks: readonly Block[], gaps: readonly number[]): Block {
  const gapBefore = (i: number) => (i === 0 ? 0 : gaps[i] ?? 0);
  return {
    height: blocks.reduce((sum, block, i) => sum + gapBefore(i) + block.height, 0),
    draw(top) {
      let y = top;
      blocks.forEach((block, i) => {
        y += gapBefore(i);
        block.draw(y);
        y += block.height;
      });
    },
  };
}

/**
 * Everything after the line table: tax summary, totals, notes (tax wording such as the
 * reverse charge), payment terms, payment details (bank account) and instructions.
 *
 * The whole tail moves to a new page when it does not fit below the table but fits on a
 * page of its own, so the totals are always on the last page next to the terms that
 * govern them; a tail longer than a page keeps the summary and totals together and lets
 * the paragraphs after them flow onto further pages.
 */
export function drawClosingSections(canvas: PdfCanvas, view: InvoiceView): void {
  const summary = taxSummaryBlock(canvas, view);
  const totals = totalsBlock(canvas, view);
  const figures = summary.height > 0 ? stack([summary, totals], [0, GAP]) : totals;
  const sections = [
    textSection(canvas, 'Notes', view.notes),
    textSection(canvas, 'Payment', view.payment),
    // One paragraph, so the account lines never split across pages.
    textSection(canvas, PAYMENT_DETAILS_HEADING, view.paymentDetails.length === 0 ? [] : [view.paymentDetails.join('\n')]),
    textSection(canvas, 'Payment instructions', view.paymentInstructions === null ? [] : [view.paymentInstructions]),
  ];
  // A section's first block follows the previous section after a gap; its paragraphs follow closely.
  const paragraphs = sections.flatMap((blocks) => blocks.map((block, i) => ({ block, gap: i === 0 ? GAP : 2 })));
  const tail = stack([figures, ...paragraphs.map((p) => p.block)], [0, ...paragraphs.map((p) => p.gap)]);

  if (tail.height <= canvas.freshPageHeight()) {
    canvas.place(tail);
    return;
  }
  canvas.place(figures);
  for (const { block, gap } of paragraphs) {
    canvas.y += gap;
    canvas.place(block);
  }
}
