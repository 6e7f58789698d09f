;; Σ over the rows of a float32 matrix over tfjs-wasm's heap: columnSum(src, dst, rows, cols) writes
;; dst[j] = ((0 + src[0][j]) + src[1][j]) + … (byte offsets, row-major), four columns at a time, then
;; one at a time. Each column is summed in row order with f32 adds, as the stock Sum kernel's loop
;; does, so the bits are the same.
(module
  (import "env" "memory" (memory 1))

  (func (export "columnSum") (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (local $rowBytes i32) (local $end i32) (local $cols4Bytes i32) (local $j i32) (local $p i32)
    (local $acc f32) (local $vacc v128)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $end (i32.add (local.get $src) (i32.mul (local.get $rows) (local.get $rowBytes))))
    (local.set $cols4Bytes (i32.and (local.get $rowBytes) (i32.const -16)))
    (local.set $j (i32.const 0))
    (block $vectorsDone
      (loop $vectors
        (br_if $vectorsDone (i32.ge_u (local.get $j) (local.get $cols4Bytes)))
        (local.set $vacc (f32x4.splat (f32.const 0)))
        (local.set $p (i32.add (local.get $src) (local.get $j)))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $p) (i32.add (local.get $end) (local.get $j))))
            (local.set $vacc (f32x4.add (local.get $vacc) (v128.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
            (br $rows)))
        (v128.store (i32.add (local.get $dst) (local.get $j)) (local.get $vacc))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $vectors)))
    (block $scalarsDone
      (loop $scalars
        (br_if $scalarsDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
        (local.set $acc (f32.const 0))
        (local.set $p (i32.add (local.get $src) (local.get $j)))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $p) (i32.add (local.get $end) (local.get $j))))
            (local.set $acc (f32.add (local.get $acc) (f32.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
            (br $rows)))
        (f32.store (i32.add (local.get $dst) (local.get $j)) (local.get $acc))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $scalars)))))
