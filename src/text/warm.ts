/**
 * Loads the NLP resources that text analysis reads lazily (the wink English model,
 * WordNet's index files, the lemmatiser's tables) ahead of the first question, so a
 * server that says it is listening answers its first question as fast as its tenth.
 * @module
 */
import { analyseText } from './analysis.js';
import { analyseQuestion } from './question.js';
import { antonyms, derivations, synonyms } from './wordnet.js';

// A question and a sentence that between them touch every lazily loaded resource:
// the tagger and entity recogniser, lemmas, and each of WordNet's relations.
const QUESTION = 'Who arrived in Paris in the 1270s, and why did the price rise by 12.4%?';
const SENTENCE = 'On 3 May 1999 the treasurer, J. R. Smith, paid $5 million: prices fell by 12.4 percent.';

export function warmTextAnalysis(): void {
  analyseQuestion(QUESTION);
  analyseText(SENTENCE);
  synonyms('arrive');
  antonyms('rise');
  derivations('arrival');
}
