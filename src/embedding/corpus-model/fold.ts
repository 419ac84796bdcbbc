/**
 * Folding new words into a fitted corpus model (LSA folding-in, Deerwester et
 * al., 1990; Berry, Dumais & O'Brien, 1995): a word the model has no vector for
 * gets one from the contexts it occurs in — the mean direction of those
 * contexts' vectors, made from the words the model already knows, scaled by the
 * word's IDF like every fitted row. Existing rows are not touched, so every
 * vector the model made before stays valid and unchanged chunks keep theirs; a
 * small addition to the corpus embeds only its own chunks, yet its new words
 * still count. (A refit instead re-derives every row from the whole corpus.)
 * @module
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeEmbeddingTableModel } from '../onnx-table.js';
import { MIN_WINDOW, smoothIdf, windows } from './matrix.js';
import { libraryTokenizer } from './library-tokenizer.js';
import { UNK_TOKEN } from './tokenizer.js';
import { readCorpusModelInfo, writeCorpusModel, ONNX_FILE } from './write.js';
import { words } from './words.js';

/** Contexts as in a small fit: half-overlapping windows of MIN_WINDOW words. */
const CONTEXT = { window: MIN_WINDOW, stride: MIN_WINDOW / 2 };

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
  const sums = new Map<string, Float64Array>();
  const df = new Map<string, number>();
  const context = new Float64Array(dims);
  for (const text of texts) {
    const list = words(text);
    const fresh = new Set(list.filter((word) => idsOf(word) === null));
    for (const word of fresh) df.set(word, (df.get(word) ?? 0) + 1);
    if (fresh.size === 0) continue;
    for (const [from, to] of windows(list.length, CONTEXT)) {
      context.fill(0);
      for (let i = from; i < to; i++) for (const id of idsOf(list[i]!) ?? []) for (let j = 0; j < dims; j++) context[j]! += table[id * dims + j]!;
      const length = Math.hypot(...context);
      if (length === 0) continue;
      for (let i = from; i < to; i++) {
        if (!fresh.has(list[i]!)) continue;
        const sum = sums.get(list[i]!) ?? new Float64Array(dims);
        for (let j = 0; j < dims; j++) sum[j]! += context[j]! / length;
        sums.set(list[i]!, sum);
      }
    }
  }
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
