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
import type { Loader } from './loaders/types.js';
import { pickTitle } from './title.js';

/** What kind of document a file is, as people say it (both `.htm` and `.html` are html). */
export type DocumentType = 'txt' | 'md' | 'html' | 'pdf';

interface Format {
  type: DocumentType;
  load: Loader;
  /** Whether the text may open with a site's navigation menu: saved or scraped web pages, not papers or notes. */
  navigation: boolean;
}

const FORMATS: Readonly<Record<string, Format>> = {
  '.txt': { type: 'txt', load: loadText, navigation: true },
  '.md': { type: 'md', load: loadMarkdown, navigation: false },
  '.markdown': { type: 'md', load: loadMarkdown, navigation: false },
  '.html': { type: 'html', load: loadHtml, navigation: true },
  '.htm': { type: 'html', load: loadHtml, navigation: true },
  '.pdf': { type: 'pdf', load: loadPdf, navigation: false },
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

/** Loads `absolutePath`; `relativePath` (with `/`) becomes the document's path. Throws with a readable reason. */
export async function loadFile(absolutePath: string, relativePath: string): Promise<LoadedFile> {
  const format = FORMATS[extensionOf(absolutePath)];
  if (!format) throw new QuireError('document_invalid', `unsupported file type "${extensionOf(absolutePath)}"`);
  const bytes = await readFile(absolutePath).catch((cause: NodeJS.ErrnoException) => {
    throw new QuireError('document_invalid', `could not read the file (${cause.code ?? cause.message})`, { cause });
  });
  const extracted = await format.load(bytes);
  const { text, report } = cleanText(extracted.text, { navigation: format.navigation });
  if (!text) throw new QuireError('document_invalid', 'no text after cleaning');
  return {
    document: {
      title: pickTitle(extracted.title, text),
      path: relativePath,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      text,
    },
    cleaning: report,
  };
}
