;; generated
  (func $pwc_request (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $t0 i32)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (call $pwc_open_record (local.get $ctx) (i32.const 0)))))
    (if (i32.eqz (local.get $rec)) (then (call $pwc_fail (i32.const 0)) (return (i32.const 1))))
    (local.set $config (i32.load offset=16 (local.get $rec)))
    (if (i32.eqz (local.get $config)) (then (local.set $config (i32.const 1152))))
    (block $fail (result i32)
      ;; access-log.pwf:12: if request.headers["authorization"] == "" && request.url_pat
      i32.const 0
      i64.const 5016521801741  ;; b'authorization'
      call $hdr_get
      i64.const 0
      call $str_eq
      (if (result i32)
        (then
          i32.const 0
          i64.const 5072356376581  ;; b':path'
          call $hdr_get_first
          call $url_path_of
          i64.const 5093831213062  ;; b'/admin'
          call $str_starts_with
        )
        (else
          i32.const 0
        )
      )
      local.set $t0
      (br_if $fail (i32.const 12) (global.get $rt_error))
      drop
      local.get $t0
      (if
        (then
          ;; access-log.pwf:13: respond 401 "credentials needed\n"
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_0))
          i64.const 401
          i32.wrap_i64
          i64.const 5119601016851  ;; b'credentials needed\n'
          i32.const 0
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      (call $pwc_snapshot (local.get $ctx))
      (return (i32.const 0))
    )
    ;; a run-time error: the line number is on the stack
    local.set $line
    (call $pwc_snapshot (local.get $ctx))
    (call $pwc_fail (local.get $line))
    (i32.const 1)
  )
  (func $pwc_done (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $t0 i64)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    ;; zeros when the request phase never ran
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (i32.const 1024))))
    (local.set $config (i32.load offset=16 (local.get $rec)))
    (if (i32.eqz (local.get $config)) (then (local.set $config (i32.const 1152))))
    (block $fail (result i32)
      ;; access-log.pwf:18: call config.collector {
      i64.const 5201205395467  ;; b'{"method":"'
      (local.get $rec) (i64.load offset=0)
      call $str_concat
      i64.const 5248450035722  ;; b'","path":"'
      call $str_concat
      (local.get $rec) (i64.load offset=8)
      call $url_encode
      call $str_concat
      i64.const 5291399708683  ;; b'","status":'
      call $str_concat
      i32.const 2
      i64.const 5338644348935  ;; b':status'
      call $hdr_get_first
      call $status_or_zero
      call $i64_to_str
      call $str_concat
      i64.const 5368709120001  ;; b'}'
      call $str_concat
      local.set $t0
      (br_if $fail (i32.const 18) (global.get $rt_error))
      drop
      (local.get $config) (i64.load offset=8)
      i64.const 5373004087300  ;; b'POST'
      i64.const 5390183956484  ;; b'/log'
      (local.get $config) (i64.load offset=8)
      i32.const 1288
      local.get $t0
      i64.const 1000
      local.get $ctx
      call $http_call_detached
      (br_if $fail (i32.const 18) (global.get $rt_error))
      drop
      (return (i32.const 0))
    )
    ;; a run-time error: the line number is on the stack
    local.set $line
    (call $pwc_quiet_fail (local.get $line))
    (i32.const 1)
  )
  (func $pwc_snapshot (param $ctx i32)
    (local $rec i32)
    (local.set $rec (call $stream_get (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (return)))
    local.get $rec
    i32.const 0
    i64.const 5634997092359  ;; b':method'
    call $hdr_get_first
    call $str_pcopy
    (call $str_pfree (i64.load offset=0 (local.get $rec)))
    i64.store offset=0
    local.get $rec
    i32.const 0
    i64.const 5072356376581  ;; b':path'
    call $hdr_get_first
    call $url_path_of
    call $str_pcopy
    (call $str_pfree (i64.load offset=8 (local.get $rec)))
    i64.store offset=8
  )
  (func $pwc_release (param $ctx i32)
    (local $rec i32)
    (local.set $rec (call $stream_take (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (return)))
    (call $str_pfree (i64.load offset=0 (local.get $rec)))
    (call $str_pfree (i64.load offset=8 (local.get $rec)))
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
    (global.set $call_root (local.get $root))
    (local.set $text (call $plugin_config_text (local.get $size)))
    (local.set $config (call $config_load (local.get $text) (i32.const 1096)))
    (if (i32.eqz (local.get $config))
      (then (call $pwc_config_error) (return (i32.const 0)))
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
    (if (i32.eq (local.get $code) (i32.const 1)) (then (local.set $message (call $str_concat (i64.const 5733781340183) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 2)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (call $str_concat (i64.const 5832565587980) (call $str_concat (call $str_concat (i64.const 5665061863425) (global.get $cfg_fail_key)) (i64.const 5665061863425))) (i64.const 5884105195534)) (i64.load offset=16 (global.get $cfg_fail_type))) (i64.const 5944234737665)))))
    (if (i32.eq (local.get $code) (i32.const 3)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (i64.const 5669356830729) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 5708011536390)) (call $cfg_got_text)))))
    (if (i32.eq (local.get $code) (i32.const 4)) (then (local.set $message (call $str_concat (i64.const 5948529704981) (call $str_concat (call $str_concat (i64.const 5665061863425) (global.get $cfg_fail_key)) (i64.const 5665061863425))))))
    (if (i32.eq (local.get $code) (i32.const 5)) (then (local.set $message (call $str_concat (i64.const 6038724018190) (call $str_concat (call $str_concat (i64.const 5665061863425) (global.get $cfg_fail_key)) (i64.const 5665061863425))))))
    (if (i32.eq (local.get $code) (i32.const 6)) (then (local.set $message (if (result i64) (i64.eqz (global.get $cfg_fail_detail)) (then (call $str_concat (call $str_concat (call $str_concat (i64.const 5669356830729) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 5708011536390)) (call $cfg_got_text))) (else (call $str_concat (i64.const 6098853560333) (global.get $cfg_fail_detail)))))))
    (if (i32.eq (local.get $code) (i32.const 7)) (then (local.set $message (call $str_concat (i64.const 6154688135208) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 8)) (then (local.set $message (call $str_concat (i64.const 6326486827035) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (call $log (i32.const 4) (call $str_concat (call $str_concat (i64.const 6442450944031) (call $cfg_path_prefix)) (local.get $message)))
  )
  (func (export "proxy_on_context_create") (param $ctx i32) (param $parent i32)
    (if (local.get $parent) (then (drop (call $pwc_open_record (local.get $ctx) (local.get $parent)))))
  )
  (func $pwc_open_record (param $ctx i32) (param $parent i32) (result i32)
    (local $rec i32)
    (local.set $rec (call $record_open (local.get $ctx) (i32.const 24)))
    (if (i32.and (i32.ne (local.get $rec) (i32.const 0)) (i32.ne (local.get $parent) (i32.const 0))) (then (i32.store offset=16 (local.get $rec) (call $stream_get (local.get $parent)))))
    (local.get $rec)
  )
  (func (export "proxy_on_log") (param $ctx i32)
    (local $mark i32)
    (local.set $mark (global.get $scratch_top))
    (global.set $rt_error (i32.const 0))
    (call $hdr_invalidate_all)
    (drop (call $pwc_done (local.get $ctx)))
    ;; scratch is released; the header caches pointing into it are dropped at the next entry
    (global.set $scratch_top (local.get $mark))
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
  (func (export "proxy_on_delete") (param $ctx i32)
    (call $pwc_release (local.get $ctx))
  )
  (global $pwc_metric_0 (mut i32) (i32.const -1))  ;; pwc.access-log.responded.line_13
  (global $pwc_metric_1 (mut i32) (i32.const -1))  ;; pwc.access-log.errors.line_12
  (global $pwc_metric_2 (mut i32) (i32.const -1))  ;; pwc.access-log.errors.line_18
  (func $pwc_define_metric (param $kind i32) (param $name i64) (result i32)
    (local $id i32)
    (local.set $id (call $metric_define (local.get $kind) (local.get $name)))
    ;; a metric Envoy refuses is not counted; the filter works on without it
    (if (i32.eq (local.get $id) (i32.const -1)) (then
      (memory.copy (i32.const 1567) (call $str_ptr (local.get $name)) (call $str_len (local.get $name)))
      (call $log (i32.const 3) (call $str_pack (i32.const 1531) (i32.add (i32.const 36) (call $str_len (local.get $name)))))
    ))
    (local.get $id)
  )
  (func $pwc_define_metrics
    (global.set $pwc_metric_0 (call $pwc_define_metric (i32.const 0) (i64.const 6867652706336)))
    (global.set $pwc_metric_1 (call $pwc_define_metric (i32.const 0) (i64.const 7005091659805)))
    (global.set $pwc_metric_2 (call $pwc_define_metric (i32.const 0) (i64.const 7129645711389)))
  )
  (func $pwc_count_error (param $line i32)
    (if (i32.eq (local.get $line) (i32.const 12)) (then (call $metric_increment (global.get $pwc_metric_1))))
    (if (i32.eq (local.get $line) (i32.const 18)) (then (call $metric_increment (global.get $pwc_metric_2))))
  )
  (func $pwc_fail (param $line i32)
    (local $end i32) (local $message i64)
    (call $pwc_count_error (local.get $line))  ;; pwc.FILTER.errors.line_N
    (local.set $end (i32.add (i32.const 1733) (call $write_decimal (i32.const 1733) (local.get $line))))
    (i32.store16 (local.get $end) (i32.const 0x203a))  ;; ": "
    (if (i32.eq (global.get $rt_error) (i32.const 4)) (then (local.set $message (i64.const 7550552506381))))
    (memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message)) (call $str_len (local.get $message)))
    (call $log (i32.const 4) (call $str_pack (i32.const 1689) (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message))) (i32.const 1689))))
    (call $send_error_reply (i32.const 500) (i64.const 7606387081241))
    (global.set $rt_error (i32.const 0))
  )
  (func $pwc_quiet_fail (param $line i32)
    (local $end i32) (local $message i64)
    (call $pwc_count_error (local.get $line))  ;; pwc.FILTER.errors.line_N
    (local.set $end (i32.add (i32.const 1840) (call $write_decimal (i32.const 1840) (local.get $line))))
    (i32.store16 (local.get $end) (i32.const 0x203a))  ;; ": "
    (if (i32.eq (global.get $rt_error) (i32.const 4)) (then (local.set $message (i64.const 7550552506381))))
    (memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message)) (call $str_len (local.get $message)))
    (call $log (i32.const 4) (call $str_pack (i32.const 1796) (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message))) (i32.const 1796))))
    (global.set $rt_error (i32.const 0))
  )

  (data (i32.const 1048) "a configcollectora string\00\00\00\00\00\00\00\01\00\00\00\00\00\00\00\08\00\00\00)\04\00\00\07\00\00\00\01\00\00\00\08\00\00\00\18\04\00\00\09\00\00\00 \04\00\00\09\00\00\00 \04\00\008\04\00\00\00\00\00\00\09\00\00\00 \04")
  (data (i32.const 1160) "\09\00\00\00 \04\00\00authorization:path/admincredentials needed\0a{\22method\22:\22\22,\22path\22:\22\22,\22status\22::status}POST/logcontent-typeapplication/json\00\01\00\00\00\00\00\00\00\0c\00\00\00\eb\04\00\00\10\00\00\00\f7\04\00\00:method\22expected , got malformed JSON at byte unknown key  (known keys: )missing required key duplicate key bad pattern: too large or nested too deeply, at byte not a JSON object, at byte access-log: bad configuration: access-log: could not define metric ")
  (data (i32.const 1599) "pwc.access-log.responded.line_13pwc.access-log.errors.line_12pwc.access-log.errors.line_18access-log: runtime error at access-log.pwf:")
  (data (i32.const 1758) "out of memoryinternal error in filter\0aaccess-log: runtime error at access-log.pwf:")
)
