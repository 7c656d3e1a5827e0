;; generated
  (func $pwc_request (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $t0 i64)
    (local $t1 i64)
    (local $t2 i64)
    (local $t3 i64)
    (local $t4 i64)
    (block $fail (result i32)
      ;; banana-path.pwf:9: rewrite request.url_path "banana/([0-9]*)" to "status/$1"
      i32.const 0
      i64.const 4398046511109  ;; b':path'
      call $hdr_get_first
      local.set $t0
      (br_if $fail (i32.const 9) (global.get $rt_error))
      drop
      local.get $t0
      call $url_path_of
      local.set $t1
      (br_if $fail (i32.const 9) (global.get $rt_error))
      drop
      local.get $t1
      call $re0_replace
      local.set $t2
      (br_if $fail (i32.const 9) (global.get $rt_error))
      drop
      local.get $t0
      local.get $t2
      call $path_with_url_path
      local.set $t3
      (br_if $fail (i32.const 9) (global.get $rt_error))
      drop
      local.get $t0
      local.get $t3
      i64.ne
      (if
        (then
          local.get $t3
          call $path_leading_slash
          local.set $t4
          (br_if $fail (i32.const 9) (global.get $rt_error))
          drop
          i32.const 0
          i64.const 4398046511109  ;; b':path'
          local.get $t4
          call $hdr_set_raw
          (br_if $fail (i32.const 9) (global.get $rt_error))
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
        (call $log (i32.const 4) (i64.const 4419521347650))
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
  (global $pwc_metric_0 (mut i32) (i32.const -1))  ;; pwc.banana-path.errors.line_9
  (func $pwc_define_metric (param $kind i32) (param $name i64) (result i32)
    (local $id i32)
    (local.set $id (call $metric_define (local.get $kind) (local.get $name)))
    ;; a metric Envoy refuses is not counted; the filter works on without it
    (if (i32.eq (local.get $id) (i32.const -1)) (then
      (memory.copy (i32.const 1132) (call $str_ptr (local.get $name)) (call $str_len (local.get $name)))
      (call $log (i32.const 3) (call $str_pack (i32.const 1095) (i32.add (i32.const 37) (call $str_len (local.get $name)))))
    ))
    (local.get $id)
  )
  (func $pwc_define_metrics
    (global.set $pwc_metric_0 (call $pwc_define_metric (i32.const 0) (i64.const 4986457030685)))
  )
  (func $pwc_count_error (param $line i32)
    (if (i32.eq (local.get $line) (i32.const 9)) (then (call $metric_increment (global.get $pwc_metric_0))))
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
    (local.set $end (i32.const 1237))
    (if (i32.eq (global.get $rt_error) (i32.const 4)) (then (local.set $message (i64.const 5549097746445))))
    (if (i32.eq (global.get $rt_error) (i32.const 7)) (then (local.set $message (i64.const 5604932321321))))
    (memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message)) (call $str_len (local.get $message)))
    (call $log (i32.const 4) (call $str_pack (i32.const 1190) (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message))) (i32.const 1190))))
    (if (i32.eq (global.get $rt_error) (i32.const 7)) (then (call $send_error_reply (i32.const 400) (i64.const 5781025980428))) (else (call $send_error_reply (i32.const 500) (i64.const 5832565587993))))
    (global.set $rt_error (i32.const 0))
  )

  (data (i32.const 1024) ":pathbanana-path: bad configuration: this filter takes no configurationbanana-path: could not define metric ")
  (data (i32.const 1161) "pwc.banana-path.errors.line_9banana-path: runtime error at banana-path.pwf:9: ")
  (data (i32.const 1292) "out of memoryrefused: the path does not start with '/'bad request\0ainternal error in filter\0a")
)
