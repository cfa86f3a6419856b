//! The service-time distribution: a lognormal fitted to the median and 95th percentile
//! measured at low load, when the response time is the service time alone.
//!
//! With `z95 = 1.6448536…` the standard normal's 95% quantile, the fit is
//! `sigma = ln(p95 / p50) / z95` and `m = ln(p50)` (the log of the median); then
//! - mean `p50 * exp(sigma^2 / 2)`,
//! - squared coefficient of variation `Cs^2 = exp(sigma^2) - 1`,
//! - quantile `p50 * exp(sigma * z_p)`.
//!
//! The seed's p50 50 ms and p95 120 ms give `sigma = 0.5322`, a mean of 57.6 ms and
//! `Cs^2 = 0.327` (an exponential has 1). Its p99 comes out at 172 ms against the seed's
//! 250 ms: two numbers fix a lognormal, and the seed's tail is heavier than the fit.

/// The standard normal's 95% quantile.
pub const Z95: f64 = 1.644_853_626_951_472_2;

/// A lognormal service time in seconds, from its median and 95th percentile.
///
/// ```
/// use headroom::model::service::ServiceTime;
/// let s = ServiceTime::from_percentiles_ms(50.0, 120.0);
/// assert!((s.mean_s() - 0.057_61).abs() < 1e-5); // 50 ms x exp(0.5322^2 / 2)
/// assert!((s.quantile_s(0.95) - 0.120).abs() < 1e-9);
/// assert!((s.scv() - 0.3275).abs() < 1e-4); // exp(0.2833) - 1
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ServiceTime {
    /// `ln` of the median in seconds.
    pub ln_median: f64,
    /// Standard deviation of `ln S`, `>= 0` (0: every request takes the median).
    pub sigma: f64,
}

impl ServiceTime {
    /// The lognormal with median `p50_ms` and 95th percentile `p95_ms` (milliseconds,
    /// `0 < p50_ms <= p95_ms`).
    pub fn from_percentiles_ms(p50_ms: f64, p95_ms: f64) -> ServiceTime {
        ServiceTime { ln_median: (p50_ms / 1000.0).ln(), sigma: ((p95_ms / p50_ms).ln() / Z95).max(0.0) }
    }

    /// Median, seconds.
    pub fn median_s(&self) -> f64 {
        self.ln_median.exp()
    }

    /// Mean, seconds: `median * exp(sigma^2 / 2)`.
    pub fn mean_s(&self) -> f64 {
        (self.ln_median + 0.5 * self.sigma * self.sigma).exp()
    }

    /// Squared coefficient of variation `Var S / (E S)^2 = exp(sigma^2) - 1`, dimensionless.
    pub fn scv(&self) -> f64 {
        (self.sigma * self.sigma).exp_m1()
    }

    /// The `p` quantile (`0 < p < 1`), seconds.
    pub fn quantile_s(&self, p: f64) -> f64 {
        (self.ln_median + self.sigma * normal_quantile(p)).exp()
    }

    /// `P(S > t)` for `t` seconds.
    pub fn survival(&self, t: f64) -> f64 {
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
        if a <= 0.0 {
            return self.mean_s() - a;
        }
        if self.sigma == 0.0 {
            return (self.median_s() - a).max(0.0);
        }
        let x = a.ln() - self.ln_median;
        let biased = normal_survival((x - self.sigma * self.sigma) / self.sigma);
        (self.mean_s() * biased - a * normal_survival(x / self.sigma)).max(0.0)
    }

    /// Density of `S` at `t > 0` seconds, 1/s (0 for a point mass).
    pub fn density(&self, t: f64) -> f64 {
        if t <= 0.0 || self.sigma == 0.0 {
            return 0.0;
        }
        let z = (t.ln() - self.ln_median) / self.sigma;
        normal_density(z) / (self.sigma * t)
    }
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
