"""The proxy-wasm 0.2.1 ABI as Envoy 1.40 runs it: names, signatures, enum values.

Every ABI name and number the compiler, the stdlib and the runtime use comes
from here; the WAT stdlib mirrors the few constants it needs, and a unit test
checks that the two agree.  See ../shared/PROXY-WASM-NOTES.md for the facts.
"""

from enum import IntEnum

ABI_VERSION_EXPORT = "proxy_abi_version_0_2_1"


class Status(IntEnum):
    OK = 0
    NOT_FOUND = 1
    BAD_ARGUMENT = 2
    SERIALIZATION_FAILURE = 3
    PARSE_FAILURE = 4
    INVALID_MEMORY_ACCESS = 6
    EMPTY = 7
    CAS_MISMATCH = 8
    INTERNAL_FAILURE = 10
    UNIMPLEMENTED = 12


class Action(IntEnum):
    CONTINUE = 0
    PAUSE = 1


class LogLevel(IntEnum):
    TRACE = 0
    DEBUG = 1
    INFO = 2
    WARN = 3
    ERROR = 4
    CRITICAL = 5


class MapType(IntEnum):
    REQUEST_HEADERS = 0
    REQUEST_TRAILERS = 1
    RESPONSE_HEADERS = 2
    RESPONSE_TRAILERS = 3
    GRPC_INITIAL_METADATA = 4
    GRPC_TRAILING_METADATA = 5
    HTTP_CALL_RESPONSE_HEADERS = 6
    HTTP_CALL_RESPONSE_TRAILERS = 7


class BufferType(IntEnum):
    REQUEST_BODY = 0
    RESPONSE_BODY = 1
    DOWNSTREAM_DATA = 2
    UPSTREAM_DATA = 3
    HTTP_CALL_RESPONSE_BODY = 4
    GRPC_MESSAGE = 5
    VM_CONFIGURATION = 6
    PLUGIN_CONFIGURATION = 7
    FOREIGN_FUNCTION_ARGUMENTS = 8


class StreamType(IntEnum):
    HTTP_REQUEST = 0
    HTTP_RESPONSE = 1
    DOWNSTREAM = 2
    UPSTREAM = 3


class MetricType(IntEnum):
    COUNTER = 0
    GAUGE = 1
    HISTOGRAM = 2


# Host functions a module may import from "env": name -> (params, results).
HOST_FUNCTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "proxy_log": (("i32", "i32", "i32"), ("i32",)),
    "proxy_get_buffer_bytes": (("i32", "i32", "i32", "i32", "i32"), ("i32",)),
    "proxy_get_buffer_status": (("i32", "i32", "i32"), ("i32",)),
    "proxy_set_buffer_bytes": (("i32", "i32", "i32", "i32", "i32"), ("i32",)),
    "proxy_get_header_map_value": (("i32", "i32", "i32", "i32", "i32"), ("i32",)),
    "proxy_add_header_map_value": (("i32", "i32", "i32", "i32", "i32"), ("i32",)),
    "proxy_replace_header_map_value": (("i32", "i32", "i32", "i32", "i32"), ("i32",)),
    "proxy_remove_header_map_value": (("i32", "i32", "i32"), ("i32",)),
    "proxy_get_header_map_pairs": (("i32", "i32", "i32"), ("i32",)),
    "proxy_set_header_map_pairs": (("i32", "i32", "i32"), ("i32",)),
    "proxy_get_header_map_size": (("i32", "i32"), ("i32",)),
    "proxy_send_local_response": (("i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32"), ("i32",)),
    "proxy_http_call": (("i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32"), ("i32",)),
    "proxy_continue_stream": (("i32",), ("i32",)),
    "proxy_close_stream": (("i32",), ("i32",)),
    "proxy_set_effective_context": (("i32",), ("i32",)),
    "proxy_done": ((), ("i32",)),
    "proxy_get_property": (("i32", "i32", "i32", "i32"), ("i32",)),
    "proxy_set_property": (("i32", "i32", "i32", "i32"), ("i32",)),
    "proxy_get_status": (("i32", "i32", "i32"), ("i32",)),
    "proxy_define_metric": (("i32", "i32", "i32", "i32"), ("i32",)),
    "proxy_increment_metric": (("i32", "i64"), ("i32",)),
    "proxy_record_metric": (("i32", "i64"), ("i32",)),
    "proxy_get_metric": (("i32", "i32"), ("i32",)),
    "proxy_set_tick_period_milliseconds": (("i32",), ("i32",)),
    "proxy_get_current_time_nanoseconds": (("i32",), ("i32",)),
    "proxy_get_shared_data": (("i32", "i32", "i32", "i32", "i32"), ("i32",)),
    "proxy_set_shared_data": (("i32", "i32", "i32", "i32", "i32"), ("i32",)),
}

# Callbacks a module may export: name -> (params, results).
CALLBACKS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "proxy_on_context_create": (("i32", "i32"), ()),
    "proxy_on_vm_start": (("i32", "i32"), ("i32",)),
    "proxy_on_configure": (("i32", "i32"), ("i32",)),
    "proxy_on_tick": (("i32",), ()),
    "proxy_on_request_headers": (("i32", "i32", "i32"), ("i32",)),
    "proxy_on_request_body": (("i32", "i32", "i32"), ("i32",)),
    "proxy_on_request_trailers": (("i32", "i32"), ("i32",)),
    "proxy_on_response_headers": (("i32", "i32", "i32"), ("i32",)),
    "proxy_on_response_body": (("i32", "i32", "i32"), ("i32",)),
    "proxy_on_response_trailers": (("i32", "i32"), ("i32",)),
    "proxy_on_http_call_response": (("i32", "i32", "i32", "i32", "i32"), ()),
    "proxy_on_log": (("i32",), ()),
    "proxy_on_done": (("i32",), ("i32",)),
    "proxy_on_delete": (("i32",), ()),
}

# Other exports Envoy looks for.
MODULE_EXPORTS = ("memory", "malloc", ABI_VERSION_EXPORT)


def import_line(name: str) -> str:
    """The WAT import declaration of host function `name`, bound to `$name`."""
    params, results = HOST_FUNCTIONS[name]
    sig = "".join(f" (param {p})" for p in params) + "".join(f" (result {r})" for r in results)
    return f'(import "env" "{name}" (func ${name}{sig}))'
