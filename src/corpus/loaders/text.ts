/** Plain text (`.txt`): decoded as UTF-8, left for the cleaner. */
import { decodeText } from './decode.js';
import type { Loader } from './types.js';

export const loadText: Loader = async (bytes) => ({ text: decodeText(bytes) });
