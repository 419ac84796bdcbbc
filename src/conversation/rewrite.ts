/**
 * Follow-up questions made standalone without an LLM. "When did he arrive in
 * Moscow?" retrieves nothing useful on its own; after "Who is General Kayani?"
 * it becomes "When did he arrive in Moscow? General Ashfaq Kayani": what the
 * previous *answer* named — the person it answered with, and the subject as the
 * answer spells it (not the question's typos) — then the rest of the previous
 * turn's rewritten query, so the subject survives a chain of follow-ups. A
 * question that names its own subject is left alone.
 * @module
 */
import { findNames } from '../text/entities.js';
import { categoryWords, questionType } from '../text/question-type.js';
import { contentTerms, hasTerm, surfaceWords } from '../text/terms.js';
import { isStopWord } from '../text/tokenize.js';
import { readText } from '../text/wink.js';
import type { Turn } from '../types.js';

/** Pronouns that stand for a person. */
const PERSONAL_PRONOUN = /\b(he|she|him|his|her|hers)\b/i;
/** Pronouns that stand for a thing. */
const THING_PRONOUN = /\b(it|its|they|them|their|theirs)\b/i;
/** Words of a noun phrase before its head, looked at for the thing an answer named ("the S-400 missile defense system"). */
const MAX_MODIFIERS = 3;
/** Words that always point back at something said before. */
const ANAPHORA = /\b(he|she|it|they|him|her|hers|his|its|their|theirs|them|then|instead|the same|the latter|the former|the above)\b/i;
/** "there" points back ("what happened there?") unless it is existential ("is there a…", "there was…"). */
const THERE = /\bthere\b(?!\s+(is|are|was|were|be|been|has|have|had|will|would|any|an?|some|no|many|much|more)\b)/i;
/** Openings of a question that continues the previous one: "And Lavrov?", "What about trade?". */
const CONTINUATION = /^\s*(and|but|so|or|what about|how about|as for)\b/i;
/** Terms carried over: enough for the subject, few enough not to drown the new question. */
const MAX_CARRIED = 8;

// Content words that name no subject: "What was the outcome?", "Is that true?", "Why?".
const GENERIC = new Set(
  (
    'thing things happen happened happens outcome result results reason reasons purpose cost costs price date year years time times true ' +
    'detail details mean means meaning role effect effects impact response reaction plan plans status start started end ended begin ' +
    'say said tell told cause caused consequence consequences benefit benefits aim goal number amount people person name named called ' +
    'long many much take took place today now exactly later earlier first last else next more kind type sort way ways one ones'
  ).split(' '),
);

export interface RewrittenQuery {
  /** What retrieval should run: the question, plus the earlier subject when it leans on it. */
  query: string;
  rewritten: boolean;
  /** The earlier words appended to the question (empty when nothing was rewritten). */
  carried: string[];
}

export function rewriteFollowUp(question: string, history: readonly Turn[]): RewrittenQuery {
  const previous = history.at(-1);
  const trimmed = question.trim();
  if (!previous || !leansOnHistory(trimmed)) return { query: question, rewritten: false, carried: [] };

  const own = new Set(contentTerms(trimmed));
  const carried: string[] = [];
  const subject = spelledAsAnswered(keyWords(previous.rewritten || previous.question), previous);
  for (const word of [...answeredPerson(trimmed, previous), ...answeredPlace(trimmed, previous), ...answeredThing(trimmed, previous), ...subject]) {
    if (carried.length >= MAX_CARRIED) break;
    const terms = contentTerms(word);
    if (terms.length === 0 || terms.every((t) => hasTerm(own, t))) continue;
    carried.push(word);
    for (const t of terms) own.add(t);
  }
  if (carried.length === 0) return { query: question, rewritten: false, carried };
  return { query: `${trimmed} ${carried.join(' ')}`, rewritten: true, carried };
}

/**
 * "When did he arrive?" after "Which army chief visited Russia?" means the person the answer
 * named, not the question's words: the words of the people a grounded answer to a
 * who-question names (wink-nlp's person entities, titles included), when the follow-up refers
 * to a person. An answer naming several people gives the one whose title matches what was
 * asked for ("prime minister" → "Prime Minster Mikhail Fradkov", not the "Defence Minister"
 * quoted beside him); a tie goes to the one named first.
 */
function answeredPerson(question: string, previous: Turn): string[] {
  if (!PERSONAL_PRONOUN.test(question) || previous.citedIds.length === 0 || questionType(previous.question) !== 'person') return [];
  const asked = new Set(contentTerms(previous.question));
  const category = categoryWords(previous.question);
  const people = findNames(previous.answer.replace(/\[[^\]]*\]/g, ' ')).filter((v) => v.kind === 'person');
  const fit = (name: string) => category.filter((word) => surfaceWords(name).some((w) => sameWord(w, word))).length;
  const best = people.reduce<{ text: string; fit: number } | undefined>((top, p) => (top === undefined || fit(p.text) > top.fit ? { text: p.text, fit: fit(p.text) } : top), undefined);
  if (!best) return [];
  return keyWords(best.text).filter((word) => !contentTerms(word).every((t) => hasTerm(asked, t)));
}

/**
 * "What happened there?" after "Where was the conference held?" means the place the answer
 * named: the names after "in"/"at" in a grounded answer to a where-question, not asked about.
 */
function answeredPlace(question: string, previous: Turn): string[] {
  if (!THERE.test(question) || previous.citedIds.length === 0 || questionType(previous.question) !== 'place') return [];
  const asked = new Set(contentTerms(previous.question));
  const places = [...previous.answer.matchAll(/\b(?:in|at)\s+((?:\p{Lu}[\p{L}'’-]+\s?)+)/gu)].map((m) => m[1]!.trim());
  return keyWords(places.join(' ')).filter((word) => !contentTerms(word).every((t) => hasTerm(asked, t)));
}

/**
 * "How many of them?" after "Which air defence system is India buying?" means the thing the
 * answer named: the words before the asked class's head noun in a grounded answer ("the
 * S-400 missile defense system"), back to the first stop word, those not asked.
 */
function answeredThing(question: string, previous: Turn): string[] {
  if (!THING_PRONOUN.test(question) || previous.citedIds.length === 0 || questionType(previous.question) !== 'other') return [];
  const head = categoryWords(previous.question).at(-1);
  if (head === undefined) return [];
  const asked = new Set(contentTerms(previous.question));
  const answered = surfaceWords(previous.answer.replace(/\[[^\]]*\]/g, ' '));
  const at = answered.findIndex((word) => sameWord(word, head));
  if (at < 0) return [];
  const modifiers: string[] = [];
  for (let i = at - 1; i >= Math.max(0, at - MAX_MODIFIERS) && !isStopWord(answered[i]!.toLowerCase()); i--) modifiers.unshift(answered[i]!);
  return keyWords(modifiers.join(' ')).filter((word) => !contentTerms(word).every((t) => hasTerm(asked, t)));
}

/**
 * The previous question's subject words as the previous (grounded) answer spells them, those
 * the answer holds first: "Genral Kayani" asked, "General Kayani" answered. A word is the
 * answer's when it is the same term or at most one edit (two for long words) away from it.
 */
function spelledAsAnswered(words: readonly string[], previous: Turn): string[] {
  if (previous.citedIds.length === 0) return [...words];
  const answered = surfaceWords(previous.answer.replace(/\[[^\]]*\]/g, ' '));
  const found: string[] = [];
  const missing: string[] = [];
  for (const word of words) {
    const match = answered.find((a) => sameWord(a, word));
    if (match) found.push(match);
    else missing.push(word);
  }
  return [...new Set([...found, ...missing])];
}

/** Same word up to inflection or a typo. */
function sameWord(a: string, b: string): boolean {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  if (x === y) return true;
  const terms = [contentTerms(x), contentTerms(y)];
  if (terms[0]!.length === 1 && terms[1]!.length === 1 && hasTerm(new Set(terms[0]), terms[1]![0]!)) return true;
  const allowed = Math.min(x.length, y.length) >= 8 ? 2 : Math.min(x.length, y.length) >= 4 ? 1 : 0;
  return allowed > 0 && editDistance(x, y, allowed) <= allowed;
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    if (Math.min(...next) > limit) return limit + 1;
    row = next;
  }
  return row[b.length]!;
}

/**
 * True when the question cannot be understood without the turn before it: it refers back
 * ("he", "there", "instead", "And …?") or names no subject of its own ("Why?", "Is that
 * true?", "What was the outcome?").
 */
export function leansOnHistory(question: string): boolean {
  if (keyWords(question).length === 0) return true;
  if (ANAPHORA.test(withoutOwnPossessives(question)) || THERE.test(question) || hasDemonstrativeNoun(question)) return true;
  // "And Lavrov?", "What about trade?" continue the previous question; "And who edits the Journal of America?" asks its own.
  return CONTINUATION.test(question) && !namesOwnSubject(question.replace(CONTINUATION, ''));
}

/**
 * A demonstrative determining a noun points back: "Which city hosted *that conference*?".
 * Told from the relative and complementiser "that" ("a setting that makes…", "said that
 * Russia…") by wink-nlp's tag of the next word.
 */
function hasDemonstrativeNoun(question: string): boolean {
  const tokens = readText(question).tokens;
  return tokens.some((t, i) => /^(this|that|these|those)$/i.test(t.text) && (tokens[i + 1]?.pos === 'NOUN' || (tokens[i + 1]?.pos === 'ADJ' && tokens[i + 2]?.pos === 'NOUN')));
}

/** Possessives after a name of the question itself point at that name: "When did Imran Khan announce *his* visit?". */
function withoutOwnPossessives(question: string): string {
  return question.replace(/\b(?:his|her|its|their)\b/gi, (pronoun, offset: number) => (ownNames(question.slice(0, offset)).length > 0 ? '' : pronoun));
}

/** A question with a name of its own and something it asks about it beyond the name ("And Lavrov?" has only the name). */
function namesOwnSubject(question: string): boolean {
  const names = ownNames(question);
  const nameTerms = new Set(contentTerms(names.join(' ')));
  return names.length > 0 && contentTerms(question).some((t) => !nameTerms.has(t));
}

/** The names and numbers of `text` (keyWords' leading part), without the sentence-initial capital. */
function ownNames(text: string): string[] {
  const first = surfaceWords(text)[0];
  return keyWords(text).filter((word) => /^\p{Lu}|\d/u.test(word) && word !== first);
}

/**
 * The words that carry a question's subject, in order, names first: capitalised words and
 * numbers ("General", "Kayani", "CASA-1000", "2012"), then other content words ("pipeline").
 */
export function keyWords(text: string): string[] {
  const names: string[] = [];
  const others: string[] = [];
  for (const word of surfaceWords(text)) {
    const lower = word.toLowerCase();
    // "Why", "What", "The" are capitalised only because they open the sentence.
    if (isStopWord(lower)) continue;
    if (/^\p{Lu}|\d/u.test(word)) names.push(word);
    else if (lower.length > 2 && !GENERIC.has(lower)) others.push(word);
  }
  return [...new Set([...names, ...others])];
}
