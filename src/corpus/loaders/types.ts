/** What a format loader hands to cleaning: raw text plus the title the format declares, if any. */
export interface Extracted {
  text: string;
  title?: string;
}

/** Bounds on what a loader may take on (formats without pages ignore `maxPages`). */
export interface LoaderLimits {
  /** Documents with more pages are refused before any page is read. */
  maxPages?: number;
}

/** Turns a file's bytes into text; throws an `Error` whose message is the reason, readable as is. */
export type Loader = (bytes: Uint8Array, limits?: LoaderLimits) => Promise<Extracted>;
