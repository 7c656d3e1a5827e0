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
  (func $pwc_fail (param $line i32)
    (local $end i32) (local $message i64) (local $refused i32)
    (call $pwc_count_error (local.get $line))  ;; pwc.FILTER.errors.line_N
    (local.set $end (i32.add (i32.const 1826) (call $write_decimal (i32.const 1826) (local.get $line))))
    (i32.store16 (local.get $end) (i32.const 0x203a))  ;; ": "
    (local.set $message (i64.const 0))
    (if (i32.eq (global.get $rt_error) (i32.const 1)) (then (local.set $message (i64.const 8177617731619))))
    (if (i32.eq (global.get $rt_error) (i32.const 2)) (then (local.set $message (i64.const 8327941586960))))
    (if (i32.eq (global.get $rt_error) (i32.const 3)) (then (local.set $message (i64.const 8396661063696))))
    (if (i32.eq (global.get $rt_error) (i32.const 4)) (then (local.set $message (i64.const 8465380540429))))
    (if (i32.eq (global.get $rt_error) (i32.const 5)) (then (local.set $message (i64.const 8521215115310))))
    (if (i32.eq (global.get $rt_error) (i32.const 6)) (then (local.set $message (i64.const 8718783610929))))
    (if (i32.eq (global.get $rt_error) (i32.const 7)) (then (local.set $message (i64.const 8929237008425))))
    (if (i32.eq (global.get $rt_error) (i32.const 8)) (then (local.set $message (i64.const 9105330667560))))
    (if (i32.eq (global.get $rt_error) (i32.const 9)) (then (local.set $message (i64.const 9277129359416))))
    (if (i32.eq (global.get $rt_error) (i32.const 10)) (then (local.set $message (i64.const 9517647528002))))
    (if (i32.eq (global.get $rt_error) (i32.const 11)) (then (local.set $message (i64.const 9801115369535))))
    (memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message)) (call $str_len (local.get $message)))
    (local.set $refused (i32.or (i32.or (i32.eq (global.get $rt_error) (i32.const 7)) (i32.eq (global.get $rt_error) (i32.const 8))) (i32.or (i32.eq (global.get $rt_error) (i32.const 9)) (i32.eq (global.get $rt_error) (i32.const 10)))))
    (global.set $rt_error (i32.const 0))
    (call $log (i32.const 4) (call $str_pack (i32.const 1788) (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message))) (i32.const 1788))))
    (if (local.get $refused) (then (call $send_local_reply (i32.const 400) (i64.const 10071698309132) (i32.const 0))) (else (call $send_local_reply (i32.const 500) (i64.const 10123237916697) (i32.const 0))))
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
        (call $log (i32.const 4) (i64.const 10230612099160))
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
    (if (i32.eq (local.get $code) (i32.const 1)) (then (local.set $message (call $str_concat (i64.const 10677288697879) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 2)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (call $str_concat (i64.const 10776072945676) (call $str_concat (call $str_concat (i64.const 10608569221121) (global.get $cfg_fail_key)) (i64.const 10608569221121))) (i64.const 10827612553230)) (i64.load offset=16 (global.get $cfg_fail_type))) (i64.const 10887742095361)))))
    (if (i32.eq (local.get $code) (i32.const 3)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (i64.const 10612864188425) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 10651518894086)) (call $cfg_got_text)))))
    (if (i32.eq (local.get $code) (i32.const 4)) (then (local.set $message (call $str_concat (i64.const 10892037062677) (call $str_concat (call $str_concat (i64.const 10608569221121) (global.get $cfg_fail_key)) (i64.const 10608569221121))))))
    (if (i32.eq (local.get $code) (i32.const 5)) (then (local.set $message (call $str_concat (i64.const 10982231375886) (call $str_concat (call $str_concat (i64.const 10608569221121) (global.get $cfg_fail_key)) (i64.const 10608569221121))))))
    (if (i32.eq (local.get $code) (i32.const 6)) (then (local.set $message (if (result i64) (i64.eqz (global.get $cfg_fail_detail)) (then (call $str_concat (call $str_concat (call $str_concat (i64.const 10612864188425) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 10651518894086)) (call $cfg_got_text))) (else (call $str_concat (i64.const 11042360918029) (global.get $cfg_fail_detail)))))))
    (if (i32.eq (local.get $code) (i32.const 7)) (then (local.set $message (call $str_concat (i64.const 11098195492904) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 8)) (then (local.set $message (call $str_concat (i64.const 11269994184731) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (call $log (i32.const 4) (call $str_concat (call $str_concat (i64.const 11385958301724) (call $cfg_path_prefix)) (local.get $message)))
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
        (call $http_call_keep_answer (i32.add (local.get $rec) (i32.const 16)) (local.get $body_size) (i64.const 11506217386013))
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
    (if (i32.eq (local.get $id) (i32.const -1)) (then (call $log (i32.const 3) (call $str_concat (i64.const 11630771437601) (local.get $name)))))
    (local.get $id)
  )
  (func $pwc_define_metrics
    (global.set $pwc_metric_0 (call $pwc_define_metric (i32.const 0) (i64.const 11772505358365)))
    (global.set $pwc_metric_1 (call $pwc_define_metric (i32.const 0) (i64.const 11897059409949)))
    (global.set $pwc_metric_2 (call $pwc_define_metric (i32.const 0) (i64.const 12021613461533)))
    (global.set $pwc_metric_3 (call $pwc_define_metric (i32.const 0) (i64.const 12146167513114)))
    (global.set $pwc_metric_4 (call $pwc_define_metric (i32.const 0) (i64.const 12257836662810)))
    (global.set $pwc_metric_5 (call $pwc_define_metric (i32.const 0) (i64.const 12369505812506)))
    (global.set $pwc_metric_6 (call $pwc_define_metric (i32.const 0) (i64.const 12481174962202)))
    (global.set $pwc_metric_7 (call $pwc_define_metric (i32.const 0) (i64.const 12592844111898)))
    (global.set $pwc_metric_8 (call $pwc_define_metric (i32.const 0) (i64.const 12704513261594)))
    (global.set $pwc_metric_9 (call $pwc_define_metric (i32.const 0) (i64.const 12816182411290)))
    (global.set $pwc_metric_10 (call $pwc_define_metric (i32.const 0) (i64.const 12927851560986)))
    (global.set $pwc_metric_11 (call $pwc_define_metric (i32.const 0) (i64.const 13039520710682)))
    (global.set $pwc_metric_12 (call $pwc_define_metric (i32.const 0) (i64.const 13151189860378)))
    (global.set $pwc_metric_13 (call $pwc_define_metric (i32.const 0) (i64.const 13262859010074)))
    (global.set $pwc_metric_14 (call $pwc_define_metric (i32.const 0) (i64.const 13374528159770)))
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
    (local $p i32) (local $len i32) (local $ws i32) (local $q i32) (local $lastend i32) (local $m0 i32) (local $m1 i32)
    (local $n i32) (local $gs i32) (local $ge i32) (local $rec i32) (local $rend i32) (local $r i32) (local $new i32)
    (local $out i32) (local $dst i32) (local $c i32) (local $w i64) (local $o i64) (local $cap i64)
    (local.set $p (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 32))))
    (local.set $len (i32.wrap_i64 (local.get $s)))
    (local.set $q (call $re0_replace__search__skip (local.get $p) (local.get $len) (i32.const 0)))
    (if (i32.ge_u (local.get $q) (local.get $len)) (then (return (local.get $s))))
    (local.set $ws (call $alloc (i32.const 560)))
    (if (i32.eqz (local.get $ws)) (then (return (local.get $s))))
    (memory.fill (local.get $ws) (i32.const 0) (i32.const 64))
    (local.set $rec (i32.add (local.get $ws) (i32.const 432)))
    (local.set $r (local.get $rec))
    (local.set $rend (i32.add (local.get $rec) (i32.const 128)))
    (local.set $lastend (i32.const -1))
    (local.set $o (i64.extend_i32_u (local.get $len)))
    (block $end
      (loop $scan
        (br_if $end (i32.gt_u (local.get $q) (local.get $len)))
        (br_if $end (i32.eqz (call $re0_replace__search (local.get $p) (local.get $len) (local.get $q) (local.get $ws))))
        (local.set $m0 (i32.load offset=8 (local.get $ws)))
        (local.set $m1 (i32.load offset=12 (local.get $ws)))
        (if (i32.and (i32.eq (local.get $m0) (local.get $lastend)) (i32.eq (local.get $m0) (local.get $m1)))
          (then
            (local.set $q (i32.add (local.get $q) (call $re0_replace__runelen (i32.add (local.get $p) (local.get $q)) (i32.sub (local.get $len) (local.get $q)))))
            (br $scan)
          )
        )
        (if (i32.eq (local.get $r) (local.get $rend)) (then
          (local.set $cap (i64.shl (i64.extend_i32_u (i32.sub (local.get $rend) (local.get $rec))) (i64.const 1)))
          (if (i64.gt_u (local.get $cap) (i64.const 0x7fffffff)) (then
            (global.set $rt_error (i32.const 4))
            (return (local.get $s))
          ))
          (local.set $new (call $alloc (i32.wrap_i64 (local.get $cap))))
          (if (i32.eqz (local.get $new)) (then (return (local.get $s))))
          (memory.copy (local.get $new) (local.get $rec) (i32.sub (local.get $rend) (local.get $rec)))
          (local.set $r (i32.add (local.get $new) (i32.sub (local.get $rend) (local.get $rec))))
          (local.set $rec (local.get $new))
          (local.set $rend (i32.add (local.get $new) (i32.wrap_i64 (local.get $cap))))
        ))
        (i32.store offset=0 (local.get $r) (local.get $m0))
        (i32.store offset=4 (local.get $r) (local.get $m1))
        (local.set $o (i64.add (local.get $o) (i64.mul (i64.extend_i32_u (i32.sub (local.get $m1) (local.get $m0))) (i64.const -1))))
        (local.set $o (i64.add (local.get $o) (i64.const 7)))
        (local.set $gs (i32.load offset=16 (local.get $ws)))
        (local.set $ge (i32.load offset=20 (local.get $ws)))
        (if (i32.lt_s (local.get $gs) (i32.const 0)) (then (local.set $gs (i32.const 0)) (local.set $ge (i32.const 0))))
        (i32.store offset=8 (local.get $r) (local.get $gs))
        (i32.store offset=12 (local.get $r) (local.get $ge))
        (local.set $o (i64.add (local.get $o) (i64.extend_i32_u (i32.sub (local.get $ge) (local.get $gs)))))
        (local.set $r (i32.add (local.get $r) (i32.const 16)))
        (local.set $q (local.get $m1))
        (local.set $lastend (local.get $m1))
        (br $scan)
      )
    )
    (if (i32.eq (local.get $r) (local.get $rec)) (then (return (local.get $s))))
    (if (i64.eqz (local.get $o)) (then (return (i64.const 0))))
    (if (i64.gt_u (local.get $o) (i64.const 0x7fffffff)) (then
      (global.set $rt_error (i32.const 4))
      (return (local.get $s))
    ))
    (local.set $out (call $alloc (i32.wrap_i64 (local.get $o))))
    (if (i32.eqz (local.get $out)) (then (return (local.get $s))))
    (local.set $rend (local.get $r))
    (local.set $r (local.get $rec))
    (local.set $dst (local.get $out))
    (local.set $q (i32.const 0))
    (loop $emit
      (local.set $n (i32.sub (i32.load offset=0 (local.get $r)) (local.get $q)))
      (memory.copy (local.get $dst) (i32.add (local.get $p) (local.get $q)) (local.get $n))
      (local.set $dst (i32.add (local.get $dst) (local.get $n)))
      (i32.store offset=0 (local.get $dst) (i32.const 1952543859))
      (i32.store16 offset=4 (local.get $dst) (i32.const 29557))
      (i32.store8 offset=6 (local.get $dst) (i32.const 47))
      (local.set $dst (i32.add (local.get $dst) (i32.const 7)))
      (local.set $n (i32.sub (i32.load offset=12 (local.get $r)) (i32.load offset=8 (local.get $r))))
      (memory.copy (local.get $dst) (i32.add (local.get $p) (i32.load offset=8 (local.get $r))) (local.get $n))
      (local.set $dst (i32.add (local.get $dst) (local.get $n)))
      (local.set $q (i32.load offset=4 (local.get $r)))
      (local.set $r (i32.add (local.get $r) (i32.const 16)))
      (br_if $emit (i32.lt_u (local.get $r) (local.get $rend)))
    )
    (local.set $n (i32.sub (local.get $len) (local.get $q)))
    (memory.copy (local.get $dst) (i32.add (local.get $p) (local.get $q)) (local.get $n))
    (local.set $dst (i32.add (local.get $dst) (local.get $n)))
    (i64.or (i64.shl (i64.extend_i32_u (local.get $out)) (i64.const 32)) (local.get $o))
  )
  (func $re0_replace__search (param $p i32) (param $len i32) (param $pos i32) (param $ws i32) (result i32)
    (local $matched i32)
    (local $marks i32) (local $cl i32) (local $nl i32) (local $ccount i32) (local $ncount i32) (local $stamp i32) (local $nstamp i32) (local $c i32) (local $ctx i32) (local $nctx i32) (local $npos i32) (local $i i32) (local $t i32) (local $tc i32) (local $dst i32) (local $tmp i32) (local $w i64)
    (local.set $marks (i32.add (local.get $ws) (i32.const 24)))
    (local.set $cl (i32.add (local.get $ws) (i32.const 64)))
    (local.set $nl (i32.add (local.get $ws) (i32.const 248)))
    (local.set $stamp (i32.add (i32.load (local.get $ws)) (i32.const 1)))
    (local.set $ccount (i32.const 0))
    (block $done
      (loop $step
        (local.set $nstamp (i32.add (local.get $stamp) (i32.const 1)))
        (if (i32.and (i32.eqz (local.get $ccount)) (i32.eqz (local.get $matched)))
          (then
            (local.set $pos (call $re0_replace__search__skip (local.get $p) (local.get $len) (local.get $pos)))
            (br_if $done (i32.ge_u (local.get $pos) (local.get $len)))
          )
        )
        (local.set $c (if (result i32) (i32.lt_u (local.get $pos) (local.get $len)) (then (i32.load8_u (i32.add (local.get $p) (local.get $pos)))) (else (i32.const 256))))
        (if (i32.and (i32.eqz (local.get $matched)) (i32.eq (local.get $c) (i32.const 98)))
          (then
            (if (i32.ne (i32.load offset=32 (local.get $marks)) (local.get $stamp))
              (then
                (i32.store offset=32 (local.get $marks) (local.get $stamp))
                (i32.store (i32.add (local.get $cl) (i32.shl (local.get $ccount) (i32.const 2))) (i32.const 8))
                (local.set $dst (i32.add (i32.add (local.get $cl) (i32.const 40)) (i32.mul (local.get $ccount) (i32.const 16))))
                (i32.store offset=0 (local.get $dst) (local.get $pos))
                (i32.store offset=4 (local.get $dst) (i32.const -1))
                (i32.store offset=8 (local.get $dst) (i32.const -1))
                (i32.store offset=12 (local.get $dst) (i32.const -1))
                (local.set $ccount (i32.add (local.get $ccount) (i32.const 1)))
              )
            )
          )
        )
        (br_if $done (i32.and (i32.eqz (local.get $ccount)) (i32.or (local.get $matched) (i32.ge_u (local.get $pos) (local.get $len)))))
        (local.set $npos (i32.add (local.get $pos) (i32.const 1)))
        (local.set $ncount (i32.const 0))
        (local.set $i (i32.const 0))
        (block $cut
          (loop $threads
            (br_if $cut (i32.ge_u (local.get $i) (local.get $ccount)))
            (local.set $t (i32.load (i32.add (local.get $cl) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $tc (i32.add (i32.add (local.get $cl) (i32.const 40)) (i32.mul (local.get $i) (i32.const 16))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (block $next
              (block $t8
                (block $t7
                  (block $t6
                  (block $t5
                  (block $t4
                  (block $t3
                  (block $t2
                  (block $t1
                  (block $t0
                  (br_table $t0 $t1 $t2 $t3 $t4 $t5 $t6 $t7 $t8 (local.get $t))
                  )
                  (local.set $matched (i32.const 1))
                  (i64.store offset=8 (local.get $ws) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=16 (local.get $ws) (i64.load offset=8 (local.get $tc)))
                  (br $cut)
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 9))
                  (then
                  (if (i32.ne (i32.load offset=4 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=4 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 1))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 40)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=0 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=0 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 0))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 40)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i32.store offset=0 (local.get $dst) (i32.load offset=0 (local.get $tc)))
                  (i32.store offset=4 (local.get $dst) (local.get $npos))
                  (i32.store offset=8 (local.get $dst) (i32.load offset=8 (local.get $tc)))
                  (i32.store offset=12 (local.get $dst) (local.get $npos))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.eq (local.get $c) (i32.const 47))
                  (then
                  (if (i32.ne (i32.load offset=4 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=4 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 1))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 40)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i32.store offset=8 (local.get $dst) (local.get $npos))
                  (i32.store offset=12 (local.get $dst) (i32.load offset=12 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=0 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=0 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 0))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 40)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i32.store offset=0 (local.get $dst) (i32.load offset=0 (local.get $tc)))
                  (i32.store offset=4 (local.get $dst) (local.get $npos))
                  (i32.store offset=8 (local.get $dst) (local.get $npos))
                  (i32.store offset=12 (local.get $dst) (local.get $npos))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.eq (local.get $c) (i32.const 97))
                  (then
                  (if (i32.ne (i32.load offset=8 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=8 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 2))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 40)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.eq (local.get $c) (i32.const 110))
                  (then
                  (if (i32.ne (i32.load offset=12 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=12 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 3))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 40)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.eq (local.get $c) (i32.const 97))
                  (then
                  (if (i32.ne (i32.load offset=16 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=16 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 4))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 40)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.eq (local.get $c) (i32.const 110))
                  (then
                  (if (i32.ne (i32.load offset=20 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=20 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 5))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 40)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                )
                (if (i32.eq (local.get $c) (i32.const 97))
                  (then
                  (if (i32.ne (i32.load offset=24 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=24 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 6))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 40)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                )
                (br $next)
              )
              (if (i32.eq (local.get $c) (i32.const 98))
                (then
                  (if (i32.ne (i32.load offset=28 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=28 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 7))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 40)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                )
              )
            )
            (br $threads)
          )
        )
        (local.set $tmp (local.get $cl))
        (local.set $cl (local.get $nl))
        (local.set $nl (local.get $tmp))
        (local.set $ccount (local.get $ncount))
        (local.set $stamp (local.get $nstamp))
        (br_if $done (i32.ge_u (local.get $pos) (local.get $len)))
        (local.set $pos (local.get $npos))
        (br $step)
      )
    )
    (i32.store (local.get $ws) (i32.add (local.get $stamp) (i32.const 1)))
    (local.get $matched)
  )
  (func $re0_replace__search__skip (param $p i32) (param $len i32) (param $pos i32) (result i32) (local $c i32) (local $w i64)
    (block $end
    (block $found
      (loop $skip
        (if (i32.ge_u (i32.sub (local.get $len) (local.get $pos)) (i32.const 8)) (then
          (local.set $w (i64.load (i32.add (local.get $p) (local.get $pos))))
          (local.set $w (i64.and (i64.and (i64.sub (i64.xor (local.get $w) (i64.const 7089336938131513954)) (i64.const 72340172838076673)) (i64.xor (i64.xor (local.get $w) (i64.const 7089336938131513954)) (i64.const -1))) (i64.const -9187201950435737472)))
          (if (i64.eqz (local.get $w)) (then (local.set $pos (i32.add (local.get $pos) (i32.const 8))) (br $skip)))
          (local.set $pos (i32.add (local.get $pos) (i32.wrap_i64 (i64.shr_u (i64.ctz (local.get $w)) (i64.const 3)))))
          (br $found)))
        (br_if $end (i32.ge_u (local.get $pos) (local.get $len)))
        (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $pos))))
        (br_if $found (i32.eq (local.get $c) (i32.const 98)))
        (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
        (br $skip)))
    (return (local.get $pos)))
    (local.get $len))
  (func $re0_replace__runelen (param $p i32) (param $n i32) (result i32) (local $c i32) (local $c1 i32) (local $c2 i32) (local $c3 i32) (local $l i32)
    (if (i32.le_s (local.get $n) (i32.const 0)) (then (return (i32.const 1))))
    (local.set $c (i32.load8_u (local.get $p)))
    (if (i32.lt_u (local.get $c) (i32.const 0x80)) (then (return (i32.const 1))))
    (if (i32.lt_s (local.get $n)
          (select (i32.const 2) (select (i32.const 3) (i32.const 4) (i32.lt_u (local.get $c) (i32.const 0xF0)))
            (i32.lt_u (local.get $c) (i32.const 0xE0))))
      (then (return (i32.const 1))))
    (local.set $c1 (i32.xor (i32.load8_u offset=1 (local.get $p)) (i32.const 0x80)))
    (if (i32.and (local.get $c1) (i32.const 0xC0)) (then (return (i32.const 1))))
    (if (i32.lt_u (local.get $c) (i32.const 0xE0)) (then
      (if (i32.lt_u (local.get $c) (i32.const 0xC0)) (then (return (i32.const 1))))
      (local.set $l (i32.and (i32.or (i32.shl (local.get $c) (i32.const 6)) (local.get $c1)) (i32.const 0x7FF)))
      (return (select (i32.const 1) (i32.const 2) (i32.le_u (local.get $l) (i32.const 0x7F))))))
    (local.set $c2 (i32.xor (i32.load8_u offset=2 (local.get $p)) (i32.const 0x80)))
    (if (i32.and (local.get $c2) (i32.const 0xC0)) (then (return (i32.const 1))))
    (local.set $l (i32.or (i32.shl (i32.or (i32.shl (local.get $c) (i32.const 6)) (local.get $c1)) (i32.const 6)) (local.get $c2)))
    (if (i32.lt_u (local.get $c) (i32.const 0xF0)) (then
      (return (select (i32.const 1) (i32.const 3) (i32.le_u (i32.and (local.get $l) (i32.const 0xFFFF)) (i32.const 0x7FF))))))
    (local.set $c3 (i32.xor (i32.load8_u offset=3 (local.get $p)) (i32.const 0x80)))
    (if (i32.and (local.get $c3) (i32.const 0xC0)) (then (return (i32.const 1))))
    (if (i32.ge_u (local.get $c) (i32.const 0xF8)) (then (return (i32.const 1))))
    (local.set $l (i32.and (i32.or (i32.shl (local.get $l) (i32.const 6)) (local.get $c3)) (i32.const 0x1FFFFF)))
    (if (i32.or (i32.le_u (local.get $l) (i32.const 0xFFFF)) (i32.gt_u (local.get $l) (i32.const 0x10FFFF)))
      (then (return (i32.const 1))))
    (i32.const 4))


  (data (i32.const 1024) "\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00a configauth_clustera string\00\00\00\00\01\00\00\00\00\00\00\00\08\00\00\00T\04\00\00authpublic_prefix/publictimeouta duration such as \22250ms\22, \222s\22 or \221m30s\22\00\00\00\00\00\00\04\00\00\00\00\00\00\00+\00\00\00\8f\04\00\00allowed_methodsa list<string>\00\00\00\05\00\00\00`\04\00\00\0e\00\00\00\df\04\00\00GETHEADPOST\00\00\00\00\00\03\00\00\00\00\00\00\00\03\00\00\00\00\05\00\00\04\00\00\00\03\05\00\00\04\00\00\00\07\05\00\00auth_cluster, public_prefix, timeout, allowed_methods\00\00\00\07\00\00\00\04\00\00\00\08\00\00\00@\04\00\005\00\00\000\05\00\00\0c\00\00\00H\04\00\00`\04\00\00\00\00\00\00\04\00\00\00p\04\00\00\00\00\00\00\00\00\00\00\0d\00\00\00t\04\00\00`\04\00\00\00\00\00\00\07\00\00\00\81\04\00\00\00\00\00\00\00\00\00\00\07\00\00\00\88\04\00\00\c0\04\00\00\00\00\00\00\f4\01\00\00\00\00\00\00\00\00\00\00\00\00\00\00\0f\00\00\00\d0\04\00\00\f0\04\00\00\00\00\00\00\10\05\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\04\00\00\00p\04\00\00\07\00\00\00\81\04\00\00\f4\01\00\00\00\00\00\00\10\05\00\00\00\00\00\00:pathx-filtergatewayx-internal-token:methodmethod not allowedauthorizationmissing credentialswww-authenticateBearer\00\00\00\00\00\01\00\00\00\00\00\00\00\10\00\00\00\85\06\00\00\06\00\00\00\95\06\00\00/checkx-served-bypwc/apicache-controlno-storeforbiddenx-userallowed gateway: runtime error at gateway.pwf:\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00int(): the string is not an integerinteger overflowdivision by zeroout of memoryrespond: the status is not between 100 and 599call: the timeout is not between 1ms and 2^31-1msrefused: the path does not start with '/'refused: the method is not an HTTP tokenrefused: the host is not host[:port] (at most 512 bytes)refused: the header name is not a token, or names a framing headerstring(), int(), double() or bool(): the value does not convertbad request\0ainternal error in filter\0agateway: bad configuration: timeout: a call timeout must be between 1ms and 2147483647ms\22expected , got malformed JSON at byte unknown key  (known keys: )missing required key duplicate key bad pattern: too large or nested too deeply, at byte not a JSON object, at byte gateway: bad configuration: x-envoy-upstream-service-timegateway: could not define metric pwc.gateway.responded.line_20pwc.gateway.responded.line_28pwc.gateway.responded.line_38pwc.gateway.errors.line_14pwc.gateway.errors.line_16pwc.gateway.errors.line_17pwc.gateway.errors.line_19pwc.gateway.errors.line_23pwc.gateway.errors.line_27pwc.gateway.errors.line_31pwc.gateway.errors.line_40pwc.gateway.errors.line_41pwc.gateway.errors.line_45pwc.gateway.errors.line_46pwc.gateway.errors.line_47")
)
