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

/// A snapshot taken with Base optimized (`Snapshot::take_optimized`, what the playground
/// ships) holds the optimized IR of Base's precompiled CodeInstances, made under the session's
/// inlining mode; a session started from it under another mode has none of it (its optimizer
/// would make other IR), and one under the same mode keeps it.
#[test]
fn a_snapshot_with_base_optimized_keeps_that_ir_only_for_its_inlining_mode() {
    use std::rc::Rc;
    use types::CodeInstanceId;

    let optimized = |session: &runtime::session::Session| {
        (0..session.world.code_instance_count())
            .filter(|&id| {
                let code =
                    session.world.get_code_instance(CodeInstanceId(id)).expect("every id below the count");
                code.typed.is_some() && code.inferred.is_some()
            })
            .count()
    };
    let (plain, same, others) = runtime::on_big_stack(move || {
        let host = || {
            let session = runtime::session::Session::new(runtime::Options {
                reuse_prelude: false,
                ..Default::default()
            });
            host_wasmtime::WasmtimeHost::new(session, host_wasmtime::Limits::default())
                .map(|h| h.with_import_handler(Rc::new(runtime::SessionImports)))
                .expect("a host")
        };
        let plain = runtime::Snapshot::take(&mut host()).expect("the prelude loads");
        let plain = optimized(&plain.session(runtime::Options::default()));
        let snapshot =
            runtime::Snapshot::take_optimized(&mut host(), 0).expect("the prelude loads and optimizes");
        let same = optimized(&snapshot.session(runtime::Options::default()));
        let others: Vec<usize> = [runtime::Inlining::Never, runtime::Inlining::Always]
            .into_iter()
            .map(|inlining| optimized(&snapshot.session(runtime::Options { inlining, ..Default::default() })))
            .collect();
        (plain, same, others)
    });
    assert!(same > plain + 100, "Base's precompiled code is optimized: {same}, {plain} without");
    assert_eq!(others, [0, 0], "under Never and Always");
}

/// The optimized snapshot holds Base's modules made ahead (`Snapshot::take_optimized`): a run
/// whose codegen would make the same bytes loads them instead of emitting them; one whose
/// heap starts elsewhere in its modules' memory, that counts no steps, or that runs under
/// another inlining mode forgets them and emits its own. Every run prints the same, also one
/// that collects garbage at every allocation.
#[test]
fn base_modules_made_ahead_are_used_only_where_they_are_the_same_bytes() {
    use std::rc::Rc;

    let program = "println(sum([1, 2, 3]), \" \", join(split(\"a b\"), \",\"), \" \", sort([3, 1, 2]))\n";
    let runs = runtime::on_big_stack(move || {
        let host = |session| {
            host_wasmtime::WasmtimeHost::new(session, host_wasmtime::Limits::default())
                .map(|h| h.with_import_handler(Rc::new(runtime::SessionImports)))
                .expect("a host")
        };
        let options = || runtime::Options { reuse_prelude: false, ..Default::default() };
        let take = |heap_base| {
            runtime::Snapshot::take_optimized(&mut host(runtime::session::Session::new(options())), heap_base)
                .expect("the prelude loads, optimizes and emits")
        };
        let (here, elsewhere) = (take(0), take(32 << 20));
        assert_eq!((here.modules_heap_base(), elsewhere.modules_heap_base()), (Some(0), Some(32 << 20)));
        let cases = [
            ("made for this heap", &here, options()),
            // Their constants and inline caches live in the snapshot's heap, rooted as any
            // module's: collecting at every allocation keeps them.
            (
                "made for this heap, collecting at every allocation",
                &here,
                runtime::Options { gc_stress: true, ..options() },
            ),
            ("made for another heap", &elsewhere, options()),
            ("no step counting", &here, runtime::Options { step_budget: 0, ..options() }),
            ("never inlining", &here, runtime::Options { inlining: runtime::Inlining::Never, ..options() }),
        ];
        cases
            .into_iter()
            .map(|(case, snapshot, options)| {
                let mut host = host(snapshot.session(options));
                snapshot.restore(&mut host).expect("restores");
                let out = runtime::run_program(&mut host, "ahead.jl", program);
                (case, out.stdout, out.stats.modules, out.stats.modules_made_ahead)
            })
            .collect::<Vec<_>>()
    });
    for (case, stdout, modules, made_ahead) in runs {
        assert_eq!(stdout, "6 a,b [1, 2, 3]\n", "{case}");
        if case.starts_with("made for this heap") {
            // The rest are the program's own and specializations the snapshot does not have.
            assert!(
                made_ahead >= 10 && 2 * made_ahead > modules,
                "{case}: {made_ahead} of {modules} made ahead"
            );
        } else {
            assert_eq!(made_ahead, 0, "{case}: {modules} modules");
            assert!(modules >= 10, "{case}: {modules} modules");
        }
    }
}
