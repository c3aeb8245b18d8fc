//! A campaign: programs from consecutive seeds with sizes that grow and wrap around, each
//! checked in every configuration; the first program of each distinct failure is minimized.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use crate::generate::generate;
use crate::minimize::minimize;
use crate::rng::Rng;
use crate::run::{check, Failure, Limits, Outcome, Report};

#[derive(Clone, Debug)]
pub struct CampaignOptions {
    pub seed: u64,
    /// Stop after this many programs...
    pub programs: Option<usize>,
    /// ...or when this much time has passed (whichever comes first).
    pub duration: Option<Duration>,
    pub limits: Limits,
    /// Sizes go from 4 up to this, then start again.
    pub max_size: usize,
    /// Time for minimizing one failure.
    pub minimize_for: Duration,
}

impl Default for CampaignOptions {
    fn default() -> CampaignOptions {
        CampaignOptions {
            seed: 1,
            programs: None,
            duration: None,
            limits: Limits::default(),
            max_size: 24,
            minimize_for: Duration::from_secs(120),
        }
    }
}

/// One distinct failure (by `Failure::signature`).
#[derive(Clone, Debug)]
pub struct Found {
    pub failure: Failure,
    /// The program's seed and size: `generate(seed, size)` gives it again.
    pub seed: u64,
    pub size: usize,
    /// Programs that failed this way.
    pub count: usize,
    pub program: String,
    pub minimized: String,
    /// Each configuration's output for the minimized program.
    pub outputs: String,
}

#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub programs: usize,
    /// Programs whose outputs were not compared (see `Report::inconclusive`).
    pub inconclusive: usize,
    /// How the reference runs ended: "ok" or the error's name, with counts.
    pub endings: BTreeMap<String, usize>,
    /// Programs the small step budget stopped part way (`run::small_step_budget`), where both
    /// engines had to stop at the same statement.
    pub stopped_by_small_budget: usize,
    pub found: Vec<Found>,
    pub elapsed: Duration,
}

/// The seed of program `index` of a campaign: consecutive campaign seeds give unrelated programs.
pub fn program_seed(campaign_seed: u64, index: usize) -> u64 {
    let mut rng = Rng::new(campaign_seed ^ (index as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
    rng.next_u64()
}

/// Runs a campaign; `progress` hears one line per program and per failure.
pub fn campaign(options: &CampaignOptions, mut progress: impl FnMut(&str)) -> Summary {
    let start = Instant::now();
    let mut summary = Summary::default();
    let span = options.max_size.max(5) - 3;
    for index in 0.. {
        if options.programs.is_some_and(|n| index >= n)
            || options.duration.is_some_and(|d| start.elapsed() >= d)
        {
            break;
        }
        let seed = program_seed(options.seed, index);
        let size = 4 + index % span;
        let program = generate(seed, size);
        let source = program.to_source();
        let report = check(&source, options.limits);
        summary.programs += 1;
        if report.inconclusive {
            summary.inconclusive += 1;
        }
        *summary.endings.entry(report.error_kind().unwrap_or_else(|| "ok".into())).or_default() += 1;
        if report.stopped_by_small_budget() {
            summary.stopped_by_small_budget += 1;
        }
        progress(&format!(
            "program {index} (seed {seed}, size {size}): {}",
            if report.failures.is_empty() {
                "ok".to_string()
            } else {
                format!("{} failure(s)", report.failures.len())
            }
        ));
        for failure in report.failures {
            let signature = failure.signature();
            if let Some(found) = summary.found.iter_mut().find(|f| f.failure.signature() == signature) {
                found.count += 1;
                continue;
            }
            progress(&format!("  new failure: {failure}; minimizing"));
            let limits = options.limits;
            let deadline = Instant::now() + options.minimize_for;
            let small = minimize(
                &program,
                |candidate| {
                    check(&candidate.to_source(), limits).failures.iter().any(|f| f.signature() == signature)
                },
                2000,
                deadline,
            );
            let minimized = small.to_source();
            let outputs = render_outputs(&check(&minimized, limits));
            summary.found.push(Found {
                failure,
                seed,
                size,
                count: 1,
                program: source.clone(),
                minimized,
                outputs,
            });
        }
    }
    summary.elapsed = start.elapsed();
    summary
}

/// Each configuration's outcome, in the file tests' format (tests/harness.rs `render`).
pub fn render_outputs(report: &Report) -> String {
    let mut out = String::new();
    for (config, outcome) in &report.outcomes {
        out.push_str(&format!("[{}]\n", config.label));
        match outcome {
            Outcome::Finished { stdout, stderr, success, invalid_modules, .. } => {
                out.push_str(stdout);
                if !stdout.is_empty() && !stdout.ends_with('\n') {
                    out.push('\n');
                }
                if !success || !stderr.is_empty() {
                    out.push_str("--- stderr\n");
                    out.push_str(stderr);
                }
                for (module, error) in invalid_modules {
                    out.push_str(&format!("--- invalid module `{module}`: {error}\n"));
                }
            }
            Outcome::Panicked(message) => out.push_str(&format!("--- panic: {message}\n")),
            Outcome::TimedOut => out.push_str("--- no result within the time box\n"),
        }
    }
    out
}

impl Summary {
    /// The summary and every distinct failure with its minimized program.
    pub fn render(&self) -> String {
        let mut out = format!(
            "{} programs in {:.1} s, {} stopped by the small step budget, {} not compared (memory or stack limit), {} distinct failure(s)\n",
            self.programs,
            self.elapsed.as_secs_f64(),
            self.stopped_by_small_budget,
            self.inconclusive,
            self.found.len()
        );
        let endings: Vec<String> = self.endings.iter().map(|(k, n)| format!("{k} {n}")).collect();
        out.push_str(&format!("endings (reference run): {}\n", endings.join(", ")));
        for (i, found) in self.found.iter().enumerate() {
            out.push_str(&format!(
                "\n== failure {}: {}\n   {} program(s); first: seed {}, size {}\n-- minimized program:\n{}-- outputs:\n{}",
                i + 1,
                found.failure,
                found.count,
                found.seed,
                found.size,
                found.minimized,
                found.outputs
            ));
        }
        out
    }
}
