;; codec.wat: the encoders and decoders of the language (base64, base64url,
;; hex, url; DESIGN.md "Encodings, hashes, time, networks").  Strings are
;; bytes (str.wat); encoders accept any bytes.  Decoders never fail on what a
;; client sent: malformed input decodes to "" and the `_valid` functions say
;; whether the input was well-formed.  The only error any of them raises is
;; $rt_error = 4 when scratch memory cannot hold the result (result "").
;; Each result is allocated once, at its exact size.

;; $b64_char: the base64 character for the low 6 bits of $v: RFC 4648
;; table 1 (A-Z a-z 0-9 + /), or table 2 (- _ for 62 and 63) when $url is 1.
;; Branch-free (random bytes would defeat a branch predictor): 'A' + v,
;; moved by a fixed amount past each boundary of the alphabet's ranges.
(func $b64_char (param $v i32) (param $url i32) (result i32)
  (local.set $v (i32.and (local.get $v) (i32.const 63)))
  (i32.add
    (i32.add (i32.add (local.get $v) (i32.const 65))                                  ;; A-Z
             (i32.sub (i32.mul (i32.gt_u (local.get $v) (i32.const 25)) (i32.const 6))  ;; a-z
                      (i32.mul (i32.gt_u (local.get $v) (i32.const 51)) (i32.const 75))))  ;; 0-9
    (i32.add (i32.mul (i32.gt_u (local.get $v) (i32.const 61))                          ;; '+' or '-'
                      (select (i32.const -13) (i32.const -15) (local.get $url)))
             (i32.mul (i32.gt_u (local.get $v) (i32.const 62))                          ;; '/' or '_'
                      (select (i32.const 49) (i32.const 3) (local.get $url))))))

;; $b64_value: the 6-bit value of base64 character $c (alphabet as in
;; $b64_char for $url), or -1 for any other byte ('=', whitespace, the other
;; alphabet's two symbols, bytes >= 0x80).
(func $b64_value (param $c i32) (param $url i32) (result i32)
  (if (i32.lt_u (i32.sub (local.get $c) (i32.const 65)) (i32.const 26))
    (then (return (i32.sub (local.get $c) (i32.const 65)))))
  (if (i32.lt_u (i32.sub (local.get $c) (i32.const 97)) (i32.const 26))
    (then (return (i32.sub (local.get $c) (i32.const 71)))))
  (if (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10))
    (then (return (i32.add (local.get $c) (i32.const 4)))))
  (if (i32.eq (local.get $c) (select (i32.const 0x2d) (i32.const 0x2b) (local.get $url)))
    (then (return (i32.const 62))))
  (if (i32.eq (local.get $c) (select (i32.const 0x5f) (i32.const 0x2f) (local.get $url)))
    (then (return (i32.const 63))))
  (i32.const -1))

;; $b64_encode_with: $s in base64 (RFC 4648 section 4, or section 5's URL
;; alphabet when $url is 1), with '=' padding to a multiple of 4 characters
;; when $pad is 1 and without it when 0.  "" gives "".
;; Errors: scratch full -> $rt_error = 4, result "".
(func $b64_encode_with (param $s i64) (param $url i32) (param $pad i32) (result i64)
  (local $src i32) (local $n i32) (local $rem i32) (local $end i32) (local $size i64)
  (local $out i32) (local $dst i32) (local $v i32)
  (local.set $n (call $str_len (local.get $s)))
  (if (i32.eqz (local.get $n)) (then (return (i64.const 0))))
  (local.set $rem (i32.rem_u (local.get $n) (i32.const 3)))
  ;; 4 characters per whole group of 3 bytes, then 4 (padded) or rem + 1
  (local.set $size (i64.add
    (i64.mul (i64.extend_i32_u (i32.div_u (local.get $n) (i32.const 3))) (i64.const 4))
    (i64.extend_i32_u (select (select (i32.const 4) (i32.add (local.get $rem) (i32.const 1)) (local.get $pad))
                              (i32.const 0) (local.get $rem)))))
  (if (i64.gt_u (local.get $size) (i64.const 0xFFFFFFFF))
    (then (global.set $rt_error (global.get $E_OUT_OF_MEMORY)) (return (i64.const 0))))
  (local.set $out (call $alloc (i32.wrap_i64 (local.get $size))))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (local.set $src (call $str_ptr (local.get $s)))
  (local.set $end (i32.add (local.get $src) (i32.sub (local.get $n) (local.get $rem))))
  (local.set $dst (local.get $out))
  (block $done
    (loop $groups
      (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
      (local.set $v (i32.or (i32.or (i32.shl (i32.load8_u (local.get $src)) (i32.const 16))
                                    (i32.shl (i32.load8_u offset=1 (local.get $src)) (i32.const 8)))
                            (i32.load8_u offset=2 (local.get $src))))
      ;; four characters in one little-endian store
      (i32.store (local.get $dst)
        (i32.or (i32.or (call $b64_char (i32.shr_u (local.get $v) (i32.const 18)) (local.get $url))
                        (i32.shl (call $b64_char (i32.shr_u (local.get $v) (i32.const 12)) (local.get $url))
                                 (i32.const 8)))
                (i32.or (i32.shl (call $b64_char (i32.shr_u (local.get $v) (i32.const 6)) (local.get $url))
                                 (i32.const 16))
                        (i32.shl (call $b64_char (local.get $v) (local.get $url)) (i32.const 24)))))
      (local.set $src (i32.add (local.get $src) (i32.const 3)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
      (br $groups)))
  (if (local.get $rem)
    (then
      (local.set $v (i32.shl (i32.load8_u (local.get $src)) (i32.const 16)))
      (if (i32.eq (local.get $rem) (i32.const 2))
        (then (local.set $v (i32.or (local.get $v) (i32.shl (i32.load8_u offset=1 (local.get $src)) (i32.const 8))))))
      (i32.store8 (local.get $dst) (call $b64_char (i32.shr_u (local.get $v) (i32.const 18)) (local.get $url)))
      (i32.store8 offset=1 (local.get $dst) (call $b64_char (i32.shr_u (local.get $v) (i32.const 12)) (local.get $url)))
      (if (i32.eq (local.get $rem) (i32.const 2))
        (then (i32.store8 offset=2 (local.get $dst)
                (call $b64_char (i32.shr_u (local.get $v) (i32.const 6)) (local.get $url))))
        (else (if (local.get $pad) (then (i32.store8 offset=2 (local.get $dst) (i32.const 0x3d))))))
      (if (local.get $pad) (then (i32.store8 offset=3 (local.get $dst) (i32.const 0x3d))))))
  (call $str_pack (local.get $out) (i32.wrap_i64 (local.get $size))))

;; $b64_encode: $s in standard base64 (RFC 4648 section 4: A-Z a-z 0-9 + /,
;; padded with '=' to a multiple of 4), as Python's base64.b64encode.
;; Errors: scratch full -> $rt_error = 4, result "".
(func $b64_encode (param $s i64) (result i64)
  (call $b64_encode_with (local.get $s) (i32.const 0) (i32.const 1)))

;; $b64url_encode: $s in base64url (RFC 4648 section 5: - and _ for + and /)
;; without padding, as JWTs use it (Python's base64.urlsafe_b64encode with
;; the trailing '=' removed).
;; Errors: scratch full -> $rt_error = 4, result "".
(func $b64url_encode (param $s i64) (result i64)
  (call $b64_encode_with (local.get $s) (i32.const 1) (i32.const 0)))

;; $b64_decoded_len: the number of bytes base64 text $s decodes to, or -1
;; when $s is malformed.  Well-formed means: only alphabet characters
;; ($b64_value with $url), then at most two '=' that complete the last group
;; of 4, so that the whole text is a multiple of 4 long when it has any '=';
;; without '=', a length that is a multiple of 4 when $need_pad is 1, and
;; any length but 4k+1 (a lone 6 bits is no byte) when $need_pad is 0.
;; No whitespace or newline anywhere.  The unused low bits of a last
;; partial group need not be zero ("YR==" is "a"), as Python and Go accept.
;; "" is well-formed and decodes to 0 bytes.
(func $b64_decoded_len (param $s i64) (param $url i32) (param $need_pad i32) (result i32)
  (local $p i32) (local $n i32) (local $d i32) (local $i i32)
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $n (call $str_len (local.get $s)))
  (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
  (local.set $d (local.get $n))
  (if (i32.eq (i32.load8_u (i32.add (local.get $p) (i32.sub (local.get $n) (i32.const 1)))) (i32.const 0x3d))
    (then
      (if (i32.and (local.get $n) (i32.const 3)) (then (return (i32.const -1))))
      (local.set $d (i32.sub (local.get $n) (i32.const 1)))
      ;; n >= 4 here, so byte n-2 exists; a third '=' fails the alphabet below
      (if (i32.eq (i32.load8_u (i32.add (local.get $p) (i32.sub (local.get $d) (i32.const 1)))) (i32.const 0x3d))
        (then (local.set $d (i32.sub (local.get $d) (i32.const 1))))))
    (else
      (if (i32.and (local.get $need_pad) (i32.ne (i32.and (local.get $n) (i32.const 3)) (i32.const 0)))
        (then (return (i32.const -1))))
      (if (i32.eq (i32.and (local.get $n) (i32.const 3)) (i32.const 1))
        (then (return (i32.const -1))))))
  (block $done
    (loop $chars
      (br_if $done (i32.ge_u (local.get $i) (local.get $d)))
      (if (i32.lt_s (call $b64_value (i32.load8_u (i32.add (local.get $p) (local.get $i))) (local.get $url))
                    (i32.const 0))
        (then (return (i32.const -1))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $chars)))
  ;; 3 bytes per group of 4; a last group of 2 or 3 characters gives 1 or 2
  (i32.add (i32.mul (i32.shr_u (local.get $d) (i32.const 2)) (i32.const 3))
           (select (i32.sub (i32.and (local.get $d) (i32.const 3)) (i32.const 1))
                   (i32.const 0)
                   (i32.and (local.get $d) (i32.const 3)))))

;; $b64_decode_with: the bytes of base64 text $s (rules of $b64_decoded_len
;; with $url and $need_pad); "" when $s is malformed (or empty).
;; Errors: scratch full -> $rt_error = 4, result "".
(func $b64_decode_with (param $s i64) (param $url i32) (param $need_pad i32) (result i64)
  (local $m i32) (local $out i32) (local $dst i32) (local $end i32) (local $src i32) (local $v i32)
  (local.set $m (call $b64_decoded_len (local.get $s) (local.get $url) (local.get $need_pad)))
  (if (i32.le_s (local.get $m) (i32.const 0)) (then (return (i64.const 0))))
  (local.set $out (call $alloc (local.get $m)))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (local.set $src (call $str_ptr (local.get $s)))
  (local.set $dst (local.get $out))
  ;; whole groups: 4 characters to 3 bytes
  (local.set $end (i32.add (local.get $out) (i32.mul (i32.div_u (local.get $m) (i32.const 3)) (i32.const 3))))
  (block $done
    (loop $groups
      (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
      (local.set $v (i32.or
        (i32.or (i32.shl (call $b64_value (i32.load8_u (local.get $src)) (local.get $url)) (i32.const 18))
                (i32.shl (call $b64_value (i32.load8_u offset=1 (local.get $src)) (local.get $url)) (i32.const 12)))
        (i32.or (i32.shl (call $b64_value (i32.load8_u offset=2 (local.get $src)) (local.get $url)) (i32.const 6))
                (call $b64_value (i32.load8_u offset=3 (local.get $src)) (local.get $url)))))
      (i32.store8 (local.get $dst) (i32.shr_u (local.get $v) (i32.const 16)))
      (i32.store8 offset=1 (local.get $dst) (i32.shr_u (local.get $v) (i32.const 8)))
      (i32.store8 offset=2 (local.get $dst) (local.get $v))
      (local.set $src (i32.add (local.get $src) (i32.const 4)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 3)))
      (br $groups)))
  ;; a last group of 2 or 3 characters: 1 or 2 bytes
  (if (i32.rem_u (local.get $m) (i32.const 3))
    (then
      (local.set $v (i32.or
        (i32.shl (call $b64_value (i32.load8_u (local.get $src)) (local.get $url)) (i32.const 18))
        (i32.shl (call $b64_value (i32.load8_u offset=1 (local.get $src)) (local.get $url)) (i32.const 12))))
      (i32.store8 (local.get $dst) (i32.shr_u (local.get $v) (i32.const 16)))
      (if (i32.eq (i32.rem_u (local.get $m) (i32.const 3)) (i32.const 2))
        (then
          (local.set $v (i32.or (local.get $v)
            (i32.shl (call $b64_value (i32.load8_u offset=2 (local.get $src)) (local.get $url)) (i32.const 6))))
          (i32.store8 offset=1 (local.get $dst) (i32.shr_u (local.get $v) (i32.const 8)))))))
  (call $str_pack (local.get $out) (local.get $m)))

;; $b64_decode: the bytes of standard base64 text $s, which must be padded
;; (RFC 4648 section 4); "" when malformed ($b64_valid says which).
;; Errors: scratch full -> $rt_error = 4, result "".
(func $b64_decode (param $s i64) (result i64)
  (call $b64_decode_with (local.get $s) (i32.const 0) (i32.const 1)))

;; $b64url_decode: the bytes of base64url text $s, padded or not ("YQ" and
;; "YQ==" both give "a"; "YQ=" is malformed); "" when malformed
;; ($b64url_valid says which).
;; Errors: scratch full -> $rt_error = 4, result "".
(func $b64url_decode (param $s i64) (result i64)
  (call $b64_decode_with (local.get $s) (i32.const 1) (i32.const 0)))

;; $b64_valid: 1 when $s is well-formed standard base64, else 0.  Strict,
;; as Python's base64.b64decode(s, validate=True): only A-Z a-z 0-9 + /, no
;; whitespace or newline, '=' only as the padding that completes the last
;; group of 4 (required).  Stricter than Python 3.11 in one place: '=' after a
;; complete group ("YWJj=", "YWJj====", which Python ignores) is malformed, as
;; RFC 4648 section 3.3 and Go's base64.StdEncoding have it.  Non-zero unused
;; bits in the last group are accepted, as both Python and Go accept them.
;; "" is valid.
(func $b64_valid (param $s i64) (result i32)
  (i32.ge_s (call $b64_decoded_len (local.get $s) (i32.const 0) (i32.const 1)) (i32.const 0)))

;; $b64url_valid: 1 when $s is well-formed base64url, else 0: as $b64_valid
;; with - and _ instead of + and /, and the padding optional (all of it or
;; none: the length is a multiple of 4 when there is any '=', never 4k+1).
(func $b64url_valid (param $s i64) (result i32)
  (i32.ge_s (call $b64_decoded_len (local.get $s) (i32.const 1) (i32.const 0)) (i32.const 0)))

;; $hex_lower_digit: the lower-case hex digit of the low 4 bits of $v.
(func $hex_lower_digit (param $v i32) (result i32)
  (local.set $v (i32.and (local.get $v) (i32.const 15)))
  (i32.add (local.get $v) (select (i32.const 0x30) (i32.const 0x57) (i32.lt_u (local.get $v) (i32.const 10)))))

;; $hex_encode: $s as lower-case hex, two digits per byte (Python's
;; bytes.hex()); "" gives "".
;; Errors: scratch full -> $rt_error = 4, result "".
(func $hex_encode (param $s i64) (result i64)
  (local $src i32) (local $end i32) (local $n i32) (local $out i32) (local $dst i32) (local $c i32)
  (local.set $n (call $str_len (local.get $s)))
  (if (i32.eqz (local.get $n)) (then (return (i64.const 0))))
  (if (i32.gt_u (local.get $n) (i32.const 0x7FFFFFFF))
    (then (global.set $rt_error (global.get $E_OUT_OF_MEMORY)) (return (i64.const 0))))
  (local.set $out (call $alloc (i32.shl (local.get $n) (i32.const 1))))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (local.set $src (call $str_ptr (local.get $s)))
  (local.set $end (i32.add (local.get $src) (local.get $n)))
  (local.set $dst (local.get $out))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
      (local.set $c (i32.load8_u (local.get $src)))
      (i32.store16 (local.get $dst)
        (i32.or (call $hex_lower_digit (i32.shr_u (local.get $c) (i32.const 4)))
                (i32.shl (call $hex_lower_digit (local.get $c)) (i32.const 8))))
      (local.set $src (i32.add (local.get $src) (i32.const 1)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 2)))
      (br $bytes)))
  (call $str_pack (local.get $out) (i32.shl (local.get $n) (i32.const 1))))

;; $hex_value: the value of hex digit $c (0-9, a-f, A-F), or -1.
(func $hex_value (param $c i32) (result i32)
  (if (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10))
    (then (return (i32.sub (local.get $c) (i32.const 48)))))
  (local.set $c (i32.or (local.get $c) (i32.const 0x20)))
  (if (i32.lt_u (i32.sub (local.get $c) (i32.const 97)) (i32.const 6))
    (then (return (i32.sub (local.get $c) (i32.const 87)))))
  (i32.const -1))

;; $url_encode: $s percent-encoded for any part of a URL: every byte but
;; RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~) becomes %XX with
;; upper-case hex (RFC 3986 section 2.1), space included (%20, never '+'),
;; as Python's urllib.parse.quote(s, safe=""); so the result is safe in a
;; path segment, a query name or value, a fragment or a header (stricter
;; than Go's url.PathEscape, which keeps sub-delims such as '+' ';' '=').
;; Result: $s itself when it has nothing to encode, else a new scratch string.
;; Errors: scratch full -> $rt_error = 4, result "".
(func $url_encode (param $s i64) (result i64)
  (local $count i32) (local $src i32) (local $end i32) (local $dst i32) (local $out i32) (local $c i32)
  (local $size i64)
  (local.set $count (call $count_outside (local.get $s) (i64.const 0x3ff600000000000) (i64.const 0x47fffffe87fffffe)))
  (if (i32.eqz (local.get $count)) (then (return (local.get $s))))
  (local.set $size (i64.add (i64.extend_i32_u (call $str_len (local.get $s)))
                            (i64.shl (i64.extend_i32_u (local.get $count)) (i64.const 1))))
  (if (i64.gt_u (local.get $size) (i64.const 0xFFFFFFFF))
    (then (global.set $rt_error (global.get $E_OUT_OF_MEMORY)) (return (i64.const 0))))
  (local.set $out (call $alloc (i32.wrap_i64 (local.get $size))))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (local.set $src (call $str_ptr (local.get $s)))
  (local.set $end (i32.add (local.get $src) (call $str_len (local.get $s))))
  (local.set $dst (local.get $out))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
      (local.set $c (i32.load8_u (local.get $src)))
      (if (call $byte_in (local.get $c) (i64.const 0x3ff600000000000) (i64.const 0x47fffffe87fffffe))
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
  (call $str_pack (local.get $out) (i32.wrap_i64 (local.get $size))))

;; $url_escapes: the number of %XX escapes in $s, or -1 when some '%' is not
;; followed by two hex digits (either case).
(func $url_escapes (param $s i64) (result i32)
  (local $p i32) (local $end i32) (local $count i32)
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $end (i32.add (local.get $p) (call $str_len (local.get $s))))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 0x25))
        (then
          (if (i32.lt_u (i32.sub (local.get $end) (local.get $p)) (i32.const 3)) (then (return (i32.const -1))))
          (if (i32.or (i32.lt_s (call $hex_value (i32.load8_u offset=1 (local.get $p))) (i32.const 0))
                      (i32.lt_s (call $hex_value (i32.load8_u offset=2 (local.get $p))) (i32.const 0)))
            (then (return (i32.const -1))))
          (local.set $count (i32.add (local.get $count) (i32.const 1)))
          (local.set $p (i32.add (local.get $p) (i32.const 2)))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $bytes)))
  (local.get $count))

;; $url_decode: $s with every %XX (hex digits of either case) replaced by
;; byte XX; every other byte, '+' included, stays as it is.  This is RFC
;; 3986 percent-decoding: Go's url.PathUnescape and Python's
;; urllib.parse.unquote_to_bytes, not QueryUnescape/unquote_plus.  Chosen
;; because it is the exact inverse of $url_encode (which writes a space as
;; %20 and '+' as %2B) and never changes a byte that was not escaped; '+' as
;; space is a rule of HTML form encoding, applied by the readers of query
;; parameters and forms, not by this function.  (cel-go has no url.decode.)
;; The result may be any bytes (not checked as UTF-8).  A '%' not followed
;; by two hex digits makes $s malformed: result "" ($url_valid says which).
;; Result: $s itself when it has no escape, else a new scratch string.
;; Errors: scratch full -> $rt_error = 4, result "".
(func $url_decode (param $s i64) (result i64)
  (local $count i32) (local $src i32) (local $end i32) (local $dst i32) (local $out i32) (local $n i32)
  (local.set $count (call $url_escapes (local.get $s)))
  (if (i32.lt_s (local.get $count) (i32.const 0)) (then (return (i64.const 0))))
  (if (i32.eqz (local.get $count)) (then (return (local.get $s))))
  (local.set $n (i32.sub (call $str_len (local.get $s)) (i32.shl (local.get $count) (i32.const 1))))
  (local.set $out (call $alloc (local.get $n)))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (local.set $src (call $str_ptr (local.get $s)))
  (local.set $end (i32.add (local.get $src) (call $str_len (local.get $s))))
  (local.set $dst (local.get $out))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
      (if (i32.eq (i32.load8_u (local.get $src)) (i32.const 0x25))
        (then
          (i32.store8 (local.get $dst)
            (i32.or (i32.shl (call $hex_value (i32.load8_u offset=1 (local.get $src))) (i32.const 4))
                    (call $hex_value (i32.load8_u offset=2 (local.get $src)))))
          (local.set $src (i32.add (local.get $src) (i32.const 3))))
        (else
          (i32.store8 (local.get $dst) (i32.load8_u (local.get $src)))
          (local.set $src (i32.add (local.get $src) (i32.const 1)))))
      (local.set $dst (i32.add (local.get $dst) (i32.const 1)))
      (br $bytes)))
  (call $str_pack (local.get $out) (local.get $n)))

;; $url_valid: 1 when every '%' of $s starts a %XX escape (two hex digits,
;; either case), else 0: exactly when $url_decode can decode it.  Other
;; bytes are not judged (a space or a byte >= 0x80 is not an error), as Go's
;; url.PathUnescape.  "" is valid.
(func $url_valid (param $s i64) (result i32)
  (i32.ge_s (call $url_escapes (local.get $s)) (i32.const 0)))
