;; A hand-written proxy-wasm module that exports every callback, for lifecycle,
;; trap, fuel and body tests of the runtime.  Request headers select a behaviour:
;;   x-trap   -> `unreachable` in on_request_headers
;;   x-loop   -> an endless loop (runs out of fuel)
;;   x-pause  -> return Pause and never resume
;;   x-reply  -> local reply 418 "teapot", then Continue
;;   x-work: N (one digit) -> N*1000 loop iterations (for fuel counting)
;; on_request_body logs the body it sees ("body:<bytes>") when its size is not 0.
;; on_response_headers and on_log log the status of reading `:path` from map 0
;; ("path-status:<digit>"); on_log also logs the path itself when readable.
(module
  (import "env" "proxy_log" (func $proxy_log (param i32 i32 i32) (result i32)))
  (import "env" "proxy_get_buffer_bytes" (func $proxy_get_buffer_bytes (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_get_header_map_value" (func $proxy_get_header_map_value (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_send_local_response" (func $proxy_send_local_response (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))

  (memory (export "memory") 2)
  (global $heap (mut i32) (i32.const 65536))

  (data (i32.const 1024) "x-trap")
  (data (i32.const 1040) "x-loop")
  (data (i32.const 1056) "x-pause")
  (data (i32.const 1072) "x-reply")
  (data (i32.const 1088) "teapot")
  (data (i32.const 1104) "x-work")
  (data (i32.const 1120) ":path")
  (data (i32.const 1136) "path-status:?")
  (data (i32.const 1152) "body:")

  (func (export "proxy_abi_version_0_2_1"))
  (func (export "malloc") (param $size i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.and (i32.add (i32.add (global.get $heap) (local.get $size)) (i32.const 7)) (i32.const -8)))
    (local.get $p))

  (func $has (param $key i32) (param $len i32) (result i32)
    (i32.eqz (call $proxy_get_header_map_value (i32.const 0) (local.get $key) (local.get $len) (i32.const 0) (i32.const 4))))

  (func $log_path_status
    (local $status i32)
    (local.set $status (call $proxy_get_header_map_value (i32.const 0) (i32.const 1120) (i32.const 5) (i32.const 0) (i32.const 4)))
    (i32.store8 (i32.const 1148) (i32.add (i32.const 48) (local.get $status)))
    (drop (call $proxy_log (i32.const 2) (i32.const 1136) (i32.const 13)))
    (if (i32.eqz (local.get $status))
      (then (drop (call $proxy_log (i32.const 2) (i32.load (i32.const 0)) (i32.load (i32.const 4)))))))

  (func (export "proxy_on_context_create") (param i32 i32))
  (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_configure") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_tick") (param i32))

  (func $work (export "work") (param $n i32)
    (local $i i32)
    (local.set $i (i32.mul (local.get $n) (i32.const 1000)))
    (block $done (loop $again
      (br_if $done (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br $again))))

  (func $spin (loop $forever (br $forever)))

  (func (export "proxy_on_request_headers") (param $ctx i32) (param $n i32) (param $eos i32) (result i32)
    (if (call $has (i32.const 1024) (i32.const 6)) (then unreachable))
    (if (call $has (i32.const 1040) (i32.const 6)) (then (call $spin)))
    (if (call $has (i32.const 1104) (i32.const 6))
      (then (call $work (i32.sub (i32.load8_u (i32.load (i32.const 0))) (i32.const 48)))))
    (if (call $has (i32.const 1072) (i32.const 7))
      (then (drop (call $proxy_send_local_response (i32.const 418) (i32.const 0) (i32.const 0)
              (i32.const 1088) (i32.const 6) (i32.const 0) (i32.const 0) (i32.const -1)))
            (return (i32.const 0))))
    (if (call $has (i32.const 1056) (i32.const 7)) (then (return (i32.const 1))))
    (i32.const 0))

  (func (export "proxy_on_request_body") (param $ctx i32) (param $size i32) (param $eos i32) (result i32)
    (if (local.get $size)
      (then
        (drop (call $proxy_get_buffer_bytes (i32.const 0) (i32.const 0) (local.get $size) (i32.const 8) (i32.const 12)))
        (memory.copy (i32.const 1157) (i32.load (i32.const 8)) (i32.load (i32.const 12)))
        (drop (call $proxy_log (i32.const 2) (i32.const 1152) (i32.add (i32.const 5) (i32.load (i32.const 12)))))))
    (i32.const 0))
  (func (export "proxy_on_request_trailers") (param i32 i32) (result i32) (i32.const 0))
  (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32)
    (call $log_path_status) (i32.const 0))
  (func (export "proxy_on_response_body") (param i32 i32 i32) (result i32) (i32.const 0))
  (func (export "proxy_on_response_trailers") (param i32 i32) (result i32) (i32.const 0))
  (func (export "proxy_on_http_call_response") (param i32 i32 i32 i32 i32))
  (func (export "proxy_on_log") (param i32) (call $log_path_status))
  (func (export "proxy_on_done") (param i32) (result i32) (i32.const 1))
  (func (export "proxy_on_delete") (param i32))
)
