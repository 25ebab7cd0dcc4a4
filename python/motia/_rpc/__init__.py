"""The RPC channel in layers: framing (length prefix) -> codec (msgpack) -> session -> dispatch."""
