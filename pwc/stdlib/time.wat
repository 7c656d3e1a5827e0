;; time.wat: the functions behind the language's `timestamp` type (DESIGN.md
;; "Encodings, hashes, time, networks").  A timestamp is an i64 count of
;; microseconds since 1970-01-01T00:00:00Z (UTC, no leap seconds: every day
;; has 86400 seconds), in CEL's range: 0001-01-01T00:00:00Z ($ts_min) to
;; 9999-12-31T23:59:59.999999Z ($ts_max).  Dates are proleptic Gregorian.
;; Parsers never fail on what a client sent: malformed or out-of-range text
;; gives the sentinel $ts_invalid (i64 minimum, -2^63, outside the range)
;; and the `_valid` functions say whether the text was well-formed.  The
;; formatters set $rt_error = 2 (overflow) for a value outside the range
;; (the sentinel included) and $rt_error = 4 when scratch is full; both
;; give "".

;; $ts_invalid: the sentinel the parsers answer for malformed text: i64
;; minimum (-2^63), which no timestamp in the range equals.
(global $ts_invalid i64 (i64.const 0x8000000000000000))

;; $ts_min: 0001-01-01T00:00:00Z in microseconds since the epoch.
(global $ts_min i64 (i64.const -62135596800000000))

;; $ts_max: 9999-12-31T23:59:59.999999Z in microseconds since the epoch.
(global $ts_max i64 (i64.const 253402300799999999))

;; $ts_in_range: 1 when $t lies in $ts_min .. $ts_max, else 0.
(func $ts_in_range (param $t i64) (result i32)
  (i32.and (i64.ge_s (local.get $t) (global.get $ts_min))
           (i64.le_s (local.get $t) (global.get $ts_max))))

;; $ts_2digits: the value 0..99 of the two ASCII decimal digits at $p, or
;; -1 when either byte is not a digit 0-9.
(func $ts_2digits (param $p i32) (result i32)
  (local $hi i32) (local $lo i32)
  (local.set $hi (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)))
  (local.set $lo (i32.sub (i32.load8_u offset=1 (local.get $p)) (i32.const 48)))
  (select (i32.const -1)
          (i32.add (i32.mul (local.get $hi) (i32.const 10)) (local.get $lo))
          (i32.or (i32.gt_u (local.get $hi) (i32.const 9)) (i32.gt_u (local.get $lo) (i32.const 9)))))

;; $ts_4digits: the value 0..9999 of the four ASCII decimal digits at $p,
;; or -1 when any of those bytes is not a digit 0-9.
(func $ts_4digits (param $p i32) (result i32)
  (local $hi i32) (local $lo i32)
  (local.set $hi (call $ts_2digits (local.get $p)))
  (local.set $lo (call $ts_2digits (i32.add (local.get $p) (i32.const 2))))
  (select (i32.const -1)
          (i32.add (i32.mul (local.get $hi) (i32.const 100)) (local.get $lo))
          (i32.lt_s (i32.or (local.get $hi) (local.get $lo)) (i32.const 0))))

;; $ts_put_digits: write $v (0 <= $v < 10^$n) as exactly $n decimal digits,
;; zero-padded on the left, at $p.
(func $ts_put_digits (param $p i32) (param $v i32) (param $n i32)
  (block $done
    (loop $chars
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (i32.store8 (i32.add (local.get $p) (local.get $n))
        (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10))))
      (local.set $v (i32.div_u (local.get $v) (i32.const 10)))
      (br $chars))))

;; $ts_put2: write $v (0..99) as two decimal digits at $p.
(func $ts_put2 (param $p i32) (param $v i32)
  (i32.store16 (local.get $p)
    (i32.or (i32.add (i32.div_u (local.get $v) (i32.const 10)) (i32.const 48))
            (i32.shl (i32.add (i32.rem_u (local.get $v) (i32.const 10)) (i32.const 48)) (i32.const 8)))))

;; $ts_days_in_month: the number of days of month $m (1..12) of year $y in
;; the proleptic Gregorian calendar (February: 29 when $y is divisible by 4
;; and not by 100, or by 400).
(func $ts_days_in_month (param $y i32) (param $m i32) (result i32)
  (if (i32.eq (local.get $m) (i32.const 2))
    (then
      (return (i32.add (i32.const 28)
        (i32.or (i32.and (i32.eqz (i32.rem_u (local.get $y) (i32.const 4)))
                         (i32.eqz (i32.eqz (i32.rem_u (local.get $y) (i32.const 100)))))
                (i32.eqz (i32.rem_u (local.get $y) (i32.const 400))))))))
  ;; 31 for 1 3 5 7 8 10 12: the parity of m flips after July
  (i32.add (i32.const 30)
           (i32.and (i32.add (local.get $m) (i32.shr_u (local.get $m) (i32.const 3))) (i32.const 1))))

;; $ts_days_from_civil: days since 1970-01-01 of date $y-$m-$d (year 1..9999,
;; month 1..12, day valid for the month).  Counts in a calendar whose years
;; start on March 1 (so February, with the leap day, ends the year): y' is
;; the year of that calendar, 400-year eras have 146097 days, and day-of-year
;; from March 1 is (153 * m' + 2) / 5 + d - 1 with m' = 0 for March; the
;; constant 719468 is the number of days from 0000-03-01 to 1970-01-01.
(func $ts_days_from_civil (param $y i32) (param $m i32) (param $d i32) (result i32)
  (local $era i32) (local $yoe i32) (local $doy i32) (local $doe i32)
  (local.set $y (i32.sub (local.get $y) (i32.le_u (local.get $m) (i32.const 2))))
  ;; y' >= 0 here, so truncating division is floor division
  (local.set $era (i32.div_u (local.get $y) (i32.const 400)))
  (local.set $yoe (i32.sub (local.get $y) (i32.mul (local.get $era) (i32.const 400))))
  (local.set $doy (i32.add
    (i32.div_u (i32.add (i32.mul (i32.const 153)
                                 (select (i32.sub (local.get $m) (i32.const 3)) (i32.add (local.get $m) (i32.const 9))
                                         (i32.gt_u (local.get $m) (i32.const 2))))
                        (i32.const 2))
               (i32.const 5))
    (i32.sub (local.get $d) (i32.const 1))))
  (local.set $doe (i32.add (i32.add (i32.mul (local.get $yoe) (i32.const 365))
                                    (i32.div_u (local.get $yoe) (i32.const 4)))
                           (i32.sub (local.get $doy) (i32.div_u (local.get $yoe) (i32.const 100)))))
  (i32.sub (i32.add (i32.mul (local.get $era) (i32.const 146097)) (local.get $doe)) (i32.const 719468)))

;; $ts_civil_from_days: the date of day $days since 1970-01-01, packed as
;; year * 10000 + month * 100 + day.  $days must be at least -719468
;; (0000-03-01), which every day of the timestamp range is.  Inverse of
;; $ts_days_from_civil: z counts days from 0000-03-01; within a 400-year era
;; the year is (doe - doe/1460 + doe/36524 - doe/146096) / 365 (removing
;; the leap days before it), then the March-based month is (5 * doy + 2) / 153.
(func $ts_civil_from_days (param $days i32) (result i32)
  (local $z i32) (local $era i32) (local $doe i32) (local $yoe i32) (local $doy i32)
  (local $mp i32) (local $d i32) (local $m i32) (local $y i32)
  (local.set $z (i32.add (local.get $days) (i32.const 719468)))
  (local.set $era (i32.div_u (local.get $z) (i32.const 146097)))
  (local.set $doe (i32.sub (local.get $z) (i32.mul (local.get $era) (i32.const 146097))))
  (local.set $yoe (i32.sub (i32.add (i32.sub (local.get $doe) (i32.div_u (local.get $doe) (i32.const 1460)))
                                    (i32.div_u (local.get $doe) (i32.const 36524)))
                           (i32.div_u (local.get $doe) (i32.const 146096))))
  (local.set $yoe (i32.div_u (local.get $yoe) (i32.const 365)))
  (local.set $doy (i32.sub (local.get $doe)
    (i32.sub (i32.add (i32.mul (local.get $yoe) (i32.const 365)) (i32.div_u (local.get $yoe) (i32.const 4)))
             (i32.div_u (local.get $yoe) (i32.const 100)))))
  (local.set $mp (i32.div_u (i32.add (i32.mul (local.get $doy) (i32.const 5)) (i32.const 2)) (i32.const 153)))
  (local.set $d (i32.add (i32.sub (local.get $doy)
                                  (i32.div_u (i32.add (i32.mul (local.get $mp) (i32.const 153)) (i32.const 2))
                                             (i32.const 5)))
                         (i32.const 1)))
  (local.set $m (select (i32.add (local.get $mp) (i32.const 3)) (i32.sub (local.get $mp) (i32.const 9))
                        (i32.lt_u (local.get $mp) (i32.const 10))))
  (local.set $y (i32.add (i32.add (local.get $yoe) (i32.mul (local.get $era) (i32.const 400)))
                         (i32.le_u (local.get $m) (i32.const 2))))
  (i32.add (i32.add (i32.mul (local.get $y) (i32.const 10000)) (i32.mul (local.get $m) (i32.const 100)))
           (local.get $d)))

;; $ts_seconds_of: seconds since the epoch of the UTC date and time
;; $y-$mo-$d $h:$mi:$sec, or $ts_invalid when a field is out of its range:
;; year 1..9999, month 1..12, day 1..days of that month, hour 0..23,
;; minute 0..59, second 0..59 (a leap second 60 is refused).  Fields may be
;; -1 (what $ts_2digits and $ts_4digits answer for non-digits), which is out of range.
(func $ts_seconds_of (param $y i32) (param $mo i32) (param $d i32) (param $h i32) (param $mi i32) (param $sec i32)
                     (result i64)
  (if (i32.or (i32.gt_u (i32.sub (local.get $y) (i32.const 1)) (i32.const 9998))
              (i32.gt_u (i32.sub (local.get $mo) (i32.const 1)) (i32.const 11)))
    (then (return (global.get $ts_invalid))))
  (if (i32.or (i32.or (i32.gt_u (i32.sub (local.get $d) (i32.const 1))
                                (i32.sub (call $ts_days_in_month (local.get $y) (local.get $mo)) (i32.const 1)))
                      (i32.gt_u (local.get $h) (i32.const 23)))
              (i32.or (i32.gt_u (local.get $mi) (i32.const 59)) (i32.gt_u (local.get $sec) (i32.const 59))))
    (then (return (global.get $ts_invalid))))
  (i64.add (i64.mul (i64.extend_i32_s (call $ts_days_from_civil (local.get $y) (local.get $mo) (local.get $d)))
                    (i64.const 86400))
           (i64.extend_i32_u (i32.add (i32.add (i32.mul (local.get $h) (i32.const 3600))
                                               (i32.mul (local.get $mi) (i32.const 60)))
                                      (local.get $sec)))))

;; $ts_parse_rfc3339: the timestamp written by RFC 3339 text $s, or
;; $ts_invalid.  The grammar is section 5.6's date-time, strictly:
;; YYYY-MM-DD "T" HH:MM:SS [ "." 1*9DIGIT ] ( "Z" / ("+" / "-") HH:MM ),
;; where "T" and "Z" may be lower case ("t", "z"), as section 5.6's note
;; allows (cel-go's timestamp(s), Go's time.Parse with RFC3339, refuses
;; them; Python 3.11's fromisoformat takes any separator but not "z"); no space for "T"
;; (the note's "say, a space" is an application's choice, not the syntax),
;; no missing offset, no leading or trailing whitespace or other bytes,
;; exactly 4-digit years and 2-digit fields, no "," for ".".
;; Fields are checked as in $ts_seconds_of (Feb 29 only in leap years, no
;; leap second 60, year 0000 refused); offset hours are 00..23 and minutes
;; 00..59 ("-00:00" is UTC).  The fraction has 1 to 9 digits (more is
;; malformed) and is truncated to microseconds (".1234569" is 123456 us).
;; The offset is subtracted to give UTC, and the result must lie in the
;; timestamp range ("0001-01-01T00:00:00+01:00" is out of it: $ts_invalid).
(func $ts_parse_rfc3339 (param $s i64) (result i64)
  (local $p i32) (local $n i32) (local $i i32) (local $c i32) (local $fd i32) (local $frac i32)
  (local $secs i64) (local $off i32) (local $oh i32) (local $om i32) (local $t i64)
  (local.set $p (call $str_ptr (local.get $s)))
  (local.set $n (call $str_len (local.get $s)))
  (block $bad
    (br_if $bad (i32.lt_u (local.get $n) (i32.const 20)))
    (br_if $bad (i32.or (i32.or (i32.ne (i32.load8_u offset=4 (local.get $p)) (i32.const 0x2d))
                                (i32.ne (i32.load8_u offset=7 (local.get $p)) (i32.const 0x2d)))
                        (i32.ne (i32.or (i32.load8_u offset=10 (local.get $p)) (i32.const 0x20)) (i32.const 0x74))))
    (br_if $bad (i32.or (i32.ne (i32.load8_u offset=13 (local.get $p)) (i32.const 0x3a))
                        (i32.ne (i32.load8_u offset=16 (local.get $p)) (i32.const 0x3a))))
    (local.set $secs (call $ts_seconds_of
      (call $ts_4digits (local.get $p))
      (call $ts_2digits (i32.add (local.get $p) (i32.const 5)))
      (call $ts_2digits (i32.add (local.get $p) (i32.const 8)))
      (call $ts_2digits (i32.add (local.get $p) (i32.const 11)))
      (call $ts_2digits (i32.add (local.get $p) (i32.const 14)))
      (call $ts_2digits (i32.add (local.get $p) (i32.const 17)))))
    (br_if $bad (i64.eq (local.get $secs) (global.get $ts_invalid)))
    (local.set $i (i32.const 19))
    (if (i32.eq (i32.load8_u offset=19 (local.get $p)) (i32.const 0x2e))
      (then
        (local.set $i (i32.const 20))
        (block $end
          (loop $digits
            (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $c (i32.sub (i32.load8_u (i32.add (local.get $p) (local.get $i))) (i32.const 48)))
            (br_if $end (i32.gt_u (local.get $c) (i32.const 9)))
            (br_if $bad (i32.eq (local.get $fd) (i32.const 9)))
            (if (i32.lt_u (local.get $fd) (i32.const 6))
              (then (local.set $frac (i32.add (i32.mul (local.get $frac) (i32.const 10)) (local.get $c)))))
            (local.set $fd (i32.add (local.get $fd) (i32.const 1)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $digits)))
        (br_if $bad (i32.eqz (local.get $fd)))
        ;; scale to microseconds when fewer than 6 digits were given
        (block $scaled
          (loop $scale
            (br_if $scaled (i32.ge_u (local.get $fd) (i32.const 6)))
            (local.set $frac (i32.mul (local.get $frac) (i32.const 10)))
            (local.set $fd (i32.add (local.get $fd) (i32.const 1)))
            (br $scale)))))
    (br_if $bad (i32.ge_u (local.get $i) (local.get $n)))
    (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $i))))
    (if (i32.eq (i32.or (local.get $c) (i32.const 0x20)) (i32.const 0x7a))
      (then (local.set $i (i32.add (local.get $i) (i32.const 1))))
      (else
        (br_if $bad (i32.and (i32.ne (local.get $c) (i32.const 0x2b)) (i32.ne (local.get $c) (i32.const 0x2d))))
        (br_if $bad (i32.ne (i32.sub (local.get $n) (local.get $i)) (i32.const 6)))
        (br_if $bad (i32.ne (i32.load8_u offset=3 (i32.add (local.get $p) (local.get $i))) (i32.const 0x3a)))
        (local.set $oh (call $ts_2digits (i32.add (i32.add (local.get $p) (local.get $i)) (i32.const 1))))
        (local.set $om (call $ts_2digits (i32.add (i32.add (local.get $p) (local.get $i)) (i32.const 4))))
        ;; -1 (not digits) is above both limits as unsigned
        (br_if $bad (i32.or (i32.gt_u (local.get $oh) (i32.const 23)) (i32.gt_u (local.get $om) (i32.const 59))))
        (local.set $off (i32.mul (i32.add (i32.mul (local.get $oh) (i32.const 60)) (local.get $om)) (i32.const 60)))
        (if (i32.eq (local.get $c) (i32.const 0x2d)) (then (local.set $off (i32.sub (i32.const 0) (local.get $off)))))
        (local.set $i (local.get $n))))
    (br_if $bad (i32.ne (local.get $i) (local.get $n)))
    (local.set $t (i64.add (i64.mul (i64.sub (local.get $secs) (i64.extend_i32_s (local.get $off)))
                                    (i64.const 1000000))
                           (i64.extend_i32_u (local.get $frac))))
    (br_if $bad (i32.eqz (call $ts_in_range (local.get $t))))
    (return (local.get $t)))
  (global.get $ts_invalid))

;; $ts_valid_rfc3339: 1 when $s is RFC 3339 text that $ts_parse_rfc3339
;; accepts (well-formed and in the timestamp range), else 0.
(func $ts_valid_rfc3339 (param $s i64) (result i32)
  (i64.ne (call $ts_parse_rfc3339 (local.get $s)) (global.get $ts_invalid)))

;; $ts_floor_seconds: $t divided by 1000000 (microseconds to seconds)
;; rounded toward minus infinity (wasm's div_s rounds toward zero).
;; Defined for every i64.
(func $ts_floor_seconds (param $t i64) (result i64)
  (local $r i64)
  (local.set $r (i64.rem_s (local.get $t) (i64.const 1000000)))
  (i64.sub (i64.div_s (local.get $t) (i64.const 1000000))
           (i64.extend_i32_u (i64.lt_s (local.get $r) (i64.const 0)))))

;; $ts_floor_days: $t divided by 86400000000 (microseconds to days) rounded
;; toward minus infinity.  Defined for every i64.
(func $ts_floor_days (param $t i64) (result i64)
  (local $r i64)
  (local.set $r (i64.rem_s (local.get $t) (i64.const 86400000000)))
  (i64.sub (i64.div_s (local.get $t) (i64.const 86400000000))
           (i64.extend_i32_u (i64.lt_s (local.get $r) (i64.const 0)))))

;; $ts_write_datetime: write "YYYY-MM-DDTHH:MM:SS" (19 bytes) at $p for
;; in-range timestamp $t (its fraction of a second is ignored).
(func $ts_write_datetime (param $p i32) (param $t i64)
  (local $days i64) (local $ymd i32) (local $sod i32)
  (local.set $days (call $ts_floor_days (local.get $t)))
  (local.set $sod (i32.wrap_i64 (i64.div_u (i64.sub (local.get $t) (i64.mul (local.get $days) (i64.const 86400000000)))
                                           (i64.const 1000000))))
  (local.set $ymd (call $ts_civil_from_days (i32.wrap_i64 (local.get $days))))
  (call $ts_put2 (local.get $p) (i32.div_u (local.get $ymd) (i32.const 1000000)))
  (call $ts_put2 (i32.add (local.get $p) (i32.const 2))
        (i32.rem_u (i32.div_u (local.get $ymd) (i32.const 10000)) (i32.const 100)))
  (i32.store8 offset=4 (local.get $p) (i32.const 0x2d))
  (call $ts_put2 (i32.add (local.get $p) (i32.const 5))
        (i32.rem_u (i32.div_u (local.get $ymd) (i32.const 100)) (i32.const 100)))
  (i32.store8 offset=7 (local.get $p) (i32.const 0x2d))
  (call $ts_put2 (i32.add (local.get $p) (i32.const 8)) (i32.rem_u (local.get $ymd) (i32.const 100)))
  (i32.store8 offset=10 (local.get $p) (i32.const 0x54))
  (call $ts_put2 (i32.add (local.get $p) (i32.const 11)) (i32.div_u (local.get $sod) (i32.const 3600)))
  (i32.store8 offset=13 (local.get $p) (i32.const 0x3a))
  (call $ts_put2 (i32.add (local.get $p) (i32.const 14))
        (i32.rem_u (i32.div_u (local.get $sod) (i32.const 60)) (i32.const 60)))
  (i32.store8 offset=16 (local.get $p) (i32.const 0x3a))
  (call $ts_put2 (i32.add (local.get $p) (i32.const 17)) (i32.rem_u (local.get $sod) (i32.const 60))))

;; $ts_format_rfc3339: $t as RFC 3339 text in UTC, exactly as CEL's
;; string(timestamp) (Go's time.RFC3339Nano): "YYYY-MM-DDTHH:MM:SSZ", with
;; "." and the fraction of a second before the "Z" only when it is not
;; zero, its trailing zeros removed (so 1 to 6 digits: ".5Z", ".123Z",
;; ".000001Z").  Always "T", "Z" and 4-digit years.  A new scratch string.
;; Errors: $t outside the timestamp range (the sentinel $ts_invalid too)
;; -> $rt_error = 2, result ""; scratch full -> $rt_error = 4, result "".
(func $ts_format_rfc3339 (param $t i64) (result i64)
  (local $frac i32) (local $fd i32) (local $n i32) (local $out i32)
  (if (i32.eqz (call $ts_in_range (local.get $t)))
    (then (global.set $rt_error (global.get $E_OVERFLOW)) (return (i64.const 0))))
  (local.set $frac (i32.wrap_i64 (i64.sub (local.get $t)
    (i64.mul (call $ts_floor_seconds (local.get $t)) (i64.const 1000000)))))
  (if (local.get $frac)
    (then
      (local.set $fd (i32.const 6))
      (block $trimmed
        (loop $trim
          (br_if $trimmed (i32.rem_u (local.get $frac) (i32.const 10)))
          (local.set $frac (i32.div_u (local.get $frac) (i32.const 10)))
          (local.set $fd (i32.sub (local.get $fd) (i32.const 1)))
          (br $trim)))))
  ;; 19 + "Z", plus "." and the digits when there is a fraction
  (local.set $n (i32.add (i32.const 20)
                         (select (i32.add (local.get $fd) (i32.const 1)) (i32.const 0) (local.get $fd))))
  (local.set $out (call $alloc (local.get $n)))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (call $ts_write_datetime (local.get $out) (local.get $t))
  (if (local.get $fd)
    (then
      (i32.store8 offset=19 (local.get $out) (i32.const 0x2e))
      (call $ts_put_digits (i32.add (local.get $out) (i32.const 20)) (local.get $frac) (local.get $fd))))
  (i32.store8 (i32.add (local.get $out) (i32.sub (local.get $n) (i32.const 1))) (i32.const 0x5a))
  (call $str_pack (local.get $out) (local.get $n)))

;; $ts_day_name: the 3 bytes of the English day name of weekday $i
;; (0 = Sun .. 6 = Sat) as a little-endian i32 ("Sun" = 0x6e7553); 0 for
;; any other $i.
(func $ts_day_name (param $i i32) (result i32)
  (block $other (block $sat (block $fri (block $thu (block $wed (block $tue (block $mon (block $sun
    (br_table $sun $mon $tue $wed $thu $fri $sat $other (local.get $i)))
    (return (i32.const 0x6e7553)))
    (return (i32.const 0x6e6f4d)))
    (return (i32.const 0x657554)))
    (return (i32.const 0x646557)))
    (return (i32.const 0x756854)))
    (return (i32.const 0x697246)))
    (return (i32.const 0x746153)))
  (i32.const 0))

;; $ts_month_name: the 3 bytes of the English month name of month $m
;; (1 = Jan .. 12 = Dec) as a little-endian i32 ("Jan" = 0x6e614a); 0 for
;; any other $m.
(func $ts_month_name (param $m i32) (result i32)
  (block $other (block $dec (block $nov (block $oct (block $sep (block $aug (block $jul (block $jun
  (block $may (block $apr (block $mar (block $feb (block $jan (block $zero
    (br_table $zero $jan $feb $mar $apr $may $jun $jul $aug $sep $oct $nov $dec $other (local.get $m)))
    (return (i32.const 0)))
    (return (i32.const 0x6e614a)))
    (return (i32.const 0x626546)))
    (return (i32.const 0x72614d)))
    (return (i32.const 0x727041)))
    (return (i32.const 0x79614d)))
    (return (i32.const 0x6e754a)))
    (return (i32.const 0x6c754a)))
    (return (i32.const 0x677541)))
    (return (i32.const 0x706553)))
    (return (i32.const 0x74634f)))
    (return (i32.const 0x766f4e)))
    (return (i32.const 0x636544)))
  (i32.const 0))

;; $ts_month_number: the month 1..12 whose English name ($ts_month_name)
;; is the 3 bytes of little-endian $v, or 0 when none is (case-sensitive).
;; Branch-free: one comparison per month.
(func $ts_month_number (param $v i32) (result i32)
  (i32.mul (i32.eq (local.get $v) (i32.const 0x6e614a)) (i32.const 1))    ;; Jan
  (i32.add (i32.mul (i32.eq (local.get $v) (i32.const 0x626546)) (i32.const 2)))    ;; Feb
  (i32.add (i32.mul (i32.eq (local.get $v) (i32.const 0x72614d)) (i32.const 3)))    ;; Mar
  (i32.add (i32.mul (i32.eq (local.get $v) (i32.const 0x727041)) (i32.const 4)))    ;; Apr
  (i32.add (i32.mul (i32.eq (local.get $v) (i32.const 0x79614d)) (i32.const 5)))    ;; May
  (i32.add (i32.mul (i32.eq (local.get $v) (i32.const 0x6e754a)) (i32.const 6)))    ;; Jun
  (i32.add (i32.mul (i32.eq (local.get $v) (i32.const 0x6c754a)) (i32.const 7)))    ;; Jul
  (i32.add (i32.mul (i32.eq (local.get $v) (i32.const 0x677541)) (i32.const 8)))    ;; Aug
  (i32.add (i32.mul (i32.eq (local.get $v) (i32.const 0x706553)) (i32.const 9)))    ;; Sep
  (i32.add (i32.mul (i32.eq (local.get $v) (i32.const 0x74634f)) (i32.const 10)))    ;; Oct
  (i32.add (i32.mul (i32.eq (local.get $v) (i32.const 0x766f4e)) (i32.const 11)))    ;; Nov
  (i32.add (i32.mul (i32.eq (local.get $v) (i32.const 0x636544)) (i32.const 12))))    ;; Dec

;; $ts_is_day_name: 1 when the 3 bytes of little-endian $v are an English
;; day name ($ts_day_name, case-sensitive), else 0.
(func $ts_is_day_name (param $v i32) (result i32)
  (i32.eq (local.get $v) (i32.const 0x6e7553))    ;; Sun
  (i32.or (i32.eq (local.get $v) (i32.const 0x6e6f4d)))    ;; Mon
  (i32.or (i32.eq (local.get $v) (i32.const 0x657554)))    ;; Tue
  (i32.or (i32.eq (local.get $v) (i32.const 0x646557)))    ;; Wed
  (i32.or (i32.eq (local.get $v) (i32.const 0x756854)))    ;; Thu
  (i32.or (i32.eq (local.get $v) (i32.const 0x697246)))    ;; Fri
  (i32.or (i32.eq (local.get $v) (i32.const 0x746153))))    ;; Sat

;; $ts_store3: write the 3 bytes of little-endian $v (a day or month name)
;; at $p.
(func $ts_store3 (param $p i32) (param $v i32)
  (i32.store16 (local.get $p) (local.get $v))
  (i32.store8 offset=2 (local.get $p) (i32.shr_u (local.get $v) (i32.const 16))))

;; $ts_format_http_date: $t as an HTTP date, RFC 9110 section 5.6.7's
;; IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT" (always 29 bytes, English
;; names, 2-digit day, 4-digit year), the fraction of a second dropped
;; (rounded down, also before the epoch), as for `expires` and `date`
;; headers (Python's email.utils.format_datetime(dt, usegmt=True)).
;; A new scratch string.
;; Errors: $t outside the timestamp range (the sentinel $ts_invalid too)
;; -> $rt_error = 2, result ""; scratch full -> $rt_error = 4, result "".
(func $ts_format_http_date (param $t i64) (result i64)
  (local $out i32) (local $iso i32) (local $days i64)
  (if (i32.eqz (call $ts_in_range (local.get $t)))
    (then (global.set $rt_error (global.get $E_OVERFLOW)) (return (i64.const 0))))
  ;; 29 bytes of result, then "YYYY-MM-DDTHH:MM:SS" to pick fields from
  (local.set $out (call $alloc (i32.const 48)))
  (if (i32.eqz (local.get $out)) (then (return (i64.const 0))))
  (local.set $iso (i32.add (local.get $out) (i32.const 29)))
  (call $ts_write_datetime (local.get $iso) (local.get $t))
  (local.set $days (call $ts_floor_days (local.get $t)))
  ;; 1970-01-01 was a Thursday (4); days + 719468 >= 0 in the range and
  ;; 719468 = 1 (mod 7), so (days + 719468 + 3) mod 7 is the weekday
  (call $ts_store3 (local.get $out)
    (call $ts_day_name (i32.wrap_i64 (i64.rem_u (i64.add (local.get $days) (i64.const 719471)) (i64.const 7)))))
  (i32.store16 offset=3 (local.get $out) (i32.const 0x202c))                 ;; ", "
  (i32.store16 offset=5 (local.get $out) (i32.load16_u offset=8 (local.get $iso)))  ;; DD
  (i32.store8 offset=7 (local.get $out) (i32.const 0x20))
  (call $ts_store3 (i32.add (local.get $out) (i32.const 8))
    (call $ts_month_name (call $ts_2digits (i32.add (local.get $iso) (i32.const 5)))))
  (i32.store8 offset=11 (local.get $out) (i32.const 0x20))
  (i32.store offset=12 (local.get $out) (i32.load (local.get $iso)))          ;; YYYY
  (i32.store8 offset=16 (local.get $out) (i32.const 0x20))
  ;; HH:MM:SS
  (i64.store offset=17 (local.get $out) (i64.load offset=11 (local.get $iso)))
  (i32.store offset=25 (local.get $out) (i32.const 0x544d4720))                ;; " GMT"
  (call $str_pack (local.get $out) (i32.const 29)))

;; $ts_parse_http_date: the timestamp written by HTTP date $s in RFC 9110
;; section 5.6.7's IMF-fixdate form only, "Sun, 06 Nov 1994 08:49:37 GMT",
;; or $ts_invalid.  Exactly 29 bytes; day and month names are
;; case-sensitive, as RFC 9110 has them; the day name must be one of the
;; seven but is not checked against the date (as Go's http.ParseTime);
;; fields are checked as in $ts_seconds_of (no leap second 60, year 0001 to
;; 9999).  The obsolete rfc850-date and asctime-date forms are malformed.
(func $ts_parse_http_date (param $s i64) (result i64)
  (local $p i32) (local $name i32) (local $month i32) (local $secs i64)
  (local.set $p (call $str_ptr (local.get $s)))
  (if (i32.ne (call $str_len (local.get $s)) (i32.const 29)) (then (return (global.get $ts_invalid))))
  (local.set $name (i32.or (i32.load16_u (local.get $p)) (i32.shl (i32.load8_u offset=2 (local.get $p)) (i32.const 16))))
  (if (i32.eqz (call $ts_is_day_name (local.get $name))) (then (return (global.get $ts_invalid))))
  (local.set $name (i32.or (i32.load16_u offset=8 (local.get $p))
                           (i32.shl (i32.load8_u offset=10 (local.get $p)) (i32.const 16))))
  (local.set $month (call $ts_month_number (local.get $name)))
  (if (i32.eqz (local.get $month)) (then (return (global.get $ts_invalid))))
  (if (i32.or (i32.or (i32.ne (i32.load16_u offset=3 (local.get $p)) (i32.const 0x202c))   ;; ", "
                      (i32.ne (i32.load8_u offset=7 (local.get $p)) (i32.const 0x20)))
              (i32.or (i32.ne (i32.load8_u offset=11 (local.get $p)) (i32.const 0x20))
                      (i32.ne (i32.load8_u offset=16 (local.get $p)) (i32.const 0x20))))
    (then (return (global.get $ts_invalid))))
  (if (i32.or (i32.or (i32.ne (i32.load8_u offset=19 (local.get $p)) (i32.const 0x3a))
                      (i32.ne (i32.load8_u offset=22 (local.get $p)) (i32.const 0x3a)))
              (i32.ne (i32.load offset=25 (local.get $p)) (i32.const 0x544d4720)))     ;; " GMT"
    (then (return (global.get $ts_invalid))))
  (local.set $secs (call $ts_seconds_of
    (call $ts_4digits (i32.add (local.get $p) (i32.const 12)))
    (local.get $month)
    (call $ts_2digits (i32.add (local.get $p) (i32.const 5)))
    (call $ts_2digits (i32.add (local.get $p) (i32.const 17)))
    (call $ts_2digits (i32.add (local.get $p) (i32.const 20)))
    (call $ts_2digits (i32.add (local.get $p) (i32.const 23)))))
  (if (i64.eq (local.get $secs) (global.get $ts_invalid)) (then (return (global.get $ts_invalid))))
  (i64.mul (local.get $secs) (i64.const 1000000)))

;; $ts_valid_http_date: 1 when $s is an IMF-fixdate that
;; $ts_parse_http_date accepts, else 0.
(func $ts_valid_http_date (param $s i64) (result i32)
  (i64.ne (call $ts_parse_http_date (local.get $s)) (global.get $ts_invalid)))

;; $ts_from_unix_seconds: the timestamp $n seconds after the epoch (CEL's
;; timestamp(int)), or $ts_invalid when it would fall outside the timestamp
;; range ($n below -62135596800, 0001-01-01T00:00:00Z, or above
;; 253402300799, 9999-12-31T23:59:59Z): no saturation, no wrap, no error.
(func $ts_from_unix_seconds (param $n i64) (result i64)
  (if (i32.or (i64.lt_s (local.get $n) (i64.const -62135596800))
              (i64.gt_s (local.get $n) (i64.const 253402300799)))
    (then (return (global.get $ts_invalid))))
  (i64.mul (local.get $n) (i64.const 1000000)))

;; $ts_unix_seconds: whole seconds since the epoch of $t (CEL's int(t)),
;; rounded toward minus infinity, so that -0.5 s gives -1 (a time before
;; the epoch belongs to the second it lies in).  Defined for every i64
;; without error; the sentinel $ts_invalid gives -9223372036855.
(func $ts_unix_seconds (param $t i64) (result i64)
  (call $ts_floor_seconds (local.get $t)))

;; ---- the language's `timestamp` values ---------------------------------
;; The language keeps the invalid timestamp ($ts_invalid, what a malformed
;; string parses to) as a value like any other: it is before every valid
;; timestamp, arithmetic keeps it invalid, and it prints as "".  So a
;; client's malformed date never fails a rule.  Durations are milliseconds.

;; $ts_now: `now`: the host's clock (proxy_get_current_time_nanoseconds) in
;; microseconds; the invalid timestamp if the host refuses or scratch is full.
(func $ts_now (result i64)
  (local $out i32)
  (local.set $out (call $alloc (i32.const 8)))
  (if (i32.eqz (local.get $out)) (then (return (global.get $ts_invalid))))
  (if (call $proxy_get_current_time_nanoseconds (local.get $out))
    (then (return (global.get $ts_invalid))))
  (i64.div_u (i64.load (local.get $out)) (i64.const 1000)))

;; $property_timestamp: a timestamp attribute (`request.time`), which Envoy
;; hands over as 8 bytes little-endian of signed nanoseconds since the epoch
;; (docs/envoy-behaviour.md fact 11), in microseconds rounded down; the
;; invalid timestamp when it has none.
(func $property_timestamp (param $path i64) (result i64)
  (local $value i64) (local $ns i64) (local $r i64)
  (local.set $value (call $property_raw (local.get $path)))
  (if (i32.ne (call $str_len (local.get $value)) (i32.const 8)) (then (return (global.get $ts_invalid))))
  (local.set $ns (i64.load (call $str_ptr (local.get $value))))
  (local.set $r (i64.rem_s (local.get $ns) (i64.const 1000)))
  (i64.sub (i64.div_s (local.get $ns) (i64.const 1000))
           (i64.extend_i32_u (i64.lt_s (local.get $r) (i64.const 0)))))

;; $ts_text: string(t): $ts_format_rfc3339, "" for the invalid timestamp.
(func $ts_text (param $t i64) (result i64)
  (if (i32.eqz (call $ts_in_range (local.get $t))) (then (return (i64.const 0))))
  (call $ts_format_rfc3339 (local.get $t)))

;; $ts_http_date_text: http_date(t): $ts_format_http_date, "" for the
;; invalid timestamp.
(func $ts_http_date_text (param $t i64) (result i64)
  (if (i32.eqz (call $ts_in_range (local.get $t))) (then (return (i64.const 0))))
  (call $ts_format_http_date (local.get $t)))

;; $ts_add_ms: t + d for a duration $ms in milliseconds; the invalid
;; timestamp when t is invalid or the result leaves years 0001-9999.  |ms| is
;; bounded first (10,000 years) so that ms * 1000 cannot wrap.
(func $ts_add_ms (param $t i64) (param $ms i64) (result i64)
  (local $r i64)
  (if (i32.eqz (call $ts_in_range (local.get $t))) (then (return (global.get $ts_invalid))))
  (if (i32.or (i64.gt_s (local.get $ms) (i64.const 315576000000000))
              (i64.lt_s (local.get $ms) (i64.const -315576000000000)))
    (then (return (global.get $ts_invalid))))
  (local.set $r (i64.add (local.get $t) (i64.mul (local.get $ms) (i64.const 1000))))
  (if (i32.eqz (call $ts_in_range (local.get $r))) (then (return (global.get $ts_invalid))))
  (local.get $r))

;; $ts_sub_ms: t - d ($ts_add_ms with -d; the most negative d gives invalid).
(func $ts_sub_ms (param $t i64) (param $ms i64) (result i64)
  (if (i64.eq (local.get $ms) (i64.const 0x8000000000000000)) (then (return (global.get $ts_invalid))))
  (call $ts_add_ms (local.get $t) (i64.sub (i64.const 0) (local.get $ms))))

;; $ts_diff_ms: t1 - t2 as a duration in milliseconds, rounded toward minus
;; infinity; 0 when either is invalid (both in range: no overflow).
(func $ts_diff_ms (param $a i64) (param $b i64) (result i64)
  (local $d i64) (local $q i64) (local $r i64)
  (if (i32.or (i32.eqz (call $ts_in_range (local.get $a))) (i32.eqz (call $ts_in_range (local.get $b))))
    (then (return (i64.const 0))))
  (local.set $d (i64.sub (local.get $a) (local.get $b)))
  (local.set $q (i64.div_s (local.get $d) (i64.const 1000)))
  (local.set $r (i64.rem_s (local.get $d) (i64.const 1000)))
  (if (i64.lt_s (local.get $r) (i64.const 0))
    (then (local.set $q (i64.sub (local.get $q) (i64.const 1)))))
  (local.get $q))

;; $duration_parse: duration(s): the milliseconds of text $s written as a
;; duration literal is ("900s", "1m30s", "250ms": json.wat's $cfg_duration).
;; Errors: any other text, or a total beyond int64 -> $rt_error = 11,
;; result 0.
(func $duration_parse (param $s i64) (result i64)
  (local $ms i64)
  (local.set $ms (call $cfg_duration (local.get $s)))
  (if (i64.ge_s (local.get $ms) (i64.const 0)) (then (return (local.get $ms))))
  (global.set $rt_error (global.get $E_BAD_CONVERSION))
  (i64.const 0))
