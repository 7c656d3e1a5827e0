;; generated
  (func $pwc_request (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $var_origin_0 i64)
    (local $var_req_method_1 i64)
    (local $var_req_headers_2 i64)
    (local $t3 i32)
    (local $for_k_4 i64)
    (local $for_v_5 i64)
    (local $t6 i32)
    (local $t7 i64)
    (local $t8 i32)
    (local $t9 i64)
    (local $t10 i32)
    (local $t11 i64)
    (local $items12 i32)
    (local $i13 i32)
    (local $let_scheme_14 i64)
    (local $let_o_scheme_15 i64)
    (local $let_o_host_16 i64)
    (local $let_r_host_17 i64)
    (local $let_r_name_18 i64)
    (local $let_r_rest_19 i64)
    (local $let_r_port0_20 i64)
    (local $let_r_port_21 i64)
    (local $let_o_name_22 i64)
    (local $let_o_rest_23 i64)
    (local $let_o_port0_24 i64)
    (local $let_o_port_25 i64)
    (local $let_is_cors_26 i32)
    (local $let_preflight_27 i32)
    (local $let_lower_origin_28 i64)
    (local $item29 i64)
    (local $items30 i32)
    (local $i31 i32)
    (local $acc32 i32)
    (local $out33 i32)
    (local $let_star_origin_34 i32)
    (local $item35 i64)
    (local $items36 i32)
    (local $i37 i32)
    (local $acc38 i32)
    (local $out39 i32)
    (local $item40 i64)
    (local $items41 i32)
    (local $i42 i32)
    (local $acc43 i32)
    (local $out44 i32)
    (local $let_no_origin_config_45 i32)
    (local $let_credentials_46 i32)
    (local $item47 i64)
    (local $items48 i32)
    (local $i49 i32)
    (local $acc50 i32)
    (local $out51 i32)
    (local $var_origin_ok_52 i32)
    (local $for_p_53 i64)
    (local $let_d0_54 i64)
    (local $let_declared_55 i64)
    (local $let_ports_56 i64)
    (local $let_base_57 i64)
    (local $item58 i64)
    (local $items59 i32)
    (local $i60 i32)
    (local $acc61 i32)
    (local $out62 i32)
    (local $let_suffixes_63 i32)
    (local $t64 i32)
    (local $for_suffix_65 i64)
    (local $var_pos_66 i64)
    (local $var_ok_67 i32)
    (local $t68 i32)
    (local $for_piece_69 i64)
    (local $let_at_70 i64)
    (local $t71 i64)
    (local $items72 i32)
    (local $i73 i32)
    (local $items74 i32)
    (local $i75 i32)
    (local $items76 i32)
    (local $i77 i32)
    (local $item78 i64)
    (local $items79 i32)
    (local $i80 i32)
    (local $acc81 i32)
    (local $out82 i32)
    (local $item83 i64)
    (local $items84 i32)
    (local $i85 i32)
    (local $acc86 i32)
    (local $out87 i32)
    (local $let_methods_88 i32)
    (local $let_method_list_89 i32)
    (local $let_wanted_90 i64)
    (local $let_star_method_91 i32)
    (local $item92 i64)
    (local $once93 i64)
    (local $items94 i32)
    (local $i95 i32)
    (local $acc96 i32)
    (local $out97 i32)
    (local $let_method_ok_98 i32)
    (local $let_allow_methods_99 i64)
    (local $var_header_text_100 i64)
    (local $for_h_101 i64)
    (local $t102 i32)
    (local $t103 i64)
    (local $t104 i32)
    (local $items105 i32)
    (local $i106 i32)
    (local $let_header_list_text_107 i64)
    (local $let_header_list_108 i32)
    (local $let_star_header_109 i32)
    (local $item110 i64)
    (local $item111 i64)
    (local $items112 i32)
    (local $i113 i32)
    (local $acc114 i32)
    (local $out115 i32)
    (local $items116 i32)
    (local $i117 i32)
    (local $acc118 i32)
    (local $out119 i32)
    (local $let_headers_ok_120 i32)
    (local $let_allow_headers_121 i64)
    (local $var_expose_122 i64)
    (local $for_h_123 i64)
    (local $t124 i32)
    (local $t125 i64)
    (local $t126 i32)
    (local $items127 i32)
    (local $i128 i32)
    (local $let_max_age_129 i64)
    (local $let_valid_130 i32)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (call $pwc_open_record (local.get $ctx) (i32.const 0)))))
    (if (i32.eqz (local.get $rec)) (then (call $pwc_fail (i32.const 0)) (return (i32.const 1))))
    (local.set $config (i32.load offset=72 (local.get $rec)))
    (if (i32.eqz (local.get $config)) (then (local.set $config (i32.const 1688))))
    (block $fail (result i32)
      ;; higress-cors.pwf:35: var origin = ""
      i64.const 0
      local.set $var_origin_0
      local.get $rec
      local.get $var_origin_0
      call $str_pcopy
      (call $str_pfree (i64.load offset=0 (local.get $rec)))
      i64.store offset=0
      (br_if $fail (i32.const 35) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:36: var req_method = ""
      i64.const 0
      local.set $var_req_method_1
      ;; higress-cors.pwf:37: var req_headers = ""
      i64.const 0
      local.set $var_req_headers_2
      ;; higress-cors.pwf:38: for k, v in request.headers {
      i32.const 0
      call $hdr_entries
      local.set $t3
      (br_if $fail (i32.const 38) (global.get $rt_error))
      drop
      local.get $t3
      local.set $items12
      (local.set $i13 (i32.const 0))
      (block $for_done_i13
        (loop $for_i13
          (br_if $for_done_i13 (i32.eqz (local.get $items12)))
          (br_if $for_done_i13 (i32.ge_u (local.get $i13) (i32.load (local.get $items12))))
          (local.set $for_k_4 (i64.load offset=8 (i32.add (local.get $items12) (i32.mul (local.get $i13) (i32.const 16)))))
          (local.set $for_v_5 (i64.load offset=16 (i32.add (local.get $items12) (i32.mul (local.get $i13) (i32.const 16)))))
          (local.set $i13 (i32.add (local.get $i13) (i32.const 1)))
          ;; higress-cors.pwf:39: if k == "origin" {
          local.get $for_k_4
          i64.const 7524782702598  ;; b'origin'
          call $str_eq
          local.set $t6
          (br_if $fail (i32.const 39) (global.get $rt_error))
          drop
          local.get $t6
          (if
            (then
              ;; higress-cors.pwf:40: set origin = v.trim().endsWith("/") ? v.trim().substring(0, 
              local.get $for_v_5
              call $str_trim
              i64.const 7550552506369  ;; b'/'
              call $str_ends_with
              (if (result i64)
                (then
                  local.get $for_v_5
                  call $str_trim
                  i64.const 0
                  local.get $for_v_5
                  call $str_trim
                  call $str_size
                  i64.const 1
                  call $i64_sub_checked
                  call $str_substring
                )
                (else
                  local.get $for_v_5
                  call $str_trim
                )
              )
              local.set $t7
              (br_if $fail (i32.const 40) (global.get $rt_error))
              drop
              local.get $t7
              local.set $var_origin_0
              local.get $rec
              local.get $var_origin_0
              call $str_pcopy
              (call $str_pfree (i64.load offset=0 (local.get $rec)))
              i64.store offset=0
              (br_if $fail (i32.const 40) (global.get $rt_error))
              drop
            )
          )
          ;; higress-cors.pwf:42: if k == "access-control-request-method" {
          local.get $for_k_4
          i64.const 7554847473693  ;; b'access-control-request-method'
          call $str_eq
          local.set $t8
          (br_if $fail (i32.const 42) (global.get $rt_error))
          drop
          local.get $t8
          (if
            (then
              ;; higress-cors.pwf:43: set req_method = v.trim()
              local.get $for_v_5
              call $str_trim
              local.set $t9
              (br_if $fail (i32.const 43) (global.get $rt_error))
              drop
              local.get $t9
              local.set $var_req_method_1
            )
          )
          ;; higress-cors.pwf:45: if k == "access-control-request-headers" {
          local.get $for_k_4
          i64.const 7679401525278  ;; b'access-control-request-headers'
          call $str_eq
          local.set $t10
          (br_if $fail (i32.const 45) (global.get $rt_error))
          drop
          local.get $t10
          (if
            (then
              ;; higress-cors.pwf:46: set req_headers = v.trim()
              local.get $for_v_5
              call $str_trim
              local.set $t11
              (br_if $fail (i32.const 46) (global.get $rt_error))
              drop
              local.get $t11
              local.set $var_req_headers_2
            )
          )
          (br $for_i13)
        )
      )
      ;; higress-cors.pwf:52: let scheme = request.scheme.trim().lowerAscii()
      i32.const 0
      i64.const 7808250544135  ;; b':scheme'
      call $hdr_get_first
      call $str_trim
      call $str_lower_ascii
      local.set $let_scheme_14
      (br_if $fail (i32.const 52) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:53: let o_scheme = regex.extract(origin, r"^([A-Za-z][A-Za-z0-9+
      local.get $var_origin_0
      call $re0_extract
      call $str_lower_ascii
      local.set $let_o_scheme_15
      (br_if $fail (i32.const 53) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:54: let o_host = regex.extract(origin, r"^[A-Za-z][A-Za-z0-9+.-]
      local.get $var_origin_0
      call $re1_extract
      call $str_lower_ascii
      local.set $let_o_host_16
      (br_if $fail (i32.const 54) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:55: let r_host = request.host.trim().lowerAscii()
      i32.const 0
      i64.const 7838315315210  ;; b':authority'
      call $hdr_get_first
      call $str_trim
      call $str_lower_ascii
      local.set $let_r_host_17
      (br_if $fail (i32.const 55) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:56: let r_name = r_host.contains(":") ? r_host.substring(0, r_ho
      local.get $let_r_host_17
      i64.const 7881264988161  ;; b':'
      call $str_contains
      (if (result i64)
        (then
          local.get $let_r_host_17
          i64.const 0
          local.get $let_r_host_17
          i64.const 7881264988161  ;; b':'
          call $str_index_of
          call $str_substring
        )
        (else
          local.get $let_r_host_17
        )
      )
      local.set $let_r_name_18
      (br_if $fail (i32.const 56) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:57: let r_rest = r_host.substring(r_host.indexOf(":") + 1)  # af
      local.get $let_r_host_17
      local.get $let_r_host_17
      i64.const 7881264988161  ;; b':'
      call $str_index_of
      i64.const 1
      call $i64_add_checked
      i64.const 9223372036854775807
      call $str_substring
      local.set $let_r_rest_19
      (br_if $fail (i32.const 57) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:58: let r_port0 = !r_host.contains(":") ? "" : (r_rest.contains(
      local.get $let_r_host_17
      i64.const 7881264988161  ;; b':'
      call $str_contains
      i32.eqz
      (if (result i64)
        (then
          i64.const 0
        )
        (else
          local.get $let_r_rest_19
          i64.const 7881264988161  ;; b':'
          call $str_contains
          (if (result i64)
            (then
              local.get $let_r_rest_19
              i64.const 0
              local.get $let_r_rest_19
              i64.const 7881264988161  ;; b':'
              call $str_index_of
              call $str_substring
            )
            (else
              local.get $let_r_rest_19
            )
          )
        )
      )
      local.set $let_r_port0_20
      (br_if $fail (i32.const 58) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:59: let r_port = r_port0 != "" ? r_port0 : (scheme == "http" ? "
      local.get $let_r_port0_20
      i64.const 0
      call $str_eq
      i32.eqz
      (if (result i64)
        (then
          local.get $let_r_port0_20
        )
        (else
          local.get $let_scheme_14
          i64.const 7885559955460  ;; b'http'
          call $str_eq
          (if (result i64)
            (then
              i64.const 7902739824642  ;; b'80'
            )
            (else
              local.get $let_scheme_14
              i64.const 7911329759237  ;; b'https'
              call $str_eq
              (if (result i64)
                (then
                  i64.const 7932804595715  ;; b'443'
                )
                (else
                  i64.const 0
                )
              )
            )
          )
        )
      )
      local.set $let_r_port_21
      (br_if $fail (i32.const 59) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:60: let o_name = o_host.contains(":") ? o_host.substring(0, o_ho
      local.get $let_o_host_16
      i64.const 7881264988161  ;; b':'
      call $str_contains
      (if (result i64)
        (then
          local.get $let_o_host_16
          i64.const 0
          local.get $let_o_host_16
          i64.const 7881264988161  ;; b':'
          call $str_index_of
          call $str_substring
        )
        (else
          local.get $let_o_host_16
        )
      )
      local.set $let_o_name_22
      (br_if $fail (i32.const 60) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:61: let o_rest = o_host.substring(o_host.indexOf(":") + 1)
      local.get $let_o_host_16
      local.get $let_o_host_16
      i64.const 7881264988161  ;; b':'
      call $str_index_of
      i64.const 1
      call $i64_add_checked
      i64.const 9223372036854775807
      call $str_substring
      local.set $let_o_rest_23
      (br_if $fail (i32.const 61) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:62: let o_port0 = !o_host.contains(":") ? "" : (o_rest.contains(
      local.get $let_o_host_16
      i64.const 7881264988161  ;; b':'
      call $str_contains
      i32.eqz
      (if (result i64)
        (then
          i64.const 0
        )
        (else
          local.get $let_o_rest_23
          i64.const 7881264988161  ;; b':'
          call $str_contains
          (if (result i64)
            (then
              local.get $let_o_rest_23
              i64.const 0
              local.get $let_o_rest_23
              i64.const 7881264988161  ;; b':'
              call $str_index_of
              call $str_substring
            )
            (else
              local.get $let_o_rest_23
            )
          )
        )
      )
      local.set $let_o_port0_24
      (br_if $fail (i32.const 62) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:63: let o_port = o_port0 != "" ? o_port0 : (o_scheme == "http" ?
      local.get $let_o_port0_24
      i64.const 0
      call $str_eq
      i32.eqz
      (if (result i64)
        (then
          local.get $let_o_port0_24
        )
        (else
          local.get $let_o_scheme_15
          i64.const 7885559955460  ;; b'http'
          call $str_eq
          (if (result i64)
            (then
              i64.const 7902739824642  ;; b'80'
            )
            (else
              local.get $let_o_scheme_15
              i64.const 7911329759237  ;; b'https'
              call $str_eq
              (if (result i64)
                (then
                  i64.const 7932804595715  ;; b'443'
                )
                (else
                  i64.const 0
                )
              )
            )
          )
        )
      )
      local.set $let_o_port_25
      (br_if $fail (i32.const 63) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:64: let is_cors = origin != "" && (o_scheme != scheme || o_name 
      local.get $var_origin_0
      i64.const 0
      call $str_eq
      i32.eqz
      (if (result i32)
        (then
          local.get $let_o_scheme_15
          local.get $let_scheme_14
          call $str_eq
          i32.eqz
          (if (result i32)
            (then
              i32.const 1
            )
            (else
              local.get $let_o_name_22
              local.get $let_r_name_18
              call $str_eq
              i32.eqz
            )
          )
          (if (result i32)
            (then
              i32.const 1
            )
            (else
              local.get $let_o_port_25
              local.get $let_r_port_21
              call $str_eq
              i32.eqz
            )
          )
        )
        (else
          i32.const 0
        )
      )
      local.set $let_is_cors_26
      (br_if $fail (i32.const 64) (global.get $rt_error))
      drop
      local.get $rec
      local.get $let_is_cors_26
      i32.store offset=8
      (br_if $fail (i32.const 64) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:65: let preflight = origin != "" && request.method.lowerAscii() 
      local.get $var_origin_0
      i64.const 0
      call $str_eq
      i32.eqz
      (if (result i32)
        (then
          i32.const 0
          i64.const 7945689497607  ;; b':method'
          call $hdr_get_first
          call $str_lower_ascii
          i64.const 7975754268679  ;; b'options'
          call $str_eq
        )
        (else
          i32.const 0
        )
      )
      (if (result i32)
        (then
          local.get $var_req_method_1
          i64.const 0
          call $str_eq
          i32.eqz
        )
        (else
          i32.const 0
        )
      )
      local.set $let_preflight_27
      (br_if $fail (i32.const 65) (global.get $rt_error))
      drop
      local.get $rec
      local.get $let_preflight_27
      i32.store offset=16
      (br_if $fail (i32.const 65) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:68: let lower_origin = origin.lowerAscii()
      local.get $var_origin_0
      call $str_lower_ascii
      local.set $let_lower_origin_28
      (br_if $fail (i32.const 68) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:69: let star_origin = config.allow_origins.exists(o, o.trim() ==
      (local.get $config) (i32.load offset=8)
      (local.set $acc32 (i32.const 0))
      local.set $items30
      (local.set $i31 (i32.const 0))
      (block $fold_done_i31
        (loop $fold_i31
          (br_if $fold_done_i31 (i32.eqz (local.get $items30)))
          (br_if $fold_done_i31 (i32.ge_u (local.get $i31) (i32.load (local.get $items30))))
          (local.set $item29 (i64.load offset=8 (i32.add (local.get $items30) (i32.mul (local.get $i31) (i32.const 8)))))
          (local.set $i31 (i32.add (local.get $i31) (i32.const 1)))
          local.get $item29
          call $str_trim
          i64.const 8005819039745  ;; b'*'
          call $str_eq
          (if
            (then
              (local.set $acc32 (i32.const 1))
              (br $fold_done_i31)
            )
          )
          (br_if $fold_done_i31 (global.get $rt_error))
          (br $fold_i31)
        )
      )
      local.get $acc32
      local.set $let_star_origin_34
      (br_if $fail (i32.const 69) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:70: let no_origin_config = !config.allow_origins.exists(o, o.tri
      (local.get $config) (i32.load offset=8)
      (local.set $acc38 (i32.const 0))
      local.set $items36
      (local.set $i37 (i32.const 0))
      (block $fold_done_i37
        (loop $fold_i37
          (br_if $fold_done_i37 (i32.eqz (local.get $items36)))
          (br_if $fold_done_i37 (i32.ge_u (local.get $i37) (i32.load (local.get $items36))))
          (local.set $item35 (i64.load offset=8 (i32.add (local.get $items36) (i32.mul (local.get $i37) (i32.const 8)))))
          (local.set $i37 (i32.add (local.get $i37) (i32.const 1)))
          local.get $item35
          call $str_trim
          i64.const 0
          call $str_eq
          i32.eqz
          (if
            (then
              (local.set $acc38 (i32.const 1))
              (br $fold_done_i37)
            )
          )
          (br_if $fold_done_i37 (global.get $rt_error))
          (br $fold_i37)
        )
      )
      local.get $acc38
      i32.eqz
      (if (result i32)
        (then
          (local.get $config) (i32.load offset=16)
          (local.set $acc43 (i32.const 0))
          local.set $items41
          (local.set $i42 (i32.const 0))
          (block $fold_done_i42
            (loop $fold_i42
              (br_if $fold_done_i42 (i32.eqz (local.get $items41)))
              (br_if $fold_done_i42 (i32.ge_u (local.get $i42) (i32.load (local.get $items41))))
              (local.set $item40 (i64.load offset=8 (i32.add (local.get $items41) (i32.mul (local.get $i42) (i32.const 8)))))
              (local.set $i42 (i32.add (local.get $i42) (i32.const 1)))
              local.get $item40
              call $str_trim
              i64.const 0
              call $str_eq
              i32.eqz
              (if
                (then
                  (local.set $acc43 (i32.const 1))
                  (br $fold_done_i42)
                )
              )
              (br_if $fold_done_i42 (global.get $rt_error))
              (br $fold_i42)
            )
          )
          local.get $acc43
          i32.eqz
        )
        (else
          i32.const 0
        )
      )
      local.set $let_no_origin_config_45
      (br_if $fail (i32.const 70) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:72: let credentials = config.allow_credentials && !star_origin
      (local.get $config) (i32.load offset=48)
      (if (result i32)
        (then
          local.get $let_star_origin_34
          i32.eqz
        )
        (else
          i32.const 0
        )
      )
      local.set $let_credentials_46
      local.get $rec
      local.get $let_credentials_46
      i32.store offset=24
      (br_if $fail (i32.const 72) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:73: var origin_ok = star_origin || (no_origin_config && !config.
      local.get $let_star_origin_34
      (if (result i32)
        (then
          i32.const 1
        )
        (else
          local.get $let_no_origin_config_45
          (if (result i32)
            (then
              (local.get $config) (i32.load offset=48)
              i32.eqz
            )
            (else
              i32.const 0
            )
          )
        )
      )
      (if (result i32)
        (then
          i32.const 1
        )
        (else
          (local.get $config) (i32.load offset=8)
          (local.set $acc50 (i32.const 0))
          local.set $items48
          (local.set $i49 (i32.const 0))
          (block $fold_done_i49
            (loop $fold_i49
              (br_if $fold_done_i49 (i32.eqz (local.get $items48)))
              (br_if $fold_done_i49 (i32.ge_u (local.get $i49) (i32.load (local.get $items48))))
              (local.set $item47 (i64.load offset=8 (i32.add (local.get $items48) (i32.mul (local.get $i49) (i32.const 8)))))
              (local.set $i49 (i32.add (local.get $i49) (i32.const 1)))
              local.get $item47
              call $str_trim
              i64.const 0
              call $str_eq
              i32.eqz
              (if (result i32)
                (then
                  local.get $item47
                  call $str_trim
                  i64.const 7550552506369  ;; b'/'
                  call $str_ends_with
                  (if (result i64)
                    (then
                      local.get $item47
                      call $str_trim
                      i64.const 0
                      local.get $item47
                      call $str_trim
                      call $str_size
                      i64.const 1
                      call $i64_sub_checked
                      call $str_substring
                    )
                    (else
                      local.get $item47
                      call $str_trim
                    )
                  )
                  call $str_lower_ascii
                  local.get $let_lower_origin_28
                  call $str_eq
                )
                (else
                  i32.const 0
                )
              )
              (if
                (then
                  (local.set $acc50 (i32.const 1))
                  (br $fold_done_i49)
                )
              )
              (br_if $fold_done_i49 (global.get $rt_error))
              (br $fold_i49)
            )
          )
          local.get $acc50
        )
      )
      local.set $var_origin_ok_52
      (br_if $fail (i32.const 73) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:77: for p in config.allow_origin_patterns {
      (local.get $config) (i32.load offset=16)
      local.set $items76
      (local.set $i77 (i32.const 0))
      (block $for_done_i77
        (loop $for_i77
          (br_if $for_done_i77 (i32.eqz (local.get $items76)))
          (br_if $for_done_i77 (i32.ge_u (local.get $i77) (i32.load (local.get $items76))))
          (local.set $for_p_53 (i64.load offset=8 (i32.add (local.get $items76) (i32.mul (local.get $i77) (i32.const 8)))))
          (local.set $i77 (i32.add (local.get $i77) (i32.const 1)))
          ;; higress-cors.pwf:78: let d0 = p.trim().lowerAscii()
          local.get $for_p_53
          call $str_trim
          call $str_lower_ascii
          local.set $let_d0_54
          (br_if $fail (i32.const 78) (global.get $rt_error))
          drop
          ;; higress-cors.pwf:79: let declared = d0.endsWith("/") ? d0.substring(0, size(d0) -
          local.get $let_d0_54
          i64.const 7550552506369  ;; b'/'
          call $str_ends_with
          (if (result i64)
            (then
              local.get $let_d0_54
              i64.const 0
              local.get $let_d0_54
              call $str_size
              i64.const 1
              call $i64_sub_checked
              call $str_substring
            )
            (else
              local.get $let_d0_54
            )
          )
          local.set $let_declared_55
          (br_if $fail (i32.const 79) (global.get $rt_error))
          drop
          ;; higress-cors.pwf:80: let ports = regex.extract(declared, r"^.*:\[(\*|\d+(?:,\d+)*
          local.get $let_declared_55
          call $re2_extract
          local.set $let_ports_56
          (br_if $fail (i32.const 80) (global.get $rt_error))
          drop
          ;; higress-cors.pwf:81: let base = ports == "" ? declared : regex.extract(declared, 
          local.get $let_ports_56
          i64.const 0
          call $str_eq
          (if (result i64)
            (then
              local.get $let_declared_55
            )
            (else
              local.get $let_declared_55
              call $re3_extract
            )
          )
          local.set $let_base_57
          (br_if $fail (i32.const 81) (global.get $rt_error))
          drop
          ;; higress-cors.pwf:82: let suffixes = ports == "" || ports == "*" ? [""] : ports.sp
          local.get $let_ports_56
          i64.const 0
          call $str_eq
          (if (result i32)
            (then
              i32.const 1
            )
            (else
              local.get $let_ports_56
              i64.const 8005819039745  ;; b'*'
              call $str_eq
            )
          )
          (if (result i32)
            (then
              i32.const 1872
            )
            (else
              local.get $let_ports_56
              i64.const 8108898254849  ;; b','
              i64.const -1
              call $str_split
              (local.set $acc61 (i32.const 0))
              (local.tee $items59)
              (local.set $out62 (i32.const 0))
              (if (local.get $items59) (then (local.set $out62 (call $alloc (i32.add (i32.const 8) (i32.shl (i32.load (local.get $items59)) (i32.const 3)))))))
              local.set $items59
              (local.set $i60 (i32.const 0))
              (block $fold_done_i60
                (loop $fold_i60
                  (br_if $fold_done_i60 (i32.eqz (local.get $items59)))
                  (br_if $fold_done_i60 (i32.ge_u (local.get $i60) (i32.load (local.get $items59))))
                  (local.set $item58 (i64.load offset=8 (i32.add (local.get $items59) (i32.mul (local.get $i60) (i32.const 8)))))
                  (local.set $i60 (i32.add (local.get $i60) (i32.const 1)))
                  i32.const 1
                  (if
                    (then
                      (local.get $out62)
                      (if
                        (then
                          (i32.add (local.get $out62) (i32.shl (local.get $acc61) (i32.const 3)))
                          i64.const 7881264988161  ;; b':'
                          local.get $item58
                          call $str_concat
                          i64.store offset=8
                        )
                      )
                      (local.set $acc61 (i32.add (local.get $acc61) (i32.const 1)))
                    )
                  )
                  (br_if $fold_done_i60 (global.get $rt_error))
                  (br $fold_i60)
                )
              )
              (if (local.get $out62) (then (i32.store (local.get $out62) (local.get $acc61))))
              (select (local.get $out62) (i32.const 0) (local.get $acc61))
            )
          )
          local.set $let_suffixes_63
          (br_if $fail (i32.const 82) (global.get $rt_error))
          drop
          ;; higress-cors.pwf:83: if declared != "" {
          local.get $let_declared_55
          i64.const 0
          call $str_eq
          i32.eqz
          local.set $t64
          (br_if $fail (i32.const 83) (global.get $rt_error))
          drop
          local.get $t64
          (if
            (then
              ;; higress-cors.pwf:84: for suffix in suffixes {
              local.get $let_suffixes_63
              local.set $items74
              (local.set $i75 (i32.const 0))
              (block $for_done_i75
                (loop $for_i75
                  (br_if $for_done_i75 (i32.eqz (local.get $items74)))
                  (br_if $for_done_i75 (i32.ge_u (local.get $i75) (i32.load (local.get $items74))))
                  (local.set $for_suffix_65 (i64.load offset=8 (i32.add (local.get $items74) (i32.mul (local.get $i75) (i32.const 8)))))
                  (local.set $i75 (i32.add (local.get $i75) (i32.const 1)))
                  ;; higress-cors.pwf:85: var pos = 0
                  i64.const 0
                  local.set $var_pos_66
                  ;; higress-cors.pwf:86: var ok = true
                  i32.const 1
                  local.set $var_ok_67
                  ;; higress-cors.pwf:87: for piece in (base + suffix).split("*") {
                  local.get $let_base_57
                  local.get $for_suffix_65
                  call $str_concat
                  i64.const 8005819039745  ;; b'*'
                  i64.const -1
                  call $str_split
                  local.set $t68
                  (br_if $fail (i32.const 87) (global.get $rt_error))
                  drop
                  local.get $t68
                  local.set $items72
                  (local.set $i73 (i32.const 0))
                  (block $for_done_i73
                    (loop $for_i73
                      (br_if $for_done_i73 (i32.eqz (local.get $items72)))
                      (br_if $for_done_i73 (i32.ge_u (local.get $i73) (i32.load (local.get $items72))))
                      (local.set $for_piece_69 (i64.load offset=8 (i32.add (local.get $items72) (i32.mul (local.get $i73) (i32.const 8)))))
                      (local.set $i73 (i32.add (local.get $i73) (i32.const 1)))
                      ;; higress-cors.pwf:88: if ok {
                      local.get $var_ok_67
                      (if
                        (then
                          ;; higress-cors.pwf:89: let at = lower_origin.substring(pos).indexOf(piece)
                          local.get $let_lower_origin_28
                          local.get $var_pos_66
                          i64.const 9223372036854775807
                          call $str_substring
                          local.get $for_piece_69
                          call $str_index_of
                          local.set $let_at_70
                          (br_if $fail (i32.const 89) (global.get $rt_error))
                          drop
                          ;; higress-cors.pwf:90: if at < 0 {
                          local.get $let_at_70
                          i64.const 0
                          i64.lt_s
                          (if
                            (then
                              ;; higress-cors.pwf:91: set ok = false
                              i32.const 0
                              local.set $var_ok_67
                            )
                            (else
                              ;; higress-cors.pwf:93: set pos = pos + at + size(piece)
                              local.get $var_pos_66
                              local.get $let_at_70
                              call $i64_add_checked
                              local.get $for_piece_69
                              call $str_size
                              call $i64_add_checked
                              local.set $t71
                              (br_if $fail (i32.const 93) (global.get $rt_error))
                              drop
                              local.get $t71
                              local.set $var_pos_66
                            )
                          )
                        )
                      )
                      (br $for_i73)
                    )
                  )
                  ;; higress-cors.pwf:97: if ok {
                  local.get $var_ok_67
                  (if
                    (then
                      ;; higress-cors.pwf:98: set origin_ok = true
                      i32.const 1
                      local.set $var_origin_ok_52
                    )
                  )
                  (br $for_i75)
                )
              )
            )
          )
          (br $for_i77)
        )
      )
      ;; higress-cors.pwf:105: let methods = config.allow_methods.filter(m, m.trim() != "")
      (local.get $config) (i32.load offset=24)
      (local.set $acc81 (i32.const 0))
      (local.tee $items79)
      (local.set $out82 (i32.const 0))
      (if (local.get $items79) (then (local.set $out82 (call $alloc (i32.add (i32.const 8) (i32.shl (i32.load (local.get $items79)) (i32.const 3)))))))
      local.set $items79
      (local.set $i80 (i32.const 0))
      (block $fold_done_i80
        (loop $fold_i80
          (br_if $fold_done_i80 (i32.eqz (local.get $items79)))
          (br_if $fold_done_i80 (i32.ge_u (local.get $i80) (i32.load (local.get $items79))))
          (local.set $item78 (i64.load offset=8 (i32.add (local.get $items79) (i32.mul (local.get $i80) (i32.const 8)))))
          (local.set $i80 (i32.add (local.get $i80) (i32.const 1)))
          local.get $item78
          call $str_trim
          i64.const 0
          call $str_eq
          i32.eqz
          (if
            (then
              (local.get $out82)
              (if
                (then
                  (i32.add (local.get $out82) (i32.shl (local.get $acc81) (i32.const 3)))
                  local.get $item78
                  i64.store offset=8
                )
              )
              (local.set $acc81 (i32.add (local.get $acc81) (i32.const 1)))
            )
          )
          (br_if $fold_done_i80 (global.get $rt_error))
          (br $fold_i80)
        )
      )
      (if (local.get $out82) (then (i32.store (local.get $out82) (local.get $acc81))))
      (select (local.get $out82) (i32.const 0) (local.get $acc81))
      (local.set $acc86 (i32.const 0))
      (local.tee $items84)
      (local.set $out87 (i32.const 0))
      (if (local.get $items84) (then (local.set $out87 (call $alloc (i32.add (i32.const 8) (i32.shl (i32.load (local.get $items84)) (i32.const 3)))))))
      local.set $items84
      (local.set $i85 (i32.const 0))
      (block $fold_done_i85
        (loop $fold_i85
          (br_if $fold_done_i85 (i32.eqz (local.get $items84)))
          (br_if $fold_done_i85 (i32.ge_u (local.get $i85) (i32.load (local.get $items84))))
          (local.set $item83 (i64.load offset=8 (i32.add (local.get $items84) (i32.mul (local.get $i85) (i32.const 8)))))
          (local.set $i85 (i32.add (local.get $i85) (i32.const 1)))
          i32.const 1
          (if
            (then
              (local.get $out87)
              (if
                (then
                  (i32.add (local.get $out87) (i32.shl (local.get $acc86) (i32.const 3)))
                  local.get $item83
                  call $str_trim
                  call $str_upper_ascii
                  i64.store offset=8
                )
              )
              (local.set $acc86 (i32.add (local.get $acc86) (i32.const 1)))
            )
          )
          (br_if $fold_done_i85 (global.get $rt_error))
          (br $fold_i85)
        )
      )
      (if (local.get $out87) (then (i32.store (local.get $out87) (local.get $acc86))))
      (select (local.get $out87) (i32.const 0) (local.get $acc86))
      local.set $let_methods_88
      (br_if $fail (i32.const 105) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:106: let method_list = size(methods) > 0 ? methods : ["GET", "PUT
      local.get $let_methods_88
      call $list_size
      i64.const 0
      i64.gt_s
      (if (result i32)
        (then
          local.get $let_methods_88
        )
        (else
          i32.const 1920
        )
      )
      local.set $let_method_list_89
      (br_if $fail (i32.const 106) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:107: let wanted = preflight ? req_method : request.method
      local.get $let_preflight_27
      (if (result i64)
        (then
          local.get $var_req_method_1
        )
        (else
          i32.const 0
          i64.const 7945689497607  ;; b':method'
          call $hdr_get_first
        )
      )
      local.set $let_wanted_90
      (br_if $fail (i32.const 107) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:108: let star_method = "*" in method_list
      local.get $let_method_list_89
      i64.const 8005819039745  ;; b'*'
      call $list_contains
      local.set $let_star_method_91
      (br_if $fail (i32.const 108) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:109: let method_ok = wanted != "" && (star_method || method_list.
      local.get $let_wanted_90
      i64.const 0
      call $str_eq
      i32.eqz
      (if (result i32)
        (then
          local.get $let_star_method_91
          (if (result i32)
            (then
              i32.const 1
            )
            (else
              local.get $let_wanted_90
              call $str_lower_ascii
              local.set $once93
              local.get $let_method_list_89
              (local.set $acc96 (i32.const 0))
              local.set $items94
              (local.set $i95 (i32.const 0))
              (block $fold_done_i95
                (loop $fold_i95
                  (br_if $fold_done_i95 (i32.eqz (local.get $items94)))
                  (br_if $fold_done_i95 (i32.ge_u (local.get $i95) (i32.load (local.get $items94))))
                  (local.set $item92 (i64.load offset=8 (i32.add (local.get $items94) (i32.mul (local.get $i95) (i32.const 8)))))
                  (local.set $i95 (i32.add (local.get $i95) (i32.const 1)))
                  local.get $item92
                  call $str_lower_ascii
                  local.get $once93
                  call $str_eq
                  (if
                    (then
                      (local.set $acc96 (i32.const 1))
                      (br $fold_done_i95)
                    )
                  )
                  (br_if $fold_done_i95 (global.get $rt_error))
                  (br $fold_i95)
                )
              )
              local.get $acc96
            )
          )
        )
        (else
          i32.const 0
        )
      )
      local.set $let_method_ok_98
      (br_if $fail (i32.const 109) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:110: let allow_methods = star_method ? "GET, PUT, POST, DELETE, P
      local.get $let_star_method_91
      (if (result i64)
        (then
          i64.const 8486855376956  ;; b'GET, PUT, POST, DELETE, PATCH, OPTIONS, '
        )
        (else
          local.get $let_method_list_89
          i64.const 8108898254849  ;; b','
          call $list_join
        )
      )
      local.set $let_allow_methods_99
      (br_if $fail (i32.const 110) (global.get $rt_error))
      drop
      local.get $rec
      local.get $let_allow_methods_99
      call $str_pcopy
      (call $str_pfree (i64.load offset=32 (local.get $rec)))
      i64.store offset=32
      (br_if $fail (i32.const 110) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:113: var header_text = ""
      i64.const 0
      local.set $var_header_text_100
      ;; higress-cors.pwf:114: for h in config.allow_headers {
      (local.get $config) (i32.load offset=32)
      local.set $items105
      (local.set $i106 (i32.const 0))
      (block $for_done_i106
        (loop $for_i106
          (br_if $for_done_i106 (i32.eqz (local.get $items105)))
          (br_if $for_done_i106 (i32.ge_u (local.get $i106) (i32.load (local.get $items105))))
          (local.set $for_h_101 (i64.load offset=8 (i32.add (local.get $items105) (i32.mul (local.get $i106) (i32.const 8)))))
          (local.set $i106 (i32.add (local.get $i106) (i32.const 1)))
          ;; higress-cors.pwf:115: if h.trim() == "*" {
          local.get $for_h_101
          call $str_trim
          i64.const 8005819039745  ;; b'*'
          call $str_eq
          local.set $t104
          (br_if $fail (i32.const 115) (global.get $rt_error))
          drop
          local.get $t104
          (if
            (then
              ;; higress-cors.pwf:116: set header_text = "*"
              i64.const 8005819039745  ;; b'*'
              local.set $var_header_text_100
            )
            (else
              ;; higress-cors.pwf:117: } else if h.trim() != "" {
              local.get $for_h_101
              call $str_trim
              i64.const 0
              call $str_eq
              i32.eqz
              local.set $t102
              (br_if $fail (i32.const 117) (global.get $rt_error))
              drop
              local.get $t102
              (if
                (then
                  ;; higress-cors.pwf:118: set header_text = header_text == "" ? h.trim() : header_text
                  local.get $var_header_text_100
                  i64.const 0
                  call $str_eq
                  (if (result i64)
                    (then
                      local.get $for_h_101
                      call $str_trim
                    )
                    (else
                      local.get $var_header_text_100
                      i64.const 8108898254849  ;; b','
                      call $str_concat
                      local.get $for_h_101
                      call $str_trim
                      call $str_concat
                    )
                  )
                  local.set $t103
                  (br_if $fail (i32.const 118) (global.get $rt_error))
                  drop
                  local.get $t103
                  local.set $var_header_text_100
                )
              )
            )
          )
          (br $for_i106)
        )
      )
      ;; higress-cors.pwf:121: let header_list_text = header_text != "" ? header_text : "DN
      local.get $var_header_text_100
      i64.const 0
      call $str_eq
      i32.eqz
      (if (result i64)
        (then
          local.get $var_header_text_100
        )
        (else
          i64.const 8744553414772  ;; b'DNT,X-CustomHeader,Keep-Alive,User-Agent'
        )
      )
      local.set $let_header_list_text_107
      (br_if $fail (i32.const 121) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:122: let header_list = header_list_text.split(",")
      local.get $let_header_list_text_107
      i64.const 8108898254849  ;; b','
      i64.const -1
      call $str_split
      local.set $let_header_list_108
      (br_if $fail (i32.const 122) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:123: let star_header = header_list_text == "*" || header_list_tex
      local.get $let_header_list_text_107
      i64.const 8005819039745  ;; b'*'
      call $str_eq
      (if (result i32)
        (then
          i32.const 1
        )
        (else
          local.get $let_header_list_text_107
          i64.const 9242769620994  ;; b'*,'
          call $str_starts_with
        )
      )
      local.set $let_star_header_109
      (br_if $fail (i32.const 123) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:125: let headers_ok = req_headers == "" || star_header ||
      local.get $var_req_headers_2
      i64.const 0
      call $str_eq
      (if (result i32)
        (then
          i32.const 1
        )
        (else
          local.get $let_star_header_109
        )
      )
      (if (result i32)
        (then
          i32.const 1
        )
        (else
          local.get $var_req_headers_2
          i64.const 8108898254849  ;; b','
          i64.const -1
          call $str_split
          (local.set $acc118 (i32.const 1))
          local.set $items116
          (local.set $i117 (i32.const 0))
          (block $fold_done_i117
            (loop $fold_i117
              (br_if $fold_done_i117 (i32.eqz (local.get $items116)))
              (br_if $fold_done_i117 (i32.ge_u (local.get $i117) (i32.load (local.get $items116))))
              (local.set $item110 (i64.load offset=8 (i32.add (local.get $items116) (i32.mul (local.get $i117) (i32.const 8)))))
              (local.set $i117 (i32.add (local.get $i117) (i32.const 1)))
              local.get $let_header_list_108
              (local.set $acc114 (i32.const 0))
              local.set $items112
              (local.set $i113 (i32.const 0))
              (block $fold_done_i113
                (loop $fold_i113
                  (br_if $fold_done_i113 (i32.eqz (local.get $items112)))
                  (br_if $fold_done_i113 (i32.ge_u (local.get $i113) (i32.load (local.get $items112))))
                  (local.set $item111 (i64.load offset=8 (i32.add (local.get $items112) (i32.mul (local.get $i113) (i32.const 8)))))
                  (local.set $i113 (i32.add (local.get $i113) (i32.const 1)))
                  local.get $item111
                  call $str_lower_ascii
                  local.get $item110
                  call $str_trim
                  call $str_lower_ascii
                  call $str_eq
                  (if
                    (then
                      (local.set $acc114 (i32.const 1))
                      (br $fold_done_i113)
                    )
                  )
                  (br_if $fold_done_i113 (global.get $rt_error))
                  (br $fold_i113)
                )
              )
              local.get $acc114
              i32.eqz
              (if
                (then
                  (local.set $acc118 (i32.const 0))
                  (br $fold_done_i117)
                )
              )
              (br_if $fold_done_i117 (global.get $rt_error))
              (br $fold_i117)
            )
          )
          local.get $acc118
        )
      )
      local.set $let_headers_ok_120
      (br_if $fail (i32.const 125) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:127: let allow_headers = star_header && req_headers != "" ? req_h
      local.get $let_star_header_109
      (if (result i32)
        (then
          local.get $var_req_headers_2
          i64.const 0
          call $str_eq
          i32.eqz
        )
        (else
          i32.const 0
        )
      )
      (if (result i64)
        (then
          local.get $var_req_headers_2
        )
        (else
          local.get $let_header_list_text_107
        )
      )
      local.set $let_allow_headers_121
      (br_if $fail (i32.const 127) (global.get $rt_error))
      drop
      local.get $rec
      local.get $let_allow_headers_121
      call $str_pcopy
      (call $str_pfree (i64.load offset=40 (local.get $rec)))
      i64.store offset=40
      (br_if $fail (i32.const 127) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:129: var expose = ""
      i64.const 0
      local.set $var_expose_122
      local.get $rec
      local.get $var_expose_122
      call $str_pcopy
      (call $str_pfree (i64.load offset=48 (local.get $rec)))
      i64.store offset=48
      (br_if $fail (i32.const 129) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:130: for h in config.expose_headers {
      (local.get $config) (i32.load offset=40)
      local.set $items127
      (local.set $i128 (i32.const 0))
      (block $for_done_i128
        (loop $for_i128
          (br_if $for_done_i128 (i32.eqz (local.get $items127)))
          (br_if $for_done_i128 (i32.ge_u (local.get $i128) (i32.load (local.get $items127))))
          (local.set $for_h_123 (i64.load offset=8 (i32.add (local.get $items127) (i32.mul (local.get $i128) (i32.const 8)))))
          (local.set $i128 (i32.add (local.get $i128) (i32.const 1)))
          ;; higress-cors.pwf:131: if h.trim() == "*" {
          local.get $for_h_123
          call $str_trim
          i64.const 8005819039745  ;; b'*'
          call $str_eq
          local.set $t126
          (br_if $fail (i32.const 131) (global.get $rt_error))
          drop
          local.get $t126
          (if
            (then
              ;; higress-cors.pwf:132: set expose = "*"
              i64.const 8005819039745  ;; b'*'
              local.set $var_expose_122
              local.get $rec
              local.get $var_expose_122
              call $str_pcopy
              (call $str_pfree (i64.load offset=48 (local.get $rec)))
              i64.store offset=48
              (br_if $fail (i32.const 132) (global.get $rt_error))
              drop
            )
            (else
              ;; higress-cors.pwf:133: } else if h.trim() != "" {
              local.get $for_h_123
              call $str_trim
              i64.const 0
              call $str_eq
              i32.eqz
              local.set $t124
              (br_if $fail (i32.const 133) (global.get $rt_error))
              drop
              local.get $t124
              (if
                (then
                  ;; higress-cors.pwf:134: set expose = expose == "" ? h.trim() : expose + "," + h.trim
                  local.get $var_expose_122
                  i64.const 0
                  call $str_eq
                  (if (result i64)
                    (then
                      local.get $for_h_123
                      call $str_trim
                    )
                    (else
                      local.get $var_expose_122
                      i64.const 8108898254849  ;; b','
                      call $str_concat
                      local.get $for_h_123
                      call $str_trim
                      call $str_concat
                    )
                  )
                  local.set $t125
                  (br_if $fail (i32.const 134) (global.get $rt_error))
                  drop
                  local.get $t125
                  local.set $var_expose_122
                  local.get $rec
                  local.get $var_expose_122
                  call $str_pcopy
                  (call $str_pfree (i64.load offset=48 (local.get $rec)))
                  i64.store offset=48
                  (br_if $fail (i32.const 134) (global.get $rt_error))
                  drop
                )
              )
            )
          )
          (br $for_i128)
        )
      )
      ;; higress-cors.pwf:137: let max_age = config.max_age > 0 ? config.max_age : 86400
      (local.get $config) (i64.load offset=56)
      i64.const 0
      i64.gt_s
      (if (result i64)
        (then
          (local.get $config) (i64.load offset=56)
        )
        (else
          i64.const 86400
        )
      )
      local.set $let_max_age_129
      local.get $rec
      local.get $let_max_age_129
      i64.store offset=56
      (br_if $fail (i32.const 137) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:139: let valid = !is_cors || (origin_ok && method_ok && (!preflig
      local.get $let_is_cors_26
      i32.eqz
      (if (result i32)
        (then
          i32.const 1
        )
        (else
          local.get $var_origin_ok_52
          (if (result i32)
            (then
              local.get $let_method_ok_98
            )
            (else
              i32.const 0
            )
          )
          (if (result i32)
            (then
              local.get $let_preflight_27
              i32.eqz
              (if (result i32)
                (then
                  i32.const 1
                )
                (else
                  local.get $let_headers_ok_120
                )
              )
            )
            (else
              i32.const 0
            )
          )
        )
      )
      local.set $let_valid_130
      local.get $rec
      local.get $let_valid_130
      i32.store offset=64
      (br_if $fail (i32.const 139) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:140: if !valid {
      local.get $let_valid_130
      i32.eqz
      (if
        (then
          ;; higress-cors.pwf:141: respond 403 "Invalid CORS request"
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_0))
          i64.const 403
          i32.wrap_i64
          i64.const 9251359555604  ;; b'Invalid CORS request'
          i32.const 0
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; higress-cors.pwf:143: if is_cors && preflight {
      local.get $let_is_cors_26
      (if (result i32)
        (then
          local.get $let_preflight_27
        )
        (else
          i32.const 0
        )
      )
      (if
        (then
          ;; higress-cors.pwf:144: respond 200
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_1))
          i64.const 200
          i32.wrap_i64
          i64.const 0
          i32.const 0
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
  (func $pwc_response (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $t0 i64)
    (local $t1 i64)
    (local $t2 i64)
    (local $t3 i64)
    (local $t4 i32)
    (local $t5 i64)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    ;; zeros when the request phase never ran
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (i32.const 1024))))
    (local.set $config (i32.load offset=72 (local.get $rec)))
    (if (i32.eqz (local.get $config)) (then (local.set $config (i32.const 1688))))
    (block $fail (result i32)
      ;; higress-cors.pwf:151: remove response.headers["x-cors-trace"]
      i32.const 2
      i64.const 9337258901516  ;; b'x-cors-trace'
      call $hdr_remove_raw
      (br_if $fail (i32.const 151) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:152: remove response.headers["access-control-allow-origin"]
      i32.const 2
      i64.const 9388798509083  ;; b'access-control-allow-origin'
      call $hdr_remove_raw
      (br_if $fail (i32.const 152) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:153: remove response.headers["access-control-allow-methods"]
      i32.const 2
      i64.const 9504762626076  ;; b'access-control-allow-methods'
      call $hdr_remove_raw
      (br_if $fail (i32.const 153) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:154: remove response.headers["access-control-expose-headers"]
      i32.const 2
      i64.const 9625021710365  ;; b'access-control-expose-headers'
      call $hdr_remove_raw
      (br_if $fail (i32.const 154) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:155: remove response.headers["access-control-allow-credentials"]
      i32.const 2
      i64.const 9749575761952  ;; b'access-control-allow-credentials'
      call $hdr_remove_raw
      (br_if $fail (i32.const 155) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:156: remove response.headers["access-control-max-age"]
      i32.const 2
      i64.const 9887014715414  ;; b'access-control-max-age'
      call $hdr_remove_raw
      (br_if $fail (i32.const 156) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:157: set response.headers["x-cors-version"] = "1.0.0"
      i32.const 2
      i64.const 9981503995918  ;; b'x-cors-version'
      i64.const 10041633538053  ;; b'1.0.0'
      call $hdr_set_raw
      (br_if $fail (i32.const 157) (global.get $rt_error))
      drop
      ;; higress-cors.pwf:158: if valid && is_cors {
      (local.get $rec) (i32.load offset=64)
      (if (result i32)
        (then
          (local.get $rec) (i32.load offset=8)
        )
        (else
          i32.const 0
        )
      )
      (if
        (then
          ;; higress-cors.pwf:159: set response.headers["access-control-allow-origin"] = origin
          (local.get $rec) (i64.load offset=0)
          call $str_strip_ctl
          local.set $t0
          (br_if $fail (i32.const 159) (global.get $rt_error))
          drop
          i32.const 2
          i64.const 9388798509083  ;; b'access-control-allow-origin'
          local.get $t0
          call $hdr_set_raw
          (br_if $fail (i32.const 159) (global.get $rt_error))
          drop
          ;; higress-cors.pwf:160: if preflight {
          (local.get $rec) (i32.load offset=16)
          (if
            (then
              ;; higress-cors.pwf:161: set response.headers["access-control-allow-methods"] = allow
              (local.get $rec) (i64.load offset=32)
              call $str_strip_ctl
              local.set $t1
              (br_if $fail (i32.const 161) (global.get $rt_error))
              drop
              i32.const 2
              i64.const 9504762626076  ;; b'access-control-allow-methods'
              local.get $t1
              call $hdr_set_raw
              (br_if $fail (i32.const 161) (global.get $rt_error))
              drop
              ;; higress-cors.pwf:162: set response.headers["access-control-allow-headers"] = allow
              (local.get $rec) (i64.load offset=40)
              call $str_strip_ctl
              local.set $t2
              (br_if $fail (i32.const 162) (global.get $rt_error))
              drop
              i32.const 2
              i64.const 10063108374556  ;; b'access-control-allow-headers'
              local.get $t2
              call $hdr_set_raw
              (br_if $fail (i32.const 162) (global.get $rt_error))
              drop
              ;; higress-cors.pwf:163: set response.headers["access-control-max-age"] = string(max_
              (local.get $rec) (i64.load offset=56)
              call $i64_to_str
              call $str_strip_ctl
              local.set $t3
              (br_if $fail (i32.const 163) (global.get $rt_error))
              drop
              i32.const 2
              i64.const 9887014715414  ;; b'access-control-max-age'
              local.get $t3
              call $hdr_set_raw
              (br_if $fail (i32.const 163) (global.get $rt_error))
              drop
            )
          )
          ;; higress-cors.pwf:165: if expose != "" {
          (local.get $rec) (i64.load offset=48)
          i64.const 0
          call $str_eq
          i32.eqz
          local.set $t4
          (br_if $fail (i32.const 165) (global.get $rt_error))
          drop
          local.get $t4
          (if
            (then
              ;; higress-cors.pwf:166: set response.headers["access-control-expose-headers"] = expo
              (local.get $rec) (i64.load offset=48)
              call $str_strip_ctl
              local.set $t5
              (br_if $fail (i32.const 166) (global.get $rt_error))
              drop
              i32.const 2
              i64.const 9625021710365  ;; b'access-control-expose-headers'
              local.get $t5
              call $hdr_set_raw
              (br_if $fail (i32.const 166) (global.get $rt_error))
              drop
            )
          )
          ;; higress-cors.pwf:168: if credentials {
          (local.get $rec) (i32.load offset=24)
          (if
            (then
              ;; higress-cors.pwf:169: set response.headers["access-control-allow-credentials"] = "
              i32.const 2
              i64.const 9749575761952  ;; b'access-control-allow-credentials'
              i64.const 10183367458820  ;; b'true'
              call $hdr_set_raw
              (br_if $fail (i32.const 169) (global.get $rt_error))
              drop
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
    (call $str_pfree (i64.load offset=32 (local.get $rec)))
    (call $str_pfree (i64.load offset=40 (local.get $rec)))
    (call $str_pfree (i64.load offset=48 (local.get $rec)))
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
    (local.set $config (call $config_load (local.get $text) (i32.const 1440)))
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
    (if (i32.eq (local.get $code) (i32.const 1)) (then (local.set $message (call $str_concat (i64.const 10269266804759) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 2)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (call $str_concat (i64.const 10368051052556) (call $str_concat (call $str_concat (i64.const 10200547328001) (global.get $cfg_fail_key)) (i64.const 10200547328001))) (i64.const 10419590660110)) (i64.load offset=16 (global.get $cfg_fail_type))) (i64.const 10479720202241)))))
    (if (i32.eq (local.get $code) (i32.const 3)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (i64.const 10204842295305) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 10243497000966)) (call $cfg_got_text)))))
    (if (i32.eq (local.get $code) (i32.const 4)) (then (local.set $message (call $str_concat (i64.const 10484015169557) (call $str_concat (call $str_concat (i64.const 10200547328001) (global.get $cfg_fail_key)) (i64.const 10200547328001))))))
    (if (i32.eq (local.get $code) (i32.const 5)) (then (local.set $message (call $str_concat (i64.const 10574209482766) (call $str_concat (call $str_concat (i64.const 10200547328001) (global.get $cfg_fail_key)) (i64.const 10200547328001))))))
    (if (i32.eq (local.get $code) (i32.const 6)) (then (local.set $message (if (result i64) (i64.eqz (global.get $cfg_fail_detail)) (then (call $str_concat (call $str_concat (call $str_concat (i64.const 10204842295305) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 10243497000966)) (call $cfg_got_text))) (else (call $str_concat (i64.const 10634339024909) (global.get $cfg_fail_detail)))))))
    (if (i32.eq (local.get $code) (i32.const 7)) (then (local.set $message (call $str_concat (i64.const 10690173599784) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 8)) (then (local.set $message (call $str_concat (i64.const 10861972291611) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (call $log (i32.const 4) (call $str_concat (call $str_concat (i64.const 10977936408601) (call $cfg_path_prefix)) (local.get $message)))
  )
  (func (export "proxy_on_context_create") (param $ctx i32) (param $parent i32)
    (if (local.get $parent) (then (drop (call $pwc_open_record (local.get $ctx) (local.get $parent)))))
  )
  (func $pwc_open_record (param $ctx i32) (param $parent i32) (result i32)
    (local $rec i32)
    (local.set $rec (call $record_open (local.get $ctx) (i32.const 80)))
    (if (i32.and (i32.ne (local.get $rec) (i32.const 0)) (i32.ne (local.get $parent) (i32.const 0))) (then (i32.store offset=72 (local.get $rec) (call $stream_get (local.get $parent)))))
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
  (global $pwc_metric_0 (mut i32) (i32.const -1))  ;; pwc.cors.responded.line_141
  (global $pwc_metric_1 (mut i32) (i32.const -1))  ;; pwc.cors.responded.line_144
  (global $pwc_metric_2 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_35
  (global $pwc_metric_3 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_38
  (global $pwc_metric_4 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_39
  (global $pwc_metric_5 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_40
  (global $pwc_metric_6 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_42
  (global $pwc_metric_7 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_43
  (global $pwc_metric_8 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_45
  (global $pwc_metric_9 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_46
  (global $pwc_metric_10 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_52
  (global $pwc_metric_11 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_53
  (global $pwc_metric_12 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_54
  (global $pwc_metric_13 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_55
  (global $pwc_metric_14 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_56
  (global $pwc_metric_15 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_57
  (global $pwc_metric_16 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_58
  (global $pwc_metric_17 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_59
  (global $pwc_metric_18 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_60
  (global $pwc_metric_19 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_61
  (global $pwc_metric_20 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_62
  (global $pwc_metric_21 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_63
  (global $pwc_metric_22 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_64
  (global $pwc_metric_23 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_65
  (global $pwc_metric_24 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_68
  (global $pwc_metric_25 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_69
  (global $pwc_metric_26 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_70
  (global $pwc_metric_27 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_72
  (global $pwc_metric_28 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_73
  (global $pwc_metric_29 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_78
  (global $pwc_metric_30 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_79
  (global $pwc_metric_31 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_80
  (global $pwc_metric_32 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_81
  (global $pwc_metric_33 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_82
  (global $pwc_metric_34 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_83
  (global $pwc_metric_35 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_87
  (global $pwc_metric_36 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_89
  (global $pwc_metric_37 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_93
  (global $pwc_metric_38 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_105
  (global $pwc_metric_39 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_106
  (global $pwc_metric_40 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_107
  (global $pwc_metric_41 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_108
  (global $pwc_metric_42 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_109
  (global $pwc_metric_43 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_110
  (global $pwc_metric_44 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_115
  (global $pwc_metric_45 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_117
  (global $pwc_metric_46 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_118
  (global $pwc_metric_47 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_121
  (global $pwc_metric_48 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_122
  (global $pwc_metric_49 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_123
  (global $pwc_metric_50 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_125
  (global $pwc_metric_51 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_127
  (global $pwc_metric_52 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_129
  (global $pwc_metric_53 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_131
  (global $pwc_metric_54 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_132
  (global $pwc_metric_55 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_133
  (global $pwc_metric_56 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_134
  (global $pwc_metric_57 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_137
  (global $pwc_metric_58 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_139
  (global $pwc_metric_59 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_151
  (global $pwc_metric_60 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_152
  (global $pwc_metric_61 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_153
  (global $pwc_metric_62 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_154
  (global $pwc_metric_63 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_155
  (global $pwc_metric_64 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_156
  (global $pwc_metric_65 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_157
  (global $pwc_metric_66 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_159
  (global $pwc_metric_67 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_161
  (global $pwc_metric_68 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_162
  (global $pwc_metric_69 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_163
  (global $pwc_metric_70 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_165
  (global $pwc_metric_71 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_166
  (global $pwc_metric_72 (mut i32) (i32.const -1))  ;; pwc.cors.errors.line_169
  (func $pwc_define_metric (param $kind i32) (param $name i64) (result i32)
    (local $id i32)
    (local.set $id (call $metric_define (local.get $kind) (local.get $name)))
    ;; a metric Envoy refuses is not counted; the filter works on without it
    (if (i32.eq (local.get $id) (i32.const -1)) (then
      (memory.copy (i32.const 2611) (call $str_ptr (local.get $name)) (call $str_len (local.get $name)))
      (call $log (i32.const 3) (call $str_pack (i32.const 2581) (i32.add (i32.const 30) (call $str_len (local.get $name)))))
    ))
    (local.get $id)
  )
  (func $pwc_define_metrics
    (global.set $pwc_metric_0 (call $pwc_define_metric (i32.const 0) (i64.const 11330123726875)))
    (global.set $pwc_metric_1 (call $pwc_define_metric (i32.const 0) (i64.const 11446087843867)))
    (global.set $pwc_metric_2 (call $pwc_define_metric (i32.const 0) (i64.const 11562051960855)))
    (global.set $pwc_metric_3 (call $pwc_define_metric (i32.const 0) (i64.const 11660836208663)))
    (global.set $pwc_metric_4 (call $pwc_define_metric (i32.const 0) (i64.const 11759620456471)))
    (global.set $pwc_metric_5 (call $pwc_define_metric (i32.const 0) (i64.const 11858404704279)))
    (global.set $pwc_metric_6 (call $pwc_define_metric (i32.const 0) (i64.const 11957188952087)))
    (global.set $pwc_metric_7 (call $pwc_define_metric (i32.const 0) (i64.const 12055973199895)))
    (global.set $pwc_metric_8 (call $pwc_define_metric (i32.const 0) (i64.const 12154757447703)))
    (global.set $pwc_metric_9 (call $pwc_define_metric (i32.const 0) (i64.const 12253541695511)))
    (global.set $pwc_metric_10 (call $pwc_define_metric (i32.const 0) (i64.const 12352325943319)))
    (global.set $pwc_metric_11 (call $pwc_define_metric (i32.const 0) (i64.const 12451110191127)))
    (global.set $pwc_metric_12 (call $pwc_define_metric (i32.const 0) (i64.const 12549894438935)))
    (global.set $pwc_metric_13 (call $pwc_define_metric (i32.const 0) (i64.const 12648678686743)))
    (global.set $pwc_metric_14 (call $pwc_define_metric (i32.const 0) (i64.const 12747462934551)))
    (global.set $pwc_metric_15 (call $pwc_define_metric (i32.const 0) (i64.const 12846247182359)))
    (global.set $pwc_metric_16 (call $pwc_define_metric (i32.const 0) (i64.const 12945031430167)))
    (global.set $pwc_metric_17 (call $pwc_define_metric (i32.const 0) (i64.const 13043815677975)))
    (global.set $pwc_metric_18 (call $pwc_define_metric (i32.const 0) (i64.const 13142599925783)))
    (global.set $pwc_metric_19 (call $pwc_define_metric (i32.const 0) (i64.const 13241384173591)))
    (global.set $pwc_metric_20 (call $pwc_define_metric (i32.const 0) (i64.const 13340168421399)))
    (global.set $pwc_metric_21 (call $pwc_define_metric (i32.const 0) (i64.const 13438952669207)))
    (global.set $pwc_metric_22 (call $pwc_define_metric (i32.const 0) (i64.const 13537736917015)))
    (global.set $pwc_metric_23 (call $pwc_define_metric (i32.const 0) (i64.const 13636521164823)))
    (global.set $pwc_metric_24 (call $pwc_define_metric (i32.const 0) (i64.const 13735305412631)))
    (global.set $pwc_metric_25 (call $pwc_define_metric (i32.const 0) (i64.const 13834089660439)))
    (global.set $pwc_metric_26 (call $pwc_define_metric (i32.const 0) (i64.const 13932873908247)))
    (global.set $pwc_metric_27 (call $pwc_define_metric (i32.const 0) (i64.const 14031658156055)))
    (global.set $pwc_metric_28 (call $pwc_define_metric (i32.const 0) (i64.const 14130442403863)))
    (global.set $pwc_metric_29 (call $pwc_define_metric (i32.const 0) (i64.const 14229226651671)))
    (global.set $pwc_metric_30 (call $pwc_define_metric (i32.const 0) (i64.const 14328010899479)))
    (global.set $pwc_metric_31 (call $pwc_define_metric (i32.const 0) (i64.const 14426795147287)))
    (global.set $pwc_metric_32 (call $pwc_define_metric (i32.const 0) (i64.const 14525579395095)))
    (global.set $pwc_metric_33 (call $pwc_define_metric (i32.const 0) (i64.const 14624363642903)))
    (global.set $pwc_metric_34 (call $pwc_define_metric (i32.const 0) (i64.const 14723147890711)))
    (global.set $pwc_metric_35 (call $pwc_define_metric (i32.const 0) (i64.const 14821932138519)))
    (global.set $pwc_metric_36 (call $pwc_define_metric (i32.const 0) (i64.const 14920716386327)))
    (global.set $pwc_metric_37 (call $pwc_define_metric (i32.const 0) (i64.const 15019500634135)))
    (global.set $pwc_metric_38 (call $pwc_define_metric (i32.const 0) (i64.const 15118284881944)))
    (global.set $pwc_metric_39 (call $pwc_define_metric (i32.const 0) (i64.const 15221364097048)))
    (global.set $pwc_metric_40 (call $pwc_define_metric (i32.const 0) (i64.const 15324443312152)))
    (global.set $pwc_metric_41 (call $pwc_define_metric (i32.const 0) (i64.const 15427522527256)))
    (global.set $pwc_metric_42 (call $pwc_define_metric (i32.const 0) (i64.const 15530601742360)))
    (global.set $pwc_metric_43 (call $pwc_define_metric (i32.const 0) (i64.const 15633680957464)))
    (global.set $pwc_metric_44 (call $pwc_define_metric (i32.const 0) (i64.const 15736760172568)))
    (global.set $pwc_metric_45 (call $pwc_define_metric (i32.const 0) (i64.const 15839839387672)))
    (global.set $pwc_metric_46 (call $pwc_define_metric (i32.const 0) (i64.const 15942918602776)))
    (global.set $pwc_metric_47 (call $pwc_define_metric (i32.const 0) (i64.const 16045997817880)))
    (global.set $pwc_metric_48 (call $pwc_define_metric (i32.const 0) (i64.const 16149077032984)))
    (global.set $pwc_metric_49 (call $pwc_define_metric (i32.const 0) (i64.const 16252156248088)))
    (global.set $pwc_metric_50 (call $pwc_define_metric (i32.const 0) (i64.const 16355235463192)))
    (global.set $pwc_metric_51 (call $pwc_define_metric (i32.const 0) (i64.const 16458314678296)))
    (global.set $pwc_metric_52 (call $pwc_define_metric (i32.const 0) (i64.const 16561393893400)))
    (global.set $pwc_metric_53 (call $pwc_define_metric (i32.const 0) (i64.const 16664473108504)))
    (global.set $pwc_metric_54 (call $pwc_define_metric (i32.const 0) (i64.const 16767552323608)))
    (global.set $pwc_metric_55 (call $pwc_define_metric (i32.const 0) (i64.const 16870631538712)))
    (global.set $pwc_metric_56 (call $pwc_define_metric (i32.const 0) (i64.const 16973710753816)))
    (global.set $pwc_metric_57 (call $pwc_define_metric (i32.const 0) (i64.const 17076789968920)))
    (global.set $pwc_metric_58 (call $pwc_define_metric (i32.const 0) (i64.const 17179869184024)))
    (global.set $pwc_metric_59 (call $pwc_define_metric (i32.const 0) (i64.const 17282948399128)))
    (global.set $pwc_metric_60 (call $pwc_define_metric (i32.const 0) (i64.const 17386027614232)))
    (global.set $pwc_metric_61 (call $pwc_define_metric (i32.const 0) (i64.const 17489106829336)))
    (global.set $pwc_metric_62 (call $pwc_define_metric (i32.const 0) (i64.const 17592186044440)))
    (global.set $pwc_metric_63 (call $pwc_define_metric (i32.const 0) (i64.const 17695265259544)))
    (global.set $pwc_metric_64 (call $pwc_define_metric (i32.const 0) (i64.const 17798344474648)))
    (global.set $pwc_metric_65 (call $pwc_define_metric (i32.const 0) (i64.const 17901423689752)))
    (global.set $pwc_metric_66 (call $pwc_define_metric (i32.const 0) (i64.const 18004502904856)))
    (global.set $pwc_metric_67 (call $pwc_define_metric (i32.const 0) (i64.const 18107582119960)))
    (global.set $pwc_metric_68 (call $pwc_define_metric (i32.const 0) (i64.const 18210661335064)))
    (global.set $pwc_metric_69 (call $pwc_define_metric (i32.const 0) (i64.const 18313740550168)))
    (global.set $pwc_metric_70 (call $pwc_define_metric (i32.const 0) (i64.const 18416819765272)))
    (global.set $pwc_metric_71 (call $pwc_define_metric (i32.const 0) (i64.const 18519898980376)))
    (global.set $pwc_metric_72 (call $pwc_define_metric (i32.const 0) (i64.const 18622978195480)))
  )
  (func $pwc_count_error (param $line i32)
    (if (i32.eq (local.get $line) (i32.const 35)) (then (call $metric_increment (global.get $pwc_metric_2))))
    (if (i32.eq (local.get $line) (i32.const 38)) (then (call $metric_increment (global.get $pwc_metric_3))))
    (if (i32.eq (local.get $line) (i32.const 39)) (then (call $metric_increment (global.get $pwc_metric_4))))
    (if (i32.eq (local.get $line) (i32.const 40)) (then (call $metric_increment (global.get $pwc_metric_5))))
    (if (i32.eq (local.get $line) (i32.const 42)) (then (call $metric_increment (global.get $pwc_metric_6))))
    (if (i32.eq (local.get $line) (i32.const 43)) (then (call $metric_increment (global.get $pwc_metric_7))))
    (if (i32.eq (local.get $line) (i32.const 45)) (then (call $metric_increment (global.get $pwc_metric_8))))
    (if (i32.eq (local.get $line) (i32.const 46)) (then (call $metric_increment (global.get $pwc_metric_9))))
    (if (i32.eq (local.get $line) (i32.const 52)) (then (call $metric_increment (global.get $pwc_metric_10))))
    (if (i32.eq (local.get $line) (i32.const 53)) (then (call $metric_increment (global.get $pwc_metric_11))))
    (if (i32.eq (local.get $line) (i32.const 54)) (then (call $metric_increment (global.get $pwc_metric_12))))
    (if (i32.eq (local.get $line) (i32.const 55)) (then (call $metric_increment (global.get $pwc_metric_13))))
    (if (i32.eq (local.get $line) (i32.const 56)) (then (call $metric_increment (global.get $pwc_metric_14))))
    (if (i32.eq (local.get $line) (i32.const 57)) (then (call $metric_increment (global.get $pwc_metric_15))))
    (if (i32.eq (local.get $line) (i32.const 58)) (then (call $metric_increment (global.get $pwc_metric_16))))
    (if (i32.eq (local.get $line) (i32.const 59)) (then (call $metric_increment (global.get $pwc_metric_17))))
    (if (i32.eq (local.get $line) (i32.const 60)) (then (call $metric_increment (global.get $pwc_metric_18))))
    (if (i32.eq (local.get $line) (i32.const 61)) (then (call $metric_increment (global.get $pwc_metric_19))))
    (if (i32.eq (local.get $line) (i32.const 62)) (then (call $metric_increment (global.get $pwc_metric_20))))
    (if (i32.eq (local.get $line) (i32.const 63)) (then (call $metric_increment (global.get $pwc_metric_21))))
    (if (i32.eq (local.get $line) (i32.const 64)) (then (call $metric_increment (global.get $pwc_metric_22))))
    (if (i32.eq (local.get $line) (i32.const 65)) (then (call $metric_increment (global.get $pwc_metric_23))))
    (if (i32.eq (local.get $line) (i32.const 68)) (then (call $metric_increment (global.get $pwc_metric_24))))
    (if (i32.eq (local.get $line) (i32.const 69)) (then (call $metric_increment (global.get $pwc_metric_25))))
    (if (i32.eq (local.get $line) (i32.const 70)) (then (call $metric_increment (global.get $pwc_metric_26))))
    (if (i32.eq (local.get $line) (i32.const 72)) (then (call $metric_increment (global.get $pwc_metric_27))))
    (if (i32.eq (local.get $line) (i32.const 73)) (then (call $metric_increment (global.get $pwc_metric_28))))
    (if (i32.eq (local.get $line) (i32.const 78)) (then (call $metric_increment (global.get $pwc_metric_29))))
    (if (i32.eq (local.get $line) (i32.const 79)) (then (call $metric_increment (global.get $pwc_metric_30))))
    (if (i32.eq (local.get $line) (i32.const 80)) (then (call $metric_increment (global.get $pwc_metric_31))))
    (if (i32.eq (local.get $line) (i32.const 81)) (then (call $metric_increment (global.get $pwc_metric_32))))
    (if (i32.eq (local.get $line) (i32.const 82)) (then (call $metric_increment (global.get $pwc_metric_33))))
    (if (i32.eq (local.get $line) (i32.const 83)) (then (call $metric_increment (global.get $pwc_metric_34))))
    (if (i32.eq (local.get $line) (i32.const 87)) (then (call $metric_increment (global.get $pwc_metric_35))))
    (if (i32.eq (local.get $line) (i32.const 89)) (then (call $metric_increment (global.get $pwc_metric_36))))
    (if (i32.eq (local.get $line) (i32.const 93)) (then (call $metric_increment (global.get $pwc_metric_37))))
    (if (i32.eq (local.get $line) (i32.const 105)) (then (call $metric_increment (global.get $pwc_metric_38))))
    (if (i32.eq (local.get $line) (i32.const 106)) (then (call $metric_increment (global.get $pwc_metric_39))))
    (if (i32.eq (local.get $line) (i32.const 107)) (then (call $metric_increment (global.get $pwc_metric_40))))
    (if (i32.eq (local.get $line) (i32.const 108)) (then (call $metric_increment (global.get $pwc_metric_41))))
    (if (i32.eq (local.get $line) (i32.const 109)) (then (call $metric_increment (global.get $pwc_metric_42))))
    (if (i32.eq (local.get $line) (i32.const 110)) (then (call $metric_increment (global.get $pwc_metric_43))))
    (if (i32.eq (local.get $line) (i32.const 115)) (then (call $metric_increment (global.get $pwc_metric_44))))
    (if (i32.eq (local.get $line) (i32.const 117)) (then (call $metric_increment (global.get $pwc_metric_45))))
    (if (i32.eq (local.get $line) (i32.const 118)) (then (call $metric_increment (global.get $pwc_metric_46))))
    (if (i32.eq (local.get $line) (i32.const 121)) (then (call $metric_increment (global.get $pwc_metric_47))))
    (if (i32.eq (local.get $line) (i32.const 122)) (then (call $metric_increment (global.get $pwc_metric_48))))
    (if (i32.eq (local.get $line) (i32.const 123)) (then (call $metric_increment (global.get $pwc_metric_49))))
    (if (i32.eq (local.get $line) (i32.const 125)) (then (call $metric_increment (global.get $pwc_metric_50))))
    (if (i32.eq (local.get $line) (i32.const 127)) (then (call $metric_increment (global.get $pwc_metric_51))))
    (if (i32.eq (local.get $line) (i32.const 129)) (then (call $metric_increment (global.get $pwc_metric_52))))
    (if (i32.eq (local.get $line) (i32.const 131)) (then (call $metric_increment (global.get $pwc_metric_53))))
    (if (i32.eq (local.get $line) (i32.const 132)) (then (call $metric_increment (global.get $pwc_metric_54))))
    (if (i32.eq (local.get $line) (i32.const 133)) (then (call $metric_increment (global.get $pwc_metric_55))))
    (if (i32.eq (local.get $line) (i32.const 134)) (then (call $metric_increment (global.get $pwc_metric_56))))
    (if (i32.eq (local.get $line) (i32.const 137)) (then (call $metric_increment (global.get $pwc_metric_57))))
    (if (i32.eq (local.get $line) (i32.const 139)) (then (call $metric_increment (global.get $pwc_metric_58))))
    (if (i32.eq (local.get $line) (i32.const 151)) (then (call $metric_increment (global.get $pwc_metric_59))))
    (if (i32.eq (local.get $line) (i32.const 152)) (then (call $metric_increment (global.get $pwc_metric_60))))
    (if (i32.eq (local.get $line) (i32.const 153)) (then (call $metric_increment (global.get $pwc_metric_61))))
    (if (i32.eq (local.get $line) (i32.const 154)) (then (call $metric_increment (global.get $pwc_metric_62))))
    (if (i32.eq (local.get $line) (i32.const 155)) (then (call $metric_increment (global.get $pwc_metric_63))))
    (if (i32.eq (local.get $line) (i32.const 156)) (then (call $metric_increment (global.get $pwc_metric_64))))
    (if (i32.eq (local.get $line) (i32.const 157)) (then (call $metric_increment (global.get $pwc_metric_65))))
    (if (i32.eq (local.get $line) (i32.const 159)) (then (call $metric_increment (global.get $pwc_metric_66))))
    (if (i32.eq (local.get $line) (i32.const 161)) (then (call $metric_increment (global.get $pwc_metric_67))))
    (if (i32.eq (local.get $line) (i32.const 162)) (then (call $metric_increment (global.get $pwc_metric_68))))
    (if (i32.eq (local.get $line) (i32.const 163)) (then (call $metric_increment (global.get $pwc_metric_69))))
    (if (i32.eq (local.get $line) (i32.const 165)) (then (call $metric_increment (global.get $pwc_metric_70))))
    (if (i32.eq (local.get $line) (i32.const 166)) (then (call $metric_increment (global.get $pwc_metric_71))))
    (if (i32.eq (local.get $line) (i32.const 169)) (then (call $metric_increment (global.get $pwc_metric_72))))
  )
  (func $re0_extract (param $s i64) (result i64)
    (local $p i32) (local $len i32) (local $ws i32) (local $a i32) (local $b i32)
    (local.set $p (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 32))))
    (local.set $len (i32.wrap_i64 (local.get $s)))
    (local.set $ws (call $alloc (i32.const 200)))
    (if (i32.eqz (local.get $ws)) (then (return (i64.const 0))))
    (memory.fill (local.get $ws) (i32.const 0) (i32.const 40))
    (if (i32.eqz (call $re0_extract__search (local.get $p) (local.get $len) (i32.const 0) (local.get $ws))) (then (return (i64.const 0))))
    (local.set $a (i32.load offset=16 (local.get $ws)))
    (local.set $b (i32.load offset=20 (local.get $ws)))
    (if (i32.lt_s (local.get $a) (i32.const 0)) (then (return (i64.const 0))))
    (select (i64.const 0) (i64.or (i64.shl (i64.extend_i32_u (i32.add (local.get $p) (local.get $a))) (i64.const 32)) (i64.extend_i32_u (i32.sub (local.get $b) (local.get $a)))) (i32.eq (local.get $a) (local.get $b)))
  )
  (func $re0_extract__search (param $p i32) (param $len i32) (param $pos i32) (param $ws i32) (result i32)
    (local $matched i32)
    (local $marks i32) (local $cl i32) (local $nl i32) (local $ccount i32) (local $ncount i32) (local $stamp i32) (local $nstamp i32) (local $c i32) (local $ctx i32) (local $nctx i32) (local $npos i32) (local $i i32) (local $t i32) (local $tc i32) (local $dst i32) (local $tmp i32) (local $w i64)
    (local.set $marks (i32.add (local.get $ws) (i32.const 24)))
    (local.set $cl (i32.add (local.get $ws) (i32.const 40)))
    (local.set $nl (i32.add (local.get $ws) (i32.const 120)))
    (local.set $stamp (i32.add (i32.load (local.get $ws)) (i32.const 1)))
    (local.set $ccount (i32.const 0))
    (local.set $ctx (i32.or (i32.eqz (local.get $pos)) (i32.shl (i32.eq (local.get $pos) (local.get $len)) (i32.const 1))))
    (block $done
      (loop $step
        (local.set $nstamp (i32.add (local.get $stamp) (i32.const 1)))
        (local.set $c (if (result i32) (i32.lt_u (local.get $pos) (local.get $len)) (then (i32.load8_u (i32.add (local.get $p) (local.get $pos)))) (else (i32.const 256))))
        (if (i32.eqz (local.get $matched))
          (then
            (if (i32.and (local.get $ctx) (i32.const 1))
              (then
                (if (i32.ne (i32.load offset=12 (local.get $marks)) (local.get $stamp))
                  (then
                  (i32.store offset=12 (local.get $marks) (local.get $stamp))
                  (i32.store (i32.add (local.get $cl) (i32.shl (local.get $ccount) (i32.const 2))) (i32.const 3))
                  (local.set $dst (i32.add (i32.add (local.get $cl) (i32.const 16)) (i32.mul (local.get $ccount) (i32.const 16))))
                  (i32.store offset=0 (local.get $dst) (local.get $pos))
                  (i32.store offset=4 (local.get $dst) (i32.const -1))
                  (i32.store offset=8 (local.get $dst) (local.get $pos))
                  (i32.store offset=12 (local.get $dst) (i32.const -1))
                  (local.set $ccount (i32.add (local.get $ccount) (i32.const 1)))
                  )
                )
              )
              (else
              )
            )
          )
        )
        (br_if $done (i32.and (i32.eqz (local.get $ccount)) (i32.or (i32.or (local.get $matched) (i32.ge_u (local.get $pos) (local.get $len))) (i32.ne (local.get $pos) (i32.const 0)))))
        (local.set $npos (i32.add (local.get $pos) (i32.const 1)))
        (local.set $nctx (if (result i32) (i32.lt_u (local.get $pos) (local.get $len)) (then (i32.or (i32.eqz (local.get $npos)) (i32.shl (i32.eq (local.get $npos) (local.get $len)) (i32.const 1)))) (else (i32.const 0))))
        (local.set $ncount (i32.const 0))
        (local.set $i (i32.const 0))
        (block $cut
          (loop $threads
            (br_if $cut (i32.ge_u (local.get $i) (local.get $ccount)))
            (local.set $t (i32.load (i32.add (local.get $cl) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $tc (i32.add (i32.add (local.get $cl) (i32.const 16)) (i32.mul (local.get $i) (i32.const 16))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (block $next
              (block $t3
                (block $t2
                  (block $t1
                  (block $t0
                  (br_table $t0 $t1 $t2 $t3 (local.get $t))
                  )
                  (local.set $matched (i32.const 1))
                  (i64.store offset=8 (local.get $ws) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=16 (local.get $ws) (i64.load offset=8 (local.get $tc)))
                  (br $cut)
                  (br $next)
                  )
                  (if (i32.eq (local.get $c) (i32.const 58))
                  (then
                  (if (i32.ne (i32.load offset=0 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=0 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 0))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 16)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i32.store offset=0 (local.get $dst) (i32.load offset=0 (local.get $tc)))
                  (i32.store offset=4 (local.get $dst) (local.get $npos))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                )
                (if (i32.wrap_i64 (i64.and (i64.shr_u (select (i64.const 288063250384289792) (select (i64.const 576460743847706622) (select (i64.const 0) (select (i64.const 0) (i64.const 0) (i32.eq (i32.shr_u (local.get $c) (i32.const 6)) (i32.const 3))) (i32.eq (i32.shr_u (local.get $c) (i32.const 6)) (i32.const 2))) (i32.eq (i32.shr_u (local.get $c) (i32.const 6)) (i32.const 1))) (i32.eqz (i32.shr_u (local.get $c) (i32.const 6)))) (i64.extend_i32_u (local.get $c))) (i64.const 1)))
                  (then
                  (if (i32.ne (i32.load offset=8 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=8 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 2))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 16)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=4 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=4 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 1))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 16)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i32.store offset=8 (local.get $dst) (i32.load offset=8 (local.get $tc)))
                  (i32.store offset=12 (local.get $dst) (local.get $npos))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                )
                (br $next)
              )
              (if (i32.or (i32.le_u (i32.sub (local.get $c) (i32.const 65)) (i32.const 25)) (i32.le_u (i32.sub (local.get $c) (i32.const 97)) (i32.const 25)))
                (then
                  (if (i32.ne (i32.load offset=8 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=8 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 2))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 16)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=4 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=4 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 1))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 16)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i32.store offset=8 (local.get $dst) (i32.load offset=8 (local.get $tc)))
                  (i32.store offset=12 (local.get $dst) (local.get $npos))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                )
              )
            )
            (br $threads)
          )
        )
        (local.set $tmp (local.get $cl))
        (local.set $cl (local.get $nl))
        (local.set $nl (local.get $tmp))
        (local.set $ccount (local.get $ncount))
        (local.set $stamp (local.get $nstamp))
        (br_if $done (i32.ge_u (local.get $pos) (local.get $len)))
        (local.set $pos (local.get $npos))
        (local.set $ctx (local.get $nctx))
        (br $step)
      )
    )
    (i32.store (local.get $ws) (i32.add (local.get $stamp) (i32.const 1)))
    (local.get $matched)
  )

  (func $re1_extract (param $s i64) (result i64)
    (local $p i32) (local $len i32) (local $ws i32) (local $a i32) (local $b i32)
    (local.set $p (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 32))))
    (local.set $len (i32.wrap_i64 (local.get $s)))
    (local.set $ws (call $alloc (i32.const 960)))
    (if (i32.eqz (local.get $ws)) (then (return (i64.const 0))))
    (memory.fill (local.get $ws) (i32.const 0) (i32.const 112))
    (if (i32.eqz (call $re1_extract__search (local.get $p) (local.get $len) (i32.const 0) (local.get $ws))) (then (return (i64.const 0))))
    (local.set $a (i32.load offset=16 (local.get $ws)))
    (local.set $b (i32.load offset=20 (local.get $ws)))
    (if (i32.lt_s (local.get $a) (i32.const 0)) (then (return (i64.const 0))))
    (select (i64.const 0) (i64.or (i64.shl (i64.extend_i32_u (i32.add (local.get $p) (local.get $a))) (i64.const 32)) (i64.extend_i32_u (i32.sub (local.get $b) (local.get $a)))) (i32.eq (local.get $a) (local.get $b)))
  )
  (func $re1_extract__search (param $p i32) (param $len i32) (param $pos i32) (param $ws i32) (result i32)
    (local $matched i32)
    (local $marks i32) (local $cl i32) (local $nl i32) (local $ccount i32) (local $ncount i32) (local $stamp i32) (local $nstamp i32) (local $c i32) (local $ctx i32) (local $nctx i32) (local $npos i32) (local $i i32) (local $t i32) (local $tc i32) (local $dst i32) (local $tmp i32) (local $w i64)
    (local.set $marks (i32.add (local.get $ws) (i32.const 24)))
    (local.set $cl (i32.add (local.get $ws) (i32.const 112)))
    (local.set $nl (i32.add (local.get $ws) (i32.const 536)))
    (local.set $stamp (i32.add (i32.load (local.get $ws)) (i32.const 1)))
    (local.set $ccount (i32.const 0))
    (local.set $ctx (i32.or (i32.eqz (local.get $pos)) (i32.shl (i32.eq (local.get $pos) (local.get $len)) (i32.const 1))))
    (block $done
      (loop $step
        (local.set $nstamp (i32.add (local.get $stamp) (i32.const 1)))
        (local.set $c (if (result i32) (i32.lt_u (local.get $pos) (local.get $len)) (then (i32.load8_u (i32.add (local.get $p) (local.get $pos)))) (else (i32.const 256))))
        (if (i32.eqz (local.get $matched))
          (then
            (if (i32.and (local.get $ctx) (i32.const 1))
              (then
                (if (i32.ne (i32.load offset=80 (local.get $marks)) (local.get $stamp))
                  (then
                  (i32.store offset=80 (local.get $marks) (local.get $stamp))
                  (i32.store (i32.add (local.get $cl) (i32.shl (local.get $ccount) (i32.const 2))) (i32.const 20))
                  (local.set $dst (i32.add (i32.add (local.get $cl) (i32.const 88)) (i32.mul (local.get $ccount) (i32.const 16))))
                  (i32.store offset=0 (local.get $dst) (local.get $pos))
                  (i32.store offset=4 (local.get $dst) (i32.const -1))
                  (i32.store offset=8 (local.get $dst) (i32.const -1))
                  (i32.store offset=12 (local.get $dst) (i32.const -1))
                  (local.set $ccount (i32.add (local.get $ccount) (i32.const 1)))
                  )
                )
              )
              (else
              )
            )
          )
        )
        (br_if $done (i32.and (i32.eqz (local.get $ccount)) (i32.or (i32.or (local.get $matched) (i32.ge_u (local.get $pos) (local.get $len))) (i32.ne (local.get $pos) (i32.const 0)))))
        (local.set $npos (i32.add (local.get $pos) (i32.const 1)))
        (local.set $nctx (if (result i32) (i32.lt_u (local.get $pos) (local.get $len)) (then (i32.or (i32.eqz (local.get $npos)) (i32.shl (i32.eq (local.get $npos) (local.get $len)) (i32.const 1)))) (else (i32.const 0))))
        (local.set $ncount (i32.const 0))
        (local.set $i (i32.const 0))
        (block $cut
          (loop $threads
            (br_if $cut (i32.ge_u (local.get $i) (local.get $ccount)))
            (local.set $t (i32.load (i32.add (local.get $cl) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $tc (i32.add (i32.add (local.get $cl) (i32.const 88)) (i32.mul (local.get $i) (i32.const 16))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (block $next
              (block $t20
                (block $t19
                  (block $t18
                  (block $t17
                  (block $t16
                  (block $t15
                  (block $t14
                  (block $t13
                  (block $t12
                  (block $t11
                  (block $t10
                  (block $t9
                  (block $t8
                  (block $t7
                  (block $t6
                  (block $t5
                  (block $t4
                  (block $t3
                  (block $t2
                  (block $t1
                  (block $t0
                  (br_table $t0 $t1 $t2 $t3 $t4 $t5 $t6 $t7 $t8 $t9 $t10 $t11 $t12 $t13 $t14 $t15 $t16 $t17 $t18 $t19 $t20 (local.get $t))
                  )
                  (local.set $matched (i32.const 1))
                  (i64.store offset=8 (local.get $ws) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=16 (local.get $ws) (i64.load offset=8 (local.get $tc)))
                  (br $cut)
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=28 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=28 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 7))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=0 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=0 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 0))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i32.store offset=0 (local.get $dst) (i32.load offset=0 (local.get $tc)))
                  (i32.store offset=4 (local.get $dst) (local.get $npos))
                  (i32.store offset=8 (local.get $dst) (i32.load offset=8 (local.get $tc)))
                  (i32.store offset=12 (local.get $dst) (local.get $npos))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=28 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=28 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 7))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=0 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=0 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 0))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i32.store offset=0 (local.get $dst) (i32.load offset=0 (local.get $tc)))
                  (i32.store offset=4 (local.get $dst) (local.get $npos))
                  (i32.store offset=8 (local.get $dst) (i32.load offset=8 (local.get $tc)))
                  (i32.store offset=12 (local.get $dst) (local.get $npos))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=8 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=8 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 2))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=28 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=28 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 7))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=0 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=0 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 0))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i32.store offset=0 (local.get $dst) (i32.load offset=0 (local.get $tc)))
                  (i32.store offset=4 (local.get $dst) (local.get $npos))
                  (i32.store offset=8 (local.get $dst) (i32.load offset=8 (local.get $tc)))
                  (i32.store offset=12 (local.get $dst) (local.get $npos))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=16 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=16 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 4))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=20 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=20 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 5))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.wrap_i64 (i64.and (i64.shr_u (select (i64.const 9223231265006682111) (select (i64.const -1) (select (i64.const 0) (select (i64.const 0) (i64.const 0) (i32.eq (i32.shr_u (local.get $c) (i32.const 6)) (i32.const 3))) (i32.eq (i32.shr_u (local.get $c) (i32.const 6)) (i32.const 2))) (i32.eq (i32.shr_u (local.get $c) (i32.const 6)) (i32.const 1))) (i32.eqz (i32.shr_u (local.get $c) (i32.const 6)))) (i64.extend_i32_u (local.get $c))) (i64.const 1)))
                  (then
                  (if (i32.ne (i32.load offset=28 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=28 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 7))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=0 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=0 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 0))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i32.store offset=0 (local.get $dst) (i32.load offset=0 (local.get $tc)))
                  (i32.store offset=4 (local.get $dst) (local.get $npos))
                  (i32.store offset=8 (local.get $dst) (i32.load offset=8 (local.get $tc)))
                  (i32.store offset=12 (local.get $dst) (local.get $npos))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (br $next)
                  )
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 194)) (i32.const 29))
                  (then
                  (if (i32.ne (i32.load offset=4 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=4 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 1))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (br $next)
                  )
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 224)) (i32.const 15))
                  (then
                  (if (i32.ne (i32.load offset=12 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=12 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 3))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (br $next)
                  )
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 240)) (i32.const 4))
                  (then
                  (if (i32.ne (i32.load offset=24 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=24 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 6))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.eq (local.get $c) (i32.const 64))
                  (then
                  (if (i32.ne (i32.load offset=28 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=28 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 7))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i32.store offset=8 (local.get $dst) (local.get $npos))
                  (i32.store offset=12 (local.get $dst) (i32.load offset=12 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=0 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=0 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 0))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i32.store offset=0 (local.get $dst) (i32.load offset=0 (local.get $tc)))
                  (i32.store offset=4 (local.get $dst) (local.get $npos))
                  (i32.store offset=8 (local.get $dst) (local.get $npos))
                  (i32.store offset=12 (local.get $dst) (local.get $npos))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=60 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=60 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 15))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=32 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=32 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 8))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=60 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=60 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 15))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=32 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=32 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 8))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=40 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=40 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 10))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=60 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=60 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 15))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=32 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=32 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 8))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=48 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=48 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 12))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=52 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=52 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 13))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.wrap_i64 (i64.and (i64.shr_u (select (i64.const 9223231265006682111) (select (i64.const -2) (select (i64.const 0) (select (i64.const 0) (i64.const 0) (i32.eq (i32.shr_u (local.get $c) (i32.const 6)) (i32.const 3))) (i32.eq (i32.shr_u (local.get $c) (i32.const 6)) (i32.const 2))) (i32.eq (i32.shr_u (local.get $c) (i32.const 6)) (i32.const 1))) (i32.eqz (i32.shr_u (local.get $c) (i32.const 6)))) (i64.extend_i32_u (local.get $c))) (i64.const 1)))
                  (then
                  (if (i32.ne (i32.load offset=60 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=60 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 15))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=32 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=32 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 8))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (br $next)
                  )
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 194)) (i32.const 29))
                  (then
                  (if (i32.ne (i32.load offset=36 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=36 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 9))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (br $next)
                  )
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 224)) (i32.const 15))
                  (then
                  (if (i32.ne (i32.load offset=44 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=44 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 11))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (br $next)
                  )
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 240)) (i32.const 4))
                  (then
                  (if (i32.ne (i32.load offset=56 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=56 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 14))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.eq (local.get $c) (i32.const 47))
                  (then
                  (if (i32.ne (i32.load offset=60 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=60 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 15))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=32 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=32 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 8))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=28 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=28 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 7))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i32.store offset=8 (local.get $dst) (local.get $npos))
                  (i32.store offset=12 (local.get $dst) (i32.load offset=12 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=0 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=0 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 0))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i32.store offset=0 (local.get $dst) (i32.load offset=0 (local.get $tc)))
                  (i32.store offset=4 (local.get $dst) (local.get $npos))
                  (i32.store offset=8 (local.get $dst) (local.get $npos))
                  (i32.store offset=12 (local.get $dst) (local.get $npos))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.eq (local.get $c) (i32.const 47))
                  (then
                  (if (i32.ne (i32.load offset=64 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=64 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 16))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.eq (local.get $c) (i32.const 58))
                  (then
                  (if (i32.ne (i32.load offset=68 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=68 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 17))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                )
                (if (i32.wrap_i64 (i64.and (i64.shr_u (select (i64.const 288063250384289792) (select (i64.const 576460743847706622) (select (i64.const 0) (select (i64.const 0) (i64.const 0) (i32.eq (i32.shr_u (local.get $c) (i32.const 6)) (i32.const 3))) (i32.eq (i32.shr_u (local.get $c) (i32.const 6)) (i32.const 2))) (i32.eq (i32.shr_u (local.get $c) (i32.const 6)) (i32.const 1))) (i32.eqz (i32.shr_u (local.get $c) (i32.const 6)))) (i64.extend_i32_u (local.get $c))) (i64.const 1)))
                  (then
                  (if (i32.ne (i32.load offset=76 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=76 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 19))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=72 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=72 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 18))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                )
                (br $next)
              )
              (if (i32.or (i32.le_u (i32.sub (local.get $c) (i32.const 65)) (i32.const 25)) (i32.le_u (i32.sub (local.get $c) (i32.const 97)) (i32.const 25)))
                (then
                  (if (i32.ne (i32.load offset=76 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=76 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 19))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=72 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=72 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 18))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 88)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                )
              )
            )
            (br $threads)
          )
        )
        (local.set $tmp (local.get $cl))
        (local.set $cl (local.get $nl))
        (local.set $nl (local.get $tmp))
        (local.set $ccount (local.get $ncount))
        (local.set $stamp (local.get $nstamp))
        (br_if $done (i32.ge_u (local.get $pos) (local.get $len)))
        (local.set $pos (local.get $npos))
        (local.set $ctx (local.get $nctx))
        (br $step)
      )
    )
    (i32.store (local.get $ws) (i32.add (local.get $stamp) (i32.const 1)))
    (local.get $matched)
  )

  (func $re2_extract (param $s i64) (result i64)
    (local $p i32) (local $len i32) (local $ws i32) (local $a i32) (local $b i32)
    (local.set $p (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 32))))
    (local.set $len (i32.wrap_i64 (local.get $s)))
    (local.set $ws (call $alloc (i32.const 696)))
    (if (i32.eqz (local.get $ws)) (then (return (i64.const 0))))
    (memory.fill (local.get $ws) (i32.const 0) (i32.const 88))
    (if (i32.eqz (call $re2_extract__search (local.get $p) (local.get $len) (i32.const 0) (local.get $ws))) (then (return (i64.const 0))))
    (local.set $a (i32.load offset=16 (local.get $ws)))
    (local.set $b (i32.load offset=20 (local.get $ws)))
    (if (i32.lt_s (local.get $a) (i32.const 0)) (then (return (i64.const 0))))
    (select (i64.const 0) (i64.or (i64.shl (i64.extend_i32_u (i32.add (local.get $p) (local.get $a))) (i64.const 32)) (i64.extend_i32_u (i32.sub (local.get $b) (local.get $a)))) (i32.eq (local.get $a) (local.get $b)))
  )
  (func $re2_extract__search (param $p i32) (param $len i32) (param $pos i32) (param $ws i32) (result i32)
    (local $matched i32)
    (local $marks i32) (local $cl i32) (local $nl i32) (local $ccount i32) (local $ncount i32) (local $stamp i32) (local $nstamp i32) (local $c i32) (local $ctx i32) (local $nctx i32) (local $npos i32) (local $i i32) (local $t i32) (local $tc i32) (local $dst i32) (local $tmp i32) (local $w i64)
    (local.set $marks (i32.add (local.get $ws) (i32.const 24)))
    (local.set $cl (i32.add (local.get $ws) (i32.const 88)))
    (local.set $nl (i32.add (local.get $ws) (i32.const 392)))
    (local.set $stamp (i32.add (i32.load (local.get $ws)) (i32.const 1)))
    (local.set $ccount (i32.const 0))
    (local.set $ctx (i32.or (i32.eqz (local.get $pos)) (i32.shl (i32.eq (local.get $pos) (local.get $len)) (i32.const 1))))
    (block $done
      (loop $step
        (local.set $nstamp (i32.add (local.get $stamp) (i32.const 1)))
        (local.set $c (if (result i32) (i32.lt_u (local.get $pos) (local.get $len)) (then (i32.load8_u (i32.add (local.get $p) (local.get $pos)))) (else (i32.const 256))))
        (if (i32.eqz (local.get $matched))
          (then
            (if (i32.and (local.get $ctx) (i32.const 1))
              (then
                (if (i32.ne (i32.load offset=56 (local.get $marks)) (local.get $stamp))
                  (then
                  (i32.store offset=56 (local.get $marks) (local.get $stamp))
                  (i32.store (i32.add (local.get $cl) (i32.shl (local.get $ccount) (i32.const 2))) (i32.const 14))
                  (local.set $dst (i32.add (i32.add (local.get $cl) (i32.const 64)) (i32.mul (local.get $ccount) (i32.const 16))))
                  (i32.store offset=0 (local.get $dst) (local.get $pos))
                  (i32.store offset=4 (local.get $dst) (i32.const -1))
                  (i32.store offset=8 (local.get $dst) (i32.const -1))
                  (i32.store offset=12 (local.get $dst) (i32.const -1))
                  (local.set $ccount (i32.add (local.get $ccount) (i32.const 1)))
                  )
                )
                (if (i32.ne (i32.load offset=28 (local.get $marks)) (local.get $stamp))
                  (then
                  (i32.store offset=28 (local.get $marks) (local.get $stamp))
                  (i32.store (i32.add (local.get $cl) (i32.shl (local.get $ccount) (i32.const 2))) (i32.const 7))
                  (local.set $dst (i32.add (i32.add (local.get $cl) (i32.const 64)) (i32.mul (local.get $ccount) (i32.const 16))))
                  (i32.store offset=0 (local.get $dst) (local.get $pos))
                  (i32.store offset=4 (local.get $dst) (i32.const -1))
                  (i32.store offset=8 (local.get $dst) (i32.const -1))
                  (i32.store offset=12 (local.get $dst) (i32.const -1))
                  (local.set $ccount (i32.add (local.get $ccount) (i32.const 1)))
                  )
                )
              )
              (else
              )
            )
          )
        )
        (br_if $done (i32.and (i32.eqz (local.get $ccount)) (i32.or (i32.or (local.get $matched) (i32.ge_u (local.get $pos) (local.get $len))) (i32.ne (local.get $pos) (i32.const 0)))))
        (local.set $npos (i32.add (local.get $pos) (i32.const 1)))
        (local.set $nctx (if (result i32) (i32.lt_u (local.get $pos) (local.get $len)) (then (i32.or (i32.eqz (local.get $npos)) (i32.shl (i32.eq (local.get $npos) (local.get $len)) (i32.const 1)))) (else (i32.const 0))))
        (local.set $ncount (i32.const 0))
        (local.set $i (i32.const 0))
        (block $cut
          (loop $threads
            (br_if $cut (i32.ge_u (local.get $i) (local.get $ccount)))
            (local.set $t (i32.load (i32.add (local.get $cl) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $tc (i32.add (i32.add (local.get $cl) (i32.const 64)) (i32.mul (local.get $i) (i32.const 16))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (block $next
              (block $t14
                (block $t13
                  (block $t12
                  (block $t11
                  (block $t10
                  (block $t9
                  (block $t8
                  (block $t7
                  (block $t6
                  (block $t5
                  (block $t4
                  (block $t3
                  (block $t2
                  (block $t1
                  (block $t0
                  (br_table $t0 $t1 $t2 $t3 $t4 $t5 $t6 $t7 $t8 $t9 $t10 $t11 $t12 $t13 $t14 (local.get $t))
                  )
                  (local.set $matched (i32.const 1))
                  (i64.store offset=8 (local.get $ws) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=16 (local.get $ws) (i64.load offset=8 (local.get $tc)))
                  (br $cut)
                  (br $next)
                  )
                  (if (i32.eq (local.get $c) (i32.const 93))
                  (then
                  (if (i32.ne (i32.load offset=0 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=0 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 0))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i32.store offset=0 (local.get $dst) (i32.load offset=0 (local.get $tc)))
                  (i32.store offset=4 (local.get $dst) (local.get $npos))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.eq (local.get $c) (i32.const 42))
                  (then
                  (if (i32.ne (i32.load offset=4 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=4 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 1))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i32.store offset=8 (local.get $dst) (i32.load offset=8 (local.get $tc)))
                  (i32.store offset=12 (local.get $dst) (local.get $npos))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 9))
                  (then
                  (if (i32.ne (i32.load offset=12 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=12 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 3))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=16 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=16 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 4))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=4 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=4 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 1))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i32.store offset=8 (local.get $dst) (i32.load offset=8 (local.get $tc)))
                  (i32.store offset=12 (local.get $dst) (local.get $npos))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.eq (local.get $c) (i32.const 44))
                  (then
                  (if (i32.ne (i32.load offset=12 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=12 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 3))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 9))
                  (then
                  (if (i32.ne (i32.load offset=20 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=20 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 5))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=16 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=16 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 4))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=4 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=4 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 1))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i32.store offset=8 (local.get $dst) (i32.load offset=8 (local.get $tc)))
                  (i32.store offset=12 (local.get $dst) (local.get $npos))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.eq (local.get $c) (i32.const 91))
                  (then
                  (if (i32.ne (i32.load offset=8 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=8 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 2))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i32.store offset=8 (local.get $dst) (local.get $npos))
                  (i32.store offset=12 (local.get $dst) (i32.load offset=12 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=20 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=20 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 5))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i32.store offset=8 (local.get $dst) (local.get $npos))
                  (i32.store offset=12 (local.get $dst) (i32.load offset=12 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.eq (local.get $c) (i32.const 58))
                  (then
                  (if (i32.ne (i32.load offset=24 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=24 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 6))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=56 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=56 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 14))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=28 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=28 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 7))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=56 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=56 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 14))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=28 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=28 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 7))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=36 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=36 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 9))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=56 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=56 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 14))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=28 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=28 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 7))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=44 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=44 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 11))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                )
                (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=48 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=48 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 12))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                )
                (br $next)
              )
              (if (i32.or (i32.le_u (local.get $c) (i32.const 9)) (i32.le_u (i32.sub (local.get $c) (i32.const 11)) (i32.const 116)))
                (then
                  (if (i32.ne (i32.load offset=56 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=56 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 14))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=28 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=28 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 7))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (br $next)
                )
              )
              (if (i32.le_u (i32.sub (local.get $c) (i32.const 194)) (i32.const 29))
                (then
                  (if (i32.ne (i32.load offset=32 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=32 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 8))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (br $next)
                )
              )
              (if (i32.le_u (i32.sub (local.get $c) (i32.const 224)) (i32.const 15))
                (then
                  (if (i32.ne (i32.load offset=40 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=40 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 10))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (br $next)
                )
              )
              (if (i32.le_u (i32.sub (local.get $c) (i32.const 240)) (i32.const 4))
                (then
                  (if (i32.ne (i32.load offset=52 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=52 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 13))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                )
              )
            )
            (br $threads)
          )
        )
        (local.set $tmp (local.get $cl))
        (local.set $cl (local.get $nl))
        (local.set $nl (local.get $tmp))
        (local.set $ccount (local.get $ncount))
        (local.set $stamp (local.get $nstamp))
        (br_if $done (i32.ge_u (local.get $pos) (local.get $len)))
        (local.set $pos (local.get $npos))
        (local.set $ctx (local.get $nctx))
        (br $step)
      )
    )
    (i32.store (local.get $ws) (i32.add (local.get $stamp) (i32.const 1)))
    (local.get $matched)
  )

  (func $re3_extract (param $s i64) (result i64)
    (local $p i32) (local $len i32) (local $ws i32) (local $a i32) (local $b i32)
    (local.set $p (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 32))))
    (local.set $len (i32.wrap_i64 (local.get $s)))
    (local.set $ws (call $alloc (i32.const 696)))
    (if (i32.eqz (local.get $ws)) (then (return (i64.const 0))))
    (memory.fill (local.get $ws) (i32.const 0) (i32.const 88))
    (if (i32.eqz (call $re3_extract__search (local.get $p) (local.get $len) (i32.const 0) (local.get $ws))) (then (return (i64.const 0))))
    (local.set $a (i32.load offset=16 (local.get $ws)))
    (local.set $b (i32.load offset=20 (local.get $ws)))
    (if (i32.lt_s (local.get $a) (i32.const 0)) (then (return (i64.const 0))))
    (select (i64.const 0) (i64.or (i64.shl (i64.extend_i32_u (i32.add (local.get $p) (local.get $a))) (i64.const 32)) (i64.extend_i32_u (i32.sub (local.get $b) (local.get $a)))) (i32.eq (local.get $a) (local.get $b)))
  )
  (func $re3_extract__search (param $p i32) (param $len i32) (param $pos i32) (param $ws i32) (result i32)
    (local $matched i32)
    (local $marks i32) (local $cl i32) (local $nl i32) (local $ccount i32) (local $ncount i32) (local $stamp i32) (local $nstamp i32) (local $c i32) (local $ctx i32) (local $nctx i32) (local $npos i32) (local $i i32) (local $t i32) (local $tc i32) (local $dst i32) (local $tmp i32) (local $w i64)
    (local.set $marks (i32.add (local.get $ws) (i32.const 24)))
    (local.set $cl (i32.add (local.get $ws) (i32.const 88)))
    (local.set $nl (i32.add (local.get $ws) (i32.const 392)))
    (local.set $stamp (i32.add (i32.load (local.get $ws)) (i32.const 1)))
    (local.set $ccount (i32.const 0))
    (local.set $ctx (i32.or (i32.eqz (local.get $pos)) (i32.shl (i32.eq (local.get $pos) (local.get $len)) (i32.const 1))))
    (block $done
      (loop $step
        (local.set $nstamp (i32.add (local.get $stamp) (i32.const 1)))
        (local.set $c (if (result i32) (i32.lt_u (local.get $pos) (local.get $len)) (then (i32.load8_u (i32.add (local.get $p) (local.get $pos)))) (else (i32.const 256))))
        (if (i32.eqz (local.get $matched))
          (then
            (if (i32.and (local.get $ctx) (i32.const 1))
              (then
                (if (i32.ne (i32.load offset=56 (local.get $marks)) (local.get $stamp))
                  (then
                  (i32.store offset=56 (local.get $marks) (local.get $stamp))
                  (i32.store (i32.add (local.get $cl) (i32.shl (local.get $ccount) (i32.const 2))) (i32.const 14))
                  (local.set $dst (i32.add (i32.add (local.get $cl) (i32.const 64)) (i32.mul (local.get $ccount) (i32.const 16))))
                  (i32.store offset=0 (local.get $dst) (local.get $pos))
                  (i32.store offset=4 (local.get $dst) (i32.const -1))
                  (i32.store offset=8 (local.get $dst) (local.get $pos))
                  (i32.store offset=12 (local.get $dst) (i32.const -1))
                  (local.set $ccount (i32.add (local.get $ccount) (i32.const 1)))
                  )
                )
                (if (i32.ne (i32.load offset=28 (local.get $marks)) (local.get $stamp))
                  (then
                  (i32.store offset=28 (local.get $marks) (local.get $stamp))
                  (i32.store (i32.add (local.get $cl) (i32.shl (local.get $ccount) (i32.const 2))) (i32.const 7))
                  (local.set $dst (i32.add (i32.add (local.get $cl) (i32.const 64)) (i32.mul (local.get $ccount) (i32.const 16))))
                  (i32.store offset=0 (local.get $dst) (local.get $pos))
                  (i32.store offset=4 (local.get $dst) (i32.const -1))
                  (i32.store offset=8 (local.get $dst) (local.get $pos))
                  (i32.store offset=12 (local.get $dst) (local.get $pos))
                  (local.set $ccount (i32.add (local.get $ccount) (i32.const 1)))
                  )
                )
              )
              (else
              )
            )
          )
        )
        (br_if $done (i32.and (i32.eqz (local.get $ccount)) (i32.or (i32.or (local.get $matched) (i32.ge_u (local.get $pos) (local.get $len))) (i32.ne (local.get $pos) (i32.const 0)))))
        (local.set $npos (i32.add (local.get $pos) (i32.const 1)))
        (local.set $nctx (if (result i32) (i32.lt_u (local.get $pos) (local.get $len)) (then (i32.or (i32.eqz (local.get $npos)) (i32.shl (i32.eq (local.get $npos) (local.get $len)) (i32.const 1)))) (else (i32.const 0))))
        (local.set $ncount (i32.const 0))
        (local.set $i (i32.const 0))
        (block $cut
          (loop $threads
            (br_if $cut (i32.ge_u (local.get $i) (local.get $ccount)))
            (local.set $t (i32.load (i32.add (local.get $cl) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $tc (i32.add (i32.add (local.get $cl) (i32.const 64)) (i32.mul (local.get $i) (i32.const 16))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (block $next
              (block $t14
                (block $t13
                  (block $t12
                  (block $t11
                  (block $t10
                  (block $t9
                  (block $t8
                  (block $t7
                  (block $t6
                  (block $t5
                  (block $t4
                  (block $t3
                  (block $t2
                  (block $t1
                  (block $t0
                  (br_table $t0 $t1 $t2 $t3 $t4 $t5 $t6 $t7 $t8 $t9 $t10 $t11 $t12 $t13 $t14 (local.get $t))
                  )
                  (local.set $matched (i32.const 1))
                  (i64.store offset=8 (local.get $ws) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=16 (local.get $ws) (i64.load offset=8 (local.get $tc)))
                  (br $cut)
                  (br $next)
                  )
                  (if (i32.eq (local.get $c) (i32.const 93))
                  (then
                  (if (i32.ne (i32.load offset=0 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=0 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 0))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i32.store offset=0 (local.get $dst) (i32.load offset=0 (local.get $tc)))
                  (i32.store offset=4 (local.get $dst) (local.get $npos))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.eq (local.get $c) (i32.const 42))
                  (then
                  (if (i32.ne (i32.load offset=4 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=4 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 1))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 9))
                  (then
                  (if (i32.ne (i32.load offset=12 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=12 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 3))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=16 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=16 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 4))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=4 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=4 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 1))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.eq (local.get $c) (i32.const 44))
                  (then
                  (if (i32.ne (i32.load offset=12 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=12 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 3))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 9))
                  (then
                  (if (i32.ne (i32.load offset=20 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=20 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 5))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=16 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=16 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 4))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=4 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=4 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 1))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.eq (local.get $c) (i32.const 91))
                  (then
                  (if (i32.ne (i32.load offset=8 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=8 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 2))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=20 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=20 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 5))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.eq (local.get $c) (i32.const 58))
                  (then
                  (if (i32.ne (i32.load offset=24 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=24 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 6))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=56 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=56 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 14))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=28 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=28 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 7))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i32.store offset=8 (local.get $dst) (i32.load offset=8 (local.get $tc)))
                  (i32.store offset=12 (local.get $dst) (local.get $npos))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=56 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=56 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 14))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=28 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=28 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 7))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i32.store offset=8 (local.get $dst) (i32.load offset=8 (local.get $tc)))
                  (i32.store offset=12 (local.get $dst) (local.get $npos))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=36 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=36 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 9))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=56 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=56 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 14))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=28 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=28 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 7))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i32.store offset=8 (local.get $dst) (i32.load offset=8 (local.get $tc)))
                  (i32.store offset=12 (local.get $dst) (local.get $npos))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                  )
                  (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=44 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=44 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 11))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                  )
                  (br $next)
                )
                (if (i32.le_u (i32.sub (local.get $c) (i32.const 128)) (i32.const 63))
                  (then
                  (if (i32.ne (i32.load offset=48 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=48 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 12))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  )
                )
                (br $next)
              )
              (if (i32.or (i32.le_u (local.get $c) (i32.const 9)) (i32.le_u (i32.sub (local.get $c) (i32.const 11)) (i32.const 116)))
                (then
                  (if (i32.ne (i32.load offset=56 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=56 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 14))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (if (i32.ne (i32.load offset=28 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=28 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 7))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i32.store offset=8 (local.get $dst) (i32.load offset=8 (local.get $tc)))
                  (i32.store offset=12 (local.get $dst) (local.get $npos))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (br $next)
                )
              )
              (if (i32.le_u (i32.sub (local.get $c) (i32.const 194)) (i32.const 29))
                (then
                  (if (i32.ne (i32.load offset=32 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=32 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 8))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (br $next)
                )
              )
              (if (i32.le_u (i32.sub (local.get $c) (i32.const 224)) (i32.const 15))
                (then
                  (if (i32.ne (i32.load offset=40 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=40 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 10))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                  (br $next)
                )
              )
              (if (i32.le_u (i32.sub (local.get $c) (i32.const 240)) (i32.const 4))
                (then
                  (if (i32.ne (i32.load offset=52 (local.get $marks)) (local.get $nstamp))
                  (then
                  (i32.store offset=52 (local.get $marks) (local.get $nstamp))
                  (i32.store (i32.add (local.get $nl) (i32.shl (local.get $ncount) (i32.const 2))) (i32.const 13))
                  (local.set $dst (i32.add (i32.add (local.get $nl) (i32.const 64)) (i32.mul (local.get $ncount) (i32.const 16))))
                  (i64.store offset=0 (local.get $dst) (i64.load offset=0 (local.get $tc)))
                  (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $tc)))
                  (local.set $ncount (i32.add (local.get $ncount) (i32.const 1)))
                  )
                  )
                )
              )
            )
            (br $threads)
          )
        )
        (local.set $tmp (local.get $cl))
        (local.set $cl (local.get $nl))
        (local.set $nl (local.get $tmp))
        (local.set $ccount (local.get $ncount))
        (local.set $stamp (local.get $nstamp))
        (br_if $done (i32.ge_u (local.get $pos) (local.get $len)))
        (local.set $pos (local.get $npos))
        (local.set $ctx (local.get $nctx))
        (br $step)
      )
    )
    (i32.store (local.get $ws) (i32.add (local.get $stamp) (i32.const 1)))
    (local.get $matched)
  )

  (func $pwc_fail (param $line i32)
    (local $end i32) (local $message i64)
    (call $pwc_count_error (local.get $line))  ;; pwc.FILTER.errors.line_N
    (local.set $end (i32.add (i32.const 4400) (call $write_decimal (i32.const 4400) (local.get $line))))
    (i32.store16 (local.get $end) (i32.const 0x203a))  ;; ": "
    (if (i32.eq (global.get $rt_error) (i32.const 2)) (then (local.set $message (i64.const 19018115186704))))
    (if (i32.eq (global.get $rt_error) (i32.const 4)) (then (local.set $message (i64.const 19086834663437))))
    (memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message)) (call $str_len (local.get $message)))
    (call $log (i32.const 4) (call $str_pack (i32.const 4360) (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message))) (i32.const 4360))))
    (call $send_error_reply (i32.const 500) (i64.const 19142669238297))
    (global.set $rt_error (i32.const 0))
  )

  (data (i32.const 1104) "a configallow_originsa list<string>a string\00\00\00\00\00\01\00\00\00\00\00\00\00\08\00\00\00s\04\00\00\05\00\00\00\80\04\00\00\0e\00\00\00e\04\00\00allow_origin_patternsallow_methodsallow_headersexpose_headersallow_credentialstrue or false\00\00\00\00\00\03\00\00\00\00\00\00\00\0d\00\00\00\ee\04\00\00max_agean int\00\00\00\02\00\00\00\00\00\00\00\06\00\00\00\17\05\00\00allow_origins, allow_origin_patterns, allow_methods, allow_headers, expose_headers, allow_credentials, max_age\00\00\07\00\00\00\07\00\00\00\08\00\00\00P\04\00\00n\00\00\000\05\00\00\0d\00\00\00X\04\00\00\90\04")
  (data (i32.const 1496) "\15\00\00\00\a0\04\00\00\90\04")
  (data (i32.const 1528) "\0d\00\00\00\b5\04\00\00\90\04")
  (data (i32.const 1560) "\0d\00\00\00\c2\04\00\00\90\04")
  (data (i32.const 1592) "\0e\00\00\00\cf\04\00\00\90\04")
  (data (i32.const 1624) "\11\00\00\00\dd\04\00\00\00\05")
  (data (i32.const 1656) "\07\00\00\00\10\05\00\00 \05")
  (data (i32.const 1752) "origin/access-control-request-methodaccess-control-request-headers:scheme:authority:http80https443:methodoptions*\00\00\00\00\00\00\00\01")
  (data (i32.const 1888) ",GETPUTPOSTDELETEPATCHOPTIONS\00\00\00\06\00\00\00\00\00\00\00\03\00\00\00a\07\00\00\03\00\00\00d\07\00\00\04\00\00\00g\07\00\00\06\00\00\00k\07\00\00\05\00\00\00q\07\00\00\07\00\00\00v\07\00\00GET, PUT, POST, DELETE, PATCH, OPTIONS, HEAD, TRACE, CONNECTDNT,X-CustomHeader,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Authorization*,Invalid CORS requestx-cors-traceaccess-control-allow-originaccess-control-allow-methodsaccess-control-expose-headersaccess-control-allow-credentialsaccess-control-max-agex-cors-version1.0.0access-control-allow-headerstrue\22expected , got malformed JSON at byte unknown key  (known keys: )missing required key duplicate key bad pattern: too large or nested too deeply, at byte not a JSON object, at byte cors: bad configuration: cors: could not define metric ")
  (data (i32.const 2638) "pwc.cors.responded.line_141pwc.cors.responded.line_144pwc.cors.errors.line_35pwc.cors.errors.line_38pwc.cors.errors.line_39pwc.cors.errors.line_40pwc.cors.errors.line_42pwc.cors.errors.line_43pwc.cors.errors.line_45pwc.cors.errors.line_46pwc.cors.errors.line_52pwc.cors.errors.line_53pwc.cors.errors.line_54pwc.cors.errors.line_55pwc.cors.errors.line_56pwc.cors.errors.line_57pwc.cors.errors.line_58pwc.cors.errors.line_59pwc.cors.errors.line_60pwc.cors.errors.line_61pwc.cors.errors.line_62pwc.cors.errors.line_63pwc.cors.errors.line_64pwc.cors.errors.line_65pwc.cors.errors.line_68pwc.cors.errors.line_69pwc.cors.errors.line_70pwc.cors.errors.line_72pwc.cors.errors.line_73pwc.cors.errors.line_78pwc.cors.errors.line_79pwc.cors.errors.line_80pwc.cors.errors.line_81pwc.cors.errors.line_82pwc.cors.errors.line_83pwc.cors.errors.line_87pwc.cors.errors.line_89pwc.cors.errors.line_93pwc.cors.errors.line_105pwc.cors.errors.line_106pwc.cors.errors.line_107pwc.cors.errors.line_108pwc.cors.errors.line_109pwc.cors.errors.line_110pwc.cors.errors.line_115pwc.cors.errors.line_117pwc.cors.errors.line_118pwc.cors.errors.line_121pwc.cors.errors.line_122pwc.cors.errors.line_123pwc.cors.errors.line_125pwc.cors.errors.line_127pwc.cors.errors.line_129pwc.cors.errors.line_131pwc.cors.errors.line_132pwc.cors.errors.line_133pwc.cors.errors.line_134pwc.cors.errors.line_137pwc.cors.errors.line_139pwc.cors.errors.line_151pwc.cors.errors.line_152pwc.cors.errors.line_153pwc.cors.errors.line_154pwc.cors.errors.line_155pwc.cors.errors.line_156pwc.cors.errors.line_157pwc.cors.errors.line_159pwc.cors.errors.line_161pwc.cors.errors.line_162pwc.cors.errors.line_163pwc.cors.errors.line_165pwc.cors.errors.line_166pwc.cors.errors.line_169cors: runtime error at higress-cors.pwf:")
  (data (i32.const 4428) "integer overflowout of memoryinternal error in filter\0a")
)
