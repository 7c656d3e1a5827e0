;; generated
  (func $pwc_request (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $let_nonce_0 i64)
    (local $t1 i32)
    (local $t2 i32)
    (local $t3 i32)
    (local $t4 i64)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (call $pwc_open_record (local.get $ctx) (i32.const 0)))))
    (if (i32.eqz (local.get $rec)) (then (call $pwc_fail (i32.const 0)) (return (i32.const 1))))
    (local.set $config (i32.load offset=0 (local.get $rec)))
    (if (i32.eqz (local.get $config)) (then (local.set $config (i32.const 1760))))
    (block $fail (result i32)
      ;; higress-replay-protection.pwf:37: let nonce = request.headers[config.nonce_header]
      i32.const 0
      (local.get $config) (i64.load offset=16)
      call $str_lower_ascii
      call $hdr_get
      local.set $let_nonce_0
      (br_if $fail (i32.const 37) (global.get $rt_error))
      drop
      ;; higress-replay-protection.pwf:38: if nonce == "" {
      local.get $let_nonce_0
      i64.const 0
      call $str_eq
      local.set $t1
      (br_if $fail (i32.const 38) (global.get $rt_error))
      drop
      local.get $t1
      (if
        (then
          ;; higress-replay-protection.pwf:39: if config.force_nonce {
          (local.get $config) (i32.load offset=8)
          (if
            (then
              ;; higress-replay-protection.pwf:40: respond 400 "Missing Required Header"
              (call $pwc_snapshot (local.get $ctx))
              (call $metric_increment (global.get $pwc_metric_0))
              i64.const 400
              i32.wrap_i64
              i64.const 7902739824663  ;; b'Missing Required Header'
              i32.const 0
              call $send_local_reply
              (return (i32.const 1))
            )
          )
          ;; higress-replay-protection.pwf:42: continue
          (call $pwc_snapshot (local.get $ctx))
          (return (i32.const 0))
        )
      )
      ;; higress-replay-protection.pwf:44: if size(nonce) < config.nonce_min_length || size(nonce) > co
      local.get $let_nonce_0
      call $str_size
      (local.get $config) (i64.load offset=32)
      i64.lt_s
      (if (result i32)
        (then
          i32.const 1
        )
        (else
          local.get $let_nonce_0
          call $str_size
          (local.get $config) (i64.load offset=40)
          i64.gt_s
        )
      )
      (if (result i32)
        (then
          i32.const 1
        )
        (else
          (local.get $config) (i32.load offset=64)
          (if (result i32)
            (then
              local.get $let_nonce_0
              call $b64_valid
              i32.eqz
            )
            (else
              i32.const 0
            )
          )
        )
      )
      local.set $t2
      (br_if $fail (i32.const 44) (global.get $rt_error))
      drop
      local.get $t2
      (if
        (then
          ;; higress-replay-protection.pwf:45: respond 400 "Invalid Nonce"
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_1))
          i64.const 400
          i32.wrap_i64
          i64.const 8001524072461  ;; b'Invalid Nonce'
          i32.const 0
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; higress-replay-protection.pwf:47: if !once(nonce, duration(string(config.nonce_ttl) + "s")) {
      i64.const 8057358647322  ;; b'pwc1:replay-protection:47:'
      local.get $let_nonce_0
      (local.get $config) (i64.load offset=24)
      call $i64_to_str
      i64.const 8169027796993  ;; b's'
      call $str_concat
      call $duration_parse
      call $once_first
      i32.eqz
      local.set $t3
      (br_if $fail (i32.const 47) (global.get $rt_error))
      drop
      local.get $t3
      (if
        (then
          ;; higress-replay-protection.pwf:48: respond config.reject_code config.reject_msg
          (local.get $config) (i64.load offset=48)
          call $checked_status
          local.set $t4
          (br_if $fail (i32.const 48) (global.get $rt_error))
          drop
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_2))
          local.get $t4
          i32.wrap_i64
          (local.get $config) (i64.load offset=56)
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
    (local.set $config (call $config_load (local.get $text) (i32.const 1448)))
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
    (if (i32.eq (local.get $code) (i32.const 11)) (then (return (call $cfg_double (local.get $desc) (local.get $s)))))
    (if (i32.eq (local.get $code) (i32.const 12)) (then (return (call $cfg_dyn (local.get $desc) (local.get $s)))))
    (i64.const 0))
  (func $cfg_special_free (param $code i32) (param $v i64)
    )

  (func $pwc_config_error
    (local $message i64) (local $code i32)
    (local.set $code (global.get $cfg_fail_code))
    (if (i32.eq (local.get $code) (i32.const 1)) (then (local.set $message (call $str_concat (i64.const 8242042241047) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 2)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (call $str_concat (i64.const 8340826488844) (call $str_concat (call $str_concat (i64.const 8173322764289) (global.get $cfg_fail_key)) (i64.const 8173322764289))) (i64.const 8392366096398)) (i64.load offset=16 (global.get $cfg_fail_type))) (i64.const 8452495638529)))))
    (if (i32.eq (local.get $code) (i32.const 3)) (then (local.set $message (call $str_concat (call $str_concat (call $str_concat (i64.const 8177617731593) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 8216272437254)) (call $cfg_got_text)))))
    (if (i32.eq (local.get $code) (i32.const 4)) (then (local.set $message (call $str_concat (i64.const 8456790605845) (call $str_concat (call $str_concat (i64.const 8173322764289) (global.get $cfg_fail_key)) (i64.const 8173322764289))))))
    (if (i32.eq (local.get $code) (i32.const 5)) (then (local.set $message (call $str_concat (i64.const 8546984919054) (call $str_concat (call $str_concat (i64.const 8173322764289) (global.get $cfg_fail_key)) (i64.const 8173322764289))))))
    (if (i32.eq (local.get $code) (i32.const 6)) (then (local.set $message (if (result i64) (i64.eqz (global.get $cfg_fail_detail)) (then (call $str_concat (call $str_concat (call $str_concat (i64.const 8177617731593) (i64.load offset=8 (global.get $cfg_fail_type))) (i64.const 8216272437254)) (call $cfg_got_text))) (else (call $str_concat (i64.const 8607114461197) (global.get $cfg_fail_detail)))))))
    (if (i32.eq (local.get $code) (i32.const 7)) (then (local.set $message (call $str_concat (i64.const 8662949036072) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (if (i32.eq (local.get $code) (i32.const 8)) (then (local.set $message (call $str_concat (i64.const 8834747727899) (call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))))))
    (call $log (i32.const 4) (call $str_concat (call $str_concat (i64.const 8950711844902) (call $cfg_path_prefix)) (local.get $message)))
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
  (global $pwc_metric_0 (mut i32) (i32.const -1))  ;; pwc.replay-protection.responded.line_40
  (global $pwc_metric_1 (mut i32) (i32.const -1))  ;; pwc.replay-protection.responded.line_45
  (global $pwc_metric_2 (mut i32) (i32.const -1))  ;; pwc.replay-protection.responded.line_48
  (global $pwc_metric_3 (mut i32) (i32.const -1))  ;; pwc.replay-protection.errors.line_37
  (global $pwc_metric_4 (mut i32) (i32.const -1))  ;; pwc.replay-protection.errors.line_38
  (global $pwc_metric_5 (mut i32) (i32.const -1))  ;; pwc.replay-protection.errors.line_44
  (global $pwc_metric_6 (mut i32) (i32.const -1))  ;; pwc.replay-protection.errors.line_47
  (global $pwc_metric_7 (mut i32) (i32.const -1))  ;; pwc.replay-protection.errors.line_48
  (func $pwc_define_metric (param $kind i32) (param $name i64) (result i32)
    (local $id i32)
    (local.set $id (call $metric_define (local.get $kind) (local.get $name)))
    ;; a metric Envoy refuses is not counted; the filter works on without it
    (if (i32.eq (local.get $id) (i32.const -1)) (then
      (memory.copy (i32.const 2165) (call $str_ptr (local.get $name)) (call $str_len (local.get $name)))
      (call $log (i32.const 3) (call $str_pack (i32.const 2122) (i32.add (i32.const 43) (call $str_len (local.get $name)))))
    ))
    (local.get $id)
  )
  (func $pwc_define_metrics
    (global.set $pwc_metric_0 (call $pwc_define_metric (i32.const 0) (i64.const 9466107920423)))
    (global.set $pwc_metric_1 (call $pwc_define_metric (i32.const 0) (i64.const 9633611644967)))
    (global.set $pwc_metric_2 (call $pwc_define_metric (i32.const 0) (i64.const 9801115369511)))
    (global.set $pwc_metric_3 (call $pwc_define_metric (i32.const 0) (i64.const 9968619094052)))
    (global.set $pwc_metric_4 (call $pwc_define_metric (i32.const 0) (i64.const 10123237916708)))
    (global.set $pwc_metric_5 (call $pwc_define_metric (i32.const 0) (i64.const 10277856739364)))
    (global.set $pwc_metric_6 (call $pwc_define_metric (i32.const 0) (i64.const 10432475562020)))
    (global.set $pwc_metric_7 (call $pwc_define_metric (i32.const 0) (i64.const 10587094384676)))
  )
  (func $pwc_count_error (param $line i32)
    (if (i32.eq (local.get $line) (i32.const 37)) (then (call $metric_increment (global.get $pwc_metric_3))))
    (if (i32.eq (local.get $line) (i32.const 38)) (then (call $metric_increment (global.get $pwc_metric_4))))
    (if (i32.eq (local.get $line) (i32.const 44)) (then (call $metric_increment (global.get $pwc_metric_5))))
    (if (i32.eq (local.get $line) (i32.const 47)) (then (call $metric_increment (global.get $pwc_metric_6))))
    (if (i32.eq (local.get $line) (i32.const 48)) (then (call $metric_increment (global.get $pwc_metric_7))))
  )
  (func $pwc_fail (param $line i32)
    (local $end i32) (local $message i64)
    (call $pwc_count_error (local.get $line))  ;; pwc.FILTER.errors.line_N
    (local.set $end (i32.add (i32.const 2567) (call $write_decimal (i32.const 2567) (local.get $line))))
    (i32.store16 (local.get $end) (i32.const 0x203a))  ;; ": "
    (if (i32.eq (global.get $rt_error) (i32.const 4)) (then (local.set $message (i64.const 11347303596045))))
    (if (i32.eq (global.get $rt_error) (i32.const 5)) (then (local.set $message (i64.const 11403138170926))))
    (if (i32.eq (global.get $rt_error) (i32.const 11)) (then (local.set $message (i64.const 11600706666559))))
    (memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message)) (call $str_len (local.get $message)))
    (call $log (i32.const 4) (call $str_pack (i32.const 2501) (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message))) (i32.const 2501))))
    (call $send_error_reply (i32.const 500) (i64.const 11871289606169))
    (global.set $rt_error (i32.const 0))
  )

  (data (i32.const 1032) "a configforce_noncetrue or false\03\00\00\00\00\00\00\00\0d\00\00\00\1b\04\00\00nonce_headera string\00\00\00\00\01\00\00\00\00\00\00\00\08\00\00\00D\04\00\00x-higress-noncenonce_ttlan int\00\00\02\00\00\00\00\00\00\00\06\00\00\00x\04\00\00nonce_min_lengthnonce_max_lengthreject_codereject_msgReplay Attack Detectedvalidate_base64redisa JSON valuea double\00\00\00\00\00\0b\00\00\00\00\00\00\00\08\00\00\00\fb\04\00\00\0c\00\00\00\08\05\00\00\0c\00\00\00\ef\04\00\00force_nonce, nonce_header, nonce_ttl, nonce_min_length, nonce_max_length, reject_code, reject_msg, validate_base64, redis\00\00\00\00\00\00\00\07\00\00\00\09\00\00\00\08\00\00\00\08\04\00\00y\00\00\00(\05\00\00\0b\00\00\00\10\04\00\00(\04\00\00\00\00\00\00\01")
  (data (i32.const 1504) "\0c\00\00\008\04\00\00P\04\00\00\00\00\00\00\0f\00\00\00`\04")
  (data (i32.const 1536) "\09\00\00\00o\04\00\00\80\04\00\00\00\00\00\00\84\03")
  (data (i32.const 1568) "\10\00\00\00\90\04\00\00\80\04\00\00\00\00\00\00\08")
  (data (i32.const 1600) "\10\00\00\00\a0\04\00\00\80\04\00\00\00\00\00\00\80")
  (data (i32.const 1632) "\0b\00\00\00\b0\04\00\00\80\04\00\00\00\00\00\00\ad\01")
  (data (i32.const 1664) "\0a\00\00\00\bb\04\00\00P\04\00\00\00\00\00\00\16\00\00\00\c5\04")
  (data (i32.const 1696) "\0f\00\00\00\db\04\00\00(\04")
  (data (i32.const 1728) "\05\00\00\00\ea\04\00\00\18\05\00\00\02")
  (data (i32.const 1768) "\01\00\00\00\00\00\00\00\0f\00\00\00`\04\00\00\84\03\00\00\00\00\00\00\08\00\00\00\00\00\00\00\80\00\00\00\00\00\00\00\ad\01\00\00\00\00\00\00\16\00\00\00\c5\04")
  (data (i32.const 1840) "Missing Required HeaderInvalid Noncepwc1:replay-protection:47:s\22expected , got malformed JSON at byte unknown key  (known keys: )missing required key duplicate key bad pattern: too large or nested too deeply, at byte not a JSON object, at byte replay-protection: bad configuration: replay-protection: could not define metric ")
  (data (i32.const 2204) "pwc.replay-protection.responded.line_40pwc.replay-protection.responded.line_45pwc.replay-protection.responded.line_48pwc.replay-protection.errors.line_37pwc.replay-protection.errors.line_38pwc.replay-protection.errors.line_44pwc.replay-protection.errors.line_47pwc.replay-protection.errors.line_48replay-protection: runtime error at higress-replay-protection.pwf:")
  (data (i32.const 2642) "out of memoryrespond: the status is not between 100 and 599string(), int(), double() or bool(): the value does not convertinternal error in filter\0a")
)
