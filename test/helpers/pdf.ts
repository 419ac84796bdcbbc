/**
 * Valid PDFs written by hand, so the PDF loader is tested without binary
 * fixtures: Helvetica text objects and a byte-exact xref table. `pdfOf` writes
 * any object list (the page-tree bomb builds its own tree); `makePdf` lays out
 * lines of text on one page; `makePagedPdf` places text at given positions on
 * several pages, as a browser's "Save as PDF" places its header and footer.
 */

/** A piece of text at a position on a page, in PDF points from the bottom left (a US Letter page is 612 × 792). */
export interface PlacedText {
  x: number;
  y: number;
  text: string;
}

const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
const literal = (s: string) => `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
const stream = (content: string) => `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;

/**
 * The PDF file of `objects` (numbered from 1, the first one the catalog), with the
 * object numbered `infoObject` as the document information dictionary when given.
 */
export function pdfOf(objects: readonly string[], infoObject?: number): Uint8Array {
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  const infoRef = infoObject === undefined ? '' : ` /Info ${infoObject} 0 R`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${infoRef} >>\nstartxref\n${xref}\n%%EOF\n`;
  // ASCII only, so string length = byte length and the xref offsets are exact.
  return new TextEncoder().encode(pdf);
}

/** A one-page PDF of `lines`, top down, with the declared Title when given. */
export function makePdf(lines: readonly string[], info: { title?: string } = {}): Uint8Array {
  const content = ['BT', '/F1 12 Tf', '16 TL', '72 720 Td', ...lines.map((line) => `${literal(line)} Tj T*`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    stream(content),
    FONT,
    ...(info.title === undefined ? [] : [`<< /Title ${literal(info.title)} >>`]),
  ];
  return pdfOf(objects, info.title === undefined ? undefined : objects.length);
}

/** A PDF with one page per entry, each piece of text where it says. */
export function makePagedPdf(pages: readonly (readonly PlacedText[])[]): Uint8Array {
  // 1 catalog, 2 page tree, 3 font, then per page: the page and its content stream.
  const pageObject = (i: number) => 4 + 2 * i;
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${pages.map((_, i) => `${pageObject(i)} 0 R`).join(' ')}] /Count ${pages.length} >>`, FONT];
  pages.forEach((texts, i) => {
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${pageObject(i) + 1} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`);
    objects.push(stream(texts.map(({ x, y, text }) => `BT /F1 10 Tf 1 0 0 1 ${x} ${y} Tm ${literal(text)} Tj ET`).join('\n')));
  });
  return pdfOf(objects);
}
