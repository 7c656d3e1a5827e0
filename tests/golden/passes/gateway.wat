;; generated
  (func $pwc_request (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $t0 i64)
    (local $t1 i64)
    (local $t2 i64)
    (local $t3 i32)
    (local $t4 i32)
    (local $t5 i32)
    (local $table6 i32)
    (local $t7 i32)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (call $pwc_open_record (local.get $ctx) (i32.const 0)))))
    (if (i32.eqz (local.get $rec)) (then (call $pwc_fail (i32.const 0)) (return (i32.const 1))))
    (local.set $config (i32.load offset=56 (local.get $rec)))
    (if (i32.eqz (local.get $config)) (then (local.set $config (i32.const 1536))))
    (block $fail (result i32)
      ;; gateway.pwf:14: rewrite request.path "banana/([0-9]*)" to "status/$1"
      i32.const 0
      i64.const 6768868458501  ;; b':path'
      call $hdr_get_first
      local.set $t0
      (br_if $fail (i32.const 14) (global.get $rt_error))
      drop
      local.get $t0
      call $re0_replace
      local.set $t1
      (br_if $fail (i32.const 14) (global.get $rt_error))
      drop
      local.get $t0
      local.get $t1
      i64.ne
      (if
        (then
          local.get $t1
          call $path_leading_slash
          local.set $t2
          (br_if $fail (i32.const 14) (global.get $rt_error))
          drop
          i32.const 0
          i64.const 6768868458501  ;; b':path'
          local.get $t2
          call $hdr_set_raw
          (br_if $fail (i32.const 14) (global.get $rt_error))
          drop
        )
      )
      ;; gateway.pwf:16: set request.headers["x-filter"] = "gateway"
      i32.const 0
      i64.const 6790343294984  ;; b'x-filter'
      i64.const 6824703033351  ;; b'gateway'
      call $hdr_set_raw
      (br_if $fail (i32.const 16) (global.get $rt_error))
      drop
      ;; gateway.pwf:17: remove request.headers["x-internal-token"]
      i32.const 0
      i64.const 6854767804432  ;; b'x-internal-token'
      call $hdr_remove_raw
      (br_if $fail (i32.const 17) (global.get $rt_error))
      drop
      ;; gateway.pwf:19: if !(request.method in config.allowed_methods) {
      (local.get $config) (i32.load offset=32)
      i32.const 0
      i64.const 6923487281159  ;; b':method'
      call $hdr_get_first
      call $list_contains
      i32.eqz
      local.set $t3
      (br_if $fail (i32.const 19) (global.get $rt_error))
      drop
      local.get $t3
      (if
        (then
          ;; gateway.pwf:20: respond 405 "method not allowed"
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_0))
          i64.const 405
          i32.wrap_i64
          i64.const 6953552052242  ;; b'method not allowed'
          i32.const 0
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; gateway.pwf:23: if request.path.startsWith(config.public_prefix) {
      i32.const 0
      i64.const 6768868458501  ;; b':path'
      call $hdr_get_first
      (local.get $config) (i64.load offset=16)
      call $str_starts_with
      local.set $t4
      (br_if $fail (i32.const 23) (global.get $rt_error))
      drop
      local.get $t4
      (if
        (then
          ;; gateway.pwf:24: continue
          (call $pwc_snapshot (local.get $ctx))
          (return (i32.const 0))
        )
      )
      ;; gateway.pwf:27: if !("authorization" in request.headers) {
      i32.const 0
      i64.const 7030861463565  ;; b'authorization'
      call $hdr_has
      i32.eqz
      local.set $t5
      (br_if $fail (i32.const 27) (global.get $rt_error))
      drop
      local.get $t5
      (if
        (then
          ;; gateway.pwf:28: respond 401 "missing credentials" headers {"www-authenticate
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_1))
          i64.const 401
          i32.wrap_i64
          i64.const 7086696038419  ;; b'missing credentials'
          i32.const 1696
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; gateway.pwf:31: let auth = call config.auth_cluster {
      (local.set $table6 (call $alloc (i32.const 24)))
      (if (local.get $table6)
        (then
          (i32.store (local.get $table6) (i32.const 1))
          local.get $table6
          i64.const 7030861463565  ;; b'authorization'
          i64.store offset=8
          local.get $table6
          i32.const 0
          i64.const 7030861463565  ;; b'authorization'
          call $hdr_get
          i64.store offset=16
        )
      )
      local.get $table6
      local.set $t7
      (br_if $fail (i32.const 31) (global.get $rt_error))
      drop
      (local.get $config) (i64.load offset=8)
      i64.const 5497558138883  ;; b'GET'
      i64.const 7387343749126  ;; b'/check'
      (local.get $config) (i64.load offset=8)
      local.get $t7
      i64.const 0
      (local.get $config) (i64.load offset=24)
      (local.get $ctx)
      call $http_call_start
      (local.set $call)
      (i64.store offset=8 (local.get $rec) (i64.extend_i32_u (local.get $call)))
      (br_if $fail (i32.const 31) (global.get $rt_error))
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
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    ;; zeros when the request phase never ran
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (i32.const 1024))))
    (local.set $config (i32.load offset=56 (local.get $rec)))
    (if (i32.eqz (local.get $config)) (then (local.set $config (i32.const 1536))))
    (block $fail (result i32)
      ;; gateway.pwf:45: set response.headers["x-served-by"] = "pwc"
      i32.const 2
      i64.const 7413113552907  ;; b'x-served-by'
      i64.const 7460358193155  ;; b'pwc'
      call $hdr_set_raw
      (br_if $fail (i32.const 45) (global.get $rt_error))
      drop
      ;; gateway.pwf:46: if request.path.startsWith("/api") {
      (local.get $rec) (i64.load offset=48)
      i64.const 7473243095044  ;; b'/api'
      call $str_starts_with
      local.set $t0
      (br_if $fail (i32.const 46) (global.get $rt_error))
      drop
      local.get $t0
      (if
        (then
          ;; gateway.pwf:47: set response.headers["cache-control"] = "no-store"
          i32.const 2
          i64.const 7490422964237  ;; b'cache-control'
          i64.const 7546257539080  ;; b'no-store'
          call $hdr_set_raw
          (br_if $fail (i32.const 47) (global.get $rt_error))
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
    (local $t1 i64)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    ;; zeros when the request phase never ran
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (i32.const 1024))))
    (local.set $config (i32.load offset=56 (local.get $rec)))
    (if (i32.eqz (local.get $config)) (then (local.set $config (i32.const 1536))))
    (block $fail (result i32)
      ;; gateway.pwf:37: if auth.status != 200 {
      (local.get $rec) (i64.load offset=16)
      i64.const 200
      i64.ne
      (if
        (then
          ;; gateway.pwf:38: respond 403 "forbidden"
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_2))
          i64.const 403
          i32.wrap_i64
          i64.const 7580617277449  ;; b'forbidden'
          i32.const 0
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; gateway.pwf:40: set request.headers["x-user"] = auth.headers["x-user"]
      (local.get $rec) (i64.load offset=32)
      call $str_ptr
      i64.const 7619271983110  ;; b'x-user'
      call $pairs_get
      call $str_strip_ctl
      local.set $t0
      (br_if $fail (i32.const 40) (global.get $rt_error))
      drop
      i32.const 0
      i64.const 7619271983110  ;; b'x-user'
      local.get $t0
      call $hdr_set_raw
      (br_if $fail (i32.const 40) (global.get $rt_error))
      drop
      ;; gateway.pwf:41: log info "allowed " + auth.headers["x-user"]
      i64.const 7645041786888  ;; b'allowed '
      (local.get $rec) (i64.load offset=32)
      call $str_ptr
      i64.const 7619271983110  ;; b'x-user'
      call $pairs_get
      call $str_concat
      local.set $t1
      (br_if $fail (i32.const 41) (global.get $rt_error))
      drop
      i32.const 2
      local.get $t1
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
    local.get $rec
    i32.const 0
    i64.const 6768868458501  ;; b':path'
    call $hdr_get_first
    call $str_pcopy
    (call $str_pfree (i64.load offset=48 (local.get $rec)))
    i64.store offset=48
  )
  (func $pwc_release (param $ctx i32)
    (local $rec i32)
    (local.set $rec (call $stream_take (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (return)))
    ;; a call still in flight: its answer will find no stream
    (call $http_call_forget (i32.wrap_i64 (i64.load offset=8 (local.get $rec))))
    (call $str_pfree (i64.load offset=32 (local.get $rec)))
    (call $str_pfree (i64.load offset=40 (local.get $rec)))
    (call $str_pfree (i64.load offset=48 (local.get $rec)))
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
    (local.set $config (call $config_load (local.get $text) (i32.const 1384)))
    (if (i32.eqz (local.get $config))
      (then (call $pwc_config_error) (return (i32.const 0)))
    )
    (if (i64.ge_u (i64.sub (i64.load offset=24 (local.get $config)) (i64.const 1)) (i64.const 2147483647))
      (then
        (call $log (i32.const 4) (i64.const 7679401525336))
        (call $config_free (local.get $config) (i32.const 1384))
        (return (i32.const 0))
      )
    )
    ;; a configuration replaced later stays allocated: streams may still read it
    (call $stream_put (local.get $root) (local.get $config))
    (i32.const 1)
  )
  (func $cfg_special (param $code i32) (param $s i64) (result i64)
    (i64.const 0))
  (func $cfg_parse (param $code i32) (param $desc i32) (param $s i64) (result i64)
    (i64.const 0))
  (func $cfg_special_free (param $code i32) (param $v i64)
    )

  (func $pwc_config_error
    (local $message i64) (local $code i32)
    (local.set $code (global.get $cfg_fail_code))
    (if (i32.eq (local.get $code) (i32.const 1)) (then (local.set $message (call $str_concat (i64.const 8126078124055) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 2)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (call $str_concat (i64.const 8224862371852) (call $str_concat (call $str_concat (i64.const 8057358647297) (global.get $cfg_fail_key)) (i64.const 8057358647297))) (i64.const 8276401979406)) (i64.load offset=16 (global.get $cfg_fail_type))) (i64.const 8336531521537)))))
    (if (i32.eq (local.get $code) (i32.const 3)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (i64.const 8061653614601) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 8100308320262)) (call $cfg_got_text)))))
    (if (i32.eq (local.get $code) (i32.const 4)) (then (local.set $message (call $str_concat (i64.const 8340826488853) (call $str_concat (call $str_concat (i64.const 8057358647297) (global.get $cfg_fail_key)) (i64.const 8057358647297))))))
    (if (i32.eq (local.get $code) (i32.const 5)) (then (local.set $message (call $str_concat (i64.const 8431020802062) (call $str_concat (call $str_concat (i64.const 8057358647297) (global.get $cfg_fail_key)) (i64.const 8057358647297))))))
    (if (i32.eq (local.get $code) (i32.const 6)) (then (local.set $message (if (result i64) (i64.eqz (global.get $cfg_fail_detail)) (then (call $str_concat (call $str_concat (call $str_concat (i64.const 8061653614601) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 8100308320262)) (call $cfg_got_text))) (else (call $str_concat (i64.const 8491150344205) (global.get $cfg_fail_detail)))))))
    (if (i32.eq (local.get $code) (i32.const 7)) (then (local.set $message (call $str_concat (i64.const 8546984919080) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 8)) (then (local.set $message (call $str_concat (i64.const 8718783610907) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (call $log (i32.const 4) (call $str_concat (call $str_concat (i64.const 8834747727900) (call $cfg_path_prefix)) (local.get $message)))
  )
  (func (export "proxy_on_context_create") (param $ctx i32) (param $parent i32)
    (if (local.get $parent) (then (drop (call $pwc_open_record (local.get $ctx) (local.get $parent)))))
  )
  (func $pwc_open_record (param $ctx i32) (param $parent i32) (result i32)
    (local $rec i32)
    (local.set $rec (call $record_open (local.get $ctx) (i32.const 64)))
    (if (i32.and (i32.ne (local.get $rec) (i32.const 0)) (i32.ne (local.get $parent) (i32.const 0))) (then (i32.store offset=56 (local.get $rec) (call $stream_get (local.get $parent)))))
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
        (call $http_call_keep_answer (i32.add (local.get $rec) (i32.const 16)) (local.get $body_size) (i64.const 8955006812189))
        (local.set $action (call $pwc_request_1 (local.get $ctx)))
        (if (i32.eq (local.get $action) (i32.const 0)) (then (drop (call $proxy_continue_stream (i32.const 0)))))
      )
    )
  )
  (func (export "proxy_on_delete") (param $ctx i32)
    (call $pwc_release (local.get $ctx))
  )
  (global $pwc_metric_0 (mut i32) (i32.const -1))  ;; pwc.gateway.responded.line_20
  (global $pwc_metric_1 (mut i32) (i32.const -1))  ;; pwc.gateway.responded.line_28
  (global $pwc_metric_2 (mut i32) (i32.const -1))  ;; pwc.gateway.responded.line_38
  (global $pwc_metric_3 (mut i32) (i32.const -1))  ;; pwc.gateway.errors.line_14
  (global $pwc_metric_4 (mut i32) (i32.const -1))  ;; pwc.gateway.errors.line_16
  (global $pwc_metric_5 (mut i32) (i32.const -1))  ;; pwc.gateway.errors.line_17
  (global $pwc_metric_6 (mut i32) (i32.const -1))  ;; pwc.gateway.errors.line_19
  (global $pwc_metric_7 (mut i32) (i32.const -1))  ;; pwc.gateway.errors.line_23
  (global $pwc_metric_8 (mut i32) (i32.const -1))  ;; pwc.gateway.errors.line_27
  (global $pwc_metric_9 (mut i32) (i32.const -1))  ;; pwc.gateway.errors.line_31
  (global $pwc_metric_10 (mut i32) (i32.const -1))  ;; pwc.gateway.errors.line_40
  (global $pwc_metric_11 (mut i32) (i32.const -1))  ;; pwc.gateway.errors.line_41
  (global $pwc_metric_12 (mut i32) (i32.const -1))  ;; pwc.gateway.errors.line_45
  (global $pwc_metric_13 (mut i32) (i32.const -1))  ;; pwc.gateway.errors.line_46
  (global $pwc_metric_14 (mut i32) (i32.const -1))  ;; pwc.gateway.errors.line_47
  (func $pwc_define_metric (param $kind i32) (param $name i64) (result i32)
    (local $id i32)
    (local.set $id (call $metric_define (local.get $kind) (local.get $name)))
    ;; a metric Envoy refuses is not counted; the filter works on without it
    (if (i32.eq (local.get $id) (i32.const -1)) (then
      (memory.copy (i32.const 2147) (call $str_ptr (local.get $name)) (call $str_len (local.get $name)))
      (call $log (i32.const 3) (call $str_pack (i32.const 2114) (i32.add (i32.const 33) (call $str_len (local.get $name)))))
    ))
    (local.get $id)
  )
  (func $pwc_define_metrics
    (global.set $pwc_metric_0 (call $pwc_define_metric (i32.const 0) (i64.const 9345848836125)))
    (global.set $pwc_metric_1 (call $pwc_define_metric (i32.const 0) (i64.const 9470402887709)))
    (global.set $pwc_metric_2 (call $pwc_define_metric (i32.const 0) (i64.const 9594956939293)))
    (global.set $pwc_metric_3 (call $pwc_define_metric (i32.const 0) (i64.const 9719510990874)))
    (global.set $pwc_metric_4 (call $pwc_define_metric (i32.const 0) (i64.const 9831180140570)))
    (global.set $pwc_metric_5 (call $pwc_define_metric (i32.const 0) (i64.const 9942849290266)))
    (global.set $pwc_metric_6 (call $pwc_define_metric (i32.const 0) (i64.const 10054518439962)))
    (global.set $pwc_metric_7 (call $pwc_define_metric (i32.const 0) (i64.const 10166187589658)))
    (global.set $pwc_metric_8 (call $pwc_define_metric (i32.const 0) (i64.const 10277856739354)))
    (global.set $pwc_metric_9 (call $pwc_define_metric (i32.const 0) (i64.const 10389525889050)))
    (global.set $pwc_metric_10 (call $pwc_define_metric (i32.const 0) (i64.const 10501195038746)))
    (global.set $pwc_metric_11 (call $pwc_define_metric (i32.const 0) (i64.const 10612864188442)))
    (global.set $pwc_metric_12 (call $pwc_define_metric (i32.const 0) (i64.const 10724533338138)))
    (global.set $pwc_metric_13 (call $pwc_define_metric (i32.const 0) (i64.const 10836202487834)))
    (global.set $pwc_metric_14 (call $pwc_define_metric (i32.const 0) (i64.const 10947871637530)))
  )
  (func $pwc_count_error (param $line i32)
    (if (i32.eq (local.get $line) (i32.const 14)) (then (call $metric_increment (global.get $pwc_metric_3))))
    (if (i32.eq (local.get $line) (i32.const 16)) (then (call $metric_increment (global.get $pwc_metric_4))))
    (if (i32.eq (local.get $line) (i32.const 17)) (then (call $metric_increment (global.get $pwc_metric_5))))
    (if (i32.eq (local.get $line) (i32.const 19)) (then (call $metric_increment (global.get $pwc_metric_6))))
    (if (i32.eq (local.get $line) (i32.const 23)) (then (call $metric_increment (global.get $pwc_metric_7))))
    (if (i32.eq (local.get $line) (i32.const 27)) (then (call $metric_increment (global.get $pwc_metric_8))))
    (if (i32.eq (local.get $line) (i32.const 31)) (then (call $metric_increment (global.get $pwc_metric_9))))
    (if (i32.eq (local.get $line) (i32.const 40)) (then (call $metric_increment (global.get $pwc_metric_10))))
    (if (i32.eq (local.get $line) (i32.const 41)) (then (call $metric_increment (global.get $pwc_metric_11))))
    (if (i32.eq (local.get $line) (i32.const 45)) (then (call $metric_increment (global.get $pwc_metric_12))))
    (if (i32.eq (local.get $line) (i32.const 46)) (then (call $metric_increment (global.get $pwc_metric_13))))
    (if (i32.eq (local.get $line) (i32.const 47)) (then (call $metric_increment (global.get $pwc_metric_14))))
  )
  (func $re0_replace (param $s i64) (result i64)
    (local $p i32) (local $len i32) (local $ws i32) (local $q i32) (local $m0 i32) (local $m1 i32)
    (local $count i32) (local $n i32) (local $out i32) (local $dst i32) (local $o i64)
    (local.set $p (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 32))))
    (local.set $len (i32.wrap_i64 (local.get $s)))
    (if (i32.ge_u (call $re0_replace__search__skip (local.get $p) (local.get $len) (i32.const 0)) (local.get $len)) (then (return (local.get $s))))
    (local.set $ws (call $alloc (i32.const 16)))
    (if (i32.eqz (local.get $ws)) (then (return (local.get $s))))
    (local.set $o (i64.extend_i32_u (local.get $len)))
    (local.set $q (i32.const 0))
    (block $end
      (loop $scan
        (br_if $end (i32.gt_u (local.get $q) (local.get $len)))
        (br_if $end (i32.eqz (call $re0_replace__search (local.get $p) (local.get $len) (local.get $q) (local.get $ws))))
        (local.set $m0 (i32.load offset=0 (local.get $ws)))
        (local.set $m1 (i32.load offset=4 (local.get $ws)))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (local.set $o (i64.add (local.get $o) (i64.const 7)))
        (local.set $o (i64.add (local.get $o) (i64.extend_i32_u (i32.sub (i32.load offset=12 (local.get $ws)) (i32.load offset=8 (local.get $ws))))))
        (local.set $o (i64.sub (local.get $o) (i64.extend_i32_u (i32.sub (local.get $m1) (local.get $m0)))))
        (local.set $q (local.get $m1))
        (br $scan)
      )
    )
    (if (i32.eqz (local.get $count)) (then (return (local.get $s))))
    (if (i64.eqz (local.get $o)) (then (return (i64.const 0))))
    (if (i64.gt_u (local.get $o) (i64.const 0x7fffffff)) (then
      (global.set $rt_error (i32.const 4))
      (return (local.get $s))
    ))
    (local.set $out (call $alloc (i32.wrap_i64 (local.get $o))))
    (if (i32.eqz (local.get $out)) (then (return (local.get $s))))
    (local.set $dst (local.get $out))
    (local.set $q (i32.const 0))
    (block $end
      (loop $scan
        (br_if $end (i32.gt_u (local.get $q) (local.get $len)))
        (br_if $end (i32.eqz (call $re0_replace__search (local.get $p) (local.get $len) (local.get $q) (local.get $ws))))
        (local.set $m0 (i32.load offset=0 (local.get $ws)))
        (local.set $m1 (i32.load offset=4 (local.get $ws)))
        (local.set $n (i32.sub (local.get $m0) (local.get $q)))
        (memory.copy (local.get $dst) (i32.add (local.get $p) (local.get $q)) (local.get $n))
        (local.set $dst (i32.add (local.get $dst) (local.get $n)))
        (i32.store offset=0 (local.get $dst) (i32.const 1952543859))
        (i32.store16 offset=4 (local.get $dst) (i32.const 29557))
        (i32.store8 offset=6 (local.get $dst) (i32.const 47))
        (local.set $dst (i32.add (local.get $dst) (i32.const 7)))
        (local.set $n (i32.sub (i32.load offset=12 (local.get $ws)) (i32.load offset=8 (local.get $ws))))
        (memory.copy (local.get $dst) (i32.add (local.get $p) (i32.load offset=8 (local.get $ws))) (local.get $n))
        (local.set $dst (i32.add (local.get $dst) (local.get $n)))
        (local.set $q (local.get $m1))
        (br $scan)
      )
    )
    (local.set $n (i32.sub (local.get $len) (local.get $q)))
    (memory.copy (local.get $dst) (i32.add (local.get $p) (local.get $q)) (local.get $n))
    (local.set $dst (i32.add (local.get $dst) (local.get $n)))
    (i64.or (i64.shl (i64.extend_i32_u (local.get $out)) (i64.const 32)) (local.get $o))
  )
  (func $re0_replace__search__skip (param $p i32) (param $len i32) (param $pos i32) (result i32)
    (loop $try
      (if (i32.gt_u (i32.add (local.get $pos) (i32.const 7)) (local.get $len)) (then (return (local.get $len))))
      (if (i32.and (i32.eq (i32.load offset=0 (i32.add (local.get $p) (local.get $pos))) (i32.const 1634623842)) (i32.eq (i32.load offset=3 (i32.add (local.get $p) (local.get $pos))) (i32.const 794914401))) (then (return (local.get $pos))))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
      (br $try)
    )
    (local.get $len)
  )
  (func $re0_replace__search (param $p i32) (param $len i32) (param $pos i32) (param $ws i32) (result i32)
    (local $end i32) (local $c i32)
    (loop $try
      (local.set $pos (call $re0_replace__search__skip (local.get $p) (local.get $len) (local.get $pos)))
      (if (i32.ge_u (local.get $pos) (local.get $len)) (then (return (i32.const 0))))
      (local.set $end (i32.add (local.get $pos) (i32.const 7)))
      (block $stop
        (loop $more
          (br_if $stop (i32.ge_u (local.get $end) (local.get $len)))
          (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $end))))
          (br_if $stop (i32.eqz (i32.le_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 9))))
          (local.set $end (i32.add (local.get $end) (i32.const 1)))
          (br $more)
        )
      )
    )
    (i32.store offset=0 (local.get $ws) (local.get $pos))
    (i32.store offset=8 (local.get $ws) (i32.add (local.get $pos) (i32.const 7)))
    (i32.store offset=12 (local.get $ws) (local.get $end))
    (i32.store offset=4 (local.get $ws) (local.get $end))
    (i32.const 1)
  )

  (func $pwc_fail (param $line i32)
    (local $end i32) (local $message i64)
    (call $pwc_count_error (local.get $line))  ;; pwc.FILTER.errors.line_N
    (local.set $end (i32.add (i32.const 2613) (call $write_decimal (i32.const 2613) (local.get $line))))
    (i32.store16 (local.get $end) (i32.const 0x203a))  ;; ": "
    (if (i32.eq (global.get $rt_error) (i32.const 1)) (then (local.set $message (i64.const 11450382811171))))
    (if (i32.eq (global.get $rt_error) (i32.const 2)) (then (local.set $message (i64.const 11600706666512))))
    (if (i32.eq (global.get $rt_error) (i32.const 4)) (then (local.set $message (i64.const 11669426143245))))
    (if (i32.eq (global.get $rt_error) (i32.const 7)) (then (local.set $message (i64.const 11725260718121))))
    (memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message)) (call $str_len (local.get $message)))
    (call $log (i32.const 4) (call $str_pack (i32.const 2575) (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message))) (i32.const 2575))))
    (if (i32.eq (global.get $rt_error) (i32.const 7)) (then (call $send_error_reply (i32.const 400) (i64.const 11901354377228))) (else (call $send_error_reply (i32.const 500) (i64.const 11952893984793))))
    (global.set $rt_error (i32.const 0))
  )

  (data (i32.const 1088) "a configauth_clustera string\00\00\00\00\01\00\00\00\00\00\00\00\08\00\00\00T\04\00\00authpublic_prefix/publictimeouta duration such as \22250ms\22, \222s\22 or \221m30s\22\00\00\00\00\00\00\04\00\00\00\00\00\00\00+\00\00\00\8f\04\00\00allowed_methodsa list<string>\00\00\00\05\00\00\00`\04\00\00\0e\00\00\00\df\04\00\00GETHEADPOST\00\00\00\00\00\03\00\00\00\00\00\00\00\03\00\00\00\00\05\00\00\04\00\00\00\03\05\00\00\04\00\00\00\07\05\00\00auth_cluster, public_prefix, timeout, allowed_methods\00\00\00\07\00\00\00\04\00\00\00\08\00\00\00@\04\00\005\00\00\000\05\00\00\0c\00\00\00H\04\00\00`\04\00\00\00\00\00\00\04\00\00\00p\04")
  (data (i32.const 1440) "\0d\00\00\00t\04\00\00`\04\00\00\00\00\00\00\07\00\00\00\81\04")
  (data (i32.const 1472) "\07\00\00\00\88\04\00\00\c0\04\00\00\00\00\00\00\f4\01")
  (data (i32.const 1504) "\0f\00\00\00\d0\04\00\00\f0\04\00\00\00\00\00\00\10\05")
  (data (i32.const 1544) "\04\00\00\00p\04\00\00\07\00\00\00\81\04\00\00\f4\01\00\00\00\00\00\00\10\05\00\00\00\00\00\00:pathx-filtergatewayx-internal-token:methodmethod not allowedauthorizationmissing credentialswww-authenticateBearer\00\00\00\00\00\01\00\00\00\00\00\00\00\10\00\00\00\85\06\00\00\06\00\00\00\95\06\00\00/checkx-served-bypwc/apicache-controlno-storeforbiddenx-userallowed gateway: bad configuration: timeout: a call timeout must be between 1ms and 2147483647ms\22expected , got malformed JSON at byte unknown key  (known keys: )missing required key duplicate key bad pattern: too large or nested too deeply, at byte not a JSON object, at byte gateway: bad configuration: x-envoy-upstream-service-timegateway: could not define metric ")
  (data (i32.const 2176) "pwc.gateway.responded.line_20pwc.gateway.responded.line_28pwc.gateway.responded.line_38pwc.gateway.errors.line_14pwc.gateway.errors.line_16pwc.gateway.errors.line_17pwc.gateway.errors.line_19pwc.gateway.errors.line_23pwc.gateway.errors.line_27pwc.gateway.errors.line_31pwc.gateway.errors.line_40pwc.gateway.errors.line_41pwc.gateway.errors.line_45pwc.gateway.errors.line_46pwc.gateway.errors.line_47gateway: runtime error at gateway.pwf:")
  (data (i32.const 2666) "int(): the string is not an integerinteger overflowout of memoryrefused: the path does not start with '/'bad request\0ainternal error in filter\0a")
)
