//! A short campaign with a fixed seed: every program agrees across the configurations, and
//! nothing panics, hangs or emits an invalid module. `invokelab fuzz --minutes N` runs longer
//! campaigns (README, "Fuzzing").

use std::time::Duration;

use fuzz::{campaign, CampaignOptions, Limits};

#[test]
fn a_fixed_seed_campaign_finds_no_failure() {
    fuzz::capture_panics();
    let options = CampaignOptions {
        seed: 2026,
        programs: Some(30),
        max_size: 9,
        limits: Limits { time_box: Duration::from_secs(60), ..Limits::default() },
        minimize_for: Duration::from_secs(60),
        ..CampaignOptions::default()
    };
    let summary = campaign(&options, |_| {});
    assert!(summary.found.is_empty(), "{}", summary.render());
    // The generator is useful only if most programs run to their end rather than stopping at
    // the first statement that fails (on purpose or because the generator erred).
    let ran_to_the_end = summary.endings.get("ok").copied().unwrap_or(0);
    assert!(ran_to_the_end * 2 >= summary.programs, "{}", summary.render());
}
