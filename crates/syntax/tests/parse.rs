//! Parser tests: source in, S-expression dump and errors out.

mod common;

use expect_test::{expect, Expect};

fn check(input: &str, expect: Expect) {
    expect.assert_eq(&common::parse_and_dump(input));
}

#[test]
fn literals() {
    check(
        "1\n1_000_000\n0x1f\n0x0001\n0b101\n1.0\n1e-3\n1.5e10\n.5\n1.\ntrue\nfalse\n'a'\n'\\n'\n:name\n:+\nnothing",
        expect![[r#"
            1
            1000000
            0x1f
            0x0001
            0b101
            1.0
            0.001
            15000000000.0
            0.5
            1.0
            true
            false
            'a'
            '\n'
            :name
            :+
            nothing
        "#]],
    );
}

#[test]
fn strings() {
    check(
        r#""hello"
"a\tb\n\\ \" \$ \r \0 \e \x41 \u3b1 \U1F600"
"x = $x, y = $(x + 1)!"
"$name!"
"""
    indented
      more
    """
"""  first line kept
  second"""
"""
  a
"""
"#,
        expect![[r#"
            "hello"
            "a\tb\n\\ \" $ \r \0 \u{1b} A α 😀"
            (string "x = " x ", y = " (call-i x + 1) "!")
            (string name "!")
            (string-s "indented\n  more\n")
            (string-s "  first line kept\nsecond")
            (string-s "  a\n")
        "#]],
    );
}

/// What follows an interpolation is text, whatever it is: non-ASCII, a quote, a non-breaking
/// space, more interpolations (the interpolation's own code is all that is lexed as code).
#[test]
fn text_after_interpolations() {
    check(
        "\"$(1)∀\"\n\"$(x)'s\"\n\"$(x)\u{a0}y\"\n\"$((1 + 2) * (3))é$x∀$(y)'\"\n\"$(f(\")\"))∂\"\n\"\"\"$(1)∀\n  '\"\"\"",
        expect![[r#"
            (string 1 "∀")
            (string x "'s")
            (string x "\u{a0}y")
            (string (call-i (call-i 1 + 2) * 3) "é" x "∀" y "'")
            (string (call f ")") "∂")
            (string-s 1 "∀\n'")
        "#]],
    );
}

#[test]
fn identifiers() {
    check(
        "push!\nφ\nx′\n_tmp\nx₁\nBase.foo\nCore.Compiler.typeinf\nInf\nNaN",
        expect![[r#"
        push!
        φ
        x′
        _tmp
        x₁
        (. Base foo)
        (. (. Core Compiler) typeinf)
        Inf
        NaN
    "#]],
    );
}

#[test]
fn precedence() {
    check(
        "-2^2\n-x^2\na || b && c\n1:n-1\nx::Int = 1\na < b < c\nf(x)[1].y\na + b * c\na * b + c\na + b + c\na - b - c\n2^3^2\n2^-3\n!a && b\n-(x)\n+(1, 2)\n(+)\nf = +\nx -> x + 1\n(x, y) -> x * y\nc ? a : b\na => b\nx |> f\na:s:b\nx...\n1 << 2 + 1\na == b != c\nx isa Int\nx in v\nx ∈ v\nT <: Real\n!x\n~x\n¬x\n-2*x\n2x\n2(x + 1)\n(x - 1)y\n2x^2\na ÷ b % c\nx ⊻ y\nx & y | z\nx \\ y",
        expect![[r#"
            (call - (call-i 2 ^ 2))
            (call - (call-i x ^ 2))
            (|| a (&& b c))
            (call-i 1 : (call-i n - 1))
            (= (:: x Int) 1)
            (comparison a < b < c)
            (. (ref (call f x) 1) y)
            (call-i a + (call-i b * c))
            (call-i (call-i a * b) + c)
            (call-i a + b c)
            (call-i (call-i a - b) - c)
            (call-i 2 ^ (call-i 3 ^ 2))
            (call-i 2 ^ -3)
            (&& (call ! a) b)
            (call - x)
            (call + 1 2)
            +
            (= f +)
            (-> (tuple x) (call-i x + 1))
            (-> (tuple x y) (call-i x * y))
            (? c a b)
            (call-i a => b)
            (call-i x |> f)
            (call-i a : s b)
            (... x)
            (call-i (call-i 1 << 2) + 1)
            (comparison a == b != c)
            (call-i x isa Int)
            (call-i x in v)
            (call-i x ∈ v)
            (call-i T <: Real)
            (call ! x)
            (call ~ x)
            (call ¬ x)
            (call-i -2 * x)
            (call-i 2 * x)
            (call-i 2 * (call-i x + 1))
            (call-i (call-i x - 1) * y)
            (call-i 2 * (call-i x ^ 2))
            (call-i (call-i a ÷ b) % c)
            (call-i x ⊻ y)
            (call-i (call-i x & y) | z)
            (call-i x \ y)
        "#]],
    );
}

#[test]
fn assignments() {
    check(
        "x = 1\nx += 1\nx -= 1\nx *= 2\nx /= 2\nx ÷= 2\nx %= 2\nx ^= 2\nx &= 1\nx |= 1\nx <<= 1\nx >>= 1\na = b = c\na, b = t\n(a, b) = t\nv[i] = x\np.x = 1\nx = 1 +\n  2",
        expect![[r#"
            (= x 1)
            (+= x 1)
            (-= x 1)
            (*= x 2)
            (/= x 2)
            (÷= x 2)
            (%= x 2)
            (^= x 2)
            (&= x 1)
            (|= x 1)
            (<<= x 1)
            (>>= x 1)
            (= a (= b c))
            (= (tuple a b) t)
            (= (tuple a b) t)
            (= (ref v i) x)
            (= (. p x) 1)
            (= x (call-i 1 + 2))
        "#]],
    );
}

#[test]
fn calls() {
    check(
        "f(a, b)\nf(a; k=1, j)\nf(a, k=1)\nf(xs...)\nf(; kws...)\nf()\nVector{Float64}\nUnion{Int64, Nothing}\nTuple{Int64, Float64}\nType{Int64}\nUnion{}\nType{<:Tuple}\na[i]\na[i, j]\na[end]\na[end - 1]\nFloat64[]\nFloat64[1, 2]\n[1, 2, 3]\n[]\n(1, 2)\n(1,)\n()\n(a=1, b=2)\n(; a, b=2)\n(a; b)\n(x)\nf(\n  a,\n  b\n)",
        expect![[r#"
            (call f a b)
            (call f a (kw k 1) (kw j j))
            (call f a (kw k 1))
            (call f (... xs))
            (call f (kw... kws))
            (call f)
            (curly Vector Float64)
            (curly Union Int64 Nothing)
            (curly Tuple Int64 Float64)
            (curly Type Int64)
            (curly Union)
            (curly Type (call <: Tuple))
            (ref a i)
            (ref a i j)
            (ref a end)
            (ref a (call-i end - 1))
            (ref Float64)
            (ref Float64 1 2)
            (vect 1 2 3)
            (vect)
            (tuple 1 2)
            (tuple 1)
            (tuple)
            (named-tuple (= a 1) (= b 2))
            (named-tuple (= a a) (= b 2))
            (block a b)
            x
            (call f a b)
        "#]],
    );
}

#[test]
fn functions() {
    check(
        r#"function f(x::T, y=2, zs...; k=1, kw::Int=2) where {T<:Real}
    return x
end
function f end
function (x) x end
function f(x)::Int
    x
end
f(x) = x + 1
f(x)::Int = x
f(x::T) where T = x
f(x, y::Int=2; k) = y
+(a::P, b::P) = P(a.x + b.x)
Base.:+(a, b) = 1
Base.show(x) = nothing
function Base.show(io, x) end
==(a, b) = true
g() = 1
function h(::Int, ::Type{T}) where {S, T<:S} end
"#,
        expect![[r#"
            (function f (params (:: x T) (= y 2) (... zs)) (kwparams (= k 1) (= (:: kw Int) 2)) (where (<: T Real)) (block (return x)))
            (function f)
            (function (anonymous) (params x) (block x))
            (function f (params x) (returns Int) (block x))
            (function= f (params x) (block (call-i x + 1)))
            (function= f (params x) (returns Int) (block x))
            (function= f (params (:: x T)) (where T) (block x))
            (function= f (params x (= (:: y Int) 2)) (kwparams k) (block y))
            (function= + (params (:: a P) (:: b P)) (block (call P (call-i (. a x) + (. b x)))))
            (function= Base.+ (params a b) (block 1))
            (function= Base.show (params x) (block nothing))
            (function Base.show (params io x) (block))
            (function= == (params a b) (block true))
            (function= g (params) (block 1))
            (function h (params (:: Int) (:: (curly Type T))) (where S (<: T S)) (block))
        "#]],
    );
}

#[test]
fn types() {
    check(
        "struct P <: A; x::Float64; y; end\nmutable struct Q\n    a::Int\n    b\nend\nabstract type B <: A end\nabstract type A end\nstruct Point{T<:Real} <: AbstractPoint{T}\n  x::T\n  Point(x) = new{Int}(x)\nend",
        expect![[r#"
            (struct P (<: A) (fields (:: x Float64) y))
            (mutable-struct Q (fields (:: a Int) b))
            (abstract B (<: A))
            (abstract A)
            (struct Point (params (<: T Real)) (<: (curly AbstractPoint T)) (fields (:: x T)) (inner (function= Point (params x) (block (call (curly new Int) x)))))
        "#]],
    );
}

#[test]
fn control_flow() {
    check(
        r#"if a
    1
elseif b
    2
else
    3
end
while i < 10
    i += 1
    continue
end
for i in 1:10
    break
end
for x in v end
for i = 1:n end
for i ∈ v end
for i in 1:2, j in 1:3
    println(i, j)
end
for (a, b) in pairs end
return
return x
return x, y
let x = 1, y
    x
end
let
    1
end
begin
    a
    b
end
try
    f()
catch e
    g(e)
finally
    h()
end
try f() catch; end
"#,
        expect![[r#"
            (if a (block 1) (elseif b (block 2)) (else (block 3)))
            (while (call-i i < 10) (block (+= i 1) (continue)))
            (for (in i (call-i 1 : 10)) (block (break)))
            (for (in x v) (block))
            (for (in i (call-i 1 : n)) (block))
            (for (in i v) (block))
            (for (in i (call-i 1 : 2)) (in j (call-i 1 : 3)) (block (call println i j)))
            (for (in (tuple a b) pairs) (block))
            (return)
            (return x)
            (return (tuple x y))
            (let (bindings (= x 1) y) (block x))
            (let (bindings) (block 1))
            (block a b)
            (try (block (call f)) (catch e (block (call g e))) (finally (block (call h))))
            (try (block (call f)) (catch (block)))
        "#]],
    );
}

#[test]
fn declarations() {
    check(
        "global x\nglobal x = 1\nglobal x, y\nlocal x\nlocal x::Int = 1\nconst X = 1\nconst global Y = 2\nusing X\nusing X.Y\nusing X: a, b\nimport X\nusing Base.Experimental, CompilerDevTools\nusing ..Parent\nusing Base.Experimental: @overlay, @MethodTable",
        expect![[r#"
            (global x)
            (global (= x 1))
            (global x y)
            (local x)
            (local (= (:: x Int) 1))
            (const (= X 1))
            (const (global (= Y 2)))
            (using X)
            (using X.Y)
            (using (: X a b))
            (import X)
            (using Base.Experimental CompilerDevTools)
            (using ..Parent)
            (using (: Base.Experimental @overlay @MethodTable))
        "#]],
    );
}

#[test]
fn macros() {
    check(
        r#"@code_typed f(x)
@code_typed optimize=false f(x)
@code_lowered f(x)
@code_wasm f(1.0)
@noinline function g(x)
    x
end
@inline f(x) = x
@noinline f(x)
Base.Experimental.@MethodTable MT
Base.Experimental.@overlay MT f(x::Float64) = 2x
@assert x == 1 "message"
@show x
@time f(x)
@m(a, b)
@show x -1
@show(x)
y = @noinline f(x)
"#,
        expect![[r#"
            (macrocall @code_typed (call f x))
            (macrocall @code_typed (= optimize false) (call f x))
            (macrocall @code_lowered (call f x))
            (macrocall @code_wasm (call f 1.0))
            (macrocall @noinline (function g (params x) (block x)))
            (macrocall @inline (function= f (params x) (block x)))
            (macrocall @noinline (call f x))
            (macrocall Base.Experimental.@MethodTable MT)
            (macrocall Base.Experimental.@overlay MT (function= f (params (:: x Float64)) (block (call-i 2 * x))))
            (macrocall @assert (call-i x == 1) "message")
            (macrocall @show x)
            (macrocall @time (call f x))
            (macrocall-p @m a b)
            (macrocall @show x -1)
            (macrocall-p @show x)
            (= y (macrocall @noinline (call f x)))
        "#]],
    );
}

#[test]
fn comments_and_separators() {
    check(
        "x = 1 # comment\n#= block #= nested =# still =# y = 2\na; b; c\n\n\n(a\n + b)\n[1,\n 2]",
        expect![[r#"
            (= x 1)
            (= y 2)
            a
            b
            c
            (call-i a + b)
            (vect 1 2)
        "#]],
    );
}

#[test]
fn errors_recover() {
    check(
        "f(x\ny = 2",
        expect![[r#"
            (call f x)
            error 3..3 "": Expected `)`
        "#]],
    );
    check(
        "x = )\ny = 1\nz = (1 2)\nw = 3",
        expect![[r#"
            (= x (error))
            (= y 1)
            (= z 1)
            (= w 3)
            error 4..5 ")": unexpected `)`
            error 4..5 ")": extra tokens after end of expression
            error 18..18 "": Expected `)`
        "#]],
    );
    check(
        "function f(x)\n  x +\nend\ng(1)",
        expect![[r#"
            (function f (params x) (block (call-i x + (error))))
            (call g 1)
            error 20..23 "end": invalid identifier
        "#]],
    );
    check(
        "if x\n  1\n",
        expect![[r#"
            (if x (block 1))
            error 9..9 "": Expected `end`
        "#]],
    );
    check(
        "a = [1 2]\na2 = [1 -2]\na3 = [1 - 2, x[i + 1], y[end -1]]\na4 = [1, 2 -3]\nb = [x for x in v]\nc = x .+ 1\nd = :(a + b)\nmodule M\nend\nprimitive type T 8 end\nx'",
        expect![[r#"
            (= a (call (. Base hcat) 1 2))
            (= a2 (call (. Base hcat) 1 -2))
            (= a3 (vect (call-i 1 - 2) (ref x (call-i i + 1)) (ref y end -1)))
            (= a4 (vect 1 (call-i 2 - 3)))
            (= b (call (. Base collect) (call (. Base Generator) (-> (tuple x) x) v)))
            (= c (call-i x .+ 1))
            (= d (error))
            (error)
            (error)
            x
            error 51..52 "-": typed matrix literals like `T[a b]` are not supported by invokelab yet
            error 105..113 ":(a + b)": quoted expressions `:(...)` are not supported by invokelab yet
            error 114..126 "module M\nend": `module` is not supported by invokelab yet: put definitions at top level
            error 127..149 "primitive type T 8 end": `primitive type` is not supported by invokelab
            error 151..152 "'": the adjoint operator `'` is not supported by invokelab yet
        "#]],
    );
    check(
        "\"unterminated\nx = 1",
        expect![[r#"
            "unterminated\nx = 1"
            error 19..19 "": Unterminated string literal
        "#]],
    );
    check(
        "'ab'\n''\n\"\\q\"\n\"$\"\n1 +\n",
        expect![[r#"
            (error)
            (error)
            ""
            ""
            (call-i 1 + (error))
            error 0..4 "'ab'": character literal contains multiple characters
            error 5..7 "''": empty character literal
            error 9..11 "\\q": invalid string escape sequence
            error 14..15 "$": identifier or parenthesized expression expected after $ in string
            error 21..21 "": premature end of input
        "#]],
    );
    check(
        "x = 1 2\ny = 3\nend\nz = 4",
        expect![[r#"
            (= x 1)
            (= y 3)
            (error)
            (= z 4)
            error 6..7 "2": extra tokens after end of expression
            error 14..17 "end": invalid identifier
        "#]],
    );
    check(
        "a ?b : c\nf (x)\n+= 1\n#= unterminated",
        expect![[r##"
            (? a b c)
            (call f x)
            (error)
            error 3..3 "": space required after `?` operator
            error 10..11 " ": whitespace is not allowed here
            error 15..17 "+=": invalid identifier
            error 18..19 "1": extra tokens after end of expression
            error 20..35 "#= unterminated": unterminated multi-line comment #= ... =#
        "##]],
    );
}

#[test]
fn broadcasting() {
    check(
        "a .+ b .* c\nf.(x, 1)\nx .= y\nx .+= 1\n.-v\na .== b\n@. y = 2x",
        expect![[r#"
            (call-i a .+ (call-i b .* c))
            (dotcall f x 1)
            (call-i x .= y)
            (call-i x .+= 1)
            (call .- v)
            (call-i a .== b)
            (macrocall @. (= y (call-i 2 * x)))
        "#]],
    );
}

#[test]
fn generators() {
    check(
        "a = [x + 1 for x in v if x > 0]\nb = sum(i for (i, c) in e)\nc = Int[x for x in v]\nd = [x * y for x in v, y in w]\ne = [x for x in v for y in w]",
        expect![[r#"
            (= a (call (. Base collect) (call (. Base Generator) (-> (tuple x) (call-i x + 1)) (call (. Base Filter) (-> (tuple x) (call-i x > 0)) v))))
            (= b (call sum (call (. Base Generator) (-> (tuple #arg) (block (= (tuple i c) #arg) i)) e)))
            (= c (call (. Base collect) Int (call (. Base Generator) (-> (tuple x) x) v)))
            (= d (call (. Base collect) (call (. Base Generator) (-> (tuple #arg) (block (= (tuple x y) #arg) (call-i x * y))) (call (. Base _product) v w))))
            (= e (call (. Base collect) (call (. Base _Flatten) (call (. Base Generator) (-> (tuple x) (call (. Base Generator) (-> (tuple y) x) w)) v))))
        "#]],
    );
}

#[test]
fn matrix_literals_are_concatenations() {
    check(
        "[1 2; 3 4]\n[a; b]\n[a b]\n[x -1; f(y) 2x]\n[1 2;]\n[1, 2; 3]\n[1;;]\n[1 2\n 3 4]\n[\n  1\n  2\n]\n[1,\n 2]\n[x\n for x in v]",
        expect![[r#"
            (call (. Base hvcat) (tuple 2 2) 1 2 3 4)
            (call (. Base vcat) a b)
            (call (. Base hcat) a b)
            (call (. Base hvcat) (tuple 2 2) x -1 (call f y) (call-i 2 * x))
            (call (. Base hcat) 1 2)
            (error)
            (error)
            (call (. Base hvcat) (tuple 2 2) 1 2 3 4)
            (call (. Base vcat) 1 2)
            (vect 1 2)
            (call (. Base collect) (call (. Base Generator) (-> (tuple x) x) v))
            error 47..56 "[1, 2; 3]": unexpected comma or generator in a concatenation `[a b; c d]`
            error 57..62 "[1;;]": an empty row in a concatenation `[a b; c d]`
        "#]],
    );
}
