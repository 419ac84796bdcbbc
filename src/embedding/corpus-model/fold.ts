/**
 * Folding new words into a fitted corpus model (LSA folding-in, folding.ts): a
 * word the model has no vector for gets one from the contexts it occurs in — the
 * mean direction of those contexts' vectors, made from the words the model
 * already knows, scaled by the word's IDF like every fitted row. Existing rows
 * are not touched, so every vector the model made before stays valid and unchanged chunks keep theirs; a
 * small addition to the corpus embeds only its own chunks, yet its new words
 * still count. (A refit instead re-derives every row from the whole corpus.)
 * @module
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeEmbeddingTableModel } from '../onnx-table.js';
import { foldedDirections } from './folding.js';
import { smoothIdf } from './matrix.js';
import { libraryTokenizer } from './library-tokenizer.js';
import { UNK_TOKEN } from './tokenizer.js';
import { readCorpusModelInfo, writeCorpusModel, ONNX_FILE } from './write.js';
import { wordsOf } from './words.js';

/**
 * Adds a row for every word of `texts` that the model in `dir` reads as [UNK]
 * and that shares a context with a known word; rewrites the model in place.
 * Returns how many words were folded in.
 */
export async function foldInWords(dir: string, texts: readonly string[]): Promise<number> {
  const read = async (name: string) => JSON.parse(await readFile(path.join(dir, name), 'utf8')) as Record<string, unknown>;
  const [json, config, info] = await Promise.all([read('tokenizer.json'), read('tokenizer_config.json'), readCorpusModelInfo(dir)]);
  const { model } = libraryTokenizer(json, config);
  const { table, rows, dims } = decodeEmbeddingTableModel(await readFile(path.join(dir, ONNX_FILE)));

  // Each distinct word once: its known token ids, or null when it is new.
  const known = new Map<string, number[] | null>();
  const idsOf = (word: string) => {
    let ids = known.get(word);
    if (ids === undefined) {
      const pieces = model.encode([word]) as string[];
      ids = pieces.includes(UNK_TOKEN) ? null : (model.convert_tokens_to_ids(pieces) as number[]);
      known.set(word, ids);
    }
    return ids;
  };
  const { sums, df } = foldedDirections(wordsOf(texts), idsOf, table, dims);
  if (sums.size === 0) return 0;

  const tokens = Object.entries((json.model as { vocab: Record<string, number> }).vocab)
    .sort((a, b) => a[1] - b[1])
    .map(([token]) => token);
  // Deterministic order: the same texts fold in the same rows.
  const added = [...sums.keys()].sort();
  const extended = new Float32Array((rows + added.length) * dims);
  extended.set(table);
  added.forEach((word, k) => {
    const sum = sums.get(word)!;
    const scale = smoothIdf(texts.length, df.get(word)!) / Math.hypot(...sum);
    for (let j = 0; j < dims; j++) extended[(rows + k) * dims + j] = sum[j]! * scale;
  });
  await writeCorpusModel(
    dir,
    { tokens: [...tokens, ...added], table: extended, dims, vocabularySize: info.vocabularySize + added.length, texts: info.texts, contexts: info.contexts, svd: info.svd },
    { modelId: info.modelId, fittedAt: info.fittedAt, fitTokens: info.fitTokens ?? info.tokens },
  );
  return added.length;
}
