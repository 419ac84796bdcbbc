/**
 * A build's data as the server posts it to a compute worker (server/compute/):
 * the manifest without its chunk ids (`labels`, and each document's
 * `chunkIds`), which the shared `labels` table and the chunk table's document
 * column already hold. Posting the manifest whole copied them into every worker,
 * two strings a chunk: some 16 MB a worker at 117k chunks. The worker's
 * manifest reads them back from the shared tables if something asks for them;
 * retrieval and answer scoring never do.
 * @module
 */
import { stringAt, stringCount } from '../retrieval/string-table.js';
import { chunkDocIds } from './chunk-file.js';
import type { Manifest, ManifestDocument } from './manifest.js';
import type { IndexData } from './open.js';

/** The manifest but its chunk ids. */
export type ManifestHead = Omit<Manifest, 'labels' | 'documents'> & { documents: Omit<ManifestDocument, 'chunkIds'>[] };

export type PostedIndexData = Omit<IndexData, 'manifest'> & { manifest: ManifestHead };

/** `data` as posted: its manifest without the chunk ids. */
export function postable(data: IndexData): PostedIndexData {
  const { labels: _labels, documents, ...head } = data.manifest;
  return { ...data, manifest: { ...head, documents: documents.map(({ chunkIds: _chunkIds, ...doc }) => doc) } };
}

/** Posted data with its whole manifest again: the chunk ids are read from the shared tables when first asked for. */
export function fromPosted(data: PostedIndexData): IndexData {
  const { manifest, labels, chunks } = data;
  let ids: string[] | undefined;
  const allIds = () => (ids ??= Array.from({ length: stringCount(labels) }, (_, label) => stringAt(labels, label)));
  let byDoc: Map<string, string[]> | undefined;
  // A document's chunks are its labels in order: ingest numbers chunks document by document.
  const idsOf = (docId: string) => {
    if (!byDoc) {
      const docIds = chunkDocIds(chunks);
      byDoc = new Map();
      allIds().forEach((id, label) => {
        const doc = docIds[chunks.docs[label]!]!;
        const list = byDoc!.get(doc);
        if (list) list.push(id);
        else byDoc!.set(doc, [id]);
      });
    }
    return byDoc.get(docId) ?? [];
  };
  const lazy = <T extends object, K extends string, V>(object: T, key: K, get: () => V): T & Record<K, V> =>
    Object.defineProperty(object, key, { get, enumerable: true }) as T & Record<K, V>;
  const documents = manifest.documents.map((doc) => lazy({ ...doc }, 'chunkIds', () => idsOf(doc.id)));
  return { ...data, manifest: lazy({ ...manifest, documents }, 'labels', allIds) };
}
