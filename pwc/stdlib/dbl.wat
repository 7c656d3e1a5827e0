;; dbl.wat: the language's doubles.  A double travels as the i64 of its
;; IEEE 754 bits (compiler/types.py: slots, list items and locals that hold
;; an int hold one unchanged); these functions take and give those bits and
;; do the work in f64.  Arithmetic follows IEEE 754 and never fails (1.0 /
;; 0.0 is infinity, as in CEL); comparisons answer as $f64_cmp does
;; (dyn_ops.wat: -1, 0, 1, or 2 when a NaN makes them unordered).

;; $dbl_add: $a + $b.
(func $dbl_add (param $a i64) (param $b i64) (result i64)
  (i64.reinterpret_f64 (f64.add (f64.reinterpret_i64 (local.get $a)) (f64.reinterpret_i64 (local.get $b)))))

;; $dbl_sub: $a - $b.
(func $dbl_sub (param $a i64) (param $b i64) (result i64)
  (i64.reinterpret_f64 (f64.sub (f64.reinterpret_i64 (local.get $a)) (f64.reinterpret_i64 (local.get $b)))))

;; $dbl_mul: $a * $b.
(func $dbl_mul (param $a i64) (param $b i64) (result i64)
  (i64.reinterpret_f64 (f64.mul (f64.reinterpret_i64 (local.get $a)) (f64.reinterpret_i64 (local.get $b)))))

;; $dbl_div: $a / $b (infinity or NaN for a zero $b).
(func $dbl_div (param $a i64) (param $b i64) (result i64)
  (i64.reinterpret_f64 (f64.div (f64.reinterpret_i64 (local.get $a)) (f64.reinterpret_i64 (local.get $b)))))

;; $dbl_neg: -$a (the sign bit flipped: -0.0 for 0.0, as f64.neg).
(func $dbl_neg (param $a i64) (result i64)
  (i64.xor (local.get $a) (i64.const 0x8000000000000000)))

;; $dbl_cmp: $a against $b: -1, 0, 1; 2 when either is NaN.
(func $dbl_cmp (param $a i64) (param $b i64) (result i32)
  (call $f64_cmp (f64.reinterpret_i64 (local.get $a)) (f64.reinterpret_i64 (local.get $b))))

;; $dbl_cmp_int: double $a against int $i, exactly (dyn_ops.wat's
;; $f64_cmp_i64: 2^53 + 1 is above 2^53 as a double).
(func $dbl_cmp_int (param $a i64) (param $i i64) (result i32)
  (call $f64_cmp_i64 (f64.reinterpret_i64 (local.get $a)) (local.get $i)))

;; $dbl_from_int: double(i): the double nearest to $i.
(func $dbl_from_int (param $i i64) (result i64)
  (i64.reinterpret_f64 (f64.convert_i64_s (local.get $i))))

;; $dbl_to_int: int(d): truncated toward zero.
;; Errors: NaN or outside the int64 range -> $rt_error = 2, result 0.
(func $dbl_to_int (param $a i64) (result i64)
  (call $f64_to_i64 (f64.reinterpret_i64 (local.get $a))))

;; $dbl_text: string(d): Python's repr (`1.0`, `0.1`, `1e+16`, `-0.0`,
;; `nan`, `inf`, `-inf`): the shortest text that reads back as $a
;; (num_print.wat's $f64_repr).
;; Errors: scratch full -> $rt_error = 4, result "".
(func $dbl_text (param $a i64) (result i64)
  (call $f64_repr (f64.reinterpret_i64 (local.get $a))))

;; $dbl_parse: double(s): the double nearest to the JSON number $s (`1.5`,
;; `-2e3`, `10`; not ` 1`, `+1`, `.5`, `inf`), as JSON values read them.
;; Errors: another text -> $rt_error = 11; beyond the double range -> 2;
;; scratch full -> 4.  Result 0.0 on error.
(func $dbl_parse (param $s i64) (result i64)
  (local $x f64)
  (local.set $x (call $dyn_f64 (local.get $s)))  ;; $f64_parse, its scratch given back
  (if (i32.eq (global.get $num_fail) (i32.const 1))
    (then (global.set $rt_error (global.get $E_BAD_CONVERSION)) (return (i64.const 0))))
  (if (global.get $num_fail)
    (then (global.set $rt_error (global.get $E_OVERFLOW)) (return (i64.const 0))))
  (i64.reinterpret_f64 (local.get $x)))

;; $dbl_of_dyn: double(x) of JSON value $v (dyn_ops.wat's $dyn_double).
;; Errors: those of $dyn_double; result 0.0.
(func $dbl_of_dyn (param $v i64) (result i64)
  (i64.reinterpret_f64 (call $dyn_double (local.get $v))))

;; $dbl_to_dyn: a double written into JSON: its repr; null for NaN and the
;; infinities (dyn_build.wat's $dyn_from_double).
;; Errors: scratch full -> $rt_error = 4, result null.
(func $dbl_to_dyn (param $a i64) (result i64)
  (call $dyn_from_double (f64.reinterpret_i64 (local.get $a))))

;; $dyn_cmp_dbl: JSON value $v against double $a ($dyn_cmp_double): 2 when
;; $v is not a number.
(func $dyn_cmp_dbl (param $v i64) (param $a i64) (result i32)
  (call $dyn_cmp_double (local.get $v) (f64.reinterpret_i64 (local.get $a))))

;; $dyn_eq_dbl: x == 1.5 with JSON value $v: 1 when it is a number equal
;; to $a.
(func $dyn_eq_dbl (param $v i64) (param $a i64) (result i32)
  (call $dyn_eq_double (local.get $v) (f64.reinterpret_i64 (local.get $a))))

;; $type_of_dyn: type(x) of JSON value $v: its kind, which is its type's
;; code (compiler/types.py's TYPE_CODES: 0 null_type .. 6 map).
(func $type_of_dyn (param $v i64) (result i32)
  (call $dyn_kind (local.get $v)))
