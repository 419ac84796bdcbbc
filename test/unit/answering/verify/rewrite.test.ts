import { describe, expect, it } from 'vitest';
import { checkRewrite } from '../../../../src/answering/verify/rewrite.js';
import type { Turn } from '../../../../src/types.js';

const history: Turn[] = [
  {
    question: 'Why was Putin’s 2012 visit to Pakistan cancelled?',
    rewritten: 'Why was Putin’s 2012 visit to Pakistan cancelled?',
    answer: 'President Putin cancelled his visit to Islamabad in October 2012 [lavrov-visit-new-strides:3].',
    citedIds: ['lavrov-visit-new-strides:3'],
  },
];

describe('checkRewrite', () => {
  it('accepts a rewrite that names what the pronouns stood for', () => {
    expect(checkRewrite('Whom did Russia send to Islamabad instead of President Putin in 2012?', 'Whom did they send instead?', history)).toEqual({ ok: true });
    expect(checkRewrite('When did General Ashfaq Parvez Kayani arrive in Moscow?', 'When did he arrive?', history)).toEqual({ ok: true });
  });

  it('rejects a rewrite that is the answer, citation markers included (it was used as the search query)', () => {
    const verdict = checkRewrite('Russia sent Sergei Lavrov [lavrov-visit-new-strides:7].', 'Whom did they send instead?', history);
    expect(verdict).toEqual({ ok: false, reason: 'it contains citation markers' });
  });

  it('rejects answer-like text: statements and the refusal phrase', () => {
    expect(checkRewrite('Russia sent Foreign Minister Sergei Lavrov.', 'Whom did they send instead?', history)).toMatchObject({ ok: false, reason: expect.stringMatching(/reads as an answer/) });
    expect(checkRewrite("The documents don't say", 'Whom did they send instead?', history)).toMatchObject({ ok: false, reason: expect.stringMatching(/reads as an answer/) });
  });

  it('rejects a rewrite much longer than the question', () => {
    const long = `Whom did Russia send ${'to the very important and long-planned meetings '.repeat(3)}instead?`;
    expect(checkRewrite(long, 'Whom did they send instead?', history)).toMatchObject({ ok: false, reason: expect.stringMatching(/words long, more than 22/) });
  });

  it('rejects a rewrite about something else entirely', () => {
    expect(checkRewrite('Who won the football world cup final?', 'Whom did they send instead?', history)).toMatchObject({ ok: false, reason: expect.stringMatching(/shares no content word/) });
  });
});
