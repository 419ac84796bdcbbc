/**
 * Numeric arrays read from PostgreSQL's binary array form (`array_send(column)`,
 * a bytea): a header (dimensions, null flag, element type, each dimension's size
 * and lower bound), then each element as a big-endian length and value. Postings
 * of a common term run to tens of thousands of numbers, which `pg` would parse
 * from text one string at a time; these are read straight into typed arrays.
 * @module
 */

function elements(bytes: Buffer, width: number, read: (at: number) => number, into: { length: number; [i: number]: number }): void {
  const dims = bytes.readInt32BE(0);
  if (dims > 1) throw new RangeError(`a ${dims}-dimensional array where a list was expected`);
  let at = 12 + dims * 8;
  for (let i = 0; i < into.length; i++) {
    if (bytes.readInt32BE(at) !== width) throw new RangeError('an array element that is null or not of the expected type');
    into[i] = read(at + 4);
    at += 4 + width;
  }
}

const count = (bytes: Buffer): number => (bytes.readInt32BE(0) === 0 ? 0 : bytes.readInt32BE(12));

/** An `int[]` sent by array_send. */
export function int4Array(bytes: Buffer): Int32Array {
  const out = new Int32Array(count(bytes));
  elements(bytes, 4, (at) => bytes.readInt32BE(at), out);
  return out;
}

/** A `float8[]` sent by array_send. */
export function float8Array(bytes: Buffer): Float64Array {
  const out = new Float64Array(count(bytes));
  elements(bytes, 8, (at) => bytes.readDoubleBE(at), out);
  return out;
}
