/**
 * The corpus embedding model: fitted by Quire at ingest, stored in the
 * transformers.js layout, loaded like any other model (see ../embedder.ts).
 * @module
 */
export { fitCorpusModel, fitCorpusTable, SIGMA_EXPONENT, type FittedCorpusModel } from './fit.js';
export { foldInWords } from './fold.js';
export { unseenWordRate } from './unseen.js';
export { readCorpusModelInfo, writeCorpusModel, MODEL_INFO_FILE, type CorpusModelInfo } from './write.js';
