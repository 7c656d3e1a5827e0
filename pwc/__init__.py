"""pwc: compile `.pwf` filter rules into proxy-wasm modules.

The package's parts live in the repository's top-level folders:
`pwc.compiler` (compiler/), `pwc.stdlib` (stdlib/), `pwc.runtime` (runtime/).
"""

__version__ = "0.1.0"
