;; dyn.wat: JSON values of the language (CEL's `dyn`): reading a JSON
;; document into one, and reading parts of one.  dyn_ops.wat converts and
;; compares them, dyn_build.wat builds and edits them.
;;
;; A dyn value is a packed string (str.wat) holding the canonical JSON text
;; of the value: exactly what Python's json.dumps(v, ensure_ascii=False,
;; separators=(",", ":")) writes for v = json.loads(text).  No whitespace;
;; strings escaped only where JSON must (`\"`, `\\`, `\b`, `\f`, `\n`,
;; `\r`, `\t`, other bytes below 0x20 as `\u00xx`), everything else raw
;; UTF-8, so that every escape stands for one byte; object keys in the
;; document's order, never repeated; integers (no fraction, no exponent)
;; as their digits, any length, `-0` as `0`; every other number as the
;; shortest text that reads back as its double (Python's repr: `1.5`,
;; `100.0`, `1e+16`, `-0.0`; num.wat's $f64_repr).  One value has one text,
;; so reads return slices of a text without copying, and two values of the
;; same kind are equal when their texts are (doubles aside: -0.0 == 0.0).
;;
;; NULL is the packed value 0 (the empty text: no JSON text is empty),
;; never the text `null`: every read gives 0 for a JSON null, a missing key,
;; an index out of range or a value of the wrong kind, and generated code
;; tests null with i64.eqz.  Inside a list or map a null is the text `null`.
;;
;; Kinds ($dyn_kind): 0 null, 1 bool, 2 int, 3 double, 4 string, 5 list
;; (JSON array), 6 map (JSON object).
;;
;; Reads never fail and never allocate; they expect canonical text (what
;; $json_decode and the builders make) and never read outside the value,
;; whatever it holds.  Each takes time linear in the part of the text it
;; walks: a key read walks the object's members up to the key (skipping
;; each value before it), an index read the items up to the index.

;; $dyn_fail: why the last $json_decode gave null for a text that is not
;; the JSON text `null`: 0 it did not (the text was `null`), 1 not JSON
;; (RFC 8259, strict: malformed, not UTF-8, a lone surrogate escape, empty),
;; 2 nested deeper than 32, 3 longer than 1 MiB, 4 an object repeats a key,
;; 5 a number out of the double range (1e400), 6 out of scratch memory.
(global $dyn_fail (mut i32) (i32.const 0))

;; $dyn_fail_at: after a $json_decode failure, the byte offset in the text
;; where it was found (for 4: just past the object repeating the key).
(global $dyn_fail_at (mut i32) (i32.const 0))

;; $dyn_fail_key: after a $json_decode failure 4, the address of the
;; repeated key's canonical text (its opening quote) in what the decoder
;; wrote: scratch memory above $scratch_top, there until it is allocated
;; again (the configuration reader keeps it, cfg_json.wat).  Of the keys an
;; object repeats, the one whose text sorts first ($json_text_cmp).
(global $dyn_fail_key (mut i32) (i32.const 0))

;; $dyn_keys: while $json_decode writes, the top of its stack of key
;; addresses (4 bytes each) of the objects being written.
(global $dyn_keys (mut i32) (i32.const 0))

;; $dyn_sort_buffer: while $json_decode writes, room for as many addresses
;; as the text has keys, the other buffer of the sort of an object's keys.
(global $dyn_sort_buffer (mut i32) (i32.const 0))

;; $json_decode: json.decode(text): the canonical text (see the head of
;; dyn.wat) of JSON text $text, or null.  The text is read as the
;; configuration reader reads it (json.wat: RFC 8259 strictly, UTF-8
;; checked, nesting at most 32, at most 1 MiB), and besides refused when an
;; object repeats a key (however spelled: "a" and "\u0061"), which readers
;; disagree about, or a number is beyond the double range.  Result: the
;; value (null for the text `null`), or null with $dyn_fail and
;; $dyn_fail_at saying why.  Never sets $rt_error (out of memory is
;; $dyn_fail 6); on failure the scratch arena is as it was.  The result is
;; one block of scratch at most 24 bytes per number longer than the text.
;; Time: linear in the text, plus n log n for an object of n keys.
(func $json_decode (param $text i64) (result i64)
  (local $saved i32) (local $mark i32) (local $v i64)
  (local.set $saved (global.get $rt_error))
  (local.set $mark (global.get $scratch_top))
  (global.set $rt_error (i32.const 0))
  (global.set $dyn_fail (i32.const 0))
  (local.set $v (call $dyn_decode (local.get $text)))
  (if (global.get $dyn_fail)
    (then
      (global.set $scratch_top (local.get $mark))
      (global.set $dyn_fail_at (i32.sub (global.get $dyn_fail_at) (call $str_ptr (local.get $text))))
      (local.set $v (i64.const 0))))
  (global.set $rt_error (local.get $saved))
  (local.get $v))

;; $dyn_refuse: record $json_decode failure $why at address $at (the first
;; one wins).
(func $dyn_refuse (param $why i32) (param $at i32)
  (if (global.get $dyn_fail) (then (return)))
  (global.set $dyn_fail (local.get $why))
  (global.set $dyn_fail_at (local.get $at)))

;; $dyn_decode: the work of $json_decode: check the text ($json_check), then
;; read it again writing its canonical text at the top of scratch, after a
;; stack and a sort buffer for the keys ($json_keys of each).  The text
;; grows as it is written; it never takes more than the text read so far
;; plus what the numbers made longer, which is checked after each double.
(func $dyn_decode (param $text i64) (result i64)
  (local $ptr i32) (local $len i32) (local $code i32) (local $keys i32) (local $out i32) (local $n i32)
  (local.set $ptr (call $str_ptr (local.get $text)))
  (local.set $len (call $str_len (local.get $text)))
  (local.set $code (call $json_check (local.get $text)))
  (if (local.get $code)
    (then
      (call $dyn_refuse
        (select (i32.const 1) (select (i32.const 3) (i32.const 2) (i32.gt_u (local.get $len) (i32.const 1048576)))
                (i32.eq (local.get $code) (i32.const 1)))
        (global.get $json_fail_at))
      (return (i64.const 0))))
  (local.set $keys (call $alloc (i32.shl (global.get $json_keys) (i32.const 3))))
  (local.set $out (call $alloc (i32.const 0)))
  (if (i32.or (i32.eqz (local.get $keys))
              (i64.gt_u (i64.add (i64.extend_i32_u (local.get $out)) (i64.extend_i32_u (local.get $len)))
                        (i64.extend_i32_u (global.get $scratch_end))))
    (then (call $dyn_refuse (i32.const 6) (local.get $ptr)) (return (i64.const 0))))
  (global.set $dyn_keys (local.get $keys))
  (global.set $dyn_sort_buffer (i32.add (local.get $keys) (i32.shl (global.get $json_keys) (i32.const 2))))
  (global.set $json_out (local.get $out))
  (global.set $json_p (local.get $ptr))
  (call $json_ws)
  (call $dyn_put_value)
  (if (global.get $dyn_fail) (then (return (i64.const 0))))
  ;; the text where the keys were, which nothing needs any more
  (local.set $n (i32.sub (global.get $json_out) (local.get $out)))
  (memory.copy (local.get $keys) (local.get $out) (local.get $n))
  (global.set $scratch_top (i32.add (local.get $keys) (local.get $n)))
  (call $dyn_slice (local.get $keys) (i32.add (local.get $keys) (local.get $n))))

;; $dyn_put_value: write the canonical text of the checked JSON value at
;; the cursor at $json_out and move past it.  Failures go to $dyn_refuse.
(func $dyn_put_value
  (local $c i32) (local $n i32)
  (local.set $c (call $json_peek))
  (if (i32.or (i32.eq (local.get $c) (i32.const 0x7B)) (i32.eq (local.get $c) (i32.const 0x5B)))
    (then (call $dyn_put_container (local.get $c)) (return)))
  (if (i32.eq (local.get $c) (i32.const 0x22))
    (then
      (call $json_emit (i32.const 1) (i32.const 0x22))
      (drop (call $json_string (i32.const 2)))
      (call $json_emit (i32.const 1) (i32.const 0x22))
      (return)))
  (if (i32.or (i32.eq (local.get $c) (i32.const 0x2D)) (call $json_is_digit (local.get $c)))
    (then (call $dyn_put_number) (return)))
  ;; true, false or null, as they are
  (local.set $n (select (i32.const 5) (i32.const 4) (i32.eq (local.get $c) (i32.const 0x66))))
  (memory.copy (global.get $json_out) (global.get $json_p) (local.get $n))
  (global.set $json_out (i32.add (global.get $json_out) (local.get $n)))
  (global.set $json_p (i32.add (global.get $json_p) (local.get $n))))

;; $dyn_put_container: $dyn_put_value for the array or object whose
;; bracket $c is at the cursor.  An object's keys are pushed on the key
;; stack as they are written, and checked for repeats at its end.
(func $dyn_put_container (param $c i32)
  (local $base i32)
  (local.set $base (global.get $dyn_keys))
  (call $json_emit (i32.const 1) (local.get $c))
  (if (call $json_open)
    (then
      (loop $items
        (if (i32.eq (local.get $c) (i32.const 0x7B))
          (then
            (i32.store (global.get $dyn_keys) (global.get $json_out))
            (global.set $dyn_keys (i32.add (global.get $dyn_keys) (i32.const 4)))
            (call $json_emit (i32.const 1) (i32.const 0x22))
            (drop (call $json_key (i32.const 2)))
            (call $json_emit (i32.const 1) (i32.const 0x22))
            (call $json_emit (i32.const 1) (i32.const 0x3A))))
        (call $dyn_put_value)
        (if (global.get $dyn_fail) (then (return)))
        (if (call $json_next_item)
          (then
            (call $json_emit (i32.const 1) (i32.const 0x2C))
            (br $items))))))
  ;; '}' is '{' + 2 and ']' is '[' + 2
  (call $json_emit (i32.const 1) (i32.add (local.get $c) (i32.const 2)))
  (if (i32.eq (local.get $c) (i32.const 0x7B)) (then (call $dyn_unique_keys (local.get $base)))))

;; $dyn_unique_keys: refuse (4) the object just written when two of its
;; keys, whose addresses are on the key stack from $base, are equal
;; (canonical texts: equal values have equal texts); pop them.  Sorts them
;; ($json_sort_rows, n log n) and compares neighbours.
(func $dyn_unique_keys (param $base i32)
  (local $n i32) (local $sorted i32) (local $i i32) (local $row i32)
  (local.set $n (i32.shr_u (i32.sub (global.get $dyn_keys) (local.get $base)) (i32.const 2)))
  (global.set $dyn_keys (local.get $base))
  (if (i32.lt_u (local.get $n) (i32.const 2)) (then (return)))
  (local.set $sorted (call $json_sort_rows (local.get $base) (global.get $dyn_sort_buffer) (local.get $n) (i32.const 1)))
  (local.set $i (i32.const 1))
  (loop $pairs
    (local.set $row (i32.add (local.get $sorted) (i32.shl (local.get $i) (i32.const 2))))
    (if (i32.eqz (call $json_text_cmp (i32.load (i32.sub (local.get $row) (i32.const 4))) (i32.load (local.get $row))))
      (then
        (global.set $dyn_fail_key (i32.load (local.get $row)))
        (call $dyn_refuse (i32.const 4) (global.get $json_p))
        (return)))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $pairs (i32.lt_u (local.get $i) (local.get $n)))))

;; $dyn_put_number: $dyn_put_value for a (checked) number: an integer as
;; it is (`-0` as `0`), any other number as $dyn_put_double writes it.
(func $dyn_put_number
  (local $start i32) (local $p i32) (local $c i32) (local $double i32) (local $n i32)
  (local.set $start (global.get $json_p))
  (local.set $p (local.get $start))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $p) (global.get $json_end)))
      (local.set $c (i32.load8_u (local.get $p)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $bytes (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10)))
      (br_if $bytes (i32.or (i32.eq (local.get $c) (i32.const 0x2D)) (i32.eq (local.get $c) (i32.const 0x2B))))
      (local.set $c (i32.or (i32.eq (local.get $c) (i32.const 0x2E)) (i32.eq (i32.or (local.get $c) (i32.const 0x20)) (i32.const 0x65))))
      (local.set $double (i32.or (local.get $double) (local.get $c)))
      (br_if $bytes (local.get $c))
      ;; not part of the number
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))))
  (global.set $json_p (local.get $p))
  (local.set $n (i32.sub (local.get $p) (local.get $start)))
  (if (local.get $double)
    (then (call $dyn_put_double (call $str_pack (local.get $start) (local.get $n))) (return)))
  (if (i32.and (i32.eq (local.get $n) (i32.const 2)) (i32.eq (i32.load16_u (local.get $start)) (i32.const 0x302D)))
    (then
      (local.set $start (i32.add (local.get $start) (i32.const 1)))
      (local.set $n (i32.const 1))))
  (memory.copy (global.get $json_out) (local.get $start) (local.get $n))
  (global.set $json_out (i32.add (global.get $json_out) (local.get $n))))

;; $dyn_put_double: write number text $s (a fraction or an exponent) as
;; Python's repr of its double; refuse (5) a number beyond the double
;; range.  num.wat's functions allocate scratch: past what is written.
;; Then checks that the rest of the text still fits (refuse 6; so is
;; scratch running out in num.wat, which sets $rt_error).
(func $dyn_put_double (param $s i64)
  (local $x f64) (local $r i64)
  (global.set $scratch_top (global.get $json_out))
  (local.set $x (call $f64_parse (local.get $s)))
  (if (global.get $num_fail)
    (then (call $dyn_refuse (i32.const 5) (call $str_ptr (local.get $s))) (return)))
  (local.set $r (call $f64_repr (local.get $x)))
  (if (i32.or (i64.eqz (local.get $r)) (i32.ne (global.get $rt_error) (i32.const 0)))
    (then (call $dyn_refuse (i32.const 6) (call $str_ptr (local.get $s))) (return)))
  (memory.copy (global.get $json_out) (call $str_ptr (local.get $r)) (call $str_len (local.get $r)))
  (global.set $json_out (i32.add (global.get $json_out) (call $str_len (local.get $r))))
  (if (i64.gt_u (i64.add (i64.extend_i32_u (global.get $json_out))
                         (i64.extend_i32_u (i32.sub (global.get $json_end) (global.get $json_p))))
                (i64.extend_i32_u (global.get $scratch_end)))
    (then (call $dyn_refuse (i32.const 6) (call $str_ptr (local.get $s))))))

;; $dyn_number_kind: 3 (double) when the $n bytes of number text at $p
;; have a fraction or an exponent, else 2 (int).
(func $dyn_number_kind (param $p i32) (param $n i32) (result i32)
  (local $end i32) (local $c i32)
  (local.set $end (i32.add (local.get $p) (local.get $n)))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $c (i32.load8_u (local.get $p)))
      (if (i32.or (i32.eq (local.get $c) (i32.const 0x2E)) (i32.eq (i32.or (local.get $c) (i32.const 0x20)) (i32.const 0x65)))
        (then (return (i32.const 3))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $bytes)))
  (i32.const 2))

;; $dyn_slice: the value whose text runs from $p to $end: null (0) when it
;; is the text `null`, else that slice.
(func $dyn_slice (param $p i32) (param $end i32) (result i64)
  (if (i32.and (i32.eq (i32.sub (local.get $end) (local.get $p)) (i32.const 4))
               (i32.eq (i32.load (local.get $p)) (i32.const 0x6C6C756E)))
    (then (return (i64.const 0))))
  (call $str_pack (local.get $p) (i32.sub (local.get $end) (local.get $p))))

;; $dyn_end: the address just past value $v's text.
(func $dyn_end (param $v i64) (result i32)
  (i32.add (call $str_ptr (local.get $v)) (call $str_len (local.get $v))))

;; $dyn_skip_string: the address just past the canonical JSON string whose
;; opening quote is at $p (at most $end).
(func $dyn_skip_string (param $p i32) (param $end i32) (result i32)
  (local $c i32)
  (local.set $p (i32.add (local.get $p) (i32.const 1)))
  (loop $bytes
    (if (i32.ge_u (local.get $p) (local.get $end)) (then (return (local.get $end))))
    (local.set $c (i32.load8_u (local.get $p)))
    (if (i32.eq (local.get $c) (i32.const 0x22)) (then (return (i32.add (local.get $p) (i32.const 1)))))
    (local.set $p (i32.add (local.get $p) (select (i32.const 2) (i32.const 1) (i32.eq (local.get $c) (i32.const 0x5C)))))
    (br $bytes))
  (local.get $p))

;; $dyn_skip: the address just past the canonical value whose text starts
;; at $p (at most $end).  Brackets are counted outside strings, so nesting
;; costs no stack: linear in the value's text, whatever its depth.
(func $dyn_skip (param $p i32) (param $end i32) (result i32)
  (local $depth i32) (local $c i32)
  (loop $tokens
    (if (i32.ge_u (local.get $p) (local.get $end)) (then (return (local.get $end))))
    (local.set $c (i32.load8_u (local.get $p)))
    (block $next
      (if (i32.eq (local.get $c) (i32.const 0x22))
        (then (local.set $p (call $dyn_skip_string (local.get $p) (local.get $end))) (br $next)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      ;; '[' and '{' are 0x5B and 0x7B, ']' and '}' 0x5D and 0x7D
      (if (i32.eq (i32.or (local.get $c) (i32.const 0x20)) (i32.const 0x7B))
        (then (local.set $depth (i32.add (local.get $depth) (i32.const 1))) (br $next)))
      (if (i32.eq (i32.or (local.get $c) (i32.const 0x20)) (i32.const 0x7D))
        (then (local.set $depth (i32.sub (local.get $depth) (i32.const 1))) (br $next)))
      (br_if $next (i32.or (i32.eq (local.get $c) (i32.const 0x2C)) (i32.eq (local.get $c) (i32.const 0x3A))))
      ;; the rest of a number or a word: up to the next , : ] } or the end
      (block $scalar
        (loop $more
          (br_if $scalar (i32.ge_u (local.get $p) (local.get $end)))
          (local.set $c (i32.load8_u (local.get $p)))
          (br_if $scalar (i32.or (i32.or (i32.eq (local.get $c) (i32.const 0x2C)) (i32.eq (local.get $c) (i32.const 0x3A)))
                                 (i32.eq (i32.or (local.get $c) (i32.const 0x20)) (i32.const 0x7D))))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br $more))))
    (br_if $tokens (i32.gt_s (local.get $depth) (i32.const 0))))
  (local.get $p))

;; $dyn_kind: the kind of $v: 0 null, 1 bool, 2 int, 3 double, 4 string,
;; 5 list, 6 map (see the head of dyn.wat).
(func $dyn_kind (param $v i64) (result i32)
  (local $c i32)
  (if (i32.eqz (call $str_len (local.get $v))) (then (return (i32.const 0))))
  (local.set $c (i32.load8_u (call $str_ptr (local.get $v))))
  (if (i32.eq (local.get $c) (i32.const 0x22)) (then (return (i32.const 4))))
  (if (i32.eq (local.get $c) (i32.const 0x5B)) (then (return (i32.const 5))))
  (if (i32.eq (local.get $c) (i32.const 0x7B)) (then (return (i32.const 6))))
  (if (i32.or (i32.eq (local.get $c) (i32.const 0x74)) (i32.eq (local.get $c) (i32.const 0x66)))
    (then (return (i32.const 1))))
  (if (i32.eq (local.get $c) (i32.const 0x6E)) (then (return (i32.const 0))))
  (call $dyn_number_kind (call $str_ptr (local.get $v)) (call $str_len (local.get $v))))

;; $dyn_unescape: the byte the canonical escape at $p (its backslash)
;; stands for; `\u00xx` gives its low two hex digits' byte.
(func $dyn_unescape (param $p i32) (result i32)
  (local $c i32)
  (local.set $c (i32.load8_u offset=1 (local.get $p)))
  (if (i32.eq (local.get $c) (i32.const 0x75))
    (then (return (i32.or (i32.shl (i32.and (call $json_hex (i32.load8_u offset=4 (local.get $p))) (i32.const 15)) (i32.const 4))
                          (i32.and (call $json_hex (i32.load8_u offset=5 (local.get $p))) (i32.const 15))))))
  (if (i32.eq (local.get $c) (i32.const 0x62)) (then (return (i32.const 8))))
  (if (i32.eq (local.get $c) (i32.const 0x66)) (then (return (i32.const 12))))
  (if (i32.eq (local.get $c) (i32.const 0x6E)) (then (return (i32.const 10))))
  (if (i32.eq (local.get $c) (i32.const 0x72)) (then (return (i32.const 13))))
  (if (i32.eq (local.get $c) (i32.const 0x74)) (then (return (i32.const 9))))
  (local.get $c))

;; $dyn_text_cmp: compare the value of the canonical JSON string whose
;; opening quote is at $p (its text ends by $end) with the raw bytes of
;; string $s, bytewise as unsigned bytes (a proper prefix first): -1, 0 or
;; 1.  Allocates nothing: each escape stands for one byte.
(func $dyn_text_cmp (param $p i32) (param $end i32) (param $s i64) (result i32)
  (local $q i32) (local $n i32) (local $i i32) (local $c i32) (local $b i32)
  (local.set $q (call $str_ptr (local.get $s)))
  (local.set $n (call $str_len (local.get $s)))
  (local.set $p (i32.add (local.get $p) (i32.const 1)))
  (loop $bytes
    (if (i32.ge_u (local.get $p) (local.get $end)) (then (return (i32.const -1))))
    (local.set $c (i32.load8_u (local.get $p)))
    (if (i32.eq (local.get $c) (i32.const 0x22))
      (then (return (select (i32.const -1) (i32.const 0) (i32.lt_u (local.get $i) (local.get $n))))))
    (if (i32.eq (local.get $c) (i32.const 0x5C))
      (then
        (local.set $c (call $dyn_unescape (local.get $p)))
        (local.set $p (i32.add (local.get $p)
          (select (i32.const 6) (i32.const 2) (i32.eq (i32.load8_u offset=1 (local.get $p)) (i32.const 0x75))))))
      (else (local.set $p (i32.add (local.get $p) (i32.const 1)))))
    (if (i32.ge_u (local.get $i) (local.get $n)) (then (return (i32.const 1))))
    (local.set $b (i32.load8_u (i32.add (local.get $q) (local.get $i))))
    (if (i32.ne (local.get $c) (local.get $b))
      (then (return (select (i32.const -1) (i32.const 1) (i32.lt_u (local.get $c) (local.get $b))))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $bytes))
  (i32.const 0))

;; $dyn_member: the member of map $v whose key is the raw string $key, as
;; the slice from its key's opening quote to the end of its value; 0 when
;; $v is not a map or has no such key.  Keys are compared unescaped.
(func $dyn_member (param $v i64) (param $key i64) (result i64)
  (local $p i32) (local $end i32) (local $k i32) (local $e i32)
  (if (i32.ne (call $dyn_kind (local.get $v)) (i32.const 6)) (then (return (i64.const 0))))
  (local.set $p (i32.add (call $str_ptr (local.get $v)) (i32.const 1)))
  (local.set $end (call $dyn_end (local.get $v)))
  (loop $members
    (if (i32.ge_u (local.get $p) (local.get $end)) (then (return (i64.const 0))))
    (if (i32.ne (i32.load8_u (local.get $p)) (i32.const 0x22)) (then (return (i64.const 0))))
    (local.set $k (local.get $p))
    ;; the key, its ':' and the value
    (local.set $e (call $dyn_skip (i32.add (call $dyn_skip_string (local.get $k) (local.get $end)) (i32.const 1))
                                  (local.get $end)))
    (if (i32.eqz (call $dyn_text_cmp (local.get $k) (local.get $end) (local.get $key)))
      (then (return (call $str_pack (local.get $k) (i32.sub (local.get $e) (local.get $k))))))
    ;; past the ',' (or the closing '}', which ends the loop)
    (local.set $p (i32.add (local.get $e) (i32.const 1)))
    (br $members))
  (i64.const 0))

;; $dyn_member_value: the value of member $m (as $dyn_member gives it), its
;; text `null` included (0 for no member).
(func $dyn_member_value (param $m i64) (result i64)
  (local $p i32) (local $end i32)
  (if (i64.eqz (local.get $m)) (then (return (i64.const 0))))
  (local.set $end (call $dyn_end (local.get $m)))
  (local.set $p (i32.add (call $dyn_skip_string (call $str_ptr (local.get $m)) (local.get $end)) (i32.const 1)))
  (call $str_pack (local.get $p) (i32.sub (local.get $end) (local.get $p))))

;; $dyn_key: x[key], x.key: the value of key $key (raw bytes) in map $v;
;; null when $v is not a map, has no such key, or holds null there.
(func $dyn_key (param $v i64) (param $key i64) (result i64)
  (local $m i64)
  (local.set $m (call $dyn_member_value (call $dyn_member (local.get $v) (local.get $key))))
  (call $dyn_slice (call $str_ptr (local.get $m)) (call $dyn_end (local.get $m))))

;; $dyn_has: has(x.key): 1 when $v is a map with key $key (whatever its
;; value, null included), else 0.
(func $dyn_has (param $v i64) (param $key i64) (result i32)
  (i64.ne (call $dyn_member (local.get $v) (local.get $key)) (i64.const 0)))

;; $dyn_item_at: item $i (from 0) of list $v, its text `null` included; 0
;; when $v is not a list or $i is negative or past its last item.
(func $dyn_item_at (param $v i64) (param $i i64) (result i64)
  (local $p i32) (local $end i32) (local $e i32)
  (if (i32.or (i32.ne (call $dyn_kind (local.get $v)) (i32.const 5)) (i64.lt_s (local.get $i) (i64.const 0)))
    (then (return (i64.const 0))))
  (local.set $p (i32.add (call $str_ptr (local.get $v)) (i32.const 1)))
  (local.set $end (call $dyn_end (local.get $v)))
  (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 0x5D)) (then (return (i64.const 0))))
  (loop $items
    (local.set $e (call $dyn_skip (local.get $p) (local.get $end)))
    (if (i64.eqz (local.get $i)) (then (return (call $str_pack (local.get $p) (i32.sub (local.get $e) (local.get $p))))))
    (if (i32.ge_u (local.get $e) (local.get $end)) (then (return (i64.const 0))))
    (if (i32.ne (i32.load8_u (local.get $e)) (i32.const 0x2C)) (then (return (i64.const 0))))
    (local.set $p (i32.add (local.get $e) (i32.const 1)))
    (local.set $i (i64.sub (local.get $i) (i64.const 1)))
    (br $items))
  (i64.const 0))

;; $dyn_index: x[i]: item $i (from 0) of list $v; null when $v is not a
;; list, $i is negative or past its last item, or the item is null.
(func $dyn_index (param $v i64) (param $i i64) (result i64)
  (local $item i64)
  (local.set $item (call $dyn_item_at (local.get $v) (local.get $i)))
  (call $dyn_slice (call $str_ptr (local.get $item)) (call $dyn_end (local.get $item))))

;; $dyn_first: iteration over list or map $v (macros, `for`): the cursor of
;; its first item, the address of the item's text (a map's: of its first
;; key); 0 when $v is empty or not a list or map.  Loop: c = $dyn_first(v);
;; while c: use $dyn_item(v, c) (and $dyn_item_value(v, c)); c =
;; $dyn_next(v, c).  Each call walks the item once.
(func $dyn_first (param $v i64) (result i32)
  (local $kind i32) (local $p i32)
  (local.set $kind (call $dyn_kind (local.get $v)))
  (if (i32.and (i32.ne (local.get $kind) (i32.const 5)) (i32.ne (local.get $kind) (i32.const 6)))
    (then (return (i32.const 0))))
  (local.set $p (i32.add (call $str_ptr (local.get $v)) (i32.const 1)))
  (if (i32.ge_u (local.get $p) (call $dyn_end (local.get $v))) (then (return (i32.const 0))))
  ;; ']' or '}': empty
  (if (i32.eq (i32.or (i32.load8_u (local.get $p)) (i32.const 0x20)) (i32.const 0x7D)) (then (return (i32.const 0))))
  (local.get $p))

;; $dyn_item_end: the end of the text of the item at cursor $c of $v: a
;; list's item, or a map's key (a map's key is followed by ':').
(func $dyn_item_end (param $v i64) (param $c i32) (result i32)
  (call $dyn_skip (local.get $c) (call $dyn_end (local.get $v))))

;; $dyn_next: the cursor after cursor $c of $v ($dyn_first), 0 after the
;; last item.
(func $dyn_next (param $v i64) (param $c i32) (result i32)
  (local $e i32) (local $end i32)
  (local.set $end (call $dyn_end (local.get $v)))
  (local.set $e (call $dyn_item_end (local.get $v) (local.get $c)))
  (if (i32.ge_u (local.get $e) (local.get $end)) (then (return (i32.const 0))))
  ;; a map's member: past its value too
  (if (i32.eq (i32.load8_u (local.get $e)) (i32.const 0x3A))
    (then (local.set $e (call $dyn_skip (i32.add (local.get $e) (i32.const 1)) (local.get $end)))))
  (if (i32.ge_u (local.get $e) (local.get $end)) (then (return (i32.const 0))))
  (if (i32.ne (i32.load8_u (local.get $e)) (i32.const 0x2C)) (then (return (i32.const 0))))
  (i32.add (local.get $e) (i32.const 1)))

;; $dyn_item: what a macro binds at cursor $c of $v: a list's item (null
;; for `null`), or a map's key as a JSON string value (its raw bytes:
;; $dyn_string; compare it with $dyn_eq_str).
(func $dyn_item (param $v i64) (param $c i32) (result i64)
  (call $dyn_slice (local.get $c) (call $dyn_item_end (local.get $v) (local.get $c))))

;; $dyn_item_value: the value at cursor $c of $v: a map member's value, or
;; a list's item (as $dyn_item).
(func $dyn_item_value (param $v i64) (param $c i32) (result i64)
  (local $e i32) (local $end i32)
  (local.set $end (call $dyn_end (local.get $v)))
  (local.set $e (call $dyn_item_end (local.get $v) (local.get $c)))
  (if (i32.lt_u (local.get $e) (local.get $end))
    (then
      (if (i32.eq (i32.load8_u (local.get $e)) (i32.const 0x3A))
        (then
          (local.set $c (i32.add (local.get $e) (i32.const 1)))
          (local.set $e (call $dyn_skip (local.get $c) (local.get $end)))))))
  (call $dyn_slice (local.get $c) (local.get $e)))

;; $dyn_size: size(x): the items of a list, the members of a map, the code
;; points of a string (an escape is one); 0 for null, bools and numbers
;; (a client's value of the wrong kind is not an error).
(func $dyn_size (param $v i64) (result i64)
  (local $kind i32) (local $c i32) (local $n i64)
  (local.set $kind (call $dyn_kind (local.get $v)))
  (if (i32.eq (local.get $kind) (i32.const 4)) (then (return (call $dyn_text_size (local.get $v)))))
  (if (i32.lt_u (local.get $kind) (i32.const 5)) (then (return (i64.const 0))))
  (local.set $c (call $dyn_first (local.get $v)))
  (block $done
    (loop $items
      (br_if $done (i32.eqz (local.get $c)))
      (local.set $n (i64.add (local.get $n) (i64.const 1)))
      (local.set $c (call $dyn_next (local.get $v) (local.get $c)))
      (br $items)))
  (local.get $n))

;; $dyn_text_size: the code points of JSON string value $v: its UTF-8 lead
;; bytes between the quotes, an escape counting one.
(func $dyn_text_size (param $v i64) (result i64)
  (local $p i32) (local $end i32) (local $c i32) (local $n i64)
  (local.set $p (i32.add (call $str_ptr (local.get $v)) (i32.const 1)))
  (local.set $end (i32.sub (call $dyn_end (local.get $v)) (i32.const 1)))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $c (i32.load8_u (local.get $p)))
      (local.set $n (i64.add (local.get $n)
        (i64.extend_i32_u (i32.ne (i32.and (local.get $c) (i32.const 0xC0)) (i32.const 0x80)))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (if (i32.eq (local.get $c) (i32.const 0x5C))
        (then
          (local.set $p (i32.add (local.get $p)
            (select (i32.const 5) (i32.const 1) (i32.eq (i32.load8_u (local.get $p)) (i32.const 0x75)))))))
      (br $bytes)))
  (local.get $n))

;; $dyn_items: what `for` and the macros range over in JSON value $v: a
;; list's items, or an object's keys (as JSON strings, $dyn_item), as a
;; scratch list of dyn values; the empty list 0 for anything else (null,
;; a scalar).  Time: one walk to count, one to fill.
;; Errors: scratch full -> $rt_error = 4, result 0.
(func $dyn_items (param $v i64) (result i32)
  (local $kind i32) (local $n i64) (local $list i32) (local $c i32) (local $at i32)
  (local.set $kind (call $dyn_kind (local.get $v)))
  (if (i32.and (i32.ne (local.get $kind) (i32.const 5)) (i32.ne (local.get $kind) (i32.const 6)))
    (then (return (i32.const 0))))
  (local.set $n (call $dyn_size (local.get $v)))
  (if (i64.eqz (local.get $n)) (then (return (i32.const 0))))
  (local.set $list (call $list_new (i32.wrap_i64 (local.get $n))))
  (if (i32.eqz (local.get $list)) (then (return (i32.const 0))))
  (local.set $at (i32.add (local.get $list) (i32.const 8)))
  (local.set $c (call $dyn_first (local.get $v)))
  (block $done
    (loop $items
      (br_if $done (i32.eqz (local.get $c)))
      (i64.store (local.get $at) (call $dyn_item (local.get $v) (local.get $c)))
      (local.set $at (i32.add (local.get $at) (i32.const 8)))
      (local.set $c (call $dyn_next (local.get $v) (local.get $c)))
      (br $items)))
  (local.get $list))
