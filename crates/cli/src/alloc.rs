//! `invokelab bench`'s allocation section: loops that allocate far more than they keep (short
//! strings, 3-element vectors, boxed numbers, linked lists of `mutable struct` nodes), each run
//! whole in a fresh session, with the process's peak resident memory over that run, the time it
//! took and the share the collector took. Without a collector these loops run out of memory;
//! with one, the peak stays near the session's own footprint.
//!
//! The peak is Linux's `VmHWM`, reset before each run by writing `5` to `/proc/self/clear_refs`
//! (elsewhere the section says it cannot measure and prints times only).

use std::time::Instant;

use anyhow::{bail, Result};
use runtime::Options;

/// The programs: a name, the loop's body as a function of `n`, and `n` in full and quick runs.
const LOOPS: [(&str, &str, u64, u64); 4] = [
    (
        "short strings",
        "function work(n)\n    len = 0\n    for i in 1:n\n        s = string(\"item \", i)\n        len += length(s)\n    end\n    len\nend\n",
        10_000_000,
        100_000,
    ),
    (
        "3-element vectors",
        "function work(n)\n    t = 0\n    for i in 1:n\n        v = [i, i + 1, i + 2]\n        t += v[3]\n    end\n    t\nend\n",
        10_000_000,
        100_000,
    ),
    (
        "boxed numbers",
        "unstable(x) = x > 0 ? x + 1 : 0.5\nfunction work(n)\n    s = 0\n    for i in 1:n\n        s += unstable(Base.inferencebarrier(i))\n    end\n    s\nend\n",
        10_000_000,
        100_000,
    ),
    (
        "lists of 10 nodes",
        "mutable struct LNode\n    val::Int\n    next::Any\nend\nfunction work(n)\n    t = 0\n    for i in 1:n\n        head = nothing\n        for j in 1:10\n            head = LNode(j, head)\n        end\n        t += head.val\n    end\n    t\nend\n",
        1_000_000,
        10_000,
    ),
];

/// Resets the peak resident set size; false where that is not possible.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// The peak resident set size since the last reset, in bytes.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Runs `source` in a fresh session: (seconds, peak RSS, what it printed).
fn run_one(name: &str, source: &str) -> Result<(f64, Option<u64>, String)> {
    let measured = reset_peak();
    let t0 = Instant::now();
    let out = host_wasmtime::run(Options::default(), "alloc.jl", source);
    let seconds = t0.elapsed().as_secs_f64();
    if !out.success {
        bail!("{name} failed: {}", out.stderr);
    }
    Ok((seconds, if measured { peak_rss() } else { None }, out.stdout))
}

fn mib(bytes: Option<u64>) -> String {
    bytes.map_or("-".to_string(), |b| format!("{:.1} MiB", b as f64 / (1 << 20) as f64))
}

pub fn measure(quick: bool) -> Result<()> {
    let (_, baseline, _) = run_one("baseline", "println(1)")?;
    println!("allocation loops (each in a fresh session; peak RSS of the process over the run)");
    println!("  a session that prints 1: peak RSS {}", mib(baseline));
    println!("  {:<30} {:>9} {:>12} {:>12} {:>9}", "loop", "time", "peak RSS", "allocated", "gc time");
    for (name, work, full, small) in LOOPS {
        let n = if quick { small } else { full };
        // The program reports what it allocated and the collector's time, read from the
        // counters `@time` reads (`Core._gc_stats()`), after the loop.
        let source = format!(
            "{work}\nst0 = Core._gc_stats()\nwork({n})\nst = Core._gc_stats()\nprintln(getfield(st, 2) - getfield(st0, 2), \" \", getfield(st, 4) - getfield(st0, 4))\n"
        );
        let (seconds, peak, stdout) = run_one(name, &source)?;
        let mut fields = stdout.split_whitespace().map(|f| f.parse::<f64>().unwrap_or(0.0));
        let (bytes, gc_ns) = (fields.next().unwrap_or(0.0), fields.next().unwrap_or(0.0));
        println!(
            "  {:<30} {:>8.2}s {:>12} {:>8.0} MiB {:>8.1}%",
            format!("{name} ×{n}"),
            seconds,
            mib(peak),
            bytes / (1 << 20) as f64,
            100.0 * gc_ns / 1e9 / seconds.max(1e-9)
        );
    }
    Ok(())
}
