//! The table of builtin functions and intrinsics: the operations the engines implement
//! themselves, below every method of the prelude.
//!
//! Intrinsics (`Core.Intrinsics`) are primitive operations on bits values that codegen emits
//! inline; builtins (`Core`) are generic operations on objects, some inline, some through the
//! host. invokelab's own operations (vectors, strings, printing, reflection) are builtins whose
//! names start with `_`. Each entry's position is its `BuiltinId`; append, never reorder.

use types::BuiltinId;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BuiltinKind {
    /// Printed `intrinsic` in typed IR; pure operations on bits values.
    Intrinsic,
    /// Printed `builtin` in typed IR.
    Builtin,
}

pub struct BuiltinDef {
    pub name: &'static str,
    /// The module whose binding the prelude refers to (`Core`, `Base`).
    pub module: &'static str,
    pub kind: BuiltinKind,
    /// Number of arguments, `None` for variadic.
    pub arity: Option<usize>,
}

macro_rules! builtins {
    ($( $variant:ident = ($name:literal, $module:literal, $kind:ident, $arity:expr) ),* $(,)?) => {
        /// A builtin or intrinsic, by name. `Builtin::id` / `Builtin::from_id` convert to the id
        /// that `ConstValue::Builtin` holds.
        #[derive(serde::Serialize, serde::Deserialize, Clone, Copy, PartialEq, Eq, Hash, Debug)]
        #[repr(u16)]
        pub enum Builtin { $( $variant ),* }

        pub const BUILTINS: &[BuiltinDef] = &[
            $( BuiltinDef { name: $name, module: $module, kind: BuiltinKind::$kind, arity: $arity } ),*
        ];

        const ALL: &[Builtin] = &[ $( Builtin::$variant ),* ];
    };
}

builtins! {
    // Integer intrinsics (two's complement, wrapping at the operands' width; Bool for the logical ones).
    AddInt = ("add_int", "Base", Intrinsic, Some(2)),
    SubInt = ("sub_int", "Base", Intrinsic, Some(2)),
    MulInt = ("mul_int", "Base", Intrinsic, Some(2)),
    NegInt = ("neg_int", "Base", Intrinsic, Some(1)),
    CheckedSdivInt = ("checked_sdiv_int", "Base", Intrinsic, Some(2)),
    CheckedSremInt = ("checked_srem_int", "Base", Intrinsic, Some(2)),
    CheckedUdivInt = ("checked_udiv_int", "Base", Intrinsic, Some(2)),
    CheckedUremInt = ("checked_urem_int", "Base", Intrinsic, Some(2)),
    AndInt = ("and_int", "Base", Intrinsic, Some(2)),
    OrInt = ("or_int", "Base", Intrinsic, Some(2)),
    XorInt = ("xor_int", "Base", Intrinsic, Some(2)),
    NotInt = ("not_int", "Base", Intrinsic, Some(1)),
    ShlInt = ("shl_int", "Base", Intrinsic, Some(2)),
    LshrInt = ("lshr_int", "Base", Intrinsic, Some(2)),
    AshrInt = ("ashr_int", "Base", Intrinsic, Some(2)),
    EqInt = ("eq_int", "Base", Intrinsic, Some(2)),
    NeInt = ("ne_int", "Base", Intrinsic, Some(2)),
    SltInt = ("slt_int", "Base", Intrinsic, Some(2)),
    SleInt = ("sle_int", "Base", Intrinsic, Some(2)),
    UltInt = ("ult_int", "Base", Intrinsic, Some(2)),
    UleInt = ("ule_int", "Base", Intrinsic, Some(2)),
    // Float intrinsics (IEEE 754 binary64 or binary32, the operands' type).
    AddFloat = ("add_float", "Base", Intrinsic, Some(2)),
    SubFloat = ("sub_float", "Base", Intrinsic, Some(2)),
    MulFloat = ("mul_float", "Base", Intrinsic, Some(2)),
    DivFloat = ("div_float", "Base", Intrinsic, Some(2)),
    RemFloat = ("rem_float", "Base", Intrinsic, Some(2)),
    NegFloat = ("neg_float", "Base", Intrinsic, Some(1)),
    EqFloat = ("eq_float", "Base", Intrinsic, Some(2)),
    NeFloat = ("ne_float", "Base", Intrinsic, Some(2)),
    LtFloat = ("lt_float", "Base", Intrinsic, Some(2)),
    LeFloat = ("le_float", "Base", Intrinsic, Some(2)),
    AbsFloat = ("abs_float", "Base", Intrinsic, Some(1)),
    CopysignFloat = ("copysign_float", "Base", Intrinsic, Some(2)),
    SqrtLlvm = ("sqrt_llvm", "Base", Intrinsic, Some(1)),
    FloorLlvm = ("floor_llvm", "Base", Intrinsic, Some(1)),
    CeilLlvm = ("ceil_llvm", "Base", Intrinsic, Some(1)),
    TruncLlvm = ("trunc_llvm", "Base", Intrinsic, Some(1)),
    RintLlvm = ("rint_llvm", "Base", Intrinsic, Some(1)),
    // Conversions: the first argument is the target type, as in Julia (`sitofp(Float64, x)`).
    Sitofp = ("sitofp", "Base", Intrinsic, Some(2)),
    Uitofp = ("uitofp", "Base", Intrinsic, Some(2)),
    Fptosi = ("fptosi", "Base", Intrinsic, Some(2)),
    Fptoui = ("fptoui", "Base", Intrinsic, Some(2)),
    Bitcast = ("bitcast", "Base", Intrinsic, Some(2)),
    SextInt = ("sext_int", "Base", Intrinsic, Some(2)),
    ZextInt = ("zext_int", "Base", Intrinsic, Some(2)),
    TruncInt = ("trunc_int", "Base", Intrinsic, Some(2)),
    Fpext = ("fpext", "Base", Intrinsic, Some(2)),
    Fptrunc = ("fptrunc", "Base", Intrinsic, Some(2)),
    // Math functions: computed by the `libm` crate on every target, so results are bit-identical
    // natively and in the browser. Julia implements these in Julia; invokelab does not.
    SinLibm = ("sin_libm", "Base", Intrinsic, Some(1)),
    CosLibm = ("cos_libm", "Base", Intrinsic, Some(1)),
    TanLibm = ("tan_libm", "Base", Intrinsic, Some(1)),
    ExpLibm = ("exp_libm", "Base", Intrinsic, Some(1)),
    LogLibm = ("log_libm", "Base", Intrinsic, Some(1)),
    PowLibm = ("pow_libm", "Base", Intrinsic, Some(2)),
    // Core builtins.
    Egal = ("===", "Core", Builtin, Some(2)),
    Typeof = ("typeof", "Core", Builtin, Some(1)),
    Isa = ("isa", "Core", Builtin, Some(2)),
    Issubtype = ("<:", "Core", Builtin, Some(2)),
    Getfield = ("getfield", "Core", Builtin, Some(2)),
    Setfield = ("setfield!", "Core", Builtin, Some(3)),
    Tuple = ("tuple", "Core", Builtin, None),
    Nfields = ("nfields", "Core", Builtin, Some(1)),
    Throw = ("throw", "Core", Builtin, Some(1)),
    Typeassert = ("typeassert", "Core", Builtin, Some(2)),
    Ifelse = ("ifelse", "Core", Builtin, Some(3)),
    ApplyType = ("apply_type", "Core", Builtin, None),
    ApplyIterate = ("_apply_iterate", "Core", Builtin, None),
    Invoke = ("invoke", "Core", Builtin, None),
    Fieldtype = ("fieldtype", "Core", Builtin, Some(2)),
    // invokelab's own builtins: vectors, strings, printing, reflection, session state.
    VectorNew = ("_vector_new", "Core", Builtin, None),
    VectorLength = ("_vector_length", "Core", Builtin, Some(1)),
    VectorRef = ("_vector_ref", "Core", Builtin, Some(2)),
    VectorSet = ("_vector_set", "Core", Builtin, Some(3)),
    VectorPush = ("_vector_push", "Core", Builtin, Some(2)),
    StringConcat = ("_string", "Core", Builtin, None),
    StringLength = ("_string_length", "Core", Builtin, Some(1)),
    Print = ("_print", "Core", Builtin, None),
    Repr = ("_repr", "Core", Builtin, Some(1)),
    CodeLowered = ("_code_lowered", "Core", Builtin, Some(2)),
    CodeTyped = ("_code_typed", "Core", Builtin, Some(4)),
    // `(f, argtypes, optimize)`: `@code_warntype` (prints it; `nothing`).
    CodeWarntype = ("_code_warntype", "Core", Builtin, Some(4)),
    CodeWasm = ("_code_wasm", "Core", Builtin, Some(2)),
    GetWorldCounter = ("_get_world_counter", "Core", Builtin, Some(0)),
    TlsWorldAge = ("_tls_world_age", "Core", Builtin, Some(0)),
    // `Base.Experimental.@MethodTable MT` lowers to `const MT = Core._method_table(:MT)`.
    MethodTableNew = ("_method_table", "Core", Builtin, Some(1)),
    // The compiler-plugin API (issue 3; SEMANTICS.md §1.3, §3). All run in the session.
    // `(f, args...)`: the MethodInstance a call with these values dispatches to
    // (`jl_method_lookup`), in the task's world. Inference folds it when the argument types
    // are concrete.
    MethodInstanceOf = ("_method_instance", "Core", Builtin, None),
    // `(owner, mi, source_mode::Int64)`: a CodeInstance of `mi` for `owner`, valid in the
    // current world (`Core.OptimizedGenerics.CompilerPlugins.typeinf`). Inference folds it to
    // `Const(ci)` when all three are constant (the mid-inference interpreter switch).
    Typeinf = ("_typeinf", "Core", Builtin, Some(3)),
    // `(f, types::Tuple, owner)`: the cached CodeInstance, inferring and compiling if needed.
    CodeInstanceOf = ("_code_instance", "Core", Builtin, Some(3)),
    // `(f)`: every CodeInstance of every method of `f`, every owner and world, as a Vector{Any}.
    CodeInstancesOf = ("_code_instances", "Core", Builtin, Some(1)),
    // `(sig::Type{<:Tuple})`: the most specific method for `sig` in the task's world.
    Which = ("_which", "Core", Builtin, Some(1)),
    // `(f)`: the methods of `f` visible in the task's world, as a Vector{Any}.
    Methods = ("_methods", "Core", Builtin, Some(1)),
    // `(method, sig::Type{<:Tuple})`: the MethodInstance of `method` for `sig`.
    SpecializeMethod = ("_specialize_method", "Core", Builtin, Some(2)),
    // `(world::UInt64, f, args...)`: call `f` with the task's world set to `world`.
    InvokeInWorld = ("_invoke_in_world", "Core", Builtin, None),
    // `(f, args...)`: call `f` in the newest world.
    InvokeLatest = ("_invokelatest", "Core", Builtin, None),
    // `(x)`: returns `x`; inference sees `Any`.
    InferenceBarrier = ("_inferencebarrier", "Core", Builtin, Some(1)),
    // `(ci)`: forget the CodeInstance's native code (its next call cures it).
    DropNativeCode = ("_drop_native_code", "Core", Builtin, Some(1)),
    // `()`: nanoseconds from a monotonic clock (Julia's `time_ns()`), read through the host.
    TimeNs = ("_time_ns", "Core", Builtin, Some(0)),
    // `()`: a full collection now (`GC.gc()`); `nothing`.
    GcCollect = ("_gc_collect", "Core", Builtin, Some(0)),
    // `()`: `(live bytes, bytes allocated, allocations, gc ns, compile ns)` as Int64s, the
    // counters `Base.gc_live_bytes`, `@allocated` and `@time` read.
    GcStats = ("_gc_stats", "Core", Builtin, Some(0)),
    // `(t0, t1, stats0, stats1)`: prints `@time`'s line (base/timing.jl `time_print`); `nothing`.
    TimePrint = ("_time_print", "Core", Builtin, Some(4)),
    // `(T, fields...)`: `%new(T, fields...)` where `T` is not known when the code is compiled
    // (a closure whose captured values' types inference does not know).
    NewStruct = ("_new", "Core", Builtin, None),
    // `(T, S)`: `typejoin(T, S)`, the nearest common supertype (`TypeStore::typejoin`).
    Typejoin = ("_typejoin", "Core", Builtin, Some(2)),
    // `(v)`: the element type of a vector (`eltype`).
    VectorEltype = ("_vector_eltype", "Core", Builtin, Some(1)),
    // `(T, field types...)`: sets the field types of the struct type `T` just defined, after
    // its name is bound (src/julia-syntax.scm's `Core._typebody!`), so a field's type may
    // mention `T` itself (`next::Union{Node, Nothing}`); `nothing`.
    TypeBody = ("_typebody!", "Core", Builtin, None),
    // `(f, types)`: `Base.return_types(f, types)`, the inferred return type of each method
    // a call with argument types `types` may run, in a `Vector{Any}`.
    ReturnTypes = ("_return_types", "Core", Builtin, Some(2)),
    // `(sig)` or `(f, types)`: `precompile(Tuple{typeof(f), types...})`, inference of the
    // MethodInstance such a call runs, ahead of the call (src/gf.c `jl_compile_hint`); `true`
    // when exactly one method matches.
    Precompile = ("_precompile", "Core", Builtin, None),
    // `(f, types)`: `Base.infer_exception_type(f, types)`, the join of what those methods may
    // throw (`MethodError` too when no method covers every call).
    InferExceptionType = ("_infer_exception_type", "Core", Builtin, Some(2)),
    // `()`: `rethrow()`, the exception being handled unwinds again (`jl_rethrow`).
    Rethrow = ("_rethrow", "Core", Builtin, Some(0)),
    // `()`: `current_exceptions()`'s exceptions, innermost last, as a Vector{Any}.
    CurrentExceptions = ("_current_exceptions", "Core", Builtin, Some(0)),
    // `(i, name)`: the type parameter `i` (`types::TyKind::Param`), as the signature of a
    // method with `where` and the fields of a parametric type are written.
    TypeParam = ("_type_param", "Core", Builtin, Some(2)),
    // `(i)`: the value of the method's static parameter `i` (`Expr(:static_parameter, i)`);
    // inference replaces it by the MethodInstance's, so no engine runs it.
    StaticParameter = ("_static_parameter", "Core", Builtin, Some(1)),
    // `(s, i)`: `iterate(s::String, i)`: the `Char` at byte index `i` and the index after it,
    // or `nothing` past the end.
    StringIterate = ("_string_iterate", "Core", Builtin, Some(2)),
    // `(module, name)`: `function f end`, the generic function `module.name` (made with no
    // methods if the binding is new).
    Function = ("_function", "Core", Builtin, Some(2)),
    // `(s)`: `ncodeunits(s::String)`, its length in bytes.
    StringSizeof = ("_string_sizeof", "Core", Builtin, Some(1)),
    // `(s, i)`: `codeunit(s::String, i)`, the byte at index `i` as a `UInt8`; a `BoundsError`
    // outside `1:ncodeunits(s)`.
    StringCodeunit = ("_string_codeunit", "Core", Builtin, Some(2)),
    // `(s, i, j)`: the `String` of the bytes `i:j` of `s`; `i` and `j + 1` must start
    // characters (the prelude checks, raising Julia's `StringIndexError`).
    StringSubstr = ("_string_substr", "Core", Builtin, Some(3)),
    // `(s, t, i)`: the byte index of the first occurrence of `t` in `s` at or after byte `i`,
    // or 0 (base/strings/search.jl `_search`).
    StringSearch = ("_string_search", "Core", Builtin, Some(3)),
    // `(s)`: `Symbol(s::String)`.
    SymbolNew = ("_symbol", "Core", Builtin, Some(1)),
    // `(s, h::UInt64)`: `hash(s::String, h)` (base/hashing.jl), bit for bit; for a Symbol,
    // its `objectid` (`h` unused).
    StringHash = ("_string_hash", "Core", Builtin, Some(2)),
    // `(s)`: `tryparse(Float64, s)` (base/parse.jl): the number, or `nothing`.
    ParseFloat = ("_parse_float", "Core", Builtin, Some(1)),
    // `(e)`: the text Julia's `showerror` prints for an exception the runtime knows how to show
    // (base/errorshow.jl); the prelude's `showerror(io, e)` fallback.
    ErrorMessage = ("_error_message", "Core", Builtin, Some(1)),
    // `(names, values)`: the named tuple `(; names[1] = values[1], ...)` (a tuple of Symbols
    // and a tuple of values of the same length).
    NamedTupleNew = ("_namedtuple", "Core", Builtin, Some(2)),
    // `(T)`: `fieldnames(T)`, the names of the fields of the struct type `T` as Symbols.
    Fieldnames = ("_fieldnames", "Core", Builtin, Some(1)),
    // `(T)`: `supertype(T)` of a DataType (`Any`'s is `Any`).
    Supertype = ("_supertype", "Core", Builtin, Some(1)),
    // `(T)`: `isconcretetype(T)`, whether values can have exactly this type.
    IsConcreteType = ("_isconcretetype", "Core", Builtin, Some(1)),
    // `(T)`: `isabstracttype(T)`, whether `T` is declared `abstract type`.
    IsAbstractType = ("_isabstracttype", "Core", Builtin, Some(1)),
    // `(v, n)`: sets the length of vector `v` to `n` (base/array.jl `resize!`): new elements are
    // undefined, dropped ones are forgotten; returns `v`.
    VectorResize = ("_vector_resize", "Core", Builtin, Some(2)),
    // `(v, to, from, n)`: moves the `n` elements of `v` at `from` to `to` (1-based; the ranges
    // may overlap, as `unsafe_copyto!` within one array); returns `v`.
    VectorMove = ("_vector_move", "Core", Builtin, Some(4)),
    // `(v)`: a new vector with `v`'s element type and elements, undefined ones included
    // (`copy(v)`).
    VectorCopy = ("_vector_copy", "Core", Builtin, Some(1)),
    // `(x)`: `Core.Typeof(x)` (base/boot.jl), the type dispatch sees for `x`: `Type{T}` for a
    // type `T`, `typeof(x)` otherwise. Lowering declares keyword sorters on it.
    CoreTypeof = ("Typeof", "Core", Builtin, Some(1)),
    // `()`: the next word of `Random.default_rng()` (`rand(UInt64)`).
    RandU64 = ("_rand_u64", "Core", Builtin, Some(0)),
    // `(len)`: the words `rand!` writes over `len` bytes of a vector of bit integers or floats
    // (its bulk path from 64 bytes on), `cld(len, 8)` of them.
    RandBulk = ("_rand_bulk", "Core", Builtin, Some(1)),
    // `()`: `randn()`, a standard normal Float64 from `Random.default_rng()` (Random's ziggurat).
    Randn = ("_randn", "Core", Builtin, Some(0)),
    // `(seed::Integer)`: `Random.seed!(seed)`; `nothing`.
    RandSeed = ("_rand_seed", "Core", Builtin, Some(1)),
    // `(v::Vector{UInt8})`: the `String` of these bytes (`String(v)`); they must be UTF-8.
    StringFromCodeunits = ("_string_from_codeunits", "Core", Builtin, Some(1)),
    // `(T)`: base/arrayshow.jl `typeinfo_implicit(T)`, whether a literal would give element type
    // `T` (so a container of `T`s prints without it); the runtime printer's own rule.
    TypeinfoImplicit = ("_typeinfo_implicit", "Core", Builtin, Some(1)),
    // `(x::Float64, conv::Int64, prec::Int64, alt::Bool)`: the digits of a finite `x >= 0` as
    // stdlib Printf's `%f`, `%e` or `%g` writes them (`conv` the code point of one of those
    // letters or its capital; `alt` the `#` flag), rounded as C's printf rounds.
    FormatFloat = ("_format_float", "Core", Builtin, Some(4)),
    // More of libm's functions of one Float64, as `sin_libm` (`Builtin::libm_unary`).
    Exp2Libm = ("exp2_libm", "Base", Intrinsic, Some(1)),
    Log2Libm = ("log2_libm", "Base", Intrinsic, Some(1)),
    Log10Libm = ("log10_libm", "Base", Intrinsic, Some(1)),
    Log1pLibm = ("log1p_libm", "Base", Intrinsic, Some(1)),
    Expm1Libm = ("expm1_libm", "Base", Intrinsic, Some(1)),
    CbrtLibm = ("cbrt_libm", "Base", Intrinsic, Some(1)),
    AsinLibm = ("asin_libm", "Base", Intrinsic, Some(1)),
    AcosLibm = ("acos_libm", "Base", Intrinsic, Some(1)),
    AtanLibm = ("atan_libm", "Base", Intrinsic, Some(1)),
    SinhLibm = ("sinh_libm", "Base", Intrinsic, Some(1)),
    CoshLibm = ("cosh_libm", "Base", Intrinsic, Some(1)),
    TanhLibm = ("tanh_libm", "Base", Intrinsic, Some(1)),
    // `(y, x)`: `atan(y, x)`.
    Atan2Libm = ("atan2_libm", "Base", Intrinsic, Some(2)),
    // `(s::String)`: writes `s` to the program's standard error (`write(stderr, s)`); `nothing`.
    PrintStderr = ("_print_stderr", "Core", Builtin, Some(1)),
}

impl Builtin {
    pub fn id(self) -> BuiltinId {
        BuiltinId(self as u16 as u32)
    }

    pub fn from_id(id: BuiltinId) -> Option<Builtin> {
        ALL.get(id.index()).copied()
    }

    pub fn from_name(name: &str) -> Option<Builtin> {
        BUILTINS.iter().position(|d| d.name == name).map(|i| ALL[i])
    }

    pub fn def(self) -> &'static BuiltinDef {
        &BUILTINS[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.def().name
    }

    /// Conversions (`sitofp(Float64, x)`, `bitcast(UInt64, x)`) take their target type first.
    pub fn takes_type_arg(self) -> bool {
        matches!(
            self,
            Builtin::Sitofp
                | Builtin::Uitofp
                | Builtin::Fptosi
                | Builtin::Fptoui
                | Builtin::Bitcast
                | Builtin::SextInt
                | Builtin::ZextInt
                | Builtin::TruncInt
                | Builtin::Fpext
                | Builtin::Fptrunc
        )
    }

    /// The libm function a unary math intrinsic (`sin_libm`, `log2_libm`, ...) computes (for
    /// `exp` and `exp2`, Julia's own algorithm: `crate::exp`); every engine calls these (the
    /// wasm engine through the `math1` import), so results agree bit for bit.
    pub fn libm_unary(self) -> Option<fn(f64) -> f64> {
        Some(match self {
            Builtin::SinLibm => libm::sin,
            Builtin::CosLibm => libm::cos,
            Builtin::TanLibm => libm::tan,
            Builtin::ExpLibm => crate::exp::exp,
            Builtin::LogLibm => libm::log,
            Builtin::Exp2Libm => crate::exp::exp2,
            Builtin::Log2Libm => libm::log2,
            Builtin::Log10Libm => libm::log10,
            Builtin::Log1pLibm => libm::log1p,
            Builtin::Expm1Libm => libm::expm1,
            Builtin::CbrtLibm => libm::cbrt,
            Builtin::AsinLibm => libm::asin,
            Builtin::AcosLibm => libm::acos,
            Builtin::AtanLibm => libm::atan,
            Builtin::SinhLibm => libm::sinh,
            Builtin::CoshLibm => libm::cosh,
            Builtin::TanhLibm => libm::tanh,
            _ => return None,
        })
    }

    pub fn is_intrinsic(self) -> bool {
        self.def().kind == BuiltinKind::Intrinsic
    }

    pub fn all() -> &'static [Builtin] {
        ALL
    }
}
