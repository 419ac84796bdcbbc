import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT_VERSION, incompatibility, readManifest, type Manifest } from '../../../src/index/manifest.js';

const manifest: Manifest = {
  formatVersion: FORMAT_VERSION,
  createdAt: '2026-11-23T00:00:00.000Z',
  embedder: { kind: 'corpus', modelId: 'quire-corpus-abc', dims: 64 },
  chunker: { chunkWords: 180, chunkOverlapWords: 30 },
  documents: [{ id: 'a', title: 'A', path: 'a.txt', sha256: 'ff', chunkIds: ['a:0'] }],
  labels: ['a:0'],
};
const settings = { chunkWords: 180, chunkOverlapWords: 30, embedder: 'auto' as const, embeddingModel: 'Xenova/all-MiniLM-L6-v2' };

async function writeTo(content: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'quire-manifest-'));
  await writeFile(path.join(dir, 'manifest.json'), content);
  return dir;
}

describe('manifest', () => {
  it('round-trips through disk', async () => {
    expect(await readManifest(await writeTo(JSON.stringify(manifest)))).toEqual(manifest);
  });

  it('rejects a damaged manifest with index_corrupt naming the file', async () => {
    const dir = await writeTo('{"formatVersion": 1, "labels": 3');
    await expect(readManifest(dir)).rejects.toMatchObject({ code: 'index_corrupt', message: expect.stringContaining(path.join(dir, 'manifest.json')) });
    const wrongShape = await writeTo(JSON.stringify({ ...manifest, labels: 'a:0' }));
    await expect(readManifest(wrongShape)).rejects.toMatchObject({ code: 'index_corrupt', message: expect.stringContaining('labels') });
  });

  it('rejects another format version with index_incompatible', async () => {
    const dir = await writeTo(JSON.stringify({ ...manifest, formatVersion: FORMAT_VERSION + 1 }));
    await expect(readManifest(dir)).rejects.toMatchObject({ code: 'index_incompatible' });
  });

  it('says why an index does not fit the settings', () => {
    expect(incompatibility(manifest, settings)).toBeNull();
    expect(incompatibility(manifest, { ...settings, chunkWords: 250 })).toMatch(/chunked with 180\/30/);
    expect(incompatibility(manifest, { ...settings, embedder: 'neural' })).toMatch(/corpus model/);
    const neural = { ...manifest, embedder: { kind: 'neural' as const, modelId: 'Xenova/all-MiniLM-L6-v2', dims: 384 } };
    expect(incompatibility(neural, settings)).toBeNull();
    expect(incompatibility(neural, { ...settings, embeddingModel: 'Xenova/bge-small-en' })).toMatch(/bge-small/);
  });
});
