;; generated
  (func $pwc_request (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $let_code_0 i64)
    (local $let_cs_1 i32)
    (local $item2 i64)
    (local $items3 i32)
    (local $i4 i32)
    (local $acc5 i32)
    (local $out6 i32)
    (local $t7 i32)
    (local $let_url_8 i64)
    (local $item9 i64)
    (local $items10 i32)
    (local $i11 i32)
    (local $acc12 i32)
    (local $out13 i32)
    (local $t14 i32)
    (local $t15 i64)
    (local $item16 i64)
    (local $items17 i32)
    (local $i18 i32)
    (local $acc19 i32)
    (local $out20 i32)
    (local $t21 i32)
    (local $t22 i64)
    (local $item23 i32)
    (local $items24 i32)
    (local $i25 i32)
    (local $acc26 i32)
    (local $out27 i32)
    (local $t28 i32)
    (local $t29 i64)
    (local $item30 i64)
    (local $items31 i32)
    (local $i32 i32)
    (local $acc33 i32)
    (local $out34 i32)
    (local $t35 i32)
    (local $var_text_36 i64)
    (local $t37 i32)
    (local $for_name_38 i64)
    (local $for_value_39 i64)
    (local $t40 i64)
    (local $items41 i32)
    (local $i42 i32)
    (local $let_haystack_43 i64)
    (local $item44 i64)
    (local $items45 i32)
    (local $i46 i32)
    (local $acc47 i32)
    (local $out48 i32)
    (local $t49 i32)
    (local $t50 i64)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (call $pwc_open_record (local.get $ctx) (i32.const 0)))))
    (if (i32.eqz (local.get $rec)) (then (call $pwc_fail (i32.const 0)) (return (i32.const 1))))
    (local.set $config (i32.load offset=0 (local.get $rec)))
    (if (i32.eqz (local.get $config)) (then (local.set $config (i32.const 1736))))
    (block $fail (result i32)
      ;; higress-request-block.pwf:37: let code = config.blocked_code > 100 && config.blocked_code 
      (local.get $config) (i64.load offset=48)
      i64.const 100
      i64.gt_s
      (if (result i32)
        (then
          (local.get $config) (i64.load offset=48)
          i64.const 600
          i64.lt_s
        )
        (else
          i32.const 0
        )
      )
      (if (result i64)
        (then
          (local.get $config) (i64.load offset=48)
        )
        (else
          i64.const 403
        )
      )
      local.set $let_code_0
      ;; higress-request-block.pwf:38: let cs = config.case_sensitive
      (local.get $config) (i32.load offset=64)
      local.set $let_cs_1
      ;; higress-request-block.pwf:39: if config.block_urls.exists(u, u != "") {
      (local.get $config) (i32.load offset=8)
      (local.set $acc5 (i32.const 0))
      local.set $items3
      (local.set $i4 (i32.const 0))
      (block $fold_done_i4
        (loop $fold_i4
          (br_if $fold_done_i4 (i32.eqz (local.get $items3)))
          (br_if $fold_done_i4 (i32.ge_u (local.get $i4) (i32.load (local.get $items3))))
          (local.set $item2 (i64.load offset=8 (i32.add (local.get $items3) (i32.mul (local.get $i4) (i32.const 8)))))
          (local.set $i4 (i32.add (local.get $i4) (i32.const 1)))
          local.get $item2
          i64.const 0
          call $str_eq
          i32.eqz
          (if
            (then
              (local.set $acc5 (i32.const 1))
              (br $fold_done_i4)
            )
          )
          (br_if $fold_done_i4 (global.get $rt_error))
          (br $fold_i4)
        )
      )
      local.get $acc5
      local.set $t7
      (br_if $fail (i32.const 39) (global.get $rt_error))
      drop
      local.get $t7
      (if
        (then
          ;; higress-request-block.pwf:40: let url = cs ? request.path : request.path.lowerAscii()
          local.get $let_cs_1
          (if (result i64)
            (then
              i32.const 0
              i64.const 7765300871173  ;; b':path'
              call $hdr_get_first
            )
            (else
              i32.const 0
              i64.const 7765300871173  ;; b':path'
              call $hdr_get_first
              call $str_lower_ascii
            )
          )
          local.set $let_url_8
          (br_if $fail (i32.const 40) (global.get $rt_error))
          drop
          ;; higress-request-block.pwf:41: if config.block_exact_urls.exists(u, u != "" && url == (cs ?
          (local.get $config) (i32.load offset=16)
          (local.set $acc12 (i32.const 0))
          local.set $items10
          (local.set $i11 (i32.const 0))
          (block $fold_done_i11
            (loop $fold_i11
              (br_if $fold_done_i11 (i32.eqz (local.get $items10)))
              (br_if $fold_done_i11 (i32.ge_u (local.get $i11) (i32.load (local.get $items10))))
              (local.set $item9 (i64.load offset=8 (i32.add (local.get $items10) (i32.mul (local.get $i11) (i32.const 8)))))
              (local.set $i11 (i32.add (local.get $i11) (i32.const 1)))
              local.get $item9
              i64.const 0
              call $str_eq
              i32.eqz
              (if (result i32)
                (then
                  local.get $let_url_8
                  local.get $let_cs_1
                  (if (result i64)
                    (then
                      local.get $item9
                    )
                    (else
                      local.get $item9
                      call $str_lower_ascii
                    )
                  )
                  call $str_eq
                )
                (else
                  i32.const 0
                )
              )
              (if
                (then
                  (local.set $acc12 (i32.const 1))
                  (br $fold_done_i11)
                )
              )
              (br_if $fold_done_i11 (global.get $rt_error))
              (br $fold_i11)
            )
          )
          local.get $acc12
          local.set $t14
          (br_if $fail (i32.const 41) (global.get $rt_error))
          drop
          local.get $t14
          (if
            (then
              ;; higress-request-block.pwf:42: respond code config.blocked_message
              local.get $let_code_0
              call $checked_status
              local.set $t15
              (br_if $fail (i32.const 42) (global.get $rt_error))
              drop
              (call $pwc_snapshot (local.get $ctx))
              (call $metric_increment (global.get $pwc_metric_0))
              local.get $t15
              i32.wrap_i64
              (local.get $config) (i64.load offset=56)
              i32.const 0
              call $send_local_reply
              (return (i32.const 1))
            )
          )
          ;; higress-request-block.pwf:44: if config.block_urls.exists(u, u != "" && url.contains(cs ? 
          (local.get $config) (i32.load offset=8)
          (local.set $acc19 (i32.const 0))
          local.set $items17
          (local.set $i18 (i32.const 0))
          (block $fold_done_i18
            (loop $fold_i18
              (br_if $fold_done_i18 (i32.eqz (local.get $items17)))
              (br_if $fold_done_i18 (i32.ge_u (local.get $i18) (i32.load (local.get $items17))))
              (local.set $item16 (i64.load offset=8 (i32.add (local.get $items17) (i32.mul (local.get $i18) (i32.const 8)))))
              (local.set $i18 (i32.add (local.get $i18) (i32.const 1)))
              local.get $item16
              i64.const 0
              call $str_eq
              i32.eqz
              (if (result i32)
                (then
                  local.get $let_url_8
                  local.get $let_cs_1
                  (if (result i64)
                    (then
                      local.get $item16
                    )
                    (else
                      local.get $item16
                      call $str_lower_ascii
                    )
                  )
                  call $str_contains
                )
                (else
                  i32.const 0
                )
              )
              (if
                (then
                  (local.set $acc19 (i32.const 1))
                  (br $fold_done_i18)
                )
              )
              (br_if $fold_done_i18 (global.get $rt_error))
              (br $fold_i18)
            )
          )
          local.get $acc19
          local.set $t21
          (br_if $fail (i32.const 44) (global.get $rt_error))
          drop
          local.get $t21
          (if
            (then
              ;; higress-request-block.pwf:45: respond code config.blocked_message
              local.get $let_code_0
              call $checked_status
              local.set $t22
              (br_if $fail (i32.const 45) (global.get $rt_error))
              drop
              (call $pwc_snapshot (local.get $ctx))
              (call $metric_increment (global.get $pwc_metric_1))
              local.get $t22
              i32.wrap_i64
              (local.get $config) (i64.load offset=56)
              i32.const 0
              call $send_local_reply
              (return (i32.const 1))
            )
          )
          ;; higress-request-block.pwf:47: if config.block_regexp_urls.exists(p, url.matches(p)) {
          (local.get $config) (i32.load offset=24)
          (local.set $acc26 (i32.const 0))
          local.set $items24
          (local.set $i25 (i32.const 0))
          (block $fold_done_i25
            (loop $fold_i25
              (br_if $fold_done_i25 (i32.eqz (local.get $items24)))
              (br_if $fold_done_i25 (i32.ge_u (local.get $i25) (i32.load (local.get $items24))))
              (local.set $item23 (i32.load offset=8 (i32.add (local.get $items24) (i32.mul (local.get $i25) (i32.const 8)))))
              (local.set $i25 (i32.add (local.get $i25) (i32.const 1)))
              local.get $item23
              local.get $let_url_8
              call $rx_matches
              (if
                (then
                  (local.set $acc26 (i32.const 1))
                  (br $fold_done_i25)
                )
              )
              (br_if $fold_done_i25 (global.get $rt_error))
              (br $fold_i25)
            )
          )
          local.get $acc26
          local.set $t28
          (br_if $fail (i32.const 47) (global.get $rt_error))
          drop
          local.get $t28
          (if
            (then
              ;; higress-request-block.pwf:48: respond code config.blocked_message
              local.get $let_code_0
              call $checked_status
              local.set $t29
              (br_if $fail (i32.const 48) (global.get $rt_error))
              drop
              (call $pwc_snapshot (local.get $ctx))
              (call $metric_increment (global.get $pwc_metric_2))
              local.get $t29
              i32.wrap_i64
              (local.get $config) (i64.load offset=56)
              i32.const 0
              call $send_local_reply
              (return (i32.const 1))
            )
          )
        )
      )
      ;; higress-request-block.pwf:51: if config.block_headers.exists(b, b != "") {
      (local.get $config) (i32.load offset=32)
      (local.set $acc33 (i32.const 0))
      local.set $items31
      (local.set $i32 (i32.const 0))
      (block $fold_done_i32
        (loop $fold_i32
          (br_if $fold_done_i32 (i32.eqz (local.get $items31)))
          (br_if $fold_done_i32 (i32.ge_u (local.get $i32) (i32.load (local.get $items31))))
          (local.set $item30 (i64.load offset=8 (i32.add (local.get $items31) (i32.mul (local.get $i32) (i32.const 8)))))
          (local.set $i32 (i32.add (local.get $i32) (i32.const 1)))
          local.get $item30
          i64.const 0
          call $str_eq
          i32.eqz
          (if
            (then
              (local.set $acc33 (i32.const 1))
              (br $fold_done_i32)
            )
          )
          (br_if $fold_done_i32 (global.get $rt_error))
          (br $fold_i32)
        )
      )
      local.get $acc33
      local.set $t35
      (br_if $fail (i32.const 51) (global.get $rt_error))
      drop
      local.get $t35
      (if
        (then
          ;; higress-request-block.pwf:52: var text = ":authority\n" + request.host + "\n:path\n" + req
          i64.const 7786775707659  ;; b':authority\n'
          i32.const 0
          i64.const 7834020347914  ;; b':authority'
          call $hdr_get_first
          call $str_concat
          i64.const 7876970020871  ;; b'\n:path\n'
          call $str_concat
          i32.const 0
          i64.const 7765300871173  ;; b':path'
          call $hdr_get_first
          call $str_concat
          i64.const 7907034791945  ;; b'\n:method\n'
          call $str_concat
          i32.const 0
          i64.const 7945689497607  ;; b':method'
          call $hdr_get_first
          call $str_concat
          i64.const 7975754268681  ;; b'\n:scheme\n'
          call $str_concat
          i32.const 0
          i64.const 8014408974343  ;; b':scheme'
          call $hdr_get_first
          call $str_concat
          local.set $var_text_36
          (br_if $fail (i32.const 52) (global.get $rt_error))
          drop
          ;; higress-request-block.pwf:54: for name, value in request.headers {
          i32.const 0
          call $hdr_entries
          local.set $t37
          (br_if $fail (i32.const 54) (global.get $rt_error))
          drop
          local.get $t37
          local.set $items41
          (local.set $i42 (i32.const 0))
          (block $for_done_i42
            (loop $for_i42
              (br_if $for_done_i42 (i32.eqz (local.get $items41)))
              (br_if $for_done_i42 (i32.ge_u (local.get $i42) (i32.load (local.get $items41))))
              (local.set $for_name_38 (i64.load offset=8 (i32.add (local.get $items41) (i32.mul (local.get $i42) (i32.const 16)))))
              (local.set $for_value_39 (i64.load offset=16 (i32.add (local.get $items41) (i32.mul (local.get $i42) (i32.const 16)))))
              (local.set $i42 (i32.add (local.get $i42) (i32.const 1)))
              ;; higress-request-block.pwf:55: set text = text + "\n" + name + "\n" + value
              local.get $var_text_36
              i64.const 8044473745409  ;; b'\n'
              call $str_concat
              local.get $for_name_38
              call $str_concat
              i64.const 8044473745409  ;; b'\n'
              call $str_concat
              local.get $for_value_39
              call $str_concat
              local.set $t40
              (br_if $fail (i32.const 55) (global.get $rt_error))
              drop
              local.get $t40
              local.set $var_text_36
              (br $for_i42)
            )
          )
          ;; higress-request-block.pwf:57: let haystack = cs ? text : text.lowerAscii()
          local.get $let_cs_1
          (if (result i64)
            (then
              local.get $var_text_36
            )
            (else
              local.get $var_text_36
              call $str_lower_ascii
            )
          )
          local.set $let_haystack_43
          (br_if $fail (i32.const 57) (global.get $rt_error))
          drop
          ;; higress-request-block.pwf:58: if config.block_headers.exists(b, b != "" && haystack.contai
          (local.get $config) (i32.load offset=32)
          (local.set $acc47 (i32.const 0))
          local.set $items45
          (local.set $i46 (i32.const 0))
          (block $fold_done_i46
            (loop $fold_i46
              (br_if $fold_done_i46 (i32.eqz (local.get $items45)))
              (br_if $fold_done_i46 (i32.ge_u (local.get $i46) (i32.load (local.get $items45))))
              (local.set $item44 (i64.load offset=8 (i32.add (local.get $items45) (i32.mul (local.get $i46) (i32.const 8)))))
              (local.set $i46 (i32.add (local.get $i46) (i32.const 1)))
              local.get $item44
              i64.const 0
              call $str_eq
              i32.eqz
              (if (result i32)
                (then
                  local.get $let_haystack_43
                  local.get $let_cs_1
                  (if (result i64)
                    (then
                      local.get $item44
                    )
                    (else
                      local.get $item44
                      call $str_lower_ascii
                    )
                  )
                  call $str_contains
                )
                (else
                  i32.const 0
                )
              )
              (if
                (then
                  (local.set $acc47 (i32.const 1))
                  (br $fold_done_i46)
                )
              )
              (br_if $fold_done_i46 (global.get $rt_error))
              (br $fold_i46)
            )
          )
          local.get $acc47
          local.set $t49
          (br_if $fail (i32.const 58) (global.get $rt_error))
          drop
          local.get $t49
          (if
            (then
              ;; higress-request-block.pwf:59: respond code config.blocked_message
              local.get $let_code_0
              call $checked_status
              local.set $t50
              (br_if $fail (i32.const 59) (global.get $rt_error))
              drop
              (call $pwc_snapshot (local.get $ctx))
              (call $metric_increment (global.get $pwc_metric_3))
              local.get $t50
              i32.wrap_i64
              (local.get $config) (i64.load offset=56)
              i32.const 0
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
    (local.set $config (call $config_load (local.get $text) (i32.const 1456)))
    (if (i32.eqz (local.get $config))
      (then (call $pwc_config_error) (return (i32.const 0)))
    )
    ;; a configuration replaced later stays allocated: streams may still read it
    (call $stream_put (local.get $root) (local.get $config))
    (i32.const 1)
  )
  (func $cfg_special (param $code i32) (param $s i64) (result i64)
    (if (i32.eq (local.get $code) (i32.const 8)) (then (return (call $cfg_pattern (local.get $s)))))
    (i64.const 0))
  (func $cfg_parse (param $code i32) (param $desc i32) (param $s i64) (result i64)
    (i64.const 0))
  (func $cfg_special_free (param $code i32) (param $v i64)
    (if (i32.eq (local.get $code) (i32.const 8)) (then (call $rx_free (i32.wrap_i64 (local.get $v))))))
  ;; $cfg_pattern: a configured pattern's program (stdlib/rx.wat), or 0 with
  ;; $cfg_fail_detail saying what is wrong with it and where.
  (func $cfg_pattern (param $s i64) (result i64)
    (local $program i32)
    (local.set $program (call $rx_compile (local.get $s)))
    (if (i32.eqz (local.get $program)) (then (global.set $cfg_fail_detail
      (call $str_concat (call $rx_error_text) (call $str_concat
        (i64.const 8048768712715)
        (call $i64_to_str (i64.extend_i32_u (global.get $rx_error_at)))))) (return (i64.const 0))))
    (i64.extend_i32_u (local.get $program)))

  (func $pwc_config_error
    (local $message i64) (local $code i32)
    (local.set $code (global.get $cfg_fail_code))
    (if (i32.eq (local.get $code) (i32.const 1)) (then (local.set $message (call $str_concat (i64.const 8164732829719) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 2)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (call $str_concat (i64.const 8263517077516) (call $str_concat (call $str_concat (i64.const 8096013352961) (global.get $cfg_fail_key)) (i64.const 8096013352961))) (i64.const 8315056685070)) (i64.load offset=16 (global.get $cfg_fail_type))) (i64.const 8375186227201)))))
    (if (i32.eq (local.get $code) (i32.const 3)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (i64.const 8100308320265) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 8138963025926)) (call $cfg_got_text)))))
    (if (i32.eq (local.get $code) (i32.const 4)) (then (local.set $message (call $str_concat (i64.const 8379481194517) (call $str_concat (call $str_concat (i64.const 8096013352961) (global.get $cfg_fail_key)) (i64.const 8096013352961))))))
    (if (i32.eq (local.get $code) (i32.const 5)) (then (local.set $message (call $str_concat (i64.const 8469675507726) (call $str_concat (call $str_concat (i64.const 8096013352961) (global.get $cfg_fail_key)) (i64.const 8096013352961))))))
    (if (i32.eq (local.get $code) (i32.const 6)) (then (local.set $message (if (result i64) (i64.eqz (global.get $cfg_fail_detail)) (then (call $str_concat (call $str_concat (call $str_concat (i64.const 8100308320265) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 8138963025926)) (call $cfg_got_text))) (else (call $str_concat (i64.const 8529805049869) (global.get $cfg_fail_detail)))))))
    (if (i32.eq (local.get $code) (i32.const 7)) (then (local.set $message (call $str_concat (i64.const 8585639624744) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 8)) (then (local.set $message (call $str_concat (i64.const 8757438316571) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (call $log (i32.const 4) (call $str_concat (call $str_concat (i64.const 8873402433570) (call $cfg_path_prefix)) (local.get $message)))
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
  (global $pwc_metric_0 (mut i32) (i32.const -1))  ;; pwc.request-block.responded.line_42
  (global $pwc_metric_1 (mut i32) (i32.const -1))  ;; pwc.request-block.responded.line_45
  (global $pwc_metric_2 (mut i32) (i32.const -1))  ;; pwc.request-block.responded.line_48
  (global $pwc_metric_3 (mut i32) (i32.const -1))  ;; pwc.request-block.responded.line_59
  (global $pwc_metric_4 (mut i32) (i32.const -1))  ;; pwc.request-block.errors.line_39
  (global $pwc_metric_5 (mut i32) (i32.const -1))  ;; pwc.request-block.errors.line_40
  (global $pwc_metric_6 (mut i32) (i32.const -1))  ;; pwc.request-block.errors.line_41
  (global $pwc_metric_7 (mut i32) (i32.const -1))  ;; pwc.request-block.errors.line_42
  (global $pwc_metric_8 (mut i32) (i32.const -1))  ;; pwc.request-block.errors.line_44
  (global $pwc_metric_9 (mut i32) (i32.const -1))  ;; pwc.request-block.errors.line_45
  (global $pwc_metric_10 (mut i32) (i32.const -1))  ;; pwc.request-block.errors.line_47
  (global $pwc_metric_11 (mut i32) (i32.const -1))  ;; pwc.request-block.errors.line_48
  (global $pwc_metric_12 (mut i32) (i32.const -1))  ;; pwc.request-block.errors.line_51
  (global $pwc_metric_13 (mut i32) (i32.const -1))  ;; pwc.request-block.errors.line_52
  (global $pwc_metric_14 (mut i32) (i32.const -1))  ;; pwc.request-block.errors.line_54
  (global $pwc_metric_15 (mut i32) (i32.const -1))  ;; pwc.request-block.errors.line_55
  (global $pwc_metric_16 (mut i32) (i32.const -1))  ;; pwc.request-block.errors.line_57
  (global $pwc_metric_17 (mut i32) (i32.const -1))  ;; pwc.request-block.errors.line_58
  (global $pwc_metric_18 (mut i32) (i32.const -1))  ;; pwc.request-block.errors.line_59
  (func $pwc_define_metric (param $kind i32) (param $name i64) (result i32)
    (local $id i32)
    (local.set $id (call $metric_define (local.get $kind) (local.get $name)))
    ;; a metric Envoy refuses is not counted; the filter works on without it
    (if (i32.eq (local.get $id) (i32.const -1)) (then
      (memory.copy (i32.const 2139) (call $str_ptr (local.get $name)) (call $str_len (local.get $name)))
      (call $log (i32.const 3) (call $str_pack (i32.const 2100) (i32.add (i32.const 39) (call $str_len (local.get $name)))))
    ))
    (local.get $id)
  )
  (func $pwc_define_metrics
    (global.set $pwc_metric_0 (call $pwc_define_metric (i32.const 0) (i64.const 9337258901539)))
    (global.set $pwc_metric_1 (call $pwc_define_metric (i32.const 0) (i64.const 9487582756899)))
    (global.set $pwc_metric_2 (call $pwc_define_metric (i32.const 0) (i64.const 9637906612259)))
    (global.set $pwc_metric_3 (call $pwc_define_metric (i32.const 0) (i64.const 9788230467619)))
    (global.set $pwc_metric_4 (call $pwc_define_metric (i32.const 0) (i64.const 9938554322976)))
    (global.set $pwc_metric_5 (call $pwc_define_metric (i32.const 0) (i64.const 10075993276448)))
    (global.set $pwc_metric_6 (call $pwc_define_metric (i32.const 0) (i64.const 10213432229920)))
    (global.set $pwc_metric_7 (call $pwc_define_metric (i32.const 0) (i64.const 10350871183392)))
    (global.set $pwc_metric_8 (call $pwc_define_metric (i32.const 0) (i64.const 10488310136864)))
    (global.set $pwc_metric_9 (call $pwc_define_metric (i32.const 0) (i64.const 10625749090336)))
    (global.set $pwc_metric_10 (call $pwc_define_metric (i32.const 0) (i64.const 10763188043808)))
    (global.set $pwc_metric_11 (call $pwc_define_metric (i32.const 0) (i64.const 10900626997280)))
    (global.set $pwc_metric_12 (call $pwc_define_metric (i32.const 0) (i64.const 11038065950752)))
    (global.set $pwc_metric_13 (call $pwc_define_metric (i32.const 0) (i64.const 11175504904224)))
    (global.set $pwc_metric_14 (call $pwc_define_metric (i32.const 0) (i64.const 11312943857696)))
    (global.set $pwc_metric_15 (call $pwc_define_metric (i32.const 0) (i64.const 11450382811168)))
    (global.set $pwc_metric_16 (call $pwc_define_metric (i32.const 0) (i64.const 11587821764640)))
    (global.set $pwc_metric_17 (call $pwc_define_metric (i32.const 0) (i64.const 11725260718112)))
    (global.set $pwc_metric_18 (call $pwc_define_metric (i32.const 0) (i64.const 11862699671584)))
  )
  (func $pwc_count_error (param $line i32)
    (if (i32.eq (local.get $line) (i32.const 39)) (then (call $metric_increment (global.get $pwc_metric_4))))
    (if (i32.eq (local.get $line) (i32.const 40)) (then (call $metric_increment (global.get $pwc_metric_5))))
    (if (i32.eq (local.get $line) (i32.const 41)) (then (call $metric_increment (global.get $pwc_metric_6))))
    (if (i32.eq (local.get $line) (i32.const 42)) (then (call $metric_increment (global.get $pwc_metric_7))))
    (if (i32.eq (local.get $line) (i32.const 44)) (then (call $metric_increment (global.get $pwc_metric_8))))
    (if (i32.eq (local.get $line) (i32.const 45)) (then (call $metric_increment (global.get $pwc_metric_9))))
    (if (i32.eq (local.get $line) (i32.const 47)) (then (call $metric_increment (global.get $pwc_metric_10))))
    (if (i32.eq (local.get $line) (i32.const 48)) (then (call $metric_increment (global.get $pwc_metric_11))))
    (if (i32.eq (local.get $line) (i32.const 51)) (then (call $metric_increment (global.get $pwc_metric_12))))
    (if (i32.eq (local.get $line) (i32.const 52)) (then (call $metric_increment (global.get $pwc_metric_13))))
    (if (i32.eq (local.get $line) (i32.const 54)) (then (call $metric_increment (global.get $pwc_metric_14))))
    (if (i32.eq (local.get $line) (i32.const 55)) (then (call $metric_increment (global.get $pwc_metric_15))))
    (if (i32.eq (local.get $line) (i32.const 57)) (then (call $metric_increment (global.get $pwc_metric_16))))
    (if (i32.eq (local.get $line) (i32.const 58)) (then (call $metric_increment (global.get $pwc_metric_17))))
    (if (i32.eq (local.get $line) (i32.const 59)) (then (call $metric_increment (global.get $pwc_metric_18))))
  )
  (func $pwc_fail (param $line i32)
    (local $end i32) (local $message i64)
    (call $pwc_count_error (local.get $line))  ;; pwc.FILTER.errors.line_N
    (local.set $end (i32.add (i32.const 2852) (call $write_decimal (i32.const 2852) (local.get $line))))
    (i32.store16 (local.get $end) (i32.const 0x203a))  ;; ": "
    (if (i32.eq (global.get $rt_error) (i32.const 4)) (then (local.set $message (i64.const 12498354831373))))
    (if (i32.eq (global.get $rt_error) (i32.const 5)) (then (local.set $message (i64.const 12554189406254))))
    (memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message)) (call $str_len (local.get $message)))
    (call $log (i32.const 4) (call $str_pack (i32.const 2794) (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message))) (i32.const 2794))))
    (call $send_error_reply (i32.const 500) (i64.const 12751757901849))
    (global.set $rt_error (i32.const 0))
  )

  (data (i32.const 1032) "a configblock_urlsa list<string>a string\01\00\00\00\00\00\00\00\08\00\00\00(\04\00\00\05\00\00\000\04\00\00\0e\00\00\00\1a\04\00\00block_exact_urlsblock_regexp_urlsa list<regex>an RE2 pattern\00\00\00\00\08\00\00\00\00\00\00\00\0e\00\00\00~\04\00\00\05\00\00\00\90\04\00\00\0d\00\00\00q\04\00\00block_headersblock_bodiesblocked_codean int\00\00\00\00\00\02\00\00\00\00\00\00\00\06\00\00\00\d5\04\00\00blocked_messagecase_sensitivetrue or false\00\00\00\00\00\00\03\00\00\00\00\00\00\00\0d\00\00\00\0d\05\00\00block_urls, block_exact_urls, block_regexp_urls, block_headers, block_bodies, blocked_code, blocked_message, case_sensitive\00\00\00\00\00\07\00\00\00\08\00\00\00\08\00\00\00\08\04\00\00{\00\00\000\05\00\00\0a\00\00\00\10\04\00\00@\04")
  (data (i32.const 1512) "\10\00\00\00P\04\00\00@\04")
  (data (i32.const 1544) "\11\00\00\00`\04\00\00\a0\04")
  (data (i32.const 1576) "\0d\00\00\00\b0\04\00\00@\04")
  (data (i32.const 1608) "\0c\00\00\00\bd\04\00\00@\04")
  (data (i32.const 1640) "\0c\00\00\00\c9\04\00\00\e0\04\00\00\00\00\00\00\93\01")
  (data (i32.const 1672) "\0f\00\00\00\f0\04\00\000\04")
  (data (i32.const 1704) "\0e\00\00\00\ff\04\00\00 \05\00\00\00\00\00\00\01")
  (data (i32.const 1784) "\93\01")
  (data (i32.const 1800) "\01\00\00\00\00\00\00\00:path:authority\0a:authority\0a:path\0a\0a:method\0a:method\0a:scheme\0a:scheme\0a at offset \22expected , got malformed JSON at byte unknown key  (known keys: )missing required key duplicate key bad pattern: too large or nested too deeply, at byte not a JSON object, at byte request-block: bad configuration: request-block: could not define metric ")
  (data (i32.const 2174) "pwc.request-block.responded.line_42pwc.request-block.responded.line_45pwc.request-block.responded.line_48pwc.request-block.responded.line_59pwc.request-block.errors.line_39pwc.request-block.errors.line_40pwc.request-block.errors.line_41pwc.request-block.errors.line_42pwc.request-block.errors.line_44pwc.request-block.errors.line_45pwc.request-block.errors.line_47pwc.request-block.errors.line_48pwc.request-block.errors.line_51pwc.request-block.errors.line_52pwc.request-block.errors.line_54pwc.request-block.errors.line_55pwc.request-block.errors.line_57pwc.request-block.errors.line_58pwc.request-block.errors.line_59request-block: runtime error at higress-request-block.pwf:")
  (data (i32.const 2910) "out of memoryrespond: the status is not between 100 and 599internal error in filter\0a")
)
