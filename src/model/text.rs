//! Numbers in messages and labels.
//!
//! Written out rather than using `f64`'s `Display`: float formatting pulls about 16 KB of
//! tables and code into the WebAssembly, a tenth of the page's budget. Integers are formatted
//! with the standard library, which is small.

use std::fmt;

/// A number for people: at most 7 significant digits, trailing zeros dropped, an exponent only
/// from 10^15 up; `NaN` and `infinity` by name.
///
/// ```
/// use headroom::model::text::Num;
/// assert_eq!(Num(1.5).to_string(), "1.5");
/// assert_eq!(Num(0.0000025).to_string(), "0.0000025");
/// assert_eq!(Num(-1.0).to_string(), "-1");
/// assert_eq!(Num(1e300).to_string(), "1e300");
/// assert_eq!(Num(0.1 + 0.2).to_string(), "0.3");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num(pub f64);

/// A number with exactly `1` decimal places (rounded half away from zero), e.g. `Fixed(2.0, 1)`
/// is `2.0`; non-finite numbers as [`Num`] writes them.
///
/// ```
/// use headroom::model::text::Fixed;
/// assert_eq!(Fixed(96.07984, 1).to_string(), "96.1");
/// assert_eq!(Fixed(149.79, 0).to_string(), "150");
/// assert_eq!(Fixed(-0.04, 1).to_string(), "-0.0");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fixed(pub f64, pub u32);

/// Writes `x` (finite, |x| < 10^15) with `places` decimals, dropping trailing zeros if `trim`.
fn decimal(f: &mut fmt::Formatter<'_>, x: f64, places: u32, trim: bool) -> fmt::Result {
    let scale = 10_u128.pow(places);
    let scaled = (x.abs() * scale as f64).round() as u128;
    let (whole, frac) = (scaled / scale, scaled % scale);
    if x.is_sign_negative() && (scaled > 0 || !trim) {
        f.write_str("-")?;
    }
    write!(f, "{whole}")?;
    if places == 0 || (trim && frac == 0) {
        return Ok(());
    }
    let mut digits = format!("{frac:0width$}", width = places as usize);
    if trim {
        digits.truncate(digits.trim_end_matches('0').len());
    }
    write!(f, ".{digits}")
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
        let places = (6 - exponent).clamp(0, 30) as u32;
        decimal(f, x, places, true)
    }
}

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match special(f, self.0) {
            Some(done) => done,
            None if self.0.abs() >= 1e15 => Num(self.0).fmt(f),
            None => decimal(f, self.0, self.1.min(9), false),
        }
    }
}
