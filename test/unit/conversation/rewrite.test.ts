import { describe, expect, it } from 'vitest';
import { leansOnHistory, rewriteFollowUp } from '../../../src/conversation/rewrite.js';
import type { Turn } from '../../../src/types.js';

const asked = (question: string, rewritten = question): Turn => ({ question, rewritten, answer: 'Some answer [doc:1].', citedIds: ['doc:1'] });

describe('rewriteFollowUp', () => {
  it('carries the person a pronoun refers to', () => {
    const r = rewriteFollowUp('When did he arrive in Moscow?', [asked('Who is General Kayani?')]);
    expect(r.rewritten).toBe(true);
    expect(r.query).toMatch(/^When did he arrive in Moscow\? /);
    expect(r.query).toContain('Kayani');
  });

  it('carries the subject of "it" in a question with no subject of its own', () => {
    const r = rewriteFollowUp('How much will it cost?', [asked('When will construction of the Karachi-Lahore gas pipeline begin?')]);
    expect(r.rewritten).toBe(true);
    expect(r.query).toContain('pipeline');
    expect(r.query).toContain('Karachi-Lahore');
  });

  it('carries the event a question continues with "instead"', () => {
    const { query, rewritten } = rewriteFollowUp('Whom did Russia send to Islamabad instead?', [asked("Why was Putin's 2012 visit to Pakistan cancelled?")]);
    expect(rewritten).toBe(true);
    for (const term of ['Putin', 'visit', 'cancelled']) expect(query).toContain(term);
  });

  it('does not repeat words the new question already has', () => {
    const { query } = rewriteFollowUp('What did he do in Moscow?', [asked('When did General Kayani arrive in Moscow?')]);
    expect(query).toContain('Kayani');
    expect(query.match(/Moscow/g)).toHaveLength(1);
  });

  it('carries a code name whole', () => {
    const r = rewriteFollowUp('From which countries would it transmit electricity?', [asked('What is CASA-1000?')]);
    expect(r.query).toBe('From which countries would it transmit electricity? CASA-1000');
  });

  it('follows a chain through the previous rewritten query', () => {
    const first = asked('Who is General Kayani?');
    const second = asked('When did he arrive in Moscow?', rewriteFollowUp('When did he arrive in Moscow?', [first]).query);
    const third = rewriteFollowUp('Whom did he call on the next day?', [first, second]);
    expect(third.query).toContain('Kayani');
  });

  it('leaves self-contained questions alone', () => {
    const history = [asked('Who is General Kayani?')];
    for (const question of ['What is the capital of France?', 'Who is Putin?', 'Is there a gas pipeline between Karachi and Lahore?', 'Which Pakistani leader visited Russia in 1965?']) {
      expect(rewriteFollowUp(question, history)).toEqual({ query: question, rewritten: false, carried: [] });
    }
  });

  it('treats a follow-up that names its own new subject as standalone, even opening with "And"', () => {
    const history = [asked('Who is General Kayani?')];
    for (const question of ['And who is the chief editor of the Journal of America?', 'And what did Lavrov say in Islamabad?', 'When did Imran Khan announce his visit to Moscow?']) {
      expect(rewriteFollowUp(question, history)).toEqual({ query: question, rewritten: false, carried: [] });
    }
  });

  it('leaves the first question of a conversation alone', () => {
    expect(rewriteFollowUp('When did he arrive?', [])).toEqual({ query: 'When did he arrive?', rewritten: false, carried: [] });
  });
});

describe('leansOnHistory', () => {
  it.each(['Why?', 'Is that true?', 'And Lavrov?', 'And how do I switch to the other one?', 'Did he cancel his visit?', 'What about trade?', 'What was the outcome?', 'What happened there?', 'Did they sign it?', 'Was it the same?', 'Which city hosted that conference?', 'What did those talks achieve?'])(
    '"%s" leans on the turn before',
    (question) => expect(leansOnHistory(question)).toBe(true),
  );

  it.each(['What is the capital of France?', 'Who is Putin?', 'Are there any Russian banks in Pakistan?', 'How much will the Karachi-Lahore pipeline cost?', 'And who edits the Journal of America?', 'Did Putin cancel his visit?', 'Is there a setting that makes every test concurrent?', 'Who said that Russia would help?'])(
    '"%s" stands alone',
    (question) => expect(leansOnHistory(question)).toBe(false),
  );
});

describe('rewriteFollowUp after a who-question', () => {
  it('carries the person the previous answer named, first', () => {
    const previous: Turn = {
      question: 'Which Pakistani army chief visited Russia in October 2012?',
      rewritten: 'Which Pakistani army chief visited Russia in October 2012?',
      answer: 'Sardyukov preferred to meet Chief of Army Staff General Ashfaq Pervaiz Kayani, who had arrived in Russia. [doc:15]',
      citedIds: ['doc:15'],
    };
    const r = rewriteFollowUp('On what day did he get to Moscow?', [previous]);
    expect(r.carried).toEqual(expect.arrayContaining(['General', 'Ashfaq', 'Pervaiz', 'Kayani']));
    expect(r.carried.indexOf('Kayani')).toBeLessThan(5);
    expect(r.query).not.toContain('Sardyukov');
  });

  it('of several people the answer names, carries the one whose title was asked for, typo and all', () => {
    const previous: Turn = {
      question: 'Which Russian prime minister visited Pakistan in 2007?',
      rewritten: 'Which Russian prime minister visited Pakistan in 2007?',
      answer: 'There was one summit-level visit, in 2007 by then Prime Minster Mikhail Fradkov. Another visit was by Russian Defence Minister Sergei Shoigu in 2014. [visits:1]',
      citedIds: ['visits:1'],
    };
    const r = rewriteFollowUp('How long did his visit last?', [previous]);
    expect(r.carried).toEqual(expect.arrayContaining(['Mikhail', 'Fradkov']));
    expect(r.query).not.toContain('Shoigu');
  });

  it('does not take names from an answer that was not grounded', () => {
    const previous: Turn = { question: 'Who is General Kayani?', rewritten: 'Who is General Kayani?', answer: "The documents don't say.", citedIds: [] };
    expect(rewriteFollowUp('When did he arrive?', [previous]).carried).toEqual(['General', 'Kayani']);
  });
});

describe('rewriteFollowUp carries what the previous answer named', () => {
  it("spells the subject as the answer does, not with the question's typo", () => {
    const previous: Turn = {
      question: 'Who is Genral Kayanni?',
      rewritten: 'Who is Genral Kayanni?',
      answer: 'Chief of Army Staff General Ashfaq Kayani arrived in Moscow on October 4. [warm-up:5]',
      citedIds: ['warm-up:5'],
    };
    const r = rewriteFollowUp('When did he arrive?', [previous]);
    expect(r.carried).toContain('Kayani');
    expect(r.carried).toContain('General');
    expect(r.query).not.toContain('Kayanni');
    expect(r.query).not.toContain('Genral');
  });

  it('carries the thing a which-answer named into a question about "them"', () => {
    const previous: Turn = {
      question: 'Which air defence system is India buying?',
      rewritten: 'Which air defence system is India buying?',
      answer: "Meanwhile, India's planned purchase of the S-400 missile defense system from Russia runs the risk of triggering US sanctions. [ties:15]",
      citedIds: ['ties:15'],
    };
    const r = rewriteFollowUp('How many of them did India order?', [previous]);
    expect(r.carried).toContain('S-400');
    expect(r.carried.indexOf('S-400')).toBeLessThan(r.carried.indexOf('buying'));
    expect(rewriteFollowUp('How many of them did India order?', [{ ...previous, citedIds: [] }]).carried).not.toContain('S-400');
  });

  it('carries the place a where-answer named into a question about "there"', () => {
    const previous: Turn = {
      question: 'Where was the Heart of Asia Conference held in December 2016?',
      rewritten: 'Where was the Heart of Asia Conference held in December 2016?',
      answer: 'The Russian delegate spoke at the Heart of Asia Conference in Amritsar (India) in December 2016. [ties:3]',
      citedIds: ['ties:3'],
    };
    expect(rewriteFollowUp('Who spoke there?', [previous]).carried[0]).toBe('Amritsar');
  });
});

