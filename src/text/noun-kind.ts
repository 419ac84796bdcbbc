/**
 * The kind of thing a common noun names, from WordNet: "city" → place, "minister" →
 * person, "year" → date, "company" → organization. Question analysis reads the asked-for
 * class with it ("which city"), entity recognition the head of a name ("… Commission").
 * @module
 */
import { lemma } from './lemma.js';
import { isWord, nounSenses, type NounSense } from './wordnet.js';

export type NounKind = 'person' | 'place' | 'organization' | 'date' | 'number' | 'money' | 'percent' | 'ordinal' | 'reason';

/**
 * The answer kind of a class noun, from its first WordNet sense that has one ("capital":
 * assets, wealth, then a seat of government → place). A nation is both an organisation
 * and a territory ("country", "state"); asked for, its name is a place.
 */
export function focusKind(noun: string): NounKind | undefined {
  const kinds = nounSenses(noun, 3).map((sense) => senseKind(noun, sense));
  const kind = kinds.find(Boolean);
  return kind === 'organization' && kinds.includes('place') ? 'place' : kind;
}

/**
 * The kind of the noun phrase `words` (lower case, head last), read as the longest
 * compound WordNet knows that ends at the head: "power plants" is a "power plant" (a
 * building), not a "plant" (which may be a person).
 */
export function phraseKind(words: readonly string[]): NounKind | undefined {
  const head = words.at(-1);
  if (!head) return undefined;
  const base = lemma(head, 'noun');
  for (let i = 0; i < words.length - 1; i++) {
    const compound = [...words.slice(i, -1), base].join(' ');
    if (isWord(compound, 'noun')) return focusKind(compound);
  }
  return focusKind(base);
}

/**
 * WordNet's top classes for each kind: lexicographer files (lexnames(5WN)) and the
 * hypernyms (is-a ancestors) of WordNet's noun hierarchy that name them.
 */
function senseKind(noun: string, { lexname, ancestors }: NounSense): NounKind | undefined {
  const is = (word: string): boolean => noun === word || ancestors.has(word);
  if (is('percentage') || is('percent')) return 'percent';
  if (is('monetary value') || is('money') || is('cost') || is('sum')) return 'money';
  if (is('rank') || is('ordinal number')) return 'ordinal';
  if (lexname === 'noun.person') return 'person';
  // Every person is a "causal agent" in WordNet, so "cause" counts as the word itself only.
  if (lexname === 'noun.motive' || noun === 'cause') return 'reason';
  if (lexname === 'noun.location' || is('location')) return 'place';
  if (lexname === 'noun.time' || is('time period') || is('time unit')) return 'date';
  if (is('organization')) return 'organization';
  if (lexname === 'noun.quantity' || is('measure')) return 'number';
  return undefined;
}
