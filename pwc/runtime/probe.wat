;; probe.wat: how `pwc test --envoy` reads a filter's shared data.  Shared
;; data belongs to a vm_id, so this module, configured with the filter's
;; vm_id on a listener of its own, sees what the filter stored.  A request's
;; `x-pwc-key` header names the key; the answer is 200 with the value as its
;; body, or 404 when the key holds nothing.  (envoy_runner.py; nothing else
;; uses it, and no filter of a user's ever runs beside it.)
(module
  (import "env" "proxy_get_header_map_value" (func $get_header (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_get_shared_data" (func $get_shared (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_send_local_response"
    (func $send_local_response (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 2)
  ;; 0..15: out slots (pointer, length, cas); 64..: the header's name; from 1024: what the host gives
  (data (i32.const 64) "x-pwc-key")
  (global $top (mut i32) (i32.const 1024))

  (func (export "proxy_abi_version_0_2_1"))
  ;; Bump allocation; each request starts over, as every answer is sent before the next comes.
  (func (export "malloc") (param $size i32) (result i32)
    (local $at i32)
    (local.set $at (global.get $top))
    (global.set $top (i32.add (global.get $top) (i32.and (i32.add (local.get $size) (i32.const 7)) (i32.const -8))))
    (if (i32.gt_u (global.get $top) (i32.mul (memory.size) (i32.const 65536)))
      (then (if (i32.lt_s (memory.grow (i32.add (i32.shr_u (local.get $size) (i32.const 16)) (i32.const 1))) (i32.const 0))
              (then (return (i32.const 0))))))  ;; the host then reports the copy failed
    (local.get $at))
  (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_configure") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_context_create") (param i32 i32))

  (func (export "proxy_on_request_headers") (param $ctx i32) (param $headers i32) (param $end i32) (result i32)
    (global.set $top (i32.const 1024))
    (if (call $get_header (i32.const 0) (i32.const 64) (i32.const 9) (i32.const 0) (i32.const 4))
      (then (return (call $answer (i32.const 400) (i32.const 0) (i32.const 0)))))
    (if (call $get_shared (i32.load (i32.const 0)) (i32.load (i32.const 4)) (i32.const 0) (i32.const 4) (i32.const 8))
      (then (return (call $answer (i32.const 404) (i32.const 0) (i32.const 0)))))
    (call $answer (i32.const 200) (i32.load (i32.const 0)) (i32.load (i32.const 4))))

  (func $answer (param $status i32) (param $body i32) (param $size i32) (result i32)
    (drop (call $send_local_response (local.get $status) (i32.const 0) (i32.const 0)
      (local.get $body) (local.get $size) (i32.const 0) (i32.const 0) (i32.const -1)))
    (i32.const 1)))
