//! Host on wasmtime (in progress).
