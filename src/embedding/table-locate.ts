/**
 * Finding the embedding table in an ONNX graph by walking its protobuf fields
 * (https://protobuf.dev/programming-guides/encoding/), reading only the bytes
 * of the field headers on the way: the table's floats are skipped, never read.
 * A server reading a build needs only the table's first rows, so it need not
 * hold the whole model.onnx (74 MB at 117k chunks) to find them; `readFile`
 * did, and the buffer stayed resident until a full collection.
 * @module
 */

/** Bytes of a graph as the walk reads them: `length` bytes from `at`, fewer only at the end. */
export interface ByteSource {
  readonly size: number;
  read(at: number, length: number): Uint8Array;
}

/** Where the table is: its floats' byte offset in the source, and its shape. */
export interface TableLocation {
  offset: number;
  rows: number;
  dims: number;
}

// Field numbers of onnx.proto: ModelProto.graph, GraphProto.initializer, TensorProto.dims, .name and .raw_data.
const MODEL_GRAPH = 7;
const GRAPH_INITIALIZER = 5;
const TENSOR_DIMS = 1;
const TENSOR_NAME = 8;
const TENSOR_RAW_DATA = 9;
const VARINT = 0;
const LENGTH_DELIMITED = 2;
/** Bytes read at a time for field headers: a header is a few bytes, and the small fields sit together. */
const WINDOW = 4096;

interface Field {
  number: number;
  wire: number;
  /** A varint's value; for a length-delimited field, its payload is bytes `start` … `end` − 1. */
  value: number;
  start: number;
  end: number;
}

const notAGraph = (why: string) => new RangeError(`not an ONNX graph: ${why}`);

function reader(source: ByteSource) {
  let window: Uint8Array = new Uint8Array(0);
  let windowAt = 0;
  const byteAt = (at: number): number => {
    if (at < windowAt || at >= windowAt + window.length) {
      window = source.read(at, Math.min(WINDOW, source.size - at));
      windowAt = at;
      if (window.length === 0) throw notAGraph('it ends inside a field');
    }
    return window[at - windowAt]!;
  };
  // Numbers (not BigInts): every length and dimension of a graph that fits in memory is below 2^53.
  const varint = (at: number): { value: number; next: number } => {
    let value = 0;
    for (let scale = 1; scale < 2 ** 56; scale *= 128) {
      const byte = byteAt(at++);
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return { value, next: at };
    }
    throw notAGraph('a number runs past 8 bytes');
  };
  /** The fields of the message in bytes `from` … `to` − 1, in file order. */
  function* fields(from: number, to: number): Generator<Field> {
    for (let at = from; at < to; ) {
      const tag = varint(at);
      const number = Math.floor(tag.value / 8);
      const wire = tag.value % 8;
      let field: Field;
      if (wire === VARINT) {
        const { value, next } = varint(tag.next);
        field = { number, wire, value, start: tag.next, end: next };
      } else if (wire === LENGTH_DELIMITED) {
        const { value, next } = varint(tag.next);
        field = { number, wire, value, start: next, end: next + value };
      } else if (wire === 1 || wire === 5) {
        field = { number, wire, value: 0, start: tag.next, end: tag.next + (wire === 1 ? 8 : 4) };
      } else {
        throw notAGraph(`wire type ${wire} at byte ${at}`);
      }
      if (number === 0 || field.end > to) throw notAGraph(`a field at byte ${at} runs past its message`);
      yield field;
      at = field.end;
    }
  }
  return { varint, fields, text: (field: Field) => Buffer.from(source.read(field.start, field.end - field.start)).toString('utf8') };
}

/** The [rows, dims] "table" initializer of the graph in `source` (as encodeEmbeddingTableModel writes it). */
export function locateTable(source: ByteSource): TableLocation {
  const { varint, fields, text } = reader(source);
  for (const graph of fields(0, source.size)) {
    if (graph.number !== MODEL_GRAPH || graph.wire !== LENGTH_DELIMITED) continue;
    for (const tensor of fields(graph.start, graph.end)) {
      if (tensor.number !== GRAPH_INITIALIZER || tensor.wire !== LENGTH_DELIMITED) continue;
      const dims: number[] = [];
      let name = '';
      let raw: Field | undefined;
      for (const field of fields(tensor.start, tensor.end)) {
        if (field.number === TENSOR_DIMS && field.wire === VARINT) dims.push(field.value);
        // Packed dims (the encoding proto3 writers use): varints end to end.
        else if (field.number === TENSOR_DIMS && field.wire === LENGTH_DELIMITED) {
          for (let at = field.start; at < field.end; ) {
            const dim = varint(at);
            dims.push(dim.value);
            at = dim.next;
          }
        } else if (field.number === TENSOR_NAME && field.wire === LENGTH_DELIMITED) name = text(field);
        else if (field.number === TENSOR_RAW_DATA && field.wire === LENGTH_DELIMITED) raw = field;
      }
      if (name !== 'table') continue;
      if (!raw || dims.length !== 2) break;
      const [rows, width] = dims as [number, number];
      if (raw.value !== rows * width * 4) throw new RangeError(`the "table" initializer holds ${raw.value} bytes, not ${rows} × ${width} floats`);
      return { offset: raw.start, rows, dims: width };
    }
  }
  throw new RangeError('not an embedding-table graph: it has no [rows, dims] "table" initializer');
}
