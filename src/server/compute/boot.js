// Entry of a compute worker thread. Worker threads do not inherit tsx's loader
// from the process (see src/bin.js), so each registers it before loading the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
