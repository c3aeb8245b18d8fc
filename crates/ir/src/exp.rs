//! `exp` and `exp2` of a Float64 as Julia computes them (base/special/exp.jl), so that they
//! print the same digits (musl's `exp`, which libm ports, differs in the last bit for some
//! arguments: `exp(1.0)` was 2.7182818284590455, Julia's is 2.718281828459045).
//!
//! The argument is reduced to `x = (k + j/256)·log_b(2) + r` with `|r| <= log_b(2)/512`;
//! `b^r - 1` is a degree-4 polynomial in `r`, `2^(j/256)` comes from a table in extended
//! precision (`exp_table`), and `2^k` is added to the exponent's bits. Every `muladd` of
//! Julia's is a fused multiply-add here, as Julia's compiles to on hardware with FMA.

use crate::exp_table::J_TABLE;

/// Adding and then subtracting it rounds a smaller float to an integer (1.5·2^52).
const MAGIC_ROUND_CONST: f64 = 6.755399441055744e15;
const JU_MASK: u64 = u64::MAX >> 12;
const JU_CONST: u64 = 0x3FF0_0000_0000_0000;
const JL_CONST: u64 = 0x3C00_0000_0000_0000;

/// A base's constants: `256/log2(b)`, `-log_b(2)/256` in an upper part of 34 significant bits
/// and a lower part, the bounds past which the result overflows, underflows and is subnormal,
/// and the coefficients of `(b^r - 1)/r`.
struct Base {
    inv: f64,
    upper: f64,
    lower: f64,
    max: f64,
    min: f64,
    subnormal: f64,
    poly: [f64; 4],
}

const E: Base = Base {
    inv: 369.3299304675746,
    upper: -0.002707606173999011,
    lower: -6.327543041662719e-14,
    max: 709.782712893384,
    min: -745.1332191019412,
    subnormal: 708.3964185322641,
    poly: [0.9999999999999912, 0.4999999999999997, 0.1666666857598779, 0.04166666857598777],
};

const TWO: Base = Base {
    inv: 256.0,
    upper: -0.00390625,
    lower: 0.0,
    max: 1024.0,
    min: -1075.0,
    subnormal: 1022.0,
    poly: [0.6931471805599393, 0.24022650695910058, 0.05550411502333161, 0.009618129548366803],
};

/// `exp(x)` for a Float64.
pub fn exp(x: f64) -> f64 {
    exp_base(&E, x)
}

/// `exp2(x)` for a Float64.
pub fn exp2(x: f64) -> f64 {
    exp_base(&TWO, x)
}

fn exp_base(b: &Base, x: f64) -> f64 {
    let n_float = x.mul_add(b.inv, MAGIC_ROUND_CONST);
    // `reinterpret(UInt64, N_float) % Int32`: the low 32 bits.
    let n = n_float.to_bits() as u32 as i32;
    let n_float = n_float - MAGIC_ROUND_CONST;
    let r = n_float.mul_add(b.upper, x);
    let r = n_float.mul_add(b.lower, r);
    let k = n >> 8;
    let j = J_TABLE[(n & 255) as usize];
    let ju = f64::from_bits(JU_CONST | (j & JU_MASK));
    let jl = f64::from_bits(JL_CONST | (j >> 8));
    let [c0, c1, c2, c3] = b.poly;
    let expm1 = r * r.mul_add(r.mul_add(r.mul_add(c3, c2), c1), c0);
    let small_part = ju.mul_add(expm1, jl) + ju;
    // Julia's `!(abs(x) <= SUBNORM_EXP)`, true for a NaN too.
    let normal = x.abs() <= b.subnormal;
    if !normal {
        if x >= b.max {
            return f64::INFINITY;
        }
        if x <= b.min {
            return 0.0;
        }
        if k <= -53 {
            let twopk = ((k as i64 + 53) as u64) << 52;
            return f64::from_bits(twopk.wrapping_add(small_part.to_bits())) * 2f64.powi(-53);
        }
    }
    let twopk = (k as i64) << 52;
    f64::from_bits(twopk.wrapping_add(small_part.to_bits() as i64) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What Julia 1.12 prints for these (`exp(1.0)` is its docstring's example), read back:
    /// Julia prints the shortest decimal that reads back as the same Float64.
    #[test]
    fn exp_and_exp2_are_julias() {
        let cases: &[(f64, &str)] = &[
            (exp(1.0), "2.718281828459045"),
            (exp(0.0), "1.0"),
            (exp(-1.0), "0.36787944117144233"),
            (exp(0.5), "1.6487212707001282"),
            (exp(2.5), "12.182493960703473"),
            (exp(710.0), "Inf"),
            (exp(-746.0), "0.0"),
            (exp2(5.0), "32.0"),
            (exp2(0.5), "1.4142135623730951"),
            (exp2(-1074.0), "5.0e-324"),
        ];
        for (i, (got, printed)) in cases.iter().enumerate() {
            let want = if *printed == "Inf" { f64::INFINITY } else { printed.parse().expect("a float") };
            assert_eq!(got.to_bits(), f64::to_bits(want), "case {i}: {got:?}, Julia {printed}");
        }
    }

    /// The table's entries Julia's base/special/exp.jl lists first, in the middle and last.
    #[test]
    fn the_table_is_julias() {
        assert_eq!(J_TABLE[0], 0);
        assert_eq!(J_TABLE[1], 0xaac00b1afa5abcbe);
        assert_eq!(J_TABLE[128], 0xa216a09e667f3bcc);
        assert_eq!(J_TABLE[255], 0x74afe9d96b2a23d9);
    }

    /// Over the whole range, including the subnormal results, the two algorithms agree to
    /// within one unit in the last place (musl's is within one of the exact value too).
    #[test]
    fn within_one_ulp_of_libm_everywhere() {
        let mut x = -745.0;
        while x < 709.7 {
            for (ours, theirs) in [(exp(x), libm::exp(x)), (exp2(x * 1.4), libm::exp2(x * 1.4))] {
                let apart = (ours.to_bits() as i64 - theirs.to_bits() as i64).abs();
                assert!(apart <= 1, "x = {x}: {ours:?} vs {theirs:?}");
            }
            x += 0.0137;
        }
    }

    #[test]
    fn nan_stays_nan() {
        assert!(exp(f64::NAN).is_nan());
        assert!(exp2(f64::NAN).is_nan());
        assert_eq!(exp(f64::NEG_INFINITY), 0.0);
        assert_eq!(exp(f64::INFINITY), f64::INFINITY);
    }
}
