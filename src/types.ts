/**
 * The records that flow between the stages of DESIGN.md's data flow.
 * Plain data only: every stage can be tested by handing it these.
 * @module
 */

/** A loaded, cleaned source file. */
export interface Document {
  /** Slug of the file name, e.g. `lavrov-visit` for `Lavrov Visit.txt`. */
  id: string;
  title: string;
  /** Path relative to the corpus directory, with `/` separators. */
  path: string;
  /** sha256 (hex) of the raw file bytes: what incremental ingest compares. */
  sha256: string;
  /** The cleaned text that chunk offsets point into. */
  text: string;
}

/** A span of a document's cleaned text: the unit that is embedded, retrieved and cited. */
export interface Chunk {
  /** `<docId>:<n>`, stable while the document and the chunker settings are unchanged. */
  id: string;
  docId: string;
  /** 0-based position of the chunk within its document. */
  n: number;
  text: string;
  /** Offset of `text` in the document's cleaned text (UTF-16 code units). */
  start: number;
  end: number;
}

/** One question and its answer in a conversation: what follow-ups are read against. */
export interface Turn {
  question: string;
  /** The standalone query retrieval ran (equals `question` when nothing was rewritten). */
  rewritten: string;
  answer: string;
  citedIds: string[];
}
