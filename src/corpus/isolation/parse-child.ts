/**
 * The process that parses documents for ingest, one file per message. It
 * runs with a capped heap (`--max-old-space-size`) and is killed when a file
 * takes too long, so a hostile file costs a bounded amount of time and memory
 * and never the ingest itself.
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { ParseReply, ParseRequest } from './protocol.js';
import { loaderFor } from '../load-file.js';

process.on('message', (request: ParseRequest) => {
  void parse(request).then((reply) => process.send?.(reply));
});

async function parse({ id, file, maxPages }: ParseRequest): Promise<ParseReply> {
  try {
    const extracted = await loaderFor(file)(await readFile(file), { maxPages });
    return { id, ok: true, extracted };
  } catch (error) {
    return { id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
