"""What the emitter writes for a stream's callbacks, apart from emit.py:
the headers and body callbacks that run the phases, and the answer to a
call, which resumes the phase that waited for it.

A side with a body phase holds its headers (Pause) until the body is in.
A call can pause either phase of it:
- in the body phase, the body callback returns Pause (Envoy keeps the body
  buffered) and the continuation reads the body again from the host;
- in the headers phase, the body may end before the answer comes.  The body
  callback then only notes that it ended (a bit of the record's `ended`
  slot) and keeps the body; once the headers phase is over, the answer runs
  the body phase itself.  Without a call pending, the body callback runs it
  as usual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..abi import Action, BufferType, MapType, StreamType
from .attributes import BODY_PHASE, SIDE

if TYPE_CHECKING:
    from .emit import _Emitter

_EXPORT_CALLBACK = {"request": "proxy_on_request_headers", "response": "proxy_on_response_headers"}
# A body past the filter's limit: the request is refused, the response replaced.
_OVER_LIMIT = {"request": (413, b"request body too large\n"), "response": (502, b"response body too large\n")}
# The router adds this header to every answer that came from the service;
# Envoy's own answers to a call (timeout, connection failure) lack it.
SERVICE_TIME_HEADER = b"x-envoy-upstream-service-time"
BUFFER = {"request": int(BufferType.REQUEST_BODY), "response": int(BufferType.RESPONSE_BODY)}
# The bit of the `ended` slot that says a side's message has ended.
ENDED_BIT = {"request": 1, "response": 2}


def _slot_offset(slot: int | None) -> int:
    if slot is None:
        raise ValueError("the program has no such record slot")
    return 8 * slot


def headers_callback(emitter: _Emitter, side: str, has_phase: bool, has_body_phase: bool) -> None:
    """proxy_on_{side}_headers: the phase, then, with a body phase, hold
    the headers until the body is in (or run it now: there is none)."""
    params = "(param $ctx i32) (param $headers i32) (param $end_of_stream i32)"
    if not has_body_phase:
        emitter.emit_scoped_export(_EXPORT_CALLBACK[side], params, "i32", f"(call $pwc_{side} (local.get $ctx))")
        return
    emitter.emit_scoped_export(_EXPORT_CALLBACK[side], params, "i32",
                               f"(call $pwc_{side}_headers (local.get $ctx) (local.get $end_of_stream))")
    w = emitter.out
    with w.indent(f"(func $pwc_{side}_headers (param $ctx i32) (param $end_of_stream i32) (result i32)", ")"):
        if _waits_in_headers(emitter, side):
            w.line(f"(if (local.get $end_of_stream) (then (call $pwc_{side}_ended (local.get $ctx))))")
        if has_phase:
            w.comment("a local reply, a run-time error or a call: the body phase does not run now")
            w.line(f"(if (call $pwc_{side} (local.get $ctx)) (then (return (i32.const {Action.PAUSE}))))")
        w.line(f"(if (local.get $end_of_stream) (then (call $body_begin (i32.const 0))"
               f" (return (call $pwc_{side}_body (local.get $ctx)))))")
        w.comment("held (allow_on_headers_stop_iteration): the body phase may still write them")
        w.line(f"(i32.const {Action.PAUSE})")
    emitter.stdlib_roots.add("body_begin")
    if _waits_in_headers(emitter, side):
        _ended_functions(emitter, side)


def body_callback(emitter: _Emitter, side: str) -> None:
    """proxy_on_{side}_body: buffer every chunk (Pause); at the end of
    the stream, run the body phase over the whole body.  Past the body
    limit, answer (413 for a request, 502 for a response) instead."""
    emitter.emit_scoped_export(f"proxy_on_{side}_body", "(param $ctx i32) (param $size i32) (param $end_of_stream i32)",
                               "i32", f"(call $pwc_{side}_body_chunk (local.get $ctx) (local.get $size) (local.get $end_of_stream))")
    w = emitter.out
    status, body = _OVER_LIMIT[side]
    over = f"(i32.gt_u (local.get $size) (i32.const {emitter.program.body_limit}))"
    if side == "response":
        # a local reply (the filter's own 413, say) is no upstream answer: its body is bounded
        service = f"(call $hdr_has (i32.const {MapType.RESPONSE_HEADERS}) (i64.const {emitter.data.string(SERVICE_TIME_HEADER)}))"
        over = f"(i32.and {over} {service})"
        emitter.stdlib_roots.add("hdr_has")
    with w.indent(f"(func $pwc_{side}_body_chunk (param $ctx i32) (param $size i32) (param $end_of_stream i32)"
                  " (result i32)", ")"):
        w.line(f"(if {over} (then (call $send_local_reply (i32.const {status}) (i64.const {emitter.data.string(body)})"
               f" (i32.const 0)) (return (i32.const {Action.PAUSE}))))")
        w.line(f"(if (i32.eqz (local.get $end_of_stream)) (then (return (i32.const {Action.PAUSE}))))")
        if _waits_in_headers(emitter, side):
            w.comment("the headers phase still waits for a call's answer: the answer runs the body phase")
            w.line(f"(call $pwc_{side}_ended (local.get $ctx))")
            pending = f"(i64.ne (i64.load offset={_slot_offset(emitter.program.token_slot)} (call $stream_get (local.get $ctx))) (i64.const 0))"
            w.line(f"(if {pending} (then (return (i32.const {Action.PAUSE}))))")
        w.line("(call $body_begin (local.get $size))")
        w.line(f"(call $pwc_{side}_body (local.get $ctx))")
    emitter.stdlib_roots |= {"body_begin", "send_local_reply"}


def _waits_in_headers(emitter: _Emitter, side: str) -> bool:
    """Whether a call of `side`'s headers phase may leave its body phase to the answer."""
    return BODY_PHASE[side] in emitter.program.phases and any(
        site.stream and site.phase == side for site in emitter.program.calls)


def _ended_functions(emitter: _Emitter, side: str) -> None:
    """$pwc_{side}_ended notes that the message ended; $pwc_{side}_after_call
    runs the body phase once the headers phase's continuation is over: now if
    the body is in, else later, from the body callback."""
    w = emitter.out
    offset = _slot_offset(emitter.program.ended_slot)
    record = "(call $stream_get (local.get $ctx))"
    with w.indent(f"(func $pwc_{side}_ended (param $ctx i32)", ")"):
        w.line("(local $rec i32)")
        w.line(f"(local.set $rec {record})")
        w.line(f"(if (local.get $rec) (then (i64.store offset={offset} (local.get $rec)"
               f" (i64.or (i64.load offset={offset} (local.get $rec)) (i64.const {ENDED_BIT[side]})))))")
    with w.indent(f"(func $pwc_{side}_after_call (param $ctx i32) (result i32)", ")"):
        w.line(f"(if (i64.eqz (i64.and (i64.load offset={offset} {record}) (i64.const {ENDED_BIT[side]})))"
               f" (then (return (i32.const {Action.PAUSE}))))")
        w.line(f"(call $body_resume (i32.const {BUFFER[side]}))")
        w.line(f"(call $pwc_{side}_body (local.get $ctx))")
    emitter.stdlib_roots |= {"stream_get", "body_resume"}


def call_response(emitter: _Emitter) -> None:
    """proxy_on_http_call_response: find the stream, keep the answer in
    its record, run the continuation, and resume the stream unless the
    continuation answered or made another call."""
    w = emitter.out
    p = emitter.program
    emitter.emit_scoped_export("proxy_on_http_call_response", "(param $root i32) (param $token i32) (param $headers i32)"
                               " (param $body_size i32) (param $trailers i32)", "",
                               "(call $pwc_call_answer (local.get $token) (local.get $body_size))")
    with w.indent("(func $pwc_call_answer (param $token i32) (param $body_size i32)", ")"):
        w.line("(local $ctx i32) (local $rec i32) (local $resume i64) (local $action i32)")
        w.line("(local.set $ctx (call $http_call_stream (local.get $token)))")
        w.line("(local.set $rec (call $stream_get (local.get $ctx)))")
        w.line("(if (i32.eqz (local.get $rec)) (then (return)))")
        w.line(f"(i64.store offset={_slot_offset(p.token_slot)} (local.get $rec) (i64.const 0))")
        w.line(f"(local.set $resume (i64.load offset={_slot_offset(p.resume_slot)} (local.get $rec)))")
        for site in p.calls:
            with w.indent(f"(if (i64.eq (local.get $resume) (i64.const {site.resume}))", ")"):
                with w.indent("(then", ")"):
                    _answer_site(emitter, site)
    emitter.stdlib_roots |= {"http_call_stream", "http_call_keep_answer", "stream_get"}
    emitter.host_imports |= {"proxy_set_effective_context", "proxy_continue_stream"}


def _answer_site(emitter: _Emitter, site) -> None:
    """Keep the answer, run the site's continuation, then resume the stream when it is done."""
    w = emitter.out
    if site.stream:  # an `every` block's answer stays in the root context
        w.line("(drop (call $proxy_set_effective_context (local.get $ctx)))")
    w.line(f"(call $http_call_keep_answer (i32.add (local.get $rec) (i32.const {8 * site.result_slot}))"
           f" (local.get $body_size) (i64.const {emitter.data.string(SERVICE_TIME_HEADER)}))")
    w.line(f"(local.set $action (call $pwc_{site.function} (local.get $ctx)))")
    if not site.stream:
        return
    if site.phase == site.side and BODY_PHASE[site.side] in emitter.program.phases:
        w.comment("the headers phase is over: its body phase runs now if the body is in")
        w.line(f"(if (i32.eq (local.get $action) (i32.const {Action.CONTINUE}))"
               f" (then (local.set $action (call $pwc_{site.side}_after_call (local.get $ctx)))))")
    direction = StreamType.HTTP_RESPONSE if SIDE[site.phase] == "response" else StreamType.HTTP_REQUEST
    w.line(f"(if (i32.eq (local.get $action) (i32.const {Action.CONTINUE}))"
           f" (then (drop (call $proxy_continue_stream (i32.const {int(direction)})))))")
