;; host.wat: logging, local replies, and values the host hands back.

;; $ret_clear: zero the ret_ptr/ret_len out-slots, before a host call that
;; fills them ($ret_string then reads what it left).
(func $ret_clear
  (i32.store (global.get $SLOT_RET_PTR) (i32.const 0))
  (i32.store (global.get $SLOT_RET_LEN) (i32.const 0)))

;; $ret_string: the bytes a host call left in the out-slots, given the
;; call's $status, cut to at most $max bytes (-1: no limit); "" when the
;; status is not Ok or the buffer does not lie inside memory.  The bytes
;; live where the host put them (scratch memory, through malloc).
(func $ret_string (param $status i32) (param $max i32) (result i64)
  (local $len i32)
  (if (local.get $status) (then (return (i64.const 0))))
  (local.set $len (i32.load (global.get $SLOT_RET_LEN)))
  (if (i32.gt_u (local.get $len) (local.get $max)) (then (local.set $len (local.get $max))))
  (if (i32.eqz (call $in_memory (i32.load (global.get $SLOT_RET_PTR)) (local.get $len)))
    (then (return (i64.const 0))))
  (call $str_pack (i32.load (global.get $SLOT_RET_PTR)) (local.get $len)))

;; $log: write $msg to the proxy's log at level $level (abi.LogLevel:
;; 0 trace .. 5 critical) via proxy_log; the host status is ignored.
(func $log (param $level i32) (param $msg i64)
  (drop (call $proxy_log (local.get $level)
    (call $str_ptr (local.get $msg)) (call $str_len (local.get $msg)))))

;; $send_error_reply: answer the stream with HTTP $status (400 or 500: never
;; one without a body) and body $body, no headers, details "pwc": what
;; $pwc_fail sends, without $send_local_reply's header map (and the
;; header-cleaning functions it links).  The host status is ignored.
;; The headers are the empty pairs buffer (count 0) just after the details.
(func $send_error_reply (param $status i32) (param $body i64)
  (i64.store (global.get $SLOT_DETAILS) (i64.const 0x00637770))   ;; "pwc", then a count of 0
  (drop (call $proxy_send_local_response (local.get $status)
    (global.get $SLOT_DETAILS) (i32.const 3)
    (call $str_ptr (local.get $body)) (call $str_len (local.get $body))
    (i32.add (global.get $SLOT_DETAILS) (i32.const 4)) (i32.const 4)
    (i32.const -1))))

;; $send_local_reply: answer the stream with HTTP $status, body $body and
;; the headers of map $headers (0 = none), via proxy_send_local_response
;; with details "pwc" (kept in $SLOT_DETAILS) and no gRPC status (-1).
;; Header names and values are stripped of control bytes ($map_to_pairs).
;; A status that has no body (1xx, 204, 304: RFC 9110 sections 15.2, 15.3.5
;; and 15.4.5) is sent without one: Envoy would write the body anyway, and
;; the client would read it as the start of the next response.
;; The host status is ignored; the caller still ends the phase.
(func $send_local_reply (param $status i32) (param $body i64) (param $headers i32)
  (local $pairs i64)
  (if (i32.or (i32.lt_u (local.get $status) (i32.const 200))
              (i32.or (i32.eq (local.get $status) (i32.const 204)) (i32.eq (local.get $status) (i32.const 304))))
    (then (local.set $body (i64.const 0))))
  (local.set $pairs (call $map_to_pairs (local.get $headers)))
  (i32.store (global.get $SLOT_DETAILS) (i32.const 0x00637770))   ;; "pwc"
  (drop (call $proxy_send_local_response (local.get $status)
    (global.get $SLOT_DETAILS) (i32.const 3)
    (call $str_ptr (local.get $body)) (call $str_len (local.get $body))
    (call $str_ptr (local.get $pairs)) (call $str_len (local.get $pairs))
    (i32.const -1))))
