//! The `invokelab` binary: runs a program file on either engine, dumps any stage, writes the
//! emitted wasm modules, runs the benchmarks and the fuzzer.
//!
//! Only this crate knows argv and terminals; everything else is the runtime's.

mod bench;
mod fuzzing;

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
        /// Print a stage for every CodeInstance the program ran (to stderr, after the run).
        #[arg(long, value_enum)]
        dump: Option<DumpArg>,
        /// With --dump: only CodeInstances of functions with this name.
        #[arg(long)]
        only: Option<String>,
        /// Write every emitted module as DIR/<n>-<method>.wasm.
        #[arg(long, value_name = "DIR")]
        emit_wasm: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = InlineArg::Heuristic)]
        inline: InlineArg,
        /// Step budget (calls and loop iterations, as codegen::abi counts them); 0 for no limit.
        #[arg(long)]
        steps: Option<i64>,
    },
    /// Run the benchmarks and print the ratios measured in this run.
    Bench {
        /// Three samples per kernel and no interpreter (a check that the benchmarks run).
        #[arg(long)]
        quick: bool,
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
    Passes,
    Wat,
}

#[derive(Clone, Copy, ValueEnum)]
enum InlineArg {
    Heuristic,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run { file, engine, dump, only, emit_wasm, inline, steps } => {
            let source = match std::fs::read_to_string(&file) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("invokelab: cannot read {}: {e}", file.display());
                    return ExitCode::from(2);
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
                dump: dump.map(|d| match d {
                    DumpArg::Lowered => Dump::Lowered,
                    DumpArg::Typed => Dump::Typed,
                    DumpArg::Optimized => Dump::Optimized,
                    DumpArg::Passes => Dump::Passes,
                    DumpArg::Wat => Dump::Wat,
                }),
                dump_only: only,
                keep_modules: emit_wasm.is_some(),
                ..Options::default()
            };
            if let Some(steps) = steps {
                options.step_budget = steps;
            }
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
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
            if output.success {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Command::Fuzz { minutes, seed, programs } => fuzzing::run(minutes, seed, programs),
        Command::Bench { quick } => match bench::run(quick) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("invokelab bench: {e:#}");
                ExitCode::from(1)
            }
        },
    }
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
