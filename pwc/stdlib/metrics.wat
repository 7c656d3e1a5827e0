;; metrics.wat: the filter's metrics (compiler/metrics.py), defined by
;; on_configure and then updated with one host call each, where a `count`,
;; an `observe`, a `respond` or a run-time error happens.

;; $metric_define: the id the host gives the metric named $name, of type
;; $kind (abi.MetricType: 0 counter, 2 histogram); -1 when it refuses, an
;; id no metric has (Envoy keeps the type in an id's low two bits, and 3 is
;; no type), so later updates of it are refused and count nothing.
(func $metric_define (param $kind i32) (param $name i64) (result i32)
  (if (call $proxy_define_metric (local.get $kind) (call $str_ptr (local.get $name)) (call $str_len (local.get $name))
                                 (global.get $SLOT_RET_AUX))
    (then (return (i32.const -1))))
  (i32.load (global.get $SLOT_RET_AUX)))

;; $metric_increment: add one to the counter the host knows as $id; its
;; status is ignored (a metric that could not be defined counts nothing).
(func $metric_increment (param $id i32)
  (drop (call $proxy_increment_metric (local.get $id) (i64.const 1))))

;; $metric_record: record $value in the histogram the host knows as $id, 0
;; for a negative value (Envoy would keep a negative sample as it is,
;; docs/envoy-behaviour.md fact 14); the status is ignored.
(func $metric_record (param $id i32) (param $value i64)
  (drop (call $proxy_record_metric (local.get $id)
    (select (local.get $value) (i64.const 0) (i64.gt_s (local.get $value) (i64.const 0))))))
