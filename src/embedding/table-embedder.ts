/**
 * A corpus model opened without an ONNX session. The model is nothing but an
 * embedding-table lookup (onnx-table.ts), so its token rows are read from the
 * table itself and pooled by the loop the session path uses (pooling.ts): the
 * same tokenizer, the same float32 rows added in the same order, hence the same
 * vectors bit for bit (test/unit/embedding/table-embedder.test.ts). The table
 * lives in a SharedArrayBuffer read once by the server, so its compute workers
 * share one copy instead of each loading the model into its own ONNX session
 * (tens of MB a thread at 100k chunks, and seconds to start).
 *
 * Only the table's first rows are held in memory: the vocabulary is numbered
 * most frequent first, so those rows carry nearly every token a text has. The
 * rarer words' rows (at 100k chunks some 55 MB of the table's 74) stay in
 * model.onnx and are read when a batch has one (io/section-reads.ts); a batch
 * that does gets its rows gathered into one array, the same floats added in the
 * same order.
 * @module
 */
import { openSections, readInto } from '../io/section-reads.js';
import type { CorpusModelData } from './corpus-model-data.js';
import type { Embedder } from './embedder.js';
import { libraryTokenizer } from './corpus-model/library-tokenizer.js';
import { inLengthBatches } from './pipeline.js';
import { poolRowsNormalized } from './pooling.js';

/**
 * Where each token's row is for pooling (`starts`, −1 for padding) and the array it is in: the
 * hot rows themselves when the batch has only frequent words, else every row it uses gathered.
 */
function batchRows(model: CorpusModelData, ids: BigInt64Array, mask: BigInt64Array): { values: Float32Array; starts: Int32Array } {
  const { dims, hot } = model;
  const hotCount = hot.length / dims;
  const starts = new Int32Array(ids.length);
  let cold = false;
  for (let i = 0; i < starts.length; i++) {
    const id = Number(ids[i]);
    starts[i] = mask[i] === 0n ? -1 : id * dims;
    cold ||= mask[i] !== 0n && id >= hotCount;
  }
  if (!cold) return { values: hot, starts };
  const slots = new Map<number, number>();
  for (const at of starts) if (at >= 0 && !slots.has(at)) slots.set(at, slots.size * dims);
  const values = new Float32Array(slots.size * dims);
  const bytes = new Uint8Array(values.buffer);
  for (const [at, slot] of slots) {
    if (at < hot.length) values.set(hot.subarray(at, at + dims), slot);
    else readInto(model, model.rest, (at - hot.length) * 4, (at - hot.length + dims) * 4, bytes.subarray(slot * 4, (slot + dims) * 4));
  }
  for (let i = 0; i < starts.length; i++) if (starts[i]! >= 0) starts[i] = slots.get(starts[i]!)!;
  return { values, starts };
}

/** The embedder of a corpus model read by readCorpusModelData (corpus-model-data.ts). */
export function openTableEmbedder(model: CorpusModelData, o: { batchSize: number }): Embedder {
  const tokenizer = libraryTokenizer(JSON.parse(model.tokenizer) as Record<string, unknown>, JSON.parse(model.tokenizerConfig) as Record<string, unknown>);
  const { dims } = model;
  // Opened now, while the build is current: a later ingest may prune it.
  if (model.rest.byteLength > 0) openSections(model, model.rest.file);
  const embedBatch = (texts: string[]): Float32Array[] => {
    // As the feature-extraction pipeline tokenizes (pipeline.ts): padded to the batch's longest, truncated at the model's length.
    const inputs = tokenizer(texts, { padding: true, truncation: true });
    const [rows = 0, seq = 0] = inputs.input_ids.dims as number[];
    const { values, starts } = batchRows(model, inputs.input_ids.data as BigInt64Array, inputs.attention_mask.data as BigInt64Array);
    return poolRowsNormalized(values, starts, rows, seq, dims);
  };
  return { kind: 'corpus', modelId: model.modelId, dims, embed: (texts) => inLengthBatches(texts, o.batchSize, embedBatch) };
}
