/**
 * Loads the NLP resources that answering a question reads lazily (the wink English model,
 * WordNet's index files, the lemmatiser's tables) ahead of the first question, so a
 * server that says it is listening answers its first question as fast as its tenth.
 * Not compromise's lexicon of names: names are found at ingest (the stored analyses hold
 * them), and loading it would cost every compute worker ≈ 75 MB for nothing.
 * @module
 */
import { findValues } from './entities.js';
import { analyseQuestion } from './question.js';
import { antonyms, derivations, synonyms } from './wordnet.js';

// A question and a sentence that between them touch every resource answering loads lazily:
// the tagger and value recogniser, lemmas, and each of WordNet's relations.
const QUESTION = 'Who arrived in Paris in the 1270s, and why did the price rise by 12.4%?';
const SENTENCE = 'On 3 May 1999 the treasurer, J. R. Smith, paid $5 million: prices fell by 12.4 percent.';

export function warmTextAnalysis(): void {
  analyseQuestion(QUESTION);
  findValues(SENTENCE, { names: false });
  synonyms('arrive');
  antonyms('rise');
  derivations('arrival');
}
