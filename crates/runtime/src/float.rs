//! Julia's text form of a `Float64`: the implementation lives in `ir` (the IR printer shows
//! float literals the same way), re-exported here for the runtime's printing.

pub use ir::format_float;
