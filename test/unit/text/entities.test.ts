import { describe, expect, it } from 'vitest';
import { findValues, type FoundValue, type ValueKind } from '../../../src/text/entities.js';

const kinds = (text: string, kind: ValueKind, names = true): string[] =>
  findValues(text, { names })
    .filter((v) => v.kind === kind)
    .map((v) => v.text);

describe('findValues: dates of every era', () => {
  it.each([
    ['In 2014 the minister visited Pakistan.', '2014'],
    ['Genghis Khan died in 1227.', '1227'],
    ['In 476 the Western Roman Empire fell.', '476'],
    ['Rome was founded in 753 BC.', '753 BC'],
    ['The castle was built in the 13th century.', '13th century'],
    ['The Normans held it in the 10th and 11th centuries.', '10th and 11th centuries'],
    ['It was rebuilt in the 1270s.', '1270s'],
    ['Jazz spread in the 1920s.', '1920s'],
    ['The river freezes in winter.', 'winter'],
    ['In March the war ended.', 'March'],
    ['The treaty was signed on October 4, 2012.', 'October 4, 2012'],
  ])('%s → %s', (text, date) => {
    expect(kinds(text, 'date', false)).toContain(date);
  });

  it('leaves a count after "in" a number: "in 3 cases"', () => {
    expect(kinds('It failed in 3 cases.', 'date', false)).toEqual([]);
    expect(kinds('It failed in 3 cases.', 'number', false)).toEqual(['3']);
  });
});

describe('findValues: numbers, money, percentages, durations, ordinals', () => {
  const text = 'Prices rose 12.4% to $790 million in the third quarter, over three years; 400,000 people came.';
  it.each<[ValueKind, string]>([
    ['percent', '12.4%'],
    ['money', '$790 million'],
    ['ordinal', 'third'],
    ['duration', 'over three years'],
    ['number', '400,000'],
  ])('finds a %s', (kind, value) => {
    expect(kinds(text, kind, false)).toContain(value);
  });
});

describe('findValues: people, places, organisations', () => {
  const text = 'Imran Khan met President Putin in Moscow, and NASA said so. The Western Roman Empire fell.';
  it('finds them with exact offsets, trailing punctuation trimmed', () => {
    const found = findValues(text);
    for (const value of found) expect(text.slice(value.start, value.end)).toBe(value.text);
    const of = (kind: ValueKind): string[] => found.filter((v: FoundValue) => v.kind === kind).map((v) => v.text);
    expect(of('person')).toEqual(expect.arrayContaining(['Imran Khan', 'President Putin']));
    expect(of('place')).toContain('Moscow');
    expect(of('organization')).toContain('NASA');
  });

  it('skips names when asked to (the fast path)', () => {
    expect(findValues(text, { names: false }).filter((v) => v.kind === 'person')).toEqual([]);
  });

  it('orders by offset', () => {
    const starts = findValues(text).map((v) => v.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });
});
