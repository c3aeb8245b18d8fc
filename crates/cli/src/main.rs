//! The `invokelab` binary: runs a program file on either engine, dumps any stage, writes the
//! emitted wasm modules, runs the benchmarks and the fuzzer.
//!
//! Only this crate knows argv and terminals; everything else is the runtime's.

mod alloc;
mod bench;
mod fuzzing;
mod micro;
mod scale;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use runtime::{Dump, EngineKind, Inlining, Options};

#[derive(Parser)]
#[command(name = "invokelab", version, about = "Run a Julia subset through inference, optimization and wasm")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a program and print what Julia would print.
    Run {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = EngineArg::Wasm)]
        engine: EngineArg,
        /// Print a stage for every CodeInstance the program ran (to stderr, after the run);
        /// `invalidations`: what each definition invalidated, as trees.
        #[arg(long, value_enum)]
        dump: Option<DumpArg>,
        /// With --dump: only CodeInstances of functions with this name.
        #[arg(long)]
        only: Option<String>,
        /// Print, per call site of the program's code that ran, why a call was not inlined or
        /// is dynamic (to stderr, after the run; the same as --dump remarks).
        #[arg(long)]
        remarks: bool,
        /// Write every emitted module as DIR/<n>-<method>.wasm.
        #[arg(long, value_name = "DIR")]
        emit_wasm: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = InlineArg::Heuristic)]
        inline: InlineArg,
        /// Step budget (activations that call, loop entries and iterations; README, "Step
        /// budget"); 0 for no limit. Default: 10^9 on wasm, 10^7 on the interpreter.
        #[arg(long)]
        steps: Option<i64>,
        /// The heap limit: OutOfMemoryError when the live set does not fit (bytes, or with a
        /// K, M or G suffix: 64M).
        #[arg(long, value_name = "SIZE", value_parser = parse_size)]
        heap_limit: Option<u32>,
        /// Collect garbage at every allocation (slow; finds values code holds without rooting).
        #[arg(long)]
        gc_stress: bool,
    },
    /// Run the benchmarks and print the ratios measured in this run.
    Bench {
        /// Three samples per kernel, no interpreter, small scale programs (a check that the
        /// benchmarks run).
        #[arg(long)]
        quick: bool,
        /// Only the scale section: generated programs of many functions at two sizes.
        #[arg(long)]
        scale: bool,
        /// Only the allocation section: loops that make garbage, with peak memory and GC time.
        #[arg(long)]
        alloc: bool,
        /// Only the calls: the invoke loop against the direct loop, dynamic calls against
        /// static ones.
        #[arg(long)]
        calls: bool,
        /// Only JuliaLang/Microbenchmarks' scalar kernels against its perf.c, compiled with
        /// `cc -O2` (benchmarks/microbenchmarks/perf.c).
        #[arg(long)]
        microbenchmarks: bool,
    },
    /// Run random programs in every configuration and report each distinct failure, minimized.
    Fuzz {
        /// How long to run.
        #[arg(long, default_value_t = 1.0)]
        minutes: f64,
        /// The campaign's seed: the same seed runs the same programs.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Stop after this many programs (if the time is not up first).
        #[arg(long)]
        programs: Option<usize>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum EngineArg {
    Wasm,
    Interp,
}

#[derive(Clone, Copy, ValueEnum)]
enum DumpArg {
    Lowered,
    Typed,
    Optimized,
    /// The IR after each optimizer pass: resolve_invokes, inline, const_fold, dce,
    /// simplify_cfg, tailrec, unroll, peel, compact.
    Passes,
    Wat,
    Remarks,
    Invalidations,
    /// A `precompile(Tuple{...})` statement per MethodInstance of the prelude that ran (as
    /// Julia's `--trace-compile`): the workload prelude/precompile.jl is made from.
    Precompile,
}

#[derive(Clone, Copy, ValueEnum)]
enum InlineArg {
    Heuristic,
    Always,
    /// Inline nothing: no call, and no self call unrolled or peeled (tailrec still runs, as
    /// LLVM's tail-recursion elimination runs without inlining).
    Never,
}

/// A size in bytes: `1048576`, `64K`, `64M`, `1G` (binary units, as Julia's `--heap-size-hint`).
fn parse_size(text: &str) -> Result<u32, String> {
    let text = text.trim();
    let (digits, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => text.split_at(i),
        None => (text, ""),
    };
    let n: u64 = digits.parse().map_err(|_| format!("`{text}` is not a size"))?;
    let scale: u64 = match unit.to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "K" | "KB" | "KIB" => 1 << 10,
        "M" | "MB" | "MIB" => 1 << 20,
        "G" | "GB" | "GIB" => 1 << 30,
        _ => return Err(format!("`{text}`: the unit must be K, M or G")),
    };
    let bytes = n.checked_mul(scale).filter(|&b| b <= u32::MAX as u64);
    bytes.map(|b| b as u32).ok_or_else(|| format!("`{text}` is more than the 4 GiB a wasm32 heap can hold"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run {
            file,
            engine,
            dump,
            only,
            remarks,
            emit_wasm,
            inline,
            steps,
            heap_limit,
            gc_stress,
        } => {
            let bytes = match std::fs::read(&file) {
                Ok(bytes) => bytes,
                Err(e) => {
                    eprintln!("invokelab: cannot read {}: {e}", file.display());
                    return ExitCode::from(2);
                }
            };
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let source = match String::from_utf8(bytes) {
                Ok(source) => source,
                Err(e) => {
                    eprintln!("{}", invalid_utf8_error(&name, e));
                    return ExitCode::from(1);
                }
            };
            let mut options = Options {
                engine: match engine {
                    EngineArg::Wasm => EngineKind::Wasm,
                    EngineArg::Interp => EngineKind::Interp,
                },
                inlining: match inline {
                    InlineArg::Heuristic => Inlining::Heuristic,
                    InlineArg::Always => Inlining::Always,
                    InlineArg::Never => Inlining::Never,
                },
                dump: dump.or(remarks.then_some(DumpArg::Remarks)).map(|d| match d {
                    DumpArg::Lowered => Dump::Lowered,
                    DumpArg::Typed => Dump::Typed,
                    DumpArg::Optimized => Dump::Optimized,
                    DumpArg::Passes => Dump::Passes,
                    DumpArg::Wat => Dump::Wat,
                    DumpArg::Remarks => Dump::Remarks,
                    DumpArg::Invalidations => Dump::Invalidations,
                    DumpArg::Precompile => Dump::Precompile,
                }),
                dump_only: only,
                keep_modules: emit_wasm.is_some(),
                // One program per process: storing the prelude's session would be wasted.
                reuse_prelude: false,
                ..Options::default()
            };
            options.step_budget = steps.unwrap_or(Options::default_step_budget(options.engine));
            if let Some(limit) = heap_limit {
                options.max_heap_bytes = limit;
            }
            options.gc_stress = gc_stress;
            // Output streams while the program runs (line by line; `OutputSink`).
            options.stdout = runtime::OutputSink::new(std::io::stdout());
            options.color = std::io::IsTerminal::is_terminal(&std::io::stdout());
            let output = host_wasmtime::run(options, &name, &source);
            print!("{}", output.stdout);
            eprint!("{}", output.stderr);
            if !output.dump.is_empty() {
                eprint!("{}", output.dump);
            }
            if let Some(dir) = emit_wasm {
                if let Err(e) = write_modules(&dir, &output.modules) {
                    eprintln!("invokelab: cannot write modules to {}: {e}", dir.display());
                    return ExitCode::from(2);
                }
            }
            if output.internal_error.is_some() {
                // EX_SOFTWARE: invokelab itself failed (the report says so on stderr).
                ExitCode::from(70)
            } else if output.success {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Command::Fuzz { minutes, seed, programs } => fuzzing::run(minutes, seed, programs),
        Command::Bench { quick, microbenchmarks: true, .. } => {
            match runtime::on_big_stack(move || micro::measure(quick)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("invokelab bench: {e:#}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Bench { quick, scale, alloc, calls, .. } => {
            let section = match (scale, alloc, calls) {
                (true, _, _) => bench::Section::Scale,
                (_, true, _) => bench::Section::Alloc,
                (_, _, true) => bench::Section::Calls,
                _ => bench::Section::All,
            };
            match bench::run(quick, section) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("invokelab bench: {e:#}");
                    ExitCode::from(1)
                }
            }
        }
    }
}

/// A source file that is not UTF-8: Julia reads it into a `String` anyway and JuliaSyntax's
/// tokenizer reports the first invalid byte outside string literals and comments as
/// "invalid UTF-8 sequence". The subset's strings are UTF-8, so the first invalid byte is
/// reported wherever it is, before anything runs (Julia would run the statements before it).
fn invalid_utf8_error(file_name: &str, error: std::string::FromUtf8Error) -> String {
    let start = error.utf8_error().valid_up_to();
    let bad = error.utf8_error().error_len().unwrap_or(error.as_bytes().len() - start);
    // The replacement character stands for the bad bytes, so columns count them as one.
    let mut text = String::from_utf8_lossy(&error.as_bytes()[..start + bad]).into_owned();
    let end = text.len();
    text.push_str(&String::from_utf8_lossy(&error.as_bytes()[start + bad..]));
    let err = syntax::SyntaxError {
        span: syntax::Span::new(start as u32, end as u32),
        message: "invalid UTF-8 sequence".into(),
    };
    syntax::render_parse_error(file_name, &text, &err)
}

fn write_modules(dir: &std::path::Path, modules: &[runtime::EmittedModule]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (n, module) in modules.iter().enumerate() {
        let safe: String =
            module.name.chars().map(|c| if c.is_alphanumeric() || c == '_' { c } else { '_' }).collect();
        std::fs::write(dir.join(format!("{n}-{safe}.wasm")), &module.bytes)?;
    }
    Ok(())
}
