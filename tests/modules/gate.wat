;; A hand-written proxy-wasm filter (not made by pwc) for the runtime's tests.
;;
;; on request: add `x-filter: gate`; no `authorization` -> 401 with
;;   `www-authenticate: Bearer`; otherwise ask cluster `auth` (GET /check,
;;   the authorization header copied) and pause.
;; on the call's answer: set the effective context to the paused stream
;;   (unless the plugin configuration starts with `n`), then 200 -> copy the
;;   answer's `x-user` into the request, log "allowed <user>", resume;
;;   anything else -> 403 "forbidden".
;; on response: set `x-served-by: wat`.
;; configuration starting with `r` is rejected (on_configure returns 0).
(module
  (import "env" "proxy_log" (func $proxy_log (param i32 i32 i32) (result i32)))
  (import "env" "proxy_get_buffer_bytes" (func $proxy_get_buffer_bytes (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_get_header_map_value" (func $proxy_get_header_map_value (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_add_header_map_value" (func $proxy_add_header_map_value (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_replace_header_map_value" (func $proxy_replace_header_map_value (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_send_local_response" (func $proxy_send_local_response (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_http_call" (func $proxy_http_call (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_continue_stream" (func $proxy_continue_stream (param i32) (result i32)))
  (import "env" "proxy_set_effective_context" (func $proxy_set_effective_context (param i32) (result i32)))

  (memory (export "memory") 2)
  (global $heap (mut i32) (i32.const 65536))
  (global $pending_ctx (mut i32) (i32.const 0))
  (global $no_effective (mut i32) (i32.const 0))

  ;; out slots: 0 = ptr, 4 = len, 8 = call id
  (data (i32.const 1024) "x-filter")
  (data (i32.const 1056) "gate")
  (data (i32.const 1088) "authorization")
  (data (i32.const 1120) "missing credentials")
  (data (i32.const 1184) "auth")
  (data (i32.const 1280) ":status")
  (data (i32.const 1344) "x-user")
  (data (i32.const 1408) "forbidden")
  (data (i32.const 1440) "x-served-by")
  (data (i32.const 1472) "wat")
  ;; pairs: www-authenticate: Bearer (36 bytes)
  (data (i32.const 1504) "\01\00\00\00\10\00\00\00\06\00\00\00www-authenticate\00Bearer\00")
  ;; call headers: :method GET, :path /check, :authority auth, authorization <value at 4187>
  (data (i32.const 4096) "\04\00\00\00\07\00\00\00\03\00\00\00\05\00\00\00\06\00\00\00\0a\00\00\00\04\00\00\00\0d\00\00\00\00\00\00\00:method\00GET\00:path\00/check\00:authority\00auth\00authorization\00")
  (data (i32.const 8192) "allowed ")

  (func (export "proxy_abi_version_0_2_1"))

  (func (export "malloc") (param $size i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.and (i32.add (i32.add (global.get $heap) (local.get $size)) (i32.const 7)) (i32.const -8)))
    (if (i32.gt_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536)))
      (then (drop (memory.grow (i32.const 1)))))
    (local.get $p))

  (func (export "proxy_on_configure") (param $root i32) (param $size i32) (result i32)
    (local $first i32)
    (if (i32.eqz (local.get $size)) (then (return (i32.const 1))))
    (drop (call $proxy_get_buffer_bytes (i32.const 7) (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 4)))
    (local.set $first (i32.load8_u (i32.load (i32.const 0))))
    (if (i32.eq (local.get $first) (i32.const 114)) (then (return (i32.const 0))))      ;; 'r'
    (if (i32.eq (local.get $first) (i32.const 110)) (then (global.set $no_effective (i32.const 1)))) ;; 'n'
    (i32.const 1))

  ;; the value of header `key` in `map` into slots 0/4; returns the status
  (func $get (param $map i32) (param $key i32) (param $len i32) (result i32)
    (call $proxy_get_header_map_value (local.get $map) (local.get $key) (local.get $len) (i32.const 0) (i32.const 4)))

  (func $forbid
    (drop (call $proxy_send_local_response (i32.const 403) (i32.const 0) (i32.const 0)
      (i32.const 1408) (i32.const 9) (i32.const 0) (i32.const 0) (i32.const -1))))

  (func (export "proxy_on_request_headers") (param $ctx i32) (param $n i32) (param $eos i32) (result i32)
    (local $vlen i32)
    (drop (call $proxy_add_header_map_value (i32.const 0) (i32.const 1024) (i32.const 8) (i32.const 1056) (i32.const 4)))
    (if (call $get (i32.const 0) (i32.const 1088) (i32.const 13))
      (then
        (drop (call $proxy_send_local_response (i32.const 401) (i32.const 0) (i32.const 0)
          (i32.const 1120) (i32.const 19) (i32.const 1504) (i32.const 36) (i32.const -1)))
        (return (i32.const 0))))
    (local.set $vlen (i32.load (i32.const 4)))
    (i32.store (i32.const 4128) (local.get $vlen))
    (memory.copy (i32.const 4187) (i32.load (i32.const 0)) (local.get $vlen))
    (i32.store8 (i32.add (i32.const 4187) (local.get $vlen)) (i32.const 0))
    (if (call $proxy_http_call (i32.const 1184) (i32.const 4)
          (i32.const 4096) (i32.add (i32.const 92) (local.get $vlen))
          (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 500) (i32.const 8))
      (then (call $forbid) (return (i32.const 0))))
    (global.set $pending_ctx (local.get $ctx))
    (i32.const 1))

  (func (export "proxy_on_http_call_response") (param $root i32) (param $id i32) (param $nh i32) (param $body i32) (param $nt i32)
    (local $ulen i32)
    (if (i32.eqz (global.get $no_effective))
      (then (drop (call $proxy_set_effective_context (global.get $pending_ctx)))))
    (drop (call $get (i32.const 6) (i32.const 1280) (i32.const 7)))
    (if (i32.eqz (i32.and (i32.eq (i32.load (i32.const 4)) (i32.const 3))
                  (i32.and (i32.eq (i32.load8_u (i32.load (i32.const 0))) (i32.const 50))
                    (i32.eq (i32.load16_u (i32.add (i32.load (i32.const 0)) (i32.const 1))) (i32.const 12336)))))
      (then (call $forbid) (return)))
    (if (i32.eqz (call $get (i32.const 6) (i32.const 1344) (i32.const 6)))
      (then
        (local.set $ulen (i32.load (i32.const 4)))
        (drop (call $proxy_replace_header_map_value (i32.const 0) (i32.const 1344) (i32.const 6)
          (i32.load (i32.const 0)) (local.get $ulen)))
        (memory.copy (i32.const 8200) (i32.load (i32.const 0)) (local.get $ulen))
        (drop (call $proxy_log (i32.const 2) (i32.const 8192) (i32.add (i32.const 8) (local.get $ulen))))))
    (drop (call $proxy_continue_stream (i32.const 0))))

  (func (export "proxy_on_response_headers") (param $ctx i32) (param $n i32) (param $eos i32) (result i32)
    (drop (call $proxy_replace_header_map_value (i32.const 2) (i32.const 1440) (i32.const 11) (i32.const 1472) (i32.const 3)))
    (i32.const 0))

  (func (export "proxy_on_done") (param $ctx i32) (result i32) (i32.const 1))
)
