import { describe, expect, it } from 'vitest';
import { cosine, coverage, profileQuestion, scoreSentence, type QuestionProfile } from '../../../src/answering/sentence-score.js';
import { contentTerms } from '../../../src/text/terms.js';
import { hashEmbed } from './corpus-chunks.js';

const terms = (text: string) => new Set(contentTerms(text));

function profile(question: string, contexts: string[] = []): QuestionProfile {
  return profileQuestion(question, hashEmbed(question), contexts.map(terms));
}

function score(p: QuestionProfile, sentence: string, { context = sentence, rank = 1, vector = hashEmbed(sentence) } = {}) {
  return scoreSentence(p, { text: sentence, vector, contextTerms: terms(context), rank });
}

describe('profileQuestion', () => {
  it('weighs a term every retrieved chunk shares less than one none of them has', () => {
    const p = profile('What is the gross domestic product of Russia?', ['Russia and Pakistan signed a deal.', 'Russia sent wheat.']);
    const weight = (t: string) => p.terms.find((x) => x.term === t)!.weight;
    expect(weight('russia')).toBe(1);
    expect(weight('gross')).toBe(3);
    expect(p.terms.find((x) => x.term === 'russia')!.name).toBe(true);
    expect(p.terms.find((x) => x.term === 'gross')!.name).toBe(false);
  });

  it('discounts words that name the answer class, which the answer need not repeat', () => {
    const p = profile('In which year did Shoigu visit Pakistan?');
    expect(p.kind).toBe('date');
    expect(p.terms.find((x) => x.term === 'year')!.weight).toBeLessThan(p.terms.find((x) => x.term === 'visit')!.weight);
  });
});

describe('coverage', () => {
  const p = profile('Who is the president of France?');
  it('is 1 when everything is found and 0 when nothing is', () => {
    expect(coverage(p.terms, terms('The president of France spoke.'))).toBeCloseTo(1);
    expect(coverage(p.terms, terms('Wheat prices rose.'))).toBe(0);
  });

  it('lets a half that carries little of the question weigh little: a light verb beside three names', () => {
    const q = profile('Where did Lavrov hold talks with General Bajwa?');
    const namesOnly = coverage(q.terms, terms("Lavrov met Pakistan's army chief, General Qamar Javed Bajwa, at army headquarters."));
    expect(namesOnly).toBeGreaterThan(coverage(p.terms, terms('France voted against the motion.')));
    expect(namesOnly).toBeGreaterThan(0.5);
  });

  it('is low when either the names or the other words are all missing', () => {
    const namesOnly = coverage(p.terms, terms('France voted against the motion.'));
    const wordsOnly = coverage(p.terms, terms('The president spoke.'));
    expect(namesOnly).toBeLessThan(0.4);
    expect(wordsOnly).toBeLessThan(0.4);
    expect(namesOnly).toBeGreaterThan(0);
  });

  it('is 0 for a question without content words', () => {
    expect(coverage(profile('Who is he?').terms, terms('He is the president.'))).toBe(0);
  });
});

describe('scoreSentence', () => {
  const q = profile('On what date did General Kayani arrive in Moscow?');

  it('prefers the sentence holding a date for a "when" question', () => {
    const withDate = score(q, 'General Kayani arrived in Moscow on October 4 for talks.');
    const without = score(q, 'General Kayani arrived in Moscow for talks with the army.');
    expect(withDate.kindFit).toBe(1);
    expect(without.kindFit).toBe(0);
    expect(withDate.score).toBeGreaterThan(without.score * 1.5);
  });

  it('gives 0 to a sentence whose evidence holds none of the question terms, however similar its vector', () => {
    const s = score(q, 'Wheat exports rose sharply on October 4.', { vector: q.vector });
    expect(s.similarity).toBeCloseTo(1);
    expect(s.score).toBe(0);
  });

  it('counts the neighbouring sentences as evidence for grounding, not for overlap', () => {
    const sentence = 'Next day he called on General Makarov on October 5.';
    const alone = score(q, sentence);
    const withContext = score(q, sentence, { context: `Kayani arrived in Moscow. ${sentence}` });
    expect(withContext.overlap).toBe(alone.overlap);
    expect(withContext.grounding).toBeGreaterThan(alone.grounding);
    expect(withContext.score).toBeGreaterThan(alone.score);
  });

  it('penalises a sentence that only restates the question', () => {
    const restated = score(q, 'General Kayani arrived in Moscow, on a date.');
    const answering = score(q, 'General Kayani arrived in Moscow on October 4.');
    expect(restated.novel).toBe(false);
    expect(answering.novel).toBe(true);
    expect(restated.score).toBeLessThan(answering.score * 0.5);
  });

  it('gives a small bonus to sentences from higher-ranked chunks', () => {
    const sentence = 'General Kayani arrived in Moscow on October 4.';
    expect(score(q, sentence, { rank: 1 }).score).toBeGreaterThan(score(q, sentence, { rank: 5 }).score);
  });

  it('looks for the answer kind outside the question: a person already named is no answer to "whom"', () => {
    const p = profile('Whom did President Putin dispatch to Islamabad?');
    expect(score(p, 'President Putin was in Islamabad briefly.').kindFit).toBeLessThan(1);
    expect(score(p, 'President Putin dispatched Foreign Minister Sergei Lavrov to Islamabad.').kindFit).toBe(1);
  });
});

describe('cosine', () => {
  it('is the dot product of normalised vectors', () => {
    expect(cosine(new Float32Array([0.6, 0.8]), new Float32Array([0.6, 0.8]))).toBeCloseTo(1);
    expect(cosine(new Float32Array([1, 0]), new Float32Array([0, 1]))).toBe(0);
  });
});

describe('the measure a number must have', () => {
  it('turns down a number of the wrong measure', () => {
    const q = profile('How many tonnes of wheat did Russia export to Pakistan last year?');
    const sentence = 'Trade between Russia and Pakistan last year hit $790 million, mainly due to Russian wheat exports.';
    const withTonnes = 'Russia exported 500,000 tonnes of wheat to Pakistan last year.';
    expect(score(q, sentence).kindFit).toBe(0);
    expect(score(q, withTonnes).kindFit).toBe(1);
    expect(score(q, withTonnes).score).toBeGreaterThan(score(q, sentence).score * 2);
  });

  it('wants money for "how much … cost"', () => {
    const q = profile('How much did each Mi-35 helicopter cost?');
    expect(score(q, 'Russia supplied four Mi-35 helicopters in 2017.').kindFit).toBe(0);
    expect(score(q, 'Each Mi-35 helicopter cost $12 million.').kindFit).toBe(1);
  });
});
