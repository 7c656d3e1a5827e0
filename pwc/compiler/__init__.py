"""The pwc compiler: source text to a proxy-wasm module, one pass per module."""
