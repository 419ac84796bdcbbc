/**
 * Character-level normalisation shared by the cleaner and the title picker:
 * one form for quotes, spaces and line ends, so duplicates compare equal and
 * offsets point into predictable text.
 * @module
 */

/** NFC, straight quotes, plain spaces, `\n` line ends, trimmed lines, at most one blank line in a row. */
export function normalizeText(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(/\r\n?|[\u2028\u2029\v\f]/g, '\n')
      .replace(/[\u2018\u2019\u201A\u201B]/g, "'")
      .replace(/[\u201C\u201D\u201E\u201F]/g, '"')
      .replace(/[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
      // Invisible characters that split words for search without showing: zero-width space, BOM, soft hyphen.
      .replace(/[\u200B\uFEFF\u00AD]/g, '')
      // Stray control characters left by converters (keeping \t and \n, handled above).
      .replace(/[\u0000-\u0008\u000E-\u001F\u007F]/g, '')
      .split('\n')
      .map((line) => line.replace(/ {2,}/g, ' ').trim())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/** One line of text: normalised, with line breaks turned into spaces. */
export const normalizeLine = (text: string): string => normalizeText(text).replace(/\s+/g, ' ');

/** Whitespace-separated words. */
export const countWords = (text: string): number => text.match(/\S+/g)?.length ?? 0;
