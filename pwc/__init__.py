"""pwc: compile `.pwf` filter rules into proxy-wasm modules.

The Python API (imported on first use, so `import pwc` stays cheap):

    result = pwc.compile_source(text, filename="f.pwf")   # a Result
    result.ok, result.wasm, result.diagnostics, result.render()
    pwc.compile_json(text)      # the JSON form of the syntax tree (`pwc parse --json`)
    pwc.compile_module(module)  # a syntax.Module built in Python
    pwc.compile_file(path)      # the module's bytes, or CompileError

The package's parts live in the repository's top-level folders:
`pwc.compiler` (compiler/), `pwc.stdlib` (stdlib/), `pwc.runtime` (runtime/);
`pwc.abi`, `pwc.conventions` and `pwc.envoy_config` are what they share.  The
compiler and the runtime never import each other: the command line
(`pwc.cli`, `pwc.run`, `pwc.configure`) composes them
(tests/unit/test_import_graph.py checks it).
"""

__version__ = "0.1.0"

# name -> the pwc.compiler module that defines it
_API = {
    "compile_source": "driver", "compile_json": "driver", "compile_module": "driver", "compile_file": "driver",
    "Result": "driver", "CompileError": "diagnostics", "Diagnostic": "diagnostics",
}
__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        from importlib import import_module

        return getattr(import_module(f"pwc.compiler.{_API[name]}"), name)
    raise AttributeError(f"module 'pwc' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
