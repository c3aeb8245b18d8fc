//! `invokelab bench`: ratios measured in one run (the machines are shared and noisy, so only
//! ratios of timings taken side by side mean anything).
//!
//! A kernel's time on an engine is measured by the program itself: it calls the kernel once
//! (compiling it), then times `REPS` calls with `time_ns()` one by one and reports the fastest,
//! so parsing, inference, optimization and compilation are not counted, and a call slowed down
//! by another process on the machine does not count either. Native times are the fastest of
//! `REPS` calls too. The machine's speed drifts over seconds, so native and engine timings
//! alternate in `ROUNDS` rounds and each keeps its fastest round.

use std::hint::black_box;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use runtime::{EngineKind, Options};

const REPS: usize = 7;
const ROUNDS: usize = 5;
/// Calls timed on the interpreter (it is 100-500x slower; one round).
const INTERP_REPS: usize = 2;

/// A Rust implementation of a kernel, returning what the Julia program prints.
type Native = fn() -> String;

struct Kernel {
    name: &'static str,
    /// Julia source defining `kernel()`; the harness appends the calls.
    source: String,
    expected: &'static str,
    native: Native,
    /// A second Rust baseline, printed on its own line against the same engine times: what it
    /// is and the function.
    other_native: Option<(&'static str, Native)>,
}

fn fib(n: i64) -> i64 {
    if n < 2 {
        n
    } else {
        fib(n - 1) + fib(n - 2)
    }
}

/// `fib` with both recursive calls kept as calls, as in the compiled Julia code: LLVM turns the
/// second call of `fib` into a loop (tail recursion modulo the `+` accumulator), which removes
/// half of the calls. An indirect call through an opaque function pointer (predicted, so as cheap
/// as a direct call) is not turned into a loop.
fn fib_calls(n: i64) -> i64 {
    if n < 2 {
        n
    } else {
        let again: fn(i64) -> i64 = black_box(fib_calls);
        fib_calls(n - 1) + again(n - 2)
    }
}

fn sum_loop(n: i64) -> i64 {
    let mut s = 0i64;
    let mut i = 1i64;
    while i <= black_box(n) {
        s = s.wrapping_add(i);
        i += 1;
    }
    s
}

fn mandelbrot(size: i64, iters: i64) -> i64 {
    let mut inside = 0;
    for py in 0..size {
        for px in 0..size {
            let cr = 2.5 * px as f64 / size as f64 - 2.0;
            let ci = 2.0 * py as f64 / size as f64 - 1.0;
            let (mut zr, mut zi, mut k) = (0.0f64, 0.0f64, 0);
            while k < iters && zr * zr + zi * zi <= 4.0 {
                let t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                k += 1;
            }
            if k == iters {
                inside += 1;
            }
        }
    }
    inside
}

fn kernels(quick: bool) -> Vec<Kernel> {
    let _ = quick;
    vec![
        Kernel {
            name: "fib(30)",
            source: "fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)\nkernel() = fib(30)\n".to_string(),
            expected: "832040",
            native: || fib(black_box(30)).to_string(),
            other_native: Some(("vs Rust, both calls", || fib_calls(black_box(30)).to_string())),
        },
        Kernel {
            name: "sum loop to 10^8",
            source: "function kernel()\n    s = 0\n    i = 1\n    while i <= 100000000\n        s += i\n        i += 1\n    end\n    s\nend\n".to_string(),
            expected: "5000000050000000",
            native: || sum_loop(black_box(100_000_000)).to_string(),
            other_native: None,
        },
        Kernel {
            name: "mandelbrot 200x200",
            source: "function kernel()\n    size = 200\n    inside = 0\n    for py in 0:size-1\n        for px in 0:size-1\n            cr = 2.5 * px / size - 2.0\n            ci = 2.0 * py / size - 1.0\n            zr = 0.0\n            zi = 0.0\n            k = 0\n            while k < 200 && zr * zr + zi * zi <= 4.0\n                t = zr * zr - zi * zi + cr\n                zi = 2.0 * zr * zi + ci\n                zr = t\n                k += 1\n            end\n            if k == 200\n                inside += 1\n            end\n        end\n    end\n    inside\nend\n".to_string(),
            expected: "",
            native: || mandelbrot(black_box(200), 200).to_string(),
            other_native: None,
        },
    ]
}

/// The kernel's source plus a driver that calls it once to compile it, then times `reps` calls
/// one by one with `time_ns()` inside the same run and prints the result and the nanoseconds of
/// the fastest call. The driver calls the kernel through a `@noinline` function, as the native
/// side calls a function: inlined into the timing loop, a kernel's loop would share registers
/// with values live across the timer's calls (Cranelift then keeps the sum loop's accumulator
/// on the stack, 2x).
fn program(kernel: &Kernel, reps: usize) -> String {
    format!(
        "{}\n@noinline run_kernel() = kernel()\nfunction timed(n)\n    r = run_kernel()\n    best = time_ns()\n    for i in 1:n\n        t0 = time_ns()\n        r = run_kernel()\n        t = time_ns() - t0\n        if i == 1 || t < best\n            best = t\n        end\n    end\n    println(r)\n    println(best)\nend\ntimed({reps})\n",
        kernel.source
    )
}

/// Time of the fastest of `reps` kernel calls on `engine`, measured by the program itself after
/// a warm-up call (so parsing, inference and compilation are not counted); `step_budget` 0 runs
/// without step counting.
fn engine_time(kernel: &Kernel, engine: EngineKind, step_budget: i64, reps: usize) -> Result<Duration> {
    let options = Options { engine, step_budget, ..Options::default() };
    let out = host_wasmtime::run(options, "bench.jl", &program(kernel, reps));
    if !out.success {
        bail!("{} failed: {}", kernel.name, out.stderr);
    }
    let mut lines = out.stdout.lines();
    let result = lines.next().unwrap_or("");
    if !kernel.expected.is_empty() && result != kernel.expected {
        bail!("{} printed {result}, expected {}", kernel.name, kernel.expected);
    }
    let ns: u64 = lines.next().and_then(|l| l.trim().parse().ok()).unwrap_or(0);
    Ok(Duration::from_nanos(ns))
}

/// The fastest of `REPS` calls of `native`.
fn native_time(native: Native) -> Duration {
    (0..REPS)
        .map(|_| {
            let t0 = Instant::now();
            black_box(native());
            t0.elapsed()
        })
        .min()
        .unwrap_or_default()
}

pub fn run(quick: bool) -> Result<()> {
    let budget = Options::default().step_budget;
    println!(
        "{:<22} {:>9} {:>9} {:>7} {:>9} {:>7} {:>10} {:>11}",
        "kernel", "native", "wasm", "ratio", "no steps", "ratio", "interp", "interp/wasm"
    );
    let rounds = if quick { 1 } else { ROUNDS };
    for kernel in kernels(quick) {
        let max = Duration::MAX;
        let (mut native, mut other, mut wasm, mut unmetered) = (max, max, max, max);
        for _ in 0..rounds {
            native = native.min(native_time(kernel.native));
            if let Some((_, f)) = kernel.other_native {
                other = other.min(native_time(f));
            }
            wasm = wasm.min(engine_time(&kernel, EngineKind::Wasm, budget, REPS)?);
            unmetered = unmetered.min(engine_time(&kernel, EngineKind::Wasm, 0, REPS)?);
        }
        let interp = if quick || kernel.name.starts_with("sum") {
            None
        } else {
            Some(engine_time(&kernel, EngineKind::Interp, budget, INTERP_REPS)?)
        };
        let ratio = |t: Duration| t.as_secs_f64() / native.as_secs_f64().max(1e-9);
        let interp_text = match interp {
            Some(i) => format!("{:>10.2?} {:>10.1}x", i, i.as_secs_f64() / wasm.as_secs_f64().max(1e-9)),
            None => format!("{:>10} {:>11}", "-", "-"),
        };
        println!(
            "{:<22} {:>9.2?} {:>9.2?} {:>6.2}x {:>9.2?} {:>6.2}x {interp_text}",
            kernel.name,
            native,
            wasm,
            ratio(wasm),
            unmetered,
            ratio(unmetered)
        );
        if let Some((name, _)) = kernel.other_native {
            let ratio = |t: Duration| t.as_secs_f64() / other.as_secs_f64().max(1e-9);
            println!(
                "{:<22} {:>9.2?} {:>9} {:>6.2}x {:>9} {:>6.2}x",
                format!("  {name}"),
                other,
                "",
                ratio(wasm),
                "",
                ratio(unmetered)
            );
        }
    }
    invoke_vs_direct()?;
    front_half()?;
    Ok(())
}

const MYSIN: &str = "mysin(x::Float64) = sin(x)\nconst mysin_ci = code_instance(mysin, Float64)\n";

/// A loop calling `invoke(mysin, mysin_ci, x)` against the same loop calling `mysin(x)` (PR
/// #60442 took the former from 24.9 ns and 2 allocations to Julia's direct-call speed).
fn invoke_vs_direct() -> Result<()> {
    let kernel = |call: &str| {
        format!(
            "{MYSIN}function kernel()\n    s = 0.0\n    x = 0.0\n    while x < 3000000.0\n        s += {call}\n        x += 1.0\n    end\n    s\nend\n"
        )
    };
    let via_invoke = kernel("invoke(mysin, mysin_ci, x)");
    let direct = kernel("mysin(x)");
    let time = |source: &str| -> Result<Duration> {
        let k = Kernel {
            name: "invoke loop",
            source: source.to_string(),
            expected: "",
            native: String::new,
            other_native: None,
        };
        engine_time(&k, EngineKind::Wasm, Options::default().step_budget, REPS)
    };
    let (i, d) = (time(&via_invoke)?, time(&direct)?);
    println!(
        "invoke(mysin, mysin_ci, x) loop {:.2?} vs mysin(x) loop {:.2?}: ratio {:.3}",
        i,
        d,
        i.as_secs_f64() / d.as_secs_f64().max(1e-9)
    );
    Ok(())
}

/// Our own front half (inference + optimization + codegen) against the engine's compile of the
/// modules it emitted, over a whole example program.
fn front_half() -> Result<()> {
    let source = include_str!("../../../static/examples/dispatch_shapes.jl");
    let output = host_wasmtime::run(Options::default(), "dispatch_shapes.jl", source);
    let stats = output.stats;
    if !output.success {
        bail!("dispatch_shapes.jl failed: {}", output.stderr);
    }
    let front = stats.infer_ns + stats.optimize_ns + stats.codegen_ns;
    let modules = stats.modules.max(1);
    println!(
        "front half per CodeInstance {:.1} µs (infer {:.1} + optimize {:.1} + codegen {:.1}); engine compile+instantiate {:.1} µs; ratio {:.2}",
        front as f64 / modules as f64 / 1e3,
        stats.infer_ns as f64 / modules as f64 / 1e3,
        stats.optimize_ns as f64 / modules as f64 / 1e3,
        stats.codegen_ns as f64 / modules as f64 / 1e3,
        stats.instantiate_ns as f64 / modules as f64 / 1e3,
        front as f64 / stats.instantiate_ns.max(1) as f64
    );
    Ok(())
}
