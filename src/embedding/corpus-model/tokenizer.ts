/**
 * The corpus model's tokenizer, in transformers.js's `tokenizer.json` format:
 * a WordPiece model whose vocabulary is the corpus's whole words, behind the
 * same BertNormalizer and BertPreTokenizer as MiniLM's. No post-processor, so
 * no [CLS]/[SEP] tokens dilute the mean.
 *
 * A few English suffix pieces (`##s`, `##ing`, …) with zero vectors let an
 * unseen inflection fall back to its stem: WordPiece's greedy longest match
 * reads "pipelines" as "pipeline" + "##s" when only "pipeline" was seen.
 * @module
 */
import { MAX_WORD_CHARS } from './words.js';

export const PAD_TOKEN = '[PAD]';
export const UNK_TOKEN = '[UNK]';

/** Continuation pieces; each has a zero vector, so an inflected word embeds as its stem. */
export const SUFFIX_PIECES = [
  's', 'es', 'd', 'ed', 'ing', 'ings', 'ly', 'er', 'ers', 'est', 'ion', 'ions', 'ation', 'ations',
  'al', 'ally', 'ment', 'ments', 'ness', 'ity', 'ities', 'ive', 'ist', 'ists', 'ism', 'ian', 'ians', 'ship',
].map((suffix) => `##${suffix}`);

/**
 * Longest text the tokenizer passes on. transformers.js computes
 * `Math.min(longest, model_max_length)`, so leaving it unset yields NaN and
 * breaks padding; an embedding-table model has no position limit, so this is
 * only a guard against one huge text inflating a whole batch's tensor.
 */
export const MODEL_MAX_LENGTH = 4096;

/** Token ids: [PAD] = 0, [UNK] = 1, then the words, then the suffix pieces. */
export function tokenList(vocabulary: readonly string[]): string[] {
  return [PAD_TOKEN, UNK_TOKEN, ...vocabulary, ...SUFFIX_PIECES];
}

const special = (content: string, id: number) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });

/** The `tokenizer.json` document (Hugging Face tokenizers format, as transformers.js reads it). */
export function tokenizerJson(tokens: readonly string[]): Record<string, unknown> {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special(PAD_TOKEN, 0), special(UNK_TOKEN, 1)],
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: null,
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: UNK_TOKEN,
      continuing_subword_prefix: '##',
      max_input_chars_per_word: MAX_WORD_CHARS,
      vocab: Object.fromEntries(tokens.map((token, id) => [token, id])),
    },
  };
}

export function tokenizerConfig(): Record<string, unknown> {
  return {
    tokenizer_class: 'BertTokenizer',
    model_max_length: MODEL_MAX_LENGTH,
    do_lower_case: true,
    strip_accents: null,
    tokenize_chinese_chars: true,
    clean_up_tokenization_spaces: true,
    pad_token: PAD_TOKEN,
    unk_token: UNK_TOKEN,
  };
}
