//! The prelude's files, built into the binary: Base written in the language, loaded into
//! module `Base` when a session starts (`bootstrap`), and known by name to a stored snapshot
//! (`session::SourceFile`), which does not carry their text.

/// The prelude, in load order: Base (numbers, vectors, printing), strings, hashing with `Dict`
/// and `Set`, editing and reducing vectors and iterables, float ranges, matrices, random numbers, broadcasting, more math, the `Test` library, then the compiler-plugin API (`with_new_compiler`, owners,
/// reflection).
pub(crate) const PRELUDE: &[(&str, &str)] = &[
    ("prelude/base.jl", include_str!("../prelude/base.jl")),
    ("prelude/strings.jl", include_str!("../prelude/strings.jl")),
    ("prelude/dict.jl", include_str!("../prelude/dict.jl")),
    ("prelude/collections.jl", include_str!("../prelude/collections.jl")),
    ("prelude/ranges.jl", include_str!("../prelude/ranges.jl")),
    ("prelude/matrix.jl", include_str!("../prelude/matrix.jl")),
    ("prelude/random.jl", include_str!("../prelude/random.jl")),
    ("prelude/broadcast.jl", include_str!("../prelude/broadcast.jl")),
    ("prelude/math.jl", include_str!("../prelude/math.jl")),
    ("prelude/printf.jl", include_str!("../prelude/printf.jl")),
    ("prelude/display.jl", include_str!("../prelude/display.jl")),
    ("prelude/test.jl", include_str!("../prelude/test.jl")),
    ("prelude/compiler.jl", include_str!("../prelude/compiler.jl")),
];

/// The signatures of Base's methods that common programs call (every example's), inferred
/// when the session starts (`precompile`): made by scripts/precompile-list.
pub(crate) const PRECOMPILE: (&str, &str) =
    ("prelude/precompile.jl", include_str!("../prelude/precompile.jl"));

/// The built-in text of the prelude file `name` (`prelude/base.jl`, ...).
pub(crate) fn prelude_text(name: &str) -> Option<&'static str> {
    PRELUDE.iter().chain([&PRECOMPILE]).find(|(n, _)| *n == name).map(|(_, text)| *text)
}
