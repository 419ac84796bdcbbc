import { describe, expect, it } from 'vitest';
import { antonyms, derivations, isWord, nounSenses, phrasalSynonyms, synonyms } from '../../../src/text/wordnet.js';

describe('WordNet', () => {
  it('finds antonyms through the lemma: rose/fell are rise/fall', () => {
    expect(antonyms('rose').has('fall')).toBe(true);
    expect(antonyms('fell').has('rise')).toBe(true);
    expect(antonyms('increase').has('decrease')).toBe(true);
    expect(antonyms('second').has('first')).toBe(true);
    expect(antonyms('visit').size).toBe(0);
  });

  it('finds derivationally related forms both ways: arrival/arrive', () => {
    expect(derivations('arrival').has('arrive')).toBe(true);
    expect(derivations('arrived').has('arrival')).toBe(true);
    expect(derivations('invasion').has('invade')).toBe(true);
  });

  it('finds synonyms in any sense, the word itself left out', () => {
    const buy = synonyms('purchased');
    expect(buy.has('buy')).toBe(true);
    expect(buy.has('purchase')).toBe(false);
    expect(synonyms('dispatched').has('send off')).toBe(true);
  });

  it('finds what the phrasal verbs of a word are also called: send (off) → dispatch', () => {
    expect(phrasalSynonyms('send').has('dispatch')).toBe(true);
    expect(phrasalSynonyms('sending').has('dispatch')).toBe(true);
    expect(synonyms('send').has('dispatch')).toBe(false);
  });

  it('classes noun senses with their lexicographer file and hypernyms', () => {
    const [city] = nounSenses('cities', 1);
    expect(city?.lexname).toBe('noun.location');
    expect(city?.ancestors.has('location')).toBe(true);
    expect(nounSenses('leader', 1)[0]?.lexname).toBe('noun.person');
    expect(nounSenses('xyzzyq')).toEqual([]);
  });

  it('knows multi-word lemmas', () => {
    expect(isWord('power plant', 'noun')).toBe(true);
    expect(isWord('plant power', 'noun')).toBe(false);
  });
});
