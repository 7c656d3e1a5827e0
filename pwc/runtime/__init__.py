"""A proxy-wasm host on wasmtime that drives modules the way Envoy does."""
