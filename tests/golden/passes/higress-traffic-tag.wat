;; generated
  (func $pwc_request (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $var_tagged_0 i32)
    (local $for_g_1 i32)
    (local $let_all_2 i32)
    (local $var_decided_3 i32)
    (local $var_result_4 i32)
    (local $t5 i32)
    (local $for_c_6 i32)
    (local $let_kind_7 i64)
    (local $let_present_8 i32)
    (local $let_actual_9 i64)
    (local $let_op_10 i64)
    (local $let_first_11 i64)
    (local $var_bucket_12 i64)
    (local $t13 i32)
    (local $t14 i32)
    (local $for_d_15 i64)
    (local $t16 i64)
    (local $items17 i32)
    (local $i18 i32)
    (local $let_held_19 i32)
    (local $once20 i32)
    (local $once21 i32)
    (local $once22 i32)
    (local $once23 i32)
    (local $items24 i32)
    (local $i25 i32)
    (local $t26 i32)
    (local $t27 i32)
    (local $t28 i64)
    (local $t29 i64)
    (local $items30 i32)
    (local $i31 i32)
    (local $t32 i32)
    (local $let_draw_33 i64)
    (local $var_upto_34 i64)
    (local $for_w_35 i32)
    (local $t36 i64)
    (local $t37 i32)
    (local $t38 i64)
    (local $t39 i64)
    (local $items40 i32)
    (local $i41 i32)
    (local $t42 i32)
    (local $t43 i64)
    (local $t44 i64)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (call $pwc_open_record (local.get $ctx) (i32.const 0)))))
    (if (i32.eqz (local.get $rec)) (then (call $pwc_fail (i32.const 0)) (return (i32.const 1))))
    (local.set $config (i32.load offset=0 (local.get $rec)))
    (if (i32.eqz (local.get $config)) (then (local.set $config (i32.const 2152))))
    (block $fail (result i32)
      ;; higress-traffic-tag.pwf:57: var tagged = false
      i32.const 0
      local.set $var_tagged_0
      ;; higress-traffic-tag.pwf:58: for g in config.conditionGroups {
      (local.get $config) (i32.load offset=8)
      local.set $items30
      (local.set $i31 (i32.const 0))
      (block $for_done_i31
        (loop $for_i31
          (br_if $for_done_i31 (i32.eqz (local.get $items30)))
          (br_if $for_done_i31 (i32.ge_u (local.get $i31) (i32.load (local.get $items30))))
          (local.set $for_g_1 (i32.load offset=8 (i32.add (local.get $items30) (i32.mul (local.get $i31) (i32.const 8)))))
          (local.set $i31 (i32.add (local.get $i31) (i32.const 1)))
          ;; higress-traffic-tag.pwf:59: if !tagged {
          local.get $var_tagged_0
          i32.eqz
          (if
            (then
              ;; higress-traffic-tag.pwf:60: let all = g.logic.lowerAscii() == "and"
              local.get $for_g_1
              i32.const 24
              call $record_slot
              call $str_lower_ascii
              i64.const 9414568312835  ;; b'and'
              call $str_eq
              local.set $let_all_2
              (br_if $fail (i32.const 60) (global.get $rt_error))
              drop
              ;; higress-traffic-tag.pwf:61: var decided = false  # an 'or' condition held, or an 'and' o
              i32.const 0
              local.set $var_decided_3
              ;; higress-traffic-tag.pwf:62: var result = false
              i32.const 0
              local.set $var_result_4
              ;; higress-traffic-tag.pwf:63: for c in g.conditions {
              local.get $for_g_1
              i32.const 32
              call $record_slot
              i32.wrap_i64
              local.set $t5
              (br_if $fail (i32.const 63) (global.get $rt_error))
              drop
              i32.const 0
              i64.const 9427453214726  ;; b'cookie'
              call $hdr_values
              call $cookies_of
              local.set $once20
              (br_if $fail (i32.const 63) (global.get $rt_error))
              drop
              i32.const 0
              i64.const 9453223018501  ;; b':path'
              call $hdr_get_first
              call $query_params_of
              local.set $once21
              (br_if $fail (i32.const 63) (global.get $rt_error))
              drop
              i32.const 0
              i64.const 9427453214726  ;; b'cookie'
              call $hdr_values
              call $cookies_of
              local.set $once22
              (br_if $fail (i32.const 63) (global.get $rt_error))
              drop
              i32.const 0
              i64.const 9453223018501  ;; b':path'
              call $hdr_get_first
              call $query_params_of
              local.set $once23
              (br_if $fail (i32.const 63) (global.get $rt_error))
              drop
              local.get $t5
              local.set $items24
              (local.set $i25 (i32.const 0))
              (block $for_done_i25
                (loop $for_i25
                  (br_if $for_done_i25 (i32.eqz (local.get $items24)))
                  (br_if $for_done_i25 (i32.ge_u (local.get $i25) (i32.load (local.get $items24))))
                  (local.set $for_c_6 (i32.load offset=8 (i32.add (local.get $items24) (i32.mul (local.get $i25) (i32.const 8)))))
                  (local.set $i25 (i32.add (local.get $i25) (i32.const 1)))
                  ;; higress-traffic-tag.pwf:64: if !decided {
                  local.get $var_decided_3
                  i32.eqz
                  (if
                    (then
                      ;; higress-traffic-tag.pwf:65: let kind = c.conditionType.lowerAscii()
                      local.get $for_c_6
                      i32.const 8
                      call $record_slot
                      call $str_lower_ascii
                      local.set $let_kind_7
                      (br_if $fail (i32.const 65) (global.get $rt_error))
                      drop
                      ;; higress-traffic-tag.pwf:66: let present = kind == "header" ? c.key in request.headers :
                      local.get $let_kind_7
                      i64.const 9474697854982  ;; b'header'
                      call $str_eq
                      (if (result i32)
                        (then
                          i32.const 0
                          local.get $for_c_6
                          i32.const 16
                          call $record_slot
                          call $str_lower_ascii
                          call $hdr_has
                        )
                        (else
                          local.get $let_kind_7
                          i64.const 9427453214726  ;; b'cookie'
                          call $str_eq
                          (if (result i32)
                            (then
                              local.get $once20
                              local.get $for_c_6
                              i32.const 16
                              call $record_slot
                              call $map_has
                            )
                            (else
                              local.get $let_kind_7
                              i64.const 9500467658761  ;; b'parameter'
                              call $str_eq
                              (if (result i32)
                                (then
                                  local.get $once21
                                  local.get $for_c_6
                                  i32.const 16
                                  call $record_slot
                                  call $map_has
                                )
                                (else
                                  i32.const 0
                                )
                              )
                            )
                          )
                        )
                      )
                      local.set $let_present_8
                      (br_if $fail (i32.const 66) (global.get $rt_error))
                      drop
                      ;; higress-traffic-tag.pwf:69: let actual = kind == "header" ? request.headers[c.key] :
                      local.get $let_kind_7
                      i64.const 9474697854982  ;; b'header'
                      call $str_eq
                      (if (result i64)
                        (then
                          i32.const 0
                          local.get $for_c_6
                          i32.const 16
                          call $record_slot
                          call $str_lower_ascii
                          call $hdr_get
                        )
                        (else
                          local.get $let_kind_7
                          i64.const 9427453214726  ;; b'cookie'
                          call $str_eq
                          (if (result i64)
                            (then
                              local.get $once22
                              local.get $for_c_6
                              i32.const 16
                              call $record_slot
                              call $map_get
                            )
                            (else
                              local.get $once23
                              local.get $for_c_6
                              i32.const 16
                              call $record_slot
                              call $map_get
                            )
                          )
                        )
                      )
                      local.set $let_actual_9
                      (br_if $fail (i32.const 69) (global.get $rt_error))
                      drop
                      ;; higress-traffic-tag.pwf:71: let op = c.operator.lowerAscii()
                      local.get $for_c_6
                      i32.const 24
                      call $record_slot
                      call $str_lower_ascii
                      local.set $let_op_10
                      (br_if $fail (i32.const 71) (global.get $rt_error))
                      drop
                      ;; higress-traffic-tag.pwf:72: let first = size(c.value) > 0 ? c.value[0] : ""
                      local.get $for_c_6
                      i32.const 32
                      call $record_slot
                      i32.wrap_i64
                      call $list_size
                      i64.const 0
                      i64.gt_s
                      (if (result i64)
                        (then
                          local.get $for_c_6
                          i32.const 32
                          call $record_slot
                          i32.wrap_i64
                          i64.const 0
                          call $list_at
                        )
                        (else
                          i64.const 0
                        )
                      )
                      local.set $let_first_11
                      (br_if $fail (i32.const 72) (global.get $rt_error))
                      drop
                      ;; higress-traffic-tag.pwf:75: var bucket = 0
                      i64.const 0
                      local.set $var_bucket_12
                      ;; higress-traffic-tag.pwf:76: if op == "percentage" {
                      local.get $let_op_10
                      i64.const 9539122364426  ;; b'percentage'
                      call $str_eq
                      local.set $t13
                      (br_if $fail (i32.const 76) (global.get $rt_error))
                      drop
                      local.get $t13
                      (if
                        (then
                          ;; higress-traffic-tag.pwf:77: for d in hex.encode(sha256(actual)).substring(0, 16).split("
                          local.get $let_actual_9
                          call $sha256
                          call $hex_encode
                          i64.const 0
                          i64.const 16
                          call $str_substring
                          i64.const 0
                          i64.const -1
                          call $str_split
                          local.set $t14
                          (br_if $fail (i32.const 77) (global.get $rt_error))
                          drop
                          local.get $t14
                          local.set $items17
                          (local.set $i18 (i32.const 0))
                          (block $for_done_i18
                            (loop $for_i18
                              (br_if $for_done_i18 (i32.eqz (local.get $items17)))
                              (br_if $for_done_i18 (i32.ge_u (local.get $i18) (i32.load (local.get $items17))))
                              (local.set $for_d_15 (i64.load offset=8 (i32.add (local.get $items17) (i32.mul (local.get $i18) (i32.const 8)))))
                              (local.set $i18 (i32.add (local.get $i18) (i32.const 1)))
                              ;; higress-traffic-tag.pwf:78: set bucket = (bucket * 16 + "0123456789abcdef".indexOf(d)) %
                              local.get $var_bucket_12
                              i64.const 16
                              call $i64_mul_checked
                              i64.const 9582072037392  ;; b'0123456789abcdef'
                              local.get $for_d_15
                              call $str_index_of
                              call $i64_add_checked
                              i64.const 100
                              call $i64_rem_checked
                              local.set $t16
                              (br_if $fail (i32.const 78) (global.get $rt_error))
                              drop
                              local.get $t16
                              local.set $var_bucket_12
                              (br $for_i18)
                            )
                          )
                        )
                      )
                      ;; higress-traffic-tag.pwf:81: let held = size(c.value) > 0 && (
                      local.get $for_c_6
                      i32.const 32
                      call $record_slot
                      i32.wrap_i64
                      call $list_size
                      i64.const 0
                      i64.gt_s
                      (if (result i32)
                        (then
                          local.get $let_op_10
                          i64.const 9650791514117  ;; b'equal'
                          call $str_eq
                          (if (result i32)
                            (then
                              local.get $let_actual_9
                              local.get $let_first_11
                              call $str_eq
                            )
                            (else
                              local.get $let_op_10
                              i64.const 9672266350601  ;; b'not_equal'
                              call $str_eq
                              (if (result i32)
                                (then
                                  local.get $let_actual_9
                                  local.get $let_first_11
                                  call $str_eq
                                  i32.eqz
                                )
                                (else
                                  local.get $let_op_10
                                  i64.const 9710921056262  ;; b'prefix'
                                  call $str_eq
                                  (if (result i32)
                                    (then
                                      local.get $let_actual_9
                                      local.get $let_first_11
                                      call $str_starts_with
                                    )
                                    (else
                                      local.get $let_op_10
                                      i64.const 9736690860034  ;; b'in'
                                      call $str_eq
                                      (if (result i32)
                                        (then
                                          local.get $for_c_6
                                          i32.const 32
                                          call $record_slot
                                          i32.wrap_i64
                                          local.get $let_actual_9
                                          call $list_contains
                                        )
                                        (else
                                          local.get $let_op_10
                                          i64.const 9745280794630  ;; b'not_in'
                                          call $str_eq
                                          (if (result i32)
                                            (then
                                              local.get $for_c_6
                                              i32.const 32
                                              call $record_slot
                                              i32.wrap_i64
                                              local.get $let_actual_9
                                              call $list_contains
                                              i32.eqz
                                            )
                                            (else
                                              local.get $let_op_10
                                              i64.const 9539122364426  ;; b'percentage'
                                              call $str_eq
                                              (if (result i32)
                                                (then
                                                  local.get $let_first_11
                                                  call $re0_match
                                                  (if (result i32)
                                                    (then
                                                      local.get $var_bucket_12
                                                      local.get $let_first_11
                                                      call $str_to_i64
                                                      i64.lt_s
                                                    )
                                                    (else
                                                      i32.const 0
                                                    )
                                                  )
                                                )
                                                (else
                                                  i32.const 0
                                                )
                                              )
                                            )
                                          )
                                        )
                                      )
                                    )
                                  )
                                )
                              )
                            )
                          )
                        )
                        (else
                          i32.const 0
                        )
                      )
                      local.set $let_held_19
                      (br_if $fail (i32.const 81) (global.get $rt_error))
                      drop
                      ;; higress-traffic-tag.pwf:91: if !present && all {
                      local.get $let_present_8
                      i32.eqz
                      (if (result i32)
                        (then
                          local.get $let_all_2
                        )
                        (else
                          i32.const 0
                        )
                      )
                      (if
                        (then
                          ;; higress-traffic-tag.pwf:92: set decided = true
                          i32.const 1
                          local.set $var_decided_3
                        )
                      )
                      ;; higress-traffic-tag.pwf:94: if present && held && !all {
                      local.get $let_present_8
                      (if (result i32)
                        (then
                          local.get $let_held_19
                        )
                        (else
                          i32.const 0
                        )
                      )
                      (if (result i32)
                        (then
                          local.get $let_all_2
                          i32.eqz
                        )
                        (else
                          i32.const 0
                        )
                      )
                      (if
                        (then
                          ;; higress-traffic-tag.pwf:95: set decided = true
                          i32.const 1
                          local.set $var_decided_3
                          ;; higress-traffic-tag.pwf:96: set result = true
                          i32.const 1
                          local.set $var_result_4
                        )
                      )
                      ;; higress-traffic-tag.pwf:98: if present && !held && all {
                      local.get $let_present_8
                      (if (result i32)
                        (then
                          local.get $let_held_19
                          i32.eqz
                        )
                        (else
                          i32.const 0
                        )
                      )
                      (if (result i32)
                        (then
                          local.get $let_all_2
                        )
                        (else
                          i32.const 0
                        )
                      )
                      (if
                        (then
                          ;; higress-traffic-tag.pwf:99: set decided = true
                          i32.const 1
                          local.set $var_decided_3
                        )
                      )
                    )
                  )
                  (br $for_i25)
                )
              )
              ;; higress-traffic-tag.pwf:103: if (decided && result) || (!decided && all && size(g.conditi
              local.get $var_decided_3
              (if (result i32)
                (then
                  local.get $var_result_4
                )
                (else
                  i32.const 0
                )
              )
              (if (result i32)
                (then
                  i32.const 1
                )
                (else
                  local.get $var_decided_3
                  i32.eqz
                  (if (result i32)
                    (then
                      local.get $let_all_2
                    )
                    (else
                      i32.const 0
                    )
                  )
                  (if (result i32)
                    (then
                      local.get $for_g_1
                      i32.const 32
                      call $record_slot
                      i32.wrap_i64
                      call $list_size
                      i64.const 0
                      i64.gt_s
                    )
                    (else
                      i32.const 0
                    )
                  )
                )
              )
              local.set $t26
              (br_if $fail (i32.const 103) (global.get $rt_error))
              drop
              local.get $t26
              (if
                (then
                  ;; higress-traffic-tag.pwf:104: set tagged = true
                  i32.const 1
                  local.set $var_tagged_0
                  ;; higress-traffic-tag.pwf:105: if request.headers[g.headerName] == "" {
                  i32.const 0
                  local.get $for_g_1
                  i32.const 8
                  call $record_slot
                  call $str_lower_ascii
                  call $hdr_get
                  i64.const 0
                  call $str_eq
                  local.set $t27
                  (br_if $fail (i32.const 105) (global.get $rt_error))
                  drop
                  local.get $t27
                  (if
                    (then
                      ;; higress-traffic-tag.pwf:106: add request.headers[g.headerName] = g.headerValue
                      local.get $for_g_1
                      i32.const 16
                      call $record_slot
                      call $str_strip_ctl
                      local.set $t28
                      (br_if $fail (i32.const 106) (global.get $rt_error))
                      drop
                      local.get $for_g_1
                      i32.const 8
                      call $record_slot
                      call $str_lower_ascii
                      i32.const 2360
                      call $header_name_value
                      local.set $t29
                      (br_if $fail (i32.const 106) (global.get $rt_error))
                      drop
                      i32.const 0
                      local.get $t29
                      local.get $t28
                      call $hdr_add_raw
                      (br_if $fail (i32.const 106) (global.get $rt_error))
                      drop
                    )
                  )
                )
              )
            )
          )
          (br $for_i31)
        )
      )
      ;; higress-traffic-tag.pwf:112: if !tagged && size(config.weightGroups) > 0 {
      local.get $var_tagged_0
      i32.eqz
      (if (result i32)
        (then
          (local.get $config) (i32.load offset=16)
          call $list_size
          i64.const 0
          i64.gt_s
        )
        (else
          i32.const 0
        )
      )
      local.set $t32
      (br_if $fail (i32.const 112) (global.get $rt_error))
      drop
      local.get $t32
      (if
        (then
          ;; higress-traffic-tag.pwf:113: let draw = fnv1a(request.id) % 100
          i64.const 10445360463882  ;; b'request\x00id'
          call $property_string
          call $fnv1a
          i64.const 100
          call $i64_rem_checked
          local.set $let_draw_33
          (br_if $fail (i32.const 113) (global.get $rt_error))
          drop
          ;; higress-traffic-tag.pwf:114: var upto = 0
          i64.const 0
          local.set $var_upto_34
          ;; higress-traffic-tag.pwf:115: for w in config.weightGroups {
          (local.get $config) (i32.load offset=16)
          local.set $items40
          (local.set $i41 (i32.const 0))
          (block $for_done_i41
            (loop $for_i41
              (br_if $for_done_i41 (i32.eqz (local.get $items40)))
              (br_if $for_done_i41 (i32.ge_u (local.get $i41) (i32.load (local.get $items40))))
              (local.set $for_w_35 (i32.load offset=8 (i32.add (local.get $items40) (i32.mul (local.get $i41) (i32.const 8)))))
              (local.set $i41 (i32.add (local.get $i41) (i32.const 1)))
              ;; higress-traffic-tag.pwf:116: if !tagged {
              local.get $var_tagged_0
              i32.eqz
              (if
                (then
                  ;; higress-traffic-tag.pwf:117: set upto = upto + w.weight
                  local.get $var_upto_34
                  local.get $for_w_35
                  i32.const 24
                  call $record_slot
                  call $i64_add_checked
                  local.set $t36
                  (br_if $fail (i32.const 117) (global.get $rt_error))
                  drop
                  local.get $t36
                  local.set $var_upto_34
                  ;; higress-traffic-tag.pwf:118: if draw < upto {
                  local.get $let_draw_33
                  local.get $var_upto_34
                  i64.lt_s
                  (if
                    (then
                      ;; higress-traffic-tag.pwf:119: set tagged = true
                      i32.const 1
                      local.set $var_tagged_0
                      ;; higress-traffic-tag.pwf:120: if request.headers[w.headerName] == "" {
                      i32.const 0
                      local.get $for_w_35
                      i32.const 8
                      call $record_slot
                      call $str_lower_ascii
                      call $hdr_get
                      i64.const 0
                      call $str_eq
                      local.set $t37
                      (br_if $fail (i32.const 120) (global.get $rt_error))
                      drop
                      local.get $t37
                      (if
                        (then
                          ;; higress-traffic-tag.pwf:121: add request.headers[w.headerName] = w.headerValue
                          local.get $for_w_35
                          i32.const 16
                          call $record_slot
                          call $str_strip_ctl
                          local.set $t38
                          (br_if $fail (i32.const 121) (global.get $rt_error))
                          drop
                          local.get $for_w_35
                          i32.const 8
                          call $record_slot
                          call $str_lower_ascii
                          i32.const 2360
                          call $header_name_value
                          local.set $t39
                          (br_if $fail (i32.const 121) (global.get $rt_error))
                          drop
                          i32.const 0
                          local.get $t39
                          local.get $t38
                          call $hdr_add_raw
                          (br_if $fail (i32.const 121) (global.get $rt_error))
                          drop
                        )
                      )
                    )
                  )
                )
              )
              (br $for_i41)
            )
          )
        )
      )
      ;; higress-traffic-tag.pwf:128: if !tagged && config.defaultTagKey != "" && config.defaultTa
      local.get $var_tagged_0
      i32.eqz
      (if (result i32)
        (then
          (local.get $config) (i64.load offset=24)
          i64.const 0
          call $str_eq
          i32.eqz
        )
        (else
          i32.const 0
        )
      )
      (if (result i32)
        (then
          (local.get $config) (i64.load offset=32)
          i64.const 0
          call $str_eq
          i32.eqz
        )
        (else
          i32.const 0
        )
      )
      (if (result i32)
        (then
          i32.const 0
          (local.get $config) (i64.load offset=24)
          call $str_lower_ascii
          call $hdr_get
          i64.const 0
          call $str_eq
        )
        (else
          i32.const 0
        )
      )
      local.set $t42
      (br_if $fail (i32.const 128) (global.get $rt_error))
      drop
      local.get $t42
      (if
        (then
          ;; higress-traffic-tag.pwf:129: add request.headers[config.defaultTagKey] = config.defaultTa
          (local.get $config) (i64.load offset=32)
          call $str_strip_ctl
          local.set $t43
          (br_if $fail (i32.const 129) (global.get $rt_error))
          drop
          (local.get $config) (i64.load offset=24)
          call $str_lower_ascii
          i32.const 2360
          call $header_name_value
          local.set $t44
          (br_if $fail (i32.const 129) (global.get $rt_error))
          drop
          i32.const 0
          local.get $t44
          local.get $t43
          call $hdr_add_raw
          (br_if $fail (i32.const 129) (global.get $rt_error))
          drop
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
    (local.set $config (call $config_load (local.get $text) (i32.const 2000)))
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
    (if (i32.eq (local.get $code) (i32.const 1)) (then (local.set $message (call $str_concat (i64.const 10557029613591) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 2)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (call $str_concat (i64.const 10655813861388) (call $str_concat (call $str_concat (i64.const 10488310136833) (global.get $cfg_fail_key)) (i64.const 10488310136833))) (i64.const 10707353468942)) (i64.load offset=16 (global.get $cfg_fail_type))) (i64.const 10767483011073)))))
    (if (i32.eq (local.get $code) (i32.const 3)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (i64.const 10492605104137) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 10531259809798)) (call $cfg_got_text)))))
    (if (i32.eq (local.get $code) (i32.const 4)) (then (local.set $message (call $str_concat (i64.const 10771777978389) (call $str_concat (call $str_concat (i64.const 10488310136833) (global.get $cfg_fail_key)) (i64.const 10488310136833))))))
    (if (i32.eq (local.get $code) (i32.const 5)) (then (local.set $message (call $str_concat (i64.const 10861972291598) (call $str_concat (call $str_concat (i64.const 10488310136833) (global.get $cfg_fail_key)) (i64.const 10488310136833))))))
    (if (i32.eq (local.get $code) (i32.const 6)) (then (local.set $message (if (result i64) (i64.eqz (global.get $cfg_fail_detail)) (then (call $str_concat (call $str_concat (call $str_concat (i64.const 10492605104137) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 10531259809798)) (call $cfg_got_text))) (else (call $str_concat (i64.const 10922101833741) (global.get $cfg_fail_detail)))))))
    (if (i32.eq (local.get $code) (i32.const 7)) (then (local.set $message (call $str_concat (i64.const 10977936408616) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 8)) (then (local.set $message (call $str_concat (i64.const 11149735100443) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (call $log (i32.const 4) (call $str_concat (call $str_concat (i64.const 11265699217440) (call $cfg_path_prefix)) (local.get $message)))
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
  (global $pwc_metric_0 (mut i32) (i32.const -1))  ;; pwc.traffic-tag.errors.line_60
  (global $pwc_metric_1 (mut i32) (i32.const -1))  ;; pwc.traffic-tag.errors.line_63
  (global $pwc_metric_2 (mut i32) (i32.const -1))  ;; pwc.traffic-tag.errors.line_65
  (global $pwc_metric_3 (mut i32) (i32.const -1))  ;; pwc.traffic-tag.errors.line_66
  (global $pwc_metric_4 (mut i32) (i32.const -1))  ;; pwc.traffic-tag.errors.line_69
  (global $pwc_metric_5 (mut i32) (i32.const -1))  ;; pwc.traffic-tag.errors.line_71
  (global $pwc_metric_6 (mut i32) (i32.const -1))  ;; pwc.traffic-tag.errors.line_72
  (global $pwc_metric_7 (mut i32) (i32.const -1))  ;; pwc.traffic-tag.errors.line_76
  (global $pwc_metric_8 (mut i32) (i32.const -1))  ;; pwc.traffic-tag.errors.line_77
  (global $pwc_metric_9 (mut i32) (i32.const -1))  ;; pwc.traffic-tag.errors.line_78
  (global $pwc_metric_10 (mut i32) (i32.const -1))  ;; pwc.traffic-tag.errors.line_81
  (global $pwc_metric_11 (mut i32) (i32.const -1))  ;; pwc.traffic-tag.errors.line_103
  (global $pwc_metric_12 (mut i32) (i32.const -1))  ;; pwc.traffic-tag.errors.line_105
  (global $pwc_metric_13 (mut i32) (i32.const -1))  ;; pwc.traffic-tag.errors.line_106
  (global $pwc_metric_14 (mut i32) (i32.const -1))  ;; pwc.traffic-tag.errors.line_112
  (global $pwc_metric_15 (mut i32) (i32.const -1))  ;; pwc.traffic-tag.errors.line_113
  (global $pwc_metric_16 (mut i32) (i32.const -1))  ;; pwc.traffic-tag.errors.line_117
  (global $pwc_metric_17 (mut i32) (i32.const -1))  ;; pwc.traffic-tag.errors.line_120
  (global $pwc_metric_18 (mut i32) (i32.const -1))  ;; pwc.traffic-tag.errors.line_121
  (global $pwc_metric_19 (mut i32) (i32.const -1))  ;; pwc.traffic-tag.errors.line_128
  (global $pwc_metric_20 (mut i32) (i32.const -1))  ;; pwc.traffic-tag.errors.line_129
  (func $pwc_define_metric (param $kind i32) (param $name i64) (result i32)
    (local $id i32)
    (local.set $id (call $metric_define (local.get $kind) (local.get $name)))
    ;; a metric Envoy refuses is not counted; the filter works on without it
    (if (i32.eq (local.get $id) (i32.const -1)) (then
      (memory.copy (i32.const 2692) (call $str_ptr (local.get $name)) (call $str_len (local.get $name)))
      (call $log (i32.const 3) (call $str_pack (i32.const 2655) (i32.add (i32.const 37) (call $str_len (local.get $name)))))
    ))
    (local.get $id)
  )
  (func $pwc_define_metrics
    (global.set $pwc_metric_0 (call $pwc_define_metric (i32.const 0) (i64.const 11695195947038)))
    (global.set $pwc_metric_1 (call $pwc_define_metric (i32.const 0) (i64.const 11824044965918)))
    (global.set $pwc_metric_2 (call $pwc_define_metric (i32.const 0) (i64.const 11952893984798)))
    (global.set $pwc_metric_3 (call $pwc_define_metric (i32.const 0) (i64.const 12081743003678)))
    (global.set $pwc_metric_4 (call $pwc_define_metric (i32.const 0) (i64.const 12210592022558)))
    (global.set $pwc_metric_5 (call $pwc_define_metric (i32.const 0) (i64.const 12339441041438)))
    (global.set $pwc_metric_6 (call $pwc_define_metric (i32.const 0) (i64.const 12468290060318)))
    (global.set $pwc_metric_7 (call $pwc_define_metric (i32.const 0) (i64.const 12597139079198)))
    (global.set $pwc_metric_8 (call $pwc_define_metric (i32.const 0) (i64.const 12725988098078)))
    (global.set $pwc_metric_9 (call $pwc_define_metric (i32.const 0) (i64.const 12854837116958)))
    (global.set $pwc_metric_10 (call $pwc_define_metric (i32.const 0) (i64.const 12983686135838)))
    (global.set $pwc_metric_11 (call $pwc_define_metric (i32.const 0) (i64.const 13112535154719)))
    (global.set $pwc_metric_12 (call $pwc_define_metric (i32.const 0) (i64.const 13245679140895)))
    (global.set $pwc_metric_13 (call $pwc_define_metric (i32.const 0) (i64.const 13378823127071)))
    (global.set $pwc_metric_14 (call $pwc_define_metric (i32.const 0) (i64.const 13511967113247)))
    (global.set $pwc_metric_15 (call $pwc_define_metric (i32.const 0) (i64.const 13645111099423)))
    (global.set $pwc_metric_16 (call $pwc_define_metric (i32.const 0) (i64.const 13778255085599)))
    (global.set $pwc_metric_17 (call $pwc_define_metric (i32.const 0) (i64.const 13911399071775)))
    (global.set $pwc_metric_18 (call $pwc_define_metric (i32.const 0) (i64.const 14044543057951)))
    (global.set $pwc_metric_19 (call $pwc_define_metric (i32.const 0) (i64.const 14177687044127)))
    (global.set $pwc_metric_20 (call $pwc_define_metric (i32.const 0) (i64.const 14310831030303)))
  )
  (func $pwc_count_error (param $line i32)
    (if (i32.eq (local.get $line) (i32.const 60)) (then (call $metric_increment (global.get $pwc_metric_0))))
    (if (i32.eq (local.get $line) (i32.const 63)) (then (call $metric_increment (global.get $pwc_metric_1))))
    (if (i32.eq (local.get $line) (i32.const 65)) (then (call $metric_increment (global.get $pwc_metric_2))))
    (if (i32.eq (local.get $line) (i32.const 66)) (then (call $metric_increment (global.get $pwc_metric_3))))
    (if (i32.eq (local.get $line) (i32.const 69)) (then (call $metric_increment (global.get $pwc_metric_4))))
    (if (i32.eq (local.get $line) (i32.const 71)) (then (call $metric_increment (global.get $pwc_metric_5))))
    (if (i32.eq (local.get $line) (i32.const 72)) (then (call $metric_increment (global.get $pwc_metric_6))))
    (if (i32.eq (local.get $line) (i32.const 76)) (then (call $metric_increment (global.get $pwc_metric_7))))
    (if (i32.eq (local.get $line) (i32.const 77)) (then (call $metric_increment (global.get $pwc_metric_8))))
    (if (i32.eq (local.get $line) (i32.const 78)) (then (call $metric_increment (global.get $pwc_metric_9))))
    (if (i32.eq (local.get $line) (i32.const 81)) (then (call $metric_increment (global.get $pwc_metric_10))))
    (if (i32.eq (local.get $line) (i32.const 103)) (then (call $metric_increment (global.get $pwc_metric_11))))
    (if (i32.eq (local.get $line) (i32.const 105)) (then (call $metric_increment (global.get $pwc_metric_12))))
    (if (i32.eq (local.get $line) (i32.const 106)) (then (call $metric_increment (global.get $pwc_metric_13))))
    (if (i32.eq (local.get $line) (i32.const 112)) (then (call $metric_increment (global.get $pwc_metric_14))))
    (if (i32.eq (local.get $line) (i32.const 113)) (then (call $metric_increment (global.get $pwc_metric_15))))
    (if (i32.eq (local.get $line) (i32.const 117)) (then (call $metric_increment (global.get $pwc_metric_16))))
    (if (i32.eq (local.get $line) (i32.const 120)) (then (call $metric_increment (global.get $pwc_metric_17))))
    (if (i32.eq (local.get $line) (i32.const 121)) (then (call $metric_increment (global.get $pwc_metric_18))))
    (if (i32.eq (local.get $line) (i32.const 128)) (then (call $metric_increment (global.get $pwc_metric_19))))
    (if (i32.eq (local.get $line) (i32.const 129)) (then (call $metric_increment (global.get $pwc_metric_20))))
  )
  (func $re0_match (param $s i64) (result i32) (local $p i32) (local $len i32) (local $pos i32) (local $c i32) (local $state i32) (local $w i64)
    (local.set $p (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 32))))
    (local.set $len (i32.wrap_i64 (local.get $s)))
    (loop $run
    (block $s3
    (block $s2
    (block $s1
    (block $s0
      (br_table $s0 $s1 $s2 $s3 (local.get $state)))
      ;; state 0
      (if (i32.ge_u (local.get $pos) (local.get $len)) (then (return (i32.const 0))))
      (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $pos))))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
      (if (i32.le_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 9)) (then (local.set $state (i32.const 1)) (br $run)))
      (return (i32.const 0))
    )
      ;; state 1
      (if (i32.ge_u (local.get $pos) (local.get $len)) (then (return (i32.const 1))))
      (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $pos))))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
      (if (i32.le_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 9)) (then (local.set $state (i32.const 2)) (br $run)))
      (return (i32.const 0))
    )
      ;; state 2
      (if (i32.ge_u (local.get $pos) (local.get $len)) (then (return (i32.const 1))))
      (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $pos))))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
      (if (i32.le_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 9)) (then (local.set $state (i32.const 3)) (br $run)))
      (return (i32.const 0))
    )
      ;; state 3
      (if (i32.ge_u (local.get $pos) (local.get $len)) (then (return (i32.const 1))))
      (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $pos))))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
      (return (i32.const 0))
    )
    (i32.const 0))

  (func $pwc_fail (param $line i32)
    (local $end i32) (local $message i64)
    (call $pwc_count_error (local.get $line))  ;; pwc.FILTER.errors.line_N
    (local.set $end (i32.add (i32.const 3417) (call $write_decimal (i32.const 3417) (local.get $line))))
    (i32.store16 (local.get $end) (i32.const 0x203a))  ;; ": "
    (if (i32.eq (global.get $rt_error) (i32.const 1)) (then (local.set $message (i64.const 15010910699555))))
    (if (i32.eq (global.get $rt_error) (i32.const 2)) (then (local.set $message (i64.const 15161234554896))))
    (if (i32.eq (global.get $rt_error) (i32.const 3)) (then (local.set $message (i64.const 15229954031632))))
    (if (i32.eq (global.get $rt_error) (i32.const 4)) (then (local.set $message (i64.const 15298673508365))))
    (if (i32.eq (global.get $rt_error) (i32.const 10)) (then (local.set $message (i64.const 15354508083266))))
    (memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message)) (call $str_len (local.get $message)))
    (call $log (i32.const 4) (call $str_pack (i32.const 3363) (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message))) (i32.const 3363))))
    (if (i32.eq (global.get $rt_error) (i32.const 10)) (then (call $send_error_reply (i32.const 400) (i64.const 15637975924748))) (else (call $send_error_reply (i32.const 500) (i64.const 15689515532313))))
    (global.set $rt_error (i32.const 0))
  )

  (data (i32.const 1032) "a configconditionGroupsa list<ConditionGroup>a ConditionGroupheaderNamea string\00\01\00\00\00\00\00\00\00\08\00\00\00O\04\00\00headerValuelogicconditionsa list<Condition>a ConditionconditionTypekeyoperatorvaluea list<string>\00\00\00\00\00\00\00\05\00\00\00X\04\00\00\0e\00\00\00\bb\04\00\00conditionType, key, operator, value\00\00\00\00\00\07\00\00\00\04\00\00\00\0b\00\00\00\93\04\00\00#\00\00\00\e0\04\00\00\0d\00\00\00\9e\04\00\00X\04\00\00\01")
  (data (i32.const 1344) "\03\00\00\00\ab\04\00\00X\04\00\00\01")
  (data (i32.const 1376) "\08\00\00\00\ae\04\00\00X\04\00\00\01")
  (data (i32.const 1408) "\05\00\00\00\b6\04\00\00\d0\04\00\00\01")
  (data (i32.const 1440) "\05\00\00\00\08\05\00\00\11\00\00\00\82\04\00\00headerName, headerValue, logic, conditions\00\00\00\00\00\00\07\00\00\00\04\00\00\00\10\00\00\005\04\00\00*\00\00\00\b0\05\00\00\0a\00\00\00E\04\00\00X\04\00\00\01")
  (data (i32.const 1560) "\0b\00\00\00h\04\00\00X\04\00\00\01")
  (data (i32.const 1592) "\05\00\00\00s\04\00\00X\04\00\00\01")
  (data (i32.const 1624) "\0a\00\00\00x\04\00\00\a0\05\00\00\01")
  (data (i32.const 1656) "\05\00\00\00\e0\05\00\00\16\00\00\00\1f\04\00\00weightGroupsa list<WeightGroup>a WeightGroupweightan int\02\00\00\00\00\00\00\00\06\00\00\00\ba\06\00\00headerName, headerValue, weight\00\07\00\00\00\03\00\00\00\0d\00\00\00\a7\06\00\00\1f\00\00\00\d0\06\00\00\0a\00\00\00E\04\00\00X\04\00\00\01")
  (data (i32.const 1832) "\0b\00\00\00h\04\00\00X\04\00\00\01")
  (data (i32.const 1864) "\06\00\00\00\b4\06\00\00\c0\06\00\00\01")
  (data (i32.const 1896) "\05\00\00\00\f0\06\00\00\13\00\00\00\94\06\00\00defaultTagKeydefaultTagValconditionGroups, weightGroups, defaultTagKey, defaultTagVal\00\00\00\07\00\00\00\04\00\00\00\08\00\00\00\08\04\00\00;\00\00\00\92\07\00\00\0f\00\00\00\10\04\00\00x\06")
  (data (i32.const 2056) "\0c\00\00\00\88\06\00\00h\07")
  (data (i32.const 2088) "\0d\00\00\00x\07\00\00X\04")
  (data (i32.const 2120) "\0d\00\00\00\85\07\00\00X\04")
  (data (i32.const 2192) "andcookie:pathheaderparameterpercentage0123456789abcdefequalnot_equalprefixinnot_incontent-lengthtransfer-encodingconnectionupgradetehostkeep-aliveproxy-connection\00\00\00\00\00\08\00\00\00\00\00\00\00\0e\00\00\00\e3\08\00\00\11\00\00\00\f1\08\00\00\0a\00\00\00\02\09\00\00\07\00\00\00\0c\09\00\00\02\00\00\00\13\09\00\00\04\00\00\00\15\09\00\00\0a\00\00\00\19\09\00\00\10\00\00\00#\09\00\00request\00id\22expected , got malformed JSON at byte unknown key  (known keys: )missing required key duplicate key bad pattern: too large or nested too deeply, at byte not a JSON object, at byte traffic-tag: bad configuration: traffic-tag: could not define metric ")
  (data (i32.const 2723) "pwc.traffic-tag.errors.line_60pwc.traffic-tag.errors.line_63pwc.traffic-tag.errors.line_65pwc.traffic-tag.errors.line_66pwc.traffic-tag.errors.line_69pwc.traffic-tag.errors.line_71pwc.traffic-tag.errors.line_72pwc.traffic-tag.errors.line_76pwc.traffic-tag.errors.line_77pwc.traffic-tag.errors.line_78pwc.traffic-tag.errors.line_81pwc.traffic-tag.errors.line_103pwc.traffic-tag.errors.line_105pwc.traffic-tag.errors.line_106pwc.traffic-tag.errors.line_112pwc.traffic-tag.errors.line_113pwc.traffic-tag.errors.line_117pwc.traffic-tag.errors.line_120pwc.traffic-tag.errors.line_121pwc.traffic-tag.errors.line_128pwc.traffic-tag.errors.line_129traffic-tag: runtime error at higress-traffic-tag.pwf:")
  (data (i32.const 3495) "int(): the string is not an integerinteger overflowdivision by zeroout of memoryrefused: the header name is not a token, or names a framing headerbad request\0ainternal error in filter\0a")
)
