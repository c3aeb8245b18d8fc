//! `invokelab bench --microbenchmarks`: the scalar kernels of JuliaLang/Microbenchmarks
//! (julia/perf.jl, the file test tests/files/lang/microbenchmarks.jl) against the same kernels
//! of its c/perf.c (benchmarks/microbenchmarks/perf.c), compiled here with `cc -O2`, in one
//! run; the ratios print beside the ones Julia's published timings give (the repository's
//! dev/benchmarks.csv, Julia / C).

use std::process::Command;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use runtime::{EngineKind, Options};

const PERF_C: &str = include_str!("../../../benchmarks/microbenchmarks/perf.c");

/// perf.jl's kernels as they are: the file test that runs them (its `Test.@test`s pass as it
/// loads), then one driver per benchmark timing what perf.c times.
const PERF_JL: &str = include_str!("../../../tests/files/lang/microbenchmarks.jl");
const DRIVERS: &str = r#"
function fib1000()
    s = 0
    for k in 1:1000
        s += fib(20)
    end
    s
end
# The result goes to a global, so the optimizer cannot drop the work.
sink = nothing
@noinline function bench(f)
    t0 = time_ns()
    r = f()
    t = time_ns() - t0
    global sink = r
    return t
end
function best(f, n)
    t = typemax(UInt64)
    for _ in 1:n
        t = min(t, bench(f))
    end
    t
end
"#;

/// (perf.c's name, the Julia driver, Julia's published ratio to C).
const BENCHMARKS: [(&str, &str, f64); 5] = [
    ("fib", "fib1000", 2.99),
    ("parse_integers", "() -> parseintperf(1000)", 1.14),
    ("mandelbrot", "mandelperf", 0.94),
    ("quicksort", "() -> sortperf(5000)", 1.04),
    ("pi_sum", "pisum", 1.00),
];

/// Runs perf.c's benchmarks: nanoseconds per benchmark, by name.
fn run_c(binary: &std::path::Path) -> Result<Vec<(String, f64)>> {
    let out = Command::new(binary).output().context("running perf.c")?;
    if !out.status.success() {
        bail!("perf.c failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_once(' ').and_then(|(n, t)| Some((n.to_string(), t.trim().parse().ok()?))))
        .collect())
}

pub fn measure(quick: bool) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("invokelab-perf-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let source = dir.join("perf.c");
    let binary = dir.join("perf");
    std::fs::write(&source, PERF_C)?;
    let cc = Command::new("cc").args(["-O2", "-o"]).arg(&binary).arg(&source).arg("-lm").status();
    match cc {
        Ok(status) if status.success() => {}
        _ => {
            bail!("`cc -O2` could not compile benchmarks/microbenchmarks/perf.c (is a C compiler installed?)")
        }
    }
    let first = run_c(&binary)?;
    let options = Options { engine: EngineKind::Wasm, step_budget: 0, ..Options::default() };
    let mut host = host_wasmtime::start(options).map_err(|e| anyhow::anyhow!("wasmtime: {e:?}"))?;
    let out = runtime::run_program(&mut host, "perf.jl", &format!("{PERF_JL}\n{DRIVERS}"));
    if !out.success {
        bail!("perf.jl failed: {}", out.stderr);
    }
    let reps = if quick { 2 } else { 5 };
    let mut engine = Vec::new();
    for (_, driver, _) in BENCHMARKS {
        let out = runtime::run_program(&mut host, "time.jl", &format!("println(best({driver}, {reps}))"));
        if !out.success {
            bail!("{driver} failed: {}", out.stderr);
        }
        engine.push(Duration::from_nanos(out.stdout.trim().parse().unwrap_or(0)));
    }
    let second = run_c(&binary)?;
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "{:<16} {:>12} {:>12} {:>8} {:>14}",
        "Microbenchmarks", "C (cc -O2)", "invokelab", "ratio", "Julia's ratio"
    );
    for ((name, _, julia), t) in BENCHMARKS.iter().zip(engine) {
        let c = first
            .iter()
            .chain(&second)
            .filter(|(n, _)| n == name)
            .map(|(_, t)| *t)
            .fold(f64::INFINITY, f64::min);
        let ours = t.as_nanos() as f64;
        println!(
            "{:<16} {:>10.1}µs {:>10.1}µs {:>7.2}x {:>13.2}x",
            name,
            c / 1000.0,
            ours / 1000.0,
            ours / c,
            julia
        );
    }
    Ok(())
}
