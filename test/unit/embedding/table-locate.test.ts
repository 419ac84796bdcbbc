/**
 * Finding the corpus model's table by walking the graph's protobuf fields
 * (table-locate.ts): the same place and shape as decoding the whole graph with
 * onnx-proto, whatever else the graph holds; only the small fields' bytes are
 * read; a graph that is not one is refused.
 */
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { encodeEmbeddingTableModel, locateEmbeddingTable } from '../../../src/embedding/onnx-table.js';
import { locateTable, type ByteSource } from '../../../src/embedding/table-locate.js';

const { onnx } = onnxProto;

const table = (rows: number, dims: number) => Float32Array.from({ length: rows * dims }, (_, i) => Math.sin(i));

/** What onnx-proto's full decode says: the table's offset in `bytes` and its shape. */
function decoded(bytes: Uint8Array) {
  const initializer = onnx.ModelProto.decode(bytes).graph!.initializer!.find((tensor) => tensor.name === 'table')!;
  return { offset: initializer.rawData!.byteOffset - bytes.byteOffset, rows: Number(initializer.dims![0]), dims: Number(initializer.dims![1]) };
}

/** A source over `bytes` that counts the bytes read from it. */
function counted(bytes: Uint8Array): ByteSource & { bytesRead: number } {
  const source = { size: bytes.length, bytesRead: 0, read: (at: number, length: number) => ((source.bytesRead += length), bytes.slice(at, at + length)) };
  return source;
}

describe('locateTable', () => {
  it.each([
    [3, 2, []],
    [500, 64, ['attention_mask', 'token_type_ids']],
  ] as const)('finds a %i × %i table where decoding the graph does (ignored inputs: %j)', (rows, dims, ignoredInputs) => {
    const bytes = encodeEmbeddingTableModel({ table: table(rows, dims), rows, dims, ignoredInputs });
    expect(locateEmbeddingTable(bytes)).toEqual(decoded(bytes));
    const { offset } = locateEmbeddingTable(bytes);
    expect(new Float32Array(Uint8Array.from(bytes.subarray(offset, offset + rows * dims * 4)).buffer)).toEqual(table(rows, dims));
  });

  it('reads the field headers only, not the table', () => {
    const bytes = encodeEmbeddingTableModel({ table: table(20_000, 64), rows: 20_000, dims: 64 });
    const source = counted(bytes);
    expect(locateTable(source)).toEqual(decoded(bytes));
    expect(source.bytesRead).toBeLessThan(16_384);
    expect(bytes.length).toBeGreaterThan(5_000_000);
  });

  it('finds the table after other initializers, and reads packed dims', () => {
    const raw = (n: number) => new Uint8Array(new Float32Array(n).buffer);
    const model = onnx.ModelProto.create({
      irVersion: 8,
      graph: {
        name: 'g',
        initializer: [
          { name: 'bias', dataType: 1, dims: [4], rawData: raw(4) },
          { name: 'table', dataType: 1, dims: [7, 3], rawData: raw(21) },
        ],
      },
    });
    const bytes = onnx.ModelProto.encode(model).finish();
    expect(locateEmbeddingTable(bytes)).toEqual(decoded(bytes));
    // TensorProto.dims written packed, as a proto3 writer would: tag (1, length-delimited), length 2, varints 7 and 3.
    const packed = Uint8Array.of(0x0a, 0x02, 0x07, 0x03, 0x42, 0x05, ...Buffer.from('table'), 0x4a, 0x04, 1, 2, 3, 4);
    const graph = Uint8Array.of(0x2a, packed.length, ...packed);
    const file = Uint8Array.of(0x3a, graph.length, ...graph);
    expect(() => locateEmbeddingTable(file)).toThrow('holds 4 bytes, not 7 × 3 floats');
  });

  it.each([
    ['bytes that are no protobuf', Buffer.from('not an onnx graph'), 'not an ONNX graph'],
    ['a graph without a table', onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 8, graph: { name: 'g' } })).finish(), 'no [rows, dims] "table" initializer'],
    ['a graph cut short', encodeEmbeddingTableModel({ table: table(50, 4), rows: 50, dims: 4 }).subarray(0, 300), 'runs past its message'],
  ])('refuses %s', (_, bytes, message) => {
    expect(() => locateEmbeddingTable(bytes)).toThrow(message);
  });
});
