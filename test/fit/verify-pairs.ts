/**
 * Sentence/chunk pairs for fitting and checking the support verifier, made
 * deterministically from a QA set's evidence sentences and the chunks holding
 * them. Supported: the evidence as written, with one or two words swapped for
 * WordNet synonyms, or cut to its longest clause. Unsupported: a number changed,
 * a name swapped for one from another article, a word swapped for its WordNet
 * antonym, the sentence negated (or its negation dropped), or the true sentence cited to the chunk next to its own, or to a
 * chunk of another article. Nothing here is written to the repository.
 * @module
 */
import { seededRandom } from '../../src/embedding/corpus-model/random.js';
import { findValues } from '../../src/text/entities.js';
import { isStopWord } from '../../src/text/tokenize.js';
import { antonyms, synonyms } from '../../src/text/wordnet.js';
import type { Chunk } from '../../src/types.js';

export type PairKind = 'verbatim' | 'synonyms' | 'clause' | 'number' | 'name' | 'antonym' | 'negation' | 'neighbour' | 'other-article';
export const SUPPORTED_KINDS: ReadonlySet<PairKind> = new Set(['verbatim', 'synonyms', 'clause']);

export interface Pair {
  kind: PairKind;
  doc: string;
  claim: string;
  chunk: Chunk;
}

export interface EvidenceItem {
  id: string;
  doc: string;
  evidence: string;
}

/** Words of a clause kept on its own: shorter pieces are rarely a claim. */
const MIN_CLAUSE_WORDS = 6;

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

export function makePairs(items: readonly EvidenceItem[], chunksByDoc: ReadonlyMap<string, Chunk[]>, seed = 11): Pair[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];
  const namesByDoc = collectNames(items);
  const pairs: Pair[] = [];
  for (const item of items) {
    const chunks = chunksByDoc.get(item.doc) ?? [];
    const claim = squash(item.evidence);
    const home = chunks.find((c) => squash(c.text).includes(claim));
    if (!home) continue;
    const add = (kind: PairKind, text: string | undefined, chunk: Chunk = home) => {
      if (text && text !== claim) pairs.push({ kind, doc: item.doc, claim: text, chunk });
    };
    pairs.push({ kind: 'verbatim', doc: item.doc, claim, chunk: home });
    add('synonyms', swapSynonyms(claim, pick));
    add('clause', longestClause(claim));
    add('number', changeNumber(claim, squash(home.text), pick));
    add('name', swapName(claim, squash(home.text), [...namesByDoc].filter(([doc]) => doc !== item.doc).flatMap(([, names]) => names), pick));
    add('antonym', swapAntonym(claim, squash(home.text)));
    add('negation', flipNegation(claim));
    const neighbour = pick(chunks.filter((c) => Math.abs(c.n - home.n) === 1 && !squash(c.text).includes(claim)));
    if (neighbour) pairs.push({ kind: 'neighbour', doc: item.doc, claim, chunk: neighbour });
    const elsewhere = pick([...chunksByDoc].filter(([doc]) => doc !== item.doc).flatMap(([, list]) => list));
    if (elsewhere) pairs.push({ kind: 'other-article', doc: item.doc, claim, chunk: elsewhere });
  }
  return pairs;
}

/** One or two content words replaced by a one-word WordNet synonym. */
function swapSynonyms(claim: string, pick: <T>(list: readonly T[]) => T | undefined): string | undefined {
  const words = claim.split(' ');
  const candidates = words
    .map((word, i) => ({ i, bare: word.replace(/[^\p{L}]/gu, '') }))
    .filter(({ bare }) => bare.length > 3 && /^\p{Ll}+$/u.test(bare) && !isStopWord(bare));
  let swapped = 0;
  for (const { i, bare } of candidates) {
    if (swapped === 2) break;
    const replacement = pick([...synonyms(bare)].filter((s) => /^\p{Ll}+$/u.test(s)).sort());
    if (!replacement) continue;
    words[i] = words[i]!.replace(bare, replacement);
    swapped++;
  }
  return swapped > 0 ? words.join(' ') : undefined;
}

/** The longest comma- or semicolon-separated piece, when it is a clause of its own. */
function longestClause(claim: string): string | undefined {
  const pieces = claim.split(/[,;]\s+/).map((p) => p.trim());
  if (pieces.length < 2) return undefined;
  const longest = pieces.reduce((a, b) => (b.split(' ').length > a.split(' ').length ? b : a));
  return longest.split(' ').length >= MIN_CLAUSE_WORDS ? longest : undefined;
}

/** A number of the claim changed to one the chunk does not hold (a year moved, a count shifted). */
function changeNumber(claim: string, chunk: string, pick: <T>(list: readonly T[]) => T | undefined): string | undefined {
  const numbers = [...claim.matchAll(/\b\d+\b/g)];
  const target = pick(numbers);
  if (!target) return undefined;
  const value = Number(target[0]);
  for (const delta of [1, 2, 3, 7, 11]) {
    const changed = String(value + delta);
    if (!new RegExp(`\\b${changed}\\b`).test(chunk)) return `${claim.slice(0, target.index)}${changed}${claim.slice(target.index + target[0].length)}`;
  }
  return undefined;
}

/** A person, place or organisation of the claim replaced by a name of the same kind from another article. */
function swapName(claim: string, chunk: string, others: readonly { kind: string; text: string }[], pick: <T>(list: readonly T[]) => T | undefined): string | undefined {
  const names = findValues(claim).filter((v) => v.kind === 'person' || v.kind === 'place' || v.kind === 'organization');
  const target = pick(names);
  if (!target) return undefined;
  const replacement = pick(others.filter((o) => o.kind === target.kind && !chunk.includes(o.text) && !claim.includes(o.text)));
  return replacement && `${claim.slice(0, target.start)}${replacement.text}${claim.slice(target.end)}`;
}

/** The first word with a one-word WordNet antonym that the chunk does not contain, replaced by it. */
function swapAntonym(claim: string, chunk: string): string | undefined {
  const lowerChunk = chunk.toLowerCase();
  const words = claim.split(' ');
  for (const [i, word] of words.entries()) {
    const bare = word.replace(/[^\p{L}]/gu, '');
    if (bare.length < 3 || !/^\p{Ll}+$/u.test(bare) || isStopWord(bare)) continue;
    const opposite = [...antonyms(bare)].filter((a) => /^\p{Ll}+$/u.test(a) && !lowerChunk.includes(a)).sort()[0];
    if (!opposite) continue;
    words[i] = word.replace(bare, opposite);
    return words.join(' ');
  }
  return undefined;
}

/** English auxiliaries and modals, which take "not" after them ("was built" → "was not built"). */
const AUXILIARY = /\b(is|are|was|were|has|have|had|will|would|can|could|may|might|should|must)\s+(?!not\b|n't\b)(?=\p{L})/iu;
/** A negation written into the sentence: "not", "never" or "n't" after an auxiliary. */
const NEGATION = /\s+(?:not|never)\b|n't\b/i;

/** The claim said the other way: its negation dropped when it has one, else "not" after its first auxiliary. */
function flipNegation(claim: string): string | undefined {
  if (NEGATION.test(claim)) return claim.replace(NEGATION, '');
  const aux = AUXILIARY.exec(claim);
  return aux ? `${claim.slice(0, aux.index)}${aux[1]} not ${claim.slice(aux.index + aux[0].length)}` : undefined;
}

function collectNames(items: readonly EvidenceItem[]): Map<string, { kind: string; text: string }[]> {
  const byDoc = new Map<string, { kind: string; text: string }[]>();
  for (const item of items) {
    const names = findValues(item.evidence).filter((v) => v.kind === 'person' || v.kind === 'place' || v.kind === 'organization');
    byDoc.set(item.doc, [...(byDoc.get(item.doc) ?? []), ...names.map(({ kind, text }) => ({ kind, text }))]);
  }
  return byDoc;
}
