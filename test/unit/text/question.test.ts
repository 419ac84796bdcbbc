import { describe, expect, it } from 'vitest';
import { phraseKind } from '../../../src/text/noun-kind.js';
import { analyseQuestion, questionKind, type QuestionKind } from '../../../src/text/question.js';

describe('questionKind', () => {
  it.each<[string, QuestionKind]>([
    ['When did the Normans arrive?', 'date'],
    ['Since when has the bridge been closed?', 'date'],
    ['Do you know when the war ended?', 'date'],
    ['In which year did Shoigu visit Pakistan?', 'date'],
    ['Which century saw the Normans arrive in Italy?', 'date'],
    ['What decade did the boom start?', 'date'],
    ['Who was the treasurer?', 'person'],
    ['Whom did the treasurer succeed?', 'person'],
    ['Which Russian Prime Minister made the only summit-level visit?', 'person'],
    ['Where did Imran Khan meet President Putin?', 'place'],
    ['What is the capital of France?', 'place'],
    ['From which countries would it transmit electricity?', 'place'],
    ['Which company built the plant?', 'organization'],
    ['How many tonnes of wheat did Russia export?', 'number'],
    ['How old is the bridge?', 'number'],
    ['How much did the pipeline cost?', 'money'],
    ['What percentage of voters agreed?', 'percent'],
    ['How long did the war last?', 'duration'],
    ['Why did the talks fail?', 'reason'],
    ['What was the reason for the visit?', 'reason'],
    ['What is photosynthesis?', 'definition'],
    ['What does CASA stand for?', 'definition'],
    ['How do I run tests in watch mode?', 'description'],
    ['What are the three branches of government?', 'list'],
    ['Name the rivers of France.', 'list'],
    ['Is vitest faster than jest?', 'yes-no'],
  ])('%s → %s', (question, kind) => {
    expect(questionKind(question)).toBe(kind);
  });

  it('does not read "when" as a conjunction as a date question', () => {
    expect(questionKind('What happens when the river freezes?')).not.toBe('date');
    expect(questionKind('What happens when the river freezes?')).toBe('description');
    expect(questionKind('Why do pipes burst when the water freezes?')).toBe('reason');
    expect(questionKind('Who spoke when the session opened?')).toBe('person');
  });

  it('names the wh-word and the class noun', () => {
    expect(analyseQuestion('In which year did Shoigu visit Pakistan?')).toEqual({ kind: 'date', whWord: 'which', focus: 'year' });
  });
});

describe('phraseKind', () => {
  it('reads the longest compound WordNet knows', () => {
    expect(phraseKind(['power', 'plants'])).toBeUndefined();
    expect(phraseKind(['prime', 'minister'])).toBe('person');
  });
});
