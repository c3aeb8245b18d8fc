//! Julia's text form of a `Float64` (`print`, `show`, `string` and IR literals all agree for
//! Float64): the shortest round-trip digits, laid out as base/ryu/shortest.jl `writeshortest`
//! does. The one implementation: the IR printer and the runtime's `print` both use it.
//! `Float32` has the same layout with its own shortest digits; `show` marks it with `f` for the
//! exponent (`1.5f0`, `1.0f10`, `Inf32`), `print` does not.
//! Not here: Float16 and the `:compact` 6-digit form (the subset never prints them).

/// `1.0`, `0.1`, `0.30000000000000004`, `1.0e20`, `1.0e-5`, `100000.0`, `1.0e6`, `-0.0`,
/// `Inf`, `NaN` (docs/julia-formats.md §1).
pub fn format_float(x: f64) -> String {
    if let Some(special) = special(x, "") {
        return special;
    }
    layout(x < 0.0, &shortest_scientific(x.abs()), 'e')
}

/// `print` (`show == false`: `1.5`, `1.0e10`, `Inf`) or `show` (`1.5f0`, `1.0f10`, `Inf32`) of
/// a `Float32`.
pub fn format_float32(x: f32, show: bool) -> String {
    if let Some(special) = special(f64::from(x), if show { "32" } else { "" }) {
        return special;
    }
    let text = layout(x < 0.0, &shortest_scientific(x.abs()), if show { 'f' } else { 'e' });
    if show && !text.contains('f') {
        text + "f0"
    } else {
        text
    }
}

fn special(x: f64, suffix: &str) -> Option<String> {
    if x.is_nan() {
        return Some(format!("NaN{suffix}"));
    }
    if x.is_infinite() {
        return Some(format!("{}Inf{suffix}", if x > 0.0 { "" } else { "-" }));
    }
    if x == 0.0 {
        let zero = if x.is_sign_negative() { "-0.0" } else { "0.0" };
        return Some(if suffix.is_empty() { zero.to_string() } else { format!("{zero}f0") });
    }
    None
}

/// Julia's layout of the shortest digits `sci` (`{:e}` form) of a nonzero finite value.
fn layout(negative: bool, sci: &str, exp_char: char) -> String {
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let digits = match digits.trim_end_matches('0') {
        "" => "0".to_string(),
        d => d.to_string(),
    };
    let n = digits.len() as i32;
    let pt = exp + 1;
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if -4 < pt && pt <= 6 {
        if pt <= 0 {
            out.push_str("0.");
            out.push_str(&"0".repeat((-pt) as usize));
            out.push_str(&digits);
        } else if pt >= n {
            out.push_str(&digits);
            out.push_str(&"0".repeat((pt - n) as usize));
            out.push_str(".0");
        } else {
            out.push_str(&digits[..pt as usize]);
            out.push('.');
            out.push_str(&digits[pt as usize..]);
        }
    } else {
        out.push_str(&digits[..1]);
        out.push('.');
        out.push_str(if n > 1 { &digits[1..] } else { "0" });
        out.push(exp_char);
        out.push_str(&exp.to_string());
    }
    out
}

/// The shortest round-trip digits in `{:e}` form, with Ryu's choice on ties. Rust's `{:e}`
/// gives the shortest length, but when two candidates of that length are equally close to
/// the exact value it rounds up, where Ryu rounds to even (`2.0^-25` is
/// `2.9802322387695312e-8` in Julia, `...313e-8` from `{:e}`). Rust's exact mode
/// (`{:.Ne}`) rounds ties to even, so redo the digits at that length with it and keep the
/// result when it still round-trips.
/// Generic over `f64` and `f32`, each with its own shortest digits.
fn shortest_scientific<F>(x: F) -> String
where
    F: std::fmt::LowerExp + std::str::FromStr + PartialEq,
{
    let shortest = format!("{x:e}");
    let mantissa = shortest.split('e').next().unwrap_or("");
    let n = mantissa.chars().filter(char::is_ascii_digit).count();
    let exact = format!("{:.*e}", n.saturating_sub(1), x);
    if exact.parse::<F>().is_ok_and(|e| e == x) {
        exact
    } else {
        shortest
    }
}

#[cfg(test)]
mod tests {
    use super::{format_float, format_float32};

    #[test]
    fn julia_float32_table() {
        let cases: &[(f32, &str, &str)] = &[
            (1.0, "1.0f0", "1.0"),
            (1.5, "1.5f0", "1.5"),
            (-0.0, "-0.0f0", "-0.0"),
            (0.1, "0.1f0", "0.1"),
            (1.0e10, "1.0f10", "1.0e10"),
            (1.0e-5, "1.0f-5", "1.0e-5"),
            (100000.0, "100000.0f0", "100000.0"),
            (3.4028235e38, "3.4028235f38", "3.4028235e38"),
            (16777216.0, "1.6777216f7", "1.6777216e7"),
            (f32::INFINITY, "Inf32", "Inf"),
            (f32::NEG_INFINITY, "-Inf32", "-Inf"),
            (f32::NAN, "NaN32", "NaN"),
        ];
        for &(x, show, print) in cases {
            assert_eq!(format_float32(x, true), show, "show of {x}");
            assert_eq!(format_float32(x, false), print, "print of {x}");
        }
    }

    #[test]
    fn julia_float_table() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (-1.0, "-1.0"),
            (f64::NAN, "NaN"),
            (-f64::NAN, "NaN"),
            (f64::INFINITY, "Inf"),
            (f64::NEG_INFINITY, "-Inf"),
            (1.2e1, "12.0"),
            (1.23456e5, "123456.0"),
            (1.0e5, "100000.0"),
            (999999.0, "999999.0"),
            (1.0e6, "1.0e6"),
            (1.234567e6, "1.234567e6"),
            (8192.0e3, "8.192e6"),
            (1.0e15, "1.0e15"),
            (1.0e15 + 1.0, "1.000000000000001e15"),
            (9007199254740992.0, "9.007199254740992e15"),
            (-2.109808898695963e16, "-2.109808898695963e16"),
            (f64::MAX, "1.7976931348623157e308"),
            (5.0e-324, "5.0e-324"),
            (2.2250738585072014e-308, "2.2250738585072014e-308"),
            (2f64.powi(-25), "2.9802322387695312e-8"),
            (1.2345678901234567, "1.2345678901234567"),
            (4.294967294, "4.294967294"),
            (0.1 + 0.2, "0.30000000000000004"),
            (0.1, "0.1"),
            (1.0 / 3.0, "0.3333333333333333"),
            (10.0 / 3.0, "3.3333333333333335"),
            (0.0001, "0.0001"),
            (0.00001, "1.0e-5"),
            (0.00012345, "0.00012345"),
            (1.0e20, "1.0e20"),
            (1.0e-10, "1.0e-10"),
            (std::f64::consts::SQRT_2, "1.4142135623730951"),
            (std::f64::consts::PI, "3.141592653589793"),
            (123.456, "123.456"),
            (2.0e-5, "2.0e-5"),
            (1000.0, "1000.0"),
        ];
        for &(x, want) in cases {
            assert_eq!(format_float(x), want, "printing {x:?}");
        }
    }
}
