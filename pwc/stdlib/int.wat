;; int.wat: CEL int64 arithmetic that reports errors instead of wrapping or
;; trapping.  On error the result is 0 and $rt_error is set.

;; $i64_add_checked: $a + $b.  Errors: overflow -> $rt_error = 2, result 0.
(func $i64_add_checked (param $a i64) (param $b i64) (result i64)
  (local $r i64)
  (local.set $r (i64.add (local.get $a) (local.get $b)))
  ;; overflow iff both operands have the sign the result lacks
  (if (i64.lt_s (i64.and (i64.xor (local.get $a) (local.get $r))
                         (i64.xor (local.get $b) (local.get $r)))
                (i64.const 0))
    (then
      (global.set $rt_error (global.get $E_OVERFLOW))
      (return (i64.const 0))))
  (local.get $r))

;; $i64_sub_checked: $a - $b.  Errors: overflow -> $rt_error = 2, result 0.
(func $i64_sub_checked (param $a i64) (param $b i64) (result i64)
  (local $r i64)
  (local.set $r (i64.sub (local.get $a) (local.get $b)))
  ;; overflow iff the operands differ in sign and the result left $a's sign
  (if (i64.lt_s (i64.and (i64.xor (local.get $a) (local.get $b))
                         (i64.xor (local.get $a) (local.get $r)))
                (i64.const 0))
    (then
      (global.set $rt_error (global.get $E_OVERFLOW))
      (return (i64.const 0))))
  (local.get $r))

;; $i64_mul_checked: $a * $b.  Errors: overflow -> $rt_error = 2, result 0.
(func $i64_mul_checked (param $a i64) (param $b i64) (result i64)
  (local $r i64)
  (if (i32.or (i64.eqz (local.get $a)) (i64.eqz (local.get $b)))
    (then (return (i64.const 0))))
  ;; the one product the division check below cannot see (and must not divide)
  (if (i32.or
        (i32.and (i64.eq (local.get $a) (i64.const -1)) (i64.eq (local.get $b) (i64.const 0x8000000000000000)))
        (i32.and (i64.eq (local.get $b) (i64.const -1)) (i64.eq (local.get $a) (i64.const 0x8000000000000000))))
    (then
      (global.set $rt_error (global.get $E_OVERFLOW))
      (return (i64.const 0))))
  (local.set $r (i64.mul (local.get $a) (local.get $b)))
  (if (i64.ne (i64.div_s (local.get $r) (local.get $b)) (local.get $a))
    (then
      (global.set $rt_error (global.get $E_OVERFLOW))
      (return (i64.const 0))))
  (local.get $r))

;; $i64_div_checked: $a / $b truncated toward zero (CEL, like wasm div_s).
;; Errors: $b = 0 -> $rt_error = 3; INT64_MIN / -1 -> $rt_error = 2.  Result 0.
(func $i64_div_checked (param $a i64) (param $b i64) (result i64)
  (if (i64.eqz (local.get $b))
    (then
      (global.set $rt_error (global.get $E_DIVISION_BY_ZERO))
      (return (i64.const 0))))
  (if (i32.and (i64.eq (local.get $b) (i64.const -1)) (i64.eq (local.get $a) (i64.const 0x8000000000000000)))
    (then
      (global.set $rt_error (global.get $E_OVERFLOW))
      (return (i64.const 0))))
  (i64.div_s (local.get $a) (local.get $b)))

;; $i64_rem_checked: $a % $b, with the sign of $a (CEL, like wasm rem_s).
;; Errors: $b = 0 -> $rt_error = 3; INT64_MIN % -1 -> $rt_error = 2, as
;; cel-go does (the quotient overflows).  Result 0.
(func $i64_rem_checked (param $a i64) (param $b i64) (result i64)
  (if (i64.eqz (local.get $b))
    (then
      (global.set $rt_error (global.get $E_DIVISION_BY_ZERO))
      (return (i64.const 0))))
  (if (i32.and (i64.eq (local.get $b) (i64.const -1)) (i64.eq (local.get $a) (i64.const 0x8000000000000000)))
    (then
      (global.set $rt_error (global.get $E_OVERFLOW))
      (return (i64.const 0))))
  (i64.rem_s (local.get $a) (local.get $b)))

;; $i64_neg_checked: -$a.  Errors: $a = INT64_MIN -> $rt_error = 2, result 0.
(func $i64_neg_checked (param $a i64) (result i64)
  (if (i64.eq (local.get $a) (i64.const 0x8000000000000000))
    (then
      (global.set $rt_error (global.get $E_OVERFLOW))
      (return (i64.const 0))))
  (i64.sub (i64.const 0) (local.get $a)))

;; $status_or_zero: `response.code` in `on done`: the value of $s when it is
;; one to three ASCII digits, else 0 (a stream the client left before the
;; response has none).  Never fails.
(func $status_or_zero (param $s i64) (result i64)
  (local $p i32) (local $n i32) (local $i i32) (local $c i32) (local $v i64)
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $n (call $str_len (local.get $s)))
  (if (i32.or (i32.eqz (local.get $n)) (i32.gt_u (local.get $n) (i32.const 3))) (then (return (i64.const 0))))
  (loop $digits
    (local.set $c (i32.sub (i32.load8_u (i32.add (local.get $p) (local.get $i))) (i32.const 48)))
    (if (i32.gt_u (local.get $c) (i32.const 9)) (then (return (i64.const 0))))
    (local.set $v (i64.add (i64.mul (local.get $v) (i64.const 10)) (i64.extend_i32_u (local.get $c))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $digits (i32.lt_u (local.get $i) (local.get $n))))
  (local.get $v))
