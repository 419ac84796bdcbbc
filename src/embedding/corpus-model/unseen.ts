/**
 * How much of a corpus a fitted model's fit did not see: the share of word
 * tokens that its tokenizer turns into [UNK] or into a word folded in later
 * (fold.ts) — a word with a known stem, like "pipelines" → "pipeline" + "##s",
 * counts as seen. Ingest reuses the model of the previous build and refits
 * when this grows.
 * @module
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { libraryTokenizer } from './library-tokenizer.js';
import { UNK_TOKEN } from './tokenizer.js';
import { readCorpusModelInfo } from './write.js';
import { words } from './words.js';

export async function unseenWordRate(dir: string, texts: readonly string[]): Promise<number> {
  const read = async (name: string) => JSON.parse(await readFile(path.join(dir, name), 'utf8')) as Record<string, unknown>;
  const [json, config, info] = await Promise.all([read('tokenizer.json'), read('tokenizer_config.json'), readCorpusModelInfo(dir)]);
  const fitTokens = info.fitTokens ?? info.tokens;
  // The library's own WordPiece, so the answer is exactly what embedding will do.
  const { model } = libraryTokenizer(json, config);
  const seen = new Map<string, boolean>();
  let total = 0;
  let unseen = 0;
  for (const text of texts) {
    for (const word of words(text)) {
      let known = seen.get(word);
      if (known === undefined) {
        const pieces = model.encode([word]) as string[];
        known = !pieces.includes(UNK_TOKEN) && (model.convert_tokens_to_ids(pieces) as number[]).every((id) => id < fitTokens);
        seen.set(word, known);
      }
      total++;
      if (!known) unseen++;
    }
  }
  return total === 0 ? 0 : unseen / total;
}
