/**
 * Sentence boundaries with offsets, shared by the chunker (chunks end on a
 * sentence) and the extractive composer (answers quote whole sentences).
 * Pure and dependency-free: a regex walk that knows the usual abbreviations. (wink-nlp's
 * and compromise's sentence detection were measured on the cases below and each broke one:
 * "Fig. 3." and "No. 5" respectively, so the walk stays, with exact offsets.)
 * @module
 */

export interface Span {
  text: string;
  /** Offset of `text` in the input (UTF-16 code units). */
  start: number;
  end: number;
}

// Tokens that end with a period without ending a sentence.
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof gen col lt maj capt sgt cmdr adm gov sen rep st jr sr vs etc al inc ltd co corp dept est approx govt mt ft e.g i.e u.s u.k u.n a.m p.m jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '),
);

// Abbreviations that stand before a number in references ("No. 5", "p. 12", "pp. 3–9",
// "Fig. 3", "Vol. 2", "ch. 4", "§ sec. 2", "eq. 7"): the Chicago Manual of Style's
// abbreviations for parts of a work (17th ed., 10.43), lower-cased.
const BEFORE_NUMBER = new Set('no nos p pp fig figs vol vols ch chap sec sect eq eqs art para ref refs tab n nn ed pt pts bk ser'.split(' '));

/** Splits text into sentences. Paragraph breaks always end a sentence. */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) spans.push({ text: trimmed, start: start + lead, end: start + lead + trimmed.length });
    start = end;
  };
  // A candidate boundary: terminal punctuation (plus closing quotes/brackets) followed by
  // whitespace, or a blank line.
  const boundary = /([.!?]+["'”’)\]]*)(\s+)|\n\s*\n/g;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    if (m[1] === undefined) {
      push(m.index);
      continue;
    }
    const end = m.index + m[1].length;
    if (m[1].startsWith('.') && !endsSentence(text, m.index, end)) continue;
    push(end);
  }
  push(text.length);
  return spans;
}

function endsSentence(text: string, dotIndex: number, end: number): boolean {
  const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, dotIndex - 20), dotIndex))?.[1] ?? '';
  const word = before.toLowerCase();
  if (ABBREVIATIONS.has(word) || ABBREVIATIONS.has(word.replace(/\.$/, ''))) return false;
  // A single capital ("J. R. R. Tolkien") is an initial, and letters with dots between
  // them ("U.S.", "N.A.T.O.") an acronym, not a sentence end.
  if (/^\p{Lu}$/u.test(before) || /^(\p{L}\.)+\p{L}$/u.test(before)) return false;
  // The next sentence starts with a capital, a digit or a quote; lower case means we are mid-sentence.
  const next = text.slice(end).trimStart()[0];
  if (next !== undefined && /\d/.test(next) && BEFORE_NUMBER.has(word)) return false;
  return next === undefined || !/\p{Ll}/u.test(next);
}

// A footnote mark after the full stop ("…since May 2011.¹⁶ In this regard…") hides the
// boundary from splitSentences, which wants whitespace right after the punctuation.
const FOOTNOTE_BOUNDARY = /(?<=[.!?]["'”’)\]]*[\u00b9\u00b2\u00b3\u2070-\u2079]+)\s+(?=["“\p{Lu}\d])/gu;

/** A line opening with a footnote number is a reference ("⁴ Dr Raja Muhammad Khan, …"), not a statement. */
const FOOTNOTE_TEXT = /^[\u00b9\u00b2\u00b3\u2070-\u2079]/;

/** The sentences an answer may quote: `splitSentences`, also cut after footnote marks, without footnote lines. */
export function quotableSentences(text: string): Span[] {
  return splitSentences(text).flatMap((span) => {
    const pieces: Span[] = [];
    let start = 0;
    for (const m of span.text.matchAll(FOOTNOTE_BOUNDARY)) {
      pieces.push({ text: span.text.slice(start, m.index), start: span.start + start, end: span.start + m.index });
      start = m.index + m[0].length;
    }
    pieces.push({ text: span.text.slice(start), start: span.start + start, end: span.end });
    return pieces.filter((piece) => !FOOTNOTE_TEXT.test(piece.text));
  });
}
