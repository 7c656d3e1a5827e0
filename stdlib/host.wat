;; host.wat — logging and local replies.

;; $log: write $msg to the proxy's log at level $level (abi.LogLevel:
;; 0 trace .. 5 critical) via proxy_log; the host status is ignored.
(func $log (param $level i32) (param $msg i64)
  (drop (call $proxy_log (local.get $level)
    (call $str_ptr (local.get $msg)) (call $str_len (local.get $msg)))))

;; $send_local_reply: answer the stream with HTTP $status, body $body and
;; the headers of map $headers (0 = none), via proxy_send_local_response
;; with details "pwc" (kept in $SLOT_DETAILS) and no gRPC status (-1).
;; Header names and values are stripped of control bytes ($map_to_pairs).
;; The host status is ignored; the caller still ends the phase.
(func $send_local_reply (param $status i32) (param $body i64) (param $headers i32)
  (local $pairs i64)
  (local.set $pairs (call $map_to_pairs (local.get $headers)))
  (i32.store (global.get $SLOT_DETAILS) (i32.const 0x00637770))   ;; "pwc"
  (drop (call $proxy_send_local_response (local.get $status)
    (global.get $SLOT_DETAILS) (i32.const 3)
    (call $str_ptr (local.get $body)) (call $str_len (local.get $body))
    (call $str_ptr (local.get $pairs)) (call $str_len (local.get $pairs))
    (i32.const -1))))
