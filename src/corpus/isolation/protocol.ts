/**
 * The messages between ingest and its parse process.
 * @module
 */
import type { Extracted } from '../loaders/types.js';

export interface ParseRequest {
  id: number;
  /** Absolute path of the file to parse. */
  file: string;
  maxPages: number;
}

export type ParseReply = { id: number; ok: true; extracted: Extracted } | { id: number; ok: false; error: string };
