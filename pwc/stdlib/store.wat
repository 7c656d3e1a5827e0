;; store.wat: `store NAME: TYPE = DEFAULT`, `store NAME = VALUE` and
;; `stored.NAME`, and the lease that runs an `every` block once per period
;; per Envoy (every VM of it gets the timer).
;;
;; A store's value lives in the Envoy's shared data as JSON text, under a
;; key of its own; `store` replaces it whole (shared data is written under a
;; lock, so a reader sees the old value or the new one, never a mix).  Each
;; VM keeps its own copy, read by `stored.NAME` at no cost: an entry of 16
;; bytes in the data segment, [0] the version (cas) of the value it was
;; read from (0: the default, never read), [8] the value (a packed string,
;; an int, a bool, or the address of a list or map in the persistent heap).
;; The copy is brought up to date at each timer tick and after each `store`.
;;
;; Kinds: 1 string, 2 int or duration, 3 bool, 5 list of strings, 6 map of
;; strings (types.py's codes of compiler/lower_every.py).

;; $store_json: value $v of kind $kind as JSON text (what `store` writes).
;; Errors: scratch full -> $rt_error = 4, result null.
(func $store_json (param $v i64) (param $kind i32) (result i64)
  (if (i32.eq (local.get $kind) (i32.const 1)) (then (return (call $json_quote (local.get $v)))))
  (if (i32.eq (local.get $kind) (i32.const 2)) (then (return (call $dyn_from_int (local.get $v)))))
  (if (i32.eq (local.get $kind) (i32.const 3)) (then (return (call $dyn_from_bool (i32.wrap_i64 (local.get $v))))))
  (call $store_table_json (i32.wrap_i64 (local.get $v)) (i32.eq (local.get $kind) (i32.const 6))))

;; $store_table_json: list $table of strings as a JSON array, or ($map 1) a
;; map of strings as a JSON object: the strings quoted into a scratch copy
;; of the table, then dyn_build.wat's $dyn_list / $dyn_map.
;; Errors: scratch full -> $rt_error = 4, result null.
(func $store_table_json (param $table i32) (param $map i32) (result i64)
  (local $n i32) (local $width i32) (local $copy i32) (local $i i32) (local $at i32)
  (if (local.get $table) (then (local.set $n (i32.load (local.get $table)))))
  (local.set $width (select (i32.const 16) (i32.const 8) (local.get $map)))
  (if (i32.eqz (local.get $n))  ;; the empty table (0, or a table of none)
    (then (return (if (result i64) (local.get $map) (then (call $dyn_map (i32.const 0))) (else (call $dyn_list (i32.const 0)))))))
  (local.set $copy (call $alloc (i32.add (i32.const 8) (i32.mul (local.get $n) (local.get $width)))))
  (if (i32.eqz (local.get $copy)) (then (return (i64.const 0))))
  (memory.copy (local.get $copy) (local.get $table) (i32.add (i32.const 8) (i32.mul (local.get $n) (local.get $width))))
  (block $quoted
    (loop $items
      (br_if $quoted (i32.ge_u (local.get $i) (local.get $n)))
      ;; the value: the item of a list, the second column of a map
      (local.set $at (i32.add (i32.add (local.get $copy) (i32.const 8))
                              (i32.add (i32.mul (local.get $i) (local.get $width)) (i32.sub (local.get $width) (i32.const 8)))))
      (i64.store (local.get $at) (call $json_quote (i64.load (local.get $at))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $items)))
  (if (result i64) (local.get $map)
    (then (call $dyn_map (local.get $copy)))
    (else (call $dyn_list (local.get $copy)))))

;; $store_put: `store`: JSON text $json becomes shared-data key $key's value,
;; whatever was there (the last `store` wins).  A failed write is logged by
;; no one: the next tick's `store` tries again.
(func $store_put (param $key i64) (param $json i64)
  (drop (call $shared_set (local.get $key) (local.get $json) (i32.const 0))))

;; $store_value: the JSON text $text read back as a value of kind $kind,
;; built in the persistent heap (strings, lists, maps), or 0 with $rt_error
;; = 11 when it is not JSON of that shape.
;; Errors: not JSON of that shape -> 11; memory full -> 4.
(func $store_value (param $text i64) (param $kind i32) (result i64)
  (local $v i64) (local $found i32)
  (local.set $v (call $json_decode (local.get $text)))
  (local.set $found (call $dyn_kind (local.get $v)))
  (if (i32.and (i32.eq (local.get $kind) (i32.const 1)) (i32.eq (local.get $found) (i32.const 4)))
    (then (return (call $str_pcopy (call $dyn_unquote (local.get $v))))))
  (if (i32.and (i32.eq (local.get $kind) (i32.const 2)) (i32.eq (local.get $found) (i32.const 2)))
    (then (return (call $dyn_int (local.get $v)))))
  (if (i32.and (i32.eq (local.get $kind) (i32.const 3)) (i32.eq (local.get $found) (i32.const 1)))
    (then (return (i64.extend_i32_u (call $dyn_bool (local.get $v))))))
  (if (i32.and (i32.eq (local.get $kind) (i32.const 5)) (i32.eq (local.get $found) (i32.const 5)))
    (then (return (i64.extend_i32_u (call $store_strings (local.get $v) (i32.const 0))))))
  (if (i32.and (i32.eq (local.get $kind) (i32.const 6)) (i32.eq (local.get $found) (i32.const 6)))
    (then (return (i64.extend_i32_u (call $store_strings (local.get $v) (i32.const 1))))))
  (global.set $rt_error (global.get $E_BAD_CONVERSION))
  (i64.const 0))

;; $store_strings: JSON array $v of strings as a list of strings, or ($map
;; 1) JSON object $v of strings as a map, copied into the persistent heap.
;; Errors: an item that is no string -> $rt_error = 11; memory full -> 4;
;; result 0.
(func $store_strings (param $v i64) (param $map i32) (result i32)
  (local $items i32) (local $n i32) (local $i i32) (local $table i32) (local $row i32) (local $item i64)
  (local $value i64)
  (local.set $items (call $dyn_items (local.get $v)))
  (if (i32.eqz (local.get $items)) (then (return (i32.const 0))))
  (local.set $n (i32.load (local.get $items)))
  (local.set $table (call $alloc (i32.add (i32.const 8) (i32.mul (local.get $n) (select (i32.const 16) (i32.const 8) (local.get $map))))))
  (if (i32.eqz (local.get $table)) (then (return (i32.const 0))))
  (i32.store (local.get $table) (local.get $n))
  (local.set $row (i32.add (local.get $table) (i32.const 8)))
  (block $done
    (loop $rows
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $item (i64.load (i32.add (i32.add (local.get $items) (i32.const 8)) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $value (select (call $dyn_key (local.get $v) (call $dyn_unquote (local.get $item))) (local.get $item)
                                (local.get $map)))
      (if (i32.ne (call $dyn_kind (local.get $value)) (i32.const 4))
        (then (global.set $rt_error (global.get $E_BAD_CONVERSION)) (return (i32.const 0))))
      (if (local.get $map)
        (then
          (i64.store (local.get $row) (call $dyn_unquote (local.get $item)))
          (local.set $row (i32.add (local.get $row) (i32.const 8)))))
      (i64.store (local.get $row) (call $dyn_unquote (local.get $value)))
      (local.set $row (i32.add (local.get $row) (i32.const 8)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows)))
  (if (result i32) (local.get $map)
    (then (call $map_pcopy (local.get $table)))
    (else (call $list_pcopy (local.get $table)))))

;; $store_refresh: bring this VM's copy at $entry (see the head) of key
;; $key's value, of kind $kind, up to date: read the shared data, and when
;; its version is not the copy's, read it back and replace the copy (the
;; old one freed).  A value of the wrong shape, or none yet, leaves the copy
;; as it is.  Takes no scratch, and leaves $rt_error as it was.
(func $store_refresh (param $key i64) (param $kind i32) (param $entry i32)
  (local $mark i32) (local $saved i32) (local $value i64) (local $old i64)
  (local.set $mark (global.get $scratch_top))
  (local.set $saved (global.get $rt_error))
  (block $done
    (br_if $done (call $shared_get (local.get $key)))
    (br_if $done (i32.eq (global.get $state_cas) (i32.load (local.get $entry))))
    (global.set $rt_error (i32.const 0))
    (local.set $value (call $store_value (global.get $shared_value) (local.get $kind)))
    (br_if $done (global.get $rt_error))
    (local.set $old (i64.load offset=8 (local.get $entry)))
    (i64.store offset=8 (local.get $entry) (local.get $value))
    (i32.store (local.get $entry) (global.get $state_cas))
    (if (i32.eq (local.get $kind) (i32.const 1)) (then (call $str_pfree (local.get $old))))
    (if (i32.ge_u (local.get $kind) (i32.const 5)) (then (call $pfree (i32.wrap_i64 (local.get $old))))))
  (global.set $rt_error (local.get $saved))
  (global.set $scratch_top (local.get $mark)))

;; $lease_take: whether this VM runs the `every` block whose lease is
;; shared-data key $key now: 1 when the block's due time (8 bytes, in
;; microseconds) has come and this VM moved it $period_ms - $slack_ms
;; later first (the slack lets a timer that fires a little early find it
;; due); 0 when it is not due or another VM took it.  Takes no scratch.
(func $lease_take (param $key i64) (param $period_ms i64) (param $slack_ms i64) (result i32)
  (local $mark i32) (local $due i32) (local $now i64) (local $taken i32)
  (local.set $mark (global.get $scratch_top))
  (local.set $due (call $alloc (i32.const 8)))
  (local.set $now (call $ts_now))
  (block $done
    (br_if $done (i32.eqz (local.get $due)))
    (br_if $done (i32.lt_s (call $state_read (local.get $key) (local.get $due) (i32.const 8)) (i32.const 0)))
    (br_if $done (i64.lt_s (local.get $now) (i64.load (local.get $due))))
    (i64.store (local.get $due)
               (i64.add (local.get $now) (i64.mul (i64.sub (local.get $period_ms) (local.get $slack_ms)) (i64.const 1000))))
    (local.set $taken (i32.eqz (call $state_write (local.get $key) (local.get $due) (i32.const 8)))))
  (global.set $scratch_top (local.get $mark))
  (local.get $taken))
