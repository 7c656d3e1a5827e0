;; body.wat: the body of the message whose body phase is running.  Envoy
;; keeps the body while the filter pauses each chunk (StopIterationAndBuffer);
;; the phase reads it once, from buffer 0 (request) or 1 (response), and a
;; `set` replaces it whole, content-length following.

;; $body_size: the size of the buffered body the running body phase sees.
(global $body_size (mut i32) (i32.const 0))

;; $body_cached: 1 once $body_text holds the body of the running phase.
(global $body_cached (mut i32) (i32.const 0))

;; $body_text: the body, once read or set in the running phase.
(global $body_text (mut i64) (i64.const 0))

;; $body_begin: a body phase starts, over a buffered body of $size bytes;
;; what an earlier phase (of any stream) read or decoded is no longer valid.
(func $body_begin (param $size i32)
  (global.set $body_size (local.get $size))
  (global.set $body_cached (i32.const 0))
  (global.set $body_text (i64.const 0))
  (global.set $body_json_valid (i32.const 0)))

;; $body_resume: a body phase goes on after a call's answer, over the body
;; buffer $buffer as the host holds it now (whatever other streams' phases
;; left in the globals meanwhile); no body: an empty one.
(func $body_resume (param $buffer i32)
  (call $ret_clear)
  (if (call $proxy_get_buffer_status (local.get $buffer) (global.get $SLOT_RET_LEN) (global.get $SLOT_RET_PTR))
    (then (call $body_begin (i32.const 0)) (return)))
  (call $body_begin (i32.load (global.get $SLOT_RET_LEN))))

;; $buffer_text: the first $size bytes of host buffer $buffer as a string in
;; scratch memory; "" when it is empty or the host has none.
(func $buffer_text (param $buffer i32) (param $size i32) (result i64)
  (if (i32.eqz (local.get $size)) (then (return (i64.const 0))))
  (call $ret_clear)
  (call $ret_string
    (call $proxy_get_buffer_bytes (local.get $buffer) (i32.const 0) (local.get $size)
      (global.get $SLOT_RET_PTR) (global.get $SLOT_RET_LEN))
    (local.get $size)))

;; $body_read: `request.body` / `response.body`: the body of buffer $buffer,
;; fetched from the host once per phase (a later read is free).
(func $body_read (param $buffer i32) (result i64)
  (if (i32.eqz (global.get $body_cached))
    (then
      (global.set $body_text (call $buffer_text (local.get $buffer) (global.get $body_size)))
      (global.set $body_cached (i32.const 1))))
  (global.get $body_text))

;; $body_set: `set request.body = $text` (buffer 0) or `set response.body`
;; (buffer 1): the whole buffered body becomes $text, and a content-length
;; header of the message (map 0 or 2, held by the body phase) says its new
;; size.  A message that ended with its headers has no buffer: the host
;; refuses, and nothing changes (a new content-length without a body would
;; make the receiver wait for bytes that never come).
(func $body_set (param $buffer i32) (param $text i64)
  (local $map i32) (local $name i64)
  (if (call $proxy_set_buffer_bytes (local.get $buffer) (i32.const 0) (global.get $body_size)
        (call $str_ptr (local.get $text)) (call $str_len (local.get $text)))
    (then (return)))
  (global.set $body_size (call $str_len (local.get $text)))
  (global.set $body_text (local.get $text))
  (global.set $body_cached (i32.const 1))
  (local.set $map (i32.shl (local.get $buffer) (i32.const 1)))
  (local.set $name (call $content_length_name))
  (if (call $hdr_has (local.get $map) (local.get $name))
    (then
      (call $hdr_set_raw (local.get $map) (local.get $name)
        (call $i64_to_str (i64.extend_i32_u (global.get $body_size)))))))

;; $content_length_name: "content-length", written into scratch memory.
(func $content_length_name (result i64)
  (local $p i32)
  (local.set $p (call $alloc (i32.const 16)))
  (if (i32.eqz (local.get $p)) (then (return (i64.const 0))))
  (i64.store (local.get $p) (i64.const 0x2d746e65746e6f63))       ;; "content-"
  (i32.store offset=8 (local.get $p) (i32.const 0x676e656c))     ;; "leng"
  (i32.store16 offset=12 (local.get $p) (i32.const 0x6874))      ;; "th"
  (call $str_pack (local.get $p) (i32.const 14)))

;; $body_json_valid: 1 once $body_json_value holds the running phase's body
;; decoded (cleared by $body_begin).
(global $body_json_valid (mut i32) (i32.const 0))

;; $body_json_text: the body text $body_json_value was decoded from.
(global $body_json_text (mut i64) (i64.const 0))

;; $body_json_value: `request.json` / `response.json` of the running phase.
(global $body_json_value (mut i64) (i64.const 0))

;; $body_json: `request.json` / `response.json`: the body of buffer $buffer
;; decoded ($json_decode: null when it is not JSON), once per phase and
;; again after the body changed ($body_set gives it a new text, so the text
;; decoded is the key: a write never leaves a stale value).
;; Errors: those of $body_read (scratch full -> $rt_error = 4).
(func $body_json (param $buffer i32) (result i64)
  (local $text i64)
  (local.set $text (call $body_read (local.get $buffer)))
  (if (i32.or (i32.eqz (global.get $body_json_valid))
              (i64.ne (local.get $text) (global.get $body_json_text)))
    (then
      (global.set $body_json_value (call $json_decode (local.get $text)))
      (global.set $body_json_text (local.get $text))
      (global.set $body_json_valid (i32.const 1))))
  (global.get $body_json_value))
