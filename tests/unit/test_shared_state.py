"""`limit` and `once` in the local runtime, against a model written here.

Several Hosts given one SharedData are the workers of one Envoy (the local
runtime's shared data follows Envoy's rules: a write naming a version fails
on a key another VM wrote since; a write to an absent key stores).  The
model is independent of stdlib/shared.wat: FNV-1a for the slot, a dict of
live keys per slot, fixed windows per key, written from docs/language.md's
description.  The clock is the test's.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pytest

from pwc.abi import Status
from pwc.compiler.driver import compile_source
from pwc.runtime.host import Host
from pwc.runtime.state import SharedData

SLOTS, WAYS = 8192, 8
START_NS = 1_700_000_000_000_000_000

LIMITED = """filter "state"
on request {
  limit request.headers["x-key"] to 3 per 2s
  if !once(request.headers["x-nonce"], 10s) {
    respond 409 "replayed"
  }
}
"""
CUSTOM_REPLY = """filter "state"
on request {
  limit to 1 per 1m respond 503 "busy" headers {"retry-after": "90", "content-type": "text/plain"}
}
"""


def fnv1a_slot(key: str) -> int:
    h = 0xCBF29CE484222325
    for byte in key.encode():
        h = ((h ^ byte) * 0x100000001B3) % 2**64
    return (h & (2**63 - 1)) % SLOTS


def colliding_keys(count: int, slot: int | None = None, prefix: str = "k") -> list[str]:
    """`count` keys whose slot is the same (the first key's, or `slot`)."""
    keys: list[str] = []
    for n in range(10_000_000):
        key = f"{prefix}{n}"
        if slot is None:
            slot = fnv1a_slot(key)
        if fnv1a_slot(key) == slot:
            keys.append(key)
            if len(keys) == count:
                return keys
    raise AssertionError("no collisions found")


@dataclass
class Workers:
    """Hosts sharing one SharedData, with one clock."""

    source: str = LIMITED
    count: int = 2
    now_ns: int = START_NS
    shared: SharedData = field(default_factory=SharedData)
    hosts: list[Host] = field(default_factory=list)

    def __post_init__(self) -> None:
        result = compile_source(self.source, "state.pwf")
        assert result.ok, result.render()
        self.hosts = [Host(result.wasm, clock=lambda: self.now_ns, shared_data=self.shared) for _ in range(self.count)]

    def send(self, worker: int = 0, key: str = "a", nonce: str | None = None):
        nonce = nonce if nonce is not None else f"n{random.random()}"
        return self.hosts[worker % self.count].request(headers=[("x-key", key), ("x-nonce", nonce)])

    def status(self, **request) -> int:
        result = self.send(**request)
        return result.local_reply.status if result.local_reply else 200

    def advance(self, seconds: float) -> None:
        self.now_ns += int(seconds * 1e9)


@dataclass
class LimitModel:
    """N per window per key, windows from the key's first request, the key of the
    oldest window evicted when a ninth key comes to a slot."""

    count: int
    window_s: float
    keys: dict[int, dict[str, list[float]]] = field(default_factory=dict)  # slot -> key -> [start, tokens]

    def take(self, key: str, now: float) -> tuple[bool, int]:
        slot = self.keys.setdefault(fnv1a_slot(key), {})
        if key not in slot:
            if len(slot) == WAYS:
                del slot[min(slot, key=lambda k: slot[k][0])]
            slot[key] = [now, self.count]
        start, tokens = slot[key]
        if now - start >= self.window_s:
            start, tokens = now - (now - start) % self.window_s, self.count
        if tokens <= 0:
            slot[key] = [start, tokens]
            return False, max(1, -int(-(start + self.window_s - now) // 1))
        slot[key] = [start, tokens - 1]
        return True, 0


def test_limit_counts_across_workers_per_key_and_refuses_with_its_headers():
    workers = Workers()
    assert [workers.status(worker=i, key="alice") for i in range(5)] == [200, 200, 200, 429, 429]
    assert workers.status(worker=1, key="bob") == 200
    refused = workers.send(worker=0, key="alice").local_reply
    assert refused.status == 429 and refused.body == b"too many requests\n"
    assert refused.headers == [("retry-after", "2"), ("x-ratelimit-limit", "3"), ("x-ratelimit-remaining", "0")]
    workers.advance(1.5)
    assert workers.send(key="alice").local_reply.headers[0] == ("retry-after", "1")
    workers.advance(0.5)
    assert [workers.status(worker=i, key="alice") for i in range(4)] == [200, 200, 200, 429]


def test_limit_agrees_with_the_model_over_a_random_run():
    rng = random.Random(7)
    workers, model = Workers(), LimitModel(3, 2.0)
    keys = colliding_keys(12) + ["x", "y", "z"]  # one crowded slot, so eviction happens too
    for _ in range(1500):
        workers.advance(rng.choice([0, 0, 0.01, 0.3, 1.0, 2.5]))
        key = rng.choice(keys)
        now = (workers.now_ns - START_NS) / 1e9
        allowed, retry_after = model.take(key, now)
        reply = workers.send(worker=rng.randrange(2), key=key).local_reply
        assert (reply is None) == allowed, (key, now)
        if reply is not None:
            assert dict(reply.headers)["retry-after"] == str(retry_after), (key, now)


def test_a_slot_holds_eight_keys_a_ninth_evicts_the_oldest_window():
    workers = Workers()
    keys = colliding_keys(9)
    for index, key in enumerate(keys[:8]):
        workers.advance(0.01)
        assert [workers.status(key=key) for _ in range(4)] == [200, 200, 200, 429], index
    workers.advance(0.01)
    assert workers.status(key=keys[8]) == 200  # evicts keys[0], whose window is the oldest
    assert workers.status(key=keys[0]) == 200  # a fresh bucket: eviction forgets
    assert workers.status(key=keys[2]) == 429  # the others are kept
    assert len([k for k in workers.shared.entries if b":3:" in k]) == 1


def test_long_keys_are_told_apart_by_their_hash():
    workers = Workers()
    long_a, long_b = "k" * 40 + "a", "k" * 40 + "b"
    assert [workers.status(key=long_a) for _ in range(4)] == [200, 200, 200, 429]
    assert workers.status(key=long_b) == 200
    assert workers.status(key="k" * 30) == 200  # 30 bytes: kept as it is


def test_distinct_keys_cannot_grow_the_state_past_its_slots():
    workers = Workers(count=1)
    for n in range(20_000):  # more than 2 x 8192: every slot in use, most twice
        workers.send(key=f"client-{n}", nonce=f"nonce-{n}")
    entries = workers.shared.entries
    assert len(entries) <= 2 * SLOTS
    assert all(len(value) in (384, 320) for value, _ in entries.values())


def test_once_is_true_once_per_window_across_workers():
    workers = Workers()
    assert workers.status(worker=0, nonce="n1") == 200
    assert workers.status(worker=1, nonce="n1") == 409
    assert workers.status(worker=0, nonce="n2") == 200
    workers.advance(9.9)
    assert workers.status(worker=1, nonce="n1") == 409
    workers.advance(0.2)
    assert workers.status(worker=1, nonce="n1") == 200  # the window ended: first again


def test_once_refuses_a_ninth_live_key_in_a_slot_rather_than_forget_one():
    workers = Workers()
    nonces = colliding_keys(9, prefix="nonce")
    assert [workers.status(key=f"k{i}", nonce=n) for i, n in enumerate(nonces)] == [200] * 8 + [409]
    assert [workers.status(key=f"j{i}", nonce=n) for i, n in enumerate(nonces[:8])] == [409] * 8
    workers.advance(10.5)
    assert workers.status(key="late", nonce=nonces[8]) == 200  # expired keys make room


class Contended(SharedData):
    """Another VM writes every slot first, `failures` times in a row."""

    def __init__(self, failures: int):
        super().__init__()
        self.failures = failures

    def set(self, key: bytes, value: bytes, cas: int) -> Status:
        if self.failures > 0:
            self.failures -= 1
            return Status.CAS_MISMATCH
        return super().set(key, value, cas)


@pytest.mark.parametrize("failures, status", [(7, 200), (8, 429)])
def test_limit_retries_a_lost_race_and_fails_closed_after_eight(failures, status):
    host = Host(compile_source(LIMITED, "state.pwf").wasm, shared_data=Contended(failures))
    reply = host.request(headers=[("x-key", "a"), ("x-nonce", "n")]).local_reply
    assert (reply.status if reply else 200) == status


@pytest.mark.parametrize("failures, status", [(7, 200), (8, 409)])
def test_once_retries_a_lost_race_and_fails_closed_after_eight(failures, status):
    source = 'filter "state"\non request {\n  if !once(request.headers["x-nonce"], 1s) {\n    respond 409 "no"\n  }\n}\n'
    host = Host(compile_source(source, "state.pwf").wasm, shared_data=Contended(failures))
    reply = host.request(headers=[("x-nonce", "n")]).local_reply
    assert (reply.status if reply else 200) == status


def test_a_slot_written_by_an_older_layout_is_taken_over():
    workers = Workers(count=1)
    workers.status(key="a", nonce="n")
    for key in list(workers.shared.entries):
        workers.shared.set(key, b"old", 0)
    assert workers.status(key="a", nonce="n") == 200  # both read as empty, rewritten
    assert all(len(value) in (384, 320) for value, _ in workers.shared.entries.values())


def test_a_limits_own_reply_keeps_its_headers_over_the_limits():
    workers = Workers(source=CUSTOM_REPLY, count=1)
    assert workers.status() == 200
    reply = workers.send().local_reply
    assert (reply.status, reply.body) == (503, b"busy")
    assert dict(reply.headers) == {"retry-after": "90", "x-ratelimit-limit": "1", "x-ratelimit-remaining": "0",
                                   "content-type": "text/plain"}
