/**
 * The sparse word × context matrix and the two products the SVD needs.
 * A corpus of 5,000 chunks has ~30k words and tens of thousands of contexts:
 * dense, that is billions of cells; in CSR it is about one entry per token.
 * @module
 */
import type { Dense } from './dense.js';

/** Compressed sparse rows: row r's entries are `colIdx/values[rowPtr[r] .. rowPtr[r + 1])`. */
export interface Csr {
  readonly rows: number;
  readonly cols: number;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly values: Float64Array;
}

/** Builds a CSR matrix row by row, in flat arrays (no per-row objects kept). */
export function createCsrBuilder(cols: number): { addRow(entries: ReadonlyMap<number, number>): void; build(): Csr } {
  const rowPtr = [0];
  const colIdx: number[] = [];
  const values: number[] = [];
  return {
    addRow(entries) {
      for (const [col, value] of [...entries].sort((a, b) => a[0] - b[0])) {
        colIdx.push(col);
        values.push(value);
      }
      rowPtr.push(colIdx.length);
    },
    build: () => ({ rows: rowPtr.length - 1, cols, rowPtr: Int32Array.from(rowPtr), colIdx: Int32Array.from(colIdx), values: Float64Array.from(values) }),
  };
}

export function transpose(a: Csr): Csr {
  const rowPtr = new Int32Array(a.cols + 1);
  for (let k = 0; k < a.colIdx.length; k++) rowPtr[a.colIdx[k]! + 1]! += 1;
  for (let c = 0; c < a.cols; c++) rowPtr[c + 1]! += rowPtr[c]!;
  const next = rowPtr.slice(0, a.cols);
  const colIdx = new Int32Array(a.colIdx.length);
  const values = new Float64Array(a.values.length);
  for (let r = 0; r < a.rows; r++) {
    for (let k = a.rowPtr[r]!; k < a.rowPtr[r + 1]!; k++) {
      const at = next[a.colIdx[k]!]!++;
      colIdx[at] = r;
      values[at] = a.values[k]!;
    }
  }
  return { rows: a.cols, cols: a.rows, rowPtr, colIdx, values };
}

/** A · X for dense X (a.cols × n): one pass over the nonzeros, each adding a row of X. */
export function multiply(a: Csr, x: Dense): Dense {
  return sparseTimesDense(a, x, false);
}

/** Aᵀ · X for dense X (a.rows × n), without materialising Aᵀ. */
export function multiplyTransposed(a: Csr, x: Dense): Dense {
  return sparseTimesDense(a, x, true);
}

/** The nonzero a[r][c] adds v·X[c] to out[r], or, transposed, v·X[r] to out[c]. */
function sparseTimesDense(a: Csr, x: Dense, transposed: boolean): Dense {
  const [inner, outer] = transposed ? [a.rows, a.cols] : [a.cols, a.rows];
  if (x.rows !== inner) throw new RangeError(`cannot multiply ${a.rows}×${a.cols}${transposed ? 'ᵀ' : ''} by ${x.rows}×${x.cols}`);
  const n = x.cols;
  const out = new Float64Array(outer * n);
  const { rowPtr, colIdx, values } = a;
  const xs = x.data;
  for (let r = 0; r < a.rows; r++) {
    for (let k = rowPtr[r]!; k < rowPtr[r + 1]!; k++) {
      const v = values[k]!;
      const c = colIdx[k]!;
      const from = (transposed ? r : c) * n;
      const to = (transposed ? c : r) * n;
      for (let j = 0; j < n; j++) out[to + j]! += v * xs[from + j]!;
    }
  }
  return { rows: outer, cols: n, data: out };
}

/** AᵀA (a.cols × a.cols) from the pairs of nonzeros in each row: for the exact SVD of small matrices. */
export function gramOfColumns(a: Csr): Dense {
  const n = a.cols;
  const out = new Float64Array(n * n);
  const { rowPtr, colIdx, values } = a;
  for (let r = 0; r < a.rows; r++) {
    const end = rowPtr[r + 1]!;
    for (let p = rowPtr[r]!; p < end; p++) {
      const o = colIdx[p]! * n;
      const v = values[p]!;
      for (let q = p; q < end; q++) out[o + colIdx[q]!]! += v * values[q]!;
    }
  }
  // Columns are sorted within a row, so only the upper triangle was filled.
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[j * n + i] = out[i * n + j]!;
  return { rows: n, cols: n, data: out };
}
