import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWord, preTokenize, words } from '../../../src/embedding/corpus-model/words.js';
import { libraryTokenizer } from '../../../src/embedding/corpus-model/library-tokenizer.js';
import { tokenizerConfig, tokenizerJson, tokenList } from '../../../src/embedding/corpus-model/tokenizer.js';
import { defaultCorpusDir } from '../../helpers/default-corpus.js';

// The reference: transformers.js's own BertNormalizer + BertPreTokenizer, as configured in tokenizer.json.
const reference = libraryTokenizer(tokenizerJson(tokenList([])), tokenizerConfig());
const libraryPreTokenize = (text: string) => reference.pre_tokenizer.pre_tokenize(reference.normalizer.normalize(text));

const corpusDir = defaultCorpusDir;

describe('corpus-model words', () => {
  it.each([
    'Café Karachi–Lahore pipeline: 12.4 billion cubic metres (annually)!',
    'Pakistan’s “flagship” project — naïve résumé, coöperate; e-mail@example.com',
    'tabs\tand\nnewlines\r\nand\u000Bvertical\u0085next-line\u200Bzero-width\u00ADsoft hyphen',
    '中文字符 mixed with 日本語 and 한국어 text, ＦＵＬＬＷＩＤＴＨ letters',
    'Ünïcödé ÀÉÎÕÜ ß ﬁ ligature Ǆ İstanbul',
    '  leading and trailing   ',
    '$300 to $500 million; 50,000 doses; 9/11; #hashtag @user ^caret `tick` ~tilde',
    '',
  ])('splits %j exactly as transformers.js does', (text) => {
    expect(preTokenize(text)).toEqual(libraryPreTokenize(text));
  });

  it('agrees with transformers.js on the whole default corpus', () => {
    for (const name of readdirSync(corpusDir)) {
      const text = readFileSync(path.join(corpusDir, name), 'utf8');
      expect(preTokenize(text), name).toEqual(libraryPreTokenize(text));
    }
  });

  it('keeps words (letters or digits) and drops punctuation', () => {
    expect(words('Gas: 12.4 bcm — “annually”!')).toEqual(['gas', '12', '4', 'bcm', 'annually']);
    expect(isWord('—')).toBe(false);
    expect(isWord('x'.repeat(101))).toBe(false);
  });
});
