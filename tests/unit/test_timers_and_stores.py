"""`every` and `store` in the local runtime: Hosts sharing one SharedData are
the VMs of one Envoy, each with the timer (Host.tick), the test's clock.

What is checked: the lease (one VM runs a block per period), calls from the
root context and their answers, a store reaching every VM at its next tick,
every kind of value a store holds read back as written (against the values
the test wrote, through JSON as Python reads it), a failing call leaving the
old value, and a run-time error in a block logged without a reply."""

from __future__ import annotations

import json

import pytest

from pwc.compiler.driver import compile_source
from pwc.runtime.host import Host
from pwc.runtime.model import Response
from pwc.runtime.state import SharedData

START_NS = 1_700_000_000_000_000_000

KINDS = """filter "kinds"

store text: string = "default"
store count: int = 7
store flag: bool = false
store wait: duration = 1s
store names: list<string> = ["a"]
store labels: map<string, string> = {"k": "v"}

every 1s {
  let answer = call "source" { path: "/values" }
  if answer.status == 200 {
    let doc = json.decode(answer.body)
    store text = string(doc.text)
    store count = int(doc.count)
    store flag = bool(doc.flag)
    store wait = duration(string(doc.wait))
    store names = doc.names.map(n, string(n))
    store labels = {"first": string(doc.names[0]), "text": string(doc.text)}
  }
}

on request {
  set request.headers["x-values"] = stored.text + "|" + string(stored.count) + "|" + string(stored.flag) + "|" +
    (stored.wait == 90s ? "90s" : stored.wait == 2s ? "2s" : stored.wait == 1s ? "1s" : "other") + "|" + stored.names.join(",") + "|" + stored.labels["first"] + stored.labels["k"]
}
"""


class Envoy:
    """`count` VMs of one filter, one clock, one table of shared data."""

    def __init__(self, source: str, answer, count: int = 3):
        result = compile_source(source, "every.pwf")
        assert result.ok, result.render()
        self.now_ns = START_NS
        self.shared = SharedData()
        self.calls = 0

        def service(request):
            self.calls += 1
            return answer(request)

        self.vms = [Host(result.wasm, clock=lambda: self.now_ns, shared_data=self.shared,
                         clusters={"source": service}) for _ in range(count)]

    def tick(self, seconds: float = 0.25) -> None:
        self.now_ns += int(seconds * 1e9)
        for vm in self.vms:
            vm.tick()
            vm.deliver_calls()

    def header(self, vm: int, name: str) -> str:
        seen = self.vms[vm].request().upstream_request
        assert seen is not None
        return seen.header(name)


def test_a_block_runs_once_a_period_whichever_vm_holds_the_lease():
    envoy = Envoy(KINDS, lambda r: Response(503), count=3)
    assert envoy.vms[0].tick_period_ms == 250
    for _ in range(40):  # 10 s of quarter-second ticks on three VMs
        envoy.tick()
    assert 9 <= envoy.calls <= 11


def test_every_kind_of_store_reaches_every_vm_as_written():
    document = {"text": "héllo, \"world\"", "count": -42, "flag": True, "wait": "1m30s", "names": ["x", "y,z", ""]}
    envoy = Envoy(KINDS, lambda r: Response(200, [], json.dumps(document).encode()))
    assert {envoy.header(vm, "x-values") for vm in range(3)} == {"default|7|false|1s|a|v"}
    envoy.tick(1.0)
    expected = "|".join(["héllo, \"world\"", "-42", "true", "90s", "x,y,z,", "x"])  # labels has no "k" now
    assert {envoy.header(vm, "x-values") for vm in range(3)} == {expected}
    stored = {key.decode(): json.loads(value) for key, (value, _) in envoy.shared.entries.items() if b":store:" in key}
    assert stored == {"pwc1:kinds:store:text": document["text"], "pwc1:kinds:store:count": -42,
                      "pwc1:kinds:store:flag": True, "pwc1:kinds:store:wait": 90000,
                      "pwc1:kinds:store:names": document["names"],
                      "pwc1:kinds:store:labels": {"first": "x", "text": document["text"]}}


def test_a_failing_call_or_a_bad_answer_keeps_the_old_values():
    answers = [Response(200, [], b'{"text": "one", "count": 1, "flag": true, "wait": "2s", "names": ["n"]}'),
               Response(503, [], b"down"), Response(200, [], b"not json")]
    envoy = Envoy(KINDS, lambda r: answers.pop(0) if answers else Response(503))
    envoy.tick(1.0)
    first = envoy.header(0, "x-values")
    assert first == "one|1|true|2s|n|n"
    envoy.tick(1.0)  # 503: nothing stored
    assert envoy.header(1, "x-values") == first
    envoy.tick(1.0)  # not JSON: string(null) fails the block, logged, no reply
    assert envoy.header(2, "x-values") == first
    errors = [log.message for vm in envoy.vms for log in vm.logs if "runtime error" in log.message]
    assert errors and all("every.pwf:14" in message for message in errors)  # store text = string(null)


def test_a_store_written_by_another_vm_reaches_this_one_at_its_next_tick():
    envoy = Envoy(KINDS, lambda r: Response(200, [], b'{"text": "t", "count": 2, "flag": false, "wait": "1s", '
                                                     b'"names": []}'), count=2)
    envoy.now_ns += int(1e9)
    envoy.vms[0].tick()
    envoy.vms[0].deliver_calls()
    assert envoy.header(0, "x-values").startswith("t|2|")
    assert envoy.header(1, "x-values").startswith("default|7|")  # not yet: no tick since
    envoy.vms[1].tick()
    assert envoy.header(1, "x-values").startswith("t|2|")


@pytest.mark.parametrize("period, tick", [("10ms", 10), ("100ms", 25), ("1m", 15000)])
def test_the_tick_is_a_quarter_of_the_shortest_period(period, tick):
    source = f'filter "t"\nstore x: int = 0\nevery {period} {{\n  store x = stored.x + 1\n}}\nevery 2h {{\n  log info "x"\n}}\n'
    result = compile_source(source, "t.pwf")
    assert result.ok, result.render()
    assert Host(result.wasm).tick_period_ms == tick
