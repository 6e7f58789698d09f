;; A cache-blocked 2-D transpose of 32-bit values over tfjs-wasm's heap: transpose(src, dst, rows,
;; cols) writes dst[j][i] = src[i][j] (byte offsets, row-major). The interior goes in 4 × 4 blocks
;; (four v128 loads, eight shuffles, four stores), 16 source rows at a time so each destination row
;; gets whole 64-byte lines; the right and bottom strips (rows or cols not a multiple of 4) go value
;; by value. It copies bits (i32 loads and stores), so NaN payloads and −0 survive.
(module
  (import "env" "memory" (memory 1))

  ;; dst[j][i] = src[i][j] for i0 ≤ i < i1, j0 ≤ j < j1, one value at a time.
  (func $copyStrip (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
        (param $i0 i32) (param $i1 i32) (param $j0 i32) (param $j1 i32)
    (local $i i32) (local $j i32)
    (local.set $i (local.get $i0))
    (block $rowsDone
      (loop $overRows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $i1)))
        (local.set $j (local.get $j0))
        (block $colsDone
          (loop $overCols
            (br_if $colsDone (i32.ge_u (local.get $j) (local.get $j1)))
            (i32.store
              (i32.add (local.get $dst)
                (i32.shl (i32.add (i32.mul (local.get $j) (local.get $rows)) (local.get $i)) (i32.const 2)))
              (i32.load
                (i32.add (local.get $src)
                  (i32.shl (i32.add (i32.mul (local.get $i) (local.get $cols)) (local.get $j)) (i32.const 2)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $overCols)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $overRows))))

  (func (export "transpose") (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (local $rowBytes i32) (local $outRowBytes i32) (local $rows4 i32) (local $cols4 i32)
    (local $ib i32) (local $ie i32) (local $i0 i32) (local $j0 i32) (local $p i32) (local $q i32)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $outRowBytes (i32.shl (local.get $rows) (i32.const 2)))
    (local.set $rows4 (i32.and (local.get $rows) (i32.const -4)))
    (local.set $cols4 (i32.and (local.get $cols) (i32.const -4)))
    (local.set $ib (i32.const 0))
    (block $stripsDone
      (loop $overStrips
        (br_if $stripsDone (i32.ge_u (local.get $ib) (local.get $rows4)))
        ;; ie = min(ib + 16, rows4)
        (local.set $ie (i32.add (local.get $ib) (i32.const 16)))
        (if (i32.lt_u (local.get $rows4) (local.get $ie)) (then (local.set $ie (local.get $rows4))))
        (local.set $j0 (i32.const 0))
        (block $colsDone
          (loop $overCols
            (br_if $colsDone (i32.ge_u (local.get $j0) (local.get $cols4)))
            (local.set $i0 (local.get $ib))
            (block $blocksDone
              (loop $overBlocks
                (br_if $blocksDone (i32.ge_u (local.get $i0) (local.get $ie)))
                ;; p = src + i0·rowBytes + j0·4: four source rows a b c d
                (local.set $p
                  (i32.add
                    (i32.add (local.get $src) (i32.mul (local.get $i0) (local.get $rowBytes)))
                    (i32.shl (local.get $j0) (i32.const 2))))
                (local.set $r0 (v128.load (local.get $p)))
                (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
                (local.set $r1 (v128.load (local.get $p)))
                (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
                (local.set $r2 (v128.load (local.get $p)))
                (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
                (local.set $r3 (v128.load (local.get $p)))
                ;; t0 = a0 b0 a1 b1, t1 = a2 b2 a3 b3, t2 = c0 d0 c1 d1, t3 = c2 d2 c3 d3
                (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r0) (local.get $r1)))
                (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r0) (local.get $r1)))
                (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r2) (local.get $r3)))
                (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r2) (local.get $r3)))
                ;; q = dst + j0·outRowBytes + i0·4: columns 0–3 of the block become rows of dst
                (local.set $q
                  (i32.add
                    (i32.add (local.get $dst) (i32.mul (local.get $j0) (local.get $outRowBytes)))
                    (i32.shl (local.get $i0) (i32.const 2))))
                (v128.store (local.get $q)
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
                (local.set $q (i32.add (local.get $q) (local.get $outRowBytes)))
                (v128.store (local.get $q)
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
                (local.set $q (i32.add (local.get $q) (local.get $outRowBytes)))
                (v128.store (local.get $q)
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
                (local.set $q (i32.add (local.get $q) (local.get $outRowBytes)))
                (v128.store (local.get $q)
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
                (local.set $i0 (i32.add (local.get $i0) (i32.const 4)))
                (br $overBlocks)))
            (local.set $j0 (i32.add (local.get $j0) (i32.const 4)))
            (br $overCols)))
        (local.set $ib (i32.add (local.get $ib) (i32.const 16)))
        (br $overStrips)))
    ;; the right strip of the blocked rows, then the bottom rows, every column
    (call $copyStrip (local.get $src) (local.get $dst) (local.get $rows) (local.get $cols)
      (i32.const 0) (local.get $rows4) (local.get $cols4) (local.get $cols))
    (call $copyStrip (local.get $src) (local.get $dst) (local.get $rows) (local.get $cols)
      (local.get $rows4) (local.get $rows) (i32.const 0) (local.get $cols))))
