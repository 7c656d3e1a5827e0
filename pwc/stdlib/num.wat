;; num.wat: doubles (IEEE 754 binary64) from JSON-number text, exactly, and
;; the decimal arithmetic that num_print.wat shares.
;;
;; $f64_parse rounds the decimal value of the text to the nearest double,
;; ties to even, for every input.  Short numbers take Clinger's fast path
;; (an integer up to 2^53 and a power of ten up to 10^22 are both exact
;; doubles, so one correctly rounded multiplication or division gives the
;; answer); numbers of up to 19 significant digits with a decimal exponent
;; of -26 .. 27 an exact path in 128-bit integers ($num_wide); the others
;; become a big decimal ("decimal" below) that is scaled by powers of two
;; until the 53 bits of the double are its integer part, then rounded.
;;
;; A decimal is a scratch record of 832 bytes: [0] nd, how many digits;
;; [4] dp, where the point goes: the value is 0.d1 d2 ... d_nd * 10^dp;
;; [8] trunc, 1 when nonzero digits past the 800th were dropped (the value
;; is a little more than the digits say); [12] the digits, one byte each
;; (0..9, not ASCII), with 19 bytes of room past the 800th for
;; $num_dec_mul.  No trailing zero digits are kept.  Multiplying or
;; dividing by a power of two never rounds: it only adds digits, and those
;; past the 800th are dropped into trunc.  800 digits decide every
;; rounding: a point halfway between two doubles has at most 767
;; significant digits, so the first 768 digits of a longer number say on
;; which side of it the number lies, and when they are the halfway point
;; itself, any nonzero digit after them puts the number above it.

;; $num_fail: why the last $f64_parse answered 0.0 other than for the value
;; 0: 0 it did not fail, 1 the text is not a JSON number, 2 out of range
;; (the value rounds to +-infinity).  Every call sets it.
(global $num_fail (mut i32) (i32.const 0))

;; $num_pow10_f64: 10^$n as a double, for 0 <= $n <= 22: the product of
;; 10^1, 10^2, 10^4, 10^8 and 10^16 for the bits of $n.  Exact, because
;; every power of ten up to 10^22 is a double (5^22 < 2^53), so each
;; partial product is one and the multiplications do not round.
(func $num_pow10_f64 (param $n i32) (result f64)
  (local $r f64)
  (local.set $r (f64.const 1))
  (if (i32.and (local.get $n) (i32.const 1)) (then (local.set $r (f64.const 10))))
  (if (i32.and (local.get $n) (i32.const 2)) (then (local.set $r (f64.mul (local.get $r) (f64.const 100)))))
  (if (i32.and (local.get $n) (i32.const 4)) (then (local.set $r (f64.mul (local.get $r) (f64.const 1e4)))))
  (if (i32.and (local.get $n) (i32.const 8)) (then (local.set $r (f64.mul (local.get $r) (f64.const 1e8)))))
  (if (i32.and (local.get $n) (i32.const 16)) (then (local.set $r (f64.mul (local.get $r) (f64.const 1e16)))))
  (local.get $r))

;; $num_scale: $v * 10^$j ($v / 10^-$j for negative $j), -22 <= $j <= 22,
;; rounded once: when $v is an integer up to 2^53 both operands are exact,
;; so this is the double nearest to $v * 10^$j (Clinger's fast path).
(func $num_scale (param $v f64) (param $j i32) (result f64)
  (if (result f64) (i32.lt_s (local.get $j) (i32.const 0))
    (then (f64.div (local.get $v) (call $num_pow10_f64 (i32.sub (i32.const 0) (local.get $j)))))
    (else (f64.mul (local.get $v) (call $num_pow10_f64 (local.get $j))))))

;; $num_digit_count: how many decimal digits the unsigned $v has (0 for 0).
(func $num_digit_count (param $v i64) (result i32)
  (local $n i32)
  (block $done
    (loop $digits
      (br_if $done (i64.eqz (local.get $v)))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $digits)))
  (local.get $n))

;; $num_put_digits: write the last $n decimal digits of the unsigned $v at
;; $p, zero-padded on the left, each as its value plus $zero (48 for ASCII,
;; 0 for a decimal's digits).
(func $num_put_digits (param $p i32) (param $v i64) (param $n i32) (param $zero i32)
  (block $done
    (loop $digits
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (i32.store8 (i32.add (local.get $p) (local.get $n))
        (i32.add (local.get $zero) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br $digits))))

;; $num_dec_digit: digit $i (0 = the first) of decimal $d; 0 for an $i
;; outside 0 .. nd-1 (a negative one too), where the digits are zeros.
(func $num_dec_digit (param $d i32) (param $i i32) (result i32)
  (if (result i32) (i32.lt_u (local.get $i) (i32.load (local.get $d)))
    (then (i32.load8_u offset=12 (i32.add (local.get $d) (local.get $i))))
    (else (i32.const 0))))

;; $num_dec_trim: drop the trailing zero digits of decimal $d.
(func $num_dec_trim (param $d i32)
  (local $n i32)
  (local.set $n (i32.load (local.get $d)))
  (block $done
    (loop $zeros
      (br_if $done (i32.eqz (local.get $n)))
      (br_if $done (i32.load8_u offset=11 (i32.add (local.get $d) (local.get $n))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $zeros)))
  (i32.store (local.get $d) (local.get $n)))

;; $num_dec_set: make decimal $d the unsigned integer $v, exactly.
(func $num_dec_set (param $d i32) (param $v i64)
  (local $n i32)
  (local.set $n (call $num_digit_count (local.get $v)))
  (call $num_put_digits (i32.add (local.get $d) (i32.const 12)) (local.get $v) (local.get $n) (i32.const 0))
  (i32.store (local.get $d) (local.get $n))
  (i32.store offset=4 (local.get $d) (local.get $n))
  (i32.store offset=8 (local.get $d) (i32.const 0))
  (call $num_dec_trim (local.get $d)))

;; $num_dec_rshift: divide decimal $d by 2^$k, 1 <= $k <= 60.  Long
;; division from the first digit: $acc, the remainder times ten plus the
;; next digit, stays below 10 * 2^60 < 2^64.  Quotient digits are written
;; over digits already read; past 800 they are dropped into trunc.
(func $num_dec_rshift (param $d i32) (param $k i32)
  (local $k64 i64) (local $mask i64) (local $r i32) (local $end i32) (local $w i32) (local $acc i64)
  (local.set $k64 (i64.extend_i32_u (local.get $k)))
  (local.set $mask (i64.sub (i64.shl (i64.const 1) (local.get $k64)) (i64.const 1)))
  (local.set $r (i32.add (local.get $d) (i32.const 12)))
  (local.set $w (local.get $r))
  (local.set $end (i32.add (local.get $r) (i32.load (local.get $d))))
  ;; read until the quotient has a first digit (past the last digit, zeros)
  (block $ready
    (loop $read
      (br_if $ready (i64.gt_u (local.get $acc) (local.get $mask)))
      (if (i32.lt_u (local.get $r) (local.get $end))
        (then (local.set $acc (i64.add (i64.mul (local.get $acc) (i64.const 10)) (i64.load8_u (local.get $r)))))
        (else
          (if (i64.eqz (local.get $acc)) (then (return)))
          (local.set $acc (i64.mul (local.get $acc) (i64.const 10)))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $read)))
  ;; that first digit has the place of the last digit read
  (i32.store offset=4 (local.get $d) (i32.sub (i32.load offset=4 (local.get $d))
                                              (i32.sub (i32.sub (local.get $r) (local.get $w)) (i32.const 1))))
  (block $read_all
    (loop $digits
      (br_if $read_all (i32.ge_u (local.get $r) (local.get $end)))
      (i64.store8 (local.get $w) (i64.shr_u (local.get $acc) (local.get $k64)))
      (local.set $acc (i64.add (i64.mul (i64.and (local.get $acc) (local.get $mask)) (i64.const 10))
                               (i64.load8_u (local.get $r))))
      (local.set $w (i32.add (local.get $w) (i32.const 1)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $digits)))
  ;; the digits of the last remainder, up to the 800th digit
  (local.set $end (i32.add (local.get $d) (i32.const 812)))
  (block $done
    (loop $rest
      (br_if $done (i64.eqz (local.get $acc)))
      (if (i32.ge_u (local.get $w) (local.get $end))
        (then
          (i32.store offset=8 (local.get $d) (i32.or (i32.load offset=8 (local.get $d))
                                                      (i64.gt_u (local.get $acc) (local.get $mask))))
          (br $done)))
      (i64.store8 (local.get $w) (i64.shr_u (local.get $acc) (local.get $k64)))
      (local.set $w (i32.add (local.get $w) (i32.const 1)))
      (local.set $acc (i64.mul (i64.and (local.get $acc) (local.get $mask)) (i64.const 10)))
      (br $rest)))
  (i32.store (local.get $d) (i32.sub (local.get $w) (i32.add (local.get $d) (i32.const 12))))
  (call $num_dec_trim (local.get $d)))

;; $num_dec_mul: multiply decimal $d by $v, 1 <= $v <= 2^60.  From the
;; last digit up: the digit times v plus the carry (below 10 * 2^60 <
;; 2^64) leaves one digit and the next carry.  The product is written 19
;; places further on (the last carry, below 2^60 < 10^19, has at most 19
;; digits), then moved to the start; digits past the 800th are dropped
;; into trunc.
(func $num_dec_mul (param $d i32) (param $v i64)
  (local $base i32) (local $nd i32) (local $r i32) (local $w i32) (local $acc i64) (local $q i64)
  (local.set $base (i32.add (local.get $d) (i32.const 12)))
  (local.set $nd (i32.load (local.get $d)))
  (local.set $r (i32.add (local.get $base) (local.get $nd)))
  (local.set $w (i32.add (local.get $r) (i32.const 19)))
  (block $done
    (loop $digits
      (if (i32.gt_u (local.get $r) (local.get $base))
        (then
          (local.set $r (i32.sub (local.get $r) (i32.const 1)))
          (local.set $acc (i64.add (local.get $acc) (i64.mul (i64.load8_u (local.get $r)) (local.get $v)))))
        (else (br_if $done (i64.eqz (local.get $acc)))))
      (local.set $q (i64.div_u (local.get $acc) (i64.const 10)))
      (local.set $w (i32.sub (local.get $w) (i32.const 1)))
      (i64.store8 (local.get $w) (i64.sub (local.get $acc) (i64.mul (local.get $q) (i64.const 10))))
      (local.set $acc (local.get $q))
      (br $digits)))
  ;; the product's digits are at w .. base+nd+19: r of them, r - nd new in front
  (local.set $r (i32.sub (i32.add (i32.add (local.get $base) (local.get $nd)) (i32.const 19)) (local.get $w)))
  (memory.copy (local.get $base) (local.get $w) (local.get $r))
  (i32.store offset=4 (local.get $d)
    (i32.add (i32.load offset=4 (local.get $d)) (i32.sub (local.get $r) (local.get $nd))))
  (block $kept
    (loop $drop
      (br_if $kept (i32.le_u (local.get $r) (i32.const 800)))
      (local.set $r (i32.sub (local.get $r) (i32.const 1)))
      (if (i32.load8_u (i32.add (local.get $base) (local.get $r)))
        (then (i32.store offset=8 (local.get $d) (i32.const 1))))
      (br $drop)))
  (i32.store (local.get $d) (local.get $r))
  (call $num_dec_trim (local.get $d)))

;; $num_dec_shift: multiply decimal $d by 2^$s (divide, for a negative $s),
;; 60 bits at a time.
(func $num_dec_shift (param $d i32) (param $s i32)
  (local $k i32)
  (block $done
    (loop $steps
      (br_if $done (i32.eqz (local.get $s)))
      (local.set $k (select (i32.const 60) (local.get $s) (i32.gt_s (local.get $s) (i32.const 60))))
      (local.set $k (select (i32.const -60) (local.get $k) (i32.lt_s (local.get $k) (i32.const -60))))
      (if (i32.gt_s (local.get $k) (i32.const 0))
        (then (call $num_dec_mul (local.get $d) (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $k)))))
        (else (call $num_dec_rshift (local.get $d) (i32.sub (i32.const 0) (local.get $k)))))
      (local.set $s (i32.sub (local.get $s) (local.get $k)))
      (br $steps))))

;; $num_dec_round: the integer nearest to decimal $d (below 10^19), ties to
;; even; trunc (more than the digits say) settles a tie upwards.
(func $num_dec_round (param $d i32) (result i64)
  (local $dp i32) (local $i i32) (local $v i64) (local $next i32)
  (local.set $dp (i32.load offset=4 (local.get $d)))
  (block $done
    (loop $integer
      (br_if $done (i32.ge_s (local.get $i) (local.get $dp)))
      (local.set $v (i64.add (i64.mul (local.get $v) (i64.const 10))
                             (i64.extend_i32_u (call $num_dec_digit (local.get $d) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $integer)))
  ;; the first digit after the point is digit dp (0 when dp < 0)
  (local.set $next (call $num_dec_digit (local.get $d) (local.get $dp)))
  (if (i32.or (i32.gt_u (local.get $next) (i32.const 5))
              (i32.and (i32.eq (local.get $next) (i32.const 5))
                       (i32.or (i32.or (i32.gt_s (i32.load (local.get $d)) (i32.add (local.get $dp) (i32.const 1)))
                                       (i32.load offset=8 (local.get $d)))
                               (i32.wrap_i64 (i64.and (local.get $v) (i64.const 1))))))
    (then (local.set $v (i64.add (local.get $v) (i64.const 1)))))
  (local.get $v))

;; $num_dec_to_bits: the bits of the double nearest to decimal $d (not 0,
;; dp -330 .. 310), ties to even, or those of +infinity when it rounds past
;; the largest double.  The value is first scaled into [1/2, 1) by steps
;; that cannot overshoot (log2 10 > 1700/512): while it is 1 or more
;; (dp > 0, the value >= 10^(dp-1)) divide by at most 2^(floor(log2
;; 10^(dp-1)) + 1); while it is below 1/2 multiply by at most 10^-dp (or 2
;; when dp = 0).  Then 53 bits are taken (fewer for a subnormal).
(func $num_dec_to_bits (param $d i32) (result i64)
  (local $dp i32) (local $k i32) (local $e i32) (local $mant i64)
  (block $below_one
    (loop $down
      (local.set $dp (i32.load offset=4 (local.get $d)))
      (br_if $below_one (i32.le_s (local.get $dp) (i32.const 0)))
      (local.set $k (i32.add (i32.shr_s (i32.mul (i32.sub (local.get $dp) (i32.const 1)) (i32.const 1700))
                                        (i32.const 9)) (i32.const 1)))
      (local.set $k (select (i32.const 60) (local.get $k) (i32.gt_s (local.get $k) (i32.const 60))))
      (call $num_dec_rshift (local.get $d) (local.get $k))
      (local.set $e (i32.add (local.get $e) (local.get $k)))
      (br $down)))
  (block $half
    (loop $up
      (local.set $dp (i32.load offset=4 (local.get $d)))
      (br_if $half (i32.and (i32.eqz (local.get $dp))
                            (i32.ge_u (call $num_dec_digit (local.get $d) (i32.const 0)) (i32.const 5))))
      (local.set $k (i32.shr_s (i32.mul (i32.sub (i32.const 0) (local.get $dp)) (i32.const 1700)) (i32.const 9)))
      (local.set $k (select (i32.const 1) (local.get $k) (i32.eqz (local.get $k))))
      (local.set $k (select (i32.const 60) (local.get $k) (i32.gt_s (local.get $k) (i32.const 60))))
      (call $num_dec_mul (local.get $d) (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $k))))
      (local.set $e (i32.sub (local.get $e) (local.get $k)))
      (br $up)))
  ;; the value v is in [1/2, 1) and the number is 2v * 2^(e-1); below
  ;; 2^-1022 the double is subnormal: 53 bits of v * 2^(e-1+1022) instead
  (local.set $e (i32.sub (local.get $e) (i32.const 1)))
  (if (i32.lt_s (local.get $e) (i32.const -1022))
    (then
      (local.set $k (i32.sub (i32.const -1022) (local.get $e)))
      (call $num_dec_shift (local.get $d)
        (i32.sub (i32.const 0) (select (i32.const 1100) (local.get $k) (i32.gt_s (local.get $k) (i32.const 1100)))))
      (local.set $e (i32.const -1022))))
  (call $num_dec_mul (local.get $d) (i64.const 0x20000000000000))
  (local.set $mant (call $num_dec_round (local.get $d)))
  (if (i64.eq (local.get $mant) (i64.const 0x20000000000000))
    (then
      (local.set $mant (i64.const 0x10000000000000))
      (local.set $e (i32.add (local.get $e) (i32.const 1)))))
  (if (i32.gt_s (local.get $e) (i32.const 1023)) (then (return (i64.const 0x7FF0000000000000))))
  (if (i64.lt_u (local.get $mant) (i64.const 0x10000000000000)) (then (return (local.get $mant))))
  (i64.or (i64.shl (i64.extend_i32_u (i32.add (local.get $e) (i32.const 1023))) (i64.const 52))
          (i64.and (local.get $mant) (i64.const 0xFFFFFFFFFFFFF))))

;; $num_dec_read: make decimal $d the digits at $p .. $end (ASCII digits and
;; at most one '.', which is skipped; $p at the first nonzero digit) with
;; the point at $dp: the first 800 digits, and trunc set when any digit
;; after them is not 0.
(func $num_dec_read (param $d i32) (param $p i32) (param $end i32) (param $dp i32)
  (local $nd i32) (local $c i32)
  (i32.store offset=4 (local.get $d) (local.get $dp))
  (i32.store offset=8 (local.get $d) (i32.const 0))
  (block $done
    (block $full
      (loop $digits
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $c (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)))
        (if (i32.le_u (local.get $c) (i32.const 9))
          (then
            (br_if $full (i32.eq (local.get $nd) (i32.const 800)))
            (i32.store8 offset=12 (i32.add (local.get $d) (local.get $nd)) (local.get $c))
            (local.set $nd (i32.add (local.get $nd) (i32.const 1)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $digits)))
    (i32.store offset=8 (local.get $d) (i32.ne (call $num_first_nonzero (local.get $p) (local.get $end)) (local.get $end))))
  (i32.store (local.get $d) (local.get $nd))
  (call $num_dec_trim (local.get $d)))

;; $num_first_nonzero: the address of the first digit 1-9 at $q .. $end
;; (ASCII digits and '.'), or $end; runs of '0' go eight bytes at a time.
(func $num_first_nonzero (param $q i32) (param $end i32) (result i32)
  (local $c i32)
  (block $found
    (loop $scan
      (br_if $found (i32.ge_u (local.get $q) (local.get $end)))
      (if (i32.le_u (i32.add (local.get $q) (i32.const 8)) (local.get $end))
        (then
          (if (i64.eq (i64.load (local.get $q)) (i64.const 0x3030303030303030))
            (then
              (local.set $q (i32.add (local.get $q) (i32.const 8)))
              (br $scan)))))
      (local.set $c (i32.load8_u (local.get $q)))
      (br_if $found (i32.and (i32.ne (local.get $c) (i32.const 48)) (i32.ne (local.get $c) (i32.const 46))))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (br $scan)))
  (local.get $q))

;; $num_byte_at: byte $i of the $n bytes at $p, or -1 when $i >= $n.
(func $num_byte_at (param $p i32) (param $i i32) (param $n i32) (result i32)
  (if (result i32) (i32.lt_u (local.get $i) (local.get $n))
    (then (i32.load8_u (i32.add (local.get $p) (local.get $i))))
    (else (i32.const -1))))

;; $num_skip_digits: the index of the first byte at or after $i of the $n
;; bytes at $p that is not an ASCII digit ($n when there is none).  Eight
;; bytes at a time while all are digits: a byte is one when its high
;; nibble is 3 and adding 6 leaves it 3 (no byte carries: all are < 0x40).
(func $num_skip_digits (param $p i32) (param $i i32) (param $n i32) (result i32)
  (local $w i64)
  (block $bytes
    (loop $words
      (br_if $bytes (i32.gt_u (i32.add (local.get $i) (i32.const 8)) (local.get $n)))
      (local.set $w (i64.load (i32.add (local.get $p) (local.get $i))))
      (br_if $bytes (i64.ne (i64.and (local.get $w) (i64.const 0xF0F0F0F0F0F0F0F0)) (i64.const 0x3030303030303030)))
      (br_if $bytes (i64.ne (i64.and (i64.add (local.get $w) (i64.const 0x0606060606060606)) (i64.const 0xF0F0F0F0F0F0F0F0))
                            (i64.const 0x3030303030303030)))
      (local.set $i (i32.add (local.get $i) (i32.const 8)))
      (br $words)))
  (block $done
    (loop $digits
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (br_if $done (i32.gt_u (i32.sub (i32.load8_u (i32.add (local.get $p) (local.get $i))) (i32.const 48)) (i32.const 9)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $digits)))
  (local.get $i))

;; $num_exp_value: the value of the ASCII digits at $p .. $end, saturated at
;; 10^9 (any exponent that large gives infinity or zero anyway).
(func $num_exp_value (param $p i32) (param $end i32) (result i64)
  (local $v i64)
  (block $done
    (loop $digits
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $v (select (i64.const 1000000000)
                            (i64.add (i64.mul (local.get $v) (i64.const 10))
                                     (i64.extend_i32_u (i32.sub (i32.load8_u (local.get $p)) (i32.const 48))))
                            (i64.ge_u (local.get $v) (i64.const 100000000))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $digits)))
  (local.get $v))

;; $num_fast: the double nearest to $w * 10^$q ($w not 0) when a fast
;; path gives it, else NaN.  Clinger's: $w <= 2^53 and -22 <= $q <= 22, or
;; $q above 22 by a power of ten that $w can take while staying <= 2^53
;; (1234e30 = 1234000000000e21); then $num_wide for -26 <= $q <= 27.
(func $num_fast (param $w i64) (param $q i64) (result f64)
  (local $v i64) (local $j i64)
  (block $wide
    (br_if $wide (i64.gt_u (local.get $w) (i64.const 0x20000000000000)))
    (local.set $v (local.get $w))
    (local.set $j (local.get $q))
    (block $small
      (loop $absorb
        (br_if $small (i64.le_s (local.get $j) (i64.const 22)))
        ;; floor(2^53 / 10)
        (br_if $wide (i64.gt_u (local.get $v) (i64.const 900719925474099)))
        (local.set $v (i64.mul (local.get $v) (i64.const 10)))
        (local.set $j (i64.sub (local.get $j) (i64.const 1)))
        (br $absorb)))
    (br_if $wide (i64.lt_s (local.get $j) (i64.const -22)))
    (return (call $num_scale (f64.convert_i64_u (local.get $v)) (i32.wrap_i64 (local.get $j)))))
  (if (result f64) (i32.and (i64.ge_s (local.get $q) (i64.const -26)) (i64.le_s (local.get $q) (i64.const 27)))
    (then (f64.reinterpret_i64 (call $num_wide (local.get $w) (local.get $q))))
    (else (f64.const nan))))

;; $num_lo: the low 64 bits of the last $num_mul128 product.
(global $num_lo (mut i64) (i64.const 0))

;; $num_mul128: the 128-bit product of $a and $b: its high 64 bits; the
;; low 64 go to $num_lo.  Schoolbook on 32-bit halves: the middle sum of
;; three numbers below 2^32 cannot carry out of 64 bits.
(func $num_mul128 (param $a i64) (param $b i64) (result i64)
  (local $a0 i64) (local $a1 i64) (local $b0 i64) (local $b1 i64) (local $p00 i64) (local $p01 i64) (local $p10 i64)
  (local $mid i64)
  (local.set $a0 (i64.and (local.get $a) (i64.const 0xFFFFFFFF)))
  (local.set $a1 (i64.shr_u (local.get $a) (i64.const 32)))
  (local.set $b0 (i64.and (local.get $b) (i64.const 0xFFFFFFFF)))
  (local.set $b1 (i64.shr_u (local.get $b) (i64.const 32)))
  (local.set $p00 (i64.mul (local.get $a0) (local.get $b0)))
  (local.set $p01 (i64.mul (local.get $a0) (local.get $b1)))
  (local.set $p10 (i64.mul (local.get $a1) (local.get $b0)))
  (local.set $mid (i64.add (i64.add (i64.shr_u (local.get $p00) (i64.const 32))
                                    (i64.and (local.get $p01) (i64.const 0xFFFFFFFF)))
                           (i64.and (local.get $p10) (i64.const 0xFFFFFFFF))))
  (global.set $num_lo (i64.or (i64.shl (local.get $mid) (i64.const 32)) (i64.and (local.get $p00) (i64.const 0xFFFFFFFF))))
  (i64.add (i64.add (i64.mul (local.get $a1) (local.get $b1)) (i64.shr_u (local.get $mid) (i64.const 32)))
           (i64.add (i64.shr_u (local.get $p01) (i64.const 32)) (i64.shr_u (local.get $p10) (i64.const 32)))))

;; $num_pow5: 5^$n for 0 <= $n <= 27 (below 2^63): the product of 5, 5^2,
;; 5^4, 5^8 and 5^16 for the bits of $n.
(func $num_pow5 (param $n i32) (result i64)
  (local $r i64)
  (local.set $r (i64.const 1))
  (if (i32.and (local.get $n) (i32.const 1)) (then (local.set $r (i64.const 5))))
  (if (i32.and (local.get $n) (i32.const 2)) (then (local.set $r (i64.mul (local.get $r) (i64.const 25)))))
  (if (i32.and (local.get $n) (i32.const 4)) (then (local.set $r (i64.mul (local.get $r) (i64.const 625)))))
  (if (i32.and (local.get $n) (i32.const 8)) (then (local.set $r (i64.mul (local.get $r) (i64.const 390625)))))
  (if (i32.and (local.get $n) (i32.const 16)) (then (local.set $r (i64.mul (local.get $r) (i64.const 152587890625)))))
  (local.get $r))

;; $num_wide: the bits of the double nearest to $w * 10^$q ($w not 0,
;; -26 <= $q <= 27), exactly, in 128-bit integers hi:lo times 2^e.  For
;; $q >= 0 that is w * 5^q (below 2^64 * 2^63) times 2^q.  For $q < 0,
;; w / 5^j (j = -q) is w * 5^(J-j) / 5^J with J = 13 or 26: the dividend
;; (below 2^95) is shifted up to 128 bits and divided by 5^13 (< 2^31,
;; long division by 32-bit limbs) once or twice, leaving a quotient of at
;; least 2^127 / 5^26 > 2^66, with $sticky set when a remainder was not 0.
;; Then the top 54 bits are rounded to 53, ties to even.  The values lie
;; within 10^-27 .. 10^47: normal doubles.
(func $num_wide (param $w i64) (param $q i64) (result i64)
  (local $hi i64) (local $lo i64) (local $e i32) (local $s i64) (local $sticky i32) (local $stages i32)
  (local $i i32) (local $t i64) (local $d i64) (local $qh i64) (local $ql i64) (local $m i64)
  (if (i64.ge_s (local.get $q) (i64.const 0))
    (then
      (local.set $e (i32.wrap_i64 (local.get $q)))
      (local.set $hi (call $num_mul128 (local.get $w) (call $num_pow5 (local.get $e)))))
    (else
      (local.set $e (i32.wrap_i64 (i64.sub (i64.const 0) (local.get $q))))
      (local.set $stages (select (i32.const 1) (i32.const 2) (i32.le_u (local.get $e) (i32.const 13))))
      (local.set $hi (call $num_mul128 (local.get $w)
                                       (call $num_pow5 (i32.sub (i32.mul (local.get $stages) (i32.const 13)) (local.get $e)))))
      ;; shift hi:lo (below 2^95, so by 33 or more) until bit 127 is set
      (local.set $lo (global.get $num_lo))
      (local.set $s (select (i64.clz (local.get $hi)) (i64.add (i64.const 64) (i64.clz (local.get $lo)))
                            (i64.ne (local.get $hi) (i64.const 0))))
      (if (i64.ge_u (local.get $s) (i64.const 64))
        (then
          (local.set $hi (i64.shl (local.get $lo) (i64.sub (local.get $s) (i64.const 64))))
          (local.set $lo (i64.const 0)))
        (else
          (local.set $hi (i64.or (i64.shl (local.get $hi) (local.get $s))
                                 (i64.shr_u (local.get $lo) (i64.sub (i64.const 64) (local.get $s)))))
          (local.set $lo (i64.shl (local.get $lo) (local.get $s)))))
      (local.set $e (i32.sub (i32.sub (i32.const 0) (local.get $e)) (i32.wrap_i64 (local.get $s))))
      (loop $stage
        (local.set $qh (i64.const 0))
        (local.set $ql (i64.const 0))
        (local.set $d (i64.const 0))
        (local.set $i (i32.const 4))
        (loop $limbs
          ;; the remainder times 2^32 plus the next limb; the limbs move up through hi:lo
          (local.set $t (i64.or (i64.shl (local.get $d) (i64.const 32)) (i64.shr_u (local.get $hi) (i64.const 32))))
          (local.set $hi (i64.or (i64.shl (local.get $hi) (i64.const 32)) (i64.shr_u (local.get $lo) (i64.const 32))))
          (local.set $lo (i64.shl (local.get $lo) (i64.const 32)))
          (local.set $m (i64.div_u (local.get $t) (i64.const 1220703125)))
          (local.set $d (i64.sub (local.get $t) (i64.mul (local.get $m) (i64.const 1220703125))))
          (local.set $qh (i64.or (i64.shl (local.get $qh) (i64.const 32)) (i64.shr_u (local.get $ql) (i64.const 32))))
          (local.set $ql (i64.or (i64.shl (local.get $ql) (i64.const 32)) (local.get $m)))
          (local.set $i (i32.sub (local.get $i) (i32.const 1)))
          (br_if $limbs (local.get $i)))
        (local.set $hi (local.get $qh))
        (local.set $lo (local.get $ql))
        (local.set $sticky (i32.or (local.get $sticky) (i64.ne (local.get $d) (i64.const 0))))
        (local.set $stages (i32.sub (local.get $stages) (i32.const 1)))
        (br_if $stage (local.get $stages)))
      (global.set $num_lo (local.get $lo))))
  (call $num_round128 (local.get $hi) (global.get $num_lo) (local.get $e) (local.get $sticky)))

;; $num_round128: the bits of the double nearest to (hi:lo, not 0, plus a
;; little more when $sticky) times 2^$e, ties to even; the result must be
;; a normal double.  The top 54 bits are kept (any dropped bit that is 1
;; joins $sticky) and the last of them rounded off.
(func $num_round128 (param $hi i64) (param $lo i64) (param $e i32) (param $sticky i32) (result i64)
  (local $s i32) (local $m i64) (local $half i32)
  ;; s: the bits to drop, the bit length less 54 (negative: shift up)
  (local.set $s (i32.sub (select (i32.sub (i32.const 128) (i32.wrap_i64 (i64.clz (local.get $hi))))
                                 (i32.sub (i32.const 64) (i32.wrap_i64 (i64.clz (local.get $lo))))
                                 (i64.ne (local.get $hi) (i64.const 0)))
                         (i32.const 54)))
  (if (i32.le_s (local.get $s) (i32.const 0))
    (then (local.set $m (i64.shl (local.get $lo) (i64.extend_i32_u (i32.sub (i32.const 0) (local.get $s))))))
    (else
      (if (i32.lt_s (local.get $s) (i32.const 64))
        (then
          (local.set $m (i64.or (i64.shl (local.get $hi) (i64.extend_i32_u (i32.sub (i32.const 64) (local.get $s))))
                                (i64.shr_u (local.get $lo) (i64.extend_i32_u (local.get $s)))))
          (local.set $sticky (i32.or (local.get $sticky)
            (i64.ne (i64.and (local.get $lo) (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $s))) (i64.const 1)))
                    (i64.const 0)))))
        (else
          (local.set $m (i64.shr_u (local.get $hi) (i64.extend_i32_u (i32.sub (local.get $s) (i32.const 64)))))
          (local.set $sticky (i32.or (i32.or (local.get $sticky) (i64.ne (local.get $lo) (i64.const 0)))
            (i64.ne (i64.and (local.get $hi) (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (i32.sub (local.get $s) (i32.const 64))))
                                                      (i64.const 1)))
                    (i64.const 0))))))))
  (local.set $half (i32.wrap_i64 (i64.and (local.get $m) (i64.const 1))))
  (local.set $m (i64.shr_u (local.get $m) (i64.const 1)))
  (local.set $e (i32.add (local.get $e) (i32.add (local.get $s) (i32.const 1))))
  (if (i32.and (local.get $half) (i32.or (local.get $sticky) (i32.wrap_i64 (i64.and (local.get $m) (i64.const 1)))))
    (then (local.set $m (i64.add (local.get $m) (i64.const 1)))))
  (if (i64.eq (local.get $m) (i64.const 0x20000000000000))
    (then
      (local.set $m (i64.shr_u (local.get $m) (i64.const 1)))
      (local.set $e (i32.add (local.get $e) (i32.const 1)))))
  (i64.or (i64.shl (i64.extend_i32_u (i32.add (local.get $e) (i32.const 1075))) (i64.const 52))
          (i64.and (local.get $m) (i64.const 0xFFFFFFFFFFFFF))))

;; $num_slow: the double nearest to the positive number whose significant
;; digits are at $p .. $end (from the first nonzero one; a '.' among them is
;; skipped) and whose point is at $dp, through a decimal in scratch (given
;; back after).  0.0 when it rounds to 0, or (with $num_fail = 2) past the
;; largest double.  Errors: scratch full -> $rt_error = 4, 0.0.
(func $num_slow (param $p i32) (param $end i32) (param $dp i64) (result f64)
  (local $mark i32) (local $d i32) (local $bits i64)
  ;; 10^309 and more is past the largest double (1.8e308); below 10^-331,
  ;; under half the smallest subnormal (4.9e-324)
  (if (i64.gt_s (local.get $dp) (i64.const 310))
    (then
      (global.set $num_fail (i32.const 2))
      (return (f64.const 0))))
  (if (i64.lt_s (local.get $dp) (i64.const -330)) (then (return (f64.const 0))))
  (local.set $mark (global.get $scratch_top))
  (local.set $d (call $alloc (i32.const 832)))
  (if (i32.eqz (local.get $d)) (then (return (f64.const 0))))
  (call $num_dec_read (local.get $d) (local.get $p) (local.get $end) (i32.wrap_i64 (local.get $dp)))
  (local.set $bits (call $num_dec_to_bits (local.get $d)))
  (global.set $scratch_top (local.get $mark))
  (if (i64.eq (local.get $bits) (i64.const 0x7FF0000000000000))
    (then
      (global.set $num_fail (i32.const 2))
      (return (f64.const 0))))
  (f64.reinterpret_i64 (local.get $bits)))

;; $num_value: the double nearest to the positive number with mantissa at
;; $p .. $end (ASCII digits, and a '.' after the integer digits, which end
;; at $ie) times 10^$exp.  When the digits from the first nonzero one span
;; at most 19 places (or only zeros follow), they make an integer w, and
;; the fast path takes w * 10^(place of its last digit) if it can (places:
;; 0 = units, -1 = tenths); $num_slow the rest.
(func $num_value (param $p i32) (param $ie i32) (param $end i32) (param $exp i64) (result f64)
  (local $q i32) (local $c i32) (local $place i32) (local $first i32) (local $from i32) (local $w i64) (local $r f64)
  (local.set $from (call $num_first_nonzero (local.get $p) (local.get $end)))
  (if (i32.eq (local.get $from) (local.get $end)) (then (return (f64.const 0))))
  (local.set $first (i32.sub (i32.sub (local.get $ie) (local.get $from)) (i32.lt_u (local.get $from) (local.get $ie))))
  (local.set $place (local.get $first))
  (local.set $q (local.get $from))
  (block $slow
    (block $scanned
      (loop $digits
        (br_if $scanned (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $c (i32.sub (i32.load8_u (local.get $q)) (i32.const 48)))
        (if (i32.le_u (local.get $c) (i32.const 9))
          (then
            ;; a 20th place: w is too long unless every digit from here on is 0
            (if (i32.eq (local.get $place) (i32.sub (local.get $first) (i32.const 19)))
              (then
                (br_if $slow (i32.ne (call $num_first_nonzero (local.get $q) (local.get $end)) (local.get $end)))
                (br $scanned)))
            (local.set $w (i64.add (i64.mul (local.get $w) (i64.const 10)) (i64.extend_i32_u (local.get $c))))
            (local.set $place (i32.sub (local.get $place) (i32.const 1)))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $digits)))
    ;; w's last digit has the place place+1; its trailing zeros go to the exponent
    (block $stripped
      (loop $zeros
        (br_if $stripped (i32.wrap_i64 (i64.rem_u (local.get $w) (i64.const 10))))
        (local.set $w (i64.div_u (local.get $w) (i64.const 10)))
        (local.set $place (i32.add (local.get $place) (i32.const 1)))
        (br $zeros)))
    (local.set $r (call $num_fast (local.get $w) (i64.add (i64.extend_i32_s (i32.add (local.get $place) (i32.const 1)))
                                                          (local.get $exp))))
    (if (f64.eq (local.get $r) (local.get $r)) (then (return (local.get $r)))))
  (call $num_slow (local.get $from) (local.get $end)
                  (i64.add (i64.extend_i32_s (i32.add (local.get $first) (i32.const 1))) (local.get $exp))))

;; $f64_parse: the double nearest to the JSON number $s (RFC 8259:
;; -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, and nothing else: no
;; blanks, no '+' in front, no Infinity or NaN), ties to even, exactly for
;; any number of digits and any exponent.  A value that rounds to zero
;; gives a zero with its sign ("-0", "-1e-400": -0.0).  Cost: a few
;; hundred instructions for short numbers, a few per byte of a long one,
;; and for numbers off the fast paths some 20 passes over at most 800
;; digits (digits past the 800th count only by whether one is nonzero;
;; the exponent saturates at 10^9): below 6 * length + 750,000 in all.
;; Errors: $s not a JSON number -> $num_fail = 1; the value rounds to
;; +-infinity -> $num_fail = 2; either gives 0.0.  Scratch full (only
;; numbers off the fast path use it) -> $rt_error = 4, 0.0.
(func $f64_parse (param $s i64) (result f64)
  (local $p i32) (local $n i32) (local $i i32) (local $neg i32) (local $ip i32) (local $ie i32) (local $fe i32)
  (local $at i32) (local $c i32) (local $exp i64) (local $r f64)
  (global.set $num_fail (i32.const 0))
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $n (call $str_len (local.get $s)))
  (block $bad
    (local.set $neg (i32.eq (call $num_byte_at (local.get $p) (i32.const 0) (local.get $n)) (i32.const 45)))
    (local.set $ip (local.get $neg))
    (local.set $ie (call $num_skip_digits (local.get $p) (local.get $ip) (local.get $n)))
    ;; digits, and no leading zero
    (br_if $bad (i32.eq (local.get $ie) (local.get $ip)))
    (br_if $bad (i32.and (i32.eq (i32.load8_u (i32.add (local.get $p) (local.get $ip))) (i32.const 48))
                         (i32.gt_u (i32.sub (local.get $ie) (local.get $ip)) (i32.const 1))))
    (local.set $fe (local.get $ie))
    (if (i32.eq (call $num_byte_at (local.get $p) (local.get $ie) (local.get $n)) (i32.const 46))
      (then
        (local.set $fe (call $num_skip_digits (local.get $p) (i32.add (local.get $ie) (i32.const 1)) (local.get $n)))
        (br_if $bad (i32.eq (local.get $fe) (i32.add (local.get $ie) (i32.const 1))))))
    (local.set $i (local.get $fe))
    (if (i32.eq (i32.or (call $num_byte_at (local.get $p) (local.get $i) (local.get $n)) (i32.const 32)) (i32.const 101))
      (then
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $c (call $num_byte_at (local.get $p) (local.get $i) (local.get $n)))
        (if (i32.or (i32.eq (local.get $c) (i32.const 43)) (i32.eq (local.get $c) (i32.const 45)))
          (then (local.set $i (i32.add (local.get $i) (i32.const 1)))))
        (local.set $at (local.get $i))
        (local.set $i (call $num_skip_digits (local.get $p) (local.get $i) (local.get $n)))
        (br_if $bad (i32.eq (local.get $i) (local.get $at)))
        (local.set $exp (call $num_exp_value (i32.add (local.get $p) (local.get $at)) (i32.add (local.get $p) (local.get $i))))
        (if (i32.eq (local.get $c) (i32.const 45)) (then (local.set $exp (i64.sub (i64.const 0) (local.get $exp)))))))
    (br_if $bad (i32.ne (local.get $i) (local.get $n)))
    (local.set $r (call $num_value (i32.add (local.get $p) (local.get $ip)) (i32.add (local.get $p) (local.get $ie))
                                   (i32.add (local.get $p) (local.get $fe)) (local.get $exp)))
    (if (global.get $num_fail) (then (return (f64.const 0))))
    (return (select (f64.neg (local.get $r)) (local.get $r) (local.get $neg))))
  (global.set $num_fail (i32.const 1))
  (f64.const 0))
