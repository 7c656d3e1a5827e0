;; shared.wat: state every VM of one Envoy sees (proxy-wasm shared data),
;; for `limit` and `once`.  Envoy runs one VM per worker thread; shared data
;; is one table for all of them (per vm_id), read and written whole under a
;; lock, and a write may name the version (cas) it read: it then fails with
;; CasMismatch (8) when another VM wrote the key since.  A read-change-write
;; is retried on a mismatch, at most $STATE_TRIES times.
;;
;; Bounded memory: the keys a client chooses never become shared-data keys.
;; A site (one `limit` or `once` of the program) has 8192 slots, the shared-
;; data keys PREFIX + 4 hex digits; a client key picks its slot by FNV-1a,
;; and a slot holds 8 ways, one key each, identified by 32 bytes: a key of
;; up to 30 bytes itself ([length + 1][bytes][zeros]), a longer one by its
;; SHA-256 ([0xFF][31 bytes of the digest]).  So a site holds at most 65,536
;; keys in at most 8192 values of a few hundred bytes, whatever clients
;; send.  A first byte 0 marks a free way.
;;
;; Shared data has no "create if absent": a write to an absent key stores
;; whatever its cas, and the cas values Envoy hands out start at 1 and count
;; up (proxy-wasm-cpp-host's SharedData).  A slot read as absent is written
;; with cas 0xFFFFFFFF, which a present key fails unless its version is
;; exactly that number (after 2^32 - 1 writes to the table).

;; $STATE_TRIES: how many read-change-writes a `limit` or `once` tries when
;; other VMs keep writing the same slot first.
(global $STATE_TRIES i32 (i32.const 8))  ;; layout.STATE_TRIES

;; $state_cas: the version $state_read found, to write back with.
(global $state_cas (mut i32) (i32.const 0))

;; $state_key_id: write key $key's 32-byte identity at $out (see the head).
;; Errors: scratch full while hashing a long key -> $rt_error = 4 (the
;; identity is then the digest's absence: [0xFF][zeros]).
(func $state_key_id (param $key i64) (param $out i32)
  (local $n i32) (local $digest i64)
  (memory.fill (local.get $out) (i32.const 0) (i32.const 32))
  (local.set $n (call $str_len (local.get $key)))
  (if (i32.le_u (local.get $n) (i32.const 30))
    (then
      (i32.store8 (local.get $out) (i32.add (local.get $n) (i32.const 1)))
      (memory.copy (i32.add (local.get $out) (i32.const 1)) (call $str_ptr (local.get $key)) (local.get $n))
      (return)))
  (i32.store8 (local.get $out) (i32.const 0xFF))
  (local.set $digest (call $sha256 (local.get $key)))
  (if (i32.eq (call $str_len (local.get $digest)) (i32.const 32))
    (then (memory.copy (i32.add (local.get $out) (i32.const 1)) (call $str_ptr (local.get $digest)) (i32.const 31)))))

;; $state_slot_key: the shared-data key of $key's slot: $prefix, then the
;; slot (FNV-1a of the key, mod 8192) as 4 lowercase hex digits.
;; Errors: scratch full -> $rt_error = 4, result "".
(func $state_slot_key (param $prefix i64) (param $key i64) (result i64)
  (local $slot i32) (local $n i32) (local $p i32) (local $i i32) (local $digit i32)
  (local.set $slot (i32.and (i32.wrap_i64 (call $fnv1a (local.get $key))) (i32.const 8191)))
  (local.set $n (call $str_len (local.get $prefix)))
  (local.set $p (call $alloc (i32.add (local.get $n) (i32.const 4))))
  (if (i32.eqz (local.get $p)) (then (return (i64.const 0))))
  (memory.copy (local.get $p) (call $str_ptr (local.get $prefix)) (local.get $n))
  (loop $digits
    (local.set $digit (i32.and (i32.shr_u (local.get $slot) (i32.sub (i32.const 12) (i32.shl (local.get $i) (i32.const 2))))
                               (i32.const 15)))
    (i32.store8 (i32.add (i32.add (local.get $p) (local.get $n)) (local.get $i))
                (i32.add (local.get $digit) (select (i32.const 48) (i32.const 87) (i32.lt_u (local.get $digit) (i32.const 10)))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $digits (i32.lt_u (local.get $i) (i32.const 4))))
  (call $str_pack (local.get $p) (i32.add (local.get $n) (i32.const 4))))

;; $shared_value: after $shared_get found its key, the value (a scratch
;; copy the host made).
(global $shared_value (mut i64) (i64.const 0))

;; $shared_get: read shared-data key $key: the host's status (0 found, 1
;; absent, others refused), with the value in $shared_value and its
;; version in $state_cas when found.
;; Errors: scratch full -> $rt_error = 4, status 10 (InternalFailure).
(func $shared_get (param $key i64) (result i32)
  (local $out i32) (local $status i32)
  (local.set $out (call $alloc (i32.const 12)))
  (if (i32.eqz (local.get $out)) (then (return (i32.const 10))))
  (local.set $status (call $proxy_get_shared_data (call $str_ptr (local.get $key)) (call $str_len (local.get $key))
                           (local.get $out) (i32.add (local.get $out) (i32.const 4))
                           (i32.add (local.get $out) (i32.const 8))))
  (if (i32.eqz (local.get $status))
    (then
      (global.set $shared_value (call $str_pack (i32.load (local.get $out)) (i32.load offset=4 (local.get $out))))
      (global.set $state_cas (i32.load offset=8 (local.get $out)))))
  (local.get $status))

;; $shared_set: write $value as shared-data key $key's value if its version
;; is still $cas (0: whatever it is): the host's status (0 written, 8
;; another VM wrote it since).
(func $shared_set (param $key i64) (param $value i64) (param $cas i32) (result i32)
  (call $proxy_set_shared_data (call $str_ptr (local.get $key)) (call $str_len (local.get $key))
                               (call $str_ptr (local.get $value)) (call $str_len (local.get $value)) (local.get $cas)))

;; $state_read: read shared-data key $skey into the $size bytes at $buf:
;; 1 when it holds a value of that size; 0 when it is absent, or holds a
;; value of another size (an older layout), with $buf zeroed; -1 when the
;; host refused.  $state_cas is then what to write back with: the version
;; read, or 0xFFFFFFFF for an absent key (see the head).
(func $state_read (param $skey i64) (param $buf i32) (param $size i32) (result i32)
  (local $status i32)
  (local.set $status (call $shared_get (local.get $skey)))
  (if (i32.eq (local.get $status) (i32.const 1))
    (then
      (memory.fill (local.get $buf) (i32.const 0) (local.get $size))
      (global.set $state_cas (i32.const -1))
      (return (i32.const 0))))
  (if (local.get $status) (then (return (i32.const -1))))
  (if (i32.ne (call $str_len (global.get $shared_value)) (local.get $size))
    (then
      (memory.fill (local.get $buf) (i32.const 0) (local.get $size))
      (return (i32.const 0))))
  (memory.copy (local.get $buf) (call $str_ptr (global.get $shared_value)) (local.get $size))
  (i32.const 1))

;; $state_write: store the $size bytes at $buf as $skey's value, if no VM
;; wrote it since $state_read: the host's status (0 written, 8 another VM
;; was first).
(func $state_write (param $skey i64) (param $buf i32) (param $size i32) (result i32)
  (call $shared_set (local.get $skey) (call $str_pack (local.get $buf) (local.get $size)) (global.get $state_cas)))

;; $state_find: the way, among the 8 ways of $way_size bytes at $buf, whose
;; identity is the 32 bytes at $id; -1 when none is.
(func $state_find (param $buf i32) (param $way_size i32) (param $id i32) (result i32)
  (local $i i32) (local $w i32)
  (loop $ways
    (local.set $w (i32.add (local.get $buf) (i32.mul (local.get $i) (local.get $way_size))))
    (if (i32.and (i32.and (i64.eq (i64.load (local.get $w)) (i64.load (local.get $id)))
                          (i64.eq (i64.load offset=8 (local.get $w)) (i64.load offset=8 (local.get $id))))
                 (i32.and (i64.eq (i64.load offset=16 (local.get $w)) (i64.load offset=16 (local.get $id)))
                          (i64.eq (i64.load offset=24 (local.get $w)) (i64.load offset=24 (local.get $id)))))
      (then (return (local.get $i))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $ways (i32.lt_u (local.get $i) (i32.const 8))))
  (i32.const -1))

;; $state_least: the way, among the 8 ways of $way_size bytes at $buf, whose
;; i64 at offset 32 (a window's start, an expiry) is the smallest: a free
;; way (0 there) before any other.
(func $state_least (param $buf i32) (param $way_size i32) (result i32)
  (local $i i32) (local $best i32) (local $v i64) (local $least i64)
  (local.set $least (i64.load offset=32 (local.get $buf)))
  (loop $ways
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (local.set $v (i64.load offset=32 (i32.add (local.get $buf) (i32.mul (local.get $i) (local.get $way_size)))))
    (if (i64.lt_s (local.get $v) (local.get $least))
      (then (local.set $least (local.get $v)) (local.set $best (local.get $i))))
    (br_if $ways (i32.lt_u (local.get $i) (i32.const 7))))
  (local.get $best))

;; $state_period_us: a `limit` period or a `once` window of $ms
;; milliseconds in microseconds, kept within 1 ms .. 10^12 ms (31 years), so
;; that arithmetic on it never overflows.
(func $state_period_us (param $ms i64) (result i64)
  (if (i64.lt_s (local.get $ms) (i64.const 1)) (then (return (i64.const 1000))))
  (if (i64.gt_s (local.get $ms) (i64.const 1000000000000)) (then (return (i64.const 1000000000000000))))
  (i64.mul (local.get $ms) (i64.const 1000)))

;; $limit_window_start: the start of the window holding $now, for windows
;; of $period microseconds counted from $start (<= $now); $start itself
;; when $period is not positive.
(func $limit_window_start (param $now i64) (param $start i64) (param $period i64) (result i64)
  (if (i64.le_s (local.get $period) (i64.const 0)) (then (return (local.get $start))))
  (i64.sub (local.get $now) (i64.rem_u (i64.sub (local.get $now) (local.get $start)) (local.get $period))))

;; $limit_wait_ms: after $limit_take answered -1, the milliseconds until
;; the key's window ends (at least 1).
(global $limit_wait_ms (mut i64) (i64.const 1))

;; $limit_take: `limit KEY to N per PERIOD`: take a token from key $key's
;; bucket at site $prefix.  A bucket holds $n tokens and is refilled to $n
;; at the end of each window of $period_ms (windows start at the key's
;; first request; a period below 1 ms counts as 1 ms): at most $n requests
;; pass per window (Envoy's local_ratelimit, which gives a token back every
;; period/$n, counts otherwise: docs/native.md).  A way is 48 bytes:
;; the identity, [32] the start of the current window in microseconds (so
;; a new key evicts the way of the oldest window), [40] the tokens left.
;; Result: the tokens left after this request, or -1 when there was none
;; ($n <= 0 included), with $limit_wait_ms set; also -1 when the slot could
;; not be updated ($STATE_TRIES mismatches in a row, or the host refused):
;; over the limit, failing closed.
;; Errors: scratch full -> $rt_error = 4, result -1.
(func $limit_take (param $prefix i64) (param $key i64) (param $n i64) (param $period_ms i64) (result i64)
  (local $period i64) (local $now i64) (local $skey i64) (local $buf i32) (local $id i32) (local $try i32)
  (local $way i32) (local $w i32) (local $start i64) (local $tokens i64) (local $status i32) (local $wait i64)
  (local.set $period (call $state_period_us (local.get $period_ms)))
  (global.set $limit_wait_ms (i64.div_u (local.get $period) (i64.const 1000)))
  (local.set $now (call $ts_now))
  (local.set $skey (call $state_slot_key (local.get $prefix) (local.get $key)))
  (local.set $buf (call $alloc (i32.const 416)))  ;; 8 ways of 48 bytes, then the identity
  (if (i32.eqz (local.get $buf)) (then (return (i64.const -1))))
  (local.set $id (i32.add (local.get $buf) (i32.const 384)))
  (call $state_key_id (local.get $key) (local.get $id))
  (block $failed
    (loop $retry
      (br_if $failed (i32.lt_s (call $state_read (local.get $skey) (local.get $buf) (i32.const 384)) (i32.const 0)))
      (local.set $way (call $state_find (local.get $buf) (i32.const 48) (local.get $id)))
      (if (i32.lt_s (local.get $way) (i32.const 0))
        (then
          (local.set $way (call $state_least (local.get $buf) (i32.const 48)))
          (local.set $w (i32.add (local.get $buf) (i32.mul (local.get $way) (i32.const 48))))
          (memory.copy (local.get $w) (local.get $id) (i32.const 32))
          (i64.store offset=32 (local.get $w) (local.get $now))
          (i64.store offset=40 (local.get $w) (local.get $n))))
      (local.set $w (i32.add (local.get $buf) (i32.mul (local.get $way) (i32.const 48))))
      (local.set $start (i64.load offset=32 (local.get $w)))
      (local.set $tokens (i64.load offset=40 (local.get $w)))
      ;; past the window: a new one from the last boundary at or before now
      (if (i64.ge_s (i64.sub (local.get $now) (local.get $start)) (local.get $period))
        (then
          (local.set $start (call $limit_window_start (local.get $now) (local.get $start) (local.get $period)))
          (local.set $tokens (local.get $n))))
      (if (i64.gt_s (local.get $tokens) (local.get $n)) (then (local.set $tokens (local.get $n))))
      (if (i64.le_s (local.get $tokens) (i64.const 0))
        (then
          (local.set $wait (i64.sub (i64.add (local.get $start) (local.get $period)) (local.get $now)))
          (global.set $limit_wait_ms (i64.div_s (i64.add (local.get $wait) (i64.const 999)) (i64.const 1000)))
          (if (i64.lt_s (global.get $limit_wait_ms) (i64.const 1)) (then (global.set $limit_wait_ms (i64.const 1))))
          (return (i64.const -1))))
      (local.set $tokens (i64.sub (local.get $tokens) (i64.const 1)))
      (i64.store offset=32 (local.get $w) (local.get $start))
      (i64.store offset=40 (local.get $w) (local.get $tokens))
      (local.set $status (call $state_write (local.get $skey) (local.get $buf) (i32.const 384)))
      (if (i32.eqz (local.get $status)) (then (return (local.get $tokens))))
      (local.set $try (i32.add (local.get $try) (i32.const 1)))
      (br_if $retry (i32.and (i32.eq (local.get $status) (i32.const 8)) (i32.lt_u (local.get $try) (global.get $STATE_TRIES))))))
  (i64.const -1))

;; $limit_retry_after: the `retry-after` of a refused request: the seconds
;; until its key's window ends, rounded up (at least 1).
(func $limit_retry_after (result i64)
  (i64.div_s (i64.add (global.get $limit_wait_ms) (i64.const 999)) (i64.const 1000)))

;; $once_first: `once(KEY, WINDOW)`: 1 the first time key $key is seen at
;; site $prefix within $window_ms (it is then remembered for that long),
;; else 0.  A way is 40 bytes: the identity, [32] when it expires, in
;; microseconds.  A key whose slot holds 8 unexpired keys is answered 0, as
;; is a key whose slot could not be updated ($STATE_TRIES mismatches, or
;; the host refused): `once` fails closed, so a replay is never taken for a
;; first use, at the price of refusing a fresh key when 65,536 are live.
;; Errors: scratch full -> $rt_error = 4, result 0.
(func $once_first (param $prefix i64) (param $key i64) (param $window_ms i64) (result i32)
  (local $now i64) (local $skey i64) (local $buf i32) (local $id i32) (local $try i32) (local $way i32)
  (local $w i32) (local $status i32)
  (local.set $now (call $ts_now))
  (local.set $skey (call $state_slot_key (local.get $prefix) (local.get $key)))
  (local.set $buf (call $alloc (i32.const 352)))  ;; 8 ways of 40 bytes, then the identity
  (if (i32.eqz (local.get $buf)) (then (return (i32.const 0))))
  (local.set $id (i32.add (local.get $buf) (i32.const 320)))
  (call $state_key_id (local.get $key) (local.get $id))
  (block $failed
    (loop $retry
      (br_if $failed (i32.lt_s (call $state_read (local.get $skey) (local.get $buf) (i32.const 320)) (i32.const 0)))
      (local.set $way (call $state_find (local.get $buf) (i32.const 40) (local.get $id)))
      (if (i32.lt_s (local.get $way) (i32.const 0))
        (then (local.set $way (call $state_least (local.get $buf) (i32.const 40)))))
      (local.set $w (i32.add (local.get $buf) (i32.mul (local.get $way) (i32.const 40))))
      ;; seen within its window, or a full slot of live keys
      (br_if $failed (i64.gt_s (i64.load offset=32 (local.get $w)) (local.get $now)))
      (memory.copy (local.get $w) (local.get $id) (i32.const 32))
      (i64.store offset=32 (local.get $w) (i64.add (local.get $now) (call $state_period_us (local.get $window_ms))))
      (local.set $status (call $state_write (local.get $skey) (local.get $buf) (i32.const 320)))
      (if (i32.eqz (local.get $status)) (then (return (i32.const 1))))
      (local.set $try (i32.add (local.get $try) (i32.const 1)))
      (br_if $retry (i32.and (i32.eq (local.get $status) (i32.const 8)) (i32.lt_u (local.get $try) (global.get $STATE_TRIES))))))
  (i32.const 0))
