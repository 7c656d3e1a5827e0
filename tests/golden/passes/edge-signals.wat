;; generated
  (func $pwc_request (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $t0 i32)
    (local $for_name_1 i64)
    (local $t2 i32)
    (local $t3 i64)
    (local $items4 i32)
    (local $i5 i32)
    (local $t6 i32)
    (local $t7 i32)
    (local $let_credentials_8 i64)
    (local $t9 i32)
    (local $t10 i64)
    (local $t11 i32)
    (local $t12 i32)
    (local $item13 i64)
    (local $items14 i32)
    (local $i15 i32)
    (local $acc16 i32)
    (local $out17 i32)
    (local $t18 i64)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (call $pwc_open_record (local.get $ctx) (i32.const 0)))))
    (if (i32.eqz (local.get $rec)) (then (call $pwc_fail (i32.const 0)) (return (i32.const 1))))
    (block $fail (result i32)
      ;; edge-signals.pwf:8: for name in request.headers {
      i32.const 0
      call $hdr_names
      local.set $t0
      (br_if $fail (i32.const 8) (global.get $rt_error))
      drop
      local.get $t0
      local.set $items4
      (local.set $i5 (i32.const 0))
      (block $for_done_i5
        (loop $for_i5
          (br_if $for_done_i5 (i32.eqz (local.get $items4)))
          (br_if $for_done_i5 (i32.ge_u (local.get $i5) (i32.load (local.get $items4))))
          (local.set $for_name_1 (i64.load offset=8 (i32.add (local.get $items4) (i32.mul (local.get $i5) (i32.const 8)))))
          (local.set $i5 (i32.add (local.get $i5) (i32.const 1)))
          ;; edge-signals.pwf:9: if name.startsWith("x-debug-") {
          local.get $for_name_1
          i64.const 4432406249480  ;; b'x-debug-'
          call $str_starts_with
          local.set $t2
          (br_if $fail (i32.const 9) (global.get $rt_error))
          drop
          local.get $t2
          (if
            (then
              ;; edge-signals.pwf:10: remove request.headers[name]
              local.get $for_name_1
              call $str_lower_ascii
              i32.const 1120
              call $header_name_value
              local.set $t3
              (br_if $fail (i32.const 10) (global.get $rt_error))
              drop
              i32.const 0
              local.get $t3
              call $hdr_remove_raw
              (br_if $fail (i32.const 10) (global.get $rt_error))
              drop
            )
          )
          (br $for_i5)
        )
      )
      ;; edge-signals.pwf:13: if fnv1a(request.headers["x-user"]) % 100 < 10 {
      i32.const 0
      i64.const 5119601016838  ;; b'x-user'
      call $hdr_get
      call $fnv1a
      i64.const 100
      call $i64_rem_checked
      i64.const 10
      i64.lt_s
      local.set $t6
      (br_if $fail (i32.const 13) (global.get $rt_error))
      drop
      local.get $t6
      (if
        (then
          ;; edge-signals.pwf:14: set request.headers["x-canary"] = "true"
          i32.const 0
          i64.const 5145370820616  ;; b'x-canary'
          i64.const 5179730558980  ;; b'true'
          call $hdr_set_raw
          (br_if $fail (i32.const 14) (global.get $rt_error))
          drop
        )
      )
      ;; edge-signals.pwf:16: if request.path.startsWith("/admin") && !cidr("10.0.0.0/8").
      i32.const 0
      i64.const 5196910428165  ;; b':path'
      call $hdr_get_first
      i64.const 5218385264646  ;; b'/admin'
      call $str_starts_with
      (if (result i32)
        (then
          i64.const 5244155068426  ;; b'10.0.0.0/8'
          call $cidr_canonical
          i64.const 5287104741390  ;; b'source\x00address'
          call $property_string
          call $address_host
          call $ip_canonical
          call $cidr_text_contains_ip
          i32.eqz
        )
        (else
          i32.const 0
        )
      )
      local.set $t7
      (br_if $fail (i32.const 16) (global.get $rt_error))
      drop
      local.get $t7
      (if
        (then
          ;; edge-signals.pwf:17: respond 403 "admin is internal"
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_0))
          i64.const 403
          i32.wrap_i64
          i64.const 5347234283537  ;; b'admin is internal'
          i32.const 0
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; edge-signals.pwf:19: let credentials = base64.decode(request.headers["authorizati
      i32.const 0
      i64.const 5420248727565  ;; b'authorization'
      call $hdr_get
      i64.const 6
      i64.const 9223372036854775807
      call $str_substring
      call $b64_decode
      local.set $let_credentials_8
      (br_if $fail (i32.const 19) (global.get $rt_error))
      drop
      ;; edge-signals.pwf:20: if request.headers["authorization"].startsWith("Basic ") && 
      i32.const 0
      i64.const 5420248727565  ;; b'authorization'
      call $hdr_get
      i64.const 5476083302406  ;; b'Basic '
      call $str_starts_with
      (if (result i32)
        (then
          local.get $let_credentials_8
          i64.const 5501853106177  ;; b':'
          call $str_contains
        )
        (else
          i32.const 0
        )
      )
      local.set $t9
      (br_if $fail (i32.const 20) (global.get $rt_error))
      drop
      local.get $t9
      (if
        (then
          ;; edge-signals.pwf:21: set request.headers["x-user-name"] = credentials.substring(0
          local.get $let_credentials_8
          i64.const 0
          local.get $let_credentials_8
          i64.const 5501853106177  ;; b':'
          call $str_index_of
          call $str_substring
          call $str_strip_ctl
          local.set $t10
          (br_if $fail (i32.const 21) (global.get $rt_error))
          drop
          i32.const 0
          i64.const 5506148073483  ;; b'x-user-name'
          local.get $t10
          call $hdr_set_raw
          (br_if $fail (i32.const 21) (global.get $rt_error))
          drop
        )
      )
      ;; edge-signals.pwf:23: if "x-expires" in request.headers && timestamp(request.heade
      i32.const 0
      i64.const 5553392713737  ;; b'x-expires'
      call $hdr_has
      (if (result i32)
        (then
          i32.const 0
          i64.const 5553392713737  ;; b'x-expires'
          call $hdr_get
          call $ts_parse_rfc3339
          call $ts_now
          i64.lt_s
        )
        (else
          i32.const 0
        )
      )
      local.set $t11
      (br_if $fail (i32.const 23) (global.get $rt_error))
      drop
      local.get $t11
      (if
        (then
          ;; edge-signals.pwf:24: respond 410 "this link has expired"
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_1))
          i64.const 410
          i32.wrap_i64
          i64.const 5592047419413  ;; b'this link has expired'
          i32.const 0
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; edge-signals.pwf:26: if "x-tags" in request.headers {
      i32.const 0
      i64.const 5682241732614  ;; b'x-tags'
      call $hdr_has
      local.set $t12
      (br_if $fail (i32.const 26) (global.get $rt_error))
      drop
      local.get $t12
      (if
        (then
          ;; edge-signals.pwf:27: set request.headers["x-tags"] = request.headers["x-tags"].sp
          i32.const 0
          i64.const 5682241732614  ;; b'x-tags'
          call $hdr_get
          i64.const 5708011536385  ;; b','
          i64.const -1
          call $str_split
          (local.set $acc16 (i32.const 0))
          (local.tee $items14)
          (local.set $out17 (i32.const 0))
          (if (local.get $items14) (then (local.set $out17 (call $alloc (i32.add (i32.const 8) (i32.shl (i32.load (local.get $items14)) (i32.const 3)))))))
          local.set $items14
          (local.set $i15 (i32.const 0))
          (block $fold_done_i15
            (loop $fold_i15
              (br_if $fold_done_i15 (i32.eqz (local.get $items14)))
              (br_if $fold_done_i15 (i32.ge_u (local.get $i15) (i32.load (local.get $items14))))
              (local.set $item13 (i64.load offset=8 (i32.add (local.get $items14) (i32.mul (local.get $i15) (i32.const 8)))))
              (local.set $i15 (i32.add (local.get $i15) (i32.const 1)))
              local.get $item13
              call $str_trim
              i64.const 0
              call $str_eq
              i32.eqz
              (if
                (then
                  (local.get $out17)
                  (if
                    (then
                      (i32.add (local.get $out17) (i32.shl (local.get $acc16) (i32.const 3)))
                      local.get $item13
                      call $str_trim
                      call $str_lower_ascii
                      i64.store offset=8
                    )
                  )
                  (local.set $acc16 (i32.add (local.get $acc16) (i32.const 1)))
                )
              )
              (br_if $fold_done_i15 (global.get $rt_error))
              (br $fold_i15)
            )
          )
          (if (local.get $out17) (then (i32.store (local.get $out17) (local.get $acc16))))
          (select (local.get $out17) (i32.const 0) (local.get $acc16))
          i64.const 5708011536385  ;; b','
          call $list_join
          call $str_strip_ctl
          local.set $t18
          (br_if $fail (i32.const 27) (global.get $rt_error))
          drop
          i32.const 0
          i64.const 5682241732614  ;; b'x-tags'
          local.get $t18
          call $hdr_set_raw
          (br_if $fail (i32.const 27) (global.get $rt_error))
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
  (func $pwc_response (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $t0 i64)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    ;; zeros when the request phase never ran
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (i32.const 1024))))
    (block $fail (result i32)
      ;; edge-signals.pwf:32: set response.headers["x-path-digest"] = hex.encode(sha256(re
      (local.get $rec) (i64.load offset=0)
      call $sha256
      call $hex_encode
      i64.const 0
      i64.const 16
      call $str_substring
      call $str_strip_ctl
      local.set $t0
      (br_if $fail (i32.const 32) (global.get $rt_error))
      drop
      i32.const 2
      i64.const 5712306503693  ;; b'x-path-digest'
      local.get $t0
      call $hdr_set_raw
      (br_if $fail (i32.const 32) (global.get $rt_error))
      drop
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
    local.get $rec
    i32.const 0
    i64.const 5196910428165  ;; b':path'
    call $hdr_get_first
    call $str_pcopy
    (call $str_pfree (i64.load offset=0 (local.get $rec)))
    i64.store offset=0
  )
  (func $pwc_release (param $ctx i32)
    (local $rec i32)
    (local.set $rec (call $stream_take (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (return)))
    (call $str_pfree (i64.load offset=0 (local.get $rec)))
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
    (if (i32.eqz (call $config_is_empty (local.get $text)))
      (then
        (call $log (i32.const 4) (i64.const 5768141078595))
        (return (i32.const 0))
      )
    )
    (i32.const 1)
  )
  (func (export "proxy_on_context_create") (param $ctx i32) (param $parent i32)
    (if (local.get $parent) (then (drop (call $pwc_open_record (local.get $ctx) (local.get $parent)))))
  )
  (func $pwc_open_record (param $ctx i32) (param $parent i32) (result i32)
    (local $rec i32)
    (local.set $rec (call $record_open (local.get $ctx) (i32.const 8)))
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
  (global $pwc_metric_0 (mut i32) (i32.const -1))  ;; pwc.edge-signals.responded.line_17
  (global $pwc_metric_1 (mut i32) (i32.const -1))  ;; pwc.edge-signals.responded.line_24
  (global $pwc_metric_2 (mut i32) (i32.const -1))  ;; pwc.edge-signals.errors.line_8
  (global $pwc_metric_3 (mut i32) (i32.const -1))  ;; pwc.edge-signals.errors.line_9
  (global $pwc_metric_4 (mut i32) (i32.const -1))  ;; pwc.edge-signals.errors.line_10
  (global $pwc_metric_5 (mut i32) (i32.const -1))  ;; pwc.edge-signals.errors.line_13
  (global $pwc_metric_6 (mut i32) (i32.const -1))  ;; pwc.edge-signals.errors.line_14
  (global $pwc_metric_7 (mut i32) (i32.const -1))  ;; pwc.edge-signals.errors.line_16
  (global $pwc_metric_8 (mut i32) (i32.const -1))  ;; pwc.edge-signals.errors.line_19
  (global $pwc_metric_9 (mut i32) (i32.const -1))  ;; pwc.edge-signals.errors.line_20
  (global $pwc_metric_10 (mut i32) (i32.const -1))  ;; pwc.edge-signals.errors.line_21
  (global $pwc_metric_11 (mut i32) (i32.const -1))  ;; pwc.edge-signals.errors.line_23
  (global $pwc_metric_12 (mut i32) (i32.const -1))  ;; pwc.edge-signals.errors.line_26
  (global $pwc_metric_13 (mut i32) (i32.const -1))  ;; pwc.edge-signals.errors.line_27
  (global $pwc_metric_14 (mut i32) (i32.const -1))  ;; pwc.edge-signals.errors.line_32
  (func $pwc_define_metric (param $kind i32) (param $name i64) (result i32)
    (local $id i32)
    (local.set $id (call $metric_define (local.get $kind) (local.get $name)))
    ;; a metric Envoy refuses is not counted; the filter works on without it
    (if (i32.eq (local.get $id) (i32.const -1)) (then
      (memory.copy (i32.const 1448) (call $str_ptr (local.get $name)) (call $str_len (local.get $name)))
      (call $log (i32.const 3) (call $str_pack (i32.const 1410) (i32.add (i32.const 38) (call $str_len (local.get $name)))))
    ))
    (local.get $id)
  )
  (func $pwc_define_metrics
    (global.set $pwc_metric_0 (call $pwc_define_metric (i32.const 0) (i64.const 6365141532706)))
    (global.set $pwc_metric_1 (call $pwc_define_metric (i32.const 0) (i64.const 6511170420770)))
    (global.set $pwc_metric_2 (call $pwc_define_metric (i32.const 0) (i64.const 6657199308830)))
    (global.set $pwc_metric_3 (call $pwc_define_metric (i32.const 0) (i64.const 6786048327710)))
    (global.set $pwc_metric_4 (call $pwc_define_metric (i32.const 0) (i64.const 6914897346591)))
    (global.set $pwc_metric_5 (call $pwc_define_metric (i32.const 0) (i64.const 7048041332767)))
    (global.set $pwc_metric_6 (call $pwc_define_metric (i32.const 0) (i64.const 7181185318943)))
    (global.set $pwc_metric_7 (call $pwc_define_metric (i32.const 0) (i64.const 7314329305119)))
    (global.set $pwc_metric_8 (call $pwc_define_metric (i32.const 0) (i64.const 7447473291295)))
    (global.set $pwc_metric_9 (call $pwc_define_metric (i32.const 0) (i64.const 7580617277471)))
    (global.set $pwc_metric_10 (call $pwc_define_metric (i32.const 0) (i64.const 7713761263647)))
    (global.set $pwc_metric_11 (call $pwc_define_metric (i32.const 0) (i64.const 7846905249823)))
    (global.set $pwc_metric_12 (call $pwc_define_metric (i32.const 0) (i64.const 7980049235999)))
    (global.set $pwc_metric_13 (call $pwc_define_metric (i32.const 0) (i64.const 8113193222175)))
    (global.set $pwc_metric_14 (call $pwc_define_metric (i32.const 0) (i64.const 8246337208351)))
  )
  (func $pwc_count_error (param $line i32)
    (if (i32.eq (local.get $line) (i32.const 8)) (then (call $metric_increment (global.get $pwc_metric_2))))
    (if (i32.eq (local.get $line) (i32.const 9)) (then (call $metric_increment (global.get $pwc_metric_3))))
    (if (i32.eq (local.get $line) (i32.const 10)) (then (call $metric_increment (global.get $pwc_metric_4))))
    (if (i32.eq (local.get $line) (i32.const 13)) (then (call $metric_increment (global.get $pwc_metric_5))))
    (if (i32.eq (local.get $line) (i32.const 14)) (then (call $metric_increment (global.get $pwc_metric_6))))
    (if (i32.eq (local.get $line) (i32.const 16)) (then (call $metric_increment (global.get $pwc_metric_7))))
    (if (i32.eq (local.get $line) (i32.const 19)) (then (call $metric_increment (global.get $pwc_metric_8))))
    (if (i32.eq (local.get $line) (i32.const 20)) (then (call $metric_increment (global.get $pwc_metric_9))))
    (if (i32.eq (local.get $line) (i32.const 21)) (then (call $metric_increment (global.get $pwc_metric_10))))
    (if (i32.eq (local.get $line) (i32.const 23)) (then (call $metric_increment (global.get $pwc_metric_11))))
    (if (i32.eq (local.get $line) (i32.const 26)) (then (call $metric_increment (global.get $pwc_metric_12))))
    (if (i32.eq (local.get $line) (i32.const 27)) (then (call $metric_increment (global.get $pwc_metric_13))))
    (if (i32.eq (local.get $line) (i32.const 32)) (then (call $metric_increment (global.get $pwc_metric_14))))
  )
  (func $pwc_fail (param $line i32)
    (local $end i32) (local $message i64)
    (call $pwc_count_error (local.get $line))  ;; pwc.FILTER.errors.line_N
    (local.set $end (i32.add (i32.const 1999) (call $write_decimal (i32.const 1999) (local.get $line))))
    (i32.store16 (local.get $end) (i32.const 0x203a))  ;; ": "
    (if (i32.eq (global.get $rt_error) (i32.const 2)) (then (local.set $message (i64.const 8920647073808))))
    (if (i32.eq (global.get $rt_error) (i32.const 3)) (then (local.set $message (i64.const 8989366550544))))
    (if (i32.eq (global.get $rt_error) (i32.const 4)) (then (local.set $message (i64.const 9058086027277))))
    (if (i32.eq (global.get $rt_error) (i32.const 10)) (then (local.set $message (i64.const 9113920602178))))
    (memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message)) (call $str_len (local.get $message)))
    (call $log (i32.const 4) (call $str_pack (i32.const 1951) (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message))) (i32.const 1951))))
    (if (i32.eq (global.get $rt_error) (i32.const 10)) (then (call $send_error_reply (i32.const 400) (i64.const 9397388443660))) (else (call $send_error_reply (i32.const 500) (i64.const 9448928051225))))
    (global.set $rt_error (i32.const 0))
  )

  (data (i32.const 1032) "x-debug-content-lengthtransfer-encodingconnectionupgradetehostkeep-aliveproxy-connection\08\00\00\00\00\00\00\00\0e\00\00\00\10\04\00\00\11\00\00\00\1e\04\00\00\0a\00\00\00/\04\00\00\07\00\00\009\04\00\00\02\00\00\00@\04\00\00\04\00\00\00B\04\00\00\0a\00\00\00F\04\00\00\10\00\00\00P\04\00\00x-userx-canarytrue:path/admin10.0.0.0/8source\00addressadmin is internalauthorizationBasic :x-user-namex-expiresthis link has expiredx-tags,x-path-digestedge-signals: bad configuration: this filter takes no configurationedge-signals: could not define metric ")
  (data (i32.const 1482) "pwc.edge-signals.responded.line_17pwc.edge-signals.responded.line_24pwc.edge-signals.errors.line_8pwc.edge-signals.errors.line_9pwc.edge-signals.errors.line_10pwc.edge-signals.errors.line_13pwc.edge-signals.errors.line_14pwc.edge-signals.errors.line_16pwc.edge-signals.errors.line_19pwc.edge-signals.errors.line_20pwc.edge-signals.errors.line_21pwc.edge-signals.errors.line_23pwc.edge-signals.errors.line_26pwc.edge-signals.errors.line_27pwc.edge-signals.errors.line_32edge-signals: runtime error at edge-signals.pwf:")
  (data (i32.const 2077) "integer overflowdivision by zeroout of memoryrefused: the header name is not a token, or names a framing headerbad request\0ainternal error in filter\0a")
)
