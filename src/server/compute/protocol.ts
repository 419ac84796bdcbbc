/**
 * Messages between the server and its compute workers: one request, one reply,
 * matched by id. Errors cross as plain data and become QuireErrors again.
 * @module
 */
import type { ExtractiveOptions } from '../../ask-compute.js';
import type { PostedIndexData } from '../../index/posted.js';
import type { RetrieveOptions } from '../../retrieval/retriever.js';
import type { RetrievedChunk } from '../../retrieval/types.js';

export type ComputeCall =
  | { op: 'retrieve'; query: string; options: RetrieveOptions }
  | { op: 'compose'; query: string; retrieved: readonly RetrievedChunk[]; options: ExtractiveOptions }
  /**
   * Open a build from the data the server read: its arrays are SharedArrayBuffer
   * views, so the worker shares them instead of reading the files again; its
   * manifest comes without the chunk ids, which those arrays hold (posted.ts). Without
   * data (a store that cannot share), the worker opens the build from the store.
   */
  | { op: 'open'; data: PostedIndexData | undefined };

export type ComputeRequest = ComputeCall & { id: number; buildDir: string };

export type ComputeReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { code?: string; message: string } };
