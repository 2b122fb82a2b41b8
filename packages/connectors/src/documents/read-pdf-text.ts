import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** What a reader gets out of a PDF: the text of each page and the document information. */
export interface PdfText {
  pages: string[];
  /** All pages, joined. */
  text: string;
  info: Record<string, unknown>;
}

/**
 * Extracts text the way a PDF viewer's copy/search sees it (pdfjs), for tests that assert
 * what a customer reads. Non-breaking spaces become plain spaces so assertions can be
 * written naturally ("EUR 1,234.50").
 */
export async function readPdfText(pdf: Buffer): Promise<PdfText> {
  // verbosity 0: pdfjs would warn that the standard fonts are not embedded, which is the point.
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      const parts = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : ''));
      pages.push(parts.join('').replace(/\u00a0/g, ' '));
    }
    const { info } = await document.getMetadata();
    return { pages, text: pages.join('\n'), info: info as Record<string, unknown> };
  } finally {
    await document.destroy();
  }
}
