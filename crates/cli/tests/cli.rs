//! The `invokelab` binary as a user runs it: output, exit codes, every `--dump`, `--only`,
//! `--engine interp` and `--emit-wasm`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/examples").join(name)
}

fn invokelab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_invokelab")).args(args).output().expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const FIB_OUTPUT: &str = "6765\n500500\n111\n[1, 1, 2, 3, 5, 8, 13, 21, 34, 55]\n";

#[test]
fn runs_a_program_on_both_engines() {
    let path = example("fib_loops.jl");
    for engine in ["wasm", "interp"] {
        let out = invokelab(&["run", path.to_str().unwrap(), "--engine", engine]);
        assert!(out.status.success(), "{engine}: {}", text(&out.stderr));
        assert_eq!(text(&out.stdout), FIB_OUTPUT, "{engine}");
    }
}

#[test]
fn an_error_exits_with_1_and_keeps_earlier_output() {
    let dir = tempdir("error");
    let file = dir.join("prog.jl");
    std::fs::write(&file, "println(\"before\")\n1 ÷ 0\n").unwrap();
    let out = invokelab(&["run", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "before\n");
    assert!(
        text(&out.stderr).starts_with("ERROR: DivideError: integer division error\n"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_missing_file_exits_with_2() {
    let out = invokelab(&["run", "/nonexistent/prog.jl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read /nonexistent/prog.jl"));
}

#[test]
fn every_dump_prints_a_section_per_code_instance() {
    let path = example("fib_loops.jl");
    let path = path.to_str().unwrap();
    let dump = |kind: &str| {
        let out = invokelab(&["run", path, "--dump", kind, "--only", "fib"]);
        assert!(out.status.success());
        assert_eq!(text(&out.stdout), FIB_OUTPUT, "a dump does not change the output");
        text(&out.stderr)
    };
    let lowered = dump("lowered");
    assert!(lowered.starts_with("## fib(::Int64)\nCodeInfo(\n"), "{lowered}");
    assert!(lowered.contains("dynamic"), "{lowered}");
    let typed = dump("typed");
    assert!(typed.contains("::Core.Const(<)"), "unoptimized IR shows constants: {typed}");
    assert!(typed.ends_with(") => Int64\n"), "{typed}");
    let optimized = dump("optimized");
    // fib after tailrec (the loop at #2), unroll (the copy's loop at #5) and peel (the copy's
    // own call tests `n < 2` first, and a stack check stands for the call it skips).
    assert!(optimized.contains("invoke fib(%18::Int64)::Int64"), "{optimized}");
    assert!(optimized.contains("intrinsic Base.slt_int(%2, 2)::Bool"), "{optimized}");
    assert!(optimized.contains("$(Expr(:stack_check))"), "{optimized}");
    let passes = dump("passes");
    for pass in [
        "resolve_invokes",
        "inline",
        "const_fold",
        "dce",
        "simplify_cfg",
        "tailrec",
        "unroll",
        "peel",
        "compact",
    ] {
        assert!(passes.contains(&format!("### after {pass} (")), "{pass} missing: {passes}");
    }
    let wat = dump("wat");
    assert!(wat.contains("(module"), "{wat}");
    assert!(wat.contains("call_indirect") || wat.contains("call $fib"), "fib calls itself: {wat}");
    assert_eq!(wat.matches("## ").count(), 1, "--only keeps fib's section alone: {wat}");
}

/// Constants print as Julia's `show` prints them: a CodeInstance by its label, a builtin by its
/// name, and (in the pass view, where constants are widened) a builtin's own type.
#[test]
fn constant_code_instances_and_builtins_print_as_julia_shows_them() {
    let path = example("invoke_codeinstance.jl");
    let path = path.to_str().unwrap();
    let dump = |kind: &str| {
        let out = invokelab(&["run", path, "--dump", kind, "--only", "ring"]);
        assert!(out.status.success());
        text(&out.stderr)
    };
    let typed = dump("typed");
    assert!(typed.contains("Main.invoke::Core.Const(invoke)"), "{typed}");
    assert!(
        typed.contains("Main.area_ci::Core.Const(CodeInstance for MethodInstance for area(::Float64))"),
        "{typed}"
    );
    assert!(!typed.contains("Const(ci"), "{typed}");
    let passes = dump("passes");
    assert!(passes.contains("Main.invoke::typeof(invoke)"), "{passes}");
    assert!(!passes.contains("IntrinsicFunction"), "{passes}");
}

/// `--remarks`: per call site of the program's own code, in source order, why a call was not
/// inlined (the policy's reason), dispatches at run time (the arguments that are not concrete,
/// and where each came from) or returns `Any`.
#[test]
fn remarks_say_why_calls_were_not_inlined_or_are_dynamic() {
    let dir = tempdir("remarks");
    let path = dir.join("remarks.jl");
    std::fs::write(
        &path,
        "@noinline pos(x) = x < 0 ? 0 : x\nh(v) = v[1] + 1\n\
         g(x) = h(Any[pos(x)])\nprintln(g(3.5))\nfib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)\nfib(5)\n",
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let out = invokelab(&["run", path, "--remarks"]);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), "4.5\n", "remarks do not change the output");
    let remarks = text(&out.stderr);
    assert!(
        remarks.contains(
            "## g(::Float64)\nremarks.jl:3: h(::Vector{Any}) not inlined: too costly (1020 > 100); \
             result is Any: h(::Vector{Any}) is inferred to return Any\n\
             remarks.jl:3: pos(::Float64) not inlined: @noinline\n"
        ),
        "{remarks}"
    );
    // The argument that is not concrete, the statement it came from, and why the result is Any.
    assert!(
        remarks.contains(
            "remarks.jl:2: dynamic call of +: argument 1 is Any (from `v[1]` at remarks.jl:2); \
             result is Any: 7 methods may match, more than inference looks at (max_methods = 3)\n"
        ),
        "{remarks}"
    );
    assert!(remarks.contains("not inlined: the callee is on a recursion cycle with the caller"), "{remarks}");
    assert!(!remarks.contains("## println("), "only the program's own code: {remarks}");
    let never = text(&invokelab(&["run", path, "--remarks", "--inline", "never", "--only", "g"]).stderr);
    assert!(never.contains("h(::Vector{Any}) not inlined: inlining is off"), "{never}");
}

/// `--dump invalidations`: per definition that capped CodeInstances, SnoopCompile's summary and
/// the tree of capped callers with their world ranges.
#[test]
fn dump_invalidations_prints_the_trees() {
    let dir = tempdir("invalidations");
    let path = dir.join("inval.jl");
    std::fs::write(
        &path,
        "f(x::Real) = x + 1\n@noinline g(x) = f(x) * 2\nh(x) = g(x) + 1\nprintln(h(1))\n\
         f(x::Int64) = x - 1\nprintln(h(1))\nconst K = 10\nscale(x) = x * K\nprintln(scale(2))\n\
         const K = 20\nprintln(scale(2))\n",
    )
    .unwrap();
    let out = invokelab(&["run", path.to_str().unwrap(), "--dump", "invalidations"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "5\n1\n20\n40\n", "the dump does not change the output");
    let dump = text(&out.stderr);
    // The world numbers depend on the prelude; compare the text with them replaced by W.
    let shape = replace_numbers_after(&dump, &["world ", "worlds ", "W:"]);
    assert!(
        shape.contains(
            "inserting f(x::Int64) @ Main inval.jl:5 in world W, capped at world W, invalidated:\n   \
             backedges: 1: superseding f(x::Real) @ Main inval.jl:1 with MethodInstance for f(::Int64) (2 children)\n\
             MethodInstance for f(::Int64) (2 children)\n \
             MethodInstance for g(::Int64) (worlds W:W, called f(::Int64)) (1 children)\n  \
             MethodInstance for h(::Int64) (worlds W:W) (0 children)\n"
        ),
        "{dump}"
    );
    assert!(
        shape.contains(
            "redefining const Main.K in world W, capped at world W, invalidated:\n   \
             binding: 1: Main.K, read by 1 CodeInstance(s) (1 children)\n\
             Main.K (1 children)\n MethodInstance for scale(::Int64) (worlds W:W) (0 children)\n"
        ),
        "{dump}"
    );
    // The capped world is the one before the definition's.
    let world = |prefix: &str| -> u64 {
        let at = dump.find(prefix).unwrap() + prefix.len();
        dump[at..].chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap()
    };
    assert_eq!(world("inval.jl:5 in world "), world("capped at world ") + 1, "{dump}");
    let quiet = invokelab(&["run", example("fib_loops.jl").to_str().unwrap(), "--dump", "invalidations"]);
    assert_eq!(text(&quiet.stderr), "no definition invalidated any CodeInstance\n");
}

/// `--dump precompile`: a `precompile(Tuple{...})` per MethodInstance of Base that ran, in the
/// order they first ran, each once; none that names the program's own types or functions.
#[test]
fn dump_precompile_lists_the_base_signatures_that_ran() {
    let dir = tempdir("precompile");
    let path = dir.join("pc.jl");
    std::fs::write(
        &path,
        "struct P\n    x::Int\nend\nf(p) = p.x + 1\nprintln(f(P(1)))\nprintln([1, 2])\nprintln(P(3))\nprintln([1, 2])\n",
    )
    .unwrap();
    let out = invokelab(&["run", path.to_str().unwrap(), "--dump", "precompile"]);
    assert_eq!(text(&out.stdout), "2\n[1, 2]\nP(3)\n[1, 2]\n");
    let dump = text(&out.stderr);
    let lines: Vec<&str> = dump.lines().collect();
    assert!(lines.contains(&"precompile(Tuple{typeof(println), Vector{Int64}})"), "{dump}");
    assert!(lines.iter().all(|l| l.starts_with("precompile(Tuple{")), "{dump}");
    // `f(::P)` and `show(::IO, ::P)` ran too, but name the program's function and type.
    assert!(!dump.contains("typeof(f)") && !dump.contains(", P}") && !dump.contains(", P,"), "{dump}");
    let mut unique = lines.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), lines.len(), "each signature once: {dump}");
}

/// `text` with every run of digits that follows one of `prefixes` replaced by `W`.
fn replace_numbers_after(text: &str, prefixes: &[&str]) -> String {
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && prefixes.iter().any(|p| out.ends_with(p)) {
            out.push('W');
            rest = &rest[digits..];
            continue;
        }
        let c = rest.chars().next().unwrap();
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[test]
fn emit_wasm_writes_valid_modules_named_after_methods() {
    let dir = tempdir("emit");
    let out =
        invokelab(&["run", example("fib_loops.jl").to_str().unwrap(), "--emit-wasm", dir.to_str().unwrap()]);
    assert!(out.status.success());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.iter().any(|n| n.ends_with("-fib.wasm")), "{names:?}");
    assert!(names.iter().any(|n| n.ends_with("-sum_to.wasm")), "{names:?}");
    for name in &names {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        wasmparser::Validator::new().validate_all(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn invalid_utf8_is_a_parse_error_at_the_first_bad_byte() {
    let dir = tempdir("utf8");
    let file = dir.join("bad.jl");
    std::fs::write(&file, b"println(1)\nx = \"\xe2\x88\x80\" * \xff\xfe\n".as_slice()).unwrap();
    let out = invokelab(&["run", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        "ERROR: ParseError:\n# Error @ bad.jl:2:11\nprintln(1)\nx = \"∀\" * \u{fffd}\u{fffd}\n#         ╙ ── invalid UTF-8 sequence\n"
    );
}

fn tempdir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("invokelab-cli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn dumps_and_emitted_modules_cover_plugin_code_instances() {
    let dir = tempdir("plugin");
    let file = dir.join("plugin.jl");
    std::fs::write(&file, "twice(x) = 2 * x\nprintln(with_new_compiler(twice, 21))\n").unwrap();
    let file = file.to_str().unwrap();
    let out = invokelab(&["run", file, "--dump", "optimized", "--only", "twice"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "42\n");
    let dump = text(&out.stderr);
    assert!(dump.contains("## twice(::Int64) [owner SplitCacheOwner(0)]\nCodeInfo(\n"), "{dump}");
    let wat = text(&invokelab(&["run", file, "--dump", "wat", "--only", "twice"]).stderr);
    assert!(wat.contains("## twice(::Int64) [owner SplitCacheOwner(0)]\n(module"), "{wat}");
    let modules = dir.join("modules");
    let out = invokelab(&["run", file, "--emit-wasm", modules.to_str().unwrap()]);
    assert!(out.status.success());
    let names: Vec<String> = std::fs::read_dir(&modules)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().any(|n| n.ends_with("-twice_SplitCacheOwner_0_.wasm")), "{names:?}");
    for name in &names {
        let bytes = std::fs::read(modules.join(name)).unwrap();
        wasmparser::Validator::new().validate_all(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

/// The benchmarks run and agree with their native versions (each engine result is checked
/// against the Rust kernel's): one line per kernel with two ratios, then the invoke loop and
/// the front half, then a ratio per scale shape.
#[test]
fn bench_quick_prints_a_ratio_per_kernel() {
    let out = invokelab(&["bench", "--quick"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for kernel in ["fib(30)", "sum loop to 10^8", "mandelbrot 200x200"] {
        let line = stdout.lines().find(|l| l.starts_with(kernel)).unwrap_or_else(|| panic!("{stdout}"));
        assert_eq!(line.matches('x').count() - usize::from(kernel.contains('x')), 2, "{line}");
    }
    assert!(stdout.contains("invoke(mysin, mysin_ci, x) loop"), "{stdout}");
    assert!(stdout.contains("front half per CodeInstance"), "{stdout}");
    for shape in ["many calls from main", "call chain", "define, call, repeat"] {
        let line = stdout.lines().find(|l| l.starts_with(shape)).unwrap_or_else(|| panic!("{stdout}"));
        assert!(line.contains('x'), "no ratio: {line}");
    }
}

#[test]
fn output_streams_while_the_program_runs() {
    use std::io::{BufRead, BufReader};
    let dir = tempdir("stream");
    let file = dir.join("forever.jl");
    // Runs until its (default) step budget is spent, far longer than the test waits.
    std::fs::write(&file, "function f()\n    i = 0\n    while true\n        i += 1\n        println(\"line \", i)\n    end\nend\nf()\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_invokelab"))
        .args(["run", file.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the binary runs");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().and_then(|l| l.ok());
    let second = lines.next().and_then(|l| l.ok());
    child.kill().ok();
    child.wait().ok();
    assert_eq!(first.as_deref(), Some("line 1"), "the first line arrives before the program ends");
    assert_eq!(second.as_deref(), Some("line 2"));
}

#[test]
fn code_wasm_prints_the_module_on_both_engines() {
    let dir = tempdir("code_wasm");
    let file = dir.join("w.jl");
    std::fs::write(&file, "g(x) = x * 2\n@code_wasm g(3)\n").unwrap();
    for engine in ["wasm", "interp"] {
        let out = invokelab(&["run", file.to_str().unwrap(), "--engine", engine]);
        assert!(out.status.success(), "{engine}: {}", text(&out.stderr));
        let stdout = text(&out.stdout);
        assert!(stdout.starts_with("(module"), "{engine}: {stdout}");
        assert!(stdout.contains("i64.mul"), "{engine}: {stdout}");
    }
}
