//! End-to-end tests of the wasmtime host: codegen-emitted modules for hand-built bodies,
//! loaded, linked into the call table and run through their generic entries, with a test-only
//! `ImportHandler` standing in for the runtime.

#[path = "../../codegen/tests/common/mod.rs"]
mod common;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use codegen::{abi, trampoline, Signature};
use common::*;
use host_wasmtime::{Limits, WasmtimeHost};
use ir::{Body, Builtin, Operand};
use runtime::host::{Host, HostError, InstanceId, Trap};
use runtime::imports::ImportHandler;
use runtime::session::Session;
use types::{CodeInstanceId, Ty};

const STEP_EXC: u32 = 3000;
const CODE_EXC: u32 = 1000;
/// Where the inline caches of the modules a test runs go (`TestCx::cache_base`), zeroed.
const CACHES: u32 = abi::HEAP_START + 64 * 1024;
const CACHE_BYTES: u32 = 4096;

fn read_u32(host: &mut dyn Host, addr: u32) -> u32 {
    let (mem, _) = host.heap();
    let a = addr as usize;
    u32::from_le_bytes(mem[a..a + 4].try_into().expect("4 bytes"))
}

fn write_bytes(host: &mut dyn Host, addr: u32, bytes: &[u8]) {
    let (mem, _) = host.heap();
    mem[addr as usize..addr as usize + bytes.len()].copy_from_slice(bytes);
}

fn read_i64(host: &mut dyn Host, addr: u32) -> i64 {
    let (mem, _) = host.heap();
    let a = addr as usize;
    i64::from_le_bytes(mem[a..a + 8].try_into().expect("8 bytes"))
}

/// The test's allocator: bumps `HEAP_PTR`, growing memory as needed.
fn bump(host: &mut dyn Host, size: u32) -> Result<u32, Trap> {
    let p = read_u32(host, abi::HEAP_PTR_ADDR);
    let end = p + size.div_ceil(8) * 8;
    host.grow_heap(end as usize).map_err(|_| Trap::Thrown(abi::ErrorCode::DivideError as u32 + 500))?;
    write_bytes(host, abi::HEAP_PTR_ADDR, &end.to_le_bytes());
    let len = host.heap().0.len() as u32;
    write_bytes(host, abi::HEAP_LIMIT_ADDR, &len.to_le_bytes());
    Ok(p)
}

fn box_int(host: &mut dyn Host, x: i64) -> u32 {
    let p = bump(host, 16).expect("memory");
    write_bytes(host, p, &Ty::INT64.0.to_le_bytes());
    write_bytes(host, p + 4, &0u32.to_le_bytes());
    write_bytes(host, p + 8, &x.to_le_bytes());
    p
}

#[derive(Default)]
struct TestHandler {
    dynamic_calls: Cell<u32>,
    compiles: Cell<u32>,
    lazy_module: RefCell<Vec<u8>>,
    /// When set, `call_dynamic` fills the call site's inline cache with this table slot (of a
    /// generic entry) as its target.
    cache_target: Cell<Option<u32>>,
}

/// Fills the inline cache `cache` of a call of the `nargs` boxes at `args` with the current
/// epoch and the generic entry in table slot `entry` (`abi`, "Inline caches of dynamic calls").
fn fill_cache(host: &mut dyn Host, cache: u32, args: u32, nargs: u32, entry: u32) {
    for i in 0..nargs {
        let arg = read_u32(host, args + 4 * i);
        let key = if i == 0 { arg } else { read_u32(host, arg + abi::TAG_OFFSET) };
        write_bytes(host, cache + abi::CALL_CACHE_KEYS + 4 * i, &key.to_le_bytes());
    }
    write_bytes(host, cache + abi::CALL_CACHE_ENTRY, &entry.to_le_bytes());
    let epoch = read_u32(host, abi::CALL_EPOCH_ADDR);
    write_bytes(host, cache + abi::CALL_CACHE_EPOCH, &epoch.to_le_bytes());
}

impl ImportHandler for TestHandler {
    fn alloc(&self, host: &mut dyn Host, size: u32) -> Result<u32, Trap> {
        bump(host, size)
    }
    /// `f(x)` for any `f`: `2x + 1`.
    fn call_dynamic(
        &self,
        host: &mut dyn Host,
        args: u32,
        nargs: u32,
        _: u32,
        _: u32,
        cache: u32,
    ) -> Result<u32, Trap> {
        self.dynamic_calls.set(self.dynamic_calls.get() + 1);
        assert_eq!(nargs, 2);
        if let Some(entry) = self.cache_target.get() {
            fill_cache(host, cache, args, nargs, entry);
        }
        let x_box = read_u32(host, args + 4);
        let x = read_i64(host, x_box + 8);
        Ok(box_int(host, 2 * x + 1))
    }
    fn call_builtin(&self, _: &mut dyn Host, b: u32, _: u32, _: u32, _: u32, _: u32) -> Result<u32, Trap> {
        Err(Trap::Engine(format!("unexpected builtin {b}")))
    }
    fn throw(&self, _: &mut dyn Host, exception: u32, _: u32) -> Trap {
        Trap::Thrown(exception)
    }
    fn throw_code(&self, _: &mut dyn Host, code: u32, _: u32) -> Trap {
        Trap::Thrown(CODE_EXC + code)
    }
    fn throw_undef(&self, _: &mut dyn Host, name: u32, _: u32) -> Trap {
        Trap::Thrown(name)
    }
    fn throw_non_boolean(&self, _: &mut dyn Host, value: u32, _: u32) -> Trap {
        Trap::Thrown(value)
    }
    fn out_of_steps(&self, _: &mut dyn Host, _: u32) -> Trap {
        Trap::Thrown(STEP_EXC)
    }
    fn the_exception(&self, _: &mut dyn Host) -> Result<u32, Trap> {
        Err(Trap::Engine("no handler runs in these tests".into()))
    }
    fn math1(&self, _: u32, x: f64) -> f64 {
        x.sin()
    }
    fn math2(&self, _: u32, x: f64, y: f64) -> f64 {
        x.powf(y)
    }
    fn global_get(&self, _: &mut dyn Host, _: u32) -> Result<u32, Trap> {
        Ok(abi::TRUE_BOX_ADDR)
    }
    fn global_set(&self, _: &mut dyn Host, _: u32, _: u32) -> Result<(), Trap> {
        Ok(())
    }
    fn compile_slot(&self, host: &mut dyn Host, slot: u32) -> Result<(), Trap> {
        self.compiles.set(self.compiles.get() + 1);
        let bytes = self.lazy_module.borrow().clone();
        let id = host.load_module(&bytes).map_err(|e| Trap::Engine(format!("{e:?}")))?;
        host.set_slot(slot, id).map_err(|e| Trap::Engine(format!("{e:?}")))
    }
}

fn host_with(limits: Limits, steps: i64) -> (WasmtimeHost, Rc<TestHandler>) {
    let handler = Rc::new(TestHandler::default());
    let session = Session::new(runtime::Options::default());
    let mut host = WasmtimeHost::new(session, limits).expect("host").with_import_handler(handler.clone());
    // The shadow stack (abi, "Garbage collection") in the first 64 KiB of the heap, then the
    // inline caches (`CACHES`), then the objects.
    let heap = CACHES + CACHE_BYTES;
    write_bytes(&mut host, abi::SHADOW_SP_ADDR, &abi::HEAP_START.to_le_bytes());
    write_bytes(&mut host, abi::SHADOW_LIMIT_ADDR, &CACHES.to_le_bytes());
    write_bytes(&mut host, abi::CALL_EPOCH_ADDR, &abi::FIRST_CALL_EPOCH.to_le_bytes());
    write_bytes(&mut host, abi::HEAP_PTR_ADDR, &heap.to_le_bytes());
    write_bytes(&mut host, abi::HEAP_LIMIT_ADDR, &heap.to_le_bytes());
    write_bytes(&mut host, abi::STEPS_ADDR, &steps.to_le_bytes());
    // Calls write their sites to the call-site stack, past the first MiB (a test of a smaller
    // memory makes no call).
    let _ = host.grow_heap((abi::CALL_SITES_ADDR + abi::CALL_SITES_BYTES) as usize);
    (host, handler)
}

fn host() -> (WasmtimeHost, Rc<TestHandler>) {
    host_with(Limits::default(), i64::MAX)
}

fn load(host: &mut WasmtimeHost, cx: &mut TestCx, body: &Body, sig: &Signature, slot: u32) -> InstanceId {
    let bytes = compile_typed(cx, body, sig, slot, "f").expect("compiles");
    let id = host.load_module(&bytes).expect("loads");
    host.ensure_table_len(slot + 1).expect("table");
    host.set_slot(slot, id).expect("slot");
    id
}

/// Calls the generic entry on `f` (a dummy box: singletons are never read) and boxed ints.
fn call_ints(host: &mut WasmtimeHost, id: InstanceId, args: &[i64]) -> Result<u32, Trap> {
    let boxes: Vec<u32> = args.iter().map(|&x| box_int(host, x)).collect();
    let arr = bump(host, 4 * (boxes.len() as u32 + 1))?;
    for (i, b) in boxes.iter().enumerate() {
        write_bytes(host, arr + 4 * (i as u32 + 1), &b.to_le_bytes());
    }
    host.call_generic(id, arr, boxes.len() as u32 + 1)
}

fn int_result(host: &mut WasmtimeHost, r: Result<u32, Trap>) -> i64 {
    let p = r.expect("returns");
    assert_eq!(read_u32(host, p), Ty::INT64.0, "an Int64 box");
    read_i64(host, p + 8)
}

#[test]
fn fib_through_the_generic_entry() {
    let (mut host, _) = host();
    let mut cx = TestCx::new();
    let ci = CodeInstanceId(0);
    let (body, sig) = fib(&mut cx.store, ci);
    cx.sigs.insert(ci, sig.clone());
    let id = load(&mut host, &mut cx, &body, &sig, 0);
    let r = call_ints(&mut host, id, &[20]);
    assert_eq!(int_result(&mut host, r), 6765);
}

#[test]
fn fib_through_the_call_table() {
    let (mut host, _) = host();
    let mut cx = TestCx::new();
    let ci = CodeInstanceId(3);
    let (body, sig) = fib(&mut cx.store, ci);
    cx.sigs.insert(ci, sig.clone());
    // Compiled with another self slot, so its recursive calls go through slot 3.
    let id = load(&mut host, &mut cx, &body, &sig, 3);
    let r = call_ints(&mut host, id, &[15]);
    assert_eq!(int_result(&mut host, r), 610);
}

/// The sum loop is counted: one step on entering it and its n iterations, charged there.
#[test]
fn counted_loop_charges_its_iterations() {
    let budget = 1 << 40;
    for (n, charged) in [(100_000, 1 + 100_000), (0, 1), (-7, 1)] {
        let (mut host, _) = host_with(Limits::default(), budget);
        let mut cx = TestCx::new();
        let (body, sig) = sum_loop(&mut cx.store);
        let id = load(&mut host, &mut cx, &body, &sig, 0);
        let r = call_ints(&mut host, id, &[n]);
        assert_eq!(int_result(&mut host, r), n.max(0) * (n.max(0) + 1) / 2);
        assert_eq!(read_i64(&mut host, abi::STEPS_ADDR), budget - charged, "n = {n}");
    }
}

/// The sum loop to n costs 1 + n steps: a budget of exactly that runs it and leaves 0; one step
/// less runs out on entry and leaves the budget at -1, as any failed charge does.
#[test]
fn counted_loop_charge_is_exact_at_the_budget() {
    let n = 1000;
    for (budget, runs, left) in [(1 + n, true, 0), (n, false, -1)] {
        let (mut host, _) = host_with(Limits::default(), budget);
        let mut cx = TestCx::new();
        let (body, sig) = sum_loop(&mut cx.store);
        let id = load(&mut host, &mut cx, &body, &sig, 0);
        let r = call_ints(&mut host, id, &[n]);
        assert_eq!(r.is_ok(), runs, "budget {budget}: {r:?}");
        assert_eq!(read_i64(&mut host, abi::STEPS_ADDR), left, "budget {budget}");
    }
}

/// `i <= typemax(Int)` never fails: the loop cannot end, and runs out of steps on entry.
#[test]
fn counted_loop_to_typemax_runs_out_at_once() {
    let (mut host, _) = host_with(Limits::default(), 1 << 40);
    let mut cx = TestCx::new();
    let (body, sig) = sum_loop(&mut cx.store);
    let id = load(&mut host, &mut cx, &body, &sig, 0);
    assert_eq!(call_ints(&mut host, id, &[i64::MAX]), Err(Trap::Thrown(STEP_EXC)));
}

/// A loop that is not counted (it steps by 2) charges its header visits in whole batches.
#[test]
fn uncounted_loop_counts_steps_in_batches() {
    let (mut host, _) = host_with(Limits::default(), 1 << 40);
    let mut cx = TestCx::new();
    let (body, sig) = sum_loop_stepping(&mut cx.store, 2);
    let id = load(&mut host, &mut cx, &body, &sig, 0);
    let r = call_ints(&mut host, id, &[200_000]);
    assert_eq!(int_result(&mut host, r), 10_000_000_000);
    // One step at entry; the 100_001 loop-header visits are charged in whole batches.
    let batches = 100_001 / i64::from(abi::LOOP_STEP_BATCH);
    assert_eq!(
        read_i64(&mut host, abi::STEPS_ADDR),
        (1 << 40) - 1 - batches * i64::from(abi::LOOP_STEP_BATCH)
    );
}

#[test]
fn step_budget_runs_out() {
    let (mut host, _) = host_with(Limits::default(), 5000);
    let mut cx = TestCx::new();
    for (body, sig) in [sum_loop(&mut cx.store), sum_loop_stepping(&mut cx.store, 2)] {
        let id = load(&mut host, &mut cx, &body, &sig, 0);
        assert_eq!(call_ints(&mut host, id, &[1_000_000]), Err(Trap::Thrown(STEP_EXC)));
    }
}

#[test]
fn dynamic_call_round_trips_through_the_handler() {
    let (mut host, handler) = host();
    let mut cx = TestCx::new();
    let (body, sig) = dynamic_call(&mut cx.store);
    let id = load(&mut host, &mut cx, &body, &sig, 0);
    let r = call_ints(&mut host, id, &[21]);
    assert_eq!(int_result(&mut host, r), 43);
    assert_eq!(handler.dynamic_calls.get(), 1);
}

/// Once the handler has filled a call site's inline cache, the site calls the cached generic
/// entry inside wasm (`sum(n)` here, where the handler answers `2n + 1`); after the epoch moves
/// it asks the handler again.
#[test]
fn a_filled_inline_cache_is_called_without_the_handler() {
    let (mut host, handler) = host();
    let mut cx = TestCx::new();
    cx.cache_base = CACHES;
    let (body, sig) = sum_loop(&mut cx.store);
    let sum = load(&mut host, &mut cx, &body, &sig, 1);
    host.ensure_table_len(3).expect("table");
    host.set_generic_slot(2, sum).expect("generic slot");
    handler.cache_target.set(Some(2));
    let (body, sig) = dynamic_call(&mut cx.store);
    let id = load(&mut host, &mut cx, &body, &sig, 0);
    let r = call_ints(&mut host, id, &[21]);
    assert_eq!(int_result(&mut host, r), 43, "a miss: the handler answers and fills the cache");
    let r = call_ints(&mut host, id, &[10]);
    assert_eq!(int_result(&mut host, r), 55, "a hit: sum(10)");
    assert_eq!(handler.dynamic_calls.get(), 1);
    let epoch = read_u32(&mut host, abi::CALL_EPOCH_ADDR);
    write_bytes(&mut host, abi::CALL_EPOCH_ADDR, &(epoch + 1).to_le_bytes());
    let r = call_ints(&mut host, id, &[10]);
    assert_eq!(int_result(&mut host, r), 21, "a new epoch: a miss");
    let r = call_ints(&mut host, id, &[4]);
    assert_eq!(int_result(&mut host, r), 10, "filled again: sum(4)");
    assert_eq!(handler.dynamic_calls.get(), 2);
}

#[test]
fn module_cache_compiles_identical_bytes_once() {
    let (mut host, _) = host();
    let mut cx = TestCx::new();
    let (body, sig) = sum_loop(&mut cx.store);
    let bytes = compile_typed(&mut cx, &body, &sig, 0, "sum").expect("compiles");
    let a = host.load_module(&bytes).expect("loads");
    let b = host.load_module(&bytes).expect("loads");
    assert_ne!(a, b, "two instances");
    assert_eq!(host.compiled_modules(), 1);
    assert!(matches!(host.load_module(b"\0asm junk"), Err(HostError::InvalidModule(_))));
}

#[test]
fn deep_recursion_is_a_stack_overflow() {
    let (mut host, _) = host_with(Limits { max_wasm_stack: 256 << 10, ..Limits::default() }, i64::MAX);
    let mut cx = TestCx::new();
    let f = function_type(&mut cx.store, "r");
    let ci = CodeInstanceId(0);
    let mut b = Builder::new(&["n"]);
    let e = b.entry();
    let n1 = b.builtin(e, Builtin::AddInt, vec![b.arg(1), int(1)], ty(Ty::INT64));
    let r = b.invoke(e, ci, vec![b.arg(0), n1.into()], ty(Ty::INT64));
    b.ret(e, r.into());
    let sig = Signature { params: vec![f, Ty::INT64], ret: Ty::INT64 };
    cx.sigs.insert(ci, sig.clone());
    let id = load(&mut host, &mut cx, &b.body, &sig, 0);
    assert_eq!(call_ints(&mut host, id, &[0]), Err(Trap::StackOverflow));
    // The store is still usable afterwards.
    let (body, sig) = sum_loop(&mut cx.store);
    let id = load(&mut host, &mut cx, &body, &sig, 1);
    let r = call_ints(&mut host, id, &[10]);
    assert_eq!(int_result(&mut host, r), 55);
}

#[test]
fn memory_limit_is_out_of_memory() {
    let (mut host, _) = host_with(Limits { max_memory_bytes: 2 << 20, ..Limits::default() }, i64::MAX);
    assert_eq!(host.grow_heap(3 << 20), Err(HostError::OutOfMemory));
    assert_eq!(host.grow_heap(3 << 19), Ok(()));
    assert!(host.heap().0.len() >= 3 << 19);
}

#[test]
fn divide_error_unwinds_with_the_thrown_value() {
    let (mut host, _) = host();
    let mut cx = TestCx::new();
    let f = function_type(&mut cx.store, "d");
    let mut b = Builder::new(&["x"]);
    let e = b.entry();
    let q = b.builtin(e, Builtin::CheckedSdivInt, vec![int(100), b.arg(1)], ty(Ty::INT64));
    b.ret(e, q.into());
    let sig = Signature { params: vec![f, Ty::INT64], ret: Ty::INT64 };
    let id = load(&mut host, &mut cx, &b.body, &sig, 0);
    let r = call_ints(&mut host, id, &[7]);
    assert_eq!(int_result(&mut host, r), 14);
    let code = CODE_EXC + abi::ErrorCode::DivideError as u32;
    assert_eq!(call_ints(&mut host, id, &[0]), Err(Trap::Thrown(code)));
}

#[test]
fn bool_results_are_the_interned_boxes() {
    let (mut host, _) = host();
    let mut cx = TestCx::new();
    let f = function_type(&mut cx.store, "z");
    let mut b = Builder::new(&["x"]);
    let e = b.entry();
    let z = b.builtin(e, Builtin::EqInt, vec![b.arg(1), int(0)], ty(Ty::BOOL));
    b.ret(e, z.into());
    let sig = Signature { params: vec![f, Ty::INT64], ret: Ty::BOOL };
    let id = load(&mut host, &mut cx, &b.body, &sig, 0);
    assert_eq!(call_ints(&mut host, id, &[0]), Ok(abi::TRUE_BOX_ADDR));
    assert_eq!(call_ints(&mut host, id, &[5]), Ok(abi::FALSE_BOX_ADDR));
    assert_eq!(read_u32(&mut host, abi::TRUE_BOX_ADDR), Ty::BOOL.0);
    assert_eq!(read_u32(&mut host, abi::TRUE_BOX_ADDR + 8), 1);
}

#[test]
fn tuple_getfield_round_trip() {
    let (mut host, _) = host();
    let mut cx = TestCx::new();
    let pair = cx.store.tuple(vec![Ty::INT64, Ty::INT64]);
    let f = function_type(&mut cx.store, "t");
    let mut b = Builder::new(&["x"]);
    let e = b.entry();
    // (Constant fields would be fake boxes of `TestCx`; use computed values.)
    let x5 = b.builtin(e, Builtin::AddInt, vec![b.arg(1), int(-4)], ty(Ty::INT64));
    let t = b.builtin(e, Builtin::Tuple, vec![x5.into(), b.arg(1)], ty(pair));
    let y = b.builtin(e, Builtin::Getfield, vec![t.into(), int(2)], ty(Ty::INT64));
    let x = b.builtin(e, Builtin::Getfield, vec![t.into(), int(1)], ty(Ty::INT64));
    let s = b.builtin(e, Builtin::MulInt, vec![x.into(), y.into()], ty(Ty::INT64));
    b.ret(e, s.into());
    let sig = Signature { params: vec![f, Ty::INT64], ret: Ty::INT64 };
    let id = load(&mut host, &mut cx, &b.body, &sig, 0);
    let r = call_ints(&mut host, id, &[9]);
    assert_eq!(int_result(&mut host, r), 45);
}

#[test]
fn trampoline_compiles_on_first_call_only() {
    let (mut host, handler) = host();
    let mut cx = TestCx::new();
    let ci = CodeInstanceId(0);
    let (fib_body, fib_sig) = fib(&mut cx.store, ci);
    cx.sigs.insert(ci, fib_sig.clone());
    *handler.lazy_module.borrow_mut() =
        compile_typed(&mut cx, &fib_body, &fib_sig, 0, "fib").expect("compiles");
    host.ensure_table_len(2).expect("table");
    let tramp = host.load_module(&trampoline(&cx.store, &fib_sig, 0)).expect("loads");
    host.set_slot(0, tramp).expect("slot");
    // h(n) = fib(n), an invoke through slot 0.
    let h = function_type(&mut cx.store, "h");
    let mut b = Builder::new(&["n"]);
    let e = b.entry();
    let fib_fn = Operand::Const(types::ConstValue::Singleton(fib_sig.params[0]));
    let r = b.invoke(e, ci, vec![fib_fn, b.arg(1)], ty(Ty::INT64));
    b.ret(e, r.into());
    let sig = Signature { params: vec![h, Ty::INT64], ret: Ty::INT64 };
    let id = load(&mut host, &mut cx, &b.body, &sig, 1);
    let r = call_ints(&mut host, id, &[15]);
    assert_eq!(int_result(&mut host, r), 610);
    let r = call_ints(&mut host, id, &[10]);
    assert_eq!(int_result(&mut host, r), 55);
    assert_eq!(handler.compiles.get(), 1);
}

#[test]
fn nested_loops_with_a_diamond() {
    let (mut host, _) = host();
    let mut cx = TestCx::new();
    let (body, sig) = nested_loops(&mut cx.store);
    let id = load(&mut host, &mut cx, &body, &sig, 0);
    let expected = |n: i64| (0..n).flat_map(|i| (0..i).map(|j| if j % 2 == 1 { 3 } else { 1 })).sum::<i64>();
    for n in [0, 1, 2, 5, 40] {
        let r = call_ints(&mut host, id, &[n]);
        assert_eq!(int_result(&mut host, r), expected(n), "n = {n}");
    }
}
