/**
 * A tiny stand-in for Xenova/all-MiniLM-L6-v2 that loads offline, generated
 * whole by the test: a BERT-shaped WordPiece tokenizer (MiniLM's normalizer,
 * pre-tokenizer, special-token ids and [CLS]/[SEP] template over a small
 * vocabulary of letters, digits and a few words), a BERT config, and a seeded
 * random embedding table with BERT's inputs. It exercises the whole neural
 * path (real WordPiece, ONNX session, mean pooling) without MiniLM's 23 MB of
 * weights, which this machine cannot download, and without `../shared`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gaussianArray } from '../../src/embedding/corpus-model/random.js';
import { encodeEmbeddingTableModel } from '../../src/embedding/onnx-table.js';

export const TINY_BERT_ID = 'Xenova/all-MiniLM-L6-v2';

// BERT's special tokens at MiniLM's ids; ids 1–99 are BERT's "[unusedN]" slots.
const SPECIAL_IDS = { '[PAD]': 0, '[UNK]': 100, '[CLS]': 101, '[SEP]': 102, '[MASK]': 103 } as const;
const LETTERS = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
const PUNCTUATION = [...'.,;:!?\'"()-–—’“”/$%&'];
const WORDS = ['the', 'in', 'of', 'and', 'gas', 'pipe', 'line', 'cricket', 'match', 'vaccine', 'dose', 'visit', 'steel', 'mill', 'un', 'able', 'kara', 'chi'];

/** The vocabulary, by id: specials, unused slots, whole pieces, then `##` continuations. */
export const TINY_BERT_TOKENS: readonly string[] = (() => {
  const tokens = Array.from({ length: 104 }, (_, id) => `[unused${id}]`);
  for (const [token, id] of Object.entries(SPECIAL_IDS)) tokens[id] = token;
  const pieces = [...WORDS, ...LETTERS, ...PUNCTUATION];
  return [...tokens, ...pieces, ...[...WORDS, ...LETTERS].map((piece) => `##${piece}`)];
})();

const special = (content: string, id: number) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });

/** `tokenizer.json` in the Hugging Face tokenizers format, configured as MiniLM's is. */
export function tinyBertTokenizerJson(): Record<string, unknown> {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: Object.entries(SPECIAL_IDS).map(([token, id]) => special(token, id)),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [SPECIAL_IDS['[CLS]']], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [SPECIAL_IDS['[SEP]']], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(TINY_BERT_TOKENS.map((token, id) => [token, id])),
    },
  };
}

export function tinyBertTokenizerConfig(): Record<string, unknown> {
  return {
    tokenizer_class: 'BertTokenizer',
    model_max_length: 512,
    do_lower_case: true,
    do_basic_tokenize: true,
    strip_accents: null,
    tokenize_chinese_chars: true,
    clean_up_tokenization_spaces: true,
    ...Object.fromEntries(['pad', 'unk', 'cls', 'sep', 'mask'].map((name) => [`${name}_token`, `[${name.toUpperCase()}]`])),
  };
}

/** The tiny model's token table (row-major vocabulary × dims), reproducible from its seed. */
export function tinyBertTable(dims: number): Float32Array {
  return Float32Array.from(gaussianArray(TINY_BERT_TOKENS.length * dims, 1234));
}

/**
 * Writes `<root>/Xenova/all-MiniLM-L6-v2/` and returns `root`, the models
 * directory to load it from. `weights: false` leaves out the ONNX file, as a
 * models directory holding only MiniLM's tokenizer and config would.
 */
export function createTinyBertModelsDir(root: string, dims = 32, { weights = true } = {}): string {
  const target = path.join(root, TINY_BERT_ID);
  mkdirSync(path.join(target, 'onnx'), { recursive: true });
  const write = (file: string, json: unknown) => writeFileSync(path.join(target, file), JSON.stringify(json, null, 2));
  write('tokenizer.json', tinyBertTokenizerJson());
  write('tokenizer_config.json', tinyBertTokenizerConfig());
  write('config.json', {
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: dims,
    vocab_size: TINY_BERT_TOKENS.length,
    max_position_embeddings: 512,
    type_vocab_size: 2,
    pad_token_id: SPECIAL_IDS['[PAD]'],
  });
  if (weights) {
    const onnx = encodeEmbeddingTableModel({ table: tinyBertTable(dims), rows: TINY_BERT_TOKENS.length, dims, ignoredInputs: ['attention_mask', 'token_type_ids'] });
    writeFileSync(path.join(target, 'onnx', 'model_quantized.onnx'), onnx);
  }
  return root;
}
