/**
 * What answering reads in a sentence besides its terms — the lemmas of its words and the
 * values it holds (dates, numbers, money, percentages, durations, ordinals) — remembered
 * per sentence (bounded, oldest out first): the sentences of a loaded index come back with
 * every question about them, so a warm `/ask` analyses little more than the question.
 * @module
 */
import { findValues, type FoundValue } from '../text/entities.js';
import { lemmas } from '../text/lemma.js';
import { isStopWord, words } from '../text/tokenize.js';
import { synonyms } from '../text/wordnet.js';

export interface SentenceAnalysis {
  /** Every lemma any word of the sentence may have ("rose" → rose, rise). */
  lemmas: ReadonlySet<string>;
  /**
   * WordNet synonyms of its words (single words), and the verb of each phrasal-verb synonym:
   * "dispatched" → …, "send" (from "send off"). What a question word may be said with here.
   */
  related: ReadonlySet<string>;
  /** Values found by wink-nlp's English model (names are left to the answer-kind heuristics: ≈ 4× slower). */
  values: readonly FoundValue[];
}

/** English particles that make a verb phrasal ("send off", "carry out", "set up"): a closed class. */
const PARTICLE = /^(off|out|up|down|away|in|on|over|back|through|along|about|around)$/;

const MAX_ENTRIES = 50_000;
const known = new Map<string, SentenceAnalysis>();

export function analyseSentence(text: string): SentenceAnalysis {
  let analysis = known.get(text);
  if (analysis === undefined) {
    analysis = { lemmas: lemmasOf(text), related: relatedOf(text), values: findValues(text, { names: false }) };
    if (known.size >= MAX_ENTRIES) known.delete(known.keys().next().value!);
    known.set(text, analysis);
  }
  return analysis;
}

function relatedOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of words(text)) {
    if (isStopWord(word) || /\d/.test(word)) continue;
    for (const synonym of synonyms(word.replace(/'s$/, ''))) {
      const parts = synonym.split(' ');
      if (parts.length === 1) out.add(synonym);
      else if (parts.length === 2 && PARTICLE.test(parts[1]!)) out.add(parts[0]!);
    }
  }
  return out;
}

/** The lemmas of every word of `text`. */
function lemmasOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of words(text)) for (const l of lemmas(word.replace(/'s$/, ''))) out.add(l);
  return out;
}
