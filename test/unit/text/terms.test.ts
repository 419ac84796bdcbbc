import { describe, expect, it } from 'vitest';
import { contentTerms, hasTerm, nameTerms, sameTerm, surfaceWords } from '../../../src/text/terms.js';

describe('content terms', () => {
  it('split hyphenated words into their parts, numbers included', () => {
    expect(contentTerms('a 680-mile pipeline')).toEqual(['680', 'mile', 'pipeline']);
    expect(contentTerms('CASA-1000')).toEqual(contentTerms('CASA 1000'));
  });

  it('unify irregular verbs and drop fillers', () => {
    expect(contentTerms('What did he say?')).toEqual(contentTerms('he said'));
    expect(contentTerms('Whom did Russia send instead?')).toEqual(['russia', 'send']);
  });
});

describe('sameTerm / hasTerm', () => {
  it('match inflections and derivations that share a long prefix', () => {
    expect(sameTerm('arrive', 'arriv')).toBe(true);
    expect(sameTerm('transmit', 'transmission')).toBe(true);
    expect(sameTerm('russia', 'russian')).toBe(true);
    expect(hasTerm(new Set(contentTerms('The visit was cancelled')), 'cancellation')).toBe(true);
  });

  it('do not match short words, numbers or different words', () => {
    expect(sameTerm('gas', 'gasoline')).toBe(false);
    expect(sameTerm('2012', '20121')).toBe(false);
    expect(sameTerm('plant', 'plann')).toBe(false);
    expect(sameTerm('visit', 'vision')).toBe(false);
  });
});

describe('names', () => {
  it('are capitalised words and numbers, never a sentence-opening function word', () => {
    expect([...nameTerms("Why was Putin's 2012 visit to Pakistan cancelled?")]).toEqual(['putin', '2012', 'pakistan']);
    expect(surfaceWords("Putin's CASA-1000 plan")).toEqual(['Putin', 'CASA-1000', 'plan']);
  });
});
