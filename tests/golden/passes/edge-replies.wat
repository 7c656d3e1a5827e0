;; generated
  (func $pwc_request (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $t0 i32)
    (local $t1 i32)
    (local $t2 i32)
    (local $t3 i32)
    (local $t4 i32)
    (block $fail (result i32)
      ;; edge-replies.pwf:10: if request.method == "TRACE" {
      i32.const 0
      i64.const 4398046511111  ;; b':method'
      call $hdr_get_first
      i64.const 4428111282181  ;; b'TRACE'
      call $str_eq
      local.set $t0
      (br_if $fail (i32.const 10) (global.get $rt_error))
      drop
      local.get $t0
      (if
        (then
          ;; edge-replies.pwf:11: respond 405 "method not allowed\n" headers {"allow": "GET, P
          (call $metric_increment (global.get $pwc_metric_0))
          i64.const 405
          i32.wrap_i64
          i64.const 4449586118675  ;; b'method not allowed\n'
          i32.const 1072
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; edge-replies.pwf:13: if request.url_path == "/healthz" {
      i32.const 0
      i64.const 4707284156421  ;; b':path'
      call $hdr_get_first
      call $url_path_of
      i64.const 4728758992904  ;; b'/healthz'
      call $str_eq
      local.set $t1
      (br_if $fail (i32.const 13) (global.get $rt_error))
      drop
      local.get $t1
      (if
        (then
          ;; edge-replies.pwf:14: respond 200 "ok\n" headers {"content-type": "text/plain", "c
          (call $metric_increment (global.get $pwc_metric_1))
          i64.const 200
          i32.wrap_i64
          i64.const 4763118731267  ;; b'ok\n'
          i32.const 1160
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; edge-replies.pwf:16: if request.url_path.startsWith("/internal/") && !("x-interna
      i32.const 0
      i64.const 4707284156421  ;; b':path'
      call $hdr_get_first
      call $url_path_of
      i64.const 5153960755210  ;; b'/internal/'
      call $str_starts_with
      (if (result i32)
        (then
          i32.const 0
          i64.const 5196910428176  ;; b'x-internal-token'
          call $hdr_has
          i32.eqz
        )
        (else
          i32.const 0
        )
      )
      local.set $t2
      (br_if $fail (i32.const 16) (global.get $rt_error))
      drop
      local.get $t2
      (if
        (then
          ;; edge-replies.pwf:17: respond 403 "{\"error\":\"internal\"}" headers {"content-typ
          (call $metric_increment (global.get $pwc_metric_2))
          i64.const 403
          i32.wrap_i64
          i64.const 5265629904916  ;; b'{"error":"internal"}'
          i32.const 1264
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; edge-replies.pwf:19: if request.url_path.matches("\\.(php|asp)$") {
      i32.const 0
      i64.const 4707284156421  ;; b':path'
      call $hdr_get_first
      call $url_path_of
      call $re0_match
      local.set $t3
      (br_if $fail (i32.const 19) (global.get $rt_error))
      drop
      local.get $t3
      (if
        (then
          ;; edge-replies.pwf:20: respond 404 ""
          (call $metric_increment (global.get $pwc_metric_3))
          i64.const 404
          i32.wrap_i64
          i64.const 0
          i32.const 0
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; edge-replies.pwf:22: if request.method != "GET" && request.url_path.startsWith("/
      i32.const 0
      i64.const 4398046511111  ;; b':method'
      call $hdr_get_first
      i64.const 5531917877251  ;; b'GET'
      call $str_eq
      i32.eqz
      (if (result i32)
        (then
          i32.const 0
          i64.const 4707284156421  ;; b':path'
          call $hdr_get_first
          call $url_path_of
          i64.const 5544802779144  ;; b'/static/'
          call $str_starts_with
        )
        (else
          i32.const 0
        )
      )
      local.set $t4
      (br_if $fail (i32.const 22) (global.get $rt_error))
      drop
      local.get $t4
      (if
        (then
          ;; edge-replies.pwf:23: respond 405 "static files are read-only\n"
          (call $metric_increment (global.get $pwc_metric_4))
          i64.const 405
          i32.wrap_i64
          i64.const 5579162517531  ;; b'static files are read-only\n'
          i32.const 0
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; edge-replies.pwf:25: set request.headers["x-edge"] = "passed"
      i32.const 0
      i64.const 5695126634502  ;; b'x-edge'
      i64.const 5720896438278  ;; b'passed'
      call $hdr_set_raw
      (br_if $fail (i32.const 25) (global.get $rt_error))
      drop
      ;; edge-replies.pwf:26: remove request.headers["x-debug"]
      i32.const 0
      i64.const 5746666242055  ;; b'x-debug'
      call $hdr_remove_raw
      (br_if $fail (i32.const 26) (global.get $rt_error))
      drop
      (return (i32.const 0))
    )
    ;; a run-time error: the line number is on the stack
    local.set $line
    (call $pwc_fail (local.get $line))
    (i32.const 1)
  )
  (func $pwc_response (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $t0 i32)
    (block $fail (result i32)
      ;; edge-replies.pwf:30: set response.headers["x-served-by"] = "edge"
      i32.const 2
      i64.const 5776731013131  ;; b'x-served-by'
      i64.const 5823975653380  ;; b'edge'
      call $hdr_set_raw
      (br_if $fail (i32.const 30) (global.get $rt_error))
      drop
      ;; edge-replies.pwf:31: if response.code >= 400 {
      i32.const 2
      i64.const 5841155522567  ;; b':status'
      call $hdr_get_first
      call $str_to_i64
      i64.const 400
      i64.ge_s
      local.set $t0
      (br_if $fail (i32.const 31) (global.get $rt_error))
      drop
      local.get $t0
      (if
        (then
          ;; edge-replies.pwf:32: set response.headers["cache-control"] = "no-store"
          i32.const 2
          i64.const 4870492913677  ;; b'cache-control'
          i64.const 4926327488520  ;; b'no-store'
          call $hdr_set_raw
          (br_if $fail (i32.const 32) (global.get $rt_error))
          drop
        )
      )
      (return (i32.const 0))
    )
    ;; a run-time error: the line number is on the stack
    local.set $line
    (call $pwc_fail (local.get $line))
    (i32.const 1)
  )
  (func (export "proxy_abi_version_0_2_1"))
  (func (export "malloc") (param $size i32) (result i32) (call $alloc (local.get $size)))
  (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_configure") (param $root i32) (param $size i32) (result i32)
    (local $mark i32) (local $result i32)
    (local.set $mark (global.get $scratch_top))
    (global.set $rt_error (i32.const 0))
    (call $hdr_invalidate_all)
    (local.set $result (call $pwc_configure (local.get $root) (local.get $size)))
    ;; scratch is released; the header caches pointing into it are dropped at the next entry
    (global.set $scratch_top (local.get $mark))
    (local.get $result)
  )
  (func $pwc_configure (param $root i32) (param $size i32) (result i32)
    (local $text i64) (local $config i32)
    (call $pwc_define_metrics)
    (local.set $text (call $plugin_config_text (local.get $size)))
    (if (i32.eqz (call $config_is_empty (local.get $text)))
      (then
        (call $log (i32.const 4) (i64.const 5871220293699))
        (return (i32.const 0))
      )
    )
    (i32.const 1)
  )
  (func (export "proxy_on_request_headers") (param $ctx i32) (param $headers i32) (param $end_of_stream i32) (result i32)
    (local $mark i32) (local $result i32)
    (local.set $mark (global.get $scratch_top))
    (global.set $rt_error (i32.const 0))
    (call $hdr_invalidate_all)
    (local.set $result (call $pwc_request (local.get $ctx)))
    ;; scratch is released; the header caches pointing into it are dropped at the next entry
    (global.set $scratch_top (local.get $mark))
    (local.get $result)
  )
  (func (export "proxy_on_response_headers") (param $ctx i32) (param $headers i32) (param $end_of_stream i32) (result i32)
    (local $mark i32) (local $result i32)
    (local.set $mark (global.get $scratch_top))
    (global.set $rt_error (i32.const 0))
    (call $hdr_invalidate_all)
    (local.set $result (call $pwc_response (local.get $ctx)))
    ;; scratch is released; the header caches pointing into it are dropped at the next entry
    (global.set $scratch_top (local.get $mark))
    (local.get $result)
  )
  (global $pwc_metric_0 (mut i32) (i32.const -1))  ;; pwc.edge-replies.responded.line_11
  (global $pwc_metric_1 (mut i32) (i32.const -1))  ;; pwc.edge-replies.responded.line_14
  (global $pwc_metric_2 (mut i32) (i32.const -1))  ;; pwc.edge-replies.responded.line_17
  (global $pwc_metric_3 (mut i32) (i32.const -1))  ;; pwc.edge-replies.responded.line_20
  (global $pwc_metric_4 (mut i32) (i32.const -1))  ;; pwc.edge-replies.responded.line_23
  (global $pwc_metric_5 (mut i32) (i32.const -1))  ;; pwc.edge-replies.errors.line_10
  (global $pwc_metric_6 (mut i32) (i32.const -1))  ;; pwc.edge-replies.errors.line_13
  (global $pwc_metric_7 (mut i32) (i32.const -1))  ;; pwc.edge-replies.errors.line_16
  (global $pwc_metric_8 (mut i32) (i32.const -1))  ;; pwc.edge-replies.errors.line_19
  (global $pwc_metric_9 (mut i32) (i32.const -1))  ;; pwc.edge-replies.errors.line_22
  (global $pwc_metric_10 (mut i32) (i32.const -1))  ;; pwc.edge-replies.errors.line_25
  (global $pwc_metric_11 (mut i32) (i32.const -1))  ;; pwc.edge-replies.errors.line_26
  (global $pwc_metric_12 (mut i32) (i32.const -1))  ;; pwc.edge-replies.errors.line_30
  (global $pwc_metric_13 (mut i32) (i32.const -1))  ;; pwc.edge-replies.errors.line_31
  (global $pwc_metric_14 (mut i32) (i32.const -1))  ;; pwc.edge-replies.errors.line_32
  (func $pwc_define_metric (param $kind i32) (param $name i64) (result i32)
    (local $id i32)
    (local.set $id (call $metric_define (local.get $kind) (local.get $name)))
    ;; a metric Envoy refuses is not counted; the filter works on without it
    (if (i32.eq (local.get $id) (i32.const -1)) (then
      (memory.copy (i32.const 1472) (call $str_ptr (local.get $name)) (call $str_len (local.get $name)))
      (call $log (i32.const 3) (call $str_pack (i32.const 1434) (i32.add (i32.const 38) (call $str_len (local.get $name)))))
    ))
    (local.get $id)
  )
  (func $pwc_define_metrics
    (global.set $pwc_metric_0 (call $pwc_define_metric (i32.const 0) (i64.const 6468220747810)))
    (global.set $pwc_metric_1 (call $pwc_define_metric (i32.const 0) (i64.const 6614249635874)))
    (global.set $pwc_metric_2 (call $pwc_define_metric (i32.const 0) (i64.const 6760278523938)))
    (global.set $pwc_metric_3 (call $pwc_define_metric (i32.const 0) (i64.const 6906307412002)))
    (global.set $pwc_metric_4 (call $pwc_define_metric (i32.const 0) (i64.const 7052336300066)))
    (global.set $pwc_metric_5 (call $pwc_define_metric (i32.const 0) (i64.const 7198365188127)))
    (global.set $pwc_metric_6 (call $pwc_define_metric (i32.const 0) (i64.const 7331509174303)))
    (global.set $pwc_metric_7 (call $pwc_define_metric (i32.const 0) (i64.const 7464653160479)))
    (global.set $pwc_metric_8 (call $pwc_define_metric (i32.const 0) (i64.const 7597797146655)))
    (global.set $pwc_metric_9 (call $pwc_define_metric (i32.const 0) (i64.const 7730941132831)))
    (global.set $pwc_metric_10 (call $pwc_define_metric (i32.const 0) (i64.const 7864085119007)))
    (global.set $pwc_metric_11 (call $pwc_define_metric (i32.const 0) (i64.const 7997229105183)))
    (global.set $pwc_metric_12 (call $pwc_define_metric (i32.const 0) (i64.const 8130373091359)))
    (global.set $pwc_metric_13 (call $pwc_define_metric (i32.const 0) (i64.const 8263517077535)))
    (global.set $pwc_metric_14 (call $pwc_define_metric (i32.const 0) (i64.const 8396661063711)))
  )
  (func $pwc_count_error (param $line i32)
    (if (i32.eq (local.get $line) (i32.const 10)) (then (call $metric_increment (global.get $pwc_metric_5))))
    (if (i32.eq (local.get $line) (i32.const 13)) (then (call $metric_increment (global.get $pwc_metric_6))))
    (if (i32.eq (local.get $line) (i32.const 16)) (then (call $metric_increment (global.get $pwc_metric_7))))
    (if (i32.eq (local.get $line) (i32.const 19)) (then (call $metric_increment (global.get $pwc_metric_8))))
    (if (i32.eq (local.get $line) (i32.const 22)) (then (call $metric_increment (global.get $pwc_metric_9))))
    (if (i32.eq (local.get $line) (i32.const 25)) (then (call $metric_increment (global.get $pwc_metric_10))))
    (if (i32.eq (local.get $line) (i32.const 26)) (then (call $metric_increment (global.get $pwc_metric_11))))
    (if (i32.eq (local.get $line) (i32.const 30)) (then (call $metric_increment (global.get $pwc_metric_12))))
    (if (i32.eq (local.get $line) (i32.const 31)) (then (call $metric_increment (global.get $pwc_metric_13))))
    (if (i32.eq (local.get $line) (i32.const 32)) (then (call $metric_increment (global.get $pwc_metric_14))))
  )
  (func $re0_match (param $s i64) (result i32) (local $p i32) (local $len i32) (local $pos i32) (local $c i32) (local $state i32) (local $w i64)
    (local.set $p (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 32))))
    (local.set $len (i32.wrap_i64 (local.get $s)))
    (loop $run
    (block $s7
    (block $s6
    (block $s5
    (block $s4
    (block $s3
    (block $s2
    (block $s1
    (block $s0
      (br_table $s0 $s1 $s2 $s3 $s4 $s5 $s6 $s7 (local.get $state)))
      ;; state 0
      (if (i32.ge_u (local.get $pos) (local.get $len)) (then (return (i32.const 0))))
      (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $pos))))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
      (if (i32.eq (local.get $c) (i32.const 46)) (then (local.set $state (i32.const 2)) (br $run)))
      (local.set $state (i32.const 1)) (br $run)
    )
      ;; state 1
      (block $found
        (loop $skip
          (if (i32.ge_u (i32.sub (local.get $len) (local.get $pos)) (i32.const 8)) (then
            (local.set $w (i64.load (i32.add (local.get $p) (local.get $pos))))
            (local.set $w (i64.and (i64.and (i64.sub (i64.xor (local.get $w) (i64.const 3327647950551526958)) (i64.const 72340172838076673)) (i64.xor (i64.xor (local.get $w) (i64.const 3327647950551526958)) (i64.const -1))) (i64.const -9187201950435737472)))
            (if (i64.eqz (local.get $w)) (then (local.set $pos (i32.add (local.get $pos) (i32.const 8))) (br $skip)))
            (local.set $pos (i32.add (local.get $pos) (i32.wrap_i64 (i64.shr_u (i64.ctz (local.get $w)) (i64.const 3)))))
            (br $found)))
          (br_if $found (i32.ge_u (local.get $pos) (local.get $len)))
          (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $pos))))
          (br_if $found (i32.eq (local.get $c) (i32.const 46)))
          (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
          (br $skip)))
      (if (i32.ge_u (local.get $pos) (local.get $len)) (then (return (i32.const 0))))
      (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $pos))))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
      (if (i32.eq (local.get $c) (i32.const 46)) (then (local.set $state (i32.const 2)) (br $run)))
      (local.set $state (i32.const 1)) (br $run)
    )
      ;; state 2
      (if (i32.ge_u (local.get $pos) (local.get $len)) (then (return (i32.const 0))))
      (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $pos))))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
      (if (i32.eq (local.get $c) (i32.const 46)) (then (local.set $state (i32.const 2)) (br $run)))
      (if (i32.eq (local.get $c) (i32.const 97)) (then (local.set $state (i32.const 3)) (br $run)))
      (if (i32.eq (local.get $c) (i32.const 112)) (then (local.set $state (i32.const 4)) (br $run)))
      (local.set $state (i32.const 1)) (br $run)
    )
      ;; state 3
      (if (i32.ge_u (local.get $pos) (local.get $len)) (then (return (i32.const 0))))
      (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $pos))))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
      (if (i32.eq (local.get $c) (i32.const 46)) (then (local.set $state (i32.const 2)) (br $run)))
      (if (i32.eq (local.get $c) (i32.const 115)) (then (local.set $state (i32.const 5)) (br $run)))
      (local.set $state (i32.const 1)) (br $run)
    )
      ;; state 4
      (if (i32.ge_u (local.get $pos) (local.get $len)) (then (return (i32.const 0))))
      (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $pos))))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
      (if (i32.eq (local.get $c) (i32.const 46)) (then (local.set $state (i32.const 2)) (br $run)))
      (if (i32.eq (local.get $c) (i32.const 104)) (then (local.set $state (i32.const 6)) (br $run)))
      (local.set $state (i32.const 1)) (br $run)
    )
      ;; state 5
      (if (i32.ge_u (local.get $pos) (local.get $len)) (then (return (i32.const 0))))
      (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $pos))))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
      (if (i32.eq (local.get $c) (i32.const 46)) (then (local.set $state (i32.const 2)) (br $run)))
      (if (i32.eq (local.get $c) (i32.const 112)) (then (local.set $state (i32.const 7)) (br $run)))
      (local.set $state (i32.const 1)) (br $run)
    )
      ;; state 6
      (if (i32.ge_u (local.get $pos) (local.get $len)) (then (return (i32.const 0))))
      (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $pos))))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
      (if (i32.eq (local.get $c) (i32.const 46)) (then (local.set $state (i32.const 2)) (br $run)))
      (if (i32.eq (local.get $c) (i32.const 112)) (then (local.set $state (i32.const 7)) (br $run)))
      (local.set $state (i32.const 1)) (br $run)
    )
      ;; state 7
      (if (i32.ge_u (local.get $pos) (local.get $len)) (then (return (i32.const 1))))
      (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $pos))))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
      (if (i32.eq (local.get $c) (i32.const 46)) (then (local.set $state (i32.const 2)) (br $run)))
      (local.set $state (i32.const 1)) (br $run)
    )
    (i32.const 0))

  (func $pwc_fail (param $line i32)
    (local $end i32) (local $message i64)
    (call $pwc_count_error (local.get $line))  ;; pwc.FILTER.errors.line_N
    (local.set $end (i32.add (i32.const 2034) (call $write_decimal (i32.const 2034) (local.get $line))))
    (i32.store16 (local.get $end) (i32.const 0x203a))  ;; ": "
    (if (i32.eq (global.get $rt_error) (i32.const 1)) (then (local.set $message (i64.const 8937826943011))))
    (if (i32.eq (global.get $rt_error) (i32.const 2)) (then (local.set $message (i64.const 9088150798352))))
    (if (i32.eq (global.get $rt_error) (i32.const 4)) (then (local.set $message (i64.const 9156870275085))))
    (memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message)) (call $str_len (local.get $message)))
    (call $log (i32.const 4) (call $str_pack (i32.const 1986) (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message))) (i32.const 1986))))
    (call $send_error_reply (i32.const 500) (i64.const 9212704849945))
    (global.set $rt_error (i32.const 0))
  )

  (data (i32.const 1024) ":methodTRACEmethod not allowed\0aallowGET, POST\00\00\00\01\00\00\00\00\00\00\00\05\00\00\00\1f\04\00\00\09\00\00\00$\04\00\00:path/healthzok\0acontent-typetext/plaincache-controlno-store\00\00\00\00\00\02\00\00\00\00\00\00\00\0c\00\00\00X\04\00\00\0a\00\00\00d\04\00\00\0d\00\00\00n\04\00\00\08\00\00\00{\04\00\00/internal/x-internal-token{\22error\22:\22internal\22}application/json\00\00\01\00\00\00\00\00\00\00\0c\00\00\00X\04\00\00\10\00\00\00\de\04\00\00GET/static/static files are read-only\0ax-edgepassedx-debugx-served-byedge:statusedge-replies: bad configuration: this filter takes no configurationedge-replies: could not define metric ")
  (data (i32.const 1506) "pwc.edge-replies.responded.line_11pwc.edge-replies.responded.line_14pwc.edge-replies.responded.line_17pwc.edge-replies.responded.line_20pwc.edge-replies.responded.line_23pwc.edge-replies.errors.line_10pwc.edge-replies.errors.line_13pwc.edge-replies.errors.line_16pwc.edge-replies.errors.line_19pwc.edge-replies.errors.line_22pwc.edge-replies.errors.line_25pwc.edge-replies.errors.line_26pwc.edge-replies.errors.line_30pwc.edge-replies.errors.line_31pwc.edge-replies.errors.line_32edge-replies: runtime error at edge-replies.pwf:")
  (data (i32.const 2081) "int(): the string is not an integerinteger overflowout of memoryinternal error in filter\0a")
)
