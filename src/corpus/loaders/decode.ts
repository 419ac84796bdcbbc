/**
 * Bytes → text for the text formats (plain, Markdown, HTML), refusing what is
 * not text instead of indexing mojibake.
 * @module
 */
import { QuireError } from '../../errors.js';

/** Share of control characters above which decoded "text" is really binary data. */
const MAX_CONTROL_SHARE = 0.1;

export function decodeText(bytes: Uint8Array, encoding = 'utf-8'): string {
  // A byte-order mark names the encoding; UTF-16 would otherwise look binary (it is full of NULs).
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decode(bytes, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decode(bytes, 'utf-16be');
  if (bytes.includes(0)) throw binary();
  const text = decode(bytes, encoding);
  // Tabs, line ends and form feeds are text; other C0/C1 controls and U+FFFD are not.
  const controls = text.match(/[\u0000-\u0008\u000E-\u001F\u007F-\u009F\uFFFD]/g)?.length ?? 0;
  if (text.length > 0 && controls / text.length > MAX_CONTROL_SHARE) throw binary();
  return text;
}

function decode(bytes: Uint8Array, encoding: string): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new QuireError('document_invalid', `unsupported text encoding "${encoding}"`);
  }
  try {
    return decoder.decode(bytes);
  } catch (cause) {
    const name = decoder.encoding === 'utf-8' ? 'UTF-8' : decoder.encoding;
    throw new QuireError('document_invalid', `not valid ${name} text`, { cause });
  }
}

const binary = () => new QuireError('document_invalid', 'binary data, not text');
