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
    (local $let_challenge_24 i32)
    (local $let_auth_25 i64)
    (local $t26 i32)
    (local $t27 i32)
    (local $let_encoded_28 i64)
    (local $let_credential_29 i64)
    (local $let_parts_30 i32)
    (local $t31 i32)
    (local $t32 i32)
    (local $item33 i32)
    (local $items34 i32)
    (local $i35 i32)
    (local $acc36 i32)
    (local $out37 i32)
    (local $let_same_user_38 i32)
    (local $t39 i32)
    (local $t40 i32)
    (local $let_name_41 i64)
    (local $t42 i32)
    (local $t43 i32)
    (local $t44 i64)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (call $pwc_open_record (local.get $ctx) (i32.const 0)))))
    (if (i32.eqz (local.get $rec)) (then (call $pwc_fail (i32.const 0)) (return (i32.const 1))))
    (local.set $config (i32.load offset=0 (local.get $rec)))
    (if (i32.eqz (local.get $config)) (then (local.set $config (i32.const 1776))))
    (block $fail (result i32)
      ;; higress-basic-auth.pwf:36: let colon = request.host.lastIndexOf(":")
      i32.const 0
      i64.const 7765300871178  ;; b':authority'
      call $hdr_get_first
      i64.const 7808250544129  ;; b':'
      call $str_last_index_of
      local.set $let_colon_0
      (br_if $fail (i32.const 36) (global.get $rt_error))
      drop
      ;; higress-basic-auth.pwf:37: let host = colon > request.host.lastIndexOf("]") ? request.h
      local.get $let_colon_0
      i32.const 0
      i64.const 7765300871178  ;; b':authority'
      call $hdr_get_first
      i64.const 7812545511425  ;; b']'
      call $str_last_index_of
      i64.gt_s
      (if (result i64)
        (then
          i32.const 0
          i64.const 7765300871178  ;; b':authority'
          call $hdr_get_first
          i64.const 0
          local.get $let_colon_0
          call $str_substring
        )
        (else
          i32.const 0
          i64.const 7765300871178  ;; b':authority'
          call $hdr_get_first
        )
      )
      local.set $let_host_1
      (br_if $fail (i32.const 37) (global.get $rt_error))
      drop
      ;; higress-basic-auth.pwf:38: var matched = false
      i32.const 0
      local.set $var_matched_2
      ;; higress-basic-auth.pwf:39: var allow = []
      i32.const 1824
      local.set $var_allow_3
      ;; higress-basic-auth.pwf:40: for r in config._rules_ {
      i64.const 7868380086286  ;; b'xds\x00route_name'
      call $property_string
      local.set $once20
      (br_if $fail (i32.const 40) (global.get $rt_error))
      drop
      (local.get $config) (i32.load offset=24)
      local.set $items21
      (local.set $i22 (i32.const 0))
      (block $for_done_i22
        (loop $for_i22
          (br_if $for_done_i22 (i32.eqz (local.get $items21)))
          (br_if $for_done_i22 (i32.ge_u (local.get $i22) (i32.load (local.get $items21))))
          (local.set $for_r_4 (i32.load offset=8 (i32.add (local.get $items21) (i32.mul (local.get $i22) (i32.const 8)))))
          (local.set $i22 (i32.add (local.get $i22) (i32.const 1)))
          ;; higress-basic-auth.pwf:41: if !matched {
          local.get $var_matched_2
          i32.eqz
          (if
            (then
              ;; higress-basic-auth.pwf:42: let by_route = size(r._match_route_) > 0 && route_name in r.
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
              (br_if $fail (i32.const 42) (global.get $rt_error))
              drop
              ;; higress-basic-auth.pwf:43: let by_domain = size(r._match_route_) == 0 && r._match_domai
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
                      i64.const 7928509628417  ;; b'*'
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
                          i64.const 7928509628417  ;; b'*'
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
              (br_if $fail (i32.const 43) (global.get $rt_error))
              drop
              ;; higress-basic-auth.pwf:46: let by_prefix = size(r._match_route_) == 0 && size(r._match_
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
                  i64.const 7868380086286  ;; b'xds\x00route_name'
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
              (br_if $fail (i32.const 46) (global.get $rt_error))
              drop
              ;; higress-basic-auth.pwf:48: if by_route || by_domain || by_prefix {
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
                  ;; higress-basic-auth.pwf:49: set matched = true
                  i32.const 1
                  local.set $var_matched_2
                  ;; higress-basic-auth.pwf:50: set allow = r.allow
                  local.get $for_r_4
                  i32.const 32
                  call $record_slot
                  i32.wrap_i64
                  local.set $t19
                  (br_if $fail (i32.const 50) (global.get $rt_error))
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
      ;; higress-basic-auth.pwf:54: let global = has(config.global_auth) ? config.global_auth : 
      (local.get $config)
      i32.const 0
      call $record_has
      (if (result i32)
        (then
          (local.get $config) (i32.load offset=8)
        )
        (else
          (local.get $config) (i32.load offset=24)
          call $list_size
          i64.const 0
          i64.eq
        )
      )
      local.set $let_global_23
      (br_if $fail (i32.const 54) (global.get $rt_error))
      drop
      ;; higress-basic-auth.pwf:55: if !global && !matched {
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
          ;; higress-basic-auth.pwf:56: continue
          (call $pwc_snapshot (local.get $ctx))
          (return (i32.const 0))
        )
      )
      ;; higress-basic-auth.pwf:59: let challenge = {"www-authenticate": "Basic realm=MSE Gatewa
      i32.const 1888
      local.set $let_challenge_24
      ;; higress-basic-auth.pwf:60: let auth = request.headers["authorization"]
      i32.const 0
      i64.const 8211977469965  ;; b'authorization'
      call $hdr_get
      local.set $let_auth_25
      (br_if $fail (i32.const 60) (global.get $rt_error))
      drop
      ;; higress-basic-auth.pwf:62: if !auth.startsWith("Basic ") {
      local.get $let_auth_25
      i64.const 8267812044806  ;; b'Basic '
      call $str_starts_with
      i32.eqz
      local.set $t26
      (br_if $fail (i32.const 62) (global.get $rt_error))
      drop
      local.get $t26
      (if
        (then
          ;; higress-basic-auth.pwf:63: respond 401 "Request denied by Basic Auth check. No Basic Au
          local.get $let_challenge_24
          i32.const 2016
          call $header_map_value
          local.set $t27
          (br_if $fail (i32.const 63) (global.get $rt_error))
          drop
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_0))
          i64.const 401
          i32.wrap_i64
          i64.const 8967891714126  ;; b'Request denied by Basic Auth check. No B'
          local.get $t27
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; higress-basic-auth.pwf:67: let encoded = auth.substring(6)
      local.get $let_auth_25
      i64.const 6
      i64.const 9223372036854775807
      call $str_substring
      local.set $let_encoded_28
      (br_if $fail (i32.const 67) (global.get $rt_error))
      drop
      ;; higress-basic-auth.pwf:68: let credential = base64.decode(encoded)
      local.get $let_encoded_28
      call $b64_decode
      local.set $let_credential_29
      (br_if $fail (i32.const 68) (global.get $rt_error))
      drop
      ;; higress-basic-auth.pwf:69: let parts = credential.split(":")
      local.get $let_credential_29
      i64.const 7808250544129  ;; b':'
      i64.const -1
      call $str_split
      local.set $let_parts_30
      (br_if $fail (i32.const 69) (global.get $rt_error))
      drop
      ;; higress-basic-auth.pwf:70: if !base64.valid(encoded) || size(parts) != 2 {
      local.get $let_encoded_28
      call $b64_valid
      i32.eqz
      (if (result i32)
        (then
          i32.const 1
        )
        (else
          local.get $let_parts_30
          call $list_size
          i64.const 2
          i64.ne
        )
      )
      local.set $t31
      (br_if $fail (i32.const 70) (global.get $rt_error))
      drop
      local.get $t31
      (if
        (then
          ;; higress-basic-auth.pwf:71: respond 401 "Request denied by Basic Auth check. Invalid use
          local.get $let_challenge_24
          i32.const 2016
          call $header_map_value
          local.set $t32
          (br_if $fail (i32.const 71) (global.get $rt_error))
          drop
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_1))
          i64.const 401
          i32.wrap_i64
          i64.const 9302899163205  ;; b'Request denied by Basic Auth check. Inva'
          local.get $t32
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; higress-basic-auth.pwf:74: let same_user = config.consumers.filter(c, c.credential.spli
      (local.get $config) (i32.load offset=16)
      (local.set $acc36 (i32.const 0))
      (local.tee $items34)
      (local.set $out37 (i32.const 0))
      (if (local.get $items34) (then (local.set $out37 (call $alloc (i32.add (i32.const 8) (i32.shl (i32.load (local.get $items34)) (i32.const 3)))))))
      local.set $items34
      (local.set $i35 (i32.const 0))
      (block $fold_done_i35
        (loop $fold_i35
          (br_if $fold_done_i35 (i32.eqz (local.get $items34)))
          (br_if $fold_done_i35 (i32.ge_u (local.get $i35) (i32.load (local.get $items34))))
          (local.set $item33 (i32.load offset=8 (i32.add (local.get $items34) (i32.mul (local.get $i35) (i32.const 8)))))
          (local.set $i35 (i32.add (local.get $i35) (i32.const 1)))
          local.get $item33
          i32.const 16
          call $record_slot
          i64.const 7808250544129  ;; b':'
          i64.const -1
          call $str_split
          i64.const 0
          call $list_at
          local.get $let_parts_30
          i64.const 0
          call $list_at
          call $str_eq
          (if
            (then
              (local.get $out37)
              (if
                (then
                  (i32.add (local.get $out37) (i32.shl (local.get $acc36) (i32.const 3)))
                  local.get $item33
                  i64.extend_i32_u
                  i64.store offset=8
                )
              )
              (local.set $acc36 (i32.add (local.get $acc36) (i32.const 1)))
            )
          )
          (br_if $fold_done_i35 (global.get $rt_error))
          (br $fold_i35)
        )
      )
      (if (local.get $out37) (then (i32.store (local.get $out37) (local.get $acc36))))
      (select (local.get $out37) (i32.const 0) (local.get $acc36))
      local.set $let_same_user_38
      (br_if $fail (i32.const 74) (global.get $rt_error))
      drop
      ;; higress-basic-auth.pwf:75: if size(same_user) == 0 || same_user[size(same_user) - 1].cr
      local.get $let_same_user_38
      call $list_size
      i64.const 0
      i64.eq
      (if (result i32)
        (then
          i32.const 1
        )
        (else
          local.get $let_same_user_38
          local.get $let_same_user_38
          call $list_size
          i64.const 1
          call $i64_sub_checked
          call $list_at
          i32.wrap_i64
          i32.const 16
          call $record_slot
          local.get $let_credential_29
          call $str_eq
          i32.eqz
        )
      )
      local.set $t39
      (br_if $fail (i32.const 75) (global.get $rt_error))
      drop
      local.get $t39
      (if
        (then
          ;; higress-basic-auth.pwf:76: respond 401 "Request denied by Basic Auth check. Invalid use
          local.get $let_challenge_24
          i32.const 2016
          call $header_map_value
          local.set $t40
          (br_if $fail (i32.const 76) (global.get $rt_error))
          drop
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_2))
          i64.const 401
          i32.wrap_i64
          i64.const 9302899163205  ;; b'Request denied by Basic Auth check. Inva'
          local.get $t40
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; higress-basic-auth.pwf:78: let name = same_user[size(same_user) - 1].name
      local.get $let_same_user_38
      local.get $let_same_user_38
      call $list_size
      i64.const 1
      call $i64_sub_checked
      call $list_at
      i32.wrap_i64
      i32.const 8
      call $record_slot
      local.set $let_name_41
      (br_if $fail (i32.const 78) (global.get $rt_error))
      drop
      ;; higress-basic-auth.pwf:79: if matched && !(name in allow) {
      local.get $var_matched_2
      (if (result i32)
        (then
          local.get $var_allow_3
          local.get $let_name_41
          call $list_contains
          i32.eqz
        )
        (else
          i32.const 0
        )
      )
      local.set $t42
      (br_if $fail (i32.const 79) (global.get $rt_error))
      drop
      local.get $t42
      (if
        (then
          ;; higress-basic-auth.pwf:80: respond 403 "Request denied by Basic Auth check. Unauthorize
          local.get $let_challenge_24
          i32.const 2016
          call $header_map_value
          local.set $t43
          (br_if $fail (i32.const 80) (global.get $rt_error))
          drop
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_3))
          i64.const 403
          i32.wrap_i64
          i64.const 9599251906618  ;; b'Request denied by Basic Auth check. Unau'
          local.get $t43
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; higress-basic-auth.pwf:83: add request.headers["x-mse-consumer"] = name
      local.get $let_name_41
      call $str_strip_ctl
      local.set $t44
      (br_if $fail (i32.const 83) (global.get $rt_error))
      drop
      i32.const 0
      i64.const 9848360009742  ;; b'x-mse-consumer'
      local.get $t44
      call $hdr_add_raw
      (br_if $fail (i32.const 83) (global.get $rt_error))
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
    (local.set $config (call $config_load (local.get $text) (i32.const 1656)))
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
    (if (i32.eq (local.get $code) (i32.const 1)) (then (local.set $message (call $str_concat (i64.const 9977209028631) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 2)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (call $str_concat (i64.const 10075993276428) (call $str_concat (call $str_concat (i64.const 9908489551873) (global.get $cfg_fail_key)) (i64.const 9908489551873))) (i64.const 10127532883982)) (i64.load offset=16 (global.get $cfg_fail_type))) (i64.const 10187662426113)))))
    (if (i32.eq (local.get $code) (i32.const 3)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (i64.const 9912784519177) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 9951439224838)) (call $cfg_got_text)))))
    (if (i32.eq (local.get $code) (i32.const 4)) (then (local.set $message (call $str_concat (i64.const 10191957393429) (call $str_concat (call $str_concat (i64.const 9908489551873) (global.get $cfg_fail_key)) (i64.const 9908489551873))))))
    (if (i32.eq (local.get $code) (i32.const 5)) (then (local.set $message (call $str_concat (i64.const 10282151706638) (call $str_concat (call $str_concat (i64.const 9908489551873) (global.get $cfg_fail_key)) (i64.const 9908489551873))))))
    (if (i32.eq (local.get $code) (i32.const 6)) (then (local.set $message (if (result i64) (i64.eqz (global.get $cfg_fail_detail)) (then (call $str_concat (call $str_concat (call $str_concat (i64.const 9912784519177) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 9951439224838)) (call $cfg_got_text))) (else (call $str_concat (i64.const 10342281248781) (global.get $cfg_fail_detail)))))))
    (if (i32.eq (local.get $code) (i32.const 7)) (then (local.set $message (call $str_concat (i64.const 10398115823656) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 8)) (then (local.set $message (call $str_concat (i64.const 10569914515483) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (call $log (i32.const 4) (call $str_concat (call $str_concat (i64.const 10685878632479) (call $cfg_path_prefix)) (local.get $message)))
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
  (global $pwc_metric_0 (mut i32) (i32.const -1))  ;; pwc.basic-auth.responded.line_63
  (global $pwc_metric_1 (mut i32) (i32.const -1))  ;; pwc.basic-auth.responded.line_71
  (global $pwc_metric_2 (mut i32) (i32.const -1))  ;; pwc.basic-auth.responded.line_76
  (global $pwc_metric_3 (mut i32) (i32.const -1))  ;; pwc.basic-auth.responded.line_80
  (global $pwc_metric_4 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_36
  (global $pwc_metric_5 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_37
  (global $pwc_metric_6 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_40
  (global $pwc_metric_7 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_42
  (global $pwc_metric_8 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_43
  (global $pwc_metric_9 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_46
  (global $pwc_metric_10 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_50
  (global $pwc_metric_11 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_54
  (global $pwc_metric_12 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_60
  (global $pwc_metric_13 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_62
  (global $pwc_metric_14 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_63
  (global $pwc_metric_15 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_67
  (global $pwc_metric_16 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_68
  (global $pwc_metric_17 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_69
  (global $pwc_metric_18 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_70
  (global $pwc_metric_19 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_71
  (global $pwc_metric_20 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_74
  (global $pwc_metric_21 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_75
  (global $pwc_metric_22 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_76
  (global $pwc_metric_23 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_78
  (global $pwc_metric_24 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_79
  (global $pwc_metric_25 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_80
  (global $pwc_metric_26 (mut i32) (i32.const -1))  ;; pwc.basic-auth.errors.line_83
  (func $pwc_define_metric (param $kind i32) (param $name i64) (result i32)
    (local $id i32)
    (local.set $id (call $metric_define (local.get $kind) (local.get $name)))
    ;; a metric Envoy refuses is not counted; the filter works on without it
    (if (i32.eq (local.get $id) (i32.const -1)) (then
      (memory.copy (i32.const 2555) (call $str_ptr (local.get $name)) (call $str_len (local.get $name)))
      (call $log (i32.const 3) (call $str_pack (i32.const 2519) (i32.add (i32.const 36) (call $str_len (local.get $name)))))
    ))
    (local.get $id)
  )
  (func $pwc_define_metrics
    (global.set $pwc_metric_0 (call $pwc_define_metric (i32.const 0) (i64.const 11111080394784)))
    (global.set $pwc_metric_1 (call $pwc_define_metric (i32.const 0) (i64.const 11248519348256)))
    (global.set $pwc_metric_2 (call $pwc_define_metric (i32.const 0) (i64.const 11385958301728)))
    (global.set $pwc_metric_3 (call $pwc_define_metric (i32.const 0) (i64.const 11523397255200)))
    (global.set $pwc_metric_4 (call $pwc_define_metric (i32.const 0) (i64.const 11660836208669)))
    (global.set $pwc_metric_5 (call $pwc_define_metric (i32.const 0) (i64.const 11785390260253)))
    (global.set $pwc_metric_6 (call $pwc_define_metric (i32.const 0) (i64.const 11909944311837)))
    (global.set $pwc_metric_7 (call $pwc_define_metric (i32.const 0) (i64.const 12034498363421)))
    (global.set $pwc_metric_8 (call $pwc_define_metric (i32.const 0) (i64.const 12159052415005)))
    (global.set $pwc_metric_9 (call $pwc_define_metric (i32.const 0) (i64.const 12283606466589)))
    (global.set $pwc_metric_10 (call $pwc_define_metric (i32.const 0) (i64.const 12408160518173)))
    (global.set $pwc_metric_11 (call $pwc_define_metric (i32.const 0) (i64.const 12532714569757)))
    (global.set $pwc_metric_12 (call $pwc_define_metric (i32.const 0) (i64.const 12657268621341)))
    (global.set $pwc_metric_13 (call $pwc_define_metric (i32.const 0) (i64.const 12781822672925)))
    (global.set $pwc_metric_14 (call $pwc_define_metric (i32.const 0) (i64.const 12906376724509)))
    (global.set $pwc_metric_15 (call $pwc_define_metric (i32.const 0) (i64.const 13030930776093)))
    (global.set $pwc_metric_16 (call $pwc_define_metric (i32.const 0) (i64.const 13155484827677)))
    (global.set $pwc_metric_17 (call $pwc_define_metric (i32.const 0) (i64.const 13280038879261)))
    (global.set $pwc_metric_18 (call $pwc_define_metric (i32.const 0) (i64.const 13404592930845)))
    (global.set $pwc_metric_19 (call $pwc_define_metric (i32.const 0) (i64.const 13529146982429)))
    (global.set $pwc_metric_20 (call $pwc_define_metric (i32.const 0) (i64.const 13653701034013)))
    (global.set $pwc_metric_21 (call $pwc_define_metric (i32.const 0) (i64.const 13778255085597)))
    (global.set $pwc_metric_22 (call $pwc_define_metric (i32.const 0) (i64.const 13902809137181)))
    (global.set $pwc_metric_23 (call $pwc_define_metric (i32.const 0) (i64.const 14027363188765)))
    (global.set $pwc_metric_24 (call $pwc_define_metric (i32.const 0) (i64.const 14151917240349)))
    (global.set $pwc_metric_25 (call $pwc_define_metric (i32.const 0) (i64.const 14276471291933)))
    (global.set $pwc_metric_26 (call $pwc_define_metric (i32.const 0) (i64.const 14401025343517)))
  )
  (func $pwc_count_error (param $line i32)
    (if (i32.eq (local.get $line) (i32.const 36)) (then (call $metric_increment (global.get $pwc_metric_4))))
    (if (i32.eq (local.get $line) (i32.const 37)) (then (call $metric_increment (global.get $pwc_metric_5))))
    (if (i32.eq (local.get $line) (i32.const 40)) (then (call $metric_increment (global.get $pwc_metric_6))))
    (if (i32.eq (local.get $line) (i32.const 42)) (then (call $metric_increment (global.get $pwc_metric_7))))
    (if (i32.eq (local.get $line) (i32.const 43)) (then (call $metric_increment (global.get $pwc_metric_8))))
    (if (i32.eq (local.get $line) (i32.const 46)) (then (call $metric_increment (global.get $pwc_metric_9))))
    (if (i32.eq (local.get $line) (i32.const 50)) (then (call $metric_increment (global.get $pwc_metric_10))))
    (if (i32.eq (local.get $line) (i32.const 54)) (then (call $metric_increment (global.get $pwc_metric_11))))
    (if (i32.eq (local.get $line) (i32.const 60)) (then (call $metric_increment (global.get $pwc_metric_12))))
    (if (i32.eq (local.get $line) (i32.const 62)) (then (call $metric_increment (global.get $pwc_metric_13))))
    (if (i32.eq (local.get $line) (i32.const 63)) (then (call $metric_increment (global.get $pwc_metric_14))))
    (if (i32.eq (local.get $line) (i32.const 67)) (then (call $metric_increment (global.get $pwc_metric_15))))
    (if (i32.eq (local.get $line) (i32.const 68)) (then (call $metric_increment (global.get $pwc_metric_16))))
    (if (i32.eq (local.get $line) (i32.const 69)) (then (call $metric_increment (global.get $pwc_metric_17))))
    (if (i32.eq (local.get $line) (i32.const 70)) (then (call $metric_increment (global.get $pwc_metric_18))))
    (if (i32.eq (local.get $line) (i32.const 71)) (then (call $metric_increment (global.get $pwc_metric_19))))
    (if (i32.eq (local.get $line) (i32.const 74)) (then (call $metric_increment (global.get $pwc_metric_20))))
    (if (i32.eq (local.get $line) (i32.const 75)) (then (call $metric_increment (global.get $pwc_metric_21))))
    (if (i32.eq (local.get $line) (i32.const 76)) (then (call $metric_increment (global.get $pwc_metric_22))))
    (if (i32.eq (local.get $line) (i32.const 78)) (then (call $metric_increment (global.get $pwc_metric_23))))
    (if (i32.eq (local.get $line) (i32.const 79)) (then (call $metric_increment (global.get $pwc_metric_24))))
    (if (i32.eq (local.get $line) (i32.const 80)) (then (call $metric_increment (global.get $pwc_metric_25))))
    (if (i32.eq (local.get $line) (i32.const 83)) (then (call $metric_increment (global.get $pwc_metric_26))))
  )
  (func $pwc_fail (param $line i32)
    (local $end i32) (local $message i64)
    (call $pwc_count_error (local.get $line))  ;; pwc.FILTER.errors.line_N
    (local.set $end (i32.add (i32.const 3434) (call $write_decimal (i32.const 3434) (local.get $line))))
    (i32.store16 (local.get $end) (i32.const 0x203a))  ;; ": "
    (if (i32.eq (global.get $rt_error) (i32.const 2)) (then (local.set $message (i64.const 15083925143568))))
    (if (i32.eq (global.get $rt_error) (i32.const 4)) (then (local.set $message (i64.const 15152644620301))))
    (if (i32.eq (global.get $rt_error) (i32.const 10)) (then (local.set $message (i64.const 15208479195202))))
    (memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message)) (call $str_len (local.get $message)))
    (call $log (i32.const 4) (call $str_pack (i32.const 3382) (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message))) (i32.const 3382))))
    (if (i32.eq (global.get $rt_error) (i32.const 10)) (then (call $send_error_reply (i32.const 400) (i64.const 15491947036684))) (else (call $send_error_reply (i32.const 500) (i64.const 15543486644249))))
    (global.set $rt_error (i32.const 0))
  )

  (data (i32.const 1032) "a configglobal_authtrue or false\03\00\00\00\00\00\00\00\0d\00\00\00\1b\04\00\00consumersa list<Consumer>a Consumernamea string\00\01\00\00\00\00\00\00\00\08\00\00\00_\04\00\00credentialname, credential\00\00\00\00\00\00\07\00\00\00\02\00\00\00\0a\00\00\00Q\04\00\00\10\00\00\00\82\04\00\00\04\00\00\00[\04\00\00h\04\00\00\01")
  (data (i32.const 1232) "\0a\00\00\00x\04\00\00h\04\00\00\01")
  (data (i32.const 1264) "\05\00\00\00\98\04\00\00\10\00\00\00A\04\00\00_rules_a list<Rule>a Rule_match_route_a list<string>\00\00\00\00\05\00\00\00h\04\00\00\0e\00\00\00&\05\00\00_match_domain__match_route_prefix_allow_match_route_, _match_domain_, _match_route_prefix_, allow\00\00\00\00\00\00\00\07\00\00\00\04\00\00\00\06\00\00\00\13\05\00\00:\00\00\00o\05\00\00\0d\00\00\00\19\05\00\008\05")
  (data (i32.const 1512) "\0e\00\00\00H\05\00\008\05")
  (data (i32.const 1544) "\14\00\00\00V\05\00\008\05")
  (data (i32.const 1576) "\05\00\00\00j\05\00\008\05\00\00\01")
  (data (i32.const 1608) "\05\00\00\00\b0\05\00\00\0c\00\00\00\07\05\00\00global_auth, consumers, _rules_\00\07\00\00\00\03\00\00\00\08\00\00\00\08\04\00\00\1f\00\00\00X\06\00\00\0b\00\00\00\10\04\00\00(\04\00\00\02")
  (data (i32.const 1712) "\09\00\00\008\04\00\00\f0\04\00\00\01")
  (data (i32.const 1744) "\07\00\00\00\00\05\00\00H\06")
  (data (i32.const 1808) ":authority:]")
  (data (i32.const 1832) "xds\00route_name*www-authenticateBasic realm=MSE Gateway\00\00\01\00\00\00\00\00\00\00\10\00\00\007\07\00\00\17\00\00\00G\07\00\00authorizationBasic content-lengthtransfer-encodingconnectionupgradetehostkeep-aliveproxy-connection\00\00\00\00\00\08\00\00\00\00\00\00\00\0e\00\00\00\8b\07\00\00\11\00\00\00\99\07\00\00\0a\00\00\00\aa\07\00\00\07\00\00\00\b4\07\00\00\02\00\00\00\bb\07\00\00\04\00\00\00\bd\07\00\00\0a\00\00\00\c1\07\00\00\10\00\00\00\cb\07\00\00Request denied by Basic Auth check. No Basic Authentication information found.Request denied by Basic Auth check. Invalid username and/or password.Request denied by Basic Auth check. Unauthorized consumer.x-mse-consumer\22expected , got malformed JSON at byte unknown key  (known keys: )missing required key duplicate key bad pattern: too large or nested too deeply, at byte not a JSON object, at byte basic-auth: bad configuration: basic-auth: could not define metric ")
  (data (i32.const 2587) "pwc.basic-auth.responded.line_63pwc.basic-auth.responded.line_71pwc.basic-auth.responded.line_76pwc.basic-auth.responded.line_80pwc.basic-auth.errors.line_36pwc.basic-auth.errors.line_37pwc.basic-auth.errors.line_40pwc.basic-auth.errors.line_42pwc.basic-auth.errors.line_43pwc.basic-auth.errors.line_46pwc.basic-auth.errors.line_50pwc.basic-auth.errors.line_54pwc.basic-auth.errors.line_60pwc.basic-auth.errors.line_62pwc.basic-auth.errors.line_63pwc.basic-auth.errors.line_67pwc.basic-auth.errors.line_68pwc.basic-auth.errors.line_69pwc.basic-auth.errors.line_70pwc.basic-auth.errors.line_71pwc.basic-auth.errors.line_74pwc.basic-auth.errors.line_75pwc.basic-auth.errors.line_76pwc.basic-auth.errors.line_78pwc.basic-auth.errors.line_79pwc.basic-auth.errors.line_80pwc.basic-auth.errors.line_83basic-auth: runtime error at higress-basic-auth.pwf:")
  (data (i32.const 3512) "integer overflowout of memoryrefused: the header name is not a token, or names a framing headerbad request\0ainternal error in filter\0a")
)
