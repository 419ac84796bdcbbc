/** PostgreSQL's binary array form (array_send) read into typed arrays, as the postgres store reads postings. */
import { describe, expect, it } from 'vitest';
import { float8Array, int4Array } from '../../../src/store/postgres/array-send.js';

/** array_send's bytes for a one-dimensional array of `values`, each `width` bytes written by `write`. */
function sent(values: number[], oid: number, width: number, write: (b: Buffer, v: number, at: number) => void): Buffer {
  if (values.length === 0) return Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, oid]);
  const b = Buffer.alloc(20 + values.length * (4 + width));
  b.writeInt32BE(1, 0);
  b.writeInt32BE(0, 4);
  b.writeInt32BE(oid, 8);
  b.writeInt32BE(values.length, 12);
  b.writeInt32BE(1, 16);
  values.forEach((v, i) => {
    b.writeInt32BE(width, 20 + i * (4 + width));
    write(b, v, 24 + i * (4 + width));
  });
  return b;
}

describe('array_send readers', () => {
  it('read int[] and float8[] exactly, empty ones too', () => {
    expect(Array.from(int4Array(sent([5, -1, 2 ** 31 - 1], 23, 4, (b, v, at) => b.writeInt32BE(v, at))))).toEqual([5, -1, 2 ** 31 - 1]);
    const floats = [0.1 + 0.2, -3.5e-300, 2.675];
    expect(Array.from(float8Array(sent(floats, 701, 8, (b, v, at) => b.writeDoubleBE(v, at))))).toEqual(floats);
    expect(int4Array(sent([], 23, 4, () => {}))).toEqual(new Int32Array(0));
  });

  it('refuse an element of another width (a null, or another type)', () => {
    expect(() => float8Array(sent([1], 23, 4, (b, v, at) => b.writeInt32BE(v, at)))).toThrow(RangeError);
  });
});
