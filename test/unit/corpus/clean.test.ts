import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../src/corpus/clean.js';

const PROSE = 'Moscow and Islamabad signed an agreement on energy cooperation last week. Officials called it a turning point.';

describe('cleanText: normalisation', () => {
  it('normalises Unicode, quotes, odd spaces, line ends and blank lines', () => {
    const raw = 'Cafe\u0301 \u201Cquoted\u201D and Pakistan\u2019s\u00A0role.\r\n\r\n\r\n\r\n   spaced    out\tline   \n\u200Bzero';
    const { text } = cleanText(raw);
    expect(text).toBe('Café "quoted" and Pakistan\'s role.\n\nspaced out line\nzero');
  });

  it('is idempotent', () => {
    const once = cleanText(`Home\nNews\nWorld\nSport\n\nA long headline about the topic at hand\n\n${PROSE}\n\n${PROSE}\n\nShare`).text;
    expect(cleanText(once).text).toBe(once);
  });
});

describe('cleanText: repeated content', () => {
  it('drops a paragraph that repeats an earlier one (compared normalised) and counts it', () => {
    const raw = `Title of the piece\n\n${PROSE}\n\nAnother paragraph with different words.\n\n${PROSE.replace('Officials', 'officials').replaceAll(' ', '  ')}`;
    const { text, report } = cleanText(raw);
    expect(text).toBe(`Title of the piece\n\n${PROSE}\n\nAnother paragraph with different words.`);
    expect(report.duplicateParagraphs).toBe(1);
  });

  it('keeps short lines that legitimately repeat', () => {
    const { text, report } = cleanText('1 Ibid.\n\nSome text here today.\n\n1 Ibid.');
    expect(text).toBe('1 Ibid.\n\nSome text here today.\n\n1 Ibid.');
    expect(report.duplicateParagraphs).toBe(0);
  });

  const passage =
    'Conclusively, the two countries need economic ties because in this age only trade has the power to create understanding among nations. ' +
    'In simple words, a state is as relevant as its economy. Secondly, relations should rest on realpolitik without expecting support on every issue';

  it('removes a passage pasted twice inside one paragraph, keeping the final full stop', () => {
    const { text, report } = cleanText(`${passage} ${passage}.`);
    expect(text).toBe(`${passage}.`);
    expect(report.duplicateParagraphs).toBe(1);
  });

  it('removes a later paragraph\'s copy of an earlier passage but keeps its new sentences', () => {
    const raw = `${passage}.\n\nA middle paragraph.\n\n${passage}. Without over-expecting, both should bridge the gap. Thirdly, balance matters.`;
    const { text, report } = cleanText(raw);
    expect(text).toBe(`${passage}.\n\nA middle paragraph.\n\nWithout over-expecting, both should bridge the gap. Thirdly, balance matters.`);
    expect(report.duplicateParagraphs).toBe(1);
  });

  it('stays fast on very repetitive text (number tables, "Yes. Yes.")', () => {
    const started = performance.now();
    const zeros = cleanText(Array.from({ length: 60_000 }, () => '0').join(' '));
    const yes = cleanText('Yes. '.repeat(60_000));
    const rows = cleanText(Array.from({ length: 5_000 }, (_, i) => `${i % 7} 1 2 3 4 5 6 7 8 9 ${i % 3}`).join('\n'));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(zeros.text.length).toBeGreaterThan(0);
    expect(yes.text.startsWith('Yes.')).toBe(true);
    expect(rows.text.length).toBeGreaterThan(0);
  });

  it('keeps a repeated phrase shorter than a passage (quotes repeat in real articles)', () => {
    const quote = 'matters of mutual interest including enhanced defence and security cooperation were discussed';
    const raw = `The statement said ${quote}. Later that day the minister said ${quote} again.`;
    expect(cleanText(raw).text).toBe(raw);
  });
});

describe('cleanText: boilerplate', () => {
  it('drops comment prompts, share and read-more widgets and obfuscated e-mail lines', () => {
    const raw = [
      PROSE,
      'Share this article',
      'Read more »',
      'Must Read',
      'Related Posts',
      'Click here to subscribe',
      'Subscribe to our newsletter',
      'The writer can be reached at [email\u00A0protected]',
      'Leave a Reply',
      'Your email address will not be published. Required fields are marked *',
    ].join('\n\n');
    const { text, report } = cleanText(raw);
    expect(text).toBe(PROSE);
    expect(report.boilerplateLines).toBe(9);
  });

  it('keeps real sentences that merely contain such words', () => {
    const raw = [
      'Readers who click here and there on the website will find the full text of the treaty in the appendix.',
      'Subscribers to the journal received the report a week early.',
      'Share prices in Karachi rose after the announcement of the pipeline deal.',
    ].join('\n\n');
    const { text, report } = cleanText(raw);
    expect(text).toBe(raw);
    expect(report.boilerplateLines).toBe(0);
  });

  it('drops a navigation menu at the top of a page but keeps the headline and the prose', () => {
    const raw = `Home\nWorld\nBusiness\nOpinion\nContact us\n\nPakistan and Russia sign a new trade agreement\n\n${PROSE}`;
    const { text, report } = cleanText(raw);
    expect(text).toBe(`Pakistan and Russia sign a new trade agreement\n\n${PROSE}`);
    expect(report.boilerplateLines).toBe(5);
  });

  it('keeps a title, byline and date that lead straight into the prose', () => {
    const raw = `Trade talks\n\nBy Jane Doe\n\nMarch 3, 2021\n\nUpdated daily\n\n${PROSE}`;
    expect(cleanText(raw).text).toBe(raw);
  });

  it('keeps short lines further down the document (section headings)', () => {
    const raw = `${PROSE}\n\nBackground\nHistory\nEnergy\nTrade\n\n${PROSE.replace('last week', 'in May')}`;
    expect(cleanText(raw).text).toBe(raw);
  });

  it('leaves the head alone when navigation detection is off (a paper\'s author block)', () => {
    const raw = `Jane Doe\nUniversity of Somewhere\nJohn Roe\nInstitute of Elsewhere\n\nA study of pipelines and the politics around them\n\n${PROSE}`;
    expect(cleanText(raw, { navigation: false }).text).toBe(raw);
    expect(cleanText(raw).text).not.toContain('Jane Doe');
  });

  it('keeps a one-line title followed by prose', () => {
    const raw = `Energy Cooperation\n${PROSE}`;
    expect(cleanText(raw)).toEqual({ text: raw, report: { duplicateParagraphs: 0, boilerplateLines: 0 } });
  });
});
