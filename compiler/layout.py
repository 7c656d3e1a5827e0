"""How a pwc module lays out its linear memory and reports run-time errors.

These are pwc's own conventions (not the ABI's), shared by the emitter, the
WAT stdlib and the tests.  The stdlib refers to the layout only through the
globals the emitter defines (`$heap_base`, `$scratch_top`, `$scratch_end`,
`$pheap_top`), and to the error codes by the numbers below.

    0 .. LOW_RESERVED        out-parameter slots for host calls (stdlib's)
    DATA_START ..            string literals (data segments)
    heap_base ..             scratch arena: bump-allocated, released when
                             each proxy_on_* callback returns
    heap_base+SCRATCH_SIZE.. persistent heap: per-stream state and
                             configuration, size-class free lists, grows
                             with memory.grow up to MAX_MEMORY_PAGES
"""

from enum import IntEnum

PAGE_SIZE = 65536
LOW_RESERVED = 1024
DATA_START = LOW_RESERVED
SCRATCH_SIZE = 4 * 1024 * 1024
# 64 MiB: enough for thousands of concurrent streams' saved state, far
# below Envoy's 1 GiB per VM, and a hard bound the module declares.
MAX_MEMORY_PAGES = 1024


class RuntimeErrorCode(IntEnum):
    """Values of the stdlib's `$rt_error` global; 0 means no error."""

    NONE = 0
    NOT_AN_INTEGER = 1
    OVERFLOW = 2
    DIVISION_BY_ZERO = 3
    OUT_OF_MEMORY = 4


RUNTIME_ERROR_MESSAGES = {
    RuntimeErrorCode.NOT_AN_INTEGER: "int(): the string is not an integer",
    RuntimeErrorCode.OVERFLOW: "integer overflow",
    RuntimeErrorCode.DIVISION_BY_ZERO: "division by zero",
    RuntimeErrorCode.OUT_OF_MEMORY: "out of memory",
}


def heap_base(data_end: int) -> int:
    """The first scratch byte: the end of the data segments, 16-aligned."""
    return (max(data_end, DATA_START) + 15) & ~15


def initial_pages(data_end: int) -> int:
    """Pages the module starts with: data and the whole scratch arena."""
    end = heap_base(data_end) + SCRATCH_SIZE
    return (end + PAGE_SIZE - 1) // PAGE_SIZE + 1
