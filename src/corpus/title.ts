/**
 * Document titles: what the format declares (a Markdown `#` heading, an HTML
 * `<title>` or `<h1>`), else the first line of the cleaned text, kept short
 * enough for a citation list.
 * @module
 */
import { normalizeLine } from './normalize.js';

/** @default 120 */
export const MAX_TITLE_LENGTH = 120;

export function pickTitle(declared: string | undefined, cleanedText: string, maxLength = MAX_TITLE_LENGTH): string {
  const fromFormat = declared === undefined ? '' : normalizeLine(declared);
  const firstLine = cleanedText.split('\n').find((line) => line.trim() !== '') ?? '';
  return shorten(fromFormat || normalizeLine(firstLine), maxLength);
}

/** Cuts at a word boundary and marks the cut with an ellipsis, staying within `maxLength`. */
export function shorten(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const room = text.slice(0, maxLength - 1);
  const atWord = room.replace(/\s+\S*$/, '');
  return `${(atWord.length >= maxLength / 2 ? atWord : room).replace(/[\s,;:.-]+$/, '')}…`;
}
