;; cfg_json.wat: the configuration values read from a JSON value's text as
;; a whole, for cfg.wat: a `double` (num.wat's $f64_parse) and a `dyn`
;; (dyn.wat's $json_decode).  The emitter's $cfg_parse calls them for the
;; types a filter's configuration uses, so that a filter without them links
;; neither reader.  Both take the JSON text $s of the value (a slice of the
;; configuration text, checked by $json_check), leave the cfg.wat cursor
;; as it was, and report failures with $cfg_fail for descriptor $desc.

;; $cfg_double: the bits (types.DOUBLE) of the double nearest to the JSON
;; number $s; an integer is a double too ("1" is 1.0).  Fails with 6 when
;; it is beyond the double range ("1e400"), 7 when scratch runs out.
(func $cfg_double (param $desc i32) (param $s i64) (result i64)
  (local $x f64)
  (global.set $rt_error (i32.const 0))
  (local.set $x (call $f64_parse (local.get $s)))
  (if (global.get $rt_error)
    (then (call $cfg_fail (i32.const 7) (call $str_ptr (local.get $s)) (local.get $desc)) (return (i64.const 0))))
  (if (global.get $num_fail)
    (then (call $cfg_fail (i32.const 6) (call $str_ptr (local.get $s)) (local.get $desc)) (return (i64.const 0))))
  (i64.reinterpret_f64 (local.get $x)))

;; $cfg_dyn: the JSON value $s as json.decode gives it (its canonical text in
;; scratch memory, 0 for null); descriptor $desc is a dyn's, whose arg is
;; the double's descriptor.  Fails as $json_decode refuses it: with 5 for
;; an object repeating a key ($cfg_fail_key: the key's canonical text, which
;; the decoder wrote in scratch memory: kept there, above $scratch_top), 6
;; for a number beyond the double range (at that number, as a double's),
;; 7 when scratch runs out.  The configuration text already keeps to the
;; decoder's limits (1 MiB, 32 levels), so nothing else is refused.
(func $cfg_dyn (param $desc i32) (param $s i64) (result i64)
  (local $p i32) (local $end i32) (local $out i32) (local $v i64) (local $key i32) (local $at i32)
  (local.set $p (global.get $json_p))
  (local.set $end (global.get $json_end))
  (local.set $out (global.get $json_out))
  (local.set $v (call $json_decode (local.get $s)))
  (local.set $at (i32.add (call $str_ptr (local.get $s)) (global.get $dyn_fail_at)))
  (if (i32.eq (global.get $dyn_fail) (i32.const 4))
    (then
      (local.set $key (global.get $dyn_fail_key))
      (global.set $scratch_top (global.get $json_out))
      (global.set $cfg_fail_key (call $str_pack (i32.add (local.get $key) (i32.const 1))
        (i32.sub (call $dyn_skip_string (local.get $key) (global.get $json_out)) (i32.add (local.get $key) (i32.const 2)))))
      (call $cfg_fail (i32.const 5) (call $str_ptr (local.get $s)) (local.get $desc))))
  (if (i32.eq (global.get $dyn_fail) (i32.const 5))
    (then (call $cfg_fail (i32.const 6) (local.get $at) (i32.load offset=4 (local.get $desc)))))
  (if (global.get $dyn_fail)
    (then (call $cfg_fail (i32.const 7) (call $str_ptr (local.get $s)) (local.get $desc))))
  (global.set $json_p (local.get $p))
  (global.set $json_end (local.get $end))
  (global.set $json_out (local.get $out))
  (local.get $v))
