/**
 * Entities and values in text, with exact offsets, from one wink-nlp reading: dates, times,
 * numbers, money, percentages, durations and ordinals as wink's English model types them,
 * plus the date forms it leaves out (decades "the 1270s", centuries in a list "the 10th and
 * 11th centuries", bare years placed by the grammar around them "in 476", "753 BC"); and
 * people, places and organisations as runs of proper nouns typed by compromise's lexicon of
 * names and places and by WordNet (titles, organisation and location head nouns, WordNet's
 * own proper nouns). Measured on the default corpus, this costs ≈ 30 ms a chunk; compromise's
 * full tagger, which finds a few more names, cost ≈ 150 ms a chunk.
 * @module
 */
import { createRequire } from 'node:module';
import { phraseKind } from './noun-kind.js';
import { readText, type WinkReading, type WinkToken } from './wink.js';
import { isWord, nounSenses } from './wordnet.js';

export type ValueKind = 'person' | 'place' | 'organization' | 'date' | 'time' | 'number' | 'money' | 'percent' | 'duration' | 'ordinal';

export interface FoundValue {
  kind: ValueKind;
  text: string;
  /** Offset in the text (UTF-16 code units) of the first character. */
  start: number;
  end: number;
}

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
  const reading = readText(text);
  const found = [...valuesOf(text, reading), ...(options.names === false ? [] : findNames(text, reading))];
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

// compromise's lexicon (its curated lists of given names, surnames, honorifics, places and
// organisations), used as data: tagging text with compromise costs ≈ 8 ms a sentence, a
// look-up nothing. Loaded on the first name looked up: compromise costs a thread ≈ 75 MB and
// 1–3 s to load, and a server's compute workers never look for names (the stored analyses
// hold them; answering asks for values only).
type Lexicon = Record<string, string | string[]>;
let lexicon: Lexicon | undefined;
const loadLexicon = (): Lexicon => (lexicon ??= (createRequire(import.meta.url)('compromise') as { model(): { one: { lexicon: Lexicon } } }).model().one.lexicon);
const tagsOf = (word: string): readonly string[] => [loadLexicon()[word] ?? []].flat();
const hasTag = (word: string, tags: ReadonlySet<string>): boolean => tagsOf(word).some((tag) => tags.has(tag));
const PERSON_TAGS = new Set(['MaleName', 'FemaleName', 'FirstName', 'Honorific']);
const SURNAME_TAGS = new Set(['LastName', 'Person']);
const PLACE_TAGS = new Set(['Place', 'City', 'Country', 'Region']);
const ORGANIZATION_TAGS = new Set(['Organization', 'SportsTeam']);
// Lower-case words that may join the parts of one name: "Bank *of* England", "Ministry *of* Defence".
const NAME_JOINERS = new Set(['of', 'for', 'de', 'von', 'van', 'al', 'bin']);

/** People, places and organisations in `text`: runs of capitalised proper nouns, typed by lexicon and WordNet. */
export function findNames(text: string, reading: WinkReading = readText(text)): FoundValue[] {
  const names: FoundValue[] = [];
  const { tokens } = reading;
  for (let i = 0; i < tokens.length; ) {
    if (!isNameWord(tokens[i]!)) {
      i++;
      continue;
    }
    let last = i;
    while (last + 1 < tokens.length) {
      const next = tokens[last + 1]!;
      if (isNameWord(next) && next.start === tokens[last]!.end + 1) last++;
      else if (NAME_JOINERS.has(next.text) && tokens[last + 2] && isNameWord(tokens[last + 2]!)) last += 2;
      else break;
    }
    const run = tokens.slice(i, last + 1);
    // A possessive "'s" is not part of the name.
    const kind = nameKind(run.map((t) => t.text.replace(/['’]s$/, '').toLowerCase()), run.length === 1 && isSentenceStart(tokens, i));
    if (kind) names.push({ kind, text: text.slice(run[0]!.start, run.at(-1)!.end), start: run[0]!.start, end: run.at(-1)!.end });
    i = last + 1;
  }
  return names;
}

/** A word that can be part of a name: capitalised, tagged a proper noun (or a noun or adjective in title case, "Western Roman Empire"). */
const isNameWord = (token: WinkToken): boolean => /^\p{Lu}[\p{L}'’.-]*$/u.test(token.text) && (token.pos === 'PROPN' || token.pos === 'NOUN' || token.pos === 'ADJ');

const isSentenceStart = (tokens: readonly WinkToken[], at: number): boolean => at === 0 || /^[.!?:;"“]$/.test(tokens[at - 1]!.text);

/**
 * The kind of the name made of `words` (lower case): a given name or a title ("President",
 * "Minister": WordNet person nouns) makes a person; an organisation's head noun
 * ("Commission", "Bank") or a listed organisation an organization; a listed place or a
 * location noun ("River", "Province") a place; two or more unknown proper nouns most
 * often a person. A lone capitalised word at a sentence start must be a listed one.
 */
function nameKind(words: readonly string[], atSentenceStart: boolean): ValueKind | undefined {
  // "University *of* Punjab": the head comes before the joiner.
  const joiner = words.findIndex((w) => NAME_JOINERS.has(w));
  const head = joiner > 0 ? words[joiner - 1]! : words.at(-1)!;
  const headKind = words.length > 1 ? phraseKind([head]) : undefined;
  if (headKind === 'organization' || words.some((w) => hasTag(w, ORGANIZATION_TAGS))) return 'organization';
  // A name ending in a common noun is what that noun is ("Western Roman Empire", "Indus
  // River"), never a person's name, which ends in a surname ("Roman" is also a given name).
  if (words.length > 1 && isWord(head, 'noun') && !isProperNoun(head) && headKind !== 'person') return headKind === 'place' ? 'place' : undefined;
  if (words.some((w) => hasTag(w, PERSON_TAGS)) || (words.length > 1 && phraseKind([words[0]!]) === 'person')) return 'person';
  if (headKind === 'place' || words.some((w) => hasTag(w, PLACE_TAGS))) return 'place';
  if (words.some((w) => hasTag(w, SURNAME_TAGS))) return 'person';
  if (words.length === 1) {
    // WordNet's own proper nouns: "Bishkek" is an instance of a national capital.
    const kind = atSentenceStart ? undefined : properNounKind(head);
    return kind;
  }
  return words.every((w) => !isWord(w, 'noun') || isProperNoun(w)) ? 'person' : undefined;
}

/** The kind WordNet gives a proper noun it lists (its entries for places, people and organisations). */
function properNounKind(word: string): ValueKind | undefined {
  if (!isProperNoun(word)) return undefined;
  const kind = phraseKind([word]);
  return kind === 'person' || kind === 'place' || kind === 'organization' ? kind : undefined;
}

/** WordNet knows the word only as an instance (a proper noun), not as a common noun: "bishkek", not "bank". */
const isProperNoun = (word: string): boolean => nounSenses(word, 1)[0]?.instance === true;
