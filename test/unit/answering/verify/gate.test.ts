import { describe, expect, it } from 'vitest';
import { createSentenceGate } from '../../../../src/answering/verify/gate.js';

const sources = new Map([
  ['talks:1', { text: 'Foreign Minister Sergei Lavrov arrived in Islamabad in October 2012. He held talks with the army chief.', title: 'Lavrov visit' }],
  ['trade:4', { text: 'Bilateral trade stood at around $400 million in 2012.', title: 'Trade' }],
]);
const REPLY = 'Sergei Lavrov arrived in Islamabad in October 2012 [talks:1]. The moon was full. Trade stood at $900 million [trade:4]. He held talks with the army chief [talks:1, ghost:9].';

/** Feeds the reply a few characters at a time, as a model streams it. */
function stream(reply: string, size: number) {
  const passed: string[] = [];
  const gate = createSentenceGate(sources, (text) => passed.push(text));
  for (let i = 0; i < reply.length; i += size) gate.push(reply.slice(i, i + size));
  return { passed, result: gate.end() };
}

describe('createSentenceGate', () => {
  it('passes only supported, cited sentences, and says why it removed the others', () => {
    const { result } = stream(REPLY, REPLY.length);
    expect(result.text).toBe('Sergei Lavrov arrived in Islamabad in October 2012 [talks:1]. He held talks with the army chief [talks:1].');
    expect(result.citedIds).toEqual(['talks:1']);
    expect(result.inventedIds).toEqual(['ghost:9']);
    expect(result.unsupported).toEqual([
      { sentence: 'The moon was full.', citedIds: [], reason: 'it cites no source' },
      { sentence: 'Trade stood at $900 million.', citedIds: ['trade:4'], reason: 'the cited source does not mention "$900 million"' },
    ]);
  });

  it('streams exactly the final text, whatever the token size, and never a removed sentence or an invented id', () => {
    for (const size of [1, 3, 7, 40]) {
      const { passed, result } = stream(REPLY, size);
      expect(passed.join('')).toBe(result.text);
      for (const piece of passed) expect(piece).not.toMatch(/moon|900|ghost/);
    }
  });

  it('holds a sentence back until the next one starts, so a marker after the full stop still counts', () => {
    const passed: string[] = [];
    const gate = createSentenceGate(sources, (text) => passed.push(text));
    gate.push('Sergei Lavrov arrived in Islamabad in October 2012. ');
    expect(passed).toEqual([]);
    gate.push('[talks:1] ');
    gate.push('Then');
    expect(passed).toEqual(['Sergei Lavrov arrived in Islamabad in October 2012. [talks:1]']);
    expect(gate.end().unsupported).toEqual([{ sentence: 'Then', citedIds: [], reason: 'it cites no source' }]);
  });
});

describe('createSentenceGate keeps the layout of the answer', () => {
  const LIST = [
    'Two things happened:',
    '',
    '- Sergei Lavrov arrived in Islamabad in October 2012 [talks:1].',
    '- The moon was full.',
    '- He held talks with the army chief [talks:1].',
    '',
    'Bilateral trade stood at around $400 million in 2012 [trade:4].',
  ].join('\n');

  it('keeps list items on their own lines with their markers, and paragraphs apart (sentences were joined with spaces)', () => {
    const { passed, result } = stream(LIST, LIST.length);
    expect(result.text).toBe(
      [
        '- Sergei Lavrov arrived in Islamabad in October 2012 [talks:1].',
        '- He held talks with the army chief [talks:1].',
        '',
        'Bilateral trade stood at around $400 million in 2012 [trade:4].',
      ].join('\n'),
    );
    expect(passed.join('')).toBe(result.text);
    expect(result.unsupported.map((u) => u.sentence)).toEqual(['Two things happened:', 'The moon was full.']);
  });

  it('gives the same layout whatever the token size', () => {
    const whole = stream(LIST, LIST.length).result.text;
    for (const size of [1, 2, 5, 11]) {
      const { passed, result } = stream(LIST, size);
      expect(result.text).toBe(whole);
      expect(passed.join('')).toBe(whole);
    }
  });
});
