/**
 * The file name of an uploaded document: a plain name inside the corpus
 * directory, or a refusal. Refused rather than cleaned up — turning
 * `../../etc/x.txt` into `etcx.txt` would store a file the client did not name.
 * @module
 */
import { isSupported } from '../../corpus/load-file.js';
import { QuireError } from '../../errors.js';

/** Longest name accepted, in UTF-8 bytes: ext4 and most file systems stop at 255. */
const MAX_NAME_BYTES = 200;
/** C0 and C1 controls, DEL, and the Unicode line/paragraph separators and bidi overrides that disguise a name. */
const FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

/** The name to store the document under; `invalid_request` or `unsupported_document_type` when it cannot be. */
export function documentFileName(raw: string): string {
  const name = raw.normalize('NFC').trim();
  const refuse = (why: string) => new QuireError('invalid_request', `The document name ${JSON.stringify(raw.slice(0, 100))} ${why}.`);
  if (!name) throw refuse('is empty');
  if (FORBIDDEN.test(name)) throw refuse('contains control characters');
  if (/[/\\]/.test(name)) throw refuse('contains a path separator; give a plain file name');
  if (name.includes('..')) throw refuse('contains ".."');
  // Ingest skips hidden files: a name starting with a dot would be stored and never indexed.
  if (name.startsWith('.')) throw refuse('starts with a dot (hidden files are not indexed)');
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) throw refuse(`is longer than ${MAX_NAME_BYTES} bytes`);
  if (!isSupported(name)) throw new QuireError('unsupported_document_type', `"${name}" is not a document type Quire reads.`);
  return name;
}
