import { describe, expect, it } from 'vitest';
import { buildUnits, placeSentences, refersBack } from '../../../src/answering/units.js';
import { retrieved } from './corpus-chunks.js';

const unitsOf = (...chunks: Parameters<typeof retrieved>) => buildUnits(placeSentences(retrieved(...chunks)));

describe('answer units', () => {
  it("places the sentences, lemmas and values of a chunk's stored analysis, analysing nothing again", () => {
    const [chunk] = retrieved(['notes:0', 'Prices rose in 2014. Exports fell.']);
    const analysis = { sentences: [{ start: 0, end: 20, lemmas: ['stored'], values: [{ kind: 'date' as const, start: 15, end: 19 }] }] };
    const placed = placeSentences([{ ...chunk!, analysis }]);
    expect(placed.map((s) => s.text)).toEqual(['Prices rose in 2014.']);
    expect([...placed[0]!.lemmas]).toEqual(['stored']);
    expect(placed[0]!.values).toEqual([{ kind: 'date', text: '2014', start: 15, end: 19 }]);
    // Without one, the chunk is analysed here: both sentences, every lemma.
    const analysed = placeSentences([chunk!]);
    expect(analysed.map((s) => s.text)).toEqual(['Prices rose in 2014.', 'Exports fell.']);
    expect(analysed[0]!.lemmas.has('rise')).toBe(true);
  });

  it('takes the sentence before one that opens with a pronoun, so "She" is named', () => {
    const text = 'Margit Olsen chaired the council from 1990. She was succeeded by the treasurer, Erik Dahl, in 1998.';
    const units = unitsOf(['council:0', text]);
    const succeeded = units.find((u) => u.core.text.startsWith('She was succeeded'))!;
    expect(succeeded.extension).toBe('antecedent');
    expect(succeeded.text).toBe(text);
    expect(succeeded.sentences.map((s) => s.chunkId)).toEqual(['council:0', 'council:0']);
  });

  it('takes the sentence before a definite description whose noun it names ("The pipeline" after "a gas pipeline")', () => {
    const text = 'Russia will build a 1,100-kilometre gas pipeline in Pakistan. The pipeline will cost an estimated $2 billion.';
    const cost = unitsOf(['energy:0', text]).find((u) => u.core.text.startsWith('The pipeline'))!;
    expect(cost.extension).toBe('antecedent');
    expect(cost.text).toBe(text);
  });

  it('leaves a sentence alone whose definite description is new ("The weather…" after a sentence on trade)', () => {
    expect(refersBack('The weather in Moscow was cold that week.', 'Trade between the two countries grew by 46 percent.')).toBe(false);
    const units = unitsOf(['a:0', 'Trade between the two countries grew by 46 percent. The weather in Moscow was cold that week.']);
    expect(units.find((u) => u.core.text.startsWith('The weather'))!.extension).toBe('none');
  });

  it('quotes the list a colon introduces together with its opening sentence', () => {
    const text = 'Vitest ships two coverage providers:\n\n- v8, the default, which uses native coverage.\n\n- istanbul, which instruments the code.\n\nPick one in the config.';
    const units = unitsOf(['coverage:3', text]);
    const list = units.find((u) => u.core.text.endsWith('providers:'))!;
    expect(list.extension).toBe('list');
    expect(list.text).toContain('v8, the default');
    expect(list.text).toContain('istanbul, which instruments');
  });

  it('spans two overlapping chunks, each sentence citing the chunk it is quoted from', () => {
    const first = 'Margit Olsen chaired the council from 1990.';
    const second = 'She was succeeded by the treasurer, Erik Dahl, in 1998.';
    // Chunk 1 starts with the second sentence; chunk 0 (ranked lower) ends with the first.
    const chunks = retrieved(['council:1', `${second} Dahl served until 2004.`, first.length + 1], ['council:0', `The council was founded in 1950. ${first}`, -33]);
    const unit = buildUnits(placeSentences(chunks)).find((u) => u.core.text === second)!;
    expect(unit.text).toBe(`${first} ${second}`);
    expect(unit.sentences.map((s) => s.chunkId)).toEqual(['council:0', 'council:1']);
  });

  it('keeps a sentence two overlapping chunks share once, quoted from the higher-ranked chunk', () => {
    const shared = 'The treaty was signed in Vienna on 3 May 1990.';
    const sentences = placeSentences(retrieved(['t:1', `${shared} It entered into force in 1992.`, 100], ['t:0', `Talks began in 1988. ${shared}`, 79]));
    expect(sentences.filter((s) => s.text === shared).map((s) => s.chunkId)).toEqual(['t:1']);
  });
});
