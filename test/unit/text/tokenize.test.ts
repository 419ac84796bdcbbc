import { describe, expect, it } from 'vitest';
import { stem, tokenize } from '../../../src/text/tokenize.js';

describe('lexical tokenizer', () => {
  it('drops stop words and folds case, accents and curly apostrophes', () => {
    expect(tokenize('What is Pakistan’s CAFÉ policy?')).toEqual(['pakistan', 'cafe', 'policy']);
  });

  it('drops prepositions that name nothing, so they are never evidence a sentence must hold', () => {
    expect(tokenize('Apart from trade, what happened during the visit between them?')).toEqual(['trade', 'happen', 'visit']);
  });

  it('keeps numbers with their punctuation', () => {
    expect(tokenize('12.4 billion on 2-3 October')).toEqual(['12.4', 'billion', '2-3', 'october']);
  });

  it('indexes hyphenated words as parts and as a whole', () => {
    expect(tokenize('Karachi-Lahore')).toEqual(['karachi', 'lahore', 'karachilahore', 'karachi-lahore']);
  });

  it('joins plural and verb forms to one stem without mangling short words', () => {
    expect(stem('pipelines')).toBe(stem('pipeline'));
    expect(stem('visited')).toBe(stem('visits'));
    expect(stem('cities')).toBe('city');
    expect(stem('gas')).toBe('gas');
    expect(stem('process')).toBe('process');
    expect(stem('taxes')).toBe('tax');
  });
});
