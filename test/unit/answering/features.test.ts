import { describe, expect, it } from 'vitest';
import { answerCandidates } from '../../../src/answering/compose.js';
import { FEATURE_NAMES, type FeatureName } from '../../../src/answering/features.js';
import { embed, retrieved } from './corpus-chunks.js';

/** The named features of the unit whose text starts with `start`. */
async function featuresOf(question: string, text: string, start: string): Promise<Record<FeatureName, number>> {
  const c = await answerCandidates(question, retrieved(['doc:0', text]), { embed });
  const i = c.units.findIndex((u) => u.text.startsWith(start));
  expect(i, `a unit starting "${start}"`).toBeGreaterThanOrEqual(0);
  return Object.fromEntries(FEATURE_NAMES.map((name, j) => [name, c.features[i]![j]!])) as Record<FeatureName, number>;
}

describe('answer unit features', () => {
  it('see a near miss: the unit says "fell" where the question asks "rise" (WordNet antonyms)', async () => {
    const f = await featuresOf('When did oil prices rise sharply?', 'Oil prices fell sharply in 1998 after the crisis in Asia.', 'Oil');
    expect(f.antonymMismatch).toBe(1);
    const same = await featuresOf('When did oil prices fall sharply?', 'Oil prices fell sharply in 1998 after the crisis in Asia.', 'Oil');
    expect(same.antonymMismatch).toBe(0);
  });

  it('match a paraphrase through WordNet, not a hand-made lexicon: "constructed" covers "built"', async () => {
    const text = 'The bridge over the river was constructed by Roman engineers.';
    const f = await featuresOf('Who built the bridge over the river?', text, 'The bridge');
    expect(f.relatedCoverage).toBeGreaterThan(f.coverage);
  });

  it('find a value of the asked kind that the question does not already give', async () => {
    const when = await featuresOf('When was the treaty signed in Vienna?', 'The treaty was signed in Vienna in the 1270s by six states.', 'The treaty');
    expect(when.valueFit).toBe(1);
    const given = await featuresOf('When was the 1990 treaty signed in Vienna?', 'The 1990 treaty was signed in Vienna by six states.', 'The 1990');
    expect(given.valueFit).toBe(0);
  });

  it('read "when" as a conjunction as no date question', async () => {
    const f = await featuresOf('What happens when the river freezes?', 'When the river freezes in 1990, the ferries stop and people walk across the ice.', 'When');
    expect(f.valueFit).toBe(0);
    expect(f.kindFitValue).toBe(0);
  });

  it('mark a negated question against an affirmative unit', async () => {
    const f = await featuresOf('Which city did the river not reach?', 'The river reached the city of Basel in the spring.', 'The river');
    expect(f.negationMismatch).toBe(1);
  });

  it("weigh the heaviest question word a unit lacks: a near miss changes one rare word", async () => {
    const text = 'In 2011 the board approved ambulatory care pharmacy as its own certification.';
    const changed = await featuresOf('When was ambulatory care pharmacy rejected as its own certification?', text, 'In 2011');
    const asked = await featuresOf('When was ambulatory care pharmacy approved as its own certification?', text, 'In 2011');
    expect(changed.missingRare).toBeGreaterThan(0);
    expect(asked.missingRare).toBe(0);
  });

  it('mark a name of the question that neither the unit nor its window holds', async () => {
    const text = 'The engine was improved by James Watt between 1763 and 1775.';
    expect((await featuresOf('What did Newcomen add to the engine between 1763 and 1775?', text, 'The engine')).missingNameInWindow).toBe(1);
    expect((await featuresOf('What did Watt add to the engine between 1763 and 1775?', text, 'The engine')).missingNameInWindow).toBe(0);
  });

  it('mark a code identifier the question does not name: what a developer asking "which option" wants', async () => {
    const text = 'The number of tests running at once is bounded by the maxConcurrency option.';
    expect((await featuresOf('What limits how many tests run at once?', text, 'The number')).codeIdentifier).toBe(1);
    expect((await featuresOf('What does maxConcurrency limit?', text, 'The number')).codeIdentifier).toBe(0);
    expect((await featuresOf('What limits how many ferries run at once?', 'The number of ferries running at once is bounded by the weather.', 'The number')).codeIdentifier).toBe(0);
  });
});

describe('answer units for questions no value answers', () => {
  it('come grown by the sentence after a problem statement: the fix', async () => {
    const text = 'Importing a package with CSS fails under jsdom with an unknown extension error. Add the package to server.deps.inline to fix it.';
    const c = await answerCandidates('What should I configure when importing a package with CSS fails under jsdom?', retrieved(['doc:0', text]), { embed });
    const grown = c.units.find((u) => u.extension === 'following');
    expect(grown?.text).toBe(text);
    const row = c.features[c.units.indexOf(grown!)]!;
    expect(row[FEATURE_NAMES.indexOf('following')]).toBe(1);
  });

  it('but not for a question a date answers', async () => {
    const text = 'The treaty was signed in Vienna by six states. It came into force in 1994 after ratification.';
    const c = await answerCandidates('When was the treaty signed in Vienna?', retrieved(['doc:0', text]), { embed });
    expect(c.units.some((u) => u.extension === 'following')).toBe(false);
  });
});
