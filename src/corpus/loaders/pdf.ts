/**
 * PDF (`.pdf`) through pdf-parse (pdf.js underneath). pdf.js is imported on the
 * first PDF only — it takes about a second to load — and is pointed at the
 * font and CMap files shipped in node_modules, so it never reaches for the
 * network, and is kept quiet (errors surface as the failure reason instead).
 * @module
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { QuireError } from '../../errors.js';
import type { Loader } from './types.js';

// pdf.js wants directory URLs ending in a slash.
const pdfjsDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const assetUrl = (dir: string): string => `${pathToFileURL(path.join(pdfjsDir, dir)).href}/`;

export const loadPdf: Loader = async (bytes, { maxPages = Number.POSITIVE_INFINITY } = {}) => {
  const { PDFParse, VerbosityLevel } = await import('pdf-parse');
  const parser = new PDFParse({
    // pdf.js may transfer (detach) the buffer it is given; hand it a copy.
    data: new Uint8Array(bytes),
    verbosity: VerbosityLevel.ERRORS,
    standardFontDataUrl: assetUrl('standard_fonts'),
    cMapUrl: assetUrl('cmaps'),
    cMapPacked: true,
    useSystemFonts: false,
    isEvalSupported: false,
    disableFontFace: true,
  });
  try {
    // Counted after reading one page, before the rest: a page tree that reuses
    // its nodes declares a million pages in a kilobyte and a half.
    const { total } = await parser.getText({ first: 1 });
    if (total > maxPages) throw new QuireError('document_invalid', `PDF has ${total} pages, more than the ${maxPages} allowed (QUIRE_PDF_MAX_PAGES)`);
    const result = await parser.getText({ pageJoiner: '' });
    // Pages but no characters: images of text (a scan), which only OCR can read.
    if (result.total > 0 && !/[\p{L}\p{N}]/u.test(result.text)) throw new QuireError('document_invalid', noTextLayer(result.total));
    const title = await declaredTitle(parser);
    // Pages apart by form feeds, as pdftotext writes them: cleaning drops what every page repeats (its header and footer).
    const text = joinHyphenated(result.pages.map((page) => page.text).join('\f'));
    return title ? { text, title } : { text };
  } catch (cause) {
    if (cause instanceof QuireError) throw cause;
    throw new QuireError('document_invalid', pdfReason(cause), { cause });
  } finally {
    await parser.destroy().catch(() => {});
  }
};

/** The document's own Title entry, when it has a real one (converters often leave "Untitled" or a file name). */
async function declaredTitle(parser: { getInfo(): Promise<{ info?: unknown }> }): Promise<string | undefined> {
  const info = (await parser.getInfo().catch(() => ({ info: undefined }))).info as { Title?: unknown } | undefined;
  const title = typeof info?.Title === 'string' ? info.Title.trim() : '';
  return title && !/^untitled$|^microsoft word - |\.(pdf|docx?|txt)$/i.test(title) ? title : undefined;
}

/** Words broken across lines by the layout ("inter-\nnational") are joined again. */
const noTextLayer = (pages: number): string =>
  `PDF has no text layer (${pages} page${pages === 1 ? '' : 's'} of images, probably scanned): it needs OCR first, e.g. \`ocrmypdf in.pdf out.pdf\`, then add the OCRed file`;

const joinHyphenated = (text: string): string => text.replace(/(\p{Ll})-\n(\p{Ll})/gu, '$1$2');

function pdfReason(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') return 'PDF is password-protected';
  if (name === 'InvalidPDFException') return `not a valid PDF (${message.replace(/\.$/, '')})`;
  return `PDF could not be read (${message.replace(/\.$/, '')})`;
}
