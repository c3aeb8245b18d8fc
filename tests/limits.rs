//! The limits are one rule for both engines (crates/ir/src/steps.rs; README, "Step budget"
//! and "Recursion depth"). With the same step budget, wasm and the reference interpreter stop
//! at the same statement, so they print the same output before `StepLimitError`: each program
//! runs under every budget of a sweep that stops it at many different points (in a counted
//! loop, in a batched loop, in a call, at the top level). And the same number of calls may be
//! in progress on both engines, with any inlining, through static and dynamic calls.

use runtime::{EngineKind, Inlining, Options, RunOutput};

fn run(engine: EngineKind, budget: i64, source: &str) -> RunOutput {
    let options = Options { engine, step_budget: budget, ..Options::default() };
    host_wasmtime::run(options, "limits.jl", source)
}

/// Runs `source` on both engines under each budget of `budgets`; returns how many of those
/// runs stopped at the budget.
fn same_on_both_engines(source: &str, budgets: impl IntoIterator<Item = i64>) -> usize {
    let mut stopped = 0;
    for budget in budgets {
        let wasm = run(EngineKind::Wasm, budget, source);
        let interp = run(EngineKind::Interp, budget, source);
        // The same statement and error; the callee frames between may differ where codegen
        // rewrote self calls (`filetests::top_level_frames_only`).
        let (wasm_err, interp_err) = (
            filetests::top_level_frames_only(&wasm.stderr),
            filetests::top_level_frames_only(&interp.stderr),
        );
        assert_eq!(
            (&wasm.stdout, &wasm_err),
            (&interp.stdout, &interp_err),
            "wasm and the interpreter differ with a budget of {budget} steps:\n{source}"
        );
        if wasm.stderr.contains("StepLimitError") {
            stopped += 1;
        }
    }
    stopped
}

const LOOPS_AND_CALLS: &str = r#"
@noinline function triangle(n)
    s = 0
    for i in 1:n
        s += i
    end
    s
end
@noinline function collatz(n)
    steps = 0
    while n != 1
        n = iseven(n) ? n ÷ 2 : 3n + 1
        steps += 1
    end
    steps
end
function report(k)
    println(k, " ", triangle(k * 50), " ", collatz(k + 26))
end
function main()
    k = 1
    while true
        report(k)
        k += 1
    end
end
main()
"#;

#[test]
fn both_engines_stop_at_the_same_statement() {
    let stopped = same_on_both_engines(LOOPS_AND_CALLS, (1..60).map(|i| i * 97));
    assert_eq!(stopped, 59, "every budget must stop this endless program");
}

const TOP_LEVEL: &str = r#"
fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)
for i in 1:30
    println(i, " ", fib(i % 12))
end
"#;

#[test]
fn the_top_level_and_recursion_stop_at_the_same_statement() {
    let stopped = same_on_both_engines(TOP_LEVEL, (1..40).map(|i| i * 6));
    assert!(stopped > 30, "most budgets must stop the program part way ({stopped} did)");
}

/// A loop that is not counted is charged 1 step on entry and 1024 at its 1024th header visit:
/// the top-level statement's 1 step, the loop's entry and `count_to(2046)`'s 1024 visits cost
/// 1026 steps, one visit fewer costs 2.
#[test]
fn a_loop_is_charged_at_every_1024th_visit() {
    let program = |n: i64| {
        format!("function count_to(n)\n    i = 0\n    while i < n\n        i += 2\n    end\n    i\nend\ncount_to({n})\n")
    };
    needs_exactly("count_to", program, [(2046, 1026), (2044, 2)]);
}

/// A batched loop inside a batched loop has no count of its own: its entry is no step, and
/// each visit of its header is a visit counted by the outer loop. Each iteration of `nest`'s
/// outer loop makes three visits (its header, then the inner header twice: the inner body runs
/// once), so `nest(682)`'s 341 iterations and the outer header's last visit make 1024 visits:
/// the top-level statement's step, the outer loop's entry and one batch, 1026 steps.
/// `nest(680)`, three visits fewer, costs 2. (Were the inner loop's visits counted on a count of
/// its own, reset at each entry, `nest(682)` would cost 2 too.)
#[test]
fn a_batched_loop_inside_a_batched_loop_counts_with_it() {
    let program = |n: i64| {
        format!(
            "function nest(n)\n    i = 0\n    while i < n\n        j = 0\n        while j < 2\n            j += 2\n        end\n        i += 2\n    end\n    i\nend\nnest({n})\n"
        )
    };
    needs_exactly("nest", program, [(682, 1026), (680, 2)]);
}

/// A counted loop inside a batched loop: its entry is a visit counted by the outer loop, and
/// its iterations are charged on entry. `inner(n, 1)`'s outer loop visits its header 512 times
/// for `n = 1022` (511 iterations and the last test) and enters the counted loop 511 times,
/// each charging its 1 iteration: 1023 visits, so no batch, and 1 + 1 + 511 = 513 steps; with
/// `n = 1024` the 1024th visit charges a batch, 1 + 1 + 512 + 1024 = 1538.
#[test]
fn entering_a_counted_loop_is_a_visit_of_the_loop_around_it() {
    let program = |n: i64| {
        format!(
            "function inner(n, m)\n    i = 0\n    s = 0\n    while i < n\n        k = 0\n        while k < m\n            s += k\n            k += 1\n        end\n        i += 2\n    end\n    s\nend\ninner({n}, 1)\n"
        )
    };
    needs_exactly("inner", program, [(1022, 513), (1024, 1538)]);
}

/// `program(n)` for each `(n, needs)`, on both engines: it stops with one step fewer than
/// `needs` and runs to the end with `needs`.
fn needs_exactly(name: &str, program: impl Fn(i64) -> String, cases: [(i64, i64); 2]) {
    for engine in [EngineKind::Wasm, EngineKind::Interp] {
        for (n, needs) in cases {
            let stops = run(engine, needs - 1, &program(n));
            assert!(
                stops.stderr.contains("StepLimitError"),
                "{engine:?}, {name}({n}), {} steps: {}",
                needs - 1,
                stops.stderr
            );
            let runs = run(engine, needs, &program(n));
            assert!(runs.success, "{engine:?}, {name}({n}), {needs} steps: {}", runs.stderr);
        }
    }
}

/// `chain(n)` recurses through a dynamic call and an inlined helper: `step(n)` is inlined
/// into `chain` by the heuristic and forced modes, and its call of `chain` counts a frame for
/// `step` either way. 99 990 levels of two frames each pass the limit of 100 000; half as many
/// fit.
#[test]
fn the_depth_limit_counts_the_same_frames_on_every_engine_and_inlining() {
    let source = r#"
step(n) = chain(Base.inferencebarrier(n - 1))::Int
function chain(n)
    n == 0 && return 0
    1 + step(n)
end
println(chain(49_990))
println(chain(50_010))
"#;
    for engine in [EngineKind::Wasm, EngineKind::Interp] {
        for inlining in [Inlining::Heuristic, Inlining::Always, Inlining::Never] {
            let options = Options { engine, inlining, ..Options::default() };
            let out = host_wasmtime::run(options, "limits.jl", source);
            assert_eq!(out.stdout, "49990\n", "{engine:?}, {inlining:?}: {}", out.stderr);
            assert!(
                out.stderr.starts_with("ERROR: StackOverflowError:"),
                "{engine:?}, {inlining:?}: {}",
                out.stderr
            );
        }
    }
}

/// A top-level thunk with a loop and no definitions is compiled, as src/toplevel.c
/// `jl_toplevel_eval_flex` compiles it, so a top-level `while true end` spends wasm's whole
/// default budget of 10^9 steps in compiled code (a second or less; interpreted, it took ~45 s)
/// and stops with the step-limit error at the loop. The thunk's module is the one module the
/// run compiles beyond those of a statement without a loop, which is interpreted.
#[test]
fn a_top_level_loop_is_compiled() {
    let budget = Options::default_step_budget(EngineKind::Wasm);
    assert_eq!(budget, 1_000_000_000);
    let out = run(EngineKind::Wasm, budget, "x = 1\nwhile true\nend\n");
    assert_eq!(
        out.stderr,
        "ERROR: StepLimitError: step budget of 1000000000 exhausted (an infinite loop?)\n\
         Stacktrace:\n [1] top-level scope\n   @ limits.jl:2\n"
    );
    let straight = run(EngineKind::Wasm, budget, "x = 1\n");
    assert!(straight.success, "{}", straight.stderr);
    assert_eq!(out.stats.modules, straight.stats.modules + 1, "the loop's thunk is compiled");
}

/// A compiled top-level loop stops on both engines at the same statement as the interpreted
/// one did, with any inlining; its errors point at the statement that raised them, also when
/// the raising code was inlined from a callee.
#[test]
fn a_compiled_top_level_loop_stops_and_fails_at_its_statements() {
    let source = r#"
pick(v, i) = v[i]
total = 0
for i in 1:400
    global total
    v = [10, 20, 30]
    total += i
    i % 50 == 0 && println(i, " ", total)
    total += pick(v, i % 3 + 1)
end
k = 0
while k < 10
    global k += 1
    println(pick([1, 2, 3], k))
end
"#;
    let stopped = same_on_both_engines(source, (1..40).map(|i| i * 11));
    assert!(stopped > 30, "most budgets must stop the program part way ({stopped} did)");
    for engine in [EngineKind::Wasm, EngineKind::Interp] {
        for inlining in [Inlining::Heuristic, Inlining::Always, Inlining::Never] {
            let options = Options { engine, inlining, ..Options::default() };
            let out = host_wasmtime::run(options, "limits.jl", source);
            assert!(out.stdout.ends_with("400 88180\n1\n2\n3\n"), "{engine:?}, {inlining:?}: {}", out.stdout);
            // The frames between depend on what was inlined (as in Julia); `pick` is one.
            let stderr = &out.stderr;
            assert!(
                stderr.starts_with(
                    "ERROR: BoundsError: attempt to access 3-element Vector{Int64} at index [4]\nStacktrace:\n"
                ) && stderr.contains("pick")
                    && stderr.contains("@ Main limits.jl:2")
                    && stderr.ends_with(" top-level scope\n   @ limits.jl:14\n"),
                "{engine:?}, {inlining:?}: {stderr}"
            );
        }
    }
}
