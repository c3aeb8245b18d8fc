//! The checks run between passes when `OptParams::verify` is on: the shared IR verifier
//! (`ir::verify_with`, pure SSA, every value typed), its errors joined into one message.

use ir::{Body, VerifyOptions};

pub(crate) fn check(body: &Body) -> Result<(), String> {
    ir::verify_with(body, VerifyOptions { ssa: true, typed: true }).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        lines.join("; ")
    })
}
