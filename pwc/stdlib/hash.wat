;; hash.wat: the hashes of the language (DESIGN.md "Encodings, hashes, time,
;; networks"): SHA-1, SHA-256, SHA-512 (FIPS 180-4) and their HMACs (RFC
;; 2104), each giving the raw digest bytes as a string; CRC-32 and FNV-1a,
;; giving non-negative ints for bucketing.  Inputs may be any bytes and any
;; length (bodies of several MiB): a hash reads its input in place and uses a
;; fixed-size work area in scratch memory (a "context", below) that it gives
;; back before returning, so what stays allocated is the digest only.  The
;; only error is $rt_error = 4 when scratch cannot hold the context (result "").
;;
;; Context layout (offsets from its start; the SHA-1 and SHA-256 parts use
;; 4-byte words, SHA-512's 8-byte words):
;;     0 ..   63  the chaining state H (5, 8 or 8 words)
;;    64 ..  703  the round constants K (64 or 80 words; SHA-1 has 4, inline)
;;   704 .. 1343  the message schedule W (64 or 80 words)
;;  1344 .. 1599  the padded last one or two blocks
;;  1600 .. 1727  the HMAC key block (K0 XOR ipad / opad)
;; The stdlib has no data segments, so $sha256_init and $sha512_init write K
;; from code, computed when this file was written from FIPS 180-4 section
;; 4.2 (first bits of the fractional parts of the cube roots of the first
;; 64 / 80 primes); the tests check every digest against hashlib.
;; Cost on 64 KiB (wasm instructions per byte, wasmtime fuel; the test
;; test_cost_per_byte_on_64_kib keeps it): SHA-1 103, SHA-256 121, SHA-512
;; 78, CRC-32 26, FNV-1a 17; an HMAC adds two or three blocks.  The rounds
;; are a loop with the working variables shifted each round, not unrolled.

;; $md_ctx_alloc: scratch for a digest of up to 64 bytes followed by a hash
;; context (1728 bytes, layout above).  Result: the digest's address; the
;; context is at result + 64.
;; Errors: scratch full -> $rt_error = 4, result 0.
(func $md_ctx_alloc (result i32)
  (call $alloc (i32.const 1792)))

;; $md_ctx_release: give back the context allocated with digest $out,
;; keeping the first $keep bytes (the digest).  Only valid when nothing was
;; allocated after it, as in the hash functions here.
(func $md_ctx_release (param $out i32) (param $keep i32)
  (global.set $scratch_top (i32.add (local.get $out) (local.get $keep))))

;; $md_be32: $x with its 4 bytes reversed (big-endian <-> little-endian).
(func $md_be32 (param $x i32) (result i32)
  (i32.or (i32.and (i32.rotl (local.get $x) (i32.const 8)) (i32.const 0x00FF00FF))
          (i32.and (i32.rotr (local.get $x) (i32.const 8)) (i32.const 0xFF00FF00))))

;; $md_be64: $x with its 8 bytes reversed (big-endian <-> little-endian).
(func $md_be64 (param $x i64) (result i64)
  (local.set $x (i64.rotl (local.get $x) (i64.const 32)))
  (local.set $x (i64.or (i64.shl (i64.and (local.get $x) (i64.const 0x0000FFFF0000FFFF)) (i64.const 16))
                        (i64.and (i64.shr_u (local.get $x) (i64.const 16)) (i64.const 0x0000FFFF0000FFFF))))
  (i64.or (i64.shl (i64.and (local.get $x) (i64.const 0x00FF00FF00FF00FF)) (i64.const 8))
          (i64.and (i64.shr_u (local.get $x) (i64.const 8)) (i64.const 0x00FF00FF00FF00FF))))

;; $md_pad: the last block(s) of a message (FIPS 180-4 section 5.1) written
;; at $buf: the $n remaining bytes at $p ($n < $bs), the byte 0x80, zeros,
;; and the message length in bits as a big-endian number in the last $bs / 8
;; bytes (64 bits for $bs = 64, 128 for $bs = 128; $total is the whole
;; message's length in bytes).  Result: the number of blocks written, 1 or 2.
(func $md_pad (param $buf i32) (param $p i32) (param $n i32) (param $total i64) (param $bs i32) (result i32)
  (local $blocks i32) (local $end i32)
  (memory.copy (local.get $buf) (local.get $p) (local.get $n))
  (i32.store8 (i32.add (local.get $buf) (local.get $n)) (i32.const 0x80))
  (local.set $blocks (select (i32.const 2) (i32.const 1)
    (i32.gt_u (i32.add (i32.add (local.get $n) (i32.const 1)) (i32.shr_u (local.get $bs) (i32.const 3)))
              (local.get $bs))))
  (local.set $end (i32.add (local.get $buf) (i32.mul (local.get $blocks) (local.get $bs))))
  (memory.fill (i32.add (i32.add (local.get $buf) (local.get $n)) (i32.const 1)) (i32.const 0)
               (i32.sub (i32.sub (i32.sub (local.get $end) (local.get $buf)) (local.get $n)) (i32.const 1)))
  (i64.store (i32.sub (local.get $end) (i32.const 8))
             (call $md_be64 (i64.shl (local.get $total) (i64.const 3))))
  (local.get $blocks))

;; $md_xor: XOR the $n bytes at $p ($n a multiple of 8) with $pattern
;; repeated (the HMAC pads: 0x3636..36, 0x5c5c..5c).
(func $md_xor (param $p i32) (param $n i32) (param $pattern i64)
  (local $end i32)
  (local.set $end (i32.add (local.get $p) (local.get $n)))
  (block $done
    (loop $words
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (i64.store (local.get $p) (i64.xor (i64.load (local.get $p)) (local.get $pattern)))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br $words))))

;; --- SHA-1 (FIPS 180-4 section 6.1) ---------------------------------------

;; $sha1_init: set the chaining state of context $ctx to SHA-1's initial H.
(func $sha1_init (param $ctx i32)
  (i32.store offset=0 (local.get $ctx) (i32.const 0x67452301))
  (i32.store offset=4 (local.get $ctx) (i32.const 0xefcdab89))
  (i32.store offset=8 (local.get $ctx) (i32.const 0x98badcfe))
  (i32.store offset=12 (local.get $ctx) (i32.const 0x10325476))
  (i32.store offset=16 (local.get $ctx) (i32.const 0xc3d2e1f0)))

;; $sha1_block: process the 64-byte block at $p into the state of $ctx.
(func $sha1_block (param $ctx i32) (param $p i32)
  (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $e i32)
  (local $q i32) (local $end i32) (local $f i32) (local $k i32) (local $x i32)
  ;; W[0..15]: the block's big-endian words
  (local.set $q (local.get $ctx))
  (local.set $end (i32.add (local.get $ctx) (i32.const 64)))
  (loop $load
    (local.set $x (i32.load (local.get $p)))
    (i32.store offset=704 (local.get $q)
      (i32.or (i32.and (i32.rotl (local.get $x) (i32.const 8)) (i32.const 0x00FF00FF))
              (i32.and (i32.rotr (local.get $x) (i32.const 8)) (i32.const 0xFF00FF00))))
    (local.set $p (i32.add (local.get $p) (i32.const 4)))
    (local.set $q (i32.add (local.get $q) (i32.const 4)))
    (br_if $load (i32.lt_u (local.get $q) (local.get $end))))
  ;; W[t] = ROTL1(W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16]), t = 16..79; $q = &W[t-16] - 704
  (local.set $q (local.get $ctx))
  (local.set $end (i32.add (local.get $ctx) (i32.const 256)))
  (loop $schedule
    (i32.store offset=768 (local.get $q)
      (i32.rotl (i32.xor (i32.xor (i32.load offset=756 (local.get $q)) (i32.load offset=736 (local.get $q)))
                         (i32.xor (i32.load offset=712 (local.get $q)) (i32.load offset=704 (local.get $q))))
                (i32.const 1)))
    (local.set $q (i32.add (local.get $q) (i32.const 4)))
    (br_if $schedule (i32.lt_u (local.get $q) (local.get $end))))
  (local.set $a (i32.load offset=0 (local.get $ctx)))
  (local.set $b (i32.load offset=4 (local.get $ctx)))
  (local.set $c (i32.load offset=8 (local.get $ctx)))
  (local.set $d (i32.load offset=12 (local.get $ctx)))
  (local.set $e (i32.load offset=16 (local.get $ctx)))
  ;; 80 rounds, in four stretches of 20 with their own f and K; $q = &W[t] - 704
  (local.set $q (local.get $ctx))
  (loop $rounds
    (local.set $x (i32.sub (local.get $q) (local.get $ctx)))  ;; 4t
    (if (i32.lt_u (local.get $x) (i32.const 80))
      (then  ;; Ch
        (local.set $f (i32.xor (local.get $d) (i32.and (local.get $b) (i32.xor (local.get $c) (local.get $d)))))
        (local.set $k (i32.const 0x5a827999)))
      (else (if (i32.lt_u (local.get $x) (i32.const 160))
        (then  ;; Parity
          (local.set $f (i32.xor (i32.xor (local.get $b) (local.get $c)) (local.get $d)))
          (local.set $k (i32.const 0x6ed9eba1)))
        (else (if (i32.lt_u (local.get $x) (i32.const 240))
          (then  ;; Maj
            (local.set $f (i32.or (i32.and (local.get $b) (local.get $c))
                                  (i32.and (local.get $d) (i32.or (local.get $b) (local.get $c)))))
            (local.set $k (i32.const 0x8f1bbcdc)))
          (else  ;; Parity
            (local.set $f (i32.xor (i32.xor (local.get $b) (local.get $c)) (local.get $d)))
            (local.set $k (i32.const 0xca62c1d6))))))))
    (local.set $x (i32.add (i32.add (i32.rotl (local.get $a) (i32.const 5)) (local.get $f))
                           (i32.add (i32.add (local.get $e) (local.get $k)) (i32.load offset=704 (local.get $q)))))
    (local.set $e (local.get $d))
    (local.set $d (local.get $c))
    (local.set $c (i32.rotl (local.get $b) (i32.const 30)))
    (local.set $b (local.get $a))
    (local.set $a (local.get $x))
    (local.set $q (i32.add (local.get $q) (i32.const 4)))
    (br_if $rounds (i32.lt_u (local.get $q) (i32.add (local.get $ctx) (i32.const 320)))))
  (i32.store offset=0 (local.get $ctx) (i32.add (i32.load offset=0 (local.get $ctx)) (local.get $a)))
  (i32.store offset=4 (local.get $ctx) (i32.add (i32.load offset=4 (local.get $ctx)) (local.get $b)))
  (i32.store offset=8 (local.get $ctx) (i32.add (i32.load offset=8 (local.get $ctx)) (local.get $c)))
  (i32.store offset=12 (local.get $ctx) (i32.add (i32.load offset=12 (local.get $ctx)) (local.get $d)))
  (i32.store offset=16 (local.get $ctx) (i32.add (i32.load offset=16 (local.get $ctx)) (local.get $e))))

;; $sha1_absorb: process the $n bytes at $p as the end of a message of
;; $prefix + $n bytes whose first $prefix bytes (a multiple of 64) are
;; already in the state of $ctx, padding included: the state is the digest.
(func $sha1_absorb (param $ctx i32) (param $p i32) (param $n i32) (param $prefix i32)
  (local $total i64)
  (local.set $total (i64.add (i64.extend_i32_u (local.get $prefix)) (i64.extend_i32_u (local.get $n))))
  (block $done
    (loop $blocks
      (br_if $done (i32.lt_u (local.get $n) (i32.const 64)))
      (call $sha1_block (local.get $ctx) (local.get $p))
      (local.set $p (i32.add (local.get $p) (i32.const 64)))
      (local.set $n (i32.sub (local.get $n) (i32.const 64)))
      (br $blocks)))
  (if (i32.eq (call $md_pad (i32.add (local.get $ctx) (i32.const 1344)) (local.get $p) (local.get $n)
                            (local.get $total) (i32.const 64))
              (i32.const 2))
    (then
      (call $sha1_block (local.get $ctx) (i32.add (local.get $ctx) (i32.const 1344)))
      (call $sha1_block (local.get $ctx) (i32.add (local.get $ctx) (i32.const 1408))))
    (else (call $sha1_block (local.get $ctx) (i32.add (local.get $ctx) (i32.const 1344))))))

;; $sha1_out: write the state of $ctx at $out as the 20-byte big-endian digest.
(func $sha1_out (param $ctx i32) (param $out i32)
  (i32.store offset=0 (local.get $out) (call $md_be32 (i32.load offset=0 (local.get $ctx))))
  (i32.store offset=4 (local.get $out) (call $md_be32 (i32.load offset=4 (local.get $ctx))))
  (i32.store offset=8 (local.get $out) (call $md_be32 (i32.load offset=8 (local.get $ctx))))
  (i32.store offset=12 (local.get $out) (call $md_be32 (i32.load offset=12 (local.get $ctx))))
  (i32.store offset=16 (local.get $out) (call $md_be32 (i32.load offset=16 (local.get $ctx)))))

;; $sha1: the SHA-1 digest of $s, 20 raw bytes (hashlib.sha1(s).digest()).
;; Errors: scratch full -> $rt_error = 4, result "".
(func $sha1 (param $s i64) (result i64)
  (local $out i32) (local $ctx i32)
  (local.set $out (call $md_ctx_alloc))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (local.set $ctx (i32.add (local.get $out) (i32.const 64)))
  (call $sha1_init (local.get $ctx))
  (call $sha1_absorb (local.get $ctx) (call $str_ptr (local.get $s)) (call $str_len (local.get $s)) (i32.const 0))
  (call $sha1_out (local.get $ctx) (local.get $out))
  (call $md_ctx_release (local.get $out) (i32.const 20))
  (call $str_pack (local.get $out) (i32.const 20)))

;; $hmac_sha1: HMAC-SHA-1 of message $msg under $key (RFC 2104; a key longer
;; than the 64-byte block is hashed first), 20 raw bytes, as Python's
;; hmac.new(key, msg, "sha1").digest().
;; Errors: scratch full -> $rt_error = 4, result "".
(func $hmac_sha1 (param $key i64) (param $msg i64) (result i64)
  (local $out i32) (local $ctx i32) (local $kb i32)
  (local.set $out (call $md_ctx_alloc))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (local.set $ctx (i32.add (local.get $out) (i32.const 64)))
  (local.set $kb (i32.add (local.get $ctx) (i32.const 1600)))
  (memory.fill (local.get $kb) (i32.const 0) (i32.const 64))
  (if (i32.gt_u (call $str_len (local.get $key)) (i32.const 64))
    (then
      (call $sha1_init (local.get $ctx))
      (call $sha1_absorb (local.get $ctx) (call $str_ptr (local.get $key)) (call $str_len (local.get $key))
                         (i32.const 0))
      (call $sha1_out (local.get $ctx) (local.get $kb)))
    (else (memory.copy (local.get $kb) (call $str_ptr (local.get $key)) (call $str_len (local.get $key)))))
  ;; inner: H((K0 ^ ipad) || msg)
  (call $md_xor (local.get $kb) (i32.const 64) (i64.const 0x3636363636363636))
  (call $sha1_init (local.get $ctx))
  (call $sha1_block (local.get $ctx) (local.get $kb))
  (call $sha1_absorb (local.get $ctx) (call $str_ptr (local.get $msg)) (call $str_len (local.get $msg)) (i32.const 64))
  (call $sha1_out (local.get $ctx) (local.get $out))
  ;; outer: H((K0 ^ opad) || inner); 0x6a = 0x36 ^ 0x5c
  (call $md_xor (local.get $kb) (i32.const 64) (i64.const 0x6a6a6a6a6a6a6a6a))
  (call $sha1_init (local.get $ctx))
  (call $sha1_block (local.get $ctx) (local.get $kb))
  (call $sha1_absorb (local.get $ctx) (local.get $out) (i32.const 20) (i32.const 64))
  (call $sha1_out (local.get $ctx) (local.get $out))
  (call $md_ctx_release (local.get $out) (i32.const 20))
  (call $str_pack (local.get $out) (i32.const 20)))

;; --- SHA-256 (FIPS 180-4 section 6.2) -------------------------------------

;; $sha256_init: set the chaining state of context $ctx to SHA-256's
;; initial H (FIPS 180-4 5.3.3) and its K table to the 64 round constants.
(func $sha256_init (param $ctx i32)
  (local $k i32)
  (i32.store offset=0 (local.get $ctx) (i32.const 0x6a09e667))
  (i32.store offset=4 (local.get $ctx) (i32.const 0xbb67ae85))
  (i32.store offset=8 (local.get $ctx) (i32.const 0x3c6ef372))
  (i32.store offset=12 (local.get $ctx) (i32.const 0xa54ff53a))
  (i32.store offset=16 (local.get $ctx) (i32.const 0x510e527f))
  (i32.store offset=20 (local.get $ctx) (i32.const 0x9b05688c))
  (i32.store offset=24 (local.get $ctx) (i32.const 0x1f83d9ab))
  (i32.store offset=28 (local.get $ctx) (i32.const 0x5be0cd19))
  (local.set $k (i32.add (local.get $ctx) (i32.const 64)))
  (i32.store offset=0 (local.get $k) (i32.const 0x428a2f98))
  (i32.store offset=4 (local.get $k) (i32.const 0x71374491))
  (i32.store offset=8 (local.get $k) (i32.const 0xb5c0fbcf))
  (i32.store offset=12 (local.get $k) (i32.const 0xe9b5dba5))
  (i32.store offset=16 (local.get $k) (i32.const 0x3956c25b))
  (i32.store offset=20 (local.get $k) (i32.const 0x59f111f1))
  (i32.store offset=24 (local.get $k) (i32.const 0x923f82a4))
  (i32.store offset=28 (local.get $k) (i32.const 0xab1c5ed5))
  (i32.store offset=32 (local.get $k) (i32.const 0xd807aa98))
  (i32.store offset=36 (local.get $k) (i32.const 0x12835b01))
  (i32.store offset=40 (local.get $k) (i32.const 0x243185be))
  (i32.store offset=44 (local.get $k) (i32.const 0x550c7dc3))
  (i32.store offset=48 (local.get $k) (i32.const 0x72be5d74))
  (i32.store offset=52 (local.get $k) (i32.const 0x80deb1fe))
  (i32.store offset=56 (local.get $k) (i32.const 0x9bdc06a7))
  (i32.store offset=60 (local.get $k) (i32.const 0xc19bf174))
  (i32.store offset=64 (local.get $k) (i32.const 0xe49b69c1))
  (i32.store offset=68 (local.get $k) (i32.const 0xefbe4786))
  (i32.store offset=72 (local.get $k) (i32.const 0x0fc19dc6))
  (i32.store offset=76 (local.get $k) (i32.const 0x240ca1cc))
  (i32.store offset=80 (local.get $k) (i32.const 0x2de92c6f))
  (i32.store offset=84 (local.get $k) (i32.const 0x4a7484aa))
  (i32.store offset=88 (local.get $k) (i32.const 0x5cb0a9dc))
  (i32.store offset=92 (local.get $k) (i32.const 0x76f988da))
  (i32.store offset=96 (local.get $k) (i32.const 0x983e5152))
  (i32.store offset=100 (local.get $k) (i32.const 0xa831c66d))
  (i32.store offset=104 (local.get $k) (i32.const 0xb00327c8))
  (i32.store offset=108 (local.get $k) (i32.const 0xbf597fc7))
  (i32.store offset=112 (local.get $k) (i32.const 0xc6e00bf3))
  (i32.store offset=116 (local.get $k) (i32.const 0xd5a79147))
  (i32.store offset=120 (local.get $k) (i32.const 0x06ca6351))
  (i32.store offset=124 (local.get $k) (i32.const 0x14292967))
  (i32.store offset=128 (local.get $k) (i32.const 0x27b70a85))
  (i32.store offset=132 (local.get $k) (i32.const 0x2e1b2138))
  (i32.store offset=136 (local.get $k) (i32.const 0x4d2c6dfc))
  (i32.store offset=140 (local.get $k) (i32.const 0x53380d13))
  (i32.store offset=144 (local.get $k) (i32.const 0x650a7354))
  (i32.store offset=148 (local.get $k) (i32.const 0x766a0abb))
  (i32.store offset=152 (local.get $k) (i32.const 0x81c2c92e))
  (i32.store offset=156 (local.get $k) (i32.const 0x92722c85))
  (i32.store offset=160 (local.get $k) (i32.const 0xa2bfe8a1))
  (i32.store offset=164 (local.get $k) (i32.const 0xa81a664b))
  (i32.store offset=168 (local.get $k) (i32.const 0xc24b8b70))
  (i32.store offset=172 (local.get $k) (i32.const 0xc76c51a3))
  (i32.store offset=176 (local.get $k) (i32.const 0xd192e819))
  (i32.store offset=180 (local.get $k) (i32.const 0xd6990624))
  (i32.store offset=184 (local.get $k) (i32.const 0xf40e3585))
  (i32.store offset=188 (local.get $k) (i32.const 0x106aa070))
  (i32.store offset=192 (local.get $k) (i32.const 0x19a4c116))
  (i32.store offset=196 (local.get $k) (i32.const 0x1e376c08))
  (i32.store offset=200 (local.get $k) (i32.const 0x2748774c))
  (i32.store offset=204 (local.get $k) (i32.const 0x34b0bcb5))
  (i32.store offset=208 (local.get $k) (i32.const 0x391c0cb3))
  (i32.store offset=212 (local.get $k) (i32.const 0x4ed8aa4a))
  (i32.store offset=216 (local.get $k) (i32.const 0x5b9cca4f))
  (i32.store offset=220 (local.get $k) (i32.const 0x682e6ff3))
  (i32.store offset=224 (local.get $k) (i32.const 0x748f82ee))
  (i32.store offset=228 (local.get $k) (i32.const 0x78a5636f))
  (i32.store offset=232 (local.get $k) (i32.const 0x84c87814))
  (i32.store offset=236 (local.get $k) (i32.const 0x8cc70208))
  (i32.store offset=240 (local.get $k) (i32.const 0x90befffa))
  (i32.store offset=244 (local.get $k) (i32.const 0xa4506ceb))
  (i32.store offset=248 (local.get $k) (i32.const 0xbef9a3f7))
  (i32.store offset=252 (local.get $k) (i32.const 0xc67178f2)))

;; $sha256_block: process the 64-byte block at $p into the state of $ctx.
(func $sha256_block (param $ctx i32) (param $p i32)
  (local $a i32) (local $b i32) (local $c i32) (local $d i32)
  (local $e i32) (local $f i32) (local $g i32) (local $h i32)
  (local $q i32) (local $end i32) (local $x i32) (local $y i32) (local $t1 i32)
  ;; W[0..15]: the block's big-endian words
  (local.set $q (local.get $ctx))
  (local.set $end (i32.add (local.get $ctx) (i32.const 64)))
  (loop $load
    (local.set $x (i32.load (local.get $p)))
    (i32.store offset=704 (local.get $q)
      (i32.or (i32.and (i32.rotl (local.get $x) (i32.const 8)) (i32.const 0x00FF00FF))
              (i32.and (i32.rotr (local.get $x) (i32.const 8)) (i32.const 0xFF00FF00))))
    (local.set $p (i32.add (local.get $p) (i32.const 4)))
    (local.set $q (i32.add (local.get $q) (i32.const 4)))
    (br_if $load (i32.lt_u (local.get $q) (local.get $end))))
  ;; W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16], t = 16..63; $q = &W[t-16] - 704
  (local.set $q (local.get $ctx))
  (local.set $end (i32.add (local.get $ctx) (i32.const 192)))
  (loop $schedule
    (local.set $x (i32.load offset=760 (local.get $q)))
    (local.set $y (i32.load offset=708 (local.get $q)))
    (i32.store offset=768 (local.get $q)
      (i32.add
        (i32.add (i32.xor (i32.xor (i32.rotr (local.get $x) (i32.const 17)) (i32.rotr (local.get $x) (i32.const 19)))
                          (i32.shr_u (local.get $x) (i32.const 10)))
                 (i32.load offset=740 (local.get $q)))
        (i32.add (i32.xor (i32.xor (i32.rotr (local.get $y) (i32.const 7)) (i32.rotr (local.get $y) (i32.const 18)))
                          (i32.shr_u (local.get $y) (i32.const 3)))
                 (i32.load offset=704 (local.get $q)))))
    (local.set $q (i32.add (local.get $q) (i32.const 4)))
    (br_if $schedule (i32.lt_u (local.get $q) (local.get $end))))
  (local.set $a (i32.load offset=0 (local.get $ctx)))
  (local.set $b (i32.load offset=4 (local.get $ctx)))
  (local.set $c (i32.load offset=8 (local.get $ctx)))
  (local.set $d (i32.load offset=12 (local.get $ctx)))
  (local.set $e (i32.load offset=16 (local.get $ctx)))
  (local.set $f (i32.load offset=20 (local.get $ctx)))
  (local.set $g (i32.load offset=24 (local.get $ctx)))
  (local.set $h (i32.load offset=28 (local.get $ctx)))
  ;; 64 rounds; $q = &K[t] - 64 = &W[t] - 704
  (local.set $q (local.get $ctx))
  (local.set $end (i32.add (local.get $ctx) (i32.const 256)))
  (loop $rounds
    ;; T1 = h + S1(e) + Ch(e, f, g) + K[t] + W[t]
    (local.set $t1
      (i32.add
        (i32.add (local.get $h)
                 (i32.xor (i32.xor (i32.rotr (local.get $e) (i32.const 6)) (i32.rotr (local.get $e) (i32.const 11)))
                          (i32.rotr (local.get $e) (i32.const 25))))
        (i32.add (i32.xor (local.get $g) (i32.and (local.get $e) (i32.xor (local.get $f) (local.get $g))))
                 (i32.add (i32.load offset=64 (local.get $q)) (i32.load offset=704 (local.get $q))))))
    (local.set $h (local.get $g))
    (local.set $g (local.get $f))
    (local.set $f (local.get $e))
    (local.set $e (i32.add (local.get $d) (local.get $t1)))
    (local.set $d (local.get $c))
    ;; a = T1 + S0(a) + Maj(a, b, c), with b, c shifted down first
    (local.set $x (i32.add (local.get $t1)
      (i32.add (i32.xor (i32.xor (i32.rotr (local.get $a) (i32.const 2)) (i32.rotr (local.get $a) (i32.const 13)))
                        (i32.rotr (local.get $a) (i32.const 22)))
               (i32.or (i32.and (local.get $a) (local.get $b))
                       (i32.and (local.get $c) (i32.or (local.get $a) (local.get $b)))))))
    (local.set $c (local.get $b))
    (local.set $b (local.get $a))
    (local.set $a (local.get $x))
    (local.set $q (i32.add (local.get $q) (i32.const 4)))
    (br_if $rounds (i32.lt_u (local.get $q) (local.get $end))))
  (i32.store offset=0 (local.get $ctx) (i32.add (i32.load offset=0 (local.get $ctx)) (local.get $a)))
  (i32.store offset=4 (local.get $ctx) (i32.add (i32.load offset=4 (local.get $ctx)) (local.get $b)))
  (i32.store offset=8 (local.get $ctx) (i32.add (i32.load offset=8 (local.get $ctx)) (local.get $c)))
  (i32.store offset=12 (local.get $ctx) (i32.add (i32.load offset=12 (local.get $ctx)) (local.get $d)))
  (i32.store offset=16 (local.get $ctx) (i32.add (i32.load offset=16 (local.get $ctx)) (local.get $e)))
  (i32.store offset=20 (local.get $ctx) (i32.add (i32.load offset=20 (local.get $ctx)) (local.get $f)))
  (i32.store offset=24 (local.get $ctx) (i32.add (i32.load offset=24 (local.get $ctx)) (local.get $g)))
  (i32.store offset=28 (local.get $ctx) (i32.add (i32.load offset=28 (local.get $ctx)) (local.get $h))))

;; $sha256_absorb: process the $n bytes at $p as the end of a message of
;; $prefix + $n bytes whose first $prefix bytes (a multiple of 64) are
;; already in the state of $ctx, padding included: the state is the digest.
(func $sha256_absorb (param $ctx i32) (param $p i32) (param $n i32) (param $prefix i32)
  (local $total i64)
  (local.set $total (i64.add (i64.extend_i32_u (local.get $prefix)) (i64.extend_i32_u (local.get $n))))
  (block $done
    (loop $blocks
      (br_if $done (i32.lt_u (local.get $n) (i32.const 64)))
      (call $sha256_block (local.get $ctx) (local.get $p))
      (local.set $p (i32.add (local.get $p) (i32.const 64)))
      (local.set $n (i32.sub (local.get $n) (i32.const 64)))
      (br $blocks)))
  (if (i32.eq (call $md_pad (i32.add (local.get $ctx) (i32.const 1344)) (local.get $p) (local.get $n)
                            (local.get $total) (i32.const 64))
              (i32.const 2))
    (then
      (call $sha256_block (local.get $ctx) (i32.add (local.get $ctx) (i32.const 1344)))
      (call $sha256_block (local.get $ctx) (i32.add (local.get $ctx) (i32.const 1408))))
    (else (call $sha256_block (local.get $ctx) (i32.add (local.get $ctx) (i32.const 1344))))))

;; $sha256_out: write the state of $ctx at $out as the 32-byte big-endian digest.
(func $sha256_out (param $ctx i32) (param $out i32)
  (local $i i32)
  (loop $words
    (i32.store (i32.add (local.get $out) (local.get $i))
               (call $md_be32 (i32.load (i32.add (local.get $ctx) (local.get $i)))))
    (local.set $i (i32.add (local.get $i) (i32.const 4)))
    (br_if $words (i32.lt_u (local.get $i) (i32.const 32)))))

;; $sha256: the SHA-256 digest of $s, 32 raw bytes (hashlib.sha256(s).digest()).
;; Errors: scratch full -> $rt_error = 4, result "".
(func $sha256 (param $s i64) (result i64)
  (local $out i32) (local $ctx i32)
  (local.set $out (call $md_ctx_alloc))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (local.set $ctx (i32.add (local.get $out) (i32.const 64)))
  (call $sha256_init (local.get $ctx))
  (call $sha256_absorb (local.get $ctx) (call $str_ptr (local.get $s)) (call $str_len (local.get $s)) (i32.const 0))
  (call $sha256_out (local.get $ctx) (local.get $out))
  (call $md_ctx_release (local.get $out) (i32.const 32))
  (call $str_pack (local.get $out) (i32.const 32)))

;; $hmac_sha256: HMAC-SHA-256 of message $msg under $key (RFC 2104; a key
;; longer than the 64-byte block is hashed first), 32 raw bytes, as
;; Python's hmac.new(key, msg, "sha256").digest().
;; Errors: scratch full -> $rt_error = 4, result "".
(func $hmac_sha256 (param $key i64) (param $msg i64) (result i64)
  (local $out i32) (local $ctx i32) (local $kb i32)
  (local.set $out (call $md_ctx_alloc))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (local.set $ctx (i32.add (local.get $out) (i32.const 64)))
  (local.set $kb (i32.add (local.get $ctx) (i32.const 1600)))
  (memory.fill (local.get $kb) (i32.const 0) (i32.const 64))
  (if (i32.gt_u (call $str_len (local.get $key)) (i32.const 64))
    (then
      (call $sha256_init (local.get $ctx))
      (call $sha256_absorb (local.get $ctx) (call $str_ptr (local.get $key)) (call $str_len (local.get $key))
                           (i32.const 0))
      (call $sha256_out (local.get $ctx) (local.get $kb)))
    (else (memory.copy (local.get $kb) (call $str_ptr (local.get $key)) (call $str_len (local.get $key)))))
  ;; inner: H((K0 ^ ipad) || msg)
  (call $md_xor (local.get $kb) (i32.const 64) (i64.const 0x3636363636363636))
  (call $sha256_init (local.get $ctx))
  (call $sha256_block (local.get $ctx) (local.get $kb))
  (call $sha256_absorb (local.get $ctx) (call $str_ptr (local.get $msg)) (call $str_len (local.get $msg))
                       (i32.const 64))
  (call $sha256_out (local.get $ctx) (local.get $out))
  ;; outer: H((K0 ^ opad) || inner); 0x6a = 0x36 ^ 0x5c
  (call $md_xor (local.get $kb) (i32.const 64) (i64.const 0x6a6a6a6a6a6a6a6a))
  (call $sha256_init (local.get $ctx))
  (call $sha256_block (local.get $ctx) (local.get $kb))
  (call $sha256_absorb (local.get $ctx) (local.get $out) (i32.const 32) (i32.const 64))
  (call $sha256_out (local.get $ctx) (local.get $out))
  (call $md_ctx_release (local.get $out) (i32.const 32))
  (call $str_pack (local.get $out) (i32.const 32)))

;; --- SHA-512 (FIPS 180-4 section 6.4) -------------------------------------

;; $sha512_init: set the chaining state of context $ctx to SHA-512's
;; initial H (FIPS 180-4 5.3.5) and its K table to the 80 round constants.
(func $sha512_init (param $ctx i32)
  (i64.store offset=0 (local.get $ctx) (i64.const 0x6a09e667f3bcc908))
  (i64.store offset=8 (local.get $ctx) (i64.const 0xbb67ae8584caa73b))
  (i64.store offset=16 (local.get $ctx) (i64.const 0x3c6ef372fe94f82b))
  (i64.store offset=24 (local.get $ctx) (i64.const 0xa54ff53a5f1d36f1))
  (i64.store offset=32 (local.get $ctx) (i64.const 0x510e527fade682d1))
  (i64.store offset=40 (local.get $ctx) (i64.const 0x9b05688c2b3e6c1f))
  (i64.store offset=48 (local.get $ctx) (i64.const 0x1f83d9abfb41bd6b))
  (i64.store offset=56 (local.get $ctx) (i64.const 0x5be0cd19137e2179))
  (i64.store offset=64 (local.get $ctx) (i64.const 0x428a2f98d728ae22))
  (i64.store offset=72 (local.get $ctx) (i64.const 0x7137449123ef65cd))
  (i64.store offset=80 (local.get $ctx) (i64.const 0xb5c0fbcfec4d3b2f))
  (i64.store offset=88 (local.get $ctx) (i64.const 0xe9b5dba58189dbbc))
  (i64.store offset=96 (local.get $ctx) (i64.const 0x3956c25bf348b538))
  (i64.store offset=104 (local.get $ctx) (i64.const 0x59f111f1b605d019))
  (i64.store offset=112 (local.get $ctx) (i64.const 0x923f82a4af194f9b))
  (i64.store offset=120 (local.get $ctx) (i64.const 0xab1c5ed5da6d8118))
  (i64.store offset=128 (local.get $ctx) (i64.const 0xd807aa98a3030242))
  (i64.store offset=136 (local.get $ctx) (i64.const 0x12835b0145706fbe))
  (i64.store offset=144 (local.get $ctx) (i64.const 0x243185be4ee4b28c))
  (i64.store offset=152 (local.get $ctx) (i64.const 0x550c7dc3d5ffb4e2))
  (i64.store offset=160 (local.get $ctx) (i64.const 0x72be5d74f27b896f))
  (i64.store offset=168 (local.get $ctx) (i64.const 0x80deb1fe3b1696b1))
  (i64.store offset=176 (local.get $ctx) (i64.const 0x9bdc06a725c71235))
  (i64.store offset=184 (local.get $ctx) (i64.const 0xc19bf174cf692694))
  (i64.store offset=192 (local.get $ctx) (i64.const 0xe49b69c19ef14ad2))
  (i64.store offset=200 (local.get $ctx) (i64.const 0xefbe4786384f25e3))
  (i64.store offset=208 (local.get $ctx) (i64.const 0x0fc19dc68b8cd5b5))
  (i64.store offset=216 (local.get $ctx) (i64.const 0x240ca1cc77ac9c65))
  (i64.store offset=224 (local.get $ctx) (i64.const 0x2de92c6f592b0275))
  (i64.store offset=232 (local.get $ctx) (i64.const 0x4a7484aa6ea6e483))
  (i64.store offset=240 (local.get $ctx) (i64.const 0x5cb0a9dcbd41fbd4))
  (i64.store offset=248 (local.get $ctx) (i64.const 0x76f988da831153b5))
  (i64.store offset=256 (local.get $ctx) (i64.const 0x983e5152ee66dfab))
  (i64.store offset=264 (local.get $ctx) (i64.const 0xa831c66d2db43210))
  (i64.store offset=272 (local.get $ctx) (i64.const 0xb00327c898fb213f))
  (i64.store offset=280 (local.get $ctx) (i64.const 0xbf597fc7beef0ee4))
  (i64.store offset=288 (local.get $ctx) (i64.const 0xc6e00bf33da88fc2))
  (i64.store offset=296 (local.get $ctx) (i64.const 0xd5a79147930aa725))
  (i64.store offset=304 (local.get $ctx) (i64.const 0x06ca6351e003826f))
  (i64.store offset=312 (local.get $ctx) (i64.const 0x142929670a0e6e70))
  (i64.store offset=320 (local.get $ctx) (i64.const 0x27b70a8546d22ffc))
  (i64.store offset=328 (local.get $ctx) (i64.const 0x2e1b21385c26c926))
  (i64.store offset=336 (local.get $ctx) (i64.const 0x4d2c6dfc5ac42aed))
  (i64.store offset=344 (local.get $ctx) (i64.const 0x53380d139d95b3df))
  (i64.store offset=352 (local.get $ctx) (i64.const 0x650a73548baf63de))
  (i64.store offset=360 (local.get $ctx) (i64.const 0x766a0abb3c77b2a8))
  (i64.store offset=368 (local.get $ctx) (i64.const 0x81c2c92e47edaee6))
  (i64.store offset=376 (local.get $ctx) (i64.const 0x92722c851482353b))
  (i64.store offset=384 (local.get $ctx) (i64.const 0xa2bfe8a14cf10364))
  (i64.store offset=392 (local.get $ctx) (i64.const 0xa81a664bbc423001))
  (i64.store offset=400 (local.get $ctx) (i64.const 0xc24b8b70d0f89791))
  (i64.store offset=408 (local.get $ctx) (i64.const 0xc76c51a30654be30))
  (i64.store offset=416 (local.get $ctx) (i64.const 0xd192e819d6ef5218))
  (i64.store offset=424 (local.get $ctx) (i64.const 0xd69906245565a910))
  (i64.store offset=432 (local.get $ctx) (i64.const 0xf40e35855771202a))
  (i64.store offset=440 (local.get $ctx) (i64.const 0x106aa07032bbd1b8))
  (i64.store offset=448 (local.get $ctx) (i64.const 0x19a4c116b8d2d0c8))
  (i64.store offset=456 (local.get $ctx) (i64.const 0x1e376c085141ab53))
  (i64.store offset=464 (local.get $ctx) (i64.const 0x2748774cdf8eeb99))
  (i64.store offset=472 (local.get $ctx) (i64.const 0x34b0bcb5e19b48a8))
  (i64.store offset=480 (local.get $ctx) (i64.const 0x391c0cb3c5c95a63))
  (i64.store offset=488 (local.get $ctx) (i64.const 0x4ed8aa4ae3418acb))
  (i64.store offset=496 (local.get $ctx) (i64.const 0x5b9cca4f7763e373))
  (i64.store offset=504 (local.get $ctx) (i64.const 0x682e6ff3d6b2b8a3))
  (i64.store offset=512 (local.get $ctx) (i64.const 0x748f82ee5defb2fc))
  (i64.store offset=520 (local.get $ctx) (i64.const 0x78a5636f43172f60))
  (i64.store offset=528 (local.get $ctx) (i64.const 0x84c87814a1f0ab72))
  (i64.store offset=536 (local.get $ctx) (i64.const 0x8cc702081a6439ec))
  (i64.store offset=544 (local.get $ctx) (i64.const 0x90befffa23631e28))
  (i64.store offset=552 (local.get $ctx) (i64.const 0xa4506cebde82bde9))
  (i64.store offset=560 (local.get $ctx) (i64.const 0xbef9a3f7b2c67915))
  (i64.store offset=568 (local.get $ctx) (i64.const 0xc67178f2e372532b))
  (i64.store offset=576 (local.get $ctx) (i64.const 0xca273eceea26619c))
  (i64.store offset=584 (local.get $ctx) (i64.const 0xd186b8c721c0c207))
  (i64.store offset=592 (local.get $ctx) (i64.const 0xeada7dd6cde0eb1e))
  (i64.store offset=600 (local.get $ctx) (i64.const 0xf57d4f7fee6ed178))
  (i64.store offset=608 (local.get $ctx) (i64.const 0x06f067aa72176fba))
  (i64.store offset=616 (local.get $ctx) (i64.const 0x0a637dc5a2c898a6))
  (i64.store offset=624 (local.get $ctx) (i64.const 0x113f9804bef90dae))
  (i64.store offset=632 (local.get $ctx) (i64.const 0x1b710b35131c471b))
  (i64.store offset=640 (local.get $ctx) (i64.const 0x28db77f523047d84))
  (i64.store offset=648 (local.get $ctx) (i64.const 0x32caab7b40c72493))
  (i64.store offset=656 (local.get $ctx) (i64.const 0x3c9ebe0a15c9bebc))
  (i64.store offset=664 (local.get $ctx) (i64.const 0x431d67c49c100d4c))
  (i64.store offset=672 (local.get $ctx) (i64.const 0x4cc5d4becb3e42b6))
  (i64.store offset=680 (local.get $ctx) (i64.const 0x597f299cfc657e2a))
  (i64.store offset=688 (local.get $ctx) (i64.const 0x5fcb6fab3ad6faec))
  (i64.store offset=696 (local.get $ctx) (i64.const 0x6c44198c4a475817)))

;; $sha512_block: process the 128-byte block at $p into the state of $ctx.
(func $sha512_block (param $ctx i32) (param $p i32)
  (local $a i64) (local $b i64) (local $c i64) (local $d i64)
  (local $e i64) (local $f i64) (local $g i64) (local $h i64)
  (local $q i32) (local $end i32) (local $x i64) (local $y i64) (local $t1 i64)
  ;; W[0..15]: the block's big-endian words
  (local.set $q (local.get $ctx))
  (local.set $end (i32.add (local.get $ctx) (i32.const 128)))
  (loop $load
    (i64.store offset=704 (local.get $q) (call $md_be64 (i64.load (local.get $p))))
    (local.set $p (i32.add (local.get $p) (i32.const 8)))
    (local.set $q (i32.add (local.get $q) (i32.const 8)))
    (br_if $load (i32.lt_u (local.get $q) (local.get $end))))
  ;; W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16], t = 16..79; $q = &W[t-16] - 704
  (local.set $q (local.get $ctx))
  (local.set $end (i32.add (local.get $ctx) (i32.const 512)))
  (loop $schedule
    (local.set $x (i64.load offset=816 (local.get $q)))
    (local.set $y (i64.load offset=712 (local.get $q)))
    (i64.store offset=832 (local.get $q)
      (i64.add
        (i64.add (i64.xor (i64.xor (i64.rotr (local.get $x) (i64.const 19)) (i64.rotr (local.get $x) (i64.const 61)))
                          (i64.shr_u (local.get $x) (i64.const 6)))
                 (i64.load offset=776 (local.get $q)))
        (i64.add (i64.xor (i64.xor (i64.rotr (local.get $y) (i64.const 1)) (i64.rotr (local.get $y) (i64.const 8)))
                          (i64.shr_u (local.get $y) (i64.const 7)))
                 (i64.load offset=704 (local.get $q)))))
    (local.set $q (i32.add (local.get $q) (i32.const 8)))
    (br_if $schedule (i32.lt_u (local.get $q) (local.get $end))))
  (local.set $a (i64.load offset=0 (local.get $ctx)))
  (local.set $b (i64.load offset=8 (local.get $ctx)))
  (local.set $c (i64.load offset=16 (local.get $ctx)))
  (local.set $d (i64.load offset=24 (local.get $ctx)))
  (local.set $e (i64.load offset=32 (local.get $ctx)))
  (local.set $f (i64.load offset=40 (local.get $ctx)))
  (local.set $g (i64.load offset=48 (local.get $ctx)))
  (local.set $h (i64.load offset=56 (local.get $ctx)))
  ;; 80 rounds; $q = &K[t] - 64 = &W[t] - 704
  (local.set $q (local.get $ctx))
  (local.set $end (i32.add (local.get $ctx) (i32.const 640)))
  (loop $rounds
    ;; T1 = h + S1(e) + Ch(e, f, g) + K[t] + W[t]
    (local.set $t1
      (i64.add
        (i64.add (local.get $h)
                 (i64.xor (i64.xor (i64.rotr (local.get $e) (i64.const 14)) (i64.rotr (local.get $e) (i64.const 18)))
                          (i64.rotr (local.get $e) (i64.const 41))))
        (i64.add (i64.xor (local.get $g) (i64.and (local.get $e) (i64.xor (local.get $f) (local.get $g))))
                 (i64.add (i64.load offset=64 (local.get $q)) (i64.load offset=704 (local.get $q))))))
    (local.set $h (local.get $g))
    (local.set $g (local.get $f))
    (local.set $f (local.get $e))
    (local.set $e (i64.add (local.get $d) (local.get $t1)))
    (local.set $d (local.get $c))
    ;; a = T1 + S0(a) + Maj(a, b, c), with b, c shifted down first
    (local.set $x (i64.add (local.get $t1)
      (i64.add (i64.xor (i64.xor (i64.rotr (local.get $a) (i64.const 28)) (i64.rotr (local.get $a) (i64.const 34)))
                        (i64.rotr (local.get $a) (i64.const 39)))
               (i64.or (i64.and (local.get $a) (local.get $b))
                       (i64.and (local.get $c) (i64.or (local.get $a) (local.get $b)))))))
    (local.set $c (local.get $b))
    (local.set $b (local.get $a))
    (local.set $a (local.get $x))
    (local.set $q (i32.add (local.get $q) (i32.const 8)))
    (br_if $rounds (i32.lt_u (local.get $q) (local.get $end))))
  (i64.store offset=0 (local.get $ctx) (i64.add (i64.load offset=0 (local.get $ctx)) (local.get $a)))
  (i64.store offset=8 (local.get $ctx) (i64.add (i64.load offset=8 (local.get $ctx)) (local.get $b)))
  (i64.store offset=16 (local.get $ctx) (i64.add (i64.load offset=16 (local.get $ctx)) (local.get $c)))
  (i64.store offset=24 (local.get $ctx) (i64.add (i64.load offset=24 (local.get $ctx)) (local.get $d)))
  (i64.store offset=32 (local.get $ctx) (i64.add (i64.load offset=32 (local.get $ctx)) (local.get $e)))
  (i64.store offset=40 (local.get $ctx) (i64.add (i64.load offset=40 (local.get $ctx)) (local.get $f)))
  (i64.store offset=48 (local.get $ctx) (i64.add (i64.load offset=48 (local.get $ctx)) (local.get $g)))
  (i64.store offset=56 (local.get $ctx) (i64.add (i64.load offset=56 (local.get $ctx)) (local.get $h))))

;; $sha512_absorb: process the $n bytes at $p as the end of a message of
;; $prefix + $n bytes whose first $prefix bytes (a multiple of 128) are
;; already in the state of $ctx, padding included: the state is the digest.
(func $sha512_absorb (param $ctx i32) (param $p i32) (param $n i32) (param $prefix i32)
  (local $total i64)
  (local.set $total (i64.add (i64.extend_i32_u (local.get $prefix)) (i64.extend_i32_u (local.get $n))))
  (block $done
    (loop $blocks
      (br_if $done (i32.lt_u (local.get $n) (i32.const 128)))
      (call $sha512_block (local.get $ctx) (local.get $p))
      (local.set $p (i32.add (local.get $p) (i32.const 128)))
      (local.set $n (i32.sub (local.get $n) (i32.const 128)))
      (br $blocks)))
  (if (i32.eq (call $md_pad (i32.add (local.get $ctx) (i32.const 1344)) (local.get $p) (local.get $n)
                            (local.get $total) (i32.const 128))
              (i32.const 2))
    (then
      (call $sha512_block (local.get $ctx) (i32.add (local.get $ctx) (i32.const 1344)))
      (call $sha512_block (local.get $ctx) (i32.add (local.get $ctx) (i32.const 1472))))
    (else (call $sha512_block (local.get $ctx) (i32.add (local.get $ctx) (i32.const 1344))))))

;; $sha512_out: write the state of $ctx at $out as the 64-byte big-endian digest.
(func $sha512_out (param $ctx i32) (param $out i32)
  (local $i i32)
  (loop $words
    (i64.store (i32.add (local.get $out) (local.get $i))
               (call $md_be64 (i64.load (i32.add (local.get $ctx) (local.get $i)))))
    (local.set $i (i32.add (local.get $i) (i32.const 8)))
    (br_if $words (i32.lt_u (local.get $i) (i32.const 64)))))

;; $sha512: the SHA-512 digest of $s, 64 raw bytes (hashlib.sha512(s).digest()).
;; Errors: scratch full -> $rt_error = 4, result "".
(func $sha512 (param $s i64) (result i64)
  (local $out i32) (local $ctx i32)
  (local.set $out (call $md_ctx_alloc))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (local.set $ctx (i32.add (local.get $out) (i32.const 64)))
  (call $sha512_init (local.get $ctx))
  (call $sha512_absorb (local.get $ctx) (call $str_ptr (local.get $s)) (call $str_len (local.get $s)) (i32.const 0))
  (call $sha512_out (local.get $ctx) (local.get $out))
  (call $md_ctx_release (local.get $out) (i32.const 64))
  (call $str_pack (local.get $out) (i32.const 64)))

;; $hmac_sha512: HMAC-SHA-512 of message $msg under $key (RFC 2104; a key
;; longer than the 128-byte block is hashed first), 64 raw bytes, as
;; Python's hmac.new(key, msg, "sha512").digest().
;; Errors: scratch full -> $rt_error = 4, result "".
(func $hmac_sha512 (param $key i64) (param $msg i64) (result i64)
  (local $out i32) (local $ctx i32) (local $kb i32)
  (local.set $out (call $md_ctx_alloc))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (local.set $ctx (i32.add (local.get $out) (i32.const 64)))
  (local.set $kb (i32.add (local.get $ctx) (i32.const 1600)))
  (memory.fill (local.get $kb) (i32.const 0) (i32.const 128))
  (if (i32.gt_u (call $str_len (local.get $key)) (i32.const 128))
    (then
      (call $sha512_init (local.get $ctx))
      (call $sha512_absorb (local.get $ctx) (call $str_ptr (local.get $key)) (call $str_len (local.get $key))
                           (i32.const 0))
      (call $sha512_out (local.get $ctx) (local.get $kb)))
    (else (memory.copy (local.get $kb) (call $str_ptr (local.get $key)) (call $str_len (local.get $key)))))
  ;; inner: H((K0 ^ ipad) || msg)
  (call $md_xor (local.get $kb) (i32.const 128) (i64.const 0x3636363636363636))
  (call $sha512_init (local.get $ctx))
  (call $sha512_block (local.get $ctx) (local.get $kb))
  (call $sha512_absorb (local.get $ctx) (call $str_ptr (local.get $msg)) (call $str_len (local.get $msg))
                       (i32.const 128))
  (call $sha512_out (local.get $ctx) (local.get $out))
  ;; outer: H((K0 ^ opad) || inner); 0x6a = 0x36 ^ 0x5c
  (call $md_xor (local.get $kb) (i32.const 128) (i64.const 0x6a6a6a6a6a6a6a6a))
  (call $sha512_init (local.get $ctx))
  (call $sha512_block (local.get $ctx) (local.get $kb))
  (call $sha512_absorb (local.get $ctx) (local.get $out) (i32.const 64) (i32.const 128))
  (call $sha512_out (local.get $ctx) (local.get $out))
  (call $md_ctx_release (local.get $out) (i32.const 64))
  (call $str_pack (local.get $out) (i32.const 64)))

;; --- checksums for bucketing ----------------------------------------------

;; $crc32_shift8: CRC-32 register $c after 8 bit steps of the reflected
;; polynomial 0xEDB88320 (the byte already XORed into its low 8 bits).
(func $crc32_shift8 (param $c i32) (result i32)
  (local $i i32)
  (local.set $i (i32.const 8))
  (loop $bits
    ;; c = (c >> 1) ^ (0xEDB88320 if the low bit was set)
    (local.set $c (i32.xor (i32.shr_u (local.get $c) (i32.const 1))
                           (i32.and (i32.const 0xEDB88320)
                                    (i32.sub (i32.const 0) (i32.and (local.get $c) (i32.const 1))))))
    (local.set $i (i32.sub (local.get $i) (i32.const 1)))
    (br_if $bits (local.get $i)))
  (local.get $c))

;; $crc32: the CRC-32 of $s (IEEE 802.3 / ISO-HDLC, as zlib.crc32(s) and
;; Go's crc32.ChecksumIEEE), 0 .. 2^32-1 as an i64.  Inputs of 256 bytes or
;; more use a 1 KiB table of the 256 byte steps, built in scratch and given
;; back before returning (when scratch has no room for it, the bit-by-bit
;; loop is used instead, never an error); shorter ones go bit by bit.
(func $crc32 (param $s i64) (result i64)
  (local $p i32) (local $end i32) (local $crc i32) (local $table i32) (local $top i32) (local $i i32)
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $end (i32.add (local.get $p) (call $str_len (local.get $s))))
  (local.set $crc (i32.const -1))
  (local.set $top (global.get $scratch_top))
  (if (i32.and (i32.ge_u (call $str_len (local.get $s)) (i32.const 256))
               (i32.and (i32.le_u (local.get $top) (i32.sub (global.get $scratch_end) (i32.const 1032)))
                        (i32.ge_u (global.get $scratch_end) (i32.const 1032))))
    (then
      (local.set $table (call $alloc (i32.const 1024)))
      (loop $entries
        (i32.store (i32.add (local.get $table) (i32.shl (local.get $i) (i32.const 2)))
                   (call $crc32_shift8 (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $entries (i32.lt_u (local.get $i) (i32.const 256))))
      (block $done
        (loop $bytes
          (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
          (local.set $crc (i32.xor (i32.shr_u (local.get $crc) (i32.const 8))
            (i32.load (i32.add (local.get $table)
              (i32.shl (i32.and (i32.xor (local.get $crc) (i32.load8_u (local.get $p))) (i32.const 255))
                       (i32.const 2))))))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br $bytes)))
      (global.set $scratch_top (local.get $top))
      (return (i64.extend_i32_u (i32.xor (local.get $crc) (i32.const -1))))))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $crc (call $crc32_shift8 (i32.xor (local.get $crc) (i32.load8_u (local.get $p)))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $bytes)))
  (i64.extend_i32_u (i32.xor (local.get $crc) (i32.const -1))))

;; $fnv1a: FNV-1a 64-bit of the bytes of $s (offset basis
;; 0xcbf29ce484222325, prime 0x100000001b3: for each byte, h ^= byte, then
;; h *= prime, mod 2^64) with the top bit cleared, so that the language
;; gets a non-negative int (0 .. 2^63-1) and `fnv1a(x) % 100` is a bucket
;; in 0 .. 99.  Clearing one bit keeps the low 63 bits, and so the buckets
;; of any power-of-two modulus, equal to other FNV-1a 64 users'; for other
;; moduli they differ from `fnv64a % m` whenever the top bit was set.
(func $fnv1a (param $s i64) (result i64)
  (local $p i32) (local $end i32) (local $h i64)
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $end (i32.add (local.get $p) (call $str_len (local.get $s))))
  (local.set $h (i64.const 0xcbf29ce484222325))
  (block $done
    (loop $bytes
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $h (i64.mul (i64.xor (local.get $h) (i64.extend_i32_u (i32.load8_u (local.get $p))))
                             (i64.const 0x100000001b3)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $bytes)))
  (i64.and (local.get $h) (i64.const 0x7FFFFFFFFFFFFFFF)))
