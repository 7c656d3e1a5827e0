;; parts.wat: request parts (DESIGN.md "Strings, patterns, request parts"):
;; `request.query_params`, `request.cookies`, `source.ip` and
;; `destination.ip`.  All of them are total on what a client sends:
;; malformed input gives some result, never an error; the only error is
;; $rt_error = 4 when scratch memory runs out (result: the empty map 0).
;; Maps keep one entry per key, the first one met, in input order, so that
;; $map_find (which finds the last entry) sees the first value.

;; $byte_pos: address of the first byte equal to $byte in [$p, $end), or
;; $end when there is none.
(func $byte_pos (param $p i32) (param $end i32) (param $byte i32) (result i32)
  (block $done
    (loop $scan
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (br_if $done (i32.eq (i32.load8_u (local.get $p)) (local.get $byte)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $scan)))
  (local.get $p))

;; $form_escape_at: 1 when the $n bytes at $p start with a valid %XX escape
;; ('%' and two hex digits of either case), else 0.
(func $form_escape_at (param $p i32) (param $n i32) (result i32)
  (if (i32.lt_u (local.get $n) (i32.const 3)) (then (return (i32.const 0))))
  (if (i32.ne (i32.load8_u (local.get $p)) (i32.const 0x25)) (then (return (i32.const 0))))
  (i32.and (i32.ge_s (call $hex_value (i32.load8_u offset=1 (local.get $p))) (i32.const 0))
           (i32.ge_s (call $hex_value (i32.load8_u offset=2 (local.get $p))) (i32.const 0))))

;; $form_size: the number of bytes the $n bytes at $p decode to as
;; application/x-www-form-urlencoded ($form_decode_into), or 0 when decoding
;; would change nothing (no '+' and no valid %XX escape), so that the input
;; can be used as it is.  A changed part never decodes to 0 bytes.
(func $form_size (param $p i32) (param $n i32) (result i32)
  (local $end i32) (local $escapes i32) (local $plus i32) (local $c i32)
  (local.set $end (i32.add (local.get $p) (local.get $n)))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $c (i32.load8_u (local.get $p)))
      (if (i32.eq (local.get $c) (i32.const 0x2b))
        (then (local.set $plus (i32.const 1))))
      (if (i32.eq (local.get $c) (i32.const 0x25))
        (then
          (if (call $form_escape_at (local.get $p) (i32.sub (local.get $end) (local.get $p)))
            (then
              (local.set $escapes (i32.add (local.get $escapes) (i32.const 1)))
              (local.set $p (i32.add (local.get $p) (i32.const 2)))))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $bytes)))
  (if (i32.eqz (i32.or (local.get $plus) (local.get $escapes))) (then (return (i32.const 0))))
  (i32.sub (local.get $n) (i32.shl (local.get $escapes) (i32.const 1))))

;; $form_decode_into: write the $n bytes at $p decoded as
;; application/x-www-form-urlencoded to $dst: '+' becomes a space, %XX (hex
;; digits of either case) becomes byte XX, and every other byte, including a
;; '%' that does not start a valid escape, is kept as it is (Python's
;; urllib.parse.unquote_plus, on bytes).  Result: the number of bytes
;; written ($form_size when that is not 0, else $n).
(func $form_decode_into (param $dst i32) (param $p i32) (param $n i32) (result i32)
  (local $end i32) (local $out i32) (local $c i32)
  (local.set $end (i32.add (local.get $p) (local.get $n)))
  (local.set $out (local.get $dst))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $c (i32.load8_u (local.get $p)))
      (if (i32.eq (local.get $c) (i32.const 0x2b)) (then (local.set $c (i32.const 0x20))))
      (if (i32.eq (local.get $c) (i32.const 0x25))
        (then
          (if (call $form_escape_at (local.get $p) (i32.sub (local.get $end) (local.get $p)))
            (then
              (local.set $c (i32.or (i32.shl (call $hex_value (i32.load8_u offset=1 (local.get $p))) (i32.const 4))
                                    (call $hex_value (i32.load8_u offset=2 (local.get $p)))))
              (local.set $p (i32.add (local.get $p) (i32.const 2)))))))
      (i32.store8 (local.get $out) (local.get $c))
      (local.set $out (i32.add (local.get $out) (i32.const 1)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $bytes)))
  (i32.sub (local.get $out) (local.get $dst)))

;; $key_order: a total order on strings that is cheap to compute, for
;; grouping equal keys (not lexicographic): the shorter string first, then
;; strings of one length by their 8-byte words read little-endian as
;; unsigned, then by their last bytes.  Result: -1 ($a first), 0 (equal) or 1.
(func $key_order (param $a i64) (param $b i64) (result i32)
  (local $la i32) (local $pa i32) (local $pb i32) (local $end i32) (local $x i64) (local $y i64)
  (local.set $la (call $str_len (local.get $a)))
  (if (i32.ne (local.get $la) (call $str_len (local.get $b)))
    (then (return (select (i32.const -1) (i32.const 1)
                          (i32.lt_u (local.get $la) (call $str_len (local.get $b)))))))
  (local.set $pa (call $str_ptr (local.get $a)))
  (local.set $pb (call $str_ptr (local.get $b)))
  (local.set $end (i32.add (local.get $pa) (local.get $la)))
  (block $narrow
    (loop $wide
      (br_if $narrow (i32.lt_u (i32.sub (local.get $end) (local.get $pa)) (i32.const 8)))
      (local.set $x (i64.load (local.get $pa)))
      (local.set $y (i64.load (local.get $pb)))
      (if (i64.ne (local.get $x) (local.get $y))
        (then (return (select (i32.const -1) (i32.const 1) (i64.lt_u (local.get $x) (local.get $y))))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 8)))
      (local.set $pb (i32.add (local.get $pb) (i32.const 8)))
      (br $wide)))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $pa) (local.get $end)))
      (local.set $x (i64.load8_u (local.get $pa)))
      (local.set $y (i64.load8_u (local.get $pb)))
      (if (i64.ne (local.get $x) (local.get $y))
        (then (return (select (i32.const -1) (i32.const 1) (i64.lt_u (local.get $x) (local.get $y))))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 1)))
      (local.set $pb (i32.add (local.get $pb) (i32.const 1)))
      (br $bytes)))
  (i32.const 0))

;; $map_compact: remove from map $map, in place, the entries whose key is
;; the mark -1 (no string is: it would end past 4 GiB), keeping the order of
;; the others; the count shrinks.
(func $map_compact (param $map i32)
  (local $entry i32) (local $end i32) (local $out i32)
  (local.set $entry (i32.add (local.get $map) (i32.const 8)))
  (local.set $end (i32.add (local.get $entry) (i32.shl (i32.load (local.get $map)) (i32.const 4))))
  (local.set $out (local.get $entry))
  (block $compacted
    (loop $compact
      (br_if $compacted (i32.ge_u (local.get $entry) (local.get $end)))
      (if (i64.ne (i64.load (local.get $entry)) (i64.const -1))
        (then
          (i64.store (local.get $out) (i64.load (local.get $entry)))
          (i64.store offset=8 (local.get $out) (i64.load offset=8 (local.get $entry)))
          (local.set $out (i32.add (local.get $out) (i32.const 16)))))
      (local.set $entry (i32.add (local.get $entry) (i32.const 16)))
      (br $compact)))
  (i32.store (local.get $map)
             (i32.shr_u (i32.sub (local.get $out) (i32.add (local.get $map) (i32.const 8))) (i32.const 4))))

;; $map_keep_first_sorted: $map_keep_first by sorting: O(n log n) key
;; comparisons whatever the keys (a stable bottom-up merge sort of the entry
;; addresses by $key_order; in a run of equal keys the first address is the
;; earliest entry).  Uses 8 bytes of scratch per entry (maps of 0 or 1
;; entries need none).
;; Result: $map, or 0 with $rt_error = 4 when scratch is full.
(func $map_keep_first_sorted (param $map i32) (result i32)
  (local $n i32) (local $a i32) (local $b i32) (local $t i32) (local $i i32) (local $j i32)
  (local $k i32) (local $w i32) (local $lo i32) (local $mid i32) (local $hi i32)
  (local $left i32) (local $entry i32)
  (local $key i64) (local $prev i64)
  (if (i32.eqz (local.get $map)) (then (return (i32.const 0))))
  (local.set $n (i32.load (local.get $map)))
  (if (i32.lt_u (local.get $n) (i32.const 2)) (then (return (local.get $map))))
  (local.set $a (call $alloc (i32.shl (local.get $n) (i32.const 3))))
  (if (i32.eqz (local.get $a)) (then (return (i32.const 0))))
  (local.set $b (i32.add (local.get $a) (i32.shl (local.get $n) (i32.const 2))))
  ;; $a: the entry addresses, in map order
  (block $filled
    (loop $fill
      (br_if $filled (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2)))
                 (i32.add (i32.add (local.get $map) (i32.const 8)) (i32.shl (local.get $i) (i32.const 4))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $fill)))
  ;; merge runs of $w from $a into $b, then swap, doubling $w
  (local.set $w (i32.const 1))
  (block $sorted
    (loop $pass
      (br_if $sorted (i32.ge_u (local.get $w) (local.get $n)))
      (local.set $lo (i32.const 0))
      (block $merged
        (loop $runs
          (br_if $merged (i32.ge_u (local.get $lo) (local.get $n)))
          (local.set $mid (i32.add (local.get $lo) (local.get $w)))
          (if (i32.gt_u (local.get $mid) (local.get $n)) (then (local.set $mid (local.get $n))))
          (local.set $hi (i32.add (local.get $mid) (local.get $w)))
          (if (i32.gt_u (local.get $hi) (local.get $n)) (then (local.set $hi (local.get $n))))
          (local.set $i (local.get $lo))
          (local.set $j (local.get $mid))
          (local.set $k (local.get $lo))
          (block $run_done
            (loop $merge
              (br_if $run_done (i32.ge_u (local.get $k) (local.get $hi)))
              ;; take from the left run when the right one is used up, or when
              ;; the left key is not greater (ties go left: the sort is stable)
              (local.set $left (i32.const 1))
              (if (i32.lt_u (local.get $j) (local.get $hi))
                (then
                  (if (i32.lt_u (local.get $i) (local.get $mid))
                    (then
                      (local.set $left (i32.le_s
                        (call $key_order
                          (i64.load (i32.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2)))))
                          (i64.load (i32.load (i32.add (local.get $a) (i32.shl (local.get $j) (i32.const 2))))))
                        (i32.const 0))))
                    (else (local.set $left (i32.const 0))))))
              (if (local.get $left)
                (then
                  (i32.store (i32.add (local.get $b) (i32.shl (local.get $k) (i32.const 2)))
                             (i32.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2)))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1))))
                (else
                  (i32.store (i32.add (local.get $b) (i32.shl (local.get $k) (i32.const 2)))
                             (i32.load (i32.add (local.get $a) (i32.shl (local.get $j) (i32.const 2)))))
                  (local.set $j (i32.add (local.get $j) (i32.const 1)))))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br $merge)))
          (local.set $lo (local.get $hi))
          (br $runs)))
      (local.set $t (local.get $a))
      (local.set $a (local.get $b))
      (local.set $b (local.get $t))
      (local.set $w (i32.shl (local.get $w) (i32.const 1)))
      (br $pass)))
  ;; in a run of equal keys the first address is the earliest entry; mark
  ;; the others with key -1, which no string can be (it would end past 4 GiB)
  (local.set $prev (i64.load (i32.load (local.get $a))))
  (local.set $i (i32.const 1))
  (block $marked
    (loop $mark
      (br_if $marked (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $entry (i32.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $key (i64.load (local.get $entry)))
      (if (i32.eqz (call $key_order (local.get $key) (local.get $prev)))
        (then (i64.store (local.get $entry) (i64.const -1)))
        (else (local.set $prev (local.get $key))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $mark)))
  (call $map_compact (local.get $map))
  (local.get $map))

;; $key_hash: a 32-bit hash of the bytes of $s (8-byte words then single
;; bytes, each mixed in by a multiply), for $map_keep_first's table.
(func $key_hash (param $s i64) (result i32)
  (local $p i32) (local $end i32) (local $h i64)
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $end (i32.add (local.get $p) (call $str_len (local.get $s))))
  (local.set $h (i64.extend_i32_u (call $str_len (local.get $s))))
  (block $narrow
    (loop $wide
      (br_if $narrow (i32.lt_u (i32.sub (local.get $end) (local.get $p)) (i32.const 8)))
      (local.set $h (i64.mul (i64.xor (local.get $h) (i64.load (local.get $p))) (i64.const 0x9E3779B97F4A7C15)))
      (local.set $h (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 29))))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br $wide)))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $h (i64.mul (i64.xor (local.get $h) (i64.load8_u (local.get $p))) (i64.const 0x100000001B3)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $bytes)))
  (local.set $h (i64.mul (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 32)))
                         (i64.const 0x9E3779B97F4A7C15)))
  (i32.wrap_i64 (i64.shr_u (local.get $h) (i64.const 32))))

;; $map_keep_first: remove from map $map every entry whose key equals the key
;; of an earlier entry (compared exactly), keeping the order of the others,
;; in place (the count shrinks).  An open-addressing table of entry
;; addresses (linear probing, at most half full: 8 to 16 bytes of scratch
;; per entry) finds the duplicates in O(n) expected time; when keys collide
;; so much that probing exceeds 4 steps per entry (crafted keys), it stops,
;; drops the duplicates found so far and finishes with
;; $map_keep_first_sorted, so the cost stays O(n log n) comparisons at worst.
;; Maps of 0 or 1 entries are returned as they are, with no allocation.
;; Result: $map, or 0 with $rt_error = 4 when scratch is full.
(func $map_keep_first (param $map i32) (result i32)
  (local $n i32) (local $mask i32) (local $table i32) (local $budget i32) (local $entry i32)
  (local $end i32) (local $slot i32) (local $other i32) (local $key i64)
  (if (i32.eqz (local.get $map)) (then (return (i32.const 0))))
  (local.set $n (i32.load (local.get $map)))
  (if (i32.lt_u (local.get $n) (i32.const 2)) (then (return (local.get $map))))
  ;; 2^k slots, 2^k >= 2n (n < 2^28, so this does not overflow)
  (local.set $mask (i32.sub (i32.shl (i32.const 1)
                                     (i32.sub (i32.const 32) (i32.clz (i32.sub (i32.shl (local.get $n) (i32.const 1))
                                                                                (i32.const 1)))))
                            (i32.const 1)))
  (local.set $table (call $alloc (i32.shl (i32.add (local.get $mask) (i32.const 1)) (i32.const 2))))
  (if (i32.eqz (local.get $table)) (then (return (i32.const 0))))
  (memory.fill (local.get $table) (i32.const 0) (i32.shl (i32.add (local.get $mask) (i32.const 1)) (i32.const 2)))
  (local.set $budget (i32.shl (local.get $n) (i32.const 2)))
  (local.set $entry (i32.add (local.get $map) (i32.const 8)))
  (local.set $end (i32.add (local.get $entry) (i32.shl (local.get $n) (i32.const 4))))
  (block $done
    (loop $entries
      (br_if $done (i32.ge_u (local.get $entry) (local.get $end)))
      (local.set $key (i64.load (local.get $entry)))
      (local.set $slot (i32.and (call $key_hash (local.get $key)) (local.get $mask)))
      (block $placed
        (loop $probe
          (local.set $other (i32.load (i32.add (local.get $table) (i32.shl (local.get $slot) (i32.const 2)))))
          (if (i32.eqz (local.get $other))
            (then
              (i32.store (i32.add (local.get $table) (i32.shl (local.get $slot) (i32.const 2))) (local.get $entry))
              (br $placed)))
          (if (call $str_eq (i64.load (local.get $other)) (local.get $key))
            (then
              (i64.store (local.get $entry) (i64.const -1))
              (br $placed)))
          (local.set $budget (i32.sub (local.get $budget) (i32.const 1)))
          (if (i32.lt_s (local.get $budget) (i32.const 0))
            (then
              ;; too many collisions: keep what is known, sort the rest
              (call $map_compact (local.get $map))
              (return (call $map_keep_first_sorted (local.get $map)))))
          (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (local.get $mask)))
          (br $probe)))
      (local.set $entry (i32.add (local.get $entry) (i32.const 16)))
      (br $entries)))
  (call $map_compact (local.get $map))
  (local.get $map))

;; $map_new: a scratch map with room for $n entries, its count set to 0.
;; Errors: scratch full (or $n too large for 32-bit memory) -> $rt_error = 4,
;; result 0.
(func $map_new (param $n i32) (result i32)
  (local $map i32)
  (if (i32.gt_u (local.get $n) (i32.const 0x0FFFFFFE))
    (then (global.set $rt_error (global.get $E_OUT_OF_MEMORY)) (return (i32.const 0))))
  (local.set $map (call $alloc (i32.add (i32.const 8) (i32.shl (local.get $n) (i32.const 4)))))
  (if (i32.eqz (local.get $map)) (then (return (i32.const 0))))
  (i32.store (local.get $map) (i32.const 0))
  (i32.store offset=4 (local.get $map) (i32.const 0))
  (local.get $map))

;; $map_push: append the entry ($key, $value) to $map, which must have room
;; for it ($map_new); no check for an existing key.
(func $map_push (param $map i32) (param $key i64) (param $value i64)
  (local $entry i32)
  (local.set $entry (i32.add (i32.add (local.get $map) (i32.const 8))
                             (i32.shl (i32.load (local.get $map)) (i32.const 4))))
  (i64.store (local.get $entry) (local.get $key))
  (i64.store offset=8 (local.get $entry) (local.get $value))
  (i32.store (local.get $map) (i32.add (i32.load (local.get $map)) (i32.const 1))))

;; $count_byte: how many of the bytes [$p, $end) equal $byte (0..255).
;; Whole 8-byte words are tested at once: a word XOR the byte repeated has a
;; zero byte exactly where the byte is, and the classic exact zero-byte mask
;; ~(((y & 0x7f..) + 0x7f..) | y | 0x7f..) has one bit per zero byte.
(func $count_byte (param $p i32) (param $end i32) (param $byte i32) (result i32)
  (local $count i32) (local $pattern i64) (local $y i64)
  (local.set $pattern (i64.mul (i64.extend_i32_u (local.get $byte)) (i64.const 0x0101010101010101)))
  (block $narrow
    (loop $wide
      (br_if $narrow (i32.lt_u (i32.sub (local.get $end) (local.get $p)) (i32.const 8)))
      (local.set $y (i64.xor (i64.load (local.get $p)) (local.get $pattern)))
      (local.set $count (i32.add (local.get $count) (i32.wrap_i64 (i64.popcnt
        (i64.xor (i64.or (i64.or (i64.add (i64.and (local.get $y) (i64.const 0x7F7F7F7F7F7F7F7F))
                                          (i64.const 0x7F7F7F7F7F7F7F7F))
                                 (local.get $y))
                         (i64.const 0x7F7F7F7F7F7F7F7F))
                 (i64.const -1))))))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br $wide)))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $count (i32.add (local.get $count) (i32.eq (i32.load8_u (local.get $p)) (local.get $byte))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $bytes)))
  (local.get $count))

;; $form_part: the $n bytes at $p decoded as
;; application/x-www-form-urlencoded ($form_decode_into): a slice when
;; decoding changes nothing ($form_size 0), else a new scratch string.
;; Errors: scratch full -> $rt_error = 4 and the result is -1, which no
;; string can be (it would end past 4 GiB), so that callers can tell.
(func $form_part (param $p i32) (param $n i32) (result i64)
  (local $size i32) (local $out i32)
  (local.set $size (call $form_size (local.get $p) (local.get $n)))
  (if (i32.eqz (local.get $size)) (then (return (call $str_pack (local.get $p) (local.get $n)))))
  (local.set $out (call $alloc (local.get $size)))
  (if (i32.eqz (local.get $out)) (then (return (i64.const -1))))
  (call $str_pack (local.get $out) (call $form_decode_into (local.get $out) (local.get $p) (local.get $n))))

;; $query_params_of: `request.query_params`, the map of the query of request
;; target $path (`:path`): the bytes after its first '?', up to the first
;; '#' after that if any (no '?': the empty map), read by $form_pairs.
(func $query_params_of (param $path i64) (result i32)
  (local $q i32) (local $end i32)
  (local.set $q (call $str_ptr (local.get $path)))
  (local.set $end (i32.add (local.get $q) (call $str_len (local.get $path))))
  (local.set $q (call $byte_pos (local.get $q) (local.get $end) (i32.const 0x3f)))
  (if (i32.ge_u (local.get $q) (local.get $end)) (then (return (i32.const 0))))
  (local.set $q (i32.add (local.get $q) (i32.const 1)))
  (call $form_pairs (local.get $q) (call $byte_pos (local.get $q) (local.get $end) (i32.const 0x23))))

;; $form_of: `request.form`, the map of body $body read as
;; application/x-www-form-urlencoded by $form_pairs (whatever its content-type).
(func $form_of (param $body i64) (result i32)
  (local $p i32)
  (local.set $p (call $str_ptr (local.get $body)))
  (call $form_pairs (local.get $p) (i32.add (local.get $p) (call $str_len (local.get $body)))))

;; $form_pairs: the map of the form [$q, $end).  It is split at every '&';
;; empty pairs are skipped ("a=1&&b=2", a trailing '&'); a pair is split at
;; its first '=' into key and value (no '=': the value is ""); both are
;; decoded as application/x-www-form-urlencoded ($form_decode_into: '+' is a
;; space, %XX of either case a byte, a malformed '%' kept as it is), as
;; Python's urllib.parse.parse_qsl(keep_blank_values=True) with
;; unquote_plus on bytes.  A key met again (compared exactly, after
;; decoding) keeps its FIRST value: one entry per key, in the form's order.
;; The map is allocated once, for one entry per '&' plus one; keys and
;; values are slices of the text unless decoding changes them (then each is
;; a scratch string of its own).
(func $form_pairs (param $q i32) (param $end i32) (result i32)
  (local $s i32) (local $e i32) (local $eq i32)
  (local $map i32) (local $key i64) (local $value i64)
  (if (i32.ge_u (local.get $q) (local.get $end)) (then (return (i32.const 0))))
  (local.set $map (call $map_new (i32.add (call $count_byte (local.get $q) (local.get $end) (i32.const 0x26))
                                          (i32.const 1))))
  (if (i32.eqz (local.get $map)) (then (return (i32.const 0))))
  (local.set $s (local.get $q))
  (block $filled
    (loop $pairs
      (br_if $filled (i32.ge_u (local.get $s) (local.get $end)))
      (local.set $e (call $byte_pos (local.get $s) (local.get $end) (i32.const 0x26)))
      (if (i32.gt_u (local.get $e) (local.get $s))
        (then
          (local.set $eq (call $byte_pos (local.get $s) (local.get $e) (i32.const 0x3d)))
          (local.set $key (call $form_part (local.get $s) (i32.sub (local.get $eq) (local.get $s))))
          (if (i64.eq (local.get $key) (i64.const -1)) (then (return (i32.const 0))))
          (local.set $value (i64.const 0))
          (if (i32.lt_u (local.get $eq) (local.get $e))
            (then
              (local.set $eq (i32.add (local.get $eq) (i32.const 1)))
              (local.set $value (call $form_part (local.get $eq) (i32.sub (local.get $e) (local.get $eq))))
              (if (i64.eq (local.get $value) (i64.const -1)) (then (return (i32.const 0))))))
          (call $map_push (local.get $map) (local.get $key) (local.get $value))))
      (local.set $s (i32.add (local.get $e) (i32.const 1)))
      (br $pairs)))
  (if (i32.eqz (i32.load (local.get $map))) (then (return (i32.const 0))))
  (call $map_keep_first (local.get $map)))

;; $is_sp_tab: 1 when byte $c is a space or a horizontal tab, else 0.
(func $is_sp_tab (param $c i32) (result i32)
  (i32.or (i32.eq (local.get $c) (i32.const 0x20)) (i32.eq (local.get $c) (i32.const 0x09))))

;; $cookie_piece_trim: the bytes [$p, $end) without leading and trailing
;; spaces and tabs, as a string (a slice).
(func $cookie_piece_trim (param $p i32) (param $end i32) (result i64)
  (block $front
    (loop $lead
      (br_if $front (i32.ge_u (local.get $p) (local.get $end)))
      (br_if $front (i32.eqz (call $is_sp_tab (i32.load8_u (local.get $p)))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $lead)))
  (block $back
    (loop $trail
      (br_if $back (i32.ge_u (local.get $p) (local.get $end)))
      (br_if $back (i32.eqz (call $is_sp_tab (i32.load8_u (i32.sub (local.get $end) (i32.const 1))))))
      (local.set $end (i32.sub (local.get $end) (i32.const 1)))
      (br $trail)))
  (call $str_pack (local.get $p) (i32.sub (local.get $end) (local.get $p))))

;; $cookies_scan: the cookies of list $values (cookie header values, in
;; order): with $map 0, only count them; otherwise append each to $map
;; ($map_push), which must have room for them.  Each value is split at every
;; ';' into pieces, each piece is trimmed of spaces and tabs at both ends, a
;; piece without '=' is skipped (an empty piece too), and the rest is split
;; at its first '=' into name and value, the value losing one pair of
;; enclosing double quotes (when it is at least 2 bytes long and starts and
;; ends with '"').  Names and values are slices.  Result: the number of
;; cookies.
(func $cookies_scan (param $values i32) (param $map i32) (result i32)
  (local $item i32) (local $items_end i32) (local $p i32) (local $end i32) (local $e i32)
  (local $count i32) (local $piece i64) (local $name i32) (local $eq i32) (local $stop i32)
  (local $vp i32) (local $vn i32)
  (if (i32.eqz (local.get $values)) (then (return (i32.const 0))))
  (local.set $item (i32.add (local.get $values) (i32.const 8)))
  (local.set $items_end (i32.add (local.get $item) (i32.shl (i32.load (local.get $values)) (i32.const 3))))
  (block $items_done
    (loop $items
      (br_if $items_done (i32.ge_u (local.get $item) (local.get $items_end)))
      (local.set $p (call $str_ptr (i64.load (local.get $item))))
      (local.set $end (i32.add (local.get $p) (call $str_len (i64.load (local.get $item)))))
      (block $pieces_done
        (loop $pieces
          (br_if $pieces_done (i32.ge_u (local.get $p) (local.get $end)))
          (local.set $e (call $byte_pos (local.get $p) (local.get $end) (i32.const 0x3b)))
          ;; the trimmed piece is [$name, $stop); "name=value" needs an '='
          (local.set $piece (call $cookie_piece_trim (local.get $p) (local.get $e)))
          (local.set $name (call $str_ptr (local.get $piece)))
          (local.set $stop (i32.add (local.get $name) (call $str_len (local.get $piece))))
          (local.set $eq (call $byte_pos (local.get $name) (local.get $stop) (i32.const 0x3d)))
          (if (i32.lt_u (local.get $eq) (local.get $stop))
            (then
              (local.set $count (i32.add (local.get $count) (i32.const 1)))
              (if (local.get $map)
                (then
                  (local.set $vp (i32.add (local.get $eq) (i32.const 1)))
                  (local.set $vn (i32.sub (local.get $stop) (local.get $vp)))
                  (if (i32.ge_u (local.get $vn) (i32.const 2))
                    (then
                      (if (i32.and (i32.eq (i32.load8_u (local.get $vp)) (i32.const 0x22))
                                   (i32.eq (i32.load8_u (i32.sub (local.get $stop) (i32.const 1))) (i32.const 0x22)))
                        (then
                          (local.set $vp (i32.add (local.get $vp) (i32.const 1)))
                          (local.set $vn (i32.sub (local.get $vn) (i32.const 2)))))))
                  (call $map_push (local.get $map)
                    (call $str_pack (local.get $name) (i32.sub (local.get $eq) (local.get $name)))
                    (call $str_pack (local.get $vp) (local.get $vn)))))))
          (local.set $p (i32.add (local.get $e) (i32.const 1)))
          (br $pieces)))
      (local.set $item (i32.add (local.get $item) (i32.const 8)))
      (br $items)))
  (local.get $count))

;; $cookies_of: `request.cookies`, the map of the cookies of list $values
;; (every `cookie` header value, in order: HTTP/2 may send each cookie as
;; its own header), parsed as $cookies_scan says: RFC 6265 section 4.2's
;; cookie-string read leniently, no percent-decoding, names compared
;; exactly (case-sensitive).  A name met again keeps its FIRST value: one
;; entry per name, in header order.  This follows Envoy's
;; Http::Utility::parseCookies / parseCookieValue (split at ';', empty
;; pieces and pieces without '=' skipped, one pair of enclosing quotes
;; removed, first value wins) except in trimming: Envoy strips only leading
;; spaces, so "a=1 ;b=2" gives it "1 "; here spaces and tabs go at both ends
;; of a piece (RFC 6265's OWS), never around the '=' ("a = 1" is name "a "
;; and value " 1" in both).  Names and values are slices of the header
;; values.
;; Result: the map (0 when there is no cookie, $values 0 included).
;; Errors: scratch full -> $rt_error = 4, result 0.
(func $cookies_of (param $values i32) (result i32)
  (local $count i32) (local $map i32)
  (local.set $count (call $cookies_scan (local.get $values) (i32.const 0)))
  (if (i32.eqz (local.get $count)) (then (return (i32.const 0))))
  (local.set $map (call $map_new (local.get $count)))
  (if (i32.eqz (local.get $map)) (then (return (i32.const 0))))
  (drop (call $cookies_scan (local.get $values) (local.get $map)))
  (call $map_keep_first (local.get $map)))

;; $all_digits: 1 when [$p, $end) is one or more ASCII digits, else 0.
(func $all_digits (param $p i32) (param $end i32) (result i32)
  (if (i32.ge_u (local.get $p) (local.get $end)) (then (return (i32.const 0))))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (if (i32.gt_u (i32.sub (i32.load8_u (local.get $p)) (i32.const 0x30)) (i32.const 9))
        (then (return (i32.const 0))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $bytes)))
  (i32.const 1))

;; $address_host: `source.ip` / `destination.ip`: Envoy's `source.address`
;; or `destination.address` $address without its port.  "[v6]:port" and
;; "[v6]" give v6 (what is inside the brackets); "host:port" with exactly one
;; ':' gives host; the port must be one or more ASCII digits, else $address
;; is returned as it is.  So is anything else: an address without a port
;; ("1.2.3.4", a bare IPv6 address with several ':'), a pipe path
;; ("/tmp/sock", "@abstract"), an internal address ("envoy://listener/id"),
;; "" and malformed text ("[::1", "[::1]x").  Result: a slice of $address.
(func $address_host (param $address i64) (result i64)
  (local $p i32) (local $end i32) (local $colon i32) (local $close i32)
  (local.set $p (call $str_ptr (local.get $address)))
  (local.set $end (i32.add (local.get $p) (call $str_len (local.get $address))))
  (if (i32.ge_u (local.get $p) (local.get $end)) (then (return (local.get $address))))
  (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 0x5b))
    (then
      (local.set $close (call $byte_pos (local.get $p) (local.get $end) (i32.const 0x5d)))
      (if (i32.ge_u (local.get $close) (local.get $end)) (then (return (local.get $address))))
      ;; after ']': nothing, or ':' and a port
      (if (i32.lt_u (i32.add (local.get $close) (i32.const 1)) (local.get $end))
        (then
          (if (i32.ne (i32.load8_u offset=1 (local.get $close)) (i32.const 0x3a))
            (then (return (local.get $address))))
          (if (i32.eqz (call $all_digits (i32.add (local.get $close) (i32.const 2)) (local.get $end)))
            (then (return (local.get $address))))))
      (return (call $str_pack (i32.add (local.get $p) (i32.const 1))
                              (i32.sub (local.get $close) (i32.add (local.get $p) (i32.const 1)))))))
  (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 0x2f)) (then (return (local.get $address))))
  (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 0x40)) (then (return (local.get $address))))
  (local.set $colon (call $byte_pos (local.get $p) (local.get $end) (i32.const 0x3a)))
  (if (i32.ge_u (local.get $colon) (local.get $end)) (then (return (local.get $address))))
  (if (i32.lt_u (call $byte_pos (i32.add (local.get $colon) (i32.const 1)) (local.get $end) (i32.const 0x3a))
                (local.get $end))
    (then (return (local.get $address))))
  (if (i32.eqz (call $all_digits (i32.add (local.get $colon) (i32.const 1)) (local.get $end)))
    (then (return (local.get $address))))
  (call $str_pack (local.get $p) (i32.sub (local.get $colon) (local.get $p))))
