;; generated
  (func $pwc_request (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $let_metric_0 i64)
    (local $let_given_1 i32)
    (local $t2 i32)
    (local $t3 i32)
    (local $t4 i64)
    (block $fail (result i32)
      ;; metrics.pwf:17: count requests
      (global.get $pwc_metric_0)
      call $metric_increment
      ;; metrics.pwf:18: let metric = request.headers["x-envoy-wasm-metric"]
      i32.const 0
      i64.const 4398046511123  ;; b'x-envoy-wasm-metric'
      call $hdr_get
      local.set $let_metric_0
      (br_if $fail (i32.const 18) (global.get $rt_error))
      drop
      ;; metrics.pwf:19: let given = "x-envoy-wasm-metric-value" in request.headers
      i32.const 0
      i64.const 4479650889753  ;; b'x-envoy-wasm-metric-value'
      call $hdr_has
      local.set $let_given_1
      (br_if $fail (i32.const 19) (global.get $rt_error))
      drop
      ;; metrics.pwf:20: if metric == "histogram" {
      local.get $let_metric_0
      i64.const 4587025072137  ;; b'histogram'
      call $str_eq
      local.set $t3
      (br_if $fail (i32.const 20) (global.get $rt_error))
      drop
      local.get $t3
      (if
        (then
          ;; metrics.pwf:21: observe wasm_histogram given ? int(request.headers["x-envoy-
          local.get $let_given_1
          (if (result i64)
            (then
              i32.const 0
              i64.const 4479650889753  ;; b'x-envoy-wasm-metric-value'
              call $hdr_get
              call $str_to_i64
            )
            (else
              i64.const 0
            )
          )
          local.set $t4
          (br_if $fail (i32.const 21) (global.get $rt_error))
          drop
          (global.get $pwc_metric_2)
          local.get $t4
          call $metric_record
        )
        (else
          ;; metrics.pwf:22: } else if metric == "counter" {
          local.get $let_metric_0
          i64.const 4625679777799  ;; b'counter'
          call $str_eq
          local.set $t2
          (br_if $fail (i32.const 22) (global.get $rt_error))
          drop
          local.get $t2
          (if
            (then
              ;; metrics.pwf:23: count wasm_counter
              (global.get $pwc_metric_1)
              call $metric_increment
            )
          )
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
        (call $log (i32.const 4) (i64.const 4655744548926))
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
  (global $pwc_metric_0 (mut i32) (i32.const -1))  ;; pwc.metrics.requests
  (global $pwc_metric_1 (mut i32) (i32.const -1))  ;; pwc.metrics.wasm_counter
  (global $pwc_metric_2 (mut i32) (i32.const -1))  ;; pwc.metrics.wasm_histogram
  (global $pwc_metric_3 (mut i32) (i32.const -1))  ;; pwc.metrics.errors.line_18
  (global $pwc_metric_4 (mut i32) (i32.const -1))  ;; pwc.metrics.errors.line_19
  (global $pwc_metric_5 (mut i32) (i32.const -1))  ;; pwc.metrics.errors.line_20
  (global $pwc_metric_6 (mut i32) (i32.const -1))  ;; pwc.metrics.errors.line_21
  (global $pwc_metric_7 (mut i32) (i32.const -1))  ;; pwc.metrics.errors.line_22
  (func $pwc_define_metric (param $kind i32) (param $name i64) (result i32)
    (local $id i32)
    (local.set $id (call $metric_define (local.get $kind) (local.get $name)))
    ;; a metric Envoy refuses is not counted; the filter works on without it
    (if (i32.eq (local.get $id) (i32.const -1)) (then
      (memory.copy (i32.const 1179) (call $str_ptr (local.get $name)) (call $str_len (local.get $name)))
      (call $log (i32.const 3) (call $str_pack (i32.const 1146) (i32.add (i32.const 33) (call $str_len (local.get $name)))))
    ))
    (local.get $id)
  )
  (func $pwc_define_metrics
    (global.set $pwc_metric_0 (call $pwc_define_metric (i32.const 0) (i64.const 5175435591700)))
    (global.set $pwc_metric_1 (call $pwc_define_metric (i32.const 0) (i64.const 5261334937624)))
    (global.set $pwc_metric_2 (call $pwc_define_metric (i32.const 2) (i64.const 5364414152730)))
    (global.set $pwc_metric_3 (call $pwc_define_metric (i32.const 0) (i64.const 5476083302426)))
    (global.set $pwc_metric_4 (call $pwc_define_metric (i32.const 0) (i64.const 5587752452122)))
    (global.set $pwc_metric_5 (call $pwc_define_metric (i32.const 0) (i64.const 5699421601818)))
    (global.set $pwc_metric_6 (call $pwc_define_metric (i32.const 0) (i64.const 5811090751514)))
    (global.set $pwc_metric_7 (call $pwc_define_metric (i32.const 0) (i64.const 5922759901210)))
  )
  (func $pwc_count_error (param $line i32)
    (if (i32.eq (local.get $line) (i32.const 18)) (then (call $metric_increment (global.get $pwc_metric_3))))
    (if (i32.eq (local.get $line) (i32.const 19)) (then (call $metric_increment (global.get $pwc_metric_4))))
    (if (i32.eq (local.get $line) (i32.const 20)) (then (call $metric_increment (global.get $pwc_metric_5))))
    (if (i32.eq (local.get $line) (i32.const 21)) (then (call $metric_increment (global.get $pwc_metric_6))))
    (if (i32.eq (local.get $line) (i32.const 22)) (then (call $metric_increment (global.get $pwc_metric_7))))
  )
  (func $pwc_fail (param $line i32)
    (local $end i32) (local $message i64)
    (call $pwc_count_error (local.get $line))  ;; pwc.FILTER.errors.line_N
    (local.set $end (i32.add (i32.const 1443) (call $write_decimal (i32.const 1443) (local.get $line))))
    (i32.store16 (local.get $end) (i32.const 0x203a))  ;; ": "
    (if (i32.eq (global.get $rt_error) (i32.const 1)) (then (local.set $message (i64.const 6399501271075))))
    (if (i32.eq (global.get $rt_error) (i32.const 2)) (then (local.set $message (i64.const 6549825126416))))
    (if (i32.eq (global.get $rt_error) (i32.const 4)) (then (local.set $message (i64.const 6618544603149))))
    (memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message)) (call $str_len (local.get $message)))
    (call $log (i32.const 4) (call $str_pack (i32.const 1405) (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message))) (i32.const 1405))))
    (call $send_error_reply (i32.const 500) (i64.const 6674379178009))
    (global.set $rt_error (i32.const 0))
  )

  (data (i32.const 1024) "x-envoy-wasm-metricx-envoy-wasm-metric-valuehistogramcountermetrics: bad configuration: this filter takes no configurationmetrics: could not define metric ")
  (data (i32.const 1205) "pwc.metrics.requestspwc.metrics.wasm_counterpwc.metrics.wasm_histogrampwc.metrics.errors.line_18pwc.metrics.errors.line_19pwc.metrics.errors.line_20pwc.metrics.errors.line_21pwc.metrics.errors.line_22metrics: runtime error at metrics.pwf:")
  (data (i32.const 1490) "int(): the string is not an integerinteger overflowout of memoryinternal error in filter\0a")
)
