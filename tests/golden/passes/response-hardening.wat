;; generated
  (func $pwc_request (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (call $pwc_open_record (local.get $ctx) (i32.const 0)))))
    (if (i32.eqz (local.get $rec)) (then (call $pwc_fail (i32.const 0)) (return (i32.const 1))))
    (block $fail (result i32)
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
    (local $t1 i32)
    (local $t2 i64)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    ;; zeros when the request phase never ran
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (i32.const 1024))))
    (block $fail (result i32)
      ;; response-hardening.pwf:6: set response.headers["strict-transport-security"] = "max-age
      i32.const 2
      i64.const 4432406249497  ;; b'strict-transport-security'
      i64.const 4539780431907  ;; b'max-age=31536000; includeSubDomains'
      call $hdr_set_raw
      (br_if $fail (i32.const 6) (global.get $rt_error))
      drop
      ;; response-hardening.pwf:7: set response.headers["x-content-type-options"] = "nosniff"
      i32.const 2
      i64.const 4690104287254  ;; b'x-content-type-options'
      i64.const 4784593567751  ;; b'nosniff'
      call $hdr_set_raw
      (br_if $fail (i32.const 7) (global.get $rt_error))
      drop
      ;; response-hardening.pwf:8: set response.headers["referrer-policy"] = "no-referrer"
      i32.const 2
      i64.const 4814658338831  ;; b'referrer-policy'
      i64.const 4879082848267  ;; b'no-referrer'
      call $hdr_set_raw
      (br_if $fail (i32.const 8) (global.get $rt_error))
      drop
      ;; response-hardening.pwf:9: remove response.headers["x-powered-by"]
      i32.const 2
      i64.const 4926327488524  ;; b'x-powered-by'
      call $hdr_remove_raw
      (br_if $fail (i32.const 9) (global.get $rt_error))
      drop
      ;; response-hardening.pwf:10: remove response.headers["server"]
      i32.const 2
      i64.const 4977867096070  ;; b'server'
      call $hdr_remove_raw
      (br_if $fail (i32.const 10) (global.get $rt_error))
      drop
      ;; response-hardening.pwf:12: if response.headers["content-type"].startsWith("text/html") 
      i32.const 2
      i64.const 5003636899852  ;; b'content-type'
      call $hdr_get
      i64.const 5055176507401  ;; b'text/html'
      call $str_starts_with
      local.set $t0
      (br_if $fail (i32.const 12) (global.get $rt_error))
      drop
      local.get $t0
      (if
        (then
          ;; response-hardening.pwf:13: set response.headers["x-frame-options"] = "DENY"
          i32.const 2
          i64.const 5093831213071  ;; b'x-frame-options'
          i64.const 5158255722500  ;; b'DENY'
          call $hdr_set_raw
          (br_if $fail (i32.const 13) (global.get $rt_error))
          drop
          ;; response-hardening.pwf:14: set response.headers["content-security-policy"] = "default-s
          i32.const 2
          i64.const 5175435591703  ;; b'content-security-policy'
          i64.const 5274219839506  ;; b"default-src 'self'"
          call $hdr_set_raw
          (br_if $fail (i32.const 14) (global.get $rt_error))
          drop
        )
      )
      ;; response-hardening.pwf:18: if response.code >= 500 {
      i32.const 2
      i64.const 5351529250823  ;; b':status'
      call $hdr_get_first
      call $str_to_i64
      i64.const 500
      i64.ge_s
      local.set $t1
      (br_if $fail (i32.const 18) (global.get $rt_error))
      drop
      local.get $t1
      (if
        (then
          ;; response-hardening.pwf:19: set response.headers["cache-control"] = "no-store"
          i32.const 2
          i64.const 5381594021901  ;; b'cache-control'
          i64.const 5437428596744  ;; b'no-store'
          call $hdr_set_raw
          (br_if $fail (i32.const 19) (global.get $rt_error))
          drop
          ;; response-hardening.pwf:20: set response.headers["x-failed-path"] = request.url_path
          (local.get $rec) (i64.load offset=0)
          call $str_strip_ctl
          local.set $t2
          (br_if $fail (i32.const 20) (global.get $rt_error))
          drop
          i32.const 2
          i64.const 5471788335117  ;; b'x-failed-path'
          local.get $t2
          call $hdr_set_raw
          (br_if $fail (i32.const 20) (global.get $rt_error))
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
  (func $pwc_snapshot (param $ctx i32)
    (local $rec i32)
    (local.set $rec (call $stream_get (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (return)))
    local.get $rec
    i32.const 0
    i64.const 5527622909957  ;; b':path'
    call $hdr_get_first
    call $url_path_of
    call $str_pcopy
    (call $str_pfree (i64.load offset=0 (local.get $rec)))
    i64.store offset=0
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
        (call $log (i32.const 4) (i64.const 5549097746505))
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
  (global $pwc_metric_0 (mut i32) (i32.const -1))  ;; pwc.response-hardening.errors.line_6
  (global $pwc_metric_1 (mut i32) (i32.const -1))  ;; pwc.response-hardening.errors.line_7
  (global $pwc_metric_2 (mut i32) (i32.const -1))  ;; pwc.response-hardening.errors.line_8
  (global $pwc_metric_3 (mut i32) (i32.const -1))  ;; pwc.response-hardening.errors.line_9
  (global $pwc_metric_4 (mut i32) (i32.const -1))  ;; pwc.response-hardening.errors.line_10
  (global $pwc_metric_5 (mut i32) (i32.const -1))  ;; pwc.response-hardening.errors.line_12
  (global $pwc_metric_6 (mut i32) (i32.const -1))  ;; pwc.response-hardening.errors.line_13
  (global $pwc_metric_7 (mut i32) (i32.const -1))  ;; pwc.response-hardening.errors.line_14
  (global $pwc_metric_8 (mut i32) (i32.const -1))  ;; pwc.response-hardening.errors.line_18
  (global $pwc_metric_9 (mut i32) (i32.const -1))  ;; pwc.response-hardening.errors.line_19
  (global $pwc_metric_10 (mut i32) (i32.const -1))  ;; pwc.response-hardening.errors.line_20
  (func $pwc_define_metric (param $kind i32) (param $name i64) (result i32)
    (local $id i32)
    (local.set $id (call $metric_define (local.get $kind) (local.get $name)))
    ;; a metric Envoy refuses is not counted; the filter works on without it
    (if (i32.eq (local.get $id) (i32.const -1)) (then
      (memory.copy (i32.const 1409) (call $str_ptr (local.get $name)) (call $str_len (local.get $name)))
      (call $log (i32.const 3) (call $str_pack (i32.const 1365) (i32.add (i32.const 44) (call $str_len (local.get $name)))))
    ))
    (local.get $id)
  )
  (func $pwc_define_metrics
    (global.set $pwc_metric_0 (call $pwc_define_metric (i32.const 0) (i64.const 6210522710052)))
    (global.set $pwc_metric_1 (call $pwc_define_metric (i32.const 0) (i64.const 6365141532708)))
    (global.set $pwc_metric_2 (call $pwc_define_metric (i32.const 0) (i64.const 6519760355364)))
    (global.set $pwc_metric_3 (call $pwc_define_metric (i32.const 0) (i64.const 6674379178020)))
    (global.set $pwc_metric_4 (call $pwc_define_metric (i32.const 0) (i64.const 6828998000677)))
    (global.set $pwc_metric_5 (call $pwc_define_metric (i32.const 0) (i64.const 6987911790629)))
    (global.set $pwc_metric_6 (call $pwc_define_metric (i32.const 0) (i64.const 7146825580581)))
    (global.set $pwc_metric_7 (call $pwc_define_metric (i32.const 0) (i64.const 7305739370533)))
    (global.set $pwc_metric_8 (call $pwc_define_metric (i32.const 0) (i64.const 7464653160485)))
    (global.set $pwc_metric_9 (call $pwc_define_metric (i32.const 0) (i64.const 7623566950437)))
    (global.set $pwc_metric_10 (call $pwc_define_metric (i32.const 0) (i64.const 7782480740389)))
  )
  (func $pwc_count_error (param $line i32)
    (if (i32.eq (local.get $line) (i32.const 6)) (then (call $metric_increment (global.get $pwc_metric_0))))
    (if (i32.eq (local.get $line) (i32.const 7)) (then (call $metric_increment (global.get $pwc_metric_1))))
    (if (i32.eq (local.get $line) (i32.const 8)) (then (call $metric_increment (global.get $pwc_metric_2))))
    (if (i32.eq (local.get $line) (i32.const 9)) (then (call $metric_increment (global.get $pwc_metric_3))))
    (if (i32.eq (local.get $line) (i32.const 10)) (then (call $metric_increment (global.get $pwc_metric_4))))
    (if (i32.eq (local.get $line) (i32.const 12)) (then (call $metric_increment (global.get $pwc_metric_5))))
    (if (i32.eq (local.get $line) (i32.const 13)) (then (call $metric_increment (global.get $pwc_metric_6))))
    (if (i32.eq (local.get $line) (i32.const 14)) (then (call $metric_increment (global.get $pwc_metric_7))))
    (if (i32.eq (local.get $line) (i32.const 18)) (then (call $metric_increment (global.get $pwc_metric_8))))
    (if (i32.eq (local.get $line) (i32.const 19)) (then (call $metric_increment (global.get $pwc_metric_9))))
    (if (i32.eq (local.get $line) (i32.const 20)) (then (call $metric_increment (global.get $pwc_metric_10))))
  )
  (func $pwc_fail (param $line i32)
    (local $end i32) (local $message i64)
    (call $pwc_count_error (local.get $line))  ;; pwc.FILTER.errors.line_N
    (local.set $end (i32.add (i32.const 1909) (call $write_decimal (i32.const 1909) (local.get $line))))
    (i32.store16 (local.get $end) (i32.const 0x203a))  ;; ": "
    (if (i32.eq (global.get $rt_error) (i32.const 1)) (then (local.set $message (i64.const 8400956031011))))
    (if (i32.eq (global.get $rt_error) (i32.const 2)) (then (local.set $message (i64.const 8551279886352))))
    (if (i32.eq (global.get $rt_error) (i32.const 4)) (then (local.set $message (i64.const 8619999363085))))
    (memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message)) (call $str_len (local.get $message)))
    (call $log (i32.const 4) (call $str_pack (i32.const 1849) (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message))) (i32.const 1849))))
    (call $send_error_reply (i32.const 500) (i64.const 8675833937945))
    (global.set $rt_error (i32.const 0))
  )

  (data (i32.const 1032) "strict-transport-securitymax-age=31536000; includeSubDomainsx-content-type-optionsnosniffreferrer-policyno-referrerx-powered-byservercontent-typetext/htmlx-frame-optionsDENYcontent-security-policydefault-src 'self':statuscache-controlno-storex-failed-path:pathresponse-hardening: bad configuration: this filter takes no configurationresponse-hardening: could not define metric ")
  (data (i32.const 1446) "pwc.response-hardening.errors.line_6pwc.response-hardening.errors.line_7pwc.response-hardening.errors.line_8pwc.response-hardening.errors.line_9pwc.response-hardening.errors.line_10pwc.response-hardening.errors.line_12pwc.response-hardening.errors.line_13pwc.response-hardening.errors.line_14pwc.response-hardening.errors.line_18pwc.response-hardening.errors.line_19pwc.response-hardening.errors.line_20response-hardening: runtime error at response-hardening.pwf:")
  (data (i32.const 1956) "int(): the string is not an integerinteger overflowout of memoryinternal error in filter\0a")
)
