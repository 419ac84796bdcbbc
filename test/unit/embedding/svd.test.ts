import { describe, expect, it } from 'vitest';
import { orthonormalize, transposedTimes, type Dense } from '../../../src/embedding/corpus-model/dense.js';
import { gaussianArray, seededRandom } from '../../../src/embedding/corpus-model/random.js';
import { createCsrBuilder, multiply, multiplyTransposed, transpose, type Csr } from '../../../src/embedding/corpus-model/sparse.js';
import { truncatedSvd } from '../../../src/embedding/corpus-model/svd.js';

/** A sparse matrix with a decaying spectrum, like a term matrix: a few strong topics plus noise. */
function topicMatrix(rows: number, cols: number, seed: number): Csr {
  const random = seededRandom(seed);
  const builder = createCsrBuilder(cols);
  for (let r = 0; r < rows; r++) {
    const entries = new Map<number, number>();
    const topic = r % 7;
    for (let n = 0; n < 12; n++) {
      const col = random() < 0.7 ? (topic * 97 + Math.floor(random() * 40)) % cols : Math.floor(random() * cols);
      entries.set(col, (entries.get(col) ?? 0) + 1 + random());
    }
    builder.addRow(entries);
  }
  return builder.build();
}

const maxOffIdentity = (q: Dense): number => {
  const g = transposedTimes(q, q);
  let worst = 0;
  for (let i = 0; i < g.rows; i++) for (let j = 0; j < g.cols; j++) worst = Math.max(worst, Math.abs(g.data[i * g.cols + j]! - (i === j ? 1 : 0)));
  return worst;
};

describe('truncated SVD', () => {
  const a = topicMatrix(600, 450, 3);
  const small = topicMatrix(200, 120, 4);

  it('randomised (Halko et al.) matches the exact route on the leading singular values', () => {
    const exact = truncatedSvd(a, 20, { exactLimit: 1000 });
    const randomized = truncatedSvd(a, 20, { exactLimit: 10, powerIterations: 2 });
    expect(exact.method).toBe('exact');
    expect(randomized.method).toBe('randomized');
    // The 7 topics stand above a flat noise floor; randomised SVD gets them within 1% (the floor itself less well).
    for (let i = 0; i < 7; i++) expect(Math.abs(randomized.sigma[i]! / exact.sigma[i]! - 1)).toBeLessThan(0.01);
  });

  it('returns U·Σ whose columns are orthogonal with norms Σ, on either side of A', () => {
    for (const m of [small, transpose(small)]) {
      const { uSigma, sigma } = truncatedSvd(m, 8, { exactLimit: 1000 });
      const u = { ...uSigma, data: uSigma.data.map((v, i) => v / sigma[i % uSigma.cols]!) };
      expect(maxOffIdentity(u)).toBeLessThan(1e-8);
    }
  });

  it('stops at the rank of a low-rank matrix', () => {
    const builder = createCsrBuilder(50);
    for (let r = 0; r < 30; r++) builder.addRow(new Map([[r % 3, 1], [10 + (r % 3), 2]]));
    expect(truncatedSvd(builder.build(), 10).sigma.length).toBe(3);
  });

  it('sparse products agree with their dense definitions', () => {
    const x: Dense = { rows: a.cols, cols: 3, data: gaussianArray(a.cols * 3, 1) };
    const y: Dense = { rows: a.rows, cols: 3, data: gaussianArray(a.rows * 3, 2) };
    const ax = multiply(a, x);
    const aty = multiplyTransposed(a, y);
    // yᵀ(Ax) = (Aᵀy)ᵀx for every pair of columns.
    const left = transposedTimes(y, ax);
    const right = transposedTimes(aty, x);
    left.data.forEach((v, i) => expect(v).toBeCloseTo(right.data[i]!, 8));
  });
});

describe('orthonormalize', () => {
  it('gives an orthonormal basis (CholeskyQR2)', () => {
    const x: Dense = { rows: 400, cols: 30, data: gaussianArray(400 * 30, 5) };
    expect(maxOffIdentity(orthonormalize(x, 2))).toBeLessThan(1e-12);
  });

  it('drops dependent columns instead of failing (eigen fallback)', () => {
    const data = gaussianArray(200 * 6, 6);
    for (let r = 0; r < 200; r++) data[r * 6 + 5] = data[r * 6]! + data[r * 6 + 1]!; // column 5 = column 0 + column 1
    const q = orthonormalize({ rows: 200, cols: 6, data }, 2);
    expect(q.cols).toBe(5);
    expect(maxOffIdentity(q)).toBeLessThan(1e-10);
  });
});
