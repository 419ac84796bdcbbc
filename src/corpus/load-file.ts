/**
 * One file → one cleaned document (without its id, which depends on the whole
 * corpus): read the bytes, pick the loader by extension, clean, title.
 * @module
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { QuireError } from '../errors.js';
import type { Document } from '../types.js';
import { cleanText, type CleaningReport } from './clean.js';
import { loadHtml } from './loaders/html.js';
import { loadMarkdown } from './loaders/markdown.js';
import { loadPdf } from './loaders/pdf.js';
import { loadText } from './loaders/text.js';
import type { Extracted, Loader } from './loaders/types.js';
import { pickTitle } from './title.js';

/** What kind of document a file is, as people say it (both `.htm` and `.html` are html). */
export type DocumentType = 'txt' | 'md' | 'html' | 'pdf';

interface Format {
  type: DocumentType;
  load: Loader;
  /** Whether a hostile file can make the loader explode (time, memory): then it runs in the parse process when there is one. */
  isolate: boolean;
  /** Whether the text may open with a site's navigation menu: saved or scraped web pages, not papers or notes. */
  navigation: boolean;
}

const FORMATS: Readonly<Record<string, Format>> = {
  '.txt': { type: 'txt', load: loadText, isolate: false, navigation: true },
  '.md': { type: 'md', load: loadMarkdown, isolate: false, navigation: false },
  '.markdown': { type: 'md', load: loadMarkdown, isolate: false, navigation: false },
  '.html': { type: 'html', load: loadHtml, isolate: false, navigation: true },
  '.htm': { type: 'html', load: loadHtml, isolate: false, navigation: true },
  '.pdf': { type: 'pdf', load: loadPdf, isolate: true, navigation: false },
};

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(FORMATS);

/** Lower-cased extension, so `REPORT.PDF` is a PDF. */
export const extensionOf = (file: string): string => path.extname(file).toLowerCase();

export const isSupported = (file: string): boolean => Object.hasOwn(FORMATS, extensionOf(file));

/** The type of a supported file (indexed documents always are); plain text for anything else. */
export const documentType = (file: string): DocumentType => (isSupported(file) ? FORMATS[extensionOf(file)]!.type : 'txt');

export interface LoadedFile {
  document: Omit<Document, 'id'>;
  cleaning: CleaningReport;
}

/** The loader for a file's format (the parse process calls it directly). */
export function loaderFor(file: string): Loader {
  const format = FORMATS[extensionOf(file)];
  if (!format) throw new QuireError('document_invalid', `unsupported file type "${extensionOf(file)}"`);
  return format.load;
}

export interface LoadFileOptions {
  /** Parses a file of a format that can explode, where it cannot take the caller down (the parse process). */
  parseIsolated?: (absolutePath: string) => Promise<Extracted>;
  /** Why a file with these bytes (sha256) failed to parse before, if it did: it is not parsed again. */
  knownFailure?: (sha256: string) => string | undefined;
  /** Told when an isolated parse fails, to remember it by content. */
  onParseFailure?: (sha256: string, reason: string) => void;
}

/** Loads `absolutePath`; `relativePath` (with `/`) becomes the document's path. Throws with a readable reason. */
export async function loadFile(absolutePath: string, relativePath: string, options: LoadFileOptions = {}): Promise<LoadedFile> {
  const format = FORMATS[extensionOf(absolutePath)];
  if (!format) throw new QuireError('document_invalid', `unsupported file type "${extensionOf(absolutePath)}"`);
  const bytes = await readFile(absolutePath).catch((cause: NodeJS.ErrnoException) => {
    throw new QuireError('document_invalid', `could not read the file (${cause.code ?? cause.message})`, { cause });
  });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const extracted = format.isolate && options.parseIsolated ? await parseIsolated(absolutePath, sha256, options) : await format.load(bytes);
  const { text, report } = cleanText(extracted.text, { navigation: format.navigation });
  if (!text) throw new QuireError('document_invalid', 'no text after cleaning');
  return {
    document: {
      title: pickTitle(extracted.title, text),
      path: relativePath,
      sha256,
      text,
    },
    cleaning: report,
  };
}

async function parseIsolated(absolutePath: string, sha256: string, options: LoadFileOptions): Promise<Extracted> {
  const known = options.knownFailure?.(sha256);
  if (known !== undefined) {
    options.onParseFailure?.(sha256, known);
    throw new QuireError('document_invalid', `${known} (remembered from an earlier ingest: the file is unchanged, so it was not parsed again)`);
  }
  try {
    return await options.parseIsolated!(absolutePath);
  } catch (error) {
    options.onParseFailure?.(sha256, (error as Error).message);
    throw error;
  }
}
