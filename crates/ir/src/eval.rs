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

use types::{ConstValue, IntFormat, Ty};

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
    if b.takes_type_arg() {
        let ty = type_arg.ok_or(IntrinsicError::BadArguments("a target type"))?;
        let [x] = args else { return Err(IntrinsicError::BadArguments("one value to convert")) };
        return convert(b, ty, *x);
    }
    if type_arg.is_some() {
        return Err(IntrinsicError::BadArguments("no type argument"));
    }
    match b {
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
        | B::PowLibm
        | B::Atan2Libm => match two_floats(args)? {
            Floats::F64(x, y) => Ok(RtValue::Float(float_binary(b, x, y))),
            Floats::F32(x, y) => Ok(float32(float32_binary(b, x, y))),
        },
        B::EqFloat | B::NeFloat | B::LtFloat | B::LeFloat => {
            let (x, y) = match two_floats(args)? {
                Floats::F64(x, y) => (x, y),
                Floats::F32(x, y) => (f64::from(x), f64::from(y)),
            };
            let r = match b {
                B::EqFloat => x == y,
                B::NeFloat => x != y,
                B::LtFloat => x < y,
                _ => x <= y,
            };
            Ok(RtValue::Bool(r))
        }
        _ => match args {
            [RtValue::Float(x)] => float_unary(b, *x).map(RtValue::Float),
            [RtValue::Bits(Ty::FLOAT32, x)] => float32_unary(b, f32::from_bits(*x as u32)).map(float32),
            _ => Err(IntrinsicError::BadArguments("one Float64 or Float32")),
        },
    }
}

fn float32(x: f32) -> RtValue {
    RtValue::Bits(Ty::FLOAT32, u64::from(x.to_bits()))
}

/// Constant folding: `None` if the intrinsic throws or the arguments are not bits constants.
/// Conversions take the target type as their first argument, a `ConstValue::Type`, as in IR.
pub fn fold_intrinsic(b: Builtin, args: &[ConstValue]) -> Option<ConstValue> {
    let (type_arg, rest) = if b.takes_type_arg() {
        let (first, rest) = args.split_first()?;
        (Some(first.as_type()?), rest)
    } else {
        (None, args)
    };
    let values: Option<Vec<RtValue>> = rest.iter().map(const_to_rt).collect();
    rt_to_const(eval_intrinsic(b, &values?, type_arg).ok()?)
}

/// A bits value as a constant (`None` for a reference).
pub fn rt_to_const(v: RtValue) -> Option<ConstValue> {
    match v {
        RtValue::Int(i) => Some(ConstValue::Int(i)),
        RtValue::UInt(u) => Some(ConstValue::UInt(u)),
        RtValue::Float(f) => Some(ConstValue::float(f)),
        RtValue::Bool(x) => Some(ConstValue::Bool(x)),
        RtValue::Bits(ty, bits) => Some(ConstValue::Bits(ty, bits)),
        RtValue::Wide(ty, bits) => Some(ConstValue::Wide(ty, bits)),
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
        ConstValue::Bits(ty, bits) => Some(RtValue::Bits(*ty, *bits)),
        ConstValue::Wide(ty, bits) => Some(RtValue::Wide(*ty, *bits)),
        _ => None,
    }
}

/// The integer of type `ty` (a bit integer type) with these bits (any 128-bit pattern),
/// wrapped to its width.
fn make_int_of(ty: Ty, bits: u128) -> RtValue {
    let bits = ty.int_format().map_or(bits, |f| f.normalize(bits));
    match ty {
        Ty::INT64 => RtValue::Int(bits as i64),
        Ty::UINT64 => RtValue::UInt(bits as u64),
        Ty::INT128 | Ty::UINT128 => RtValue::Wide(ty, bits),
        _ => RtValue::Bits(ty, bits as u64),
    }
}

/// An integer operand: a bit integer of some type, or a Bool.
#[derive(Clone, Copy, PartialEq)]
enum IntKind {
    Int(Ty),
    Bool,
}

impl IntKind {
    fn format(self) -> IntFormat {
        match self {
            IntKind::Int(ty) => ty.int_format().expect("an integer type"),
            IntKind::Bool => IntFormat { bits: 1, signed: false },
        }
    }
}

/// An integer operand's value as 128 bits (sign- or zero-extended by its type) and its kind.
fn int_bits(v: RtValue) -> Option<(u128, IntKind)> {
    match v {
        RtValue::Int(i) => Some((i as i128 as u128, IntKind::Int(Ty::INT64))),
        RtValue::UInt(u) => Some((u128::from(u), IntKind::Int(Ty::UINT64))),
        RtValue::Bits(ty, bits) => {
            let f = ty.int_format()?;
            Some((f.normalize(u128::from(bits)), IntKind::Int(ty)))
        }
        RtValue::Wide(ty, bits) => Some((bits, IntKind::Int(ty))),
        RtValue::Bool(b) => Some((u128::from(b), IntKind::Bool)),
        _ => None,
    }
}

/// The result kind of a two-operand integer intrinsic. Julia's intrinsics take two operands of
/// one type; of two different ones, the unsigned one wins.
fn join_kind(a: IntKind, b: IntKind) -> IntKind {
    match (a, b) {
        (IntKind::Bool, other) | (other, IntKind::Bool) => other,
        (IntKind::Int(x), IntKind::Int(y)) if x != y && x.int_format().is_none_or(|f| f.signed) => {
            IntKind::Int(y)
        }
        (a, _) => a,
    }
}

fn make_int(bits: u128, kind: IntKind) -> RtValue {
    match kind {
        IntKind::Int(ty) => make_int_of(ty, bits),
        IntKind::Bool => RtValue::Bool(bits & 1 == 1),
    }
}

/// `bits` read at `format`'s width as a signed (`sext`) or unsigned (`zext`) 128-bit value.
fn sext(bits: u128, format: IntFormat) -> u128 {
    IntFormat { signed: true, ..format }.normalize(bits)
}

fn zext(bits: u128, format: IntFormat) -> u128 {
    IntFormat { signed: false, ..format }.normalize(bits)
}

fn two_ints(args: &[RtValue]) -> Result<(u128, u128, IntKind), IntrinsicError> {
    let bad = IntrinsicError::BadArguments("two integers");
    let [a, b] = args else { return Err(bad) };
    let ((x, ka), (y, kb)) = (int_bits(*a).ok_or(bad)?, int_bits(*b).ok_or(bad)?);
    Ok((x, y, join_kind(ka, kb)))
}

fn int_binary(b: Builtin, args: &[RtValue]) -> Result<RtValue, IntrinsicError> {
    let (x, y, kind) = two_ints(args)?;
    let logical = matches!(b, Builtin::AndInt | Builtin::OrInt | Builtin::XorInt);
    if matches!(kind, IntKind::Bool) && !logical {
        return Err(IntrinsicError::BadArguments("integer operands (Bool only for and/or/xor)"));
    }
    // Two's complement: the same bits for signed and unsigned, wrapped to the width.
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
        return Err(IntrinsicError::BadArguments("integer operands"));
    }
    let format = kind.format();
    if zext(y, format) == 0 {
        return Err(IntrinsicError::DivideError);
    }
    let bits = match b {
        Builtin::CheckedSdivInt => {
            let (x, y) = (sext(x, format) as i128, sext(y, format) as i128);
            let q = x.checked_div(y).ok_or(IntrinsicError::DivideError)? as u128;
            // `typemin ÷ -1` of a narrower type does not overflow 128 bits, but its width.
            if sext(q, format) != q {
                return Err(IntrinsicError::DivideError);
            }
            q
        }
        Builtin::CheckedSremInt => (sext(x, format) as i128).wrapping_rem(sext(y, format) as i128) as u128,
        Builtin::CheckedUdivInt => zext(x, format) / zext(y, format),
        _ => zext(x, format) % zext(y, format),
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
        (_, IntKind::Bool) => Err(IntrinsicError::BadArguments("an integer for neg_int")),
        _ => Ok(make_int(x.wrapping_neg(), kind)),
    }
}

/// Shifts keep the kind of the shifted value; the amount is read as unsigned, and amounts of
/// the width or more give 0 (`shl`, `lshr`) or the sign fill (`ashr`), as Julia's codegen
/// selects instead of LLVM's poison.
fn shift(b: Builtin, args: &[RtValue]) -> Result<RtValue, IntrinsicError> {
    let bad = IntrinsicError::BadArguments("an integer and a shift amount");
    let [a, n] = args else { return Err(bad) };
    let (x, kind) = int_bits(*a).ok_or(bad)?;
    let (n, n_kind) = int_bits(*n).ok_or(bad)?;
    if matches!(kind, IntKind::Bool) {
        return Err(IntrinsicError::BadArguments("an integer to shift"));
    }
    let n = zext(n, n_kind.format());
    let format = kind.format();
    let width = u128::from(format.bits);
    let bits = match b {
        Builtin::ShlInt if n >= width => 0,
        Builtin::ShlInt => x << n,
        Builtin::LshrInt if n >= width => 0,
        Builtin::LshrInt => zext(x, format) >> n,
        _ => ((sext(x, format) as i128) >> n.min(127)) as u128,
    };
    Ok(make_int(bits, kind))
}

fn int_compare(b: Builtin, args: &[RtValue]) -> Result<RtValue, IntrinsicError> {
    let (x, y, kind) = two_ints(args)?;
    let equality = matches!(b, Builtin::EqInt | Builtin::NeInt);
    if matches!(kind, IntKind::Bool) && !equality {
        return Err(IntrinsicError::BadArguments("integer operands (Bool only for eq/ne)"));
    }
    let format = kind.format();
    let r = match b {
        Builtin::EqInt => zext(x, format) == zext(y, format),
        Builtin::NeInt => zext(x, format) != zext(y, format),
        Builtin::SltInt => (sext(x, format) as i128) < (sext(y, format) as i128),
        Builtin::SleInt => (sext(x, format) as i128) <= (sext(y, format) as i128),
        Builtin::UltInt => zext(x, format) < zext(y, format),
        _ => zext(x, format) <= zext(y, format),
    };
    Ok(RtValue::Bool(r))
}

enum Floats {
    F64(f64, f64),
    F32(f32, f32),
}

fn two_floats(args: &[RtValue]) -> Result<Floats, IntrinsicError> {
    match args {
        [RtValue::Float(x), RtValue::Float(y)] => Ok(Floats::F64(*x, *y)),
        [RtValue::Bits(Ty::FLOAT32, x), RtValue::Bits(Ty::FLOAT32, y)] => {
            Ok(Floats::F32(f32::from_bits(*x as u32), f32::from_bits(*y as u32)))
        }
        _ => Err(IntrinsicError::BadArguments("two Float64 or two Float32")),
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
        Builtin::Atan2Libm => libm::atan2(x, y),
        _ => libm::pow(x, y),
    }
}

fn float32_binary(b: Builtin, x: f32, y: f32) -> f32 {
    match b {
        Builtin::AddFloat => x + y,
        Builtin::SubFloat => x - y,
        Builtin::MulFloat => x * y,
        Builtin::DivFloat => x / y,
        Builtin::RemFloat => libm::fmodf(x, y),
        Builtin::CopysignFloat => x.copysign(y),
        // Computed in Float64 and rounded, as Julia computes Float32 `^` (and generated code,
        // whose math imports are Float64).
        _ => float_binary(b, f64::from(x), f64::from(y)) as f32,
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
        _ => match b.libm_unary() {
            Some(f) => f(x),
            None => return Err(IntrinsicError::NotIntrinsic),
        },
    })
}

fn float32_unary(b: Builtin, x: f32) -> Result<f32, IntrinsicError> {
    Ok(match b {
        Builtin::NegFloat => -x,
        Builtin::AbsFloat => x.abs(),
        Builtin::SqrtLlvm => x.sqrt(),
        Builtin::FloorLlvm => libm::floorf(x),
        Builtin::CeilLlvm => libm::ceilf(x),
        Builtin::TruncLlvm => libm::truncf(x),
        Builtin::RintLlvm => libm::rintf(x),
        _ if b.libm_unary().is_some() => float_unary(b, f64::from(x))? as f32,
        _ => return Err(IntrinsicError::NotIntrinsic),
    })
}

/// A float operand's value, widened to f64 (exactly, for a Float32).
fn float_value(v: RtValue) -> Option<f64> {
    match v {
        RtValue::Float(f) => Some(f),
        RtValue::Bits(Ty::FLOAT32, bits) => Some(f64::from(f32::from_bits(bits as u32))),
        _ => None,
    }
}

/// A float of type `ty` (`Float64` or `Float32`) from `x`, rounded to nearest if narrower.
fn make_float(ty: Ty, x: f64) -> Option<RtValue> {
    match ty {
        Ty::FLOAT64 => Some(RtValue::Float(x)),
        Ty::FLOAT32 => Some(float32(x as f32)),
        _ => None,
    }
}

/// Conversions. `fptosi`/`fptoui` of a value out of range (or NaN) is poison in LLVM; Julia
/// only reaches them after a range check (`Int64(x)` throws `InexactError` first), so any
/// result is allowed: this one saturates (`as`) at 128 bits and wraps to the target's width.
/// (Generated code saturates at 64 bits; the two agree wherever Julia's checks let the value
/// through.)
fn convert(b: Builtin, ty: Ty, x: RtValue) -> Result<RtValue, IntrinsicError> {
    let bad = IntrinsicError::BadArguments("a conversion between bits types");
    let int_target = ty.int_format().is_some();
    let r = match b {
        Builtin::Sitofp | Builtin::Uitofp => {
            let (bits, kind) = int_bits(x).ok_or(bad)?;
            let signed = b == Builtin::Sitofp;
            let (s, u) = (sext(bits, kind.format()) as i128, zext(bits, kind.format()));
            // Each conversion rounds once, from the integer (not through f64 for a Float32).
            match ty {
                Ty::FLOAT32 if signed => float32(s as f32),
                Ty::FLOAT32 => float32(u as f32),
                _ => make_float(ty, if signed { s as f64 } else { u as f64 }).ok_or(bad)?,
            }
        }
        Builtin::Fptosi if int_target => make_int_of(ty, float_value(x).ok_or(bad)? as i128 as u128),
        Builtin::Fptoui if int_target => make_int_of(ty, float_value(x).ok_or(bad)? as u128),
        Builtin::SextInt | Builtin::ZextInt | Builtin::TruncInt if int_target => {
            let (bits, kind) = int_bits(x).ok_or(bad)?;
            let bits = match b {
                Builtin::SextInt => sext(bits, kind.format()),
                Builtin::ZextInt => zext(bits, kind.format()),
                _ => bits,
            };
            make_int_of(ty, bits)
        }
        Builtin::Fpext | Builtin::Fptrunc => make_float(ty, float_value(x).ok_or(bad)?).ok_or(bad)?,
        Builtin::Bitcast => bitcast(ty, x).ok_or(bad)?,
        _ => return Err(bad),
    };
    Ok(r)
}

fn bitcast(ty: Ty, x: RtValue) -> Option<RtValue> {
    let bits = match x {
        RtValue::Float(f) => u128::from(f.to_bits()),
        RtValue::Bits(Ty::FLOAT32, bits) => u128::from(bits),
        v => {
            let (bits, kind) = int_bits(v)?;
            zext(bits, kind.format())
        }
    };
    match ty {
        Ty::FLOAT64 => Some(RtValue::Float(f64::from_bits(bits as u64))),
        Ty::FLOAT32 => Some(float32(f32::from_bits(bits as u32))),
        _ if ty.int_format().is_some() => Some(make_int_of(ty, bits)),
        _ => None,
    }
}
