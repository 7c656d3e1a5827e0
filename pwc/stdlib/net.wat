;; net.wat: IP addresses and CIDR networks, as Kubernetes CEL's ip / cidr
;; library has them (DESIGN.md "Encodings, hashes, time, networks";
;; k8s.io/apiserver/pkg/cel/library ip.go and cidr.go, which parse with Go's
;; net/netip and then refuse zones and IPv4-mapped IPv6 addresses).
;;
;; Representation.  An IP address is an i32: a pointer to 17 bytes of
;; scratch, byte 0 the family (4 or 6) and bytes 1..16 the address in its
;; IPv6 form, in network byte order; IPv4 a.b.c.d is stored as
;; ::ffff:a.b.c.d.  A CIDR is an i32 pointer to 18 bytes: the same 17, then
;; the prefix length (0-32 for family 4, counted on the IPv4 address; 0-128
;; for family 6).  A CIDR keeps its address as written, host bits included
;; (cidr('10.0.0.1/8') is valid, as in Kubernetes); containment masks.
;; The pointer 0 is the invalid value.
;;
;; Everything here is total on client input: malformed text parses to 0,
;; never an error, and every function takes 0 (false, "", 0).  The only
;; error is $rt_error = 4 when scratch runs out (result 0 / "").

;; $ipv4_parse: the IPv4 dotted quad in [$p, $end) as an i64 in
;; 0 .. 2^32-1, or -1 unless it is exactly four decimal parts 0-255 joined
;; by '.', each without a leading zero ("0" itself is fine, "00" and "01"
;; are not: Go's netip), and nothing else.
(func $ipv4_parse (param $p i32) (param $end i32) (result i64)
  (local $parts i32) (local $digits i32) (local $val i32) (local $acc i64) (local $c i32)
  (block $bad
    (loop $chars
      (if (i32.ge_u (local.get $p) (local.get $end))
        (then
          ;; the end closes the fourth part
          (br_if $bad (i32.or (i32.eqz (local.get $digits)) (i32.ne (local.get $parts) (i32.const 3))))
          (return (i64.or (i64.shl (local.get $acc) (i64.const 8)) (i64.extend_i32_u (local.get $val))))))
      (local.set $c (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)))
      (if (i32.le_u (local.get $c) (i32.const 9))
        (then
          ;; a digit after a part "0" would be a leading zero
          (br_if $bad (i32.and (i32.eq (local.get $digits) (i32.const 1)) (i32.eqz (local.get $val))))
          (local.set $val (i32.add (i32.mul (local.get $val) (i32.const 10)) (local.get $c)))
          (br_if $bad (i32.gt_u (local.get $val) (i32.const 255)))
          (local.set $digits (i32.add (local.get $digits) (i32.const 1))))
        (else
          ;; only '.' (46 - 48 = -2) may follow, closing a part that has a
          ;; digit and is not the fourth
          (br_if $bad (i32.ne (local.get $c) (i32.const -2)))
          (br_if $bad (i32.or (i32.eqz (local.get $digits)) (i32.eq (local.get $parts) (i32.const 3))))
          (local.set $acc (i64.or (i64.shl (local.get $acc) (i64.const 8)) (i64.extend_i32_u (local.get $val))))
          (local.set $parts (i32.add (local.get $parts) (i32.const 1)))
          (local.set $val (i32.const 0))
          (local.set $digits (i32.const 0))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $chars)))
  (i64.const -1))

;; $ipv4_store_be: store the low 32 bits of $v at $dst, big-endian.
(func $ipv4_store_be (param $dst i32) (param $v i64)
  (i32.store8 (local.get $dst) (i32.wrap_i64 (i64.shr_u (local.get $v) (i64.const 24))))
  (i32.store8 offset=1 (local.get $dst) (i32.wrap_i64 (i64.shr_u (local.get $v) (i64.const 16))))
  (i32.store8 offset=2 (local.get $dst) (i32.wrap_i64 (i64.shr_u (local.get $v) (i64.const 8))))
  (i32.store8 offset=3 (local.get $dst) (i32.wrap_i64 (local.get $v))))

;; $ipv6_parse_into: parse the IPv6 text in [$p, $end) into the 16 bytes at
;; $dst.  Result: 1, or 0 when it is not RFC 4291 text (section 2.2): one
;; to eight groups of 1-4 hex digits (either case) joined by ':', at most
;; one "::" standing for one or more zero groups, and optionally an IPv4
;; dotted quad ($ipv4_parse) as the last 32 bits (after six groups, or
;; anywhere after a "::").  No zone ("%eth0"), brackets or port.  The rules
;; and their order are Go's netip.ParseAddr; on 0, $dst holds garbage.
(func $ipv6_parse_into (param $p i32) (param $end i32) (param $dst i32) (result i32)
  (local $i i32) (local $ell i32) (local $digits i32) (local $acc i32) (local $d i32)
  (local $c i32) (local $q i32) (local $v4 i64) (local $gap i32)
  (local.set $ell (i32.const -1))
  (if (i32.ge_u (i32.sub (local.get $end) (local.get $p)) (i32.const 2))
    (then
      (if (i32.eq (i32.load16_u (local.get $p)) (i32.const 0x3a3a))
        (then
          (local.set $ell (i32.const 0))
          (local.set $p (i32.add (local.get $p) (i32.const 2)))
          (if (i32.eq (local.get $p) (local.get $end))
            (then
              (memory.fill (local.get $dst) (i32.const 0) (i32.const 16))
              (return (i32.const 1))))))))
  (block $groups_done
    (loop $groups
      (br_if $groups_done (i32.ge_u (local.get $i) (i32.const 16)))
      ;; the hex digits of one group (inline $hex_value: this is the hot loop)
      (local.set $acc (i32.const 0))
      (local.set $q (local.get $p))
      (block $hex_done
        (loop $hex
          (br_if $hex_done (i32.ge_u (local.get $q) (local.get $end)))
          (local.set $c (i32.load8_u (local.get $q)))
          (local.set $d (i32.sub (local.get $c) (i32.const 48)))
          (if (i32.gt_u (local.get $d) (i32.const 9))
            (then
              (local.set $d (i32.sub (i32.or (local.get $c) (i32.const 0x20)) (i32.const 87)))
              (br_if $hex_done (i32.gt_u (i32.sub (local.get $d) (i32.const 10)) (i32.const 5)))))
          (local.set $acc (i32.or (i32.shl (local.get $acc) (i32.const 4)) (local.get $d)))
          (local.set $q (i32.add (local.get $q) (i32.const 1)))
          (br $hex)))
      (local.set $digits (i32.sub (local.get $q) (local.get $p)))
      (if (i32.gt_u (i32.sub (local.get $digits) (i32.const 1)) (i32.const 3)) (then (return (i32.const 0))))
      ;; digits followed by '.': the group starts an embedded IPv4 tail,
      ;; which must end the text and fill bytes 12..15
      (if (i32.lt_u (local.get $q) (local.get $end))
        (then
          (if (i32.eq (i32.load8_u (local.get $q)) (i32.const 46))
            (then
              (if (i32.and (i32.lt_s (local.get $ell) (i32.const 0)) (i32.ne (local.get $i) (i32.const 12)))
                (then (return (i32.const 0))))
              (if (i32.gt_u (local.get $i) (i32.const 12)) (then (return (i32.const 0))))
              (local.set $v4 (call $ipv4_parse (local.get $p) (local.get $end)))
              (if (i64.lt_s (local.get $v4) (i64.const 0)) (then (return (i32.const 0))))
              (call $ipv4_store_be (i32.add (local.get $dst) (local.get $i)) (local.get $v4))
              (local.set $i (i32.add (local.get $i) (i32.const 4)))
              (local.set $p (local.get $end))
              (br $groups_done)))))
      (i32.store8 (i32.add (local.get $dst) (local.get $i)) (i32.shr_u (local.get $acc) (i32.const 8)))
      (i32.store8 offset=1 (i32.add (local.get $dst) (local.get $i)) (local.get $acc))
      (local.set $i (i32.add (local.get $i) (i32.const 2)))
      (local.set $p (local.get $q))
      (br_if $groups_done (i32.eq (local.get $p) (local.get $end)))
      ;; a ':' that is not last, then maybe a second ':' (the "::")
      (if (i32.ne (i32.load8_u (local.get $p)) (i32.const 58)) (then (return (i32.const 0))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (if (i32.eq (local.get $p) (local.get $end)) (then (return (i32.const 0))))
      (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 58))
        (then
          (if (i32.ge_s (local.get $ell) (i32.const 0)) (then (return (i32.const 0))))
          (local.set $ell (local.get $i))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br_if $groups_done (i32.eq (local.get $p) (local.get $end)))))
      (br $groups)))
  (if (i32.ne (local.get $p) (local.get $end)) (then (return (i32.const 0))))
  (if (i32.lt_u (local.get $i) (i32.const 16))
    (then
      ;; widen the "::" into the zero groups it stands for
      (if (i32.lt_s (local.get $ell) (i32.const 0)) (then (return (i32.const 0))))
      (local.set $gap (i32.sub (i32.const 16) (local.get $i)))
      (memory.copy (i32.add (i32.add (local.get $dst) (local.get $ell)) (local.get $gap))
                   (i32.add (local.get $dst) (local.get $ell))
                   (i32.sub (local.get $i) (local.get $ell)))
      (memory.fill (i32.add (local.get $dst) (local.get $ell)) (i32.const 0) (local.get $gap)))
    (else
      ;; eight groups and a "::": it would stand for no group at all
      (if (i32.ge_s (local.get $ell) (i32.const 0)) (then (return (i32.const 0))))))
  (i32.const 1))

;; $ip_is_mapped: 1 when the 16 address bytes at $a are an IPv4-mapped
;; IPv6 address (::ffff:0:0/96), else 0.
(func $ip_is_mapped (param $a i32) (result i32)
  (i32.and (i64.eqz (i64.load (local.get $a)))
           (i32.eq (i32.load offset=8 (local.get $a)) (i32.const 0xFFFF0000))))

;; $ip_parse_into: parse the $n bytes at $p as an IP address into the 17
;; bytes at $dst (layout at the top of this file).  Result: the family, 4
;; or 6, or 0 when the text is not an address; on 0, $dst holds garbage.
;; Whether it is IPv4 or IPv6 text is decided as netip.ParseAddr does: by
;; which of '.' and ':' comes first; only the first 5 bytes are looked at,
;; as a valid text has one there (after at most 3 decimal or 4 hex
;; digits), so junk is refused early.  Kubernetes' refusals apply: an IPv6
;; text whose address is IPv4-mapped ("::ffff:1.2.3.4", "::ffff:102:304")
;; gives 0, and so do zones ("fe80::1%eth0").
(func $ip_parse_into (param $p i32) (param $n i32) (param $dst i32) (result i32)
  (local $end i32) (local $q i32) (local $c i32) (local $v4 i64)
  (local.set $end (i32.add (local.get $p) (local.get $n)))
  (local.set $q (local.get $p))
  (block $found
    (loop $scan
      (if (i32.ge_u (local.get $q) (local.get $end)) (then (return (i32.const 0))))
      (if (i32.ge_u (i32.sub (local.get $q) (local.get $p)) (i32.const 5)) (then (return (i32.const 0))))
      (local.set $c (i32.load8_u (local.get $q)))
      (br_if $found (i32.or (i32.eq (local.get $c) (i32.const 46)) (i32.eq (local.get $c) (i32.const 58))))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (br $scan)))
  (if (i32.eq (local.get $c) (i32.const 46))
    (then
      (local.set $v4 (call $ipv4_parse (local.get $p) (local.get $end)))
      (if (i64.lt_s (local.get $v4) (i64.const 0)) (then (return (i32.const 0))))
      (i32.store8 (local.get $dst) (i32.const 4))
      (i64.store offset=1 (local.get $dst) (i64.const 0))
      (i32.store offset=9 (local.get $dst) (i32.const 0xFFFF0000))
      (call $ipv4_store_be (i32.add (local.get $dst) (i32.const 13)) (local.get $v4))
      (return (i32.const 4))))
  (if (i32.eqz (call $ipv6_parse_into (local.get $p) (local.get $end) (i32.add (local.get $dst) (i32.const 1))))
    (then (return (i32.const 0))))
  (if (call $ip_is_mapped (i32.add (local.get $dst) (i32.const 1))) (then (return (i32.const 0))))
  (i32.store8 (local.get $dst) (i32.const 6))
  (i32.const 6))

;; $ip_parse: Kubernetes CEL ip(s): $s as an IP address ($ip_parse_into's
;; rules: an IPv4 dotted quad without leading zeros, or RFC 4291 IPv6 text
;; without zone and not IPv4-mapped; no brackets, port or spaces).
;; Result: a new 17-byte scratch value, or 0 (invalid; no scratch kept).
;; Errors: scratch full -> $rt_error = 4, result 0.
(func $ip_parse (param $s i64) (result i32)
  (local $out i32)
  (local.set $out (call $alloc (i32.const 17)))
  (if (i32.eqz (local.get $out)) (then (return (i32.const 0))))
  (if (i32.eqz (call $ip_parse_into (call $str_ptr (local.get $s)) (call $str_len (local.get $s)) (local.get $out)))
    (then
      (global.set $scratch_top (local.get $out))
      (return (i32.const 0))))
  (local.get $out))

;; $ip_is_valid: Kubernetes CEL isIP(s): 1 when $ip_parse would give an
;; address, else 0.  Keeps no scratch.
;; Errors: no room for the 17-byte value in scratch -> $rt_error = 4, result 0.
(func $ip_is_valid (param $s i64) (result i32)
  (local $top i32) (local $ip i32)
  (local.set $top (global.get $scratch_top))
  (local.set $ip (call $ip_parse (local.get $s)))
  (global.set $scratch_top (local.get $top))
  (i32.ne (local.get $ip) (i32.const 0)))

;; $cidr_parse_into: parse the $n bytes at $p as ADDR/PREFIX into the 18
;; bytes at $dst.  Result: 1, or 0 when it is not: ADDR is what
;; $ip_parse_into accepts (text before the last '/'), PREFIX is 1-3
;; decimal digits without a leading zero ("0" is fine) and at most 32 for
;; IPv4, 128 for IPv6 (netip.ParsePrefix, then Kubernetes' refusal of
;; IPv4-mapped addresses: "::ffff:0:0/96" is invalid).  Host bits after
;; the prefix are allowed and kept ("10.0.0.1/8").
(func $cidr_parse_into (param $p i32) (param $n i32) (param $dst i32) (result i32)
  (local $slash i32) (local $family i32) (local $q i32) (local $end i32) (local $bits i32) (local $c i32)
  (local.set $end (i32.add (local.get $p) (local.get $n)))
  (local.set $slash (local.get $end))
  (block $found
    (loop $scan
      (if (i32.eq (local.get $slash) (local.get $p)) (then (return (i32.const 0))))
      (local.set $slash (i32.sub (local.get $slash) (i32.const 1)))
      (br_if $found (i32.eq (i32.load8_u (local.get $slash)) (i32.const 47)))
      (br $scan)))
  (local.set $q (i32.add (local.get $slash) (i32.const 1)))
  (if (i32.or (i32.eq (local.get $q) (local.get $end))
              (i32.gt_u (i32.sub (local.get $end) (local.get $q)) (i32.const 3)))
    (then (return (i32.const 0))))
  (if (i32.and (i32.eq (i32.load8_u (local.get $q)) (i32.const 48))
               (i32.gt_u (i32.sub (local.get $end) (local.get $q)) (i32.const 1)))
    (then (return (i32.const 0))))
  (block $done
    (loop $digits
      (br_if $done (i32.eq (local.get $q) (local.get $end)))
      (local.set $c (i32.sub (i32.load8_u (local.get $q)) (i32.const 48)))
      (if (i32.gt_u (local.get $c) (i32.const 9)) (then (return (i32.const 0))))
      (local.set $bits (i32.add (i32.mul (local.get $bits) (i32.const 10)) (local.get $c)))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (br $digits)))
  (local.set $family (call $ip_parse_into (local.get $p) (i32.sub (local.get $slash) (local.get $p)) (local.get $dst)))
  (if (i32.eqz (local.get $family)) (then (return (i32.const 0))))
  (if (i32.gt_u (local.get $bits) (select (i32.const 32) (i32.const 128) (i32.eq (local.get $family) (i32.const 4))))
    (then (return (i32.const 0))))
  (i32.store8 offset=17 (local.get $dst) (local.get $bits))
  (i32.const 1))

;; $cidr_parse: Kubernetes CEL cidr(s): $s as ADDR/PREFIX ($cidr_parse_into's
;; rules).  Result: a new 18-byte scratch value, or 0 (invalid; no scratch
;; kept).
;; Errors: scratch full -> $rt_error = 4, result 0.
(func $cidr_parse (param $s i64) (result i32)
  (local $out i32)
  (local.set $out (call $alloc (i32.const 18)))
  (if (i32.eqz (local.get $out)) (then (return (i32.const 0))))
  (if (i32.eqz (call $cidr_parse_into (call $str_ptr (local.get $s)) (call $str_len (local.get $s)) (local.get $out)))
    (then
      (global.set $scratch_top (local.get $out))
      (return (i32.const 0))))
  (local.get $out))

;; $cidr_is_valid: Kubernetes CEL isCIDR(s): 1 when $cidr_parse would give
;; a network, else 0.  Keeps no scratch.
;; Errors: no room for the 18-byte value in scratch -> $rt_error = 4, result 0.
(func $cidr_is_valid (param $s i64) (result i32)
  (local $top i32) (local $cidr i32)
  (local.set $top (global.get $scratch_top))
  (local.set $cidr (call $cidr_parse (local.get $s)))
  (global.set $scratch_top (local.get $top))
  (i32.ne (local.get $cidr) (i32.const 0)))

;; $cidr_contains_ip: Kubernetes CEL cidr.containsIP(ip) (netip's
;; Prefix.Contains): 1 when $ip's first PREFIX bits equal $cidr's (its host
;; bits do not matter), else 0.  Families must match: an IPv4 address is in
;; no IPv6 network (not even ::/0) and an IPv6 address in no IPv4 network.
;; 0 when either is 0 (invalid).
(func $cidr_contains_ip (param $cidr i32) (param $ip i32) (result i32)
  (local $bits i32) (local $full i32) (local $rem i32)
  (if (i32.or (i32.eqz (local.get $cidr)) (i32.eqz (local.get $ip))) (then (return (i32.const 0))))
  (if (i32.ne (i32.load8_u (local.get $cidr)) (i32.load8_u (local.get $ip))) (then (return (i32.const 0))))
  ;; an IPv4 prefix counts from bit 96 of the ::ffff: form both share
  (local.set $bits (i32.add (i32.load8_u offset=17 (local.get $cidr))
                            (select (i32.const 96) (i32.const 0) (i32.eq (i32.load8_u (local.get $cidr)) (i32.const 4)))))
  (local.set $full (i32.shr_u (local.get $bits) (i32.const 3)))
  (local.set $rem (i32.and (local.get $bits) (i32.const 7)))
  (if (i32.eqz (call $mem_eq (i32.add (local.get $cidr) (i32.const 1)) (i32.add (local.get $ip) (i32.const 1))
                             (local.get $full)))
    (then (return (i32.const 0))))
  (if (i32.eqz (local.get $rem)) (then (return (i32.const 1))))
  (i32.eqz (i32.and (i32.xor (i32.load8_u offset=1 (i32.add (local.get $cidr) (local.get $full)))
                             (i32.load8_u offset=1 (i32.add (local.get $ip) (local.get $full))))
                    (i32.and (i32.shr_u (i32.const 0xFF00) (local.get $rem)) (i32.const 0xFF)))))

;; $dec_small_into: write $v (0..999) in decimal at $dst, no leading zeros.
;; Result: the number of bytes written (1-3).
(func $dec_small_into (param $dst i32) (param $v i32) (result i32)
  (if (i32.ge_u (local.get $v) (i32.const 100))
    (then
      (i32.store8 (local.get $dst) (i32.add (i32.div_u (local.get $v) (i32.const 100)) (i32.const 48)))
      (i32.store8 offset=1 (local.get $dst)
        (i32.add (i32.rem_u (i32.div_u (local.get $v) (i32.const 10)) (i32.const 10)) (i32.const 48)))
      (i32.store8 offset=2 (local.get $dst) (i32.add (i32.rem_u (local.get $v) (i32.const 10)) (i32.const 48)))
      (return (i32.const 3))))
  (if (i32.ge_u (local.get $v) (i32.const 10))
    (then
      (i32.store8 (local.get $dst) (i32.add (i32.div_u (local.get $v) (i32.const 10)) (i32.const 48)))
      (i32.store8 offset=1 (local.get $dst) (i32.add (i32.rem_u (local.get $v) (i32.const 10)) (i32.const 48)))
      (return (i32.const 2))))
  (i32.store8 (local.get $dst) (i32.add (local.get $v) (i32.const 48)))
  (i32.const 1))

;; $ipv4_format_into: write the 4 bytes at $a as a dotted quad at $dst.
;; Result: the number of bytes written (7-15).
(func $ipv4_format_into (param $dst i32) (param $a i32) (result i32)
  (local $k i32) (local $at i32)
  (local.set $at (local.get $dst))
  (loop $parts
    (local.set $at (i32.add (local.get $at)
                            (call $dec_small_into (local.get $at) (i32.load8_u (i32.add (local.get $a) (local.get $k))))))
    (local.set $k (i32.add (local.get $k) (i32.const 1)))
    (if (i32.lt_u (local.get $k) (i32.const 4))
      (then
        (i32.store8 (local.get $at) (i32.const 46))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (br $parts))))
  (i32.sub (local.get $at) (local.get $dst)))

;; $hex_group_into: write the 16-bit group $g at $dst in lower-case hex
;; without leading zeros ("0" for 0).  Result: the number of bytes (1-4).
(func $hex_group_into (param $dst i32) (param $g i32) (result i32)
  (local $n i32) (local $k i32)
  (local.set $n (i32.add (i32.add (i32.const 1) (i32.gt_u (local.get $g) (i32.const 0xF)))
                         (i32.add (i32.gt_u (local.get $g) (i32.const 0xFF)) (i32.gt_u (local.get $g) (i32.const 0xFFF)))))
  (local.set $k (local.get $n))
  (loop $digits
    (local.set $k (i32.sub (local.get $k) (i32.const 1)))
    (i32.store8 (i32.add (local.get $dst) (local.get $k)) (call $hex_lower_digit (local.get $g)))
    (local.set $g (i32.shr_u (local.get $g) (i32.const 4)))
    (br_if $digits (local.get $k)))
  (local.get $n))

;; $ip_format_into: write IP value $ip (not 0) at $dst as canonical text.
;; Result: the number of bytes written (at most 39).  Family 4: dotted
;; quad.  Family 6: RFC 5952 section 4: lower-case hex without leading
;; zeros; the longest run of two or more zero groups becomes "::", the
;; leftmost of equally long runs, a single zero group stays "0"; an
;; IPv4-mapped address (which $ip_parse never gives, as Kubernetes refuses
;; it) would be "::ffff:a.b.c.d" (section 5, and Go's Addr.String).
(func $ip_format_into (param $dst i32) (param $ip i32) (result i32)
  (local $a i32) (local $i i32) (local $run i32) (local $best i32) (local $best_len i32) (local $at i32)
  (if (i32.eq (i32.load8_u (local.get $ip)) (i32.const 4))
    (then (return (call $ipv4_format_into (local.get $dst) (i32.add (local.get $ip) (i32.const 13))))))
  (local.set $a (i32.add (local.get $ip) (i32.const 1)))
  (if (call $ip_is_mapped (local.get $a))
    (then
      (i64.store (local.get $dst) (i64.const 0x3a666666663a3a)) ;; "::ffff:" and a byte overwritten below
      (return (i32.add (i32.const 7)
                       (call $ipv4_format_into (i32.add (local.get $dst) (i32.const 7))
                                               (i32.add (local.get $a) (i32.const 12)))))))
  ;; the longest run of zero groups, leftmost on ties, at least 2 long
  (local.set $best (i32.const -1))
  (local.set $best_len (i32.const 1))
  (local.set $run (i32.const -1))
  (loop $runs
    (if (i32.load16_u (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 1))))
      (then (local.set $run (i32.const -1)))
      (else
        (if (i32.lt_s (local.get $run) (i32.const 0)) (then (local.set $run (local.get $i))))
        (if (i32.gt_s (i32.sub (i32.add (local.get $i) (i32.const 1)) (local.get $run)) (local.get $best_len))
          (then
            (local.set $best (local.get $run))
            (local.set $best_len (i32.sub (i32.add (local.get $i) (i32.const 1)) (local.get $run)))))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $runs (i32.lt_u (local.get $i) (i32.const 8))))
  (local.set $at (local.get $dst))
  (local.set $i (i32.const 0))
  (block $done
    (loop $groups
      (br_if $done (i32.ge_u (local.get $i) (i32.const 8)))
      (if (i32.eq (local.get $i) (local.get $best))
        (then
          (i32.store16 (local.get $at) (i32.const 0x3a3a))
          (local.set $at (i32.add (local.get $at) (i32.const 2)))
          (local.set $i (i32.add (local.get $i) (local.get $best_len)))
          (br $groups)))
      ;; a ':' between two groups (not right after the "::")
      (if (i32.and (i32.ne (local.get $i) (i32.const 0))
                   (i32.ne (local.get $i) (i32.add (local.get $best) (local.get $best_len))))
        (then
          (i32.store8 (local.get $at) (i32.const 58))
          (local.set $at (i32.add (local.get $at) (i32.const 1)))))
      (local.set $at (i32.add (local.get $at)
        (call $hex_group_into (local.get $at)
          (i32.or (i32.shl (i32.load8_u (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 1)))) (i32.const 8))
                  (i32.load8_u offset=1 (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 1))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $groups)))
  (i32.sub (local.get $at) (local.get $dst)))

;; $ip_format: Kubernetes CEL string(ip): the canonical text of $ip
;; ($ip_format_into; Go's netip Addr.String).  "" for 0.  A new scratch
;; string (exactly its length is kept).
;; Errors: scratch full -> $rt_error = 4, result "".
(func $ip_format (param $ip i32) (result i64)
  (local $out i32) (local $n i32)
  (if (i32.eqz (local.get $ip)) (then (return (i64.const 0))))
  (local.set $out (call $alloc (i32.const 40)))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (local.set $n (call $ip_format_into (local.get $out) (local.get $ip)))
  (global.set $scratch_top (i32.add (local.get $out) (local.get $n)))
  (call $str_pack (local.get $out) (local.get $n)))

;; $cidr_format: Kubernetes CEL string(cidr): the address as $ip_format
;; writes it (host bits as parsed, not masked), '/', the prefix length in
;; decimal ("10.0.0.1/8", "2001:db8::/32").  "" for 0.  A new scratch
;; string (exactly its length is kept).
;; Errors: scratch full -> $rt_error = 4, result "".
(func $cidr_format (param $cidr i32) (result i64)
  (local $out i32) (local $n i32)
  (if (i32.eqz (local.get $cidr)) (then (return (i64.const 0))))
  (local.set $out (call $alloc (i32.const 44)))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (local.set $n (call $ip_format_into (local.get $out) (local.get $cidr)))
  (i32.store8 (i32.add (local.get $out) (local.get $n)) (i32.const 47))
  (local.set $n (i32.add (i32.add (local.get $n) (i32.const 1))
                         (call $dec_small_into (i32.add (i32.add (local.get $out) (local.get $n)) (i32.const 1))
                                               (i32.load8_u offset=17 (local.get $cidr)))))
  (global.set $scratch_top (i32.add (local.get $out) (local.get $n)))
  (call $str_pack (local.get $out) (local.get $n)))

;; $ip_family: Kubernetes CEL ip.family(): 4 or 6 as a CEL int; 0 for 0.
;; A CIDR value gives its address's family too.
(func $ip_family (param $ip i32) (result i64)
  (if (i32.eqz (local.get $ip)) (then (return (i64.const 0))))
  (i64.extend_i32_u (i32.load8_u (local.get $ip))))

;; $ip_is_loopback: Kubernetes CEL ip.isLoopback(): 1 for IPv4 127.0.0.0/8
;; and IPv6 ::1, else 0 (0 for 0).
(func $ip_is_loopback (param $ip i32) (result i32)
  (if (i32.eqz (local.get $ip)) (then (return (i32.const 0))))
  (if (i32.eq (i32.load8_u (local.get $ip)) (i32.const 4))
    (then (return (i32.eq (i32.load8_u offset=13 (local.get $ip)) (i32.const 127)))))
  (i32.and (i64.eqz (i64.load offset=1 (local.get $ip)))
           (i64.eq (i64.load offset=9 (local.get $ip)) (i64.const 0x0100000000000000))))

;; $ip_is_unspecified: Kubernetes CEL ip.isUnspecified(): 1 for 0.0.0.0
;; and ::, else 0 (0 for 0).
(func $ip_is_unspecified (param $ip i32) (result i32)
  (if (i32.eqz (local.get $ip)) (then (return (i32.const 0))))
  (if (i32.eq (i32.load8_u (local.get $ip)) (i32.const 4))
    (then (return (i32.eqz (i32.load offset=13 (local.get $ip))))))
  (i64.eqz (i64.or (i64.load offset=1 (local.get $ip)) (i64.load offset=9 (local.get $ip)))))

;; ---- the language's `ip` and `cidr` values -------------------------------
;; The language keeps an ip or a cidr as its canonical text (a string), so a
;; value is a string in every other respect: kept for `on response`, compared
;; with ==, written with string().  "" is the invalid value.  The functions
;; below parse that text again when they need the address, which costs a
;; few hundred instructions per call (parsing allocates 17-18 bytes of scratch).

;; $ip_canonical: Kubernetes CEL ip(s) as the language holds it: the
;; canonical text of IP address $s, "" when $s is not one.
(func $ip_canonical (param $s i64) (result i64)
  (call $ip_format (call $ip_parse (local.get $s))))

;; $cidr_canonical: Kubernetes CEL cidr(s) as the language holds it: the
;; canonical text of $s, "" when it is not ADDR/PREFIX.
(func $cidr_canonical (param $s i64) (result i64)
  (call $cidr_format (call $cidr_parse (local.get $s))))

;; $cidr_text_contains_ip: cidr.containsIP(ip) on canonical texts: 1 when
;; network $cidr holds address $ip (same family), 0 otherwise or when either
;; is invalid ("").
(func $cidr_text_contains_ip (param $cidr i64) (param $ip i64) (result i32)
  (call $cidr_contains_ip (call $cidr_parse (local.get $cidr)) (call $ip_parse (local.get $ip))))

;; $ip_text_family: ip.family() on a canonical text: 4 or 6, 0 when invalid.
(func $ip_text_family (param $ip i64) (result i64)
  (call $ip_family (call $ip_parse (local.get $ip))))

;; $ip_text_is_loopback: ip.isLoopback() on a canonical text (0 when invalid).
(func $ip_text_is_loopback (param $ip i64) (result i32)
  (call $ip_is_loopback (call $ip_parse (local.get $ip))))

;; $ip_text_is_unspecified: ip.isUnspecified() on a canonical text (0 when invalid).
(func $ip_text_is_unspecified (param $ip i64) (result i32)
  (call $ip_is_unspecified (call $ip_parse (local.get $ip))))

;; $cidr_config_canonical: a `cidr` from configuration as the language
;; holds it: $cidr_canonical of ADDR/PREFIX, or for an address alone the
;; network of that one host ("10.0.0.1" -> "10.0.0.1/32", "::1" ->
;; "::1/128": what allow and deny lists write); "" when it is neither.
(func $cidr_config_canonical (param $s i64) (result i64)
  (local $value i32) (local $i i32)
  (block $no_slash
    (loop $scan
      (br_if $no_slash (i32.ge_u (local.get $i) (call $str_len (local.get $s))))
      (if (i32.eq (i32.load8_u (i32.add (call $str_ptr (local.get $s)) (local.get $i))) (i32.const 47))
        (then (return (call $cidr_canonical (local.get $s)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $scan)))
  (local.set $value (call $alloc (i32.const 18)))
  (if (i32.eqz (local.get $value)) (then (return (i64.const 0))))
  (if (i32.eqz (call $ip_parse_into (call $str_ptr (local.get $s)) (call $str_len (local.get $s)) (local.get $value)))
    (then (return (i64.const 0))))
  (i32.store8 offset=17 (local.get $value)
    (select (i32.const 32) (i32.const 128) (i32.eq (i32.load8_u (local.get $value)) (i32.const 4))))
  (call $cidr_format (local.get $value)))
