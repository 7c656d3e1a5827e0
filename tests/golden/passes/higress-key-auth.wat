;; generated
  (func $pwc_request (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $let_colon_0 i64)
    (local $let_host_1 i64)
    (local $var_matched_2 i32)
    (local $var_allow_3 i32)
    (local $for_r_4 i32)
    (local $let_by_route_5 i32)
    (local $item6 i64)
    (local $items7 i32)
    (local $i8 i32)
    (local $acc9 i32)
    (local $out10 i32)
    (local $let_by_domain_11 i32)
    (local $item12 i64)
    (local $once13 i64)
    (local $items14 i32)
    (local $i15 i32)
    (local $acc16 i32)
    (local $out17 i32)
    (local $let_by_prefix_18 i32)
    (local $t19 i32)
    (local $once20 i64)
    (local $items21 i32)
    (local $i22 i32)
    (local $let_global_23 i32)
    (local $var_found_24 i64)
    (local $var_token_25 i64)
    (local $for_k_26 i64)
    (local $t27 i32)
    (local $t28 i64)
    (local $t29 i64)
    (local $items30 i32)
    (local $i31 i32)
    (local $for_k_32 i64)
    (local $t33 i32)
    (local $for_part_34 i64)
    (local $let_eq_35 i64)
    (local $let_raw_name_36 i64)
    (local $let_raw_value_37 i64)
    (local $t38 i32)
    (local $t39 i64)
    (local $t40 i64)
    (local $items41 i32)
    (local $i42 i32)
    (local $once43 i64)
    (local $items44 i32)
    (local $i45 i32)
    (local $let_challenge_46 i32)
    (local $t47 i32)
    (local $t48 i32)
    (local $item49 i32)
    (local $items50 i32)
    (local $i51 i32)
    (local $acc52 i32)
    (local $out53 i32)
    (local $let_owners_54 i32)
    (local $t55 i32)
    (local $t56 i32)
    (local $let_name_57 i64)
    (local $t58 i32)
    (local $t59 i32)
    (local $t60 i64)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (call $pwc_open_record (local.get $ctx) (i32.const 0)))))
    (if (i32.eqz (local.get $rec)) (then (call $pwc_fail (i32.const 0)) (return (i32.const 1))))
    (local.set $config (i32.load offset=0 (local.get $rec)))
    (if (i32.eqz (local.get $config)) (then (local.set $config (i32.const 1920))))
    (block $fail (result i32)
      ;; higress-key-auth.pwf:51: let colon = request.host.lastIndexOf(":")
      i32.const 0
      i64.const 8486855376906  ;; b':authority'
      call $hdr_get_first
      i64.const 8529805049857  ;; b':'
      call $str_last_index_of
      local.set $let_colon_0
      (br_if $fail (i32.const 51) (global.get $rt_error))
      drop
      ;; higress-key-auth.pwf:52: let host = colon > request.host.lastIndexOf("]") ? request.h
      local.get $let_colon_0
      i32.const 0
      i64.const 8486855376906  ;; b':authority'
      call $hdr_get_first
      i64.const 8534100017153  ;; b']'
      call $str_last_index_of
      i64.gt_s
      (if (result i64)
        (then
          i32.const 0
          i64.const 8486855376906  ;; b':authority'
          call $hdr_get_first
          i64.const 0
          local.get $let_colon_0
          call $str_substring
        )
        (else
          i32.const 0
          i64.const 8486855376906  ;; b':authority'
          call $hdr_get_first
        )
      )
      local.set $let_host_1
      (br_if $fail (i32.const 52) (global.get $rt_error))
      drop
      ;; higress-key-auth.pwf:53: var matched = false
      i32.const 0
      local.set $var_matched_2
      ;; higress-key-auth.pwf:54: var allow = []
      i32.const 1992
      local.set $var_allow_3
      ;; higress-key-auth.pwf:55: for r in config._rules_ {
      i64.const 8589934592014  ;; b'xds\x00route_name'
      call $property_string
      local.set $once20
      (br_if $fail (i32.const 55) (global.get $rt_error))
      drop
      (local.get $config) (i32.load offset=48)
      local.set $items21
      (local.set $i22 (i32.const 0))
      (block $for_done_i22
        (loop $for_i22
          (br_if $for_done_i22 (i32.eqz (local.get $items21)))
          (br_if $for_done_i22 (i32.ge_u (local.get $i22) (i32.load (local.get $items21))))
          (local.set $for_r_4 (i32.load offset=8 (i32.add (local.get $items21) (i32.mul (local.get $i22) (i32.const 8)))))
          (local.set $i22 (i32.add (local.get $i22) (i32.const 1)))
          ;; higress-key-auth.pwf:56: if !matched {
          local.get $var_matched_2
          i32.eqz
          (if
            (then
              ;; higress-key-auth.pwf:57: let by_route = size(r._match_route_) > 0 && route_name in r.
              local.get $for_r_4
              i32.const 8
              call $record_slot
              i32.wrap_i64
              call $list_size
              i64.const 0
              i64.gt_s
              (if (result i32)
                (then
                  local.get $for_r_4
                  i32.const 8
                  call $record_slot
                  i32.wrap_i64
                  local.get $once20
                  call $list_contains
                )
                (else
                  i32.const 0
                )
              )
              local.set $let_by_route_5
              (br_if $fail (i32.const 57) (global.get $rt_error))
              drop
              ;; higress-key-auth.pwf:58: let by_domain = size(r._match_route_) == 0 && r._match_domai
              local.get $for_r_4
              i32.const 8
              call $record_slot
              i32.wrap_i64
              call $list_size
              i64.const 0
              i64.eq
              (if (result i32)
                (then
                  local.get $for_r_4
                  i32.const 16
                  call $record_slot
                  i32.wrap_i64
                  (local.set $acc9 (i32.const 0))
                  local.set $items7
                  (local.set $i8 (i32.const 0))
                  (block $fold_done_i8
                    (loop $fold_i8
                      (br_if $fold_done_i8 (i32.eqz (local.get $items7)))
                      (br_if $fold_done_i8 (i32.ge_u (local.get $i8) (i32.load (local.get $items7))))
                      (local.set $item6 (i64.load offset=8 (i32.add (local.get $items7) (i32.mul (local.get $i8) (i32.const 8)))))
                      (local.set $i8 (i32.add (local.get $i8) (i32.const 1)))
                      local.get $item6
                      i64.const 8650064134145  ;; b'*'
                      call $str_starts_with
                      (if (result i32)
                        (then
                          local.get $let_host_1
                          local.get $item6
                          i64.const 1
                          i64.const 9223372036854775807
                          call $str_substring
                          call $str_ends_with
                        )
                        (else
                          local.get $item6
                          i64.const 8650064134145  ;; b'*'
                          call $str_ends_with
                          (if (result i32)
                            (then
                              local.get $let_host_1
                              local.get $item6
                              i64.const 0
                              local.get $item6
                              call $str_size
                              i64.const 1
                              call $i64_sub_checked
                              call $str_substring
                              call $str_starts_with
                            )
                            (else
                              local.get $let_host_1
                              local.get $item6
                              call $str_eq
                            )
                          )
                        )
                      )
                      (if
                        (then
                          (local.set $acc9 (i32.const 1))
                          (br $fold_done_i8)
                        )
                      )
                      (br_if $fold_done_i8 (global.get $rt_error))
                      (br $fold_i8)
                    )
                  )
                  local.get $acc9
                )
                (else
                  i32.const 0
                )
              )
              local.set $let_by_domain_11
              (br_if $fail (i32.const 58) (global.get $rt_error))
              drop
              ;; higress-key-auth.pwf:61: let by_prefix = size(r._match_route_) == 0 && size(r._match_
              local.get $for_r_4
              i32.const 8
              call $record_slot
              i32.wrap_i64
              call $list_size
              i64.const 0
              i64.eq
              (if (result i32)
                (then
                  local.get $for_r_4
                  i32.const 16
                  call $record_slot
                  i32.wrap_i64
                  call $list_size
                  i64.const 0
                  i64.eq
                )
                (else
                  i32.const 0
                )
              )
              (if (result i32)
                (then
                  i64.const 8589934592014  ;; b'xds\x00route_name'
                  call $property_string
                  local.set $once13
                  local.get $for_r_4
                  i32.const 24
                  call $record_slot
                  i32.wrap_i64
                  (local.set $acc16 (i32.const 0))
                  local.set $items14
                  (local.set $i15 (i32.const 0))
                  (block $fold_done_i15
                    (loop $fold_i15
                      (br_if $fold_done_i15 (i32.eqz (local.get $items14)))
                      (br_if $fold_done_i15 (i32.ge_u (local.get $i15) (i32.load (local.get $items14))))
                      (local.set $item12 (i64.load offset=8 (i32.add (local.get $items14) (i32.mul (local.get $i15) (i32.const 8)))))
                      (local.set $i15 (i32.add (local.get $i15) (i32.const 1)))
                      local.get $once13
                      local.get $item12
                      call $str_starts_with
                      (if
                        (then
                          (local.set $acc16 (i32.const 1))
                          (br $fold_done_i15)
                        )
                      )
                      (br_if $fold_done_i15 (global.get $rt_error))
                      (br $fold_i15)
                    )
                  )
                  local.get $acc16
                )
                (else
                  i32.const 0
                )
              )
              local.set $let_by_prefix_18
              (br_if $fail (i32.const 61) (global.get $rt_error))
              drop
              ;; higress-key-auth.pwf:63: if by_route || by_domain || by_prefix {
              local.get $let_by_route_5
              (if (result i32)
                (then
                  i32.const 1
                )
                (else
                  local.get $let_by_domain_11
                )
              )
              (if (result i32)
                (then
                  i32.const 1
                )
                (else
                  local.get $let_by_prefix_18
                )
              )
              (if
                (then
                  ;; higress-key-auth.pwf:64: set matched = true
                  i32.const 1
                  local.set $var_matched_2
                  ;; higress-key-auth.pwf:65: set allow = r.allow
                  local.get $for_r_4
                  i32.const 32
                  call $record_slot
                  i32.wrap_i64
                  local.set $t19
                  (br_if $fail (i32.const 65) (global.get $rt_error))
                  drop
                  local.get $t19
                  local.set $var_allow_3
                )
              )
            )
          )
          (br $for_i22)
        )
      )
      ;; higress-key-auth.pwf:72: let global = has(config.global_auth) ? config.global_auth : 
      (local.get $config)
      i32.const 0
      call $record_has
      (if (result i32)
        (then
          (local.get $config) (i32.load offset=8)
        )
        (else
          (local.get $config) (i32.load offset=48)
          call $list_size
          i64.const 0
          i64.eq
        )
      )
      local.set $let_global_23
      (br_if $fail (i32.const 72) (global.get $rt_error))
      drop
      ;; higress-key-auth.pwf:73: if !global && !matched {
      local.get $let_global_23
      i32.eqz
      (if (result i32)
        (then
          local.get $var_matched_2
          i32.eqz
        )
        (else
          i32.const 0
        )
      )
      (if
        (then
          ;; higress-key-auth.pwf:74: continue
          (call $pwc_snapshot (local.get $ctx))
          (return (i32.const 0))
        )
      )
      ;; higress-key-auth.pwf:79: var found = 0
      i64.const 0
      local.set $var_found_24
      ;; higress-key-auth.pwf:80: var token = ""
      i64.const 0
      local.set $var_token_25
      ;; higress-key-auth.pwf:81: if config.in_header {
      (local.get $config) (i32.load offset=40)
      (if
        (then
          ;; higress-key-auth.pwf:82: for k in config.keys {
          (local.get $config) (i32.load offset=24)
          local.set $items30
          (local.set $i31 (i32.const 0))
          (block $for_done_i31
            (loop $for_i31
              (br_if $for_done_i31 (i32.eqz (local.get $items30)))
              (br_if $for_done_i31 (i32.ge_u (local.get $i31) (i32.load (local.get $items30))))
              (local.set $for_k_26 (i64.load offset=8 (i32.add (local.get $items30) (i32.mul (local.get $i31) (i32.const 8)))))
              (local.set $i31 (i32.add (local.get $i31) (i32.const 1)))
              ;; higress-key-auth.pwf:83: if request.headers[k] != "" {
              i32.const 0
              local.get $for_k_26
              call $str_lower_ascii
              call $hdr_get
              i64.const 0
              call $str_eq
              i32.eqz
              local.set $t27
              (br_if $fail (i32.const 83) (global.get $rt_error))
              drop
              local.get $t27
              (if
                (then
                  ;; higress-key-auth.pwf:84: set found = found + 1
                  local.get $var_found_24
                  i64.const 1
                  call $i64_add_checked
                  local.set $t28
                  (br_if $fail (i32.const 84) (global.get $rt_error))
                  drop
                  local.get $t28
                  local.set $var_found_24
                  ;; higress-key-auth.pwf:85: set token = request.headers[k]
                  i32.const 0
                  local.get $for_k_26
                  call $str_lower_ascii
                  call $hdr_get
                  local.set $t29
                  (br_if $fail (i32.const 85) (global.get $rt_error))
                  drop
                  local.get $t29
                  local.set $var_token_25
                )
              )
              (br $for_i31)
            )
          )
        )
      )
      ;; higress-key-auth.pwf:89: if config.in_query {
      (local.get $config) (i32.load offset=32)
      (if
        (then
          ;; higress-key-auth.pwf:90: for k in config.keys {
          i32.const 0
          i64.const 8654359101445  ;; b':path'
          call $hdr_get_first
          call $query_of
          local.set $once43
          (br_if $fail (i32.const 90) (global.get $rt_error))
          drop
          (local.get $config) (i32.load offset=24)
          local.set $items44
          (local.set $i45 (i32.const 0))
          (block $for_done_i45
            (loop $for_i45
              (br_if $for_done_i45 (i32.eqz (local.get $items44)))
              (br_if $for_done_i45 (i32.ge_u (local.get $i45) (i32.load (local.get $items44))))
              (local.set $for_k_32 (i64.load offset=8 (i32.add (local.get $items44) (i32.mul (local.get $i45) (i32.const 8)))))
              (local.set $i45 (i32.add (local.get $i45) (i32.const 1)))
              ;; higress-key-auth.pwf:91: for part in request.query.split("&") {
              local.get $once43
              i64.const 8675833937921  ;; b'&'
              i64.const -1
              call $str_split
              local.set $t33
              (br_if $fail (i32.const 91) (global.get $rt_error))
              drop
              local.get $t33
              local.set $items41
              (local.set $i42 (i32.const 0))
              (block $for_done_i42
                (loop $for_i42
                  (br_if $for_done_i42 (i32.eqz (local.get $items41)))
                  (br_if $for_done_i42 (i32.ge_u (local.get $i42) (i32.load (local.get $items41))))
                  (local.set $for_part_34 (i64.load offset=8 (i32.add (local.get $items41) (i32.mul (local.get $i42) (i32.const 8)))))
                  (local.set $i42 (i32.add (local.get $i42) (i32.const 1)))
                  ;; higress-key-auth.pwf:92: let eq = part.indexOf("=")
                  local.get $for_part_34
                  i64.const 8680128905217  ;; b'='
                  call $str_index_of
                  local.set $let_eq_35
                  (br_if $fail (i32.const 92) (global.get $rt_error))
                  drop
                  ;; higress-key-auth.pwf:93: let raw_name = eq < 0 ? part : part.substring(0, eq)
                  local.get $let_eq_35
                  i64.const 0
                  i64.lt_s
                  (if (result i64)
                    (then
                      local.get $for_part_34
                    )
                    (else
                      local.get $for_part_34
                      i64.const 0
                      local.get $let_eq_35
                      call $str_substring
                    )
                  )
                  local.set $let_raw_name_36
                  (br_if $fail (i32.const 93) (global.get $rt_error))
                  drop
                  ;; higress-key-auth.pwf:94: let raw_value = eq < 0 ? "" : part.substring(eq + 1)
                  local.get $let_eq_35
                  i64.const 0
                  i64.lt_s
                  (if (result i64)
                    (then
                      i64.const 0
                    )
                    (else
                      local.get $for_part_34
                      local.get $let_eq_35
                      i64.const 1
                      call $i64_add_checked
                      i64.const 9223372036854775807
                      call $str_substring
                    )
                  )
                  local.set $let_raw_value_37
                  (br_if $fail (i32.const 94) (global.get $rt_error))
                  drop
                  ;; higress-key-auth.pwf:96: if part != "" && !part.contains(";") && url.valid(raw_name) 
                  local.get $for_part_34
                  i64.const 0
                  call $str_eq
                  i32.eqz
                  (if (result i32)
                    (then
                      local.get $for_part_34
                      i64.const 8684423872513  ;; b';'
                      call $str_contains
                      i32.eqz
                    )
                    (else
                      i32.const 0
                    )
                  )
                  (if (result i32)
                    (then
                      local.get $let_raw_name_36
                      call $url_valid
                    )
                    (else
                      i32.const 0
                    )
                  )
                  (if (result i32)
                    (then
                      local.get $let_raw_value_37
                      call $url_valid
                    )
                    (else
                      i32.const 0
                    )
                  )
                  (if (result i32)
                    (then
                      local.get $let_raw_name_36
                      i64.const 8688718839809  ;; b'+'
                      i64.const 8693013807105  ;; b' '
                      call $str_replace
                      call $url_decode
                      local.get $for_k_32
                      call $str_eq
                    )
                    (else
                      i32.const 0
                    )
                  )
                  local.set $t38
                  (br_if $fail (i32.const 96) (global.get $rt_error))
                  drop
                  local.get $t38
                  (if
                    (then
                      ;; higress-key-auth.pwf:98: set found = found + 1
                      local.get $var_found_24
                      i64.const 1
                      call $i64_add_checked
                      local.set $t39
                      (br_if $fail (i32.const 98) (global.get $rt_error))
                      drop
                      local.get $t39
                      local.set $var_found_24
                      ;; higress-key-auth.pwf:99: set token = url.decode(raw_value.replace("+", " "))
                      local.get $let_raw_value_37
                      i64.const 8688718839809  ;; b'+'
                      i64.const 8693013807105  ;; b' '
                      call $str_replace
                      call $url_decode
                      local.set $t40
                      (br_if $fail (i32.const 99) (global.get $rt_error))
                      drop
                      local.get $t40
                      local.set $var_token_25
                    )
                  )
                  (br $for_i42)
                )
              )
              (br $for_i45)
            )
          )
        )
      )
      ;; higress-key-auth.pwf:105: let challenge = {"www-authenticate": "Key realm=MSE Gateway"
      i32.const 2064
      local.set $let_challenge_46
      ;; higress-key-auth.pwf:106: if found > 1 {
      local.get $var_found_24
      i64.const 1
      i64.gt_s
      (if
        (then
          ;; higress-key-auth.pwf:107: respond 401 "Request denied by Key Auth check. Multi Key Aut
          local.get $let_challenge_46
          i32.const 2168
          call $header_map_value
          local.set $t47
          (br_if $fail (i32.const 107) (global.get $rt_error))
          drop
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_0))
          i64.const 401
          i32.wrap_i64
          i64.const 9620726743117  ;; b'Request denied by Key Auth check. Multi '
          local.get $t47
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; higress-key-auth.pwf:109: if found == 0 {
      local.get $var_found_24
      i64.const 0
      i64.eq
      (if
        (then
          ;; higress-key-auth.pwf:110: respond 401 "Request denied by Key Auth check. No Key Authen
          local.get $let_challenge_46
          i32.const 2168
          call $header_map_value
          local.set $t48
          (br_if $fail (i32.const 110) (global.get $rt_error))
          drop
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_1))
          i64.const 401
          i32.wrap_i64
          i64.const 9951439224906  ;; b'Request denied by Key Auth check. No Key'
          local.get $t48
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; higress-key-auth.pwf:112: let owners = config.consumers.filter(c, c.credential == toke
      (local.get $config) (i32.load offset=16)
      (local.set $acc52 (i32.const 0))
      (local.tee $items50)
      (local.set $out53 (i32.const 0))
      (if (local.get $items50) (then (local.set $out53 (call $alloc (i32.add (i32.const 8) (i32.shl (i32.load (local.get $items50)) (i32.const 3)))))))
      local.set $items50
      (local.set $i51 (i32.const 0))
      (block $fold_done_i51
        (loop $fold_i51
          (br_if $fold_done_i51 (i32.eqz (local.get $items50)))
          (br_if $fold_done_i51 (i32.ge_u (local.get $i51) (i32.load (local.get $items50))))
          (local.set $item49 (i32.load offset=8 (i32.add (local.get $items50) (i32.mul (local.get $i51) (i32.const 8)))))
          (local.set $i51 (i32.add (local.get $i51) (i32.const 1)))
          local.get $item49
          i32.const 16
          call $record_slot
          local.get $var_token_25
          call $str_eq
          (if
            (then
              (local.get $out53)
              (if
                (then
                  (i32.add (local.get $out53) (i32.shl (local.get $acc52) (i32.const 3)))
                  local.get $item49
                  i64.extend_i32_u
                  i64.store offset=8
                )
              )
              (local.set $acc52 (i32.add (local.get $acc52) (i32.const 1)))
            )
          )
          (br_if $fold_done_i51 (global.get $rt_error))
          (br $fold_i51)
        )
      )
      (if (local.get $out53) (then (i32.store (local.get $out53) (local.get $acc52))))
      (select (local.get $out53) (i32.const 0) (local.get $acc52))
      local.set $let_owners_54
      (br_if $fail (i32.const 112) (global.get $rt_error))
      drop
      ;; higress-key-auth.pwf:113: if size(owners) == 0 {
      local.get $let_owners_54
      call $list_size
      i64.const 0
      i64.eq
      local.set $t55
      (br_if $fail (i32.const 113) (global.get $rt_error))
      drop
      local.get $t55
      (if
        (then
          ;; higress-key-auth.pwf:114: respond 403 "Request denied by Key Auth check. Unauthorized 
          local.get $let_challenge_46
          i32.const 2168
          call $header_map_value
          local.set $t56
          (br_if $fail (i32.const 114) (global.get $rt_error))
          drop
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_2))
          i64.const 403
          i32.wrap_i64
          i64.const 10269266804792  ;; b'Request denied by Key Auth check. Unauth'
          local.get $t56
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; higress-key-auth.pwf:116: let name = owners[0].name
      local.get $let_owners_54
      i64.const 0
      call $list_at
      i32.wrap_i64
      i32.const 8
      call $record_slot
      local.set $let_name_57
      (br_if $fail (i32.const 116) (global.get $rt_error))
      drop
      ;; higress-key-auth.pwf:117: if matched && !(name in allow) {
      local.get $var_matched_2
      (if (result i32)
        (then
          local.get $var_allow_3
          local.get $let_name_57
          call $list_contains
          i32.eqz
        )
        (else
          i32.const 0
        )
      )
      local.set $t58
      (br_if $fail (i32.const 117) (global.get $rt_error))
      drop
      local.get $t58
      (if
        (then
          ;; higress-key-auth.pwf:118: respond 403 "Request denied by Key Auth check. Unauthorized 
          local.get $let_challenge_46
          i32.const 2168
          call $header_map_value
          local.set $t59
          (br_if $fail (i32.const 118) (global.get $rt_error))
          drop
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_3))
          i64.const 403
          i32.wrap_i64
          i64.const 10269266804792  ;; b'Request denied by Key Auth check. Unauth'
          local.get $t59
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; higress-key-auth.pwf:122: add request.headers["x-mse-consumer"] = name
      local.get $let_name_57
      call $str_strip_ctl
      local.set $t60
      (br_if $fail (i32.const 122) (global.get $rt_error))
      drop
      i32.const 0
      i64.const 10509784973326  ;; b'x-mse-consumer'
      local.get $t60
      call $hdr_add_raw
      (br_if $fail (i32.const 122) (global.get $rt_error))
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
    (local.set $config (call $config_load (local.get $text) (i32.const 1704)))
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
    (if (i32.eq (local.get $code) (i32.const 1)) (then (local.set $message (call $str_concat (i64.const 10638633992215) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 2)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (call $str_concat (i64.const 10737418240012) (call $str_concat (call $str_concat (i64.const 10569914515457) (global.get $cfg_fail_key)) (i64.const 10569914515457))) (i64.const 10788957847566)) (i64.load offset=16 (global.get $cfg_fail_type))) (i64.const 10849087389697)))))
    (if (i32.eq (local.get $code) (i32.const 3)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (i64.const 10574209482761) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 10612864188422)) (call $cfg_got_text)))))
    (if (i32.eq (local.get $code) (i32.const 4)) (then (local.set $message (call $str_concat (i64.const 10853382357013) (call $str_concat (call $str_concat (i64.const 10569914515457) (global.get $cfg_fail_key)) (i64.const 10569914515457))))))
    (if (i32.eq (local.get $code) (i32.const 5)) (then (local.set $message (call $str_concat (i64.const 10943576670222) (call $str_concat (call $str_concat (i64.const 10569914515457) (global.get $cfg_fail_key)) (i64.const 10569914515457))))))
    (if (i32.eq (local.get $code) (i32.const 6)) (then (local.set $message (if (result i64) (i64.eqz (global.get $cfg_fail_detail)) (then (call $str_concat (call $str_concat (call $str_concat (i64.const 10574209482761) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 10612864188422)) (call $cfg_got_text))) (else (call $str_concat (i64.const 11003706212365) (global.get $cfg_fail_detail)))))))
    (if (i32.eq (local.get $code) (i32.const 7)) (then (local.set $message (call $str_concat (i64.const 11059540787240) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 8)) (then (local.set $message (call $str_concat (i64.const 11231339479067) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (call $log (i32.const 4) (call $str_concat (call $str_concat (i64.const 11347303596061) (call $cfg_path_prefix)) (local.get $message)))
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
  (global $pwc_metric_0 (mut i32) (i32.const -1))  ;; pwc.key-auth.responded.line_107
  (global $pwc_metric_1 (mut i32) (i32.const -1))  ;; pwc.key-auth.responded.line_110
  (global $pwc_metric_2 (mut i32) (i32.const -1))  ;; pwc.key-auth.responded.line_114
  (global $pwc_metric_3 (mut i32) (i32.const -1))  ;; pwc.key-auth.responded.line_118
  (global $pwc_metric_4 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_51
  (global $pwc_metric_5 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_52
  (global $pwc_metric_6 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_55
  (global $pwc_metric_7 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_57
  (global $pwc_metric_8 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_58
  (global $pwc_metric_9 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_61
  (global $pwc_metric_10 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_65
  (global $pwc_metric_11 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_72
  (global $pwc_metric_12 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_83
  (global $pwc_metric_13 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_84
  (global $pwc_metric_14 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_85
  (global $pwc_metric_15 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_90
  (global $pwc_metric_16 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_91
  (global $pwc_metric_17 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_92
  (global $pwc_metric_18 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_93
  (global $pwc_metric_19 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_94
  (global $pwc_metric_20 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_96
  (global $pwc_metric_21 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_98
  (global $pwc_metric_22 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_99
  (global $pwc_metric_23 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_107
  (global $pwc_metric_24 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_110
  (global $pwc_metric_25 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_112
  (global $pwc_metric_26 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_113
  (global $pwc_metric_27 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_114
  (global $pwc_metric_28 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_116
  (global $pwc_metric_29 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_117
  (global $pwc_metric_30 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_118
  (global $pwc_metric_31 (mut i32) (i32.const -1))  ;; pwc.key-auth.errors.line_122
  (func $pwc_define_metric (param $kind i32) (param $name i64) (result i32)
    (local $id i32)
    (local.set $id (call $metric_define (local.get $kind) (local.get $name)))
    ;; a metric Envoy refuses is not counted; the filter works on without it
    (if (i32.eq (local.get $id) (i32.const -1)) (then
      (memory.copy (i32.const 2705) (call $str_ptr (local.get $name)) (call $str_len (local.get $name)))
      (call $log (i32.const 3) (call $str_pack (i32.const 2671) (i32.add (i32.const 34) (call $str_len (local.get $name)))))
    ))
    (local.get $id)
  )
  (func $pwc_define_metrics
    (global.set $pwc_metric_0 (call $pwc_define_metric (i32.const 0) (i64.const 11751030521887)))
    (global.set $pwc_metric_1 (call $pwc_define_metric (i32.const 0) (i64.const 11884174508063)))
    (global.set $pwc_metric_2 (call $pwc_define_metric (i32.const 0) (i64.const 12017318494239)))
    (global.set $pwc_metric_3 (call $pwc_define_metric (i32.const 0) (i64.const 12150462480415)))
    (global.set $pwc_metric_4 (call $pwc_define_metric (i32.const 0) (i64.const 12283606466587)))
    (global.set $pwc_metric_5 (call $pwc_define_metric (i32.const 0) (i64.const 12399570583579)))
    (global.set $pwc_metric_6 (call $pwc_define_metric (i32.const 0) (i64.const 12515534700571)))
    (global.set $pwc_metric_7 (call $pwc_define_metric (i32.const 0) (i64.const 12631498817563)))
    (global.set $pwc_metric_8 (call $pwc_define_metric (i32.const 0) (i64.const 12747462934555)))
    (global.set $pwc_metric_9 (call $pwc_define_metric (i32.const 0) (i64.const 12863427051547)))
    (global.set $pwc_metric_10 (call $pwc_define_metric (i32.const 0) (i64.const 12979391168539)))
    (global.set $pwc_metric_11 (call $pwc_define_metric (i32.const 0) (i64.const 13095355285531)))
    (global.set $pwc_metric_12 (call $pwc_define_metric (i32.const 0) (i64.const 13211319402523)))
    (global.set $pwc_metric_13 (call $pwc_define_metric (i32.const 0) (i64.const 13327283519515)))
    (global.set $pwc_metric_14 (call $pwc_define_metric (i32.const 0) (i64.const 13443247636507)))
    (global.set $pwc_metric_15 (call $pwc_define_metric (i32.const 0) (i64.const 13559211753499)))
    (global.set $pwc_metric_16 (call $pwc_define_metric (i32.const 0) (i64.const 13675175870491)))
    (global.set $pwc_metric_17 (call $pwc_define_metric (i32.const 0) (i64.const 13791139987483)))
    (global.set $pwc_metric_18 (call $pwc_define_metric (i32.const 0) (i64.const 13907104104475)))
    (global.set $pwc_metric_19 (call $pwc_define_metric (i32.const 0) (i64.const 14023068221467)))
    (global.set $pwc_metric_20 (call $pwc_define_metric (i32.const 0) (i64.const 14139032338459)))
    (global.set $pwc_metric_21 (call $pwc_define_metric (i32.const 0) (i64.const 14254996455451)))
    (global.set $pwc_metric_22 (call $pwc_define_metric (i32.const 0) (i64.const 14370960572443)))
    (global.set $pwc_metric_23 (call $pwc_define_metric (i32.const 0) (i64.const 14486924689436)))
    (global.set $pwc_metric_24 (call $pwc_define_metric (i32.const 0) (i64.const 14607183773724)))
    (global.set $pwc_metric_25 (call $pwc_define_metric (i32.const 0) (i64.const 14727442858012)))
    (global.set $pwc_metric_26 (call $pwc_define_metric (i32.const 0) (i64.const 14847701942300)))
    (global.set $pwc_metric_27 (call $pwc_define_metric (i32.const 0) (i64.const 14967961026588)))
    (global.set $pwc_metric_28 (call $pwc_define_metric (i32.const 0) (i64.const 15088220110876)))
    (global.set $pwc_metric_29 (call $pwc_define_metric (i32.const 0) (i64.const 15208479195164)))
    (global.set $pwc_metric_30 (call $pwc_define_metric (i32.const 0) (i64.const 15328738279452)))
    (global.set $pwc_metric_31 (call $pwc_define_metric (i32.const 0) (i64.const 15448997363740)))
  )
  (func $pwc_count_error (param $line i32)
    (if (i32.eq (local.get $line) (i32.const 51)) (then (call $metric_increment (global.get $pwc_metric_4))))
    (if (i32.eq (local.get $line) (i32.const 52)) (then (call $metric_increment (global.get $pwc_metric_5))))
    (if (i32.eq (local.get $line) (i32.const 55)) (then (call $metric_increment (global.get $pwc_metric_6))))
    (if (i32.eq (local.get $line) (i32.const 57)) (then (call $metric_increment (global.get $pwc_metric_7))))
    (if (i32.eq (local.get $line) (i32.const 58)) (then (call $metric_increment (global.get $pwc_metric_8))))
    (if (i32.eq (local.get $line) (i32.const 61)) (then (call $metric_increment (global.get $pwc_metric_9))))
    (if (i32.eq (local.get $line) (i32.const 65)) (then (call $metric_increment (global.get $pwc_metric_10))))
    (if (i32.eq (local.get $line) (i32.const 72)) (then (call $metric_increment (global.get $pwc_metric_11))))
    (if (i32.eq (local.get $line) (i32.const 83)) (then (call $metric_increment (global.get $pwc_metric_12))))
    (if (i32.eq (local.get $line) (i32.const 84)) (then (call $metric_increment (global.get $pwc_metric_13))))
    (if (i32.eq (local.get $line) (i32.const 85)) (then (call $metric_increment (global.get $pwc_metric_14))))
    (if (i32.eq (local.get $line) (i32.const 90)) (then (call $metric_increment (global.get $pwc_metric_15))))
    (if (i32.eq (local.get $line) (i32.const 91)) (then (call $metric_increment (global.get $pwc_metric_16))))
    (if (i32.eq (local.get $line) (i32.const 92)) (then (call $metric_increment (global.get $pwc_metric_17))))
    (if (i32.eq (local.get $line) (i32.const 93)) (then (call $metric_increment (global.get $pwc_metric_18))))
    (if (i32.eq (local.get $line) (i32.const 94)) (then (call $metric_increment (global.get $pwc_metric_19))))
    (if (i32.eq (local.get $line) (i32.const 96)) (then (call $metric_increment (global.get $pwc_metric_20))))
    (if (i32.eq (local.get $line) (i32.const 98)) (then (call $metric_increment (global.get $pwc_metric_21))))
    (if (i32.eq (local.get $line) (i32.const 99)) (then (call $metric_increment (global.get $pwc_metric_22))))
    (if (i32.eq (local.get $line) (i32.const 107)) (then (call $metric_increment (global.get $pwc_metric_23))))
    (if (i32.eq (local.get $line) (i32.const 110)) (then (call $metric_increment (global.get $pwc_metric_24))))
    (if (i32.eq (local.get $line) (i32.const 112)) (then (call $metric_increment (global.get $pwc_metric_25))))
    (if (i32.eq (local.get $line) (i32.const 113)) (then (call $metric_increment (global.get $pwc_metric_26))))
    (if (i32.eq (local.get $line) (i32.const 114)) (then (call $metric_increment (global.get $pwc_metric_27))))
    (if (i32.eq (local.get $line) (i32.const 116)) (then (call $metric_increment (global.get $pwc_metric_28))))
    (if (i32.eq (local.get $line) (i32.const 117)) (then (call $metric_increment (global.get $pwc_metric_29))))
    (if (i32.eq (local.get $line) (i32.const 118)) (then (call $metric_increment (global.get $pwc_metric_30))))
    (if (i32.eq (local.get $line) (i32.const 122)) (then (call $metric_increment (global.get $pwc_metric_31))))
  )
  (func $pwc_fail (param $line i32)
    (local $end i32) (local $message i64)
    (call $pwc_count_error (local.get $line))  ;; pwc.FILTER.errors.line_N
    (local.set $end (i32.add (i32.const 3673) (call $write_decimal (i32.const 3673) (local.get $line))))
    (i32.store16 (local.get $end) (i32.const 0x203a))  ;; ": "
    (if (i32.eq (global.get $rt_error) (i32.const 2)) (then (local.set $message (i64.const 16110422327312))))
    (if (i32.eq (global.get $rt_error) (i32.const 4)) (then (local.set $message (i64.const 16179141804045))))
    (if (i32.eq (global.get $rt_error) (i32.const 10)) (then (local.set $message (i64.const 16234976378946))))
    (memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message)) (call $str_len (local.get $message)))
    (call $log (i32.const 4) (call $str_pack (i32.const 3625) (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message))) (i32.const 3625))))
    (if (i32.eq (global.get $rt_error) (i32.const 10)) (then (call $send_error_reply (i32.const 400) (i64.const 16518444220428))) (else (call $send_error_reply (i32.const 500) (i64.const 16569983827993))))
    (global.set $rt_error (i32.const 0))
  )

  (data (i32.const 1032) "a configglobal_authtrue or false\03\00\00\00\00\00\00\00\0d\00\00\00\1b\04\00\00consumersa list<Consumer>a Consumernamea string\00\01\00\00\00\00\00\00\00\08\00\00\00_\04\00\00credentialname, credential\00\00\00\00\00\00\07\00\00\00\02\00\00\00\0a\00\00\00Q\04\00\00\10\00\00\00\82\04\00\00\04\00\00\00[\04\00\00h\04\00\00\01")
  (data (i32.const 1232) "\0a\00\00\00x\04\00\00h\04\00\00\01")
  (data (i32.const 1264) "\05\00\00\00\98\04\00\00\10\00\00\00A\04\00\00keysa list<string>\00\00\00\00\00\00\05\00\00\00h\04\00\00\0e\00\00\00\04\05\00\00in_queryin_header_rules_a list<Rule>a Rule_match_route__match_domain__match_route_prefix_allow_match_route_, _match_domain_, _match_route_prefix_, allow\07\00\00\00\04\00\00\00\06\00\00\00L\05\00\00:\00\00\00\86\05\00\00\0d\00\00\00R\05\00\00\18\05")
  (data (i32.const 1528) "\0e\00\00\00_\05\00\00\18\05")
  (data (i32.const 1560) "\14\00\00\00m\05\00\00\18\05")
  (data (i32.const 1592) "\05\00\00\00\81\05\00\00\18\05\00\00\01")
  (data (i32.const 1624) "\05\00\00\00\c0\05\00\00\0c\00\00\00@\05\00\00global_auth, consumers, keys, in_query, in_header, _rules_\00\00\00\00\00\00\07\00\00\00\06\00\00\00\08\00\00\00\08\04\00\00:\00\00\00h\06\00\00\0b\00\00\00\10\04\00\00(\04\00\00\02")
  (data (i32.const 1760) "\09\00\00\008\04\00\00\f0\04\00\00\01")
  (data (i32.const 1792) "\04\00\00\00\00\05\00\00\18\05\00\00\01")
  (data (i32.const 1824) "\08\00\00\00(\05\00\00(\04")
  (data (i32.const 1856) "\09\00\00\000\05\00\00(\04")
  (data (i32.const 1888) "\07\00\00\009\05\00\00X\06")
  (data (i32.const 1976) ":authority:]")
  (data (i32.const 2000) "xds\00route_name*:path&=;+ www-authenticateKey realm=MSE Gateway\00\00\01\00\00\00\00\00\00\00\10\00\00\00\e9\07\00\00\15\00\00\00\f9\07\00\00content-lengthtransfer-encodingconnectionupgradetehostkeep-aliveproxy-connection\08\00\00\00\00\00\00\00\0e\00\00\00(\08\00\00\11\00\00\006\08\00\00\0a\00\00\00G\08\00\00\07\00\00\00Q\08\00\00\02\00\00\00X\08\00\00\04\00\00\00Z\08\00\00\0a\00\00\00^\08\00\00\10\00\00\00h\08\00\00Request denied by Key Auth check. Multi Key Authentication information found.Request denied by Key Auth check. No Key Authentication information found.Request denied by Key Auth check. Unauthorized consumer.x-mse-consumer\22expected , got malformed JSON at byte unknown key  (known keys: )missing required key duplicate key bad pattern: too large or nested too deeply, at byte not a JSON object, at byte key-auth: bad configuration: key-auth: could not define metric ")
  (data (i32.const 2736) "pwc.key-auth.responded.line_107pwc.key-auth.responded.line_110pwc.key-auth.responded.line_114pwc.key-auth.responded.line_118pwc.key-auth.errors.line_51pwc.key-auth.errors.line_52pwc.key-auth.errors.line_55pwc.key-auth.errors.line_57pwc.key-auth.errors.line_58pwc.key-auth.errors.line_61pwc.key-auth.errors.line_65pwc.key-auth.errors.line_72pwc.key-auth.errors.line_83pwc.key-auth.errors.line_84pwc.key-auth.errors.line_85pwc.key-auth.errors.line_90pwc.key-auth.errors.line_91pwc.key-auth.errors.line_92pwc.key-auth.errors.line_93pwc.key-auth.errors.line_94pwc.key-auth.errors.line_96pwc.key-auth.errors.line_98pwc.key-auth.errors.line_99pwc.key-auth.errors.line_107pwc.key-auth.errors.line_110pwc.key-auth.errors.line_112pwc.key-auth.errors.line_113pwc.key-auth.errors.line_114pwc.key-auth.errors.line_116pwc.key-auth.errors.line_117pwc.key-auth.errors.line_118pwc.key-auth.errors.line_122key-auth: runtime error at higress-key-auth.pwf:")
  (data (i32.const 3751) "integer overflowout of memoryrefused: the header name is not a token, or names a framing headerbad request\0ainternal error in filter\0a")
)
