//! The dispatch cache and the inline caches of dynamic calls, observed through a session that
//! stays open: a hit neither dispatches nor infers, entries are per owner and world, and
//! `drop_native_code!` drops the entries of its CodeInstance.

use runtime::host::Host;
use runtime::Options;

fn run(host: &mut host_wasmtime::WasmtimeHost, source: &str) -> String {
    let out = runtime::run_program(host, "dispatch.jl", source);
    assert!(out.success, "{}", out.stderr);
    assert!(out.internal_error.is_none());
    out.stdout
}

#[test]
fn a_dynamic_loop_enters_the_host_once_per_call_site() {
    runtime::on_big_stack(|| {
        let mut host = host_wasmtime::start(Options::default()).expect("host");
        // Loading the prelude makes a few dynamic calls of its own (one `Core.Typeof` for each
        // function with keywords it defines); the program's are counted from here.
        assert_eq!(run(&mut host, "1"), "");
        let lookups = |s: &runtime::session::Session| s.dispatch_cache.hits + s.dispatch_cache.misses;
        let at_start = lookups(host.session());
        let program = "step(x::Int64) = x + 1\nstep(x::Float64) = x + 0.5\n\
                       function f(n)\n    s = Base.inferencebarrier(0)\n    t = Base.inferencebarrier(0.0)\n    \
                       for i in 1:n\n        s = step(s)\n        t = step(t)\n    end\n    (s, t)\nend\n\
                       println(f(1000))\n";
        assert_eq!(run(&mut host, program), "(1000, 500.0)\n");
        // Every dynamic call that enters the host looks in the dispatch cache; the loop's two
        // sites enter it once each, their inline caches answer the other 1998 calls (the top
        // level's calls of `f` and `println` are the rest).
        let session = host.session();
        let before = lookups(session);
        let program_lookups = before - at_start;
        assert!(program_lookups <= 5, "{program_lookups} lookups (one per call would mean no inline cache)");
        let infer_ns = session.stats.infer_ns;
        assert_eq!(run(&mut host, "println(f(1000))"), "(1000, 500.0)\n");
        let session = host.session();
        assert_eq!(session.stats.infer_ns, infer_ns, "cache hits never enter inference");
        let again = lookups(session) - before;
        assert!(
            again <= 2,
            "{again} lookups: the top level's calls of `f` and `println`, then inline caches only"
        );
    });
}

#[test]
fn a_new_method_is_seen_by_the_next_dynamic_call() {
    runtime::on_big_stack(|| {
        let mut host = host_wasmtime::start(Options::default()).expect("host");
        let program = "h(x) = 1\ncall_h(v) = h(Base.inferencebarrier(v))\nprintln(call_h(2))\n\
                       h(x::Int64) = 2\nprintln(call_h(2))\nprintln(call_h(2.0))\n";
        assert_eq!(run(&mut host, program), "1\n2\n1\n");
    });
}

/// A CodeInstance's module emitted again after `drop_native_code!` gets the same inline caches
/// (they belong to the CodeInstance), so its bytes are the same and wasmtime compiles it once;
/// its dynamic call site answers as before.
#[test]
fn a_module_emitted_again_keeps_its_inline_caches() {
    runtime::on_big_stack(|| {
        let mut host = host_wasmtime::start(Options::default()).expect("host");
        let program = "sq(x::Int64) = x * x\ncallsq(x) = sq(Base.inferencebarrier(x)) + 1\n\
                       const ci = code_instance(callsq, Int64)\nprintln(callsq(3))\n\
                       drop_native_code!(ci)\nprintln(callsq(4))\n";
        assert_eq!(run(&mut host, program), "10\n17\n");
        let compiled = host.compiled_modules();
        assert_eq!(run(&mut host, "drop_native_code!(ci)\nprintln(callsq(5))\n"), "26\n");
        assert_eq!(host.compiled_modules(), compiled, "the same bytes again");
    });
}
