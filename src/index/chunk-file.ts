/**
 * chunks.bin: every chunk's text as UTF-8 end to end with an offset table, and
 * its document and position, by label; the document ids once each. A chunk's id
 * is the manifest's (`labels`), so it is not stored twice. The texts stay in
 * the file (at 100,000 chunks they are some 100 MB, and a question reads a few
 * dozen): `chunkAt` reads one chunk's bytes when it is asked for (section-reads.ts).
 * Only the offsets, documents and positions are in memory, shared with the
 * compute workers.
 * @module
 */
import path from 'node:path';
import { QuireError } from '../errors.js';
import { packStrings, stringAt, stringCount, type StringTable } from '../retrieval/string-table.js';
import type { Chunk } from '../types.js';
import { isOffsetTable, readBinaryFile, writeBinaryFile, type FileSection } from './binary-file.js';
import { CHUNKS_FILE } from './layout.js';
import { openSections, readBytes } from '../io/section-reads.js';
import type { Manifest } from './manifest.js';

/** The chunks of a build by label; typed arrays only, so compute workers share it. */
export interface ChunkTable {
  /** Where the chunks' UTF-8 texts are in chunks.bin: chunk l's are bytes `textStarts[l]` … `textStarts[l + 1] - 1` of it. */
  readonly text: FileSection;
  readonly textStarts: Uint32Array;
  /** The chunk's document, as a position in `docIds`. */
  readonly docs: Uint32Array;
  readonly docIds: StringTable;
  /** The chunk's `n`, `start` and `end` (see Chunk). */
  readonly n: Uint32Array;
  readonly start: Uint32Array;
  readonly end: Uint32Array;
}

/** Writes `chunks` (in label order) into `buildDir`. */
export async function writeChunks(buildDir: string, chunks: readonly Chunk[]): Promise<void> {
  const docIds = [...new Set(chunks.map((chunk) => chunk.docId))];
  const docIndex = new Map(docIds.map((id, i) => [id, i]));
  const docTable = packStrings(docIds);
  const encoded = chunks.map((chunk) => Buffer.from(chunk.text, 'utf8'));
  const total = encoded.reduce((sum, bytes) => sum + bytes.length, 0);
  // Offsets are 32-bit: 4 GiB of chunk text, some 4 million chunks of the default size.
  if (total >= 2 ** 32) throw new QuireError('invalid_config', `The corpus has ${total} bytes of chunk text; a local index holds at most 4 GiB.`);
  const textStarts = new Uint32Array(chunks.length + 1);
  encoded.forEach((bytes, i) => (textStarts[i + 1] = textStarts[i]! + bytes.length));
  await writeBinaryFile(path.join(buildDir, CHUNKS_FILE), {
    text: Buffer.concat(encoded, total),
    textStarts,
    docs: Uint32Array.from(chunks, (chunk) => docIndex.get(chunk.docId)!),
    docIdBytes: docTable.bytes,
    docIdStarts: docTable.starts,
    docIdSlots: docTable.slots,
    n: Uint32Array.from(chunks, (chunk) => chunk.n),
    start: Uint32Array.from(chunks, (chunk) => chunk.start),
    end: Uint32Array.from(chunks, (chunk) => chunk.end),
  });
}

/** Reads chunks.bin of `buildDir`, checked against its manifest. */
export function readChunkTable(buildDir: string, manifest: Manifest): ChunkTable {
  const file = path.join(buildDir, CHUNKS_FILE);
  const s = readBinaryFile(file, { text: 'u8', textStarts: 'u32', docs: 'u32', n: 'u32', start: 'u32', end: 'u32', docIdBytes: 'u8', docIdStarts: 'u32', docIdSlots: 'u32' }, ['text']);
  const table: ChunkTable = { ...s, docIds: { bytes: s.docIdBytes, starts: s.docIdStarts, slots: s.docIdSlots } };
  const size = manifest.labels.length;
  const docCount = s.docIdStarts.length - 1;
  const consistent =
    isOffsetTable(s.textStarts, s.text.byteLength) &&
    s.textStarts.length === size + 1 &&
    [s.docs, s.n, s.start, s.end].every((column) => column.length === size) &&
    isOffsetTable(s.docIdStarts, s.docIdBytes.length) &&
    s.docs.every((doc) => doc < docCount);
  if (!consistent) throw new QuireError('index_corrupt', `${file} does not hold the ${size} chunks its manifest names.`);
  openTexts(table);
  return table;
}

/** Opens this thread's descriptor on `table`'s texts, once (section-reads.ts). */
export const openTexts = (table: ChunkTable): number => openSections(table, table.text.file);

const textAt = (table: ChunkTable, label: number): string => readBytes(table, table.text, table.textStarts[label]!, table.textStarts[label + 1]!).toString('utf8');

/** The document ids of a table, in the order its `docs` column numbers them. */
export const chunkDocIds = (table: ChunkTable): string[] => Array.from({ length: stringCount(table.docIds) }, (_, i) => stringAt(table.docIds, i));

/** Chunk `label`, whose id is `id` (the manifest's `labels[label]`), given `chunkDocIds(table)`. */
export function chunkAt(table: ChunkTable, label: number, id: string, docIds: readonly string[]): Chunk {
  return {
    id,
    docId: docIds[table.docs[label]!]!,
    n: table.n[label]!,
    text: textAt(table, label),
    start: table.start[label]!,
    end: table.end[label]!,
  };
}
