"""pwc: compile `.pwf` filter rules into proxy-wasm modules.

The package's parts live in the repository's top-level folders:
`pwc.compiler` (compiler/), `pwc.stdlib` (stdlib/), `pwc.runtime` (runtime/).
"""

__version__ = "0.1.0"


def __getattr__(name: str):
    """The Python API, imported on first use: `pwc.compile_source(text,
    filename=...)` returns a Result with `.wasm` and `.diagnostics`;
    `pwc.compile_json(text)` takes the JSON form of the syntax tree."""
    if name in ("compile_source", "compile_json", "compile_module", "compile_file"):
        from .compiler import driver

        return getattr(driver, name)
    raise AttributeError(f"module 'pwc' has no attribute {name!r}")
