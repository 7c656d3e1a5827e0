;; generated
  (func $pwc_request (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $t0 i32)
    (local $table1 i32)
    (local $t2 i32)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (call $pwc_open_record (local.get $ctx) (i32.const 0)))))
    (if (i32.eqz (local.get $rec)) (then (call $pwc_fail (i32.const 0)) (return (i32.const 1))))
    (local.set $config (i32.load offset=48 (local.get $rec)))
    (if (i32.eqz (local.get $config)) (then (local.set $config (i32.const 1240))))
    (block $fail (result i32)
      ;; deny-list.pwf:28: if request.headers[config.header] in stored.denied {
      i32.const 1264
      i64.load offset=8
      i32.wrap_i64
      i32.const 0
      (local.get $config) (i64.load offset=16)
      call $str_lower_ascii
      call $hdr_get
      call $list_contains
      local.set $t0
      (br_if $fail (i32.const 28) (global.get $rt_error))
      drop
      local.get $t0
      (if
        (then
          ;; deny-list.pwf:29: respond 403 "denied\n" headers {"x-deny-list": stored.fetche
          (local.set $table1 (call $alloc (i32.const 24)))
          (if (local.get $table1)
            (then
              (i32.store (local.get $table1) (i32.const 1))
              local.get $table1
              i64.const 5622112190475  ;; b'x-deny-list'
              i64.store offset=8
              local.get $table1
              i32.const 1288
              i64.load offset=8
              i64.store offset=16
            )
          )
          local.get $table1
          local.set $t2
          (br_if $fail (i32.const 29) (global.get $rt_error))
          drop
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_0))
          i64.const 403
          i32.wrap_i64
          i64.const 5669356830727  ;; b'denied\n'
          local.get $t2
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
  (func $pwc_every_1 (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (call $pwc_open_record (local.get $ctx) (i32.and (local.get $ctx) (i32.const 0xFFFFF))))))
    (if (i32.eqz (local.get $rec)) (then (call $pwc_fail (i32.const 0)) (return (i32.const 1))))
    (local.set $config (i32.load offset=48 (local.get $rec)))
    (if (i32.eqz (local.get $config)) (then (local.set $config (i32.const 1240))))
    (block $fail (result i32)
      ;; deny-list.pwf:17: let answer = call config.lists {
      (local.get $config) (i64.load offset=8)
      i64.const 5699421601795  ;; b'GET'
      i64.const 5712306503689  ;; b'/denylist'
      (local.get $config) (i64.load offset=8)
      i32.const 0
      i64.const 0
      i64.const 500
      (local.get $ctx)
      call $http_call_start
      (local.set $call)
      (i64.store offset=8 (local.get $rec) (i64.extend_i32_u (local.get $call)))
      (br_if $fail (i32.const 17) (global.get $rt_error))
      drop
      (if (local.get $call)
        (then
          (i64.store offset=0 (local.get $rec) (i64.const 1))
          (return (i32.const 1))
        )
      )
      ;; refused by Envoy (unknown cluster, bad arguments): the call failed
      (i32.store offset=24 (local.get $rec) (i32.const 1))
      (return (call $pwc_every_call_1 (local.get $ctx)))
      (return (i32.const 0))
    )
    ;; a run-time error: the line number is on the stack
    local.set $line
    (call $pwc_quiet_fail (local.get $line))
    (i32.const 1)
  )
  (func $pwc_every_call_1 (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $t0 i32)
    (local $item1 i64)
    (local $items2 i32)
    (local $i3 i32)
    (local $acc4 i32)
    (local $out5 i32)
    (local $item6 i64)
    (local $items7 i32)
    (local $i8 i32)
    (local $acc9 i32)
    (local $out10 i32)
    (local $t11 i64)
    (local $t12 i64)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    ;; zeros when the request phase never ran
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (i32.const 1024))))
    (local.set $config (i32.load offset=48 (local.get $rec)))
    (if (i32.eqz (local.get $config)) (then (local.set $config (i32.const 1240))))
    (block $fail (result i32)
      ;; deny-list.pwf:21: if answer.status == 200 && answer.headers["content-type"].st
      (local.get $rec) (i64.load offset=16)
      i64.const 200
      i64.eq
      (if (result i32)
        (then
          (local.get $rec) (i64.load offset=32)
          call $str_ptr
          i64.const 5750961209356  ;; b'content-type'
          call $pairs_get
          i64.const 5802500816906  ;; b'text/plain'
          call $str_starts_with
        )
        (else
          i32.const 0
        )
      )
      local.set $t0
      (br_if $fail (i32.const 21) (global.get $rt_error))
      drop
      local.get $t0
      (if
        (then
          ;; deny-list.pwf:22: store denied = answer.body.split("\n").map(line, line.trim()
          (local.get $rec) (i64.load offset=40)
          i64.const 5845450489857  ;; b'\n'
          i64.const -1
          call $str_split
          (local.set $acc4 (i32.const 0))
          (local.tee $items2)
          (local.set $out5 (i32.const 0))
          (if (local.get $items2) (then (local.set $out5 (call $alloc (i32.add (i32.const 8) (i32.shl (i32.load (local.get $items2)) (i32.const 3)))))))
          local.set $items2
          (local.set $i3 (i32.const 0))
          (block $fold_done_i3
            (loop $fold_i3
              (br_if $fold_done_i3 (i32.eqz (local.get $items2)))
              (br_if $fold_done_i3 (i32.ge_u (local.get $i3) (i32.load (local.get $items2))))
              (local.set $item1 (i64.load offset=8 (i32.add (local.get $items2) (i32.mul (local.get $i3) (i32.const 8)))))
              (local.set $i3 (i32.add (local.get $i3) (i32.const 1)))
              i32.const 1
              (if
                (then
                  (local.get $out5)
                  (if
                    (then
                      (i32.add (local.get $out5) (i32.shl (local.get $acc4) (i32.const 3)))
                      local.get $item1
                      call $str_trim
                      i64.store offset=8
                    )
                  )
                  (local.set $acc4 (i32.add (local.get $acc4) (i32.const 1)))
                )
              )
              (br_if $fold_done_i3 (global.get $rt_error))
              (br $fold_i3)
            )
          )
          (if (local.get $out5) (then (i32.store (local.get $out5) (local.get $acc4))))
          (select (local.get $out5) (i32.const 0) (local.get $acc4))
          (local.set $acc9 (i32.const 0))
          (local.tee $items7)
          (local.set $out10 (i32.const 0))
          (if (local.get $items7) (then (local.set $out10 (call $alloc (i32.add (i32.const 8) (i32.shl (i32.load (local.get $items7)) (i32.const 3)))))))
          local.set $items7
          (local.set $i8 (i32.const 0))
          (block $fold_done_i8
            (loop $fold_i8
              (br_if $fold_done_i8 (i32.eqz (local.get $items7)))
              (br_if $fold_done_i8 (i32.ge_u (local.get $i8) (i32.load (local.get $items7))))
              (local.set $item6 (i64.load offset=8 (i32.add (local.get $items7) (i32.mul (local.get $i8) (i32.const 8)))))
              (local.set $i8 (i32.add (local.get $i8) (i32.const 1)))
              local.get $item6
              i64.const 0
              call $str_eq
              i32.eqz
              (if
                (then
                  (local.get $out10)
                  (if
                    (then
                      (i32.add (local.get $out10) (i32.shl (local.get $acc9) (i32.const 3)))
                      local.get $item6
                      i64.store offset=8
                    )
                  )
                  (local.set $acc9 (i32.add (local.get $acc9) (i32.const 1)))
                )
              )
              (br_if $fold_done_i8 (global.get $rt_error))
              (br $fold_i8)
            )
          )
          (if (local.get $out10) (then (i32.store (local.get $out10) (local.get $acc9))))
          (select (local.get $out10) (i32.const 0) (local.get $acc9))
          i64.extend_i32_u
          i32.const 5
          call $store_json
          local.set $t11
          (br_if $fail (i32.const 22) (global.get $rt_error))
          drop
          i64.const 5849745457179  ;; b'pwc1:deny-list:store:denied'
          local.get $t11
          call $store_put
          (br_if $fail (i32.const 22) (global.get $rt_error))
          drop
          i64.const 5849745457179  ;; b'pwc1:deny-list:store:denied'
          i32.const 5
          i32.const 1264
          call $store_refresh
          (br_if $fail (i32.const 22) (global.get $rt_error))
          drop
          ;; deny-list.pwf:23: store fetched = answer.headers["etag"]
          (local.get $rec) (i64.load offset=32)
          call $str_ptr
          i64.const 5965709574148  ;; b'etag'
          call $pairs_get
          i32.const 1
          call $store_json
          local.set $t12
          (br_if $fail (i32.const 23) (global.get $rt_error))
          drop
          i64.const 5982889443356  ;; b'pwc1:deny-list:store:fetched'
          local.get $t12
          call $store_put
          (br_if $fail (i32.const 23) (global.get $rt_error))
          drop
          i64.const 5982889443356  ;; b'pwc1:deny-list:store:fetched'
          i32.const 1
          i32.const 1288
          call $store_refresh
          (br_if $fail (i32.const 23) (global.get $rt_error))
          drop
        )
      )
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
    (drop (call $proxy_set_tick_period_milliseconds (i32.const 250)))
    (local.set $text (call $plugin_config_text (local.get $size)))
    (local.set $config (call $config_load (local.get $text) (i32.const 1152)))
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
    (if (i32.eq (local.get $code) (i32.const 1)) (then (local.set $message (call $str_concat (i64.const 6171868004375) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 2)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (call $str_concat (i64.const 6270652252172) (call $str_concat (call $str_concat (i64.const 6103148527617) (global.get $cfg_fail_key)) (i64.const 6103148527617))) (i64.const 6322191859726)) (i64.load offset=16 (global.get $cfg_fail_type))) (i64.const 6382321401857)))))
    (if (i32.eq (local.get $code) (i32.const 3)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (i64.const 6107443494921) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 6146098200582)) (call $cfg_got_text)))))
    (if (i32.eq (local.get $code) (i32.const 4)) (then (local.set $message (call $str_concat (i64.const 6386616369173) (call $str_concat (call $str_concat (i64.const 6103148527617) (global.get $cfg_fail_key)) (i64.const 6103148527617))))))
    (if (i32.eq (local.get $code) (i32.const 5)) (then (local.set $message (call $str_concat (i64.const 6476810682382) (call $str_concat (call $str_concat (i64.const 6103148527617) (global.get $cfg_fail_key)) (i64.const 6103148527617))))))
    (if (i32.eq (local.get $code) (i32.const 6)) (then (local.set $message (if (result i64) (i64.eqz (global.get $cfg_fail_detail)) (then (call $str_concat (call $str_concat (call $str_concat (i64.const 6107443494921) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 6146098200582)) (call $cfg_got_text))) (else (call $str_concat (i64.const 6536940224525) (global.get $cfg_fail_detail)))))))
    (if (i32.eq (local.get $code) (i32.const 7)) (then (local.set $message (call $str_concat (i64.const 6592774799400) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 8)) (then (local.set $message (call $str_concat (i64.const 6764573491227) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (call $log (i32.const 4) (call $str_concat (call $str_concat (i64.const 6880537608222) (call $cfg_path_prefix)) (local.get $message)))
  )
  (func (export "proxy_on_context_create") (param $ctx i32) (param $parent i32)
    (if (local.get $parent) (then (drop (call $pwc_open_record (local.get $ctx) (local.get $parent)))))
  )
  (func $pwc_open_record (param $ctx i32) (param $parent i32) (result i32)
    (local $rec i32)
    (local.set $rec (call $record_open (local.get $ctx) (i32.const 56)))
    (if (i32.and (i32.ne (local.get $rec) (i32.const 0)) (i32.ne (local.get $parent) (i32.const 0))) (then (i32.store offset=48 (local.get $rec) (call $stream_get (local.get $parent)))))
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
        (call $http_call_keep_answer (i32.add (local.get $rec) (i32.const 16)) (local.get $body_size) (i64.const 7009386627101))
        (local.set $action (call $pwc_every_call_1 (local.get $ctx)))
      )
    )
  )
  (func (export "proxy_on_tick") (param $root i32)
    (local $mark i32)
    (local.set $mark (global.get $scratch_top))
    (global.set $rt_error (i32.const 0))
    (call $hdr_invalidate_all)
    (call $pwc_tick (local.get $root))
    ;; scratch is released; the header caches pointing into it are dropped at the next entry
    (global.set $scratch_top (local.get $mark))
  )
  (func $pwc_tick (param $root i32)
    (call $store_refresh (i64.const 5849745457179) (i32.const 5) (i32.const 1264))
    (call $store_refresh (i64.const 5982889443356) (i32.const 1) (i32.const 1288))
    (if (i32.and (i32.or (i32.eqz (call $stream_get (i32.or (local.get $root) (i32.const 537919488)))) (i64.eqz (i64.load offset=8 (call $stream_get (i32.or (local.get $root) (i32.const 537919488)))))) (call $lease_take (i64.const 7133940678679) (i64.const 1000) (i64.const 125))) (then (drop (call $pwc_every_1 (i32.or (local.get $root) (i32.const 537919488))))))
  )
  (func (export "proxy_on_delete") (param $ctx i32)
    (call $pwc_release (local.get $ctx))
  )
  (global $pwc_metric_0 (mut i32) (i32.const -1))  ;; pwc.deny-list.responded.line_29
  (global $pwc_metric_1 (mut i32) (i32.const -1))  ;; pwc.deny-list.errors.line_17
  (global $pwc_metric_2 (mut i32) (i32.const -1))  ;; pwc.deny-list.errors.line_21
  (global $pwc_metric_3 (mut i32) (i32.const -1))  ;; pwc.deny-list.errors.line_22
  (global $pwc_metric_4 (mut i32) (i32.const -1))  ;; pwc.deny-list.errors.line_23
  (global $pwc_metric_5 (mut i32) (i32.const -1))  ;; pwc.deny-list.errors.line_28
  (global $pwc_metric_6 (mut i32) (i32.const -1))  ;; pwc.deny-list.errors.line_29
  (func $pwc_define_metric (param $kind i32) (param $name i64) (result i32)
    (local $id i32)
    (local.set $id (call $metric_define (local.get $kind) (local.get $name)))
    ;; a metric Envoy refuses is not counted; the filter works on without it
    (if (i32.eq (local.get $id) (i32.const -1)) (then
      (memory.copy (i32.const 1719) (call $str_ptr (local.get $name)) (call $str_len (local.get $name)))
      (call $log (i32.const 3) (call $str_pack (i32.const 1684) (i32.add (i32.const 35) (call $str_len (local.get $name)))))
    ))
    (local.get $id)
  )
  (func $pwc_define_metrics
    (global.set $pwc_metric_0 (call $pwc_define_metric (i32.const 0) (i64.const 7516192768031)))
    (global.set $pwc_metric_1 (call $pwc_define_metric (i32.const 0) (i64.const 7649336754204)))
    (global.set $pwc_metric_2 (call $pwc_define_metric (i32.const 0) (i64.const 7769595838492)))
    (global.set $pwc_metric_3 (call $pwc_define_metric (i32.const 0) (i64.const 7889854922780)))
    (global.set $pwc_metric_4 (call $pwc_define_metric (i32.const 0) (i64.const 8010114007068)))
    (global.set $pwc_metric_5 (call $pwc_define_metric (i32.const 0) (i64.const 8130373091356)))
    (global.set $pwc_metric_6 (call $pwc_define_metric (i32.const 0) (i64.const 8250632175644)))
  )
  (func $pwc_count_error (param $line i32)
    (if (i32.eq (local.get $line) (i32.const 17)) (then (call $metric_increment (global.get $pwc_metric_1))))
    (if (i32.eq (local.get $line) (i32.const 21)) (then (call $metric_increment (global.get $pwc_metric_2))))
    (if (i32.eq (local.get $line) (i32.const 22)) (then (call $metric_increment (global.get $pwc_metric_3))))
    (if (i32.eq (local.get $line) (i32.const 23)) (then (call $metric_increment (global.get $pwc_metric_4))))
    (if (i32.eq (local.get $line) (i32.const 28)) (then (call $metric_increment (global.get $pwc_metric_5))))
    (if (i32.eq (local.get $line) (i32.const 29)) (then (call $metric_increment (global.get $pwc_metric_6))))
  )
  (func $pwc_fail (param $line i32)
    (local $end i32) (local $message i64)
    (call $pwc_count_error (local.get $line))  ;; pwc.FILTER.errors.line_N
    (local.set $end (i32.add (i32.const 1991) (call $write_decimal (i32.const 1991) (local.get $line))))
    (i32.store16 (local.get $end) (i32.const 0x203a))  ;; ": "
    (if (i32.eq (global.get $rt_error) (i32.const 1)) (then (local.set $message (i64.const 8873402433571))))
    (if (i32.eq (global.get $rt_error) (i32.const 2)) (then (local.set $message (i64.const 9023726288912))))
    (if (i32.eq (global.get $rt_error) (i32.const 4)) (then (local.set $message (i64.const 9092445765645))))
    (if (i32.eq (global.get $rt_error) (i32.const 11)) (then (local.set $message (i64.const 9148280340543))))
    (memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message)) (call $str_len (local.get $message)))
    (call $log (i32.const 4) (call $str_pack (i32.const 1949) (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message))) (i32.const 1949))))
    (call $send_error_reply (i32.const 500) (i64.const 9418863280153))
    (global.set $rt_error (i32.const 0))
  )
  (func $pwc_quiet_fail (param $line i32)
    (local $end i32) (local $message i64)
    (call $pwc_count_error (local.get $line))  ;; pwc.FILTER.errors.line_N
    (local.set $end (i32.add (i32.const 2260) (call $write_decimal (i32.const 2260) (local.get $line))))
    (i32.store16 (local.get $end) (i32.const 0x203a))  ;; ": "
    (if (i32.eq (global.get $rt_error) (i32.const 1)) (then (local.set $message (i64.const 8873402433571))))
    (if (i32.eq (global.get $rt_error) (i32.const 2)) (then (local.set $message (i64.const 9023726288912))))
    (if (i32.eq (global.get $rt_error) (i32.const 4)) (then (local.set $message (i64.const 9092445765645))))
    (if (i32.eq (global.get $rt_error) (i32.const 11)) (then (local.set $message (i64.const 9148280340543))))
    (memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message)) (call $str_len (local.get $message)))
    (call $log (i32.const 4) (call $str_pack (i32.const 2218) (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message))) (i32.const 2218))))
    (global.set $rt_error (i32.const 0))
  )

  (data (i32.const 1080) "a configlistsa string\00\00\00\01\00\00\00\00\00\00\00\08\00\00\00E\04\00\00headerx-userlists, header\00\00\00\00\00\00\00\07\00\00\00\02\00\00\00\08\00\00\008\04\00\00\0d\00\00\00l\04\00\00\05\00\00\00@\04\00\00P\04\00\00\00\00\00\00\05\00\00\00@\04")
  (data (i32.const 1208) "\06\00\00\00`\04\00\00P\04\00\00\00\00\00\00\06\00\00\00f\04")
  (data (i32.const 1248) "\05\00\00\00@\04\00\00\06\00\00\00f\04")
  (data (i32.const 1273) "\05")
  (data (i32.const 1296) "\05\00\00\00\18\05\00\00neverx-deny-listdenied\0aGET/denylistcontent-typetext/plain\0apwc1:deny-list:store:deniedetagpwc1:deny-list:store:fetched\22expected , got malformed JSON at byte unknown key  (known keys: )missing required key duplicate key bad pattern: too large or nested too deeply, at byte not a JSON object, at byte deny-list: bad configuration: x-envoy-upstream-service-timepwc1:deny-list:every:16deny-list: could not define metric ")
  (data (i32.const 1750) "pwc.deny-list.responded.line_29pwc.deny-list.errors.line_17pwc.deny-list.errors.line_21pwc.deny-list.errors.line_22pwc.deny-list.errors.line_23pwc.deny-list.errors.line_28pwc.deny-list.errors.line_29deny-list: runtime error at deny-list.pwf:")
  (data (i32.const 2066) "int(): the string is not an integerinteger overflowout of memorystring(), int(), double() or bool(): the value does not convertinternal error in filter\0adeny-list: runtime error at deny-list.pwf:")
)
