/**
 * What a compute worker is posted of a build (index/posted.ts): no chunk id
 * crosses, yet the worker's manifest, chunks and id look-ups are the server's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readIndexData, serveIndex, type IndexData } from '../../../src/index/open.js';
import { fromPosted, postable } from '../../../src/index/posted.js';
import { buildDefaultIndex } from '../../helpers/fixtures.js';

let data: IndexData;

beforeAll(async () => {
  const { config } = await buildDefaultIndex();
  data = await readIndexData(config);
});

describe('posting a build to a compute worker', () => {
  it('sends no chunk id with the manifest', () => {
    const posted = structuredClone(postable(data));
    const text = JSON.stringify(posted.manifest);
    expect(data.manifest.labels.length).toBeGreaterThan(50);
    expect(data.manifest.labels.filter((id) => text.includes(id))).toEqual([]);
    expect(posted.labels.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('gives the worker the whole manifest back, read from the shared tables', () => {
    const received = fromPosted(structuredClone(postable(data)));
    expect(JSON.parse(JSON.stringify(received.manifest))).toEqual(data.manifest);
  });

  it('serves the same chunks by label and by id in the worker as in the server', () => {
    const server = serveIndex(data);
    const worker = serveIndex(fromPosted(structuredClone(postable(data))));
    expect(worker.size).toBe(data.manifest.labels.length);
    data.manifest.labels.forEach((id, label) => {
      expect(worker.labelOf(id)).toBe(label);
      expect(worker.chunk(label)).toEqual(server.chunk(label));
    });
    expect(worker.labelOf('no-such-doc:0')).toBeUndefined();
    expect(worker.chunkById(data.manifest.labels[7]!)).toEqual(server.chunkById(data.manifest.labels[7]!));
  });
});
