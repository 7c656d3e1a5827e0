;; rx_sets.wat: code point sets for rx_syntax.wat's classes: normalizing,
;; complement and Unicode simple case folding, equal to charset.py's (the
;; folding table is charset.py's orbits, generated into rx_tables.wat).

;; ===== code point range sets ==============================================
;; A set is a run R[base..top) of the range stack; normalized = sorted,
;; disjoint and not adjacent.  Every function takes the run's base index
;; (indices, not pointers: a push may move the stack).

;; $rx_rpush: push the range [$lo, $hi] (out of memory: nothing, error set).
(func $rx_rpush (param $lo i32) (param $hi i32)
  (local $new i32)
  (if (i32.ge_u (global.get $rx_rtop) (global.get $rx_rcap))
    (then
      (local.set $new (call $rx_mem (i32.shl (global.get $rx_rcap) (i32.const 4))))
      (if (i32.eqz (local.get $new)) (then (return)))
      (memory.copy (local.get $new) (global.get $rx_rbuf) (i32.shl (global.get $rx_rtop) (i32.const 3)))
      (global.set $rx_rbuf (local.get $new))
      (global.set $rx_rcap (i32.shl (global.get $rx_rcap) (i32.const 1)))))
  (i64.store (i32.add (global.get $rx_rbuf) (i32.shl (global.get $rx_rtop) (i32.const 3)))
    (i64.or (i64.shl (i64.extend_i32_u (local.get $lo)) (i64.const 32)) (i64.extend_i32_u (local.get $hi))))
  (global.set $rx_rtop (i32.add (global.get $rx_rtop) (i32.const 1))))

;; $rx_rat: the address of range $i.
(func $rx_rat (param $i i32) (result i32)
  (i32.add (global.get $rx_rbuf) (i32.shl (local.get $i) (i32.const 3))))

;; $rx_sift: heapsort's sift-down of element $i among the $n i64 at $a.
(func $rx_sift (param $a i32) (param $i i32) (param $n i32)
  (local $c i32) (local $x i64) (local $y i64)
  (loop $down
    (local.set $c (i32.add (i32.shl (local.get $i) (i32.const 1)) (i32.const 1)))
    (if (i32.ge_u (local.get $c) (local.get $n)) (then (return)))
    (if (i32.lt_u (i32.add (local.get $c) (i32.const 1)) (local.get $n))
      (then
        (if (i64.gt_u (i64.load offset=8 (i32.add (local.get $a) (i32.shl (local.get $c) (i32.const 3))))
                      (i64.load (i32.add (local.get $a) (i32.shl (local.get $c) (i32.const 3)))))
          (then (local.set $c (i32.add (local.get $c) (i32.const 1)))))))
    (local.set $x (i64.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3)))))
    (local.set $y (i64.load (i32.add (local.get $a) (i32.shl (local.get $c) (i32.const 3)))))
    (if (i64.ge_u (local.get $x) (local.get $y)) (then (return)))
    (i64.store (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3))) (local.get $y))
    (i64.store (i32.add (local.get $a) (i32.shl (local.get $c) (i32.const 3))) (local.get $x))
    (local.set $i (local.get $c))
    (br $down)))

;; $rx_rnorm: sort the run from $base (heapsort: no memory, n log n) and
;; merge overlapping and adjacent ranges.
(func $rx_rnorm (param $base i32)
  (local $a i32) (local $n i32) (local $i i32) (local $x i64)
  (local $w i32) (local $r i32) (local $lo i32) (local $hi i32) (local $last i32)
  (local.set $a (call $rx_rat (local.get $base)))
  (local.set $n (i32.sub (global.get $rx_rtop) (local.get $base)))
  (local.set $i (i32.shr_u (local.get $n) (i32.const 1)))
  (block $built
    (loop $build
      (br_if $built (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (call $rx_sift (local.get $a) (local.get $i) (local.get $n))
      (br $build)))
  (local.set $i (local.get $n))
  (block $sorted
    (loop $pop
      (br_if $sorted (i32.le_u (local.get $i) (i32.const 1)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $x (i64.load (local.get $a)))
      (i64.store (local.get $a) (i64.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3)))))
      (i64.store (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3))) (local.get $x))
      (call $rx_sift (local.get $a) (i32.const 0) (local.get $i))
      (br $pop)))
  (local.set $w (i32.const 0))
  (block $merged
    (loop $each
      (br_if $merged (i32.ge_u (local.get $r) (local.get $n)))
      (local.set $x (i64.load (i32.add (local.get $a) (i32.shl (local.get $r) (i32.const 3)))))
      (local.set $lo (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 32))))
      (local.set $hi (i32.wrap_i64 (local.get $x)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (if (local.get $w)
        (then
          (local.set $last (i32.add (local.get $a) (i32.shl (i32.sub (local.get $w) (i32.const 1)) (i32.const 3))))
          (if (i32.le_u (local.get $lo) (i32.add (i32.load (local.get $last)) (i32.const 1)))
            (then
              (if (i32.gt_u (local.get $hi) (i32.load (local.get $last)))
                (then (i32.store (local.get $last) (local.get $hi))))
              (br $each)))))
      (i64.store (i32.add (local.get $a) (i32.shl (local.get $w) (i32.const 3))) (local.get $x))
      (local.set $w (i32.add (local.get $w) (i32.const 1)))
      (br $each)))
  (global.set $rx_rtop (i32.add (local.get $base) (local.get $w))))

;; $rx_rcomplement: replace the normalized run from $base by its complement
;; in [0, U+10FFFF].
(func $rx_rcomplement (param $base i32)
  (local $top i32) (local $i i32) (local $next i32) (local $lo i32)
  (local.set $top (global.get $rx_rtop))
  (local.set $i (local.get $base))
  (block $done
    (loop $each
      (br_if $done (i32.ge_u (local.get $i) (local.get $top)))
      (local.set $lo (i32.load offset=4 (call $rx_rat (local.get $i))))
      (if (i32.gt_u (local.get $lo) (local.get $next))
        (then (call $rx_rpush (local.get $next) (i32.sub (local.get $lo) (i32.const 1)))))
      (local.set $next (i32.add (i32.load (call $rx_rat (local.get $i))) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $each)))
  (if (i32.le_u (local.get $next) (i32.const 0x10FFFF))
    (then (call $rx_rpush (local.get $next) (i32.const 0x10FFFF))))
  (memory.copy (call $rx_rat (local.get $base)) (call $rx_rat (local.get $top))
    (i32.shl (i32.sub (global.get $rx_rtop) (local.get $top)) (i32.const 3)))
  (global.set $rx_rtop (i32.add (local.get $base) (i32.sub (global.get $rx_rtop) (local.get $top)))))

;; $rx_fold_images: push the images of [$lo, $hi] under the folding map
;; (the next member of each orbit), then theirs, up to three steps: with
;; orbits of at most four members that reaches all of them.  An even-odd
;; entry pushes whole pairs: the range and its image together.  [$rlo,
;; $rhi] is the range whose images these are (at depth 0, [$lo, $hi]).
(func $rx_fold_images (param $lo i32) (param $hi i32) (param $depth i32) (param $rlo i32) (param $rhi i32)
  (local $l i32) (local $r i32) (local $m i32) (local $e i64)
  (local $elo i32) (local $ehi i32) (local $d i32) (local $a i32) (local $b i32)
  (if (i32.ge_u (local.get $depth) (i32.const 3)) (then (return)))
  ;; the first entry ending at or after $lo
  (local.set $r (global.get $RX_FOLD_COUNT))
  (block $found
    (loop $bisect
      (br_if $found (i32.ge_u (local.get $l) (local.get $r)))
      (local.set $m (i32.shr_u (i32.add (local.get $l) (local.get $r)) (i32.const 1)))
      (local.set $e (i64.load (i32.add (global.get $rx_fold) (i32.shl (local.get $m) (i32.const 3)))))
      (if (i32.lt_u (i32.and (i32.wrap_i64 (i64.shr_u (local.get $e) (i64.const 21))) (i32.const 0x1FFFFF)) (local.get $lo))
        (then (local.set $l (i32.add (local.get $m) (i32.const 1))))
        (else (local.set $r (local.get $m))))
      (br $bisect)))
  (block $done
    (loop $each
      (br_if $done (i32.ge_u (local.get $l) (global.get $RX_FOLD_COUNT)))
      (local.set $e (i64.load (i32.add (global.get $rx_fold) (i32.shl (local.get $l) (i32.const 3)))))
      (local.set $elo (i32.and (i32.wrap_i64 (local.get $e)) (i32.const 0x1FFFFF)))
      (br_if $done (i32.gt_u (local.get $elo) (local.get $hi)))
      (local.set $ehi (i32.and (i32.wrap_i64 (i64.shr_u (local.get $e) (i64.const 21))) (i32.const 0x1FFFFF)))
      (local.set $d (i32.wrap_i64 (i64.shr_s (local.get $e) (i64.const 42))))
      (local.set $a (select (local.get $lo) (local.get $elo) (i32.gt_u (local.get $lo) (local.get $elo))))
      (local.set $b (select (local.get $hi) (local.get $ehi) (i32.lt_u (local.get $hi) (local.get $ehi))))
      (if (i32.eq (local.get $d) (i32.const 0x100000))
        (then
          (local.set $a (i32.and (local.get $a) (i32.const -2)))
          (local.set $b (i32.or (local.get $b) (i32.const 1))))
        (else
          (if (i32.eq (local.get $d) (i32.const 0x100001))
            (then
              (local.set $a (i32.sub (local.get $a) (i32.eqz (i32.and (local.get $a) (i32.const 1)))))
              (local.set $b (i32.add (local.get $b) (i32.and (local.get $b) (i32.const 1)))))
            (else
              (local.set $a (i32.add (local.get $a) (local.get $d)))
              (local.set $b (i32.add (local.get $b) (local.get $d)))))))
      ;; inside the range being folded: there already, and its images are
      ;; those of members of that range, pushed from depth 0
      (if (i32.or (i32.lt_s (local.get $a) (local.get $rlo)) (i32.gt_s (local.get $b) (local.get $rhi)))
        (then
          (call $rx_rpush (local.get $a) (local.get $b))
          (call $rx_fold_images (local.get $a) (local.get $b) (i32.add (local.get $depth) (i32.const 1))
            (local.get $rlo) (local.get $rhi))))
      (local.set $l (i32.add (local.get $l) (i32.const 1)))
      (br $each))))

;; $rx_rfold: add to the run from $base every code point case-equivalent to
;; one in it (Unicode simple folding, as charset.fold), then normalize.
(func $rx_rfold (param $base i32)
  (local $top i32) (local $i i32)
  (local.set $top (global.get $rx_rtop))
  (local.set $i (local.get $base))
  (block $done
    (loop $each
      (br_if $done (i32.ge_u (local.get $i) (local.get $top)))
      (call $rx_fold_images (i32.load offset=4 (call $rx_rat (local.get $i))) (i32.load (call $rx_rat (local.get $i)))
        (i32.const 0) (i32.load offset=4 (call $rx_rat (local.get $i))) (i32.load (call $rx_rat (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $each)))
  (call $rx_rnorm (local.get $base)))
