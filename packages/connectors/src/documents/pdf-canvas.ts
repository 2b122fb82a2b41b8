import { toWinAnsi } from './win-ansi-text.ts';

/** A4 in PDF points (1/72 in), with the content box every section lays out in. */
export const PAGE = Object.freeze({
  width: 595.28,
  height: 841.89,
  left: 50,
  right: 595.28 - 50,
  top: 45,
  /** Content stops here; the footer lives below. */
  contentBottom: 841.89 - 68,
  footerY: 841.89 - 48,
});

/** Where content starts on a continuation page, below the running header. */
export const CONTINUATION_TOP = PAGE.top + 32;

/** pdfkit's built-in standard fonts: no font files, no network, WinAnsi text only. */
export const FONTS = Object.freeze({ regular: 'Helvetica', bold: 'Helvetica-Bold' });

export const COLORS = Object.freeze({
  text: '#1a1a1a',
  muted: '#5f6368',
  rule: '#c8c8c8',
  band: '#f1f3f4',
  alert: '#b3261e',
  alertBand: '#fce8e6',
  watermark: '#b3261e',
});

export const SIZES = Object.freeze({ title: 22, heading: 10, body: 9, small: 7.5 });

const LINE_GAP = 1.5;

/** How one piece of text is drawn; `width` is the box it wraps in. */
export interface TextStyle {
  width: number;
  bold?: boolean;
  size?: number;
  color?: string;
  align?: 'left' | 'center' | 'right';
  /** Clip to this height with an ellipsis, so no single cell can outgrow a page. */
  maxHeight?: number;
}

/** A laid-out piece of a page: its measured height, and how to draw it at a given top. */
export interface Block {
  height: number;
  draw(top: number): void;
}

/**
 * A thin layer over pdfkit that owns the vertical cursor and the page breaks. Every
 * string passes through {@link toWinAnsi} here, so no caller can hand the standard fonts
 * a character they would print as garbage. Sections measure first and draw second, which
 * keeps pdfkit's own automatic page breaks (which know nothing of table headers) unused.
 */
export class PdfCanvas {
  /** Top of the free space on the current page. */
  y: number = PAGE.top;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    /** Draws what every continuation page starts with and returns the y content starts at. */
    private readonly startPage: (canvas: PdfCanvas) => number,
  ) {}

  private options(style: TextStyle): PDFKit.Mixins.TextOptions {
    this.doc
      .font(style.bold ? FONTS.bold : FONTS.regular)
      .fontSize(style.size ?? SIZES.body)
      .fillColor(style.color ?? COLORS.text);
    const options: PDFKit.Mixins.TextOptions = { width: style.width, align: style.align ?? 'left', lineGap: LINE_GAP };
    if (style.maxHeight !== undefined) Object.assign(options, { height: style.maxHeight, ellipsis: true });
    return options;
  }

  /** Height `text` takes in `style`, without drawing it. */
  measure(text: string, style: TextStyle): number {
    const safe = toWinAnsi(text);
    if (safe === '') return 0;
    const height = this.doc.heightOfString(safe, this.options(style));
    return Math.min(height, style.maxHeight ?? height);
  }

  /** Draws `text` with its top-left corner at (x, y); returns the height used. */
  text(text: string, x: number, y: number, style: TextStyle): number {
    const safe = toWinAnsi(text);
    if (safe === '') return 0;
    const options = this.options(style);
    const height = Math.min(this.doc.heightOfString(safe, options), style.maxHeight ?? Infinity);
    this.doc.text(safe, x, y, options);
    return height;
  }

  /** A horizontal rule across the content box (or from x1 to x2). */
  rule(y: number, x1: number = PAGE.left, x2: number = PAGE.right, color: string = COLORS.rule, width = 0.6): void {
    this.doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke().restore();
  }

  /** A filled rectangle, for table header bands and banners. */
  band(x: number, y: number, width: number, height: number, color: string): void {
    this.doc.save().rect(x, y, width, height).fillColor(color).fill().restore();
  }

  /** Starts a new page and moves the cursor below its running header. */
  newPage(): void {
    this.doc.addPage();
    this.y = this.startPage(this);
  }

  /** True (after breaking the page) when `height` does not fit below the cursor. */
  breakIfNeeded(height: number): boolean {
    if (this.y + height <= PAGE.contentBottom) return false;
    this.newPage();
    return true;
  }

  /** Free height on a fresh continuation page (for keep-together decisions). */
  freshPageHeight(): number {
    return PAGE.contentBottom - CONTINUATION_TOP;
  }

  /** Draws `block` at the cursor, breaking the page first if it does not fit. */
  place(block: Block, gapAfter = 0): void {
    this.breakIfNeeded(block.height);
    block.draw(this.y);
    this.y += block.height + gapAfter;
  }
}
