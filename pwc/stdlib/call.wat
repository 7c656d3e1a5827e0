;; call.wat: `let x = call ...`: starting an http call through Envoy,
;; finding the paused stream when the answer arrives, and keeping the answer
;; in the stream's record.  A pending call is registered in the stream table
;; under its token with $CALL_TOKEN_KEY_BIT set (layout.CALL_TOKEN_KEY_BIT),
;; so it never collides with a context id.

;; $CALL_TOKEN_KEY_BIT: layout.CALL_TOKEN_KEY_BIT.
(global $CALL_TOKEN_KEY_BIT i32 (i32.const 0x40000000))

;; $MAX_CALL_BODY: layout.MAX_CALL_BODY, the most of an answer's body kept.
(global $MAX_CALL_BODY i32 (i32.const 65536))

;; $E_BAD_TIMEOUT: RuntimeErrorCode.BAD_TIMEOUT.
(global $E_BAD_TIMEOUT i32 (i32.const 6))

;; $checked_timeout: $ms unchanged when it is a timeout Envoy takes
;; (1 .. 2^31-1 milliseconds: 0 would mean "wait forever", and Envoy reads
;; the ABI's u32 as a signed int); otherwise $rt_error = $E_BAD_TIMEOUT and 1000.
(func $checked_timeout (param $ms i64) (result i64)
  (if (i32.or (i64.lt_s (local.get $ms) (i64.const 1)) (i64.gt_s (local.get $ms) (i64.const 0x7FFFFFFF)))
    (then (global.set $rt_error (global.get $E_BAD_TIMEOUT)) (return (i64.const 1000))))
  (local.get $ms))

;; $http_call_start: call cluster $cluster with pseudo-headers :method
;; $method, :path $path, :authority $authority, then the entries of map
;; $headers (control bytes stripped), body $body and a timeout of $timeout
;; milliseconds, on behalf of stream $ctx.
;; Result: the call's key (token | $CALL_TOKEN_KEY_BIT, never 0), registered
;; so that $http_call_stream finds $ctx; 0 when Envoy refused the call
;; (unknown cluster, missing pseudo-header) and no answer will come.
;; Errors: scratch or heap exhausted -> $rt_error = 4, result 0.
(func $http_call_start (param $cluster i64) (param $method i64) (param $path i64) (param $authority i64)
                       (param $headers i32) (param $body i64) (param $timeout i64) (param $ctx i32) (result i32)
  (local $count i32) (local $table i32) (local $pairs i64) (local $key i32)
  (if (local.get $headers) (then (local.set $count (i32.load (local.get $headers)))))
  (local.set $table (call $alloc (i32.add (i32.const 56) (i32.shl (local.get $count) (i32.const 4)))))
  (if (i32.eqz (local.get $table)) (then (return (i32.const 0))))
  (i32.store (local.get $table) (i32.add (local.get $count) (i32.const 3)))
  (i64.store offset=8 (local.get $table) (call $pseudo_name (i32.const 0)))
  (i64.store offset=16 (local.get $table) (local.get $method))
  (i64.store offset=24 (local.get $table) (call $pseudo_name (i32.const 1)))
  (i64.store offset=32 (local.get $table) (local.get $path))
  (i64.store offset=40 (local.get $table) (call $pseudo_name (i32.const 2)))
  (i64.store offset=48 (local.get $table) (local.get $authority))
  (if (local.get $count)
    (then (memory.copy (i32.add (local.get $table) (i32.const 56)) (i32.add (local.get $headers) (i32.const 8))
                       (i32.shl (local.get $count) (i32.const 4)))))
  (local.set $pairs (call $map_to_pairs (local.get $table)))
  (if (global.get $rt_error) (then (return (i32.const 0))))
  (if (call $proxy_http_call
        (call $str_ptr (local.get $cluster)) (call $str_len (local.get $cluster))
        (call $str_ptr (local.get $pairs)) (call $str_len (local.get $pairs))
        (call $str_ptr (local.get $body)) (call $str_len (local.get $body))
        (i32.const 0) (i32.const 0)
        (i32.wrap_i64 (local.get $timeout))
        (global.get $SLOT_RET_AUX))
    (then (return (i32.const 0))))
  (local.set $key (i32.or (i32.load (global.get $SLOT_RET_AUX)) (global.get $CALL_TOKEN_KEY_BIT)))
  (call $stream_put (local.get $key) (local.get $ctx))
  (local.get $key))

;; $pseudo_name: ":method" (0), ":path" (1) or ":authority" (2), written
;; into scratch memory (the stdlib has no data segment of its own).
;; Errors: scratch exhausted -> $rt_error = 4, result "".
(func $pseudo_name (param $which i32) (result i64)
  (local $p i32)
  (local.set $p (call $alloc (i32.const 16)))
  (if (i32.eqz (local.get $p)) (then (return (i64.const 0))))
  (if (i32.eqz (local.get $which))
    (then
      (i64.store (local.get $p) (i64.const 0x00646f6874656d3a))   ;; ":method"
      (return (call $str_pack (local.get $p) (i32.const 7)))))
  (if (i32.eq (local.get $which) (i32.const 1))
    (then
      (i64.store (local.get $p) (i64.const 0x000000687461703a))   ;; ":path"
      (return (call $str_pack (local.get $p) (i32.const 5)))))
  (i64.store (local.get $p) (i64.const 0x69726f687475613a))       ;; ":authori"
  (i32.store16 offset=8 (local.get $p) (i32.const 0x7974))          ;; "ty"
  (call $str_pack (local.get $p) (i32.const 10)))

;; $http_call_stream: the stream waiting for the answer to call $token, now
;; unregistered; 0 when none (the stream ended while the call was in flight).
(func $http_call_stream (param $token i32) (result i32)
  (call $stream_take (i32.or (local.get $token) (global.get $CALL_TOKEN_KEY_BIT))))

;; $http_call_forget: unregister the pending call with key $key (0: none),
;; when its stream ends first.
(func $http_call_forget (param $key i32)
  (if (local.get $key) (then (drop (call $stream_take (local.get $key))))))

;; $http_call_keep_answer: store the answer of the current http call (map 6,
;; buffer 4) at $slots, the call result's four record slots: status (i64),
;; failed (i32 in an 8-byte slot), headers (a persistent copy of the pairs
;; buffer, packed), body (a persistent copy of at most $MAX_CALL_BODY bytes).
;; The answer is Envoy's own, not the service's (the call failed) when it
;; has no :status, or is a 502, 503 or 504 without the $service_marker
;; header that the router adds to answers that came from the service (Envoy
;; answers 502 itself when the service sent something that is not HTTP, 503
;; when it could not connect, 504 on timeout); then status is 0 and failed 1.
;; Errors: memory exhausted -> the parts that did not fit read empty.
(func $http_call_keep_answer (param $slots i32) (param $body_size i32) (param $service_marker i64)
  (local $buf i32) (local $len i32) (local $copy i32) (local $status i64) (local $failed i32)
  (local.set $buf (call $hdr_pairs (i32.const 6)))
  (local.set $len (call $hdr_pairs_len (i32.const 6)))
  (local.set $status (call $str_to_i64 (call $pairs_get (local.get $buf) (call $pseudo_status))))
  (if (global.get $rt_error) (then (local.set $status (i64.const 0))))
  (global.set $rt_error (i32.const 0))
  (local.set $failed
    (i32.or (i64.eqz (local.get $status))
      (i32.and (i64.le_u (i64.sub (local.get $status) (i64.const 502)) (i64.const 2))   ;; 502, 503 or 504
               (i32.eqz (call $pairs_has (local.get $buf) (local.get $service_marker))))))
  (if (local.get $failed) (then (local.set $status (i64.const 0))))
  (i64.store (local.get $slots) (local.get $status))
  (i32.store offset=8 (local.get $slots) (local.get $failed))
  (if (local.get $buf)
    (then
      (local.set $copy (call $palloc (local.get $len)))
      (if (local.get $copy)
        (then
          (memory.copy (local.get $copy) (local.get $buf) (local.get $len))
          (i64.store offset=16 (local.get $slots) (call $str_pack (local.get $copy) (local.get $len)))))))
  (if (i32.gt_u (local.get $body_size) (global.get $MAX_CALL_BODY))
    (then (local.set $body_size (global.get $MAX_CALL_BODY))))
  (if (local.get $body_size)
    (then
      (call $ret_clear)
      (i64.store offset=24 (local.get $slots)
        (call $str_pcopy (call $ret_string
          (call $proxy_get_buffer_bytes (i32.const 4) (i32.const 0) (local.get $body_size)
            (global.get $SLOT_RET_PTR) (global.get $SLOT_RET_LEN))
          (local.get $body_size))))))
  (global.set $rt_error (i32.const 0)))

;; $pseudo_status: ":status", written into scratch memory.
(func $pseudo_status (result i64)
  (local $p i32)
  (local.set $p (call $alloc (i32.const 8)))
  (if (i32.eqz (local.get $p)) (then (return (i64.const 0))))
  (i64.store (local.get $p) (i64.const 0x007375746174733a))       ;; ":status"
  (call $str_pack (local.get $p) (i32.const 7)))

;; $in_memory: 1 when the $len bytes at $ptr lie inside linear memory.
(func $in_memory (param $ptr i32) (param $len i32) (result i32)
  (i64.le_u (i64.add (i64.extend_i32_u (local.get $ptr)) (i64.extend_i32_u (local.get $len)))
            (call $memory_bytes)))

;; $call_root: the root context of the plugin last configured (0 before):
;; what sends a call no stream waits for.
(global $call_root (mut i32) (i32.const 0))

;; $http_call_detached: `call CLUSTER { ... }` as a statement: the call is
;; sent with the root context in effect, so that it is the root's and does
;; not depend on the stream's context, which Envoy deletes right after
;; `on done`; then the stream's context is back in effect.  Its answer finds no stream and is dropped.  A call Envoy
;; refuses (an unknown cluster) is dropped too.  $ctx: the stream's context.
;; Errors: those of $http_call_start (scratch full).
(func $http_call_detached (param $cluster i64) (param $method i64) (param $path i64) (param $authority i64)
                          (param $headers i32) (param $body i64) (param $timeout i64) (param $ctx i32)
  (drop (call $proxy_set_effective_context (global.get $call_root)))
  (drop (call $http_call_start (local.get $cluster) (local.get $method) (local.get $path) (local.get $authority)
                                (local.get $headers) (local.get $body) (local.get $timeout) (i32.const 0)))
  (drop (call $proxy_set_effective_context (local.get $ctx))))
