//! Numbers in messages and labels.
//!
//! Written out rather than using `f64`'s `Display`: float formatting pulls about 16 KB of
//! tables and code into the WebAssembly, a tenth of the page's budget. Integers are formatted
//! with the standard library, which is small.

use std::fmt;

/// A number for people: at most 7 significant digits, trailing zeros dropped, an exponent only
/// from 10^15 up; `NaN` and `infinity` by name. Like [`Fixed`] and [`Upto`], the alternate
/// form (`{:#}`) separates the whole part's thousands with commas.
///
/// ```
/// use headroom::model::text::Num;
/// assert_eq!(Num(1.5).to_string(), "1.5");
/// assert_eq!(format!("{:#}", Num(-1234567.5)), "-1,234,568");
/// assert_eq!(Num(0.0000025).to_string(), "0.0000025");
/// assert_eq!(Num(-1.0).to_string(), "-1");
/// assert_eq!(Num(1e300).to_string(), "1e300");
/// assert_eq!(Num(0.1 + 0.2).to_string(), "0.3");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num(pub f64);

/// A number with exactly `.1` decimal places, 0 to 3 (rounded half away from zero), e.g.
/// `Fixed(2.0, 1)` is `2.0`; non-finite numbers as [`Num`] writes them.
///
/// ```
/// use headroom::model::text::Fixed;
/// assert_eq!(Fixed(96.07984, 1).to_string(), "96.1");
/// assert_eq!(Fixed(149.79, 0).to_string(), "150");
/// assert_eq!(Fixed(-0.04, 1).to_string(), "-0.0");
/// assert_eq!(format!("{:#} QPS", Fixed(60000.0, 0)), "60,000 QPS");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fixed(pub f64, pub u32);

/// A number with at most `.1` decimal places, 0 to 9 (rounded half away from zero, trailing
/// zeros dropped), e.g. `Upto(2.50, 2)` is `2.5`; non-finite numbers as [`Num`] writes them.
///
/// ```
/// use headroom::model::text::Upto;
/// assert_eq!((Upto(2.504, 2).to_string(), Upto(3.0, 1).to_string()), ("2.5".into(), "3".into()));
/// assert_eq!(Upto(-0.004, 2).to_string(), "0");
/// assert_eq!(format!("{:#}", Upto(1830.5, 2)), "1,830.5");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Upto(pub f64, pub u32);

impl fmt::Display for Upto {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        places(f, self.0, self.1.min(9), Some(0), false)
    }
}

/// An amount in US dollars with 2 to `.1` decimals (at most 9; rounded half away from zero,
/// trailing zeros past the second dropped), e.g. `Dollars(0.5, 8)` is `0.50`. The alternate
/// form (`{:#}`) is for people: a dollar sign after the minus, thousands separated by commas.
/// A minus only where a digit shows; non-finite amounts as [`Num`] writes them.
///
/// ```
/// use headroom::model::text::Dollars;
/// assert_eq!(Dollars(0.5, 8).to_string(), "0.50");
/// assert_eq!(format!("{:#}", Dollars(0.000024, 8)), "$0.000024");
/// assert_eq!(format!("{:#}", Dollars(-48_000.0, 2)), "-$48,000.00");
/// assert_eq!(format!("{:#}", Dollars(-0.000_000_001, 8)), "$0.00");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dollars(pub f64, pub u32);

impl fmt::Display for Dollars {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        places(f, self.0, self.1.clamp(2, 9), Some(2), f.alternate())
    }
}

/// `number` (digits, an optional leading `-` and decimals) with its whole part's thousands
/// separated by commas: the model's one thousands grouping.
///
/// ```
/// use headroom::model::text::grouped;
/// assert_eq!(grouped("-1234567.891"), "-1,234,567.891");
/// assert_eq!((grouped("999"), grouped("1000")), ("999".into(), "1,000".into()));
/// ```
pub fn grouped(number: &str) -> String {
    let (sign, rest) = number.strip_prefix('-').map_or(("", number), |r| ("-", r));
    let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let (whole, tail) = rest.split_at(end);
    let mut out = String::with_capacity(number.len() + whole.len() / 3);
    out.push_str(sign);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out.push_str(tail);
    out
}

/// Writes `x` (finite, |x| < 10^15) with `places` decimals (at most 15, and the digits kept
/// must fit 19), the whole part's thousands separated by commas in the alternate form (`{:#}`)
/// and a `$` after the sign if `dollar`. With `keep`, trailing zeros are dropped down to `keep`
/// decimals (at most `places`) and a minus is written only where a digit shows; without, every
/// decimal and the sign of a negative `x` stay. No allocation: the text is laid out in a small
/// stack buffer, right to left, and written at once (at most 20 digits, 6 commas, a point, a `$`
/// and a sign).
fn decimal(f: &mut fmt::Formatter<'_>, x: f64, places: u32, keep: Option<u32>, dollar: bool) -> fmt::Result {
    let scaled = (x.abs() * 10_f64.powi(places as i32)).round() as u64;
    let group = f.alternate();
    let mut buf = [b'0'; 40];
    let mut start = buf.len();
    let mut rest = scaled;
    let mut put = |byte: u8| {
        start -= 1;
        buf[start] = byte;
    };
    // The decimals, the point, then the whole part (at least "0") and the sign.
    for _ in 0..places {
        put(b'0' + (rest % 10) as u8);
        rest /= 10;
    }
    if places > 0 {
        put(b'.');
    }
    let mut whole_digits = 0;
    loop {
        if group && whole_digits > 0 && whole_digits % 3 == 0 {
            put(b',');
        }
        put(b'0' + (rest % 10) as u8);
        rest /= 10;
        whole_digits += 1;
        if rest == 0 {
            break;
        }
    }
    if dollar {
        put(b'$');
    }
    if x.is_sign_negative() && (scaled > 0 || keep.is_none()) {
        put(b'-');
    }
    let mut end = buf.len();
    if let Some(keep) = keep {
        let mut decimals = places;
        while decimals > keep && buf[end - 1] == b'0' {
            end -= 1;
            decimals -= 1;
        }
        if decimals == 0 && places > 0 {
            end -= 1; // the point
        }
    }
    // The buffer holds ASCII only.
    f.write_str(std::str::from_utf8(&buf[start..end]).unwrap_or("?"))
}

fn special(f: &mut fmt::Formatter<'_>, x: f64) -> Option<fmt::Result> {
    if x.is_nan() {
        Some(f.write_str("NaN"))
    } else if x.is_infinite() {
        Some(f.write_str(if x > 0.0 { "infinity" } else { "-infinity" }))
    } else {
        None
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if let Some(done) = special(f, x) {
            return done;
        }
        if x == 0.0 {
            return f.write_str("0");
        }
        let exponent = x.abs().log10().floor() as i32;
        if exponent >= 15 {
            Num(x / 10_f64.powi(exponent)).fmt(f)?;
            return write!(f, "e{exponent}");
        }
        // Seven significant digits, at most 15 places: below 10^-15 a number shows as 0.
        let places = (6 - exponent).clamp(0, 15) as u32;
        decimal(f, x, places, Some(0), false)
    }
}

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        places(f, self.0, self.1.min(3), None, false)
    }
}

/// `x` as [`decimal`] writes it; non-finite numbers and those from 10^15 up as [`Num`] writes
/// them.
fn places(f: &mut fmt::Formatter<'_>, x: f64, places: u32, keep: Option<u32>, dollar: bool) -> fmt::Result {
    match special(f, x) {
        Some(done) => done,
        None if x.abs() >= 1e15 => fmt::Display::fmt(&Num(x), f),
        None => decimal(f, x, places, keep, dollar),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_for_people() {
        let cases = [
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-infinity"),
            (0.0, "0"),
            (-0.0, "0"),
            (123_456.789, "123456.8"),
            (1_234_567.89, "1234568"),
            (0.000024, "0.000024"),
            (1e-12, "0.000000000001"),
            (1e-17, "0"),
            (999_999_999_999.0, "999999999999"),
            (1.5e15, "1.5e15"),
            (-2.5e20, "-2.5e20"),
        ];
        for (x, text) in cases {
            assert_eq!(Num(x).to_string(), text, "{x:e}");
        }
    }

    #[test]
    fn fixed_places() {
        assert_eq!(Fixed(0.125, 2).to_string(), "0.13");
        assert_eq!(Fixed(1234.5, 0).to_string(), "1235");
        assert_eq!(Fixed(7.0, 3).to_string(), "7.000");
        assert_eq!(Fixed(f64::INFINITY, 1).to_string(), "infinity");
        assert_eq!(Fixed(2e16, 1).to_string(), "2e16");
    }

    #[test]
    fn the_alternate_form_groups_thousands_as_grouped_does() {
        for x in [0.0, -0.4, 999.0, 1000.0, -12_345.678, 999_999.5, 123_456_789_012.25] {
            for places in 0..=3 {
                let plain = Fixed(x, places).to_string();
                assert_eq!(format!("{:#}", Fixed(x, places)), grouped(&plain), "{x} {places}");
                assert_eq!(format!("{:#}", Upto(x, places)), grouped(&Upto(x, places).to_string()));
            }
            assert_eq!(format!("{:#}", Num(x)), grouped(&Num(x).to_string()));
        }
    }
}
