;; rx.wat: HEADER

;; ===== compile state ======================================================

;; $rx_error: the error of the last $rx_compile, a code of
;; rx_tables.RX_ERRORS (0 = none); $rx_error_text gives its text.
(global $rx_error (mut i32) (i32.const 0))

;; $rx_error_at: the byte offset in the pattern where $rx_error was found.
(global $rx_error_at (mut i32) (i32.const 0))

;; $rx_pp: the address of the pattern being compiled.
(global $rx_pp (mut i32) (i32.const 0))

;; $rx_pn: the length in bytes of the pattern being compiled.
(global $rx_pn (mut i32) (i32.const 0))

;; $rx_pos: the parser's byte offset in the pattern.
(global $rx_pos (mut i32) (i32.const 0))

;; $rx_flags: the flags in force (1 (?i), 2 (?m), 4 (?s), 8 (?U)); they
;; flow across `|` and are restored at the end of a group.
(global $rx_flags (mut i32) (i32.const 0))

;; $rx_ngroups: capture groups seen so far.
(global $rx_ngroups (mut i32) (i32.const 0))

;; $rx_depth: parentheses open at the parser's position.
(global $rx_depth (mut i32) (i32.const 0))

;; $rx_lo: the lower count of the last `{n,m}` parsed (also: literals of a \Q...\E).
(global $rx_lo (mut i32) (i32.const 0))

;; $rx_hi: the upper count of the last `{n,m}` parsed (-1: no upper bound).
(global $rx_hi (mut i32) (i32.const 0))

;; $rx_rbuf: the range stack (scratch, grows by doubling): i64 entries
;; lo << 32 | hi of code points; a class is built on top of it, normalized
;; there, then copied out.
(global $rx_rbuf (mut i32) (i32.const 0))

;; $rx_rtop: the number of ranges on the range stack.
(global $rx_rtop (mut i32) (i32.const 0))

;; $rx_rcap: the capacity of the range stack, in ranges.
(global $rx_rcap (mut i32) (i32.const 0))

;; $rx_fold: the case folding table of this compile (scratch, $rx_fold_table).
(global $rx_fold (mut i32) (i32.const 0))

;; $rx_ibuf: the instructions being built (16 bytes each, scratch).
(global $rx_ibuf (mut i32) (i32.const 0))

;; $rx_ninst: the number of instructions built.
(global $rx_ninst (mut i32) (i32.const 0))

;; $rx_ncons: consuming instructions built (the cost limit counts them).
(global $rx_ncons (mut i32) (i32.const 0))

;; $rx_abuf: the byte-range arms of the consuming instructions (i32
;; lo | hi << 8 | next << 16; scratch, grows by doubling).
(global $rx_abuf (mut i32) (i32.const 0))

;; $rx_narms: the number of arms built.
(global $rx_narms (mut i32) (i32.const 0))

;; $rx_acap: the capacity of the arm buffer, in arms.
(global $rx_acap (mut i32) (i32.const 0))

;; $rx_tarms: four areas of 256 arms, where the trie builder collects the
;; arms of one node per UTF-8 byte position.
(global $rx_tarms (mut i32) (i32.const 0))

;; $rx_seqs: the UTF-8 sequences being listed (16 bytes each: four byte
;; pairs lo | hi << 8, first byte first, then the length); 0 = only count.
(global $rx_seqs (mut i32) (i32.const 0))

;; $rx_nseq: the number of sequences listed.
(global $rx_nseq (mut i32) (i32.const 0))

;; $RX_MAX_INST: nfa.MAX_INSTRUCTIONS, instructions of a program.
(global $RX_MAX_INST i32 (i32.const 5000))

;; $RX_MAX_COST: regex.MAX_COST_PER_BYTE, the literal compiler's cost bound,
;; $RX_COST_PER_THREAD per CONS plus $RX_COST_PER_STEP.
(global $RX_MAX_COST i32 (i32.const 250000))

;; $RX_COST_PER_THREAD: regex.COST_PER_THREAD.
(global $RX_COST_PER_THREAD i32 (i32.const 150))

;; $RX_COST_PER_STEP: regex.COST_PER_STEP.
(global $RX_COST_PER_STEP i32 (i32.const 100))

;; $RX_MAX_WORKSPACE: nfa.MAX_WORKSPACE_BYTES, the literal compiler's bound
;; on thread state (its formula, over CONS count and groups).
(global $RX_MAX_WORKSPACE i32 (i32.const 1048576))

;; $RX_MAX_REPEAT: syntax.MAX_REPEAT, the largest count, nested ones multiplied.
(global $RX_MAX_REPEAT i32 (i32.const 1000))

;; $RX_MAX_NESTING: syntax.MAX_NESTING, parentheses open at once.
(global $RX_MAX_NESTING i32 (i32.const 250))

;; $RX_NONE: in the step table: no arm holds the byte class.
(global $RX_NONE i32 (i32.const 0x7FFFFFFF))

;; $RX_MAX_ARMS: rx_tables.MAX_ARMS, byte-range arms a program may hold.
(global $RX_MAX_ARMS i32 (i32.const 262144))

;; ===== helpers ============================================================

;; $rx_fail: record the first error of a compile; result 0 (no node, no pc).
(func $rx_fail (param $code i32) (param $at i32) (result i32)
  (if (i32.eqz (global.get $rx_error))
    (then
      (global.set $rx_error (local.get $code))
      (global.set $rx_error_at (local.get $at))))
  (i32.const 0))

;; $rx_mem: $alloc, recording a failure as an rx error.
(func $rx_mem (param $size i32) (result i32)
  (local $p i32)
  (local.set $p (call $alloc (local.get $size)))
  (if (i32.eqz (local.get $p))
    (then (drop (call $rx_fail (global.get $RX_E_OUT_OF_MEMORY) (global.get $rx_pos)))))
  (local.get $p))

;; $rx_byte: the pattern byte at offset $i, -1 past the end.
(func $rx_byte (param $i i32) (result i32)
  (if (result i32) (i32.lt_u (local.get $i) (global.get $rx_pn))
    (then (i32.load8_u (i32.add (global.get $rx_pp) (local.get $i))))
    (else (i32.const -1))))

;; $rx_cplen: bytes of the (valid) UTF-8 sequence at pattern offset $i.
(func $rx_cplen (param $i i32) (result i32)
  (local $c i32)
  (local.set $c (call $rx_byte (local.get $i)))
  (if (i32.lt_u (local.get $c) (i32.const 0x80)) (then (return (i32.const 1))))
  (if (i32.lt_u (local.get $c) (i32.const 0xE0)) (then (return (i32.const 2))))
  (if (i32.lt_u (local.get $c) (i32.const 0xF0)) (then (return (i32.const 3))))
  (i32.const 4))

;; $rx_decode: the code point of the (valid) UTF-8 sequence at offset $i.
(func $rx_decode (param $i i32) (result i32)
  (local $p i32) (local $c i32) (local $n i32) (local $k i32)
  (local.set $p (i32.add (global.get $rx_pp) (local.get $i)))
  (local.set $c (i32.load8_u (local.get $p)))
  (local.set $n (call $rx_cplen (local.get $i)))
  (if (i32.eq (local.get $n) (i32.const 1)) (then (return (local.get $c))))
  ;; the lead byte keeps 7 - n bits
  (local.set $c (i32.and (local.get $c) (i32.sub (i32.shr_u (i32.const 0x80) (local.get $n)) (i32.const 1))))
  (local.set $k (i32.const 1))
  (block $done
    (loop $more
      (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
      (local.set $c (i32.or (i32.shl (local.get $c) (i32.const 6))
        (i32.and (i32.load8_u (i32.add (local.get $p) (local.get $k))) (i32.const 0x3F))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $more)))
  (local.get $c))

;; $rx_utf8_error: the offset of the first byte of $p[0..$n) that does not
;; start a valid UTF-8 sequence (shortest form, no surrogates, at most
;; U+10FFFF), -1 when all of it is valid.
(func $rx_utf8_error (param $p i32) (param $n i32) (result i32)
  (local $i i32) (local $c i32) (local $need i32) (local $lo i32) (local $hi i32) (local $k i32) (local $b i32)
  (block $valid
    (loop $next
      (br_if $valid (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $i))))
      (if (i32.lt_u (local.get $c) (i32.const 0x80))
        (then (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $next)))
      (local.set $lo (i32.const 0x80))
      (local.set $hi (i32.const 0xBF))
      (if (i32.lt_u (local.get $c) (i32.const 0xC2)) (then (return (local.get $i))))
      (if (i32.lt_u (local.get $c) (i32.const 0xE0))
        (then (local.set $need (i32.const 1)))
        (else
          (if (i32.lt_u (local.get $c) (i32.const 0xF0))
            (then
              (local.set $need (i32.const 2))
              (if (i32.eq (local.get $c) (i32.const 0xE0)) (then (local.set $lo (i32.const 0xA0))))
              (if (i32.eq (local.get $c) (i32.const 0xED)) (then (local.set $hi (i32.const 0x9F)))))
            (else
              (if (i32.ge_u (local.get $c) (i32.const 0xF5)) (then (return (local.get $i))))
              (local.set $need (i32.const 3))
              (if (i32.eq (local.get $c) (i32.const 0xF0)) (then (local.set $lo (i32.const 0x90))))
              (if (i32.eq (local.get $c) (i32.const 0xF4)) (then (local.set $hi (i32.const 0x8F))))))))
      (if (i32.ge_u (local.get $need) (i32.sub (local.get $n) (local.get $i))) (then (return (local.get $i))))
      (local.set $k (i32.const 1))
      (loop $cont
        (local.set $b (i32.load8_u (i32.add (local.get $p) (i32.add (local.get $i) (local.get $k)))))
        (if (i32.or (i32.lt_u (local.get $b) (local.get $lo)) (i32.gt_u (local.get $b) (local.get $hi)))
          (then (return (local.get $i))))
        (local.set $lo (i32.const 0x80))
        (local.set $hi (i32.const 0xBF))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $cont (i32.le_u (local.get $k) (local.get $need))))
      (local.set $i (i32.add (local.get $i) (local.get $k)))
      (br $next)))
  (i32.const -1))

;; $rx_text: a string of $len bytes (at most 64) held in eight i64 words,
;; copied to scratch memory; "" when scratch is full.
(func $rx_text (param $a i64) (param $b i64) (param $c i64) (param $d i64)
               (param $e i64) (param $f i64) (param $g i64) (param $h i64) (param $len i32) (result i64)
  (local $p i32)
  (local.set $p (call $alloc (i32.const 64)))
  (if (i32.eqz (local.get $p)) (then (return (i64.const 0))))
  (i64.store offset=0 (local.get $p) (local.get $a))
  (i64.store offset=8 (local.get $p) (local.get $b))
  (i64.store offset=16 (local.get $p) (local.get $c))
  (i64.store offset=24 (local.get $p) (local.get $d))
  (i64.store offset=32 (local.get $p) (local.get $e))
  (i64.store offset=40 (local.get $p) (local.get $f))
  (i64.store offset=48 (local.get $p) (local.get $g))
  (i64.store offset=56 (local.get $p) (local.get $h))
  (i64.or (i64.shl (i64.extend_i32_u (local.get $p)) (i64.const 32)) (i64.extend_i32_u (local.get $len))))

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
;; entry pushes whole pairs: the range and its image together.
(func $rx_fold_images (param $lo i32) (param $hi i32) (param $depth i32)
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
      (call $rx_rpush (local.get $a) (local.get $b))
      (call $rx_fold_images (local.get $a) (local.get $b) (i32.add (local.get $depth) (i32.const 1)))
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
        (i32.const 0))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $each)))
  (call $rx_rnorm (local.get $base)))

;; ===== parser: RE2 syntax -> tree (syntax.py and simplify.py in one pass) ====
;; Nodes are 32 bytes of scratch: kind, a, b, c, d, weight, nullable, next.
;; Flags are applied as the parser meets them, so the tree is simplify.py's:
;;   0 EMPTY
;;   1 LIT    a = code point (no case folding left to do)
;;   2 CHARS  a = normalized ranges (i64 lo << 32 | hi), b = their count,
;;            c, d = its UTF-8 sequences once listed ($rx_sequences)
;;   3 BYTE   \C
;;   4 ASSERT a = 1 BOT, 2 EOT, 3 BOL, 4 EOL, 5 WB, 6 NWB
;;   5 REP    a = sub, b = min, c = max (-1: none), d = greedy (after (?U))
;;   6 CAP    a = sub, b = group number
;;   7 CAT, 8 ALT  a = array of item pointers, b = their count (>= 2)
;; weight is syntax.py's repetition weight (nested counts multiplied),
;; nullable whether the node matches "", next links items while parsing.

;; $rx_node: a new node (0 when out of memory, error set).
(func $rx_node (param $kind i32) (param $a i32) (param $b i32) (param $c i32) (param $d i32)
               (param $weight i32) (param $nullable i32) (result i32)
  (local $n i32)
  (local.set $n (call $rx_mem (i32.const 32)))
  (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
  (i32.store offset=0 (local.get $n) (local.get $kind))
  (i32.store offset=4 (local.get $n) (local.get $a))
  (i32.store offset=8 (local.get $n) (local.get $b))
  (i32.store offset=12 (local.get $n) (local.get $c))
  (i32.store offset=16 (local.get $n) (local.get $d))
  (i32.store offset=20 (local.get $n) (local.get $weight))
  (i32.store offset=24 (local.get $n) (local.get $nullable))
  (i32.store offset=28 (local.get $n) (i32.const 0))
  (local.get $n))

;; $rx_list: a CAT (7) or ALT (8) node of the $n >= 2 items linked from $first.
(func $rx_list (param $kind i32) (param $first i32) (param $n i32) (result i32)
  (local $arr i32) (local $i i32) (local $item i32) (local $weight i32) (local $nullable i32)
  (local.set $arr (call $rx_mem (i32.shl (local.get $n) (i32.const 2))))
  (if (i32.eqz (local.get $arr)) (then (return (i32.const 0))))
  (local.set $nullable (i32.eq (local.get $kind) (i32.const 7)))
  (local.set $item (local.get $first))
  (block $done
    (loop $each
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store (i32.add (local.get $arr) (i32.shl (local.get $i) (i32.const 2))) (local.get $item))
      (if (i32.gt_u (i32.load offset=20 (local.get $item)) (local.get $weight))
        (then (local.set $weight (i32.load offset=20 (local.get $item)))))
      (if (i32.eq (local.get $kind) (i32.const 7))
        (then (local.set $nullable (i32.and (local.get $nullable) (i32.load offset=24 (local.get $item)))))
        (else (local.set $nullable (i32.or (local.get $nullable) (i32.load offset=24 (local.get $item))))))
      (local.set $item (i32.load offset=28 (local.get $item)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $each)))
  (call $rx_node (local.get $kind) (local.get $arr) (local.get $n) (i32.const 0) (i32.const 0)
    (local.get $weight) (local.get $nullable)))

;; $rx_class_node: the node of the class built in the run from $base:
;; folded when $fold, complemented when $negated (charset order); the run
;; is popped.  One code point gives a LIT, none a CHARS that never matches.
(func $rx_class_node (param $base i32) (param $negated i32) (param $fold i32) (result i32)
  (local $n i32) (local $arr i32) (local $x i64)
  (if (local.get $fold)
    (then (call $rx_rfold (local.get $base)))
    (else (call $rx_rnorm (local.get $base))))
  (if (local.get $negated) (then (call $rx_rcomplement (local.get $base))))
  (local.set $n (i32.sub (global.get $rx_rtop) (local.get $base)))
  (global.set $rx_rtop (local.get $base))
  (if (global.get $rx_error) (then (return (i32.const 0))))
  (if (i32.eq (local.get $n) (i32.const 1))
    (then
      (local.set $x (i64.load (call $rx_rat (local.get $base))))
      (if (i64.eq (i64.shr_u (local.get $x) (i64.const 32)) (i64.and (local.get $x) (i64.const 0xFFFFFFFF)))
        (then
          (return (call $rx_node (i32.const 1) (i32.wrap_i64 (local.get $x)) (i32.const 0) (i32.const 0) (i32.const 0)
            (i32.const 1) (i32.const 0)))))))
  (local.set $arr (call $rx_mem (i32.shl (local.get $n) (i32.const 3))))
  (if (i32.eqz (local.get $arr)) (then (return (i32.const 0))))
  (memory.copy (local.get $arr) (call $rx_rat (local.get $base)) (i32.shl (local.get $n) (i32.const 3)))
  (call $rx_node (i32.const 2) (local.get $arr) (local.get $n) (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0)))

;; $rx_literal: the node of code point $cp under the current flags.
(func $rx_literal (param $cp i32) (result i32)
  (local $base i32)
  (if (i32.and (global.get $rx_flags) (i32.const 1))
    (then
      (local.set $base (global.get $rx_rtop))
      (call $rx_rpush (local.get $cp) (local.get $cp))
      (return (call $rx_class_node (local.get $base) (i32.const 0) (i32.const 1)))))
  (call $rx_node (i32.const 1) (local.get $cp) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0)))

;; $rx_class_item: push named class $id (complemented after folding when
;; $negated: \D, [:^alpha:]) onto the class being built.
(func $rx_class_item (param $id i32) (param $negated i32)
  (local $base i32)
  (local.set $base (global.get $rx_rtop))
  (call $rx_push_named (local.get $id))
  (if (local.get $negated)
    (then
      (if (i32.and (global.get $rx_flags) (i32.const 1))
        (then (call $rx_rfold (local.get $base)))
        (else (call $rx_rnorm (local.get $base))))
      (call $rx_rcomplement (local.get $base)))))

;; $rx_perl_id: the class id of the letter of \d \s \w (either case), -1 if none.
(func $rx_perl_id (param $c i32) (result i32)
  (local.set $c (i32.or (local.get $c) (i32.const 0x20)))
  (if (i32.eq (local.get $c) (i32.const 0x64)) (then (return (i32.const 0))))
  (if (i32.eq (local.get $c) (i32.const 0x73)) (then (return (i32.const 1))))
  (if (i32.eq (local.get $c) (i32.const 0x77)) (then (return (i32.const 2))))
  (i32.const -1))

;; $rx_is_word: whether byte $c is [0-9A-Za-z_].
(func $rx_is_word (param $c i32) (result i32)
  (i32.or (i32.or (i32.le_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 9))
                  (i32.le_u (i32.sub (i32.or (local.get $c) (i32.const 32)) (i32.const 97)) (i32.const 25)))
          (i32.eq (local.get $c) (i32.const 95))))

;; $rx_hexval: the value of hex digit byte $c, -1 if it is none.
(func $rx_hexval (param $c i32) (result i32)
  (if (i32.le_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 9))
    (then (return (i32.sub (local.get $c) (i32.const 48)))))
  (local.set $c (i32.or (local.get $c) (i32.const 32)))
  (if (i32.le_u (i32.sub (local.get $c) (i32.const 97)) (i32.const 5))
    (then (return (i32.sub (local.get $c) (i32.const 87)))))
  (i32.const -1))

;; $rx_flag_bit: the flag of letter $c (i m s U), 0 for '-', -1 otherwise.
(func $rx_flag_bit (param $c i32) (result i32)
  (if (i32.eq (local.get $c) (i32.const 0x69)) (then (return (i32.const 1))))
  (if (i32.eq (local.get $c) (i32.const 0x6D)) (then (return (i32.const 2))))
  (if (i32.eq (local.get $c) (i32.const 0x73)) (then (return (i32.const 4))))
  (if (i32.eq (local.get $c) (i32.const 0x55)) (then (return (i32.const 8))))
  (if (i32.eq (local.get $c) (i32.const 0x2D)) (then (return (i32.const 0))))
  (i32.const -1))

;; $rx_flags_end: the offset of the first byte from $j that is not a flag
;; letter or '-'.
(func $rx_flags_end (param $j i32) (result i32)
  (loop $more
    (if (i32.ge_s (call $rx_flag_bit (call $rx_byte (local.get $j))) (i32.const 0))
      (then (local.set $j (i32.add (local.get $j) (i32.const 1))) (br $more))))
  (local.get $j))

;; $rx_parse_flags: $flags changed by the letters between `(?` at $start and
;; offset $end; `(?-)`, `(?i-)` and a second '-' are refused.
(func $rx_parse_flags (param $start i32) (param $end i32) (param $flags i32) (result i32)
  (local $i i32) (local $bit i32) (local $negate i32) (local $seen i32)
  (local.set $i (i32.add (local.get $start) (i32.const 2)))
  (block $done
    (loop $each
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $bit (call $rx_flag_bit (call $rx_byte (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (if (i32.eqz (local.get $bit))
        (then
          (if (local.get $negate) (then (return (call $rx_fail (global.get $RX_E_BAD_PERL_OP) (local.get $start)))))
          (local.set $negate (i32.const 1))
          (br $each)))
      (if (local.get $negate)
        (then
          (local.set $flags (i32.and (local.get $flags) (i32.xor (local.get $bit) (i32.const -1))))
          (local.set $seen (i32.const 1)))
        (else (local.set $flags (i32.or (local.get $flags) (local.get $bit)))))
      (br $each)))
  (if (i32.and (local.get $negate) (i32.eqz (local.get $seen)))
    (then (return (call $rx_fail (global.get $RX_E_BAD_PERL_OP) (local.get $start)))))
  (local.get $flags))

;; $rx_counted: whether `{n}`, `{n,}` or `{n,m}` starts at the position
;; (anything else starting with `{` is a literal).  Unless $dry, moves past
;; it and leaves the counts in $rx_lo and $rx_hi (refusing counts above
;; 1000 or m < n).
(func $rx_counted (param $dry i32) (result i32)
  (local $i i32) (local $lo i32) (local $hi i32) (local $start i32) (local $c i32) (local $digits i32)
  (local.set $start (global.get $rx_pos))
  (local.set $i (i32.add (local.get $start) (i32.const 1)))
  (loop $lo_digits
    (local.set $c (i32.sub (call $rx_byte (local.get $i)) (i32.const 48)))
    (if (i32.le_u (local.get $c) (i32.const 9))
      (then
        (local.set $lo (i32.add (i32.mul (local.get $lo) (i32.const 10)) (local.get $c)))
        (if (i32.gt_u (local.get $lo) (i32.const 100000)) (then (local.set $lo (i32.const 100000))))
        (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $lo_digits))))
  (if (i32.eqz (local.get $digits)) (then (return (i32.const 0))))
  (local.set $hi (local.get $lo))
  (if (i32.eq (call $rx_byte (local.get $i)) (i32.const 0x2C))
    (then
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $hi (i32.const -1))
      (loop $hi_digits
        (local.set $c (i32.sub (call $rx_byte (local.get $i)) (i32.const 48)))
        (if (i32.le_u (local.get $c) (i32.const 9))
          (then
            (if (i32.lt_s (local.get $hi) (i32.const 0)) (then (local.set $hi (i32.const 0))))
            (local.set $hi (i32.add (i32.mul (local.get $hi) (i32.const 10)) (local.get $c)))
            (if (i32.gt_u (local.get $hi) (i32.const 100000)) (then (local.set $hi (i32.const 100000))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $hi_digits))))))
  (if (i32.ne (call $rx_byte (local.get $i)) (i32.const 0x7D)) (then (return (i32.const 0))))
  (if (local.get $dry) (then (return (i32.const 1))))
  (global.set $rx_pos (i32.add (local.get $i) (i32.const 1)))
  (if (i32.or (i32.gt_s (local.get $lo) (global.get $RX_MAX_REPEAT))
        (i32.and (i32.ge_s (local.get $hi) (i32.const 0))
          (i32.or (i32.gt_s (local.get $hi) (global.get $RX_MAX_REPEAT)) (i32.lt_s (local.get $hi) (local.get $lo)))))
    (then (drop (call $rx_fail (global.get $RX_E_REPEAT_SIZE) (local.get $start)))))
  (global.set $rx_lo (local.get $lo))
  (global.set $rx_hi (local.get $hi))
  (i32.const 1))

;; $rx_repetitions: $atom with the repetition operator that follows, if
;; any (`*`, `+`, `?`, `{n,m}`, each maybe lazy with `?`); a second
;; operator is refused, as is a total weight above 1000.
(func $rx_repetitions (param $atom i32) (result i32)
  (local $c i32) (local $start i32) (local $lo i32) (local $hi i32) (local $greedy i32) (local $weight i32)
  (local.set $start (global.get $rx_pos))
  (local.set $c (call $rx_byte (local.get $start)))
  (block $op
    (if (i32.eq (local.get $c) (i32.const 0x2A))
      (then (local.set $lo (i32.const 0)) (local.set $hi (i32.const -1)) (br $op)))
    (if (i32.eq (local.get $c) (i32.const 0x2B))
      (then (local.set $lo (i32.const 1)) (local.set $hi (i32.const -1)) (br $op)))
    (if (i32.eq (local.get $c) (i32.const 0x3F))
      (then (local.set $lo (i32.const 0)) (local.set $hi (i32.const 1)) (br $op)))
    (if (i32.and (i32.eq (local.get $c) (i32.const 0x7B)) (call $rx_counted (i32.const 1)))
      (then
        (drop (call $rx_counted (i32.const 0)))
        (if (global.get $rx_error) (then (return (i32.const 0))))
        (local.set $lo (global.get $rx_lo))
        (local.set $hi (global.get $rx_hi))
        (br $op)))
    (return (local.get $atom)))
  (if (i32.ne (local.get $c) (i32.const 0x7B))
    (then (global.set $rx_pos (i32.add (local.get $start) (i32.const 1)))))
  (local.set $greedy (i32.const 1))
  (if (i32.eq (call $rx_byte (global.get $rx_pos)) (i32.const 0x3F))
    (then
      (global.set $rx_pos (i32.add (global.get $rx_pos) (i32.const 1)))
      (local.set $greedy (i32.const 0))))
  (if (i32.and (global.get $rx_flags) (i32.const 8))
    (then (local.set $greedy (i32.xor (local.get $greedy) (i32.const 1)))))
  (local.set $weight (i32.load offset=20 (local.get $atom)))
  (if (i32.or (i32.ge_s (local.get $hi) (i32.const 0)) (i32.gt_s (local.get $lo) (i32.const 1)))
    (then
      (local.set $weight (i32.mul (local.get $weight)
        (select (i32.const 1)
          (select (local.get $hi) (local.get $lo) (i32.ge_s (local.get $hi) (i32.const 0)))
          (i32.eqz (select (local.get $hi) (local.get $lo) (i32.ge_s (local.get $hi) (i32.const 0)))))))))
  (if (i32.gt_u (local.get $weight) (global.get $RX_MAX_REPEAT))
    (then (return (call $rx_fail (global.get $RX_E_REPEAT_SIZE) (local.get $start)))))
  ;; a second operator right after this one
  (local.set $c (call $rx_byte (global.get $rx_pos)))
  (if (i32.or (i32.or (i32.eq (local.get $c) (i32.const 0x2A)) (i32.eq (local.get $c) (i32.const 0x2B)))
        (i32.or (i32.eq (local.get $c) (i32.const 0x3F))
                (i32.and (i32.eq (local.get $c) (i32.const 0x7B)) (call $rx_counted (i32.const 1)))))
    (then
      ;; syntax.py parses the second operator before refusing it: a bad count wins
      (if (i32.eq (local.get $c) (i32.const 0x7B))
        (then
          (drop (call $rx_counted (i32.const 0)))
          (if (global.get $rx_error) (then (return (i32.const 0))))))
      (return (call $rx_fail (global.get $RX_E_REPEAT_OP) (local.get $start)))))
  (call $rx_node (i32.const 5) (local.get $atom) (local.get $lo) (local.get $hi) (local.get $greedy)
    (local.get $weight)
    (i32.or (i32.eqz (local.get $lo)) (i32.load offset=24 (local.get $atom)))))

;; $rx_single_escape: the code point of the escape at the position (octal,
;; \x41, \x{263a}, \a \f \n \r \t \v, escaped punctuation); moves past it.
;; \1..\7 (not octal) are backreferences, refused; so are other letters.
(func $rx_single_escape (result i32)
  (local $start i32) (local $c i32) (local $code i32) (local $k i32) (local $j i32) (local $v i32)
  (local.set $start (global.get $rx_pos))
  (local.set $c (call $rx_byte (i32.add (local.get $start) (i32.const 1))))
  (global.set $rx_pos (i32.add (local.get $start) (i32.const 2)))
  (if (i32.le_u (i32.sub (local.get $c) (i32.const 0x30)) (i32.const 7))
    (then
      (if (i32.and (i32.ne (local.get $c) (i32.const 0x30))
            (i32.gt_u (i32.sub (call $rx_byte (global.get $rx_pos)) (i32.const 0x30)) (i32.const 7)))
        (then (return (call $rx_fail (global.get $RX_E_BACKREFERENCE) (local.get $start)))))
      (local.set $code (i32.sub (local.get $c) (i32.const 0x30)))
      (block $octal
        (loop $digit
          (br_if $octal (i32.ge_u (local.get $k) (i32.const 2)))
          (local.set $v (i32.sub (call $rx_byte (global.get $rx_pos)) (i32.const 0x30)))
          (br_if $octal (i32.gt_u (local.get $v) (i32.const 7)))
          (local.set $code (i32.add (i32.shl (local.get $code) (i32.const 3)) (local.get $v)))
          (global.set $rx_pos (i32.add (global.get $rx_pos) (i32.const 1)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $digit)))
      (return (local.get $code))))
  (if (i32.eq (local.get $c) (i32.const 0x78))
    (then
      (if (i32.eq (call $rx_byte (global.get $rx_pos)) (i32.const 0x7B))
        (then
          (local.set $j (i32.add (global.get $rx_pos) (i32.const 1)))
          (loop $hex
            (local.set $v (call $rx_hexval (call $rx_byte (local.get $j))))
            (if (i32.ge_s (local.get $v) (i32.const 0))
              (then
                (local.set $code (i32.or (i32.shl (local.get $code) (i32.const 4)) (local.get $v)))
                (if (i32.gt_u (local.get $code) (i32.const 0x10FFFF)) (then (local.set $code (i32.const 0x110000))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $hex))))
          (if (i32.and (i32.gt_u (local.get $j) (i32.add (global.get $rx_pos) (i32.const 1)))
                (i32.and (i32.eq (call $rx_byte (local.get $j)) (i32.const 0x7D))
                         (i32.le_u (local.get $code) (i32.const 0x10FFFF))))
            (then
              (global.set $rx_pos (i32.add (local.get $j) (i32.const 1)))
              (return (local.get $code))))
          (return (call $rx_fail (global.get $RX_E_BAD_ESCAPE) (local.get $start)))))
      (local.set $code (call $rx_hexval (call $rx_byte (global.get $rx_pos))))
      (local.set $v (call $rx_hexval (call $rx_byte (i32.add (global.get $rx_pos) (i32.const 1)))))
      (if (i32.or (i32.lt_s (local.get $code) (i32.const 0)) (i32.lt_s (local.get $v) (i32.const 0)))
        (then (return (call $rx_fail (global.get $RX_E_BAD_ESCAPE) (local.get $start)))))
      (global.set $rx_pos (i32.add (global.get $rx_pos) (i32.const 2)))
      (return (i32.or (i32.shl (local.get $code) (i32.const 4)) (local.get $v)))))
  (if (i32.eq (local.get $c) (i32.const 0x61)) (then (return (i32.const 0x07))))
  (if (i32.eq (local.get $c) (i32.const 0x66)) (then (return (i32.const 0x0C))))
  (if (i32.eq (local.get $c) (i32.const 0x6E)) (then (return (i32.const 0x0A))))
  (if (i32.eq (local.get $c) (i32.const 0x72)) (then (return (i32.const 0x0D))))
  (if (i32.eq (local.get $c) (i32.const 0x74)) (then (return (i32.const 0x09))))
  (if (i32.eq (local.get $c) (i32.const 0x76)) (then (return (i32.const 0x0B))))
  (if (i32.and (i32.lt_u (local.get $c) (i32.const 0x80)) (i32.eqz (call $rx_is_word (local.get $c))))
    (then (return (local.get $c))))
  (call $rx_fail (global.get $RX_E_BAD_ESCAPE) (local.get $start)))

;; $rx_escape: the node of an escape outside a class (trailing \ refused).
(func $rx_escape (result i32)
  (local $start i32) (local $c i32) (local $id i32) (local $base i32) (local $cp i32) (local $kind i32)
  (local.set $start (global.get $rx_pos))
  (if (i32.ge_u (i32.add (local.get $start) (i32.const 1)) (global.get $rx_pn))
    (then (return (call $rx_fail (global.get $RX_E_TRAILING_BACKSLASH) (local.get $start)))))
  (local.set $c (call $rx_byte (i32.add (local.get $start) (i32.const 1))))
  (local.set $kind (i32.const 0))
  (if (i32.eq (local.get $c) (i32.const 0x41)) (then (local.set $kind (i32.const 1))))   ;; \A
  (if (i32.eq (local.get $c) (i32.const 0x7A)) (then (local.set $kind (i32.const 2))))   ;; \z
  (if (i32.eq (local.get $c) (i32.const 0x62)) (then (local.set $kind (i32.const 5))))   ;; \b
  (if (i32.eq (local.get $c) (i32.const 0x42)) (then (local.set $kind (i32.const 6))))   ;; \B
  (if (local.get $kind)
    (then
      (global.set $rx_pos (i32.add (local.get $start) (i32.const 2)))
      (return (call $rx_node (i32.const 4) (local.get $kind) (i32.const 0) (i32.const 0) (i32.const 0)
        (i32.const 1) (i32.const 1)))))
  (if (i32.eq (local.get $c) (i32.const 0x43))
    (then
      (global.set $rx_pos (i32.add (local.get $start) (i32.const 2)))
      (return (call $rx_node (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)
        (i32.const 1) (i32.const 0)))))
  (if (i32.eq (i32.or (local.get $c) (i32.const 0x20)) (i32.const 0x70))
    (then (return (call $rx_fail (global.get $RX_E_UNICODE_CLASS) (local.get $start)))))
  (local.set $id (call $rx_perl_id (local.get $c)))
  (if (i32.ge_s (local.get $id) (i32.const 0))
    (then
      (global.set $rx_pos (i32.add (local.get $start) (i32.const 2)))
      (local.set $base (global.get $rx_rtop))
      (call $rx_class_item (local.get $id) (i32.lt_u (local.get $c) (i32.const 0x60)))
      (return (call $rx_class_node (local.get $base) (i32.const 0) (i32.and (global.get $rx_flags) (i32.const 1))))))
  (local.set $cp (call $rx_single_escape))
  (if (global.get $rx_error) (then (return (i32.const 0))))
  (call $rx_literal (local.get $cp)))

;; $rx_class_char: one character of a class (a literal or a single escape).
(func $rx_class_char (result i32)
  (local $pos i32) (local $c i32) (local $cp i32)
  (local.set $pos (global.get $rx_pos))
  (if (i32.eq (call $rx_byte (local.get $pos)) (i32.const 0x5C))
    (then
      (if (i32.ge_u (i32.add (local.get $pos) (i32.const 1)) (global.get $rx_pn))
        (then (return (call $rx_fail (global.get $RX_E_TRAILING_BACKSLASH) (local.get $pos)))))
      (local.set $c (call $rx_byte (i32.add (local.get $pos) (i32.const 1))))
      ;; b B A z C Q E
      (if (i32.or (i32.or (i32.or (i32.eq (local.get $c) (i32.const 0x62)) (i32.eq (local.get $c) (i32.const 0x42)))
                          (i32.or (i32.eq (local.get $c) (i32.const 0x41)) (i32.eq (local.get $c) (i32.const 0x7A))))
                  (i32.or (i32.eq (local.get $c) (i32.const 0x43))
                          (i32.or (i32.eq (local.get $c) (i32.const 0x51)) (i32.eq (local.get $c) (i32.const 0x45)))))
        (then (return (call $rx_fail (global.get $RX_E_BAD_ESCAPE) (local.get $pos)))))
      (return (call $rx_single_escape))))
  (local.set $cp (call $rx_decode (local.get $pos)))
  (global.set $rx_pos (i32.add (local.get $pos) (call $rx_cplen (local.get $pos))))
  (local.get $cp))

;; $rx_class_escape_at: whether `\d \s \w \D \S \W \p \P` starts at $i.
(func $rx_class_escape_at (param $i i32) (result i32)
  (local $c i32)
  (if (i32.ne (call $rx_byte (local.get $i)) (i32.const 0x5C)) (then (return (i32.const 0))))
  (local.set $c (call $rx_byte (i32.add (local.get $i) (i32.const 1))))
  (i32.or (i32.ge_s (call $rx_perl_id (local.get $c)) (i32.const 0))
          (i32.eq (i32.or (local.get $c) (i32.const 0x20)) (i32.const 0x70))))

;; $rx_find2: the offset of the first `$a $b` (two bytes) at or after $i, -1 if none.
(func $rx_find2 (param $i i32) (param $a i32) (param $b i32) (result i32)
  (block $none
    (loop $scan
      (br_if $none (i32.ge_u (local.get $i) (global.get $rx_pn)))
      (if (i32.and (i32.eq (call $rx_byte (local.get $i)) (local.get $a))
                   (i32.or (i32.lt_s (local.get $b) (i32.const 0))
                           (i32.eq (call $rx_byte (i32.add (local.get $i) (i32.const 1))) (local.get $b))))
        (then (return (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $scan)))
  (i32.const -1))

;; $rx_char_class: the node of `[...]` at the position.
(func $rx_char_class (result i32)
  (local $start i32) (local $negated i32) (local $base i32) (local $first i32) (local $c i32)
  (local $close i32) (local $name i32) (local $neg i32) (local $id i32) (local $lo i32) (local $hi i32) (local $lo_start i32)
  (local.set $start (global.get $rx_pos))
  (global.set $rx_pos (i32.add (local.get $start) (i32.const 1)))
  (if (i32.eq (call $rx_byte (global.get $rx_pos)) (i32.const 0x5E))
    (then
      (local.set $negated (i32.const 1))
      (global.set $rx_pos (i32.add (global.get $rx_pos) (i32.const 1)))))
  (local.set $base (global.get $rx_rtop))
  (local.set $first (i32.const 1))
  (block $closed
    (loop $item
      (if (global.get $rx_error) (then (return (i32.const 0))))
      (if (i32.ge_u (global.get $rx_pos) (global.get $rx_pn))
        (then (return (call $rx_fail (global.get $RX_E_MISSING_BRACKET) (local.get $start)))))
      (local.set $c (call $rx_byte (global.get $rx_pos)))
      (if (i32.and (i32.eq (local.get $c) (i32.const 0x5D)) (i32.eqz (local.get $first)))
        (then
          (global.set $rx_pos (i32.add (global.get $rx_pos) (i32.const 1)))
          (br $closed)))
      (local.set $first (i32.const 0))
      ;; [:name:] and [:^name:]
      (if (i32.and (i32.eq (local.get $c) (i32.const 0x5B))
                   (i32.eq (call $rx_byte (i32.add (global.get $rx_pos) (i32.const 1))) (i32.const 0x3A)))
        (then
          (local.set $close (call $rx_find2 (i32.add (global.get $rx_pos) (i32.const 2)) (i32.const 0x3A) (i32.const 0x5D)))
          (if (i32.ge_s (local.get $close) (i32.const 0))
            (then
              (local.set $name (i32.add (global.get $rx_pos) (i32.const 2)))
              (local.set $neg (i32.eq (call $rx_byte (local.get $name)) (i32.const 0x5E)))
              (local.set $name (i32.add (local.get $name) (local.get $neg)))
              (local.set $id (call $rx_posix_id (i32.add (global.get $rx_pp) (local.get $name))
                (i32.sub (local.get $close) (local.get $name))))
              (if (i32.lt_s (local.get $id) (i32.const 0))
                (then (return (call $rx_fail (global.get $RX_E_BAD_CHAR_RANGE) (global.get $rx_pos)))))
              (global.set $rx_pos (i32.add (local.get $close) (i32.const 2)))
              (call $rx_class_item (local.get $id) (local.get $neg))
              (br $item)))))
      (if (i32.and (i32.eq (local.get $c) (i32.const 0x5C)) (call $rx_class_escape_at (global.get $rx_pos)))
        (then
          (local.set $c (call $rx_byte (i32.add (global.get $rx_pos) (i32.const 1))))
          (if (i32.eq (i32.or (local.get $c) (i32.const 0x20)) (i32.const 0x70))
            (then (return (call $rx_fail (global.get $RX_E_UNICODE_CLASS) (global.get $rx_pos)))))
          (global.set $rx_pos (i32.add (global.get $rx_pos) (i32.const 2)))
          (call $rx_class_item (call $rx_perl_id (local.get $c)) (i32.lt_u (local.get $c) (i32.const 0x60)))
          (br $item)))
      (local.set $lo_start (global.get $rx_pos))
      (local.set $lo (call $rx_class_char))
      (if (global.get $rx_error) (then (return (i32.const 0))))
      (local.set $hi (local.get $lo))
      (if (i32.and (i32.eq (call $rx_byte (global.get $rx_pos)) (i32.const 0x2D))
            (i32.and (i32.ne (call $rx_byte (i32.add (global.get $rx_pos) (i32.const 1))) (i32.const 0x5D))
                     (i32.lt_u (i32.add (global.get $rx_pos) (i32.const 1)) (global.get $rx_pn))))
        (then
          (global.set $rx_pos (i32.add (global.get $rx_pos) (i32.const 1)))
          (if (call $rx_class_escape_at (global.get $rx_pos))
            (then (return (call $rx_fail (global.get $RX_E_BAD_ESCAPE) (global.get $rx_pos)))))
          (local.set $hi (call $rx_class_char))
          (if (global.get $rx_error) (then (return (i32.const 0))))
          (if (i32.lt_u (local.get $hi) (local.get $lo))
            (then (return (call $rx_fail (global.get $RX_E_BAD_CHAR_RANGE) (local.get $lo_start)))))))
      (call $rx_rpush (local.get $lo) (local.get $hi))
      (br $item)))
  (call $rx_class_node (local.get $base) (local.get $negated) (i32.and (global.get $rx_flags) (i32.const 1))))

;; $rx_group: the node of a group at the position: `(...)`, `(?P<name>...)`,
;; `(?<name>...)`, `(?flags:...)`; lookaround and `(?P=name)` are refused.
(func $rx_group (result i32)
  (local $start i32) (local $b2 i32) (local $b3 i32) (local $index i32) (local $flags i32) (local $saved i32)
  (local $name i32) (local $close i32) (local $i i32) (local $j i32) (local $sub i32)
  (local.set $start (global.get $rx_pos))
  (global.set $rx_depth (i32.add (global.get $rx_depth) (i32.const 1)))
  (if (i32.gt_u (global.get $rx_depth) (global.get $RX_MAX_NESTING))
    (then (return (call $rx_fail (global.get $RX_E_NESTING) (local.get $start)))))
  (local.set $flags (global.get $rx_flags))
  (block $head
    (if (i32.ne (call $rx_byte (i32.add (local.get $start) (i32.const 1))) (i32.const 0x3F))
      (then
        (global.set $rx_ngroups (i32.add (global.get $rx_ngroups) (i32.const 1)))
        (local.set $index (global.get $rx_ngroups))
        (global.set $rx_pos (i32.add (local.get $start) (i32.const 1)))
        (br $head)))
    (local.set $b2 (call $rx_byte (i32.add (local.get $start) (i32.const 2))))
    (local.set $b3 (call $rx_byte (i32.add (local.get $start) (i32.const 3))))
    (if (i32.or (i32.or (i32.eq (local.get $b2) (i32.const 0x3D)) (i32.eq (local.get $b2) (i32.const 0x21)))
          (i32.and (i32.eq (local.get $b2) (i32.const 0x3C))
                   (i32.or (i32.eq (local.get $b3) (i32.const 0x3D)) (i32.eq (local.get $b3) (i32.const 0x21)))))
      (then (return (call $rx_fail (global.get $RX_E_LOOKAROUND) (local.get $start)))))
    (if (i32.or (i32.eq (local.get $b2) (i32.const 0x3C))
                (i32.and (i32.eq (local.get $b2) (i32.const 0x50)) (i32.eq (local.get $b3) (i32.const 0x3C))))
      (then
        (local.set $name (i32.add (local.get $start) (select (i32.const 3) (i32.const 4) (i32.eq (local.get $b2) (i32.const 0x3C)))))
        (local.set $close (call $rx_find2 (local.get $name) (i32.const 0x3E) (i32.const -1)))
        (if (i32.le_s (local.get $close) (local.get $name))
          (then (return (call $rx_fail (global.get $RX_E_BAD_NAMED_CAPTURE) (local.get $start)))))
        (local.set $i (local.get $name))
        (loop $name_chars
          (if (i32.lt_u (local.get $i) (local.get $close))
            (then
              (if (i32.eqz (call $rx_is_word (call $rx_byte (local.get $i))))
                (then (return (call $rx_fail (global.get $RX_E_BAD_NAMED_CAPTURE) (local.get $start)))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $name_chars))))
        (global.set $rx_ngroups (i32.add (global.get $rx_ngroups) (i32.const 1)))
        (local.set $index (global.get $rx_ngroups))
        (global.set $rx_pos (i32.add (local.get $close) (i32.const 1)))
        (br $head)))
    (if (i32.eq (local.get $b2) (i32.const 0x50))
      (then (return (call $rx_fail (global.get $RX_E_BAD_PERL_OP) (local.get $start)))))
    (local.set $j (call $rx_flags_end (i32.add (local.get $start) (i32.const 2))))
    (if (i32.ne (call $rx_byte (local.get $j)) (i32.const 0x3A))
      (then (return (call $rx_fail (global.get $RX_E_BAD_PERL_OP) (local.get $start)))))
    (local.set $flags (call $rx_parse_flags (local.get $start) (local.get $j) (local.get $flags)))
    (if (global.get $rx_error) (then (return (i32.const 0))))
    (global.set $rx_pos (i32.add (local.get $j) (i32.const 1))))
  (local.set $saved (global.get $rx_flags))
  (local.set $sub (call $rx_alternation (local.get $flags)))
  (global.set $rx_flags (local.get $saved))
  (if (global.get $rx_error) (then (return (i32.const 0))))
  (if (i32.ne (call $rx_byte (global.get $rx_pos)) (i32.const 0x29))
    (then (return (call $rx_fail (global.get $RX_E_MISSING_PAREN) (local.get $start)))))
  (global.set $rx_pos (i32.add (global.get $rx_pos) (i32.const 1)))
  (global.set $rx_depth (i32.sub (global.get $rx_depth) (i32.const 1)))
  (if (i32.eqz (local.get $index)) (then (return (local.get $sub))))
  (call $rx_node (i32.const 6) (local.get $sub) (local.get $index) (i32.const 0) (i32.const 0)
    (i32.load offset=20 (local.get $sub)) (i32.load offset=24 (local.get $sub))))

;; $rx_atom: one atom at the position (not a repetition operator, `|` or `)`).
(func $rx_atom (result i32)
  (local $c i32) (local $pos i32) (local $cp i32) (local $base i32) (local $multi i32)
  (local.set $pos (global.get $rx_pos))
  (local.set $c (call $rx_byte (local.get $pos)))
  (if (i32.eq (local.get $c) (i32.const 0x28)) (then (return (call $rx_group))))
  (if (i32.eq (local.get $c) (i32.const 0x5B)) (then (return (call $rx_char_class))))
  (if (i32.eq (local.get $c) (i32.const 0x5C)) (then (return (call $rx_escape))))
  (global.set $rx_pos (i32.add (local.get $pos) (i32.const 1)))
  (local.set $multi (i32.and (global.get $rx_flags) (i32.const 2)))
  (if (i32.eq (local.get $c) (i32.const 0x5E))
    (then (return (call $rx_node (i32.const 4) (select (i32.const 3) (i32.const 1) (local.get $multi))
      (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 1)))))
  (if (i32.eq (local.get $c) (i32.const 0x24))
    (then (return (call $rx_node (i32.const 4) (select (i32.const 4) (i32.const 2) (local.get $multi))
      (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 1)))))
  (if (i32.eq (local.get $c) (i32.const 0x2E))
    (then
      ;; `.`: everything but \n, or everything under (?s); never folded
      (local.set $base (global.get $rx_rtop))
      (if (i32.and (global.get $rx_flags) (i32.const 4))
        (then (call $rx_rpush (i32.const 0) (i32.const 0x10FFFF)))
        (else (call $rx_rpush (i32.const 0x0A) (i32.const 0x0A))))
      (return (call $rx_class_node (local.get $base) (i32.eqz (i32.and (global.get $rx_flags) (i32.const 4)))
        (i32.const 0)))))
  (local.set $cp (call $rx_decode (local.get $pos)))
  (global.set $rx_pos (i32.add (local.get $pos) (call $rx_cplen (local.get $pos))))
  (call $rx_literal (local.get $cp)))

;; $rx_quoted: after `\Q` at the position: the literals up to `\E` or the
;; end, linked from the returned first node; a repetition applies to the
;; last one only.  $rx_lo is set to their count.
(func $rx_quoted (result i32)
  (local $first i32) (local $last i32) (local $pending i32) (local $n i32) (local $node i32) (local $pos i32)
  (global.set $rx_pos (i32.add (global.get $rx_pos) (i32.const 2)))
  (block $done
    (loop $char
      (local.set $pos (global.get $rx_pos))
      (br_if $done (i32.ge_u (local.get $pos) (global.get $rx_pn)))
      (if (i32.eq (call $rx_byte (local.get $pos)) (i32.const 0x5C))
        (then
          (if (i32.eq (call $rx_byte (i32.add (local.get $pos) (i32.const 1))) (i32.const 0x45))
            (then
              (global.set $rx_pos (i32.add (local.get $pos) (i32.const 2)))
              (br $done)))
          ;; `\\` inside \Q...\E is one backslash, as RE2 reads it
          (if (i32.eq (call $rx_byte (i32.add (local.get $pos) (i32.const 1))) (i32.const 0x5C))
            (then (local.set $pos (i32.add (local.get $pos) (i32.const 1)))))))
      (local.set $node (call $rx_literal (call $rx_decode (local.get $pos))))
      (global.set $rx_pos (i32.add (local.get $pos) (call $rx_cplen (local.get $pos))))
      (if (global.get $rx_error) (then (return (i32.const 0))))
      (if (local.get $pending)
        (then
          (if (local.get $last)
            (then (i32.store offset=28 (local.get $last) (local.get $pending)))
            (else (local.set $first (local.get $pending))))
          (local.set $last (local.get $pending))))
      (local.set $pending (local.get $node))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $char)))
  (global.set $rx_lo (local.get $n))
  (if (i32.eqz (local.get $pending)) (then (return (i32.const 0))))
  (local.set $node (call $rx_repetitions (local.get $pending)))
  (if (global.get $rx_error) (then (return (i32.const 0))))
  (if (local.get $last)
    (then (i32.store offset=28 (local.get $last) (local.get $node)))
    (else (local.set $first (local.get $node))))
  (local.get $first))

;; $rx_concatenation: the items up to `|`, `)` or the end; `(?flags)` change
;; $rx_flags for the rest of the group.
(func $rx_concatenation (result i32)
  (local $first i32) (local $last i32) (local $n i32) (local $c i32) (local $j i32) (local $node i32) (local $k i32)
  (block $end
    (loop $item
      (local.set $c (call $rx_byte (global.get $rx_pos)))
      (br_if $end (i32.or (i32.lt_s (local.get $c) (i32.const 0))
        (i32.or (i32.eq (local.get $c) (i32.const 0x7C)) (i32.eq (local.get $c) (i32.const 0x29)))))
      ;; (?flags)
      (if (i32.and (i32.eq (local.get $c) (i32.const 0x28))
                   (i32.eq (call $rx_byte (i32.add (global.get $rx_pos) (i32.const 1))) (i32.const 0x3F)))
        (then
          (local.set $j (call $rx_flags_end (i32.add (global.get $rx_pos) (i32.const 2))))
          (if (i32.eq (call $rx_byte (local.get $j)) (i32.const 0x29))
            (then
              (global.set $rx_flags (call $rx_parse_flags (global.get $rx_pos) (local.get $j) (global.get $rx_flags)))
              (if (global.get $rx_error) (then (return (i32.const 0))))
              (global.set $rx_pos (i32.add (local.get $j) (i32.const 1)))
              (br $item)))))
      ;; \Q...\E
      (if (i32.and (i32.eq (local.get $c) (i32.const 0x5C))
                   (i32.eq (call $rx_byte (i32.add (global.get $rx_pos) (i32.const 1))) (i32.const 0x51)))
        (then
          (local.set $node (call $rx_quoted))
          (if (global.get $rx_error) (then (return (i32.const 0))))
          (local.set $k (global.get $rx_lo))
          (if (local.get $k)
            (then
              (if (local.get $last)
                (then (i32.store offset=28 (local.get $last) (local.get $node)))
                (else (local.set $first (local.get $node))))
              (local.set $n (i32.add (local.get $n) (local.get $k)))
              (local.set $last (local.get $node))
              (loop $to_last
                (if (i32.load offset=28 (local.get $last))
                  (then (local.set $last (i32.load offset=28 (local.get $last))) (br $to_last))))))
          (br $item)))
      (if (i32.or (i32.or (i32.eq (local.get $c) (i32.const 0x2A)) (i32.eq (local.get $c) (i32.const 0x2B)))
            (i32.or (i32.eq (local.get $c) (i32.const 0x3F))
                    (i32.and (i32.eq (local.get $c) (i32.const 0x7B)) (call $rx_counted (i32.const 1)))))
        (then (return (call $rx_fail (global.get $RX_E_REPEAT_ARGUMENT) (global.get $rx_pos)))))
      (local.set $node (call $rx_atom))
      (if (global.get $rx_error) (then (return (i32.const 0))))
      (local.set $node (call $rx_repetitions (local.get $node)))
      (if (global.get $rx_error) (then (return (i32.const 0))))
      (if (local.get $last)
        (then (i32.store offset=28 (local.get $last) (local.get $node)))
        (else (local.set $first (local.get $node))))
      (local.set $last (local.get $node))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $item)))
  (if (i32.eqz (local.get $n))
    (then (return (call $rx_node (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)
      (i32.const 1) (i32.const 1)))))
  (if (i32.eq (local.get $n) (i32.const 1)) (then (return (local.get $first))))
  (call $rx_list (i32.const 7) (local.get $first) (local.get $n)))

;; $rx_alternation: the branches up to an unmatched `)` or the end, parsed
;; with $flags (which then flow across `|`).
(func $rx_alternation (param $flags i32) (result i32)
  (local $first i32) (local $last i32) (local $n i32) (local $node i32)
  (global.set $rx_flags (local.get $flags))
  (local.set $first (call $rx_concatenation))
  (if (global.get $rx_error) (then (return (i32.const 0))))
  (local.set $last (local.get $first))
  (local.set $n (i32.const 1))
  (block $done
    (loop $branch
      (br_if $done (i32.ne (call $rx_byte (global.get $rx_pos)) (i32.const 0x7C)))
      (global.set $rx_pos (i32.add (global.get $rx_pos) (i32.const 1)))
      (local.set $node (call $rx_concatenation))
      (if (global.get $rx_error) (then (return (i32.const 0))))
      (i32.store offset=28 (local.get $last) (local.get $node))
      (local.set $last (local.get $node))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $branch)))
  (if (i32.eq (local.get $n) (i32.const 1)) (then (return (local.get $first))))
  (call $rx_list (i32.const 8) (local.get $first) (local.get $n)))

;; ===== compiler: tree -> program, shaped as nfa.py shapes it ================
;; The instruction count, and so the limits, are the literal compiler's.
;; Instructions are 16 bytes: op, x, y, (unused):
;;   0 CONS   x = first arm, y = arm count: consume a byte in one arm's range
;;            (arms are sorted and disjoint: the byte picks at most one)
;;   1 MATCH
;;   2 SPLIT  x = preferred pc, y = the other
;;   3 SAVE   x = capture slot, y = next
;;   4 ASSERT x = kind (as ASSERT nodes), y = next
;;   5 NOP    y = next
;;   6 FAIL
;; An arm is an i32: lo | hi << 8 | next pc << 16.

;; $rx_emit: append an instruction; its pc (0 after an error: callers check).
(func $rx_emit (param $op i32) (param $x i32) (param $y i32) (result i32)
  (local $pc i32) (local $at i32)
  (if (global.get $rx_error) (then (return (i32.const 0))))
  (local.set $pc (global.get $rx_ninst))
  (if (i32.ge_u (local.get $pc) (global.get $RX_MAX_INST))
    (then (return (call $rx_fail (global.get $RX_E_TOO_LARGE) (i32.const 0)))))
  (local.set $at (i32.add (global.get $rx_ibuf) (i32.shl (local.get $pc) (i32.const 4))))
  (i32.store offset=0 (local.get $at) (local.get $op))
  (i32.store offset=4 (local.get $at) (local.get $x))
  (i32.store offset=8 (local.get $at) (local.get $y))
  (i32.store offset=12 (local.get $at) (i32.const 0))
  (global.set $rx_ninst (i32.add (local.get $pc) (i32.const 1)))
  (if (i32.eqz (local.get $op)) (then (global.set $rx_ncons (i32.add (global.get $rx_ncons) (i32.const 1)))))
  (local.get $pc))

;; $rx_set_split: make the placeholder at $pc a SPLIT preferring $body when
;; $greedy (else $nxt).
(func $rx_set_split (param $pc i32) (param $body i32) (param $nxt i32) (param $greedy i32)
  (local $at i32)
  (if (global.get $rx_error) (then (return)))
  (local.set $at (i32.add (global.get $rx_ibuf) (i32.shl (local.get $pc) (i32.const 4))))
  (i32.store offset=0 (local.get $at) (i32.const 2))
  (i32.store offset=4 (local.get $at) (select (local.get $body) (local.get $nxt) (local.get $greedy)))
  (i32.store offset=8 (local.get $at) (select (local.get $nxt) (local.get $body) (local.get $greedy))))

;; $rx_split: a new SPLIT preferring $body when $greedy (else $nxt).
(func $rx_split (param $body i32) (param $nxt i32) (param $greedy i32) (result i32)
  (call $rx_emit (i32.const 2) (select (local.get $body) (local.get $nxt) (local.get $greedy))
    (select (local.get $nxt) (local.get $body) (local.get $greedy))))

;; $rx_arms_push: append arm $arm (the arm buffer grows by doubling).
(func $rx_arms_push (param $arm i32)
  (local $new i32)
  (if (i32.ge_u (global.get $rx_narms) (global.get $rx_acap))
    (then
      (if (i32.ge_u (global.get $rx_narms) (global.get $RX_MAX_ARMS))
        (then (drop (call $rx_fail (global.get $RX_E_TOO_LARGE) (i32.const 0))) (return)))
      (local.set $new (call $rx_mem (i32.shl (global.get $rx_acap) (i32.const 3))))
      (if (i32.eqz (local.get $new)) (then (return)))
      (memory.copy (local.get $new) (global.get $rx_abuf) (i32.shl (global.get $rx_narms) (i32.const 2)))
      (global.set $rx_abuf (local.get $new))
      (global.set $rx_acap (i32.shl (global.get $rx_acap) (i32.const 1)))))
  (i32.store (i32.add (global.get $rx_abuf) (i32.shl (global.get $rx_narms) (i32.const 2))) (local.get $arm))
  (global.set $rx_narms (i32.add (global.get $rx_narms) (i32.const 1))))

;; $rx_cons1: a CONS of the one arm [$lo, $hi] -> $nxt.
(func $rx_cons1 (param $lo i32) (param $hi i32) (param $nxt i32) (result i32)
  (if (global.get $rx_error) (then (return (i32.const 0))))
  (call $rx_arms_push (i32.or (i32.or (local.get $lo) (i32.shl (local.get $hi) (i32.const 8)))
    (i32.shl (local.get $nxt) (i32.const 16))))
  (call $rx_emit (i32.const 0) (i32.sub (global.get $rx_narms) (i32.const 1)) (i32.const 1)))

;; $rx_utf8: the UTF-8 bytes of $cp, first byte lowest (surrogates encoded
;; as any other code point, as RE2 does).
(func $rx_utf8 (param $cp i32) (result i32)
  (if (i32.lt_u (local.get $cp) (i32.const 0x80)) (then (return (local.get $cp))))
  (if (i32.lt_u (local.get $cp) (i32.const 0x800))
    (then (return (i32.or (i32.or (i32.const 0x80C0) (i32.shr_u (local.get $cp) (i32.const 6)))
      (i32.shl (i32.and (local.get $cp) (i32.const 0x3F)) (i32.const 8))))))
  (if (i32.lt_u (local.get $cp) (i32.const 0x10000))
    (then (return (i32.or (i32.or (i32.const 0x8080E0) (i32.shr_u (local.get $cp) (i32.const 12)))
      (i32.or (i32.shl (i32.and (i32.shr_u (local.get $cp) (i32.const 6)) (i32.const 0x3F)) (i32.const 8))
              (i32.shl (i32.and (local.get $cp) (i32.const 0x3F)) (i32.const 16)))))))
  (i32.or (i32.or (i32.const 0x808080F0) (i32.shr_u (local.get $cp) (i32.const 18)))
    (i32.or (i32.shl (i32.and (i32.shr_u (local.get $cp) (i32.const 12)) (i32.const 0x3F)) (i32.const 8))
      (i32.or (i32.shl (i32.and (i32.shr_u (local.get $cp) (i32.const 6)) (i32.const 0x3F)) (i32.const 16))
              (i32.shl (i32.and (local.get $cp) (i32.const 0x3F)) (i32.const 24))))))

;; $rx_utf8_len: the length of $cp's UTF-8 encoding.
(func $rx_utf8_len (param $cp i32) (result i32)
  (i32.add (i32.add (i32.const 1) (i32.ge_u (local.get $cp) (i32.const 0x80)))
    (i32.add (i32.ge_u (local.get $cp) (i32.const 0x800)) (i32.ge_u (local.get $cp) (i32.const 0x10000)))))

;; $rx_seq_add: list a sequence of $n byte ranges ($pairs: lo | hi << 8 per
;; byte, first byte lowest); only counts them while $rx_seqs is 0.
(func $rx_seq_add (param $pairs i64) (param $n i32)
  (local $at i32)
  (if (global.get $rx_seqs)
    (then
      (local.set $at (i32.add (global.get $rx_seqs) (i32.shl (global.get $rx_nseq) (i32.const 4))))
      (i64.store (local.get $at) (local.get $pairs))
      (i32.store offset=8 (local.get $at) (local.get $n))))
  (global.set $rx_nseq (i32.add (global.get $rx_nseq) (i32.const 1))))

;; $rx_seq_range: the UTF-8 sequences of [$lo, $hi], split as charset.py
;; splits them (at the length limits, then into rectangles of byte ranges).
(func $rx_seq_range (param $lo i32) (param $hi i32)
  (local $limit i32) (local $i i32) (local $mask i32) (local $n i32) (local $k i32)
  (local $elo i32) (local $ehi i32) (local $pairs i64)
  (block $no_split
    (loop $limits
      (local.set $limit (select (i32.const 0x7F) (select (i32.const 0x7FF) (i32.const 0xFFFF) (i32.eq (local.get $i) (i32.const 1)))
        (i32.eqz (local.get $i))))
      (if (i32.and (i32.le_u (local.get $lo) (local.get $limit)) (i32.lt_u (local.get $limit) (local.get $hi)))
        (then
          (call $rx_seq_range (local.get $lo) (local.get $limit))
          (call $rx_seq_range (i32.add (local.get $limit) (i32.const 1)) (local.get $hi))
          (return)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $limits (i32.lt_u (local.get $i) (i32.const 3)))))
  (if (i32.lt_u (local.get $hi) (i32.const 0x80))
    (then
      (call $rx_seq_add (i64.extend_i32_u (i32.or (local.get $lo) (i32.shl (local.get $hi) (i32.const 8)))) (i32.const 1))
      (return)))
  (local.set $i (i32.const 6))
  (loop $levels
    (local.set $mask (i32.sub (i32.shl (i32.const 1) (local.get $i)) (i32.const 1)))
    (if (i32.ne (i32.and (local.get $lo) (i32.xor (local.get $mask) (i32.const -1)))
                (i32.and (local.get $hi) (i32.xor (local.get $mask) (i32.const -1))))
      (then
        (if (i32.and (local.get $lo) (local.get $mask))
          (then
            (call $rx_seq_range (local.get $lo) (i32.or (local.get $lo) (local.get $mask)))
            (call $rx_seq_range (i32.add (i32.or (local.get $lo) (local.get $mask)) (i32.const 1)) (local.get $hi))
            (return)))
        (if (i32.ne (i32.and (local.get $hi) (local.get $mask)) (local.get $mask))
          (then
            (call $rx_seq_range (local.get $lo) (i32.sub (i32.and (local.get $hi) (i32.xor (local.get $mask) (i32.const -1))) (i32.const 1)))
            (call $rx_seq_range (i32.and (local.get $hi) (i32.xor (local.get $mask) (i32.const -1))) (local.get $hi))
            (return)))))
    (local.set $i (i32.add (local.get $i) (i32.const 6)))
    (br_if $levels (i32.le_u (local.get $i) (i32.const 18))))
  (local.set $n (call $rx_utf8_len (local.get $lo)))
  (local.set $elo (call $rx_utf8 (local.get $lo)))
  (local.set $ehi (call $rx_utf8 (local.get $hi)))
  (loop $bytes
    (local.set $pairs (i64.or (local.get $pairs) (i64.shl
      (i64.extend_i32_u (i32.or (i32.and (i32.shr_u (local.get $elo) (i32.shl (local.get $k) (i32.const 3))) (i32.const 0xFF))
                                (i32.shl (i32.and (i32.shr_u (local.get $ehi) (i32.shl (local.get $k) (i32.const 3))) (i32.const 0xFF))
                                         (i32.const 8))))
      (i64.extend_i32_u (i32.shl (local.get $k) (i32.const 4))))))
    (local.set $k (i32.add (local.get $k) (i32.const 1)))
    (br_if $bytes (i32.lt_u (local.get $k) (local.get $n))))
  (call $rx_seq_add (local.get $pairs) (local.get $n)))

;; $rx_seq_ranges: the sequences of the $n normalized ranges at $ranges.
;; A set holding all of U+0080..U+10FFFF gets RE2's loose sequences.
(func $rx_seq_ranges (param $ranges i32) (param $n i32)
  (local $i i32) (local $lo i32) (local $hi i32)
  (block $done
    (loop $each
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $lo (i32.load offset=4 (i32.add (local.get $ranges) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $hi (i32.load (i32.add (local.get $ranges) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (if (i32.and (i32.le_u (local.get $lo) (i32.const 0x80)) (i32.eq (local.get $hi) (i32.const 0x10FFFF)))
        (then
          (if (i32.lt_u (local.get $lo) (i32.const 0x80))
            (then (call $rx_seq_add (i64.extend_i32_u (i32.or (local.get $lo) (i32.const 0x7F00))) (i32.const 1))))
          (call $rx_seq_add (i64.const 0xBF80DFC2) (i32.const 2))
          (call $rx_seq_add (i64.const 0xBF80BF80EFE0) (i32.const 3))
          (call $rx_seq_add (i64.const 0xBF80BF80BF80F4F0) (i32.const 4))
          (br $each)))
      (call $rx_seq_range (local.get $lo) (local.get $hi))
      (br $each))))

;; $rx_trie: the entry pc of the byte trie of sequences [$i, $j) from byte
;; $depth on, whose ends continue at $nxt: sequences sharing a byte range
;; share the node, as charset.build_trie merges them (for UTF-8 of sorted
;; disjoint ranges, byte ranges at one position are equal or disjoint).
(func $rx_trie (param $i i32) (param $j i32) (param $depth i32) (param $nxt i32) (result i32)
  (local $tmp i32) (local $k i32) (local $m i32) (local $e i32) (local $pair i32) (local $child i32) (local $first i32)
  (local.set $tmp (i32.add (global.get $rx_tarms) (i32.shl (local.get $depth) (i32.const 10))))
  (local.set $m (local.get $i))
  (block $done
    (loop $group
      (br_if $done (i32.ge_u (local.get $m) (local.get $j)))
      (local.set $pair (i32.load16_u (i32.add (i32.add (global.get $rx_seqs) (i32.shl (local.get $m) (i32.const 4)))
        (i32.shl (local.get $depth) (i32.const 1)))))
      (local.set $e (i32.add (local.get $m) (i32.const 1)))
      (block $end
        (loop $same
          (br_if $end (i32.ge_u (local.get $e) (local.get $j)))
          (br_if $end (i32.ne (local.get $pair) (i32.load16_u (i32.add (i32.add (global.get $rx_seqs) (i32.shl (local.get $e) (i32.const 4)))
            (i32.shl (local.get $depth) (i32.const 1))))))
          (local.set $e (i32.add (local.get $e) (i32.const 1)))
          (br $same)))
      (if (i32.eq (i32.load offset=8 (i32.add (global.get $rx_seqs) (i32.shl (local.get $m) (i32.const 4))))
                  (i32.add (local.get $depth) (i32.const 1)))
        (then (local.set $child (local.get $nxt)))
        (else
          (local.set $child (call $rx_trie (local.get $m) (local.get $e) (i32.add (local.get $depth) (i32.const 1)) (local.get $nxt)))
          (if (global.get $rx_error) (then (return (i32.const 0))))))
      (i32.store (i32.add (local.get $tmp) (i32.shl (local.get $k) (i32.const 2)))
        (i32.or (local.get $pair) (i32.shl (local.get $child) (i32.const 16))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (local.set $m (local.get $e))
      (br $group)))
  (local.set $first (global.get $rx_narms))
  (local.set $m (i32.const 0))
  (block $copied
    (loop $copy
      (br_if $copied (i32.ge_u (local.get $m) (local.get $k)))
      (call $rx_arms_push (i32.load (i32.add (local.get $tmp) (i32.shl (local.get $m) (i32.const 2)))))
      (local.set $m (i32.add (local.get $m) (i32.const 1)))
      (br $copy)))
  (call $rx_emit (i32.const 0) (local.get $first) (local.get $k)))

;; $rx_comp_chars: the trie of a CHARS node (its sequences listed once and
;; kept in the node, since repetition compiles a node many times).
(func $rx_comp_chars (param $node i32) (param $nxt i32) (result i32)
  (local $n i32)
  (if (i32.eqz (i32.load offset=8 (local.get $node))) (then (return (call $rx_emit (i32.const 6) (i32.const 0) (i32.const 0)))))
  (if (i32.eqz (i32.load offset=12 (local.get $node)))
    (then
      (global.set $rx_seqs (i32.const 0))
      (global.set $rx_nseq (i32.const 0))
      (call $rx_seq_ranges (i32.load offset=4 (local.get $node)) (i32.load offset=8 (local.get $node)))
      (local.set $n (global.get $rx_nseq))
      (global.set $rx_seqs (call $rx_mem (i32.shl (local.get $n) (i32.const 4))))
      (if (i32.eqz (global.get $rx_seqs)) (then (return (i32.const 0))))
      (global.set $rx_nseq (i32.const 0))
      (call $rx_seq_ranges (i32.load offset=4 (local.get $node)) (i32.load offset=8 (local.get $node)))
      (i32.store offset=12 (local.get $node) (global.get $rx_seqs))
      (i32.store offset=16 (local.get $node) (local.get $n))))
  (global.set $rx_seqs (i32.load offset=12 (local.get $node)))
  (call $rx_trie (i32.const 0) (i32.load offset=16 (local.get $node)) (i32.const 0) (local.get $nxt)))

;; $rx_comp_lit: the chain of CONS of one code point's bytes.
(func $rx_comp_lit (param $cp i32) (param $nxt i32) (result i32)
  (local $enc i32) (local $k i32) (local $b i32)
  (local.set $enc (call $rx_utf8 (local.get $cp)))
  (local.set $k (call $rx_utf8_len (local.get $cp)))
  (loop $byte
    (local.set $k (i32.sub (local.get $k) (i32.const 1)))
    (local.set $b (i32.and (i32.shr_u (local.get $enc) (i32.shl (local.get $k) (i32.const 3))) (i32.const 0xFF)))
    (local.set $nxt (call $rx_cons1 (local.get $b) (local.get $b) (local.get $nxt)))
    (br_if $byte (local.get $k)))
  (local.get $nxt))

;; $rx_plus: `sub+` (greedy or not) continuing at $nxt: loop split after the body.
(func $rx_plus (param $sub i32) (param $greedy i32) (param $nxt i32) (result i32)
  (local $loop i32) (local $body i32)
  (local.set $loop (call $rx_emit (i32.const 5) (i32.const 0) (i32.const 0)))
  (local.set $body (call $rx_comp (local.get $sub) (local.get $loop)))
  (call $rx_set_split (local.get $loop) (local.get $body) (local.get $nxt) (local.get $greedy))
  (local.get $body))

;; $rx_comp_rep: a REP node, expanded as simplify.py expands counts (the
;; shape decides which path a capture takes): x{2,5} = xx(x(x(x)?)?)?,
;; x{3,} = xxx+, and x* of a nullable x is (x+)? as in RE2.
(func $rx_comp_rep (param $node i32) (param $nxt i32) (result i32)
  (local $sub i32) (local $lo i32) (local $hi i32) (local $greedy i32) (local $cur i32) (local $k i32) (local $body i32)
  (local.set $sub (i32.load offset=4 (local.get $node)))
  (local.set $lo (i32.load offset=8 (local.get $node)))
  (local.set $hi (i32.load offset=12 (local.get $node)))
  (local.set $greedy (i32.load offset=16 (local.get $node)))
  (if (i32.lt_s (local.get $hi) (i32.const 0))
    (then
      (if (i32.eqz (local.get $lo))
        (then
          (if (i32.load offset=24 (local.get $sub))
            (then (return (call $rx_split (call $rx_plus (local.get $sub) (local.get $greedy) (local.get $nxt))
              (local.get $nxt) (local.get $greedy)))))
          (local.set $cur (call $rx_emit (i32.const 5) (i32.const 0) (i32.const 0)))
          (local.set $body (call $rx_comp (local.get $sub) (local.get $cur)))
          (call $rx_set_split (local.get $cur) (local.get $body) (local.get $nxt) (local.get $greedy))
          (return (local.get $cur))))
      (local.set $cur (call $rx_plus (local.get $sub) (local.get $greedy) (local.get $nxt)))
      (local.set $k (i32.sub (local.get $lo) (i32.const 1)))
      (block $done
        (loop $copy
          (br_if $done (i32.or (i32.eqz (local.get $k)) (global.get $rx_error)))
          (local.set $cur (call $rx_comp (local.get $sub) (local.get $cur)))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br $copy)))
      (return (local.get $cur))))
  (if (i32.eqz (local.get $hi)) (then (return (call $rx_emit (i32.const 5) (i32.const 0) (local.get $nxt)))))
  (if (i32.and (i32.eq (local.get $lo) (i32.const 1)) (i32.eq (local.get $hi) (i32.const 1)))
    (then (return (call $rx_comp (local.get $sub) (local.get $nxt)))))
  (local.set $cur (local.get $nxt))
  (local.set $k (i32.sub (local.get $hi) (local.get $lo)))
  (block $done
    (loop $optional
      (br_if $done (i32.or (i32.eqz (local.get $k)) (global.get $rx_error)))
      (local.set $body (call $rx_comp (local.get $sub) (local.get $cur)))
      (local.set $cur (call $rx_split (local.get $body) (local.get $nxt) (local.get $greedy)))
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (br $optional)))
  (local.set $k (local.get $lo))
  (block $done
    (loop $copy
      (br_if $done (i32.or (i32.eqz (local.get $k)) (global.get $rx_error)))
      (local.set $cur (call $rx_comp (local.get $sub) (local.get $cur)))
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (br $copy)))
  (local.get $cur))

;; $rx_comp: the entry pc of $node, whose exit continues at $nxt (built
;; back to front, as nfa.py builds it).
(func $rx_comp (param $node i32) (param $nxt i32) (result i32)
  (local $items i32) (local $k i32) (local $pc i32) (local $index i32)
  (if (global.get $rx_error) (then (return (i32.const 0))))
  (block $alt (block $cat (block $cap (block $rep (block $assert (block $byte (block $chars (block $lit (block $empty
    (br_table $empty $lit $chars $byte $assert $rep $cap $cat $alt (i32.load (local.get $node))))
    (return (call $rx_emit (i32.const 5) (i32.const 0) (local.get $nxt))))
    (return (call $rx_comp_lit (i32.load offset=4 (local.get $node)) (local.get $nxt))))
    (return (call $rx_comp_chars (local.get $node) (local.get $nxt))))
    (return (call $rx_cons1 (i32.const 0) (i32.const 255) (local.get $nxt))))
    (return (call $rx_emit (i32.const 4) (i32.load offset=4 (local.get $node)) (local.get $nxt))))
    (return (call $rx_comp_rep (local.get $node) (local.get $nxt))))
    (local.set $index (i32.shl (i32.load offset=8 (local.get $node)) (i32.const 1)))
    (local.set $pc (call $rx_emit (i32.const 3) (i32.add (local.get $index) (i32.const 1)) (local.get $nxt)))
    (local.set $pc (call $rx_comp (i32.load offset=4 (local.get $node)) (local.get $pc)))
    (return (call $rx_emit (i32.const 3) (local.get $index) (local.get $pc))))
  ;; CAT: items from the last
  (local.set $items (i32.load offset=4 (local.get $node)))
  (local.set $k (i32.load offset=8 (local.get $node)))
  (loop $item
    (local.set $k (i32.sub (local.get $k) (i32.const 1)))
    (local.set $nxt (call $rx_comp (i32.load (i32.add (local.get $items) (i32.shl (local.get $k) (i32.const 2)))) (local.get $nxt)))
    (br_if $item (i32.and (i32.ne (local.get $k) (i32.const 0)) (i32.eqz (global.get $rx_error)))))
  (return (local.get $nxt)))
  ;; ALT: SPLIT(b0, SPLIT(b1, ... b(n-1))): branches compiled from the last
  (local.set $items (i32.load offset=4 (local.get $node)))
  (local.set $k (i32.sub (i32.load offset=8 (local.get $node)) (i32.const 1)))
  (local.set $pc (call $rx_comp (i32.load (i32.add (local.get $items) (i32.shl (local.get $k) (i32.const 2)))) (local.get $nxt)))
  (loop $branch
    (local.set $k (i32.sub (local.get $k) (i32.const 1)))
    (local.set $pc (call $rx_emit (i32.const 2)
      (call $rx_comp (i32.load (i32.add (local.get $items) (i32.shl (local.get $k) (i32.const 2)))) (local.get $nxt))
      (local.get $pc)))
    (br_if $branch (i32.and (i32.ne (local.get $k) (i32.const 0)) (i32.eqz (global.get $rx_error)))))
  (local.get $pc))

;; ===== closures: followed once, at compile time (nfa.py's follow points) ====
;; Where a thread resumes (the start, and the next pc of every arm), the
;; instructions that do not consume lead to an ordered list of entries:
;; (target: a CONS or the MATCH, the slots saved on the way).  The list
;; depends only on which assertions hold there, so it is built for every
;; combination of the context bits the closure looks at (1 \A, 2 \z, 4 ^ in
;; (?m), 8 $ in (?m), 16 \b), branches with equal lists merged: a decision.
;; Depth first in priority order with a visited set, stopping at the MATCH
;; (later entries would be cut by it), exactly as nfa.py builds it, so the
;; entries are as many as nfa.py counts, and its limit applies.
;; A decision is i32 words in the closure buffer: a branch is -bit, then
;; the word offsets of the decisions where the bit is set and where it is
;; not; a list is its count n >= 0, then per entry: target | k << 16, then
;; its k slots.  A target is a thread's number: 0 the MATCH, 1.. the CONS
;; in pc order ($rx_tix).

;; $rx_cbuf: the closure buffer being built (i32 words; scratch, grows by doubling).
(global $rx_cbuf (mut i32) (i32.const 0))

;; $rx_cn: the words used in the closure buffer.
(global $rx_cn (mut i32) (i32.const 0))

;; $rx_ccap: the capacity of the closure buffer, in words.
(global $rx_ccap (mut i32) (i32.const 0))

;; $rx_centries: closure entries built, counted as nfa.py counts them.
(global $rx_centries (mut i32) (i32.const 0))

;; $rx_cwork: instructions the closure builder may still visit.
(global $rx_cwork (mut i32) (i32.const 0))

;; $rx_cvis: a stamp per instruction: visited by the closure being built.
(global $rx_cvis (mut i32) (i32.const 0))

;; $rx_cstamp: the stamp of the closure being built.
(global $rx_cstamp (mut i32) (i32.const 0))

;; $rx_cstack: the closure builder's stack: (pc, slots saved on the path) pairs.
(global $rx_cstack (mut i32) (i32.const 0))

;; $rx_csaves: the slots saved on the path being followed.
(global $rx_csaves (mut i32) (i32.const 0))

;; $rx_tix: per instruction, its target number (CONS and MATCH only).
(global $rx_tix (mut i32) (i32.const 0))

;; $rx_cslots: a stamp per capture slot: already kept for the entry being built.
(global $rx_cslots (mut i32) (i32.const 0))

;; $rx_cslot_stamp: the stamp of the entry being built.
(global $rx_cslot_stamp (mut i32) (i32.const 0))

;; $RX_MAX_ENTRIES: nfa.MAX_CLOSURE_ENTRIES, closure entries of a program.
(global $RX_MAX_ENTRIES i32 (i32.const 20000))

;; $RX_CLOSURE_WORK: rx_tables.CLOSURE_WORK, instructions all closures of a program may visit: far
;; more than a pattern within the other limits needs (a bound on compile time).
(global $RX_CLOSURE_WORK i32 (i32.const 20000000))

;; $rx_cword: append word $w to the closure buffer (grows it; error when full).
(func $rx_cword (param $w i32)
  (local $new i32)
  (if (i32.ge_u (global.get $rx_cn) (global.get $rx_ccap))
    (then
      (local.set $new (call $rx_mem (i32.shl (global.get $rx_ccap) (i32.const 3))))
      (if (i32.eqz (local.get $new)) (then (return)))
      (memory.copy (local.get $new) (global.get $rx_cbuf) (i32.shl (global.get $rx_cn) (i32.const 2)))
      (global.set $rx_cbuf (local.get $new))
      (global.set $rx_ccap (i32.shl (global.get $rx_ccap) (i32.const 1)))))
  (i32.store (i32.add (global.get $rx_cbuf) (i32.shl (global.get $rx_cn) (i32.const 2))) (local.get $w))
  (global.set $rx_cn (i32.add (global.get $rx_cn) (i32.const 1))))

;; $rx_ins: the address of instruction $pc being built.
(func $rx_ins (param $pc i32) (result i32)
  (i32.add (global.get $rx_ibuf) (i32.shl (local.get $pc) (i32.const 4))))

;; $rx_visit: mark $pc visited by the current closure; 0 if it already was
;; (or the work budget is spent: then the pattern is refused as too large).
(func $rx_visit (param $pc i32) (result i32)
  (local $m i32)
  (local.set $m (i32.add (global.get $rx_cvis) (i32.shl (local.get $pc) (i32.const 2))))
  (if (i32.eq (i32.load (local.get $m)) (global.get $rx_cstamp)) (then (return (i32.const 0))))
  (i32.store (local.get $m) (global.get $rx_cstamp))
  (global.set $rx_cwork (i32.sub (global.get $rx_cwork) (i32.const 1)))
  (if (i32.lt_s (global.get $rx_cwork) (i32.const 0))
    (then (return (call $rx_fail (global.get $RX_E_TOO_LARGE) (i32.const 0)))))
  (i32.const 1))

;; $rx_assert_bit: the context bit assertion $kind looks at (\B looks at 16 too).
(func $rx_assert_bit (param $kind i32) (result i32)
  (if (i32.eq (local.get $kind) (i32.const 6)) (then (return (i32.const 16))))
  (i32.shl (i32.const 1) (i32.sub (local.get $kind) (i32.const 1))))

;; $rx_ctx_bits: the context bits the closure from $pc looks at.
(func $rx_ctx_bits (param $pc i32) (result i32)
  (local $sp i32) (local $ip i32) (local $op i32) (local $bits i32)
  (global.set $rx_cstamp (i32.add (global.get $rx_cstamp) (i32.const 1)))
  (i32.store (global.get $rx_cstack) (local.get $pc))
  (local.set $sp (i32.const 8))
  (block $done
    (loop $pop
      (br_if $done (i32.eqz (local.get $sp)))
      (local.set $sp (i32.sub (local.get $sp) (i32.const 8)))
      (local.set $pc (i32.load (i32.add (global.get $rx_cstack) (local.get $sp))))
      (br_if $pop (i32.eqz (call $rx_visit (local.get $pc))))
      (local.set $ip (call $rx_ins (local.get $pc)))
      (local.set $op (i32.load (local.get $ip)))
      (br_if $pop (i32.or (i32.le_u (local.get $op) (i32.const 1)) (i32.eq (local.get $op) (i32.const 6))))
      (if (i32.eq (local.get $op) (i32.const 4))
        (then (local.set $bits (i32.or (local.get $bits) (call $rx_assert_bit (i32.load offset=4 (local.get $ip)))))))
      (i32.store (i32.add (global.get $rx_cstack) (local.get $sp)) (i32.load offset=8 (local.get $ip)))
      (local.set $sp (i32.add (local.get $sp) (i32.const 8)))
      (if (i32.eq (local.get $op) (i32.const 2))
        (then
          (i32.store (i32.add (global.get $rx_cstack) (local.get $sp)) (i32.load offset=4 (local.get $ip)))
          (local.set $sp (i32.add (local.get $sp) (i32.const 8)))))
      (br $pop)))
  (local.get $bits))

;; $rx_closure_list: the entries of the closure from $pc where the context
;; bits are $ctx, appended as a list; its word offset.
(func $rx_closure_list (param $pc i32) (param $ctx i32) (result i32)
  (local $at i32) (local $n i32) (local $sp i32) (local $depth i32) (local $ip i32) (local $op i32) (local $k i32)
  (local $holds i32) (local $kind i32) (local $count_at i32) (local $kept i32) (local $slot i32) (local $mark i32)
  (local.set $at (global.get $rx_cn))
  (call $rx_cword (i32.const 0))
  (global.set $rx_cstamp (i32.add (global.get $rx_cstamp) (i32.const 1)))
  (i32.store (global.get $rx_cstack) (local.get $pc))
  (i32.store offset=4 (global.get $rx_cstack) (i32.const 0))
  (local.set $sp (i32.const 8))
  (block $done
    (loop $pop
      (br_if $done (i32.eqz (local.get $sp)))
      (local.set $sp (i32.sub (local.get $sp) (i32.const 8)))
      (local.set $pc (i32.load (i32.add (global.get $rx_cstack) (local.get $sp))))
      (local.set $depth (i32.load offset=4 (i32.add (global.get $rx_cstack) (local.get $sp))))
      (br_if $pop (i32.eqz (call $rx_visit (local.get $pc))))
      (local.set $ip (call $rx_ins (local.get $pc)))
      (local.set $op (i32.load (local.get $ip)))
      (if (i32.le_u (local.get $op) (i32.const 1))
        (then
          ;; an entry: the target and the slots saved on its path
          ;; every slot on the path gets the same offset: each is kept once
          (local.set $count_at (global.get $rx_cn))
          (call $rx_cword (i32.const 0))
          (global.set $rx_cslot_stamp (i32.add (global.get $rx_cslot_stamp) (i32.const 1)))
          (local.set $k (i32.const 0))
          (local.set $kept (i32.const 0))
          (block $saved
            (loop $slot
              (br_if $saved (i32.ge_u (local.get $k) (local.get $depth)))
              (local.set $slot (i32.load (i32.add (global.get $rx_csaves) (i32.shl (local.get $k) (i32.const 2)))))
              (local.set $mark (i32.add (global.get $rx_cslots) (i32.shl (local.get $slot) (i32.const 2))))
              (if (i32.ne (i32.load (local.get $mark)) (global.get $rx_cslot_stamp))
                (then
                  (i32.store (local.get $mark) (global.get $rx_cslot_stamp))
                  (call $rx_cword (local.get $slot))
                  (local.set $kept (i32.add (local.get $kept) (i32.const 1)))))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br $slot)))
          (if (i32.eqz (global.get $rx_error))
            (then (i32.store (i32.add (global.get $rx_cbuf) (i32.shl (local.get $count_at) (i32.const 2)))
              (i32.or (i32.load (i32.add (global.get $rx_tix) (i32.shl (local.get $pc) (i32.const 2))))
                      (i32.shl (local.get $kept) (i32.const 16))))))
          (local.set $n (i32.add (local.get $n) (i32.const 1)))
          ;; the count only grows: refuse as soon as it is over the limit
          (if (i32.gt_u (i32.add (global.get $rx_centries) (local.get $n)) (global.get $RX_MAX_ENTRIES))
            (then (drop (call $rx_fail (global.get $RX_E_TOO_LARGE) (i32.const 0))) (br $done)))
          (br_if $done (local.get $op))  ;; the MATCH cuts what follows
          (br $pop)))
      (br_if $pop (i32.eq (local.get $op) (i32.const 6)))
      (if (i32.eq (local.get $op) (i32.const 4))
        (then
          (local.set $kind (i32.load offset=4 (local.get $ip)))
          (local.set $holds (i32.ne (i32.and (local.get $ctx) (call $rx_assert_bit (local.get $kind))) (i32.const 0)))
          (if (i32.eq (local.get $kind) (i32.const 6)) (then (local.set $holds (i32.eqz (local.get $holds)))))
          (br_if $pop (i32.eqz (local.get $holds)))))
      (if (i32.eq (local.get $op) (i32.const 3))
        (then
          (i32.store (i32.add (global.get $rx_csaves) (i32.shl (local.get $depth) (i32.const 2))) (i32.load offset=4 (local.get $ip)))
          (local.set $depth (i32.add (local.get $depth) (i32.const 1)))))
      (i32.store (i32.add (global.get $rx_cstack) (local.get $sp)) (i32.load offset=8 (local.get $ip)))
      (i32.store offset=4 (i32.add (global.get $rx_cstack) (local.get $sp)) (local.get $depth))
      (local.set $sp (i32.add (local.get $sp) (i32.const 8)))
      (if (i32.eq (local.get $op) (i32.const 2))
        (then
          (i32.store (i32.add (global.get $rx_cstack) (local.get $sp)) (i32.load offset=4 (local.get $ip)))
          (i32.store offset=4 (i32.add (global.get $rx_cstack) (local.get $sp)) (local.get $depth))
          (local.set $sp (i32.add (local.get $sp) (i32.const 8)))))
      (br $pop)))
  (if (global.get $rx_error) (then (return (i32.const 0))))
  (i32.store (i32.add (global.get $rx_cbuf) (i32.shl (local.get $at) (i32.const 2))) (local.get $n))
  (global.set $rx_centries (i32.add (global.get $rx_centries) (local.get $n)))
  (local.get $at))

;; $rx_same: whether the decisions at word offsets $a and $b are equal.
(func $rx_same (param $a i32) (param $b i32) (result i32)
  (local $wa i32) (local $wb i32) (local $n i32) (local $k i32)
  (local.set $wa (i32.add (global.get $rx_cbuf) (i32.shl (local.get $a) (i32.const 2))))
  (local.set $wb (i32.add (global.get $rx_cbuf) (i32.shl (local.get $b) (i32.const 2))))
  (if (i32.ne (i32.load (local.get $wa)) (i32.load (local.get $wb))) (then (return (i32.const 0))))
  (if (i32.lt_s (i32.load (local.get $wa)) (i32.const 0))
    (then
      (return (i32.and (call $rx_same (i32.load offset=4 (local.get $wa)) (i32.load offset=4 (local.get $wb)))
                       (call $rx_same (i32.load offset=8 (local.get $wa)) (i32.load offset=8 (local.get $wb)))))))
  ;; lists: compare the words of every entry
  (local.set $n (i32.load (local.get $wa)))
  (local.set $k (i32.const 1))
  (block $done
    (loop $entry
      (br_if $done (i32.eqz (local.get $n)))
      ;; words of this entry: its head, then its slots
      (local.set $a (i32.add (local.get $k) (i32.add (i32.const 1)
        (i32.shr_u (i32.load (i32.add (local.get $wa) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 16)))))
      (loop $word
        (if (i32.ne (i32.load (i32.add (local.get $wa) (i32.shl (local.get $k) (i32.const 2))))
                    (i32.load (i32.add (local.get $wb) (i32.shl (local.get $k) (i32.const 2)))))
          (then (return (i32.const 0))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $word (i32.lt_u (local.get $k) (local.get $a))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $entry)))
  (i32.const 1))

;; $rx_decide: the decision of the closure from $pc where the bits of
;; $bits above $bit are fixed to $ctx: the bits from low to high, the
;; branch where a bit is set built first; equal branches are one.
(func $rx_decide (param $pc i32) (param $bits i32) (param $bit i32) (param $ctx i32) (result i32)
  (local $yes i32) (local $no i32) (local $at i32)
  (loop $next_bit
    (if (i32.and (i32.le_u (local.get $bit) (i32.const 16)) (i32.eqz (i32.and (local.get $bits) (local.get $bit))))
      (then (local.set $bit (i32.shl (local.get $bit) (i32.const 1))) (br $next_bit))))
  (if (i32.gt_u (local.get $bit) (i32.const 16)) (then (return (call $rx_closure_list (local.get $pc) (local.get $ctx)))))
  (local.set $yes (call $rx_decide (local.get $pc) (local.get $bits) (i32.shl (local.get $bit) (i32.const 1))
    (i32.or (local.get $ctx) (local.get $bit))))
  (local.set $no (call $rx_decide (local.get $pc) (local.get $bits) (i32.shl (local.get $bit) (i32.const 1)) (local.get $ctx)))
  (if (global.get $rx_error) (then (return (i32.const 0))))
  (if (call $rx_same (local.get $yes) (local.get $no))
    (then
      (global.set $rx_cn (local.get $no))  ;; $no was built last: drop it
      (return (local.get $yes))))
  (local.set $at (global.get $rx_cn))
  (call $rx_cword (i32.sub (i32.const 0) (local.get $bit)))
  (call $rx_cword (local.get $yes))
  (call $rx_cword (local.get $no))
  (local.get $at))

;; $rx_follow_points: the decision of every follow point (the start, the
;; next of every arm), in a map from pc to its word offset at $map, or to
;; -1 - target when it is a single target with no slot (a CONS, mostly);
;; 1 when some decision branches on context.
(func $rx_follow_points (param $start i32) (param $map i32) (result i32)
  (local $i i32) (local $pc i32) (local $m i32) (local $bits i32) (local $any i32) (local $at i32) (local $w i32)
  (memory.fill (local.get $map) (i32.const 0xFF) (i32.shl (global.get $rx_ninst) (i32.const 2)))
  (local.set $i (i32.const -1))
  (local.set $pc (local.get $start))
  (block $done
    (loop $each
      (local.set $m (i32.add (local.get $map) (i32.shl (local.get $pc) (i32.const 2))))
      (if (i32.lt_s (i32.load (local.get $m)) (i32.const 0))
        (then
          (local.set $bits (call $rx_ctx_bits (local.get $pc)))
          (local.set $any (i32.or (local.get $any) (local.get $bits)))
          (local.set $at (call $rx_decide (local.get $pc) (local.get $bits) (i32.const 1) (i32.const 0)))
          (br_if $done (global.get $rx_error))
          (local.set $w (i32.add (global.get $rx_cbuf) (i32.shl (local.get $at) (i32.const 2))))
          (if (i32.and (i32.ne (local.get $pc) (local.get $start))
                (i32.and (i32.eq (i32.load (local.get $w)) (i32.const 1)) (i32.le_u (i32.load offset=4 (local.get $w)) (i32.const 0xFFFF))))
            (then
              ;; one target, no slot: the map holds -1 - target (never the
              ;; MATCH, which always has slot 1 on its way), the words go
              (local.set $at (i32.sub (i32.const -1) (i32.load offset=4 (local.get $w))))
              (global.set $rx_cn (i32.shr_u (i32.sub (local.get $w) (global.get $rx_cbuf)) (i32.const 2)))))
          (i32.store (local.get $m) (local.get $at))
          (if (i32.gt_u (global.get $rx_centries) (global.get $RX_MAX_ENTRIES))
            (then (drop (call $rx_fail (global.get $RX_E_TOO_LARGE) (i32.const 0))) (br $done)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $done (i32.ge_u (local.get $i) (global.get $rx_narms)))
      (local.set $pc (i32.shr_u (i32.load (i32.add (global.get $rx_abuf) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 16)))
      (br $each)))
  (i32.ne (local.get $any) (i32.const 0)))

;; $rx_reach: what the program being built reaches from $start without
;; consuming: 1 = the match, 2 = a CONS.  Asserts are passed (all of them,
;; or all but \A when $bot_blocks), so this over-approximates; CONS arms'
;; bytes are set in the 256-bit map at $map when $map is not 0.
(func $rx_reach (param $start i32) (param $bot_blocks i32) (param $map i32) (param $seen i32) (param $stack i32)
               (result i32)
  (local $sp i32) (local $pc i32) (local $ip i32) (local $op i32) (local $out i32) (local $arm i32) (local $a i32)
  (local $k i32) (local $b i32)
  (memory.fill (local.get $seen) (i32.const 0) (global.get $rx_ninst))
  (i32.store (local.get $stack) (local.get $start))
  (local.set $sp (i32.const 4))
  (block $done
    (loop $pop
      (br_if $done (i32.eqz (local.get $sp)))
      (local.set $sp (i32.sub (local.get $sp) (i32.const 4)))
      (local.set $pc (i32.load (i32.add (local.get $stack) (local.get $sp))))
      (br_if $pop (i32.load8_u (i32.add (local.get $seen) (local.get $pc))))
      (i32.store8 (i32.add (local.get $seen) (local.get $pc)) (i32.const 1))
      (local.set $ip (call $rx_ins (local.get $pc)))
      (local.set $op (i32.load (local.get $ip)))
      (if (i32.eq (local.get $op) (i32.const 1)) (then (local.set $out (i32.or (local.get $out) (i32.const 1))) (br $pop)))
      (if (i32.eqz (local.get $op))
        (then
          (local.set $out (i32.or (local.get $out) (i32.const 2)))
          (if (local.get $map)
            (then
              (local.set $k (i32.const 0))
              (loop $arm_loop
                (local.set $arm (i32.load (i32.add (global.get $rx_abuf)
                  (i32.shl (i32.add (i32.load offset=4 (local.get $ip)) (local.get $k)) (i32.const 2)))))
                (local.set $b (i32.and (local.get $arm) (i32.const 0xFF)))
                (loop $bits
                  (local.set $a (i32.add (local.get $map) (i32.shr_u (local.get $b) (i32.const 3))))
                  (i32.store8 (local.get $a) (i32.or (i32.load8_u (local.get $a))
                    (i32.shl (i32.const 1) (i32.and (local.get $b) (i32.const 7)))))
                  (local.set $b (i32.add (local.get $b) (i32.const 1)))
                  (br_if $bits (i32.le_u (local.get $b) (i32.and (i32.shr_u (local.get $arm) (i32.const 8)) (i32.const 0xFF)))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br_if $arm_loop (i32.lt_u (local.get $k) (i32.load offset=8 (local.get $ip)))))))
          (br $pop)))
      (if (i32.eq (local.get $op) (i32.const 6)) (then (br $pop)))
      (if (i32.and (local.get $bot_blocks) (i32.and (i32.eq (local.get $op) (i32.const 4))
                                                    (i32.eq (i32.load offset=4 (local.get $ip)) (i32.const 1))))
        (then (br $pop)))
      (i32.store (i32.add (local.get $stack) (local.get $sp)) (i32.load offset=8 (local.get $ip)))
      (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
      (if (i32.eq (local.get $op) (i32.const 2))
        (then
          (i32.store (i32.add (local.get $stack) (local.get $sp)) (i32.load offset=4 (local.get $ip)))
          (local.set $sp (i32.add (local.get $sp) (i32.const 4)))))
      (br $pop)))
  (local.get $out))

;; $rx_number_targets: number the targets (the MATCH 0, the CONS 1.. in pc
;; order) in $rx_tix.
(func $rx_number_targets
  (local $pc i32) (local $n i32) (local $op i32)
  (block $done
    (loop $each
      (br_if $done (i32.ge_u (local.get $pc) (global.get $rx_ninst)))
      (local.set $op (i32.load (call $rx_ins (local.get $pc))))
      (if (i32.eqz (local.get $op))
        (then (local.set $n (i32.add (local.get $n) (i32.const 1)))))
      (i32.store (i32.add (global.get $rx_tix) (i32.shl (local.get $pc) (i32.const 2)))
        (select (local.get $n) (i32.const 0) (i32.eqz (local.get $op))))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $each))))

;; $rx_byte_classes: RE2's byte classes: bytes no arm tells apart share a
;; class.  Writes the class of each byte at $classes (256 bytes); the
;; number of classes.
(func $rx_byte_classes (param $classes i32) (result i32)
  (local $i i32) (local $arm i32) (local $b i32) (local $n i32)
  ;; first mark where a class starts, then number the classes
  (memory.fill (local.get $classes) (i32.const 0) (i32.const 256))
  (i32.store8 (local.get $classes) (i32.const 1))
  (block $done
    (loop $each
      (br_if $done (i32.ge_u (local.get $i) (global.get $rx_narms)))
      (local.set $arm (i32.load (i32.add (global.get $rx_abuf) (i32.shl (local.get $i) (i32.const 2)))))
      (i32.store8 (i32.add (local.get $classes) (i32.and (local.get $arm) (i32.const 0xFF))) (i32.const 1))
      (local.set $b (i32.add (i32.and (i32.shr_u (local.get $arm) (i32.const 8)) (i32.const 0xFF)) (i32.const 1)))
      (if (i32.lt_u (local.get $b) (i32.const 256))
        (then (i32.store8 (i32.add (local.get $classes) (local.get $b)) (i32.const 1))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $each)))
  (local.set $b (i32.const 0))
  (loop $number
    (local.set $n (i32.add (local.get $n) (i32.load8_u (i32.add (local.get $classes) (local.get $b)))))
    (i32.store8 (i32.add (local.get $classes) (local.get $b)) (i32.sub (local.get $n) (i32.const 1)))
    (local.set $b (i32.add (local.get $b) (i32.const 1)))
    (br_if $number (i32.lt_u (local.get $b) (i32.const 256))))
  (local.get $n))

;; $rx_rows: the step table at $rows: per target (row 0, the MATCH, unused)
;; and byte class ($ncls columns, the last one for the end of the input),
;; what follows a consumed byte: the follow map's value for the arm's next
;; pc, or RX_NONE when no arm holds the class.
(func $rx_rows (param $rows i32) (param $ncls i32) (param $classes i32) (param $follow i32)
  (local $pc i32) (local $ip i32) (local $row i32) (local $k i32) (local $arm i32) (local $c i32) (local $last i32)
  (local $value i32) (local $i i32) (local $n i32)
  (local.set $n (i32.mul (i32.add (global.get $rx_ncons) (i32.const 1)) (local.get $ncls)))
  (block $filled
    (loop $fill
      (br_if $filled (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store (i32.add (local.get $rows) (i32.shl (local.get $i) (i32.const 2))) (global.get $RX_NONE))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $fill)))
  (block $done
    (loop $each
      (br_if $done (i32.ge_u (local.get $pc) (global.get $rx_ninst)))
      (local.set $ip (call $rx_ins (local.get $pc)))
      (if (i32.eqz (i32.load (local.get $ip)))
        (then
          (local.set $row (i32.add (local.get $rows) (i32.shl (i32.mul (local.get $ncls)
            (i32.load (i32.add (global.get $rx_tix) (i32.shl (local.get $pc) (i32.const 2))))) (i32.const 2))))
          (local.set $k (i32.const 0))
          (loop $arms
            (local.set $arm (i32.load (i32.add (global.get $rx_abuf)
              (i32.shl (i32.add (i32.load offset=4 (local.get $ip)) (local.get $k)) (i32.const 2)))))
            (local.set $value (i32.load (i32.add (local.get $follow) (i32.shl (i32.shr_u (local.get $arm) (i32.const 16)) (i32.const 2)))))
            (local.set $c (i32.load8_u (i32.add (local.get $classes) (i32.and (local.get $arm) (i32.const 0xFF)))))
            (local.set $last (i32.load8_u (i32.add (local.get $classes) (i32.and (i32.shr_u (local.get $arm) (i32.const 8)) (i32.const 0xFF)))))
            (loop $cls
              (i32.store (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 2))) (local.get $value))
              (local.set $c (i32.add (local.get $c) (i32.const 1)))
              (br_if $cls (i32.le_u (local.get $c) (local.get $last))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br_if $arms (i32.lt_u (local.get $k) (i32.load offset=8 (local.get $ip)))))))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $each))))

;; $rx_compile: compile the RE2 pattern $pattern (bytes, UTF-8) into a
;; program in the persistent heap; 0 when it is refused ($rx_error and
;; $rx_error_at say why and where).  Scratch memory used while compiling
;; is given back before returning.
(func $rx_compile (param $pattern i64) (result i32)
  (local $mark i32) (local $root i32) (local $pc i32) (local $ws i64) (local $prog i32) (local $size i32)
  (local $seen i32) (local $stack i32) (local $flags i32) (local $bad i32) (local $follow i32) (local $uses_ctx i32)
  (local $classes i32) (local $ncls i32) (local $rows_at i32) (local $clos_at i32)
  (local.set $mark (global.get $scratch_top))
  (call $rx_reset (local.get $pattern))
  (block $failed
    (local.set $bad (call $rx_utf8_error (global.get $rx_pp) (global.get $rx_pn)))
    (if (i32.ge_s (local.get $bad) (i32.const 0))
      (then (drop (call $rx_fail (global.get $RX_E_BAD_UTF8) (local.get $bad))) (br $failed)))
    (global.set $rx_rbuf (call $rx_mem (i32.shl (global.get $rx_rcap) (i32.const 3))))
    (global.set $rx_fold (call $rx_mem (i32.shl (global.get $RX_FOLD_COUNT) (i32.const 3))))
    (global.set $rx_ibuf (call $rx_mem (i32.shl (global.get $RX_MAX_INST) (i32.const 4))))
    (global.set $rx_abuf (call $rx_mem (i32.shl (global.get $rx_acap) (i32.const 2))))
    (global.set $rx_tarms (call $rx_mem (i32.const 4096)))
    (br_if $failed (global.get $rx_error))
    (call $rx_fold_table (global.get $rx_fold))
    ;; parse
    (local.set $root (call $rx_alternation (i32.const 0)))
    (br_if $failed (global.get $rx_error))
    (if (i32.lt_u (global.get $rx_pos) (global.get $rx_pn))
      (then (drop (call $rx_fail (global.get $RX_E_UNEXPECTED_PAREN) (global.get $rx_pos))) (br $failed)))
    ;; compile: save 0, the pattern, save 1, match (pc 0)
    (local.set $pc (call $rx_emit (i32.const 1) (i32.const 0) (i32.const 0)))
    (local.set $pc (call $rx_emit (i32.const 3) (i32.const 1) (local.get $pc)))
    (local.set $pc (call $rx_comp (local.get $root) (local.get $pc)))
    (local.set $pc (call $rx_emit (i32.const 3) (i32.const 0) (local.get $pc)))
    (br_if $failed (global.get $rx_error))
    ;; the literal compiler's limits on thread state, closures and cost, in its order
    (local.set $ws (i64.add
      (i64.mul (i64.extend_i32_u (i32.shl (i32.add (global.get $rx_ncons) (i32.const 1)) (i32.const 2)))
        (i64.extend_i32_u (i32.add (i32.const 3) (i32.shl (i32.add (global.get $rx_ngroups) (i32.const 1)) (i32.const 2)))))
      (i64.extend_i32_u (i32.add (i32.const 16) (i32.shl (i32.add (global.get $rx_ngroups) (i32.const 1)) (i32.const 4))))))
    (if (i64.gt_u (local.get $ws) (i64.extend_i32_u (global.get $RX_MAX_WORKSPACE)))
      (then (drop (call $rx_fail (global.get $RX_E_TOO_LARGE) (i32.const 0))) (br $failed)))
    (global.set $rx_tix (call $rx_mem (i32.shl (global.get $rx_ninst) (i32.const 2))))
    (local.set $follow (call $rx_mem (i32.shl (global.get $rx_ninst) (i32.const 2))))
    (br_if $failed (call $rx_closure_space))
    (call $rx_number_targets)
    (local.set $uses_ctx (call $rx_follow_points (local.get $pc) (local.get $follow)))
    (br_if $failed (global.get $rx_error))
    (if (i32.gt_u (i32.add (i32.mul (global.get $rx_ncons) (global.get $RX_COST_PER_THREAD)) (global.get $RX_COST_PER_STEP))
          (global.get $RX_MAX_COST))
      (then (drop (call $rx_fail (global.get $RX_E_TOO_COSTLY) (i32.const 0))) (br $failed)))
    ;; the program: header, byte classes, the step table, the closures
    (local.set $classes (call $rx_mem (i32.const 256)))
    (br_if $failed (global.get $rx_error))
    (local.set $ncls (i32.add (call $rx_byte_classes (local.get $classes)) (i32.const 1)))
    (local.set $rows_at (i32.const 320))
    (local.set $clos_at (i32.add (local.get $rows_at)
      (i32.shl (i32.mul (i32.add (global.get $rx_ncons) (i32.const 1)) (local.get $ncls)) (i32.const 2))))
    (local.set $size (i32.add (local.get $clos_at) (i32.shl (global.get $rx_cn) (i32.const 2))))
    (local.set $prog (call $palloc (local.get $size)))
    (if (i32.eqz (local.get $prog))
      (then (drop (call $rx_fail (global.get $RX_E_OUT_OF_MEMORY) (i32.const 0))) (br $failed)))
    (i32.store offset=0 (local.get $prog) (global.get $rx_ninst))
    (i32.store offset=4 (local.get $prog) (i32.load (i32.add (local.get $follow) (i32.shl (local.get $pc) (i32.const 2)))))
    (i32.store offset=8 (local.get $prog) (global.get $rx_ngroups))
    (i32.store offset=12 (local.get $prog) (local.get $ncls))
    (i32.store offset=20 (local.get $prog) (global.get $rx_ncons))
    (i32.store offset=24 (local.get $prog) (local.get $rows_at))
    (i32.store offset=28 (local.get $prog) (local.get $clos_at))
    (memory.copy (i32.add (local.get $prog) (i32.const 64)) (local.get $classes) (i32.const 256))
    (call $rx_rows (i32.add (local.get $prog) (local.get $rows_at)) (local.get $ncls) (local.get $classes) (local.get $follow))
    (memory.copy (i32.add (local.get $prog) (local.get $clos_at)) (global.get $rx_cbuf) (i32.shl (global.get $rx_cn) (i32.const 2)))
    ;; start facts for the search: the bytes that can start a match (when
    ;; the match needs one), and whether it can only start at 0
    (local.set $seen (call $rx_mem (global.get $rx_ninst)))
    (local.set $stack (call $rx_mem (i32.shl (i32.add (global.get $rx_ninst) (i32.const 1)) (i32.const 3))))
    (if (global.get $rx_error)
      (then (call $pfree (local.get $prog)) (br $failed)))
    (if (i32.eqz (i32.and (call $rx_reach (local.get $pc) (i32.const 0) (i32.add (local.get $prog) (i32.const 32))
          (local.get $seen) (local.get $stack)) (i32.const 1)))
      (then
        (if (i32.eqz (i64.eq (i64.and (i64.and (i64.load offset=32 (local.get $prog)) (i64.load offset=40 (local.get $prog)))
                                      (i64.and (i64.load offset=48 (local.get $prog)) (i64.load offset=56 (local.get $prog))))
                             (i64.const -1)))
          (then (local.set $flags (i32.const 1))))))
    (if (i32.eqz (call $rx_reach (local.get $pc) (i32.const 1) (i32.const 0) (local.get $seen) (local.get $stack)))
      (then (local.set $flags (i32.or (local.get $flags) (i32.const 2)))))
    (if (local.get $uses_ctx) (then (local.set $flags (i32.or (local.get $flags) (i32.const 4)))))
    (i32.store offset=16 (local.get $prog) (local.get $flags))
    (global.set $scratch_top (local.get $mark))
    (return (local.get $prog)))
  (global.set $scratch_top (local.get $mark))
  (i32.const 0))

;; $rx_reset: the compile state for a new pattern $pattern.
(func $rx_reset (param $pattern i64)
  (global.set $rx_error (i32.const 0))
  (global.set $rx_error_at (i32.const 0))
  (global.set $rx_pp (i32.wrap_i64 (i64.shr_u (local.get $pattern) (i64.const 32))))
  (global.set $rx_pn (i32.wrap_i64 (local.get $pattern)))
  (global.set $rx_pos (i32.const 0))
  (global.set $rx_flags (i32.const 0))
  (global.set $rx_ngroups (i32.const 0))
  (global.set $rx_depth (i32.const 0))
  (global.set $rx_ninst (i32.const 0))
  (global.set $rx_ncons (i32.const 0))
  (global.set $rx_narms (i32.const 0))
  (global.set $rx_rtop (i32.const 0))
  (global.set $rx_rcap (i32.const 64))
  (global.set $rx_acap (i32.const 1024)))

;; $rx_closure_space: the closure builder's buffers for the program built;
;; 1 when scratch is full.
(func $rx_closure_space (result i32)
  (global.set $rx_cvis (call $rx_mem (i32.shl (global.get $rx_ninst) (i32.const 2))))
  (global.set $rx_cstack (call $rx_mem (i32.shl (i32.add (global.get $rx_ninst) (i32.const 1)) (i32.const 4))))
  (global.set $rx_csaves (call $rx_mem (i32.shl (i32.add (global.get $rx_ninst) (i32.const 1)) (i32.const 2))))
  (global.set $rx_cslots (call $rx_mem (i32.shl (i32.add (global.get $rx_ngroups) (i32.const 1)) (i32.const 3))))
  (global.set $rx_cbuf (call $rx_mem (i32.const 4096)))
  (if (global.get $rx_error) (then (return (i32.const 1))))
  (memory.fill (global.get $rx_cvis) (i32.const 0) (i32.shl (global.get $rx_ninst) (i32.const 2)))
  (memory.fill (global.get $rx_cslots) (i32.const 0) (i32.shl (i32.add (global.get $rx_ngroups) (i32.const 1)) (i32.const 3)))
  (global.set $rx_cslot_stamp (i32.const 0))
  (global.set $rx_cstamp (i32.const 0))
  (global.set $rx_cn (i32.const 0))
  (global.set $rx_ccap (i32.const 1024))
  (global.set $rx_centries (i32.const 0))
  (global.set $rx_cwork (global.get $RX_CLOSURE_WORK))
  (i32.const 0))

;; $rx_free: give back a program from $rx_compile (0 is ignored).
(func $rx_free (param $prog i32)
  (call $pfree (local.get $prog)))

;; $rx_groups: the number of capture groups of a program (0 for 0).
(func $rx_groups (param $prog i32) (result i32)
  (if (result i32) (local.get $prog)
    (then (i32.load offset=8 (local.get $prog)))
    (else (i32.const 0))))

;; ===== the Pike VM ========================================================
;; A thread is a pc (a CONS or the MATCH) and its capture slots; a list
;; holds each pc at most once per position (a stamp per pc marks the pcs
;; listed for the current position), in priority order.  A step runs every
;; thread of the current list on one byte: a CONS whose arm holds the byte
;; adds the entries of its arm's next pc (the closure compiled for that
;; follow point, where the context is the next position's) to the next
;; list, copying the thread's slots; the MATCH records its slots and cuts
;; the threads after it.  So a step costs at most a constant per closure
;; entry plus one copy of the slots per CONS: no backtracking, whatever the
;; input.  Only the slots a call needs are tracked: none for matches, 2 for
;; find, 2(g+1) for a template using group g; other slots are passed over.
;;
;; A workspace ($rx_workspace) holds, from its address: the last stamp
;; used, the slot count, pointers to its two thread lists (offsets 8, 12),
;; to the match's slots (24) and to the marks (28); then the marks (one i32
;; per target), the lists (per thread: its target and its slots; room for
;; every target) and the match's slots.

;; $rx_vm_marks: the running search's marks, one stamp per instruction.
(global $rx_vm_marks (mut i32) (i32.const 0))

;; $rx_vm_stamp: the stamp of the list being built.
(global $rx_vm_stamp (mut i32) (i32.const 0))

;; $rx_vm_ncap: the capture slots the running search tracks.
(global $rx_vm_ncap (mut i32) (i32.const 0))

;; $rx_vm_clos: the closure words of the running search's program.
(global $rx_vm_clos (mut i32) (i32.const 0))

;; $rx_vm_esz: the bytes of one thread: its pc, then its slots.
(global $rx_vm_esz (mut i32) (i32.const 0))

;; $rx_vm_p: the address of the running search's input.
(global $rx_vm_p (mut i32) (i32.const 0))

;; $rx_vm_len: the length of the running search's input.
(global $rx_vm_len (mut i32) (i32.const 0))

;; $rx_workspace: a workspace for searches of $prog tracking $ncap slots
;; (scratch memory; 0 when scratch is full, $rt_error set).  One workspace
;; serves any number of searches of the same program and $ncap.
(func $rx_workspace (param $prog i32) (param $ncap i32) (result i32)
  (local $ninst i32) (local $list i32) (local $ws i32) (local $at i32)
  (local.set $ninst (i32.add (i32.load offset=20 (local.get $prog)) (i32.const 1)))
  (local.set $list (i32.and (i32.add (i32.mul (i32.add (i32.load offset=20 (local.get $prog)) (i32.const 1))
    (i32.shl (i32.add (local.get $ncap) (i32.const 1)) (i32.const 2))) (i32.const 7)) (i32.const -8)))
  (local.set $ws (call $alloc (i32.add (i32.add (i32.const 40) (i32.shl (local.get $ninst) (i32.const 2)))
    (i32.add (i32.shl (local.get $list) (i32.const 1)) (i32.shl (local.get $ncap) (i32.const 2))))))
  (if (i32.eqz (local.get $ws)) (then (return (i32.const 0))))
  (i32.store offset=0 (local.get $ws) (i32.const 0))
  (i32.store offset=4 (local.get $ws) (local.get $ncap))
  (local.set $at (i32.add (local.get $ws) (i32.const 32)))
  (i32.store offset=28 (local.get $ws) (local.get $at))
  (memory.fill (local.get $at) (i32.const 0) (i32.shl (local.get $ninst) (i32.const 2)))
  (local.set $at (i32.and (i32.add (i32.add (local.get $at) (i32.shl (local.get $ninst) (i32.const 2))) (i32.const 7)) (i32.const -8)))
  (i32.store offset=8 (local.get $ws) (local.get $at))
  (local.set $at (i32.add (local.get $at) (local.get $list)))
  (i32.store offset=12 (local.get $ws) (local.get $at))
  (i32.store offset=24 (local.get $ws) (i32.add (local.get $at) (local.get $list)))
  (local.get $ws))

;; $rx_word_at: whether the input byte at $i is a word byte (false outside).
(func $rx_word_at (param $i i32) (result i32)
  (if (i32.ge_u (local.get $i) (global.get $rx_vm_len)) (then (return (i32.const 0))))
  (call $rx_is_word (i32.load8_u (i32.add (global.get $rx_vm_p) (local.get $i)))))

;; $rx_ctx_bit: whether context bit $bit holds at input offset $q (1 the
;; start, 2 the end, 4 after a newline or at the start, 8 before a newline
;; or at the end, 16 a word boundary).
(func $rx_ctx_bit (param $bit i32) (param $q i32) (result i32)
  (if (i32.eq (local.get $bit) (i32.const 16))
    (then (return (i32.ne (call $rx_word_at (i32.sub (local.get $q) (i32.const 1))) (call $rx_word_at (local.get $q))))))
  (if (i32.and (local.get $bit) (i32.const 5))
    (then
      (if (i32.eqz (local.get $q)) (then (return (i32.const 1))))
      (if (i32.eq (local.get $bit) (i32.const 1)) (then (return (i32.const 0))))
      (return (i32.eq (i32.load8_u (i32.sub (i32.add (global.get $rx_vm_p) (local.get $q)) (i32.const 1))) (i32.const 10)))))
  (if (i32.ge_u (local.get $q) (global.get $rx_vm_len)) (then (return (i32.const 1))))
  (if (i32.eq (local.get $bit) (i32.const 2)) (then (return (i32.const 0))))
  (i32.eq (i32.load8_u (i32.add (global.get $rx_vm_p) (local.get $q))) (i32.const 10)))

;; $rx_follow: add to the list at $list (holding $count threads) the
;; entries of the decision at address $d for the context at $pos, each
;; target once per list, with the slots at $src (0: none set) and the
;; entry's slots set to $pos; the new count.  Without slots, -1 as soon as
;; the MATCH is reached: any match will do.
(func $rx_follow (param $list i32) (param $count i32) (param $d i32) (param $src i32) (param $pos i32) (result i32)
  (local $w i32) (local $n i32) (local $t i32) (local $k i32) (local $m i32) (local $dst i32) (local $ncap i32)
  (local $slot i32)
  (local.set $ncap (global.get $rx_vm_ncap))
  (loop $branch
    (local.set $w (i32.load (local.get $d)))
    (if (i32.lt_s (local.get $w) (i32.const 0))
      (then
        (local.set $d (i32.add (global.get $rx_vm_clos) (i32.shl
          (select (i32.load offset=4 (local.get $d)) (i32.load offset=8 (local.get $d))
            (call $rx_ctx_bit (i32.sub (i32.const 0) (local.get $w)) (local.get $pos)))
          (i32.const 2))))
        (br $branch))))
  (local.set $n (local.get $w))
  (local.set $d (i32.add (local.get $d) (i32.const 4)))
  (block $done
    (loop $entry
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (local.set $t (i32.and (i32.load (local.get $d)) (i32.const 0xFFFF)))
      (local.set $k (i32.shr_u (i32.load (local.get $d)) (i32.const 16)))
      (local.set $m (i32.add (global.get $rx_vm_marks) (i32.shl (local.get $t) (i32.const 2))))
      (if (i32.eq (i32.load (local.get $m)) (global.get $rx_vm_stamp))
        (then
          ;; already in the list, from a thread of higher priority
          (local.set $d (i32.add (local.get $d) (i32.shl (i32.add (local.get $k) (i32.const 1)) (i32.const 2))))
          (br $entry)))
      (i32.store (local.get $m) (global.get $rx_vm_stamp))
      (if (i32.eqz (local.get $ncap))
        (then
          (if (i32.eqz (local.get $t)) (then (return (i32.const -1))))
          (i32.store (i32.add (local.get $list) (i32.shl (local.get $count) (i32.const 2))) (local.get $t))
          (local.set $count (i32.add (local.get $count) (i32.const 1)))
          (local.set $d (i32.add (local.get $d) (i32.shl (i32.add (local.get $k) (i32.const 1)) (i32.const 2))))
          (br $entry)))
      (local.set $dst (i32.add (local.get $list) (i32.mul (local.get $count) (global.get $rx_vm_esz))))
      (i32.store (local.get $dst) (local.get $t))
      (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
      (if (i32.eq (local.get $ncap) (i32.const 2))
        (then
          (if (local.get $src)
            (then (i64.store (local.get $dst) (i64.load (local.get $src))))
            (else (i64.store (local.get $dst) (i64.const -1)))))
        (else
          (if (local.get $src)
            (then (memory.copy (local.get $dst) (local.get $src) (i32.shl (local.get $ncap) (i32.const 2))))
            (else (memory.fill (local.get $dst) (i32.const 0xFF) (i32.shl (local.get $ncap) (i32.const 2)))))))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      ;; the slots saved on the entry's path
      (local.set $d (i32.add (local.get $d) (i32.const 4)))
      (block $slots_done
        (loop $slots
          (br_if $slots_done (i32.eqz (local.get $k)))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (local.set $slot (i32.load (local.get $d)))
          (local.set $d (i32.add (local.get $d) (i32.const 4)))
          (if (i32.lt_u (local.get $slot) (local.get $ncap))
            (then (i32.store (i32.add (local.get $dst) (i32.shl (local.get $slot) (i32.const 2))) (local.get $pos))))
          (br $slots)))
      (br $entry)))
  (local.get $count))

;; $rx_skip: the first offset from $pos whose byte is in the 256-bit map at
;; $map, or $len.
(func $rx_skip (param $map i32) (param $p i32) (param $len i32) (param $pos i32) (result i32)
  (local $c i32)
  (block $found
    (loop $scan
      (br_if $found (i32.ge_u (local.get $pos) (local.get $len)))
      (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $pos))))
      (br_if $found (i32.and (i32.shr_u (i32.load8_u (i32.add (local.get $map) (i32.shr_u (local.get $c) (i32.const 3))))
        (i32.and (local.get $c) (i32.const 7))) (i32.const 1)))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
      (br $scan)))
  (local.get $pos))

;; $rx_search: search $prog in the $len bytes at $p from offset $pos (the
;; text before $pos is context for ^ and \b, as RE2's Match with a start
;; position); 1 when it matches, the match's slots then at the workspace's
;; match slots.  Leftmost-first, as RE2.  With 0 slots it stops at the
;; first match it meets.
(func $rx_search (param $prog i32) (param $ws i32) (param $p i32) (param $len i32) (param $pos i32) (result i32)
  (local $ncap i32) (local $esz i32) (local $flags i32) (local $start i32) (local $map i32) (local $classes i32)
  (local $rows i32) (local $ncls i32) (local $cls i32) (local $marks i32)
  (local $cl i32) (local $nl i32) (local $tmp i32) (local $ccount i32) (local $ncount i32)
  (local $stamp i32) (local $nstamp i32) (local $matched i32) (local $c i32) (local $i i32)
  (local $e i32) (local $t i32) (local $f i32) (local $m i32) (local $clos i32)
  (local.set $ncap (i32.load offset=4 (local.get $ws)))
  (local.set $esz (i32.shl (i32.add (local.get $ncap) (i32.const 1)) (i32.const 2)))
  (local.set $flags (i32.load offset=16 (local.get $prog)))
  (local.set $map (i32.add (local.get $prog) (i32.const 32)))
  (local.set $classes (i32.add (local.get $prog) (i32.const 64)))
  (local.set $ncls (i32.load offset=12 (local.get $prog)))
  (local.set $rows (i32.add (local.get $prog) (i32.load offset=24 (local.get $prog))))
  (local.set $clos (i32.add (local.get $prog) (i32.load offset=28 (local.get $prog))))
  (local.set $start (i32.add (local.get $clos) (i32.shl (i32.load offset=4 (local.get $prog)) (i32.const 2))))
  (local.set $marks (i32.load offset=28 (local.get $ws)))
  (global.set $rx_vm_marks (local.get $marks))
  (global.set $rx_vm_ncap (local.get $ncap))
  (global.set $rx_vm_esz (local.get $esz))
  (global.set $rx_vm_clos (local.get $clos))
  (global.set $rx_vm_p (local.get $p))
  (global.set $rx_vm_len (local.get $len))
  (local.set $cl (i32.load offset=8 (local.get $ws)))
  (local.set $nl (i32.load offset=12 (local.get $ws)))
  (local.set $stamp (i32.add (i32.load (local.get $ws)) (i32.const 1)))
  (block $done
    (loop $step
      (if (i32.eqz (i32.or (local.get $ccount) (local.get $matched)))
        (then
          (br_if $done (i32.and (i32.shr_u (local.get $flags) (i32.const 1)) (i32.ne (local.get $pos) (i32.const 0))))
          (if (i32.and (local.get $flags) (i32.const 1))
            (then
              (local.set $pos (call $rx_skip (local.get $map) (local.get $p) (local.get $len) (local.get $pos)))
              (br_if $done (i32.ge_u (local.get $pos) (local.get $len)))))))
      (local.set $c (i32.const 256))
      (local.set $cls (i32.sub (local.get $ncls) (i32.const 1)))
      (if (i32.lt_u (local.get $pos) (local.get $len))
        (then
          (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $pos))))
          (local.set $cls (i32.load8_u (i32.add (local.get $classes) (local.get $c))))))
      ;; a new thread at $pos, after those already running (lower priority);
      ;; none where none could start: past 0 when anchored, on a byte that
      ;; cannot start a match when the match needs one
      (if (i32.eqz (i32.or (local.get $matched) (i32.and (i32.shr_u (local.get $flags) (i32.const 1))
                                                          (i32.ne (local.get $pos) (i32.const 0)))))
        (then
          (if (i32.or (i32.eqz (i32.and (local.get $flags) (i32.const 1)))
                (i32.and (i32.lt_u (local.get $c) (i32.const 256))
                  (i32.and (i32.shr_u (i32.load8_u (i32.add (local.get $map) (i32.shr_u (local.get $c) (i32.const 3))))
                    (i32.and (local.get $c) (i32.const 7))) (i32.const 1))))
            (then
              (global.set $rx_vm_stamp (local.get $stamp))
              (local.set $ccount (call $rx_follow (local.get $cl) (local.get $ccount) (local.get $start) (i32.const 0)
                (local.get $pos)))
              (if (i32.lt_s (local.get $ccount) (i32.const 0))
                (then
                  (i32.store (local.get $ws) (i32.add (local.get $stamp) (i32.const 1)))
                  (return (i32.const 1))))))))
      (br_if $done (i32.and (i32.eqz (local.get $ccount))
        (i32.or (local.get $matched) (i32.ge_u (local.get $pos) (local.get $len)))))
      ;; run the threads on byte $c: one table load says what follows
      (local.set $nstamp (i32.add (local.get $stamp) (i32.const 1)))
      (global.set $rx_vm_stamp (local.get $nstamp))
      (local.set $ncount (i32.const 0))
      (local.set $i (local.get $ccount))
      (local.set $e (local.get $cl))
      (block $cut
        (loop $threads
          (br_if $cut (i32.eqz (local.get $i)))
          (local.set $i (i32.sub (local.get $i) (i32.const 1)))
          (local.set $t (i32.load (local.get $e)))
          (if (i32.eqz (local.get $t))
            (then
              ;; the MATCH: the best match so far; lower-priority threads are cut
              (local.set $matched (i32.const 1))
              (memory.copy (i32.load offset=24 (local.get $ws)) (i32.add (local.get $e) (i32.const 4))
                (i32.shl (local.get $ncap) (i32.const 2)))
              (br $cut)))
          (local.set $f (i32.load (i32.add (local.get $rows) (i32.shl (i32.add (i32.mul (local.get $t) (local.get $ncls))
            (local.get $cls)) (i32.const 2)))))
          (block $next
            (br_if $next (i32.eq (local.get $f) (global.get $RX_NONE)))
            (if (i32.lt_s (local.get $f) (i32.const 0))
              (then
                ;; one target, no slot: add it here
                (local.set $f (i32.sub (i32.const -1) (local.get $f)))
                (local.set $m (i32.add (local.get $marks) (i32.shl (local.get $f) (i32.const 2))))
                (br_if $next (i32.eq (i32.load (local.get $m)) (local.get $nstamp)))
                (i32.store (local.get $m) (local.get $nstamp))
                (local.set $m (i32.add (local.get $nl) (i32.mul (local.get $ncount) (local.get $esz))))
                (i32.store (local.get $m) (local.get $f))
                (if (i32.eq (local.get $ncap) (i32.const 2))
                  (then (i64.store offset=4 (local.get $m) (i64.load offset=4 (local.get $e))))
                  (else
                    (if (local.get $ncap)
                      (then (memory.copy (i32.add (local.get $m) (i32.const 4)) (i32.add (local.get $e) (i32.const 4))
                        (i32.shl (local.get $ncap) (i32.const 2)))))))
                (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                (br $next)))
            (local.set $ncount (call $rx_follow (local.get $nl) (local.get $ncount)
              (i32.add (local.get $clos) (i32.shl (local.get $f) (i32.const 2)))
              (i32.add (local.get $e) (i32.const 4)) (i32.add (local.get $pos) (i32.const 1))))
            (if (i32.lt_s (local.get $ncount) (i32.const 0))
              (then
                (i32.store (local.get $ws) (i32.add (local.get $nstamp) (i32.const 1)))
                (return (i32.const 1)))))
          (local.set $e (i32.add (local.get $e) (local.get $esz)))
          (br $threads)))
      (local.set $tmp (local.get $cl))
      (local.set $cl (local.get $nl))
      (local.set $nl (local.get $tmp))
      (local.set $ccount (local.get $ncount))
      (local.set $stamp (local.get $nstamp))
      (br_if $done (i32.ge_u (local.get $pos) (local.get $len)))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
      (br $step)))
  (i32.store (local.get $ws) (i32.add (local.get $stamp) (i32.const 1)))
  (local.get $matched))

;; $rx_slice: the bytes [$a, $b) of the input at $p as a string ("" when empty).
(func $rx_slice (param $p i32) (param $a i32) (param $b i32) (result i64)
  (if (i32.eq (local.get $a) (local.get $b)) (then (return (i64.const 0))))
  (i64.or (i64.shl (i64.extend_i32_u (i32.add (local.get $p) (local.get $a))) (i64.const 32))
          (i64.extend_i32_u (i32.sub (local.get $b) (local.get $a)))))

;; $rx_runelen: the bytes GlobalReplace steps over after an empty match at
;; $p ($n bytes left): one valid UTF-8 sequence (surrogates allowed, as
;; RE2's chartorune), else one byte.
(func $rx_runelen (param $p i32) (param $n i32) (result i32)
  (local $c i32) (local $need i32) (local $lo i32) (local $hi i32) (local $k i32) (local $b i32)
  (if (i32.le_s (local.get $n) (i32.const 0)) (then (return (i32.const 1))))
  (local.set $c (i32.load8_u (local.get $p)))
  (if (i32.lt_u (local.get $c) (i32.const 0xC2)) (then (return (i32.const 1))))
  (if (i32.ge_u (local.get $c) (i32.const 0xF5)) (then (return (i32.const 1))))
  (local.set $lo (i32.const 0x80))
  (local.set $hi (i32.const 0xBF))
  (local.set $need (i32.const 2))
  (if (i32.ge_u (local.get $c) (i32.const 0xE0))
    (then
      (local.set $need (i32.const 3))
      (if (i32.eq (local.get $c) (i32.const 0xE0)) (then (local.set $lo (i32.const 0xA0))))))
  (if (i32.ge_u (local.get $c) (i32.const 0xF0))
    (then
      (local.set $need (i32.const 4))
      (if (i32.eq (local.get $c) (i32.const 0xF0)) (then (local.set $lo (i32.const 0x90))))
      (if (i32.eq (local.get $c) (i32.const 0xF4)) (then (local.set $hi (i32.const 0x8F))))))
  (if (i32.lt_s (local.get $n) (local.get $need)) (then (return (i32.const 1))))
  (local.set $k (i32.const 1))
  (loop $cont
    (local.set $b (i32.load8_u (i32.add (local.get $p) (local.get $k))))
    (if (i32.or (i32.lt_u (local.get $b) (local.get $lo)) (i32.gt_u (local.get $b) (local.get $hi)))
      (then (return (i32.const 1))))
    (local.set $lo (i32.const 0x80))
    (local.set $hi (i32.const 0xBF))
    (local.set $k (i32.add (local.get $k) (i32.const 1)))
    (br_if $cont (i32.lt_u (local.get $k) (local.get $need))))
  (local.get $need))

;; ===== the functions the language calls ===================================

;; $rx_matches: whether $prog matches anywhere in $s (RE2's partial match);
;; 0 for program 0, and when scratch is full ($rt_error set).
(func $rx_matches (param $prog i32) (param $s i64) (result i32)
  (local $ws i32)
  (if (i32.eqz (local.get $prog)) (then (return (i32.const 0))))
  (local.set $ws (call $rx_workspace (local.get $prog) (i32.const 0)))
  (if (i32.eqz (local.get $ws)) (then (return (i32.const 0))))
  (call $rx_search (local.get $prog) (local.get $ws) (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 32)))
    (i32.wrap_i64 (local.get $s)) (i32.const 0)))

;; $rx_group_of_first: group $g of the first match of $prog in $s, a slice
;; of $s; "" when none matches, the group took no part, or memory is short.
(func $rx_group_of_first (param $prog i32) (param $s i64) (param $g i32) (result i64)
  (local $ws i32) (local $p i32) (local $caps i32)
  (if (i32.eqz (local.get $prog)) (then (return (i64.const 0))))
  (local.set $ws (call $rx_workspace (local.get $prog) (i32.shl (i32.add (local.get $g) (i32.const 1)) (i32.const 1))))
  (if (i32.eqz (local.get $ws)) (then (return (i64.const 0))))
  (local.set $p (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 32))))
  (if (i32.eqz (call $rx_search (local.get $prog) (local.get $ws) (local.get $p) (i32.wrap_i64 (local.get $s)) (i32.const 0)))
    (then (return (i64.const 0))))
  (local.set $caps (i32.add (i32.load offset=24 (local.get $ws)) (i32.shl (local.get $g) (i32.const 3))))
  (if (i32.lt_s (i32.load (local.get $caps)) (i32.const 0)) (then (return (i64.const 0))))
  (call $rx_slice (local.get $p) (i32.load (local.get $caps)) (i32.load offset=4 (local.get $caps))))

;; $rx_find: the first match of $prog in $s (leftmost-first), "" if none.
(func $rx_find (param $prog i32) (param $s i64) (result i64)
  (call $rx_group_of_first (local.get $prog) (local.get $s) (i32.const 0)))

;; $rx_extract: group 1 of the first match (the whole match when the
;; pattern has no group, as regex.extract of a literal), "" if none.
(func $rx_extract (param $prog i32) (param $s i64) (result i64)
  (call $rx_group_of_first (local.get $prog) (local.get $s) (i32.ne (call $rx_groups (local.get $prog)) (i32.const 0))))

;; $rx_next: the next match as GlobalReplace and FindAll walk a text: from
;; *$state (offset 0: where to search, 4: where the last match ended, -1 at
;; first), stepping over one character after an empty match right behind
;; the previous one.  1 with the match's slots in the workspace, 0 at the end.
(func $rx_next (param $prog i32) (param $ws i32) (param $p i32) (param $len i32) (param $state i32) (result i32)
  (local $q i32) (local $m0 i32) (local $m1 i32)
  (local.set $q (i32.load (local.get $state)))
  (loop $again
    (if (i32.gt_u (local.get $q) (local.get $len)) (then (return (i32.const 0))))
    (if (i32.eqz (call $rx_search (local.get $prog) (local.get $ws) (local.get $p) (local.get $len) (local.get $q)))
      (then (return (i32.const 0))))
    (local.set $m0 (i32.load (i32.load offset=24 (local.get $ws))))
    (local.set $m1 (i32.load offset=4 (i32.load offset=24 (local.get $ws))))
    (if (i32.and (i32.eq (local.get $m0) (local.get $m1)) (i32.eq (local.get $m0) (i32.load offset=4 (local.get $state))))
      (then
        (local.set $q (i32.add (local.get $q) (call $rx_runelen (i32.add (local.get $p) (local.get $q))
          (i32.sub (local.get $len) (local.get $q)))))
        (br $again))))
  (i32.store (local.get $state) (local.get $m1))
  (i32.store offset=4 (local.get $state) (local.get $m1))
  (i32.const 1))

;; $rx_find_all: the list of every match of $prog in $s, left to right, as
;; RE2's FindAll: an empty match right after a match is skipped.  The empty
;; list (0) when none matches or memory is short ($rt_error set).
(func $rx_find_all (param $prog i32) (param $s i64) (result i32)
  (local $ws i32) (local $p i32) (local $len i32) (local $state i32) (local $buf i32) (local $n i32) (local $cap i32)
  (local $new i32) (local $list i32) (local $caps i32)
  (if (i32.eqz (local.get $prog)) (then (return (i32.const 0))))
  (local.set $p (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 32))))
  (local.set $len (i32.wrap_i64 (local.get $s)))
  (local.set $ws (call $rx_workspace (local.get $prog) (i32.const 2)))
  (local.set $state (call $alloc (i32.const 8)))
  (local.set $cap (i32.const 16))
  (local.set $buf (call $alloc (i32.const 128)))
  (if (i32.or (i32.eqz (local.get $ws)) (i32.or (i32.eqz (local.get $state)) (i32.eqz (local.get $buf))))
    (then (return (i32.const 0))))
  (i64.store (local.get $state) (i64.const 0xFFFFFFFF00000000))
  (local.set $caps (i32.load offset=24 (local.get $ws)))
  (block $end
    (loop $each
      (br_if $end (i32.eqz (call $rx_next (local.get $prog) (local.get $ws) (local.get $p) (local.get $len) (local.get $state))))
      (if (i32.eq (local.get $n) (local.get $cap))
        (then
          (local.set $new (call $alloc (i32.shl (local.get $cap) (i32.const 4))))
          (if (i32.eqz (local.get $new)) (then (return (i32.const 0))))
          (memory.copy (local.get $new) (local.get $buf) (i32.shl (local.get $cap) (i32.const 3)))
          (local.set $buf (local.get $new))
          (local.set $cap (i32.shl (local.get $cap) (i32.const 1)))))
      (i64.store (i32.add (local.get $buf) (i32.shl (local.get $n) (i32.const 3)))
        (call $rx_slice (local.get $p) (i32.load (local.get $caps)) (i32.load offset=4 (local.get $caps))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $each)))
  (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
  (local.set $list (call $alloc (i32.add (i32.const 8) (i32.shl (local.get $n) (i32.const 3)))))
  (if (i32.eqz (local.get $list)) (then (return (i32.const 0))))
  (i32.store (local.get $list) (local.get $n))
  (i32.store offset=4 (local.get $list) (i32.const 0))
  (memory.copy (i32.add (local.get $list) (i32.const 8)) (local.get $buf) (i32.shl (local.get $n) (i32.const 3)))
  (local.get $list))

;; $rx_template_max_group: the highest group a rewrite template refers to
;; (`$0`..`$9`, `\0`..`\9`; `$$` and `\\` are literal), 0 when it refers
;; to none, -1 when a `$` or `\` is followed by anything else.
(func $rx_template_max_group (param $t i64) (result i32)
  (local $p i32) (local $n i32) (local $i i32) (local $c i32) (local $d i32) (local $max i32)
  (local.set $p (i32.wrap_i64 (i64.shr_u (local.get $t) (i64.const 32))))
  (local.set $n (i32.wrap_i64 (local.get $t)))
  (block $done
    (loop $each
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $each (i32.and (i32.ne (local.get $c) (i32.const 0x24)) (i32.ne (local.get $c) (i32.const 0x5C))))
      (if (i32.ge_u (local.get $i) (local.get $n)) (then (return (i32.const -1))))
      (local.set $d (i32.load8_u (i32.add (local.get $p) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $each (i32.eq (local.get $d) (local.get $c)))
      (local.set $d (i32.sub (local.get $d) (i32.const 0x30)))
      (if (i32.gt_u (local.get $d) (i32.const 9)) (then (return (i32.const -1))))
      (if (i32.gt_u (local.get $d) (local.get $max)) (then (local.set $max (local.get $d))))
      (br $each)))
  (local.get $max))

;; $rx_expand: write template $t for one match (slots at $caps, $ncap of
;; them, offsets into $p) at $dst, or only measure it when $dst is 0; the
;; bytes it takes.  Groups without a slot, or that took no part, are "";
;; a stray `$` or `\` is copied (templates are checked before they get here).
(func $rx_expand (param $t i64) (param $p i32) (param $caps i32) (param $ncap i32) (param $dst i32) (result i32)
  (local $tp i32) (local $tn i32) (local $i i32) (local $c i32) (local $d i32) (local $out i32) (local $a i32) (local $b i32)
  (local.set $tp (i32.wrap_i64 (i64.shr_u (local.get $t) (i64.const 32))))
  (local.set $tn (i32.wrap_i64 (local.get $t)))
  (block $done
    (loop $each
      (br_if $done (i32.ge_u (local.get $i) (local.get $tn)))
      (local.set $c (i32.load8_u (i32.add (local.get $tp) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (if (i32.and (i32.or (i32.eq (local.get $c) (i32.const 0x24)) (i32.eq (local.get $c) (i32.const 0x5C)))
                   (i32.lt_u (local.get $i) (local.get $tn)))
        (then
          (local.set $d (i32.load8_u (i32.add (local.get $tp) (local.get $i))))
          (if (i32.eq (local.get $d) (local.get $c))
            (then (local.set $i (i32.add (local.get $i) (i32.const 1))))
            (else
              (local.set $d (i32.sub (local.get $d) (i32.const 0x30)))
              (if (i32.le_u (local.get $d) (i32.const 9))
                (then
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (if (i32.lt_u (i32.shl (local.get $d) (i32.const 1)) (local.get $ncap))
                    (then
                      (local.set $a (i32.load (i32.add (local.get $caps) (i32.shl (local.get $d) (i32.const 3)))))
                      (local.set $b (i32.load offset=4 (i32.add (local.get $caps) (i32.shl (local.get $d) (i32.const 3)))))
                      (if (i32.ge_s (local.get $a) (i32.const 0))
                        (then
                          (if (local.get $dst)
                            (then (memory.copy (i32.add (local.get $dst) (local.get $out)) (i32.add (local.get $p) (local.get $a))
                              (i32.sub (local.get $b) (local.get $a)))))
                          (local.set $out (i32.add (local.get $out) (i32.sub (local.get $b) (local.get $a))))))))
                  (br $each)))))))
      (if (local.get $dst) (then (i32.store8 (i32.add (local.get $dst) (local.get $out)) (local.get $c))))
      (local.set $out (i32.add (local.get $out) (i32.const 1)))
      (br $each)))
  (local.get $out))

;; $rx_replace: RE2::GlobalReplace of $prog in $s by template $t (pwc
;; syntax: $0..$9 \0..\9 $$ \\).  One search over $s records each match's
;; slots (a scratch buffer that doubles), then the output is allocated once
;; and assembled.  No match: $s itself.  Out of memory: $s, $rt_error set.
(func $rx_replace (param $prog i32) (param $s i64) (param $t i64) (result i64)
  (local $g i32) (local $ncap i32) (local $rsize i32) (local $ws i32) (local $p i32) (local $len i32) (local $state i32)
  (local $buf i32) (local $cap i32) (local $n i32) (local $new i32) (local $caps i32) (local $total i64)
  (local $out i32) (local $dst i32) (local $q i32) (local $r i32) (local $k i32)
  (if (i32.eqz (local.get $prog)) (then (return (local.get $s))))
  (local.set $g (call $rx_template_max_group (local.get $t)))
  (if (i32.lt_s (local.get $g) (i32.const 0)) (then (local.set $g (i32.const 9))))
  (if (i32.gt_s (local.get $g) (call $rx_groups (local.get $prog))) (then (local.set $g (call $rx_groups (local.get $prog)))))
  (local.set $ncap (i32.shl (i32.add (local.get $g) (i32.const 1)) (i32.const 1)))
  (local.set $rsize (i32.shl (local.get $ncap) (i32.const 2)))
  (local.set $p (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 32))))
  (local.set $len (i32.wrap_i64 (local.get $s)))
  (local.set $ws (call $rx_workspace (local.get $prog) (local.get $ncap)))
  (local.set $state (call $alloc (i32.const 8)))
  (local.set $cap (i32.const 8))
  (local.set $buf (call $alloc (i32.mul (local.get $cap) (local.get $rsize))))
  (if (i32.or (i32.eqz (local.get $ws)) (i32.or (i32.eqz (local.get $state)) (i32.eqz (local.get $buf))))
    (then (return (local.get $s))))
  (i64.store (local.get $state) (i64.const 0xFFFFFFFF00000000))
  (local.set $caps (i32.load offset=24 (local.get $ws)))
  (local.set $total (i64.extend_i32_u (local.get $len)))
  (block $end
    (loop $each
      (br_if $end (i32.eqz (call $rx_next (local.get $prog) (local.get $ws) (local.get $p) (local.get $len) (local.get $state))))
      (if (i32.eq (local.get $n) (local.get $cap))
        (then
          (local.set $new (call $alloc (i32.mul (i32.shl (local.get $cap) (i32.const 1)) (local.get $rsize))))
          (if (i32.eqz (local.get $new)) (then (return (local.get $s))))
          (memory.copy (local.get $new) (local.get $buf) (i32.mul (local.get $cap) (local.get $rsize)))
          (local.set $buf (local.get $new))
          (local.set $cap (i32.shl (local.get $cap) (i32.const 1)))))
      (memory.copy (i32.add (local.get $buf) (i32.mul (local.get $n) (local.get $rsize))) (local.get $caps) (local.get $rsize))
      (local.set $total (i64.add (local.get $total)
        (i64.sub (i64.extend_i32_u (call $rx_expand (local.get $t) (local.get $p) (local.get $caps) (local.get $ncap) (i32.const 0)))
                 (i64.extend_i32_u (i32.sub (i32.load offset=4 (local.get $caps)) (i32.load (local.get $caps)))))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $each)))
  (if (i32.eqz (local.get $n)) (then (return (local.get $s))))
  (if (i64.eqz (local.get $total)) (then (return (i64.const 0))))
  (if (i64.gt_u (local.get $total) (i64.const 0x7FFFFFFF))
    (then
      (global.set $rt_error (global.get $E_OUT_OF_MEMORY))
      (return (local.get $s))))
  (local.set $out (call $alloc (i32.wrap_i64 (local.get $total))))
  (if (i32.eqz (local.get $out)) (then (return (local.get $s))))
  (local.set $dst (local.get $out))
  (local.set $r (local.get $buf))
  (loop $emit
    (local.set $k (i32.sub (i32.load (local.get $r)) (local.get $q)))
    (memory.copy (local.get $dst) (i32.add (local.get $p) (local.get $q)) (local.get $k))
    (local.set $dst (i32.add (local.get $dst) (local.get $k)))
    (local.set $dst (i32.add (local.get $dst)
      (call $rx_expand (local.get $t) (local.get $p) (local.get $r) (local.get $ncap) (local.get $dst))))
    (local.set $q (i32.load offset=4 (local.get $r)))
    (local.set $r (i32.add (local.get $r) (local.get $rsize)))
    (local.set $n (i32.sub (local.get $n) (i32.const 1)))
    (br_if $emit (local.get $n)))
  (memory.copy (local.get $dst) (i32.add (local.get $p) (local.get $q)) (i32.sub (local.get $len) (local.get $q)))
  (i64.or (i64.shl (i64.extend_i32_u (local.get $out)) (i64.const 32)) (local.get $total)))

;; ---- BEGIN GENERATED by pwc/compiler/regex/rx_tables.py (do not edit) ----

;; $RX_E_NONE: $rx_error code 0.
(global $RX_E_NONE i32 (i32.const 0))

;; $RX_E_OUT_OF_MEMORY: $rx_error code 1.
(global $RX_E_OUT_OF_MEMORY i32 (i32.const 1))

;; $RX_E_BAD_UTF8: $rx_error code 2.
(global $RX_E_BAD_UTF8 i32 (i32.const 2))

;; $RX_E_MISSING_PAREN: $rx_error code 3.
(global $RX_E_MISSING_PAREN i32 (i32.const 3))

;; $RX_E_UNEXPECTED_PAREN: $rx_error code 4.
(global $RX_E_UNEXPECTED_PAREN i32 (i32.const 4))

;; $RX_E_MISSING_BRACKET: $rx_error code 5.
(global $RX_E_MISSING_BRACKET i32 (i32.const 5))

;; $RX_E_TRAILING_BACKSLASH: $rx_error code 6.
(global $RX_E_TRAILING_BACKSLASH i32 (i32.const 6))

;; $RX_E_BAD_ESCAPE: $rx_error code 7.
(global $RX_E_BAD_ESCAPE i32 (i32.const 7))

;; $RX_E_BACKREFERENCE: $rx_error code 8.
(global $RX_E_BACKREFERENCE i32 (i32.const 8))

;; $RX_E_BAD_CHAR_RANGE: $rx_error code 9.
(global $RX_E_BAD_CHAR_RANGE i32 (i32.const 9))

;; $RX_E_REPEAT_ARGUMENT: $rx_error code 10.
(global $RX_E_REPEAT_ARGUMENT i32 (i32.const 10))

;; $RX_E_REPEAT_SIZE: $rx_error code 11.
(global $RX_E_REPEAT_SIZE i32 (i32.const 11))

;; $RX_E_REPEAT_OP: $rx_error code 12.
(global $RX_E_REPEAT_OP i32 (i32.const 12))

;; $RX_E_BAD_PERL_OP: $rx_error code 13.
(global $RX_E_BAD_PERL_OP i32 (i32.const 13))

;; $RX_E_LOOKAROUND: $rx_error code 14.
(global $RX_E_LOOKAROUND i32 (i32.const 14))

;; $RX_E_BAD_NAMED_CAPTURE: $rx_error code 15.
(global $RX_E_BAD_NAMED_CAPTURE i32 (i32.const 15))

;; $RX_E_NESTING: $rx_error code 16.
(global $RX_E_NESTING i32 (i32.const 16))

;; $RX_E_UNICODE_CLASS: $rx_error code 17.
(global $RX_E_UNICODE_CLASS i32 (i32.const 17))

;; $RX_E_TOO_LARGE: $rx_error code 18.
(global $RX_E_TOO_LARGE i32 (i32.const 18))

;; $RX_E_TOO_COSTLY: $rx_error code 19.
(global $RX_E_TOO_COSTLY i32 (i32.const 19))

;; $RX_FOLD_COUNT: entries of the case folding table ($rx_fold_table).
(global $RX_FOLD_COUNT i32 (i32.const 363))

;; $rx_fold_table: write the case folding table (8 * $RX_FOLD_COUNT bytes) at $dst:
;; sorted i64 entries lo | hi << 21 | delta << 42 (delta signed, 22 bits;
;; 1048576 = even-odd pairs, 1048577 = odd-even pairs).
(func $rx_fold_table (param $dst i32)
  (i64.store offset=0 (local.get $dst) (i64.const 140737677099073))
  (i64.store offset=8 (local.get $dst) (i64.const -140737266057119))
  (i64.store offset=16 (local.get $dst) (i64.const 36868824126980203))
  (i64.store offset=24 (local.get $dst) (i64.const -140737249279892))
  (i64.store offset=32 (local.get $dst) (i64.const 1178676706148467))
  (i64.store offset=40 (local.get $dst) (i64.const -140737232502668))
  (i64.store offset=48 (local.get $dst) (i64.const 3267748937334965))
  (i64.store offset=56 (local.get $dst) (i64.const 140737937146048))
  (i64.store offset=64 (local.get $dst) (i64.const 140737953923288))
  (i64.store offset=72 (local.get $dst) (i64.const 33491124649722079))
  (i64.store offset=80 (local.get $dst) (i64.const -140737010204448))
  (i64.store offset=88 (local.get $dst) (i64.const 36336660754989285))
  (i64.store offset=96 (local.get $dst) (i64.const -140736972455706))
  (i64.store offset=104 (local.get $dst) (i64.const -140736955678472))
  (i64.store offset=112 (local.get $dst) (i64.const 532164162617599))
  (i64.store offset=120 (local.get $dst) (i64.const 4611686019062825216))
  (i64.store offset=128 (local.get $dst) (i64.const 4611686019079602482))
  (i64.store offset=136 (local.get $dst) (i64.const 4611690417161765177))
  (i64.store offset=144 (local.get $dst) (i64.const 4611686019213820234))
  (i64.store offset=152 (local.get $dst) (i64.const -532162839314056))
  (i64.store offset=160 (local.get $dst) (i64.const 4611690417275011449))
  (i64.store offset=168 (local.get $dst) (i64.const -1319413150121601))
  (i64.store offset=176 (local.get $dst) (i64.const 857619874972032))
  (i64.store offset=184 (local.get $dst) (i64.const 923590574735745))
  (i64.store offset=192 (local.get $dst) (i64.const 4611686019243180418))
  (i64.store offset=200 (local.get $dst) (i64.const 905998399177094))
  (i64.store offset=208 (local.get $dst) (i64.const 4611690417295982983))
  (i64.store offset=216 (local.get $dst) (i64.const 901600361054601))
  (i64.store offset=224 (local.get $dst) (i64.const 4611690417304371595))
  (i64.store offset=232 (local.get $dst) (i64.const 347446509044110))
  (i64.store offset=240 (local.get $dst) (i64.const 888406232007055))
  (i64.store offset=248 (local.get $dst) (i64.const 892804280615312))
  (i64.store offset=256 (local.get $dst) (i64.const 4611690417316954513))
  (i64.store offset=264 (local.get $dst) (i64.const 901600379928979))
  (i64.store offset=272 (local.get $dst) (i64.const 910396475048340))
  (i64.store offset=280 (local.get $dst) (i64.const 426611360924053))
  (i64.store offset=288 (local.get $dst) (i64.const 927988665287062))
  (i64.store offset=296 (local.get $dst) (i64.const 919192574362007))
  (i64.store offset=304 (local.get $dst) (i64.const 4611686019285123480))
  (i64.store offset=312 (local.get $dst) (i64.const 716882441142682))
  (i64.store offset=320 (local.get $dst) (i64.const 927988677869980))
  (i64.store offset=328 (local.get $dst) (i64.const 936784772989341))
  (i64.store offset=336 (local.get $dst) (i64.const 571746914664862))
  (i64.store offset=344 (local.get $dst) (i64.const 941182823694751))
  (i64.store offset=352 (local.get $dst) (i64.const 4611686019310289312))
  (i64.store offset=360 (local.get $dst) (i64.const 958775024419238))
  (i64.store offset=368 (local.get $dst) (i64.const 4611690417363091879))
  (i64.store offset=376 (local.get $dst) (i64.const 958775030710697))
  (i64.store offset=384 (local.get $dst) (i64.const 4611686019327066540))
  (i64.store offset=392 (local.get $dst) (i64.const 958775041196462))
  (i64.store offset=400 (local.get $dst) (i64.const 4611690417379869103))
  (i64.store offset=408 (local.get $dst) (i64.const 954377003073969))
  (i64.store offset=416 (local.get $dst) (i64.const 4611690417392452019))
  (i64.store offset=424 (local.get $dst) (i64.const 963173106581943))
  (i64.store offset=432 (local.get $dst) (i64.const 4611686019352232376))
  (i64.store offset=440 (local.get $dst) (i64.const 4611686019360620988))
  (i64.store offset=448 (local.get $dst) (i64.const 246291542049215))
  (i64.store offset=456 (local.get $dst) (i64.const 4398996521412))
  (i64.store offset=464 (local.get $dst) (i64.const -8795140914746))
  (i64.store offset=472 (local.get $dst) (i64.const 4399002812871))
  (i64.store offset=480 (local.get $dst) (i64.const -8795134623287))
  (i64.store offset=488 (local.get $dst) (i64.const 4399009104330))
  (i64.store offset=496 (local.get $dst) (i64.const -8795128331828))
  (i64.store offset=504 (local.get $dst) (i64.const 4611690417472143821))
  (i64.store offset=512 (local.get $dst) (i64.const -347444674035235))
  (i64.store offset=520 (local.get $dst) (i64.const 4611686019465478622))
  (i64.store offset=528 (local.get $dst) (i64.const 4399090893297))
  (i64.store offset=536 (local.get $dst) (i64.const -8795046542861))
  (i64.store offset=544 (local.get $dst) (i64.const 4611686019478061556))
  (i64.store offset=552 (local.get $dst) (i64.const -426609458806282))
  (i64.store offset=560 (local.get $dst) (i64.const -246289549753865))
  (i64.store offset=568 (local.get $dst) (i64.const 4611686019566141944))
  (i64.store offset=576 (local.get $dst) (i64.const -571744905592288))
  (i64.store offset=584 (local.get $dst) (i64.const 4611686019608085026))
  (i64.store offset=592 (local.get $dst) (i64.const 47476913282744890))
  (i64.store offset=600 (local.get $dst) (i64.const 4611690417673470523))
  (i64.store offset=608 (local.get $dst) (i64.const -716880379641283))
  (i64.store offset=616 (local.get $dst) (i64.const 47463719151600190))
  (i64.store offset=624 (local.get $dst) (i64.const 47564874225549887))
  (i64.store offset=632 (local.get $dst) (i64.const 4611690417686053441))
  (i64.store offset=640 (local.get $dst) (i64.const -857617855413693))
  (i64.store offset=648 (local.get $dst) (i64.const 303466425614916))
  (i64.store offset=656 (local.get $dst) (i64.const 312262520734277))
  (i64.store offset=664 (local.get $dst) (i64.const 4611686019666805318))
  (i64.store offset=672 (local.get $dst) (i64.const 47424136770749008))
  (i64.store offset=680 (local.get $dst) (i64.const 47410942633312849))
  (i64.store offset=688 (local.get $dst) (i64.const 47419738728432210))
  (i64.store offset=696 (local.get $dst) (i64.const -923588519525805))
  (i64.store offset=704 (local.get $dst) (i64.const -905996331384236))
  (i64.store offset=712 (local.get $dst) (i64.const -901598278581674))
  (i64.store offset=720 (local.get $dst) (i64.const -888404134854055))
  (i64.store offset=728 (local.get $dst) (i64.const -892802177170853))
  (i64.store offset=736 (local.get $dst) (i64.const 186120931570090588))
  (i64.store offset=744 (local.get $dst) (i64.const -901598259707296))
  (i64.store offset=752 (local.get $dst) (i64.const 186103339394531937))
  (i64.store offset=760 (local.get $dst) (i64.const -910394346438045))
  (i64.store offset=768 (local.get $dst) (i64.const 185949407775031909))
  (i64.store offset=776 (local.get $dst) (i64.const 186072553079439974))
  (i64.store offset=784 (local.get $dst) (i64.const -919190428974488))
  (i64.store offset=792 (local.get $dst) (i64.const -927986519899543))
  (i64.store offset=800 (local.get $dst) (i64.const 186072553087828586))
  (i64.store offset=808 (local.get $dst) (i64.const 47248214966927979))
  (i64.store offset=816 (local.get $dst) (i64.const 186059358952489580))
  (i64.store offset=824 (local.get $dst) (i64.const -927986507316625))
  (i64.store offset=832 (local.get $dst) (i64.const 47274603258577521))
  (i64.store offset=840 (local.get $dst) (i64.const -936782594047374))
  (i64.store offset=848 (local.get $dst) (i64.const -941180634267019))
  (i64.store offset=856 (local.get $dst) (i64.const 47177846260499069))
  (i64.store offset=864 (local.get $dst) (i64.const -958772797242752))
  (i64.store offset=872 (local.get $dst) (i64.const 186068155091649154))
  (i64.store offset=880 (local.get $dst) (i64.const -958772790951293))
  (i64.store offset=888 (local.get $dst) (i64.const 185958203939357319))
  (i64.store offset=896 (local.get $dst) (i64.const -958772780465528))
  (i64.store offset=904 (local.get $dst) (i64.const -303463848213879))
  (i64.store offset=912 (local.get $dst) (i64.const -954374727662966))
  (i64.store offset=920 (local.get $dst) (i64.const -312259934944628))
  (i64.store offset=928 (local.get $dst) (i64.const -963170806005102))
  (i64.store offset=936 (local.get $dst) (i64.const 185865845008761501))
  (i64.store offset=944 (local.get $dst) (i64.const 185852650871325342))
  (i64.store offset=952 (local.get $dst) (i64.const 369437662249797))
  (i64.store offset=960 (local.get $dst) (i64.const 4611686020279174000))
  (i64.store offset=968 (local.get $dst) (i64.const 4611686020287562614))
  (i64.store offset=976 (local.get $dst) (i64.const 571747919201147))
  (i64.store offset=984 (local.get $dst) (i64.const 510175272239999))
  (i64.store offset=992 (local.get $dst) (i64.const 167127659053958))
  (i64.store offset=1000 (local.get $dst) (i64.const 162729620931464))
  (i64.store offset=1008 (local.get $dst) (i64.const 281476880925580))
  (i64.store offset=1016 (local.get $dst) (i64.const 277078840705934))
  (i64.store offset=1024 (local.get $dst) (i64.const 140739436610449))
  (i64.store offset=1032 (local.get $dst) (i64.const 136341394293667))
  (i64.store offset=1040 (local.get $dst) (i64.const 140739457581988))
  (i64.store offset=1048 (local.get $dst) (i64.const -167123796098132))
  (i64.store offset=1056 (local.get $dst) (i64.const -162725743295571))
  (i64.store offset=1064 (local.get $dst) (i64.const -140735506545743))
  (i64.store offset=1072 (local.get $dst) (i64.const 131943379239858))
  (i64.store offset=1080 (local.get $dst) (i64.const -140735500254285))
  (i64.store offset=1088 (local.get $dst) (i64.const 281476966908853))
  (i64.store offset=1096 (local.get $dst) (i64.const -140735493962826))
  (i64.store offset=1104 (local.get $dst) (i64.const 109953159267256))
  (i64.store offset=1112 (local.get $dst) (i64.const 31547189622735801))
  (i64.store offset=1120 (local.get $dst) (i64.const 237496512283578))
  (i64.store offset=1128 (local.get $dst) (i64.const -140735485574213))
  (i64.store offset=1136 (local.get $dst) (i64.const -3408484041227332))
  (i64.store offset=1144 (local.get $dst) (i64.const -140735477185603))
  (i64.store offset=1152 (local.get $dst) (i64.const 96759036511168))
  (i64.store offset=1160 (local.get $dst) (i64.const 211108247897025))
  (i64.store offset=1168 (local.get $dst) (i64.const 4611686020444849090))
  (i64.store offset=1176 (local.get $dst) (i64.const -140735464602685))
  (i64.store offset=1184 (local.get $dst) (i64.const 65972723516358))
  (i64.store offset=1192 (local.get $dst) (i64.const -140735458311225))
  (i64.store offset=1200 (local.get $dst) (i64.const 33060117656110025))
  (i64.store offset=1208 (local.get $dst) (i64.const -140735452019766))
  (i64.store offset=1216 (local.get $dst) (i64.const -281472938277940))
  (i64.store offset=1224 (local.get $dst) (i64.const -277074887572531))
  (i64.store offset=1232 (local.get $dst) (i64.const 35186416813007))
  (i64.store offset=1240 (local.get $dst) (i64.const -272676836867120))
  (i64.store offset=1248 (local.get $dst) (i64.const 153933676807121))
  (i64.store offset=1256 (local.get $dst) (i64.const -206706128714795))
  (i64.store offset=1264 (local.get $dst) (i64.const -237492452195370))
  (i64.store offset=1272 (local.get $dst) (i64.const -35182310587433))
  (i64.store offset=1280 (local.get $dst) (i64.const 4611686020539220952))
  (i64.store offset=1288 (local.get $dst) (i64.const -378229886024720))
  (i64.store offset=1296 (local.get $dst) (i64.const -351841604860943))
  (i64.store offset=1304 (local.get $dst) (i64.const 30788443702258))
  (i64.store offset=1312 (local.get $dst) (i64.const -510171275066381))
  (i64.store offset=1320 (local.get $dst) (i64.const -404618156702732))
  (i64.store offset=1328 (local.get $dst) (i64.const -422210340649995))
  (i64.store offset=1336 (local.get $dst) (i64.const 4611690418604606455))
  (i64.store offset=1344 (local.get $dst) (i64.const -30784192773127))
  (i64.store offset=1352 (local.get $dst) (i64.const 4611686020564386810))
  (i64.store offset=1360 (local.get $dst) (i64.const -571743901056003))
  (i64.store offset=1368 (local.get $dst) (i64.const 351845899830272))
  (i64.store offset=1376 (local.get $dst) (i64.const 140739734406160))
  (i64.store offset=1384 (local.get $dst) (i64.const -140735238110160))
  (i64.store offset=1392 (local.get $dst) (i64.const 27364647644431410))
  (i64.store offset=1400 (local.get $dst) (i64.const -140735233915853))
  (i64.store offset=1408 (local.get $dst) (i64.const 27360249602114612))
  (i64.store offset=1416 (local.get $dst) (i64.const -140735212944331))
  (i64.store offset=1424 (local.get $dst) (i64.const 27320667204486206))
  (i64.store offset=1432 (local.get $dst) (i64.const -140735206652865))
  (i64.store offset=1440 (local.get $dst) (i64.const 27311871119852609))
  (i64.store offset=1448 (local.get $dst) (i64.const -140735187778493))
  (i64.store offset=1456 (local.get $dst) (i64.const 27285482857563210))
  (i64.store offset=1464 (local.get $dst) (i64.const -140735175195573))
  (i64.store offset=1472 (local.get $dst) (i64.const -351841374174128))
  (i64.store offset=1480 (local.get $dst) (i64.const 4611686020780393568))
  (i64.store offset=1488 (local.get $dst) (i64.const 27179929793725539))
  (i64.store offset=1496 (local.get $dst) (i64.const 4611686020845405284))
  (i64.store offset=1504 (local.get $dst) (i64.const 4611686020975428746))
  (i64.store offset=1512 (local.get $dst) (i64.const 65973247804608))
  (i64.store offset=1520 (local.get $dst) (i64.const 4611690419053397185))
  (i64.store offset=1528 (local.get $dst) (i64.const -65968116071217))
  (i64.store offset=1536 (local.get $dst) (i64.const 4611686021210309840))
  (i64.store offset=1544 (local.get $dst) (i64.const 211109097243953))
  (i64.store offset=1552 (local.get $dst) (i64.const -211103267158687))
  (i64.store offset=1560 (local.get $dst) (i64.const 31947418859737248))
  (i64.store offset=1568 (local.get $dst) (i64.const 31947418863931591))
  (i64.store offset=1576 (local.get $dst) (i64.const 31947418876514509))
  (i64.store offset=1584 (local.get $dst) (i64.const 13229333019627728))
  (i64.store offset=1592 (local.get $dst) (i64.const 13229333030113533))
  (i64.store offset=1600 (local.get $dst) (i64.const 170925690309317536))
  (i64.store offset=1608 (local.get $dst) (i64.const 35195086443504))
  (i64.store offset=1616 (local.get $dst) (i64.const -35173640956936))
  (i64.store offset=1624 (local.get $dst) (i64.const -27505367579616128))
  (i64.store offset=1632 (local.get $dst) (i64.const -27500969531007871))
  (i64.store offset=1640 (local.get $dst) (i64.const -27461387110310782))
  (i64.store offset=1648 (local.get $dst) (i64.const -27452591015191421))
  (i64.store offset=1656 (local.get $dst) (i64.const 4611686033736604804))
  (i64.store offset=1664 (local.get $dst) (i64.const -27456989057508219))
  (i64.store offset=1672 (local.get $dst) (i64.const -27426202729833338))
  (i64.store offset=1680 (local.get $dst) (i64.const -27184310169625465))
  (i64.store offset=1688 (local.get $dst) (i64.const 155101523578199176))
  (i64.store offset=1696 (local.get $dst) (i64.const -13229308482937712))
  (i64.store offset=1704 (local.get $dst) (i64.const -13229308472451907))
  (i64.store offset=1712 (local.get $dst) (i64.const 155391795153345913))
  (i64.store offset=1720 (local.get $dst) (i64.const 16774165224758653))
  (i64.store offset=1728 (local.get $dst) (i64.const 155620493615963534))
  (i64.store offset=1736 (local.get $dst) (i64.const 4611686034734849536))
  (i64.store offset=1744 (local.get $dst) (i64.const 255103007202913))
  (i64.store offset=1752 (local.get $dst) (i64.const 4611686034845998690))
  (i64.store offset=1760 (local.get $dst) (i64.const -259468312961381))
  (i64.store offset=1768 (local.get $dst) (i64.const -33491107744571746))
  (i64.store offset=1776 (local.get $dst) (i64.const 4611686035068296864))
  (i64.store offset=1784 (local.get $dst) (i64.const 35201029775104))
  (i64.store offset=1792 (local.get $dst) (i64.const -35167697625336))
  (i64.store offset=1800 (local.get $dst) (i64.const 35201059135248))
  (i64.store offset=1808 (local.get $dst) (i64.const -35167668265192))
  (i64.store offset=1816 (local.get $dst) (i64.const 35201096884000))
  (i64.store offset=1824 (local.get $dst) (i64.const -35167630516440))
  (i64.store offset=1832 (local.get $dst) (i64.const 35201130438448))
  (i64.store offset=1840 (local.get $dst) (i64.const -35167596961992))
  (i64.store offset=1848 (local.get $dst) (i64.const 35201159798592))
  (i64.store offset=1856 (local.get $dst) (i64.const -35167567601848))
  (i64.store offset=1864 (local.get $dst) (i64.const 35201184964433))
  (i64.store offset=1872 (local.get $dst) (i64.const 35201189158739))
  (i64.store offset=1880 (local.get $dst) (i64.const 35201193353045))
  (i64.store offset=1888 (local.get $dst) (i64.const 35201197547351))
  (i64.store offset=1896 (local.get $dst) (i64.const -35167542436007))
  (i64.store offset=1904 (local.get $dst) (i64.const -35167538241701))
  (i64.store offset=1912 (local.get $dst) (i64.const -35167534047395))
  (i64.store offset=1920 (local.get $dst) (i64.const -35167529853089))
  (i64.store offset=1928 (local.get $dst) (i64.const 35201231101792))
  (i64.store offset=1936 (local.get $dst) (i64.const -35167496298648))
  (i64.store offset=1944 (local.get $dst) (i64.const 325472321806192))
  (i64.store offset=1952 (local.get $dst) (i64.const 378248888328050))
  (i64.store offset=1960 (local.get $dst) (i64.const 439821543677814))
  (i64.store offset=1968 (local.get $dst) (i64.const 562966850183032))
  (i64.store offset=1976 (local.get $dst) (i64.const 492598110199674))
  (i64.store offset=1984 (local.get $dst) (i64.const 554170765549436))
  (i64.store offset=1992 (local.get $dst) (i64.const 35201298210688))
  (i64.store offset=2000 (local.get $dst) (i64.const -35167429189752))
  (i64.store offset=2008 (local.get $dst) (i64.const 35201331765136))
  (i64.store offset=2016 (local.get $dst) (i64.const -35167395635304))
  (i64.store offset=2024 (local.get $dst) (i64.const 35201365319584))
  (i64.store offset=2032 (local.get $dst) (i64.const -35167362080856))
  (i64.store offset=2040 (local.get $dst) (i64.const 35201386291120))
  (i64.store offset=2048 (local.get $dst) (i64.const 39599436996531))
  (i64.store offset=2056 (local.get $dst) (i64.const -35167341109320))
  (i64.store offset=2064 (local.get $dst) (i64.const -325438406647878))
  (i64.store offset=2072 (local.get $dst) (i64.const -39565381328964))
  (i64.store offset=2080 (local.get $dst) (i64.const -32057343977971778))
  (i64.store offset=2088 (local.get $dst) (i64.const 39599470550979))
  (i64.store offset=2096 (local.get $dst) (i64.const -378214931226680))
  (i64.store offset=2104 (local.get $dst) (i64.const -39565347774516))
  (i64.store offset=2112 (local.get $dst) (i64.const 35201453400016))
  (i64.store offset=2120 (local.get $dst) (i64.const -35167274000424))
  (i64.store offset=2128 (local.get $dst) (i64.const -439787548827686))
  (i64.store offset=2136 (local.get $dst) (i64.const 35201486954464))
  (i64.store offset=2144 (local.get $dst) (i64.const 30803448831973))
  (i64.store offset=2152 (local.get $dst) (i64.const -35167240445976))
  (i64.store offset=2160 (local.get $dst) (i64.const -492564073406486))
  (i64.store offset=2168 (local.get $dst) (i64.const -30769187643412))
  (i64.store offset=2176 (local.get $dst) (i64.const 39599571214323))
  (i64.store offset=2184 (local.get $dst) (i64.const -562932788224008))
  (i64.store offset=2192 (local.get $dst) (i64.const -554136691007494))
  (i64.store offset=2200 (local.get $dst) (i64.const -39565247111172))
  (i64.store offset=2208 (local.get $dst) (i64.const -33200835315883738))
  (i64.store offset=2216 (local.get $dst) (i64.const -37009543586111190))
  (i64.store offset=2224 (local.get $dst) (i64.const -36477379956170453))
  (i64.store offset=2232 (local.get $dst) (i64.const 123163123917106))
  (i64.store offset=2240 (local.get $dst) (i64.const -123127421984434))
  (i64.store offset=2248 (local.get $dst) (i64.const 70386693710176))
  (i64.store offset=2256 (local.get $dst) (i64.const -70350761090704))
  (i64.store offset=2264 (local.get $dst) (i64.const 4611690434467471747))
  (i64.store offset=2272 (local.get $dst) (i64.const 114368970761398))
  (i64.store offset=2280 (local.get $dst) (i64.const -114329393290032))
  (i64.store offset=2288 (local.get $dst) (i64.const 211129953430528))
  (i64.store offset=2296 (local.get $dst) (i64.const -211082410972112))
  (i64.store offset=2304 (local.get $dst) (i64.const 4611686042253143136))
  (i64.store offset=2312 (local.get $dst) (i64.const -47248189840937886))
  (i64.store offset=2320 (local.get $dst) (i64.const -16774125563401117))
  (i64.store offset=2328 (local.get $dst) (i64.const -47177821092565916))
  (i64.store offset=2336 (local.get $dst) (i64.const -47476888253223835))
  (i64.store offset=2344 (local.get $dst) (i64.const -47463694111593370))
  (i64.store offset=2352 (local.get $dst) (i64.const 4611690440322722919))
  (i64.store offset=2360 (local.get $dst) (i64.const -47410917538780051))
  (i64.store offset=2368 (local.get $dst) (i64.const -47274578094838674))
  (i64.store offset=2376 (local.get $dst) (i64.const -47424111674119057))
  (i64.store offset=2384 (local.get $dst) (i64.const -47419713625510800))
  (i64.store offset=2392 (local.get $dst) (i64.const 4611686042290891890))
  (i64.store offset=2400 (local.get $dst) (i64.const 4611690440343694453))
  (i64.store offset=2408 (local.get $dst) (i64.const -47564849128919938))
  (i64.store offset=2416 (local.get $dst) (i64.const 4611686042525772928))
  (i64.store offset=2424 (local.get $dst) (i64.const 4611690440595352811))
  (i64.store offset=2432 (local.get $dst) (i64.const 4611686042559327474))
  (i64.store offset=2440 (local.get $dst) (i64.const -31947385619862272))
  (i64.store offset=2448 (local.get $dst) (i64.const -31947385615667929))
  (i64.store offset=2456 (local.get $dst) (i64.const -31947385603085011))
  (i64.store offset=2464 (local.get $dst) (i64.const 4611686107703191104))
  (i64.store offset=2472 (local.get $dst) (i64.const -155105817029204405))
  (i64.store offset=2480 (local.get $dst) (i64.const 4611686107776591436))
  (i64.store offset=2488 (local.get $dst) (i64.const 4611686107873060480))
  (i64.store offset=2496 (local.get $dst) (i64.const 4611686108183439138))
  (i64.store offset=2504 (local.get $dst) (i64.const 4611686108317656882))
  (i64.store offset=2512 (local.get $dst) (i64.const 4611690506391431033))
  (i64.store offset=2520 (local.get $dst) (i64.const -155391689410697347))
  (i64.store offset=2528 (local.get $dst) (i64.const 4611686108367988606))
  (i64.store offset=2536 (local.get $dst) (i64.const 4611690506424985483))
  (i64.store offset=2544 (local.get $dst) (i64.const -185949316536293491))
  (i64.store offset=2552 (local.get $dst) (i64.const 4611686108393154448))
  (i64.store offset=2560 (local.get $dst) (i64.const 211196200396692))
  (i64.store offset=2568 (local.get $dst) (i64.const 4611686108439291798))
  (i64.store offset=2576 (local.get $dst) (i64.const -186072461777786966))
  (i64.store offset=2584 (local.get $dst) (i64.const -186120840287311957))
  (i64.store offset=2592 (local.get $dst) (i64.const -186103248099170388))
  (i64.store offset=2600 (local.get $dst) (i64.const -186059267631962195))
  (i64.store offset=2608 (local.get $dst) (i64.const -186072461769398354))
  (i64.store offset=2616 (local.get $dst) (i64.const -185852559439648848))
  (i64.store offset=2624 (local.get $dst) (i64.const -185958112553818191))
  (i64.store offset=2632 (local.get $dst) (i64.const -185865753574987854))
  (i64.store offset=2640 (local.get $dst) (i64.const 4081477195179955))
  (i64.store offset=2648 (local.get $dst) (i64.const 4611686108493817780))
  (i64.store offset=2656 (local.get $dst) (i64.const -211016164005948))
  (i64.store offset=2664 (local.get $dst) (i64.const -186068063674652731))
  (i64.store offset=2672 (local.get $dst) (i64.const -155620387676182586))
  (i64.store offset=2680 (local.get $dst) (i64.const 4611690506555008967))
  (i64.store offset=2688 (local.get $dst) (i64.const 4611686108523177936))
  (i64.store offset=2696 (local.get $dst) (i64.const 4611686108539955158))
  (i64.store offset=2704 (local.get $dst) (i64.const 4611690506647283701))
  (i64.store offset=2712 (local.get $dst) (i64.const -4081295183271085))
  (i64.store offset=2720 (local.get $dst) (i64.const -170925587402019984))
  (i64.store offset=2728 (local.get $dst) (i64.const 140874512138017))
  (i64.store offset=2736 (local.get $dst) (i64.const -140600397463743))
  (i64.store offset=2744 (local.get $dst) (i64.const 176061528736768))
  (i64.store offset=2752 (local.get $dst) (i64.const -175782108265432))
  (i64.store offset=2760 (local.get $dst) (i64.const 176061889447088))
  (i64.store offset=2768 (local.get $dst) (i64.const -175781747555112))
  (i64.store offset=2776 (local.get $dst) (i64.const 171664193160560))
  (i64.store offset=2784 (local.get $dst) (i64.const 171664226715004))
  (i64.store offset=2792 (local.get $dst) (i64.const 171664243492236))
  (i64.store offset=2800 (local.get $dst) (i64.const 171664249783700))
  (i64.store offset=2808 (local.get $dst) (i64.const -171383352916585))
  (i64.store offset=2816 (local.get $dst) (i64.const -171383319362141))
  (i64.store offset=2824 (local.get $dst) (i64.const -171383302584909))
  (i64.store offset=2832 (local.get $dst) (i64.const -171383296293445))
  (i64.store offset=2840 (local.get $dst) (i64.const 281619231476864))
  (i64.store offset=2848 (local.get $dst) (i64.const -281330587726656))
  (i64.store offset=2856 (local.get $dst) (i64.const 140888212838560))
  (i64.store offset=2864 (local.get $dst) (i64.const -140586696763200))
  (i64.store offset=2872 (local.get $dst) (i64.const 140934182432320))
  (i64.store offset=2880 (local.get $dst) (i64.const -140540727169440))
  (i64.store offset=2888 (local.get $dst) (i64.const 149796180584704))
  (i64.store offset=2896 (local.get $dst) (i64.const -149270910867166)))

;; $rx_push_named: push the ranges of a named class (an index of
;; rx_tables.NAMED_CLASSES: \d \s \w, then the POSIX names sorted).
(func $rx_push_named (param $id i32)
  (block $c16
  (block $c15
  (block $c14
  (block $c13
  (block $c12
  (block $c11
  (block $c10
  (block $c9
  (block $c8
  (block $c7
  (block $c6
  (block $c5
  (block $c4
  (block $c3
  (block $c2
  (block $c1
  (block $c0
    (br_table $c0 $c1 $c2 $c3 $c4 $c5 $c6 $c7 $c8 $c9 $c10 $c11 $c12 $c13 $c14 $c15 $c16 $c16 (local.get $id)))
    (call $rx_rpush (i32.const 48) (i32.const 57))
    (return)
  )
    (call $rx_rpush (i32.const 9) (i32.const 10))
    (call $rx_rpush (i32.const 12) (i32.const 13))
    (call $rx_rpush (i32.const 32) (i32.const 32))
    (return)
  )
    (call $rx_rpush (i32.const 48) (i32.const 57))
    (call $rx_rpush (i32.const 65) (i32.const 90))
    (call $rx_rpush (i32.const 95) (i32.const 95))
    (call $rx_rpush (i32.const 97) (i32.const 122))
    (return)
  )
    (call $rx_rpush (i32.const 48) (i32.const 57))
    (call $rx_rpush (i32.const 65) (i32.const 90))
    (call $rx_rpush (i32.const 97) (i32.const 122))
    (return)
  )
    (call $rx_rpush (i32.const 65) (i32.const 90))
    (call $rx_rpush (i32.const 97) (i32.const 122))
    (return)
  )
    (call $rx_rpush (i32.const 0) (i32.const 127))
    (return)
  )
    (call $rx_rpush (i32.const 9) (i32.const 9))
    (call $rx_rpush (i32.const 32) (i32.const 32))
    (return)
  )
    (call $rx_rpush (i32.const 0) (i32.const 31))
    (call $rx_rpush (i32.const 127) (i32.const 127))
    (return)
  )
    (call $rx_rpush (i32.const 48) (i32.const 57))
    (return)
  )
    (call $rx_rpush (i32.const 33) (i32.const 126))
    (return)
  )
    (call $rx_rpush (i32.const 97) (i32.const 122))
    (return)
  )
    (call $rx_rpush (i32.const 32) (i32.const 126))
    (return)
  )
    (call $rx_rpush (i32.const 33) (i32.const 47))
    (call $rx_rpush (i32.const 58) (i32.const 64))
    (call $rx_rpush (i32.const 91) (i32.const 96))
    (call $rx_rpush (i32.const 123) (i32.const 126))
    (return)
  )
    (call $rx_rpush (i32.const 9) (i32.const 13))
    (call $rx_rpush (i32.const 32) (i32.const 32))
    (return)
  )
    (call $rx_rpush (i32.const 65) (i32.const 90))
    (return)
  )
    (call $rx_rpush (i32.const 48) (i32.const 57))
    (call $rx_rpush (i32.const 65) (i32.const 90))
    (call $rx_rpush (i32.const 95) (i32.const 95))
    (call $rx_rpush (i32.const 97) (i32.const 122))
    (return)
  )
    (call $rx_rpush (i32.const 48) (i32.const 57))
    (call $rx_rpush (i32.const 65) (i32.const 70))
    (call $rx_rpush (i32.const 97) (i32.const 102))
    (return)
)

;; $rx_posix_id: the class id of the POSIX name of $n bytes at $p, -1 if none.
(func $rx_posix_id (param $p i32) (param $n i32) (result i32)
  (local $v i64) (local $i i32)
  (if (i32.gt_u (local.get $n) (i32.const 8)) (then (return (i32.const -1))))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
    (local.set $v (i64.or (local.get $v) (i64.shl (i64.load8_u (i32.add (local.get $p) (local.get $i)))
      (i64.extend_i32_u (i32.shl (local.get $i) (i32.const 3))))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (if (i64.eq (local.get $v) (i64.const 470121606241)) (then (return (i32.const 3))))  ;; alnum
  (if (i64.eq (local.get $v) (i64.const 418364025953)) (then (return (i32.const 4))))  ;; alpha
  (if (i64.eq (local.get $v) (i64.const 452739691361)) (then (return (i32.const 5))))  ;; ascii
  (if (i64.eq (local.get $v) (i64.const 461413379170)) (then (return (i32.const 6))))  ;; blank
  (if (i64.eq (local.get $v) (i64.const 465776701027)) (then (return (i32.const 7))))  ;; cntrl
  (if (i64.eq (local.get $v) (i64.const 499984591204)) (then (return (i32.const 8))))  ;; digit
  (if (i64.eq (local.get $v) (i64.const 448562033255)) (then (return (i32.const 9))))  ;; graph
  (if (i64.eq (local.get $v) (i64.const 491328597868)) (then (return (i32.const 10))))  ;; lower
  (if (i64.eq (local.get $v) (i64.const 500068610672)) (then (return (i32.const 11))))  ;; print
  (if (i64.eq (local.get $v) (i64.const 499884389744)) (then (return (i32.const 12))))  ;; punct
  (if (i64.eq (local.get $v) (i64.const 435459027059)) (then (return (i32.const 13))))  ;; space
  (if (i64.eq (local.get $v) (i64.const 491328139381)) (then (return (i32.const 14))))  ;; upper
  (if (i64.eq (local.get $v) (i64.const 1685221239)) (then (return (i32.const 15))))  ;; word
  (if (i64.eq (local.get $v) (i64.const 127996055348344)) (then (return (i32.const 16))))  ;; xdigit
  (i32.const -1))

;; $rx_error_text: the text of $rx_error (RE2's wording), in scratch memory;
;; "" when scratch is full.
(func $rx_error_text (result i64)
  (block $c19
  (block $c18
  (block $c17
  (block $c16
  (block $c15
  (block $c14
  (block $c13
  (block $c12
  (block $c11
  (block $c10
  (block $c9
  (block $c8
  (block $c7
  (block $c6
  (block $c5
  (block $c4
  (block $c3
  (block $c2
  (block $c1
  (block $c0
    (br_table $c0 $c1 $c2 $c3 $c4 $c5 $c6 $c7 $c8 $c9 $c10 $c11 $c12 $c13 $c14 $c15 $c16 $c17 $c18 $c19 $c19 (global.get $rx_error)))
    (return (call $rx_text (i64.const 8245935278387130222) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i32.const 8)))
  )
    (return (call $rx_text (i64.const 7863397576860792175) (i64.const 521610947941) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i32.const 13)))
  )
    (return (call $rx_text (i64.const 2334106421097295465) (i64.const 241277752405) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i32.const 13)))
  )
    (return (call $rx_text (i64.const 2334956331002456429) (i64.const 41) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i32.const 9)))
  )
    (return (call $rx_text (i64.const 8386658464824651381) (i64.const 689988709) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i32.const 12)))
  )
    (return (call $rx_text (i64.const 2334956331002456429) (i64.const 93) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i32.const 9)))
  )
    (return (call $rx_text (i64.const 7453010347690127988) (i64.const 23584) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i32.const 10)))
  )
    (return (call $rx_text (i64.const 2334106421097295465) (i64.const 8295742046961103717) (i64.const 28538298447524197) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i32.const 23)))
  )
    (return (call $rx_text (i64.const 2334106421097295465) (i64.const 8295742046961103717) (i64.const 4207878752647344485) (i64.const 7378429370070819360) (i64.const 2338324109263729253) (i64.const 2338616625292735073) (i64.const 7310593918082512243) (i64.const 100) (i32.const 57)))
  )
    (return (call $rx_text (i64.const 2334106421097295465) (i64.const 7310577365311121507) (i64.const 2338339493802877042) (i64.const 435526984050) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i32.const 29)))
  )
    (return (call $rx_text (i64.const 7887324063362740078) (i64.const 2338053640980557413) (i64.const 7598814419919857010) (i64.const 7021786302599163503) (i64.const 7499636) (i64.const 0) (i64.const 0) (i64.const 0) (i32.const 35)))
  )
    (return (call $rx_text (i64.const 2334106421097295465) (i64.const 7598814419919857010) (i64.const 28563565969436271) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i32.const 23)))
  )
    (return (call $rx_text (i64.const 7309453736066441570) (i64.const 8007521562254403956) (i64.const 32210692986791280) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i32.const 23)))
  )
    (return (call $rx_text (i64.const 2334106421097295465) (i64.const 7309464380271388016) (i64.const 491496169842) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i32.const 21)))
  )
    (return (call $rx_text (i64.const 2334106421097295465) (i64.const 7309464380271388016) (i64.const 7791291618521538930) (i64.const 7959390453498605423) (i64.const 8390045716468801636) (i64.const 8390891584458421024) (i64.const 25701) (i64.const 0) (i32.const 50)))
  )
    (return (call $rx_text (i64.const 2334106421097295465) (i64.const 7017488259943850350) (i64.const 8243593263009068144) (i64.const 7370095) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i32.const 27)))
  )
    (return (call $rx_text (i64.const 7598543875853023333) (i64.const 8319401291136659055) (i64.const 7306356060949804064) (i64.const 7957616) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i32.const 27)))
  )
    (return (call $rx_text (i64.const 2334382411433471573) (i64.const 2338324178066828387) (i64.const 2338319423353615731) (i64.const 2334397743340744796) (i64.const 8102104866965712750) (i64.const 431198859887) (i64.const 0) (i64.const 0) (i32.const 45)))
  )
    (return (call $rx_text (i64.const 2336931036722913648) (i64.const 7454127450280128372) (i64.const 101) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i32.const 17)))
  )
    (return (call $rx_text (i64.const 2336931036722913648) (i64.const 8391173002257985396) (i64.const 31084) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i32.const 18)))
)
;; ---- END GENERATED ----
