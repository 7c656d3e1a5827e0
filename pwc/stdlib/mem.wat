;; mem.wat: run-time error state, low-memory slots, scratch and persistent
;; allocation.  Layout: compiler/layout.py.  The emitter defines $heap_base,
;; $scratch_top, $scratch_end and $pheap_top; everything here uses them.

;; $rt_error: the run-time error of the current statement, a
;; layout.RuntimeErrorCode (0 = none).  Failing stdlib functions set it and
;; return a harmless value; generated code checks and clears it.
(global $rt_error (mut i32) (i32.const 0))

;; $E_NOT_AN_INTEGER: RuntimeErrorCode.NOT_AN_INTEGER (int() of a non-number).
(global $E_NOT_AN_INTEGER i32 (i32.const 1))

;; $E_OVERFLOW: RuntimeErrorCode.OVERFLOW (int64 overflow, also int() out of range).
(global $E_OVERFLOW i32 (i32.const 2))

;; $E_DIVISION_BY_ZERO: RuntimeErrorCode.DIVISION_BY_ZERO.
(global $E_DIVISION_BY_ZERO i32 (i32.const 3))

;; $E_OUT_OF_MEMORY: RuntimeErrorCode.OUT_OF_MEMORY (scratch full, heap at its maximum).
(global $E_OUT_OF_MEMORY i32 (i32.const 4))

;; $SLOT_RET_PTR: address of the i32 out-parameter ret_ptr of host calls.
(global $SLOT_RET_PTR i32 (i32.const 16))

;; $SLOT_RET_LEN: address of the i32 out-parameter ret_len of host calls.
(global $SLOT_RET_LEN i32 (i32.const 20))

;; $SLOT_RET_AUX: address of a third i32 out-parameter (call id, metric id).
(global $SLOT_RET_AUX i32 (i32.const 24))

;; $SLOT_RET_U64: address of an 8-byte out-parameter (proxy_get_metric).
(global $SLOT_RET_U64 i32 (i32.const 32))

;; $SLOT_DETAILS: 4 bytes holding "pwc", the details of local replies.
(global $SLOT_DETAILS i32 (i32.const 48))

;; $SLOT_HDR_CACHE: the header-pairs cache, $HDR_CACHE_MAP_TYPES entries of
;; $HDR_CACHE_ENTRY bytes: [state (0 = not fetched), ptr, len, pad].
(global $SLOT_HDR_CACHE i32 (i32.const 64))

;; $HDR_CACHE_ENTRY: size in bytes of one header-pairs cache entry.
(global $HDR_CACHE_ENTRY i32 (i32.const 16))

;; $HDR_CACHE_MAP_TYPES: map types 0 .. this-1 are cached; others are fetched each time.
(global $HDR_CACHE_MAP_TYPES i32 (i32.const 8))

;; $SLOT_FREE_LISTS: palloc's free-list heads, one i32 per size class k
;; (block size 2^k) at $SLOT_FREE_LISTS + 4k; 0 = empty list.
(global $SLOT_FREE_LISTS i32 (i32.const 256))

;; $PALLOC_MIN_CLASS: smallest palloc size class (2^4 = 16-byte blocks).
(global $PALLOC_MIN_CLASS i32 (i32.const 4))

;; $PALLOC_MAX_CLASS: largest palloc size class (2^30-byte blocks).
(global $PALLOC_MAX_CLASS i32 (i32.const 30))

;; $alloc: bump-allocate $size bytes of scratch memory, 8-byte aligned.
;; Params: $size in bytes (0 gives a valid pointer to no bytes).
;; Result: the pointer; memory is not zeroed and lives until the emitter
;; restores $scratch_top (the end of the current callback).
;; Errors: scratch exhausted -> $rt_error = 4, result 0.
(func $alloc (param $size i32) (result i32)
  (local $p i32)
  (local.set $p (i32.and (i32.add (global.get $scratch_top) (i32.const 7)) (i32.const -8)))
  (if (i32.or (i32.gt_u (local.get $p) (global.get $scratch_end))
              (i32.gt_u (local.get $size) (i32.sub (global.get $scratch_end) (local.get $p))))
    (then
      (global.set $rt_error (global.get $E_OUT_OF_MEMORY))
      (return (i32.const 0))))
  (global.set $scratch_top (i32.add (local.get $p) (local.get $size)))
  (local.get $p))

;; $memory_bytes: the current size of linear memory in bytes, as i64.
(func $memory_bytes (result i64)
  (i64.shl (i64.extend_i32_u (memory.size)) (i64.const 16)))

;; $palloc: allocate $size bytes from the persistent heap, zero-filled,
;; 8-byte aligned.  Blocks are 2^k bytes (k = $PALLOC_MIN_CLASS ..
;; $PALLOC_MAX_CLASS) with an 8-byte header holding k; freed blocks go to a
;; free list per class and are reused first; new blocks are carved from
;; $pheap_top, growing memory when needed.
;; Params: $size in bytes (0 allowed).  Result: the pointer, or 0.
;; Errors: $size above 2^30 - 8, or memory.grow refused (the module's
;; declared maximum) -> $rt_error = 4, result 0.
(func $palloc (param $size i32) (result i32)
  (local $k i32) (local $head i32) (local $blk i32) (local $end i64) (local $have i64)
  (if (i32.gt_u (local.get $size) (i32.const 0x3FFFFFF8))
    (then
      (global.set $rt_error (global.get $E_OUT_OF_MEMORY))
      (return (i32.const 0))))
  ;; smallest k with 2^k >= size + 8 (the header)
  (local.set $k (i32.sub (i32.const 32) (i32.clz (i32.add (local.get $size) (i32.const 7)))))
  (if (i32.lt_u (local.get $k) (global.get $PALLOC_MIN_CLASS))
    (then (local.set $k (global.get $PALLOC_MIN_CLASS))))
  (local.set $head (i32.add (global.get $SLOT_FREE_LISTS) (i32.shl (local.get $k) (i32.const 2))))
  (local.set $blk (i32.load (local.get $head)))
  (if (local.get $blk)
    (then
      ;; a free payload keeps the next free payload in its first word
      (i32.store (local.get $head) (i32.load (local.get $blk)))
      (memory.fill (local.get $blk) (i32.const 0) (local.get $size))
      (return (local.get $blk))))
  (local.set $blk (i32.and (i32.add (global.get $pheap_top) (i32.const 7)) (i32.const -8)))
  (local.set $end (i64.add (i64.extend_i32_u (local.get $blk))
                           (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $k)))))
  (local.set $have (call $memory_bytes))
  (if (i64.gt_u (local.get $end) (local.get $have))
    (then
      (if (i32.eq (memory.grow (i32.wrap_i64
                    (i64.shr_u (i64.add (i64.sub (local.get $end) (local.get $have)) (i64.const 0xFFFF))
                               (i64.const 16))))
                  (i32.const -1))
        (then
          (global.set $rt_error (global.get $E_OUT_OF_MEMORY))
          (return (i32.const 0))))))
  (i32.store (local.get $blk) (local.get $k))
  (global.set $pheap_top (i32.wrap_i64 (local.get $end)))
  ;; carved memory was never handed out, but zero it anyway so that the
  ;; guarantee does not depend on how the module was instantiated
  (memory.fill (i32.add (local.get $blk) (i32.const 8)) (i32.const 0) (local.get $size))
  (i32.add (local.get $blk) (i32.const 8)))

;; $pfree: return a block from $palloc to its size class's free list.
;; Params: $ptr as returned by $palloc.  0, pointers outside the persistent
;; heap and blocks with a corrupt header are ignored (never a trap).
;; Freeing a block twice is a caller bug (it would be handed out twice).
(func $pfree (param $ptr i32)
  (local $k i32) (local $head i32)
  (if (i32.lt_u (local.get $ptr) (i32.add (global.get $scratch_end) (i32.const 8)))
    (then (return)))
  (if (i64.gt_u (i64.add (i64.extend_i32_u (local.get $ptr)) (i64.const 4)) (call $memory_bytes))
    (then (return)))
  (local.set $k (i32.load (i32.sub (local.get $ptr) (i32.const 8))))
  (if (i32.or (i32.lt_u (local.get $k) (global.get $PALLOC_MIN_CLASS))
              (i32.gt_u (local.get $k) (global.get $PALLOC_MAX_CLASS)))
    (then (return)))
  (local.set $head (i32.add (global.get $SLOT_FREE_LISTS) (i32.shl (local.get $k) (i32.const 2))))
  (i32.store (local.get $ptr) (i32.load (local.get $head)))
  (i32.store (local.get $head) (local.get $ptr)))
