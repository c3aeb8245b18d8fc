//! Loading the prelude compiles nothing: each module it compiled at load would cost every run
//! (every file test, the playground's every cold run) about a millisecond.

#[test]
fn loading_the_prelude_compiles_no_code() {
    let out = host_wasmtime::run(runtime::Options::default(), "empty.jl", "");
    assert!(out.success, "{}", out.stderr);
    assert_eq!(out.stats.modules, 0, "the prelude compiled code at load");
}

/// A process that runs many programs loads the prelude once and starts each later run from a
/// copy of that session (`Options::reuse_prelude`): every run prints what a run that loaded the
/// prelude itself prints, on both engines, and what one program defined is not seen by the next.
#[test]
fn runs_that_reuse_the_prelude_print_what_runs_that_load_it_print() {
    let program = "struct P\n    x::Int\nend\nBase.show(io::IO, p::P) = print(io, \"P<\", p.x, \">\")\n\
                   f(x) = x + 1\nprintln(P(f(1)), \" \", Dict(\"a\" => 1), \" \", sort([3, 1, 2]))\n\
                   try\n    g()\n    println(\"leaked\")\ncatch\n    println(\"clean\")\nend\ng() = 1\n";
    for engine in [runtime::EngineKind::Wasm, runtime::EngineKind::Interp] {
        let run = |reuse_prelude: bool| {
            let options = runtime::Options { engine, reuse_prelude, ..runtime::Options::default() };
            host_wasmtime::run(options, "reuse.jl", program)
        };
        let loaded = run(false);
        assert!(loaded.success, "{}", loaded.stderr);
        assert!(loaded.stdout.ends_with("clean\n"), "{}", loaded.stdout);
        for _ in 0..2 {
            let reused = run(true);
            assert_eq!((&reused.stdout, &reused.stderr), (&loaded.stdout, &loaded.stderr), "{engine:?}");
        }
    }
}
