;; dyn_build.wat: making JSON values (dyn.wat: canonical text, null is 0)
;; from the language's values, and editing them (set, remove).  Every
;; result is a new canonical text, written once at its exact size (one
;; allocation, measured first); the values given are not changed.
;; Errors: scratch full -> $rt_error = 4, result null (0).

;; $dyn_quote_bytes: pass raw string $s to $json_emit in $mode (2: write
;; at $json_out as a canonical JSON string's content, 3: count it in
;; $json_out).  Invalid UTF-8 becomes U+FFFD, one for each maximal subpart
;; (as Python's bytes.decode(errors="replace")), checked by json.wat's
;; $json_utf8 with the cursor over $s.
(func $dyn_quote_bytes (param $s i64) (param $mode i32)
  (local $p i32) (local $end i32) (local $c i32) (local $mark i32)
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $end (i32.add (local.get $p) (call $str_len (local.get $s))))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $c (i32.load8_u (local.get $p)))
      (if (i32.lt_u (local.get $c) (i32.const 0x80))
        (then
          (call $json_emit (local.get $mode) (local.get $c))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br $bytes)))
      (global.set $json_p (local.get $p))
      (global.set $json_end (local.get $end))
      (global.set $json_fail (i32.const 0))
      (local.set $mark (global.get $json_out))
      (call $json_utf8 (local.get $mode) (local.get $c))
      (if (global.get $json_fail)
        (then
          (global.set $json_out (local.get $mark))
          (call $json_emit_utf8 (local.get $mode) (i32.const 0xFFFD))
          ;; a bad lead byte is a subpart of its own
          (if (i32.eq (global.get $json_p) (local.get $p))
            (then (global.set $json_p (i32.add (local.get $p) (i32.const 1)))))))
      (local.set $p (global.get $json_p))
      (br $bytes))))

;; $dyn_quote_len: the length of raw string $s as canonical JSON string
;; text, quotes included.
(func $dyn_quote_len (param $s i64) (result i32)
  (global.set $json_out (i32.const 0))
  (call $dyn_quote_bytes (local.get $s) (i32.const 3))
  (i32.add (global.get $json_out) (i32.const 2)))

;; $dyn_put_quoted: write raw string $s as canonical JSON string text at
;; $json_out (room measured by $dyn_quote_len), moving it past.
(func $dyn_put_quoted (param $s i64)
  (call $json_emit (i32.const 1) (i32.const 0x22))
  (call $dyn_quote_bytes (local.get $s) (i32.const 2))
  (call $json_emit (i32.const 1) (i32.const 0x22)))

;; $json_quote: a string of the language as a JSON value: raw string $s as
;; canonical JSON string text (invalid UTF-8 as U+FFFD).
;; Errors: scratch full -> $rt_error = 4, result null.
(func $json_quote (param $s i64) (result i64)
  (local $n i32) (local $out i32)
  (local.set $n (call $dyn_quote_len (local.get $s)))
  (local.set $out (call $alloc (local.get $n)))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (global.set $json_out (local.get $out))
  (call $dyn_put_quoted (local.get $s))
  (call $str_pack (local.get $out) (local.get $n)))

;; $dyn_from_int: an int of the language as a JSON value (its digits).
;; Errors: scratch full -> $rt_error = 4, result null.
(func $dyn_from_int (param $i i64) (result i64)
  (call $i64_to_str (local.get $i)))

;; $dyn_from_bool: a bool of the language ($b 0 or 1) as a JSON value.
;; Errors: scratch full -> $rt_error = 4, result null.
(func $dyn_from_bool (param $b i32) (result i64)
  (local $p i32)
  (local.set $p (call $alloc (i32.const 8)))
  (if (i32.eqz (local.get $p)) (then (return (i64.const 0))))
  (i64.store (local.get $p) (select (i64.const 0x65757274) (i64.const 0x65736c6166) (local.get $b)))
  (call $str_pack (local.get $p) (select (i32.const 4) (i32.const 5) (local.get $b))))

;; $dyn_from_double: a double of the language as a JSON value (Python's
;; repr: `1.0`, `1e+16`); null for NaN and the infinities, which JSON
;; cannot hold.
;; Errors: scratch full -> $rt_error = 4, result null.
(func $dyn_from_double (param $x f64) (result i64)
  (if (f64.ne (f64.sub (local.get $x) (local.get $x)) (f64.const 0)) (then (return (i64.const 0))))
  (call $f64_repr (local.get $x)))

;; $json_encode: json.encode(v): the JSON text of value $v: its text, or
;; `null` for null (a new 4-byte scratch string).
;; Errors: scratch full -> $rt_error = 4, result "".
(func $json_encode (param $v i64) (result i64)
  (local $p i32)
  (if (call $str_len (local.get $v)) (then (return (local.get $v))))
  (local.set $p (call $alloc (i32.const 4)))
  (if (i32.eqz (local.get $p)) (then (return (i64.const 0))))
  (i32.store (local.get $p) (i32.const 0x6C6C756E))
  (call $str_pack (local.get $p) (i32.const 4)))

;; $dyn_text_len: the length of value $v's text inside a list or map (4,
;; `null`, for null).
(func $dyn_text_len (param $v i64) (result i32)
  (select (call $str_len (local.get $v)) (i32.const 4) (call $str_len (local.get $v))))

;; $dyn_put_text: write value $v's text (`null` for null) at $json_out,
;; moving it past.
(func $dyn_put_text (param $v i64)
  (if (i32.eqz (call $str_len (local.get $v)))
    (then
      (i32.store (global.get $json_out) (i32.const 0x6C6C756E))
      (global.set $json_out (i32.add (global.get $json_out) (i32.const 4)))
      (return)))
  (memory.copy (global.get $json_out) (call $str_ptr (local.get $v)) (call $str_len (local.get $v)))
  (global.set $json_out (i32.add (global.get $json_out) (call $str_len (local.get $v)))))

;; $dyn_room: $n bytes of scratch for a result (measured as i64), or 0
;; ($rt_error = 4) when that is more than scratch has.
(func $dyn_room (param $n i64) (result i32)
  (if (i64.gt_u (local.get $n) (i64.const 0x7FFFFFFF))
    (then (global.set $rt_error (global.get $E_OUT_OF_MEMORY)) (return (i32.const 0))))
  (call $alloc (i32.wrap_i64 (local.get $n))))

;; $dyn_list: a list literal of JSON values: list $list (coll.wat) of dyn
;; items as a JSON array (`null` for null items).
;; Errors: scratch full -> $rt_error = 4, result null.
(func $dyn_list (param $list i32) (result i64)
  (local $n i32) (local $i i32) (local $size i64) (local $out i32)
  (if (local.get $list) (then (local.set $n (i32.load (local.get $list)))))
  (local.set $size (i64.extend_i32_u (i32.add (i32.const 2) (local.get $n))))
  (block $sized
    (loop $items
      (br_if $sized (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $size (i64.add (local.get $size) (i64.extend_i32_u (call $dyn_text_len
        (i64.load offset=8 (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 3))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $items)))
  ;; n items take n - 1 commas, not n
  (if (local.get $n) (then (local.set $size (i64.sub (local.get $size) (i64.const 1)))))
  (local.set $out (call $dyn_room (local.get $size)))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (global.set $json_out (local.get $out))
  (call $json_emit (i32.const 1) (i32.const 0x5B))
  (local.set $i (i32.const 0))
  (block $written
    (loop $put
      (br_if $written (i32.ge_u (local.get $i) (local.get $n)))
      (if (local.get $i) (then (call $json_emit (i32.const 1) (i32.const 0x2C))))
      (call $dyn_put_text (i64.load offset=8 (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $put)))
  (call $json_emit (i32.const 1) (i32.const 0x5D))
  (call $str_pack (local.get $out) (i32.wrap_i64 (local.get $size))))

;; $dyn_map: a map literal of JSON values: map $map (coll.wat) of raw
;; string keys and dyn values as a JSON object, in its order; of entries
;; with equal keys the last is kept (as $map_get reads the map).  Time:
;; quadratic in the entries (each looks for a later equal key), for
;; literals.
;; Errors: scratch full -> $rt_error = 4, result null.
(func $dyn_map (param $map i32) (result i64)
  (local $n i32) (local $i i32) (local $entry i32) (local $size i64) (local $out i32) (local $first i32)
  (if (local.get $map) (then (local.set $n (i32.load (local.get $map)))))
  (local.set $size (i64.const 1))
  (block $sized
    (loop $entries
      (br_if $sized (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $entry (i32.add (i32.add (local.get $map) (i32.const 8)) (i32.shl (local.get $i) (i32.const 4))))
      ;; a key, ':', a value and a ',' or the closing '}'
      (if (i32.eq (call $map_find (local.get $map) (i64.load (local.get $entry))) (local.get $entry))
        (then (local.set $size (i64.add (local.get $size) (i64.extend_i32_u
          (i32.add (i32.add (call $dyn_quote_len (i64.load (local.get $entry))) (i32.const 2))
                   (call $dyn_text_len (i64.load offset=8 (local.get $entry)))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $entries)))
  (if (i64.eq (local.get $size) (i64.const 1)) (then (local.set $size (i64.const 2))))
  (local.set $out (call $dyn_room (local.get $size)))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (global.set $json_out (local.get $out))
  (call $json_emit (i32.const 1) (i32.const 0x7B))
  (local.set $i (i32.const 0))
  (local.set $first (i32.const 1))
  (block $written
    (loop $put
      (br_if $written (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $entry (i32.add (i32.add (local.get $map) (i32.const 8)) (i32.shl (local.get $i) (i32.const 4))))
      (if (i32.eq (call $map_find (local.get $map) (i64.load (local.get $entry))) (local.get $entry))
        (then
          (if (i32.eqz (local.get $first)) (then (call $json_emit (i32.const 1) (i32.const 0x2C))))
          (local.set $first (i32.const 0))
          (call $dyn_put_quoted (i64.load (local.get $entry)))
          (call $json_emit (i32.const 1) (i32.const 0x3A))
          (call $dyn_put_text (i64.load offset=8 (local.get $entry)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $put)))
  (call $json_emit (i32.const 1) (i32.const 0x7D))
  (call $str_pack (local.get $out) (i32.wrap_i64 (local.get $size))))

;; $dyn_splice: the text of $v with its bytes from address $a to address
;; $b (inside it) replaced by value $value's text.
;; Errors: scratch full -> $rt_error = 4, result null.
(func $dyn_splice (param $v i64) (param $a i32) (param $b i32) (param $value i64) (result i64)
  (local $p i32) (local $end i32) (local $n i32) (local $out i32)
  (local.set $p (call $str_ptr (local.get $v)))
  (local.set $end (call $dyn_end (local.get $v)))
  (local.set $n (i32.add (i32.sub (local.get $a) (local.get $p))
                         (i32.add (call $dyn_text_len (local.get $value)) (i32.sub (local.get $end) (local.get $b)))))
  (local.set $out (call $alloc (local.get $n)))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (memory.copy (local.get $out) (local.get $p) (i32.sub (local.get $a) (local.get $p)))
  (global.set $json_out (i32.add (local.get $out) (i32.sub (local.get $a) (local.get $p))))
  (call $dyn_put_text (local.get $value))
  (memory.copy (global.get $json_out) (local.get $b) (i32.sub (local.get $end) (local.get $b)))
  (call $str_pack (local.get $out) (local.get $n)))

;; $dyn_add: map or list $v (null: an empty one) with one more member at
;; its end: key $key and value $value when $close is '}' (a map), item
;; $value when it is ']' (a list).
;; Errors: scratch full -> $rt_error = 4, result null.
(func $dyn_add (param $v i64) (param $close i32) (param $key i64) (param $value i64) (result i64)
  (local $head i32) (local $keep i32) (local $n i32) (local $out i32)
  ;; $v but its closing bracket, or the opening bracket alone
  (local.set $head (call $str_len (local.get $v)))
  (if (local.get $head) (then (local.set $head (i32.sub (local.get $head) (i32.const 1)))))
  (local.set $keep (select (local.get $head) (i32.const 1) (local.get $head)))
  (local.set $n (i32.add (i32.add (local.get $keep) (i32.gt_u (local.get $head) (i32.const 1)))
                         (i32.add (call $dyn_text_len (local.get $value)) (i32.const 1))))
  (if (i32.eq (local.get $close) (i32.const 0x7D))
    (then (local.set $n (i32.add (local.get $n) (i32.add (call $dyn_quote_len (local.get $key)) (i32.const 1))))))
  (local.set $out (call $alloc (local.get $n)))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (if (local.get $head)
    (then (memory.copy (local.get $out) (call $str_ptr (local.get $v)) (local.get $head)))
    (else (i32.store8 (local.get $out) (i32.sub (local.get $close) (i32.const 2)))))
  (global.set $json_out (i32.add (local.get $out) (local.get $keep)))
  (if (i32.gt_u (local.get $head) (i32.const 1)) (then (call $json_emit (i32.const 1) (i32.const 0x2C))))
  (if (i32.eq (local.get $close) (i32.const 0x7D))
    (then
      (call $dyn_put_quoted (local.get $key))
      (call $json_emit (i32.const 1) (i32.const 0x3A))))
  (call $dyn_put_text (local.get $value))
  (call $json_emit (i32.const 1) (local.get $close))
  (call $str_pack (local.get $out) (local.get $n)))

;; $dyn_set_key: `set x[key] = value`: map $v with key $key (raw bytes)
;; holding $value: the member replaced where it is, or added at the end.
;; Null $v is taken as an empty map (so that setting a path creates what
;; is missing); any other kind is returned unchanged.
;; Errors: scratch full -> $rt_error = 4, result null.
(func $dyn_set_key (param $v i64) (param $key i64) (param $value i64) (result i64)
  (local $kind i32) (local $m i64)
  (local.set $kind (call $dyn_kind (local.get $v)))
  (if (i32.and (i32.ne (local.get $kind) (i32.const 0)) (i32.ne (local.get $kind) (i32.const 6)))
    (then (return (local.get $v))))
  (local.set $m (call $dyn_member_value (call $dyn_member (local.get $v) (local.get $key))))
  (if (i64.eqz (local.get $m))
    (then (return (call $dyn_add (local.get $v) (i32.const 0x7D) (local.get $key) (local.get $value)))))
  (call $dyn_splice (local.get $v) (call $str_ptr (local.get $m)) (call $dyn_end (local.get $m)) (local.get $value)))

;; $dyn_remove_key: `remove x[key]`: map $v without key $key (and the comma
;; that went with it); $v itself when it is not a map or has no such key.
;; Errors: scratch full -> $rt_error = 4, result null.
(func $dyn_remove_key (param $v i64) (param $key i64) (result i64)
  (local $m i64) (local $a i32) (local $b i32)
  (local.set $m (call $dyn_member (local.get $v) (local.get $key)))
  (if (i64.eqz (local.get $m)) (then (return (local.get $v))))
  (local.set $a (call $str_ptr (local.get $m)))
  (local.set $b (call $dyn_end (local.get $m)))
  ;; the comma after it, or before it when it is the last member
  (if (i32.eq (i32.load8_u (local.get $b)) (i32.const 0x2C))
    (then (local.set $b (i32.add (local.get $b) (i32.const 1))))
    (else
      (if (i32.eq (i32.load8_u (i32.sub (local.get $a) (i32.const 1))) (i32.const 0x2C))
        (then (local.set $a (i32.sub (local.get $a) (i32.const 1)))))))
  (call $str_concat
    (call $str_pack (call $str_ptr (local.get $v)) (i32.sub (local.get $a) (call $str_ptr (local.get $v))))
    (call $str_pack (local.get $b) (i32.sub (call $dyn_end (local.get $v)) (local.get $b)))))

;; $dyn_set_index: `set x[i] = value`: list $v with item $i replaced by
;; $value; $v itself when it is not a list or has no item $i.
;; Errors: scratch full -> $rt_error = 4, result null.
(func $dyn_set_index (param $v i64) (param $i i64) (param $value i64) (result i64)
  (local $item i64)
  (local.set $item (call $dyn_item_at (local.get $v) (local.get $i)))
  (if (i64.eqz (local.get $item)) (then (return (local.get $v))))
  (call $dyn_splice (local.get $v) (call $str_ptr (local.get $item)) (call $dyn_end (local.get $item)) (local.get $value)))

;; $dyn_append: list $v (null: an empty list) with $value added at its
;; end; any other kind is returned unchanged.
;; Errors: scratch full -> $rt_error = 4, result null.
(func $dyn_append (param $v i64) (param $value i64) (result i64)
  (local $kind i32)
  (local.set $kind (call $dyn_kind (local.get $v)))
  (if (i32.and (i32.ne (local.get $kind) (i32.const 0)) (i32.ne (local.get $kind) (i32.const 5)))
    (then (return (local.get $v))))
  (call $dyn_add (local.get $v) (i32.const 0x5D) (i64.const 0) (local.get $value)))
