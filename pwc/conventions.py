"""What pwc's modules, its local runtime and its Envoy runner agree on beyond
the proxy-wasm ABI (pwc/abi.py): one home, so no side keeps its own copy."""

# The prefix of the log messages a `trace_lines` build emits at trace level,
# one per statement run: `pwc-trace FILE:LINE: TEXT` (`pwc test --trace`).
TRACE_PREFIX = "pwc-trace "


def store_key(filter_name: str, store: str) -> bytes:
    """The shared-data key of `store NAME` in filter `filter_name`: the value
    the module writes there as JSON text, and `stored:` in case files reads."""
    return f"pwc1:{filter_name}:store:{store}".encode()
