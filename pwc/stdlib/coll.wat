;; coll.wat: lists, maps and records.
;; A list is an i32 pointer to [count:i32, pad:i32, item:i64 * count]; a map
;; is an i32 pointer to [count:i32, pad:i32, (key:i64, value:i64) * count]
;; with string keys.  Pointer 0 is the empty list or map.  Items and values
;; take 8 bytes whatever their type (an i32 value in the low half).  A
;; record (configuration, cfg.wat) is an i32 pointer to [given:i64, one i64
;; slot per field]; pointer 0 reads as a record of zeros.

;; $list_contains: 1 when list $list holds a string equal to $s, else 0.
(func $list_contains (param $list i32) (param $s i64) (result i32)
  (local $item i32) (local $end i32)
  (if (i32.eqz (local.get $list)) (then (return (i32.const 0))))
  (local.set $item (i32.add (local.get $list) (i32.const 8)))
  (local.set $end (i32.add (local.get $item) (i32.shl (i32.load (local.get $list)) (i32.const 3))))
  (block $done
    (loop $items
      (br_if $done (i32.ge_u (local.get $item) (local.get $end)))
      (if (call $str_eq (i64.load (local.get $item)) (local.get $s))
        (then (return (i32.const 1))))
      (local.set $item (i32.add (local.get $item) (i32.const 8)))
      (br $items)))
  (i32.const 0))

;; $map_find: address of the last entry of map $map whose key equals $key,
;; or 0 when there is none (so a later literal entry overrides an earlier one).
(func $map_find (param $map i32) (param $key i64) (result i32)
  (local $entry i32) (local $found i32)
  (if (i32.eqz (local.get $map)) (then (return (i32.const 0))))
  (local.set $entry (i32.add (i32.add (local.get $map) (i32.const 8))
                             (i32.shl (i32.load (local.get $map)) (i32.const 4))))
  (block $done
    (loop $entries
      (br_if $done (i32.le_u (local.get $entry) (i32.add (local.get $map) (i32.const 8))))
      (local.set $entry (i32.sub (local.get $entry) (i32.const 16)))
      (if (call $str_eq (i64.load (local.get $entry)) (local.get $key))
        (then (return (local.get $entry))))
      (br $entries)))
  (i32.const 0))

;; $map_get: the value of $key in map $map ("" when absent; when the key
;; appears several times, the last entry wins).
(func $map_get (param $map i32) (param $key i64) (result i64)
  (local $entry i32)
  (local.set $entry (call $map_find (local.get $map) (local.get $key)))
  (if (i32.eqz (local.get $entry)) (then (return (i64.const 0))))
  (i64.load offset=8 (local.get $entry)))

;; $map_has: 1 when map $map has key $key, else 0.
(func $map_has (param $map i32) (param $key i64) (result i32)
  (i32.ne (call $map_find (local.get $map) (local.get $key)) (i32.const 0)))

;; $map_to_pairs: serialize map $map in the proxy-wasm pairs format: u32 LE
;; count N; N x (u32 key_len, u32 value_len); then each key, 0x00, value,
;; 0x00.  Control bytes ($is_ctl) are stripped from keys and values, so the
;; result is safe to hand to the host as headers.  Entries keep their order,
;; duplicates included.  The empty map gives the 4-byte buffer N = 0.
;; Result: packed (ptr, len) of a new scratch buffer.
;; Errors: scratch exhausted -> $rt_error = 4, result "".
(func $map_to_pairs (param $map i32) (result i64)
  (local $n i32) (local $i i32) (local $entry i32) (local $total i64)
  (local $buf i32) (local $lens i32) (local $out i32) (local $kl i32) (local $vl i32)
  (local $k i64) (local $v i64)
  (if (local.get $map) (then (local.set $n (i32.load (local.get $map)))))
  (local.set $total (i64.add (i64.const 4) (i64.shl (i64.extend_i32_u (local.get $n)) (i64.const 3))))
  (local.set $entry (i32.add (local.get $map) (i32.const 8)))
  (block $sized
    (loop $size
      (br_if $sized (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $k (i64.load (local.get $entry)))
      (local.set $v (i64.load offset=8 (local.get $entry)))
      (local.set $total (i64.add (local.get $total) (i64.extend_i32_u (i32.add (i32.const 2)
        (i32.sub (i32.add (call $str_len (local.get $k)) (call $str_len (local.get $v)))
                 (i32.add (call $ctl_count (call $str_ptr (local.get $k)) (call $str_len (local.get $k)))
                          (call $ctl_count (call $str_ptr (local.get $v)) (call $str_len (local.get $v)))))))))
      (local.set $entry (i32.add (local.get $entry) (i32.const 16)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $size)))
  (if (i64.gt_u (local.get $total) (i64.const 0x7FFFFFFF))
    (then
      (global.set $rt_error (global.get $E_OUT_OF_MEMORY))
      (return (i64.const 0))))
  (local.set $buf (call $alloc (i32.wrap_i64 (local.get $total))))
  (if (i32.eqz (local.get $buf)) (then (return (i64.const 0))))
  (i32.store (local.get $buf) (local.get $n))
  (local.set $lens (i32.add (local.get $buf) (i32.const 4)))
  (local.set $out (i32.add (local.get $lens) (i32.shl (local.get $n) (i32.const 3))))
  (local.set $entry (i32.add (local.get $map) (i32.const 8)))
  (local.set $i (i32.const 0))
  (block $written
    (loop $write
      (br_if $written (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $k (i64.load (local.get $entry)))
      (local.set $v (i64.load offset=8 (local.get $entry)))
      (local.set $kl (call $copy_strip (local.get $out) (call $str_ptr (local.get $k)) (call $str_len (local.get $k))))
      (local.set $out (i32.add (local.get $out) (local.get $kl)))
      (i32.store8 (local.get $out) (i32.const 0))
      (local.set $out (i32.add (local.get $out) (i32.const 1)))
      (local.set $vl (call $copy_strip (local.get $out) (call $str_ptr (local.get $v)) (call $str_len (local.get $v))))
      (local.set $out (i32.add (local.get $out) (local.get $vl)))
      (i32.store8 (local.get $out) (i32.const 0))
      (local.set $out (i32.add (local.get $out) (i32.const 1)))
      (i32.store (local.get $lens) (local.get $kl))
      (i32.store offset=4 (local.get $lens) (local.get $vl))
      (local.set $lens (i32.add (local.get $lens) (i32.const 8)))
      (local.set $entry (i32.add (local.get $entry) (i32.const 16)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $write)))
  (call $str_pack (local.get $buf) (i32.wrap_i64 (local.get $total))))

;; $list_contains_i64: 1 when list $list holds an item whose 8 bytes equal
;; $v (ints, durations, timestamps, bools as 0/1), else 0.
(func $list_contains_i64 (param $list i32) (param $v i64) (result i32)
  (local $item i32) (local $end i32)
  (if (i32.eqz (local.get $list)) (then (return (i32.const 0))))
  (local.set $item (i32.add (local.get $list) (i32.const 8)))
  (local.set $end (i32.add (local.get $item) (i32.shl (i32.load (local.get $list)) (i32.const 3))))
  (block $done
    (loop $items
      (br_if $done (i32.ge_u (local.get $item) (local.get $end)))
      (if (i64.eq (i64.load (local.get $item)) (local.get $v)) (then (return (i32.const 1))))
      (local.set $item (i32.add (local.get $item) (i32.const 8)))
      (br $items)))
  (i32.const 0))

;; $list_at: item $i of list $list (CEL's L[i]): its 8 bytes, or 0 (the
;; zero value of every item type: "", 0, false, an empty list) when $i is
;; out of range.
(func $list_at (param $list i32) (param $i i64) (result i64)
  (if (i32.eqz (local.get $list)) (then (return (i64.const 0))))
  (if (i64.ge_u (local.get $i) (i64.extend_i32_u (i32.load (local.get $list)))) (then (return (i64.const 0))))
  (i64.load offset=8 (i32.add (local.get $list) (i32.wrap_i64 (i64.shl (local.get $i) (i64.const 3))))))

;; $record_slot: the 8 bytes at byte $offset of record $record (a field,
;; read as record + 8 * (1 + index)), or 0 for the null record.
(func $record_slot (param $record i32) (param $offset i32) (result i64)
  (if (i32.eqz (local.get $record)) (then (return (i64.const 0))))
  (i64.load (i32.add (local.get $record) (local.get $offset))))

;; $record_has: 1 when field $index of record $record was given (the bit
;; in its slot 0), else 0.
(func $record_has (param $record i32) (param $index i32) (result i32)
  (if (i32.eqz (local.get $record)) (then (return (i32.const 0))))
  (i32.wrap_i64 (i64.and (i64.shr_u (i64.load (local.get $record)) (i64.extend_i32_u (local.get $index))) (i64.const 1))))

;; $list_concat: a new list of the items of $a then those of $b (CEL's
;; L1 + L2); one of them itself when the other is empty.
;; Errors: scratch exhausted -> $rt_error = 4, result 0.
(func $list_concat (param $a i32) (param $b i32) (result i32)
  (local $na i32) (local $nb i32) (local $out i32)
  (if (i32.eqz (local.get $a)) (then (return (local.get $b))))
  (if (i32.eqz (local.get $b)) (then (return (local.get $a))))
  (local.set $na (i32.load (local.get $a)))
  (local.set $nb (i32.load (local.get $b)))
  (local.set $out (call $alloc (i32.add (i32.const 8) (i32.shl (i32.add (local.get $na) (local.get $nb)) (i32.const 3)))))
  (if (i32.eqz (local.get $out)) (then (return (i32.const 0))))
  (i32.store (local.get $out) (i32.add (local.get $na) (local.get $nb)))
  (memory.copy (i32.add (local.get $out) (i32.const 8)) (i32.add (local.get $a) (i32.const 8))
               (i32.shl (local.get $na) (i32.const 3)))
  (memory.copy (i32.add (i32.add (local.get $out) (i32.const 8)) (i32.shl (local.get $na) (i32.const 3)))
               (i32.add (local.get $b) (i32.const 8)) (i32.shl (local.get $nb) (i32.const 3)))
  (local.get $out))

;; $map_merge: a new map of the entries of $a whose key $b lacks, then
;; every entry of $b (m1 + m2: the right side wins); one of them itself when
;; the other is empty.  Time: entries of $a times entries of $b.
;; Errors: scratch exhausted -> $rt_error = 4, result 0.
(func $map_merge (param $a i32) (param $b i32) (result i32)
  (local $na i32) (local $nb i32) (local $out i32) (local $row i32) (local $end i32) (local $n i32)
  (if (i32.eqz (local.get $a)) (then (return (local.get $b))))
  (if (i32.eqz (local.get $b)) (then (return (local.get $a))))
  (local.set $na (i32.load (local.get $a)))
  (local.set $nb (i32.load (local.get $b)))
  (local.set $out (call $alloc (i32.add (i32.const 8) (i32.shl (i32.add (local.get $na) (local.get $nb)) (i32.const 4)))))
  (if (i32.eqz (local.get $out)) (then (return (i32.const 0))))
  (local.set $row (i32.add (local.get $a) (i32.const 8)))
  (local.set $end (i32.add (local.get $row) (i32.shl (local.get $na) (i32.const 4))))
  (block $done
    (loop $rows
      (br_if $done (i32.ge_u (local.get $row) (local.get $end)))
      (if (i32.eqz (call $map_has (local.get $b) (i64.load (local.get $row))))
        (then
          (memory.copy (i32.add (i32.add (local.get $out) (i32.const 8)) (i32.shl (local.get $n) (i32.const 4)))
                       (local.get $row) (i32.const 16))
          (local.set $n (i32.add (local.get $n) (i32.const 1)))))
      (local.set $row (i32.add (local.get $row) (i32.const 16)))
      (br $rows)))
  (memory.copy (i32.add (i32.add (local.get $out) (i32.const 8)) (i32.shl (local.get $n) (i32.const 4)))
               (i32.add (local.get $b) (i32.const 8)) (i32.shl (local.get $nb) (i32.const 4)))
  (i32.store (local.get $out) (i32.add (local.get $n) (local.get $nb)))
  (local.get $out))
