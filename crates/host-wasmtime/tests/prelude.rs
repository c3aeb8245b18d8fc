//! Loading the prelude compiles nothing: each module it compiled at load would cost every run
//! (every file test, the playground's every cold run) about a millisecond.

#[test]
fn loading_the_prelude_compiles_no_code() {
    let out = host_wasmtime::run(runtime::Options::default(), "empty.jl", "");
    assert!(out.success, "{}", out.stderr);
    assert_eq!(out.stats.modules, 0, "the prelude compiled code at load");
}
