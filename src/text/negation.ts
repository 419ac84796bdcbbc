/**
 * Which words of a text are said under a negation and which are not: "Khan did
 * not sign the treaty" negates "sign the treaty". The scope is wink-nlp's
 * (`its.negationFlag`): from a negation cue — not, n't, never, no, without, … —
 * to the end of the clause. Words are lower-cased and accent-folded, as `words()`
 * gives them; a word may be in both lists when the text says it both ways.
 * @module
 */
import { foldText } from './tokenize.js';
import { wink } from './wink.js';

export interface Polarity {
  /** Words inside a negation's scope. */
  negated: string[];
  /** Every other word. */
  affirmed: string[];
}

export function wordPolarity(text: string): Polarity {
  const nlp = wink();
  const tokens = nlp.readDoc(text).tokens();
  const values = tokens.out(nlp.its.value) as string[];
  const polarity: Polarity = { negated: [], affirmed: [] };
  values.forEach((value, i) => {
    if (!/[\p{L}\p{N}]/u.test(value)) return;
    const negated = tokens.itemAt(i).out(nlp.its.negationFlag) as unknown as boolean;
    (negated ? polarity.negated : polarity.affirmed).push(foldText(value));
  });
  return polarity;
}
