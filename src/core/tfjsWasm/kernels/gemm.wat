;; C = A·B for float32 matrices on tfjs-wasm's heap (byte offsets), register-blocked: 4 rows × 8
;; columns of C live in eight v128 accumulators while k runs, so each element of B loaded is used
;; four times and each element of A broadcast is used eight times. A is addressed as A(i, kk) at
;; a + i·rs + kk·ks, so one kernel reads A row-major (rs = 4k, ks = 4) or transposed (rs = 4,
;; ks = 4m: the xᵀ·dy of a dense layer's weight gradient) without a copy. B is [k][n] and C is
;; [m][n], row-major. Each element is summed over kk in order, starting from 0.
;;
;; Written with f32x4.relaxed_madd (one fused multiply-add, where the CPU has FMA). The build also
;; makes the SIMD128 fallback from this text (scripts/watPlugin.mjs rewrites each relaxed_madd to
;; f32x4.add(c, f32x4.mul(a, b))): that variant sums exactly as XNNPACK's SIMD128 kernels do, bit for
;; bit; the fused one differs from it in the last bits (one rounding a step instead of two).
(module
  (import "env" "memory" (memory 1))

  ;; C[4 rows][8 cols] = Σ_kk A(i, kk)·B[kk][j], kk in order; A(i, kk) at a + i·rs + kk·ks.
  (func $tile4x8 (param $a i32) (param $rs i32) (param $ks i32) (param $b i32) (param $ldb i32)
        (param $c i32) (param $ldc i32) (param $k i32)
    (local $aEnd i32) (local $av v128)
    (local $b0 v128) (local $b1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $rs2 i32) (local $rs3 i32)
    (local.set $rs2 (i32.shl (local.get $rs) (i32.const 1)))
    (local.set $rs3 (i32.add (local.get $rs2) (local.get $rs)))
    (local.set $aEnd (i32.add (local.get $a) (i32.mul (local.get $k) (local.get $ks))))
    (loop $overK
      (local.set $b0 (v128.load (local.get $b)))
      (local.set $b1 (v128.load offset=16 (local.get $b)))
      (local.set $av (v128.load32_splat (local.get $a)))
      (local.set $c00 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c00)))
      (local.set $c01 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c01)))
      (local.set $av (v128.load32_splat (i32.add (local.get $a) (local.get $rs))))
      (local.set $c10 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c10)))
      (local.set $c11 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c11)))
      (local.set $av (v128.load32_splat (i32.add (local.get $a) (local.get $rs2))))
      (local.set $c20 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c20)))
      (local.set $c21 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c21)))
      (local.set $av (v128.load32_splat (i32.add (local.get $a) (local.get $rs3))))
      (local.set $c30 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c30)))
      (local.set $c31 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c31)))
      (local.set $b (i32.add (local.get $b) (local.get $ldb)))
      (local.set $a (i32.add (local.get $a) (local.get $ks)))
      (br_if $overK (i32.lt_u (local.get $a) (local.get $aEnd))))
    (v128.store (local.get $c) (local.get $c00))
    (v128.store offset=16 (local.get $c) (local.get $c01))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c10))
    (v128.store offset=16 (local.get $c) (local.get $c11))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c20))
    (v128.store offset=16 (local.get $c) (local.get $c21))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c30))
    (v128.store offset=16 (local.get $c) (local.get $c31)))

  ;; C[1 rows][8 cols] = Σ_kk A(i, kk)·B[kk][j], kk in order; A(i, kk) at a + i·rs + kk·ks.
  (func $tile1x8 (param $a i32) (param $rs i32) (param $ks i32) (param $b i32) (param $ldb i32)
        (param $c i32) (param $ldc i32) (param $k i32)
    (local $aEnd i32) (local $av v128)
    (local $b0 v128) (local $b1 v128)
    (local $c00 v128) (local $c01 v128)
    (local.set $aEnd (i32.add (local.get $a) (i32.mul (local.get $k) (local.get $ks))))
    (loop $overK
      (local.set $b0 (v128.load (local.get $b)))
      (local.set $b1 (v128.load offset=16 (local.get $b)))
      (local.set $av (v128.load32_splat (local.get $a)))
      (local.set $c00 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c00)))
      (local.set $c01 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c01)))
      (local.set $b (i32.add (local.get $b) (local.get $ldb)))
      (local.set $a (i32.add (local.get $a) (local.get $ks)))
      (br_if $overK (i32.lt_u (local.get $a) (local.get $aEnd))))
    (v128.store (local.get $c) (local.get $c00))
    (v128.store offset=16 (local.get $c) (local.get $c01)))

  ;; C[4 rows][4 cols] = Σ_kk A(i, kk)·B[kk][j], kk in order; A(i, kk) at a + i·rs + kk·ks.
  (func $tile4x4 (param $a i32) (param $rs i32) (param $ks i32) (param $b i32) (param $ldb i32)
        (param $c i32) (param $ldc i32) (param $k i32)
    (local $aEnd i32) (local $av v128)
    (local $b0 v128)
    (local $c00 v128) (local $c10 v128) (local $c20 v128) (local $c30 v128)
    (local $rs2 i32) (local $rs3 i32)
    (local.set $rs2 (i32.shl (local.get $rs) (i32.const 1)))
    (local.set $rs3 (i32.add (local.get $rs2) (local.get $rs)))
    (local.set $aEnd (i32.add (local.get $a) (i32.mul (local.get $k) (local.get $ks))))
    (loop $overK
      (local.set $b0 (v128.load (local.get $b)))
      (local.set $av (v128.load32_splat (local.get $a)))
      (local.set $c00 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c00)))
      (local.set $av (v128.load32_splat (i32.add (local.get $a) (local.get $rs))))
      (local.set $c10 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c10)))
      (local.set $av (v128.load32_splat (i32.add (local.get $a) (local.get $rs2))))
      (local.set $c20 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c20)))
      (local.set $av (v128.load32_splat (i32.add (local.get $a) (local.get $rs3))))
      (local.set $c30 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c30)))
      (local.set $b (i32.add (local.get $b) (local.get $ldb)))
      (local.set $a (i32.add (local.get $a) (local.get $ks)))
      (br_if $overK (i32.lt_u (local.get $a) (local.get $aEnd))))
    (v128.store (local.get $c) (local.get $c00))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c10))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c20))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c30)))

  ;; C[1 rows][4 cols] = Σ_kk A(i, kk)·B[kk][j], kk in order; A(i, kk) at a + i·rs + kk·ks.
  (func $tile1x4 (param $a i32) (param $rs i32) (param $ks i32) (param $b i32) (param $ldb i32)
        (param $c i32) (param $ldc i32) (param $k i32)
    (local $aEnd i32) (local $av v128)
    (local $b0 v128)
    (local $c00 v128)
    (local.set $aEnd (i32.add (local.get $a) (i32.mul (local.get $k) (local.get $ks))))
    (loop $overK
      (local.set $b0 (v128.load (local.get $b)))
      (local.set $av (v128.load32_splat (local.get $a)))
      (local.set $c00 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c00)))
      (local.set $b (i32.add (local.get $b) (local.get $ldb)))
      (local.set $a (i32.add (local.get $a) (local.get $ks)))
      (br_if $overK (i32.lt_u (local.get $a) (local.get $aEnd))))
    (v128.store (local.get $c) (local.get $c00)))


  ;; C(i, j) = Σ_kk A(i, kk)·B[kk][j] for one element, with f32 mul and add (columns past the last
  ;; group of four).
  (func $dot (param $a i32) (param $ks i32) (param $b i32) (param $ldb i32) (param $c i32) (param $k i32)
    (local $aEnd i32) (local $acc f32)
    (local.set $aEnd (i32.add (local.get $a) (i32.mul (local.get $k) (local.get $ks))))
    (loop $overK
      (local.set $acc (f32.add (local.get $acc) (f32.mul (f32.load (local.get $a)) (f32.load (local.get $b)))))
      (local.set $b (i32.add (local.get $b) (local.get $ldb)))
      (local.set $a (i32.add (local.get $a) (local.get $ks)))
      (br_if $overK (i32.lt_u (local.get $a) (local.get $aEnd))))
    (f32.store (local.get $c) (local.get $acc)))

  ;; gemm(a, rs, ks, b, c, m, n, k): C[m][n] = A·B with A(i, kk) at a + i·rs + kk·ks; k ≥ 1.
  ;; Panels of 8 columns of B (k × 32 bytes, kept in cache) against every 4 rows of A, then a panel
  ;; of 4 columns, then single columns.
  (func (export "gemm") (param $a i32) (param $rs i32) (param $ks i32) (param $b i32) (param $c i32)
        (param $m i32) (param $n i32) (param $k i32)
    (local $ldb i32) (local $m4 i32) (local $n8 i32) (local $i i32) (local $j i32)
    (local $rs4 i32) (local $ai i32) (local $ci i32)
    (local.set $ldb (i32.shl (local.get $n) (i32.const 2)))
    (local.set $m4 (i32.and (local.get $m) (i32.const -4)))
    (local.set $n8 (i32.and (local.get $n) (i32.const -8)))
    (local.set $rs4 (i32.shl (local.get $rs) (i32.const 2)))
    (local.set $j (i32.const 0))
    (block $panelsDone
      (loop $overPanels
        (br_if $panelsDone (i32.ge_u (local.get $j) (local.get $n8)))
        (local.set $ai (local.get $a))
        (local.set $ci (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $i (i32.const 0))
        (block $rows4Done
          (loop $overRows4
            (br_if $rows4Done (i32.ge_u (local.get $i) (local.get $m4)))
            (call $tile4x8 (local.get $ai) (local.get $rs) (local.get $ks)
              (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (local.get $ldb)
              (local.get $ci) (local.get $ldb) (local.get $k))
            (local.set $ai (i32.add (local.get $ai) (local.get $rs4)))
            (local.set $ci (i32.add (local.get $ci) (i32.shl (local.get $ldb) (i32.const 2))))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $overRows4)))
        (block $rowsDone
          (loop $overRows
            (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $m)))
            (call $tile1x8 (local.get $ai) (local.get $rs) (local.get $ks)
              (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (local.get $ldb)
              (local.get $ci) (local.get $ldb) (local.get $k))
            (local.set $ai (i32.add (local.get $ai) (local.get $rs)))
            (local.set $ci (i32.add (local.get $ci) (local.get $ldb)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $overRows)))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $overPanels)))
    ;; a panel of 4 columns when at least 4 are left
    (if (i32.le_u (i32.add (local.get $j) (i32.const 4)) (local.get $n))
      (then
        (local.set $ai (local.get $a))
        (local.set $ci (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $i (i32.const 0))
        (block $rows4Done
          (loop $overRows4
            (br_if $rows4Done (i32.ge_u (local.get $i) (local.get $m4)))
            (call $tile4x4 (local.get $ai) (local.get $rs) (local.get $ks)
              (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (local.get $ldb)
              (local.get $ci) (local.get $ldb) (local.get $k))
            (local.set $ai (i32.add (local.get $ai) (local.get $rs4)))
            (local.set $ci (i32.add (local.get $ci) (i32.shl (local.get $ldb) (i32.const 2))))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $overRows4)))
        (block $rowsDone
          (loop $overRows
            (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $m)))
            (call $tile1x4 (local.get $ai) (local.get $rs) (local.get $ks)
              (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (local.get $ldb)
              (local.get $ci) (local.get $ldb) (local.get $k))
            (local.set $ai (i32.add (local.get $ai) (local.get $rs)))
            (local.set $ci (i32.add (local.get $ci) (local.get $ldb)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $overRows)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))))
    ;; single columns
    (block $colsDone
      (loop $overCols
        (br_if $colsDone (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $i (i32.const 0))
        (local.set $ai (local.get $a))
        (local.set $ci (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 2))))
        (block $rowsDone
          (loop $overRows
            (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $m)))
            (call $dot (local.get $ai) (local.get $ks) (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2)))
              (local.get $ldb) (local.get $ci) (local.get $k))
            (local.set $ai (i32.add (local.get $ai) (local.get $rs)))
            (local.set $ci (i32.add (local.get $ci) (local.get $ldb)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $overRows)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $overCols)))))
