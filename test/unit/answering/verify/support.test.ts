import { describe, expect, it } from 'vitest';
import { judgeSupport, prepareEvidence } from '../../../../src/answering/verify/support.js';

const CHUNK =
  'Almost all Pakistani leaders have visited Moscow post-Cold War, including Nawaz Sharif in 1999 and President Pervez Musharraf in 2003. ' +
  'Prime Minister Imran Khan’s visit is yet to be scheduled though he met President Putin in Bishkek, Kyrgyzstan on the sidelines of the Shanghai Cooperation Organisation summit (SCO). ' +
  'Russia has also agreed to invest $1.7 billion in the Karachi-Lahore gas pipeline. Bilateral trade increased to around $400 million.';
const evidence = [prepareEvidence({ text: CHUNK, title: 'New initiatives in Pak-Russia ties' })];
const NEW_INITIATIVES_1 =
  'In what was seen as a damage-control exercise, President Putin immediately dispatched Foreign Minister Sergei Lavrov to Islamabad, reassuring the latter that the President was looking forward to visiting Pakistan as soon as possible. ' +
  'Interestingly, there has been no summit level visit from Moscow, except one and that too, in 2007 by then Prime Minster Mikhail Fradkov. ' +
  'Another important visit that took place from Moscow was by Russian Defence Minister Sergei Shoigu in 2014. ' +
  'On the other hand, almost all Pakistani leaders have visited Moscow post-Cold War, including Nawaz Sharif in 1999 and President Pervez Musharraf in 2003. ' +
  "Prime Minister Imran Khan's visit is yet to be scheduled though he met President Putin in Bishkek, Kyrgyzstan on the sidelines of the Shanghai Cooperation Organisation summit (SCO).";
const judge = (claim: string) => judgeSupport(claim, evidence);

describe('judgeSupport', () => {
  it('supports a sentence the chunk states, also paraphrased or with other number formatting', () => {
    expect(judge('Imran Khan met President Putin in Bishkek, Kyrgyzstan, at the SCO summit.').supported).toBe(true);
    expect(judge('Nawaz Sharif visited Moscow in 1999.').supported).toBe(true);
    expect(judge('Russia will invest 1.7 billion dollars in a gas pipeline from Karachi to Lahore.').supported).toBe(true);
  });

  it('rejects a number, date or name the chunk does not hold (a claim citing a chunk that does not say it was kept)', () => {
    expect(judge('Construction will be completed by Chinese engineers in 2019.')).toMatchObject({ supported: false, missingValues: expect.arrayContaining(['2019', 'Chinese']) });
    expect(judge('Russia has agreed to invest $2.7 billion in the pipeline.').reason).toMatch(/does not mention "\$2.7 billion"/);
    expect(judge('Benazir Bhutto visited Moscow in 1999.').reason).toMatch(/Benazir Bhutto/);
  });

  it('rejects a word whose antonym the passage uses', () => {
    const verdict = judge('Bilateral trade decreased to around $400 million.');
    expect(verdict.supported).toBe(false);
    expect(verdict.contradictions[0]?.[0]).toBe('decreased');
  });

  it('rejects a sentence whose words the chunk does not cover', () => {
    const verdict = judge('It was also blessed by the moon.');
    expect(verdict.supported).toBe(false);
    expect(verdict.coverage).toBeLessThan(0.5);
  });
});

describe('judgeSupport and negation', () => {
  const signed = [prepareEvidence({ text: 'Prime Minister Imran Khan signed the trade agreement in Bishkek. The talks lasted two days.' })];
  const unsigned = [prepareEvidence({ text: 'Prime Minister Imran Khan did not sign the trade agreement in Bishkek. The talks lasted two days.' })];

  it('rejects a sentence that negates what the chunk says ("did not sign" was supported by "signed")', () => {
    for (const claim of ['Imran Khan did not sign the trade agreement.', "Imran Khan didn't sign the agreement in Bishkek.", 'Imran Khan never signed the trade agreement.']) {
      const verdict = judgeSupport(claim, signed);
      expect(verdict.supported, claim).toBe(false);
      expect(verdict.reason).toMatch(/^the cited source says "sign(ed)?", not "not sign(ed)?"$/);
    }
  });

  it('rejects a sentence that affirms what the chunk negates', () => {
    const verdict = judgeSupport('Imran Khan signed the trade agreement.', unsigned);
    expect(verdict.supported).toBe(false);
    expect(verdict.contradictions).toEqual([['signed', 'not signed']]);
  });

  it('keeps sentences whose polarity matches, and ignores negation in sentences the claim does not draw on', () => {
    expect(judgeSupport('Imran Khan did not sign the trade agreement.', unsigned).supported).toBe(true);
    expect(judgeSupport('Imran Khan signed the trade agreement in Bishkek.', signed).supported).toBe(true);
    expect(judgeSupport('The talks lasted two days.', unsigned).supported).toBe(true);
  });

  it('reads a word against every passage that covers the claim as well (one negated "summit" sank a true claim)', () => {
    // The default corpus's chunk new-initiatives-pak-russia:1: a passage of its first three sentences
    // covers the claim's words as well as the last three do, and negates "summit".
    const chunk = [prepareEvidence({ text: NEW_INITIATIVES_1 })];
    expect(judgeSupport('Imran Khan met President Putin in Bishkek, Kyrgyzstan, at the SCO summit.', chunk)).toMatchObject({ supported: true, contradictions: [] });
  });
});
