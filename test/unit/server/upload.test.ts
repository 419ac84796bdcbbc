import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDocumentBytes } from '../../../src/server/upload/document-bytes.js';
import { documentFileName } from '../../../src/server/upload/document-name.js';
import { storeDocument } from '../../../src/server/upload/store-document.js';

const tempDir = (prefix: string) => mkdtemp(path.join(tmpdir(), `quire-${prefix}-`));

describe('documentFileName', () => {
  it.each(['notes.txt', 'Report 2024.PDF', 'Ünïcödé notes.md', 'page.htm', 'a.b.c.html', '  padded.txt  '])('accepts %j', (name) => {
    expect(documentFileName(name)).toBe(name.trim().normalize('NFC'));
  });

  it.each([
    ['', 'invalid_request'],
    ['   ', 'invalid_request'],
    ['../x.txt', 'invalid_request'],
    ['..', 'invalid_request'],
    ['a/b.txt', 'invalid_request'],
    ['a\\b.txt', 'invalid_request'],
    ['/abs.txt', 'invalid_request'],
    ['x..y.txt', 'invalid_request'],
    ['.hidden.txt', 'invalid_request'],
    ['nul\u0000.txt', 'invalid_request'],
    ['tab\t.txt', 'invalid_request'],
    ['bell\u0007.txt', 'invalid_request'],
    ['del\u007f.txt', 'invalid_request'],
    ['evil\u202Etxt.exe', 'invalid_request'],
    [`${'n'.repeat(201)}.txt`, 'invalid_request'],
    ['tool.exe', 'unsupported_document_type'],
    ['noext', 'unsupported_document_type'],
    ['archive.txt.zip', 'unsupported_document_type'],
  ])('refuses %j with %s', (name, code) => {
    expect(() => documentFileName(name)).toThrow(expect.objectContaining({ code }));
  });
});

describe('checkDocumentBytes', () => {
  const bytes = (value: string | number[]) => (typeof value === 'string' ? Buffer.from(value) : Buffer.from(value));

  it('accepts UTF-8 text (with or without a byte-order mark) and PDFs by their signature', () => {
    expect(() => checkDocumentBytes('a.txt', bytes('plain words, ünïcödé, 🙂'))).not.toThrow();
    expect(() => checkDocumentBytes('a.md', bytes([0xef, 0xbb, 0xbf, 0x23, 0x20, 0x48]))).not.toThrow();
    expect(() => checkDocumentBytes('a.pdf', bytes('%PDF-1.7\n...'))).not.toThrow();
  });

  it.each([
    ['empty', 'a.txt', ''],
    ['not a PDF', 'a.pdf', 'PDF-1.7 without the percent'],
    ['a short non-PDF', 'a.pdf', '%P'],
    ['invalid UTF-8', 'a.txt', [0x63, 0x61, 0x66, 0xe9]],
    ['UTF-16 with a BOM', 'a.txt', [0xff, 0xfe, 0x68, 0x00]],
    ['binary with NULs', 'a.html', [0x3c, 0x00, 0x00, 0x00]],
    ['mostly control characters', 'a.md', [1, 2, 3, 4, 5, 6, 0x61]],
  ])('refuses %s', (_what, name, value) => {
    expect(() => checkDocumentBytes(name, bytes(value as string | number[]))).toThrow(expect.objectContaining({ code: 'document_invalid' }));
  });
});

describe('storeDocument', () => {
  it('creates a new file, refuses an existing one, and replaces it only when asked', async () => {
    const dir = await tempDir('upload');
    expect(await storeDocument(dir, 'a.txt', Buffer.from('one'), { overwrite: false })).toEqual({ path: 'a.txt', bytes: 3, replaced: false });
    await expect(storeDocument(dir, 'a.txt', Buffer.from('two'), { overwrite: false })).rejects.toMatchObject({ code: 'document_exists' });
    expect(await readFile(path.join(dir, 'a.txt'), 'utf8')).toBe('one');
    expect(await storeDocument(dir, 'a.txt', Buffer.from('three'), { overwrite: true })).toMatchObject({ replaced: true });
    expect(await readFile(path.join(dir, 'a.txt'), 'utf8')).toBe('three');
  });

  it('leaves no temporary files behind, whatever happens', async () => {
    const dir = await tempDir('upload');
    await storeDocument(dir, 'a.txt', Buffer.from('one'), { overwrite: false });
    await storeDocument(dir, 'a.txt', Buffer.from('two'), { overwrite: false }).catch(() => {});
    expect(await readdir(dir)).toEqual(['a.txt']);
  });

  it('replaces a symlink itself, never the file it points to', async () => {
    const dir = await tempDir('upload');
    const outside = path.join(await tempDir('outside'), 'secret.txt');
    await writeFile(outside, 'secret');
    await symlink(outside, path.join(dir, 'link.txt'));
    await expect(storeDocument(dir, 'link.txt', Buffer.from('x'), { overwrite: false })).rejects.toMatchObject({ code: 'document_exists' });
    await storeDocument(dir, 'link.txt', Buffer.from('new'), { overwrite: true });
    expect(await readFile(outside, 'utf8')).toBe('secret');
    expect((await lstat(path.join(dir, 'link.txt'))).isSymbolicLink()).toBe(false);
    await expect(readlink(path.join(dir, 'link.txt'))).rejects.toThrow();
  });

  it('refuses to replace a directory', async () => {
    const dir = await tempDir('upload');
    await mkdir(path.join(dir, 'folder.txt'));
    await writeFile(path.join(dir, 'folder.txt', 'inner.txt'), 'x');
    await expect(storeDocument(dir, 'folder.txt', Buffer.from('x'), { overwrite: true })).rejects.toMatchObject({ code: 'document_exists' });
  });

  it('refuses a name that would leave the directory even if a caller skipped documentFileName', async () => {
    const dir = await tempDir('upload');
    await expect(storeDocument(dir, '../escape.txt', Buffer.from('x'), { overwrite: false })).rejects.toMatchObject({ code: 'invalid_request' });
  });
});
