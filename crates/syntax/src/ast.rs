//! The syntax tree. Every node carries the byte span it was parsed from. Nodes say what was
//! written, not what it means: a type annotation is just an `Expr`, `Float64[1, 2]` is an
//! `Index` like `v[1, 2]`, and operators are calls to the function spelled by the operator
//! (`a + b + c` is one `Call` with three arguments, as in Julia). Forms that Julia treats as
//! syntax rather than calls (`=`, `+=`, `&&`, `||`, `::`, `->`, `...`, `a.b`, `?:`, comparison
//! chains) have their own nodes. Definitions (`function`, `f(x) = ...`, `struct`) are parsed
//! into structured nodes so that lowering can pattern-match them directly.

use crate::Span;

/// The top-level statements of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceFile {
    pub stmts: Vec<Expr>,
    pub span: Span,
}

/// A name as written (an identifier or an operator used as a name, like `+`).
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// Statements separated by newlines or `;`.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct Block {
    pub stmts: Vec<Expr>,
    pub span: Span,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

/// How a call was written; only printing cares.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallSyntax {
    /// `f(a, b)`, `+(a, b)`
    Prefix,
    /// `a + b`, `a + b + c`, and juxtaposition `2x` (a call to `*`)
    Infix,
    /// `-x`, `!x`
    Unary,
    /// `f.(a, b)`, the broadcast of `f` (a dotted operator, `a .+ b`, is an `Infix` call of
    /// the function named `.+`).
    Dot,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// Stands in for something that failed to parse; an error has been reported.
    Error,
    /// `x`, `push!`, `φ`, `nothing`, `Inf`, and operators used as values: `(+)`, `f = +`.
    Ident(String),
    /// A decimal integer literal; a `-` written right before it is folded in (`-2`), as Julia
    /// does. Lowering picks `Int64` or `Int128` from the value.
    Int {
        value: i128,
    },
    /// `0x1f`, `0b101`, `0o17`: unsigned, sized by `digits` as Julia does (`0x1f` is a `UInt8`).
    UInt {
        value: u128,
        radix: u32,
        digits: u32,
    },
    /// `1.5`, `1e3`; `single` for a `Float32` literal (`1.5f0`, `1f3`), whose value is
    /// already rounded to Float32.
    Float {
        value: f64,
        single: bool,
    },
    Bool(bool),
    /// `"..."` or `"""..."""` with escapes decoded and triple-quoted text dedented.
    Str {
        parts: Vec<StrPart>,
        triple: bool,
    },
    Char(char),
    /// `:name` (also `:+`).
    Symbol(String),
    /// `end` inside an index, `a[end]`.
    End,
    /// `(1, 2)`, `(1,)`, `()`
    Tuple(Vec<Expr>),
    /// `(a = 1, b = 2)`, `(; a, b = 2)`
    NamedTuple(Vec<Kwarg>),
    /// `[1, 2, 3]`, `[]`
    Vect(Vec<Expr>),
    /// `begin ... end`, `(a; b)`
    Block(Block),
    /// `f(a, xs...; k = 1)`, `a + b`, `-x`, `2x`. Positional arguments may be `Splat`s.
    Call {
        callee: Box<Expr>,
        args: Vec<Expr>,
        kwargs: Vec<Kwarg>,
        syntax: CallSyntax,
    },
    /// A chain of two or more comparisons, `a < b <= c`: `operands.len() == ops.len() + 1`.
    Comparison {
        operands: Vec<Expr>,
        ops: Vec<Ident>,
    },
    /// `Vector{Float64}`, `Union{}`
    Curly {
        callee: Box<Expr>,
        args: Vec<Expr>,
    },
    /// `a[i]`, `a[i, j]`, and typed array literals `Float64[]`, `Float64[1, 2]`.
    Index {
        object: Box<Expr>,
        indices: Vec<Expr>,
    },
    /// `a.b`, `Base.foo`; `Base.:+` has the name `+`.
    Field {
        object: Box<Expr>,
        name: Ident,
    },
    /// `x = e`, `a, b = t`, `v[i] = x`, `p.x = 1`
    Assign {
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `x += e`: `op` is the operator without `=` (`+`, `<<`, `÷`, ...).
    CompoundAssign {
        op: Ident,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    And {
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    Or {
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `c ? a : b`
    Ternary {
        cond: Box<Expr>,
        then_expr: Box<Expr>,
        else_expr: Box<Expr>,
    },
    /// `x::T`, or `::T` with no value.
    Decl {
        value: Option<Box<Expr>>,
        ty: Box<Expr>,
    },
    /// `xs...`
    Splat(Box<Expr>),
    /// `x -> body`, `(x, y) -> body`
    Lambda {
        params: Vec<Param>,
        body: Box<Expr>,
    },
    /// `Vector{T} where T` outside a method signature.
    Where {
        body: Box<Expr>,
        params: Vec<TypeParam>,
    },
    If {
        branches: Vec<IfBranch>,
        else_body: Option<Block>,
    },
    While {
        cond: Box<Expr>,
        body: Block,
    },
    /// `for i in 1:2, j in 1:3 ... end`: several iterators nest, the first outermost.
    For {
        iterators: Vec<ForIterator>,
        body: Block,
    },
    Break,
    Continue,
    Return(Option<Box<Expr>>),
    /// `let x = 1, y; ... end`: each binding is an `Assign`, an `Ident` or a `Decl`.
    Let {
        bindings: Vec<Expr>,
        body: Block,
    },
    /// `global x`, `local x::Int = 1`, `const X = 1`, `global x, y`. Each target is an
    /// `Ident`, a `Decl` or an `Assign`; `const global x = 1` nests.
    VarDecl {
        kind: VarDeclKind,
        targets: Vec<Expr>,
    },
    FunctionDef(Box<FunctionDef>),
    StructDef(Box<StructDef>),
    AbstractTypeDef(Box<AbstractTypeDef>),
    Import(Box<Import>),
    Try(Box<Try>),
    MacroCall(Box<MacroCall>),
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub enum StrPart {
    Literal(String),
    /// `$x` or `$(expr)`
    Interpolation(Expr),
}

/// A keyword argument at a call site (or a named-tuple field).
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub enum Kwarg {
    /// `k = v`, or `; k` which means `k = k`.
    Named { name: Ident, value: Expr, span: Span },
    /// `; kws...`
    Splat { value: Expr, span: Span },
}

/// One parameter of a method or lambda: `x`, `x::T`, `::T`, `y = 2`, `zs...`, `k::Int = 2`.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct Param {
    pub name: Option<Ident>,
    pub ty: Option<Expr>,
    pub default: Option<Expr>,
    pub varargs: bool,
    pub span: Span,
}

/// `T`, `T <: Real`, `T >: Int` in `where` clauses and struct headers.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct TypeParam {
    pub name: Ident,
    pub upper_bound: Option<Expr>,
    pub lower_bound: Option<Expr>,
    pub span: Span,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct IfBranch {
    pub cond: Expr,
    pub body: Block,
    pub span: Span,
}

/// `i in 1:n`, `x ∈ v`, `i = 1:n`, `(a, b) in pairs`
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct ForIterator {
    pub var: Expr,
    pub iterable: Expr,
    pub span: Span,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
pub enum VarDeclKind {
    Global,
    Local,
    Const,
}

/// `function f(x::T, y = 2, zs...; k = 1)::R where {T} ... end`, `f(x) = e`, `function f end`.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct FunctionDef {
    pub name: FunctionName,
    pub params: Vec<Param>,
    pub kwparams: Vec<Param>,
    pub return_type: Option<Expr>,
    pub where_params: Vec<TypeParam>,
    /// `None` for `function f end`, which only declares the function.
    pub body: Option<Block>,
    /// Written `f(x) = e` rather than with `function`.
    pub short_form: bool,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub enum FunctionName {
    /// `f`, `+`, `Base.show` (path `[Base]`), `Base.:+`.
    Named { path: Vec<Ident>, name: Ident },
    /// `function (x) ... end`
    Anonymous,
    /// `(p::Poly)(x) = ...`, `function (::T)(x) ... end`: a method of callable objects of
    /// type `T`, `p` (if named) being the object.
    Callable { this: Box<Param> },
}

/// `struct P <: A; x::Float64; y; end` and `mutable struct`.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct StructDef {
    pub mutable: bool,
    pub name: Ident,
    pub type_params: Vec<TypeParam>,
    pub supertype: Option<Expr>,
    pub fields: Vec<StructField>,
    /// Anything in the body that is not a field (inner constructors); lowering decides.
    pub inner: Vec<Expr>,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct StructField {
    pub name: Ident,
    pub ty: Option<Expr>,
    pub span: Span,
}

/// `abstract type B <: A end`
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct AbstractTypeDef {
    pub name: Ident,
    pub type_params: Vec<TypeParam>,
    pub supertype: Option<Expr>,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Using,
    Import,
}

/// `using X`, `using X.Y, Z`, `using X: a, b`, `import X`. When `names` is not empty there is
/// exactly one path (the module the names come from).
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct Import {
    pub kind: ImportKind,
    pub paths: Vec<ModulePath>,
    pub names: Vec<Ident>,
}

/// `X.Y.Z`, or `..X` relative to the current module (`dots` leading dots).
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct ModulePath {
    pub dots: u32,
    pub segments: Vec<Ident>,
    pub span: Span,
}

/// `try ... catch e ... finally ... end`
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct Try {
    pub body: Block,
    pub catch_var: Option<Ident>,
    pub catch_body: Option<Block>,
    pub finally_body: Option<Block>,
}

/// `@name a b`, `@name(a, b)`, `Base.Experimental.@overlay MT f(x) = 1` (path `[Base,
/// Experimental]`). `name` is written without the `@`. Arguments are parsed as expressions,
/// so `@code_typed optimize=false f(x)` has an `Assign` and a `Call`.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct MacroCall {
    pub path: Vec<Ident>,
    pub name: Ident,
    pub args: Vec<Expr>,
    pub parenthesized: bool,
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }

    pub fn error(span: Span) -> Expr {
        Expr { kind: ExprKind::Error, span }
    }

    /// The identifier's name if this is a plain identifier.
    pub fn as_ident(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::Ident(name) => Some(name),
            _ => None,
        }
    }
}
