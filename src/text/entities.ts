/**
 * Entities and values in text, with exact offsets: people, places and organisations from
 * `compromise` (a lexicon and grammar tagger), and dates, times, numbers, money,
 * percentages, durations and ordinals from wink-nlp's English model — plus the two date
 * forms wink leaves out of its DATE entity: decades ("the 1270s") and centuries named in
 * a list ("the 10th and 11th centuries"), and bare years read as dates by the grammar
 * around them ("in 476", "1066 AD").
 * @module
 */
import nlp from 'compromise';
import { readText, type WinkReading } from './wink.js';

export type ValueKind = 'person' | 'place' | 'organization' | 'date' | 'time' | 'number' | 'money' | 'percent' | 'duration' | 'ordinal';

export interface FoundValue {
  kind: ValueKind;
  text: string;
  /** Offset in the text (UTF-16 code units) of the first character. */
  start: number;
  end: number;
}

/** Names are much slower to find (compromise tags every word: ≈ 8 ms a sentence) than values (≈ 2 ms). */
export interface FindOptions {
  /** Look for people, places and organisations too. Default true. */
  names?: boolean;
}

const WINK_KINDS: Readonly<Record<string, ValueKind>> = {
  DATE: 'date',
  TIME: 'time',
  CARDINAL: 'number',
  ORDINAL: 'ordinal',
  MONEY: 'money',
  PERCENT: 'percent',
  DURATION: 'duration',
};

/** Every entity and value in `text`, ordered by offset (ties: longer first). */
export function findValues(text: string, options: FindOptions = {}): FoundValue[] {
  const found = [...valuesOf(text, readText(text)), ...(options.names === false ? [] : namesOf(text))];
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** The values of `text` from a wink reading of it (callers that read the text for more pass theirs). */
export function valuesOf(text: string, reading: WinkReading): FoundValue[] {
  const { tokens, entities } = reading;
  const values: FoundValue[] = [];
  for (const { type, first, last } of entities) {
    const kind = WINK_KINDS[type];
    const from = tokens[first];
    const to = tokens[last];
    if (!kind || !from || !to) continue;
    const isBareYear = kind === 'number' && first === last && isYearInContext(tokens, first);
    values.push({ kind: isBareYear ? 'date' : kind, text: text.slice(from.start, to.end), start: from.start, end: to.end });
  }
  for (const match of text.matchAll(EXTRA_DATES)) {
    const start = match.index;
    const end = start + match[0].length;
    // The wider date replaces what wink saw inside it ("10th", "11th" as ordinals).
    for (let i = values.length - 1; i >= 0; i--) if (values[i]!.start >= start && values[i]!.end <= end) values.splice(i, 1);
    if (!values.some((v) => v.start <= start && v.end >= end && v.kind === 'date')) values.push({ kind: 'date', text: match[0], start, end });
  }
  return values;
}

// Decades ("1270s", "1990s", "'90s") and centuries or millennia, alone or listed ("13th
// century", "the 10th and 11th centuries", "third millennium BC"): date forms wink's
// DATE entity does not cover.
const ORDINAL = String.raw`(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)`;
const EXTRA_DATES = new RegExp(
  String.raw`\b\d{1,3}0s\b|'\d0s\b|\b${ORDINAL}(?:(?:\s*,\s*|\s+(?:and|or|to)\s+|\s*[-–]\s*)${ORDINAL})*\s+(?:centur(?:y|ies)|millenni(?:um|a))(?:\s+(?:BC|BCE|AD|CE))?\b`,
  'gi',
);

// Prepositions that put a bare number on the time line ("in 476", "until 1204"); the era
// markers that make any number a year.
const TIME_PREPOSITION = new Set(['in', 'since', 'until', 'till', 'circa', 'c.', 'ca.', 'by']);
const ERA = new Set(['bc', 'bce', 'ad', 'ce', 'b.c.', 'a.d.']);

/** A bare integer is a year after "in"/"since"/… when no noun follows it ("in 476 the empire fell", not "in 3 cases"), or beside an era. */
function isYearInContext(tokens: WinkReading['tokens'], at: number): boolean {
  const token = tokens[at]!;
  if (!/^\d{1,4}$/.test(token.text)) return false;
  const before = tokens[at - 1]?.text.toLowerCase() ?? '';
  const after = tokens[at + 1];
  if (ERA.has(before) || (after && ERA.has(after.text.toLowerCase()))) return true;
  return TIME_PREPOSITION.has(before) && !(after && (after.pos === 'NOUN' || after.pos === 'PROPN' || after.pos === 'NUM'));
}

/** People, places and organisations as compromise tags them, trimmed of trailing punctuation and possessives. */
function namesOf(text: string): FoundValue[] {
  const doc = nlp(text);
  const names: FoundValue[] = [];
  const groups: [ValueKind, { json(options: object): unknown }][] = [
    ['person', doc.people()],
    ['place', doc.places()],
    ['organization', doc.organizations()],
  ];
  for (const [kind, view] of groups) {
    for (const match of view.json({ offset: true }) as { offset: { start: number; length: number } }[]) {
      const start = match.offset.start;
      const raw = text.slice(start, start + match.offset.length);
      const trimmed = raw.replace(/(?:['’]s)?[\s.,;:!?'"’”)\]-]*$/u, '');
      // A name starts with a capital and has a word of two letters ("Pak-" alone is a hyphen's fragment).
      if (!/^\p{Lu}/u.test(trimmed) || !/\p{L}{2}/u.test(trimmed) || trimmed.endsWith('-')) continue;
      names.push({ kind, text: trimmed, start, end: start + trimmed.length });
    }
  }
  return names;
}
