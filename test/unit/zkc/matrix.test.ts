import assert from 'node:assert/strict';
import {
  identity,
  matMul,
  matMulTransA,
  matMulTransB,
  matrix,
  type Matrix,
} from '../../../src/core/problems/zkc/matrix';

const m = (rows: number[][]): Matrix => matrix(rows.length, rows[0].length, Float64Array.from(rows.flat()));
const rowsOf = (x: Matrix): number[][] =>
  Array.from({ length: x.rows }, (_, i) => [...x.data.subarray(i * x.cols, (i + 1) * x.cols)]);

describe('float64 matrices', () => {
  const a = m([
    [1, 2, 0],
    [0, -1, 3],
  ]); // 2×3
  const b = m([
    [2, 1],
    [0, 1],
    [4, -2],
  ]); // 3×2

  it('multiplies: A·B, Aᵀ·C and A·Dᵀ against products worked by hand', () => {
    assert.deepEqual(rowsOf(matMul(a, b)), [
      [2, 3],
      [12, -7],
    ]);
    assert.deepEqual(
      rowsOf(
        matMulTransA(
          a,
          m([
            [1, 0],
            [2, 1],
          ]),
        ),
      ),
      [
        [1, 0],
        [0, -1],
        [6, 3],
      ],
    );
    assert.deepEqual(
      rowsOf(
        matMulTransB(
          a,
          m([
            [1, 1, 1],
            [0, 2, -1],
          ]),
        ),
      ),
      [
        [3, 4],
        [2, -5],
      ],
    );
  });

  it('the identity is neutral', () => {
    assert.deepEqual(rowsOf(matMul(identity(2), a)), rowsOf(a));
    assert.deepEqual(rowsOf(matMul(a, identity(3))), rowsOf(a));
  });

  it('rejects mismatched shapes and data', () => {
    assert.throws(() => matMul(a, a), /inner dimensions differ \(3 vs 2\)/);
    assert.throws(() => matMulTransA(a, b), /inner dimensions/);
    assert.throws(() => matMulTransB(a, b), /inner dimensions/);
    assert.throws(() => matrix(2, 2, new Float64Array(3)), /needs 4 entries/);
  });
});
