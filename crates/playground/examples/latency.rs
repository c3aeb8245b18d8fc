//! Where a playground run's time goes, natively: runs a program as the worker does (a fresh
//! session from the stored snapshot, the run, the report) N times and prints each run's stages
//! (the worker's timings table) and the whole request. The wasmtime host compiles modules
//! with Cranelift, so "instantiate" and "run" (which includes trampolines) are far slower
//! than the browser's; parsing through codegen are the same code as the worker's.
//! Usage: cargo run --release -p playground --example latency -- FILE [N]
//! (`ROWS=1`: also the cache rows of each run, counted by function.)

use std::time::Instant;

use protocol::{Request, Response, Settings};

fn playground() -> playground::Playground<host_wasmtime::WasmtimeHost> {
    playground::native(256 << 20)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(file) = args.get(1).cloned() else {
        eprintln!("usage: latency FILE [N]");
        std::process::exit(2);
    };
    let runs: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(5);
    let source = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
    runtime::on_big_stack(move || {
        // As the worker: the snapshot is stored and read back, not taken in place. With
        // LATENCY_SNAPSHOT=FILE it is kept in FILE, so that a profile of many runs does not
        // include taking it.
        let stored = std::env::var("LATENCY_SNAPSHOT").ok();
        let bytes = match stored.as_ref().and_then(|f| std::fs::read(f).ok()) {
            Some(bytes) => bytes,
            None => {
                let bytes = playground().snapshot_bytes().expect("the snapshot is taken");
                if let Some(file) = &stored {
                    std::fs::write(file, &bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
                }
                bytes
            }
        };
        let mut p = playground();
        p.prepare_from(&bytes).expect("the snapshot is read");
        for _ in 0..runs {
            let t0 = Instant::now();
            let request =
                Request::Run { source: source.clone(), settings: Settings::default(), keep_session: false };
            let Response::Ran(r) = p.handle(request) else { panic!("the run failed") };
            if std::env::var("ROWS").is_ok() {
                let mut by: std::collections::BTreeMap<String, usize> = Default::default();
                for row in &r.cache {
                    let name = row.method_instance.split('(').next().unwrap_or("").to_string();
                    *by.entry(format!(
                        "{} prelude={} ran={} inlined={}",
                        name, row.prelude, row.ran, row.ran_inlined
                    ))
                    .or_default() += 1;
                }
                let mut v: Vec<_> = by.into_iter().collect();
                v.sort_by_key(|x| std::cmp::Reverse(x.1));
                for (k, n) in v.iter().take(40) {
                    println!("{n:5} {k}");
                }
            }
            let t = r.timings;
            println!(
                "request {:6.1} ms: total {:6.1} = parse {:.1} lower {:.1} infer {:.1} optimize {:.1} codegen {:.1} instantiate {:.1} run {:.1}; {} modules, {} cache rows",
                t0.elapsed().as_secs_f64() * 1e3,
                t.total, t.parse, t.lower, t.infer, t.optimize, t.codegen, t.instantiate, t.run,
                t.modules_compiled, r.cache.len()
            );
        }
    });
}
