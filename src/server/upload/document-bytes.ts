/**
 * Whether uploaded bytes are the document their name says: a PDF starts with
 * the `%PDF-` signature, and everything else is UTF-8 text (not binary data).
 * Checked before storing, so a bad upload is refused at once instead of
 * becoming an ingest failure later.
 * @module
 */
import { extensionOf } from '../../corpus/load-file.js';
import { decodeText } from '../../corpus/loaders/decode.js';
import { isQuireError, QuireError } from '../../errors.js';

const PDF_SIGNATURE = Buffer.from('%PDF-');
const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Zero-width spaces and joiners, the word joiner and the byte-order mark: `\s` does not count them as space. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/gu;

export function checkDocumentBytes(name: string, bytes: Uint8Array): void {
  const invalid = (why: string, cause?: unknown) => new QuireError('document_invalid', `"${name}" ${why}.`, { cause });
  if (bytes.length === 0) throw invalid('is empty');
  if (extensionOf(name) === '.pdf') {
    if (!Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PDF_SIGNATURE.length)).equals(PDF_SIGNATURE)) throw invalid('is not a PDF (it does not start with %PDF-)');
    return;
  }
  try {
    utf8.decode(bytes);
  } catch (cause) {
    throw invalid('is not UTF-8 text', cause);
  }
  let text: string;
  try {
    // The loaders' own test for text that is really binary data.
    text = decodeText(bytes);
  } catch (cause) {
    throw isQuireError(cause) ? invalid(`is ${cause.message}`, cause) : cause;
  }
  // Only spaces, line ends and invisible marks: accepted, it would just fail inside the ingest.
  if (!/\S/u.test(text.replace(INVISIBLE, ''))) throw invalid('contains only whitespace; there is no text to index');
}
