import { describe, expect, it } from 'vitest';
import { planDocuments } from '../../../src/ingest/plan.js';

describe('planDocuments', () => {
  it('classifies documents as added, changed, unchanged and removed by content hash', () => {
    const plan = planDocuments(
      [
        { id: 'a', sha256: '1' },
        { id: 'b', sha256: '2-new' },
        { id: 'd', sha256: '4' },
      ],
      [
        { id: 'a', sha256: '1' },
        { id: 'b', sha256: '2' },
        { id: 'c', sha256: '3' },
      ],
    );
    expect(plan).toEqual({ added: ['d'], changed: ['b'], unchanged: ['a'], removed: ['c'] });
  });

  it('treats everything as added on a first build', () => {
    expect(planDocuments([{ id: 'a', sha256: '1' }], [])).toEqual({ added: ['a'], changed: [], unchanged: [], removed: [] });
  });
});
