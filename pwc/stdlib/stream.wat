;; stream.wat: per-stream state: a hash table from context id to a record
;; pointer (from $palloc; the emitter defines the record's layout).
;; Open addressing with linear probing over 8-byte slots [key:i32, rec:i32]:
;; rec != 0 is a live entry, (0, 0) an empty slot and (-1, 0) a tombstone.
;; The capacity is a power of two, at least 64, kept at most 3/4 full
;; (live + tombstones), and the table is rebuilt when it would pass that.
;; Live records are never 0, so storing 0 removes the entry.

;; $st_tab: the table's address in the persistent heap (0 = no table yet).
(global $st_tab (mut i32) (i32.const 0))

;; $st_cap: the table's number of slots (0 or a power of two >= 64).
(global $st_cap (mut i32) (i32.const 0))

;; $st_live: the number of live entries.
(global $st_live (mut i32) (i32.const 0))

;; $st_used: the number of non-empty slots (live entries and tombstones).
(global $st_used (mut i32) (i32.const 0))

;; $st_home: the first slot to probe for context id $key (Fibonacci hashing,
;; so increasing ids spread over the table).
(func $st_home (param $key i32) (result i32)
  (i32.shr_u (i32.mul (local.get $key) (i32.const 0x9E3779B9))
             (i32.sub (i32.const 32) (i32.ctz (global.get $st_cap)))))

;; $st_find: the address of the live slot of $key, or 0 when absent.
(func $st_find (param $key i32) (result i32)
  (local $i i32) (local $slot i32) (local $mask i32)
  (if (i32.eqz (global.get $st_live)) (then (return (i32.const 0))))
  (local.set $mask (i32.sub (global.get $st_cap) (i32.const 1)))
  (local.set $i (call $st_home (local.get $key)))
  (loop $probe
    (local.set $slot (i32.add (global.get $st_tab) (i32.shl (local.get $i) (i32.const 3))))
    (if (i32.load offset=4 (local.get $slot))
      (then
        (if (i32.eq (i32.load (local.get $slot)) (local.get $key))
          (then (return (local.get $slot)))))
      (else
        (if (i32.eqz (i32.load (local.get $slot))) (then (return (i32.const 0))))))
    (local.set $i (i32.and (i32.add (local.get $i) (i32.const 1)) (local.get $mask)))
    (br $probe))
  (i32.const 0))

;; $st_insert_new: store ($key, $rec) in the first empty or tombstone slot of
;; $key's probe sequence; $key must be absent and the table must have room.
(func $st_insert_new (param $key i32) (param $rec i32)
  (local $i i32) (local $slot i32) (local $mask i32)
  (local.set $mask (i32.sub (global.get $st_cap) (i32.const 1)))
  (local.set $i (call $st_home (local.get $key)))
  (block $found
    (loop $probe
      (local.set $slot (i32.add (global.get $st_tab) (i32.shl (local.get $i) (i32.const 3))))
      (br_if $found (i32.eqz (i32.load offset=4 (local.get $slot))))
      (local.set $i (i32.and (i32.add (local.get $i) (i32.const 1)) (local.get $mask)))
      (br $probe)))
  (if (i32.eqz (i32.load (local.get $slot)))
    (then (global.set $st_used (i32.add (global.get $st_used) (i32.const 1)))))
  (i32.store (local.get $slot) (local.get $key))
  (i32.store offset=4 (local.get $slot) (local.get $rec))
  (global.set $st_live (i32.add (global.get $st_live) (i32.const 1))))

;; $st_rebuild: move the live entries into a new table of $cap slots
;; (dropping tombstones) and free the old one.  Result: 1, or 0 when
;; $palloc failed ($rt_error = 4; the old table is kept).
(func $st_rebuild (param $cap i32) (result i32)
  (local $old i32) (local $old_cap i32) (local $new i32) (local $slot i32) (local $end i32)
  (local.set $new (call $palloc (i32.shl (local.get $cap) (i32.const 3))))
  (if (i32.eqz (local.get $new)) (then (return (i32.const 0))))
  (local.set $old (global.get $st_tab))
  (local.set $old_cap (global.get $st_cap))
  (global.set $st_tab (local.get $new))
  (global.set $st_cap (local.get $cap))
  (global.set $st_live (i32.const 0))
  (global.set $st_used (i32.const 0))
  (local.set $slot (local.get $old))
  (local.set $end (i32.add (local.get $old) (i32.shl (local.get $old_cap) (i32.const 3))))
  (block $done
    (loop $move
      (br_if $done (i32.ge_u (local.get $slot) (local.get $end)))
      (if (i32.load offset=4 (local.get $slot))
        (then (call $st_insert_new (i32.load (local.get $slot)) (i32.load offset=4 (local.get $slot)))))
      (local.set $slot (i32.add (local.get $slot) (i32.const 8)))
      (br $move)))
  (call $pfree (local.get $old))
  (i32.const 1))

;; $stream_put: remember record $record for context $ctx_id, replacing any
;; record it had (the old record is not freed).  $record 0 removes the
;; entry, like $stream_take.
;; Errors: table growth failed -> $rt_error = 4 (nothing stored).
(func $stream_put (param $ctx_id i32) (param $record i32)
  (local $slot i32) (local $cap i32)
  (if (i32.eqz (local.get $record))
    (then (drop (call $stream_take (local.get $ctx_id))) (return)))
  (local.set $slot (call $st_find (local.get $ctx_id)))
  (if (local.get $slot)
    (then (i32.store offset=4 (local.get $slot) (local.get $record)) (return)))
  ;; keep live + tombstones <= 3/4 of the slots
  (if (i32.gt_u (i32.shl (i32.add (global.get $st_used) (i32.const 1)) (i32.const 2))
                (i32.mul (global.get $st_cap) (i32.const 3)))
    (then
      (local.set $cap (select (global.get $st_cap) (i32.const 64) (global.get $st_cap)))
      ;; grow only when live entries fill half of it; else just sweep tombstones
      (if (i32.ge_u (i32.shl (i32.add (global.get $st_live) (i32.const 1)) (i32.const 1)) (local.get $cap))
        (then (local.set $cap (i32.shl (local.get $cap) (i32.const 1)))))
      (if (i32.eqz (call $st_rebuild (local.get $cap))) (then (return)))))
  (call $st_insert_new (local.get $ctx_id) (local.get $record)))

;; $stream_get: the record of context $ctx_id, or 0 when it has none.
(func $stream_get (param $ctx_id i32) (result i32)
  (local $slot i32)
  (local.set $slot (call $st_find (local.get $ctx_id)))
  (if (i32.eqz (local.get $slot)) (then (return (i32.const 0))))
  (i32.load offset=4 (local.get $slot)))

;; $stream_take: remove and return the record of context $ctx_id (0 when it
;; has none).  The caller frees the record.  When the last entry goes, the
;; table itself is freed.
(func $stream_take (param $ctx_id i32) (result i32)
  (local $slot i32) (local $rec i32)
  (local.set $slot (call $st_find (local.get $ctx_id)))
  (if (i32.eqz (local.get $slot)) (then (return (i32.const 0))))
  (local.set $rec (i32.load offset=4 (local.get $slot)))
  (i32.store (local.get $slot) (i32.const -1))
  (i32.store offset=4 (local.get $slot) (i32.const 0))
  (global.set $st_live (i32.sub (global.get $st_live) (i32.const 1)))
  (if (i32.eqz (global.get $st_live))
    (then
      (call $pfree (global.get $st_tab))
      (global.set $st_tab (i32.const 0))
      (global.set $st_cap (i32.const 0))
      (global.set $st_used (i32.const 0))))
  (local.get $rec))
