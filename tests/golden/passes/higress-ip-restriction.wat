;; generated
  (func $pwc_request (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $let_from_header_0 i32)
    (local $let_header_name_1 i64)
    (local $let_raw_2 i64)
    (local $let_first_3 i64)
    (local $let_s_4 i64)
    (local $let_addr_5 i64)
    (local $let_status_6 i64)
    (local $let_text_7 i64)
    (local $let_quoted_8 i64)
    (local $let_escaped_9 i64)
    (local $let_body_10 i64)
    (local $t11 i32)
    (local $t12 i64)
    (local $item13 i64)
    (local $items14 i32)
    (local $i15 i32)
    (local $acc16 i32)
    (local $out17 i32)
    (local $t18 i32)
    (local $t19 i64)
    (local $item20 i64)
    (local $items21 i32)
    (local $i22 i32)
    (local $acc23 i32)
    (local $out24 i32)
    (local $t25 i32)
    (local $t26 i64)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (call $pwc_open_record (local.get $ctx) (i32.const 0)))))
    (if (i32.eqz (local.get $rec)) (then (call $pwc_fail (i32.const 0)) (return (i32.const 1))))
    (local.set $config (i32.load offset=0 (local.get $rec)))
    (if (i32.eqz (local.get $config)) (then (local.set $config (i32.const 1544))))
    (block $fail (result i32)
      ;; higress-ip-restriction.pwf:33: let from_header = config.ip_source_type == "header"
      (local.get $config) (i64.load offset=8)
      i64.const 6871947673606  ;; b'header'
      call $str_eq
      local.set $let_from_header_0
      (br_if $fail (i32.const 33) (global.get $rt_error))
      drop
      ;; higress-ip-restriction.pwf:34: let header_name = config.ip_header_name != "" ? config.ip_he
      (local.get $config) (i64.load offset=16)
      i64.const 0
      call $str_eq
      i32.eqz
      (if (result i64)
        (then
          (local.get $config) (i64.load offset=16)
        )
        (else
          i64.const 4754528796687  ;; b'x-forwarded-for'
        )
      )
      local.set $let_header_name_1
      (br_if $fail (i32.const 34) (global.get $rt_error))
      drop
      ;; higress-ip-restriction.pwf:38: let raw = from_header ? request.headers[header_name] : sourc
      local.get $let_from_header_0
      (if (result i64)
        (then
          i32.const 0
          local.get $let_header_name_1
          call $str_lower_ascii
          call $hdr_get
        )
        (else
          i64.const 6897717477390  ;; b'source\x00address'
          call $property_string
        )
      )
      local.set $let_raw_2
      (br_if $fail (i32.const 38) (global.get $rt_error))
      drop
      ;; higress-ip-restriction.pwf:39: let first = from_header && raw.contains(",") ? raw.substring
      local.get $let_from_header_0
      (if (result i32)
        (then
          local.get $let_raw_2
          i64.const 6957847019521  ;; b','
          call $str_contains
        )
        (else
          i32.const 0
        )
      )
      (if (result i64)
        (then
          local.get $let_raw_2
          i64.const 0
          local.get $let_raw_2
          i64.const 6957847019521  ;; b','
          call $str_index_of
          call $str_substring
        )
        (else
          local.get $let_raw_2
        )
      )
      local.set $let_first_3
      (br_if $fail (i32.const 39) (global.get $rt_error))
      drop
      ;; higress-ip-restriction.pwf:40: let s = first.trim()
      local.get $let_first_3
      call $str_trim
      local.set $let_s_4
      (br_if $fail (i32.const 40) (global.get $rt_error))
      drop
      ;; higress-ip-restriction.pwf:41: let addr = s.contains(".") ? (s.contains(":") ? s.substring(
      local.get $let_s_4
      i64.const 6962141986817  ;; b'.'
      call $str_contains
      (if (result i64)
        (then
          local.get $let_s_4
          i64.const 6966436954113  ;; b':'
          call $str_contains
          (if (result i64)
            (then
              local.get $let_s_4
              i64.const 0
              local.get $let_s_4
              i64.const 6966436954113  ;; b':'
              call $str_index_of
              call $str_substring
            )
            (else
              local.get $let_s_4
            )
          )
        )
        (else
          local.get $let_s_4
          i64.const 6970731921409  ;; b']'
          call $str_contains
          (if (result i64)
            (then
              local.get $let_s_4
              i64.const 1
              local.get $let_s_4
              i64.const 6970731921409  ;; b']'
              call $str_index_of
              call $str_substring
            )
            (else
              local.get $let_s_4
            )
          )
        )
      )
      local.set $let_addr_5
      (br_if $fail (i32.const 41) (global.get $rt_error))
      drop
      ;; higress-ip-restriction.pwf:44: let status = config.status > 1 ? config.status : 403
      (local.get $config) (i64.load offset=40)
      i64.const 1
      i64.gt_s
      (if (result i64)
        (then
          (local.get $config) (i64.load offset=40)
        )
        (else
          i64.const 403
        )
      )
      local.set $let_status_6
      ;; higress-ip-restriction.pwf:45: let text = config.message != "" ? config.message : "Your IP 
      (local.get $config) (i64.load offset=48)
      i64.const 0
      call $str_eq
      i32.eqz
      (if (result i64)
        (then
          (local.get $config) (i64.load offset=48)
        )
        (else
          i64.const 5321464479771  ;; b'Your IP address is blocked.'
        )
      )
      local.set $let_text_7
      (br_if $fail (i32.const 45) (global.get $rt_error))
      drop
      ;; higress-ip-restriction.pwf:46: let quoted = text.replace("\\", "\\\\").replace("\"", "\\\""
      local.get $let_text_7
      i64.const 6975026888705  ;; b'\\'
      i64.const 6979321856002  ;; b'\\\\'
      call $str_replace
      i64.const 6987911790593  ;; b'"'
      i64.const 6992206757890  ;; b'\\"'
      call $str_replace
      i64.const 7000796692481  ;; b'\n'
      i64.const 7005091659778  ;; b'\\n'
      call $str_replace
      i64.const 7013681594369  ;; b'\r'
      i64.const 7017976561666  ;; b'\\r'
      call $str_replace
      local.set $let_quoted_8
      (br_if $fail (i32.const 46) (global.get $rt_error))
      drop
      ;; higress-ip-restriction.pwf:47: let escaped = quoted.replace("\t", "\\t").replace("<", "\\u0
      local.get $let_quoted_8
      i64.const 7026566496257  ;; b'\t'
      i64.const 7030861463554  ;; b'\\t'
      call $str_replace
      i64.const 7039451398145  ;; b'<'
      i64.const 7043746365446  ;; b'\\u003c'
      call $str_replace
      i64.const 7069516169217  ;; b'>'
      i64.const 7073811136518  ;; b'\\u003e'
      call $str_replace
      i64.const 7099580940289  ;; b'&'
      i64.const 7103875907590  ;; b'\\u0026'
      call $str_replace
      local.set $let_escaped_9
      (br_if $fail (i32.const 47) (global.get $rt_error))
      drop
      ;; higress-ip-restriction.pwf:48: let body = "{\"message\":\"" + escaped + "\"}"
      i64.const 7129645711372  ;; b'{"message":"'
      local.get $let_escaped_9
      call $str_concat
      i64.const 7181185318914  ;; b'"}'
      call $str_concat
      local.set $let_body_10
      (br_if $fail (i32.const 48) (global.get $rt_error))
      drop
      ;; higress-ip-restriction.pwf:52: if !isIP(addr) {
      local.get $let_addr_5
      call $ip_is_valid
      i32.eqz
      local.set $t11
      (br_if $fail (i32.const 52) (global.get $rt_error))
      drop
      local.get $t11
      (if
        (then
          ;; higress-ip-restriction.pwf:53: respond status body
          local.get $let_status_6
          call $checked_status
          local.set $t12
          (br_if $fail (i32.const 53) (global.get $rt_error))
          drop
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_0))
          local.get $t12
          i32.wrap_i64
          local.get $let_body_10
          i32.const 0
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; higress-ip-restriction.pwf:55: if size(config.allow) > 0 && !config.allow.exists(n, n.conta
      (local.get $config) (i32.load offset=24)
      call $list_size
      i64.const 0
      i64.gt_s
      (if (result i32)
        (then
          (local.get $config) (i32.load offset=24)
          (local.set $acc16 (i32.const 0))
          local.set $items14
          (local.set $i15 (i32.const 0))
          (block $fold_done_i15
            (loop $fold_i15
              (br_if $fold_done_i15 (i32.eqz (local.get $items14)))
              (br_if $fold_done_i15 (i32.ge_u (local.get $i15) (i32.load (local.get $items14))))
              (local.set $item13 (i64.load offset=8 (i32.add (local.get $items14) (i32.mul (local.get $i15) (i32.const 8)))))
              (local.set $i15 (i32.add (local.get $i15) (i32.const 1)))
              local.get $item13
              local.get $let_addr_5
              call $ip_canonical
              call $cidr_text_contains_ip
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
          i32.eqz
        )
        (else
          i32.const 0
        )
      )
      local.set $t18
      (br_if $fail (i32.const 55) (global.get $rt_error))
      drop
      local.get $t18
      (if
        (then
          ;; higress-ip-restriction.pwf:56: respond status body
          local.get $let_status_6
          call $checked_status
          local.set $t19
          (br_if $fail (i32.const 56) (global.get $rt_error))
          drop
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_1))
          local.get $t19
          i32.wrap_i64
          local.get $let_body_10
          i32.const 0
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; higress-ip-restriction.pwf:58: if size(config.deny) > 0 && config.deny.exists(n, n.contains
      (local.get $config) (i32.load offset=32)
      call $list_size
      i64.const 0
      i64.gt_s
      (if (result i32)
        (then
          (local.get $config) (i32.load offset=32)
          (local.set $acc23 (i32.const 0))
          local.set $items21
          (local.set $i22 (i32.const 0))
          (block $fold_done_i22
            (loop $fold_i22
              (br_if $fold_done_i22 (i32.eqz (local.get $items21)))
              (br_if $fold_done_i22 (i32.ge_u (local.get $i22) (i32.load (local.get $items21))))
              (local.set $item20 (i64.load offset=8 (i32.add (local.get $items21) (i32.mul (local.get $i22) (i32.const 8)))))
              (local.set $i22 (i32.add (local.get $i22) (i32.const 1)))
              local.get $item20
              local.get $let_addr_5
              call $ip_canonical
              call $cidr_text_contains_ip
              (if
                (then
                  (local.set $acc23 (i32.const 1))
                  (br $fold_done_i22)
                )
              )
              (br_if $fold_done_i22 (global.get $rt_error))
              (br $fold_i22)
            )
          )
          local.get $acc23
        )
        (else
          i32.const 0
        )
      )
      local.set $t25
      (br_if $fail (i32.const 58) (global.get $rt_error))
      drop
      local.get $t25
      (if
        (then
          ;; higress-ip-restriction.pwf:59: respond status body
          local.get $let_status_6
          call $checked_status
          local.set $t26
          (br_if $fail (i32.const 59) (global.get $rt_error))
          drop
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_2))
          local.get $t26
          i32.wrap_i64
          local.get $let_body_10
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
    (local.set $config (call $config_load (local.get $text) (i32.const 1328)))
    (if (i32.eqz (local.get $config))
      (then (call $pwc_config_error) (return (i32.const 0)))
    )
    ;; a configuration replaced later stays allocated: streams may still read it
    (call $stream_put (local.get $root) (local.get $config))
    (i32.const 1)
  )
  (func $cfg_special (param $code i32) (param $s i64) (result i64)
    (if (i32.eq (local.get $code) (i32.const 9)) (then (return (call $cidr_config_canonical (local.get $s)))))
    (i64.const 0))
  (func $cfg_parse (param $code i32) (param $desc i32) (param $s i64) (result i64)
    (i64.const 0))
  (func $cfg_special_free (param $code i32) (param $v i64)
    )

  (func $pwc_config_error
    (local $message i64) (local $code i32)
    (local.set $code (global.get $cfg_fail_code))
    (if (i32.eq (local.get $code) (i32.const 1)) (then (local.set $message (call $str_concat (i64.const 7254199762967) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 2)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (call $str_concat (i64.const 7352984010764) (call $str_concat (call $str_concat (i64.const 6987911790593) (global.get $cfg_fail_key)) (i64.const 6987911790593))) (i64.const 7404523618318)) (i64.load offset=16 (global.get $cfg_fail_type))) (i64.const 7464653160449)))))
    (if (i32.eq (local.get $code) (i32.const 3)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (i64.const 7189775253513) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 7228429959174)) (call $cfg_got_text)))))
    (if (i32.eq (local.get $code) (i32.const 4)) (then (local.set $message (call $str_concat (i64.const 7468948127765) (call $str_concat (call $str_concat (i64.const 6987911790593) (global.get $cfg_fail_key)) (i64.const 6987911790593))))))
    (if (i32.eq (local.get $code) (i32.const 5)) (then (local.set $message (call $str_concat (i64.const 7559142440974) (call $str_concat (call $str_concat (i64.const 6987911790593) (global.get $cfg_fail_key)) (i64.const 6987911790593))))))
    (if (i32.eq (local.get $code) (i32.const 6)) (then (local.set $message (if (result i64) (i64.eqz (global.get $cfg_fail_detail)) (then (call $str_concat (call $str_concat (call $str_concat (i64.const 7189775253513) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 7228429959174)) (call $cfg_got_text))) (else (call $str_concat (i64.const 7619271983117) (global.get $cfg_fail_detail)))))))
    (if (i32.eq (local.get $code) (i32.const 7)) (then (local.set $message (call $str_concat (i64.const 7675106557992) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 8)) (then (local.set $message (call $str_concat (i64.const 7846905249819) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (call $log (i32.const 4) (call $str_concat (call $str_concat (i64.const 7962869366819) (call $cfg_path_prefix)) (local.get $message)))
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
  (global $pwc_metric_0 (mut i32) (i32.const -1))  ;; pwc.ip-restriction.responded.line_53
  (global $pwc_metric_1 (mut i32) (i32.const -1))  ;; pwc.ip-restriction.responded.line_56
  (global $pwc_metric_2 (mut i32) (i32.const -1))  ;; pwc.ip-restriction.responded.line_59
  (global $pwc_metric_3 (mut i32) (i32.const -1))  ;; pwc.ip-restriction.errors.line_33
  (global $pwc_metric_4 (mut i32) (i32.const -1))  ;; pwc.ip-restriction.errors.line_34
  (global $pwc_metric_5 (mut i32) (i32.const -1))  ;; pwc.ip-restriction.errors.line_38
  (global $pwc_metric_6 (mut i32) (i32.const -1))  ;; pwc.ip-restriction.errors.line_39
  (global $pwc_metric_7 (mut i32) (i32.const -1))  ;; pwc.ip-restriction.errors.line_40
  (global $pwc_metric_8 (mut i32) (i32.const -1))  ;; pwc.ip-restriction.errors.line_41
  (global $pwc_metric_9 (mut i32) (i32.const -1))  ;; pwc.ip-restriction.errors.line_45
  (global $pwc_metric_10 (mut i32) (i32.const -1))  ;; pwc.ip-restriction.errors.line_46
  (global $pwc_metric_11 (mut i32) (i32.const -1))  ;; pwc.ip-restriction.errors.line_47
  (global $pwc_metric_12 (mut i32) (i32.const -1))  ;; pwc.ip-restriction.errors.line_48
  (global $pwc_metric_13 (mut i32) (i32.const -1))  ;; pwc.ip-restriction.errors.line_52
  (global $pwc_metric_14 (mut i32) (i32.const -1))  ;; pwc.ip-restriction.errors.line_53
  (global $pwc_metric_15 (mut i32) (i32.const -1))  ;; pwc.ip-restriction.errors.line_55
  (global $pwc_metric_16 (mut i32) (i32.const -1))  ;; pwc.ip-restriction.errors.line_56
  (global $pwc_metric_17 (mut i32) (i32.const -1))  ;; pwc.ip-restriction.errors.line_58
  (global $pwc_metric_18 (mut i32) (i32.const -1))  ;; pwc.ip-restriction.errors.line_59
  (func $pwc_define_metric (param $kind i32) (param $name i64) (result i32)
    (local $id i32)
    (local.set $id (call $metric_define (local.get $kind) (local.get $name)))
    ;; a metric Envoy refuses is not counted; the filter works on without it
    (if (i32.eq (local.get $id) (i32.const -1)) (then
      (memory.copy (i32.const 1929) (call $str_ptr (local.get $name)) (call $str_len (local.get $name)))
      (call $log (i32.const 3) (call $str_pack (i32.const 1889) (i32.add (i32.const 40) (call $str_len (local.get $name)))))
    ))
    (local.get $id)
  )
  (func $pwc_define_metrics
    (global.set $pwc_metric_0 (call $pwc_define_metric (i32.const 0) (i64.const 8439610736676)))
    (global.set $pwc_metric_1 (call $pwc_define_metric (i32.const 0) (i64.const 8594229559332)))
    (global.set $pwc_metric_2 (call $pwc_define_metric (i32.const 0) (i64.const 8748848381988)))
    (global.set $pwc_metric_3 (call $pwc_define_metric (i32.const 0) (i64.const 8903467204641)))
    (global.set $pwc_metric_4 (call $pwc_define_metric (i32.const 0) (i64.const 9045201125409)))
    (global.set $pwc_metric_5 (call $pwc_define_metric (i32.const 0) (i64.const 9186935046177)))
    (global.set $pwc_metric_6 (call $pwc_define_metric (i32.const 0) (i64.const 9328668966945)))
    (global.set $pwc_metric_7 (call $pwc_define_metric (i32.const 0) (i64.const 9470402887713)))
    (global.set $pwc_metric_8 (call $pwc_define_metric (i32.const 0) (i64.const 9612136808481)))
    (global.set $pwc_metric_9 (call $pwc_define_metric (i32.const 0) (i64.const 9753870729249)))
    (global.set $pwc_metric_10 (call $pwc_define_metric (i32.const 0) (i64.const 9895604650017)))
    (global.set $pwc_metric_11 (call $pwc_define_metric (i32.const 0) (i64.const 10037338570785)))
    (global.set $pwc_metric_12 (call $pwc_define_metric (i32.const 0) (i64.const 10179072491553)))
    (global.set $pwc_metric_13 (call $pwc_define_metric (i32.const 0) (i64.const 10320806412321)))
    (global.set $pwc_metric_14 (call $pwc_define_metric (i32.const 0) (i64.const 10462540333089)))
    (global.set $pwc_metric_15 (call $pwc_define_metric (i32.const 0) (i64.const 10604274253857)))
    (global.set $pwc_metric_16 (call $pwc_define_metric (i32.const 0) (i64.const 10746008174625)))
    (global.set $pwc_metric_17 (call $pwc_define_metric (i32.const 0) (i64.const 10887742095393)))
    (global.set $pwc_metric_18 (call $pwc_define_metric (i32.const 0) (i64.const 11029476016161)))
  )
  (func $pwc_count_error (param $line i32)
    (if (i32.eq (local.get $line) (i32.const 33)) (then (call $metric_increment (global.get $pwc_metric_3))))
    (if (i32.eq (local.get $line) (i32.const 34)) (then (call $metric_increment (global.get $pwc_metric_4))))
    (if (i32.eq (local.get $line) (i32.const 38)) (then (call $metric_increment (global.get $pwc_metric_5))))
    (if (i32.eq (local.get $line) (i32.const 39)) (then (call $metric_increment (global.get $pwc_metric_6))))
    (if (i32.eq (local.get $line) (i32.const 40)) (then (call $metric_increment (global.get $pwc_metric_7))))
    (if (i32.eq (local.get $line) (i32.const 41)) (then (call $metric_increment (global.get $pwc_metric_8))))
    (if (i32.eq (local.get $line) (i32.const 45)) (then (call $metric_increment (global.get $pwc_metric_9))))
    (if (i32.eq (local.get $line) (i32.const 46)) (then (call $metric_increment (global.get $pwc_metric_10))))
    (if (i32.eq (local.get $line) (i32.const 47)) (then (call $metric_increment (global.get $pwc_metric_11))))
    (if (i32.eq (local.get $line) (i32.const 48)) (then (call $metric_increment (global.get $pwc_metric_12))))
    (if (i32.eq (local.get $line) (i32.const 52)) (then (call $metric_increment (global.get $pwc_metric_13))))
    (if (i32.eq (local.get $line) (i32.const 53)) (then (call $metric_increment (global.get $pwc_metric_14))))
    (if (i32.eq (local.get $line) (i32.const 55)) (then (call $metric_increment (global.get $pwc_metric_15))))
    (if (i32.eq (local.get $line) (i32.const 56)) (then (call $metric_increment (global.get $pwc_metric_16))))
    (if (i32.eq (local.get $line) (i32.const 58)) (then (call $metric_increment (global.get $pwc_metric_17))))
    (if (i32.eq (local.get $line) (i32.const 59)) (then (call $metric_increment (global.get $pwc_metric_18))))
  )
  (func $pwc_fail (param $line i32)
    (local $end i32) (local $message i64)
    (call $pwc_count_error (local.get $line))  ;; pwc.FILTER.errors.line_N
    (local.set $end (i32.add (i32.const 2661) (call $write_decimal (i32.const 2661) (local.get $line))))
    (i32.store16 (local.get $end) (i32.const 0x203a))  ;; ": "
    (if (i32.eq (global.get $rt_error) (i32.const 4)) (then (local.set $message (i64.const 11678016077837))))
    (if (i32.eq (global.get $rt_error) (i32.const 5)) (then (local.set $message (i64.const 11733850652718))))
    (memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message)) (call $str_len (local.get $message)))
    (call $log (i32.const 4) (call $str_pack (i32.const 2601) (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message))) (i32.const 2601))))
    (call $send_error_reply (i32.const 500) (i64.const 11931419148313))
    (global.set $rt_error (i32.const 0))
  )

  (data (i32.const 1032) "a configip_source_typea string\00\00\01\00\00\00\00\00\00\00\08\00\00\00\1e\04\00\00origin-sourceip_header_namex-forwarded-forallowa list<cidr>a cidr such as \2210.0.0.0/8\22\00\00\09\00\00\00\00\00\00\00\1b\00\00\00s\04\00\00\05\00\00\00\90\04\00\00\0c\00\00\00g\04\00\00denystatusan int\02\00\00\00\00\00\00\00\06\00\00\00\ba\04\00\00messageYour IP address is blocked.ip_source_type, ip_header_name, allow, deny, status, message\00\00\07\00\00\00\06\00\00\00\08\00\00\00\08\04\00\00<\00\00\00\f2\04\00\00\0e\00\00\00\10\04\00\00(\04\00\00\00\00\00\00\0d\00\00\008\04")
  (data (i32.const 1384) "\0e\00\00\00E\04\00\00(\04\00\00\00\00\00\00\0f\00\00\00S\04")
  (data (i32.const 1416) "\05\00\00\00b\04\00\00\a0\04")
  (data (i32.const 1448) "\04\00\00\00\b0\04\00\00\a0\04")
  (data (i32.const 1480) "\06\00\00\00\b4\04\00\00\c0\04\00\00\00\00\00\00\93\01")
  (data (i32.const 1512) "\07\00\00\00\d0\04\00\00(\04\00\00\00\00\00\00\1b\00\00\00\d7\04")
  (data (i32.const 1552) "\0d\00\00\008\04\00\00\0f\00\00\00S\04")
  (data (i32.const 1584) "\93\01\00\00\00\00\00\00\1b\00\00\00\d7\04\00\00headersource\00address,.:]\5c\5c\5c\22\5c\22\0a\5cn\0d\5cr\09\5ct<\5cu003c>\5cu003e&\5cu0026{\22message\22:\22\22}expected , got malformed JSON at byte unknown key  (known keys: )missing required key duplicate key bad pattern: too large or nested too deeply, at byte not a JSON object, at byte ip-restriction: bad configuration: ip-restriction: could not define metric ")
  (data (i32.const 1965) "pwc.ip-restriction.responded.line_53pwc.ip-restriction.responded.line_56pwc.ip-restriction.responded.line_59pwc.ip-restriction.errors.line_33pwc.ip-restriction.errors.line_34pwc.ip-restriction.errors.line_38pwc.ip-restriction.errors.line_39pwc.ip-restriction.errors.line_40pwc.ip-restriction.errors.line_41pwc.ip-restriction.errors.line_45pwc.ip-restriction.errors.line_46pwc.ip-restriction.errors.line_47pwc.ip-restriction.errors.line_48pwc.ip-restriction.errors.line_52pwc.ip-restriction.errors.line_53pwc.ip-restriction.errors.line_55pwc.ip-restriction.errors.line_56pwc.ip-restriction.errors.line_58pwc.ip-restriction.errors.line_59ip-restriction: runtime error at higress-ip-restriction.pwf:")
  (data (i32.const 2719) "out of memoryrespond: the status is not between 100 and 599internal error in filter\0a")
)
