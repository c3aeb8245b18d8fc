//! Julia's text form of a `Float64`: the implementation lives in `ir` (the IR printer shows
//! float literals the same way), re-exported here for the runtime's printing.

pub use ir::format_float;

/// The digits of a finite `x >= 0` under printf's `%f`, `%e` or `%g` (or `%F`, `%E`, `%G`) with
/// precision `prec`, as C's printf and stdlib Printf write them: the exact binary value rounded
/// half to even at the last digit; an exponent of at least two digits with its sign; `%g`
/// choosing `%e` when the exponent is below -4 or not below the precision, without trailing
/// zeros. `alt` is the `#` flag (keep the point; for `%g`, the zeros). The sign and the padding
/// are the caller's (prelude/printf.jl).
pub fn printf_digits(x: f64, conv: char, prec: usize, alt: bool) -> String {
    let text = match conv.to_ascii_lowercase() {
        'e' => exponent_form(x, prec, alt),
        'g' => {
            let p = prec.max(1);
            let exponent = decimal_exponent(x, p);
            if exponent < -4 || exponent >= p as i32 {
                let s = exponent_form(x, p - 1, alt);
                if alt {
                    s
                } else {
                    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, ""));
                    format!("{}e{exp}", strip_zeros(mantissa))
                }
            } else {
                let s = point_form(x, (p as i32 - 1 - exponent) as usize, alt);
                if alt {
                    s
                } else {
                    strip_zeros(&s).to_string()
                }
            }
        }
        _ => point_form(x, prec, alt),
    };
    if conv.is_ascii_uppercase() {
        text.to_ascii_uppercase()
    } else {
        text
    }
}

fn point_form(x: f64, prec: usize, alt: bool) -> String {
    let s = format!("{x:.prec$}");
    if alt && prec == 0 {
        s + "."
    } else {
        s
    }
}

fn exponent_form(x: f64, prec: usize, alt: bool) -> String {
    let s = format!("{x:.prec$e}");
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let point = if alt && prec == 0 { "." } else { "" };
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{mantissa}{point}e{sign}{:02}", exp.abs())
}

/// The decimal exponent of `x` once rounded to `p` significant digits.
fn decimal_exponent(x: f64, p: usize) -> i32 {
    let s = format!("{x:.prec$e}", prec = p - 1);
    s.split_once('e').and_then(|(_, e)| e.parse().ok()).unwrap_or(0)
}

/// `1.2500` -> `1.25`, `3.000` -> `3`: a fraction's trailing zeros, and its point if no digit
/// is left.
fn strip_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::printf_digits;

    /// What C's printf (and Julia's Printf) writes for these.
    #[test]
    fn printf_digits_are_cs() {
        let cases: &[(f64, char, usize, bool, &str)] = &[
            (1.23456, 'f', 2, false, "1.23"),
            (0.125, 'f', 2, false, "0.12"),
            (2.5, 'f', 0, false, "2"),
            (2.5, 'f', 0, true, "2."),
            (12345.678, 'e', 6, false, "1.234568e+04"),
            (12345.678, 'E', 2, false, "1.23E+04"),
            (0.0, 'e', 3, false, "0.000e+00"),
            (1e-300, 'e', 1, false, "1.0e-300"),
            (0.0001, 'g', 6, false, "0.0001"),
            (0.00001, 'g', 6, false, "1e-05"),
            (123456.0, 'g', 6, false, "123456"),
            (1234567.0, 'g', 6, false, "1.23457e+06"),
            (100.0, 'g', 6, false, "100"),
            (100.0, 'g', 6, true, "100.000"),
            (0.5, 'g', 0, false, "0.5"),
            (2.5, 'G', 3, false, "2.5"),
            (1e20, 'G', 3, false, "1E+20"),
        ];
        for &(x, conv, prec, alt, want) in cases {
            assert_eq!(
                printf_digits(x, conv, prec, alt),
                want,
                "%{}{conv} of {x}",
                if alt { "#" } else { "" }
            );
        }
    }
}
