//! `invokelab bench`: ratios measured in one run (the machines are shared and noisy, so only
//! ratios of timings taken side by side mean anything).
//!
//! A kernel runs on the engine in a session that stays open: a first program defines it and
//! calls it once (compiling it), then each timed call is a one-line program, `time_one()`, that
//! times one kernel call with `time_ns()` inside the generated code, so parsing, inference,
//! optimization and compilation are not counted. Native calls, calls with the step budget and
//! calls without it alternate one by one `SAMPLES` times and each keeps its fastest: the
//! machine's speed drifts over seconds (it runs the same code 1.5-2x slower for a while), and
//! alternation puts all three through the same drifts.

use std::hint::black_box;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use runtime::{EngineKind, Options};

/// Calls timed per kernel and way of running it (alternating).
const SAMPLES: usize = 40;
/// Calls timed on the interpreter (it is 100-500x slower; after the others).
const INTERP_REPS: usize = 2;
/// The step budget of the metered sessions: large enough for every sample (the sum loop
/// charges 10^8 steps per call); the generated code is the same for any budget.
const BENCH_STEP_BUDGET: i64 = 1 << 60;

/// A Rust implementation of a kernel, returning what the Julia program prints.
type Native = fn() -> String;

struct Kernel {
    name: &'static str,
    /// Julia source defining `kernel()`; the harness appends the calls.
    source: String,
    /// Also what the engine must print.
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
    while i <= n {
        s = s.wrapping_add(i);
        opaque(&mut s);
        i += 1;
    }
    s
}

/// Makes LLVM forget what it knows of `x` without an instruction: the sum loop would otherwise
/// be computed in closed form. (`black_box` would put `x` in memory every iteration: store
/// forwarding then makes the loop 1x or 2x slower depending on where the stack is.)
#[inline(always)]
#[allow(unsafe_code)]
fn opaque(x: &mut i64) {
    // SAFETY: the template is empty: no instruction runs, no memory or flags are touched; the
    // only effect is that the compiler assumes `x`'s register may have changed.
    unsafe { std::arch::asm!("/* {0} */", inout(reg) * x, options(nomem, nostack, preserves_flags)) };
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

/// Ten passes of `for x in v; s += x; end` over a vector holding `1:n`, made once (as the
/// Julia kernel's global `V`).
fn vector_sum(n: i64) -> i64 {
    static V: std::sync::OnceLock<Vec<i64>> = std::sync::OnceLock::new();
    let v = black_box(V.get_or_init(|| (1..=n).collect()));
    let mut s = 0i64;
    for _ in 0..10 {
        for &x in v {
            s = s.wrapping_add(x);
        }
    }
    s
}

fn kernels() -> Vec<Kernel> {
    vec![
        Kernel {
            name: "fib(30)",
            source: "fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)\nkernel() = fib(30)\n".to_string(),
            native: || fib(black_box(30)).to_string(),
            other_native: Some(("vs Rust, both calls", || fib_calls(black_box(30)).to_string())),
        },
        Kernel {
            name: "sum loop to 10^8",
            source: "function kernel()\n    s = 0\n    i = 1\n    while i <= 100000000\n        s += i\n        i += 1\n    end\n    s\nend\n".to_string(),
            native: || sum_loop(black_box(100_000_000)).to_string(),
            other_native: None,
        },
        Kernel {
            name: "mandelbrot 200x200",
            source: "function kernel()\n    size = 200\n    inside = 0\n    for py in 0:size-1\n        for px in 0:size-1\n            cr = 2.5 * px / size - 2.0\n            ci = 2.0 * py / size - 1.0\n            zr = 0.0\n            zi = 0.0\n            k = 0\n            while k < 200 && zr * zr + zi * zi <= 4.0\n                t = zr * zr - zi * zi + cr\n                zi = 2.0 * zr * zi + ci\n                zr = t\n                k += 1\n            end\n            if k == 200\n                inside += 1\n            end\n        end\n    end\n    inside\nend\n".to_string(),
            native: || mandelbrot(black_box(200), 200).to_string(),
            other_native: None,
        },
        Kernel {
            name: "vector sum 10x10^6",
            source: "function make_v(n)\n    v = Int[]\n    for i in 1:n\n        push!(v, i)\n    end\n    v\nend\nfunction vsum(v)\n    s = 0\n    for k in 1:10\n        for x in v\n            s += x\n        end\n    end\n    s\nend\nV = make_v(1000000)\nkernel() = vsum(V)\n".to_string(),
            native: || vector_sum(black_box(1_000_000)).to_string(),
            other_native: None,
        },
    ]
}

/// The kernel's source plus a driver that calls it once, then times `reps` calls one by one
/// with `time_ns()` and prints the result and the nanoseconds of the fastest call: the
/// interpreter's measurement, in one program (see `Live::start` for the `@noinline`).
fn program(kernel: &Kernel, reps: usize) -> String {
    format!(
        "{}\n@noinline run_kernel() = kernel()\nfunction timed(n)\n    r = run_kernel()\n    best = time_ns()\n    for i in 1:n\n        t0 = time_ns()\n        r = run_kernel()\n        t = time_ns() - t0\n        if i == 1 || t < best\n            best = t\n        end\n    end\n    println(r)\n    println(best)\nend\ntimed({reps})\n",
        kernel.source
    )
}

/// Time of the fastest of `reps` kernel calls on the interpreter, measured by the program
/// itself after a warm-up call.
fn interp_time(kernel: &Kernel, reps: usize) -> Result<Duration> {
    let options =
        Options { engine: EngineKind::Interp, step_budget: BENCH_STEP_BUDGET, ..Options::default() };
    let out = host_wasmtime::run(options, "bench.jl", &program(kernel, reps));
    if !out.success {
        bail!("{} failed: {}", kernel.name, out.stderr);
    }
    let mut lines = out.stdout.lines();
    check_result(kernel, lines.next().unwrap_or(""), &(kernel.native)())?;
    let ns: u64 = lines.next().and_then(|l| l.trim().parse().ok()).unwrap_or(0);
    Ok(Duration::from_nanos(ns))
}

/// The engine must print what the native kernel returns (when it has one).
fn check_result(kernel: &Kernel, result: &str, expected: &str) -> Result<()> {
    if !expected.is_empty() && result != expected {
        bail!("{} printed {result}, expected {expected}", kernel.name);
    }
    Ok(())
}

/// A kernel compiled in an open wasm session; `time_one` times one call of it.
struct Live<'k> {
    kernel: &'k Kernel,
    /// What the native kernel returns.
    expected: String,
    host: host_wasmtime::WasmtimeHost,
}

impl<'k> Live<'k> {
    /// Defines the kernel and a driver that times one call of it through a `@noinline`
    /// function, as the native side calls a function (inlined into the driver, a kernel's loop
    /// would share registers with values live across the timer's calls: Cranelift then keeps
    /// the sum loop's accumulator on the stack, 2x), and calls it once (compiling it).
    /// `step_budget` 0 runs without step counting.
    fn start(kernel: &'k Kernel, step_budget: i64) -> Result<Live<'k>> {
        let options = Options { engine: EngineKind::Wasm, step_budget, ..Options::default() };
        let host = host_wasmtime::start(options).map_err(|e| anyhow::anyhow!("wasmtime: {e:?}"))?;
        let mut live = Live { kernel, expected: (kernel.native)(), host };
        let source = format!(
            "{}\n@noinline run_kernel() = kernel()\nfunction time_one()\n    t0 = time_ns()\n    r = run_kernel()\n    t = time_ns() - t0\n    println(r, \" \", t)\nend\n",
            kernel.source
        );
        live.run("bench.jl", &source)?;
        live.time_one()?;
        Ok(live)
    }

    fn run(&mut self, file: &str, source: &str) -> Result<String> {
        let out = runtime::run_program(&mut self.host, file, source);
        if !out.success {
            bail!("{} failed: {}", self.kernel.name, out.stderr);
        }
        Ok(out.stdout)
    }

    /// One kernel call, timed inside the generated code.
    fn time_one(&mut self) -> Result<Duration> {
        let out = self.run("time_one.jl", "time_one()")?;
        let (result, ns) = out.trim_end().rsplit_once(' ').unwrap_or(("", ""));
        check_result(self.kernel, result, &self.expected)?;
        Ok(Duration::from_nanos(ns.parse().unwrap_or(0)))
    }
}

/// One call of `native`.
fn native_once(native: Native) -> Duration {
    let t0 = Instant::now();
    black_box(native());
    t0.elapsed()
}

/// Sizes of the scale section's programs (functions), quick and full.
const SCALE_QUICK: (usize, usize) = (30, 300);
const SCALE_FULL: (usize, usize) = (1000, 10000);

/// Which part of the benchmarks runs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Section {
    /// The kernels, the invoke loop, dynamic calls, the front half, the allocation loops and
    /// the scale section.
    All,
    /// The invoke loop and dynamic calls against static ones.
    Calls,
    Alloc,
    Scale,
}

/// Runs the benchmarks of `section`.
pub fn run(quick: bool, section: Section) -> Result<()> {
    let (small, large) = if quick { SCALE_QUICK } else { SCALE_FULL };
    let samples = if quick { 3 } else { SAMPLES };
    // Wasm frames and host frames interleave: the sessions need a large stack.
    runtime::on_big_stack(move || match section {
        Section::Calls => {
            invoke_vs_direct(samples)?;
            dynamic_vs_static(samples)?;
            try_vs_plain(samples)
        }
        Section::Alloc => crate::alloc::measure(quick),
        Section::Scale => crate::scale::measure(small, large),
        Section::All => {
            measure(quick)?;
            crate::alloc::measure(quick)?;
            crate::scale::measure(small, large)
        }
    })
}

fn measure(quick: bool) -> Result<()> {
    println!(
        "{:<22} {:>9} {:>9} {:>7} {:>9} {:>7} {:>10} {:>11}",
        "kernel", "native", "wasm", "ratio", "no steps", "ratio", "interp", "interp/wasm"
    );
    let samples = if quick { 3 } else { SAMPLES };
    for kernel in kernels() {
        let mut metered = Live::start(&kernel, BENCH_STEP_BUDGET)?;
        let mut free = Live::start(&kernel, 0)?;
        let max = Duration::MAX;
        let (mut native, mut other, mut wasm, mut unmetered) = (max, max, max, max);
        for _ in 0..samples {
            native = native.min(native_once(kernel.native));
            if let Some((_, f)) = kernel.other_native {
                other = other.min(native_once(f));
            }
            wasm = wasm.min(metered.time_one()?);
            unmetered = unmetered.min(free.time_one()?);
        }
        // The interpreter would take minutes on the loops of 10^7 and more.
        let interp = if quick || kernel.name.starts_with("sum") || kernel.name.starts_with("vector") {
            None
        } else {
            Some(interp_time(&kernel, INTERP_REPS)?)
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
    invoke_vs_direct(samples)?;
    dynamic_vs_static(samples)?;
    try_vs_plain(samples)?;
    front_half()?;
    Ok(())
}

const MYSIN: &str = "mysin(x::Float64) = sin(x)\nconst mysin_ci = code_instance(mysin, Float64)\n";

/// A loop calling `invoke(mysin, mysin_ci, x)` against the same loop calling `mysin(x)` (PR
/// #60442 took the former from 24.9 ns and 2 allocations to Julia's direct-call speed), calls
/// alternating.
fn invoke_vs_direct(samples: usize) -> Result<()> {
    let kernel = |call: &str| {
        Kernel {
        name: "invoke loop",
        source: format!(
            "{MYSIN}function kernel()\n    s = 0.0\n    x = 0.0\n    while x < 3000000.0\n        s += {call}\n        x += 1.0\n    end\n    s\nend\n"
        ),
        native: String::new,
        other_native: None,
    }
    };
    let (i, d) = alternate(&kernel("invoke(mysin, mysin_ci, x)"), &kernel("mysin(x)"), samples.min(10))?;
    println!(
        "invoke(mysin, mysin_ci, x) loop {:.2?} vs mysin(x) loop {:.2?}: ratio {:.3}",
        i,
        d,
        i.as_secs_f64() / d.as_secs_f64().max(1e-9)
    );
    Ok(())
}

/// The fastest of `samples` timed calls of two kernels, each in its own open session, calls
/// alternating.
fn alternate(a: &Kernel, b: &Kernel, samples: usize) -> Result<(Duration, Duration)> {
    let (mut a_live, mut b_live) = (Live::start(a, BENCH_STEP_BUDGET)?, Live::start(b, BENCH_STEP_BUDGET)?);
    let (mut ta, mut tb) = (Duration::MAX, Duration::MAX);
    for _ in 0..samples {
        ta = ta.min(a_live.time_one()?);
        tb = tb.min(b_live.time_one()?);
    }
    Ok((ta, tb))
}

/// A loop whose calls dispatch at run time (`s` is `Any` behind `Base.inferencebarrier`) against
/// the same loop calling the same `@noinline` method statically: what a dynamic call costs over
/// a direct one (Julia's ratio, a method-cache hit and one box, is ~10-20x). Calls alternate.
fn dynamic_vs_static(samples: usize) -> Result<()> {
    let kernel = |init: &str| {
        Kernel {
        name: "dynamic calls",
        source: format!(
            "@noinline step(x::Int64) = x + 1\nfunction kernel()\n    s = {init}\n    for i in 1:1000000\n        s = step(s)\n    end\n    s\nend\n"
        ),
        native: || "1000000".to_string(),
        other_native: None,
    }
    };
    let (d, s) = alternate(&kernel("Base.inferencebarrier(0)"), &kernel("0"), samples.min(10))?;
    println!(
        "dynamic call {:.1} ns vs static @noinline call {:.1} ns (10^6 calls): ratio {:.1}x",
        d.as_secs_f64() * 1e3,
        s.as_secs_f64() * 1e3,
        d.as_secs_f64() / s.as_secs_f64().max(1e-12)
    );
    Ok(())
}

/// A loop whose body is a `try` around a `@noinline` call that never throws, against the same
/// loop without the `try`: what a handler costs on a hot path (`codegen::abi`, "Exceptions":
/// a `try_table` per block of the `try`, and the `enter`'s three loads each iteration).
fn try_vs_plain(samples: usize) -> Result<()> {
    let kernel = |body: &str| {
        Kernel {
        name: "try loop",
        source: format!(
            "@noinline step(x::Int64) = x + 1\nfunction kernel()\n    s = 0\n    for i in 1:1000000\n{body}    end\n    s\nend\n"
        ),
        native: || "1000000".to_string(),
        other_native: None,
    }
    };
    let guarded = "        try\n            s = step(s)\n        catch\n            s = -1\n        end\n";
    let (t, p) = alternate(&kernel(guarded), &kernel("        s = step(s)\n"), samples.min(10))?;
    println!(
        "try around a call {:.2} ns vs the bare call {:.2} ns per iteration (10^6): ratio {:.2}x",
        t.as_secs_f64() * 1e3,
        p.as_secs_f64() * 1e3,
        t.as_secs_f64() / p.as_secs_f64().max(1e-12)
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
