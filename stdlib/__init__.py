"""Hand-written WAT support code linked into compiled modules."""
