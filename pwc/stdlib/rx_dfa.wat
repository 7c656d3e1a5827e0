;; rx_dfa.wat: the lazy DFA behind $rx_matches (and the first question of
;; every other search: does anything match at all), as RE2 runs one: a state is
;; the set of targets alive at a position (a bitset; order does not matter
;; when any match will do), built from the program's step table and
;; closures the first time it is needed and cached per byte class.  It runs
;; when the program's closures look at no context but \A and \z: past
;; offset 0 \A is false, and \z is true only after the last byte, which is
;; stepped without the cache.  The cache lives in scratch memory for one
;; call and is emptied when full, so a byte costs either one table load or
;; the building of one state: at most a constant per closure entry and per
;; word of the bitset.  When scratch has no room for it, the Pike VM runs.
;;
;; Layout of the cache: the bitset under construction, the idle state's
;; bitset (only the start's threads), a hash table of state number + 1,
;; then the states: bitset words, then one i32 transition per byte class
;; (-1 when not built yet).

;; $RX_DFA_BYTES: rx_tables.DFA_BYTES, scratch bytes the state cache of one call may take.
(global $RX_DFA_BYTES i32 (i32.const 131072))

;; $rx_dfa_w: words of a state's bitset.
(global $rx_dfa_w (mut i32) (i32.const 0))

;; $rx_dfa_stride: words of a state: its bitset, then its transitions.
(global $rx_dfa_stride (mut i32) (i32.const 0))

;; $rx_dfa_states: the address of the states.
(global $rx_dfa_states (mut i32) (i32.const 0))

;; $rx_dfa_count: states in the cache.
(global $rx_dfa_count (mut i32) (i32.const 0))

;; $rx_dfa_max: states the cache holds.
(global $rx_dfa_max (mut i32) (i32.const 0))

;; $rx_dfa_hash: the address of the hash table (state number + 1, 0 = free).
(global $rx_dfa_hash (mut i32) (i32.const 0))

;; $rx_dfa_mask: hash table slots - 1 (a power of two, at least twice the states).
(global $rx_dfa_mask (mut i32) (i32.const 0))

;; $rx_dfa_tmp: the bitset under construction.
(global $rx_dfa_tmp (mut i32) (i32.const 0))

;; $rx_dfa_add: set in the bitset under construction the targets of the
;; decision at address $d where the context bits are $ctx.
(func $rx_dfa_add (param $d i32) (param $ctx i32)
  (local $w i32) (local $n i32) (local $t i32) (local $at i32)
  (loop $branch
    (local.set $w (i32.load (local.get $d)))
    (if (i32.lt_s (local.get $w) (i32.const 0))
      (then
        (local.set $d (i32.add (global.get $rx_vm_clos) (i32.shl
          (select (i32.load offset=4 (local.get $d)) (i32.load offset=8 (local.get $d))
            (i32.and (local.get $ctx) (i32.sub (i32.const 0) (local.get $w))))
          (i32.const 2))))
        (br $branch))))
  (local.set $n (local.get $w))
  (block $done
    (loop $entry
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (local.set $d (i32.add (local.get $d) (i32.const 4)))
      (local.set $w (i32.load (local.get $d)))
      (local.set $t (i32.and (local.get $w) (i32.const 0xFFFF)))
      (local.set $at (i32.add (global.get $rx_dfa_tmp) (i32.shl (i32.shr_u (local.get $t) (i32.const 5)) (i32.const 2))))
      (i32.store (local.get $at) (i32.or (i32.load (local.get $at)) (i32.shl (i32.const 1) (local.get $t))))
      (local.set $d (i32.add (local.get $d) (i32.shl (i32.shr_u (local.get $w) (i32.const 16)) (i32.const 2))))
      (br $entry))))

;; $rx_dfa_step: build in the bitset under construction the state after
;; state $s (0: none, only the start) consumes a byte of class $cls, where
;; the context bits are then $ctx; with the start's closure there too when
;; $start is not 0 (its decision's address).
(func $rx_dfa_step (param $s i32) (param $cls i32) (param $ctx i32) (param $start i32) (param $prog i32)
  (local $k i32) (local $bits i32) (local $t i32) (local $f i32) (local $rows i32) (local $ncls i32)
  (local $at i32)
  (memory.fill (global.get $rx_dfa_tmp) (i32.const 0) (i32.shl (global.get $rx_dfa_w) (i32.const 2)))
  (if (local.get $s)
    (then
      (local.set $rows (i32.add (local.get $prog) (i32.load offset=24 (local.get $prog))))
      (local.set $ncls (i32.load offset=12 (local.get $prog)))
      (block $done
        (loop $word
          (br_if $done (i32.ge_u (local.get $k) (global.get $rx_dfa_w)))
          (local.set $bits (i32.load (i32.add (local.get $s) (i32.shl (local.get $k) (i32.const 2)))))
          (block $word_done
            (loop $bit
              (br_if $word_done (i32.eqz (local.get $bits)))
              (local.set $t (i32.or (i32.shl (local.get $k) (i32.const 5)) (i32.ctz (local.get $bits))))
              (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
              (local.set $f (i32.load (i32.add (local.get $rows) (i32.shl (i32.add (i32.mul (local.get $t) (local.get $ncls))
                (local.get $cls)) (i32.const 2)))))
              (br_if $bit (i32.eq (local.get $f) (global.get $RX_NONE)))
              (if (i32.lt_s (local.get $f) (i32.const 0))
                (then
                  (local.set $t (i32.sub (i32.const -1) (local.get $f)))
                  (local.set $at (i32.add (global.get $rx_dfa_tmp) (i32.shl (i32.shr_u (local.get $t) (i32.const 5)) (i32.const 2))))
                  (i32.store (local.get $at) (i32.or (i32.load (local.get $at)) (i32.shl (i32.const 1) (local.get $t)))))
                (else (call $rx_dfa_add (i32.add (global.get $rx_vm_clos) (i32.shl (local.get $f) (i32.const 2))) (local.get $ctx))))
              (br $bit)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $word)))))
  (if (local.get $start) (then (call $rx_dfa_add (local.get $start) (local.get $ctx)))))

;; $rx_dfa_intern: the number of the state equal to the bitset at $bits,
;; added to the cache if new; -1 when the cache is full.
(func $rx_dfa_intern (param $bits i32) (result i32)
  (local $h i32) (local $k i32) (local $slot i32) (local $s i32) (local $id i32) (local $w i32)
  (local.set $h (i32.const 0x811C9DC5))
  (block $hashed
    (loop $word
      (br_if $hashed (i32.ge_u (local.get $k) (global.get $rx_dfa_w)))
      (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load (i32.add (local.get $bits) (i32.shl (local.get $k) (i32.const 2)))))
        (i32.const 0x01000193)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $word)))
  (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 15))))
  (loop $probe
    (local.set $h (i32.and (local.get $h) (global.get $rx_dfa_mask)))
    (local.set $slot (i32.add (global.get $rx_dfa_hash) (i32.shl (local.get $h) (i32.const 2))))
    (local.set $id (i32.sub (i32.load (local.get $slot)) (i32.const 1)))
    (if (i32.ge_s (local.get $id) (i32.const 0))
      (then
        (local.set $s (i32.add (global.get $rx_dfa_states)
          (i32.shl (i32.mul (local.get $id) (global.get $rx_dfa_stride)) (i32.const 2))))
        (local.set $k (i32.const 0))
        (block $differ
          (loop $cmp
            (if (i32.ge_u (local.get $k) (global.get $rx_dfa_w)) (then (return (local.get $id))))
            (br_if $differ (i32.ne (i32.load (i32.add (local.get $s) (i32.shl (local.get $k) (i32.const 2))))
              (i32.load (i32.add (local.get $bits) (i32.shl (local.get $k) (i32.const 2))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $cmp)))
        (local.set $h (i32.add (local.get $h) (i32.const 1)))
        (br $probe))))
  (if (i32.ge_u (global.get $rx_dfa_count) (global.get $rx_dfa_max)) (then (return (i32.const -1))))
  (local.set $id (global.get $rx_dfa_count))
  (global.set $rx_dfa_count (i32.add (local.get $id) (i32.const 1)))
  (i32.store (local.get $slot) (i32.add (local.get $id) (i32.const 1)))
  (local.set $s (i32.add (global.get $rx_dfa_states) (i32.shl (i32.mul (local.get $id) (global.get $rx_dfa_stride)) (i32.const 2))))
  (local.set $w (i32.shl (global.get $rx_dfa_w) (i32.const 2)))
  (memory.copy (local.get $s) (local.get $bits) (local.get $w))
  (memory.fill (i32.add (local.get $s) (local.get $w)) (i32.const 0xFF)
    (i32.shl (i32.sub (global.get $rx_dfa_stride) (global.get $rx_dfa_w)) (i32.const 2)))
  (local.get $id))

;; $rx_dfa_flush: empty the cache.
(func $rx_dfa_flush
  (global.set $rx_dfa_count (i32.const 0))
  (memory.fill (global.get $rx_dfa_hash) (i32.const 0) (i32.shl (i32.add (global.get $rx_dfa_mask) (i32.const 1)) (i32.const 2))))

;; $rx_dfa_state: the address of state $id.
(func $rx_dfa_state (param $id i32) (result i32)
  (i32.add (global.get $rx_dfa_states) (i32.shl (i32.mul (local.get $id) (global.get $rx_dfa_stride)) (i32.const 2))))

;; $rx_dfa_matched: whether the bitset under construction holds the MATCH (target 0).
(func $rx_dfa_matched (result i32)
  (i32.and (i32.load (global.get $rx_dfa_tmp)) (i32.const 1)))

;; $rx_dfa_matches: $rx_matches on the DFA; -1 when the program looks at
;; more context than \A and \z, or scratch has no room for the cache.
(func $rx_dfa_matches (param $prog i32) (param $p i32) (param $len i32) (result i32)
  (local $flags i32) (local $ncls i32) (local $slots i32) (local $size i32) (local $area i32) (local $start i32)
  (local $unanchored i32) (local $state i32) (local $next i32) (local $pos i32) (local $cls i32) (local $idle i32)
  (local $classes i32) (local $tr i32) (local $last i32) (local $idle_bits i32)
  (local.set $flags (i32.load offset=16 (local.get $prog)))
  (if (i32.and (local.get $flags) (i32.const 0x1C00)) (then (return (i32.const -1))))  ;; ^ $ \b in (?m), \b
  (local.set $ncls (i32.load offset=12 (local.get $prog)))
  (global.set $rx_dfa_w (i32.shr_u (i32.add (i32.load offset=20 (local.get $prog)) (i32.const 32)) (i32.const 5)))
  (global.set $rx_dfa_stride (i32.add (global.get $rx_dfa_w) (i32.sub (local.get $ncls) (i32.const 1))))
  (global.set $rx_dfa_max (i32.div_u (global.get $RX_DFA_BYTES) (i32.shl (global.get $rx_dfa_stride) (i32.const 2))))
  ;; a byte makes at most one new state, and patterns have few: a short
;; input gets a small cache (emptied when full, which stays correct)
  (if (i32.gt_u (global.get $rx_dfa_max) (i32.add (i32.shr_u (local.get $len) (i32.const 3)) (i32.const 16)))
    (then (global.set $rx_dfa_max (i32.add (i32.shr_u (local.get $len) (i32.const 3)) (i32.const 16)))))
  (if (i32.lt_u (global.get $rx_dfa_max) (i32.const 4)) (then (global.set $rx_dfa_max (i32.const 4))))
  (local.set $slots (i32.shl (i32.const 1) (i32.sub (i32.const 32) (i32.clz (i32.sub (i32.shl (global.get $rx_dfa_max) (i32.const 1)) (i32.const 1))))))
  (global.set $rx_dfa_mask (i32.sub (local.get $slots) (i32.const 1)))
  (local.set $size (i32.add (i32.shl (i32.add (i32.mul (global.get $rx_dfa_max) (global.get $rx_dfa_stride)) (local.get $slots))
    (i32.const 2)) (i32.add (i32.shl (global.get $rx_dfa_w) (i32.const 3)) (i32.const 16))))
  ;; no room: the Pike VM, which needs less, and $rt_error untouched here
  (if (i32.gt_u (local.get $size) (i32.sub (global.get $scratch_end)
        (i32.and (i32.add (global.get $scratch_top) (i32.const 7)) (i32.const -8))))
    (then (return (i32.const -1))))
  (local.set $area (call $alloc (local.get $size)))
  (global.set $rx_dfa_tmp (local.get $area))
  (local.set $idle_bits (i32.add (local.get $area) (i32.shl (global.get $rx_dfa_w) (i32.const 2))))
  (global.set $rx_dfa_hash (i32.add (local.get $idle_bits) (i32.shl (global.get $rx_dfa_w) (i32.const 2))))
  (global.set $rx_dfa_states (i32.add (global.get $rx_dfa_hash) (i32.shl (local.get $slots) (i32.const 2))))
  (global.set $rx_vm_clos (i32.add (local.get $prog) (i32.load offset=28 (local.get $prog))))
  (local.set $classes (i32.add (local.get $prog) (i32.const 64)))
  (local.set $start (i32.add (global.get $rx_vm_clos) (i32.shl (i32.load offset=4 (local.get $prog)) (i32.const 2))))
  (local.set $unanchored (select (i32.const 0) (local.get $start) (i32.and (local.get $flags) (i32.const 2))))
  ;; offset 0: the start, \A true (and \z when the input is empty)
  (call $rx_dfa_step (i32.const 0) (i32.const 0) (select (i32.const 1) (i32.const 3) (local.get $len)) (local.get $start) (local.get $prog))
  (if (call $rx_dfa_matched) (then (return (i32.const 1))))
  (if (i32.eqz (local.get $len)) (then (return (i32.const 0))))
  (call $rx_dfa_flush)
  (local.set $state (call $rx_dfa_intern (global.get $rx_dfa_tmp)))
  ;; the idle state: only the start's threads, past offset 0 (kept aside for flushes)
  (call $rx_dfa_step (i32.const 0) (i32.const 0) (i32.const 0) (local.get $unanchored) (local.get $prog))
  (memory.copy (local.get $idle_bits) (global.get $rx_dfa_tmp) (i32.shl (global.get $rx_dfa_w) (i32.const 2)))
  (local.set $idle (call $rx_dfa_intern (local.get $idle_bits)))
  (local.set $last (i32.sub (local.get $len) (i32.const 1)))
  (loop $byte
    (local.set $cls (i32.load8_u (i32.add (local.get $classes) (i32.load8_u (i32.add (local.get $p) (local.get $pos))))))
    (if (i32.eq (local.get $pos) (local.get $last))
      (then
        ;; the last byte: \z holds after it
        (call $rx_dfa_step (call $rx_dfa_state (local.get $state)) (local.get $cls) (i32.const 2) (local.get $unanchored) (local.get $prog))
        (return (call $rx_dfa_matched))))
    (local.set $tr (i32.add (call $rx_dfa_state (local.get $state)) (i32.shl (i32.add (global.get $rx_dfa_w) (local.get $cls)) (i32.const 2))))
    (local.set $next (i32.load (local.get $tr)))
    (if (i32.lt_s (local.get $next) (i32.const 0))
      (then
        (call $rx_dfa_step (call $rx_dfa_state (local.get $state)) (local.get $cls) (i32.const 0) (local.get $unanchored) (local.get $prog))
        (if (call $rx_dfa_matched) (then (return (i32.const 1))))
        (local.set $next (call $rx_dfa_intern (global.get $rx_dfa_tmp)))
        (if (i32.ge_s (local.get $next) (i32.const 0))
          (then (i32.store (local.get $tr) (local.get $next)))
          (else
            ;; the cache is full: empty it, keep the idle state, add the new one
            (call $rx_dfa_flush)
            (local.set $idle (call $rx_dfa_intern (local.get $idle_bits)))
            (local.set $next (call $rx_dfa_intern (global.get $rx_dfa_tmp)))))))
    (local.set $state (local.get $next))
    (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
    ;; idle: nothing alive when anchored, else skip to a byte that can start a match
    (if (i32.eq (local.get $state) (local.get $idle))
      (then
        (if (i32.and (local.get $flags) (i32.const 2)) (then (return (i32.const 0))))
        (if (i32.and (local.get $flags) (i32.const 1))
          (then
            (local.set $pos (call $rx_skip (local.get $prog) (local.get $p) (local.get $len) (local.get $pos)))
            (if (i32.ge_u (local.get $pos) (local.get $len)) (then (return (i32.const 0))))))))
    (br $byte))
  (i32.const 0))
