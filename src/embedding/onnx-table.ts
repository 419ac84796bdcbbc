/**
 * Writes an ONNX graph that is nothing but an embedding-table lookup:
 * `input_ids [batch, seq] → Gather(table) → last_hidden_state [batch, seq, dim]`.
 *
 * transformers.js runs such a graph exactly like a transformer encoder, so the
 * feature-extraction pipeline (tokenise → run → mean-pool with the attention
 * mask → normalise) works unchanged for the corpus model Quire fits itself and
 * for the tiny BERT-shaped models the tests generate.
 * @module
 */
// onnx-proto is CommonJS; its named export is only reachable through the default import under ESM.
import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';
import { locateTable, type TableLocation } from './table-locate.js';

const { onnx } = onnxProto;

export interface EmbeddingTableGraph {
  /** Row-major `[rows, dims]` token vectors. */
  table: Float32Array;
  rows: number;
  dims: number;
  /**
   * Extra int64 inputs the graph accepts but ignores (e.g. `attention_mask`,
   * `token_type_ids` to look like BERT). transformers.js feeds every input a
   * session declares, so declaring them makes the graph BERT-shaped.
   * @default []
   */
  ignoredInputs?: readonly string[];
}

const OPSET = 13;
const IR_VERSION = 8;

export function encodeEmbeddingTableModel({ table, rows, dims, ignoredInputs = [] }: EmbeddingTableGraph): Uint8Array {
  if (table.length !== rows * dims) {
    throw new RangeError(`table has ${table.length} values, expected rows × dims = ${rows * dims}`);
  }
  const int64Input = (name: string): OnnxTypes.IValueInfoProto => ({
    name,
    type: { tensorType: { elemType: onnx.TensorProto.DataType.INT64, shape: { dim: [{ dimParam: 'batch' }, { dimParam: 'sequence' }] } } },
  });
  const graph: OnnxTypes.IGraphProto = {
    name: 'embedding_table',
    initializer: [
      {
        name: 'table',
        dataType: onnx.TensorProto.DataType.FLOAT,
        dims: [rows, dims],
        // raw_data is little-endian, which is what Float32Array holds on every platform Node runs on.
        rawData: new Uint8Array(table.buffer, table.byteOffset, table.byteLength),
      },
    ],
    node: [{ opType: 'Gather', input: ['table', 'input_ids'], output: ['last_hidden_state'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] }],
    input: [int64Input('input_ids'), ...ignoredInputs.map(int64Input)],
    output: [
      {
        name: 'last_hidden_state',
        type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimParam: 'batch' }, { dimParam: 'sequence' }, { dimValue: dims }] } } },
      },
    ],
  };
  const model: OnnxTypes.IModelProto = { irVersion: IR_VERSION, producerName: 'quire', opsetImport: [{ domain: '', version: OPSET }], graph };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

/** Where the table of a graph written by `encodeEmbeddingTableModel` is: its byte offset in `bytes`, its shape. */
export const locateEmbeddingTable = (bytes: Uint8Array): TableLocation =>
  locateTable({ size: bytes.length, read: (at, length) => bytes.subarray(at, at + length) });

/**
 * The table of a graph written by `encodeEmbeddingTableModel`, copied out (its
 * offset need not be 4-byte aligned) into the buffer `allocate` gives.
 */
export function decodeEmbeddingTableModel(
  bytes: Uint8Array,
  allocate: (byteLength: number) => ArrayBuffer | SharedArrayBuffer = (n) => new ArrayBuffer(n),
): { table: Float32Array; rows: number; dims: number } {
  const { offset, rows, dims } = locateEmbeddingTable(bytes);
  const buffer = allocate(rows * dims * 4);
  new Uint8Array(buffer).set(bytes.subarray(offset, offset + rows * dims * 4));
  return { table: new Float32Array(buffer), rows, dims };
}
