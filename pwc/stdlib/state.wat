;; state.wat: request attributes derived from `:path`, per-stream records,
;; persistent copies of lists and maps, and small helpers of generated code.

;; $url_path_of: `request.url_path`: the path without its query, that is
;; $path up to (not including) the first '?'.  A slice, no copy.
(func $url_path_of (param $path i64) (result i64)
  (local $q i32)
  (local.set $q (call $str_find_byte (local.get $path) (i32.const 0x3f)))
  (if (i32.lt_s (local.get $q) (i32.const 0)) (then (return (local.get $path))))
  (call $str_slice (local.get $path) (i32.const 0) (local.get $q)))

;; $query_of: `request.query`: what follows the first '?' of $path, without
;; the '?' ("" when there is none).  A slice, no copy.
(func $query_of (param $path i64) (result i64)
  (local $q i32)
  (local.set $q (call $str_find_byte (local.get $path) (i32.const 0x3f)))
  (if (i32.lt_s (local.get $q) (i32.const 0)) (then (return (i64.const 0))))
  (call $str_slice (local.get $path) (i32.add (local.get $q) (i32.const 1))
        (call $str_len (local.get $path))))

;; $path_with_url_path: the `:path` that results from setting
;; `request.url_path` to $url_path while $path is current: the new path
;; followed by the old query ('?' included), as Envoy's regex_rewrite does.
;; Errors: scratch full -> $rt_error = 4, result "".
(func $path_with_url_path (param $path i64) (param $url_path i64) (result i64)
  (local $q i32)
  (local.set $q (call $str_find_byte (local.get $path) (i32.const 0x3f)))
  (if (i32.lt_s (local.get $q) (i32.const 0)) (then (return (local.get $url_path))))
  (call $str_concat (local.get $url_path)
        (call $str_slice (local.get $path) (local.get $q) (call $str_len (local.get $path)))))

;; $E_BAD_STATUS: RuntimeErrorCode.BAD_STATUS (respond with a status outside 100..599).
(global $E_BAD_STATUS i32 (i32.const 5))

;; $checked_status: $status unchanged when it is an HTTP status (100..599);
;; otherwise $rt_error = $E_BAD_STATUS and 500.
(func $checked_status (param $status i64) (result i64)
  (if (i32.or (i64.lt_s (local.get $status) (i64.const 100)) (i64.gt_s (local.get $status) (i64.const 599)))
    (then (global.set $rt_error (global.get $E_BAD_STATUS)) (return (i64.const 500))))
  (local.get $status))

;; $list_size: the number of items of a list (0 for the null list).
(func $list_size (param $list i32) (result i64)
  (if (i32.eqz (local.get $list)) (then (return (i64.const 0))))
  (i64.extend_i32_u (i32.load (local.get $list))))

;; $map_size: the number of entries of a map (0 for the null map).
(func $map_size (param $map i32) (result i64)
  (if (i32.eqz (local.get $map)) (then (return (i64.const 0))))
  (i64.extend_i32_u (i32.load (local.get $map))))

;; $table_pcopy: a copy in the persistent heap of a list or map table of
;; $width 8-byte values per row, as ONE block: the table, then the bytes of
;; every string, with the packed strings pointing into the block.  Column c
;; holds strings when bit c of $strings is set (other columns are copied as
;; they are).  Release it with $pfree.  The null table stays 0.
;; Errors: heap exhausted -> $rt_error = 4, result 0 (reads as empty).
(func $table_pcopy (param $table i32) (param $width i32) (param $strings i32) (result i32)
  (local $count i32) (local $head i32) (local $total i32) (local $i i32)
  (local $block i32) (local $cursor i32) (local $s i64) (local $n i32)
  (if (i32.eqz (local.get $table)) (then (return (i32.const 0))))
  (local.set $count (i32.mul (i32.load (local.get $table)) (local.get $width)))
  (local.set $head (i32.add (i32.const 8) (i32.shl (local.get $count) (i32.const 3))))
  (local.set $total (local.get $head))
  (block $sized
    (loop $size
      (br_if $sized (i32.ge_u (local.get $i) (local.get $count)))
      (if (call $table_column_is_string (local.get $i) (local.get $width) (local.get $strings))
        (then
          (local.set $total (i32.add (local.get $total)
            (call $str_len (i64.load offset=8 (i32.add (local.get $table) (i32.shl (local.get $i) (i32.const 3)))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $size)))
  (local.set $block (call $palloc (local.get $total)))
  (if (i32.eqz (local.get $block)) (then (return (i32.const 0))))
  (memory.copy (local.get $block) (local.get $table) (local.get $head))
  (local.set $cursor (i32.add (local.get $block) (local.get $head)))
  (local.set $i (i32.const 0))
  (block $copied
    (loop $copy
      (br_if $copied (i32.ge_u (local.get $i) (local.get $count)))
      (if (call $table_column_is_string (local.get $i) (local.get $width) (local.get $strings))
        (then
          (local.set $s (i64.load offset=8 (i32.add (local.get $table) (i32.shl (local.get $i) (i32.const 3)))))
          (local.set $n (call $str_len (local.get $s)))
          (memory.copy (local.get $cursor) (call $str_ptr (local.get $s)) (local.get $n))
          (i64.store offset=8 (i32.add (local.get $block) (i32.shl (local.get $i) (i32.const 3)))
            (call $str_pack (local.get $cursor) (local.get $n)))
          (local.set $cursor (i32.add (local.get $cursor) (local.get $n)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $copy)))
  (local.get $block))

;; $table_column_is_string: whether value $i of a table of $width (1 or 2)
;; values per row is in a column that bit mask $strings marks as strings.
(func $table_column_is_string (param $i i32) (param $width i32) (param $strings i32) (result i32)
  (i32.and (i32.shr_u (local.get $strings) (i32.and (local.get $i) (i32.sub (local.get $width) (i32.const 1))))
           (i32.const 1)))

;; $list_pcopy: a persistent copy of a list of strings (see $table_pcopy).
(func $list_pcopy (param $list i32) (result i32)
  (call $table_pcopy (local.get $list) (i32.const 1) (i32.const 1)))

;; $map_pcopy: a persistent copy of a map of strings (see $table_pcopy).
(func $map_pcopy (param $map i32) (result i32)
  (call $table_pcopy (local.get $map) (i32.const 2) (i32.const 3)))

;; $list_pcopy_flat: a persistent copy of a list of ints, bools or records
;; (items copied as they are).
(func $list_pcopy_flat (param $list i32) (result i32)
  (call $table_pcopy (local.get $list) (i32.const 1) (i32.const 0)))

;; $map_pcopy_keys: a persistent copy of a map of ints, bools or records
;; (the keys copied with their bytes, the values as they are).
(func $map_pcopy_keys (param $map i32) (result i32)
  (call $table_pcopy (local.get $map) (i32.const 2) (i32.const 1)))

;; $record_open: a zeroed record of $size bytes for stream $ctx, registered
;; in the stream table (freed by the emitter's proxy_on_delete).
;; Errors: heap exhausted -> $rt_error = 4, result 0.
(func $record_open (param $ctx i32) (param $size i32) (result i32)
  (local $rec i32)
  (local.set $rec (call $palloc (local.get $size)))
  (if (i32.eqz (local.get $rec)) (then (return (i32.const 0))))
  (memory.fill (local.get $rec) (i32.const 0) (local.get $size))
  (call $stream_put (local.get $ctx) (local.get $rec))
  (local.get $rec))

;; $write_decimal: write $value (unsigned) in decimal at $dst; returns the
;; number of bytes written (1..10).  No allocation: used to format error
;; messages even when memory ran out.
(func $write_decimal (param $dst i32) (param $value i32) (result i32)
  (local $digits i32) (local $rest i32) (local $i i32)
  (local.set $rest (local.get $value))
  (loop $count
    (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
    (local.set $rest (i32.div_u (local.get $rest) (i32.const 10)))
    (br_if $count (local.get $rest)))
  (local.set $rest (local.get $value))
  (local.set $i (local.get $digits))
  (loop $write
    (local.set $i (i32.sub (local.get $i) (i32.const 1)))
    (i32.store8 (i32.add (local.get $dst) (local.get $i))
      (i32.add (i32.const 0x30) (i32.rem_u (local.get $rest) (i32.const 10))))
    (local.set $rest (i32.div_u (local.get $rest) (i32.const 10)))
    (br_if $write (local.get $i)))
  (local.get $digits))

;; $plugin_config_text: the plugin configuration (buffer 7, readable only
;; inside proxy_on_configure) as a string of at most $size bytes; "" when
;; the host has none.  The bytes live in scratch memory.
(func $plugin_config_text (param $size i32) (result i64)
  (call $buffer_text (i32.const 7) (local.get $size)))

;; $config_is_empty: 1 when $text is empty, JSON whitespace only, or `{}`
;; with optional whitespace around and inside: the only configuration a
;; filter without a `config` block accepts.
(func $config_is_empty (param $text i64) (result i32)
  (local $p i32) (local $end i32) (local $c i32) (local $braces i32)
  (local.set $p (call $str_ptr (local.get $text)))
  (local.set $end (i32.add (local.get $p) (call $str_len (local.get $text))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $c (i32.load8_u (local.get $p)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $next (i32.or (i32.or (i32.eq (local.get $c) (i32.const 0x20)) (i32.eq (local.get $c) (i32.const 0x09)))
                           (i32.or (i32.eq (local.get $c) (i32.const 0x0a)) (i32.eq (local.get $c) (i32.const 0x0d)))))
      (if (i32.and (i32.eq (local.get $c) (i32.const 0x7b)) (i32.eqz (local.get $braces)))
        (then (local.set $braces (i32.const 1)) (br $next)))
      (if (i32.and (i32.eq (local.get $c) (i32.const 0x7d)) (i32.eq (local.get $braces) (i32.const 1)))
        (then (local.set $braces (i32.const 2)) (br $next)))
      (return (i32.const 0))))
  (i32.ne (local.get $braces) (i32.const 1)))

;; $property_raw: proxy_get_property of the NUL-separated path $path; the
;; value's bytes (in scratch memory), or "" when Envoy has none.
(func $property_raw (param $path i64) (result i64)
  (call $ret_clear)
  (call $ret_string
    (call $proxy_get_property (call $str_ptr (local.get $path)) (call $str_len (local.get $path))
      (global.get $SLOT_RET_PTR) (global.get $SLOT_RET_LEN))
    (i32.const -1)))

;; $property_string: a string attribute (`source.address`, ...); "" when
;; Envoy has none.
(func $property_string (param $path i64) (result i64)
  (call $property_raw (local.get $path)))

;; $property_int: an integer attribute (`source.port`, ...), which Envoy
;; hands over as 8 bytes little-endian; 0 when it has none.
(func $property_int (param $path i64) (result i64)
  (local $value i64)
  (local.set $value (call $property_raw (local.get $path)))
  (if (i32.ne (call $str_len (local.get $value)) (i32.const 8)) (then (return (i64.const 0))))
  (i64.load (call $str_ptr (local.get $value))))

;; $property_bool: a boolean attribute (`connection.mtls`), one byte; false
;; when Envoy has none.
(func $property_bool (param $path i64) (result i32)
  (local $value i64)
  (local.set $value (call $property_raw (local.get $path)))
  (if (i32.eqz (call $str_len (local.get $value))) (then (return (i32.const 0))))
  (i32.ne (i32.load8_u (call $str_ptr (local.get $value))) (i32.const 0)))
