;; rx_compile.wat: the second pass of rx.wat's compiler: the tree -> a
;; program, shaped as nfa.py shapes it (so with its instruction counts and
;; limits), its closures followed at compile time as nfa.py follows them,
;; then the program's run-time form: byte classes and a step table
;; ($rx_compile, the entry point; the layout is in rx.wat's header).  The
;; instructions and their arms exist only while compiling.

;; ===== program state ======================================================

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

;; $RX_NONE: in the step table: no arm holds the byte class.
(global $RX_NONE i32 (i32.const 0x7FFFFFFF))

;; $RX_MAX_ARMS: rx_tables.MAX_ARMS, byte-range arms a program may hold.
(global $RX_MAX_ARMS i32 (i32.const 262144))

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

;; ===== the program =====================================================

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
    (local.set $rows_at (i32.const 328))
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
    (i32.store offset=320 (local.get $prog) (call $rx_few_bytes (i32.add (local.get $prog) (i32.const 32))))
    (if (local.get $uses_ctx)
      (then (local.set $flags (i32.or (local.get $flags) (i32.or (i32.const 4) (i32.shl (local.get $uses_ctx) (i32.const 8)))))))
    (i32.store offset=16 (local.get $prog) (local.get $flags))
    (global.set $scratch_top (local.get $mark))
    (return (local.get $prog)))
  (global.set $scratch_top (local.get $mark))
  (i32.const 0))

;; $rx_few_bytes: the bytes in the 256-bit map at $map when there are one
;; to three: their count | first << 8 | second << 16 | third << 24; else 0.
(func $rx_few_bytes (param $map i32) (result i32)
  (local $b i32) (local $n i32) (local $out i32)
  (loop $each
    (if (i32.and (i32.shr_u (i32.load8_u (i32.add (local.get $map) (i32.shr_u (local.get $b) (i32.const 3))))
          (i32.and (local.get $b) (i32.const 7))) (i32.const 1))
      (then
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (if (i32.gt_u (local.get $n) (i32.const 3)) (then (return (i32.const 0))))
        (local.set $out (i32.or (local.get $out) (i32.shl (local.get $b) (i32.shl (local.get $n) (i32.const 3)))))))
    (local.set $b (i32.add (local.get $b) (i32.const 1)))
    (br_if $each (i32.lt_u (local.get $b) (i32.const 256))))
  (i32.or (local.get $out) (local.get $n)))

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
