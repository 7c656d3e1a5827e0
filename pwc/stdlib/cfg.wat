;; cfg.wat: the plugin configuration, read against the filter's declared
;; types (records, lists and maps of any type, patterns, networks) into one
;; block of the persistent heap.
;;
;; Types are descriptors in data segments (compiler/config_data.py lays
;; them out), 8-aligned:
;;   [code:i32, arg:i32, name:i64]            name: how an error names it ("an int")
;;   code 1 string, 2 int, 3 bool, 4 duration, 8 regex, 9 cidr, 10 ip,
;;   11 double, 12 dyn (arg = the double's descriptor, for its numbers);
;;   5 list and 6 map: arg = the item's descriptor;
;;   7 record: arg = field count, then [known:i64] (the field names, for
;;   errors) and per field 32 bytes [key:i64, type:i32, flags:i32 (1
;;   required, 2 optional), default:i64, pad:i64].
;; Values, as record slots and list items hold them (8 bytes each): strings
;; packed, ints and durations as i64 ms, bools 0/1, ip and cidr as canonical
;; text, a regex as its program (rx.wat) in the low half, a double as its
;; bits, a dyn as its canonical JSON text (dyn.wat; null 0), lists
;; [count:i32, pad, items] and maps [count:i32, pad, (key, value)...] (0
;; when empty), a record [given:i64 (bit i: field i was in the JSON),
;; field 0, field 1, ...].
;;
;; Errors are found in this order (tests/unit/config_reference.py follows
;; it): the text as a whole (too large, malformed, too deep, not an object),
;; then the values in the text's order, depth first: a value's JSON type,
;; then the value (a dyn: what json.decode refuses in it, the first in the
;; text, an object's repeated key when it ends); a record's key, unknown or
;; repeated, before its value,
;; and its missing required keys after its last key; a map's repeated key
;; (the repetition first in the text) after all its values.
;;
;; Two passes over the text, so that a refused configuration allocates
;; nothing that stays: $cfg_measure checks every value against its type and
;; sums the bytes the result needs; $cfg_build then reads the text again
;; into one block of that size.  Time is linear in the text times the depth
;; of its containers (at most 32: each level counts its items before it is
;; built), plus a sort per map (and per object in a dyn) for repeated keys.

;; $cfg_fail_code: after $config_load fails, the error: 1 malformed JSON,
;; 2 unknown key, 3 wrong JSON type, 4 missing required key, 5 repeated
;; key, 6 bad value, 7 too deep / too large / out of memory, 8 not an object.
(global $cfg_fail_code (mut i32) (i32.const 0))

;; $cfg_fail_at: after $config_load fails, the address in the text of the
;; value (3, 6) or key (2, 5) concerned, or of the error (1, 7, 8).
(global $cfg_fail_at (mut i32) (i32.const 0))

;; $cfg_fail_type: after a failure with 2, 3, 4 or 6, the descriptor of the
;; type expected (2, 4: the record whose key is unknown or missing).
(global $cfg_fail_type (mut i32) (i32.const 0))

;; $cfg_fail_key: after a failure with 2, 4 or 5, the key concerned (5
;; inside a dyn: the key's canonical JSON text, between the quotes).
(global $cfg_fail_key (mut i64) (i64.const 0))

;; $cfg_fail_detail: after a failure with 6 on a pattern, what is wrong
;; with it ("" otherwise).
(global $cfg_fail_detail (mut i64) (i64.const 0))

;; $cfg_text_start: the address of the configuration text being read.
(global $cfg_text_start (mut i32) (i32.const 0))

;; $cfg_path: the path from the top to the value being read: up to 33
;; entries of 16 bytes [kind:i32 (1 key, 2 index, 3 map key), index:i32,
;; key:i64]; $cfg_path_len entries are in use.  On failure it stays at the
;; value concerned.
(global $cfg_path (mut i32) (i32.const 0))

;; $cfg_path_len: the number of entries of $cfg_path in use.
(global $cfg_path_len (mut i32) (i32.const 0))

;; $cfg_need: the bytes $cfg_build will need (summed by $cfg_measure).
(global $cfg_need (mut i64) (i64.const 0))

;; $cfg_next: where $cfg_build puts the next piece of the result.
(global $cfg_next (mut i32) (i32.const 0))

;; $MAX_CONFIG_BYTES: layout.MAX_CONFIG_BYTES, the largest configuration
;; result kept: a megabyte of `{}` items of a wide record must not take
;; gigabytes.
(global $MAX_CONFIG_BYTES i32 (i32.const 67108864))

;; $cfg_fail: record failure $code at address $at with expected type $type
;; (the first failure wins).
(func $cfg_fail (param $code i32) (param $at i32) (param $type i32)
  (if (global.get $cfg_fail_code) (then (return)))
  (global.set $cfg_fail_code (local.get $code))
  (global.set $cfg_fail_at (local.get $at))
  (global.set $cfg_fail_type (local.get $type)))

;; $cfg_push: enter a value of the current container: $kind 1 a record's
;; key $key, 2 a list's index $index, 3 a map's key $key.
(func $cfg_push (param $kind i32) (param $index i32) (param $key i64)
  (local $entry i32)
  (local.set $entry (i32.add (global.get $cfg_path) (i32.shl (global.get $cfg_path_len) (i32.const 4))))
  (i32.store (local.get $entry) (local.get $kind))
  (i32.store offset=4 (local.get $entry) (local.get $index))
  (i64.store offset=8 (local.get $entry) (local.get $key))
  (global.set $cfg_path_len (i32.add (global.get $cfg_path_len) (i32.const 1))))

;; $cfg_pop: leave the value entered last.
(func $cfg_pop
  (global.set $cfg_path_len (i32.sub (global.get $cfg_path_len) (i32.const 1))))

;; $cfg_field: the address of field $i of record descriptor $desc.
(func $cfg_field (param $desc i32) (param $i i32) (result i32)
  (i32.add (i32.add (local.get $desc) (i32.const 24)) (i32.shl (local.get $i) (i32.const 5))))

;; $cfg_field_named: the index of the field of record descriptor $desc
;; whose key is $key, or -1.
(func $cfg_field_named (param $desc i32) (param $key i64) (result i32)
  (local $i i32)
  (block $none
    (loop $fields
      (br_if $none (i32.ge_u (local.get $i) (i32.load offset=4 (local.get $desc))))
      (if (call $str_eq (i64.load (call $cfg_field (local.get $desc) (local.get $i))) (local.get $key))
        (then (return (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $fields)))
  (i32.const -1))

;; $cfg_round: $n rounded up to a multiple of 8, as i64.
(func $cfg_round (param $n i32) (result i64)
  (i64.and (i64.add (i64.extend_i32_u (local.get $n)) (i64.const 7)) (i64.const -8)))

;; $cfg_skip: move past the value at the cursor (checked by $json_check).
(func $cfg_skip
  (call $json_value (i32.const 0)))

;; $cfg_count: the number of items of the array ($object 0) or object
;; ($object 1) at the cursor, leaving the cursor and $json_out where they
;; were (the keys it decodes are decoded again by the build: keeping them
;; would take more than the text's size from $json_out's buffer).
(func $cfg_count (param $object i32) (result i32)
  (local $start i32) (local $n i32) (local $out i32)
  (local.set $start (global.get $json_p))
  (local.set $out (global.get $json_out))
  (if (call $json_open)
    (then
      (loop $items
        (if (local.get $object) (then (drop (call $json_key (i32.const 1)))))
        (call $cfg_skip)
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br_if $items (call $json_next_item)))))
  (global.set $json_p (local.get $start))
  (global.set $json_out (local.get $out))
  (local.get $n))

;; $cfg_text_value: read the JSON string at the cursor as a value of type
;; code $code (1 string, 8 regex, 9 cidr, 10 ip): the decoded string, or
;; what the module's $cfg_special makes of it (in scratch memory, which the
;; caller gives back); fails with 6 when that is nothing (the low half 0),
;; or 7 when $cfg_special ran out of memory ($rt_error, which
;; $config_load restores).
(func $cfg_text_value (param $code i32) (param $desc i32) (result i64)
  (local $at i32) (local $v i64)
  (local.set $at (global.get $json_p))
  (local.set $v (call $json_string (i32.const 1)))
  (if (i32.eq (local.get $code) (i32.const 1)) (then (return (local.get $v))))
  (global.set $rt_error (i32.const 0))
  (local.set $v (call $cfg_special (local.get $code) (local.get $v)))
  (if (i64.eqz (i64.and (local.get $v) (i64.const 0xFFFFFFFF)))
    (then (call $cfg_fail (select (i32.const 7) (i32.const 6) (global.get $rt_error)) (local.get $at) (local.get $desc))))
  (local.get $v))

;; $cfg_json_value: read the JSON value at the cursor as a value of type
;; code $code (11 double, 12 dyn) with the module's $cfg_parse
;; (cfg_json.wat), and move past it; a dyn is in scratch memory, which the
;; caller gives back.  Failures go to $cfg_fail.
(func $cfg_json_value (param $code i32) (param $desc i32) (result i64)
  (local $at i32)
  (local.set $at (global.get $json_p))
  (call $cfg_skip)
  (call $cfg_parse (local.get $code) (local.get $desc)
    (call $str_pack (local.get $at) (i32.sub (global.get $json_p) (local.get $at)))))

;; $cfg_wants: whether the JSON value at the cursor, starting with byte
;; $c, has the JSON type that values of type $code take (a dyn: any).
(func $cfg_wants (param $code i32) (param $c i32) (result i32)
  (if (i32.eq (local.get $code) (i32.const 12)) (then (return (i32.const 1))))
  (if (i32.or (i32.eq (local.get $code) (i32.const 2)) (i32.eq (local.get $code) (i32.const 11)))
    (then (return (i32.or (i32.eq (local.get $c) (i32.const 0x2D)) (call $json_is_digit (local.get $c))))))
  (if (i32.eq (local.get $code) (i32.const 3))
    (then (return (i32.or (i32.eq (local.get $c) (i32.const 0x74)) (i32.eq (local.get $c) (i32.const 0x66))))))
  (if (i32.eq (local.get $code) (i32.const 5)) (then (return (i32.eq (local.get $c) (i32.const 0x5B)))))
  (if (i32.or (i32.eq (local.get $code) (i32.const 6)) (i32.eq (local.get $code) (i32.const 7)))
    (then (return (i32.eq (local.get $c) (i32.const 0x7B)))))
  (i32.eq (local.get $c) (i32.const 0x22)))

;; $cfg_measure: check the value at the cursor against descriptor $desc
;; and move past it, adding what $cfg_build will allocate for it to
;; $cfg_need.  Failures go to $cfg_fail (the cursor is then meaningless).
(func $cfg_measure (param $desc i32)
  (local $code i32) (local $at i32) (local $v i64) (local $mark i32)
  (local.set $code (i32.load (local.get $desc)))
  (local.set $at (global.get $json_p))
  (if (i32.eqz (call $cfg_wants (local.get $code) (call $json_peek)))
    (then (call $cfg_fail (i32.const 3) (local.get $at) (local.get $desc)) (return)))
  (if (i32.eq (local.get $code) (i32.const 5)) (then (call $cfg_measure_list (local.get $desc)) (return)))
  (if (i32.eq (local.get $code) (i32.const 6)) (then (call $cfg_measure_map (local.get $desc)) (return)))
  (if (i32.eq (local.get $code) (i32.const 7)) (then (call $cfg_measure_record (local.get $desc)) (return)))
  (if (i32.eq (local.get $code) (i32.const 2))
    (then
      (global.set $json_fail (i32.const 0))
      (drop (call $cfg_int))
      (if (global.get $json_fail) (then (call $cfg_fail (i32.const 6) (local.get $at) (local.get $desc))))
      (return)))
  (if (i32.eq (local.get $code) (i32.const 3)) (then (call $cfg_skip) (return)))
  (if (i32.ge_u (local.get $code) (i32.const 11))
    (then
      ;; a dyn's text counts; a failure may keep its key in scratch memory
      (local.set $mark (global.get $scratch_top))
      (local.set $v (call $cfg_json_value (local.get $code) (local.get $desc)))
      (if (global.get $cfg_fail_code) (then (return)))
      (if (i32.eq (local.get $code) (i32.const 12))
        (then (global.set $cfg_need (i64.add (global.get $cfg_need) (call $cfg_round (call $str_len (local.get $v)))))))
      (global.set $scratch_top (local.get $mark))
      (return)))
  (if (i32.eq (local.get $code) (i32.const 4))
    (then
      (if (i64.lt_s (call $cfg_duration (call $json_string (i32.const 1))) (i64.const 0))
        (then (call $cfg_fail (i32.const 6) (local.get $at) (local.get $desc))))
      (return)))
  ;; only the length of a network's canonical text is needed now: its
  ;; scratch is given back, else a long list of them would run out of it
  (local.set $mark (global.get $scratch_top))
  (local.set $v (call $cfg_text_value (local.get $code) (local.get $desc)))
  (if (global.get $cfg_fail_code) (then (return)))
  (if (i32.eq (local.get $code) (i32.const 8))
    (then
      ;; a pattern is compiled now to see that it compiles, and again by $cfg_build
      (call $cfg_special_free (local.get $code) (local.get $v))
      (global.set $scratch_top (local.get $mark))
      (return)))
  (global.set $cfg_need (i64.add (global.get $cfg_need) (call $cfg_round (call $str_len (local.get $v)))))
  (global.set $scratch_top (local.get $mark)))

;; $cfg_measure_list: $cfg_measure for a list (descriptor $desc).
(func $cfg_measure_list (param $desc i32)
  (local $n i32)
  (if (i32.eqz (call $json_open)) (then (return)))
  (loop $items
    (call $cfg_push (i32.const 2) (local.get $n) (i64.const 0))
    (call $cfg_measure (i32.load offset=4 (local.get $desc)))
    (if (global.get $cfg_fail_code) (then (return)))
    (call $cfg_pop)
    (local.set $n (i32.add (local.get $n) (i32.const 1)))
    (br_if $items (call $json_next_item)))
  (global.set $cfg_need (i64.add (global.get $cfg_need)
    (i64.add (i64.const 8) (i64.shl (i64.extend_i32_u (local.get $n)) (i64.const 3))))))

;; $cfg_measure_map: $cfg_measure for a map (descriptor $desc): the values,
;; then every key once more, sorted, to refuse one that repeats.
(func $cfg_measure_map (param $desc i32)
  (local $start i32) (local $n i32) (local $key i64) (local $at i32) (local $mark i32) (local $out i32)
  (local $keys i32) (local $order i32) (local $tmp i32) (local $i i32) (local $row i32) (local $prev i32) (local $first i32)
  (local.set $start (global.get $json_p))
  (local.set $out (global.get $json_out))
  (if (i32.eqz (call $json_open)) (then (return)))
  (loop $entries
    (local.set $key (call $json_key (i32.const 1)))
    ;; $cfg_build keeps every key in the block too
    (global.set $cfg_need (i64.add (global.get $cfg_need) (call $cfg_round (call $str_len (local.get $key)))))
    (call $cfg_push (i32.const 3) (i32.const 0) (local.get $key))
    (call $cfg_measure (i32.load offset=4 (local.get $desc)))
    (if (global.get $cfg_fail_code) (then (return)))
    (call $cfg_pop)
    (local.set $n (i32.add (local.get $n) (i32.const 1)))
    (br_if $entries (call $json_next_item)))
  (global.set $cfg_need (i64.add (global.get $cfg_need)
    (i64.add (i64.const 8) (i64.shl (i64.extend_i32_u (local.get $n)) (i64.const 4)))))
  ;; the keys again (the cursor ends past the object once more), decoded
  ;; where the values' strings were, which nothing needs any more: [key,
  ;; address in the text] rows, their addresses sorted by key
  (local.set $mark (global.get $scratch_top))
  (global.set $json_out (local.get $out))
  (local.set $keys (call $alloc (i32.shl (local.get $n) (i32.const 4))))
  (local.set $order (call $alloc (i32.shl (local.get $n) (i32.const 2))))
  (local.set $tmp (call $alloc (i32.shl (local.get $n) (i32.const 2))))
  (if (i32.or (i32.eqz (local.get $tmp)) (i32.or (i32.eqz (local.get $keys)) (i32.eqz (local.get $order))))
    (then (call $cfg_fail (i32.const 7) (local.get $start) (local.get $desc)) (return)))
  (global.set $json_p (local.get $start))
  (drop (call $json_open))
  (loop $rows
    (local.set $at (global.get $json_p))
    (i64.store (i32.add (local.get $keys) (i32.shl (local.get $i) (i32.const 4))) (call $json_key (i32.const 1)))
    (i32.store offset=8 (i32.add (local.get $keys) (i32.shl (local.get $i) (i32.const 4))) (local.get $at))
    (i32.store (i32.add (local.get $order) (i32.shl (local.get $i) (i32.const 2)))
      (i32.add (local.get $keys) (i32.shl (local.get $i) (i32.const 4))))
    (call $cfg_skip)
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $rows (call $json_next_item)))
  (local.set $order (call $json_sort_rows (local.get $order) (local.get $tmp) (local.get $n) (i32.const 0)))
  ;; equal keys are neighbours, in the text's order (the sort is stable);
  ;; refuse the repetition that comes first in the text, as a reader of
  ;; the text meets it (not the smallest key that repeats)
  (local.set $i (i32.const 1))
  (block $checked
    (loop $check
      (br_if $checked (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $row (i32.load (i32.add (local.get $order) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $prev (i32.load (i32.add (local.get $order) (i32.shl (i32.sub (local.get $i) (i32.const 1)) (i32.const 2)))))
      (if (call $str_eq (i64.load (local.get $row)) (i64.load (local.get $prev)))
        (then
          (if (i32.lt_u (i32.load offset=8 (local.get $row)) (i32.load offset=8 (local.get $prev)))
            (then (local.set $row (local.get $prev))))
          (if (i32.or (i32.eqz (local.get $first))
                      (i32.lt_u (i32.load offset=8 (local.get $row)) (i32.load offset=8 (local.get $first))))
            (then (local.set $first (local.get $row))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $check)))
  (if (local.get $first)
    (then
      (global.set $cfg_fail_key (i64.load (local.get $first)))
      (call $cfg_fail (i32.const 5) (i32.load offset=8 (local.get $first)) (local.get $desc))
      (return)))
  (global.set $scratch_top (local.get $mark))
  (global.set $json_out (local.get $out)))

;; $cfg_measure_record: $cfg_measure for a record (descriptor $desc).
(func $cfg_measure_record (param $desc i32)
  (local $given i64) (local $key i64) (local $at i32) (local $i i32) (local $field i32) (local $bit i64)
  (local.set $at (global.get $json_p))
  (if (call $json_open)
    (then
      (loop $members
        (local.set $at (global.get $json_p))
        (local.set $key (call $json_key (i32.const 1)))
        (local.set $i (call $cfg_field_named (local.get $desc) (local.get $key)))
        (if (i32.lt_s (local.get $i) (i32.const 0))
          (then
            (global.set $cfg_fail_key (local.get $key))
            (call $cfg_fail (i32.const 2) (local.get $at) (local.get $desc))
            (return)))
        (local.set $bit (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $i))))
        (if (i64.ne (i64.and (local.get $given) (local.get $bit)) (i64.const 0))
          (then
            (global.set $cfg_fail_key (local.get $key))
            (call $cfg_fail (i32.const 5) (local.get $at) (local.get $desc))
            (return)))
        (local.set $given (i64.or (local.get $given) (local.get $bit)))
        (call $cfg_push (i32.const 1) (i32.const 0) (local.get $key))
        (call $cfg_measure (i32.load offset=8 (call $cfg_field (local.get $desc) (local.get $i))))
        (if (global.get $cfg_fail_code) (then (return)))
        (call $cfg_pop)
        (br_if $members (call $json_next_item)))))
  ;; the required fields
  (local.set $i (i32.const 0))
  (block $all_there
    (loop $required
      (br_if $all_there (i32.ge_u (local.get $i) (i32.load offset=4 (local.get $desc))))
      (local.set $field (call $cfg_field (local.get $desc) (local.get $i)))
      (if (i32.and (i32.and (i32.load offset=12 (local.get $field)) (i32.const 1))
                   (i64.eqz (i64.and (local.get $given) (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $i))))))
        (then
          (global.set $cfg_fail_key (i64.load (local.get $field)))
          (call $cfg_fail (i32.const 4) (local.get $at) (local.get $desc))
          (return)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $required)))
  (global.set $cfg_need (i64.add (global.get $cfg_need)
    (i64.shl (i64.extend_i32_u (i32.add (i32.load offset=4 (local.get $desc)) (i32.const 1))) (i64.const 3)))))

;; $cfg_take: $n bytes (8-aligned) of the result block.
(func $cfg_take (param $n i32) (result i32)
  (local $p i32)
  (local.set $p (global.get $cfg_next))
  (global.set $cfg_next (i32.add (local.get $p) (i32.wrap_i64 (call $cfg_round (local.get $n)))))
  (local.get $p))

;; $cfg_keep: string $s copied into the result block.
(func $cfg_keep (param $s i64) (result i64)
  (local $p i32)
  (local.set $p (call $cfg_take (call $str_len (local.get $s))))
  (memory.copy (local.get $p) (call $str_ptr (local.get $s)) (call $str_len (local.get $s)))
  (call $str_pack (local.get $p) (call $str_len (local.get $s))))

;; $cfg_build: the value at the cursor (checked by $cfg_measure) as
;; descriptor $desc says, built into the result block; moves past it.
;; A pattern that compiled in $cfg_measure and fails now is out of memory
;; ($cfg_fail 6 all the same).
(func $cfg_build (param $desc i32) (result i64)
  (local $code i32) (local $v i64) (local $mark i32)
  (local.set $code (i32.load (local.get $desc)))
  (if (i32.eq (local.get $code) (i32.const 5))
    (then (return (i64.extend_i32_u (call $cfg_build_table (local.get $desc) (i32.const 8))))))
  (if (i32.eq (local.get $code) (i32.const 6))
    (then (return (i64.extend_i32_u (call $cfg_build_table (local.get $desc) (i32.const 16))))))
  (if (i32.eq (local.get $code) (i32.const 7))
    (then (return (i64.extend_i32_u (call $cfg_build_record (local.get $desc))))))
  (if (i32.eq (local.get $code) (i32.const 2)) (then (return (call $cfg_int))))
  (if (i32.eq (local.get $code) (i32.const 3))
    (then
      (local.set $v (i64.extend_i32_u (i32.eq (call $json_peek) (i32.const 0x74))))
      (call $cfg_skip)
      (return (local.get $v))))
  (if (i32.eq (local.get $code) (i32.const 4))
    (then (return (call $cfg_duration (call $json_string (i32.const 1))))))
  (local.set $mark (global.get $scratch_top))
  (if (i32.ge_u (local.get $code) (i32.const 11))
    (then
      (local.set $v (call $cfg_json_value (local.get $code) (local.get $desc)))
      (if (i32.eq (local.get $code) (i32.const 12)) (then (local.set $v (call $cfg_keep (local.get $v)))))
      (global.set $scratch_top (local.get $mark))
      (return (local.get $v))))
  (local.set $v (call $cfg_text_value (local.get $code) (local.get $desc)))
  (if (i32.ne (local.get $code) (i32.const 8)) (then (local.set $v (call $cfg_keep (local.get $v)))))
  (global.set $scratch_top (local.get $mark))
  (local.get $v))

;; $cfg_build_table: a list ($width 8) or map ($width 16) built from the
;; array or object at the cursor; 0 when it is empty.
(func $cfg_build_table (param $desc i32) (param $width i32) (result i32)
  (local $n i32) (local $table i32) (local $row i32)
  (local.set $n (call $cfg_count (i32.eq (local.get $width) (i32.const 16))))
  (if (i32.eqz (call $json_open)) (then (return (i32.const 0))))
  (local.set $table (call $cfg_take (i32.add (i32.const 8) (i32.mul (local.get $n) (local.get $width)))))
  (i32.store (local.get $table) (local.get $n))
  (local.set $row (i32.add (local.get $table) (i32.const 8)))
  (loop $items
    (if (i32.eq (local.get $width) (i32.const 16))
      (then
        (i64.store (local.get $row) (call $cfg_keep (call $json_key (i32.const 1))))
        (local.set $row (i32.add (local.get $row) (i32.const 8)))))
    (i64.store (local.get $row) (call $cfg_build (i32.load offset=4 (local.get $desc))))
    (local.set $row (i32.add (local.get $row) (i32.const 8)))
    (br_if $items (call $json_next_item)))
  (local.get $table))

;; $cfg_build_record: a record built from the object at the cursor: its
;; fields' defaults, then the values given.
(func $cfg_build_record (param $desc i32) (result i32)
  (local $record i32) (local $i i32) (local $given i64)
  (local.set $record (call $cfg_take (i32.shl (i32.add (i32.load offset=4 (local.get $desc)) (i32.const 1)) (i32.const 3))))
  (block $defaults_set
    (loop $defaults
      (br_if $defaults_set (i32.ge_u (local.get $i) (i32.load offset=4 (local.get $desc))))
      (i64.store offset=8 (i32.add (local.get $record) (i32.shl (local.get $i) (i32.const 3)))
                 (i64.load offset=16 (call $cfg_field (local.get $desc) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $defaults)))
  (if (call $json_open)
    (then
      (loop $members
        (local.set $i (call $cfg_field_named (local.get $desc) (call $json_key (i32.const 1))))
        (local.set $given (i64.or (local.get $given) (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $i)))))
        (i64.store offset=8 (i32.add (local.get $record) (i32.shl (local.get $i) (i32.const 3)))
                   (call $cfg_build (i32.load offset=8 (call $cfg_field (local.get $desc) (local.get $i)))))
        (br_if $members (call $json_next_item)))))
  (i64.store (local.get $record) (local.get $given))
  (local.get $record))

;; $cfg_read: the work of $config_load (which keeps $rt_error and the
;; scratch arena as they were).
(func $cfg_read (param $text i64) (param $desc i32) (result i32)
  (local $base i32) (local $code i32) (local $block i32) (local $out i32)
  (local.set $base (call $str_ptr (local.get $text)))
  (global.set $cfg_text_start (local.get $base))
  (local.set $code (call $json_check (local.get $text)))
  (if (i32.eq (local.get $code) (i32.const 1))
    (then
      ;; only whitespace (or nothing) means {}
      (global.set $json_p (local.get $base))
      (call $json_ws)
      (if (i32.eq (global.get $json_p) (global.get $json_end))
        (then
          (local.set $block (call $alloc (i32.const 2)))
          (if (i32.eqz (local.get $block))
            (then (call $cfg_fail (i32.const 7) (local.get $base) (local.get $desc)) (return (i32.const 0))))
          (i32.store16 (local.get $block) (i32.const 0x7D7B))
          (local.set $text (call $str_pack (local.get $block) (i32.const 2)))
          (global.set $cfg_text_start (local.get $block))
          (local.set $code (call $json_check (local.get $text)))))))
  (if (local.get $code)
    (then (call $cfg_fail (local.get $code) (global.get $json_fail_at) (local.get $desc)) (return (i32.const 0))))
  (global.set $json_p (global.get $cfg_text_start))
  (call $json_ws)
  (if (i32.ne (call $json_peek) (i32.const 0x7B))
    (then (call $cfg_fail (i32.const 8) (global.get $json_p) (local.get $desc)) (return (i32.const 0))))
  ;; decoded strings never take more bytes than the text; 33 path entries
  (local.set $out (call $alloc (call $str_len (local.get $text))))
  (global.set $json_out (local.get $out))
  (global.set $cfg_path (call $alloc (i32.const 528)))
  (if (i32.or (i32.eqz (global.get $json_out)) (i32.eqz (global.get $cfg_path)))
    (then (call $cfg_fail (i32.const 7) (global.get $json_p) (local.get $desc)) (return (i32.const 0))))
  (global.set $cfg_need (i64.const 0))
  (call $cfg_measure (local.get $desc))
  (if (global.get $cfg_fail_code) (then (return (i32.const 0))))
  (if (i64.gt_u (global.get $cfg_need) (i64.extend_i32_u (global.get $MAX_CONFIG_BYTES)))
    (then (call $cfg_fail (i32.const 7) (global.get $cfg_text_start) (local.get $desc)) (return (i32.const 0))))
  (local.set $block (call $palloc (i32.wrap_i64 (global.get $cfg_need))))
  (if (i32.eqz (local.get $block))
    (then (call $cfg_fail (i32.const 7) (global.get $cfg_text_start) (local.get $desc)) (return (i32.const 0))))
  (global.set $cfg_next (local.get $block))
  (global.set $json_out (local.get $out))
  (global.set $json_p (global.get $cfg_text_start))
  (call $json_ws)
  (drop (call $cfg_build (local.get $desc)))
  (if (global.get $cfg_fail_code)
    (then (call $config_free (local.get $block) (local.get $desc)) (return (i32.const 0))))
  (local.get $block))

;; $config_load: read configuration text $text (a JSON object; empty or
;; only whitespace means {}) as the record type of descriptor $desc.
;; Result: the record (the start of one $palloc block holding everything
;; it refers to, patterns' programs aside), or 0 when the text is refused;
;; $cfg_error_text then says why.  Checks everything before it allocates
;; what stays: a refused text leaves no persistent memory in use.  Never
;; changes $rt_error; the scratch arena is as it was on entry.
(func $config_load (param $text i64) (param $desc i32) (result i32)
  (local $saved_error i32) (local $saved_top i32) (local $record i32)
  (local.set $saved_error (global.get $rt_error))
  (local.set $saved_top (global.get $scratch_top))
  (global.set $cfg_fail_code (i32.const 0))
  (global.set $cfg_fail_detail (i64.const 0))
  (global.set $cfg_path_len (i32.const 0))
  (local.set $record (call $cfg_read (local.get $text) (local.get $desc)))
  (global.set $rt_error (local.get $saved_error))
  (if (local.get $record) (then (global.set $scratch_top (local.get $saved_top))))
  (local.get $record))

;; $config_free: release configuration record $record of descriptor $desc
;; (from $config_load): the programs of its patterns, then its block.
(func $config_free (param $record i32) (param $desc i32)
  (call $cfg_free_value (i64.extend_i32_u (local.get $record)) (local.get $desc))
  (call $pfree (local.get $record)))

;; $cfg_free_value: free the pattern programs value $v of descriptor $desc
;; holds (a partly built value holds 0 where nothing was built yet).
(func $cfg_free_value (param $v i64) (param $desc i32)
  (local $code i32) (local $p i32) (local $i i32) (local $n i32)
  (local.set $code (i32.load (local.get $desc)))
  (local.set $p (i32.wrap_i64 (local.get $v)))
  (if (i32.eq (local.get $code) (i32.const 8)) (then (call $cfg_special_free (local.get $code) (local.get $v)) (return)))
  (if (i32.eqz (local.get $p)) (then (return)))
  (if (i32.eq (local.get $code) (i32.const 7))
    (then
      (local.set $n (i32.load offset=4 (local.get $desc)))
      (block $done
        (loop $fields
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (call $cfg_free_value (i64.load offset=8 (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 3))))
                                (i32.load offset=8 (call $cfg_field (local.get $desc) (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $fields)))
      (return)))
  (if (i32.or (i32.eq (local.get $code) (i32.const 5)) (i32.eq (local.get $code) (i32.const 6)))
    (then
      (local.set $n (i32.load (local.get $p)))
      (block $done
        (loop $items
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (call $cfg_free_value
            (i64.load (i32.add (i32.add (local.get $p) (i32.const 8))
                               (i32.add (i32.shl (local.get $i) (select (i32.const 4) (i32.const 3) (i32.eq (local.get $code) (i32.const 6))))
                                        (select (i32.const 8) (i32.const 0) (i32.eq (local.get $code) (i32.const 6))))))
            (i32.load offset=4 (local.get $desc)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $items))))))

;; $cfg_bytes: a new string of the $n (1 to 4) low bytes of $v, first byte
;; lowest (for the punctuation of error texts).
(func $cfg_bytes (param $v i32) (param $n i32) (result i64)
  (local $p i32)
  (local.set $p (call $alloc (i32.const 4)))
  (if (i32.eqz (local.get $p)) (then (return (i64.const 0))))
  (i32.store (local.get $p) (local.get $v))
  (call $str_pack (local.get $p) (local.get $n)))

;; $cfg_path_prefix: after a failure, where it happened and ": "
;; (`rules[2].status: `, `limits["a b"]: `), or "" at the top level.  A map
;; key is written as a JSON string ($json_quote): a key holding `"]` or a
;; newline cannot forge the path or split the log line.
(func $cfg_path_prefix (result i64)
  (local $i i32) (local $entry i32) (local $kind i32) (local $text i64)
  (if (i32.eqz (global.get $cfg_path_len)) (then (return (i64.const 0))))
  (block $done
    (loop $entries
      (br_if $done (i32.ge_u (local.get $i) (global.get $cfg_path_len)))
      (local.set $entry (i32.add (global.get $cfg_path) (i32.shl (local.get $i) (i32.const 4))))
      (local.set $kind (i32.load (local.get $entry)))
      (if (i32.eq (local.get $kind) (i32.const 1))
        (then
          (if (local.get $i)
            (then (local.set $text (call $str_concat (local.get $text) (call $cfg_bytes (i32.const 0x2E) (i32.const 1))))))
          (local.set $text (call $str_concat (local.get $text) (i64.load offset=8 (local.get $entry))))))
      (if (i32.eq (local.get $kind) (i32.const 2))
        (then
          (local.set $text (call $str_concat (local.get $text) (call $cfg_bytes (i32.const 0x5B) (i32.const 1))))
          (local.set $text (call $str_concat (local.get $text)
            (call $i64_to_str (i64.extend_i32_u (i32.load offset=4 (local.get $entry))))))
          (local.set $text (call $str_concat (local.get $text) (call $cfg_bytes (i32.const 0x5D) (i32.const 1))))))
      (if (i32.eq (local.get $kind) (i32.const 3))
        (then
          (local.set $text (call $str_concat (local.get $text) (call $cfg_bytes (i32.const 0x5B) (i32.const 1))))
          (local.set $text (call $str_concat (local.get $text) (call $json_quote (i64.load offset=8 (local.get $entry)))))
          (local.set $text (call $str_concat (local.get $text) (call $cfg_bytes (i32.const 0x5D) (i32.const 1))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $entries)))
  (call $str_concat (local.get $text) (call $cfg_bytes (i32.const 0x203A) (i32.const 2))))

;; $cfg_got_text: after a failure with 3 or 6, the JSON text of the value
;; concerned, cut after 48 bytes (with "...").
(func $cfg_got_text (result i64)
  (local $start i32) (local $n i32)
  (local.set $start (global.get $cfg_fail_at))
  (global.set $json_p (local.get $start))
  (global.set $json_fail (i32.const 0))
  (call $json_value (i32.const 0))
  (local.set $n (i32.sub (global.get $json_p) (local.get $start)))
  (if (i32.le_u (local.get $n) (i32.const 48))
    (then (return (call $str_pack (local.get $start) (local.get $n)))))
  (call $str_concat (call $str_pack (local.get $start) (i32.const 48)) (call $cfg_bytes (i32.const 0x2E2E2E) (i32.const 3))))
