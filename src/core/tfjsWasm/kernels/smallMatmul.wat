;; C = op(A)·op(B) for tiny float32 matrices on tfjs-wasm's heap (byte offsets), both operands read
;; in place through their strides, so a transposed operand needs no copy: A(i, kk) at
;; a + i·rsA + kk·ksA, B(kk, j) at b + kk·ksB + j·csB; C is [m][n], row-major. Each element is summed
;; over kk in order from 0 with f32 mul then add, as XNNPACK's SIMD128 kernels do: the same bits as
;; tfjs-wasm's own product. Scalar on purpose: it serves products of a few thousand multiply-adds,
;; where tfjs-wasm's fixed costs (an XNNPACK operator packed per new right operand, the explicit
;; transposes, the argument marshalling) outweigh the arithmetic.
(module
  (import "env" "memory" (memory 1))

  ;; smallMatmul(a, rsA, ksA, b, ksB, csB, c, m, n, k); m, n, k ≥ 1.
  (func (export "smallMatmul") (param $a i32) (param $rsA i32) (param $ksA i32) (param $b i32)
        (param $ksB i32) (param $csB i32) (param $c i32) (param $m i32) (param $n i32) (param $k i32)
    (local $i i32) (local $j i32) (local $kk i32) (local $pa i32) (local $pb i32) (local $acc f32)
    (local $rowA i32) (local $colB i32)
    (local.set $rowA (local.get $a))
    (local.set $i (i32.const 0))
    (loop $rows
      (local.set $colB (local.get $b))
      (local.set $j (i32.const 0))
      (loop $cols
        (local.set $acc (f32.const 0))
        (local.set $pa (local.get $rowA))
        (local.set $pb (local.get $colB))
        (local.set $kk (local.get $k))
        (loop $overK
          (local.set $acc (f32.add (local.get $acc) (f32.mul (f32.load (local.get $pa)) (f32.load (local.get $pb)))))
          (local.set $pa (i32.add (local.get $pa) (local.get $ksA)))
          (local.set $pb (i32.add (local.get $pb) (local.get $ksB)))
          (br_if $overK (local.tee $kk (i32.sub (local.get $kk) (i32.const 1)))))
        (f32.store (local.get $c) (local.get $acc))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (local.set $colB (i32.add (local.get $colB) (local.get $csB)))
        (br_if $cols (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $n))))
      (local.set $rowA (i32.add (local.get $rowA) (local.get $rsA)))
      (br_if $rows (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $m))))))
