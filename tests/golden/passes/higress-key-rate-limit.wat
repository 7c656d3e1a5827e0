;; generated
  (func $pwc_request (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $let_key_0 i64)
    (local $item1 i32)
    (local $items2 i32)
    (local $i3 i32)
    (local $acc4 i32)
    (local $out5 i32)
    (local $let_rules_6 i32)
    (local $t7 i32)
    (local $let_rule_8 i32)
    (local $let_count_9 i64)
    (local $let_period_10 i64)
    (local $t11 i64)
    (local $table12 i32)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (call $pwc_open_record (local.get $ctx) (i32.const 0)))))
    (if (i32.eqz (local.get $rec)) (then (call $pwc_fail (i32.const 0)) (return (i32.const 1))))
    (local.set $config (i32.load offset=0 (local.get $rec)))
    (if (i32.eqz (local.get $config)) (then (local.set $config (i32.const 1664))))
    (block $fail (result i32)
      ;; higress-key-rate-limit.pwf:36: let key = config.limit_by_header != "" ? request.headers[con
      (local.get $config) (i64.load offset=8)
      i64.const 0
      call $str_eq
      i32.eqz
      (if (result i64)
        (then
          i32.const 0
          (local.get $config) (i64.load offset=8)
          call $str_lower_ascii
          call $hdr_get
        )
        (else
          i32.const 0
          i64.const 7284264534021  ;; b':path'
          call $hdr_get_first
          call $query_params_of
          (local.get $config) (i64.load offset=16)
          call $map_get
        )
      )
      local.set $let_key_0
      (br_if $fail (i32.const 36) (global.get $rt_error))
      drop
      ;; higress-key-rate-limit.pwf:37: let rules = config.limit_keys.filter(r, r.key == key)
      (local.get $config) (i32.load offset=24)
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
          (local.set $item1 (i32.load offset=8 (i32.add (local.get $items2) (i32.mul (local.get $i3) (i32.const 8)))))
          (local.set $i3 (i32.add (local.get $i3) (i32.const 1)))
          local.get $item1
          i32.const 8
          call $record_slot
          local.get $let_key_0
          call $str_eq
          (if
            (then
              (local.get $out5)
              (if
                (then
                  (i32.add (local.get $out5) (i32.shl (local.get $acc4) (i32.const 3)))
                  local.get $item1
                  i64.extend_i32_u
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
      local.set $let_rules_6
      (br_if $fail (i32.const 37) (global.get $rt_error))
      drop
      ;; higress-key-rate-limit.pwf:38: if key == "" || size(rules) == 0 {
      local.get $let_key_0
      i64.const 0
      call $str_eq
      (if (result i32)
        (then
          i32.const 1
        )
        (else
          local.get $let_rules_6
          call $list_size
          i64.const 0
          i64.eq
        )
      )
      local.set $t7
      (br_if $fail (i32.const 38) (global.get $rt_error))
      drop
      local.get $t7
      (if
        (then
          ;; higress-key-rate-limit.pwf:39: continue
          (call $pwc_snapshot (local.get $ctx))
          (return (i32.const 0))
        )
      )
      ;; higress-key-rate-limit.pwf:41: let rule = rules[0]
      local.get $let_rules_6
      i64.const 0
      call $list_at
      i32.wrap_i64
      local.set $let_rule_8
      (br_if $fail (i32.const 41) (global.get $rt_error))
      drop
      ;; higress-key-rate-limit.pwf:42: let count = has(rule.query_per_second) ? rule.query_per_seco
      local.get $let_rule_8
      i32.const 1
      call $record_has
      (if (result i64)
        (then
          local.get $let_rule_8
          i32.const 16
          call $record_slot
        )
        (else
          local.get $let_rule_8
          i32.const 2
          call $record_has
          (if (result i64)
            (then
              local.get $let_rule_8
              i32.const 24
              call $record_slot
            )
            (else
              local.get $let_rule_8
              i32.const 3
              call $record_has
              (if (result i64)
                (then
                  local.get $let_rule_8
                  i32.const 32
                  call $record_slot
                )
                (else
                  local.get $let_rule_8
                  i32.const 4
                  call $record_has
                  (if (result i64)
                    (then
                      local.get $let_rule_8
                      i32.const 40
                      call $record_slot
                    )
                    (else
                      i64.const 0
                    )
                  )
                )
              )
            )
          )
        )
      )
      local.set $let_count_9
      (br_if $fail (i32.const 42) (global.get $rt_error))
      drop
      ;; higress-key-rate-limit.pwf:43: let period = has(rule.query_per_second) ? 1s : has(rule.quer
      local.get $let_rule_8
      i32.const 1
      call $record_has
      (if (result i64)
        (then
          i64.const 1000
        )
        (else
          local.get $let_rule_8
          i32.const 2
          call $record_has
          (if (result i64)
            (then
              i64.const 60000
            )
            (else
              local.get $let_rule_8
              i32.const 3
              call $record_has
              (if (result i64)
                (then
                  i64.const 3600000
                )
                (else
                  i64.const 86400000
                )
              )
            )
          )
        )
      )
      local.set $let_period_10
      (br_if $fail (i32.const 43) (global.get $rt_error))
      drop
      ;; higress-key-rate-limit.pwf:44: if count > 0 {
      local.get $let_count_9
      i64.const 0
      i64.gt_s
      (if
        (then
          ;; higress-key-rate-limit.pwf:45: limit key to count per period respond 429 "Too many requests
          i64.const 7305739370519  ;; b'pwc1:key-rate-limit:45:'
          local.get $let_key_0
          local.get $let_count_9
          local.get $let_period_10
          call $limit_take
          local.set $t11
          (br_if $fail (i32.const 45) (global.get $rt_error))
          drop
          local.get $t11
          i64.const 0
          i64.lt_s
          (if
            (then
              (call $pwc_snapshot (local.get $ctx))
              (call $metric_increment (global.get $pwc_metric_0))
              i64.const 429
              i32.wrap_i64
              i64.const 7404523618321  ;; b'Too many requests'
              (local.set $table12 (call $alloc (i32.const 56)))
              (if (local.get $table12)
                (then
                  (i32.store (local.get $table12) (i32.const 3))
                  local.get $table12
                  i64.const 7477538062347  ;; b'retry-after'
                  i64.store offset=8
                  local.get $table12
                  call $limit_retry_after
                  call $i64_to_str
                  i64.store offset=16
                  local.get $table12
                  i64.const 7524782702609  ;; b'x-ratelimit-limit'
                  i64.store offset=24
                  local.get $table12
                  local.get $let_count_9
                  call $i64_to_str
                  i64.store offset=32
                  local.get $table12
                  i64.const 7597797146645  ;; b'x-ratelimit-remaining'
                  i64.store offset=40
                  local.get $table12
                  i64.const 7687991459841  ;; b'0'
                  i64.store offset=48
                )
              )
              local.get $table12
              i32.const 1840
              call $map_merge
              call $send_local_reply
              (return (i32.const 1))
            )
          )
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
  (func $pwc_snapshot (param $ctx i32)
    (local $rec i32)
    (local.set $rec (call $stream_get (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (return)))
  )
  (func $pwc_release (param $ctx i32)
    (local $rec i32)
    (local.set $rec (call $stream_take (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (return)))
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
    (local.set $config (call $config_load (local.get $text) (i32.const 1544)))
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
    (if (i32.eq (local.get $code) (i32.const 1)) (then (local.set $message (call $str_concat (i64.const 8074538516503) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 2)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (call $str_concat (i64.const 8173322764300) (call $str_concat (call $str_concat (i64.const 8005819039745) (global.get $cfg_fail_key)) (i64.const 8005819039745))) (i64.const 8224862371854)) (i64.load offset=16 (global.get $cfg_fail_type))) (i64.const 8284991913985)))))
    (if (i32.eq (local.get $code) (i32.const 3)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (i64.const 8010114007049) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 8048768712710)) (call $cfg_got_text)))))
    (if (i32.eq (local.get $code) (i32.const 4)) (then (local.set $message (call $str_concat (i64.const 8289286881301) (call $str_concat (call $str_concat (i64.const 8005819039745) (global.get $cfg_fail_key)) (i64.const 8005819039745))))))
    (if (i32.eq (local.get $code) (i32.const 5)) (then (local.set $message (call $str_concat (i64.const 8379481194510) (call $str_concat (call $str_concat (i64.const 8005819039745) (global.get $cfg_fail_key)) (i64.const 8005819039745))))))
    (if (i32.eq (local.get $code) (i32.const 6)) (then (local.set $message (if (result i64) (i64.eqz (global.get $cfg_fail_detail)) (then (call $str_concat (call $str_concat (call $str_concat (i64.const 8010114007049) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 8048768712710)) (call $cfg_got_text))) (else (call $str_concat (i64.const 8439610736653) (global.get $cfg_fail_detail)))))))
    (if (i32.eq (local.get $code) (i32.const 7)) (then (local.set $message (call $str_concat (i64.const 8495445311528) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 8)) (then (local.set $message (call $str_concat (i64.const 8667244003355) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (call $log (i32.const 4) (call $str_concat (call $str_concat (i64.const 8783208120355) (call $cfg_path_prefix)) (local.get $message)))
  )
  (func (export "proxy_on_context_create") (param $ctx i32) (param $parent i32)
    (if (local.get $parent) (then (drop (call $pwc_open_record (local.get $ctx) (local.get $parent)))))
  )
  (func $pwc_open_record (param $ctx i32) (param $parent i32) (result i32)
    (local $rec i32)
    (local.set $rec (call $record_open (local.get $ctx) (i32.const 8)))
    (if (i32.and (i32.ne (local.get $rec) (i32.const 0)) (i32.ne (local.get $parent) (i32.const 0))) (then (i32.store offset=0 (local.get $rec) (call $stream_get (local.get $parent)))))
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
  (func (export "proxy_on_delete") (param $ctx i32)
    (call $pwc_release (local.get $ctx))
  )
  (global $pwc_metric_0 (mut i32) (i32.const -1))  ;; pwc.key-rate-limit.responded.line_45
  (global $pwc_metric_1 (mut i32) (i32.const -1))  ;; pwc.key-rate-limit.errors.line_36
  (global $pwc_metric_2 (mut i32) (i32.const -1))  ;; pwc.key-rate-limit.errors.line_37
  (global $pwc_metric_3 (mut i32) (i32.const -1))  ;; pwc.key-rate-limit.errors.line_38
  (global $pwc_metric_4 (mut i32) (i32.const -1))  ;; pwc.key-rate-limit.errors.line_41
  (global $pwc_metric_5 (mut i32) (i32.const -1))  ;; pwc.key-rate-limit.errors.line_42
  (global $pwc_metric_6 (mut i32) (i32.const -1))  ;; pwc.key-rate-limit.errors.line_43
  (global $pwc_metric_7 (mut i32) (i32.const -1))  ;; pwc.key-rate-limit.errors.line_45
  (func $pwc_define_metric (param $kind i32) (param $name i64) (result i32)
    (local $id i32)
    (local.set $id (call $metric_define (local.get $kind) (local.get $name)))
    ;; a metric Envoy refuses is not counted; the filter works on without it
    (if (i32.eq (local.get $id) (i32.const -1)) (then
      (memory.copy (i32.const 2120) (call $str_ptr (local.get $name)) (call $str_len (local.get $name)))
      (call $log (i32.const 3) (call $str_pack (i32.const 2080) (i32.add (i32.const 40) (call $str_len (local.get $name)))))
    ))
    (local.get $id)
  )
  (func $pwc_define_metrics
    (global.set $pwc_metric_0 (call $pwc_define_metric (i32.const 0) (i64.const 9259949490212)))
    (global.set $pwc_metric_1 (call $pwc_define_metric (i32.const 0) (i64.const 9414568312865)))
    (global.set $pwc_metric_2 (call $pwc_define_metric (i32.const 0) (i64.const 9556302233633)))
    (global.set $pwc_metric_3 (call $pwc_define_metric (i32.const 0) (i64.const 9698036154401)))
    (global.set $pwc_metric_4 (call $pwc_define_metric (i32.const 0) (i64.const 9839770075169)))
    (global.set $pwc_metric_5 (call $pwc_define_metric (i32.const 0) (i64.const 9981503995937)))
    (global.set $pwc_metric_6 (call $pwc_define_metric (i32.const 0) (i64.const 10123237916705)))
    (global.set $pwc_metric_7 (call $pwc_define_metric (i32.const 0) (i64.const 10264971837473)))
  )
  (func $pwc_count_error (param $line i32)
    (if (i32.eq (local.get $line) (i32.const 36)) (then (call $metric_increment (global.get $pwc_metric_1))))
    (if (i32.eq (local.get $line) (i32.const 37)) (then (call $metric_increment (global.get $pwc_metric_2))))
    (if (i32.eq (local.get $line) (i32.const 38)) (then (call $metric_increment (global.get $pwc_metric_3))))
    (if (i32.eq (local.get $line) (i32.const 41)) (then (call $metric_increment (global.get $pwc_metric_4))))
    (if (i32.eq (local.get $line) (i32.const 42)) (then (call $metric_increment (global.get $pwc_metric_5))))
    (if (i32.eq (local.get $line) (i32.const 43)) (then (call $metric_increment (global.get $pwc_metric_6))))
    (if (i32.eq (local.get $line) (i32.const 45)) (then (call $metric_increment (global.get $pwc_metric_7))))
  )
  (func $pwc_fail (param $line i32)
    (local $end i32) (local $message i64)
    (call $pwc_count_error (local.get $line))  ;; pwc.FILTER.errors.line_N
    (local.set $end (i32.add (i32.const 2483) (call $write_decimal (i32.const 2483) (local.get $line))))
    (i32.store16 (local.get $end) (i32.const 0x203a))  ;; ": "
    (if (i32.eq (global.get $rt_error) (i32.const 4)) (then (local.set $message (i64.const 10771777978381))))
    (memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message)) (call $str_len (local.get $message)))
    (call $log (i32.const 4) (call $str_pack (i32.const 2423) (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message))) (i32.const 2423))))
    (call $send_error_reply (i32.const 500) (i64.const 10827612553241))
    (global.set $rt_error (i32.const 0))
  )

  (data (i32.const 1032) "a configlimit_by_headera string\00\01\00\00\00\00\00\00\00\08\00\00\00\1f\04\00\00limit_by_paramlimit_keysa list<LimitKey>a LimitKeykeyquery_per_secondan int\00\00\00\00\00\02\00\00\00\00\00\00\00\06\00\00\00}\04\00\00query_per_minutequery_per_hourquery_per_daykey, query_per_second, query_per_minute, query_per_hour, query_per_day\00\00\00\00\00\00\00\07\00\00\00\05\00\00\00\0a\00\00\00`\04\00\00F\00\00\00\c3\04\00\00\03\00\00\00j\04\00\00(\04\00\00\01")
  (data (i32.const 1352) "\10\00\00\00m\04\00\00\88\04\00\00\02")
  (data (i32.const 1384) "\10\00\00\00\98\04\00\00\88\04\00\00\02")
  (data (i32.const 1416) "\0e\00\00\00\a8\04\00\00\88\04\00\00\02")
  (data (i32.const 1448) "\0d\00\00\00\b6\04\00\00\88\04\00\00\02")
  (data (i32.const 1480) "\05\00\00\00\10\05\00\00\10\00\00\00P\04\00\00limit_by_header, limit_by_param, limit_keys\00\00\00\00\00\07\00\00\00\03\00\00\00\08\00\00\00\08\04\00\00+\00\00\00\d8\05\00\00\0f\00\00\00\10\04\00\00(\04")
  (data (i32.const 1600) "\0e\00\00\008\04\00\00(\04")
  (data (i32.const 1632) "\0a\00\00\00F\04\00\00\c8\05\00\00\01")
  (data (i32.const 1696) ":pathpwc1:key-rate-limit:45:Too many requestsretry-afterx-ratelimit-limitx-ratelimit-remaining0www-authenticateKey rate realm=MSE Gateway\00\00\00\00\00\00\00\01\00\00\00\00\00\00\00\10\00\00\00\ff\06\00\00\1a\00\00\00\0f\07\00\00\22expected , got malformed JSON at byte unknown key  (known keys: )missing required key duplicate key bad pattern: too large or nested too deeply, at byte not a JSON object, at byte key-rate-limit: bad configuration: key-rate-limit: could not define metric ")
  (data (i32.const 2156) "pwc.key-rate-limit.responded.line_45pwc.key-rate-limit.errors.line_36pwc.key-rate-limit.errors.line_37pwc.key-rate-limit.errors.line_38pwc.key-rate-limit.errors.line_41pwc.key-rate-limit.errors.line_42pwc.key-rate-limit.errors.line_43pwc.key-rate-limit.errors.line_45key-rate-limit: runtime error at higress-key-rate-limit.pwf:")
  (data (i32.const 2508) "out of memoryinternal error in filter\0a")
)
