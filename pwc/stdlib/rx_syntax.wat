;; rx_syntax.wat: the first pass of rx.wat's compiler: an RE2 pattern
;; (bytes, UTF-8) -> a tree, as syntax.py parses it and simplify.py
;; simplifies it: flags, case folding and classes are applied as they are
;; met, classes become normalized code point sets.  Errors go through
;; $rx_fail (the first one wins) and every caller returns when $rx_error is
;; set.  Everything lives in scratch memory, for the time of $rx_compile.

;; ===== parser state =======================================================

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

;; $RX_MAX_REPEAT: syntax.MAX_REPEAT, the largest count, nested ones multiplied.
(global $RX_MAX_REPEAT i32 (i32.const 1000))

;; $RX_MAX_NESTING: syntax.MAX_NESTING, parentheses open at once.
(global $RX_MAX_NESTING i32 (i32.const 250))

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
