//! `invokelab bench`'s scale section: generated programs of many one-line functions, run whole
//! (parse to output) at two sizes in the same run, so that the ratio shows whether any step
//! grows faster than the number of functions. It does not time single stages in isolation;
//! the per-stage split of the larger run is the runtime's own `Stats`.

use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use runtime::Options;

/// The program shapes: how functions are defined and called.
#[derive(Clone, Copy)]
pub enum Shape {
    /// `f_i(x) = x + i` for every i, all called once from `main()`, which prints the sum.
    ManyCalls,
    /// `f_i(x) = f_{i+1}(x) + 1`: one call chain through every function.
    Chain,
    /// `f_i(x) = x + i; println(f_i(1))`: definitions interleaved with top-level calls, so each
    /// call runs in a newer world than the last.
    Interleaved,
}

impl Shape {
    pub const ALL: [Shape; 3] = [Shape::ManyCalls, Shape::Chain, Shape::Interleaved];

    fn name(self) -> &'static str {
        match self {
            Shape::ManyCalls => "many calls from main",
            Shape::Chain => "call chain",
            Shape::Interleaved => "define, call, repeat",
        }
    }
}

/// The program of `n` functions of `shape`, and the last line it must print.
pub fn program(shape: Shape, n: usize) -> (String, String) {
    let mut src = String::new();
    match shape {
        Shape::ManyCalls => {
            for i in 0..n {
                src += &format!("f_{i}(x) = x + {i}\n");
            }
            src += "function main()\n    s = 0\n";
            for i in 0..n {
                src += &format!("    s += f_{i}(1)\n");
            }
            src += "    println(s)\nend\nmain()\n";
            (src, (n + n * n.saturating_sub(1) / 2).to_string())
        }
        Shape::Chain => {
            for i in 0..n {
                src += &format!("f_{i}(x) = f_{}(x) + 1\n", i + 1);
            }
            src += &format!("f_{n}(x) = x\nprintln(f_0(0))\n");
            (src, n.to_string())
        }
        Shape::Interleaved => {
            for i in 0..n {
                src += &format!("f_{i}(x) = x + {i}\nprintln(f_{i}(1))\n");
            }
            (src, n.to_string())
        }
    }
}

/// The process's CPU time so far (user and system, from `/proc/self/stat`; `None` elsewhere).
/// On a shared machine a run's wall time includes waiting for a core; its CPU time does not.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name (which may contain spaces) start with the state;
    // utime and stime are the 14th and 15th fields, in USER_HZ (100 per second on Linux).
    let after_name = stat.rsplit_once(") ")?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// One run's times: wall clock, CPU (or wall where the CPU time is unknown), and the
/// runtime's per-stage split.
struct Timing {
    wall: Duration,
    cpu: Duration,
    stats: runtime::session::Stats,
}

/// Runs `program(shape, n)` once and checks its last line.
fn run_once(shape: Shape, n: usize) -> Result<Timing> {
    let (source, last) = program(shape, n);
    let (t0, cpu0) = (Instant::now(), cpu_time());
    let out = host_wasmtime::run(Options::default(), "scale.jl", &source);
    let wall = t0.elapsed();
    let cpu = match (cpu0, cpu_time()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => wall,
    };
    if !out.success {
        bail!("{} ({n}) failed: {}", shape.name(), out.stderr.lines().next().unwrap_or(""));
    }
    if out.stdout.lines().last() != Some(last.as_str()) {
        bail!("{} ({n}) printed {:?} last, expected {last}", shape.name(), out.stdout.lines().last());
    }
    Ok(Timing { wall, cpu, stats: out.stats })
}

/// Each shape at `small` and `large` functions; prints CPU times, their ratio (the target is
/// at most 12x for 10x the functions), the wall times, and where the larger run spent its time.
pub fn measure(small: usize, large: usize) -> Result<()> {
    println!(
        "{:<22} {:>8} {:>8} {:>6} {:>8} {:>8}   of the larger run: {:>6} {:>6} {:>6} {:>7} {:>6}",
        "scale (cpu time)",
        small,
        large,
        "ratio",
        "wall",
        "wall",
        "parse",
        "infer",
        "opt",
        "codegen",
        "engine"
    );
    let secs = |ns: u64| format!("{:.2}s", ns as f64 / 1e9);
    for shape in Shape::ALL {
        let a = run_once(shape, small)?;
        let b = run_once(shape, large)?;
        let s = b.stats;
        println!(
            "{:<22} {:>7.2}s {:>7.2}s {:>5.1}x {:>7.2}s {:>7.2}s   {:>26} {:>6} {:>6} {:>7} {:>6}",
            shape.name(),
            a.cpu.as_secs_f64(),
            b.cpu.as_secs_f64(),
            b.cpu.as_secs_f64() / a.cpu.as_secs_f64().max(1e-3),
            a.wall.as_secs_f64(),
            b.wall.as_secs_f64(),
            secs(s.parse_ns + s.lower_ns),
            secs(s.infer_ns),
            secs(s.optimize_ns),
            secs(s.codegen_ns),
            secs(s.instantiate_ns),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each shape runs and prints what `measure` checks for: 1 + 2 + 3, and 3.
    #[test]
    fn small_programs_print_their_expected_last_line() {
        let lasts: Vec<String> = Shape::ALL.iter().map(|&s| program(s, 3).1).collect();
        assert_eq!(lasts, ["6", "3", "3"]);
        for shape in Shape::ALL {
            runtime::on_big_stack(move || run_once(shape, 3)).expect("runs and prints the expected line");
        }
    }
}
