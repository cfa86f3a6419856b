//! The service-time distribution: fitted to the median and 95th percentile measured at low
//! load (when the response time is the service time alone), and to the 99th percentile when
//! one was measured.
//!
//! Through two points it is a lognormal. With `z95 = 1.6448536…` the standard normal's 95%
//! quantile, the fit is `sigma = ln(p95 / p50) / z95` and `m = ln(p50)` (the log of the
//! median); then
//! - mean `p50 * exp(sigma^2 / 2)`,
//! - squared coefficient of variation `Cs^2 = exp(sigma^2) - 1`,
//! - quantile `p50 * exp(sigma * z_p)`.
//!
//! The seed's p50 50 ms and p95 120 ms give `sigma = 0.5322`, a mean of 57.6 ms and
//! `Cs^2 = 0.327` (an exponential has 1). Its p99 comes out at 172.5 ms against the seed's
//! measured 250 ms: two numbers fix a lognormal, and the seed's tail is heavier than the fit.
//!
//! Through three points it is a shifted lognormal, `S = d + L` with `L` lognormal and `d >= 0`
//! a floor no request beats (the round trips every request makes): `d` solves
//! `ln((p99 - d) / (p50 - d)) = (z99 / z95) ln((p95 - d) / (p50 - d))`, then `L` is the
//! lognormal through `p50 - d` and `p95 - d`. A p99 at the two-point lognormal's gives
//! `d = 0`, that lognormal; a higher one a heavier tail (`d` rises towards p50). A lighter
//! tail than the lognormal's needs `d < 0` (negative times), so the p99 must be at least the
//! lognormal's ([`ServiceTime::lognormal_p99_ms`]). The seed's 50 / 120 / 250 ms give
//! `d = 42.9 ms`, `sigma = 1.449`, a mean of 63.2 ms and `Cs^2 = 0.74`; its p99.9 is then
//! 670 ms (the seed states a maximum of 500 ms at p99.9, the two-point lognormal 258 ms).
//! `tests/simulate.rs` checks the queue with it against a simulation.

/// The standard normal's 95% quantile.
pub const Z95: f64 = 1.644_853_626_951_472_2;
/// The standard normal's 99% quantile.
pub const Z99: f64 = 2.326_347_874_040_840_8;

/// A (shifted) lognormal service time in seconds: `shift_s` plus a lognormal.
///
/// ```
/// use headroom::model::service::ServiceTime;
/// let s = ServiceTime::from_percentiles_ms(50.0, 120.0);
/// assert!((s.mean_s() - 0.057_61).abs() < 1e-5); // 50 ms x exp(0.5322^2 / 2)
/// assert!((s.quantile_s(0.95) - 0.120).abs() < 1e-9);
/// assert!((s.scv() - 0.3275).abs() < 1e-4); // exp(0.2833) - 1
/// assert_eq!(s.shift_s, 0.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ServiceTime {
    /// `ln` of the lognormal part's median in seconds.
    pub ln_median: f64,
    /// Standard deviation of `ln L`, `>= 0` (0: every request takes the median).
    pub sigma: f64,
    /// The shift `d`, seconds, `>= 0`: the least time any request takes (0 for a lognormal).
    pub shift_s: f64,
}

impl ServiceTime {
    /// The lognormal with median `p50_ms` and 95th percentile `p95_ms` (milliseconds,
    /// `0 < p50_ms <= p95_ms`).
    pub fn from_percentiles_ms(p50_ms: f64, p95_ms: f64) -> ServiceTime {
        ServiceTime { ln_median: (p50_ms / 1000.0).ln(), sigma: ((p95_ms / p50_ms).ln() / Z95).max(0.0), shift_s: 0.0 }
    }

    /// The p99 of the lognormal through `p50_ms` and `p95_ms`, milliseconds: the least p99 a
    /// shifted lognormal fits.
    ///
    /// ```
    /// let p99 = headroom::model::service::ServiceTime::lognormal_p99_ms(50.0, 120.0);
    /// assert!((p99 - 172.5).abs() < 0.05);
    /// ```
    pub fn lognormal_p99_ms(p50_ms: f64, p95_ms: f64) -> f64 {
        p50_ms * (p95_ms / p50_ms).powf(Z99 / Z95)
    }

    /// The shifted lognormal through `p50_ms`, `p95_ms` and `p99_ms` (milliseconds, `0 < p50
    /// <= p95`, `p99` at least [`ServiceTime::lognormal_p99_ms`]); the lognormal through the
    /// first two when `p99_ms` is 0 (not measured), at most that lognormal's p99, or `p95`
    /// equals `p50`.
    ///
    /// ```
    /// use headroom::model::service::ServiceTime;
    /// let s = ServiceTime::from_three_percentiles_ms(50.0, 120.0, 250.0);
    /// for (p, ms) in [(0.5, 50.0), (0.95, 120.0), (0.99, 250.0)] {
    ///     assert!((s.quantile_s(p) * 1000.0 - ms).abs() < 1e-6);
    /// }
    /// assert!((s.shift_s - 0.0429).abs() < 1e-4);
    /// // Its p99.9 (the seed states 500 ms as its maximum): 670 ms.
    /// assert!((s.quantile_s(0.999) - 0.6698).abs() < 1e-4);
    /// assert_eq!(ServiceTime::from_three_percentiles_ms(50.0, 120.0, 0.0), ServiceTime::from_percentiles_ms(50.0, 120.0));
    /// ```
    pub fn from_three_percentiles_ms(p50_ms: f64, p95_ms: f64, p99_ms: f64) -> ServiceTime {
        if p99_ms <= Self::lognormal_p99_ms(p50_ms, p95_ms) || p95_ms <= p50_ms {
            return Self::from_percentiles_ms(p50_ms, p95_ms);
        }
        let u = shifted_median_ms(p50_ms, p95_ms, p99_ms);
        let d = p50_ms - u;
        ServiceTime { shift_s: d / 1000.0, ..Self::from_percentiles_ms(u, p95_ms - d) }
    }

    /// Median, seconds.
    pub fn median_s(&self) -> f64 {
        self.shift_s + self.ln_median.exp()
    }

    /// Mean, seconds: `shift + median * exp(sigma^2 / 2)` (the lognormal part's median).
    pub fn mean_s(&self) -> f64 {
        self.shift_s + (self.ln_median + 0.5 * self.sigma * self.sigma).exp()
    }

    /// Squared coefficient of variation `Var S / (E S)^2`, dimensionless: `exp(sigma^2) - 1`
    /// for a lognormal, times `(E L / E S)^2` with a shift.
    pub fn scv(&self) -> f64 {
        let ratio = (self.ln_median + 0.5 * self.sigma * self.sigma).exp() / self.mean_s();
        (self.sigma * self.sigma).exp_m1() * ratio * ratio
    }

    /// The `p` quantile (`0 < p < 1`), seconds.
    pub fn quantile_s(&self, p: f64) -> f64 {
        self.shift_s + (self.ln_median + self.sigma * normal_quantile(p)).exp()
    }

    /// `P(S > t)` for `t` seconds.
    pub fn survival(&self, t: f64) -> f64 {
        let t = t - self.shift_s;
        if t <= 0.0 {
            return 1.0;
        }
        let x = t.ln() - self.ln_median;
        if self.sigma == 0.0 {
            return if x < 0.0 { 1.0 } else { 0.0 };
        }
        normal_survival(x / self.sigma)
    }

    /// `E[(S - a)+]`, the mean time beyond `a` seconds, seconds: `mean P'(S > a) - a P(S > a)`
    /// with `P'` the survival under the size-biased lognormal (`ln median + sigma^2`).
    ///
    /// ```
    /// use headroom::model::service::ServiceTime;
    /// let s = ServiceTime::from_percentiles_ms(50.0, 120.0);
    /// assert!((s.excess_mean_s(0.0) - s.mean_s()).abs() < 1e-15);
    /// assert!(s.excess_mean_s(10.0) < 1e-15);
    /// ```
    pub fn excess_mean_s(&self, a: f64) -> f64 {
        if a <= self.shift_s {
            return self.mean_s() - a;
        }
        let a = a - self.shift_s;
        let median = self.ln_median.exp();
        if self.sigma == 0.0 {
            return (median - a).max(0.0);
        }
        let x = a.ln() - self.ln_median;
        let mean = (self.ln_median + 0.5 * self.sigma * self.sigma).exp();
        let biased = normal_survival((x - self.sigma * self.sigma) / self.sigma);
        (mean * biased - a * normal_survival(x / self.sigma)).max(0.0)
    }

    /// Density of `S` at `t > 0` seconds, 1/s (0 for a point mass).
    pub fn density(&self, t: f64) -> f64 {
        let t = t - self.shift_s;
        if t <= 0.0 || self.sigma == 0.0 {
            return 0.0;
        }
        let z = (t.ln() - self.ln_median) / self.sigma;
        normal_density(z) / (self.sigma * t)
    }
}

/// The lognormal part's median `u = p50 - d` of the shifted lognormal through the three
/// percentiles (milliseconds, `p50 < p95`, `p99` above the two-point lognormal's): the root in
/// `(0, p50)` of `g(v) = ln((A + u) / u) - R ln((B + u) / u)`, `v = ln u`, `A = p99 - p50`,
/// `B = p95 - p50`, `R = z99 / z95`. `g` runs from minus infinity (`u -> 0`, as `(R - 1) v`)
/// up to a single peak and down to `g(ln p50) > 0`, so it has one root. Safeguarded Newton
/// steps in `v` find it in a few steps from the root of the asymptote, `v0 = (R ln B - ln A)
/// / (R - 1)`, where `g(v0) = ln(1 + u/A) - R ln(1 + u/B) < 0` (as `A > R B`).
fn shifted_median_ms(p50: f64, p95: f64, p99: f64) -> f64 {
    let (a, b, r) = (p99 - p50, p95 - p50, Z99 / Z95);
    let g = |v: f64| {
        let u = v.exp();
        let value = ((a + u) / u).ln() - r * ((b + u) / u).ln();
        (value, r * b / (b + u) - a / (a + u))
    };
    let (mut lo, mut hi) = (p50.ln() - 40.0, p50.ln());
    let asymptote = (r * b.ln() - a.ln()) / (r - 1.0);
    let mut v = if asymptote > lo && asymptote < hi { asymptote } else { 0.5 * (lo + hi) };
    for _ in 0..100 {
        let (value, slope) = g(v);
        if value < 0.0 {
            lo = v;
        } else {
            hi = v;
        }
        let next = v - value / slope;
        let next = if next > lo && next < hi { next } else { 0.5 * (lo + hi) };
        if (next - v).abs() <= 1e-12 * v.abs().max(1.0) {
            return next.exp();
        }
        v = next;
    }
    v.exp()
}

/// Standard normal density.
pub fn normal_density(z: f64) -> f64 {
    (-0.5 * z * z).exp() * std::f64::consts::FRAC_1_SQRT_2 * 0.5 * std::f64::consts::FRAC_2_SQRT_PI
}

/// `P(Z > z)` for a standard normal `Z`, relative error below 1.2e-7 (Chebyshev fit of erfc,
/// Numerical Recipes' `erfcc`).
///
/// ```
/// use headroom::model::service::normal_survival;
/// assert!((normal_survival(0.0) - 0.5).abs() < 1e-7);
/// assert!((normal_survival(1.644_853_627) - 0.05).abs() < 1e-8);
/// assert!((normal_survival(-2.326_347_874) - 0.99).abs() < 1e-7);
/// ```
pub fn normal_survival(z: f64) -> f64 {
    0.5 * erfc(z * std::f64::consts::FRAC_1_SQRT_2)
}

fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98 + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

/// The standard normal's `p` quantile for `0 < p < 1` (Acklam's rational approximation,
/// relative error below 1.2e-9).
///
/// ```
/// use headroom::model::service::{normal_quantile, Z95};
/// assert!((normal_quantile(0.95) - Z95).abs() < 1e-8);
/// assert!((normal_quantile(0.99) - 2.326_347_874_040_840_8).abs() < 1e-8);
/// assert_eq!(normal_quantile(0.5), 0.0);
/// ```
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] =
        [7.784_695_709_041_462e-3, 3.224_671_290_700_398e-1, 2.445_134_137_142_996, 3.754_408_661_907_416];
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < 0.024_25 {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - 0.024_25 {
        -tail((-2.0 * (-p).ln_1p()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}
