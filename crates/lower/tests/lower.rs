//! Lowering tests: source in, `@code_lowered`-style text of every body and the diagnostics out.

mod common;

use expect_test::{expect, Expect};

fn check(src: &str, expect: Expect) {
    expect.assert_eq(&common::lower_text(src, false));
}

fn check_thunks(src: &str, expect: Expect) {
    expect.assert_eq(&common::lower_text(src, true));
}

#[test]
fn operator_call_hoists_the_global() {
    check(
        "f(x) = x + 1",
        expect![[r#"
        method 0 f
        CodeInfo(
        1 ─ %1 = Main.:+
        │   %2 =   dynamic (%1)(x, 1)
        └──      return %2
        )
    "#]],
    );
}

#[test]
fn toplevel_assignment_and_read() {
    check_thunks(
        "x = 1\nprintln(x)\nconst C = 2\nglobal g\n",
        expect![[r#"
        thunk 1
        CodeInfo(
        1 ─     Main.x = 1
        └──     return 1
        )
        thunk 2
        CodeInfo(
        1 ─ %1 = Main.println
        │   %2 = Main.x
        │   %3 =   dynamic (%1)(%2)
        └──      return %3
        )
        thunk 3
        CodeInfo(
        1 ─     const Main.C = 2
        └──     return 2
        )
        thunk 4
        CodeInfo(
        1 ─     global Main.g
        └──     return nothing
        )
    "#]],
    );
}

#[test]
fn literals() {
    check(
        r#"f() = (1, 0x10, 2.5, true, "s", :sym, nothing, "a$(x)b")"#,
        expect![[r#"
            method 0 f
            CodeInfo(
            1 ─ %1 = Main.x
            │   %2 =   dynamic Base.string("a", %1, "b")
            │   %3 =   dynamic Core.tuple(1, 0x10, 2.5, true, "s", :sym, nothing, %2)
            └──      return %3
            )
        "#]],
    );
}

#[test]
fn qualified_names() {
    check(
        "f(x) = Base.sin(x) + Core.Compiler.typeinf(x) + Base.Experimental.y + Core.OptimizedGenerics.CompilerPlugins.typeinf(x)",
        expect![[r#"
            method 0 f
            CodeInfo(
            1 ─ %1 = Main.:+
            │   %2 = Base.sin
            │   %3 =   dynamic (%2)(x)
            │   %4 = Base.typeinf
            │   %5 =   dynamic (%4)(x)
            │   %6 = Base.y
            │   %7 = Base.typeinf
            │   %8 =   dynamic (%7)(x)
            │   %9 =   dynamic (%1)(%3, %5, %6, %8)
            └──      return %9
            )
        "#]],
    );
}

#[test]
fn fields_and_indexing() {
    check(
        "function f(p, a, i)\n    p.x = a[i]\n    a[i] = p.y\n    a[end]\n    a[i, end]\nend",
        expect![[r#"
            method 0 f
            CodeInfo(
            1 ─ %1 =   dynamic Base.getindex(a, i)
            │          dynamic Base.setproperty!(p, :x, %1)
            │   %3 =   dynamic Core.getfield(p, :y)
            │          dynamic Base.setindex!(a, %3, i)
            │   %5 =   dynamic Base.lastindex(a)
            │          dynamic Base.getindex(a, %5)
            │   %7 =   dynamic Base.lastindex(a, 2)
            │   %8 =   dynamic Base.getindex(a, i, %7)
            └──      return %8
            )
        "#]],
    );
}

#[test]
fn compound_assignment() {
    check(
        "function f(a, p, i)\n    s = 0\n    s += i\n    a[i] += 1\n    p.x *= 2\n    s\nend",
        expect![[r#"
            method 0 f
            CodeInfo(
            1 ─       s = 0
            │   %2  = Main.:+
            │   %3  =   dynamic (%2)(s, i)
            │         s = %3
            │   %5  =   dynamic Base.getindex(a, i)
            │   %6  = Main.:+
            │   %7  =   dynamic (%6)(%5, 1)
            │           dynamic Base.setindex!(a, %7, i)
            │   %9  =   dynamic Core.getfield(p, :x)
            │   %10 = Main.:*
            │   %11 =   dynamic (%10)(%9, 2)
            │           dynamic Base.setproperty!(p, :x, %11)
            └──       return s
            )
        "#]],
    );
}

#[test]
fn comparison_chain() {
    check(
        "f(a, b, c) = a < b <= c\ng(a, b, c) = a < b < c ? 1 : 2",
        expect![[r#"
        method 0 f
        CodeInfo(
        1 ─ %1 = Main.:<
        │   %2 =   dynamic (%1)(a, b)
        └──      goto #3 if not %2
        2 ─ %4 = Main.:<=
        │   %5 =   dynamic (%4)(b, c)
        │        @_5 = %5
        └──      goto #4
        3 ─      @_5 = false
        4 ┄      return @_5
        )
        method 1 g
        CodeInfo(
        1 ─ %1 = Main.:<
        │   %2 =   dynamic (%1)(a, b)
        └──      goto #4 if not %2
        2 ─ %4 = Main.:<
        │   %5 =   dynamic (%4)(b, c)
        └──      goto #4 if not %5
        3 ─      return 1
        4 ┄      return 2
        )
    "#]],
    );
}

#[test]
fn short_circuit() {
    check(
        "f(a, b) = a && b\ng(a, b) = a || b\nh(a, b) = if a || b; 1; else; 2; end",
        expect![[r#"
            method 0 f
            CodeInfo(
            1 ─     goto #3 if not a
            2 ─     return b
            3 ─     return false
            )
            method 1 g
            CodeInfo(
            1 ─     goto #3 if not a
            2 ─     return true
            3 ─     return b
            )
            method 2 h
            CodeInfo(
            1 ─     goto #3 if not a
            2 ─     goto #4
            3 ─     goto #5 if not b
            4 ┄     return 1
            5 ─     return 2
            )
        "#]],
    );
}

#[test]
fn if_elseif_else_value() {
    check(
        "function f(x)\n    y = if x < 0\n        -x\n    elseif x == 0\n        1\n    else\n        x\n    end\n    return y\nend",
        expect![[r#"
            method 0 f
            CodeInfo(
            1 ─ %1 = Main.:<
            │   %2 =   dynamic (%1)(x, 0)
            └──      goto #3 if not %2
            2 ─ %4 = Main.:-
            │   %5 =   dynamic (%4)(x)
            │        @_4 = %5
            └──      goto #6
            3 ─ %8 = Main.:(==)
            │   %9 =   dynamic (%8)(x, 0)
            └──      goto #5 if not %9
            4 ─      @_4 = 1
            └──      goto #6
            5 ─      @_4 = x
            6 ┄      y = @_4
            └──      return y
            )
        "#]],
    );
}

#[test]
fn tail_if_returns_in_each_branch() {
    check(
        "g(x) = x < 0 ? -x : x\nh(x) = if x; 1; end",
        expect![[r#"
        method 0 g
        CodeInfo(
        1 ─ %1 = Main.:<
        │   %2 =   dynamic (%1)(x, 0)
        └──      goto #3 if not %2
        2 ─ %4 = Main.:-
        │   %5 =   dynamic (%4)(x)
        └──      return %5
        3 ─      return x
        )
        method 1 h
        CodeInfo(
        1 ─     goto #3 if not x
        2 ─     return 1
        3 ─     return nothing
        )
    "#]],
    );
}

#[test]
fn tuples_vectors_splats() {
    check(
        "f(xs) = (1, xs...)\ng(xs) = [1, 2]\nh() = []\nk(f, xs, y) = f(1, xs..., y)\nm() = Float64[1.0, 2.0]\nn() = Vector{Float64}",
        expect![[r#"
            method 0 f
            CodeInfo(
            1 ─ %1 =   dynamic Core.tuple(1)
            │   %2 =   dynamic Core._apply_iterate(Base.iterate, Core.tuple, %1, xs)
            └──      return %2
            )
            method 1 g
            CodeInfo(
            1 ─ %1 =   dynamic Base.vect(1, 2)
            └──      return %1
            )
            method 2 h
            CodeInfo(
            1 ─ %1 =   dynamic Base.vect()
            └──      return %1
            )
            method 3 k
            CodeInfo(
            1 ─ %1 =   dynamic Core.tuple(1)
            │   %2 =   dynamic Core.tuple(y)
            │   %3 =   dynamic Core._apply_iterate(Base.iterate, f, %1, xs, %2)
            └──      return %3
            )
            method 4 m
            CodeInfo(
            1 ─ %1 = Main.Float64
            │   %2 =   dynamic Base.getindex(%1, 1.0, 2.0)
            └──      return %2
            )
            method 5 n
            CodeInfo(
            1 ─ %1 = Main.Vector
            │   %2 = Main.Float64
            │   %3 =   dynamic Core.apply_type(%1, %2)
            └──      return %3
            )
        "#]],
    );
}

#[test]
fn destructuring_and_typeassert() {
    check(
        "function f(t)\n    a, b = t\n    c = a::Int\n    a + b + c\nend",
        expect![[r#"
        method 0 f
        CodeInfo(
        1 ─ %1 =   dynamic Base.getindex(t, 1)
        │        a = %1
        │   %3 =   dynamic Base.getindex(t, 2)
        │        b = %3
        │   %5 = Main.Int
        │   %6 =   dynamic Core.typeassert(a, %5)
        │        c = %6
        │   %8 = Main.:+
        │   %9 =   dynamic (%8)(a, b, c)
        └──      return %9
        )
    "#]],
    );
}

#[test]
fn typed_local() {
    check(
        "function f(x)\n    local y::Float64 = x\n    y = 2\n    y\nend",
        expect![[r#"
        method 0 f
        CodeInfo(
        1 ─ %1 = Main.Float64
        │   %2 =   dynamic Base.convert(%1, x)
        │   %3 =   dynamic Core.typeassert(%2, %1)
        │        y = %3
        │   %5 = Main.Float64
        │   %6 =   dynamic Base.convert(%5, 2)
        │   %7 =   dynamic Core.typeassert(%6, %5)
        │        y = %7
        └──      return y
        )
    "#]],
    );
}

#[test]
fn while_break_continue() {
    check(
        "function f(n)\n    i = 0\n    while i < n\n        i += 1\n        if i == 2\n            continue\n        end\n        if i == 5\n            break\n        end\n    end\n    i\nend",
        expect![[r#"
            method 0 f
            CodeInfo(
            1 ─       i = 0
            2 ┄ %2  = Main.:<
            │   %3  =   dynamic (%2)(i, n)
            └──       goto #8 if not %3
            3 ─ %5  = Main.:+
            │   %6  =   dynamic (%5)(i, 1)
            │         i = %6
            │   %8  = Main.:(==)
            │   %9  =   dynamic (%8)(i, 2)
            └──       goto #5 if not %9
            4 ─       goto #2
            5 ─ %12 = Main.:(==)
            │   %13 =   dynamic (%12)(i, 5)
            └──       goto #7 if not %13
            6 ─       goto #8
            7 ─       goto #2
            8 ┄       return i
            )
        "#]],
    );
}

#[test]
fn counted_range_loop() {
    check(
        "function f(n)\n    s = 0\n    for i in 1:n\n        s += i\n    end\n    s\nend",
        expect![[r#"
            method 0 f
            CodeInfo(
            1 ─       s = 0
            │         @_4 = 1
            │   %3  =   dynamic 1 <= n
            └──       goto #5 if not %3
            2 ┄       i = @_4
            │   %6  = Main.:+
            │   %7  =   dynamic (%6)(s, i)
            └──       s = %7
            3 ─ %9  =   dynamic @_4 < n
            └──       goto #5 if not %9
            4 ─ %11 =   dynamic @_4 + 1
            │         @_4 = %11
            └──       goto #2
            5 ┄       return s
            )
        "#]],
    );
}

#[test]
fn iterate_loop() {
    check(
        "function f(v)\n    s = 0.0\n    for x in v\n        s += x\n    end\n    s\nend",
        expect![[r#"
        method 0 f
        CodeInfo(
        1 ─       s = 0.0
        │   %2  =   dynamic Base.iterate(v)
        │         @_4 = %2
        │   %4  =   dynamic @_4 === nothing
        │   %5  =   dynamic Base.not_int(%4)
        └──       goto #5 if not %5
        2 ┄ %7  =   dynamic Core.getfield(@_4, 1)
        │   %8  =   dynamic Core.getfield(@_4, 2)
        │         x = %7
        │   %10 = Main.:+
        │   %11 =   dynamic (%10)(s, x)
        └──       s = %11
        3 ─ %13 =   dynamic Base.iterate(v, %8)
        │         @_4 = %13
        │   %15 =   dynamic @_4 === nothing
        │   %16 =   dynamic Base.not_int(%15)
        └──       goto #5 if not %16
        4 ─       goto #2
        5 ┄       return s
        )
    "#]],
    );
}

#[test]
fn nested_loops() {
    check(
        "function f()\n    for i in 1:2, j in 1:3\n        println(i, j)\n    end\nend",
        expect![[r#"
        method 0 f
        CodeInfo(
        1 ─       @_2 = 1
        │   %2  =   dynamic 1 <= 2
        └──       goto #9 if not %2
        2 ┄       i = @_2
        │         @_4 = 1
        │   %6  =   dynamic 1 <= 3
        └──       goto #6 if not %6
        3 ┄       j = @_4
        │   %9  = Main.println
        └──         dynamic (%9)(i, j)
        4 ─ %11 =   dynamic @_4 < 3
        └──       goto #6 if not %11
        5 ─ %13 =   dynamic @_4 + 1
        │         @_4 = %13
        └──       goto #3
        6 ┄       goto #7
        7 ─ %17 =   dynamic @_2 < 2
        └──       goto #9 if not %17
        8 ─ %19 =   dynamic @_2 + 1
        │         @_2 = %19
        └──       goto #2
        9 ┄       return nothing
        )
    "#]],
    );
}

#[test]
fn return_forms() {
    check("f() = return\ng(x) = (return x; 1)\nfunction h(x)::Int\n    if x\n        return 1.0\n    end\n    2\nend", expect![[r#"
        method 0 f
        CodeInfo(
        1 ─     return nothing
        )
        method 1 g
        CodeInfo(
        1 ─     return x
        )
        method 2 h
        CodeInfo(
        1 ─      goto #3 if not x
        2 ─ %2 = Main.Int
        │   %3 =   dynamic Base.convert(%2, 1.0)
        │   %4 =   dynamic Core.typeassert(%3, %2)
        └──      return %4
        3 ─ %6 = Main.Int
        │   %7 =   dynamic Base.convert(%6, 2)
        │   %8 =   dynamic Core.typeassert(%7, %6)
        └──      return %8
        )
    "#]]);
}

#[test]
fn let_blocks() {
    check(
        "function f(x)\n    let x = x + 1, y = x\n        x * y\n    end\nend",
        expect![[r#"
        method 0 f
        CodeInfo(
        1 ─ %1 = Main.:+
        │   %2 =   dynamic (%1)(x@_2, 1)
        │        x@_3 = %2
        │        y = x@_3
        │   %5 = Main.:*
        │   %6 =   dynamic (%5)(x@_3, y)
        └──      return %6
        )
    "#]],
    );
}

#[test]
fn default_arguments() {
    check(
        "f(x, y = 2, z = y) = x + y + z",
        expect![[r#"
        method 0 f
        CodeInfo(
        1 ─      y = 2
        │        z = y
        │   %3 =   dynamic (#self#)(x, y, z)
        └──      return %3
        )
        method 1 f
        CodeInfo(
        1 ─      z = y
        │   %2 =   dynamic (#self#)(x, y, z)
        └──      return %2
        )
        method 2 f
        CodeInfo(
        1 ─ %1 = Main.:+
        │   %2 =   dynamic (%1)(x, y, z)
        └──      return %2
        )
    "#]],
    );
}

#[test]
fn keyword_arguments() {
    check_thunks(
        "f(x; k = 1, j = k + x) = x + k + j",
        expect![[r##"
            thunk 1
            CodeInfo(
            1 ─      $(Expr(:method, Main.f, Core.svec(Core.Any), body #0))
            │   %2 = Main.f
            │   %3 =   dynamic Core.Typeof(%2)
            │        $(Expr(:method, Main.var"#f#1", Core.svec(Core.Any, Core.Any, %3, Core.Any), body #1))
            │        $(Expr(:method, Core.kwcall, Core.svec(Core.Tuple, Core.Tuple, %3, Core.Any), body #2))
            │   %6 = Main.f
            └──      return %6
            )
            method 0 f
            CodeInfo(
            1 ─      k = 1
            │   %2 = Main.:+
            │   %3 =   dynamic (%2)(k, x)
            │        j = %3
            │   %5 = Main.var"#f#1"
            │   %6 =   dynamic (%5)(k, j, #self#, x)
            └──      return %6
            )
            method 1 #f#1
            CodeInfo(
            1 ─ %1 = Main.:+
            │   %2 =   dynamic (%1)(x, k, j)
            └──      return %2
            )
            method 2 kwcall
            CodeInfo(
            1 ─ %1  =   dynamic Base._kwhas(#names, :k)
            └──       goto #3 if not %1
            2 ─ %3  =   dynamic Base._kwget(#names, #vals, :k)
            │         k = %3
            └──       goto #4
            3 ─       k = 1
            4 ┄ %7  =   dynamic Base._kwhas(#names, :j)
            └──       goto #6 if not %7
            5 ─ %9  =   dynamic Base._kwget(#names, #vals, :j)
            │         j = %9
            └──       goto #7
            6 ─ %12 = Main.:+
            │   %13 =   dynamic (%12)(k, x)
            └──       j = %13
            7 ┄         dynamic Base._kwcheck(#names, #vals, (:k, :j), _4, x)
            │   %16 = Main.var"#f#1"
            │   %17 =   dynamic (%16)(k, j, _4, x)
            └──       return %17
            )
        "##]],
    );
}

#[test]
fn required_keyword_and_call_with_keywords() {
    check(
        "f(; k) = k\ng(x) = f(x, k = 2)\nh(xs) = f(xs...; k = 1)",
        expect![[r##"
            method 0 f
            CodeInfo(
            1 ─ %1 =   dynamic Base._kwmissing(:k)
            │        k = %1
            │   %3 = Main.var"#f#1"
            │   %4 =   dynamic (%3)(k, #self#)
            └──      return %4
            )
            method 1 #f#1
            CodeInfo(
            1 ─     return k
            )
            method 2 kwcall
            CodeInfo(
            1 ─ %1  =   dynamic Base._kwhas(#names, :k)
            └──       goto #3 if not %1
            2 ─ %3  =   dynamic Base._kwget(#names, #vals, :k)
            │         k = %3
            └──       goto #4
            3 ─ %6  =   dynamic Base._kwmissing(:k)
            └──       k = %6
            4 ┄         dynamic Base._kwcheck(#names, #vals, (:k,), _4)
            │   %9  = Main.var"#f#1"
            │   %10 =   dynamic (%9)(k, _4)
            └──       return %10
            )
            method 3 g
            CodeInfo(
            1 ─ %1 = Main.f
            │   %2 =   dynamic Core.tuple(2)
            │   %3 =   dynamic Core.kwcall((:k,), %2, %1, x)
            └──      return %3
            )
            method 4 h
            CodeInfo(
            1 ─ %1 = Main.f
            │   %2 =   dynamic Core.tuple(1)
            │   %3 =   dynamic Core.tuple((:k,), %2, %1)
            │   %4 =   dynamic Core._apply_iterate(Base.iterate, Core.kwcall, %3, xs)
            └──      return %4
            )
        "##]],
    );
}

#[test]
fn varargs() {
    check_thunks(
        "f(x, ys...) = ys\ng(ys::Int...) = ys",
        expect![[r#"
        thunk 1
        CodeInfo(
        1 ─      $(Expr(:method, Main.f, Core.svec(Core.Any, Core.Any), body #0))
        │   %2 = Main.f
        └──      return %2
        )
        thunk 2
        CodeInfo(
        1 ─ %1 = Main.Int
        │        $(Expr(:method, Main.g, Core.svec(%1), body #1))
        │   %3 = Main.g
        └──      return %3
        )
        method 0 f
        CodeInfo(
        1 ─     return ys
        )
        method 1 g
        CodeInfo(
        1 ─     return ys
        )
    "#]],
    );
}

#[test]
fn method_names() {
    check_thunks(
        "+(a::P, b::P) = 1\nBase.:+(a::P, b::P) = 2\nBase.show(io, p::P) = nothing\nfunction g(::Int) end",
        expect![[r#"
            thunk 1
            CodeInfo(
            1 ─ %1 = Main.P
            │   %2 = Main.P
            │        $(Expr(:method, Main.:+, Core.svec(%1, %2), body #0))
            │   %4 = Main.:+
            └──      return %4
            )
            thunk 2
            CodeInfo(
            1 ─ %1 = Main.P
            │   %2 = Main.P
            │        $(Expr(:method, Base.:+, Core.svec(%1, %2), body #1))
            │   %4 = Base.:+
            └──      return %4
            )
            thunk 3
            CodeInfo(
            1 ─ %1 = Main.P
            │        $(Expr(:method, Base.show, Core.svec(Core.Any, %1), body #2))
            │   %3 = Base.show
            └──      return %3
            )
            thunk 4
            CodeInfo(
            1 ─ %1 = Main.Int
            │        $(Expr(:method, Main.g, Core.svec(%1), body #3))
            │   %3 = Main.g
            └──      return %3
            )
            method 0 +
            CodeInfo(
            1 ─     return 1
            )
            method 1 +
            CodeInfo(
            1 ─     return 2
            )
            method 2 show
            CodeInfo(
            1 ─     return nothing
            )
            method 3 g
            CodeInfo(
            1 ─     return nothing
            )
        "#]],
    );
}

#[test]
fn structs() {
    check_thunks(
        "abstract type A end\nstruct P <: A\n    x::Float64\n    y\nend\nmutable struct M\n    v\nend",
        expect![[r#"
            thunk 1
            CodeInfo(
            1 ─     $(Expr(:abstract_type, Main.A))
            └──     return nothing
            )
            thunk 2
            CodeInfo(
            1 ─ %1 = Main.A
            │   %2 = Main.Float64
            │        $(Expr(:struct_type, Main.P))
            │        $(Expr(:method, Main.P, Core.svec(Core.Any, Core.Any), body #0))
            └──      return nothing
            )
            thunk 3
            CodeInfo(
            1 ─     $(Expr(:struct_type, Main.M))
            │       $(Expr(:method, Main.M, Core.svec(Core.Any), body #1))
            └──     return nothing
            )
            method 0 P
            CodeInfo(
            1 ─ %1 = Main.Float64
            │   %2 =   dynamic Base.convert(%1, x)
            │   %3 = %new(Main.P, %2, y)
            └──      return %3
            )
            method 1 M
            CodeInfo(
            1 ─ %1 = %new(Main.M, v)
            └──      return %1
            )
        "#]],
    );
}

#[test]
fn macros() {
    check_thunks(
        "@code_typed f(1, 2.0)\n@code_typed optimize=false f(x)\n@code_lowered f(1)\n@code_wasm f(1)\n@show x\n@assert x == 1\n@assert x \"msg\"",
        expect![[r#"
            thunk 1
            CodeInfo(
            1 ─ %1 = Main.f
            │   %2 =   dynamic Core.typeof(1)
            │   %3 =   dynamic Core.typeof(2.0)
            │   %4 =   dynamic Core.tuple(%2, %3)
            │   %5 =   dynamic Core._code_typed(%1, %4, true, false)
            └──      return %5
            )
            thunk 2
            CodeInfo(
            1 ─ %1 = Main.f
            │   %2 = Main.x
            │   %3 =   dynamic Core.typeof(%2)
            │   %4 =   dynamic Core.tuple(%3)
            │   %5 =   dynamic Core._code_typed(%1, %4, false, false)
            └──      return %5
            )
            thunk 3
            CodeInfo(
            1 ─ %1 = Main.f
            │   %2 =   dynamic Core.typeof(1)
            │   %3 =   dynamic Core.tuple(%2)
            │   %4 =   dynamic Core._code_lowered(%1, %3)
            └──      return %4
            )
            thunk 4
            CodeInfo(
            1 ─ %1 = Main.f
            │   %2 =   dynamic Core.typeof(1)
            │   %3 =   dynamic Core.tuple(%2)
            │   %4 =   dynamic Core._code_wasm(%1, %3)
            └──      return %4
            )
            thunk 5
            CodeInfo(
            1 ─ %1 = Main.x
            │   %2 =   dynamic Base.repr(%1)
            │          dynamic Base.println("x = ", %2)
            └──      return %1
            )
            thunk 6
            CodeInfo(
            1 ─ %1 = Main.:(==)
            │   %2 = Main.x
            │   %3 =   dynamic (%1)(%2, 1)
            └──      goto #3 if not %3
            2 ─      goto #4
            3 ─ %6 =   dynamic Base.AssertionError("x == 1")
            │          dynamic Core.throw(%6)
            └──      unreachable
            4 ─      return nothing
            )
            thunk 7
            CodeInfo(
            1 ─ %1 = Main.x
            └──      goto #3 if not %1
            2 ─      goto #4
            3 ─ %4 =   dynamic Base.string("msg")
            │   %5 =   dynamic Base.AssertionError(%4)
            │          dynamic Core.throw(%5)
            └──      unreachable
            4 ─      return nothing
            )
        "#]],
    );
}

#[test]
fn inline_annotations() {
    check_thunks(
        "@inline f(x) = x\n@noinline function g(x)\n    x\nend\nh(x) = @noinline f(x)",
        expect![[r#"
        thunk 1
        CodeInfo(
        1 ─      $(Expr(:method, Main.f, Core.svec(Core.Any), body #0))
        │   %2 = Main.f
        └──      return %2
        )
        thunk 2
        CodeInfo(
        1 ─      $(Expr(:method, Main.g, Core.svec(Core.Any), body #1))
        │   %2 = Main.g
        └──      return %2
        )
        thunk 3
        CodeInfo(
        1 ─      $(Expr(:method, Main.h, Core.svec(Core.Any), body #2))
        │   %2 = Main.h
        └──      return %2
        )
        method 0 f
        CodeInfo(
        1 ─     return x
        )
        method 1 g
        CodeInfo(
        1 ─     return x
        )
        method 2 h
        CodeInfo(
        1 ─ %1 = Main.f
        │   %2 =   dynamic (%1)(x)
        └──      return %2
        )
    "#]],
    );
}

#[test]
fn overlays() {
    check_thunks(
        "Base.Experimental.@MethodTable MT\nBase.Experimental.@overlay MT f(x::Float64) = 2x\nusing Base.Experimental",
        expect![[r#"
            thunk 1
            CodeInfo(
            1 ─ %1 =   dynamic Core._method_table(:MT)
            │        const Main.MT = %1
            └──      return %1
            )
            thunk 2
            CodeInfo(
            1 ─ %1 = Main.MT
            │   %2 = Main.Float64
            │        $(Expr(:method, Main.f, Core.svec(%2), body #0))
            │   %4 = Main.f
            └──      return %4
            )
            thunk 3
            CodeInfo(
            1 ─     return nothing
            )
            method 0 f
            CodeInfo(
            1 ─ %1 = Main.:*
            │   %2 =   dynamic (%1)(2, x)
            └──      return %2
            )
        "#]],
    );
}

fn lower(src: &str) -> ir::LoweredProgram {
    let parse = syntax::parse(src);
    lower::lower_program(&parse.file, 7, "Main").0
}

#[test]
fn noinline_call_site_sets_the_flag() {
    let program = lower("h(x) = @noinline f(x)\nk(x) = f(x)");
    let flags = |body: &ir::Body| -> Vec<Option<bool>> {
        body.layout
            .iter()
            .flat_map(|&b| body.blocks[b].insts.clone())
            .filter(|&i| matches!(body.insts[i].kind, ir::InstKind::Call { .. }))
            .map(|i| body.flags.get(i).and_then(|f| f.inline))
            .collect()
    };
    assert_eq!(flags(&program.methods[0].body), vec![Some(false)]);
    assert_eq!(flags(&program.methods[1].body), vec![None]);
}

#[test]
fn inline_definitions_set_methoddef_inline() {
    let program = lower("@inline f(x) = x\n@noinline g(x) = x\nh(x) = x");
    let inline: Vec<Option<bool>> = program
        .thunks
        .iter()
        .flat_map(|t| t.insts.iter().map(|(_, d)| d.kind.clone()))
        .filter_map(|k| match k {
            ir::InstKind::Method(def) => Some(def.inline),
            _ => None,
        })
        .collect();
    assert_eq!(inline, vec![Some(true), Some(false), None]);
}

#[test]
fn every_instruction_and_terminator_has_a_span() {
    let src = "struct P\n    x::Float64\nend\nf(x, y = 2; k = 1) = x + y + k\nfunction g(v)\n    s = 0\n    for x in v\n        s += x\n    end\n    for i in 1:3\n        a, b = (i, i)\n        s += a < b < 3 ? 1 : 0\n    end\n    @assert s > 0\n    s\nend";
    let program = lower(src);
    let bodies = program.thunks.iter().chain(program.methods.iter().map(|m| &m.body));
    for body in bodies {
        for &b in &body.layout {
            let data = &body.blocks[b];
            assert_eq!(data.term_span.file, 7);
            assert!(data.term_span.end > 0, "terminator of {b:?} has no span");
            for &i in &data.insts {
                let span = body.spans.get(i).copied().unwrap_or_default();
                assert!(span.file == 7 && span.end > span.start, "{:?} has no span", body.insts[i].kind);
            }
        }
    }
}
