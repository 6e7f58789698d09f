;; A one-pass Adam update over tfjs-wasm's heap (byte offsets into it), four floats at a time, then a
;; scalar tail:
;;   m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g·g;  w ← wOld − (lr·c₁·m) / (√(v·c₂) + ε)
;; Every float op is an f32 op in this order (tests hold the bits to a Math.fround reference).
;; `adam` does elements [0, n); `adamRange` does [from, to) so callers can split the work.
(module
  (import "env" "memory" (memory 1))

  (func $range (param $wOld i32) (param $w i32) (param $g i32) (param $m i32) (param $v i32)
        (param $from i32) (param $to i32)
        (param $lrC1 f32) (param $c2 f32) (param $b1 f32) (param $a1 f32) (param $b2 f32) (param $a2 f32)
        (param $eps f32)
    (local $i i32) (local $end4 i32) (local $nb i32)
    (local $vlr v128) (local $vc2 v128) (local $vb1 v128) (local $va1 v128) (local $vb2 v128)
    (local $va2 v128) (local $veps v128) (local $vg v128) (local $vm v128) (local $vv v128)
    (local $sg f32) (local $sm f32) (local $sv f32)
    (local.set $i (i32.shl (local.get $from) (i32.const 2)))
    (local.set $nb (i32.shl (local.get $to) (i32.const 2)))
    ;; whole vectors from `from` on: end4 = i + ((nb − i) & −16)
    (local.set $end4
      (i32.add (local.get $i) (i32.and (i32.sub (local.get $nb) (local.get $i)) (i32.const -16))))
    (local.set $vlr (f32x4.splat (local.get $lrC1)))
    (local.set $vc2 (f32x4.splat (local.get $c2)))
    (local.set $vb1 (f32x4.splat (local.get $b1)))
    (local.set $va1 (f32x4.splat (local.get $a1)))
    (local.set $vb2 (f32x4.splat (local.get $b2)))
    (local.set $va2 (f32x4.splat (local.get $a2)))
    (local.set $veps (f32x4.splat (local.get $eps)))
    (block $done
      (loop $vectors
        (br_if $done (i32.ge_u (local.get $i) (local.get $end4)))
        (local.set $vg (v128.load (i32.add (local.get $g) (local.get $i))))
        (local.set $vm
          (f32x4.add
            (f32x4.mul (local.get $vb1) (v128.load (i32.add (local.get $m) (local.get $i))))
            (f32x4.mul (local.get $va1) (local.get $vg))))
        (v128.store (i32.add (local.get $m) (local.get $i)) (local.get $vm))
        (local.set $vv
          (f32x4.add
            (f32x4.mul (local.get $vb2) (v128.load (i32.add (local.get $v) (local.get $i))))
            (f32x4.mul (f32x4.mul (local.get $va2) (local.get $vg)) (local.get $vg))))
        (v128.store (i32.add (local.get $v) (local.get $i)) (local.get $vv))
        (v128.store (i32.add (local.get $w) (local.get $i))
          (f32x4.sub
            (v128.load (i32.add (local.get $wOld) (local.get $i)))
            (f32x4.div
              (f32x4.mul (local.get $vlr) (local.get $vm))
              (f32x4.add (f32x4.sqrt (f32x4.mul (local.get $vv) (local.get $vc2))) (local.get $veps)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vectors)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $i) (local.get $nb)))
        (local.set $sg (f32.load (i32.add (local.get $g) (local.get $i))))
        (local.set $sm
          (f32.add
            (f32.mul (local.get $b1) (f32.load (i32.add (local.get $m) (local.get $i))))
            (f32.mul (local.get $a1) (local.get $sg))))
        (f32.store (i32.add (local.get $m) (local.get $i)) (local.get $sm))
        (local.set $sv
          (f32.add
            (f32.mul (local.get $b2) (f32.load (i32.add (local.get $v) (local.get $i))))
            (f32.mul (f32.mul (local.get $a2) (local.get $sg)) (local.get $sg))))
        (f32.store (i32.add (local.get $v) (local.get $i)) (local.get $sv))
        (f32.store (i32.add (local.get $w) (local.get $i))
          (f32.sub
            (f32.load (i32.add (local.get $wOld) (local.get $i)))
            (f32.div
              (f32.mul (local.get $lrC1) (local.get $sm))
              (f32.add (f32.sqrt (f32.mul (local.get $sv) (local.get $c2))) (local.get $eps)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $tail))))

  (func (export "adam") (param $wOld i32) (param $w i32) (param $g i32) (param $m i32) (param $v i32)
        (param $n i32)
        (param $lrC1 f32) (param $c2 f32) (param $b1 f32) (param $a1 f32) (param $b2 f32) (param $a2 f32)
        (param $eps f32)
    (call $range (local.get $wOld) (local.get $w) (local.get $g) (local.get $m) (local.get $v)
      (i32.const 0) (local.get $n)
      (local.get $lrC1) (local.get $c2) (local.get $b1) (local.get $a1) (local.get $b2) (local.get $a2)
      (local.get $eps)))

  (export "adamRange" (func $range)))
