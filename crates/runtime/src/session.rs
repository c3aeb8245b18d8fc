//! The session: all runtime state of one program run (owned by the host; see `host`).

/// Filled in by the runtime's integration work.
#[derive(Default)]
pub struct Session {}
