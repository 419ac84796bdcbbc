/** What a format loader hands to cleaning: raw text plus the title the format declares, if any. */
export interface Extracted {
  text: string;
  title?: string;
}

/** Turns a file's bytes into text; throws an `Error` whose message is the reason, readable as is. */
export type Loader = (bytes: Uint8Array) => Promise<Extracted>;
