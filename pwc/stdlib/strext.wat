;; strext.wat: the string functions of cel-go's strings extension: indexOf,
;; lastIndexOf, substring, charAt, replace, split and join.
;;
;; Code points are counted as $str_size counts them: a code point starts at
;; every byte that is not a UTF-8 continuation byte (0x80..0xBF), so every
;; byte string, invalid UTF-8 included, has a defined answer.  Code point k
;; (0 <= k < size) covers the bytes from its start up to the next start or
;; the end of the string; code point 0 also owns the continuation bytes
;; that come before the first start, if any (never in valid UTF-8).  A
;; string of continuation bytes only has size 0: no code points at all.
;;
;; Searching is bytewise, as Go's strings.Index, Replace and SplitN search:
;; a match at byte offset p has the code-point index size(s[:p]), which for
;; valid UTF-8 is the index of the matching code point.  A search scans for
;; the needle's first byte (8 bytes per step) and compares the rest at each
;; hit; when false hits cost too much (needle "aa..ab" in "aaaa...") it
;; goes on with the Two-Way algorithm, so every search is O(len(s) +
;; len(needle)) at worst, and every function linear in its input and
;; output.  No function needs memory beyond its one result.

;; $cp_count: the number of code-point starts (bytes outside 0x80..0xBF)
;; among the $n bytes at $p.  Counts 8 bytes per step: a continuation byte
;; has bit 7 set and bit 6 clear, so x & ~(x << 1) & 0x80.. flags exactly
;; the continuation bytes of the word x.
(func $cp_count (param $p i32) (param $n i32) (result i32)
  (local $end i32) (local $count i32) (local $x i64)
  (local.set $end (i32.add (local.get $p) (local.get $n)))
  (local.set $count (local.get $n))
  (block $tail
    (loop $wide
      (br_if $tail (i32.lt_u (i32.sub (local.get $end) (local.get $p)) (i32.const 8)))
      (local.set $x (i64.load (local.get $p)))
      (local.set $count (i32.sub (local.get $count) (i32.wrap_i64 (i64.popcnt
        (i64.and (i64.and (local.get $x) (i64.xor (i64.shl (local.get $x) (i64.const 1)) (i64.const -1)))
                 (i64.const 0x8080808080808080))))))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br $wide)))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $count (i32.sub (local.get $count)
        (i32.eq (i32.and (i32.load8_u (local.get $p)) (i32.const 0xC0)) (i32.const 0x80))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $bytes)))
  (local.get $count))

;; $cp_offset: the byte offset where code point $k (unsigned) of the $n
;; bytes at $p begins: the offset of the start numbered $k (from 0), or $n
;; when there are not that many starts (so $k >= size gives $n).  Code point
;; 0 begins at 0 when there is any start (it owns leading continuation
;; bytes).  Skips 8 bytes per step while the word holds no more starts than
;; are left to skip.
(func $cp_offset (param $p i32) (param $n i32) (param $k i32) (result i32)
  (local $i i32) (local $left i32) (local $c i32) (local $x i64)
  (local.set $left (local.get $k))
  (block $tail
    (loop $wide
      (br_if $tail (i32.lt_u (i32.sub (local.get $n) (local.get $i)) (i32.const 8)))
      (local.set $x (i64.load (i32.add (local.get $p) (local.get $i))))
      (local.set $c (i32.sub (i32.const 8) (i32.wrap_i64 (i64.popcnt
        (i64.and (i64.and (local.get $x) (i64.xor (i64.shl (local.get $x) (i64.const 1)) (i64.const -1)))
                 (i64.const 0x8080808080808080))))))
      (br_if $tail (i32.gt_u (local.get $c) (local.get $left)))
      (local.set $left (i32.sub (local.get $left) (local.get $c)))
      (local.set $i (i32.add (local.get $i) (i32.const 8)))
      (br $wide)))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (if (i32.ne (i32.and (i32.load8_u (i32.add (local.get $p) (local.get $i))) (i32.const 0xC0))
                  (i32.const 0x80))
        (then
          (if (i32.eqz (local.get $left))
            (then (return (select (i32.const 0) (local.get $i) (i32.eqz (local.get $k))))))
          (local.set $left (i32.sub (local.get $left) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $bytes)))
  (local.get $n))

;; $cp_clamp: code-point index $i (a CEL int) clamped into [0, $n] and
;; made an i32; $n is a byte length, which no size exceeds, so every index
;; at or past the size stays at or past it.
(func $cp_clamp (param $i i64) (param $n i32) (result i32)
  (if (i64.lt_s (local.get $i) (i64.const 0)) (then (return (i32.const 0))))
  (if (i64.gt_u (local.get $i) (i64.extend_i32_u (local.get $n))) (then (return (local.get $n))))
  (i32.wrap_i64 (local.get $i)))

;; $mem_find_byte: the index of the first byte equal to $c (0..255) among
;; the $n bytes at $p, or -1.  Looks at 8 bytes per step: with x the word
;; XOR $c in every byte, (x - 0x01..) & ~x & 0x80.. is nonzero exactly when
;; some byte of x is zero, and its lowest set bit marks the first such byte
;; (borrows only ever run upwards from a zero byte).
(func $mem_find_byte (param $p i32) (param $n i32) (param $c i32) (result i32)
  (local $i i32) (local $x i64) (local $pat i64) (local $z i64)
  (local.set $pat (i64.mul (i64.extend_i32_u (local.get $c)) (i64.const 0x0101010101010101)))
  (block $tail
    (loop $wide
      (br_if $tail (i32.lt_u (i32.sub (local.get $n) (local.get $i)) (i32.const 8)))
      (local.set $x (i64.xor (i64.load (i32.add (local.get $p) (local.get $i))) (local.get $pat)))
      (local.set $z (i64.and (i64.and (i64.sub (local.get $x) (i64.const 0x0101010101010101))
                                      (i64.xor (local.get $x) (i64.const -1)))
                             (i64.const 0x8080808080808080)))
      (if (i64.ne (local.get $z) (i64.const 0))
        (then (return (i32.add (local.get $i)
                               (i32.wrap_i64 (i64.shr_u (i64.ctz (local.get $z)) (i64.const 3)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 8)))
      (br $wide)))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (if (i32.eq (i32.load8_u (i32.add (local.get $p) (local.get $i))) (local.get $c))
        (then (return (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $bytes)))
  (i32.const -1))

;; $tw_max_suffix: for the $m >= 1 bytes read from $q in direction $step
;; (1: forwards from their first byte; -1: backwards from their last), the
;; start of their maximal suffix under byte order ($rev = 0) or reversed
;; byte order ($rev = 1), and the period of that suffix, packed (start <<
;; 32) | period.  Crochemore-Perrin's computation; O($m), 2m comparisons.
(func $tw_max_suffix (param $q i32) (param $step i32) (param $m i32) (param $rev i32) (result i64)
  (local $ms i32) (local $j i32) (local $k i32) (local $p i32) (local $a i32) (local $b i32) (local $t i32)
  (local.set $ms (i32.const -1))
  (local.set $k (i32.const 1))
  (local.set $p (i32.const 1))
  (block $done
    (loop $scan
      (br_if $done (i32.ge_s (i32.add (local.get $j) (local.get $k)) (local.get $m)))
      (local.set $a (i32.load8_u (i32.add (local.get $q) (i32.mul (i32.add (local.get $j) (local.get $k)) (local.get $step)))))
      (local.set $b (i32.load8_u (i32.add (local.get $q) (i32.mul (i32.add (local.get $ms) (local.get $k)) (local.get $step)))))
      (if (local.get $rev)
        (then (local.set $t (local.get $a)) (local.set $a (local.get $b)) (local.set $b (local.get $t))))
      (if (i32.lt_u (local.get $a) (local.get $b))
        (then
          ;; the suffix is smaller: its period is everything since $ms
          (local.set $j (i32.add (local.get $j) (local.get $k)))
          (local.set $k (i32.const 1))
          (local.set $p (i32.sub (local.get $j) (local.get $ms))))
        (else
          (if (i32.eq (local.get $a) (local.get $b))
            (then
              ;; one more byte of the current period
              (if (i32.ne (local.get $k) (local.get $p))
                (then (local.set $k (i32.add (local.get $k) (i32.const 1))))
                (else
                  (local.set $j (i32.add (local.get $j) (local.get $p)))
                  (local.set $k (i32.const 1)))))
            (else
              ;; the suffix is larger: it starts over here
              (local.set $ms (local.get $j))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (local.set $k (i32.const 1))
              (local.set $p (i32.const 1))))))
      (br $scan)))
  (i64.or (i64.shl (i64.extend_i32_u (i32.add (local.get $ms) (i32.const 1))) (i64.const 32))
          (i64.extend_i32_u (local.get $p))))

;; $mem_find_two_way: the offset of the first occurrence of the $m >= 1
;; bytes at $q in the $n bytes at $p, both read in direction $step (1:
;; forwards from their first bytes; -1: backwards from their last bytes,
;; which finds the last occurrence, counted from the end), or -1.  The
;; Two-Way algorithm (Crochemore and Perrin 1991): split the needle at a
;; critical factorization, match its right part left to right, then its
;; left part right to left, shifting by the period (remembering the
;; matched prefix when the needle is periodic) or past the mismatch.
;; O(n + m) time, at most about 2n + 2m byte comparisons; no memory.
(func $mem_find_two_way (param $p i32) (param $n i32) (param $q i32) (param $m i32) (param $step i32) (result i32)
  (local $f1 i64) (local $f2 i64) (local $suffix i32) (local $period i32) (local $last i32)
  (local $i i32) (local $j i32) (local $mem i32)
  (if (i32.gt_u (local.get $m) (local.get $n)) (then (return (i32.const -1))))
  (local.set $last (i32.sub (local.get $n) (local.get $m)))
  ;; the critical factorization: the later of the two maximal suffixes
  (local.set $f1 (call $tw_max_suffix (local.get $q) (local.get $step) (local.get $m) (i32.const 0)))
  (local.set $f2 (call $tw_max_suffix (local.get $q) (local.get $step) (local.get $m) (i32.const 1)))
  (if (i64.lt_u (i64.shr_u (local.get $f2) (i64.const 32)) (i64.shr_u (local.get $f1) (i64.const 32)))
    (then (local.set $f2 (local.get $f1))))
  (local.set $suffix (i32.wrap_i64 (i64.shr_u (local.get $f2) (i64.const 32))))
  (local.set $period (i32.wrap_i64 (local.get $f2)))
  ;; periodic needle: its left part recurs one period later
  (local.set $i (i32.const 0))
  (block $differs
    (loop $left
      (if (i32.ge_u (local.get $i) (local.get $suffix))
        (then
          (block $none
            (loop $shift
              (br_if $none (i32.gt_u (local.get $j) (local.get $last)))
              ;; right part, from past what is known to match
              (local.set $i (select (local.get $suffix) (local.get $mem)
                                    (i32.gt_u (local.get $suffix) (local.get $mem))))
              (block $right_done
                (loop $right
                  (br_if $right_done (i32.ge_u (local.get $i) (local.get $m)))
                  (br_if $right_done
                    (i32.ne (i32.load8_u (i32.add (local.get $q) (i32.mul (local.get $i) (local.get $step))))
                            (i32.load8_u (i32.add (local.get $p) (i32.mul (i32.add (local.get $i) (local.get $j)) (local.get $step))))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $right)))
              (if (i32.lt_u (local.get $i) (local.get $m))
                (then
                  (local.set $j (i32.add (local.get $j) (i32.add (i32.sub (local.get $i) (local.get $suffix))
                                                                  (i32.const 1))))
                  (local.set $mem (i32.const 0))
                  (br $shift)))
              ;; left part, down to what is known to match
              (local.set $i (i32.sub (local.get $suffix) (i32.const 1)))
              (block $left_done
                (loop $leftscan
                  (br_if $left_done (i32.lt_s (local.get $i) (local.get $mem)))
                  (br_if $left_done
                    (i32.ne (i32.load8_u (i32.add (local.get $q) (i32.mul (local.get $i) (local.get $step))))
                            (i32.load8_u (i32.add (local.get $p) (i32.mul (i32.add (local.get $i) (local.get $j)) (local.get $step))))))
                  (local.set $i (i32.sub (local.get $i) (i32.const 1)))
                  (br $leftscan)))
              (if (i32.lt_s (local.get $i) (local.get $mem)) (then (return (local.get $j))))
              (local.set $j (i32.add (local.get $j) (local.get $period)))
              (local.set $mem (i32.sub (local.get $m) (local.get $period)))
              (br $shift)))
          (return (i32.const -1))))
      (br_if $differs
        (i32.ne (i32.load8_u (i32.add (local.get $q) (i32.mul (local.get $i) (local.get $step))))
                (i32.load8_u (i32.add (local.get $q) (i32.mul (i32.add (local.get $i) (local.get $period)) (local.get $step))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $left)))
  ;; distinct halves: any mismatch allows the largest shift
  (local.set $period (i32.add (select (local.get $suffix) (i32.sub (local.get $m) (local.get $suffix))
                                      (i32.gt_u (local.get $suffix) (i32.sub (local.get $m) (local.get $suffix))))
                              (i32.const 1)))
  (block $none
    (loop $shift
      (br_if $none (i32.gt_u (local.get $j) (local.get $last)))
      (local.set $i (local.get $suffix))
      (block $right_done
        (loop $right
          (br_if $right_done (i32.ge_u (local.get $i) (local.get $m)))
          (br_if $right_done
            (i32.ne (i32.load8_u (i32.add (local.get $q) (i32.mul (local.get $i) (local.get $step))))
                    (i32.load8_u (i32.add (local.get $p) (i32.mul (i32.add (local.get $i) (local.get $j)) (local.get $step))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $right)))
      (if (i32.lt_u (local.get $i) (local.get $m))
        (then
          (local.set $j (i32.add (local.get $j) (i32.add (i32.sub (local.get $i) (local.get $suffix)) (i32.const 1))))
          (br $shift)))
      (local.set $i (i32.sub (local.get $suffix) (i32.const 1)))
      (block $left_done
        (loop $leftscan
          (br_if $left_done (i32.lt_s (local.get $i) (i32.const 0)))
          (br_if $left_done
            (i32.ne (i32.load8_u (i32.add (local.get $q) (i32.mul (local.get $i) (local.get $step))))
                    (i32.load8_u (i32.add (local.get $p) (i32.mul (i32.add (local.get $i) (local.get $j)) (local.get $step))))))
          (local.set $i (i32.sub (local.get $i) (i32.const 1)))
          (br $leftscan)))
      (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (local.get $j))))
      (local.set $j (i32.add (local.get $j) (local.get $period)))
      (br $shift)))
  (i32.const -1))

;; $mem_find: the byte offset of the first occurrence of the $m bytes at $q
;; (needle, $m >= 1) in the $n bytes at $p at offset $from or later, or -1.
;; Scans for the needle's first byte ($mem_find_byte, 8 bytes per step) and
;; compares the rest at each hit ($mem_eq).  A false hit may cost up to $m
;; bytes of comparing; once those costs pass the bytes scanned plus 256,
;; the rest is searched with $mem_find_two_way.  So O(n - from + m) always,
;; and about 4 instructions per byte when the first byte is rare.
(func $mem_find (param $p i32) (param $n i32) (param $q i32) (param $m i32) (param $from i32) (result i32)
  (local $last i32) (local $first i32) (local $j i32) (local $start i32) (local $spent i32)
  (if (i32.gt_u (local.get $m) (local.get $n)) (then (return (i32.const -1))))
  (local.set $last (i32.sub (local.get $n) (local.get $m)))
  (local.set $first (i32.load8_u (local.get $q)))
  (local.set $start (local.get $from))
  (block $none
    (loop $scan
      (br_if $none (i32.gt_u (local.get $from) (local.get $last)))
      (local.set $j (call $mem_find_byte (i32.add (local.get $p) (local.get $from))
                                         (i32.add (i32.sub (local.get $last) (local.get $from)) (i32.const 1))
                                         (local.get $first)))
      (br_if $none (i32.lt_s (local.get $j) (i32.const 0)))
      (local.set $from (i32.add (local.get $from) (local.get $j)))
      (if (call $mem_eq (i32.add (i32.add (local.get $p) (local.get $from)) (i32.const 1))
                        (i32.add (local.get $q) (i32.const 1))
                        (i32.sub (local.get $m) (i32.const 1)))
        (then (return (local.get $from))))
      (local.set $from (i32.add (local.get $from) (i32.const 1)))
      (local.set $spent (i32.add (local.get $spent) (local.get $m)))
      (if (i32.gt_u (local.get $spent) (i32.add (i32.sub (local.get $from) (local.get $start)) (i32.const 256)))
        (then
          (local.set $j (call $mem_find_two_way (i32.add (local.get $p) (local.get $from))
                                                (i32.sub (local.get $n) (local.get $from))
                                                (local.get $q) (local.get $m) (i32.const 1)))
          (if (i32.lt_s (local.get $j) (i32.const 0)) (then (return (i32.const -1))))
          (return (i32.add (local.get $from) (local.get $j)))))
      (br $scan)))
  (i32.const -1))

;; $str_index_of: CEL s.indexOf(t): the code-point index of the first
;; occurrence of $t in $s (size of the bytes before it), -1 when there is
;; none; "" occurs at 0.  Cost: $mem_find, then $cp_count of the prefix.
(func $str_index_of (param $s i64) (param $t i64) (result i64)
  (local $p i32) (local $at i32)
  (if (i32.eqz (call $str_len (local.get $t))) (then (return (i64.const 0))))
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $at (call $mem_find (local.get $p) (call $str_len (local.get $s))
                                 (call $str_ptr (local.get $t)) (call $str_len (local.get $t)) (i32.const 0)))
  (if (i32.lt_s (local.get $at) (i32.const 0)) (then (return (i64.const -1))))
  (i64.extend_i32_u (call $cp_count (local.get $p) (local.get $at))))

;; $str_last_index_of: CEL s.lastIndexOf(t): the code-point index of the
;; last occurrence of $t in $s (size of the bytes before it), -1 when there
;; is none; "" gives size(s).  A backward scan comparing the first byte,
;; then the rest ($mem_eq); once false hits have cost more than the bytes
;; scanned plus 256, the rest is searched backwards with $mem_find_two_way.
;; O(len(s) + len(t)) always.
(func $str_last_index_of (param $s i64) (param $t i64) (result i64)
  (local $p i32) (local $n i32) (local $q i32) (local $m i32) (local $i i32) (local $first i32)
  (local $start i32) (local $spent i32) (local $rest i32) (local $at i32)
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $n (call $str_len (local.get $s)))
  (local.set $q (call $str_ptr (local.get $t)))
  (local.set $m (call $str_len (local.get $t)))
  (if (i32.eqz (local.get $m))
    (then (return (i64.extend_i32_u (call $cp_count (local.get $p) (local.get $n))))))
  (if (i32.gt_u (local.get $m) (local.get $n)) (then (return (i64.const -1))))
  (local.set $i (i32.sub (local.get $n) (local.get $m)))
  (local.set $start (local.get $i))
  (local.set $first (i32.load8_u (local.get $q)))
  (block $none
    (loop $scan
      (if (i32.eq (i32.load8_u (i32.add (local.get $p) (local.get $i))) (local.get $first))
        (then
          (if (call $mem_eq (i32.add (i32.add (local.get $p) (local.get $i)) (i32.const 1))
                            (i32.add (local.get $q) (i32.const 1))
                            (i32.sub (local.get $m) (i32.const 1)))
            (then (return (i64.extend_i32_u (call $cp_count (local.get $p) (local.get $i))))))
          (local.set $spent (i32.add (local.get $spent) (local.get $m)))))
      (br_if $none (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (if (i32.gt_u (local.get $spent) (i32.add (i32.sub (local.get $start) (local.get $i)) (i32.const 256)))
        (then
          ;; occurrences starting at 0..i lie in the first i + m bytes;
          ;; the first one backwards is the last one
          (local.set $rest (i32.add (local.get $i) (local.get $m)))
          (local.set $at (call $mem_find_two_way (i32.add (local.get $p) (i32.sub (local.get $rest) (i32.const 1)))
                                                 (local.get $rest)
                                                 (i32.add (local.get $q) (i32.sub (local.get $m) (i32.const 1)))
                                                 (local.get $m) (i32.const -1)))
          (if (i32.lt_s (local.get $at) (i32.const 0)) (then (return (i64.const -1))))
          (return (i64.extend_i32_u (call $cp_count (local.get $p)
                                      (i32.sub (i32.sub (local.get $rest) (local.get $at)) (local.get $m)))))))
      (br $scan)))
  (i64.const -1))

;; $str_substring: CEL s.substring(start[, end]): code points [$start,
;; $end) of $s, both clamped into [0, size(s)] (a negative index is 0, not
;; counted from the end); "" when $end <= $start.  s.substring(start)
;; passes $end = 2^63 - 1.  Result: a slice of $s.  Cost: O(bytes up to the
;; end of the slice), 8 bytes per step where possible.
(func $str_substring (param $s i64) (param $start i64) (param $end i64) (result i64)
  (local $p i32) (local $n i32) (local $a i32) (local $b i32) (local $from i32) (local $to i32)
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $n (call $str_len (local.get $s)))
  (local.set $from (call $cp_clamp (local.get $start) (local.get $n)))
  (local.set $to (call $cp_clamp (local.get $end) (local.get $n)))
  (if (i32.le_u (local.get $to) (local.get $from)) (then (return (i64.const 0))))
  (local.set $a (call $cp_offset (local.get $p) (local.get $n) (local.get $from)))
  ;; counting on from $a: it is a start, or 0 (then code point 0 is the
  ;; rest's code point 0 too), so the rest's code point to - from is ours
  (local.set $b (i32.add (local.get $a)
    (call $cp_offset (i32.add (local.get $p) (local.get $a)) (i32.sub (local.get $n) (local.get $a))
                     (i32.sub (local.get $to) (local.get $from)))))
  (call $str_pack (i32.add (local.get $p) (local.get $a)) (i32.sub (local.get $b) (local.get $a))))

;; $str_char_at: CEL s.charAt(i): code point $i of $s as a string (a slice
;; of $s: its start byte and the continuation bytes after it, for code
;; point 0 also those before it), "" when $i < 0 or $i >= size(s).
(func $str_char_at (param $s i64) (param $i i64) (result i64)
  (if (i64.lt_s (local.get $i) (i64.const 0)) (then (return (i64.const 0))))
  (call $str_substring (local.get $s) (local.get $i) (i64.add (local.get $i) (i64.const 1))))

;; $str_interleave: $new before every code point of $s and once at the end
;; (Go's strings.Replace(s, "", new, -1), code points counted as here): a
;; size-0 $s gives $s followed by $new.  $s itself when $new is "".
;; Errors: scratch exhausted, or a result of 4 GiB or more -> $rt_error = 4,
;; result "".
(func $str_interleave (param $s i64) (param $new i64) (result i64)
  (local $p i32) (local $n i32) (local $r i32) (local $k i32) (local $total i64)
  (local $out i32) (local $w i32) (local $i i32) (local $prev i32) (local $seen i32)
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $n (call $str_len (local.get $s)))
  (local.set $r (call $str_ptr (local.get $new)))
  (local.set $k (call $str_len (local.get $new)))
  (if (i32.eqz (local.get $k)) (then (return (local.get $s))))
  (local.set $total (i64.add (i64.extend_i32_u (local.get $n))
    (i64.mul (i64.add (i64.extend_i32_u (call $cp_count (local.get $p) (local.get $n))) (i64.const 1))
             (i64.extend_i32_u (local.get $k)))))
  (if (i64.gt_u (local.get $total) (i64.const 0xFFFFFFFF))
    (then
      (global.set $rt_error (global.get $E_OUT_OF_MEMORY))
      (return (i64.const 0))))
  (local.set $out (call $alloc (i32.wrap_i64 (local.get $total))))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (local.set $w (local.get $out))
  ;; [prev, i) is copied at each start after the first; the first start's
  ;; $new goes at offset 0, before any leading continuation bytes
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (if (i32.ne (i32.and (i32.load8_u (i32.add (local.get $p) (local.get $i))) (i32.const 0xC0))
                  (i32.const 0x80))
        (then
          (if (local.get $seen)
            (then
              (memory.copy (local.get $w) (i32.add (local.get $p) (local.get $prev))
                           (i32.sub (local.get $i) (local.get $prev)))
              (local.set $w (i32.add (local.get $w) (i32.sub (local.get $i) (local.get $prev))))
              (local.set $prev (local.get $i))))
          (local.set $seen (i32.const 1))
          (memory.copy (local.get $w) (local.get $r) (local.get $k))
          (local.set $w (i32.add (local.get $w) (local.get $k)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $bytes)))
  (memory.copy (local.get $w) (i32.add (local.get $p) (local.get $prev)) (i32.sub (local.get $n) (local.get $prev)))
  (memory.copy (i32.add (local.get $w) (i32.sub (local.get $n) (local.get $prev))) (local.get $r) (local.get $k))
  (call $str_pack (local.get $out) (i32.wrap_i64 (local.get $total))))

;; $str_replace: CEL s.replace(old, new): $s with every non-overlapping
;; occurrence of $old, found left to right, replaced by $new (Go's
;; strings.Replace with n = -1).  An empty $old puts $new before every code
;; point and at the end ($str_interleave).  Result: $s itself when nothing
;; is replaced, else one new scratch string (its size is counted first).
;; Cost: two $mem_find passes over $s (linear: each pass is O(len(s)) plus
;; O(len(old) + 256) per match, and matches do not overlap), then the copy.
;; Errors: scratch exhausted, or a result of 4 GiB or more -> $rt_error = 4,
;; result "".
(func $str_replace (param $s i64) (param $old i64) (param $new i64) (result i64)
  (local $p i32) (local $n i32) (local $q i32) (local $m i32) (local $r i32) (local $k i32)
  (local $count i32) (local $i i32) (local $at i32) (local $total i64) (local $out i32) (local $w i32)
  (local.set $m (call $str_len (local.get $old)))
  (if (i32.eqz (local.get $m)) (then (return (call $str_interleave (local.get $s) (local.get $new)))))
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $n (call $str_len (local.get $s)))
  (local.set $q (call $str_ptr (local.get $old)))
  (local.set $r (call $str_ptr (local.get $new)))
  (local.set $k (call $str_len (local.get $new)))
  (block $counted
    (loop $count_matches
      (local.set $at (call $mem_find (local.get $p) (local.get $n) (local.get $q) (local.get $m) (local.get $i)))
      (br_if $counted (i32.lt_s (local.get $at) (i32.const 0)))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (local.set $i (i32.add (local.get $at) (local.get $m)))
      (br $count_matches)))
  (if (i32.eqz (local.get $count)) (then (return (local.get $s))))
  ;; never negative: the matches hold count * m bytes of s
  (local.set $total (i64.add (i64.extend_i32_u (local.get $n))
    (i64.mul (i64.extend_i32_u (local.get $count))
             (i64.sub (i64.extend_i32_u (local.get $k)) (i64.extend_i32_u (local.get $m))))))
  (if (i64.gt_u (local.get $total) (i64.const 0xFFFFFFFF))
    (then
      (global.set $rt_error (global.get $E_OUT_OF_MEMORY))
      (return (i64.const 0))))
  (if (i64.eqz (local.get $total)) (then (return (i64.const 0))))
  (local.set $out (call $alloc (i32.wrap_i64 (local.get $total))))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (local.set $w (local.get $out))
  (local.set $i (i32.const 0))
  (block $copied
    (loop $copy
      (local.set $at (call $mem_find (local.get $p) (local.get $n) (local.get $q) (local.get $m) (local.get $i)))
      (br_if $copied (i32.lt_s (local.get $at) (i32.const 0)))
      (memory.copy (local.get $w) (i32.add (local.get $p) (local.get $i)) (i32.sub (local.get $at) (local.get $i)))
      (local.set $w (i32.add (local.get $w) (i32.sub (local.get $at) (local.get $i))))
      (memory.copy (local.get $w) (local.get $r) (local.get $k))
      (local.set $w (i32.add (local.get $w) (local.get $k)))
      (local.set $i (i32.add (local.get $at) (local.get $m)))
      (br $copy)))
  (memory.copy (local.get $w) (i32.add (local.get $p) (local.get $i)) (i32.sub (local.get $n) (local.get $i)))
  (call $str_pack (local.get $out) (i32.wrap_i64 (local.get $total))))

;; $list_new: a new scratch list with room for $count items, its count set
;; (the items are not written).  $count >= 1.
;; Errors: scratch exhausted, or 4 GiB or more -> $rt_error = 4, result 0.
(func $list_new (param $count i32) (result i32)
  (local $list i32) (local $bytes i64)
  (local.set $bytes (i64.add (i64.const 8) (i64.shl (i64.extend_i32_u (local.get $count)) (i64.const 3))))
  (if (i64.gt_u (local.get $bytes) (i64.const 0xFFFFFFFF))
    (then
      (global.set $rt_error (global.get $E_OUT_OF_MEMORY))
      (return (i32.const 0))))
  (local.set $list (call $alloc (i32.wrap_i64 (local.get $bytes))))
  (if (i32.eqz (local.get $list)) (then (return (i32.const 0))))
  (i32.store (local.get $list) (local.get $count))
  (i32.store offset=4 (local.get $list) (i32.const 0))
  (local.get $list))

;; $str_split_cps: the code points of $s as a new list of slices of $s, at
;; most $n of them ($n < 0: no limit; $n >= 1), the last holding the rest
;; of $s (Go's strings.SplitN(s, "", n), code points counted as here).
;; size(s) = 0 (so "") gives the empty list 0.
;; Errors: scratch exhausted -> $rt_error = 4, result 0.
(func $str_split_cps (param $s i64) (param $n i64) (result i32)
  (local $p i32) (local $len i32) (local $size i32) (local $count i32) (local $list i32)
  (local $item i32) (local $last i32) (local $a i32) (local $i i32) (local $seen i32)
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $len (call $str_len (local.get $s)))
  (local.set $size (call $cp_count (local.get $p) (local.get $len)))
  (if (i32.eqz (local.get $size)) (then (return (i32.const 0))))
  (local.set $count (local.get $size))
  (if (i32.and (i64.gt_s (local.get $n) (i64.const 0))
               (i64.lt_u (local.get $n) (i64.extend_i32_u (local.get $size))))
    (then (local.set $count (i32.wrap_i64 (local.get $n)))))
  (local.set $list (call $list_new (local.get $count)))
  (if (i32.eqz (local.get $list)) (then (return (i32.const 0))))
  (local.set $item (i32.add (local.get $list) (i32.const 8)))
  (local.set $last (i32.add (local.get $item) (i32.shl (i32.sub (local.get $count) (i32.const 1)) (i32.const 3))))
  ;; a piece [a, i) ends at each start after the first; there are at least
  ;; $count starts, so the loop ends by filling all but the last item
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $item) (local.get $last)))
      (if (i32.ne (i32.and (i32.load8_u (i32.add (local.get $p) (local.get $i))) (i32.const 0xC0))
                  (i32.const 0x80))
        (then
          (if (local.get $seen)
            (then
              (i64.store (local.get $item)
                (call $str_pack (i32.add (local.get $p) (local.get $a)) (i32.sub (local.get $i) (local.get $a))))
              (local.set $item (i32.add (local.get $item) (i32.const 8)))
              (local.set $a (local.get $i))))
          (local.set $seen (i32.const 1))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $bytes)))
  (i64.store (local.get $last)
    (call $str_pack (i32.add (local.get $p) (local.get $a)) (i32.sub (local.get $len) (local.get $a))))
  (local.get $list))

;; $str_split: CEL s.split(sep[, n]), Go's strings.SplitN: the pieces of $s
;; between occurrences of $sep (found left to right, not overlapping) as a
;; new list of slices of $s.  $n < 0: all pieces; $n = 0: the empty list
;; (0); $n > 0: at most $n pieces, the last holding the rest of $s.  An
;; empty $sep splits into code points ($str_split_cps; "" gives the empty
;; list).  split("", sep) with a non-empty sep is [""].
;; Cost: two $mem_find passes over $s, linear as in $str_replace.
;; Errors: scratch exhausted -> $rt_error = 4, result 0.
(func $str_split (param $s i64) (param $sep i64) (param $n i64) (result i32)
  (local $p i32) (local $len i32) (local $q i32) (local $m i32) (local $max i32)
  (local $count i32) (local $i i32) (local $at i32) (local $list i32) (local $item i32) (local $last i32)
  (if (i64.eqz (local.get $n)) (then (return (i32.const 0))))
  (local.set $m (call $str_len (local.get $sep)))
  (if (i32.eqz (local.get $m)) (then (return (call $str_split_cps (local.get $s) (local.get $n)))))
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $len (call $str_len (local.get $s)))
  (local.set $q (call $str_ptr (local.get $sep)))
  ;; at most len + 1 pieces, so a limit past 2^32 - 1 is no limit
  (local.set $max (i32.const -1))
  (if (i32.and (i64.gt_s (local.get $n) (i64.const 0)) (i64.lt_u (local.get $n) (i64.const 0xFFFFFFFF)))
    (then (local.set $max (i32.wrap_i64 (local.get $n)))))
  (local.set $count (i32.const 1))
  (block $counted
    (loop $count_pieces
      (br_if $counted (i32.ge_u (local.get $count) (local.get $max)))
      (local.set $at (call $mem_find (local.get $p) (local.get $len) (local.get $q) (local.get $m) (local.get $i)))
      (br_if $counted (i32.lt_s (local.get $at) (i32.const 0)))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (local.set $i (i32.add (local.get $at) (local.get $m)))
      (br $count_pieces)))
  (local.set $list (call $list_new (local.get $count)))
  (if (i32.eqz (local.get $list)) (then (return (i32.const 0))))
  (local.set $item (i32.add (local.get $list) (i32.const 8)))
  (local.set $last (i32.add (local.get $item) (i32.shl (i32.sub (local.get $count) (i32.const 1)) (i32.const 3))))
  (local.set $i (i32.const 0))
  (block $done
    (loop $pieces
      (br_if $done (i32.ge_u (local.get $item) (local.get $last)))
      (local.set $at (call $mem_find (local.get $p) (local.get $len) (local.get $q) (local.get $m) (local.get $i)))
      (i64.store (local.get $item)
        (call $str_pack (i32.add (local.get $p) (local.get $i)) (i32.sub (local.get $at) (local.get $i))))
      (local.set $i (i32.add (local.get $at) (local.get $m)))
      (local.set $item (i32.add (local.get $item) (i32.const 8)))
      (br $pieces)))
  (i64.store (local.get $last)
    (call $str_pack (i32.add (local.get $p) (local.get $i)) (i32.sub (local.get $len) (local.get $i))))
  (local.get $list))

;; $list_join: CEL L.join(sep): the items of list $list with $sep between
;; each two ("" for the empty list).  A one-item list gives its item itself;
;; otherwise one new scratch string (its size is counted first).
;; Errors: scratch exhausted, or a result of 4 GiB or more -> $rt_error = 4,
;; result "".
(func $list_join (param $list i32) (param $sep i64) (result i64)
  (local $count i32) (local $item i32) (local $end i32) (local $total i64) (local $out i32) (local $w i32)
  (local $x i64) (local $q i32) (local $m i32)
  (if (i32.eqz (local.get $list)) (then (return (i64.const 0))))
  (local.set $count (i32.load (local.get $list)))
  (if (i32.eqz (local.get $count)) (then (return (i64.const 0))))
  (local.set $item (i32.add (local.get $list) (i32.const 8)))
  (if (i32.eq (local.get $count) (i32.const 1)) (then (return (i64.load (local.get $item)))))
  (local.set $end (i32.add (local.get $item) (i32.shl (local.get $count) (i32.const 3))))
  (local.set $q (call $str_ptr (local.get $sep)))
  (local.set $m (call $str_len (local.get $sep)))
  (local.set $total (i64.mul (i64.extend_i32_u (i32.sub (local.get $count) (i32.const 1)))
                             (i64.extend_i32_u (local.get $m))))
  (block $sized
    (loop $size
      (br_if $sized (i32.ge_u (local.get $item) (local.get $end)))
      (local.set $total (i64.add (local.get $total)
                                 (i64.extend_i32_u (call $str_len (i64.load (local.get $item))))))
      (local.set $item (i32.add (local.get $item) (i32.const 8)))
      (br $size)))
  (if (i64.gt_u (local.get $total) (i64.const 0xFFFFFFFF))
    (then
      (global.set $rt_error (global.get $E_OUT_OF_MEMORY))
      (return (i64.const 0))))
  (if (i64.eqz (local.get $total)) (then (return (i64.const 0))))
  (local.set $out (call $alloc (i32.wrap_i64 (local.get $total))))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (local.set $w (local.get $out))
  (local.set $item (i32.add (local.get $list) (i32.const 8)))
  (loop $copy
    (local.set $x (i64.load (local.get $item)))
    (memory.copy (local.get $w) (call $str_ptr (local.get $x)) (call $str_len (local.get $x)))
    (local.set $w (i32.add (local.get $w) (call $str_len (local.get $x))))
    (local.set $item (i32.add (local.get $item) (i32.const 8)))
    (if (i32.lt_u (local.get $item) (local.get $end))
      (then
        (memory.copy (local.get $w) (local.get $q) (local.get $m))
        (local.set $w (i32.add (local.get $w) (local.get $m)))
        (br $copy))))
  (call $str_pack (local.get $out) (i32.wrap_i64 (local.get $total))))
