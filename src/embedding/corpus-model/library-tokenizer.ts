/**
 * transformers.js's own tokenizer over the corpus model's tokenizer files
 * (tokenizer.ts writes them). Apart from tokenizer.ts so that reading or
 * writing those files does not load transformers.js (some 40 MB and half a
 * second a thread: a server's main thread, which never embeds, does not).
 * @module
 */
import { BertTokenizer } from '@xenova/transformers';

/** transformers.js's own tokenizer for these files, built in memory (no model load, no global `env`). */
export function libraryTokenizer(json: Record<string, unknown>, config: Record<string, unknown>): BertTokenizer {
  return new BertTokenizer(json, config);
}
