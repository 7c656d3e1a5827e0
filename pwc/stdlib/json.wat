;; json.wat: a strict JSON reader (RFC 8259) and the pieces of it the
;; configuration reader (cfg.wat) uses.  Never traps, runs in time linear
;; in the input, nests at most 32 arrays/objects and reads at most 1 MiB (1048576
;; bytes) of text.  Whitespace is space, tab, CR and LF only.  Strings must
;; be valid UTF-8 (overlong forms, encoded surrogates and code points above
;; U+10FFFF are refused); `\uXXXX` escapes decode to UTF-8, surrogate pairs
;; combine and a lone surrogate escape is an error.  NaN and Infinity are not
;; JSON.  The parser's cursor lives in the $json_* globals; its users are
;; $json_validate, the configuration reader (cfg.wat) and the JSON values of
;; the language (dyn.wat), which read a text checked by $json_check again
;; with the cursor functions ($json_open, $json_key, $json_next_item,
;; $json_string), writing decoded or canonical text through $json_emit.

;; $json_p: the parser's cursor (an address in the text being read).
(global $json_p (mut i32) (i32.const 0))

;; $json_end: the address just past the text being read.
(global $json_end (mut i32) (i32.const 0))

;; $json_fail: the first error of the current parse: 0 none, 1 malformed
;; JSON, 7 too deep, too large or out of scratch memory.
(global $json_fail (mut i32) (i32.const 0))

;; $json_fail_at: the address where the first error of the parse was found.
(global $json_fail_at (mut i32) (i32.const 0))

;; $json_out: where $json_emit writes (decoding, canonical text), or what
;; it counts (measuring).
(global $json_out (mut i32) (i32.const 0))

;; $json_keys: the number of object members (keys) $json_check has read.
(global $json_keys (mut i32) (i32.const 0))

;; $json_error: record error $code (1 or 7) found at address $at, unless an
;; earlier error is already recorded.
(func $json_error (param $code i32) (param $at i32)
  (if (i32.eqz (global.get $json_fail))
    (then
      (global.set $json_fail (local.get $code))
      (global.set $json_fail_at (local.get $at)))))

;; $json_peek: the byte at the cursor, or -1 at the end of the text.
(func $json_peek (result i32)
  (if (result i32) (i32.lt_u (global.get $json_p) (global.get $json_end))
    (then (i32.load8_u (global.get $json_p)))
    (else (i32.const -1))))

;; $json_ws: move the cursor past JSON whitespace (space, tab, CR, LF).
(func $json_ws
  (local $p i32) (local $c i32)
  (local.set $p (global.get $json_p))
  (block $done
    (loop $skip
      (br_if $done (i32.ge_u (local.get $p) (global.get $json_end)))
      (local.set $c (i32.load8_u (local.get $p)))
      ;; bits 9, 10, 13 and 32: tab, LF, CR, space
      (br_if $done (i32.gt_u (local.get $c) (i32.const 0x20)))
      (br_if $done (i64.eqz (i64.and (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $c))) (i64.const 0x100002600))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $skip)))
  (global.set $json_p (local.get $p)))

;; $json_expect: consume byte $c at the cursor, or record error 1 there.
;; Result: 1 when consumed, else 0.
(func $json_expect (param $c i32) (result i32)
  (if (i32.ne (call $json_peek) (local.get $c))
    (then
      (call $json_error (i32.const 1) (global.get $json_p))
      (return (i32.const 0))))
  (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))
  (i32.const 1))

;; $json_is_digit: 1 when $c is an ASCII digit 0-9 (-1 is not), else 0.
(func $json_is_digit (param $c i32) (result i32)
  (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10)))

;; $json_hex: the value 0..15 of hexadecimal digit $c, or -1.
(func $json_hex (param $c i32) (result i32)
  (if (call $json_is_digit (local.get $c)) (then (return (i32.sub (local.get $c) (i32.const 48)))))
  (local.set $c (i32.or (local.get $c) (i32.const 0x20)))
  (if (i32.lt_u (i32.sub (local.get $c) (i32.const 97)) (i32.const 6))
    (then (return (i32.sub (local.get $c) (i32.const 87)))))
  (i32.const -1))

;; $json_hex4: read the 4 hex digits at the cursor and move past them.
;; Result: the value 0..0xFFFF, or -1 after recording error 1 at the first
;; byte that is not a hex digit (or the end of the text).
(func $json_hex4 (result i32)
  (local $i i32) (local $h i32) (local $v i32)
  (loop $digits
    (local.set $h (call $json_hex (call $json_peek)))
    (if (i32.lt_s (local.get $h) (i32.const 0))
      (then
        (call $json_error (i32.const 1) (global.get $json_p))
        (return (i32.const -1))))
    (local.set $v (i32.or (i32.shl (local.get $v) (i32.const 4)) (local.get $h)))
    (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $digits (i32.lt_u (local.get $i) (i32.const 4))))
  (local.get $v))

;; $json_emit: append decoded byte $c at $json_out as $mode says: 0
;; nothing (checking only); 1 the byte (decoding); 2 the byte as canonical
;; JSON string text spells it (see $json_escape); 3 nothing, but $json_out
;; moves on by what mode 2 would write (measuring).
(func $json_emit (param $mode i32) (param $c i32)
  (if (i32.eqz (local.get $mode)) (then (return)))
  (if (i32.eq (local.get $mode) (i32.const 1))
    (then
      (i32.store8 (global.get $json_out) (local.get $c))
      (global.set $json_out (i32.add (global.get $json_out) (i32.const 1)))
      (return)))
  (global.set $json_out (i32.add (global.get $json_out) (call $json_escape (local.get $mode) (local.get $c)))))

;; $json_escape: the canonical spelling of byte $c inside a JSON string, as
;; Python's json.dumps(ensure_ascii=False) writes it: `\"`, `\\`, `\b`,
;; `\f`, `\n`, `\r`, `\t`, other bytes below 0x20 as `\u00xx` (lower-case
;; hex), every other byte (DEL, `/`, UTF-8 bytes) raw.  Written at $json_out
;; when $mode is 2 ($json_out is not moved).  Result: its length, 1, 2 or 6.
(func $json_escape (param $mode i32) (param $c i32) (result i32)
  (local $letter i32)
  (if (i32.and (i32.ge_u (local.get $c) (i32.const 0x20))
               (i32.and (i32.ne (local.get $c) (i32.const 0x22)) (i32.ne (local.get $c) (i32.const 0x5C))))
    (then
      (if (i32.eq (local.get $mode) (i32.const 2)) (then (i32.store8 (global.get $json_out) (local.get $c))))
      (return (i32.const 1))))
  ;; 8 b, 9 t, 10 n, 12 f, 13 r: byte c - 8 of 0x7266006E7462
  (local.set $letter (local.get $c))
  (if (i32.lt_u (i32.sub (local.get $c) (i32.const 8)) (i32.const 6))
    (then (local.set $letter (i32.wrap_i64 (i64.and (i64.shr_u (i64.const 0x7266006E7462)
      (i64.extend_i32_u (i32.shl (i32.sub (local.get $c) (i32.const 8)) (i32.const 3)))) (i64.const 0xFF))))))
  (if (i32.ge_u (local.get $letter) (i32.const 0x20))
    (then
      (if (i32.eq (local.get $mode) (i32.const 2))
        (then (i32.store16 (global.get $json_out) (i32.or (i32.const 0x5C) (i32.shl (local.get $letter) (i32.const 8))))))
      (return (i32.const 2))))
  (if (i32.eq (local.get $mode) (i32.const 2))
    (then
      (i32.store (global.get $json_out) (i32.const 0x3030755C))
      (i32.store8 offset=4 (global.get $json_out) (call $hex_lower_digit (i32.shr_u (local.get $c) (i32.const 4))))
      (i32.store8 offset=5 (global.get $json_out) (call $hex_lower_digit (local.get $c)))))
  (i32.const 6))

;; $json_emit_utf8: append code point $cp (0..0x10FFFF, not a surrogate)
;; as UTF-8 at $json_out, each byte as $json_emit's $mode says.
(func $json_emit_utf8 (param $mode i32) (param $cp i32)
  (if (i32.lt_u (local.get $cp) (i32.const 0x80))
    (then (call $json_emit (local.get $mode) (local.get $cp)) (return)))
  (if (i32.lt_u (local.get $cp) (i32.const 0x800))
    (then
      (call $json_emit (local.get $mode) (i32.or (i32.const 0xC0) (i32.shr_u (local.get $cp) (i32.const 6))))
      (call $json_emit (local.get $mode) (i32.or (i32.const 0x80) (i32.and (local.get $cp) (i32.const 0x3F))))
      (return)))
  (if (i32.lt_u (local.get $cp) (i32.const 0x10000))
    (then
      (call $json_emit (local.get $mode) (i32.or (i32.const 0xE0) (i32.shr_u (local.get $cp) (i32.const 12))))
      (call $json_emit (local.get $mode)
        (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $cp) (i32.const 6)) (i32.const 0x3F))))
      (call $json_emit (local.get $mode) (i32.or (i32.const 0x80) (i32.and (local.get $cp) (i32.const 0x3F))))
      (return)))
  (call $json_emit (local.get $mode) (i32.or (i32.const 0xF0) (i32.shr_u (local.get $cp) (i32.const 18))))
  (call $json_emit (local.get $mode)
    (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $cp) (i32.const 12)) (i32.const 0x3F))))
  (call $json_emit (local.get $mode)
    (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $cp) (i32.const 6)) (i32.const 0x3F))))
  (call $json_emit (local.get $mode) (i32.or (i32.const 0x80) (i32.and (local.get $cp) (i32.const 0x3F)))))

;; $json_utf8: check the UTF-8 sequence whose lead byte $c (>= 0x80) is at
;; the cursor, move past it and pass its bytes to $json_emit in $mode.
;; Errors: a bad lead byte, a bad continuation byte or the end of the text
;; -> error 1 at that byte, where the cursor is left: the bytes before it
;; from $c on are the longest start of a valid sequence (Unicode's "maximal
;; subpart"; none when $c itself is bad).
(func $json_utf8 (param $mode i32) (param $c i32)
  (local $more i32) (local $lo i32) (local $hi i32) (local $b i32)
  (local.set $lo (i32.const 0x80))
  (local.set $hi (i32.const 0xBF))
  (block $lead
    (if (i32.lt_u (i32.sub (local.get $c) (i32.const 0xC2)) (i32.const 30))
      (then (local.set $more (i32.const 1)) (br $lead)))
    (if (i32.eq (local.get $c) (i32.const 0xE0))
      (then (local.set $more (i32.const 2)) (local.set $lo (i32.const 0xA0)) (br $lead)))
    (if (i32.eq (local.get $c) (i32.const 0xED))
      (then (local.set $more (i32.const 2)) (local.set $hi (i32.const 0x9F)) (br $lead)))
    (if (i32.lt_u (i32.sub (local.get $c) (i32.const 0xE1)) (i32.const 15))
      (then (local.set $more (i32.const 2)) (br $lead)))
    (if (i32.eq (local.get $c) (i32.const 0xF0))
      (then (local.set $more (i32.const 3)) (local.set $lo (i32.const 0x90)) (br $lead)))
    (if (i32.eq (local.get $c) (i32.const 0xF4))
      (then (local.set $more (i32.const 3)) (local.set $hi (i32.const 0x8F)) (br $lead)))
    (if (i32.lt_u (i32.sub (local.get $c) (i32.const 0xF1)) (i32.const 3))
      (then (local.set $more (i32.const 3)) (br $lead)))
    (call $json_error (i32.const 1) (global.get $json_p))
    (return))
  (call $json_emit (local.get $mode) (local.get $c))
  (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))
  (loop $cont
    (local.set $b (call $json_peek))
    (if (i32.or (i32.lt_s (local.get $b) (local.get $lo)) (i32.gt_s (local.get $b) (local.get $hi)))
      (then
        (call $json_error (i32.const 1) (global.get $json_p))
        (return)))
    (call $json_emit (local.get $mode) (local.get $b))
    (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))
    (local.set $lo (i32.const 0x80))
    (local.set $hi (i32.const 0xBF))
    (local.set $more (i32.sub (local.get $more) (i32.const 1)))
    (br_if $cont (local.get $more))))

;; $json_plain_end: the first address from $p on (at most $end) whose byte
;; is not one a JSON string holds as it is and canonical text keeps as it is:
;; printable ASCII but '"' and '\'.  Eight bytes at a time while none of
;; them is a byte below 0x20, at or above 0x80, '"' or '\' (SWAR tests).
(func $json_plain_end (param $p i32) (param $end i32) (result i32)
  (local $x i64) (local $q i64) (local $b i64) (local $c i32)
  (block $bytes
    (loop $words
      (br_if $bytes (i32.lt_u (i32.sub (local.get $end) (local.get $p)) (i32.const 8)))
      (local.set $x (i64.load (local.get $p)))
      (local.set $q (i64.xor (local.get $x) (i64.const 0x2222222222222222)))
      (local.set $b (i64.xor (local.get $x) (i64.const 0x5C5C5C5C5C5C5C5C)))
      ;; a byte < 0x20, a byte >= 0x80, a zero byte in x ^ '"' or in x ^ '\'
      (br_if $bytes (i64.ne (i64.const 0) (i64.and (i64.const 0x8080808080808080)
        (i64.or (i64.or (i64.and (i64.sub (local.get $x) (i64.const 0x2020202020202020)) (i64.xor (local.get $x) (i64.const -1)))
                        (local.get $x))
                (i64.or (i64.and (i64.sub (local.get $q) (i64.const 0x0101010101010101)) (i64.xor (local.get $q) (i64.const -1)))
                        (i64.and (i64.sub (local.get $b) (i64.const 0x0101010101010101)) (i64.xor (local.get $b) (i64.const -1))))))))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br $words)))
  (block $done
    (loop $more
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $c (i32.load8_u (local.get $p)))
      (br_if $done (i32.ge_u (i32.sub (local.get $c) (i32.const 0x20)) (i32.const 0x60)))
      (br_if $done (i32.or (i32.eq (local.get $c) (i32.const 0x22)) (i32.eq (local.get $c) (i32.const 0x5C))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $more)))
  (local.get $p))

;; $json_emit_run: pass the $n bytes at $p, none of which an escape would
;; change, to $json_emit in $mode at once: copied (modes 1 and 2) or
;; counted (mode 3).
(func $json_emit_run (param $mode i32) (param $p i32) (param $n i32)
  (if (i32.eqz (local.get $mode)) (then (return)))
  (if (i32.ne (local.get $mode) (i32.const 3))
    (then (memory.copy (global.get $json_out) (local.get $p) (local.get $n))))
  (global.set $json_out (i32.add (global.get $json_out) (local.get $n))))

;; $json_string: read the JSON string whose opening quote is at the cursor
;; and move past its closing quote.  With $mode 0 only check it (result
;; ""); with $mode 1 also decode it: the result is a slice of the text when
;; it has no escape, else the decoded bytes written at $json_out (never more
;; bytes than the string takes in the text).  With $mode 2 write its
;; canonical text (dyn.wat: what is between the quotes, never longer than in
;; the text) at $json_out, left past it; the result is what was written.
;; Errors (error 1, result ""): no closing quote (at the end of the text), a
;; raw byte below 0x20, a bad escape (at the byte after the backslash), a
;; bad \u digit (at that digit), a lone surrogate escape (at its backslash),
;; invalid UTF-8 (at the bad byte).
(func $json_string (param $mode i32) (result i64)
  (local $start i32) (local $out i32) (local $c i32) (local $esc i32) (local $escaped i32)
  (local $cp i32) (local $lo i32)
  (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))
  (local.set $start (global.get $json_p))
  (local.set $out (global.get $json_out))
  (block $closed
    (loop $chars
      ;; a run of bytes that stand for themselves, at once
      (local.set $c (call $json_plain_end (global.get $json_p) (global.get $json_end)))
      (if (i32.gt_u (local.get $c) (global.get $json_p))
        (then
          (call $json_emit_run (local.get $mode) (global.get $json_p) (i32.sub (local.get $c) (global.get $json_p)))
          (global.set $json_p (local.get $c))))
      (local.set $c (call $json_peek))
      (if (i32.lt_s (local.get $c) (i32.const 0))
        (then
          (call $json_error (i32.const 1) (global.get $json_p))
          (return (i64.const 0))))
      (br_if $closed (i32.eq (local.get $c) (i32.const 0x22)))
      (if (i32.lt_u (local.get $c) (i32.const 0x20))
        (then
          (call $json_error (i32.const 1) (global.get $json_p))
          (return (i64.const 0))))
      (if (i32.ge_u (local.get $c) (i32.const 0x80))
        (then
          (call $json_utf8 (local.get $mode) (local.get $c))
          (if (global.get $json_fail) (then (return (i64.const 0))))
          (br $chars)))
      (if (i32.ne (local.get $c) (i32.const 0x5C))
        (then
          (call $json_emit (local.get $mode) (local.get $c))
          (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))
          (br $chars)))
      ;; an escape
      (local.set $escaped (i32.const 1))
      (local.set $esc (global.get $json_p))
      (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))
      (local.set $c (call $json_peek))
      (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))
      (block $simple
        (block $bad
          (br_if $simple (i32.or (i32.eq (local.get $c) (i32.const 0x22))
                                 (i32.or (i32.eq (local.get $c) (i32.const 0x5C))
                                         (i32.eq (local.get $c) (i32.const 0x2F)))))
          (if (i32.eq (local.get $c) (i32.const 0x62)) (then (local.set $c (i32.const 8)) (br $simple)))
          (if (i32.eq (local.get $c) (i32.const 0x66)) (then (local.set $c (i32.const 12)) (br $simple)))
          (if (i32.eq (local.get $c) (i32.const 0x6E)) (then (local.set $c (i32.const 10)) (br $simple)))
          (if (i32.eq (local.get $c) (i32.const 0x72)) (then (local.set $c (i32.const 13)) (br $simple)))
          (if (i32.eq (local.get $c) (i32.const 0x74)) (then (local.set $c (i32.const 9)) (br $simple)))
          (br_if $bad (i32.ne (local.get $c) (i32.const 0x75)))
          ;; \uXXXX
          (local.set $cp (call $json_hex4))
          (if (i32.lt_s (local.get $cp) (i32.const 0)) (then (return (i64.const 0))))
          (if (i32.eq (i32.and (local.get $cp) (i32.const 0xFC00)) (i32.const 0xDC00))
            (then
              (call $json_error (i32.const 1) (local.get $esc))
              (return (i64.const 0))))
          (if (i32.eq (i32.and (local.get $cp) (i32.const 0xFC00)) (i32.const 0xD800))
            (then
              ;; a high surrogate: a \u low surrogate must follow
              (if (i32.ne (call $json_peek) (i32.const 0x5C))
                (then
                  (call $json_error (i32.const 1) (local.get $esc))
                  (return (i64.const 0))))
              (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))
              (if (i32.ne (call $json_peek) (i32.const 0x75))
                (then
                  (call $json_error (i32.const 1) (local.get $esc))
                  (return (i64.const 0))))
              (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))
              (local.set $lo (call $json_hex4))
              (if (i32.lt_s (local.get $lo) (i32.const 0)) (then (return (i64.const 0))))
              (if (i32.ne (i32.and (local.get $lo) (i32.const 0xFC00)) (i32.const 0xDC00))
                (then
                  (call $json_error (i32.const 1) (local.get $esc))
                  (return (i64.const 0))))
              (local.set $cp (i32.add (i32.const 0x10000)
                (i32.or (i32.shl (i32.and (local.get $cp) (i32.const 0x3FF)) (i32.const 10))
                        (i32.and (local.get $lo) (i32.const 0x3FF)))))))
          (call $json_emit_utf8 (local.get $mode) (local.get $cp))
          (br $chars))
        ;; $bad: not an escape letter (or the end of the text)
        (call $json_error (i32.const 1) (i32.add (local.get $esc) (i32.const 1)))
        (return (i64.const 0)))
      (call $json_emit (local.get $mode) (local.get $c))
      (br $chars)))
  ;; the closing quote
  (local.set $c (global.get $json_p))
  (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))
  (if (i32.eqz (local.get $mode)) (then (return (i64.const 0))))
  (if (i32.and (i32.eqz (local.get $escaped)) (i32.eq (local.get $mode) (i32.const 1)))
    (then
      (global.set $json_out (local.get $out))
      (return (call $str_pack (local.get $start) (i32.sub (local.get $c) (local.get $start))))))
  (call $str_pack (local.get $out) (i32.sub (global.get $json_out) (local.get $out))))

;; $json_number: check the JSON number at the cursor (-? int frac? exp?,
;; no leading zeros) and move past it.
;; Errors: a missing digit -> error 1 where the digit should be.
(func $json_number
  (if (i32.eq (call $json_peek) (i32.const 0x2D))
    (then (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))))
  (if (i32.eqz (call $json_is_digit (call $json_peek)))
    (then (call $json_error (i32.const 1) (global.get $json_p)) (return)))
  (if (i32.eq (call $json_peek) (i32.const 0x30))
    (then (global.set $json_p (i32.add (global.get $json_p) (i32.const 1))))
    (else (call $json_digits)))
  (if (i32.eq (call $json_peek) (i32.const 0x2E))
    (then
      (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))
      (if (i32.eqz (call $json_is_digit (call $json_peek)))
        (then (call $json_error (i32.const 1) (global.get $json_p)) (return)))
      (call $json_digits)))
  (if (i32.eq (i32.or (call $json_peek) (i32.const 0x20)) (i32.const 0x65))
    (then
      (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))
      (if (i32.or (i32.eq (call $json_peek) (i32.const 0x2B)) (i32.eq (call $json_peek) (i32.const 0x2D)))
        (then (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))))
      (if (i32.eqz (call $json_is_digit (call $json_peek)))
        (then (call $json_error (i32.const 1) (global.get $json_p)) (return)))
      (call $json_digits))))

;; $json_digits: move the cursor past a run of ASCII digits.
(func $json_digits
  (local $p i32)
  (local.set $p (global.get $json_p))
  (block $done
    (loop $more
      (br_if $done (i32.ge_u (local.get $p) (global.get $json_end)))
      (br_if $done (i32.ge_u (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)) (i32.const 10)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $more)))
  (global.set $json_p (local.get $p)))

;; $json_word: consume the literal whose bytes are the $n (1..8) low bytes
;; of $word, first byte lowest.
;; Errors: a mismatch -> error 1 at the first differing byte.
(func $json_word (param $word i64) (param $n i32)
  (loop $bytes
    (if (i32.eqz (call $json_expect (i32.wrap_i64 (i64.and (local.get $word) (i64.const 0xFF)))))
      (then (return)))
    (local.set $word (i64.shr_u (local.get $word) (i64.const 8)))
    (local.set $n (i32.sub (local.get $n) (i32.const 1)))
    (br_if $bytes (local.get $n))))

;; $json_value: check the JSON value at the cursor (whitespace before it
;; already skipped) and move past it.  $depth is the number of arrays and
;; objects around it; opening one more than 32 is error 7.
;; Errors: recorded with $json_error; the cursor is then meaningless.
(func $json_value (param $depth i32)
  (local $c i32)
  (local.set $c (call $json_peek))
  (if (i32.or (i32.eq (local.get $c) (i32.const 0x7B)) (i32.eq (local.get $c) (i32.const 0x5B)))
    (then
      (if (i32.ge_u (local.get $depth) (i32.const 32))
        (then (call $json_error (i32.const 7) (global.get $json_p)) (return)))
      (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))
      (call $json_ws)
      ;; empty container
      (if (i32.eq (call $json_peek) (i32.add (local.get $c) (i32.const 2)))
        (then (global.set $json_p (i32.add (global.get $json_p) (i32.const 1))) (return)))
      (loop $members
        (if (i32.eq (local.get $c) (i32.const 0x7B))
          (then
            (if (i32.ne (call $json_peek) (i32.const 0x22))
              (then (call $json_error (i32.const 1) (global.get $json_p)) (return)))
            (drop (call $json_string (i32.const 0)))
            (if (global.get $json_fail) (then (return)))
            (global.set $json_keys (i32.add (global.get $json_keys) (i32.const 1)))
            (call $json_ws)
            (if (i32.eqz (call $json_expect (i32.const 0x3A))) (then (return)))
            (call $json_ws)))
        (call $json_value (i32.add (local.get $depth) (i32.const 1)))
        (if (global.get $json_fail) (then (return)))
        (call $json_ws)
        (if (i32.eq (call $json_peek) (i32.const 0x2C))
          (then
            (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))
            (call $json_ws)
            (br $members))))
      ;; '}' is '{' + 2 and ']' is '[' + 2
      (drop (call $json_expect (i32.add (local.get $c) (i32.const 2))))
      (return)))
  (if (i32.eq (local.get $c) (i32.const 0x22))
    (then (drop (call $json_string (i32.const 0))) (return)))
  (if (i32.or (i32.eq (local.get $c) (i32.const 0x2D)) (call $json_is_digit (local.get $c)))
    (then (call $json_number) (return)))
  (if (i32.eq (local.get $c) (i32.const 0x74))
    (then (call $json_word (i64.const 0x65757274) (i32.const 4)) (return)))
  (if (i32.eq (local.get $c) (i32.const 0x66))
    (then (call $json_word (i64.const 0x65736c6166) (i32.const 5)) (return)))
  (if (i32.eq (local.get $c) (i32.const 0x6E))
    (then (call $json_word (i64.const 0x6c6c756e) (i32.const 4)) (return)))
  (call $json_error (i32.const 1) (global.get $json_p)))

;; $json_next_item: after an item of a checked array or object (at the
;; cursor, whitespace skipped), move past a `,` and the whitespace after it.
;; Result: 1 when another item follows, 0 at the closing bracket (which
;; it also moves past).
(func $json_next_item (result i32)
  (call $json_ws)
  (if (i32.eq (call $json_peek) (i32.const 0x2C))
    (then
      (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))
      (call $json_ws)
      (return (i32.const 1))))
  (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))
  (i32.const 0))

;; $json_open: at a checked array or object (the cursor on its bracket), move past
;; the bracket and the whitespace after it.  Result: 1 when it has items,
;; 0 when it is empty (the cursor then past its closing bracket).
(func $json_open (result i32)
  (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))
  (call $json_ws)
  (if (i32.or (i32.eq (call $json_peek) (i32.const 0x5D)) (i32.eq (call $json_peek) (i32.const 0x7D)))
    (then
      (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))
      (return (i32.const 0))))
  (i32.const 1))

;; $json_key: read the key of an object's member at the cursor with
;; $json_string in $mode and move past the `:` and the whitespace after it.
;; The text must have been checked ($json_check).
(func $json_key (param $mode i32) (result i64)
  (local $key i64)
  (local.set $key (call $json_string (local.get $mode)))
  (call $json_ws)
  (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))
  (call $json_ws)
  (local.get $key))

;; $json_check: check that $text is one JSON value with optional whitespace
;; around it.  Result: 0, or the error code (1 malformed, 7 too deep or
;; longer than 1 MiB, or out of linear memory) with its address in
;; $json_fail_at.  Leaves the $json_* cursor globals set for $text.
(func $json_check (param $text i64) (result i32)
  (local $ptr i32) (local $len i32)
  (local.set $ptr (call $str_ptr (local.get $text)))
  (local.set $len (call $str_len (local.get $text)))
  (global.set $json_fail (i32.const 0))
  (global.set $json_keys (i32.const 0))
  (global.set $json_fail_at (local.get $ptr))
  (global.set $json_p (local.get $ptr))
  (global.set $json_end (local.get $ptr))
  (if (i64.gt_u (i64.add (i64.extend_i32_u (local.get $ptr)) (i64.extend_i32_u (local.get $len)))
                (call $memory_bytes))
    (then (call $json_error (i32.const 7) (local.get $ptr)) (return (i32.const 7))))
  (if (i32.gt_u (local.get $len) (i32.const 1048576))
    (then
      (call $json_error (i32.const 7) (i32.add (local.get $ptr) (i32.const 1048576)))
      (return (i32.const 7))))
  (global.set $json_end (i32.add (local.get $ptr) (local.get $len)))
  (call $json_ws)
  (call $json_value (i32.const 0))
  (if (i32.eqz (global.get $json_fail))
    (then
      (call $json_ws)
      (if (i32.lt_u (global.get $json_p) (global.get $json_end))
        (then (call $json_error (i32.const 1) (global.get $json_p))))))
  (global.get $json_fail))

;; $json_validate: 0 when $text is exactly one valid JSON value (RFC 8259,
;; strict; see the head of json.wat) with optional whitespace around it,
;; else 1 + the byte offset of the first error.  Texts longer than 1 MiB
;; fail at offset 1048576; nesting deeper than 32 fails at the bracket that
;; opens the 33rd level.  Allocates nothing.
(func $json_validate (param $text i64) (result i32)
  (if (i32.eqz (call $json_check (local.get $text))) (then (return (i32.const 0))))
  (i32.add (i32.const 1) (i32.sub (global.get $json_fail_at) (call $str_ptr (local.get $text)))))

;; $cfg_duration: milliseconds of duration text $s: one or more groups of
;; ASCII digits followed by a unit ms, s, m or h (any order, repeats
;; allowed: "1m30s", "250ms", "0s").  Result: the total (>= 0), or -1 when
;; $s has another form or the total exceeds int64.
(func $cfg_duration (param $s i64) (result i64)
  (local $p i32) (local $end i32) (local $n i64) (local $d i64) (local $c i32)
  (local $mult i64) (local $limit i64) (local $total i64)
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $end (i32.add (local.get $p) (call $str_len (local.get $s))))
  (if (i32.ge_u (local.get $p) (local.get $end)) (then (return (i64.const -1))))
  (loop $groups
    (if (i32.eqz (call $json_is_digit (i32.load8_u (local.get $p)))) (then (return (i64.const -1))))
    (local.set $n (i64.const 0))
    (block $number
      (loop $digits
        (br_if $number (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $p)))
        (br_if $number (i32.eqz (call $json_is_digit (local.get $c))))
        (local.set $d (i64.extend_i32_u (i32.sub (local.get $c) (i32.const 48))))
        ;; n * 10 + d <= int64 max
        (if (i64.gt_u (local.get $n) (i64.const 922337203685477580)) (then (return (i64.const -1))))
        (if (i32.and (i64.eq (local.get $n) (i64.const 922337203685477580))
                     (i64.gt_u (local.get $d) (i64.const 7)))
          (then (return (i64.const -1))))
        (local.set $n (i64.add (i64.mul (local.get $n) (i64.const 10)) (local.get $d)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $digits)))
    (if (i32.ge_u (local.get $p) (local.get $end)) (then (return (i64.const -1))))
    (local.set $c (i32.load8_u (local.get $p)))
    (local.set $p (i32.add (local.get $p) (i32.const 1)))
    (block $unit
      (if (i32.eq (local.get $c) (i32.const 0x68))
        (then (local.set $mult (i64.const 3600000)) (local.set $limit (i64.const 2562047788015)) (br $unit)))
      (if (i32.eq (local.get $c) (i32.const 0x73))
        (then (local.set $mult (i64.const 1000)) (local.set $limit (i64.const 9223372036854775)) (br $unit)))
      (if (i32.ne (local.get $c) (i32.const 0x6D)) (then (return (i64.const -1))))
      (if (i32.lt_u (local.get $p) (local.get $end))
        (then
          (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 0x73))
            (then
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (local.set $mult (i64.const 1))
              (local.set $limit (i64.const 0x7FFFFFFFFFFFFFFF))
              (br $unit)))))
      (local.set $mult (i64.const 60000))
      (local.set $limit (i64.const 153722867280912)))
    (if (i64.gt_u (local.get $n) (local.get $limit)) (then (return (i64.const -1))))
    (local.set $total (i64.add (local.get $total) (i64.mul (local.get $n) (local.get $mult))))
    ;; both terms are in 0..int64 max, so a sum past it reads negative
    (if (i64.lt_s (local.get $total) (i64.const 0)) (then (return (i64.const -1))))
    (br_if $groups (i32.lt_u (local.get $p) (local.get $end))))
  (local.get $total))

;; $cfg_int: the JSON integer at the cursor (already checked by
;; $json_check), moving past the number.  Result: the value; $json_fail is
;; set to 6 when the number has a fraction or an exponent or is outside the
;; int64 range ("-0" is 0).
(func $cfg_int (result i64)
  (local $neg i32) (local $acc i64) (local $d i64) (local $ovf i32) (local $c i32)
  (if (i32.eq (call $json_peek) (i32.const 0x2D))
    (then
      (local.set $neg (i32.const 1))
      (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))))
  ;; accumulate as a negative number: int64's negative range is the larger
  (block $done
    (loop $digits
      (local.set $c (call $json_peek))
      (br_if $done (i32.eqz (call $json_is_digit (local.get $c))))
      (local.set $d (i64.extend_i32_u (i32.sub (local.get $c) (i32.const 48))))
      (if (i64.lt_s (local.get $acc) (i64.const -922337203685477580))
        (then (local.set $ovf (i32.const 1)))
        (else
          (local.set $acc (i64.mul (local.get $acc) (i64.const 10)))
          (if (i64.lt_s (local.get $acc) (i64.add (i64.const 0x8000000000000000) (local.get $d)))
            (then (local.set $ovf (i32.const 1)))
            (else (local.set $acc (i64.sub (local.get $acc) (local.get $d)))))))
      (global.set $json_p (i32.add (global.get $json_p) (i32.const 1)))
      (br $digits)))
  (local.set $c (call $json_peek))
  (if (i32.or (i32.eq (local.get $c) (i32.const 0x2E)) (i32.eq (i32.or (local.get $c) (i32.const 0x20)) (i32.const 0x65)))
    (then (local.set $ovf (i32.const 1))))
  (if (i32.eqz (local.get $neg))
    (then
      (if (i64.eq (local.get $acc) (i64.const 0x8000000000000000)) (then (local.set $ovf (i32.const 1))))
      (local.set $acc (i64.sub (i64.const 0) (local.get $acc)))))
  (if (local.get $ovf) (then (global.set $json_fail (i32.const 6))))
  (local.get $acc))

;; $json_sort_rows: sort the $n row addresses at $a by $json_row_cmp in
;; $mode (0: by the string each row starts with, 1: rows are canonical JSON
;; strings), using $b (also $n addresses) as the other buffer of a
;; bottom-up merge sort (stable, n log n).  Result: $a or $b, whichever
;; holds the sorted addresses.
(func $json_sort_rows (param $a i32) (param $b i32) (param $n i32) (param $mode i32) (result i32)
  (local $width i32) (local $lo i32) (local $mid i32) (local $hi i32)
  (local $i i32) (local $j i32) (local $k i32) (local $x i32) (local $y i32) (local $swap i32) (local $left i32)
  (local.set $width (i32.const 1))
  (block $sorted
    (loop $pass
      (br_if $sorted (i32.ge_u (local.get $width) (local.get $n)))
      (local.set $lo (i32.const 0))
      (block $merged
        (loop $runs
          (br_if $merged (i32.ge_u (local.get $lo) (local.get $n)))
          (local.set $mid (i32.add (local.get $lo) (local.get $width)))
          (if (i32.gt_u (local.get $mid) (local.get $n)) (then (local.set $mid (local.get $n))))
          (local.set $hi (i32.add (local.get $mid) (local.get $width)))
          (if (i32.gt_u (local.get $hi) (local.get $n)) (then (local.set $hi (local.get $n))))
          (local.set $i (local.get $lo))
          (local.set $j (local.get $mid))
          (local.set $k (local.get $lo))
          (block $run_done
            (loop $merge
              (br_if $run_done (i32.ge_u (local.get $k) (local.get $hi)))
              ;; take from the left run unless it is used up or its head is greater
              (local.set $left (i32.lt_u (local.get $i) (local.get $mid)))
              (if (i32.and (local.get $left) (i32.lt_u (local.get $j) (local.get $hi)))
                (then
                  (local.set $x (i32.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2)))))
                  (local.set $y (i32.load (i32.add (local.get $a) (i32.shl (local.get $j) (i32.const 2)))))
                  (local.set $left (i32.le_s (call $json_row_cmp (local.get $x) (local.get $y) (local.get $mode))
                                             (i32.const 0)))))
              (if (local.get $left)
                (then
                  (i32.store (i32.add (local.get $b) (i32.shl (local.get $k) (i32.const 2)))
                    (i32.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2)))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1))))
                (else
                  (i32.store (i32.add (local.get $b) (i32.shl (local.get $k) (i32.const 2)))
                    (i32.load (i32.add (local.get $a) (i32.shl (local.get $j) (i32.const 2)))))
                  (local.set $j (i32.add (local.get $j) (i32.const 1)))))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br $merge)))
          (local.set $lo (local.get $hi))
          (br $runs)))
      (local.set $swap (local.get $a))
      (local.set $a (local.get $b))
      (local.set $b (local.get $swap))
      (local.set $width (i32.shl (local.get $width) (i32.const 1)))
      (br $pass)))
  (local.get $a))
;; $json_row_cmp: -1, 0 or 1 as row $x sorts before, with or after row $y:
;; $mode 0 compares the packed strings the rows start with ($str_cmp); mode
;; 1 the canonical JSON strings whose opening quotes the rows are
;; ($json_text_cmp).
(func $json_row_cmp (param $x i32) (param $y i32) (param $mode i32) (result i32)
  (if (result i32) (local.get $mode)
    (then (call $json_text_cmp (local.get $x) (local.get $y)))
    (else (call $str_cmp (i64.load (local.get $x)) (i64.load (local.get $y))))))

;; $json_text_cmp: compare the JSON strings whose opening quotes are at $p
;; and $q, which must be well formed (checked, or canonical text), as the
;; byte strings their texts are up to and with the closing quote: a total
;; order in which two canonical strings are equal (0) exactly when they
;; hold the same value.  Reads no further than the first difference.
(func $json_text_cmp (param $p i32) (param $q i32) (result i32)
  (local $a i32) (local $b i32)
  (loop $bytes
    (local.set $p (i32.add (local.get $p) (i32.const 1)))
    (local.set $q (i32.add (local.get $q) (i32.const 1)))
    (local.set $a (i32.load8_u (local.get $p)))
    (local.set $b (i32.load8_u (local.get $q)))
    (if (i32.ne (local.get $a) (local.get $b))
      (then (return (select (i32.const -1) (i32.const 1) (i32.lt_u (local.get $a) (local.get $b))))))
    (if (i32.eq (local.get $a) (i32.const 0x22)) (then (return (i32.const 0))))
    (if (i32.eq (local.get $a) (i32.const 0x5C))
      (then
        ;; the escaped byte too, so that an escaped quote is not the end
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (local.set $a (i32.load8_u (local.get $p)))
        (local.set $b (i32.load8_u (local.get $q)))
        (if (i32.ne (local.get $a) (local.get $b))
          (then (return (select (i32.const -1) (i32.const 1) (i32.lt_u (local.get $a) (local.get $b))))))))
    (br $bytes))
  (i32.const 0))
