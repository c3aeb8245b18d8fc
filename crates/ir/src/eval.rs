//! Evaluation of the intrinsics (`BuiltinKind::Intrinsic` entries of the builtin table) on
//! run-time bits values, exactly as Julia's LLVM codegen computes them (src/intrinsics.cpp,
//! src/runtime_intrinsics.c), plus a `ConstValue` wrapper for constant folding.
//!
//! It does not evaluate builtins (those need the heap: the runtime's job) and never calls the
//! platform's math library: transcendental functions come from the `libm` crate so results are
//! bit-identical natively and in wasm32.
//!
//! Calling convention: the conversion intrinsics (`sitofp`, `uitofp`, `fptosi`, `fptoui`,
//! `bitcast`) take their target type as `type_arg` and only the converted value in `args`
//! (Julia's first argument, the type, is a constant the caller resolves to a `Ty`). Every other
//! intrinsic takes `type_arg == None` and all its arguments in `args`.

use types::{ConstValue, Ty};

use crate::{Builtin, RtValue};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IntrinsicError {
    /// `DivideError: integer division error`: a zero divisor, or `typemin ÷ -1`.
    DivideError,
    /// Wrong number or kinds of arguments (a bug in the caller, or a misuse that Julia would
    /// reject as `TypeError`/`ErrorException`); the string names what was expected.
    BadArguments(&'static str),
    /// Not an intrinsic.
    NotIntrinsic,
}

/// Evaluates intrinsic `b` (see the module docs for `type_arg`).
pub fn eval_intrinsic(b: Builtin, args: &[RtValue], type_arg: Option<Ty>) -> Result<RtValue, IntrinsicError> {
    use Builtin as B;
    if !b.is_intrinsic() {
        return Err(IntrinsicError::NotIntrinsic);
    }
    match b {
        B::Sitofp | B::Uitofp | B::Fptosi | B::Fptoui | B::Bitcast => {
            let ty = type_arg.ok_or(IntrinsicError::BadArguments("a target type"))?;
            let [x] = args else { return Err(IntrinsicError::BadArguments("one value to convert")) };
            convert(b, ty, *x)
        }
        _ if type_arg.is_some() => Err(IntrinsicError::BadArguments("no type argument")),
        B::AddInt | B::SubInt | B::MulInt | B::AndInt | B::OrInt | B::XorInt => int_binary(b, args),
        B::CheckedSdivInt | B::CheckedSremInt | B::CheckedUdivInt | B::CheckedUremInt => {
            int_division(b, args)
        }
        B::NegInt | B::NotInt => int_unary(b, args),
        B::ShlInt | B::LshrInt | B::AshrInt => shift(b, args),
        B::EqInt | B::NeInt | B::SltInt | B::SleInt | B::UltInt | B::UleInt => int_compare(b, args),
        B::AddFloat
        | B::SubFloat
        | B::MulFloat
        | B::DivFloat
        | B::RemFloat
        | B::CopysignFloat
        | B::PowLibm => {
            let (x, y) = two_floats(args)?;
            Ok(RtValue::Float(float_binary(b, x, y)))
        }
        B::EqFloat | B::NeFloat | B::LtFloat | B::LeFloat => {
            let (x, y) = two_floats(args)?;
            let r = match b {
                B::EqFloat => x == y,
                B::NeFloat => x != y,
                B::LtFloat => x < y,
                _ => x <= y,
            };
            Ok(RtValue::Bool(r))
        }
        _ => {
            let [RtValue::Float(x)] = args else { return Err(IntrinsicError::BadArguments("one Float64")) };
            float_unary(b, *x).map(RtValue::Float)
        }
    }
}

/// Constant folding: `None` if the intrinsic throws or the arguments are not bits constants.
/// Conversions take the target type as their first argument, a `ConstValue::Type`, as in IR.
pub fn fold_intrinsic(b: Builtin, args: &[ConstValue]) -> Option<ConstValue> {
    let (type_arg, rest) = match b {
        Builtin::Sitofp | Builtin::Uitofp | Builtin::Fptosi | Builtin::Fptoui | Builtin::Bitcast => {
            let (first, rest) = args.split_first()?;
            (Some(first.as_type()?), rest)
        }
        _ => (None, args),
    };
    let values: Option<Vec<RtValue>> = rest.iter().map(const_to_rt).collect();
    match eval_intrinsic(b, &values?, type_arg).ok()? {
        RtValue::Int(i) => Some(ConstValue::Int(i)),
        RtValue::UInt(u) => Some(ConstValue::UInt(u)),
        RtValue::Float(f) => Some(ConstValue::float(f)),
        RtValue::Bool(x) => Some(ConstValue::Bool(x)),
        RtValue::Ref(_) => None,
    }
}

/// A bits constant as a run-time value.
pub fn const_to_rt(c: &ConstValue) -> Option<RtValue> {
    match c {
        ConstValue::Int(i) => Some(RtValue::Int(*i)),
        ConstValue::UInt(u) => Some(RtValue::UInt(*u)),
        ConstValue::Float(f) => Some(RtValue::Float(f.0)),
        ConstValue::Bool(b) => Some(RtValue::Bool(*b)),
        _ => None,
    }
}

/// An integer operand's bits, and whether it is unsigned.
#[derive(Clone, Copy)]
enum IntKind {
    Signed,
    Unsigned,
    Bool,
}

fn int_bits(v: RtValue) -> Option<(u64, IntKind)> {
    match v {
        RtValue::Int(i) => Some((i as u64, IntKind::Signed)),
        RtValue::UInt(u) => Some((u, IntKind::Unsigned)),
        RtValue::Bool(b) => Some((b as u64, IntKind::Bool)),
        _ => None,
    }
}

/// The result kind of a two-operand integer intrinsic: unsigned if either operand is.
fn join_kind(a: IntKind, b: IntKind) -> IntKind {
    match (a, b) {
        (IntKind::Bool, IntKind::Bool) => IntKind::Bool,
        (IntKind::Unsigned, _) | (_, IntKind::Unsigned) => IntKind::Unsigned,
        _ => IntKind::Signed,
    }
}

fn make_int(bits: u64, kind: IntKind) -> RtValue {
    match kind {
        IntKind::Signed => RtValue::Int(bits as i64),
        IntKind::Unsigned => RtValue::UInt(bits),
        IntKind::Bool => RtValue::Bool(bits & 1 == 1),
    }
}

fn two_ints(args: &[RtValue]) -> Result<(u64, u64, IntKind), IntrinsicError> {
    let bad = IntrinsicError::BadArguments("two integers");
    let [a, b] = args else { return Err(bad) };
    let ((x, ka), (y, kb)) = (int_bits(*a).ok_or(bad)?, int_bits(*b).ok_or(bad)?);
    Ok((x, y, join_kind(ka, kb)))
}

fn int_binary(b: Builtin, args: &[RtValue]) -> Result<RtValue, IntrinsicError> {
    let (x, y, kind) = two_ints(args)?;
    let logical = matches!(b, Builtin::AndInt | Builtin::OrInt | Builtin::XorInt);
    if matches!(kind, IntKind::Bool) && !logical {
        return Err(IntrinsicError::BadArguments("Int64 or UInt64 operands (Bool only for and/or/xor)"));
    }
    // Two's complement: the same bits for Int64 and UInt64.
    let bits = match b {
        Builtin::AddInt => x.wrapping_add(y),
        Builtin::SubInt => x.wrapping_sub(y),
        Builtin::MulInt => x.wrapping_mul(y),
        Builtin::AndInt => x & y,
        Builtin::OrInt => x | y,
        _ => x ^ y,
    };
    Ok(make_int(bits, kind))
}

/// `checked_sdiv_int` throws for a zero divisor and for `typemin ÷ -1`; `checked_srem_int`
/// only for a zero divisor (`typemin % -1 == 0`), as emitted in src/intrinsics.cpp.
fn int_division(b: Builtin, args: &[RtValue]) -> Result<RtValue, IntrinsicError> {
    let (x, y, kind) = two_ints(args)?;
    if matches!(kind, IntKind::Bool) {
        return Err(IntrinsicError::BadArguments("Int64 or UInt64 operands"));
    }
    if y == 0 {
        return Err(IntrinsicError::DivideError);
    }
    let bits = match b {
        Builtin::CheckedSdivInt => {
            let (x, y) = (x as i64, y as i64);
            x.checked_div(y).ok_or(IntrinsicError::DivideError)? as u64
        }
        Builtin::CheckedSremInt => (x as i64).wrapping_rem(y as i64) as u64,
        Builtin::CheckedUdivInt => x / y,
        _ => x % y,
    };
    Ok(make_int(bits, kind))
}

fn int_unary(b: Builtin, args: &[RtValue]) -> Result<RtValue, IntrinsicError> {
    let bad = IntrinsicError::BadArguments("one integer");
    let [a] = args else { return Err(bad) };
    let (x, kind) = int_bits(*a).ok_or(bad)?;
    match (b, kind) {
        (Builtin::NotInt, IntKind::Bool) => Ok(RtValue::Bool(x == 0)),
        (Builtin::NotInt, _) => Ok(make_int(!x, kind)),
        (_, IntKind::Bool) => Err(IntrinsicError::BadArguments("Int64 or UInt64 for neg_int")),
        _ => Ok(make_int(x.wrapping_neg(), kind)),
    }
}

/// Shifts keep the kind of the shifted value; the amount is read as unsigned, and amounts of
/// 64 or more give 0 (`shl`, `lshr`) or the sign fill (`ashr`), as Julia's codegen selects
/// instead of LLVM's poison.
fn shift(b: Builtin, args: &[RtValue]) -> Result<RtValue, IntrinsicError> {
    let bad = IntrinsicError::BadArguments("an integer and a shift amount");
    let [a, n] = args else { return Err(bad) };
    let (x, kind) = int_bits(*a).ok_or(bad)?;
    let (n, _) = int_bits(*n).ok_or(bad)?;
    if matches!(kind, IntKind::Bool) {
        return Err(IntrinsicError::BadArguments("Int64 or UInt64 to shift"));
    }
    let bits = match b {
        Builtin::ShlInt if n >= 64 => 0,
        Builtin::ShlInt => x << n,
        Builtin::LshrInt if n >= 64 => 0,
        Builtin::LshrInt => x >> n,
        _ => ((x as i64) >> n.min(63)) as u64,
    };
    Ok(make_int(bits, kind))
}

fn int_compare(b: Builtin, args: &[RtValue]) -> Result<RtValue, IntrinsicError> {
    let (x, y, kind) = two_ints(args)?;
    let equality = matches!(b, Builtin::EqInt | Builtin::NeInt);
    if matches!(kind, IntKind::Bool) && !equality {
        return Err(IntrinsicError::BadArguments("Int64 or UInt64 operands (Bool only for eq/ne)"));
    }
    let r = match b {
        Builtin::EqInt => x == y,
        Builtin::NeInt => x != y,
        Builtin::SltInt => (x as i64) < (y as i64),
        Builtin::SleInt => (x as i64) <= (y as i64),
        Builtin::UltInt => x < y,
        _ => x <= y,
    };
    Ok(RtValue::Bool(r))
}

fn two_floats(args: &[RtValue]) -> Result<(f64, f64), IntrinsicError> {
    match args {
        [RtValue::Float(x), RtValue::Float(y)] => Ok((*x, *y)),
        _ => Err(IntrinsicError::BadArguments("two Float64")),
    }
}

fn float_binary(b: Builtin, x: f64, y: f64) -> f64 {
    match b {
        Builtin::AddFloat => x + y,
        Builtin::SubFloat => x - y,
        Builtin::MulFloat => x * y,
        Builtin::DivFloat => x / y,
        // LLVM `frem` is C's `fmod` (exact, sign of the dividend).
        Builtin::RemFloat => libm::fmod(x, y),
        Builtin::CopysignFloat => x.copysign(y),
        _ => libm::pow(x, y),
    }
}

fn float_unary(b: Builtin, x: f64) -> Result<f64, IntrinsicError> {
    Ok(match b {
        Builtin::NegFloat => -x,
        Builtin::AbsFloat => x.abs(),
        // IEEE square root is correctly rounded everywhere.
        Builtin::SqrtLlvm => x.sqrt(),
        Builtin::FloorLlvm => libm::floor(x),
        Builtin::CeilLlvm => libm::ceil(x),
        Builtin::TruncLlvm => libm::trunc(x),
        // `rint` under the default rounding mode: ties to even.
        Builtin::RintLlvm => libm::rint(x),
        Builtin::SinLibm => libm::sin(x),
        Builtin::CosLibm => libm::cos(x),
        Builtin::TanLibm => libm::tan(x),
        Builtin::ExpLibm => libm::exp(x),
        Builtin::LogLibm => libm::log(x),
        _ => return Err(IntrinsicError::NotIntrinsic),
    })
}

/// Conversions. `fptosi`/`fptoui` of a value out of range (or NaN) is poison in LLVM; Julia
/// only reaches them after a range check (`Int64(x)` throws `InexactError` first), so any
/// result is allowed: this one saturates (`as`), which matches wasm's `trunc_sat`.
fn convert(b: Builtin, ty: Ty, x: RtValue) -> Result<RtValue, IntrinsicError> {
    let bad = IntrinsicError::BadArguments("a conversion between Int64, UInt64 and Float64");
    let r = match (b, ty, x) {
        (Builtin::Sitofp, Ty::FLOAT64, RtValue::Int(i)) => RtValue::Float(i as f64),
        (Builtin::Sitofp, Ty::FLOAT64, RtValue::UInt(u)) => RtValue::Float(u as i64 as f64),
        (Builtin::Uitofp, Ty::FLOAT64, RtValue::UInt(u)) => RtValue::Float(u as f64),
        (Builtin::Uitofp, Ty::FLOAT64, RtValue::Int(i)) => RtValue::Float(i as u64 as f64),
        (Builtin::Fptosi, Ty::INT64, RtValue::Float(f)) => RtValue::Int(f as i64),
        (Builtin::Fptoui, Ty::UINT64, RtValue::Float(f)) => RtValue::UInt(f as u64),
        (Builtin::Bitcast, _, _) => bitcast(ty, x).ok_or(bad)?,
        _ => return Err(bad),
    };
    Ok(r)
}

fn bitcast(ty: Ty, x: RtValue) -> Option<RtValue> {
    let bits = match x {
        RtValue::Int(i) => i as u64,
        RtValue::UInt(u) => u,
        RtValue::Float(f) => f.to_bits(),
        _ => return None,
    };
    match ty {
        Ty::INT64 => Some(RtValue::Int(bits as i64)),
        Ty::UINT64 => Some(RtValue::UInt(bits)),
        Ty::FLOAT64 => Some(RtValue::Float(f64::from_bits(bits))),
        _ => None,
    }
}
