/**
 * The one wink-nlp pipeline (English "lite web" model: tokens, parts of speech, lemmas,
 * value entities) shared by the text primitives, built on first use, and its tokens with
 * exact character offsets into the text read.
 * @module
 */
import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

let pipeline: WinkMethods | undefined;

/** The wink-nlp instance, created once (about a hundred milliseconds). */
export function wink(): WinkMethods {
  pipeline ??= winkNLP(model);
  return pipeline;
}

export interface WinkToken {
  /** The token as written. */
  text: string;
  start: number;
  end: number;
  /** Universal Dependencies part-of-speech tag ("NOUN", "VERB", "PROPN", "NUM", …). */
  pos: string;
  /** Lower-case lemma in the token's part of speech ("rose" as a verb → "rise"). */
  lemma: string;
}

export interface WinkReading {
  tokens: WinkToken[];
  /** Value entities as wink types them ("DATE", "CARDINAL", "MONEY", …), as token index ranges [first, last]. */
  entities: { type: string; first: number; last: number }[];
}

/** Reads `text` once: tokens with offsets, parts of speech and lemmas, and wink's value entities. */
export function readText(text: string): WinkReading {
  const nlp = wink();
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  // The model's lemmatiser addon is typed loosely by wink; it returns a string per token.
  const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value) as string[];
  const tokens: WinkToken[] = [];
  let cursor = 0;
  values.forEach((value, i) => {
    // Tokens are the text's own characters in order; a contraction part ("n't") is too.
    const found = text.indexOf(value, cursor);
    const start = found >= 0 ? found : cursor;
    const end = found >= 0 ? start + value.length : cursor;
    cursor = end;
    tokens.push({ text: text.slice(start, end), start, end, pos: pos[i] ?? 'X', lemma: (lemmas[i] ?? value).toLowerCase() });
  });
  const details = doc.entities().out(its.detail) as unknown as { type: string }[];
  const spans = doc.entities().out(its.span) as unknown as [number, number][];
  const entities = spans.map(([first, last], i) => ({ type: details[i]?.type ?? '', first, last }));
  return { tokens, entities };
}
