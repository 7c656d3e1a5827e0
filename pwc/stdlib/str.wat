;; str.wat: strings.  A string is an i64 packed as (ptr << 32) | len; the
;; empty string is (i64.const 0).  Strings are immutable, so results may be
;; slices of the inputs; new strings live in scratch memory ($alloc).

;; $str_ptr: the pointer half of packed string $s.
(func $str_ptr (param $s i64) (result i32)
  (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 32))))

;; $str_len: the length half of packed string $s.
(func $str_len (param $s i64) (result i32)
  (i32.wrap_i64 (local.get $s)))

;; $str_pack: pack pointer $ptr and length $len into a string; a zero
;; length always gives the canonical empty string 0.
(func $str_pack (param $ptr i32) (param $len i32) (result i64)
  (if (i32.eqz (local.get $len)) (then (return (i64.const 0))))
  (i64.or (i64.shl (i64.extend_i32_u (local.get $ptr)) (i64.const 32))
          (i64.extend_i32_u (local.get $len))))

;; $mem_eq: 1 when the $n bytes at $a and at $b are equal, else 0.
(func $mem_eq (param $a i32) (param $b i32) (param $n i32) (result i32)
  (block $narrow
    (loop $wide
      (br_if $narrow (i32.lt_u (local.get $n) (i32.const 8)))
      (if (i64.ne (i64.load (local.get $a)) (i64.load (local.get $b)))
        (then (return (i32.const 0))))
      (local.set $a (i32.add (local.get $a) (i32.const 8)))
      (local.set $b (i32.add (local.get $b) (i32.const 8)))
      (local.set $n (i32.sub (local.get $n) (i32.const 8)))
      (br $wide)))
  (block $done
    (loop $bytes
      (br_if $done (i32.eqz (local.get $n)))
      (if (i32.ne (i32.load8_u (local.get $a)) (i32.load8_u (local.get $b)))
        (then (return (i32.const 0))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $bytes)))
  (i32.const 1))

;; $ascii_lower: byte $c with A-Z mapped to a-z.
(func $ascii_lower (param $c i32) (result i32)
  (if (result i32) (i32.lt_u (i32.sub (local.get $c) (i32.const 65)) (i32.const 26))
    (then (i32.or (local.get $c) (i32.const 0x20)))
    (else (local.get $c))))

;; $mem_eq_ci: 1 when the $n bytes at $a and at $b are equal ignoring ASCII
;; case, else 0.
(func $mem_eq_ci (param $a i32) (param $b i32) (param $n i32) (result i32)
  (block $done
    (loop $bytes
      (br_if $done (i32.eqz (local.get $n)))
      (if (i32.ne (call $ascii_lower (i32.load8_u (local.get $a)))
                  (call $ascii_lower (i32.load8_u (local.get $b))))
        (then (return (i32.const 0))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $bytes)))
  (i32.const 1))

;; $str_eq: 1 when strings $a and $b hold the same bytes, else 0.
(func $str_eq (param $a i64) (param $b i64) (result i32)
  (if (i32.ne (call $str_len (local.get $a)) (call $str_len (local.get $b)))
    (then (return (i32.const 0))))
  (call $mem_eq (call $str_ptr (local.get $a)) (call $str_ptr (local.get $b))
                (call $str_len (local.get $a))))

;; $str_cmp: compare $a and $b bytewise as unsigned bytes; a proper prefix
;; sorts first.  Result: -1 ($a < $b), 0 (equal) or 1 ($a > $b).
(func $str_cmp (param $a i64) (param $b i64) (result i32)
  (local $pa i32) (local $pb i32) (local $la i32) (local $lb i32)
  (local $n i32) (local $i i32) (local $ca i32) (local $cb i32)
  (local.set $pa (call $str_ptr (local.get $a)))
  (local.set $pb (call $str_ptr (local.get $b)))
  (local.set $la (call $str_len (local.get $a)))
  (local.set $lb (call $str_len (local.get $b)))
  (local.set $n (select (local.get $la) (local.get $lb) (i32.lt_u (local.get $la) (local.get $lb))))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $ca (i32.load8_u (i32.add (local.get $pa) (local.get $i))))
      (local.set $cb (i32.load8_u (i32.add (local.get $pb) (local.get $i))))
      (if (i32.ne (local.get $ca) (local.get $cb))
        (then (return (select (i32.const -1) (i32.const 1)
                              (i32.lt_u (local.get $ca) (local.get $cb))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $bytes)))
  (i32.sub (i32.gt_u (local.get $la) (local.get $lb))
           (i32.lt_u (local.get $la) (local.get $lb))))

;; $str_concat: $a followed by $b.  Returns $a or $b itself when the other
;; is empty, else a new scratch string.
;; Errors: scratch exhausted -> $rt_error = 4, result "".
(func $str_concat (param $a i64) (param $b i64) (result i64)
  (local $la i32) (local $lb i32) (local $p i32)
  (local.set $la (call $str_len (local.get $a)))
  (local.set $lb (call $str_len (local.get $b)))
  (if (i32.eqz (local.get $lb)) (then (return (local.get $a))))
  (if (i32.eqz (local.get $la)) (then (return (local.get $b))))
  (if (i32.lt_u (i32.add (local.get $la) (local.get $lb)) (local.get $la))
    (then
      (global.set $rt_error (global.get $E_OUT_OF_MEMORY))
      (return (i64.const 0))))
  (local.set $p (call $alloc (i32.add (local.get $la) (local.get $lb))))
  (if (i32.eqz (local.get $p)) (then (return (i64.const 0))))
  (memory.copy (local.get $p) (call $str_ptr (local.get $a)) (local.get $la))
  (memory.copy (i32.add (local.get $p) (local.get $la)) (call $str_ptr (local.get $b)) (local.get $lb))
  (call $str_pack (local.get $p) (i32.add (local.get $la) (local.get $lb))))

;; $str_starts_with: 1 when $s begins with $prefix (always for ""), else 0.
(func $str_starts_with (param $s i64) (param $prefix i64) (result i32)
  (if (i32.gt_u (call $str_len (local.get $prefix)) (call $str_len (local.get $s)))
    (then (return (i32.const 0))))
  (call $mem_eq (call $str_ptr (local.get $s)) (call $str_ptr (local.get $prefix))
                (call $str_len (local.get $prefix))))

;; $str_ends_with: 1 when $s ends with $suffix (always for ""), else 0.
(func $str_ends_with (param $s i64) (param $suffix i64) (result i32)
  (local $ls i32) (local $lx i32)
  (local.set $ls (call $str_len (local.get $s)))
  (local.set $lx (call $str_len (local.get $suffix)))
  (if (i32.gt_u (local.get $lx) (local.get $ls)) (then (return (i32.const 0))))
  (call $mem_eq (i32.add (call $str_ptr (local.get $s)) (i32.sub (local.get $ls) (local.get $lx)))
                (call $str_ptr (local.get $suffix)) (local.get $lx)))

;; $str_contains: 1 when $needle occurs in $s (always for ""), else 0.
;; Naive search, O(len(s) * len(needle)) at worst; fine for header-sized text.
(func $str_contains (param $s i64) (param $needle i64) (result i32)
  (local $ps i32) (local $pn i32) (local $ln i32) (local $last i32) (local $i i32) (local $c i32)
  (local.set $ln (call $str_len (local.get $needle)))
  (if (i32.eqz (local.get $ln)) (then (return (i32.const 1))))
  (if (i32.gt_u (local.get $ln) (call $str_len (local.get $s))) (then (return (i32.const 0))))
  (local.set $ps (call $str_ptr (local.get $s)))
  (local.set $pn (call $str_ptr (local.get $needle)))
  (local.set $last (i32.sub (call $str_len (local.get $s)) (local.get $ln)))
  (local.set $c (i32.load8_u (local.get $pn)))
  (block $done
    (loop $scan
      (br_if $done (i32.gt_u (local.get $i) (local.get $last)))
      (if (i32.eq (i32.load8_u (i32.add (local.get $ps) (local.get $i))) (local.get $c))
        (then
          (if (call $mem_eq (i32.add (i32.add (local.get $ps) (local.get $i)) (i32.const 1))
                            (i32.add (local.get $pn) (i32.const 1))
                            (i32.sub (local.get $ln) (i32.const 1)))
            (then (return (i32.const 1))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $scan)))
  (i32.const 0))

;; $str_flip_range: $s with every byte in [$first, $first + 26) XORed with
;; 0x20 (ASCII case flip of one alphabet); $s itself when it has none.
;; Errors: scratch exhausted -> $rt_error = 4, result "".
(func $str_flip_range (param $s i64) (param $first i32) (result i64)
  (local $p i32) (local $n i32) (local $i i32) (local $c i32) (local $out i32)
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $n (call $str_len (local.get $s)))
  (block $found
    (loop $scan
      (if (i32.ge_u (local.get $i) (local.get $n)) (then (return (local.get $s))))
      (br_if $found (i32.lt_u (i32.sub (i32.load8_u (i32.add (local.get $p) (local.get $i)))
                                       (local.get $first))
                              (i32.const 26)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $scan)))
  (local.set $out (call $alloc (local.get $n)))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (memory.copy (local.get $out) (local.get $p) (local.get $i))
  (block $done
    (loop $map
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $i))))
      (if (i32.lt_u (i32.sub (local.get $c) (local.get $first)) (i32.const 26))
        (then (local.set $c (i32.xor (local.get $c) (i32.const 0x20)))))
      (i32.store8 (i32.add (local.get $out) (local.get $i)) (local.get $c))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $map)))
  (call $str_pack (local.get $out) (local.get $n)))

;; $str_lower_ascii: $s with A-Z mapped to a-z (other bytes unchanged);
;; $s itself when it has no upper-case letter.
;; Errors: scratch exhausted -> $rt_error = 4, result "".
(func $str_lower_ascii (param $s i64) (result i64)
  (call $str_flip_range (local.get $s) (i32.const 65)))

;; $str_upper_ascii: $s with a-z mapped to A-Z (other bytes unchanged);
;; $s itself when it has no lower-case letter.
;; Errors: scratch exhausted -> $rt_error = 4, result "".
(func $str_upper_ascii (param $s i64) (result i64)
  (call $str_flip_range (local.get $s) (i32.const 97)))

;; $is_space: 1 when byte $c is ASCII whitespace (space \t \n \v \f \r).
(func $is_space (param $c i32) (result i32)
  (i32.or (i32.eq (local.get $c) (i32.const 32))
          (i32.lt_u (i32.sub (local.get $c) (i32.const 9)) (i32.const 5))))

;; $str_trim: $s without leading and trailing ASCII whitespace
;; (space \t \n \v \f \r).  Result: a slice of $s, never a copy.
(func $str_trim (param $s i64) (result i64)
  (local $p i32) (local $end i32)
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $end (i32.add (local.get $p) (call $str_len (local.get $s))))
  (block $front
    (loop $lead
      (br_if $front (i32.ge_u (local.get $p) (local.get $end)))
      (br_if $front (i32.eqz (call $is_space (i32.load8_u (local.get $p)))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $lead)))
  (block $back
    (loop $trail
      (br_if $back (i32.ge_u (local.get $p) (local.get $end)))
      (br_if $back (i32.eqz (call $is_space (i32.load8_u (i32.sub (local.get $end) (i32.const 1))))))
      (local.set $end (i32.sub (local.get $end) (i32.const 1)))
      (br $trail)))
  (call $str_pack (local.get $p) (i32.sub (local.get $end) (local.get $p))))

;; $str_size: CEL size() of a string: its number of UTF-8 code points,
;; counted as the bytes that are not continuation bytes (0x80..0xBF).
;; Result: i64 (CEL int).  Invalid UTF-8 still gives a count, never an error.
(func $str_size (param $s i64) (result i64)
  (local $p i32) (local $end i32) (local $count i32)
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $end (i32.add (local.get $p) (call $str_len (local.get $s))))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $count (i32.add (local.get $count)
        (i32.ne (i32.and (i32.load8_u (local.get $p)) (i32.const 0xC0)) (i32.const 0x80))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $bytes)))
  (i64.extend_i32_u (local.get $count)))

;; $str_find_byte: index of the first byte equal to $byte (0..255) in $s,
;; or -1 when there is none.
(func $str_find_byte (param $s i64) (param $byte i32) (result i32)
  (local $p i32) (local $n i32) (local $i i32)
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $n (call $str_len (local.get $s)))
  (block $done
    (loop $scan
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (if (i32.eq (i32.load8_u (i32.add (local.get $p) (local.get $i))) (local.get $byte))
        (then (return (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $scan)))
  (i32.const -1))

;; $str_slice: bytes [$start, $end) of $s, a slice (no copy).  Both indexes
;; are signed and clamped: below 0 -> 0, above len -> len, and $end below
;; $start gives "".
(func $str_slice (param $s i64) (param $start i32) (param $end i32) (result i64)
  (local $n i32)
  (local.set $n (call $str_len (local.get $s)))
  (if (i32.lt_s (local.get $start) (i32.const 0)) (then (local.set $start (i32.const 0))))
  (if (i32.gt_u (local.get $start) (local.get $n)) (then (local.set $start (local.get $n))))
  (if (i32.lt_s (local.get $end) (local.get $start)) (then (local.set $end (local.get $start))))
  (if (i32.gt_u (local.get $end) (local.get $n)) (then (local.set $end (local.get $n))))
  (call $str_pack (i32.add (call $str_ptr (local.get $s)) (local.get $start))
                  (i32.sub (local.get $end) (local.get $start))))

;; $is_ctl: 1 when byte $c must not appear in a header name or value:
;; below 0x20 except HTAB (0x09), or DEL (0x7f).
(func $is_ctl (param $c i32) (result i32)
  (i32.or (i32.and (i32.lt_u (local.get $c) (i32.const 0x20)) (i32.ne (local.get $c) (i32.const 9)))
          (i32.eq (local.get $c) (i32.const 0x7f))))

;; $ctl_first: index of the first $is_ctl byte among the $n bytes at $p, or
;; -1.  Tests 8 bytes at a time (SWAR: "some byte < 0x20" or "some byte ==
;; 0x7f") and looks at single bytes only in a suspicious word.
(func $ctl_first (param $p i32) (param $n i32) (result i32)
  (local $i i32) (local $j i32) (local $x i64) (local $y i64)
  (block $tail
    (loop $wide
      (br_if $tail (i32.lt_u (i32.sub (local.get $n) (local.get $i)) (i32.const 8)))
      (local.set $x (i64.load (i32.add (local.get $p) (local.get $i))))
      (local.set $y (i64.xor (local.get $x) (i64.const 0x7f7f7f7f7f7f7f7f)))
      (if (i64.ne (i64.const 0)
            (i64.and
              (i64.or (i64.and (i64.sub (local.get $x) (i64.const 0x2020202020202020))
                               (i64.xor (local.get $x) (i64.const -1)))
                      (i64.and (i64.sub (local.get $y) (i64.const 0x0101010101010101))
                               (i64.xor (local.get $y) (i64.const -1))))
              (i64.const 0x8080808080808080)))
        (then
          (local.set $j (i32.add (local.get $i) (i32.const 8)))
          (loop $word
            (if (call $is_ctl (i32.load8_u (i32.add (local.get $p) (local.get $i))))
              (then (return (local.get $i))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $word (i32.lt_u (local.get $i) (local.get $j)))))
        (else (local.set $i (i32.add (local.get $i) (i32.const 8)))))
      (br $wide)))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (if (call $is_ctl (i32.load8_u (i32.add (local.get $p) (local.get $i))))
        (then (return (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $bytes)))
  (i32.const -1))

;; $ctl_count: the number of $is_ctl bytes among the $n bytes at $p.
(func $ctl_count (param $p i32) (param $n i32) (result i32)
  (local $i i32) (local $count i32)
  (local.set $i (call $ctl_first (local.get $p) (local.get $n)))
  (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const 0))))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $count (i32.add (local.get $count)
        (call $is_ctl (i32.load8_u (i32.add (local.get $p) (local.get $i))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $bytes)))
  (local.get $count))

;; $copy_strip: copy the $n bytes at $src to $dst, leaving out $is_ctl
;; bytes.  Result: the number of bytes written.
(func $copy_strip (param $dst i32) (param $src i32) (param $n i32) (result i32)
  (local $i i32) (local $out i32) (local $c i32)
  (local.set $i (call $ctl_first (local.get $src) (local.get $n)))
  (if (i32.lt_s (local.get $i) (i32.const 0))
    (then
      (memory.copy (local.get $dst) (local.get $src) (local.get $n))
      (return (local.get $n))))
  (memory.copy (local.get $dst) (local.get $src) (local.get $i))
  (local.set $out (local.get $i))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $c (i32.load8_u (i32.add (local.get $src) (local.get $i))))
      (if (i32.eqz (call $is_ctl (local.get $c)))
        (then
          (i32.store8 (i32.add (local.get $dst) (local.get $out)) (local.get $c))
          (local.set $out (i32.add (local.get $out) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $bytes)))
  (local.get $out))

;; $str_strip_ctl: $s without the bytes a header must not carry (below 0x20
;; except HTAB, and DEL 0x7f).  Result: $s itself when it has none (a fast
;; 8-bytes-at-a-time scan), else a new scratch string.
;; Errors: scratch exhausted -> $rt_error = 4, result "".
(func $str_strip_ctl (param $s i64) (result i64)
  (local $p i32) (local $n i32) (local $out i32)
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $n (call $str_len (local.get $s)))
  (if (i32.lt_s (call $ctl_first (local.get $p) (local.get $n)) (i32.const 0))
    (then (return (local.get $s))))
  (local.set $out (call $alloc (local.get $n)))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (call $str_pack (local.get $out) (call $copy_strip (local.get $out) (local.get $p) (local.get $n))))

;; $str_pcopy: a copy of $s in the persistent heap ($palloc), for values
;; that must outlive the current callback (per-stream state).  "" stays 0.
;; Release with $str_pfree.
;; Errors: heap exhausted -> $rt_error = 4, result "".
(func $str_pcopy (param $s i64) (result i64)
  (local $n i32) (local $p i32)
  (local.set $n (call $str_len (local.get $s)))
  (if (i32.eqz (local.get $n)) (then (return (i64.const 0))))
  (local.set $p (call $palloc (local.get $n)))
  (if (i32.eqz (local.get $p)) (then (return (i64.const 0))))
  (memory.copy (local.get $p) (call $str_ptr (local.get $s)) (local.get $n))
  (call $str_pack (local.get $p) (local.get $n)))

;; $str_pfree: release a string made by $str_pcopy ("" is a no-op).
(func $str_pfree (param $s i64)
  (if (call $str_len (local.get $s))
    (then (call $pfree (call $str_ptr (local.get $s))))))

;; $str_to_i64: CEL int(string): an optional '+' or '-', then one or more
;; ASCII decimal digits, nothing else (no spaces, no "0x").  The whole int64
;; range parses, -9223372036854775808 included.
;; Errors: not of that form -> $rt_error = 1; digits out of int64 range ->
;; $rt_error = 2.  Result 0 on error.
(func $str_to_i64 (param $s i64) (result i64)
  (local $p i32) (local $n i32) (local $i i32) (local $neg i32) (local $ovf i32)
  (local $c i32) (local $d i64) (local $acc i64)
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $n (call $str_len (local.get $s)))
  (if (local.get $n)
    (then
      (local.set $c (i32.load8_u (local.get $p)))
      (if (i32.eq (local.get $c) (i32.const 45)) (then (local.set $neg (i32.const 1))))
      (if (i32.or (i32.eq (local.get $c) (i32.const 45)) (i32.eq (local.get $c) (i32.const 43)))
        (then (local.set $i (i32.const 1))))))
  (if (i32.ge_u (local.get $i) (local.get $n))
    (then
      (global.set $rt_error (global.get $E_NOT_AN_INTEGER))
      (return (i64.const 0))))
  ;; accumulate as a negative number: int64's negative range is the larger
  (block $done
    (loop $digits
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $c (i32.sub (i32.load8_u (i32.add (local.get $p) (local.get $i))) (i32.const 48)))
      (if (i32.gt_u (local.get $c) (i32.const 9))
        (then
          (global.set $rt_error (global.get $E_NOT_AN_INTEGER))
          (return (i64.const 0))))
      (local.set $d (i64.extend_i32_u (local.get $c)))
      (if (i32.eqz (local.get $ovf))
        (then
          (if (i64.lt_s (local.get $acc) (i64.const -922337203685477580))
            (then (local.set $ovf (i32.const 1)))
            (else
              (local.set $acc (i64.mul (local.get $acc) (i64.const 10)))
              (if (i64.lt_s (local.get $acc)
                            (i64.add (i64.const 0x8000000000000000) (local.get $d)))
                (then (local.set $ovf (i32.const 1)))
                (else (local.set $acc (i64.sub (local.get $acc) (local.get $d)))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $digits)))
  (if (i32.eqz (local.get $neg))
    (then
      (if (i64.eq (local.get $acc) (i64.const 0x8000000000000000))
        (then (local.set $ovf (i32.const 1))))
      (local.set $acc (i64.sub (i64.const 0) (local.get $acc)))))
  (if (local.get $ovf)
    (then
      (global.set $rt_error (global.get $E_OVERFLOW))
      (return (i64.const 0))))
  (local.get $acc))

;; $i64_to_str: CEL string(int): decimal text of $v, with '-' when
;; negative; INT64_MIN gives "-9223372036854775808".  A new scratch string.
;; Errors: scratch exhausted -> $rt_error = 4, result "".
(func $i64_to_str (param $v i64) (result i64)
  (local $p i32) (local $i i32) (local $x i64)
  (local.set $p (call $alloc (i32.const 20)))
  (if (i32.eqz (local.get $p)) (then (return (i64.const 0))))
  (local.set $i (i32.const 20))
  ;; work on -|v| (never overflows), so remainders are 0..-9
  (local.set $x (select (local.get $v) (i64.sub (i64.const 0) (local.get $v))
                        (i64.lt_s (local.get $v) (i64.const 0))))
  (loop $digits
    (local.set $i (i32.sub (local.get $i) (i32.const 1)))
    (i32.store8 (i32.add (local.get $p) (local.get $i))
      (i32.sub (i32.const 48) (i32.wrap_i64 (i64.rem_s (local.get $x) (i64.const 10)))))
    (local.set $x (i64.div_s (local.get $x) (i64.const 10)))
    (br_if $digits (i64.ne (local.get $x) (i64.const 0))))
  (if (i64.lt_s (local.get $v) (i64.const 0))
    (then
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (i32.store8 (i32.add (local.get $p) (local.get $i)) (i32.const 45))))
  (call $str_pack (i32.add (local.get $p) (local.get $i)) (i32.sub (i32.const 20) (local.get $i))))
