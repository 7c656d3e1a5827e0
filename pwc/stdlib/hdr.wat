;; hdr.wat: header maps of the current callback, read through
;; proxy_get_header_map_pairs (never get_header_map_value, which sees only
;; the first copy of a repeated header) and written with control bytes
;; stripped.  map_type is abi.MapType: 0 request, 2 response, 6 http-call
;; response headers.  Fetched pairs live in scratch memory, so the cache is
;; valid for one callback: the emitter calls $hdr_invalidate_all on entry.

;; $hdr_invalidate_all: forget every cached header map (callback entry):
;; zeroes all $HDR_CACHE_MAP_TYPES (8) entries, state words included (one
;; fill is a quarter of the code of eight stores).
(func $hdr_invalidate_all
  (memory.fill (global.get $SLOT_HDR_CACHE) (i32.const 0)
    (i32.mul (global.get $HDR_CACHE_MAP_TYPES) (global.get $HDR_CACHE_ENTRY))))

;; $hdr_invalidate: forget the cached pairs of map $map_type (after a write).
(func $hdr_invalidate (param $map_type i32)
  (if (i32.lt_u (local.get $map_type) (global.get $HDR_CACHE_MAP_TYPES))
    (then
      (i32.store (i32.add (global.get $SLOT_HDR_CACHE)
                          (i32.mul (local.get $map_type) (global.get $HDR_CACHE_ENTRY)))
                 (i32.const 0)))))

;; $pairs_valid: 1 when the $len bytes at $buf are a well-formed pairs
;; buffer with at least one entry: they lie inside memory, hold the count,
;; the length table, and every key and value plus its NUL.  Sums are
;; computed in i64, so no length from the host can wrap.
(func $pairs_valid (param $buf i32) (param $len i32) (result i32)
  (local $n i64) (local $lens i32) (local $need i64) (local $i i32)
  (if (i64.gt_u (i64.add (i64.extend_i32_u (local.get $buf)) (i64.extend_i32_u (local.get $len)))
                (call $memory_bytes))
    (then (return (i32.const 0))))
  (if (i32.lt_u (local.get $len) (i32.const 4)) (then (return (i32.const 0))))
  (local.set $n (i64.extend_i32_u (i32.load (local.get $buf))))
  (if (i64.eqz (local.get $n)) (then (return (i32.const 0))))
  (local.set $need (i64.add (i64.const 4) (i64.shl (local.get $n) (i64.const 3))))
  (if (i64.gt_u (local.get $need) (i64.extend_i32_u (local.get $len))) (then (return (i32.const 0))))
  (local.set $lens (i32.add (local.get $buf) (i32.const 4)))
  (block $done
    (loop $entries
      (br_if $done (i64.ge_u (i64.extend_i32_u (local.get $i)) (local.get $n)))
      (local.set $need (i64.add (local.get $need)
        (i64.add (i64.add (i64.load32_u (local.get $lens)) (i64.load32_u offset=4 (local.get $lens)))
                 (i64.const 2))))
      (local.set $lens (i32.add (local.get $lens) (i32.const 8)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $entries)))
  (i64.le_u (local.get $need) (i64.extend_i32_u (local.get $len))))

;; $hdr_fetch: call proxy_get_header_map_pairs for $map_type and return the
;; buffer's address, or 0 when the host fails, the map is empty or the
;; buffer is malformed ($pairs_valid).  The length is left in $SLOT_RET_LEN
;; (0 when the result is 0).
(func $hdr_fetch (param $map_type i32) (result i32)
  (local $buf i32)
  (i32.store (global.get $SLOT_RET_PTR) (i32.const 0))
  (i32.store (global.get $SLOT_RET_LEN) (i32.const 0))
  (if (i32.eqz (call $proxy_get_header_map_pairs (local.get $map_type)
                  (global.get $SLOT_RET_PTR) (global.get $SLOT_RET_LEN)))
    (then
      (local.set $buf (i32.load (global.get $SLOT_RET_PTR)))
      (if (call $pairs_valid (local.get $buf) (i32.load (global.get $SLOT_RET_LEN)))
        (then (return (local.get $buf))))))
  (i32.store (global.get $SLOT_RET_LEN) (i32.const 0))
  (i32.const 0))

;; $hdr_cache_entry: address of the cache entry of $map_type, fetching the
;; pairs first if the entry is stale; 0 for an uncached map type.
(func $hdr_cache_entry (param $map_type i32) (result i32)
  (local $entry i32)
  (if (i32.ge_u (local.get $map_type) (global.get $HDR_CACHE_MAP_TYPES))
    (then (return (i32.const 0))))
  (local.set $entry (i32.add (global.get $SLOT_HDR_CACHE)
                             (i32.mul (local.get $map_type) (global.get $HDR_CACHE_ENTRY))))
  (if (i32.eqz (i32.load (local.get $entry)))
    (then
      (i32.store offset=4 (local.get $entry) (call $hdr_fetch (local.get $map_type)))
      (i32.store offset=8 (local.get $entry) (i32.load (global.get $SLOT_RET_LEN)))
      (i32.store (local.get $entry) (i32.const 1))))
  (local.get $entry))

;; $hdr_pairs: the serialized pairs of header map $map_type as fetched by
;; proxy_get_header_map_pairs, cached per map type until $hdr_invalidate.
;; Result: the buffer's address, already checked by $pairs_valid (so its
;; lengths can be trusted), or 0 when the host returned an error, an empty
;; map or a malformed buffer.  Its length: $hdr_pairs_len.
(func $hdr_pairs (param $map_type i32) (result i32)
  (local $entry i32)
  (local.set $entry (call $hdr_cache_entry (local.get $map_type)))
  (if (i32.eqz (local.get $entry)) (then (return (call $hdr_fetch (local.get $map_type)))))
  (i32.load offset=4 (local.get $entry)))

;; $hdr_pairs_len: the length in bytes of the buffer $hdr_pairs returns for
;; $map_type (0 when that is 0).  For map types >= $HDR_CACHE_MAP_TYPES it
;; is the length of the latest fetch.
(func $hdr_pairs_len (param $map_type i32) (result i32)
  (local $entry i32)
  (local.set $entry (call $hdr_cache_entry (local.get $map_type)))
  (if (i32.eqz (local.get $entry)) (then (return (i32.load (global.get $SLOT_RET_LEN)))))
  (i32.load offset=8 (local.get $entry)))

;; $is_set_cookie: 1 when $name is "set-cookie" in any ASCII case.  Each
;; letter is compared with bit 0x20 forced on, which maps exactly the two
;; cases of that letter together; the '-' is compared exactly.
(func $is_set_cookie (param $name i64) (result i32)
  (local $p i32)
  (if (i32.ne (call $str_len (local.get $name)) (i32.const 10)) (then (return (i32.const 0))))
  (local.set $p (call $str_ptr (local.get $name)))
  (i32.and
    (i64.eq (i64.or (i64.load (local.get $p)) (i64.const 0x2020202000202020))
            (i64.const 0x6b6f6f632d746573))   ;; "set-cook"
    (i32.eq (i32.or (i32.load16_u offset=8 (local.get $p)) (i32.const 0x2020))
            (i32.const 0x6569))))              ;; "ie"

;; $hdr_get: the value of header $name (ASCII case-insensitive) in map
;; $map_type, "" when absent: $pairs_get on the map's pairs.
;; Errors: scratch exhausted while joining -> $rt_error = 4, result "".
(func $hdr_get (param $map_type i32) (param $name i64) (result i64)
  (call $pairs_get (call $hdr_pairs (local.get $map_type)) (local.get $name)))

;; $pairs_get: the value of header $name (ASCII case-insensitive) in the
;; pairs buffer $buf (0, or one checked by $pairs_valid), "" when absent.
;; Several copies give all their values joined by "," in order (RFC 9110
;; field combination), except set-cookie, which gives its first copy.  One
;; copy gives a slice of the buffer.
;; Errors: scratch exhausted while joining -> $rt_error = 4, result "".
(func $pairs_get (param $buf i32) (param $name i64) (result i64)
  (local $n i32) (local $i i32) (local $lens i32) (local $data i32)
  (local $kl i32) (local $vl i32) (local $np i32) (local $nl i32)
  (local $count i32) (local $first i64) (local $total i32) (local $out i32) (local $at i32)
  (local $copies i32)
  (if (i32.eqz (local.get $buf)) (then (return (i64.const 0))))
  (local.set $np (call $str_ptr (local.get $name)))
  (local.set $nl (call $str_len (local.get $name)))
  (local.set $n (i32.load (local.get $buf)))
  ;; pass 1: count the copies, their total length, remember the first
  (local.set $lens (i32.add (local.get $buf) (i32.const 4)))
  (local.set $data (i32.add (local.get $lens) (i32.shl (local.get $n) (i32.const 3))))
  (block $counted
    (loop $entries
      (br_if $counted (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $kl (i32.load (local.get $lens)))
      (local.set $vl (i32.load offset=4 (local.get $lens)))
      (if (i32.eq (local.get $kl) (local.get $nl))
        (then
          (if (call $mem_eq_ci (local.get $data) (local.get $np) (local.get $nl))
            (then
              (if (i32.eqz (local.get $count))
                (then (local.set $first (call $str_pack
                        (i32.add (i32.add (local.get $data) (local.get $kl)) (i32.const 1))
                        (local.get $vl)))))
              (local.set $count (i32.add (local.get $count) (i32.const 1)))
              (local.set $total (i32.add (local.get $total) (local.get $vl)))))))
      (local.set $data (i32.add (local.get $data)
                                (i32.add (i32.add (local.get $kl) (local.get $vl)) (i32.const 2))))
      (local.set $lens (i32.add (local.get $lens) (i32.const 8)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $entries)))
  (if (i32.le_u (local.get $count) (i32.const 1)) (then (return (local.get $first))))
  (if (call $is_set_cookie (local.get $name)) (then (return (local.get $first))))
  ;; pass 2: join the values with ","
  (local.set $total (i32.add (local.get $total) (i32.sub (local.get $count) (i32.const 1))))
  (local.set $out (call $alloc (local.get $total)))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (local.set $lens (i32.add (local.get $buf) (i32.const 4)))
  (local.set $data (i32.add (local.get $lens) (i32.shl (local.get $n) (i32.const 3))))
  (local.set $i (i32.const 0))
  (block $joined
    (loop $entries
      (br_if $joined (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $kl (i32.load (local.get $lens)))
      (local.set $vl (i32.load offset=4 (local.get $lens)))
      (if (i32.eq (local.get $kl) (local.get $nl))
        (then
          (if (call $mem_eq_ci (local.get $data) (local.get $np) (local.get $nl))
            (then
              ;; a separator before every copy but the first, even after empty ones
              (if (local.get $copies)
                (then
                  (i32.store8 (i32.add (local.get $out) (local.get $at)) (i32.const 44))
                  (local.set $at (i32.add (local.get $at) (i32.const 1)))))
              (local.set $copies (i32.add (local.get $copies) (i32.const 1)))
              (memory.copy (i32.add (local.get $out) (local.get $at))
                           (i32.add (i32.add (local.get $data) (local.get $kl)) (i32.const 1))
                           (local.get $vl))
              (local.set $at (i32.add (local.get $at) (local.get $vl)))))))
      (local.set $data (i32.add (local.get $data)
                                (i32.add (i32.add (local.get $kl) (local.get $vl)) (i32.const 2))))
      (local.set $lens (i32.add (local.get $lens) (i32.const 8)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $entries)))
  (call $str_pack (local.get $out) (local.get $total)))

;; $hdr_has: 1 when map $map_type has header $name (ASCII case-insensitive),
;; even with an empty value; else 0: $pairs_has on the map's pairs.
(func $hdr_has (param $map_type i32) (param $name i64) (result i32)
  (call $pairs_has (call $hdr_pairs (local.get $map_type)) (local.get $name)))

;; $pairs_has: 1 when the pairs buffer $buf (0, or one checked by
;; $pairs_valid) has header $name (ASCII case-insensitive), else 0.
(func $pairs_has (param $buf i32) (param $name i64) (result i32)
  (local $n i32) (local $i i32) (local $lens i32) (local $data i32)
  (local $kl i32) (local $nl i32)
  (if (i32.eqz (local.get $buf)) (then (return (i32.const 0))))
  (local.set $nl (call $str_len (local.get $name)))
  (local.set $n (i32.load (local.get $buf)))
  (local.set $lens (i32.add (local.get $buf) (i32.const 4)))
  (local.set $data (i32.add (local.get $lens) (i32.shl (local.get $n) (i32.const 3))))
  (block $done
    (loop $entries
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $kl (i32.load (local.get $lens)))
      (if (i32.eq (local.get $kl) (local.get $nl))
        (then
          (if (call $mem_eq_ci (local.get $data) (call $str_ptr (local.get $name)) (local.get $nl))
            (then (return (i32.const 1))))))
      (local.set $data (i32.add (local.get $data)
        (i32.add (i32.add (local.get $kl) (i32.load offset=4 (local.get $lens))) (i32.const 2))))
      (local.set $lens (i32.add (local.get $lens) (i32.const 8)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $entries)))
  (i32.const 0))

;; $hdr_set: replace header $name of map $map_type by one copy with $value
;; (or add it), control bytes stripped from name and value first: $hdr_set_raw
;; of the stripped strings.
(func $hdr_set (param $map_type i32) (param $name i64) (param $value i64)
  (call $hdr_set_raw (local.get $map_type) (call $str_strip_ctl (local.get $name))
        (call $str_strip_ctl (local.get $value))))

;; $hdr_add: append another copy of header $name with $value to map
;; $map_type, control bytes stripped first: $hdr_add_raw of the stripped strings.
(func $hdr_add (param $map_type i32) (param $name i64) (param $value i64)
  (call $hdr_add_raw (local.get $map_type) (call $str_strip_ctl (local.get $name))
        (call $str_strip_ctl (local.get $value))))

;; $hdr_remove: remove every copy of header $name (control bytes stripped
;; first) from map $map_type: $hdr_remove_raw of the stripped name.
(func $hdr_remove (param $map_type i32) (param $name i64)
  (call $hdr_remove_raw (local.get $map_type) (call $str_strip_ctl (local.get $name))))

;; $hdr_set_raw: replace header $name of map $map_type by one copy with
;; $value (or add it), via proxy_replace_header_map_value, for a name and
;; value already free of control bytes (checked at compile time, or
;; stripped).  An empty name does nothing; the host status is ignored; the
;; map's cache is dropped.
(func $hdr_set_raw (param $map_type i32) (param $name i64) (param $value i64)
  (if (i32.eqz (call $str_len (local.get $name))) (then (return)))
  (drop (call $proxy_replace_header_map_value (local.get $map_type)
    (call $str_ptr (local.get $name)) (call $str_len (local.get $name))
    (call $str_ptr (local.get $value)) (call $str_len (local.get $value))))
  (call $hdr_invalidate (local.get $map_type)))

;; $hdr_add_raw: append another copy of header $name with $value to map
;; $map_type, via proxy_add_header_map_value, for a name and value already
;; free of control bytes.  An empty name does nothing; the host status is
;; ignored; the map's cache is dropped.
(func $hdr_add_raw (param $map_type i32) (param $name i64) (param $value i64)
  (if (i32.eqz (call $str_len (local.get $name))) (then (return)))
  (drop (call $proxy_add_header_map_value (local.get $map_type)
    (call $str_ptr (local.get $name)) (call $str_len (local.get $name))
    (call $str_ptr (local.get $value)) (call $str_len (local.get $value))))
  (call $hdr_invalidate (local.get $map_type)))

;; $hdr_remove_raw: remove every copy of header $name from map $map_type,
;; via proxy_remove_header_map_value, for a name already free of control
;; bytes.  An empty name does nothing; the host status is ignored; the map's
;; cache is dropped.
(func $hdr_remove_raw (param $map_type i32) (param $name i64)
  (if (i32.eqz (call $str_len (local.get $name))) (then (return)))
  (drop (call $proxy_remove_header_map_value (local.get $map_type)
    (call $str_ptr (local.get $name)) (call $str_len (local.get $name))))
  (call $hdr_invalidate (local.get $map_type)))

;; $hdr_get_first: the first value of header $name in map $map_type via
;; proxy_get_header_map_value, "" when absent.  One host call that copies
;; one value, cheaper than fetching every pair: for pseudo-headers (`:path`,
;; `:method`, `:authority`, `:scheme`, `:status`), which never repeat.
;; The value lives in scratch memory.
(func $hdr_get_first (param $map_type i32) (param $name i64) (result i64)
  (call $ret_clear)
  (call $ret_string
    (call $proxy_get_header_map_value (local.get $map_type)
      (call $str_ptr (local.get $name)) (call $str_len (local.get $name))
      (global.get $SLOT_RET_PTR) (global.get $SLOT_RET_LEN))
    (i32.const -1)))

;; $hdr_values: every copy of header $name (ASCII case-insensitive) in map
;; $map_type, in order, as a list of strings (slices of the pairs buffer):
;; [count:i32, pad:i32, value:i64 * count] in scratch memory; 0 when the
;; header is absent.  For rules that change each copy on its own (`rewrite`),
;; where joining the copies would lose them (set-cookie) or merge them.
;; Errors: scratch exhausted -> $rt_error = 4, result 0.
(func $hdr_values (param $map_type i32) (param $name i64) (result i32)
  (local $buf i32) (local $n i32) (local $i i32) (local $lens i32) (local $data i32)
  (local $kl i32) (local $vl i32) (local $count i32) (local $out i32) (local $pass i32)
  (local.set $buf (call $hdr_pairs (local.get $map_type)))
  (if (i32.eqz (local.get $buf)) (then (return (i32.const 0))))
  (local.set $n (i32.load (local.get $buf)))
  ;; pass 0 counts the copies, pass 1 stores them
  (loop $passes
    (local.set $lens (i32.add (local.get $buf) (i32.const 4)))
    (local.set $data (i32.add (local.get $lens) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $i (i32.const 0))
    (local.set $count (i32.const 0))
    (block $done
      (loop $entries
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $kl (i32.load (local.get $lens)))
        (local.set $vl (i32.load offset=4 (local.get $lens)))
        (if (i32.eq (local.get $kl) (call $str_len (local.get $name)))
          (then
            (if (call $mem_eq_ci (local.get $data) (call $str_ptr (local.get $name)) (local.get $kl))
              (then
                (if (local.get $pass)
                  (then (i64.store offset=8 (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 3)))
                          (call $str_pack (i32.add (i32.add (local.get $data) (local.get $kl)) (i32.const 1))
                                          (local.get $vl)))))
                (local.set $count (i32.add (local.get $count) (i32.const 1)))))))
        (local.set $data (i32.add (local.get $data)
                                  (i32.add (i32.add (local.get $kl) (local.get $vl)) (i32.const 2))))
        (local.set $lens (i32.add (local.get $lens) (i32.const 8)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $entries)))
    (if (i32.eqz (local.get $pass))
      (then
        (if (i32.eqz (local.get $count)) (then (return (i32.const 0))))
        (local.set $out (call $alloc (i32.add (i32.const 8) (i32.shl (local.get $count) (i32.const 3)))))
        (if (i32.eqz (local.get $out)) (then (return (i32.const 0))))
        (i32.store (local.get $out) (local.get $count))
        (local.set $pass (i32.const 1))
        (br $passes))))
  (local.get $out))

;; $hdr_replace_copies: after a rule changed the copies $old of header $name
;; in map $map_type into $new (lists of equal length, item by item, as
;; $hdr_values returns them), write them back: nothing when no copy changed;
;; one copy: replaced in place; several: every copy removed and the new ones
;; added in order, so no copy is lost or joined.  Control bytes are stripped
;; from each new value.
;; Errors: scratch exhausted while stripping -> $rt_error = 4, nothing written.
(func $hdr_replace_copies (param $map_type i32) (param $name i64) (param $old i32) (param $new i32)
  (local $count i32) (local $i i32) (local $changed i32) (local $at i32)
  (if (i32.or (i32.eqz (local.get $old)) (i32.eqz (local.get $new))) (then (return)))
  (local.set $count (i32.load (local.get $old)))
  (block $compared
    (loop $items
      (br_if $compared (i32.ge_u (local.get $i) (local.get $count)))
      (local.set $at (i32.shl (local.get $i) (i32.const 3)))
      (if (i64.ne (i64.load offset=8 (i32.add (local.get $old) (local.get $at)))
                  (i64.load offset=8 (i32.add (local.get $new) (local.get $at))))
        (then (local.set $changed (i32.const 1))))
      ;; strip in place first, so a failure leaves the header untouched
      (i64.store offset=8 (i32.add (local.get $new) (local.get $at))
                 (call $str_strip_ctl (i64.load offset=8 (i32.add (local.get $new) (local.get $at)))))
      (if (global.get $rt_error) (then (return)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $items)))
  (if (i32.eqz (local.get $changed)) (then (return)))
  (if (i32.eq (local.get $count) (i32.const 1))
    (then
      (call $hdr_set_raw (local.get $map_type) (local.get $name) (i64.load offset=8 (local.get $new)))
      (return)))
  (call $hdr_remove_raw (local.get $map_type) (local.get $name))
  (local.set $i (i32.const 0))
  (block $added
    (loop $items
      (br_if $added (i32.ge_u (local.get $i) (local.get $count)))
      (call $hdr_add_raw (local.get $map_type) (local.get $name)
            (i64.load offset=8 (i32.add (local.get $new) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $items))))

;; $hdr_names: the names in header map $map_type, as a list of strings
;; (slices of the pairs buffer): each name once, in the order it first
;; appears, pseudo-headers (":path", ...) left out; 0 when there are none.
;; For `request.headers.exists(n, ...)`: a header map ranges over its names.
;; Quadratic in the number of headers to drop repeats, which Envoy bounds
;; (100 by default).  Errors: scratch exhausted -> $rt_error = 4, result 0.
(func $hdr_names (param $map_type i32) (result i32)
  (local $buf i32) (local $n i32) (local $i i32) (local $lens i32) (local $data i32)
  (local $kl i32) (local $out i32) (local $count i32) (local $j i32) (local $name i64) (local $seen i32)
  (local.set $buf (call $hdr_pairs (local.get $map_type)))
  (if (i32.eqz (local.get $buf)) (then (return (i32.const 0))))
  (local.set $n (i32.load (local.get $buf)))
  (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
  (local.set $out (call $alloc (i32.add (i32.const 8) (i32.shl (local.get $n) (i32.const 3)))))
  (if (i32.eqz (local.get $out)) (then (return (i32.const 0))))
  (local.set $lens (i32.add (local.get $buf) (i32.const 4)))
  (local.set $data (i32.add (local.get $lens) (i32.shl (local.get $n) (i32.const 3))))
  (block $done
    (loop $entries
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $kl (i32.load (local.get $lens)))
      (local.set $name (call $str_pack (local.get $data) (local.get $kl)))
      (if (i32.and (i32.ne (local.get $kl) (i32.const 0))
                   (i32.ne (i32.load8_u (local.get $data)) (i32.const 58)))  ;; ':'
        (then
          (local.set $seen (i32.const 0))
          (local.set $j (i32.const 0))
          (block $checked
            (loop $earlier
              (br_if $checked (i32.ge_u (local.get $j) (local.get $count)))
              (if (call $str_eq (local.get $name)
                                (i64.load offset=8 (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3)))))
                (then (local.set $seen (i32.const 1)) (br $checked)))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $earlier)))
          (if (i32.eqz (local.get $seen))
            (then
              (i64.store offset=8 (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 3)))
                         (local.get $name))
              (local.set $count (i32.add (local.get $count) (i32.const 1)))))))
      (local.set $data (i32.add (local.get $data)
                                (i32.add (i32.add (local.get $kl) (i32.load offset=4 (local.get $lens))) (i32.const 2))))
      (local.set $lens (i32.add (local.get $lens) (i32.const 8)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $entries)))
  (if (i32.eqz (local.get $count)) (then (return (i32.const 0))))
  (i32.store (local.get $out) (local.get $count))
  (local.get $out))

;; $hdr_entries: the entries of header map $map_type as a map value
;; ([count, pad, (name, value) * count], slices of the pairs buffer), in
;; order, repeated names kept, pseudo-headers (":path", ...) left out; 0 when
;; there are none.  For `for name, value in request.headers`.
;; Errors: scratch exhausted -> $rt_error = 4, result 0.
(func $hdr_entries (param $map_type i32) (result i32)
  (local $buf i32) (local $n i32) (local $i i32) (local $lens i32) (local $data i32)
  (local $kl i32) (local $vl i32) (local $out i32) (local $count i32) (local $at i32)
  (local.set $buf (call $hdr_pairs (local.get $map_type)))
  (if (i32.eqz (local.get $buf)) (then (return (i32.const 0))))
  (local.set $n (i32.load (local.get $buf)))
  (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
  (local.set $out (call $alloc (i32.add (i32.const 8) (i32.shl (local.get $n) (i32.const 4)))))
  (if (i32.eqz (local.get $out)) (then (return (i32.const 0))))
  (local.set $lens (i32.add (local.get $buf) (i32.const 4)))
  (local.set $data (i32.add (local.get $lens) (i32.shl (local.get $n) (i32.const 3))))
  (block $done
    (loop $entries
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $kl (i32.load (local.get $lens)))
      (local.set $vl (i32.load offset=4 (local.get $lens)))
      (if (i32.and (i32.ne (local.get $kl) (i32.const 0))
                   (i32.ne (i32.load8_u (local.get $data)) (i32.const 58)))  ;; ':'
        (then
          (local.set $at (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 4))))
          (i64.store offset=8 (local.get $at) (call $str_pack (local.get $data) (local.get $kl)))
          (i64.store offset=16 (local.get $at)
                     (call $str_pack (i32.add (i32.add (local.get $data) (local.get $kl)) (i32.const 1)) (local.get $vl)))
          (local.set $count (i32.add (local.get $count) (i32.const 1)))))
      (local.set $data (i32.add (local.get $data) (i32.add (i32.add (local.get $kl) (local.get $vl)) (i32.const 2))))
      (local.set $lens (i32.add (local.get $lens) (i32.const 8)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $entries)))
  (if (i32.eqz (local.get $count)) (then (return (i32.const 0))))
  (i32.store (local.get $out) (local.get $count))
  (local.get $out))
