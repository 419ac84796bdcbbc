/**
 * Mean pooling and L2 normalisation of a model's token outputs, in one pass
 * over the output tensor's data. transformers.js's own `mean_pooling` reads
 * every element through the tensor's Proxy, converts the BigInt mask element by
 * element and walks memory dimensions-outer, padding included: 92 % of the
 * corpus model's embedding time. This loop reads each token's row once, in
 * memory order, and skips padding.
 * @module
 */

/**
 * `hidden` is `[rows, seq, dims]` row-major, `mask` is `[rows, seq]` (1 = a real
 * token, 0 = padding). One unit vector per row, the L2-normalised mean of its masked token
 * rows; a row whose mean is zero (no token with a vector) gets the zero vector.
 */
export function meanPoolNormalized(hidden: Float32Array, mask: Uint8Array, rows: number, seq: number, dims: number): Float32Array[] {
  const starts = new Int32Array(rows * seq);
  for (let i = 0; i < starts.length; i++) starts[i] = mask[i] === 0 ? -1 : i * dims;
  return poolRowsNormalized(hidden, starts, rows, seq, dims);
}

/**
 * The same pooling over token rows anywhere in `values`: `starts[r * seq + t]` is
 * where the row of text r's token t starts, −1 for padding. An embedding-table
 * model's rows are read from the table itself (table-embedder.ts), the same
 * floats its ONNX graph would have copied out, added in the same order.
 */
export function poolRowsNormalized(values: Float32Array, starts: Int32Array, rows: number, seq: number, dims: number): Float32Array[] {
  const out: Float32Array[] = [];
  const sum = new Float64Array(dims);
  for (let r = 0; r < rows; r++) {
    sum.fill(0);
    for (let t = 0; t < seq; t++) {
      const at = starts[r * seq + t]!;
      if (at < 0) continue;
      for (let j = 0; j < dims; j++) sum[j]! += values[at + j]!;
    }
    // The mean's 1/count cancels in the normalisation, so the sum is normalised directly.
    let squares = 0;
    for (let j = 0; j < dims; j++) squares += sum[j]! * sum[j]!;
    const vector = new Float32Array(dims);
    if (squares > 0) {
      const scale = 1 / Math.sqrt(squares);
      for (let j = 0; j < dims; j++) vector[j] = sum[j]! * scale;
    }
    out.push(vector);
  }
  return out;
}
