//! `invokelab fuzz`: a campaign of the fuzz crate for a given time, its progress on stderr and
//! its summary, with every distinct failure minimized, on stdout.

use std::process::ExitCode;
use std::time::Duration;

pub fn run(minutes: f64, seed: u64, programs: Option<usize>) -> ExitCode {
    let options = fuzz::CampaignOptions {
        seed,
        programs,
        duration: Some(Duration::from_secs_f64(minutes.max(0.0) * 60.0)),
        ..fuzz::CampaignOptions::default()
    };
    // Panics are findings here: record them instead of printing each one's message.
    fuzz::capture_panics();
    let summary = fuzz::campaign(&options, |line| eprintln!("{line}"));
    print!("{}", summary.render());
    if summary.found.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
