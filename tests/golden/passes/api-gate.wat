;; generated
  (func $pwc_request (param $ctx i32) (result i32)
    (local $rec i32) (local $line i32) (local $call i32) (local $config i32)
    (local $t0 i32)
    (local $t1 i32)
    (local $t2 i32)
    (local $t3 i32)
    (local $let_user_4 i64)
    (local $t5 i64)
    (local $t6 i64)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (call $pwc_open_record (local.get $ctx) (i32.const 0)))))
    (if (i32.eqz (local.get $rec)) (then (call $pwc_fail (i32.const 0)) (return (i32.const 1))))
    (block $fail (result i32)
      ;; api-gate.pwf:7: set request.headers["x-filter"] = "api-gate"
      i32.const 0
      i64.const 4432406249480  ;; b'x-filter'
      i64.const 4466765987848  ;; b'api-gate'
      call $hdr_set_raw
      (br_if $fail (i32.const 7) (global.get $rt_error))
      drop
      ;; api-gate.pwf:8: remove request.headers["x-internal-token"]
      i32.const 0
      i64.const 4501125726224  ;; b'x-internal-token'
      call $hdr_remove_raw
      (br_if $fail (i32.const 8) (global.get $rt_error))
      drop
      ;; api-gate.pwf:10: if !(request.method in ["GET", "HEAD", "POST"]) {
      i32.const 1080
      i32.const 0
      i64.const 4776003633159  ;; b':method'
      call $hdr_get_first
      call $list_contains
      i32.eqz
      local.set $t0
      (br_if $fail (i32.const 10) (global.get $rt_error))
      drop
      local.get $t0
      (if
        (then
          ;; api-gate.pwf:11: respond 405 "method not allowed" headers {"allow": "GET, HEA
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_0))
          i64.const 405
          i32.wrap_i64
          i64.const 4806068404242  ;; b'method not allowed'
          i32.const 1160
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; api-gate.pwf:14: if request.url_path.startsWith("/public") {
      i32.const 0
      i64.const 5085241278469  ;; b':path'
      call $hdr_get_first
      call $url_path_of
      i64.const 5106716114951  ;; b'/public'
      call $str_starts_with
      local.set $t1
      (br_if $fail (i32.const 14) (global.get $rt_error))
      drop
      local.get $t1
      (if
        (then
          ;; api-gate.pwf:15: continue
          (call $pwc_snapshot (local.get $ctx))
          (return (i32.const 0))
        )
      )
      ;; api-gate.pwf:18: if !("authorization" in request.headers) {
      i32.const 0
      i64.const 5136780886029  ;; b'authorization'
      call $hdr_has
      i32.eqz
      local.set $t2
      (br_if $fail (i32.const 18) (global.get $rt_error))
      drop
      local.get $t2
      (if
        (then
          ;; api-gate.pwf:19: respond 401 "missing credentials" headers {"www-authenticate
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_1))
          i64.const 401
          i32.wrap_i64
          i64.const 5192615460883  ;; b'missing credentials'
          i32.const 1256
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; api-gate.pwf:21: if !request.headers["authorization"].startsWith("Bearer ") {
      i32.const 0
      i64.const 5136780886029  ;; b'authorization'
      call $hdr_get
      i64.const 5497558138887  ;; b'Bearer '
      call $str_starts_with
      i32.eqz
      local.set $t3
      (br_if $fail (i32.const 21) (global.get $rt_error))
      drop
      local.get $t3
      (if
        (then
          ;; api-gate.pwf:22: respond 401 "unsupported credentials" headers {"www-authenti
          (call $pwc_snapshot (local.get $ctx))
          (call $metric_increment (global.get $pwc_metric_2))
          i64.const 401
          i32.wrap_i64
          i64.const 5527622909975  ;; b'unsupported credentials'
          i32.const 1256
          call $send_local_reply
          (return (i32.const 1))
        )
      )
      ;; api-gate.pwf:25: let user = request.headers["authorization"].trim()
      i32.const 0
      i64.const 5136780886029  ;; b'authorization'
      call $hdr_get
      call $str_trim
      local.set $let_user_4
      (br_if $fail (i32.const 25) (global.get $rt_error))
      drop
      ;; api-gate.pwf:26: set request.headers["x-user-token-length"] = string(size(use
      local.get $let_user_4
      call $str_size
      call $i64_to_str
      call $str_strip_ctl
      local.set $t5
      (br_if $fail (i32.const 26) (global.get $rt_error))
      drop
      i32.const 0
      i64.const 5626407157779  ;; b'x-user-token-length'
      local.get $t5
      call $hdr_set_raw
      (br_if $fail (i32.const 26) (global.get $rt_error))
      drop
      ;; api-gate.pwf:27: log info "allowed " + request.method + " " + request.url_pat
      i64.const 5708011536392  ;; b'allowed '
      i32.const 0
      i64.const 4776003633159  ;; b':method'
      call $hdr_get_first
      call $str_concat
      i64.const 5742371274753  ;; b' '
      call $str_concat
      i32.const 0
      i64.const 5085241278469  ;; b':path'
      call $hdr_get_first
      call $url_path_of
      call $str_concat
      local.set $t6
      (br_if $fail (i32.const 27) (global.get $rt_error))
      drop
      i32.const 2
      local.get $t6
      call $log
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
    (local $t0 i32)
    ;; the stream's record (opened in proxy_on_context_create): what outlives a callback
    (local.set $rec (call $stream_get (local.get $ctx)))
    ;; zeros when the request phase never ran
    (if (i32.eqz (local.get $rec)) (then (local.set $rec (i32.const 1024))))
    (block $fail (result i32)
      ;; api-gate.pwf:31: set response.headers["x-served-by"] = "pwc"
      i32.const 2
      i64.const 5746666242059  ;; b'x-served-by'
      i64.const 5793910882307  ;; b'pwc'
      call $hdr_set_raw
      (br_if $fail (i32.const 31) (global.get $rt_error))
      drop
      ;; api-gate.pwf:32: if request.url_path.startsWith("/api") {
      (local.get $rec) (i64.load offset=0)
      i64.const 5806795784196  ;; b'/api'
      call $str_starts_with
      local.set $t0
      (br_if $fail (i32.const 32) (global.get $rt_error))
      drop
      local.get $t0
      (if
        (then
          ;; api-gate.pwf:33: set response.headers["cache-control"] = "no-store"
          i32.const 2
          i64.const 5823975653389  ;; b'cache-control'
          i64.const 5879810228232  ;; b'no-store'
          call $hdr_set_raw
          (br_if $fail (i32.const 33) (global.get $rt_error))
          drop
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
    local.get $rec
    i32.const 0
    i64.const 5085241278469  ;; b':path'
    call $hdr_get_first
    call $url_path_of
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
        (call $log (i32.const 4) (i64.const 5914169966655))
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
  (global $pwc_metric_0 (mut i32) (i32.const -1))  ;; pwc.api-gate.responded.line_11
  (global $pwc_metric_1 (mut i32) (i32.const -1))  ;; pwc.api-gate.responded.line_19
  (global $pwc_metric_2 (mut i32) (i32.const -1))  ;; pwc.api-gate.responded.line_22
  (global $pwc_metric_3 (mut i32) (i32.const -1))  ;; pwc.api-gate.errors.line_7
  (global $pwc_metric_4 (mut i32) (i32.const -1))  ;; pwc.api-gate.errors.line_8
  (global $pwc_metric_5 (mut i32) (i32.const -1))  ;; pwc.api-gate.errors.line_10
  (global $pwc_metric_6 (mut i32) (i32.const -1))  ;; pwc.api-gate.errors.line_14
  (global $pwc_metric_7 (mut i32) (i32.const -1))  ;; pwc.api-gate.errors.line_18
  (global $pwc_metric_8 (mut i32) (i32.const -1))  ;; pwc.api-gate.errors.line_21
  (global $pwc_metric_9 (mut i32) (i32.const -1))  ;; pwc.api-gate.errors.line_25
  (global $pwc_metric_10 (mut i32) (i32.const -1))  ;; pwc.api-gate.errors.line_26
  (global $pwc_metric_11 (mut i32) (i32.const -1))  ;; pwc.api-gate.errors.line_27
  (global $pwc_metric_12 (mut i32) (i32.const -1))  ;; pwc.api-gate.errors.line_31
  (global $pwc_metric_13 (mut i32) (i32.const -1))  ;; pwc.api-gate.errors.line_32
  (global $pwc_metric_14 (mut i32) (i32.const -1))  ;; pwc.api-gate.errors.line_33
  (func $pwc_define_metric (param $kind i32) (param $name i64) (result i32)
    (local $id i32)
    (local.set $id (call $metric_define (local.get $kind) (local.get $name)))
    ;; a metric Envoy refuses is not counted; the filter works on without it
    (if (i32.eq (local.get $id) (i32.const -1)) (then
      (memory.copy (i32.const 1474) (call $str_ptr (local.get $name)) (call $str_len (local.get $name)))
      (call $log (i32.const 3) (call $str_pack (i32.const 1440) (i32.add (i32.const 34) (call $str_len (local.get $name)))))
    ))
    (local.get $id)
  )
  (func $pwc_define_metrics
    (global.set $pwc_metric_0 (call $pwc_define_metric (i32.const 0) (i64.const 6459630813214)))
    (global.set $pwc_metric_1 (call $pwc_define_metric (i32.const 0) (i64.const 6588479832094)))
    (global.set $pwc_metric_2 (call $pwc_define_metric (i32.const 0) (i64.const 6717328850974)))
    (global.set $pwc_metric_3 (call $pwc_define_metric (i32.const 0) (i64.const 6846177869850)))
    (global.set $pwc_metric_4 (call $pwc_define_metric (i32.const 0) (i64.const 6957847019546)))
    (global.set $pwc_metric_5 (call $pwc_define_metric (i32.const 0) (i64.const 7069516169243)))
    (global.set $pwc_metric_6 (call $pwc_define_metric (i32.const 0) (i64.const 7185480286235)))
    (global.set $pwc_metric_7 (call $pwc_define_metric (i32.const 0) (i64.const 7301444403227)))
    (global.set $pwc_metric_8 (call $pwc_define_metric (i32.const 0) (i64.const 7417408520219)))
    (global.set $pwc_metric_9 (call $pwc_define_metric (i32.const 0) (i64.const 7533372637211)))
    (global.set $pwc_metric_10 (call $pwc_define_metric (i32.const 0) (i64.const 7649336754203)))
    (global.set $pwc_metric_11 (call $pwc_define_metric (i32.const 0) (i64.const 7765300871195)))
    (global.set $pwc_metric_12 (call $pwc_define_metric (i32.const 0) (i64.const 7881264988187)))
    (global.set $pwc_metric_13 (call $pwc_define_metric (i32.const 0) (i64.const 7997229105179)))
    (global.set $pwc_metric_14 (call $pwc_define_metric (i32.const 0) (i64.const 8113193222171)))
  )
  (func $pwc_count_error (param $line i32)
    (if (i32.eq (local.get $line) (i32.const 7)) (then (call $metric_increment (global.get $pwc_metric_3))))
    (if (i32.eq (local.get $line) (i32.const 8)) (then (call $metric_increment (global.get $pwc_metric_4))))
    (if (i32.eq (local.get $line) (i32.const 10)) (then (call $metric_increment (global.get $pwc_metric_5))))
    (if (i32.eq (local.get $line) (i32.const 14)) (then (call $metric_increment (global.get $pwc_metric_6))))
    (if (i32.eq (local.get $line) (i32.const 18)) (then (call $metric_increment (global.get $pwc_metric_7))))
    (if (i32.eq (local.get $line) (i32.const 21)) (then (call $metric_increment (global.get $pwc_metric_8))))
    (if (i32.eq (local.get $line) (i32.const 25)) (then (call $metric_increment (global.get $pwc_metric_9))))
    (if (i32.eq (local.get $line) (i32.const 26)) (then (call $metric_increment (global.get $pwc_metric_10))))
    (if (i32.eq (local.get $line) (i32.const 27)) (then (call $metric_increment (global.get $pwc_metric_11))))
    (if (i32.eq (local.get $line) (i32.const 31)) (then (call $metric_increment (global.get $pwc_metric_12))))
    (if (i32.eq (local.get $line) (i32.const 32)) (then (call $metric_increment (global.get $pwc_metric_13))))
    (if (i32.eq (local.get $line) (i32.const 33)) (then (call $metric_increment (global.get $pwc_metric_14))))
  )
  (func $pwc_fail (param $line i32)
    (local $end i32) (local $message i64)
    (call $pwc_count_error (local.get $line))  ;; pwc.FILTER.errors.line_N
    (local.set $end (i32.add (i32.const 1956) (call $write_decimal (i32.const 1956) (local.get $line))))
    (i32.store16 (local.get $end) (i32.const 0x203a))  ;; ": "
    (if (i32.eq (global.get $rt_error) (i32.const 4)) (then (local.set $message (i64.const 8508330213389))))
    (memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message)) (call $str_len (local.get $message)))
    (call $log (i32.const 4) (call $str_pack (i32.const 1916) (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message))) (i32.const 1916))))
    (call $send_error_reply (i32.const 500) (i64.const 8564164788249))
    (global.set $rt_error (i32.const 0))
  )

  (data (i32.const 1032) "x-filterapi-gatex-internal-tokenGETHEADPOST\00\00\00\00\00\03\00\00\00\00\00\00\00\03\00\00\00(\04\00\00\04\00\00\00+\04\00\00\04\00\00\00/\04\00\00:methodmethod not allowedallowGET, HEAD, POST\00\00\00\01\00\00\00\00\00\00\00\05\00\00\00q\04\00\00\0f\00\00\00v\04\00\00:path/publicauthorizationmissing credentialswww-authenticateBearer\00\00\00\00\00\00\01\00\00\00\00\00\00\00\10\00\00\00\cc\04\00\00\06\00\00\00\dc\04\00\00Bearer unsupported credentialsx-user-token-lengthallowed  x-served-bypwc/apicache-controlno-storeapi-gate: bad configuration: this filter takes no configurationapi-gate: could not define metric ")
  (data (i32.const 1504) "pwc.api-gate.responded.line_11pwc.api-gate.responded.line_19pwc.api-gate.responded.line_22pwc.api-gate.errors.line_7pwc.api-gate.errors.line_8pwc.api-gate.errors.line_10pwc.api-gate.errors.line_14pwc.api-gate.errors.line_18pwc.api-gate.errors.line_21pwc.api-gate.errors.line_25pwc.api-gate.errors.line_26pwc.api-gate.errors.line_27pwc.api-gate.errors.line_31pwc.api-gate.errors.line_32pwc.api-gate.errors.line_33api-gate: runtime error at api-gate.pwf:")
  (data (i32.const 1981) "out of memoryinternal error in filter\0a")
)
