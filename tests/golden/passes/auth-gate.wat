;; generated
  (func $pwc_request (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $t0 i32)
    (local $t1 i32)
    (local $table2 i32)
    (local $t3 i32)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (call $pwc_open_record (local.get $ctx) (i32.const 0)))))
    (if (i32.eqz (local.get $rec)) (then (call $pwc_fail (i32.const 0)) (return (i32.const 1))))
    (block $fail (result i32)
      ;; auth-gate.pwf:8: remove request.headers["x-user"]
      i32.const 0
      i64.const 4604204941318  ;; b'x-user'
      call $hdr_remove_raw
      (br_if $fail (i32.const 8) (global.get $rt_error))
      drop
      ;; auth-gate.pwf:9: if request.url_path.startsWith("/public/") {
      i32.const 0
      i64.const 4629974745093  ;; b':path'
      call $hdr_get_first
      call $url_path_of
      i64.const 4651449581576  ;; b'/public/'
      call $str_starts_with
      local.set $t0
      (br_if $fail (i32.const 9) (global.get $rt_error))
      drop
      local.get $t0
      (if
        (then
          ;; auth-gate.pwf:10: continue
          (call $pwc_snapshot (local.get $ctx))
          (return (i32.const 0))
        )
      )
      ;; auth-gate.pwf:12: if !("authorization" in request.headers) {
      i32.const 0
      i64.const 4685809319949  ;; b'authorization'
      call $hdr_has
      i32.eqz
      local.set $t1
      (br_if $fail (i32.const 12) (global.get $rt_error))
      drop
      local.get $t1
      (if
        (then
          ;; auth-gate.pwf:13: respond 401 "missing credentials" headers {"www-authenticate
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_0))
          i64.const 401
          i32.wrap_i64
          i64.const 4741643894803  ;; b'missing credentials'
          i32.const 1152
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; auth-gate.pwf:16: let auth = call "auth" {
      (local.set $table2 (call $alloc (i32.const 40)))
      (if (local.get $table2)
        (then
          (i32.store (local.get $table2) (i32.const 2))
          local.get $table2
          i64.const 4685809319949  ;; b'authorization'
          i64.store offset=8
          local.get $table2
          i32.const 0
          i64.const 4685809319949  ;; b'authorization'
          call $hdr_get
          i64.store offset=16
          local.get $table2
          i64.const 5050881540111  ;; b'x-original-path'
          i64.store offset=24
          local.get $table2
          i32.const 0
          i64.const 4629974745093  ;; b':path'
          call $hdr_get_first
          i64.store offset=32
        )
      )
      local.get $table2
      local.set $t3
      (br_if $fail (i32.const 16) (global.get $rt_error))
      drop
      i64.const 5115306049540  ;; b'auth'
      i64.const 5132485918724  ;; b'POST'
      i64.const 5149665787910  ;; b'/check'
      i64.const 5115306049540  ;; b'auth'
      local.get $t3
      i64.const 0
      i64.const 300
      (local.get $ctx)
      call $http_call_start
      (local.set $call)
      (i64.store offset=8 (local.get $rec) (i64.extend_i32_u (local.get $call)))
      (br_if $fail (i32.const 16) (global.get $rt_error))
      drop
      (if (local.get $call)
        (then
          (i64.store offset=0 (local.get $rec) (i64.const 1))
          (return (i32.const 1))
        )
      )
      ;; refused by Envoy (unknown cluster, bad arguments): the call failed
      (i32.store offset=24 (local.get $rec) (i32.const 1))
      (return (call $pwc_request_1 (local.get $ctx)))
      (call $pwc_snapshot (local.get $ctx))
      (return (i32.const 0))
    )
    ;; a run-time error: the line number is on the stack
    local.set $line
    (call $pwc_snapshot (local.get $ctx))
    (call $pwc_fail (local.get $line))
    (i32.const 1)
  )
  (func $pwc_response (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $t0 i32)
    (local $t1 i64)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    ;; zeros when the request phase never ran
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (i32.const 1024))))
    (block $fail (result i32)
      ;; auth-gate.pwf:34: if size(auth.headers["x-user"]) > 0 {
      (local.get $rec) (i64.load offset=32)
      call $str_ptr
      i64.const 4604204941318  ;; b'x-user'
      call $pairs_get
      call $str_size
      i64.const 0
      i64.gt_s
      local.set $t0
      (br_if $fail (i32.const 34) (global.get $rt_error))
      drop
      local.get $t0
      (if
        (then
          ;; auth-gate.pwf:35: set response.headers["x-authenticated-user"] = auth.headers[
          (local.get $rec) (i64.load offset=32)
          call $str_ptr
          i64.const 4604204941318  ;; b'x-user'
          call $pairs_get
          call $str_strip_ctl
          local.set $t1
          (br_if $fail (i32.const 35) (global.get $rt_error))
          drop
          i32.const 2
          i64.const 5175435591700  ;; b'x-authenticated-user'
          local.get $t1
          call $hdr_set_raw
          (br_if $fail (i32.const 35) (global.get $rt_error))
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
  (func $pwc_request_1 (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $t0 i64)
    (local $table1 i32)
    (local $t2 i32)
    (local $t3 i64)
    (local $t4 i64)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    ;; zeros when the request phase never ran
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (i32.const 1024))))
    (block $fail (result i32)
      ;; auth-gate.pwf:22: if auth.failed {
      (local.get $rec) (i32.load offset=24)
      (if
        (then
          ;; auth-gate.pwf:23: log warn "auth service unavailable for " + request.url_path
          i64.const 5261334937629  ;; b'auth service unavailable for '
          i32.const 0
          i64.const 4629974745093  ;; b':path'
          call $hdr_get_first
          call $url_path_of
          call $str_concat
          local.set $t0
          (br_if $fail (i32.const 23) (global.get $rt_error))
          drop
          i32.const 3
          local.get $t0
          call $log
          ;; auth-gate.pwf:24: respond 503 "authorization service unavailable"
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_1))
          i64.const 503
          i32.wrap_i64
          i64.const 5385888989217  ;; b'authorization service unavailable'
          i32.const 0
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; auth-gate.pwf:26: if auth.status != 200 {
      (local.get $rec) (i64.load offset=16)
      i64.const 200
      i64.ne
      (if
        (then
          ;; auth-gate.pwf:27: respond 403 "forbidden" headers {"x-auth-status": string(aut
          (local.set $table1 (call $alloc (i32.const 24)))
          (if (local.get $table1)
            (then
              (i32.store (local.get $table1) (i32.const 1))
              local.get $table1
              i64.const 5527622909965  ;; b'x-auth-status'
              i64.store offset=8
              local.get $table1
              (local.get $rec) (i64.load offset=16)
              call $i64_to_str
              i64.store offset=16
            )
          )
          local.get $table1
          local.set $t2
          (br_if $fail (i32.const 27) (global.get $rt_error))
          drop
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_2))
          i64.const 403
          i32.wrap_i64
          i64.const 5583457484809  ;; b'forbidden'
          local.get $t2
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; auth-gate.pwf:29: set request.headers["x-user"] = auth.headers["x-user"]
      (local.get $rec) (i64.load offset=32)
      call $str_ptr
      i64.const 4604204941318  ;; b'x-user'
      call $pairs_get
      call $str_strip_ctl
      local.set $t3
      (br_if $fail (i32.const 29) (global.get $rt_error))
      drop
      i32.const 0
      i64.const 4604204941318  ;; b'x-user'
      local.get $t3
      call $hdr_set_raw
      (br_if $fail (i32.const 29) (global.get $rt_error))
      drop
      ;; auth-gate.pwf:30: log info "allowed " + auth.headers["x-user"] + " to " + requ
      i64.const 5622112190472  ;; b'allowed '
      (local.get $rec) (i64.load offset=32)
      call $str_ptr
      i64.const 4604204941318  ;; b'x-user'
      call $pairs_get
      call $str_concat
      i64.const 5656471928836  ;; b' to '
      call $str_concat
      i32.const 0
      i64.const 4629974745093  ;; b':path'
      call $hdr_get_first
      call $url_path_of
      call $str_concat
      local.set $t4
      (br_if $fail (i32.const 30) (global.get $rt_error))
      drop
      i32.const 2
      local.get $t4
      call $log
      (call $pwc_snapshot (local.get $ctx))
      (return (i32.const 0))
    )
    ;; a run-time error: the line number is on the stack
    local.set $line
    (call $pwc_snapshot (local.get $ctx))
    (call $pwc_fail (local.get $line))
    (i32.const 1)
  )
  (func $pwc_snapshot (param $ctx i32)
    (local $rec i32)
    (local.set $rec (call $stream_get (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (return)))
  )
  (func $pwc_release (param $ctx i32)
    (local $rec i32)
    (local.set $rec (call $stream_take (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (return)))
    ;; a call still in flight: its answer will find no stream
    (call $http_call_forget (i32.wrap_i64 (i64.load offset=8 (local.get $rec))))
    (call $str_pfree (i64.load offset=32 (local.get $rec)))
    (call $str_pfree (i64.load offset=40 (local.get $rec)))
    (call $pfree (local.get $rec))
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
        (call $log (i32.const 4) (i64.const 5673651798080))
        (return (i32.const 0))
      )
    )
    (i32.const 1)
  )
  (func (export "proxy_on_context_create") (param $ctx i32) (param $parent i32)
    (if (local.get $parent) (then (drop (call $pwc_open_record (local.get $ctx) (local.get $parent)))))
  )
  (func $pwc_open_record (param $ctx i32) (param $parent i32) (result i32)
    (local $rec i32)
    (local.set $rec (call $record_open (local.get $ctx) (i32.const 48)))
    (local.get $rec)
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
  (func (export "proxy_on_http_call_response") (param $root i32) (param $token i32) (param $headers i32) (param $body_size i32) (param $trailers i32)
    (local $mark i32)
    (local.set $mark (global.get $scratch_top))
    (global.set $rt_error (i32.const 0))
    (call $hdr_invalidate_all)
    (call $pwc_call_answer (local.get $token) (local.get $body_size))
    ;; scratch is released; the header caches pointing into it are dropped at the next entry
    (global.set $scratch_top (local.get $mark))
  )
  (func $pwc_call_answer (param $token i32) (param $body_size i32)
    (local $ctx i32) (local $rec i32) (local $resume i64) (local $action i32)
    (local.set $ctx (call $http_call_stream (local.get $token)))
    (local.set $rec (call $stream_get (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (return)))
    (i64.store offset=8 (local.get $rec) (i64.const 0))
    (local.set $resume (i64.load offset=0 (local.get $rec)))
    (if (i64.eq (local.get $resume) (i64.const 1))
      (then
        (drop (call $proxy_set_effective_context (local.get $ctx)))
        (call $http_call_keep_answer (i32.add (local.get $rec) (i32.const 16)) (local.get $body_size) (i64.const 5948529704989))
        (local.set $action (call $pwc_request_1 (local.get $ctx)))
        (if (i32.eq (local.get $action) (i32.const 0)) (then (drop (call $proxy_continue_stream (i32.const 0)))))
      )
    )
  )
  (func (export "proxy_on_delete") (param $ctx i32)
    (call $pwc_release (local.get $ctx))
  )
  (global $pwc_metric_0 (mut i32) (i32.const -1))  ;; pwc.auth-gate.responded.line_13
  (global $pwc_metric_1 (mut i32) (i32.const -1))  ;; pwc.auth-gate.responded.line_24
  (global $pwc_metric_2 (mut i32) (i32.const -1))  ;; pwc.auth-gate.responded.line_27
  (global $pwc_metric_3 (mut i32) (i32.const -1))  ;; pwc.auth-gate.errors.line_8
  (global $pwc_metric_4 (mut i32) (i32.const -1))  ;; pwc.auth-gate.errors.line_9
  (global $pwc_metric_5 (mut i32) (i32.const -1))  ;; pwc.auth-gate.errors.line_12
  (global $pwc_metric_6 (mut i32) (i32.const -1))  ;; pwc.auth-gate.errors.line_16
  (global $pwc_metric_7 (mut i32) (i32.const -1))  ;; pwc.auth-gate.errors.line_23
  (global $pwc_metric_8 (mut i32) (i32.const -1))  ;; pwc.auth-gate.errors.line_27
  (global $pwc_metric_9 (mut i32) (i32.const -1))  ;; pwc.auth-gate.errors.line_29
  (global $pwc_metric_10 (mut i32) (i32.const -1))  ;; pwc.auth-gate.errors.line_30
  (global $pwc_metric_11 (mut i32) (i32.const -1))  ;; pwc.auth-gate.errors.line_34
  (global $pwc_metric_12 (mut i32) (i32.const -1))  ;; pwc.auth-gate.errors.line_35
  (func $pwc_define_metric (param $kind i32) (param $name i64) (result i32)
    (local $id i32)
    (local.set $id (call $metric_define (local.get $kind) (local.get $name)))
    ;; a metric Envoy refuses is not counted; the filter works on without it
    (if (i32.eq (local.get $id) (i32.const -1)) (then
      (memory.copy (i32.const 1449) (call $str_ptr (local.get $name)) (call $str_len (local.get $name)))
      (call $log (i32.const 3) (call $str_pack (i32.const 1414) (i32.add (i32.const 35) (call $str_len (local.get $name)))))
    ))
    (local.get $id)
  )
  (func $pwc_define_metrics
    (global.set $pwc_metric_0 (call $pwc_define_metric (i32.const 0) (i64.const 6356551598111)))
    (global.set $pwc_metric_1 (call $pwc_define_metric (i32.const 0) (i64.const 6489695584287)))
    (global.set $pwc_metric_2 (call $pwc_define_metric (i32.const 0) (i64.const 6622839570463)))
    (global.set $pwc_metric_3 (call $pwc_define_metric (i32.const 0) (i64.const 6755983556635)))
    (global.set $pwc_metric_4 (call $pwc_define_metric (i32.const 0) (i64.const 6871947673627)))
    (global.set $pwc_metric_5 (call $pwc_define_metric (i32.const 0) (i64.const 6987911790620)))
    (global.set $pwc_metric_6 (call $pwc_define_metric (i32.const 0) (i64.const 7108170874908)))
    (global.set $pwc_metric_7 (call $pwc_define_metric (i32.const 0) (i64.const 7228429959196)))
    (global.set $pwc_metric_8 (call $pwc_define_metric (i32.const 0) (i64.const 7348689043484)))
    (global.set $pwc_metric_9 (call $pwc_define_metric (i32.const 0) (i64.const 7468948127772)))
    (global.set $pwc_metric_10 (call $pwc_define_metric (i32.const 0) (i64.const 7589207212060)))
    (global.set $pwc_metric_11 (call $pwc_define_metric (i32.const 0) (i64.const 7709466296348)))
    (global.set $pwc_metric_12 (call $pwc_define_metric (i32.const 0) (i64.const 7829725380636)))
  )
  (func $pwc_count_error (param $line i32)
    (if (i32.eq (local.get $line) (i32.const 8)) (then (call $metric_increment (global.get $pwc_metric_3))))
    (if (i32.eq (local.get $line) (i32.const 9)) (then (call $metric_increment (global.get $pwc_metric_4))))
    (if (i32.eq (local.get $line) (i32.const 12)) (then (call $metric_increment (global.get $pwc_metric_5))))
    (if (i32.eq (local.get $line) (i32.const 16)) (then (call $metric_increment (global.get $pwc_metric_6))))
    (if (i32.eq (local.get $line) (i32.const 23)) (then (call $metric_increment (global.get $pwc_metric_7))))
    (if (i32.eq (local.get $line) (i32.const 27)) (then (call $metric_increment (global.get $pwc_metric_8))))
    (if (i32.eq (local.get $line) (i32.const 29)) (then (call $metric_increment (global.get $pwc_metric_9))))
    (if (i32.eq (local.get $line) (i32.const 30)) (then (call $metric_increment (global.get $pwc_metric_10))))
    (if (i32.eq (local.get $line) (i32.const 34)) (then (call $metric_increment (global.get $pwc_metric_11))))
    (if (i32.eq (local.get $line) (i32.const 35)) (then (call $metric_increment (global.get $pwc_metric_12))))
  )
  (func $pwc_fail (param $line i32)
    (local $end i32) (local $message i64)
    (call $pwc_count_error (local.get $line))  ;; pwc.FILTER.errors.line_N
    (local.set $end (i32.add (i32.const 1893) (call $write_decimal (i32.const 1893) (local.get $line))))
    (i32.store16 (local.get $end) (i32.const 0x203a))  ;; ": "
    (if (i32.eq (global.get $rt_error) (i32.const 1)) (then (local.set $message (i64.const 8332236554275))))
    (if (i32.eq (global.get $rt_error) (i32.const 2)) (then (local.set $message (i64.const 8482560409616))))
    (if (i32.eq (global.get $rt_error) (i32.const 4)) (then (local.set $message (i64.const 8551279886349))))
    (memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message)) (call $str_len (local.get $message)))
    (call $log (i32.const 4) (call $str_pack (i32.const 1851) (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message))) (i32.const 1851))))
    (call $send_error_reply (i32.const 500) (i64.const 8607114461209))
    (global.set $rt_error (i32.const 0))
  )

  (data (i32.const 1072) "x-user:path/public/authorizationmissing credentialswww-authenticateBearer\00\00\00\00\00\00\00\01\00\00\00\00\00\00\00\10\00\00\00c\04\00\00\06\00\00\00s\04\00\00x-original-pathauthPOST/checkx-authenticated-userauth service unavailable for authorization service unavailablex-auth-statusforbiddenallowed  to auth-gate: bad configuration: this filter takes no configurationx-envoy-upstream-service-timeauth-gate: could not define metric ")
  (data (i32.const 1480) "pwc.auth-gate.responded.line_13pwc.auth-gate.responded.line_24pwc.auth-gate.responded.line_27pwc.auth-gate.errors.line_8pwc.auth-gate.errors.line_9pwc.auth-gate.errors.line_12pwc.auth-gate.errors.line_16pwc.auth-gate.errors.line_23pwc.auth-gate.errors.line_27pwc.auth-gate.errors.line_29pwc.auth-gate.errors.line_30pwc.auth-gate.errors.line_34pwc.auth-gate.errors.line_35auth-gate: runtime error at auth-gate.pwf:")
  (data (i32.const 1940) "int(): the string is not an integerinteger overflowout of memoryinternal error in filter\0a")
)
