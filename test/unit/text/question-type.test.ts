import { describe, expect, it } from 'vitest';
import { answerPhrase, categoryWords, expectsAnswerKind, predicateVerb, questionType, requiredMeasure, titledNames, type AnswerKind } from '../../../src/text/question-type.js';

describe('questionType', () => {
  it.each<[string, AnswerKind]>([
    ['How many times have President Zardari and Medvedev met since May 2011?', 'number'],
    ['How much will the pipeline cost?', 'number'],
    ['How long, in miles, is the natural gas pipeline?', 'number'],
    ['On what date did General Kayani arrive in Moscow?', 'date'],
    ['In which year did Sergei Shoigu visit Pakistan?', 'date'],
    ['When was the agreement signed?', 'date'],
    ['Who was the Pakistani foreign minister who held talks with Lavrov?', 'person'],
    ['Whom did Russia send to Islamabad instead?', 'person'],
    ['Which Russian Prime Minister made the only summit-level visit?', 'person'],
    ['Where did Imran Khan meet President Putin?', 'place'],
    ['From which countries would it transmit electricity?', 'place'],
    ['What is the capital of France?', 'place'],
    ['Which company will build the pipeline?', 'organisation'],
    ["Why was Putin's 2012 visit to Pakistan cancelled?", 'reason'],
    ['What was the reason for the delay?', 'reason'],
    ['What is CASA-1000?', 'definition'],
    ['What did President Zardari say in Moscow in 2011?', 'other'],
    ['Which power plants is Russia willing to upgrade?', 'other'],
  ])('%s → %s', (question, kind) => {
    expect(questionType(question)).toBe(kind);
  });
});

describe('answerPhrase and categoryWords', () => {
  it('take the words naming the answer, up to an auxiliary or a function word', () => {
    expect(answerPhrase('Which Russian Prime Minister made the visit?')).toBe('russian prime minister');
    expect(answerPhrase('How long, in miles, is the pipeline?')).toBe('long');
    expect(answerPhrase('What did President Zardari say?')).toBe('');
    expect(answerPhrase('What is the capital of France?')).toBe('capital');
  });

  it('are the phrase up to its class word, and nothing for attributes or things the answer repeats', () => {
    expect(categoryWords('In which year did Shoigu visit?')).toEqual(['year']);
    expect(categoryWords('How many times have they met?')).toEqual(['many']);
    expect(categoryWords('Which Pakistani leader visited Russia in 1965?')).toEqual(['pakistani', 'leader']);
    expect(categoryWords('What is the population of Moscow?')).toEqual([]);
    expect(categoryWords('Which power plants is Russia willing to upgrade?')).toEqual([]);
  });
});

describe('expectsAnswerKind', () => {
  it.each<[AnswerKind, string, number]>([
    ['number', 'They have met six times since May 2011.', 1],
    ['number', 'It will cost an estimated £2 billion.', 1],
    ['number', 'Trade rose by 46 percent.', 1],
    ['number', 'He arrived on October 4, 2012.', 0.4],
    ['number', 'He arrived in Moscow.', 0],
    ['date', 'Kayani arrived in Moscow on October 4 and laid a wreath.', 1],
    ['date', 'The agreement was signed in 1965.', 0.9],
    ['date', 'The talks were held last week.', 0.7],
    ['date', 'The talks went well.', 0],
    ['person', 'Putin dispatched Foreign Minister Sergei Lavrov to Islamabad.', 1],
    ['person', 'Abdus Sattar Ghazali is the Chief Editor of the Journal of America.', 1],
    ['person', 'The talks went well.', 0],
    ['place', 'He met President Putin in Bishkek on the sidelines.', 1],
    ['place', 'The talks went well.', 0],
    ['organisation', 'Gazprom representatives met the Inter-Governmental Commission.', 1],
    ['organisation', 'He joined the SCO.', 1],
    ['reason', 'The visit was cancelled because of security concerns.', 1],
    ['reason', 'The visit was cancelled.', 0.2],
    ['definition', 'CASA-1000 is a project to carry electricity from Central Asia.', 1],
    ['other', 'Anything at all.', 0.5],
  ])('%s in "%s" → %d', (kind, sentence, expected) => {
    expect(expectsAnswerKind(sentence, kind)).toBe(expected);
  });

  it('does not take a month for a place after "in"', () => {
    expect(expectsAnswerKind('The summit opened in October with a speech.', 'place')).toBeLessThan(1);
  });
});

describe('predicateVerb', () => {
  it.each([
    ['Whom did Russia send to Islamabad instead?', 'send'],
    ['When did he arrive in Moscow?', 'arrive'],
    ['What did President Zardari say in Moscow in 2011?', 'say'],
    ['Which countries would it connect?', 'connect'],
  ])('finds the verb of a do-support question with a name or pronoun subject: %s', (question, verb) => {
    expect(predicateVerb(question)).toBe(verb);
  });

  it.each(['Why did the talks fail?', 'What is the gross domestic product of Russia?', 'Who met Putin?'])('makes no guess otherwise: %s', (question) => {
    expect(predicateVerb(question)).toBeUndefined();
  });
});

describe('requiredMeasure', () => {
  it.each([
    ['How many tonnes of wheat did Russia export?', { counted: 'tonnes' }],
    ['How many Sputnik V doses does Pakistan plan to buy?', { counted: 'doses' }],
    ['How many kilometres long is the pipeline?', { counted: 'kilometres' }],
    ['How much will the pipeline cost?', { money: true }],
    ['How much gas will it carry each year?', {}],
    ['How many of them came?', {}],
    ["Who was Russia's ambassador to Pakistan?", { role: 'ambassador' }],
    ['Who is General Kayani?', {}],
  ])('%s', (question, measure) => {
    expect(requiredMeasure(question)).toEqual(measure);
  });
});

describe('titledNames and months', () => {
  it('finds people named with a title', () => {
    expect(titledNames('Sardyukov preferred to meet Chief of Army Staff General Ashfaq Pervaiz Kayani, who had arrived.')).toEqual(['General Ashfaq Pervaiz Kayani']);
  });

  it('reads only capitalised month names as months', () => {
    expect(expectsAnswerKind('Be that as it may, the two countries warmed up.', 'date')).toBe(0);
    expect(expectsAnswerKind('The talks were held in May.', 'date')).toBeGreaterThan(0);
    expect(expectsAnswerKind('This summer, a Russian consortium will begin construction.', 'date')).toBeGreaterThan(0);
    expect(expectsAnswerKind('Construction will begin soon.', 'date')).toBeGreaterThan(0);
  });
});
