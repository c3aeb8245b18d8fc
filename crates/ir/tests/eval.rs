//! Edge cases of intrinsic evaluation: wrapping, checked division, shifts, NaN, signed zeros.

use expect_test::{expect, Expect};
use ir::{eval_intrinsic, fold_intrinsic, Builtin, IntrinsicError, RtValue};
use types::{ConstValue, Ty};

fn check(b: Builtin, args: &[RtValue], expect: Expect) {
    expect.assert_eq(&format!("{:?}", eval_intrinsic(b, args, None)));
}

fn check_conv(b: Builtin, ty: Ty, x: RtValue, expect: Expect) {
    expect.assert_eq(&format!("{:?}", eval_intrinsic(b, &[x], Some(ty))));
}

use RtValue::{Bool, Float, Int, UInt};

#[test]
fn wrapping_arithmetic() {
    check(Builtin::AddInt, &[Int(i64::MAX), Int(1)], expect!["Ok(Int(-9223372036854775808))"]);
    check(Builtin::SubInt, &[Int(i64::MIN), Int(1)], expect!["Ok(Int(9223372036854775807))"]);
    check(
        Builtin::MulInt,
        &[Int(10_000_000_000), Int(1_000_000_000)],
        expect!["Ok(Int(-8446744073709551616))"],
    );
    check(Builtin::NegInt, &[Int(i64::MIN)], expect!["Ok(Int(-9223372036854775808))"]);
    check(Builtin::AddInt, &[UInt(u64::MAX), UInt(1)], expect!["Ok(UInt(0))"]);
    check(Builtin::AddInt, &[Int(-1), UInt(1)], expect!["Ok(UInt(0))"]);
    check(
        Builtin::AddInt,
        &[Bool(true), Bool(true)],
        expect![[r#"Err(BadArguments("integer operands (Bool only for and/or/xor)"))"#]],
    );
}

#[test]
fn division() {
    check(Builtin::CheckedSdivInt, &[Int(-7), Int(2)], expect!["Ok(Int(-3))"]);
    check(Builtin::CheckedSremInt, &[Int(-7), Int(3)], expect!["Ok(Int(-1))"]);
    check(Builtin::CheckedSdivInt, &[Int(1), Int(0)], expect!["Err(DivideError)"]);
    check(Builtin::CheckedSremInt, &[Int(1), Int(0)], expect!["Err(DivideError)"]);
    check(Builtin::CheckedSdivInt, &[Int(i64::MIN), Int(-1)], expect!["Err(DivideError)"]);
    check(Builtin::CheckedSremInt, &[Int(i64::MIN), Int(-1)], expect!["Ok(Int(0))"]);
    check(Builtin::CheckedUdivInt, &[UInt(u64::MAX), UInt(2)], expect!["Ok(UInt(9223372036854775807))"]);
    check(Builtin::CheckedUremInt, &[UInt(7), UInt(0)], expect!["Err(DivideError)"]);
}

#[test]
fn bool_logic() {
    check(Builtin::AndInt, &[Bool(true), Bool(false)], expect!["Ok(Bool(false))"]);
    check(Builtin::OrInt, &[Bool(true), Bool(false)], expect!["Ok(Bool(true))"]);
    check(Builtin::XorInt, &[Bool(true), Bool(true)], expect!["Ok(Bool(false))"]);
    check(Builtin::NotInt, &[Bool(true)], expect!["Ok(Bool(false))"]);
    check(Builtin::NotInt, &[Int(0)], expect!["Ok(Int(-1))"]);
    check(Builtin::EqInt, &[Bool(true), Bool(true)], expect!["Ok(Bool(true))"]);
    check(
        Builtin::SltInt,
        &[Bool(true), Bool(true)],
        expect![[r#"Err(BadArguments("integer operands (Bool only for eq/ne)"))"#]],
    );
}

#[test]
fn shifts() {
    check(Builtin::ShlInt, &[Int(1), UInt(63)], expect!["Ok(Int(-9223372036854775808))"]);
    check(Builtin::ShlInt, &[Int(1), UInt(64)], expect!["Ok(Int(0))"]);
    check(Builtin::ShlInt, &[Int(1), Int(-1)], expect!["Ok(Int(0))"]);
    check(Builtin::LshrInt, &[Int(-1), UInt(60)], expect!["Ok(Int(15))"]);
    check(Builtin::LshrInt, &[Int(-1), UInt(200)], expect!["Ok(Int(0))"]);
    check(Builtin::AshrInt, &[Int(-16), UInt(2)], expect!["Ok(Int(-4))"]);
    check(Builtin::AshrInt, &[Int(-16), UInt(1000)], expect!["Ok(Int(-1))"]);
    check(Builtin::AshrInt, &[Int(16), UInt(1000)], expect!["Ok(Int(0))"]);
    check(Builtin::ShlInt, &[UInt(3), Int(1)], expect!["Ok(UInt(6))"]);
}

#[test]
fn comparisons() {
    check(Builtin::SltInt, &[Int(-1), Int(0)], expect!["Ok(Bool(true))"]);
    check(Builtin::UltInt, &[Int(-1), Int(0)], expect!["Ok(Bool(false))"]);
    check(Builtin::SleInt, &[Int(3), Int(3)], expect!["Ok(Bool(true))"]);
    check(Builtin::UleInt, &[UInt(4), UInt(3)], expect!["Ok(Bool(false))"]);
    check(Builtin::NeInt, &[Int(4), Int(3)], expect!["Ok(Bool(true))"]);
    check(Builtin::EqFloat, &[Float(f64::NAN), Float(f64::NAN)], expect!["Ok(Bool(false))"]);
    check(Builtin::NeFloat, &[Float(f64::NAN), Float(f64::NAN)], expect!["Ok(Bool(true))"]);
    check(Builtin::LtFloat, &[Float(f64::NAN), Float(1.0)], expect!["Ok(Bool(false))"]);
    check(Builtin::LeFloat, &[Float(1.0), Float(f64::NAN)], expect!["Ok(Bool(false))"]);
    check(Builtin::EqFloat, &[Float(-0.0), Float(0.0)], expect!["Ok(Bool(true))"]);
    check(Builtin::LtFloat, &[Float(-0.0), Float(0.0)], expect!["Ok(Bool(false))"]);
}

#[test]
fn float_arithmetic() {
    check(Builtin::AddFloat, &[Float(0.1), Float(0.2)], expect!["Ok(Float(0.30000000000000004))"]);
    check(Builtin::DivFloat, &[Float(1.0), Float(0.0)], expect!["Ok(Float(inf))"]);
    check(Builtin::DivFloat, &[Float(-1.0), Float(0.0)], expect!["Ok(Float(-inf))"]);
    check(Builtin::DivFloat, &[Float(0.0), Float(0.0)], expect!["Ok(Float(NaN))"]);
    check(Builtin::RemFloat, &[Float(7.5), Float(2.0)], expect!["Ok(Float(1.5))"]);
    check(Builtin::RemFloat, &[Float(-7.5), Float(2.0)], expect!["Ok(Float(-1.5))"]);
    check(Builtin::NegFloat, &[Float(0.0)], expect!["Ok(Float(-0.0))"]);
    check(Builtin::AbsFloat, &[Float(-0.0)], expect!["Ok(Float(0.0))"]);
    check(Builtin::CopysignFloat, &[Float(2.0), Float(-0.0)], expect!["Ok(Float(-2.0))"]);
    check(Builtin::MulFloat, &[Float(-0.0), Float(5.0)], expect!["Ok(Float(-0.0))"]);
    check(
        Builtin::AddFloat,
        &[Float(1.0), Int(1)],
        expect![[r#"Err(BadArguments("two Float64 or two Float32"))"#]],
    );
}

#[test]
fn rounding_and_math() {
    check(Builtin::RintLlvm, &[Float(2.5)], expect!["Ok(Float(2.0))"]);
    check(Builtin::RintLlvm, &[Float(3.5)], expect!["Ok(Float(4.0))"]);
    check(Builtin::RintLlvm, &[Float(-2.5)], expect!["Ok(Float(-2.0))"]);
    check(Builtin::FloorLlvm, &[Float(-2.5)], expect!["Ok(Float(-3.0))"]);
    check(Builtin::CeilLlvm, &[Float(2.1)], expect!["Ok(Float(3.0))"]);
    check(Builtin::TruncLlvm, &[Float(-2.7)], expect!["Ok(Float(-2.0))"]);
    check(Builtin::SqrtLlvm, &[Float(2.0)], expect!["Ok(Float(1.4142135623730951))"]);
    check(Builtin::SqrtLlvm, &[Float(-1.0)], expect!["Ok(Float(NaN))"]);
    check(Builtin::SinLibm, &[Float(1.0)], expect!["Ok(Float(0.8414709848078965))"]);
    // Julia's own `exp` (base/special/exp.jl, `ir::exp`): musl's is one ulp above at 1.0.
    check(Builtin::ExpLibm, &[Float(1.0)], expect!["Ok(Float(2.718281828459045))"]);
    check(Builtin::LogLibm, &[Float(0.0)], expect!["Ok(Float(-inf))"]);
    check(Builtin::PowLibm, &[Float(2.0), Float(0.5)], expect!["Ok(Float(1.4142135623730951))"]);
}

#[test]
fn conversions() {
    check_conv(Builtin::Sitofp, Ty::FLOAT64, Int(-3), expect!["Ok(Float(-3.0))"]);
    check_conv(Builtin::Sitofp, Ty::FLOAT64, Int(i64::MAX), expect!["Ok(Float(9.223372036854776e18))"]);
    check_conv(Builtin::Uitofp, Ty::FLOAT64, UInt(u64::MAX), expect!["Ok(Float(1.8446744073709552e19))"]);
    check_conv(Builtin::Fptosi, Ty::INT64, Float(-2.7), expect!["Ok(Int(-2))"]);
    check_conv(Builtin::Fptoui, Ty::UINT64, Float(3.9), expect!["Ok(UInt(3))"]);
    check_conv(Builtin::Bitcast, Ty::UINT64, Float(1.0), expect!["Ok(UInt(4607182418800017408))"]);
    check_conv(Builtin::Bitcast, Ty::FLOAT64, Int(-9223372036854775808), expect!["Ok(Float(-0.0))"]);
    check_conv(Builtin::Bitcast, Ty::INT64, UInt(u64::MAX), expect!["Ok(Int(-1))"]);
    check_conv(
        Builtin::Sitofp,
        Ty::INT64,
        Int(1),
        expect![[r#"Err(BadArguments("a conversion between bits types"))"#]],
    );
    expect![[r#"Err(BadArguments("a target type"))"#]]
        .assert_eq(&format!("{:?}", eval_intrinsic(Builtin::Sitofp, &[Int(1)], None)));
}

#[test]
fn not_an_intrinsic() {
    assert_eq!(eval_intrinsic(Builtin::Getfield, &[Int(1), Int(1)], None), Err(IntrinsicError::NotIntrinsic));
}

#[test]
fn folding() {
    let f = |b, args: &[ConstValue]| format!("{:?}", fold_intrinsic(b, args));
    expect!["Some(Int(3))"].assert_eq(&f(Builtin::AddInt, &[ConstValue::Int(1), ConstValue::Int(2)]));
    expect!["None"].assert_eq(&f(Builtin::CheckedSdivInt, &[ConstValue::Int(1), ConstValue::Int(0)]));
    expect!["Some(Float(F64(2.0)))"]
        .assert_eq(&f(Builtin::Sitofp, &[ConstValue::Type(Ty::FLOAT64), ConstValue::Int(2)]));
    expect!["None"].assert_eq(&f(Builtin::AddInt, &[ConstValue::Str("a".into()), ConstValue::Int(2)]));
    expect!["Some(Bool(true))"]
        .assert_eq(&f(Builtin::LtFloat, &[ConstValue::float(-0.5), ConstValue::float(0.0)]));
}

/// The narrow integers wrap at their width and stay sign- or zero-extended; Float32 computes
/// in single precision.
#[test]
fn narrow_integers_and_float32() {
    use RtValue::Bits;
    let i8 = |x: i8| Bits(Ty::INT8, x as i64 as u64);
    let u8 = |x: u8| Bits(Ty::UINT8, u64::from(x));
    let f32 = |x: f32| Bits(Ty::FLOAT32, u64::from(x.to_bits()));
    check(Builtin::AddInt, &[i8(127), i8(1)], expect!["Ok(Bits(Ty(55), 18446744073709551488))"]);
    check(Builtin::AddInt, &[u8(200), u8(100)], expect!["Ok(Bits(Ty(58), 44))"]);
    check(Builtin::NegInt, &[u8(1)], expect!["Ok(Bits(Ty(58), 255))"]);
    check(Builtin::NotInt, &[u8(0x0f)], expect!["Ok(Bits(Ty(58), 240))"]);
    check(Builtin::CheckedSdivInt, &[i8(-128), i8(-1)], expect!["Err(DivideError)"]);
    check(Builtin::CheckedSremInt, &[i8(-128), i8(-1)], expect!["Ok(Bits(Ty(55), 0))"]);
    check(Builtin::LshrInt, &[i8(-128), Int(1)], expect!["Ok(Bits(Ty(55), 64))"]);
    check(Builtin::AshrInt, &[u8(0x80), Int(1)], expect!["Ok(Bits(Ty(58), 192))"]);
    check(Builtin::ShlInt, &[u8(1), Int(8)], expect!["Ok(Bits(Ty(58), 0))"]);
    check(Builtin::SltInt, &[u8(255), u8(1)], expect!["Ok(Bool(true))"]);
    check(Builtin::UltInt, &[i8(-1), i8(1)], expect!["Ok(Bool(false))"]);
    check_conv(Builtin::TruncInt, Ty::INT8, Int(300), expect!["Ok(Bits(Ty(55), 44))"]);
    check_conv(Builtin::SextInt, Ty::INT64, u8(0xff), expect!["Ok(Int(-1))"]);
    check_conv(Builtin::ZextInt, Ty::INT64, i8(-1), expect!["Ok(Int(255))"]);
    check_conv(Builtin::Bitcast, Ty::INT8, u8(0xff), expect!["Ok(Bits(Ty(55), 18446744073709551615))"]);
    check(Builtin::AddFloat, &[f32(0.1), f32(0.2)], expect!["Ok(Bits(Ty(61), 1050253722))"]);
    check_conv(Builtin::Fptrunc, Ty::FLOAT32, Float(0.1), expect!["Ok(Bits(Ty(61), 1036831949))"]);
    check_conv(Builtin::Fpext, Ty::FLOAT64, f32(0.1), expect!["Ok(Float(0.10000000149011612))"]);
    check_conv(Builtin::Sitofp, Ty::FLOAT32, Int(16_777_217), expect!["Ok(Bits(Ty(61), 1266679808))"]);
    check_conv(Builtin::Fptosi, Ty::INT8, f32(-3.5), expect!["Ok(Bits(Ty(55), 18446744073709551613))"]);
}

/// Int128 and UInt128 compute in 128 bits.
#[test]
fn wide_integers() {
    use RtValue::Wide;
    let i128v = |x: i128| Wide(Ty::INT128, x as u128);
    check(Builtin::MulInt, &[i128v(1 << 62), i128v(4)], expect!["Ok(Wide(Ty(62), 18446744073709551616))"]);
    check(Builtin::CheckedSdivInt, &[i128v(i128::MIN), i128v(-1)], expect!["Err(DivideError)"]);
    check(Builtin::SltInt, &[i128v(-1), i128v(1)], expect!["Ok(Bool(true))"]);
    check(
        Builtin::LshrInt,
        &[i128v(-1), Int(1)],
        expect!["Ok(Wide(Ty(62), 170141183460469231731687303715884105727))"],
    );
    check_conv(
        Builtin::SextInt,
        Ty::INT128,
        Int(-2),
        expect!["Ok(Wide(Ty(62), 340282366920938463463374607431768211454))"],
    );
    check_conv(Builtin::TruncInt, Ty::INT64, i128v(1 << 64 | 5), expect!["Ok(Int(5))"]);
    check_conv(Builtin::Sitofp, Ty::FLOAT64, i128v(1 << 100), expect!["Ok(Float(1.2676506002282294e30))"]);
}
