;; dyn_ops.wat: converting and comparing JSON values (dyn.wat: canonical
;; text, null is 0, kinds 0 null .. 6 map).  Conversions are what a
;; program asks for explicitly (string(x), int(x), double(x), bool(x)) and
;; fail with $rt_error when the value does not convert.  Comparisons never
;; fail: a value of another kind (a client's missing key, a wrong type) is
;; unequal to everything but its equal, and unordered.  (Their only error
;; is $rt_error = 4 when scratch runs out while they read a double of more
;; than 15 digits or sort a map's keys; they then say unequal.)  Numbers compare by
;; value across int and double, as CEL's heterogeneous equality does
;; (1 == 1.0, -0.0 == 0); an int beyond int64 meets a double as the double
;; it rounds to (CEL's JSON numbers are all doubles).

;; $E_BAD_CONVERSION: RuntimeErrorCode.BAD_CONVERSION (string(), int(),
;; double() or bool() of a JSON value that does not convert).
(global $E_BAD_CONVERSION i32 (i32.const 11))

;; $dyn_exact: after $dyn_as_i64, 1 when the value was an int in the int64
;; range, else 0.
(global $dyn_exact (mut i32) (i32.const 0))

;; $dyn_string: string(x) of JSON value $v: a string's raw bytes
;; (unescaped; a slice of the text when it has no escape), an int's digits,
;; a double's text (`1.5`, `1e+16`), `true` or `false`.
;; Errors: null, a list or a map -> $rt_error = 11; scratch full -> 4;
;; result "".
(func $dyn_string (param $v i64) (result i64)
  (local $kind i32)
  (local.set $kind (call $dyn_kind (local.get $v)))
  (if (i32.eq (local.get $kind) (i32.const 4)) (then (return (call $dyn_unquote (local.get $v)))))
  (if (i32.and (i32.ge_u (local.get $kind) (i32.const 1)) (i32.le_u (local.get $kind) (i32.const 3)))
    (then (return (local.get $v))))
  (global.set $rt_error (global.get $E_BAD_CONVERSION))
  (i64.const 0))

;; $dyn_unquote: the raw bytes of JSON string value $v: a slice of its text
;; when it has no escape, else decoded into scratch by json.wat's
;; $json_string (one allocation, the tail it does not use given back).
;; Errors: scratch full -> $rt_error = 4, result "".
(func $dyn_unquote (param $v i64) (result i64)
  (local $p i32) (local $n i32) (local $buf i32) (local $s i64)
  (local.set $p (call $str_ptr (local.get $v)))
  (local.set $n (call $str_len (local.get $v)))
  (if (i32.lt_s (call $str_find_byte (local.get $v) (i32.const 0x5C)) (i32.const 0))
    (then (return (call $str_pack (i32.add (local.get $p) (i32.const 1)) (i32.sub (local.get $n) (i32.const 2))))))
  (local.set $buf (call $alloc (local.get $n)))
  (if (i32.eqz (local.get $buf)) (then (return (i64.const 0))))
  (global.set $json_p (local.get $p))
  (global.set $json_end (i32.add (local.get $p) (local.get $n)))
  (global.set $json_fail (i32.const 0))
  (global.set $json_out (local.get $buf))
  (local.set $s (call $json_string (i32.const 1)))
  (global.set $scratch_top (global.get $json_out))
  (local.get $s))

;; $dyn_as_i64: the value of int $v when it is in the int64 range
;; ($dyn_exact = 1), else 0 ($dyn_exact = 0: not an int, or beyond).
;; Leaves $rt_error as it was.
(func $dyn_as_i64 (param $v i64) (result i64)
  (local $saved i32) (local $x i64)
  (global.set $dyn_exact (i32.const 0))
  (if (i32.ne (call $dyn_kind (local.get $v)) (i32.const 2)) (then (return (i64.const 0))))
  (local.set $saved (global.get $rt_error))
  (global.set $rt_error (i32.const 0))
  (local.set $x (call $str_to_i64 (local.get $v)))
  (global.set $dyn_exact (i32.eqz (global.get $rt_error)))
  (global.set $rt_error (local.get $saved))
  (local.get $x))

;; $dyn_f64: the double of number $v's text (num.wat's $f64_parse, which
;; sets $num_fail), with the scratch it took given back.
;; Errors: scratch full -> $rt_error = 4, result 0.
(func $dyn_f64 (param $v i64) (result f64)
  (local $mark i32) (local $x f64)
  (local.set $mark (global.get $scratch_top))
  (local.set $x (call $f64_parse (local.get $v)))
  (global.set $scratch_top (local.get $mark))
  (local.get $x))

;; $f64_to_i64: CEL int(double): $x truncated toward zero.
;; Errors: NaN, or outside the int64 range -> $rt_error = 2, result 0.
(func $f64_to_i64 (param $x f64) (result i64)
  (if (i32.and (f64.ge (local.get $x) (f64.const -9223372036854775808))
               (f64.lt (local.get $x) (f64.const 9223372036854775808)))
    (then (return (i64.trunc_f64_s (local.get $x)))))
  (global.set $rt_error (global.get $E_OVERFLOW))
  (i64.const 0))

;; $dyn_int: int(x) of JSON value $v: an int in the int64 range; a double
;; truncated toward zero (CEL); a string that is an optional sign and
;; decimal digits (CEL int(string), str.wat's $str_to_i64).
;; Errors: beyond int64 -> $rt_error = 2; a string of another form -> 1;
;; null, a bool, a list or a map -> 11; result 0.
(func $dyn_int (param $v i64) (result i64)
  (local $kind i32) (local $s i64)
  (local.set $kind (call $dyn_kind (local.get $v)))
  (if (i32.eq (local.get $kind) (i32.const 2)) (then (return (call $str_to_i64 (local.get $v)))))
  (if (i32.eq (local.get $kind) (i32.const 3)) (then (return (call $f64_to_i64 (call $dyn_f64 (local.get $v))))))
  (if (i32.eq (local.get $kind) (i32.const 4))
    (then
      (local.set $s (call $dyn_unquote (local.get $v)))
      (if (global.get $rt_error) (then (return (i64.const 0))))
      (return (call $str_to_i64 (local.get $s)))))
  (global.set $rt_error (global.get $E_BAD_CONVERSION))
  (i64.const 0))

;; $dyn_double: double(x) of JSON value $v: a number's double (an int
;; rounded to the nearest), or a string that is a JSON number (`1.5`,
;; `-2e3`; not `inf`, ` 1`, `+1`, `.5`), read by num.wat's $f64_parse.
;; Errors: beyond the double range -> $rt_error = 2; a string of another
;; form, null, a bool, a list or a map -> 11; result 0.
(func $dyn_double (param $v i64) (result f64)
  (local $kind i32) (local $x f64)
  (local.set $kind (call $dyn_kind (local.get $v)))
  (if (i32.eq (local.get $kind) (i32.const 4))
    (then
      (local.set $v (call $dyn_unquote (local.get $v)))
      (if (global.get $rt_error) (then (return (f64.const 0))))
      (local.set $x (call $dyn_f64 (local.get $v)))
      (if (i32.eq (global.get $num_fail) (i32.const 1)) (then (local.set $kind (i32.const 0)))))
    (else
      (if (i32.or (i32.eq (local.get $kind) (i32.const 2)) (i32.eq (local.get $kind) (i32.const 3)))
        (then (local.set $x (call $dyn_f64 (local.get $v))))
        (else (local.set $kind (i32.const 0))))))
  (if (i32.eqz (local.get $kind))
    (then (global.set $rt_error (global.get $E_BAD_CONVERSION)) (return (f64.const 0))))
  (if (global.get $num_fail)
    (then (global.set $rt_error (global.get $E_OVERFLOW)) (return (f64.const 0))))
  (local.get $x))

;; $dyn_bool: bool(x) of JSON value $v: 1 for true, 0 for false.
;; Errors: any other value (the string "true" too) -> $rt_error = 11,
;; result 0.
(func $dyn_bool (param $v i64) (result i32)
  (if (i32.eq (call $dyn_kind (local.get $v)) (i32.const 1))
    (then (return (i32.eq (i32.load8_u (call $str_ptr (local.get $v))) (i32.const 0x74)))))
  (global.set $rt_error (global.get $E_BAD_CONVERSION))
  (i32.const 0))

;; $f64_cmp: -1, 0 or 1 as $a is below, equal to or above $b; 2 when
;; either is NaN (unordered).
(func $f64_cmp (param $a f64) (param $b f64) (result i32)
  (if (f64.lt (local.get $a) (local.get $b)) (then (return (i32.const -1))))
  (if (f64.gt (local.get $a) (local.get $b)) (then (return (i32.const 1))))
  (if (f64.eq (local.get $a) (local.get $b)) (then (return (i32.const 0))))
  (i32.const 2))

;; $f64_cmp_i64: $f64_cmp of double $x and int $i, exactly (no rounding of
;; $i): the integer part of $x, which fits int64 when $x is in range,
;; against $i, then $x's fraction.
(func $f64_cmp_i64 (param $x f64) (param $i i64) (result i32)
  (local $t f64) (local $ti i64)
  (if (f64.ne (local.get $x) (local.get $x)) (then (return (i32.const 2))))
  (if (f64.lt (local.get $x) (f64.const -9223372036854775808)) (then (return (i32.const -1))))
  (if (f64.ge (local.get $x) (f64.const 9223372036854775808)) (then (return (i32.const 1))))
  (local.set $t (f64.trunc (local.get $x)))
  (local.set $ti (i64.trunc_f64_s (local.get $t)))
  (if (i64.lt_s (local.get $ti) (local.get $i)) (then (return (i32.const -1))))
  (if (i64.gt_s (local.get $ti) (local.get $i)) (then (return (i32.const 1))))
  (call $f64_cmp (local.get $x) (local.get $t)))

;; $dyn_cmp_int: compare JSON value $v with int $i: -1 ($v < $i), 0, 1, or
;; 2 when $v is not a number.  Generated code: `<` is r == -1, `<=` is
;; r <= 0 (signed), `>` is r == 1, `>=` is r < 2 (unsigned), `==` r == 0.
(func $dyn_cmp_int (param $v i64) (param $i i64) (result i32)
  (local $kind i32) (local $x i64)
  (local.set $kind (call $dyn_kind (local.get $v)))
  (if (i32.eq (local.get $kind) (i32.const 3))
    (then (return (call $f64_cmp_i64 (call $dyn_f64 (local.get $v)) (local.get $i)))))
  (if (i32.ne (local.get $kind) (i32.const 2)) (then (return (i32.const 2))))
  (local.set $x (call $dyn_as_i64 (local.get $v)))
  ;; beyond int64: below every int64 when negative, above when positive
  (if (i32.eqz (global.get $dyn_exact))
    (then (return (select (i32.const -1) (i32.const 1)
                          (i32.eq (i32.load8_u (call $str_ptr (local.get $v))) (i32.const 0x2D))))))
  (i32.sub (i64.gt_s (local.get $x) (local.get $i)) (i64.lt_s (local.get $x) (local.get $i))))

;; $dyn_cmp_double: compare JSON value $v with double $d as $dyn_cmp_int
;; does (2 also when $d is NaN).
(func $dyn_cmp_double (param $v i64) (param $d f64) (result i32)
  (local $kind i32) (local $x i64) (local $r i32)
  (local.set $kind (call $dyn_kind (local.get $v)))
  (if (i32.eq (local.get $kind) (i32.const 2))
    (then
      (local.set $x (call $dyn_as_i64 (local.get $v)))
      (if (global.get $dyn_exact)
        (then
          (local.set $r (call $f64_cmp_i64 (local.get $d) (local.get $x)))
          (return (select (local.get $r) (i32.sub (i32.const 0) (local.get $r)) (i32.eq (local.get $r) (i32.const 2))))))))
  (if (i32.and (i32.ne (local.get $kind) (i32.const 2)) (i32.ne (local.get $kind) (i32.const 3)))
    (then (return (i32.const 2))))
  (call $f64_cmp (call $dyn_f64 (local.get $v)) (local.get $d)))

;; $dyn_cmp_str: compare JSON value $v with raw string $s: a JSON string's
;; bytes against $s's (-1, 0, 1; unsigned bytes, so code point order), 2
;; when $v is not a string.  Allocates nothing.
(func $dyn_cmp_str (param $v i64) (param $s i64) (result i32)
  (if (i32.ne (call $dyn_kind (local.get $v)) (i32.const 4)) (then (return (i32.const 2))))
  (call $dyn_text_cmp (call $str_ptr (local.get $v)) (call $dyn_end (local.get $v)) (local.get $s)))

;; $dyn_eq_str: x == "literal": 1 when $v is a JSON string whose raw bytes
;; are $s's, else 0.  Allocates nothing.
(func $dyn_eq_str (param $v i64) (param $s i64) (result i32)
  (i32.eqz (call $dyn_cmp_str (local.get $v) (local.get $s))))

;; $dyn_eq_int: x == 5: 1 when $v is a number equal to $i, else 0.
(func $dyn_eq_int (param $v i64) (param $i i64) (result i32)
  (i32.eqz (call $dyn_cmp_int (local.get $v) (local.get $i))))

;; $dyn_eq_double: x == 1.5: 1 when $v is a number equal to $d, else 0.
(func $dyn_eq_double (param $v i64) (param $d f64) (result i32)
  (i32.eqz (call $dyn_cmp_double (local.get $v) (local.get $d))))

;; $dyn_eq_bool: x == true: 1 when $v is the JSON bool $b (0 or 1), else 0.
(func $dyn_eq_bool (param $v i64) (param $b i32) (result i32)
  (if (i32.ne (call $dyn_kind (local.get $v)) (i32.const 1)) (then (return (i32.const 0))))
  (i32.eq (i32.eq (i32.load8_u (call $str_ptr (local.get $v))) (i32.const 0x74)) (i32.ne (local.get $b) (i32.const 0))))

;; $dyn_eq: x == y of JSON values (CEL equality): equal texts are equal
;; values; otherwise numbers compare by value, lists item by item, maps key
;; by key whatever their order; anything else is unequal.  Lists and maps
;; nested deeper than 64 compare by text alone.  Time: linear in the
;; texts, plus n log n for maps of n keys.
;; Errors: only scratch full (see the head of the file) -> $rt_error = 4.
(func $dyn_eq (param $a i64) (param $b i64) (result i32)
  (call $dyn_eq_at (local.get $a) (local.get $b) (i32.const 0)))

;; $dyn_eq_at: $dyn_eq of values $depth lists and maps deep.
(func $dyn_eq_at (param $a i64) (param $b i64) (param $depth i32) (result i32)
  (local $ka i32) (local $kb i32)
  (if (call $str_eq (local.get $a) (local.get $b)) (then (return (i32.const 1))))
  (local.set $ka (call $dyn_kind (local.get $a)))
  (local.set $kb (call $dyn_kind (local.get $b)))
  (if (i32.and (i32.eq (i32.or (local.get $ka) (i32.const 1)) (i32.const 3))
               (i32.eq (i32.or (local.get $kb) (i32.const 1)) (i32.const 3)))
    (then
      ;; numbers (2 or 3): two ints with different texts differ
      (if (i32.eq (local.get $ka) (i32.const 3))
        (then (return (call $dyn_eq_double (local.get $b) (call $dyn_f64 (local.get $a))))))
      (if (i32.eq (local.get $kb) (i32.const 3))
        (then (return (call $dyn_eq_double (local.get $a) (call $dyn_f64 (local.get $b))))))
      (return (i32.const 0))))
  (if (i32.or (i32.ne (local.get $ka) (local.get $kb)) (i32.ge_u (local.get $depth) (i32.const 64)))
    (then (return (i32.const 0))))
  (if (i32.eq (local.get $ka) (i32.const 5))
    (then (return (call $dyn_list_eq (local.get $a) (local.get $b) (i32.add (local.get $depth) (i32.const 1))))))
  (if (i32.eq (local.get $ka) (i32.const 6))
    (then (return (call $dyn_map_eq (local.get $a) (local.get $b) (i32.add (local.get $depth) (i32.const 1))))))
  (i32.const 0))

;; $dyn_list_eq: $dyn_eq_at of lists $a and $b: the same number of items,
;; pairwise equal.
(func $dyn_list_eq (param $a i64) (param $b i64) (param $depth i32) (result i32)
  (local $ca i32) (local $cb i32)
  (local.set $ca (call $dyn_first (local.get $a)))
  (local.set $cb (call $dyn_first (local.get $b)))
  (loop $items
    (if (i32.or (i32.eqz (local.get $ca)) (i32.eqz (local.get $cb)))
      (then (return (i32.eq (local.get $ca) (local.get $cb)))))
    (if (i32.eqz (call $dyn_eq_at (call $dyn_item (local.get $a) (local.get $ca))
                                  (call $dyn_item (local.get $b) (local.get $cb)) (local.get $depth)))
      (then (return (i32.const 0))))
    (local.set $ca (call $dyn_next (local.get $a) (local.get $ca)))
    (local.set $cb (call $dyn_next (local.get $b) (local.get $cb)))
    (br $items))
  (i32.const 0))

;; $dyn_keys_sorted: the addresses of map $v's $n keys, sorted
;; ($json_sort_rows, canonical strings), in scratch.
;; Errors: scratch full -> $rt_error = 4, result 0.
(func $dyn_keys_sorted (param $v i64) (param $n i32) (result i32)
  (local $rows i32) (local $tmp i32) (local $c i32) (local $i i32)
  (local.set $rows (call $alloc (i32.shl (local.get $n) (i32.const 2))))
  (local.set $tmp (call $alloc (i32.shl (local.get $n) (i32.const 2))))
  (if (i32.or (i32.eqz (local.get $rows)) (i32.eqz (local.get $tmp))) (then (return (i32.const 0))))
  (local.set $c (call $dyn_first (local.get $v)))
  (block $done
    (loop $keys
      (br_if $done (i32.or (i32.eqz (local.get $c)) (i32.ge_u (local.get $i) (local.get $n))))
      (i32.store (i32.add (local.get $rows) (i32.shl (local.get $i) (i32.const 2))) (local.get $c))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $c (call $dyn_next (local.get $v) (local.get $c)))
      (br $keys)))
  (call $json_sort_rows (local.get $rows) (local.get $tmp) (local.get $n) (i32.const 1)))

;; $dyn_map_eq: $dyn_eq_at of maps $a and $b: the same number of keys,
;; their sorted keys pairwise equal, and each key's values equal.  The
;; scratch it takes (16 bytes a key) is given back.
(func $dyn_map_eq (param $a i64) (param $b i64) (param $depth i32) (result i32)
  (local $n i32) (local $mark i32) (local $ra i32) (local $rb i32) (local $i i32) (local $eq i32) (local $x i32) (local $y i32)
  (local.set $n (i32.wrap_i64 (call $dyn_size (local.get $a))))
  (if (i32.ne (local.get $n) (i32.wrap_i64 (call $dyn_size (local.get $b)))) (then (return (i32.const 0))))
  (local.set $mark (global.get $scratch_top))
  (local.set $ra (call $dyn_keys_sorted (local.get $a) (local.get $n)))
  (local.set $rb (call $dyn_keys_sorted (local.get $b) (local.get $n)))
  (local.set $eq (i32.and (i32.ne (local.get $ra) (i32.const 0)) (i32.ne (local.get $rb) (i32.const 0))))
  (block $done
    (loop $keys
      (br_if $done (i32.or (i32.eqz (local.get $eq)) (i32.ge_u (local.get $i) (local.get $n))))
      (local.set $x (i32.load (i32.add (local.get $ra) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $y (i32.load (i32.add (local.get $rb) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $eq (i32.and (i32.eqz (call $json_text_cmp (local.get $x) (local.get $y)))
                              (call $dyn_eq_at (call $dyn_item_value (local.get $a) (local.get $x))
                                               (call $dyn_item_value (local.get $b) (local.get $y)) (local.get $depth))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $keys)))
  (global.set $scratch_top (local.get $mark))
  (local.get $eq))
