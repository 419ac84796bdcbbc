/**
 * pgvector's text form of a vector, both ways. A float32 printed by JavaScript's
 * shortest round-trip formatting parses back in PostgreSQL to the same float4, and
 * pgvector prints float4s the shortest exact way, so vectors survive the trip bit for bit.
 * @module
 */
export const vectorLiteral = (vector: Float32Array): string => `[${Array.from(vector).join(',')}]`;

export function parseVector(text: string): Float32Array {
  const body = text.trim().replace(/^\[/, '').replace(/\]$/, '');
  return Float32Array.from(body ? body.split(',') : [], Number);
}
