;; target.wat: what a computed value must be before it reaches a request
;; line or a header name.  Envoy forwards what a filter writes into `:path`,
;; `:method` and `:authority` verbatim to an HTTP/1 upstream, and a header
;; named `content-length` or `transfer-encoding` changes how the message is
;; framed: a value that would do either is refused here (the caller's check
;; turns the error into the filter's 400, compiler/layout.py).
;; Byte sets are two i64 bitmaps: bit c of $lo for c < 64, bit c-64 of $hi
;; for 64 <= c < 128; no byte >= 0x80 is in a set.  compiler/targets.py holds
;; the same sets as Python text, and tests/unit checks one against the other.

;; $E_BAD_PATH: RuntimeErrorCode.BAD_PATH.
(global $E_BAD_PATH i32 (i32.const 7))

;; $E_BAD_METHOD: RuntimeErrorCode.BAD_METHOD.
(global $E_BAD_METHOD i32 (i32.const 8))

;; $E_BAD_AUTHORITY: RuntimeErrorCode.BAD_AUTHORITY.
(global $E_BAD_AUTHORITY i32 (i32.const 9))

;; $E_BAD_HEADER_NAME: RuntimeErrorCode.BAD_HEADER_NAME.
(global $E_BAD_HEADER_NAME i32 (i32.const 10))

;; $MAX_AUTHORITY: targets.MAX_AUTHORITY, the longest host[:port] written.
(global $MAX_AUTHORITY i32 (i32.const 512))

;; $byte_in: 1 when byte $c is in the set ($lo, $hi), else 0.
(func $byte_in (param $c i32) (param $lo i64) (param $hi i64) (result i32)
  (if (i32.lt_u (local.get $c) (i32.const 64))
    (then (return (i32.wrap_i64 (i64.and (i64.shr_u (local.get $lo) (i64.extend_i32_u (local.get $c)))
                                         (i64.const 1))))))
  (if (i32.lt_u (local.get $c) (i32.const 128))
    (then (return (i32.wrap_i64 (i64.and (i64.shr_u (local.get $hi) (i64.extend_i32_u
                                           (i32.sub (local.get $c) (i32.const 64))))
                                         (i64.const 1))))))
  (i32.const 0))

;; $count_outside: how many bytes of $s are not in the set ($lo, $hi).
(func $count_outside (param $s i64) (param $lo i64) (param $hi i64) (result i32)
  (local $p i32) (local $end i32) (local $count i32)
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $end (i32.add (local.get $p) (call $str_len (local.get $s))))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (if (i32.eqz (call $byte_in (i32.load8_u (local.get $p)) (local.get $lo) (local.get $hi)))
        (then (local.set $count (i32.add (local.get $count) (i32.const 1)))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $bytes)))
  (local.get $count))

;; $hex_digit: the upper-case hex digit of the low 4 bits of $v.
(func $hex_digit (param $v i32) (result i32)
  (local.set $v (i32.and (local.get $v) (i32.const 15)))
  (i32.add (local.get $v) (select (i32.const 0x30) (i32.const 0x37) (i32.lt_u (local.get $v) (i32.const 10)))))

;; $request_target: $s as a `:path`: it must start with '/'; every byte
;; outside targets.PATH_BYTES (space, tab, control bytes, '#', '"', '<',
;; '>', '\', '^', '`', '{', '|', '}', DEL, bytes >= 0x80) is written %XX,
;; so what reaches the upstream is one request target.  Existing %XX stay.
;; Result: $s itself when nothing needs encoding, else a new scratch string.
;; Errors: not starting with '/' -> $rt_error = $E_BAD_PATH, result "";
;; scratch full -> $rt_error = 4, result "".
(func $request_target (param $s i64) (result i64)
  (local $count i32) (local $src i32) (local $end i32) (local $dst i32) (local $out i32) (local $c i32)
  (drop (call $path_leading_slash (local.get $s)))
  (if (global.get $rt_error) (then (return (i64.const 0))))
  (local.set $count (call $count_outside (local.get $s) (i64.const 0xaffffff200000000) (i64.const 0x47fffffe87ffffff)))
  (if (i32.eqz (local.get $count)) (then (return (local.get $s))))
  (local.set $out (call $alloc (i32.add (call $str_len (local.get $s)) (i32.shl (local.get $count) (i32.const 1)))))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (local.set $src (call $str_ptr (local.get $s)))
  (local.set $end (i32.add (local.get $src) (call $str_len (local.get $s))))
  (local.set $dst (local.get $out))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
      (local.set $c (i32.load8_u (local.get $src)))
      (if (call $byte_in (local.get $c) (i64.const 0xaffffff200000000) (i64.const 0x47fffffe87ffffff))
        (then
          (i32.store8 (local.get $dst) (local.get $c))
          (local.set $dst (i32.add (local.get $dst) (i32.const 1))))
        (else
          (i32.store8 (local.get $dst) (i32.const 0x25))
          (i32.store8 offset=1 (local.get $dst) (call $hex_digit (i32.shr_u (local.get $c) (i32.const 4))))
          (i32.store8 offset=2 (local.get $dst) (call $hex_digit (local.get $c)))
          (local.set $dst (i32.add (local.get $dst) (i32.const 3)))))
      (local.set $src (i32.add (local.get $src) (i32.const 1)))
      (br $bytes)))
  (call $str_pack (local.get $out) (i32.sub (local.get $dst) (local.get $out))))

;; $path_leading_slash: $s as a `:path` made only of bytes that were
;; already in a request target (the old path, rearranged by a `rewrite` whose
;; template bytes are path bytes): only the leading '/' needs checking.
;; Result: $s.  Errors: not starting with '/' -> $rt_error = $E_BAD_PATH, result "".
(func $path_leading_slash (param $s i64) (result i64)
  (if (i32.or (i32.eqz (call $str_len (local.get $s)))
              (i32.ne (i32.load8_u (call $str_ptr (local.get $s))) (i32.const 0x2f)))
    (then (global.set $rt_error (global.get $E_BAD_PATH)) (return (i64.const 0))))
  (local.get $s))

;; $method_token: $s as a `:method`: one or more bytes of targets.TOKEN_BYTES.
;; Result: $s.  Errors: anything else -> $rt_error = $E_BAD_METHOD, result "".
(func $method_token (param $s i64) (result i64)
  (if (i32.or (i32.eqz (call $str_len (local.get $s)))
              (call $count_outside (local.get $s) (i64.const 0x3ff6cfa00000000) (i64.const 0x57ffffffc7fffffe)))
    (then (global.set $rt_error (global.get $E_BAD_METHOD)) (return (i64.const 0))))
  (local.get $s))

;; $authority_value: $s as a `:authority`: host[:port], one to $MAX_AUTHORITY
;; bytes of targets.AUTHORITY_BYTES (no '@', '/', space or control byte).
;; Result: $s.  Errors: anything else -> $rt_error = $E_BAD_AUTHORITY, result "".
(func $authority_value (param $s i64) (result i64)
  (if (i32.or (i32.or (i32.eqz (call $str_len (local.get $s)))
                      (i32.gt_u (call $str_len (local.get $s)) (global.get $MAX_AUTHORITY)))
              (call $count_outside (local.get $s) (i64.const 0x2fff7ff200000000) (i64.const 0x47fffffeaffffffe)))
    (then (global.set $rt_error (global.get $E_BAD_AUTHORITY)) (return (i64.const 0))))
  (local.get $s))

;; $header_name_value: $name as the name of a header write: an HTTP token
;; (so never a pseudo-header, whose ':' is not a token byte) that is not in
;; list $framing (targets.FRAMING_HEADERS, compared ignoring ASCII case).
;; "" passes: writing a header with no name does nothing.
;; Result: $name.  Errors: anything else -> $rt_error = $E_BAD_HEADER_NAME, result "".
(func $header_name_value (param $name i64) (param $framing i32) (result i64)
  (local $item i32) (local $end i32) (local $n i32)
  (local.set $n (call $str_len (local.get $name)))
  (if (i32.eqz (local.get $n)) (then (return (i64.const 0))))
  (if (call $count_outside (local.get $name) (i64.const 0x3ff6cfa00000000) (i64.const 0x57ffffffc7fffffe))
    (then (global.set $rt_error (global.get $E_BAD_HEADER_NAME)) (return (i64.const 0))))
  (local.set $item (i32.add (local.get $framing) (i32.const 8)))
  (local.set $end (i32.add (local.get $item) (i32.shl (i32.load (local.get $framing)) (i32.const 3))))
  (block $done
    (loop $items
      (br_if $done (i32.ge_u (local.get $item) (local.get $end)))
      (if (i32.and (i32.eq (call $str_len (i64.load (local.get $item))) (local.get $n))
                   (call $mem_eq_ci (call $str_ptr (i64.load (local.get $item))) (call $str_ptr (local.get $name))
                                    (local.get $n)))
        (then (global.set $rt_error (global.get $E_BAD_HEADER_NAME)) (return (i64.const 0))))
      (local.set $item (i32.add (local.get $item) (i32.const 8)))
      (br $items)))
  (local.get $name))

;; $header_map_value: map $headers as the headers of a local reply or a
;; call: every key must be non-empty and pass $header_name_value.
;; Result: $headers.
;; Errors: a key that does not -> $rt_error = $E_BAD_HEADER_NAME, result 0.
(func $header_map_value (param $headers i32) (param $framing i32) (result i32)
  (local $entry i32) (local $end i32)
  (if (i32.eqz (local.get $headers)) (then (return (i32.const 0))))
  (local.set $entry (i32.add (local.get $headers) (i32.const 8)))
  (local.set $end (i32.add (local.get $entry) (i32.shl (i32.load (local.get $headers)) (i32.const 4))))
  (block $done
    (loop $entries
      (br_if $done (i32.ge_u (local.get $entry) (local.get $end)))
      (if (i32.eqz (call $str_len (i64.load (local.get $entry))))
        (then (global.set $rt_error (global.get $E_BAD_HEADER_NAME)) (return (i32.const 0))))
      (drop (call $header_name_value (i64.load (local.get $entry)) (local.get $framing)))
      (if (global.get $rt_error) (then (return (i32.const 0))))
      (local.set $entry (i32.add (local.get $entry) (i32.const 16)))
      (br $entries)))
  (local.get $headers))
