;; jwt.wat: JSON Web Tokens in the compact form of RFC 7515 (JWS): three
;; segments of unpadded base64url (RFC 7515 section 2: no '=') joined by
;; two dots: header, payload (the claims), signature.  A token that is not
;; exactly that, or whose header or payload is not a JSON object (dyn.wat's
;; strict reader), is malformed: `jwt.decode` gives null and
;; `jwt.verify_hs256` false, never an error.

;; $jwt_payload: after $jwt_split succeeded, the decoded claims (a JSON object).
(global $jwt_payload (mut i64) (i64.const 0))

;; $jwt_header: after $jwt_split succeeded, the decoded header (a JSON object).
(global $jwt_header (mut i64) (i64.const 0))

;; $jwt_signature: after $jwt_split succeeded, the signature's raw bytes.
(global $jwt_signature (mut i64) (i64.const 0))

;; $jwt_signed: after $jwt_split succeeded, the signing input: the token up
;; to its second dot (header "." payload, as sent).
(global $jwt_signed (mut i64) (i64.const 0))

;; $jwt_segment: the bytes of the unpadded base64url segment [$p, $end), or
;; -1 when it is not one, or not the one encoding of its bytes (non-zero
;; unused bits in its last character): two texts of one signature would let
;; a token be altered and still verify.
(func $jwt_segment (param $p i32) (param $end i32) (result i64)
  (local $s i64) (local $bytes i64)
  (local.set $s (call $str_pack (local.get $p) (i32.sub (local.get $end) (local.get $p))))
  (if (i32.lt_u (call $byte_pos (local.get $p) (local.get $end) (i32.const 0x3d)) (local.get $end))
    (then (return (i64.const -1))))
  (if (i32.eqz (call $b64url_valid (local.get $s))) (then (return (i64.const -1))))
  (local.set $bytes (call $b64url_decode (local.get $s)))
  (if (i32.eqz (call $str_eq (call $b64url_encode (local.get $bytes)) (local.get $s))) (then (return (i64.const -1))))
  (local.get $bytes))

;; $jwt_json_object: the JSON object that bytes $s hold, or null (0).
(func $jwt_json_object (param $s i64) (result i64)
  (local $v i64)
  (if (i64.eq (local.get $s) (i64.const -1)) (then (return (i64.const 0))))
  (local.set $v (call $json_decode (local.get $s)))
  (if (i32.ne (call $dyn_kind (local.get $v)) (i32.const 6)) (then (return (i64.const 0))))
  (local.get $v))

;; $jwt_split: 1 when token $t is a well-formed compact JWS whose header and
;; payload are JSON objects, leaving its parts in the $jwt_* globals; else 0.
(func $jwt_split (param $t i64) (result i32)
  (local $p i32) (local $end i32) (local $dot1 i32) (local $dot2 i32)
  (local.set $p (call $str_ptr (local.get $t)))
  (local.set $end (i32.add (local.get $p) (call $str_len (local.get $t))))
  (local.set $dot1 (call $byte_pos (local.get $p) (local.get $end) (i32.const 0x2e)))
  (if (i32.ge_u (local.get $dot1) (local.get $end)) (then (return (i32.const 0))))
  (local.set $dot2 (call $byte_pos (i32.add (local.get $dot1) (i32.const 1)) (local.get $end) (i32.const 0x2e)))
  (if (i32.ge_u (local.get $dot2) (local.get $end)) (then (return (i32.const 0))))
  ;; a third dot: not a JWS (an encrypted JWE has five parts)
  (if (i32.lt_u (call $byte_pos (i32.add (local.get $dot2) (i32.const 1)) (local.get $end) (i32.const 0x2e))
                (local.get $end))
    (then (return (i32.const 0))))
  (global.set $jwt_header (call $jwt_json_object (call $jwt_segment (local.get $p) (local.get $dot1))))
  (global.set $jwt_payload (call $jwt_json_object
    (call $jwt_segment (i32.add (local.get $dot1) (i32.const 1)) (local.get $dot2))))
  (global.set $jwt_signature (call $jwt_segment (i32.add (local.get $dot2) (i32.const 1)) (local.get $end)))
  (global.set $jwt_signed (call $str_pack (local.get $p) (i32.sub (local.get $dot2) (local.get $p))))
  (i32.and (i32.and (i64.ne (global.get $jwt_header) (i64.const 0)) (i64.ne (global.get $jwt_payload) (i64.const 0)))
           (i64.ne (global.get $jwt_signature) (i64.const -1))))

;; $jwt_decode: `jwt.decode(token)`: the token's claims as a JSON value,
;; WITHOUT checking its signature; null when the token is malformed.
(func $jwt_decode (param $t i64) (result i64)
  (if (i32.eqz (call $jwt_split (local.get $t))) (then (return (i64.const 0))))
  (global.get $jwt_payload))

;; $jwt_verify_hs256: `jwt.verify_hs256(token, key)`: 1 when the token is
;; well-formed, its header says "alg": "HS256", and its signature is the
;; HMAC-SHA-256 of its signing input under $key (compared in constant time);
;; else 0.  An empty key verifies nothing (anyone can sign with it).  The
;; claims (exp, nbf, aud, ...) are the rule's to check.
(func $jwt_verify_hs256 (param $t i64) (param $key i64) (result i32)
  (local $alg i64)
  (if (i32.eqz (call $str_len (local.get $key))) (then (return (i32.const 0))))
  (if (i32.eqz (call $jwt_split (local.get $t))) (then (return (i32.const 0))))
  (local.set $alg (call $dyn_key (global.get $jwt_header) (call $jwt_text (i64.const 0x676c61) (i32.const 3))))
  (if (i32.eqz (call $dyn_eq_str (local.get $alg) (call $jwt_text (i64.const 0x3635325348) (i32.const 5))))
    (then (return (i32.const 0))))
  (call $same_32_bytes (call $hmac_sha256 (local.get $key) (global.get $jwt_signed)) (global.get $jwt_signature)))

;; $same_32_bytes: 1 when $a and $b are both 32 bytes long and equal; the
;; time taken does not depend on where they differ.
(func $same_32_bytes (param $a i64) (param $b i64) (result i32)
  (local $pa i32) (local $pb i32) (local $diff i64) (local $i i32)
  (if (i32.or (i32.ne (call $str_len (local.get $a)) (i32.const 32)) (i32.ne (call $str_len (local.get $b)) (i32.const 32)))
    (then (return (i32.const 0))))
  (local.set $pa (call $str_ptr (local.get $a)))
  (local.set $pb (call $str_ptr (local.get $b)))
  (loop $words
    (local.set $diff (i64.or (local.get $diff)
      (i64.xor (i64.load (i32.add (local.get $pa) (local.get $i))) (i64.load (i32.add (local.get $pb) (local.get $i))))))
    (local.set $i (i32.add (local.get $i) (i32.const 8)))
    (br_if $words (i32.lt_u (local.get $i) (i32.const 32))))
  (i64.eqz (local.get $diff)))

;; $jwt_text: the $n (at most 8) low bytes of $bytes, first byte lowest, as
;; a new string in scratch (the header's "alg" and "HS256").
(func $jwt_text (param $bytes i64) (param $n i32) (result i64)
  (local $p i32)
  (local.set $p (call $alloc (i32.const 8)))
  (if (i32.eqz (local.get $p)) (then (return (i64.const 0))))
  (i64.store (local.get $p) (local.get $bytes))
  (call $str_pack (local.get $p) (local.get $n)))
