/**
 * HTML (`.html`, `.htm`) through html-to-text: page chrome (scripts, styles,
 * navigation, header, footer, sidebars, forms, images) is skipped, paragraphs
 * stay paragraphs, links keep their words but not their URLs.
 * @module
 */
import { convert, type HtmlToTextOptions } from 'html-to-text';
import { decodeText } from './decode.js';
import type { Loader } from './types.js';

const SKIPPED = ['script', 'style', 'nav', 'header', 'footer', 'aside', 'form', 'noscript', 'img', 'svg', 'template', 'iframe', 'button', 'select'];

const OPTIONS: HtmlToTextOptions = {
  // Wrapping would put line breaks inside sentences.
  wordwrap: false,
  selectors: [
    ...SKIPPED.map((selector) => ({ selector, format: 'skip' })),
    { selector: 'a', options: { ignoreHref: true } },
    // html-to-text upper-cases headings by default; the words are wanted as written.
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
};

export const loadHtml: Loader = async (bytes) => {
  const html = decodeText(bytes, declaredCharset(bytes));
  const text = convert(html, OPTIONS);
  const title = elementText(html, 'title') || elementText(html, 'h1');
  return title ? { text, title } : { text };
};

/** The charset a page declares in its first kilobyte (`<meta charset>` or http-equiv), UTF-8 otherwise. */
function declaredCharset(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1] ?? 'utf-8';
}

/** Text of the first `<tag>` element, entities decoded and inner markup dropped. */
function elementText(html: string, tag: string): string {
  const inner = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'i').exec(html)?.[1];
  return inner ? convert(inner, { wordwrap: false, selectors: [{ selector: 'a', options: { ignoreHref: true } }] }).trim() : '';
}
