/**
 * Document titles: what the format declares (a Markdown `#` heading, an HTML
 * `<title>` or `<h1>`), else the first heading-like line near the top that the
 * document is about, kept short enough for a citation list.
 *
 * Saved web pages open with a masthead or navigation ("An organ of the
 * American Institute of International Studies (AIIS), Fremont, CA") before the
 * article's own headline. Such lines are about the site, not the document, so
 * few of their words come back in the body; a real headline's words do
 * ("Pakistan-Russia relations warm up" over an article about both countries).
 * @module
 */
import { tokenize } from '../text/tokenize.js';
import { normalizeLine } from './normalize.js';

/** @default 120 */
export const MAX_TITLE_LENGTH = 120;

/** How far down a title is looked for: mastheads, bylines and datelines fill the first lines. */
const HEAD_LINES = 12;
/** Headlines are short; longer lines are prose. */
const MAX_HEADING_WORDS = 16;
/** A line whose terms recur in the body at least this much is what the document is about. */
const ABOUT_THE_BODY = 0.6;
/** A term "recurs" when the body has it this many times: once can be chance. */
const RECURS = 2;

export function pickTitle(declared: string | undefined, cleanedText: string, maxLength = MAX_TITLE_LENGTH): string {
  const fromFormat = declared === undefined ? '' : normalizeLine(declared);
  return shorten(fromFormat || titleLine(cleanedText), maxLength);
}

/** The first heading-like line whose words the body is about; else the one most so; else the first line. */
export function titleLine(text: string): string {
  const lines = text.split('\n').map(normalizeLine).filter((line) => line !== '');
  const head = lines.slice(0, HEAD_LINES);
  let best = { line: '', score: 0 };
  for (const [i, line] of head.entries()) {
    // A line that runs on into a lower-case one is half of a wrapped sentence, not a heading.
    if (!isHeadingLike(line) || /^\p{Ll}/u.test(lines[i + 1] ?? '')) continue;
    const score = aboutTheBody(line, prose(lines.slice(i + 1)));
    if (score >= ABOUT_THE_BODY) return line;
    if (score > best.score) best = { line, score };
  }
  return best.line || lines[0] || '';
}

/** Short, with letters, not a sentence (no closing period) or its lower-case rest, not a byline or a date line. */
function isHeadingLike(line: string): boolean {
  const words = line.split(/\s+/);
  if (words.length > MAX_HEADING_WORDS || !/\p{L}{2}/u.test(line) || /^\p{Ll}/u.test(line)) return false;
  if (/[.,;:]$/.test(line) && !/\.\.\.$|…$/.test(line)) return false;
  if (/^by\s/i.test(line)) return false;
  // "October 8, 2012", "12/01/2026 10:31": mostly digits and month names.
  return !/^(?:\p{L}{3,9}\.?\s+)?\d{1,4}(?:[\s,/.:-]+\d{1,4})*(?:\s*[ap]\.?m\.?)?$/iu.test(line);
}

/** Words of a site's chrome recur in its short lines (menus, footers); the article is in the long ones. */
const PROSE_WORDS = 12;
const prose = (lines: string[]): string => lines.filter((line) => line.split(/\s+/).length >= PROSE_WORDS).join('\n');

/** Share of the line's distinct terms that recur in the body's prose. */
function aboutTheBody(line: string, body: string): number {
  const terms = [...new Set(tokenize(line))];
  if (terms.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const term of tokenize(body)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return terms.filter((term) => (counts.get(term) ?? 0) >= RECURS).length / terms.length;
}

/** Cuts at a word boundary and marks the cut with an ellipsis, staying within `maxLength`. */
export function shorten(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const room = text.slice(0, maxLength - 1);
  const atWord = room.replace(/\s+\S*$/, '');
  return `${(atWord.length >= maxLength / 2 ? atWord : room).replace(/[\s,;:.-]+$/, '')}…`;
}
