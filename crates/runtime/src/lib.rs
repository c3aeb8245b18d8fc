//! The session: top-level evaluation, builtins, linking, the Host trait (in progress).

pub mod host;
pub mod session;
