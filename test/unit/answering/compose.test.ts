import { describe, expect, it, vi } from 'vitest';
import { answerCandidates, composeExtractive, NOT_IN_DOCUMENTS, type ComposeOptions } from '../../../src/answering/compose.js';
import { defaultAnswerModel, holdsAnswer } from '../../../src/answering/model.js';
import { AYUB, CASA, embed, LAVROV_REASSURE, FRANCE, KAYANI, PIPELINE, PUTIN_CANCELLED, retrieved, SHOIGU, TRADE, ZARDARI } from './corpus-chunks.js';

// Which passage is quoted, apart from whether it is: no minimum confidence. The refusal tests use
// the shipped model's own threshold, as /ask does.
const options: ComposeOptions = { embed, maxSentences: 2, minConfidence: 0 };
const threshold = defaultAnswerModel().threshold;
const refusing: ComposeOptions = { embed, maxSentences: 2 };
const KAYANI_SENTENCE =
  'Chief of Army Staff (COAS) General Ashfaq Kayani arrived in Moscow on October 4 and visited the tomb of an unknown soldier at the Kremlin to lay a floral wreath.';

describe('composeExtractive on sentences from the default corpus', () => {
  const chunks = retrieved(
    ['pakistan-russia-relations-warm-up:5', KAYANI],
    ['new-initiatives-pak-russia:0', PUTIN_CANCELLED],
    ['new-initiatives-pak-russia:1', SHOIGU],
    ['lavrov-visit-new-strides:7', PIPELINE],
    ['lavrov-visit-new-strides:8', TRADE],
  );

  it('quotes the sentence holding the date, verbatim, followed by its chunk id', async () => {
    const a = await composeExtractive('On what date did General Kayani arrive in Moscow?', chunks, options);
    expect(a.grounded).toBe(true);
    expect(a.answer.startsWith(`${KAYANI_SENTENCE} [pakistan-russia-relations-warm-up:5]`)).toBe(true);
    expect(a.citedIds).toEqual(['pakistan-russia-relations-warm-up:5']);
    const unrelated = await composeExtractive('What is the gross domestic product of Russia?', chunks, options);
    expect(a.confidence).toBeGreaterThan(unrelated.confidence);
  });

  it('answers "in which year" with the sentence holding the year', async () => {
    const a = await composeExtractive('In which year did Russian Defence Minister Sergei Shoigu visit Pakistan?', chunks, options);
    expect(a.answer).toContain('Sergei Shoigu in 2014. [new-initiatives-pak-russia:1]');
  });

  it('answers "how much" with the sentence holding the amount', async () => {
    const a = await composeExtractive('How much will the Karachi-Lahore gas pipeline cost?', chunks, options);
    expect(a.answer).toContain('will cost an estimated $2 billion');
    expect(a.citedIds).toEqual(['lavrov-visit-new-strides:7']);
  });

  it('answers "whom" with the sentence naming a new person, not the one restating the question', async () => {
    const a = await composeExtractive('Whom did Putin dispatch to Islamabad?', chunks, options);
    expect(a.answer).toContain('Foreign Minister Sergei Lavrov');
  });

  it('refuses a question whose specific terms are nowhere in the evidence, though a sentence shares "domestic" and "Russia"', async () => {
    const a = await composeExtractive('What is the gross domestic product of Russia?', chunks, refusing);
    expect(a).toMatchObject({ answer: NOT_IN_DOCUMENTS, citedIds: [], grounded: false });
    expect(a.confidence).toBeLessThan(threshold);
  });

  it('refuses "the current president of France" although France and presidents are both mentioned', async () => {
    const withFrance = retrieved(['pak-russia-ties-prospects-challenges:6', FRANCE], ['new-initiatives-pak-russia:0', PUTIN_CANCELLED], [
      'pakistan-russia-rapprochement:14',
      ZARDARI,
    ]);
    const a = await composeExtractive('Who is the current president of France?', withFrance, refusing);
    expect(a.grounded).toBe(false);
    expect(a.answer).toBe(NOT_IN_DOCUMENTS);
  });

  it('answers rewritten follow-ups, whose carried terms name the subject', async () => {
    const casa = retrieved(['pakistan-russia-relations-warm-up:4', CASA], ['new-initiatives-pak-russia:0', PUTIN_CANCELLED]);
    const countries = await composeExtractive('From which countries would it transmit electricity? CASA-1000', casa, options);
    expect(countries.answer).toContain('from Kyrgyzstan and Tajikistan');
    const date = await composeExtractive('When did he arrive in Moscow? General Kayani', chunks, options);
    expect(date.answer).toContain('October 4');
  });

  it("answers a follow-up from the previous answer's chunk, where the carried subject is given", async () => {
    const question = 'Whom did Russia send to Islamabad instead? Putin 2012 Pakistan visit cancelled';
    const focus = { chunkIds: new Set(['new-initiatives-pak-russia:0']), carried: ['Putin', '2012', 'Pakistan', 'visit', 'cancelled'], asked: 'Whom did Russia send to Islamabad instead?' };
    const previousAnswer = 'However, Islamabad is still waiting to welcome President Vladimir Putin in Pakistan. He was scheduled to visit in 2012 but the trip was cancelled at the last minute for unknown reasons. [new-initiatives-pak-russia:0]';
    const withFocus = await composeExtractive(question, chunks, { ...options, focus: { ...focus, previousAnswer } });
    expect(withFocus.answer).toContain('dispatched Foreign Minister Sergei Lavrov');
    expect(withFocus.citedIds).toEqual(['new-initiatives-pak-russia:0']);
    // Answered at the model's own threshold: the carried words count as given in the chunk the previous answer cited.
    expect(holdsAnswer(withFocus.confidence, undefined)).toBe(true);
  });

  it('does not quote the previous answer again to a follow-up asking for a kind it lacks', async () => {
    const fradkov = 'Interestingly, there has been no summit level visit from Moscow, except one and that too, in 2007 by then Prime Minster Mikhail Fradkov.';
    const previousAnswer = `${fradkov} [new-initiatives-pak-russia:1]`;
    const visits = retrieved(
      ['new-initiatives-pak-russia:1', SHOIGU],
      ['pakistan-russia-rapprochement:3', 'Mutual relations got a fillip from the official three-day visit in 2007 of the Russian Prime Minister, Mikhail Fradkov to Pakistan.'],
    );
    const focus = { chunkIds: new Set(['new-initiatives-pak-russia:1']), carried: ['Mikhail', 'Fradkov', 'Russian', 'prime', 'minister', 'visited', 'Pakistan', '2007'] };
    const howLong = 'How long did his visit last? Mikhail Fradkov Russian prime minister visited Pakistan 2007';
    const unitTexts = async (question: string, previous?: string) =>
      (await answerCandidates(question, visits, { embed, focus: { ...focus, previousAnswer: previous } })).units.map((u) => u.text);
    expect(await unitTexts(howLong)).toContain(fradkov);
    expect(await unitTexts(howLong, previousAnswer)).not.toContain(fradkov);
    const a = await composeExtractive(howLong, visits, { ...options, maxSentences: 1, focus: { ...focus, previousAnswer } });
    expect(a.answer).toContain('three-day visit');
    // Only a passage lacking the asked kind is set aside: the same sentence still answers "which year".
    expect(await unitTexts('In which year did he visit? Mikhail Fradkov', previousAnswer)).toContain(fradkov);
  });

  it('measures a follow-up also against what it asks, without the subject it carried', async () => {
    const spy = vi.fn(embed);
    const focus = { chunkIds: new Set(['new-initiatives-pak-russia:0']), carried: ['Putin', '2012', 'Pakistan', 'visit', 'cancelled'] };
    await composeExtractive('Whom did Russia send to Islamabad instead? Putin 2012 Pakistan visit cancelled', chunks, { ...options, embed: spy, focus: { ...focus, asked: 'Whom did Russia send to Islamabad instead?' } });
    expect(spy.mock.calls[0]![0].slice(0, 2)).toEqual(['Whom did Russia send to Islamabad instead? Putin 2012 Pakistan visit cancelled', 'Whom did Russia send to Islamabad instead?']);
    // A question that is not a follow-up is embedded once.
    await composeExtractive('Whom did Russia send to Islamabad?', chunks, { ...options, embed: spy });
    expect(spy.mock.calls[1]![0].filter((text) => text.startsWith('Whom'))).toEqual(['Whom did Russia send to Islamabad?']);
  });

  it('reads a pronoun as the person the sentence before named', async () => {
    const a = await composeExtractive('In which year was Putin supposed to visit Pakistan before the trip was cancelled?', chunks, options);
    expect(a.answer).toContain('He was scheduled to visit in 2012 but the trip was cancelled');
  });

  it('cuts sentences at footnote marks and quotes only the one that answers', async () => {
    const a = await composeExtractive(
      'How many times have President Zardari and Medvedev met since May 2011?',
      retrieved(['pakistan-russia-rapprochement:14', ZARDARI]),
      { ...options, maxSentences: 1 },
    );
    expect(a.answer).toBe(
      'Besides, President Zardari and the former Russian President, Medvedev, have met six times since May 2011.¹⁶ [pakistan-russia-rapprochement:14]',
    );
  });
});

describe('composeExtractive mechanics', () => {
  it('keeps a sentence shared by overlapping chunks once, citing the higher-ranked chunk', async () => {
    const overlap = retrieved(['warm-up:6', `${KAYANI_SENTENCE} He then met officials.`, 900], ['warm-up:5', KAYANI, 700]);
    const spy = vi.fn(embed);
    const a = await composeExtractive('On what date did General Kayani arrive in Moscow?', overlap, { ...options, embed: spy, maxSentences: 3 });
    // Scored once: the question and each distinct sentence are embedded once.
    const texts = spy.mock.calls[0]![0];
    expect(texts.filter((t) => t === KAYANI_SENTENCE)).toHaveLength(1);
    expect(new Set(texts).size).toBe(texts.length);
    expect(a.answer.split(KAYANI_SENTENCE)).toHaveLength(2);
    expect(a.citedIds).toEqual(['warm-up:6']);
    expect(a.answer).not.toContain(`${KAYANI_SENTENCE} [warm-up:5]`);
  });

  it('puts the best sentence first and adds no similar sentence that lacks what the question names', async () => {
    // Regression: "Lavrov's unscheduled visit … Pakistani leader-ship" came first, from the higher-ranked chunk.
    const chunks = retrieved(['ties:1', AYUB], ['warm-up:0', LAVROV_REASSURE]);
    const a = await composeExtractive('Which Pakistani leader visited Russia in 1965?', chunks, { ...options, maxSentences: 2 });
    expect(a.answer).toBe(`${AYUB} [ties:1]`);
    expect(a.citedIds).toEqual(['ties:1']);
  });

  it('never quotes more than maxSentences', async () => {
    const chunks = retrieved(['treaty:1', 'The Zorblat treaty was signed in Vienna on 3 May 1990. The Zorblat treaty was ratified in Graz on 4 June 1991. The Zorblat treaty was extended in Linz on 5 July 1999.']);
    for (const maxSentences of [1, 2, 3]) {
      const a = await composeExtractive('When was the Zorblat treaty signed, ratified and extended?', chunks, { ...options, maxSentences });
      expect(a.answer.match(/\[treaty:1\]/g)?.length ?? 0).toBeLessThanOrEqual(maxSentences);
      expect(a.grounded).toBe(true);
    }
  });

  it('refuses without embedding anything when nothing was retrieved', async () => {
    const spy = vi.fn(embed);
    const a = await composeExtractive('Anything?', [], { ...refusing, embed: spy });
    expect(a).toMatchObject({ answer: NOT_IN_DOCUMENTS, citedIds: [], grounded: false });
    expect(a.confidence).toBeLessThan(threshold);
    expect(spy).not.toHaveBeenCalled();
  });

  it('reports the confidence even when refusing for a higher minimum', async () => {
    const chunks = retrieved(['warm-up:5', KAYANI]);
    const a = await composeExtractive('On what date did General Kayani arrive in Moscow?', chunks, { ...options, minConfidence: 1 });
    expect(a.grounded).toBe(false);
    expect(a.confidence).toBeGreaterThan(0);
  });

  it('rejects an embedder that does not return one vector per text', async () => {
    const broken = async () => [new Float32Array(4)];
    await expect(composeExtractive('When did Kayani arrive?', retrieved(['warm-up:5', KAYANI]), { ...options, embed: broken })).rejects.toThrow(TypeError);
  });
});
