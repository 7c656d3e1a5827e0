;; num_print.wat: doubles to text exactly as Python's repr(float) writes
;; them (json.dumps too, for finite numbers): the fewest significant digits
;; that read back (rounding to nearest) as the same double, and of those
;; the nearest to it.  Doubles that 15 digits or fewer write take a fast
;; path in f64 arithmetic (checked by reading the digits back); the others
;; are written out as exact decimals (num.wat) to find their digits.

;; $num_shortest_fast: the digits of the positive double $x when they are
;; at most 15 and the double lies in about 10^-7 .. 10^36: stored as the
;; integer R (i64 at $res) and its power of ten (i32 at $res+8); 1 when
;; found, else 0.  With k = floor(log10 x), R = round(x * 10^(14-k)) is the
;; only candidate: two decimals of 15 digits in x's decade lie 10^(k-14)
;; apart, more than the gap between doubles there (< 0.23 * 10^(k-14)), so
;; no two of them read as x, and one of fewer digits would be one of them
;; with zeros after.  x * 10^(14-k) rounded once is within 0.23 of that
;; decimal's R; reading R * 10^(k-14) back is one correctly rounded
;; operation (Clinger), so the check is exact.
(func $num_shortest_fast (param $x f64) (param $res i32) (result i32)
  (local $k i32) (local $y f64) (local $r i64)
  ;; floor(e2 * log10 2) (log10 2 ~ 78913 / 2^18): k itself or k - 1
  (local.set $k (i32.shr_s (i32.mul (i32.sub (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 52)))
                                              (i32.const 1023))
                                     (i32.const 78913))
                            (i32.const 18)))
  (if (i32.or (i32.lt_s (local.get $k) (i32.const -7)) (i32.gt_s (local.get $k) (i32.const 35)))
    (then (return (i32.const 0))))
  (local.set $y (call $num_scale (local.get $x) (i32.sub (i32.const 14) (local.get $k))))
  (if (f64.ge (local.get $y) (f64.const 1e15))
    (then
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (local.set $y (call $num_scale (local.get $x) (i32.sub (i32.const 14) (local.get $k))))))
  (local.set $y (f64.nearest (local.get $y)))
  (if (i32.eqz (f64.lt (local.get $y) (f64.const 1e15))) (then (return (i32.const 0))))
  (local.set $r (i64.trunc_f64_u (local.get $y)))
  (if (f64.ne (call $num_scale (f64.convert_i64_u (local.get $r)) (i32.sub (local.get $k) (i32.const 14)))
              (local.get $x))
    (then (return (i32.const 0))))
  (i64.store (local.get $res) (local.get $r))
  (i32.store offset=8 (local.get $res) (i32.sub (local.get $k) (i32.const 14)))
  (i32.const 1))

;; $num_shortest: the digits of the positive finite double with bits $bits,
;; found exactly, stored like $num_shortest_fast's.  x = m * 2^e reads back
;; from exactly the numbers between lo and hi, x less and plus half the
;; gaps to its neighbours (the gap below is half as wide at a power of
;; two), lo and hi included when m is even (reading rounds ties to even).
;; lo, x and hi are written out as decimals in the three records at $recs
;; (3 * 832 bytes; none has more than 770 digits, so all are exact) and
;; read together digit by digit, aligned on hi's point: t is x's first n
;; digits, l and u are lo's and hi's; n digits are enough when t (then
;; lo < t) or t + 1 (then t + 1 < hi) lies in the interval, and when both
;; do the nearer to x wins, ties to even.  17 significant digits are
;; always enough, so n stays below 19 (one more for a leading zero).
(func $num_shortest (param $bits i64) (param $recs i32) (param $res i32)
  (local $x i32) (local $hi i32) (local $m i64) (local $e i32) (local $incl i32) (local $n i32)
  (local $ox i32) (local $ol i32) (local $t i64) (local $l i64) (local $u i64) (local $down i32) (local $up i32)
  (local $next i32)
  (local.set $x (i32.add (local.get $recs) (i32.const 832)))
  (local.set $hi (i32.add (local.get $recs) (i32.const 1664)))
  (local.set $m (i64.and (local.get $bits) (i64.const 0xFFFFFFFFFFFFF)))
  (local.set $e (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 52))))
  (local.set $incl (i64.eqz (i64.and (local.get $m) (i64.const 1))))
  ;; in units of 2^(e-1077): x = 4m, hi = 4m + 2, lo = 4m - 2 (4m - 1 at a power of two)
  (local.set $n (select (i32.const 1) (i32.const 2) (i32.and (i64.eqz (local.get $m)) (i32.gt_u (local.get $e) (i32.const 1)))))
  (if (local.get $e)
    (then (local.set $m (i64.or (local.get $m) (i64.const 0x10000000000000))))
    (else (local.set $e (i32.const 1))))
  (local.set $e (i32.sub (local.get $e) (i32.const 1077)))
  (local.set $m (i64.shl (local.get $m) (i64.const 2)))
  ;; 2^(e-1077) as a decimal in hi, copied to lo and x, then each times its multiple
  (call $num_dec_set (local.get $hi) (i64.const 1))
  (call $num_dec_shift (local.get $hi) (local.get $e))
  (memory.copy (local.get $recs) (local.get $hi) (i32.add (i32.load (local.get $hi)) (i32.const 12)))
  (memory.copy (local.get $x) (local.get $hi) (i32.add (i32.load (local.get $hi)) (i32.const 12)))
  (call $num_dec_mul (local.get $recs) (i64.sub (local.get $m) (i64.extend_i32_u (local.get $n))))
  (call $num_dec_mul (local.get $x) (local.get $m))
  (call $num_dec_mul (local.get $hi) (i64.add (local.get $m) (i64.const 2)))
  (local.set $ox (i32.sub (i32.load offset=4 (local.get $hi)) (i32.load offset=4 (local.get $x))))
  (local.set $ol (i32.sub (i32.load offset=4 (local.get $hi)) (i32.load offset=4 (local.get $recs))))
  (local.set $n (i32.const 0))
  (block $found
    (loop $digits
      (local.set $t (i64.add (i64.mul (local.get $t) (i64.const 10))
                             (i64.extend_i32_u (call $num_dec_digit (local.get $x) (i32.sub (local.get $n) (local.get $ox))))))
      (local.set $l (i64.add (i64.mul (local.get $l) (i64.const 10))
                             (i64.extend_i32_u (call $num_dec_digit (local.get $recs) (i32.sub (local.get $n) (local.get $ol))))))
      (local.set $u (i64.add (i64.mul (local.get $u) (i64.const 10))
                             (i64.extend_i32_u (call $num_dec_digit (local.get $hi) (local.get $n)))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      ;; lo < t, or lo = t (l = t and lo has no more digits) when included
      (local.set $down (i32.or (i64.gt_u (local.get $t) (local.get $l))
                               (i32.and (i64.eq (local.get $t) (local.get $l))
                                        (i32.and (local.get $incl)
                                                 (i32.le_s (i32.add (i32.load (local.get $recs)) (local.get $ol)) (local.get $n))))))
      ;; t + 1 < hi, or t + 1 = u and either hi has more digits or it is included
      (local.set $up (i32.or (i64.lt_u (i64.add (local.get $t) (i64.const 1)) (local.get $u))
                             (i32.and (i64.eq (i64.add (local.get $t) (i64.const 1)) (local.get $u))
                                      (i32.or (local.get $incl) (i32.gt_s (i32.load (local.get $hi)) (local.get $n))))))
      (br_if $found (i32.or (i32.or (local.get $down) (local.get $up)) (i32.ge_u (local.get $n) (i32.const 19))))
      (br $digits)))
  (if (i32.and (local.get $down) (local.get $up))
    (then
      ;; both: up when x's rest (its digits after the n-th) is more than half a unit, or half and t odd
      (local.set $next (call $num_dec_digit (local.get $x) (i32.sub (local.get $n) (local.get $ox))))
      (local.set $up (i32.or (i32.gt_u (local.get $next) (i32.const 5))
                             (i32.and (i32.eq (local.get $next) (i32.const 5))
                                      (i32.or (i32.gt_s (i32.add (i32.load (local.get $x)) (local.get $ox))
                                                        (i32.add (local.get $n) (i32.const 1)))
                                              (i32.wrap_i64 (i64.and (local.get $t) (i64.const 1)))))))))
  (i64.store (local.get $res) (i64.add (local.get $t) (i64.extend_i32_u (local.get $up))))
  (i32.store offset=8 (local.get $res) (i32.sub (i32.load offset=4 (local.get $hi)) (local.get $n))))

;; $num_format: write R * 10^$exp ($r > 0) at $out the way repr(float)
;; does, with '-' first when $neg; the length (24 at most).  With R's
;; trailing zeros dropped and the point p places after R's first digit:
;; for p - 1 < -4 or >= 16, d.ddde-XX (one digit before the point, no point
;; for a single digit, at least two exponent digits, a sign); else the
;; digits with a point, zeros filled in, and ".0" for an integer.
(func $num_format (param $out i32) (param $neg i32) (param $r i64) (param $exp i32) (result i32)
  (local $p i32) (local $n i32) (local $dp i32)
  ;; R's trailing zeros go to the exponent: eight at a time, then 4, 2, 1
  (block $stripped
    (loop $eights
      (br_if $stripped (i32.wrap_i64 (i64.rem_u (local.get $r) (i64.const 100000000))))
      (local.set $r (i64.div_u (local.get $r) (i64.const 100000000)))
      (local.set $exp (i32.add (local.get $exp) (i32.const 8)))
      (br $eights)))
  (if (i64.eqz (i64.rem_u (local.get $r) (i64.const 10000)))
    (then (local.set $r (i64.div_u (local.get $r) (i64.const 10000)))
          (local.set $exp (i32.add (local.get $exp) (i32.const 4)))))
  (if (i64.eqz (i64.rem_u (local.get $r) (i64.const 100)))
    (then (local.set $r (i64.div_u (local.get $r) (i64.const 100)))
          (local.set $exp (i32.add (local.get $exp) (i32.const 2)))))
  (if (i64.eqz (i64.rem_u (local.get $r) (i64.const 10)))
    (then (local.set $r (i64.div_u (local.get $r) (i64.const 10)))
          (local.set $exp (i32.add (local.get $exp) (i32.const 1)))))
  (i32.store8 (local.get $out) (i32.const 45))
  (local.set $p (i32.add (local.get $out) (local.get $neg)))
  (local.set $n (call $num_digit_count (local.get $r)))
  (local.set $dp (i32.add (local.get $n) (local.get $exp)))
  (if (i32.or (i32.gt_s (local.get $dp) (i32.const 16)) (i32.lt_s (local.get $dp) (i32.const -3)))
    (then
      (call $num_put_digits (i32.add (local.get $p) (i32.const 1)) (local.get $r) (local.get $n) (i32.const 48))
      (i32.store8 (local.get $p) (i32.load8_u offset=1 (local.get $p)))
      (i32.store8 offset=1 (local.get $p) (i32.const 46))
      (local.set $p (i32.add (local.get $p) (select (i32.add (local.get $n) (i32.const 1)) (i32.const 1)
                                                    (i32.gt_u (local.get $n) (i32.const 1)))))
      (local.set $exp (i32.sub (local.get $dp) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.const 101))
      (i32.store8 offset=1 (local.get $p) (select (i32.const 45) (i32.const 43) (i32.lt_s (local.get $exp) (i32.const 0))))
      (local.set $exp (select (i32.sub (i32.const 0) (local.get $exp)) (local.get $exp) (i32.lt_s (local.get $exp) (i32.const 0))))
      (local.set $n (select (i32.const 3) (i32.const 2) (i32.ge_u (local.get $exp) (i32.const 100))))
      (call $num_put_digits (i32.add (local.get $p) (i32.const 2)) (i64.extend_i32_u (local.get $exp)) (local.get $n) (i32.const 48))
      (return (i32.sub (i32.add (i32.add (local.get $p) (i32.const 2)) (local.get $n)) (local.get $out)))))
  (if (i32.le_s (local.get $dp) (i32.const 0))
    (then
      ;; 0.000ddd
      (i32.store16 (local.get $p) (i32.const 0x2E30))
      (memory.fill (i32.add (local.get $p) (i32.const 2)) (i32.const 48) (i32.sub (i32.const 0) (local.get $dp)))
      (local.set $p (i32.sub (i32.add (local.get $p) (i32.const 2)) (local.get $dp)))
      (call $num_put_digits (local.get $p) (local.get $r) (local.get $n) (i32.const 48))
      (return (i32.sub (i32.add (local.get $p) (local.get $n)) (local.get $out)))))
  (if (i32.lt_s (local.get $dp) (local.get $n))
    (then
      ;; ddd.ddd: the digits one place on, the first dp moved back, the point after them
      (call $num_put_digits (i32.add (local.get $p) (i32.const 1)) (local.get $r) (local.get $n) (i32.const 48))
      (memory.copy (local.get $p) (i32.add (local.get $p) (i32.const 1)) (local.get $dp))
      (i32.store8 (i32.add (local.get $p) (local.get $dp)) (i32.const 46))
      (return (i32.sub (i32.add (i32.add (local.get $p) (local.get $n)) (i32.const 1)) (local.get $out)))))
  ;; ddd000.0
  (call $num_put_digits (local.get $p) (local.get $r) (local.get $n) (i32.const 48))
  (memory.fill (i32.add (local.get $p) (local.get $n)) (i32.const 48) (i32.sub (local.get $dp) (local.get $n)))
  (i32.store16 (i32.add (local.get $p) (local.get $dp)) (i32.const 0x302E))
  (i32.sub (i32.add (i32.add (local.get $p) (local.get $dp)) (i32.const 2)) (local.get $out)))

;; $f64_repr: the text of $x as Python's repr(float) writes it: the fewest
;; significant digits that read back as $x (round to nearest), the nearest
;; to $x of those, in positional notation when the decimal exponent is
;; -4 .. 15 ("0.0001", "0.1", "1.0", "123456789012345.0"), else in
;; scientific ("1e-05", "1.5e+16", "5e-324", "1.7976931348623157e+308");
;; "-0.0" for negative zero.  Not JSON, and callers check for them first:
;; "nan" (any sign), "inf", "-inf".  A new scratch string; the fast path
;; covers doubles of 15 digits or fewer between about 10^-7 and 10^36, the
;; others cost at most some 2,500 bytes of scratch, given back.
;; Errors: scratch full -> $rt_error = 4, result "".
(func $f64_repr (param $x f64) (result i64)
  (local $bits i64) (local $neg i32) (local $out i32) (local $mark i32) (local $recs i32) (local $len i32)
  (local.set $bits (i64.reinterpret_f64 (local.get $x)))
  (local.set $neg (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 63))))
  (local.set $bits (i64.and (local.get $bits) (i64.const 0x7FFFFFFFFFFFFFFF)))
  (local.set $out (call $alloc (i32.const 48)))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (block $written
    (if (i64.gt_u (local.get $bits) (i64.const 0x7FF0000000000000))
      (then
        (i32.store (local.get $out) (i32.const 0x6E616E))
        (local.set $len (i32.const 3))
        (br $written)))
    ;; "-inf", "-0.0": the sign, then the text at $out + $neg
    (i32.store8 (local.get $out) (i32.const 45))
    (local.set $len (i32.add (local.get $neg) (i32.const 3)))
    (if (i64.eq (local.get $bits) (i64.const 0x7FF0000000000000))
      (then
        (i32.store (i32.add (local.get $out) (local.get $neg)) (i32.const 0x666E69))
        (br $written)))
    (if (i64.eqz (local.get $bits))
      (then
        (i32.store (i32.add (local.get $out) (local.get $neg)) (i32.const 0x302E30))
        (br $written)))
    (if (i32.eqz (call $num_shortest_fast (f64.reinterpret_i64 (local.get $bits)) (i32.add (local.get $out) (i32.const 32))))
      (then
        (local.set $mark (global.get $scratch_top))
        (local.set $recs (call $alloc (i32.const 2496)))
        (if (i32.eqz (local.get $recs)) (then (return (i64.const 0))))
        (call $num_shortest (local.get $bits) (local.get $recs) (i32.add (local.get $out) (i32.const 32)))
        (global.set $scratch_top (local.get $mark))))
    (local.set $len (call $num_format (local.get $out) (local.get $neg) (i64.load offset=32 (local.get $out))
                                      (i32.load offset=40 (local.get $out)))))
  ;; the text is the newest allocation: give back the bytes past it
  (global.set $scratch_top (i32.add (local.get $out) (local.get $len)))
  (call $str_pack (local.get $out) (local.get $len)))
