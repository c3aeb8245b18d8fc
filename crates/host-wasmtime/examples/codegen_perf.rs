//! Times codegen-emitted `fib(30)` and a 10^8-iteration sum loop on wasmtime against the same
//! functions in native Rust (`cargo run --release -p host-wasmtime --example codegen_perf`).
//! Not a test: timings vary by machine. It uses no import handler (the bodies need none).

#[path = "../../codegen/tests/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::time::Instant;

use codegen::{abi, compile};
use common::*;
use host_wasmtime::{Limits, WasmtimeHost};
use runtime::host::Host;
use runtime::session::Session;
use types::{CodeInstanceId, Ty};

fn native_fib(n: i64) -> i64 {
    if n < 2 {
        n
    } else {
        native_fib(n - 1) + native_fib(n - 2)
    }
}

fn native_sum(n: i64) -> i64 {
    let mut s = 0i64;
    let mut i = 1i64;
    while i <= n {
        s = s.wrapping_add(black_box(i));
        i += 1;
    }
    s
}

fn write(host: &mut WasmtimeHost, addr: u32, bytes: &[u8]) {
    host.heap().0[addr as usize..addr as usize + bytes.len()].copy_from_slice(bytes);
}

fn run(host: &mut WasmtimeHost, bytes: &[u8], n: i64) -> (i64, f64) {
    let id = host.load_module(bytes).expect("loads");
    host.ensure_table_len(1).expect("table");
    host.set_slot(0, id).expect("slot");
    let (arr, b) = (abi::HEAP_START, abi::HEAP_START + 16);
    write(host, b, &Ty::INT64.0.to_le_bytes());
    write(host, b + 8, &n.to_le_bytes());
    write(host, arr + 4, &b.to_le_bytes());
    write(host, abi::HEAP_PTR_ADDR, &(abi::HEAP_START + 64).to_le_bytes());
    write(host, abi::HEAP_LIMIT_ADDR, &(1u32 << 20).to_le_bytes());
    write(host, abi::STEPS_ADDR, &i64::MAX.to_le_bytes());
    let t = Instant::now();
    let r = host.call_generic(id, arr, 2).expect("runs");
    let secs = t.elapsed().as_secs_f64();
    let v = i64::from_le_bytes(host.heap().0[r as usize + 8..r as usize + 16].try_into().expect("8 bytes"));
    (v, secs)
}

fn main() {
    let mut host =
        WasmtimeHost::new(Session::new(runtime::Options::default()), Limits::default()).expect("host");
    let mut cx = TestCx::new();
    let ci = CodeInstanceId(0);
    let (body, sig) = fib(&mut cx.store, ci);
    cx.sigs.insert(ci, sig.clone());
    let fib_bytes = compile(&mut cx, &body, &sig, 0, "fib").expect("compiles");
    let (body, sig) = sum_loop(&mut cx.store);
    let sum_bytes = compile(&mut cx, &body, &sig, 0, "sum").expect("compiles");
    let min = |f: &mut dyn FnMut() -> f64| (0..7).map(|_| f()).fold(f64::INFINITY, f64::min);
    let wasm = min(&mut || run(&mut host, &fib_bytes, 30).1);
    let native = min(&mut || {
        let t = Instant::now();
        black_box(native_fib(black_box(30)));
        t.elapsed().as_secs_f64()
    });
    println!("fib(30): wasm {wasm:.4}s native {native:.4}s ratio {:.2} (best of 7)", wasm / native);
    assert_eq!(run(&mut host, &fib_bytes, 30).0, 832040);
    let wasm = min(&mut || run(&mut host, &sum_bytes, 100_000_000).1);
    let native = min(&mut || {
        let t = Instant::now();
        black_box(native_sum(black_box(100_000_000)));
        t.elapsed().as_secs_f64()
    });
    println!("sum(1e8): wasm {wasm:.4}s native {native:.4}s ratio {:.2} (best of 7)", wasm / native);
    assert_eq!(run(&mut host, &sum_bytes, 100_000_000).0, 5_000_000_050_000_000);
}
