;; rx_closures.wat: the closures of a program being compiled, followed
;; once at compile time as nfa.py follows them (see below), for the
;; search in rx.wat to copy.

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
;; the context bits the closures look at.
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
  (local.get $any))
