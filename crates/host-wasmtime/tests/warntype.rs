//! `@code_warntype` in colour, as Julia prints it on a terminal (the CLI's `Options::color`
//! when its standard output is one): concrete types cyan, a small union of concrete types
//! bold yellow, any other non-concrete type bold light red; without colour, in capitals.

const PROGRAM: &str = "f(a) = a > 1 ? 1 : 1.0\n@code_warntype f(2)\nh(v) = v[1]\n@code_warntype h(Any[1])\n";

#[test]
fn warntype_colours_types_as_julia_on_a_terminal() {
    let options = runtime::Options { color: true, ..runtime::Options::default() };
    let out = host_wasmtime::run(options, "w.jl", PROGRAM);
    assert!(out.success, "{}", out.stderr);
    let text = out.stdout;
    assert!(text.contains("  a\x1b[36m::Int64\x1b[39m\n"), "{text:?}");
    assert!(text.contains("Body\x1b[33m\x1b[1m::Union{Float64, Int64}\x1b[22m\x1b[39m\n"), "{text:?}");
    assert!(text.contains("Body\x1b[91m\x1b[1m::Any\x1b[22m\x1b[39m\n"), "{text:?}");
    let plain = host_wasmtime::run(runtime::Options::default(), "w.jl", PROGRAM).stdout;
    assert!(plain.contains("Body::UNION{FLOAT64, INT64}\n") && plain.contains("Body::ANY\n"), "{plain}");
    assert!(!plain.contains('\x1b'), "{plain:?}");
}
