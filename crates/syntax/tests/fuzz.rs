//! The parser never panics and never overflows the stack: random bytes, random mixes of
//! Julia tokens, every truncation of realistic programs, and deep nesting. A tiny xorshift
//! generator keeps the test deterministic without a dependency.

const EXAMPLES: &[&str] = &[
    r#"
abstract type Shape end
struct Circle <: Shape
    r::Float64
end
mutable struct Counter
    n::Int
end
area(c::Circle) = 3.14 * c.r^2
function total(shapes::Vector{Shape}; scale=1.0)
    s = 0.0
    for x in shapes, i in 1:2
        s += area(x) * scale
    end
    return s
end
const K = 0x1f
let v = Float64[1, 2]
    push!(v, 3.0)
    println("sum = $(sum(v)) and $K\n")
end
"#,
    r#"
using Base.Experimental: @overlay
Base.Experimental.@MethodTable MT
Base.Experimental.@overlay MT mysin(x::Float64) = cos(x)
@noinline function mysin(x::Float64)
    x > 0 ? sin(x) : -sin(-x)
end
ci = code_instance(mysin, Float64; owner=nothing)
invoke(mysin, ci, 1.0)
@code_typed optimize=false mysin(1.0)
f(x, y=2; k...) = (x, y, k)
g = (a, b) -> a + b
t = (a=1, b=2)
if t.a < 2 && !false || x isa Int
    z = -2^2 + 3x - (1:10)[end]
elseif x ∈ v
    try error("x") catch e; println(e) finally nothing end
else
    while true break end
end
s = """
    triple $x
      quoted
    """
'c'; :sym; #= comment #= nested =# =# x′ = φ
"#,
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Parses and renders every error, checking spans stay inside the source.
fn exercise(source: &str) {
    let parse = syntax::parse(source);
    let _ = syntax::dump(&parse.file);
    let index = syntax::LineIndex::new(source);
    for error in &parse.errors {
        assert!(error.span.start <= error.span.end, "{error:?} in {source:?}");
        assert!(error.span.end as usize <= source.len(), "{error:?} in {source:?}");
        let _ = syntax::render_parse_error("fuzz.jl", source, error);
        let _ = index.line_col(error.span.start);
        let _ = index.line_col_utf16(error.span.end);
    }
}

#[test]
fn every_truncation_of_the_examples() {
    for example in EXAMPLES {
        for (offset, _) in example.char_indices() {
            exercise(&example[..offset]);
            exercise(&example[offset..]);
        }
    }
}

#[test]
fn random_bytes() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let len = rng.below(40);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        exercise(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn random_token_soup() {
    const PIECES: &[&str] = &[
        "x",
        "f",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ",",
        ";",
        "\n",
        " ",
        "=",
        "+=",
        "-",
        "+",
        "*",
        "^",
        "::",
        "->",
        "=>",
        "?",
        ":",
        "...",
        ".",
        "@m",
        "@",
        "$",
        "\"",
        "\"\"\"",
        "'",
        "'a'",
        "1",
        "0x1",
        "1.5",
        "end",
        "function",
        "if",
        "else",
        "elseif",
        "for",
        "in",
        "while",
        "struct",
        "mutable",
        "abstract type",
        "begin",
        "let",
        "try",
        "catch",
        "finally",
        "return",
        "where",
        "const",
        "global",
        "using",
        "&&",
        "||",
        "<:",
        "<",
        "==",
        "!",
        "#",
        "#=",
        "=#",
        "\"$(",
        "\\",
        "φ",
        ".+",
        "do",
        "module",
        "'",
    ];
    let mut rng = Rng(0x1234_5678_9ABC_DEF1);
    for _ in 0..5000 {
        let count = rng.below(30);
        let source: String = (0..count).map(|_| PIECES[rng.below(PIECES.len())]).collect();
        exercise(&source);
    }
}

#[test]
fn deep_nesting_is_reported_not_overflowed() {
    // In a thread with a 1 MiB stack, like a browser's wasm stack.
    let worker = std::thread::Builder::new().stack_size(1 << 20).spawn(|| {
        for piece in
            ["(", "[", "f(", "-", "!", "::", "a || ", "a => ", "2^", "x = ", "begin ", "if x ", "@m ", "\"$("]
        {
            let source = piece.repeat(5000);
            exercise(&source);
            let parse = syntax::parse(&source);
            assert!(parse.errors.iter().any(|e| e.message.contains("nested too deeply")), "{piece}");
        }
    });
    assert!(worker.and_then(|w| w.join().map_err(|_| std::io::Error::other("panicked"))).is_ok());
}

#[test]
fn mutations_of_the_examples() {
    let mut rng = Rng(0x0DDB_A11C_AFE0_0001);
    for _ in 0..2000 {
        let example = EXAMPLES[rng.below(EXAMPLES.len())];
        let mut bytes = example.as_bytes().to_vec();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(bytes.len());
            match rng.below(3) {
                0 => {
                    bytes.remove(at);
                }
                1 => bytes.insert(at, b"()[]{},;=\"'$@:.\n#"[rng.below(17)]),
                _ => bytes[at] = rng.next() as u8,
            }
        }
        exercise(&String::from_utf8_lossy(&bytes));
    }
}
