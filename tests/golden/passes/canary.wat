;; generated
  (func $pwc_request (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $let_user_0 i64)
    (local $let_forced_1 i64)
    (local $let_bucket_2 i64)
    (local $let_version_3 i64)
    (local $t4 i32)
    (local $t5 i64)
    (local $t6 i64)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (call $pwc_open_record (local.get $ctx) (i32.const 0)))))
    (if (i32.eqz (local.get $rec)) (then (call $pwc_fail (i32.const 0)) (return (i32.const 1))))
    (block $fail (result i32)
      ;; canary.pwf:7: let user = request.headers["x-user-id"]
      i32.const 0
      i64.const 4432406249481  ;; b'x-user-id'
      call $hdr_get
      local.set $let_user_0
      (br_if $fail (i32.const 7) (global.get $rt_error))
      drop
      ;; canary.pwf:8: let forced = request.headers["x-canary"].lowerAscii()
      i32.const 0
      i64.const 4471060955144  ;; b'x-canary'
      call $hdr_get
      call $str_lower_ascii
      local.set $let_forced_1
      (br_if $fail (i32.const 8) (global.get $rt_error))
      drop
      ;; canary.pwf:9: let bucket = size(user) > 0 && user.endsWith("7") ? "v2" : "
      local.get $let_user_0
      call $str_size
      i64.const 0
      i64.gt_s
      (if (result i32)
        (then
          local.get $let_user_0
          i64.const 4505420693505  ;; b'7'
          call $str_ends_with
        )
        (else
          i32.const 0
        )
      )
      (if (result i64)
        (then
          i64.const 4509715660802  ;; b'v2'
        )
        (else
          i64.const 4518305595394  ;; b'v1'
        )
      )
      local.set $let_bucket_2
      (br_if $fail (i32.const 9) (global.get $rt_error))
      drop
      ;; canary.pwf:10: let version = forced == "always" ? "v2" : forced == "never" 
      local.get $let_forced_1
      i64.const 4526895529990  ;; b'always'
      call $str_eq
      (if (result i64)
        (then
          i64.const 4509715660802  ;; b'v2'
        )
        (else
          local.get $let_forced_1
          i64.const 4552665333765  ;; b'never'
          call $str_eq
          (if (result i64)
            (then
              i64.const 4518305595394  ;; b'v1'
            )
            (else
              local.get $let_bucket_2
            )
          )
        )
      )
      local.set $let_version_3
      (br_if $fail (i32.const 10) (global.get $rt_error))
      drop
      local.get $rec
      local.get $let_version_3
      call $str_pcopy
      (call $str_pfree (i64.load offset=0 (local.get $rec)))
      i64.store offset=0
      (br_if $fail (i32.const 10) (global.get $rt_error))
      drop
      ;; canary.pwf:12: if version == "v2" && request.url_path.startsWith("/api/") {
      local.get $let_version_3
      i64.const 4509715660802  ;; b'v2'
      call $str_eq
      (if (result i32)
        (then
          i32.const 0
          i64.const 4574140170245  ;; b':path'
          call $hdr_get_first
          call $url_path_of
          i64.const 4595615006725  ;; b'/api/'
          call $str_starts_with
        )
        (else
          i32.const 0
        )
      )
      local.set $t4
      (br_if $fail (i32.const 12) (global.get $rt_error))
      drop
      local.get $t4
      (if
        (then
          ;; canary.pwf:13: set request.url_path = "/v2" + request.url_path
          i32.const 0
          i64.const 4574140170245  ;; b':path'
          call $hdr_get_first
          i64.const 4617089843203  ;; b'/v2'
          i32.const 0
          i64.const 4574140170245  ;; b':path'
          call $hdr_get_first
          call $url_path_of
          call $str_concat
          call $path_with_url_path
          call $request_target
          local.set $t5
          (br_if $fail (i32.const 13) (global.get $rt_error))
          drop
          i32.const 0
          i64.const 4574140170245  ;; b':path'
          local.get $t5
          call $hdr_set_raw
          (br_if $fail (i32.const 13) (global.get $rt_error))
          drop
        )
      )
      ;; canary.pwf:15: set request.headers["x-api-version"] = version
      local.get $let_version_3
      call $str_strip_ctl
      local.set $t6
      (br_if $fail (i32.const 15) (global.get $rt_error))
      drop
      i32.const 0
      i64.const 4629974745101  ;; b'x-api-version'
      local.get $t6
      call $hdr_set_raw
      (br_if $fail (i32.const 15) (global.get $rt_error))
      drop
      ;; canary.pwf:16: add request.headers["via"] = "pwc-canary"
      i32.const 0
      i64.const 4685809319939  ;; b'via'
      i64.const 4698694221834  ;; b'pwc-canary'
      call $hdr_add_raw
      (br_if $fail (i32.const 16) (global.get $rt_error))
      drop
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
    (local $t0 i64)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    ;; zeros when the request phase never ran
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (i32.const 1024))))
    (block $fail (result i32)
      ;; canary.pwf:20: set response.headers["x-api-version"] = version
      (local.get $rec) (i64.load offset=0)
      call $str_strip_ctl
      local.set $t0
      (br_if $fail (i32.const 20) (global.get $rt_error))
      drop
      i32.const 2
      i64.const 4629974745101  ;; b'x-api-version'
      local.get $t0
      call $hdr_set_raw
      (br_if $fail (i32.const 20) (global.get $rt_error))
      drop
      (return (i32.const 0))
    )
    ;; a run-time error: the line number is on the stack
    local.set $line
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
    (call $str_pfree (i64.load offset=0 (local.get $rec)))
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
        (call $log (i32.const 4) (i64.const 4741643894845))
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
    (local.set $rec (call $record_open (local.get $ctx) (i32.const 8)))
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
  (func (export "proxy_on_delete") (param $ctx i32)
    (call $pwc_release (local.get $ctx))
  )
  (global $pwc_metric_0 (mut i32) (i32.const -1))  ;; pwc.canary.errors.line_7
  (global $pwc_metric_1 (mut i32) (i32.const -1))  ;; pwc.canary.errors.line_8
  (global $pwc_metric_2 (mut i32) (i32.const -1))  ;; pwc.canary.errors.line_9
  (global $pwc_metric_3 (mut i32) (i32.const -1))  ;; pwc.canary.errors.line_10
  (global $pwc_metric_4 (mut i32) (i32.const -1))  ;; pwc.canary.errors.line_12
  (global $pwc_metric_5 (mut i32) (i32.const -1))  ;; pwc.canary.errors.line_13
  (global $pwc_metric_6 (mut i32) (i32.const -1))  ;; pwc.canary.errors.line_15
  (global $pwc_metric_7 (mut i32) (i32.const -1))  ;; pwc.canary.errors.line_16
  (global $pwc_metric_8 (mut i32) (i32.const -1))  ;; pwc.canary.errors.line_20
  (func $pwc_define_metric (param $kind i32) (param $name i64) (result i32)
    (local $id i32)
    (local.set $id (call $metric_define (local.get $kind) (local.get $name)))
    ;; a metric Envoy refuses is not counted; the filter works on without it
    (if (i32.eq (local.get $id) (i32.const -1)) (then
      (memory.copy (i32.const 1197) (call $str_ptr (local.get $name)) (call $str_len (local.get $name)))
      (call $log (i32.const 3) (call $str_pack (i32.const 1165) (i32.add (i32.const 32) (call $str_len (local.get $name)))))
    ))
    (local.get $id)
  )
  (func $pwc_define_metrics
    (global.set $pwc_metric_0 (call $pwc_define_metric (i32.const 0) (i64.const 5248450035736)))
    (global.set $pwc_metric_1 (call $pwc_define_metric (i32.const 0) (i64.const 5351529250840)))
    (global.set $pwc_metric_2 (call $pwc_define_metric (i32.const 0) (i64.const 5454608465944)))
    (global.set $pwc_metric_3 (call $pwc_define_metric (i32.const 0) (i64.const 5557687681049)))
    (global.set $pwc_metric_4 (call $pwc_define_metric (i32.const 0) (i64.const 5665061863449)))
    (global.set $pwc_metric_5 (call $pwc_define_metric (i32.const 0) (i64.const 5772436045849)))
    (global.set $pwc_metric_6 (call $pwc_define_metric (i32.const 0) (i64.const 5879810228249)))
    (global.set $pwc_metric_7 (call $pwc_define_metric (i32.const 0) (i64.const 5987184410649)))
    (global.set $pwc_metric_8 (call $pwc_define_metric (i32.const 0) (i64.const 6094558593049)))
  )
  (func $pwc_count_error (param $line i32)
    (if (i32.eq (local.get $line) (i32.const 7)) (then (call $metric_increment (global.get $pwc_metric_0))))
    (if (i32.eq (local.get $line) (i32.const 8)) (then (call $metric_increment (global.get $pwc_metric_1))))
    (if (i32.eq (local.get $line) (i32.const 9)) (then (call $metric_increment (global.get $pwc_metric_2))))
    (if (i32.eq (local.get $line) (i32.const 10)) (then (call $metric_increment (global.get $pwc_metric_3))))
    (if (i32.eq (local.get $line) (i32.const 12)) (then (call $metric_increment (global.get $pwc_metric_4))))
    (if (i32.eq (local.get $line) (i32.const 13)) (then (call $metric_increment (global.get $pwc_metric_5))))
    (if (i32.eq (local.get $line) (i32.const 15)) (then (call $metric_increment (global.get $pwc_metric_6))))
    (if (i32.eq (local.get $line) (i32.const 16)) (then (call $metric_increment (global.get $pwc_metric_7))))
    (if (i32.eq (local.get $line) (i32.const 20)) (then (call $metric_increment (global.get $pwc_metric_8))))
  )
  (func $pwc_fail (param $line i32)
    (local $end i32) (local $message i64)
    (call $pwc_count_error (local.get $line))  ;; pwc.FILTER.errors.line_N
    (local.set $end (i32.add (i32.const 1480) (call $write_decimal (i32.const 1480) (local.get $line))))
    (i32.store16 (local.get $end) (i32.const 0x203a))  ;; ": "
    (if (i32.eq (global.get $rt_error) (i32.const 4)) (then (local.set $message (i64.const 6584184864781))))
    (if (i32.eq (global.get $rt_error) (i32.const 7)) (then (local.set $message (i64.const 6640019439657))))
    (memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message)) (call $str_len (local.get $message)))
    (call $log (i32.const 4) (call $str_pack (i32.const 1444) (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message))) (i32.const 1444))))
    (if (i32.eq (global.get $rt_error) (i32.const 7)) (then (call $send_error_reply (i32.const 400) (i64.const 6816113098764))) (else (call $send_error_reply (i32.const 500) (i64.const 6867652706329))))
    (global.set $rt_error (i32.const 0))
  )

  (data (i32.const 1032) "x-user-idx-canary7v2v1alwaysnever:path/api//v2x-api-versionviapwc-canarycanary: bad configuration: this filter takes no configurationcanary: could not define metric ")
  (data (i32.const 1222) "pwc.canary.errors.line_7pwc.canary.errors.line_8pwc.canary.errors.line_9pwc.canary.errors.line_10pwc.canary.errors.line_12pwc.canary.errors.line_13pwc.canary.errors.line_15pwc.canary.errors.line_16pwc.canary.errors.line_20canary: runtime error at canary.pwf:")
  (data (i32.const 1533) "out of memoryrefused: the path does not start with '/'bad request\0ainternal error in filter\0a")
)
