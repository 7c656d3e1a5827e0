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
